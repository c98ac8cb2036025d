"""Drafting: the documents a person hands on, rebuilt from the jsonl files in OUT.

``draft(OUT)`` reads OUT/*.jsonl and writes report.docx (the 整改情况报告 in 公文 format),
ledger.xlsx (整改台账, 指标汇总, 核查发现), figures.csv and review.html beside them. It reads only
the files, so a person can correct a figure or an item in the jsonl and draft again. A report
held by several files (.txt, .docx and .pdf of one report, or two copies) counts once; the
manifest gains which files hold copies of which (:mod:`junheng.draft.dedup`). A batch without a
single report drafts nothing: :class:`NothingToDraft`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from junheng.draft.progress import Progress, terminal_progress

if TYPE_CHECKING:
    from junheng.draft.inputs import Batch
    from junheng.validate import Profile

OUTPUT_NAMES = ("report.docx", "ledger.xlsx", "figures.csv", "review.html")


class NothingToDraft(Exception):
    """The batch holds no report: a draft would only make claims without evidence."""


def draft(
    out_dir: Path,
    template_dir: Path | None = None,
    progress: Progress | None = None,
    recheck: bool = False,
    profile: Profile | None = None,
) -> list[Path]:
    """Write the four drafts into ``out_dir`` from its jsonl files; return their paths.

    ``progress`` is told each step as it starts (default: a line on stderr when it is a
    terminal, :func:`junheng.draft.progress.terminal_progress`). Raises :class:`NothingToDraft`
    (after removing drafts an earlier run left there) when no report was read. With ``recheck``
    (``junheng draft``: a person may have corrected the rows) the findings are made again from
    the rows first (:mod:`junheng.draft.recheck`), with ``profile`` (default: the batch's own,
    as manifest.json records it). ``template_dir`` is a folder of templates (its ``report.docx``,
    if any, is the Word template) or a Word template (.docx) itself.

    Example:
        >>> draft(Path("out"))  # doctest: +SKIP
        [PosixPath('out/report.docx'), PosixPath('out/ledger.xlsx'), ...]
    """
    # imported here: openpyxl, python-docx and jinja2 take half a second to import, and every
    # ``junheng`` command imports this package (the draft subcommand's parser)
    from junheng.draft import figures_csv, ledger, report_docx, review
    from junheng.draft.env import environment
    from junheng.draft.inputs import load, readable, unique
    from junheng.draft.recheck import batch_profile
    from junheng.draft.summary import file_labels, summarise

    out_dir = Path(out_dir)
    tell = progress or terminal_progress() or (lambda step, steps, name: None)
    tell(1, len(OUTPUT_NAMES) + 1, "读取")
    everything = load(out_dir)
    if not everything.reports:
        _remove_drafts(out_dir)
        raise NothingToDraft(_nothing_message(everything.inputs))
    profile = profile or batch_profile(out_dir)
    if recheck:
        from junheng.draft.recheck import recheck as check_again

        tell(1, len(OUTPUT_NAMES) + 1, "重新核查")
        everything = check_again(out_dir, everything, profile)
    batch = unique(everything)
    ids = frozenset(rule.id for rule in profile.rules)
    batch = readable(batch, ids, file_labels(batch))
    _annotate_manifest(out_dir, batch)
    summary = summarise(batch, profile)
    word, words = report_docx.template_paths(template_dir)
    env = environment(words)
    steps: list[tuple[str, Callable[[], Path]]] = [
        ("report.docx", lambda: report_docx.write(summary, env, out_dir / "report.docx", word)),
        ("ledger.xlsx", lambda: ledger.write(batch, summary, out_dir / "ledger.xlsx")),
        ("figures.csv", lambda: figures_csv.write(everything, summary, out_dir / "figures.csv")),
        ("review.html", lambda: review.write(batch, summary, env, out_dir / "review.html")),
    ]
    written = []
    for n, (name, step) in enumerate(steps, 2):
        tell(n, len(steps) + 1, name)
        written.append(step())
    tell(len(steps) + 2, len(steps) + 1, "")
    return written


def _remove_drafts(out_dir: Path) -> None:
    for name in OUTPUT_NAMES:
        (out_dir / name).unlink(missing_ok=True)


def _nothing_message(inputs: tuple[dict[str, object], ...]) -> str:
    if not inputs:
        return "没有读到任何输入文件，未生成汇总报告、整改台账和核查页面"
    failed = sum(1 for i in inputs if i.get("status") in ("failed", "skipped"))
    return (
        f"{len(inputs)} 个输入文件中没有读到任何报告（{failed} 个失败或跳过），"
        "未生成汇总报告、整改台账和核查页面；请查看 manifest.json 中各文件的 error"
    )


def _annotate_manifest(out_dir: Path, batch: Batch) -> None:
    """Add to manifest.json which reports are copies of which (fields added, none renamed)."""
    from junheng.core.codec import write_json
    from junheng.draft.dedup import annotate

    path = out_dir / "manifest.json"
    if not path.is_file():
        return
    manifest = json.loads(path.read_text("utf-8"))
    updated = annotate(manifest, batch.copies)
    if updated != manifest:
        write_json(path, updated)


__all__ = ["OUTPUT_NAMES", "NothingToDraft", "Progress", "draft"]
