"""「重新生成」: draft again with the corrections applied, and say what changed.

In this order, holding OUT's lock (a run into OUT meanwhile is refused, and this waits for none):

1. the rows as extracted (:mod:`junheng.review.outdir`) with the corrections that hold laid over
   them (:mod:`junheng.review.apply`) become OUT/figures.jsonl and OUT/items.jsonl;
2. the findings are made again from them (:func:`junheng.draft.recheck.recheck`, the batch's
   own standards profile), and the ones a person dismissed leave findings.jsonl for
   ``.junheng-review/dismissed.jsonl``;
3. report.docx, ledger.xlsx, figures.csv and review.html are drafted (:func:`junheng.draft.draft`)
   and compared with what they said before (:mod:`junheng.review.changes`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from junheng.batch import lock
from junheng.core.codec import JsonLines, read_jsonl, write_json
from junheng.draft import NothingToDraft, draft
from junheng.draft.inputs import load
from junheng.draft.recheck import batch_profile, recheck
from junheng.review import apply, changes
from junheng.review.outdir import review_dir, run_stamp
from junheng.review.state import State


@dataclass
class Redrafted:
    changes: list[changes.Change] = field(default_factory=list)
    findings: tuple[int, int] = (0, 0)
    """How many findings the drafts held before and hold now."""
    dismissed: int = 0
    corrected: int = 0
    seconds: float = 0.0
    error: str | None = None

    @property
    def counts(self) -> dict[str, int]:
        return changes.summary(self.changes)


def _count(path: Path) -> int:
    return sum(1 for _ in read_jsonl(path))


def redraft(state: State) -> Redrafted:
    """Draft OUT again with ``state``'s corrections; see the module's docstring."""
    out = state.out
    started = time.perf_counter()
    with state.lock, lock.hold(out, "输出文件夹"):
        state.refresh()
        before = changes.read(out)
        findings_before = _count(out / "findings.jsonl")
        holding = state.sorted.holding
        with JsonLines(out / "figures.jsonl") as rows:
            rows.write_all(apply.figures(state.rows.figures, holding))
        with JsonLines(out / "items.jsonl") as rows:
            rows.write_all(apply.items(state.rows.items, holding))
        profile = batch_profile(out)
        recheck(out, load(out), profile)
        kept, dismissed = apply.findings(read_jsonl(out / "findings.jsonl"), holding)
        with JsonLines(out / "findings.jsonl") as rows:
            rows.write_all(kept)
        with JsonLines(review_dir(out) / "dismissed.jsonl") as rows:
            rows.write_all(dismissed)
        result = Redrafted(findings=(findings_before, len(kept)), dismissed=len(dismissed))
        result.corrected = sum(1 for c in holding.values() if c.action in ("correct", "reject"))
        try:
            draft(out, recheck=False, profile=profile, progress=lambda *_: None)
        except NothingToDraft as exc:
            result.error = str(exc)
        result.changes = changes.compare(before, changes.read(out))
        write_json(
            review_dir(out) / "drafted.json",
            {"run": run_stamp(out), "fingerprint": state.fingerprint()},
        )
        state.load()  # findings.jsonl and the dismissed ones are new
    result.seconds = time.perf_counter() - started
    return result
