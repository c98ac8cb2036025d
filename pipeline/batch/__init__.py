"""Batch at scale: parallel workers, a store that survives a crash, Ray, per-file limits.

The pieces, each small: :mod:`~junheng.batch.task` (the per-file task every engine runs),
:mod:`~junheng.batch.local` and :mod:`~junheng.batch.ray_engine` (who runs it),
:mod:`~junheng.batch.limits` (time and memory per file), :mod:`~junheng.batch.store` (SQLite,
keyed by file hash and :mod:`~junheng.batch.version`), :mod:`~junheng.batch.executor` (input
order, resume) and :mod:`~junheng.batch.writer` (OUT/*.jsonl). :func:`make_engine` picks the
engine by name, as ``junheng run --engine`` does.
"""

from __future__ import annotations

from junheng.batch.executor import Batch, Engine
from junheng.batch.limits import Budget
from junheng.batch.store import STORE_NAME, Store
from junheng.batch.task import Outcome, TaskOptions
from junheng.batch.version import pipeline_version
from junheng.batch.writer import Outputs

ENGINES = ("local", "ray")


def make_engine(
    name: str, workers: int, options: TaskOptions, address: str | None = None
) -> Engine:
    """The engine called ``name``: ``local`` (worker processes here) or ``ray``."""
    if name == "local":
        from junheng.batch.local import LocalEngine

        return LocalEngine(workers, options)
    if name == "ray":
        from junheng.batch.ray_engine import RayEngine

        return RayEngine(options, address)
    raise ValueError(f"unknown engine {name!r}; known engines: {', '.join(ENGINES)}")


__all__ = [
    "ENGINES",
    "STORE_NAME",
    "Batch",
    "Budget",
    "Engine",
    "Outcome",
    "Outputs",
    "Store",
    "TaskOptions",
    "make_engine",
    "pipeline_version",
]
