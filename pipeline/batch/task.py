"""The per-file task every engine runs, and the :class:`Outcome` it sends back.

An outcome is what the parent needs and nothing more: the file's manifest entry, how many rows it
gave each output, and the rows themselves already encoded as JSON lines and compressed. Encoding in
the worker keeps the parent's share of the work small (it only moves bytes), and the same bytes go
to the store and to OUT/, so a result read back from the store is identical to a fresh one.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from junheng.batch.limits import Budget, memory_message
from junheng.core.codec import encode_row, manifest_entry, rows_of
from junheng.core.model import FileResult, Status
from junheng.ingest import format_for
from junheng.runner import InputFile, printable, process_file

_MEMORY_ERRORS = ("处理时内存不足", "MemoryError")


@dataclass(frozen=True, slots=True)
class Task:
    """One file to process: its place in the input order and its content hash (from the parent)."""

    index: int
    item: InputFile
    sha256: str | None
    bytes: int | None


@dataclass(frozen=True, slots=True)
class TaskOptions:
    """What the per-file task needs besides the file: the same for every file of a run."""

    standard: str | None = None
    """The standards profile the validator checks against (a name or a YAML path)."""
    budget: Budget = field(default_factory=Budget)
    """What one file may cost (time, memory); enforced by the engine and its workers."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one file, ready for the manifest, the store and OUT/*.jsonl."""

    entry: dict[str, Any]
    """Its manifest entry (:func:`junheng.core.codec.manifest_entry`)."""
    rows: dict[str, int] = field(default_factory=dict)
    """How many rows it gave each output (for the manifest's counts)."""
    payload: bytes = b""
    """The rows as ``{output: "json line\\n…"}``, JSON then zlib; see :func:`decode_rows`."""
    cacheable: bool = True
    """False when the failure came from the budget (timeout, memory, crash), not from the file:
    such a result is not stored, so a re-run with a larger budget tries the file again."""


def decode_rows(payload: bytes) -> dict[str, str]:
    """The rows of an outcome's payload, each output's lines joined into one string."""
    return json.loads(zlib.decompress(payload)) if payload else {}


def outcome_of(result: FileResult, cacheable: bool = True) -> Outcome:
    found = rows_of(result)
    rows = {name: "".join(map(encode_row, lines)) for name, lines in found.items()}
    payload = zlib.compress(json.dumps(rows, ensure_ascii=False).encode(), 1) if rows else b""
    counts = {name: len(lines) for name, lines in found.items()}
    return Outcome(manifest_entry(result, counts), counts, payload, cacheable)


def failed(task: Task, error: str, cacheable: bool = False) -> Outcome:
    """A file that produced nothing, with the reason (the budget's failures are not cached)."""
    item = task.item
    fmt = format_for(item.path) or printable(item.path.suffix.lower().lstrip(".")) or None
    result = FileResult(
        item.name, str(item.path), task.sha256, task.bytes, fmt, Status.FAILED, error
    )
    return outcome_of(result, cacheable)


def run_task(
    task: Task, options: TaskOptions, before: Callable[[str], None] | None = None
) -> Outcome:
    """Process one file inside a worker. Never raises for a bad file.

    A MemoryError (the worker's ``RLIMIT_AS`` was reached) becomes "内存超限", whether it escaped
    :func:`~junheng.runner.process_file` or was caught and reported by it. ``before``, if given,
    is called with the file's name first, inside the same guard: the workers pass the test hook
    here when one is asked for (:func:`junheng.batch.testhook.from_env`), and nothing otherwise.
    """
    budget = options.budget
    try:
        if before is not None:
            before(task.item.name)
        result = process_file(task.item, standard=options.standard)
    except MemoryError:
        return failed(task, memory_message(budget.max_memory_mb))
    if result.status is Status.FAILED and any(m in (result.error or "") for m in _MEMORY_ERRORS):
        return failed(task, memory_message(budget.max_memory_mb))
    return outcome_of(result)
