"""``extract``: the items of every report of a document, linked and with their status."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extractors.lists.entries import Entry, parse_entries
from extractors.lists.find import find_regions
from extractors.lists.links import link_items
from extractors.lists.status import deadline_of, owner_of, with_status
from extractors.lists.vocab import KINDS, category, vocabulary
from pipeline.model import Document, Figure, Item, ItemKind, Report, Span


def extract(doc: Document, reports: Sequence[Report], figures: Sequence[Figure] = ()) -> list[Item]:
    """The problem, measure and outcome items of each report, in document order per report.

    Example:
        >>> items = extract(doc, segment(doc))  # doctest: +SKIP
        >>> items[0].kind, items[0].index, items[0].text  # doctest: +SKIP
        ('problem', 1, '运动场不达标，无100米直跑道')
    """
    items: list[Item] = []
    for report in reports:
        found = _report_items(doc, report, [f for f in figures if f.doc == report.index])
        items.extend(with_status(link_items(found)))
    return items


_ACHIEVEMENT = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:元|人|所|个|台|套|间|册|名|平方米)")


def _reports_achievements(text: str, entries: list[Entry]) -> bool:
    """Whether most entries of a 措施 list report figures: work done, not measures."""
    with_figures = sum(1 for e in entries if _ACHIEVEMENT.search(text, e.start, e.end))
    return bool(entries) and with_figures >= vocabulary().achievements_share * len(entries)


def _report_items(doc: Document, report: Report, figures: list[Figure]) -> list[Item]:
    text = doc.text
    counters = dict.fromkeys(KINDS, 0)
    items: list[Item] = []
    seen: set[tuple[int, int]] = set()
    for region in find_regions(text, report):
        open_end = region.prose or region.end >= report.end
        entries = parse_entries(text, region.start, region.end, open_end=open_end)
        if region.kind is ItemKind.MEASURE and _reports_achievements(text, entries):
            continue
        for entry in entries:
            if (entry.start, entry.end) in seen:
                continue
            seen.add((entry.start, entry.end))
            counters[region.kind] += 1
            body = text[entry.start : entry.end]
            items.append(
                Item(
                    doc=report.index,
                    kind=region.kind,
                    index=counters[region.kind],
                    text=body,
                    category=category(body),
                    span=Span(entry.start, entry.end, doc.page_at(entry.start)),
                    deadline=deadline_of(body),
                    owner=owner_of(body),
                    unit_name=report.unit_name,
                    figures=tuple(
                        f
                        for f in figures
                        if entry.start <= f.span.start and f.span.end <= entry.end
                    ),
                )
            )
    return [replace(item) for item in items]
