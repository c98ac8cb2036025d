"""Batch at scale: parallel workers, a store that survives a crash, Ray, per-file limits.

The pieces, each small: :mod:`~pipeline.batch.task` (the per-file task every engine runs),
:mod:`~pipeline.batch.local` and :mod:`~pipeline.batch.ray_engine` (who runs it),
:mod:`~pipeline.batch.limits` (time and memory per file), :mod:`~pipeline.batch.store` (SQLite,
keyed by file hash and :mod:`~pipeline.batch.version`), :mod:`~pipeline.batch.executor` (input
order, resume) and :mod:`~pipeline.batch.writer` (OUT/*.jsonl). :func:`make_engine` picks the
engine by name, as ``junheng run --engine`` does.
"""

from __future__ import annotations

from pipeline.batch.executor import Batch, Engine
from pipeline.batch.limits import Budget
from pipeline.batch.store import STORE_NAME, Store
from pipeline.batch.task import Outcome
from pipeline.batch.version import pipeline_version
from pipeline.batch.writer import Outputs

ENGINES = ("local", "ray")


def make_engine(name: str, workers: int, budget: Budget, address: str | None = None) -> Engine:
    """The engine called ``name``: ``local`` (worker processes here) or ``ray``."""
    if name == "local":
        from pipeline.batch.local import LocalEngine

        return LocalEngine(workers, budget)
    if name == "ray":
        from pipeline.batch.ray_engine import RayEngine

        return RayEngine(budget, address)
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
    "make_engine",
    "pipeline_version",
]
