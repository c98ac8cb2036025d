"""junheng: read, check and consolidate 义务教育均衡发展 work reports.

The front door is :func:`junheng.run` (:mod:`junheng.api`): ``run(paths, Options(out=...))``
yields one :class:`~junheng.core.model.FileResult` per input and writes OUT/ as the command does.
It is imported on first use, so ``import junheng.core`` stays light.
"""

from __future__ import annotations

from typing import Any

from junheng.core.version import __version__

__all__ = ["Options", "__version__", "run"]


def __getattr__(name: str) -> Any:
    if name in ("run", "Options"):
        from junheng import api

        return getattr(api, name)
    raise AttributeError(f"module 'junheng' has no attribute {name!r}")
