"""Grounding: what a found object says about where it stands in its file, filled in once.

The extractors and the segmenter work on the normalised text and know offsets; the outputs also
need the file's name, the page and the words as the source wrote them. :func:`ground` adds those
to every report, figure and item of one file, so that every later stage (the validator, the codec,
the drafts) reads them from the object instead of going back to the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from junheng.core.model import Document, Figure, Item, Report, Span


def ground_report(doc: Document, file: str, report: Report) -> Report:
    return replace(report, file=file, page=doc.page_at(report.start))


def ground_figure(doc: Document, file: str, figure: Figure) -> Figure:
    """The figure with its file, page, sentence and number as written, and the OCR confidence
    of its number when it was read from a scan."""
    span, sentence = figure.span, figure.sentence
    page = span.page if span.page is not None else doc.page_at(span.start)
    return replace(
        figure,
        file=file,
        span=Span(span.start, span.end, page),
        text=doc.source_text(sentence.start, sentence.end).strip(),
        number=doc.source_text(span.start, span.end),
        ocr_confidence=doc.confidence_at(span.start, span.end),
    )


def ground_item(doc: Document, file: str, item: Item) -> Item:
    """The item with its file and its text as the source wrote it."""
    return replace(
        item, file=file, source_text=doc.source_text(item.span.start, item.span.end)
    )


def ground(
    doc: Document,
    file: str,
    reports: Sequence[Report],
    figures: Sequence[Figure],
    items: Sequence[Item] = (),
) -> tuple[tuple[Report, ...], tuple[Figure, ...], tuple[Item, ...]]:
    """Every report, figure and item of one file, grounded (see the module's docstring)."""
    return (
        tuple(ground_report(doc, file, r) for r in reports),
        tuple(ground_figure(doc, file, f) for f in figures),
        tuple(ground_item(doc, file, i) for i in items),
    )
