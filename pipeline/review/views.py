"""A report as the review page shows it: its text cut at every figure and evidence edge, each
piece knowing the figure and findings over it, and the figures, findings and items with their
state (open, confirmed, corrected, not a figure, dismissed).

Like :mod:`junheng.draft.review` (and LangExtract's ``visualize``): the template prints every
piece escaped; nothing here builds HTML.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from junheng.draft.labels import indicator_name, value_with_unit
from junheng.draft.overlay import Correction
from junheng.extractors.catalogue import load_catalogue
from junheng.review.state import ReportEntry, State

Row = dict[str, Any]

KIND = {"actual": "实际值", "target": "目标值", "standard": "标准值"}
SEVERITY = {"error": "错误", "warning": "疑点", "info": "提示"}
STATE = {
    "open": "未核",
    "confirm": "已确认",
    "correct": "已更正",
    "reject": "不是指标",
    "dismiss": "已排除",
}
LEVELS = ("小学", "初中", "高中", "学前", "义务教育")
ITEM_KINDS = {"problem": "问题", "measure": "措施", "outcome": "成效"}
STATUSES = ("已整改", "整改中", "未整改")


@cache
def indicators() -> tuple[tuple[str, str], ...]:
    """Every catalogue indicator as (id, 中文 name), for the editor's choice."""
    return tuple((ind.id, ind.name) for ind in load_catalogue().indicators)


def _state(c: Correction | None) -> str:
    return c.action if c is not None else "open"


@dataclass
class FigureView:
    i: int
    row: Row
    state: str
    correction: Correction | None
    findings: list[str]

    @property
    def id(self) -> str:
        return f"f{self.i}"

    @property
    def label(self) -> str:
        return indicator_name(str(self.row["indicator"]))

    @property
    def value(self) -> str:
        return value_with_unit(self.row["value"], str(self.row.get("unit") or "")) + (
            self.row.get("qualifier") or ""
        )

    @property
    def title(self) -> str:
        r = self.row
        parts = [
            self.label,
            self.value,
            r.get("level") or "",
            f"{r['year']}年" if r.get("year") else "",
            KIND.get(r["kind"], r["kind"]),
            STATE[self.state],
        ]
        return " · ".join(p for p in parts if p)


@dataclass
class FindingView:
    x: int
    row: Row
    state: str
    correction: Correction | None
    figures: list[str]

    @property
    def id(self) -> str:
        return f"x{self.x}"

    @property
    def severity(self) -> str:
        return SEVERITY.get(self.row.get("severity") or "", self.row.get("severity") or "")


@dataclass
class ItemView:
    i: int
    row: Row
    state: str
    problem: int | None

    @property
    def id(self) -> str:
        return f"i{self.i}"


@dataclass
class Segment:
    text: str
    figure: FigureView | None = None
    findings: list[FindingView] = field(default_factory=list)
    anchor: str | None = None

    @property
    def css(self) -> str:
        classes = []
        if self.figure is not None:
            f = self.figure
            classes += ["fig", f"k-{f.row['kind']}", f"st-{f.state}"]
            if f.findings:
                classes.append("flag")
        classes += [f"ev sev-{x.row.get('severity')}" for x in self.findings]
        return " ".join(dict.fromkeys(classes))

    @property
    def finding_ids(self) -> str:
        return " ".join(x.id for x in self.findings)


@dataclass
class ReportPage:
    entry: ReportEntry
    segments: list[Segment]
    figures: list[FigureView]
    findings: list[FindingView]
    items: list[ItemView]

    def editor_figure(self, wanted: str = "") -> FigureView | None:
        """The figure the editor opens on: ``wanted`` (an id), else the first flagged one."""
        for f in self.figures:
            if f.id == wanted:
                return f
        return next(
            (f for f in self.figures if f.findings), self.figures[0] if self.figures else None
        )

    @property
    def problems(self) -> list[ItemView]:
        return [v for v in self.items if v.row["kind"] == "problem"]


