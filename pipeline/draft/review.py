"""review.html: every report's text with its figures highlighted and findings marked.

Like LangExtract's ``visualize``: the text is cut at every span boundary into segments, each
segment knows the figures and findings covering it, and the template prints them escaped. One
self-contained file (CSS and JS inline), so it opens offline from a mail attachment.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from junheng.core.model import Figure, Finding, Report
from junheng.draft.inputs import Batch, Key
from junheng.draft.labels import indicator_name, value_with_unit
from junheng.draft.summary import Summary

KIND = {"actual": "实际值", "target": "目标值", "standard": "标准值"}
SEVERITY = {"error": "错误", "warning": "疑点", "info": "提示"}


@dataclass
class Segment:
    """A run of text covered by the same figures and findings."""

    text: str
    refs: list[tuple[str, int]] = field(default_factory=list)  # ("figure"|"finding", index)
    anchors: list[str] = field(default_factory=list)  # element ids starting here
    figures: list[FigureView] = field(default_factory=list)
    findings: list[FindingView] = field(default_factory=list)

    @property
    def css(self) -> str:
        classes = [f"fig k-{self.figures[0].figure.kind}"] if self.figures else []
        classes += [f"ev sev-{x.finding.severity}" for x in self.findings]
        return " ".join(dict.fromkeys(classes))

    @property
    def title(self) -> str:
        lines = [f.title for f in self.figures] + [x.finding.message for x in self.findings]
        return "\n".join(dict.fromkeys(lines))


@dataclass
class FigureView:
    id: str
    figure: Figure
    label: str
    value: str
    title: str


@dataclass
class FindingView:
    id: str
    finding: Finding
    unit: str
    severity: str
    targets: list[str]  # element ids of its evidence, in order


@dataclass
class ReportView:
    id: str
    report: Report
    unit: str
    segments: list[Segment]
    figures: list[FigureView]
    findings: list[FindingView]
    copies: list[tuple[str, int]] = field(default_factory=list)
    """Other files (and the report's place in each) holding this same report."""


def _figure_view(n: int, prefix: str, figure: Figure) -> FigureView:
    value = value_with_unit(figure.value, figure.unit) + (figure.qualifier or "")
    parts = [
        indicator_name(figure.indicator),
        value,
        figure.level or "",
        f"{figure.year}年" if figure.year else "",
        KIND.get(figure.kind, figure.kind),
    ]
    return FigureView(
        f"{prefix}-f{n}",
        figure,
        indicator_name(figure.indicator),
        value,
        " · ".join(p for p in parts if p),
    )


def _segments(text: str, base: int, spans: list[tuple[int, int, str, int]]) -> list[Segment]:
    """Cut ``text`` (starting at offset ``base``) at every span edge; each piece knows the spans
    over it, in the order of ``spans``."""
    cuts = {0, len(text)}
    for start, end, _, _ in spans:
        cuts.update((min(max(start - base, 0), len(text)), min(max(end - base, 0), len(text))))
    edges = sorted(cuts)
    segments = [Segment(text[left:right]) for left, right in itertools.pairwise(edges)]
    for start, end, kind, ref in spans:
        # the pieces [left, right) with start < right and end > left, found by bisection
        first = max(bisect.bisect_right(edges, start - base) - 1, 0)
        last = min(bisect.bisect_left(edges, end - base) - 1, len(segments) - 1)
        for segment in segments[first : last + 1]:
            segment.refs.append((kind, ref))
    return segments


def _anchor(
    segments: list[Segment], starts: list[int], base: int, start: int, element_id: str
) -> bool:
    """Anchor ``element_id`` on the first piece at or after offset ``start`` (``starts``: where
    each piece starts in the report's text)."""
    at = bisect.bisect_left(starts, start - base)
    if at >= len(segments):
        return False
    segments[at].anchors.append(element_id)
    return True


def _report_view(
    n: int,
    report: Report,
    batch: Batch,
    summary: Summary,
    found: tuple[list[Figure], list[Finding]],
) -> ReportView:
    prefix = f"r{n}"
    own_figures, findings = found
    text = batch.texts.get(report.file, "")[report.start : report.end]
    figures = [_figure_view(i, prefix, f) for i, f in enumerate(own_figures)]
    views = [
        FindingView(
            f"{prefix}-x{i}", f, summary.unit_for(f), SEVERITY.get(f.severity, f.severity), []
        )
        for i, f in enumerate(findings)
    ]
    spans: list[tuple[int, int, str, int]] = [
        (v.figure.start, v.figure.end, "figure", i) for i, v in enumerate(figures)
    ]
    for i, view in enumerate(views):
        for ev in view.finding.evidence:
            if ev.file == report.file and report.start <= ev.start < report.end:
                spans.append((ev.start, ev.end, "finding", i))
    segments = _segments(text, report.start, spans)
    starts = list(itertools.accumulate((len(s.text) for s in segments), initial=0))[:-1]
    for segment in segments:
        segment.figures = [figures[i] for kind, i in segment.refs if kind == "figure"]
        segment.findings = list(
            {id(views[i]): views[i] for kind, i in segment.refs if kind == "finding"}.values()
        )
    for figure_view in figures:
        _anchor(segments, starts, report.start, figure_view.figure.start, figure_view.id)
    for view in views:
        for k, ev in enumerate(view.finding.evidence):
            target = f"{view.id}-e{k}"
            if ev.file == report.file and _anchor(segments, starts, report.start, ev.start, target):
                view.targets.append(target)
    copies = [(file, doc + 1) for file, doc in summary.copies.get(report.key, [])]
    unit = summary.unit_of.get(report.key, "")
    return ReportView(prefix, report, unit, segments, figures, views, copies)


def views(batch: Batch, summary: Summary) -> list[ReportView]:
    """One view per report; each report's figures and findings grouped once, up front."""
    findings: dict[Key, list[Finding]] = {}
    for finding in batch.findings:
        findings.setdefault(finding.key, []).append(finding)
    figures: dict[Key, list[Figure]] = {}
    for figure in batch.figures:
        figures.setdefault(figure.key, []).append(figure)
    return [
        _report_view(n, r, batch, summary, (figures.get(r.key, []), findings.get(r.key, [])))
        for n, r in enumerate(batch.reports)
    ]


def write(batch: Batch, summary: Summary, env: Environment, path: Path) -> Path:
    reports = views(batch, summary)
    html = env.get_template("review.html.j2").render(reports=reports, s=summary, kinds=KIND)
    path.write_text(html, encoding="utf-8")
    return path
