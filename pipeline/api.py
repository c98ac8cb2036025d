"""The front door: ``run(paths, options)`` reads a batch into OUT/ and yields each file's result.

Everything ``junheng run`` does happens here, in this order: list the inputs, load the standards
profile, process each file (in parallel workers, served from the store when unchanged), write
OUT/*.jsonl as the results stream past in input order, add the checks across files, write
manifest.json and draft — with the corrections a person keeps in the store (``junheng review``)
laid over the rows of the files that did not change (:mod:`junheng.draft.corrected`). The
command line (:mod:`junheng.cli`) only turns options into
:class:`Options` and results into messages and an exit code.

>>> for result in run(["corpus/seeds"], Options(out=Path("out"))):  # doctest: +SKIP
...     print(result.file, result.status, len(result.figures))
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from junheng.batch import (
    STORE_NAME,
    Batch,
    Budget,
    Outcome,
    Outputs,
    Store,
    TaskOptions,
    make_engine,
)
from junheng.batch import limits as batch_limits
from junheng.batch import lock as batch_lock
from junheng.batch.store import check_store_path
from junheng.batch.task import decode_rows
from junheng.batch.version import pipeline_version
from junheng.core.codec import (
    JsonLines,
    figure_from_row,
    finding_from_row,
    finding_row,
    item_from_row,
    read_jsonl,
    report_from_row,
    write_json,
)
from junheng.core.errors import UsageError
from junheng.core.model import FileResult, Status
from junheng.core.version import __version__
from junheng.draft import corrected
from junheng.draft.recheck import profile_digest
from junheng.runner import iter_inputs
from junheng.validate import Profile, RuleError, load_profile, validate_batch


@dataclass(frozen=True, slots=True)
class Options:
    """How to run a batch: where the outputs go and what the run may use (``junheng run``'s
    options; README.md, "Options of run")."""

    out: Path
    standard: str | None = None
    workers: int = 1
    store: Path | None = None
    engine: str = "local"
    address: str | None = None
    timeout: float = batch_limits.DEFAULT_TIMEOUT
    max_memory: int = batch_limits.DEFAULT_MAX_MEMORY_MB
    draft: bool = True
    decode: bool = True
    """Whether each yielded result carries its reports, figures, items and findings (read back
    from the rows); the command line needs only the status and sets it False."""
    progress: Callable[[Iterator[Outcome], int], Iterator[Outcome]] | None = field(
        default=None, compare=False
    )
    """Wraps the stream of outcomes (a progress bar), given it and the number of inputs."""
    draft_progress: Callable[[int, int, str], None] | None = field(default=None, compare=False)
    """Told each draft as it starts (default: a line on a terminal; a no-op silences it)."""


@dataclass
class Summary:
    """What the last run wrote into manifest.json, and how many files came from the store."""

    manifest: dict[str, Any] = field(default_factory=dict)
    reused: int = 0
    not_drafted: str | None = None
    """Why no draft was written (the batch held no report), for the command to say."""
    applied: corrected.Applied | None = None
    """The corrections the drafts hold, and those to check again (None: not drafted)."""


def run(
    paths: Sequence[str | Path], options: Options, summary: Summary | None = None
) -> Iterator[FileResult]:
    """Process every input into ``options.out``; yield one :class:`FileResult` per input file,
    in input order. The batch checks, manifest.json and the drafts are written when the last
    result has been taken. Raises :class:`UsageError` for a bad profile or output folder.
    """
    out, store_path = options.out, options.store or options.out / STORE_NAME
    _check_budget(options)
    _make_out(out)
    check_store_path(store_path)
    with contextlib.ExitStack() as locks:
        locks.enter_context(batch_lock.hold(out, "输出文件夹"))
        if options.store is not None:  # the default store is OUT's: OUT's lock covers it
            locks.enter_context(batch_lock.hold(store_path, "存储文件"))
        yield from _run(paths, options, store_path, summary)


def _run(
    paths: Sequence[str | Path], options: Options, store_path: Path, summary: Summary | None
) -> Iterator[FileResult]:
    out = options.out
    exclude = [out, store_path, *(store_path.with_name(store_path.name + x) for x in _SIDECARS)]
    inputs = list(iter_inputs([Path(p) for p in paths], exclude=exclude))
    started = _now()
    profile = _profile(options.standard)
    # other thresholds give other findings: the store keys results by the profile too
    digest = hashlib.sha256(profile.model_dump_json().encode()).hexdigest()[:8]
    version = f"{pipeline_version()}+{digest}"
    entries: list[dict[str, Any]] = []
    tally: Counter[str] = Counter()
    task = TaskOptions(options.standard, Budget(options.timeout, options.max_memory))
    with Store(store_path, version) as store:
        batch = Batch(inputs, store)
        engine = make_engine(options.engine, options.workers, task, options.address)
        outcomes = batch.run(engine)
        if options.progress is not None:
            outcomes = options.progress(outcomes, len(inputs))
        with Outputs(out) as outputs:
            for outcome in outcomes:
                outputs.write(outcome)
                entries.append(_entry(outcome))
                tally.update(outcome.rows)
                yield _result(outcome, options.decode)
        store.prune()
    _append_batch_findings(out, profile)
    manifest = {
        "inputs": entries,
        "counts": _counts(entries, tally),
        "started": started,
        "finished": _now(),
        "version": __version__,
        "standard": _standard_name(options.standard, profile),
        "standard_digest": profile_digest(profile),
    }
    write_json(out / "manifest.json", manifest)
    if summary is not None:
        summary.manifest, summary.reused = manifest, batch.reused
    if options.draft:
        _draft(out, store_path, profile, options, summary)


def _draft(
    out: Path, store_path: Path, profile: Profile, options: Options, summary: Summary | None
) -> None:
    """The drafts, with the corrections in the store that hold for this run's rows (the
    findings made again where they changed the rows, the dismissed ones left out)."""
    from junheng.draft import NothingToDraft, draft

    applied = corrected.apply(out, store_path)
    try:
        draft(out, progress=options.draft_progress, profile=profile, recheck=applied.written)
    except NothingToDraft as exc:  # no report, no claims: the command says so and exits 1
        if summary is None:
            raise
        summary.not_drafted = str(exc)
        return
    corrected.after_draft(out, store_path, applied)
    if summary is not None:
        summary.applied = applied


_SIDECARS = ("-wal", "-shm", "-journal")


def _check_budget(options: Options) -> None:
    timeout = options.timeout
    if timeout is not None and not 0 < timeout < math.inf:  # NaN fails both comparisons
        raise UsageError(f"--timeout 必须是大于 0 的有限秒数（收到 {timeout}）")


def _make_out(out: Path) -> None:
    """Create OUT, or say in one line why it cannot be the output folder."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out 应为文件夹，但 {out} 是一个已有的文件")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise UsageError(f"无法创建输出文件夹 {out}：路径中有一部分是文件而不是文件夹") from None
    except OSError as exc:
        raise UsageError(f"无法创建输出文件夹 {out}：{_os_words(exc)}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise UsageError(f"输出文件夹 {out} 不可写（只读或没有权限）")


def _os_words(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有权限"
    if exc.errno == errno.EROFS:
        return "文件系统是只读的"
    return f"系统错误（错误码 {exc.errno}）"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _standard_name(standard: str | None, profile: Profile) -> str:
    """What manifest.json records as the batch's profile, for ``junheng draft`` to check with
    again: a built-in name, or a profile file's absolute path."""
    if standard and Path(standard).is_file():
        return str(Path(standard).resolve())
    return standard or profile.name


def _profile(standard: str | None) -> Profile:
    try:  # a bad --standard is a usage error, found before any work
        return load_profile(standard)
    except (RuleError, OSError) as exc:
        raise UsageError(str(exc)) from exc


def _entry(outcome: Outcome) -> dict[str, Any]:
    """The file's manifest entry, with the digest of its rows (what its findings were made
    from: :func:`junheng.draft.corrected.rows_digest`)."""
    lines = decode_rows(outcome.payload)
    return {**outcome.entry, "rows_digest": corrected.rows_digest(outcome.entry["sha256"], lines)}


def _result(outcome: Outcome, decode: bool) -> FileResult:
    """The FileResult an outcome stands for (its content read back from the rows if asked)."""
    entry = outcome.entry
    result = FileResult(
        entry["file"],
        "",
        entry["sha256"],
        entry["bytes"],
        entry["format"],
        Status(entry["status"]),
        entry["error"],
    )
    if not decode or not outcome.payload:
        return result
    rows = {name: _lines(text) for name, text in decode_rows(outcome.payload).items()}
    return FileResult(
        *(result.file, result.path, result.sha256, result.bytes, result.format, result.status),
        result.error,
        reports=tuple(map(report_from_row, rows.get("reports", ()))),
        figures=tuple(map(figure_from_row, rows.get("figures", ()))),
        items=tuple(map(item_from_row, rows.get("items", ()))),
        findings=tuple(map(finding_from_row, rows.get("findings", ()))),
    )


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line]


def _counts(entries: Iterable[dict[str, Any]], rows: Counter[str]) -> dict[str, int]:
    """How many files ended in each status, and how many reports, figures and items in all."""
    status: Counter[str] = Counter({"ok": 0, "partial": 0, "failed": 0, "skipped": 0})
    files = 0
    for entry in entries:
        files += 1
        status[entry["status"]] += 1
    found = {"documents": rows["reports"], "figures": rows["figures"], "items": rows["items"]}
    return {"files": files, **status, **found}


def _append_batch_findings(out: Path, profile: Profile) -> None:
    """Checks across files (the same figure in two reports, 差异系数 over schools), added to
    findings.jsonl once every file's figures are written."""
    # the batch rules compare named units' reported facts; keeping only those keeps the memory
    # of a large batch near the size of what can be compared
    figures = [
        figure_from_row(row)
        for row in read_jsonl(out / "figures.jsonl")
        if row.get("kind") == "actual" and row.get("unit_name")
    ]
    found = validate_batch(figures, profile)
    if found:
        with JsonLines(out / "findings.jsonl", append=True) as findings:
            findings.write_all(map(finding_row, found))
