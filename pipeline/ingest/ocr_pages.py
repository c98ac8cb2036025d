"""OCR of a file's page images within a bound, so a 200-page scan cannot stall the batch.

The per-file worker's time and memory limits (:mod:`junheng.batch.limits`) still hold around all
of this; the bounds here (:class:`~junheng.ingest.limits.Limits`: ``max_ocr_pages``,
``max_ocr_seconds``) cut the file first, with a reason, so it ends ``partial`` with the pages it
read rather than ``failed`` by the timeout with none.

Measured by benchmarks/ocr_dpi.py on all 88 pages of the five seed PDFs (67,630 characters), each
drawn at the resolution, degraded as a scan (noise, 1-2 degrees of skew, the seal on a file's
last page) and read as junheng reads it; character error rate against the page's text layer,
seconds of recognition a page with one ONNX Runtime thread (two such processes at once, 2-core
EPYC):

=====  ==========  ===============  ==========  =======================
dpi    CER (all)   CER median page  worst page  s/page median (min-max)
=====  ==========  ===============  ==========  =======================
100    0.0154      0.0057           0.121       3.81 (1.14-7.50)
150    0.0250      0.0071           0.143       4.74 (1.91-9.38)
200    0.0229      0.0067           0.091       5.24 (2.44-10.86)
300    0.0248      0.0068           0.118       5.51 (2.50-10.53)
=====  ==========  ===============  ==========  =======================

Recognition scales every line to 48 pixels high whatever the resolution, and an A4 page past
about 171 dpi is scaled down to 2000 pixels (:data:`junheng.ingest.ocr.MAX_SIDE`), so a higher
resolution costs detection time and buys nothing. The default (``ocr_dpi``) is 150: the seed
scans' figures were measured at it (F1 1.000, benchmarks/ocr_seed_scan.py); 100 reads these pages
better and faster but is not yet checked on small print or on the figures.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from junheng.ingest.limits import Limits
from junheng.ingest.ocr import recognise
from junheng.ingest.ocr_blocks import ScannedPage

PageImage = tuple[npt.NDArray[np.uint8], float]
"""A page as RGB pixels, and the size of one pixel in the units its boxes are given in."""


def _listed(numbers: Sequence[int]) -> str:
    return "、".join(str(n) for n in numbers[:20]) + ("…" if len(numbers) > 20 else "")


def recognise_pages(
    numbers: Sequence[int], render: Callable[[int], PageImage], limits: Limits
) -> tuple[list[ScannedPage], list[str]]:
    """OCR the pages ``numbers`` (1-based) in order, each rendered by ``render``; the warnings
    say which pages were left unread past the page cap or the time budget."""
    pages: list[ScannedPage] = []
    warnings: list[str] = []
    started = time.monotonic()
    todo = list(numbers)
    for k, number in enumerate(todo):
        if k >= limits.max_ocr_pages:
            warnings.append(
                f"需要 OCR 的页数超过上限（共 {len(todo)} 页，上限 {limits.max_ocr_pages} 页），"
                f"第 {_listed(todo[k:])} 页未识别；请把扫描件拆分后再处理"
            )
            break
        if time.monotonic() - started > limits.max_ocr_seconds:
            warnings.append(
                f"OCR 用时超过 {limits.max_ocr_seconds:g} 秒，第 {_listed(todo[k:])} 页未识别"
            )
            break
        rgb, unit = render(number)
        height, width = rgb.shape[:2]
        pages.append(ScannedPage(number, recognise(rgb), float(width), float(height), unit))
    empty = [page.number for page in pages if not page.lines]
    if empty:
        warnings.append(f"第 {_listed(empty)} 页经 OCR 未识别出文字（可能是空白页或图片）")
    return pages, warnings
