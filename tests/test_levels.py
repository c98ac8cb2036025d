"""junheng.core.levels: one list of levels, and every word-to-level map of the data maps into it."""

from __future__ import annotations

import pytest
from junheng.core.levels import LEVELS, level_order
from junheng.core.yamldata import package_yaml


def test_levels_are_the_contract_levels() -> None:
    assert set(LEVELS) == {"小学", "初中", "高中", "学前", "义务教育"}
    assert level_order("学前") < level_order("小学") < level_order("初中")
    assert level_order(None) == -1 and level_order("大学") == -1


@pytest.mark.parametrize(
    ("package", "name"),
    [("junheng.extractors.data", "figures.yaml"), ("junheng.validate", "relations.yaml")],
)
def test_levels_every_level_word_maps_to_a_level(package: str, name: str) -> None:
    words = package_yaml(package, name)["levels"]
    assert words, f"{name} has no level words"
    unknown = {word: level for word, level in words.items() if level not in (*LEVELS, None)}
    assert not unknown, f"{name} maps words to levels that do not exist: {unknown}"
