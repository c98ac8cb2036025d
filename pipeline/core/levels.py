"""The school levels (学前, 小学, 初中, 义务教育, 高中): one definition, kept as data."""

from __future__ import annotations

from junheng.core.yamldata import package_yaml

LEVELS: tuple[str, ...] = tuple(package_yaml("junheng.core", "data/levels.yaml")["levels"])
"""Every level a figure can carry, in the order reports and the drafts list them."""


def level_order(level: str | None) -> int:
    """A level's place in :data:`LEVELS` (−1 for none or an unknown one), for sorting."""
    return LEVELS.index(level) if level in LEVELS else -1
