"""The app's state: one OUT folder's rows, indexed by report, with the overlay laid over them.

Loaded once (:meth:`State.load`, about a second for 1,000 files' outputs) and again only when a
run rewrites manifest.json. A correction changes the overlay and one entry of the index, so it
costs a database write and no reload.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from junheng.draft import corrections
from junheng.draft.corrected import drafted, findings_shown, present, run_stamp
from junheng.draft.corrections import Where
from junheng.draft.overlay import Correction, Key, Overlay, stamped
from junheng.review.outdir import Rows, load, manifest_mark

Row = dict[str, Any]


@dataclass
class ReportEntry:
    """One report and the indexes (into :class:`Rows`) of its figures, findings and items."""

    n: int
    row: Row
    figures: list[int] = field(default_factory=list)
    findings: list[int] = field(default_factory=list)
    items: list[int] = field(default_factory=list)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """No cyclic collection while ~100,000 rows are parsed, and none over them afterwards
    (:func:`gc.freeze`; they hold no cycles and are freed by reference counting as usual):
    loading is twice as fast, and no page pays a second-long collection over them later."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class NotFound(KeyError):
    """No figure, finding or item has that id in this OUT (it was re-run meanwhile)."""


class State:
    """``State(out, store)``: the rows of ``out`` and the corrections in ``store``."""

    def __init__(self, out: Path, store: Path) -> None:
        self.out = out
        self.overlay = Overlay(store)
        self.lock = threading.RLock()
        self.load()

    def load(self) -> None:
        with self.lock, _no_gc():
            self._mark = manifest_mark(self.out)
            self.rows: Rows = load(self.out)
            self.reports = [ReportEntry(n, row) for n, row in enumerate(self.rows.reports)]
            self.by_key = {(str(r.row["file"]), int(r.row["doc"])): r for r in self.reports}
            for kind in ("figures", "findings", "items"):
                self._index(kind)
            self._index_figures()
            self._sort()

    def load_findings(self) -> None:
        """Read the findings again, and only them: after a redraft (the rows the app shows are
        the run's, kept aside, and the run is the same)."""
        with self.lock, _no_gc():
            self._mark = manifest_mark(self.out)
            self.rows.findings = findings_shown(self.out)
            for entry in self.reports:
                entry.findings = []
            self._index("findings")
            self._index_figures()
            self._sort()

    def _index(self, kind: str) -> None:
        """Each row of ``kind`` on the entry of its report."""
        for i, row in enumerate(getattr(self.rows, kind)):
            entry = self.by_key.get((str(row.get("file")), int(row.get("doc") or 0)))
            if entry is not None:
                getattr(entry, kind).append(i)

    def _index_figures(self) -> None:
        """Per file, the figures by start, to find the figures a finding's evidence covers."""
        by_file: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, row in enumerate(self.rows.figures):
            by_file[str(row["file"])].append((int(row["start"]), i))
        for spans in by_file.values():
            spans.sort()
        self._figures_by_file = dict(by_file)
        self.evidence: dict[int, list[int]] = {}
        self.flagged: dict[int, list[int]] = defaultdict(list)  # figure -> findings
        for x, finding in enumerate(self.rows.findings):
            found = []
            for ev in finding.get("evidence") or ():
                file = str(ev.get("file") or finding.get("file"))
                found += self.figures_in(file, int(ev["start"]), int(ev["end"]))
            self.evidence[x] = list(dict.fromkeys(found))
            for f in self.evidence[x]:
                self.flagged[f].append(x)

    def figures_in(self, file: str, start: int, end: int) -> list[int]:
        spans = self._figures_by_file.get(file, [])
        at = bisect.bisect_left(spans, (start - 64, -1))  # a figure's number is short
        out = []
        for f_start, i in spans[at:]:
            if f_start >= end:
                break
            if int(self.rows.figures[i]["end"]) > start:
                out.append(i)
        return out

    def _sort(self) -> None:
        rows = self.rows
        places = present(rows.figures, rows.items, rows.findings)
        self.sorted = corrections.sort(self.overlay.all(), rows.shas, places)

    def refresh(self) -> bool:
        """Load again when a run rewrote OUT since; True when it did."""
        if manifest_mark(self.out) == self._mark:
            return False
        self.load()
        return True

    # --- what the pages show ----------------------------------------------------------------

    def correction(self, where: Where) -> Correction | None:
        return self.sorted.holding.get(where)

    def figure(self, i: int) -> tuple[Row, Correction | None]:
        """The figure as corrected (or as extracted, when a person said it is not a figure)."""
        base = self._get(self.rows.figures, i)
        c = self.correction(corrections.figure_where(base))
        shown = corrections.corrected_figure(base, c) if c and c.action != "reject" else base
        return shown or base, c

    def item(self, i: int) -> tuple[Row, Correction | None]:
        base = self._get(self.rows.items, i)
        c = self.correction(corrections.item_where(base))
        if c is None or c.action != "correct":
            return base, c
        return {**base, **{k: v for k, v in c.changes.items() if k in corrections.ITEM_FIELDS}}, c

    def finding(self, x: int) -> tuple[Row, Correction | None]:
        row = self._get(self.rows.findings, x)
        return row, self.correction(corrections.finding_where(row))

    def problem_of(self, i: int, corrected: bool = True) -> int | None:
        """The index of the problem item ``i`` answers (as corrected, unless ``corrected`` is
        False: as extracted), or None."""
        base = self._get(self.rows.items, i)
        c = self.correction(corrections.item_where(base))
        if corrected and c is not None and c.action == "correct" and "problem" in c.changes:
            value = c.changes["problem"]
            return int(value) if value is not None else None
        entry = self._entry_of(base)
        link = {"kind": base["kind"], "index": base["index"]}
        for j in entry.items if entry else ():
            other = self.rows.items[j]
            if other.get("kind") == "problem" and link in (other.get("links") or []):
                return int(other["index"])
        return None

    def _entry_of(self, row: Row) -> ReportEntry | None:
        return self.by_key.get((str(row.get("file")), int(row.get("doc") or 0)))

    @staticmethod
    def _get(rows: list[Row], i: int) -> Row:
        if not 0 <= i < len(rows):
            raise NotFound(i)
        return rows[i]

    def open_findings(self, entry: ReportEntry) -> int:
        return sum(1 for x in entry.findings if self.finding(x)[1] is None)

    # --- what a person does -----------------------------------------------------------------

    def _key(self, where: Where) -> Key:
        target, file, start, end, ref = where
        return Key(file, self.rows.shas.get(file, ""), target, start, end, ref)

    def _put(
        self, where: Where, action: str, changes: dict[str, Any], reason: str | None, was: Row
    ) -> Correction:
        c = stamped(Correction(self._key(where), action, changes, reason, was))
        with self.lock:
            self.overlay.put(c)
            self.sorted.holding[where] = c
        return c

    def _forget(self, where: Where) -> None:
        with self.lock:
            c = self.sorted.holding.pop(where, None)
            if c is not None:
                self.overlay.delete(c.key)

    def set_figure(self, i: int, action: str, changes: dict[str, Any]) -> Correction | None:
        base = self._get(self.rows.figures, i)
        where = corrections.figure_where(base)
        if action == "reset":
            self._forget(where)
            return None
        was = {k: base.get(k) for k in (*corrections.FIGURE_FIELDS, "text", "number")}
        if action == "correct":
            changes = {k: v for k, v in changes.items() if base.get(k) != v}
            if not changes:
                action = "confirm"
        return self._put(where, action, changes if action == "correct" else {}, None, was)

    def set_finding(self, x: int, action: str, reason: str | None) -> Correction | None:
        row = self._get(self.rows.findings, x)
        where = corrections.finding_where(row)
        if action == "reset":
            self._forget(where)
            return None
        was = {"message": row.get("message"), "severity": row.get("severity")}
        return self._put(where, action, {}, reason, was)

    def set_item(self, i: int, action: str, changes: dict[str, Any]) -> Correction | None:
        base = self._get(self.rows.items, i)
        where = corrections.item_where(base)
        if action == "reset":
            self._forget(where)
            return None
        was = {k: base.get(k) for k in ("kind", "status", "owner", "deadline", "text")}
        was["problem"] = self.problem_of(i, corrected=False) if base["kind"] != "problem" else None
        changes = {k: v for k, v in changes.items() if was.get(k, base.get(k)) != v}
        if not changes:
            return self._put(where, "confirm", {}, None, was)
        return self._put(where, "correct", changes, None, was)

    def drop_recheck(self, n: int) -> None:
        """Forget the ``n``-th correction to check again."""
        with self.lock:
            c, _ = self.sorted.recheck.pop(n)
            self.overlay.delete(c.key)

    def carry(self, n: int) -> bool:
        """Carry the ``n``-th correction to check again over to the file as it is now, when its
        sentence and number still stand once in it (only the file around them changed)."""
        with self.lock:
            c, _ = self.sorted.recheck[n]
            if c.key.target != "figure":
                return False
            matches = [
                r
                for r in self.rows.figures
                if r["file"] == c.key.file
                and r["indicator"] == c.key.ref
                and r.get("text") == c.was.get("text")
                and r.get("number") == c.was.get("number")
            ]
            if len(matches) != 1:
                return False
            where = corrections.figure_where(matches[0])
            moved = replace(c, key=self._key(where))
            self.overlay.put(moved)
            self.overlay.delete(c.key)
            self.sorted.recheck.pop(n)
            self.sorted.holding[where] = moved
            return True

    # --- drafting ---------------------------------------------------------------------------

    def fingerprint(self) -> str:
        """Changes whenever a holding correction does (to tell whether the drafts are behind)."""
        return corrections.fingerprint(self.sorted.holding.values())

    def drafts_behind(self) -> bool:
        """True when some correction is not in report.docx and ledger.xlsx yet (none was
        drafted since the last run, or some changed since the last draft)."""
        done = drafted(self.out)
        if done.get("run") != run_stamp(self.out):
            return bool(self.sorted.holding)
        return done.get("fingerprint") != self.fingerprint()
