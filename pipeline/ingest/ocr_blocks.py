"""Recognised lines of scanned pages into the blocks of a Document, with box and confidence.

The lines of each page are levelled (a skewed scan: :mod:`junheng.ingest.ocr_level`) and put into
reading order (:mod:`junheng.ingest.reading_order`); pieces of one row in one column are one line
(joined by a space: the normalised view drops it between Chinese characters). Pieces that stand in
a grid are a table (:mod:`junheng.ingest.ocr_tables`): each cell becomes a table-cell block with
its table, row and column, as a text PDF's ruled table does. Then the lines go through what the
PDF reader does to a text layer, as :class:`junheng.ingest.pdf.Line`: running heads, footers and
page numbers dropped, lines broken inside a sentence re-joined into paragraphs, across a page
break too. Each paragraph becomes a block with its page, its box (the union of its lines', as the
page image has them) and the recogniser's confidence: the lowest of its lines', and each line's
where it starts in the block's text, so a figure's confidence is that of the line its number
stands in (:meth:`junheng.core.model.Document.confidence_at`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from junheng.core.model import Block, BlockKind
from junheng.ingest.ocr import OcrLine
from junheng.ingest.ocr_level import Levelled, levelled
from junheng.ingest.ocr_tables import Grid, GridCell, find_grids
from junheng.ingest.pdf import Line, Table, _join, _Paragraph, paragraphs, strip_furniture
from junheng.ingest.reading_order import reading_order, same_row

Box = tuple[float, float, float, float]
_FOLIO = re.compile(r"([-—–一－―─_~]{1,3})\s*(\d{1,4})\s*([-—–一－―─_~]{1,3})")
"""A page number between dashes, as the recogniser reads ``— 3 —``: the dashes often as 一."""


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
    box: Box
    scores: tuple[tuple[int, float], ...]


def _joined(pieces: Sequence[Levelled], join: str | None) -> tuple[str, list[tuple[int, float]]]:
    """The pieces' text joined (by ``join``, or as lines are: :func:`junheng.ingest.pdf._join`)
    and where each piece starts in it, with its confidence."""
    text, scores = "", []
    for piece in pieces:
        more = piece.line.text
        if not text:
            text = more
        else:
            text = f"{text}{join}{more}" if join is not None else _join(text, more)
        scores.append((len(text) - len(piece.line.text), piece.line.score))
    return text, scores


def _box(pieces: Sequence[Levelled], unit: float) -> Box:
    """The union of the pieces' boxes as the page image has them, in the page's units."""
    lines = [p.line for p in pieces]
    return (min(p.left for p in lines) * unit, min(p.top for p in lines) * unit,
            max(p.right for p in lines) * unit, max(p.bottom for p in lines) * unit)  # fmt: skip


def folio(text: str) -> str:
    """A line that is only a page number between dashes, with its dashes as dashes (the PDF
    reader then drops it as a page number); any other text as it is.

    >>> folio("一2一"), folio("-1一"), folio("一是")
    ('—2—', '—1—', '一是')
    """
    match = _FOLIO.fullmatch(text.strip())
    return f"—{match.group(2)}—" if match else text


def _merge(page: ScannedPage, row: list[Levelled]) -> _Recognised:
    """Pieces of one row (in one column) as one line, in the page's units (its height and
    position levelled)."""
    u, height = page.unit, page.height * page.unit
    text, scores = _joined(row, " ")
    if folio(text) != text:
        text, scores = folio(text), [(0, min(score for _, score in scores))]
    top, bottom = min(p.top for p in row) * u, max(p.bottom for p in row) * u
    left, right = min(p.left for p in row) * u, max(p.right for p in row) * u
    em = max(p.height for p in row) * u
    line = Line(text, page.number, left, right, height - top, height - bottom, em)
    return _Recognised(line, _box(row, u), tuple(scores))


def _page_lines(page: ScannedPage, lines: Sequence[Levelled]) -> list[_Recognised]:
    ordered = reading_order(lines, page.width)
    merged: list[_Recognised] = []
    run: list[Levelled] = []
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


def _table(page: ScannedPage, grid: Grid) -> Table:
    """The grid as the paragraph builder's table (PDF units, y upwards): it holds the lines of
    the grid's rows, so the table takes their place in reading order."""
    u, height = page.unit, page.height * page.unit
    rows: list[list[str | None]] = [[None] * grid.shape[1] for _ in range(grid.shape[0])]
    for cell in grid.cells:
        rows[cell.row][cell.col] = _joined(cell.pieces, None)[0]
    return Table(page.number, grid.left * u, grid.right * u, height - grid.top * u,
                 height - grid.bottom * u, rows)  # fmt: skip


def _cell_block(cell: GridCell, page: ScannedPage, table: int) -> Block:
    text, scores = _joined(cell.pieces, None)
    return Block(
        BlockKind.TABLE_CELL,
        text,
        page=page.number,
        table=table,
        row=cell.row,
        col=cell.col,
        box=_box(cell.pieces, page.unit),
        confidence=min(score for _, score in scores),
        scores=tuple(scores),
    )


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
    """The paragraphs and table cells of the scanned pages as blocks, in reading order;
    paragraphs numbered from ``first_paragraph``, tables from 0."""
    known: dict[int, _Recognised] = {}
    by_page: list[list[Line]] = []
    tables: dict[int, list[Table]] = {}
    grids: dict[int, tuple[Grid, ScannedPage]] = {}
    for page in pages:
        lines = levelled(page.lines, page.width / 2)
        for grid in find_grids(lines, page.width):
            table = _table(page, grid)
            tables.setdefault(page.number, []).append(table)
            grids[id(table)] = (grid, page)
        recognised = _page_lines(page, lines)
        known.update((id(item.line), item) for item in recognised)
        by_page.append([item.line for item in recognised])
    heights = {page.number: page.height * page.unit for page in pages}
    widths = {page.number: float(round(page.width * page.unit)) for page in pages}
    body = strip_furniture(by_page, heights)
    number, table_number = first_paragraph, 0
    for paragraph in paragraphs(body, tables, widths):
        if isinstance(paragraph, _Paragraph):
            yield _block(paragraph, known, number)
            number += 1
            continue
        grid, page = grids[id(paragraph)]
        for cell in grid.cells:
            yield _cell_block(cell, page, table_number)
        table_number += 1
