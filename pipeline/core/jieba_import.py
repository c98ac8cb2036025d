"""jieba, imported without ``pkg_resources``.

jieba 0.42 imports ``pkg_resources`` only to open its own data files, which costs some 70 ms at
every start (and a deprecation warning); when the import fails it opens them from its own folder,
which is what the package ships. The block lasts only while jieba itself is imported.
"""

from __future__ import annotations

import sys
from types import ModuleType


def import_jieba() -> ModuleType:
    """The ``jieba`` module (the same one ``import jieba`` gives)."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import raises
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    return jieba
