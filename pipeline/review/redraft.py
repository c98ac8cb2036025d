"""「重新生成」: draft again with the corrections applied, and say what changed.

In this order, holding OUT's lock (a run into OUT meanwhile is refused, and this waits for none),
each step told to ``progress`` as it starts (the page shows it: :mod:`junheng.review.jobs`):

1. what report.docx and ledger.xlsx say now (:mod:`junheng.review.changes`);
2. the corrections that hold laid over the rows as extracted, into OUT/figures.jsonl and
   OUT/items.jsonl (:func:`junheng.draft.corrected.apply`, as ``junheng run`` and
   ``junheng draft`` do it);
3. the drafts (:func:`junheng.draft.draft`), the findings first made again where the rows
   changed, with the batch's own standards profile, and the ones a person dismissed left out of
   findings.jsonl for ``.junheng-review/dismissed.jsonl`` (:func:`junheng.draft.recheck.recheck`);
4. what the drafts say now, compared with step 1.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from junheng.batch import lock
from junheng.core.codec import read_jsonl
from junheng.draft import NothingToDraft, draft
from junheng.draft.corrected import apply, mark_drafted, review_dir
from junheng.draft.progress import Progress
from junheng.draft.recheck import batch_profile
from junheng.review import changes
from junheng.review.state import State

STEPS = 8
"""What report.docx and ledger.xlsx say, the corrections, six steps of drafting (reading the rows,
checking again, four drafts) counted from the third, and what changed."""


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


def redraft(state: State, progress: Progress | None = None) -> Redrafted:
    """Draft OUT again with ``state``'s corrections; see the module's docstring."""
    out = state.out
    tell = progress or (lambda step, steps, name: None)
    started = time.perf_counter()

    def drafting(step: int, steps: int, name: str) -> None:
        if name:  # the step after the last says only that drafting is done
            tell(2 + step, STEPS, name)

    with state.lock, lock.hold(out, "输出文件夹"):
        state.refresh()
        tell(1, STEPS, "读取原稿")
        before = changes.read(out)
        findings_before = _count(out / "findings.jsonl")
        tell(2, STEPS, "应用更正")
        applied = apply(out, state.overlay.path)
        result = Redrafted(corrected=applied.corrected)
        try:
            draft(out, recheck=True, profile=batch_profile(out), progress=drafting)
        except NothingToDraft as exc:
            result.error = str(exc)
        tell(STEPS, STEPS, "比较变化")
        result.changes = changes.compare(before, changes.read(out))
        result.findings = (findings_before, _count(out / "findings.jsonl"))
        result.dismissed = _count(review_dir(out) / "dismissed.jsonl")
        state.load_findings()  # findings.jsonl and the dismissed ones are new
        if result.error is None:
            mark_drafted(out, state.fingerprint())
    result.seconds = time.perf_counter() - started
    return result
