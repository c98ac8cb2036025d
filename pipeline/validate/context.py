"""What a per-document rule sees, and how a finding is put together.

:class:`DocContext` holds one file's document, reports, figures, items and the profile, with the
sentences and relations read once and shared by the rules. :func:`finding` builds a
:class:`~junheng.core.model.Finding` whose evidence cuts the numbers out of ``Document.text``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from junheng.core.model import Document, Evidence, Figure, Finding, Item, Report, Severity
from junheng.extractors.grids import grids
from junheng.extractors.numbers import Quantities
from junheng.validate.blocks import block_relations
from junheng.validate.by_level import level_relations
from junheng.validate.level_lines import level_line_relations
from junheng.validate.profile import Profile
from junheng.validate.quantities import Q
from junheng.validate.relations import Relation, Sentence, read_relations, split_sentences
from junheng.validate.tables import table_relations


@dataclass
class DocContext:
    """One file's material for the per-document rules."""

    doc: Document
    reports: Sequence[Report]
    figures: Sequence[Figure]
    items: Sequence[Item]
    profile: Profile
    file: str = ""
    quantities: Quantities | None = None
    """The document's numbers, read once (by the runner, shared with the figure extractor)."""
    _sentences: dict[int, list[Sentence]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.file = self.file or self.doc.source
        if self.quantities is None:
            self.quantities = Quantities.of(self.doc.text)

    def spans(self) -> list[tuple[int, int, int]]:
        """``(report index, start, end)`` for each report, or the whole text as report 0."""
        if not self.reports:
            return [(0, 0, len(self.doc.text))]
        return [(r.index, r.start, r.end) for r in self.reports]

    def sentences(self, index: int, start: int, end: int) -> list[Sentence]:
        if index not in self._sentences:
            units = tuple(self.profile.tolerances.counted_units)
            self._sentences[index] = split_sentences(
                self.doc.text, start, end, units, self.quantities
            )
        return self._sentences[index]

    @cached_property
    def relations(self) -> list[tuple[int, Relation]]:
        """Every relation of every report, with the report's index."""
        rounding = self.profile.tolerances.rounding
        found = []
        for index, start, end in self.spans():
            sentences = self.sentences(index, start, end)
            said = list(
                read_relations(self.doc.text, sentences, rounding, self.quantities, (start, end))
            )
            mine = [f for f in self.figures if f.doc == index]
            said += block_relations(self.doc.text, mine, sentences, rounding, said)
            said += level_relations(self.doc.text, mine, sentences, rounding, said)
            said += level_line_relations(self.doc.text, sentences, rounding, said)
            found += [(index, r) for r in said]
        for grid in grids(self.doc):
            found += [(self._report_at(r.stated.start), r) for r in table_relations(grid, rounding)]
        return found

    def _report_at(self, offset: int) -> int:
        """The index of the report that holds ``offset`` (the first one if none does)."""
        spans = self.spans()
        return next((i for i, start, end in spans if start <= offset < end), spans[0][0])

    def report(self, index: int) -> Report | None:
        return next((r for r in self.reports if r.index == index), None)

    def unit_name(self, index: int) -> str | None:
        report = self.report(index)
        return report.unit_name if report else None


def quantity_evidence(ctx: DocContext, index: int, qs: Iterable[Q]) -> tuple[Evidence, ...]:
    """Evidence for numbers read from the text: the number and its unit as written."""
    text = ctx.doc.text
    return tuple(
        Evidence(
            ctx.file,
            index,
            text[q.start : max(q.unit_end, q.end)],
            q.start,
            max(q.unit_end, q.end),
            ctx.doc.page_at(q.start),
        )
        for q in sorted(qs, key=lambda q: q.start)
    )


def figure_evidence(ctx: DocContext, figures: Iterable[Figure]) -> tuple[Evidence, ...]:
    """Evidence for figures: the sentence each was read from, offsets of the number."""
    text = ctx.doc.text
    return tuple(
        Evidence(
            ctx.file,
            f.doc,
            text[f.sentence.start : f.sentence.end],
            f.span.start,
            f.span.end,
            f.span.page if f.span.page is not None else ctx.doc.page_at(f.span.start),
        )
        for f in figures
    )


def finding(
    ctx: DocContext,
    index: int,
    rule: str,
    message: str,
    values: Sequence[float],
    evidence: tuple[Evidence, ...],
    expected: float | None = None,
    standard: str | None = None,
    severity: Severity = Severity.ERROR,
) -> Finding:
    """A finding of report ``index`` of this file."""
    return Finding(
        file=ctx.file,
        doc=index,
        unit_name=ctx.unit_name(index),
        rule=rule,
        severity=severity,
        message=message,
        values=tuple(float(v) for v in values),
        expected=None if expected is None else round(float(expected), 6),
        standard=standard,
        evidence=evidence,
    )


def fmt(value: float, unit: str = "") -> str:
    """A number for a message: no trailing zeros, at most three decimals (``611人``, ``26.1%``);
    money from 10,000 元 up in 万元 or 亿元 as reports write it (``1500万元``)."""
    if value != value:
        return "?"
    if unit == "元" and abs(value) >= 1e4:
        scale, unit = (1e8, "亿元") if abs(value) >= 1e8 else (1e4, "万元")
        return fmt(value / scale) + unit
    text = f"{value:.0f}" if abs(value - round(value)) < 1e-9 else f"{value:.3f}".rstrip("0")
    return text.rstrip(".") + unit