def _segments(
    text: str, base: int, figures: list[FigureView], findings: list[FindingView]
) -> list[Segment]:
    """Cut ``text`` (starting at offset ``base`` of its file) at every figure and evidence edge."""
    spans: list[tuple[int, int, Any]] = [
        (int(f.row["start"]), int(f.row["end"]), f) for f in figures
    ]
    for x in findings:
        for ev in x.row.get("evidence") or ():
            if (ev.get("file") or x.row.get("file")) == x.row.get("file"):
                spans.append((int(ev["start"]), int(ev["end"]), x))
    cuts = {0, len(text)}
    for start, end, _ in spans:
        cuts.update((min(max(start - base, 0), len(text)), min(max(end - base, 0), len(text))))
    out = []
    for left, right in itertools.pairwise(sorted(cuts)):
        segment = Segment(text[left:right])
        for start, end, what in spans:
            if start - base < right and end - base > left:
                if isinstance(what, FigureView):
                    if segment.figure is None:
                        segment.figure = what
                        if start - base == left:
                            segment.anchor = what.id
                elif what not in segment.findings:
                    segment.findings.append(what)
        out.append(segment)
    return out


def report_page(state: State, n: int) -> ReportPage:
    """The page of the ``n``-th report (raises IndexError past the last)."""
    entry = state.reports[n]
    figures = []
    for i in entry.figures:
        row, c = state.figure(i)
        figures.append(
            FigureView(i, row, _state(c), c, [f"x{x}" for x in state.flagged.get(i, [])])
        )
    findings = []
    for x in entry.findings:
        row, c = state.finding(x)
        findings.append(FindingView(x, row, _state(c), c, [f"f{i}" for i in state.evidence[x]]))
    items = []
    for i in entry.items:
        row, c = state.item(i)
        problem = state.problem_of(i) if row["kind"] != "problem" else None
        items.append(ItemView(i, row, _state(c), problem))
    start, end = int(entry.row["start"]), int(entry.row["end"])
    text = state.rows.texts.get(str(entry.row["file"]), "")[start:end]
    return ReportPage(entry, _segments(text, start, figures, findings), figures, findings, items)


@dataclass(frozen=True, slots=True)
class NavEntry:
    n: int
    unit: str
    title: str
    file: str
    doc: int
    figures: int
    findings: int
    open: int


NAV_WINDOW = 200
"""Reports listed on the left around the one shown (a batch of 1,000 files holds ~10,000)."""
NAV_MATCHES = 500


@dataclass(frozen=True, slots=True)
class Nav:
    entries: list[NavEntry]
    total: int
    before: int
    """Reports before the first listed (0 when the list starts at the first)."""
    after: int
    query: str = ""


def _nav_entry(state: State, e: ReportEntry) -> NavEntry:
    return NavEntry(
        e.n,
        str(e.row.get("unit_name") or ""),
        str(e.row.get("title") or ""),
        str(e.row["file"]),
        int(e.row["doc"]),
        len(e.figures),
        len(e.findings),
        state.open_findings(e) if e.findings else 0,
    )


def nav(state: State, current: int = 0, query: str = "") -> Nav:
    """The reports list of the left column, with what is left to check in each: the reports
    around ``current``, or those whose unit, title or file holds ``query``."""
    total = len(state.reports)
    if query:
        words = query.lower()
        found = [
            e
            for e in state.reports
            if words
            in f"{e.row.get('unit_name') or ''} {e.row.get('title') or ''} {e.row['file']}".lower()
        ]
        shown = found[:NAV_MATCHES]
        return Nav([_nav_entry(state, e) for e in shown], total, 0, len(found) - len(shown), query)
    low = max(0, min(current - NAV_WINDOW // 2, total - NAV_WINDOW))
    high = min(total, low + NAV_WINDOW)
    entries = [_nav_entry(state, e) for e in state.reports[low:high]]
    return Nav(entries, total, low, total - high)


def next_with_findings(state: State, n: int, step: int = 1) -> int | None:
    """The next report (after ``n``, or before it with ``step=-1``) that has an open finding,
    else the next with any finding."""
    order = range(n + step, len(state.reports)) if step > 0 else range(n - 1, -1, -1)
    fallback = None
    for m in order:
        entry = state.reports[m]
        if entry.findings:
            if state.open_findings(entry):
                return m
            fallback = m if fallback is None else fallback
    return fallback
