"""Tables on a scanned page: OCR lines that stand in a grid become cells with row and column.

A scan has no ruling to go by, only where the recognised pieces stand. Rows are the page's rows
(:func:`junheng.ingest.reading_order.rows`, on levelled boxes: :mod:`junheng.ingest.ocr_level`).
A run of consecutive rows of two or more pieces each is a table candidate; its columns are the
x-bands the pieces of those rows cover (the union of their spans: a piece that spans two bands
makes them one). A row of one piece inside the run (or closely under its last row), lying within
one band, is a cell's text wrapped onto a second line and joins the cell above it. The run is a
table when its rows of several pieces each use at least two bands, and it has three such rows
(or two, with three columns or more). Two wide bands side by side are a page set in two
columns, not a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from junheng.ingest.ocr_level import Levelled
from junheng.ingest.reading_order import rows

_MIN_ROWS = 3
"""Rows of several cells a two-column table needs (two do with three columns or more)."""
_PROSE_BAND = 0.3
"""Share of the page's width past which a band is a column of prose, not of a table."""
_MAX_GAP = 2.5
"""Line heights of empty space that end a table."""
_WRAP_GAP = 0.5
"""Line heights a cell's wrapped line may stand below the row above it, at most."""

Band = tuple[float, float]


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell: its row and column (0-based) and its pieces in reading order."""

    row: int
    col: int
    pieces: tuple[Levelled, ...]


@dataclass(frozen=True, slots=True)
class Grid:
    """A table found on a page: its cells, and its box (levelled, in pixels)."""

    cells: tuple[GridCell, ...]
    left: float
    top: float
    right: float
    bottom: float

    @property
    def shape(self) -> tuple[int, int]:
        return 1 + max(c.row for c in self.cells), 1 + max(c.col for c in self.cells)


def _bands(spans: Sequence[Band]) -> list[Band]:
    """The union of the spans as disjoint bands, left to right."""
    merged: list[Band] = []
    for left, right in sorted(spans):
        if merged and left <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], right))
        else:
            merged.append((left, right))
    return merged


def _band_of(piece: Levelled, bands: Sequence[Band]) -> int | None:
    """The band a piece lies in; None when it crosses a gap between bands or lies outside."""
    hit = [k for k, (left, right) in enumerate(bands) if piece.left < right and piece.right > left]
    return hit[0] if len(hit) == 1 else None


def _runs(page_rows: Sequence[list[Levelled]]) -> list[list[list[Levelled]]]:
    """Runs of rows from one of several pieces on, up to a gap wider than :data:`_MAX_GAP` line
    heights."""
    found: list[list[list[Levelled]]] = []
    run: list[list[Levelled]] = []
    for row in page_rows:
        if run and _gap(run[-1], row) > _MAX_GAP * max(p.height for p in run[-1]):
            found.append(run)
            run = []
        if len(row) >= 2 or run:
            run.append(row)
    found.append(run)
    return [run for run in found if run]


def _gap(above: Sequence[Levelled], row: Sequence[Levelled]) -> float:
    return min(p.top for p in row) - max(p.bottom for p in above)


def _trim(run: list[list[Levelled]]) -> list[list[Levelled]]:
    """The run up to its last row of several pieces, and the single-piece rows that follow it
    closely (a cell's text wrapped onto the next lines: :data:`_WRAP_GAP`)."""
    last = max((k for k, row in enumerate(run) if len(row) >= 2), default=-1)
    end = last + 1
    while 0 < end < len(run) and _gap(run[end - 1], run[end]) <= _WRAP_GAP * run[end][0].height:
        end += 1
    return run[:end]


def _fitting(run: list[list[Levelled]], bands: Sequence[Band]) -> int:
    """How many rows of the run, from the top, stand in the bands: a single piece within one
    band, several pieces in two bands or more."""
    for k, row in enumerate(run):
        places = {_band_of(p, bands) for p in row}
        if None in places or (len(row) >= 2 and len(places) < 2):
            return k
    return len(run)


def _grid(run: list[list[Levelled]], width: float) -> Grid | None:
    """The run (cut at the first row that does not stand in its columns) as a table, or None."""
    bands: list[Band] = []
    run = _trim(run)
    while run:
        multi = [row for row in run if len(row) >= 2]
        bands = _bands([(p.left, p.right) for row in multi for p in row])
        fit = _fitting(run, bands)
        if fit == len(run):
            break
        run = _trim(run[:fit])
    multi = [row for row in run if len(row) >= 2]
    if len(bands) < 2 or len(multi) < (2 if len(bands) >= 3 else _MIN_ROWS):
        return None
    if len(bands) == 2 and all(right - left > _PROSE_BAND * width for left, right in bands):
        return None
    cells: dict[tuple[int, int], list[Levelled]] = {}
    row_index = -1
    for row in run:
        row_index += len(row) >= 2
        for piece in row:
            col = _band_of(piece, bands)
            assert col is not None
            cells.setdefault((row_index, col), []).append(piece)
    pieces = [p for row in run for p in row]
    return Grid(
        tuple(GridCell(r, c, tuple(found)) for (r, c), found in sorted(cells.items())),
        min(p.left for p in pieces), min(p.top for p in pieces),
        max(p.right for p in pieces), max(p.bottom for p in pieces),
    )  # fmt: skip


def find_grids(lines: Sequence[Levelled], width: float) -> list[Grid]:
    """The tables among a page's lines (levelled), top to bottom; ``width``: the page's."""
    grids = (_grid(run, width) for run in _runs(rows(lines)))
    return [grid for grid in grids if grid is not None]
