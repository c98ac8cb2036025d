"""A skewed scan's lines levelled, so that pieces of one row are seen as one row.

A page scanned 2° askew rises or falls about 35 pixels across its width at 150 dpi: nearly a
line's height. Two cells of one table row, or the two pieces of a line the detector split, then
overlap too little vertically to be one row (:func:`junheng.ingest.reading_order.same_row`). The
page's skew is the median slope of its long lines' top edges (the detector's quadrilaterals
follow the print); each box is moved up or down by the drift at its centre, and shrunk by the
rise across its width, so the rows come out level. Only the grouping sees these boxes: blocks
keep the boxes as the page image has them.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from junheng.ingest.ocr import OcrLine

_LONG = 4.0
"""A line at least this many times as wide as it is high gives a reliable slope."""
_MAX_SLOPE = 0.1
"""About 6°: a steeper median is not skew but a page of stray boxes; it is left alone."""


@dataclass(frozen=True, slots=True)
class Levelled:
    """A line's box with the page's skew taken out (x unchanged, y moved), and the line."""

    line: OcrLine
    left: float
    top: float
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)


def page_slope(lines: Sequence[OcrLine]) -> float:
    """The median slope of the page's long lines; 0 without any."""
    slopes = [ln.slope for ln in lines if ln.right - ln.left >= _LONG * ln.height]
    if not slopes:
        return 0.0
    slope = statistics.median(slopes)
    return slope if abs(slope) <= _MAX_SLOPE else 0.0


def levelled(lines: Sequence[OcrLine], centre: float = 0.0) -> list[Levelled]:
    """The lines with the page's skew taken out of their boxes, turned about x = ``centre`` (the
    page's middle: a page turned on the scanner's glass turns about its centre, so a line there
    keeps its height, and a running head keeps the height it has on the other pages).

    >>> a = OcrLine("甲", 1.0, 0, 100, 800, 130, slope=0.02)
    >>> b = OcrLine("乙", 1.0, 900, 118, 1000, 148, slope=0.02)
    >>> [(round(x.top), round(x.bottom)) for x in levelled([a, b])]
    [(100, 114), (100, 128)]
    """
    slope = page_slope(lines)
    out: list[Levelled] = []
    for line in lines:
        # the axis-aligned box of a turned line is taller than the line by the rise across its
        # width; its middle is the line's, moved back by the page's drift at its centre
        drift = slope * ((line.left + line.right) / 2 - centre)
        middle = (line.top + line.bottom) / 2 - drift
        half = max(1.0, line.bottom - line.top - abs(slope) * (line.right - line.left)) / 2
        out.append(Levelled(line, line.left, middle - half, line.right, middle + half))
    return out
