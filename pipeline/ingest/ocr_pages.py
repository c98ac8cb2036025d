"""OCR of a file's page images within a bound, so a 200-page scan cannot stall the batch.

The per-file worker's time and memory limits (:mod:`junheng.batch.limits`) still hold around all
of this; the bounds here (:class:`~junheng.ingest.limits.Limits`: ``max_ocr_pages``,
``max_ocr_seconds``) cut the file first, with a reason, so it ends ``partial`` with the pages it
read rather than ``failed`` by the timeout with none.

Measured on the benchmark machine (2-core EPYC, busy with other work; PP-OCRv6 small, onnxruntime
1.32), a seed report's text drawn on an A4 page and rendered by pypdfium2 (seconds for the page,
character error rate against the drawn text):

=====================  ================  ================  ================  ================
page                   100 dpi           150 dpi           200 dpi           300 dpi
=====================  ================  ================  ================  ================
12 pt sans, 1233 ch    9.1 s, CER 0.000  9.2 s, CER 0.037  17.0 s, CER 0.002  13.6 s, CER 0.003
10.5 pt serif, 1218    6.6 s, CER 0.007  8.0 s, CER 0.019  11.2 s, CER 0.018  not measured
=====================  ================  ================  ================  ================

Recognition (not detection) takes most of the time, and it scales every line to 48 pixels high
whatever the resolution, so a higher resolution costs detection time and buys little. The default
(``ocr_dpi``) is 150 although 100 did better on both pages: two pages are too few to go below what
small print (8–9 pt tables) needs; to be set from more pages.
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
