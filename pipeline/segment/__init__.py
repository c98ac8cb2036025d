"""Segmentation: a Document → its reports, each with title, unit, type, date and heading tree.

``segment(doc)`` is the front door; see :mod:`junheng.segment.reports` for how reports are found,
:mod:`junheng.segment.headings` for the heading tree and :mod:`junheng.segment.meta` for what a
report says about itself. The vocabulary lives in ``pipeline/data/segment.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import overload

from junheng.core.model import Document, Report
from junheng.segment.headings import build_tree, find_headings
from junheng.segment.lines import is_short_line, split_lines
from junheng.segment.meta import (
    find_date,
    find_type,
    find_years,
    unit_in_title,
    unit_on_line,
    unit_opening,
)
from junheng.segment.reports import ReportSpan, find_reports
from junheng.segment.rules import load_rules

__all__ = ["segment"]

_SIGNATURE_LINES = 6


def segment(doc: Document) -> tuple[Report, ...]:
    """Split ``doc`` into its reports (at least one when the document has text).

    Reports are found on the normalised view; their title and unit are given back as the source
    wrote them (a report in Traditional script keeps 學校 in its title).
    """
    return tuple(
        replace(
            report,
            match_title=report.title,
            title=_as_source(doc, report.title, report.start),
            unit_name=_as_source(doc, report.unit_name, report.start),
        )
        for report in segment_text(doc.text)
    )


@overload
def _as_source(doc: Document, value: str, near: int) -> str: ...
@overload
def _as_source(doc: Document, value: str | None, near: int) -> str | None: ...
def _as_source(doc: Document, value: str | None, near: int) -> str | None:
    """``value`` (found in the normalised text) as the source writes it, whitespace removed."""
    if not value:
        return value
    # A title may stand on two lines (…均衡发展 / 工作计划): allow line breaks between characters.
    pattern = re.compile(r"\s*".join(map(re.escape, value)))
    found = pattern.search(doc.text, near) or pattern.search(doc.text)
    if found is None:
        return value
    return re.sub(r"\s+", "", doc.source_text(found.start(), found.end()))


def segment_text(text: str) -> tuple[Report, ...]:
    rules = load_rules()
    spans = find_reports(text, rules)
    if not spans and text.strip():
        spans = [_whole_text(text)]
    reports: list[Report] = []
    previous_end = 0
    for index, span in enumerate(spans):
        lines = [ln for ln in span.lines if ln.start < span.end]
        body_lines = [ln for ln in lines if ln.end > span.body_start]
        head_lines = [ln.text for ln in lines if ln.end <= span.body_start + 1]
        head_lines += [ln.text for ln in body_lines[:4] if is_short_line(ln.text, 25)]
        tail_lines = [ln.text for ln in body_lines[-_SIGNATURE_LINES:] if len(ln.text) <= 48]
        preamble = [ln.text for ln in split_lines(text[previous_end : span.start])]
        opening = text[span.body_start : span.body_start + 400]
        reports.append(
            Report(
                index=index,
                title=span.title,
                unit_name=_unit(span.title, head_lines, tail_lines, opening),
                type=find_type(span.title, opening, rules, span.borrowed_title),
                date=find_date(head_lines + list(reversed(tail_lines)) + preamble),
                years=find_years(text[span.start : span.end]),
                start=span.start,
                end=span.end,
                title_start=span.title_start,
                title_end=span.title_end,
                sections=build_tree(find_headings(body_lines), text, span.end),
            )
        )
        previous_end = span.end
    return tuple(reports)


def _unit(title: str, head_lines: list[str], tail_lines: list[str], opening: str) -> str | None:
    found = unit_in_title(title)
    if found:
        return found
    for line in head_lines + list(reversed(tail_lines)):
        found = unit_on_line(line) or unit_in_title(line) if is_short_line(line, 30) else None
        if found:
            return found
    return unit_opening(opening.lstrip())


def _whole_text(text: str) -> ReportSpan:
    lines = split_lines(text)
    first = lines[0]
    title = first.text if is_short_line(first.text) else ""
    span = ReportSpan(
        start=first.start,
        title=title,
        title_start=first.start,
        title_end=first.end if title else first.start,
        body_start=first.end if title else first.start,
    )
    span.lines.extend(lines)
    span.end = lines[-1].end
    return span
