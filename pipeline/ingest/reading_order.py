"""OCR lines of one page into reading order: rows top to bottom, a two-column page column by
column.

The recogniser returns boxes roughly top to bottom; a line split in two boxes (a wide gap inside
it) and the two columns of a page side by side come out interleaved. Lines whose boxes overlap
vertically by more than half the smaller height are one row, read left to right. A page is read
as two columns when a vertical gutter in its middle third is crossed by few lines while at
least three lines stand on each side of it; lines that cross the gutter (a title, a full-width
paragraph) cut the page into bands, and each band is read left column, then right.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class Boxed(Protocol):
    @property
    def left(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def right(self) -> float: ...
    @property
    def bottom(self) -> float: ...


B = TypeVar("B", bound=Boxed)

_MIN_SIDE = 3  # lines on each side of a gutter for it to make columns
_MAX_CROSSING = 0.2  # share of the lines that may cross a gutter


def rows(lines: Sequence[B]) -> list[list[B]]:
    """Lines grouped into rows (vertical overlap over half the smaller height), top to bottom,
    each row left to right."""
    found: list[list[B]] = []
    for line in sorted(lines, key=lambda ln: (ln.top + ln.bottom) / 2):
        if found and same_row(found[-1][-1], line):
            found[-1].append(line)
        else:
            found.append([line])
    return [sorted(row, key=lambda ln: ln.left) for row in found]


def same_row(a: Boxed, b: Boxed) -> bool:
    """Whether two boxes overlap vertically by more than half the smaller height."""
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def gutter(lines: Sequence[Boxed], width: float) -> float | None:
    """The x of a column gutter in the middle third of the page, or None for one column."""
    if len(lines) < 2 * _MIN_SIDE:
        return None
    best: tuple[int, float] | None = None
    steps = 60
    for k in range(steps + 1):
        x = width * (1 / 3 + k / (3 * steps))
        left = sum(1 for ln in lines if ln.right <= x)
        right = sum(1 for ln in lines if ln.left >= x)
        crossing = len(lines) - left - right
        if left >= _MIN_SIDE and right >= _MIN_SIDE and (best is None or crossing < best[0]):
            best = (crossing, x)
    if best is None or best[0] > _MAX_CROSSING * len(lines):
        return None
    return best[1]


def reading_order(lines: Sequence[B], width: float) -> list[B]:
    """The page's lines in reading order (see the module's docstring)."""
    x = gutter(lines, width)
    if x is None:
        return [line for row in rows(lines) for line in row]
    ordered: list[B] = []
    left: list[B] = []
    right: list[B] = []
    for row in rows(lines):
        if any(ln.left < x < ln.right for ln in row):
            ordered.extend(left + right + row)
            left, right = [], []
            continue
        left.extend(ln for ln in row if ln.right <= x)
        right.extend(ln for ln in row if ln.left >= x)
    return ordered + left + right
