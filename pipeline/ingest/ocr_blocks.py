"""Recognised lines of scanned pages into the blocks of a Document, with box and confidence.

The lines of each page are put into reading order (:mod:`junheng.ingest.reading_order`); pieces
of one row in one column are one line (joined by a space: the normalised view drops it between
Chinese characters). Then they go through what the PDF reader does to a text layer, as
:class:`junheng.ingest.pdf.Line`: running heads, footers and page numbers dropped, lines broken
inside a sentence re-joined into paragraphs, across a page break too. Each paragraph becomes a
block with its page, its box (the union of its lines') and the recogniser's confidence: the lowest
of its lines', and each line's where it starts in the block's text, so a figure's confidence is
that of the line its number stands in (:meth:`junheng.core.model.Document.confidence_at`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from junheng.core.model import Block, BlockKind
from junheng.ingest.ocr import OcrLine
from junheng.ingest.pdf import Line, Table, _join, _Paragraph, paragraphs, strip_furniture
from junheng.ingest.reading_order import reading_order, same_row


@dataclass(frozen=True, slots=True)
class ScannedPage:
    """One page that went through OCR: its lines, its size in pixels and the size of a pixel in
    the units boxes are given in (72/dpi for a PDF page: PDF points; 1 for an image)."""

    number: int
    lines: Sequence[OcrLine]
    width: float
    height: float
    unit: float = 1.0


@dataclass(frozen=True, slots=True)
class _Recognised:
    """A line as the paragraph builder sees it, with what OCR said about it."""

    line: Line
    box: tuple[float, float, float, float]
    scores: tuple[tuple[int, float], ...]


def _merge(page: ScannedPage, row: list[OcrLine]) -> _Recognised:
    """Pieces of one row (in one column) as one line, in the page's units."""
    u = page.unit
    text, scores = "", []
    for piece in row:
        start = len(text) + (1 if text else 0)
        text = f"{text} {piece.text}" if text else piece.text
        scores.append((start, piece.score))
    left, top = min(p.left for p in row) * u, min(p.top for p in row) * u
    right, bottom = max(p.right for p in row) * u, max(p.bottom for p in row) * u
    em = max(p.height for p in row) * u
    height = page.height * u
    line = Line(text, page.number, left, right, height - top, height - bottom, em)
    return _Recognised(line, (left, top, right, bottom), tuple(scores))


def _page_lines(page: ScannedPage) -> list[_Recognised]:
    ordered = reading_order(page.lines, page.width)
    merged: list[_Recognised] = []
    run: list[OcrLine] = []
    for line in ordered:  # consecutive pieces of one row stay consecutive in reading order
        if run and same_row(run[-1], line):
            run.append(line)
            continue
        if run:
            merged.append(_merge(page, run))
        run = [line]
    if run:
        merged.append(_merge(page, run))
    return merged


def _block(paragraph: _Paragraph, known: dict[int, _Recognised], number: int) -> Block:
    first = known[id(paragraph.lines[0])]
    text, scores = first.line.text, list(first.scores)
    boxes = [first.box]
    for line in paragraph.lines[1:]:
        seen = known[id(line)]
        text = _join(text, line.text)
        base = len(text) - len(line.text)
        scores.extend((base + offset, score) for offset, score in seen.scores)
        boxes.append(seen.box)
    box = (
        min(b[0] for b in boxes), min(b[1] for b in boxes),
        max(b[2] for b in boxes), max(b[3] for b in boxes),
    )  # fmt: skip
    return Block(
        BlockKind.PARAGRAPH,
        text,
        page=paragraph.lines[0].page,
        paragraph=number,
        box=box,
        confidence=min(score for _, score in scores),
        scores=tuple(scores),
    )


def scanned_blocks(pages: Sequence[ScannedPage], first_paragraph: int = 0) -> Iterator[Block]:
    """The paragraphs of the scanned pages as blocks, in reading order, numbered from
    ``first_paragraph``."""
    known: dict[int, _Recognised] = {}
    by_page: list[list[Line]] = []
    for page in pages:
        lines = _page_lines(page)
        known.update((id(item.line), item) for item in lines)
        by_page.append([item.line for item in lines])
    heights = {page.number: page.height * page.unit for page in pages}
    widths = {page.number: float(round(page.width * page.unit)) for page in pages}
    body = strip_furniture(by_page, heights)
    tables: dict[int, list[Table]] = {}
    number = first_paragraph
    for paragraph in paragraphs(body, tables, widths):
        if isinstance(paragraph, _Paragraph):
            yield _block(paragraph, known, number)
            number += 1
