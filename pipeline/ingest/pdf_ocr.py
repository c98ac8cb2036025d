"""The pages of a PDF that have no text layer (a scan, or scanned pages inside a text PDF),
rendered with pypdfium2 and read by OCR into blocks of the same Document.

Imported only when a PDF has such pages: a text PDF never loads numpy's OCR stack, and never goes
through OCR.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pypdfium2 as pdfium
from junheng.core.errors import InputError
from junheng.core.model import Block, BlockKind
from junheng.ingest import ocr
from junheng.ingest.limits import Limits
from junheng.ingest.ocr_blocks import scanned_blocks
from junheng.ingest.ocr_pages import PageImage, recognise_pages


def _render(pdf: pdfium.PdfDocument, number: int, limits: Limits) -> PageImage:
    """Page ``number`` (1-based) as RGB pixels at ``limits.ocr_dpi`` (less for a page so large
    that it would pass ``limits.max_image_pixels``), and the size of a pixel in PDF points."""
    page = pdf[number - 1]
    try:
        width, height = page.get_size()
        scale = limits.ocr_dpi / 72
        if width * height * scale * scale > limits.max_image_pixels:
            scale = math.sqrt(limits.max_image_pixels / max(1.0, width * height))
        bitmap = page.render(scale=scale)
        try:
            image = bitmap.to_pil().convert("RGB")
        finally:
            bitmap.close()
    finally:
        page.close()
    return np.asarray(image, dtype=np.uint8), 1 / scale


def scan_pages(
    data: bytes, numbers: Sequence[int], limits: Limits, first_paragraph: int = 0
) -> tuple[list[Block], tuple[int, ...], list[str]]:
    """The blocks OCR read from pages ``numbers`` (1-based), the pages it read, and warnings."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise InputError("PDF 已损坏，扫描页无法渲染") from None
    try:
        pages, warnings = recognise_pages(numbers, lambda n: _render(pdf, n, limits), limits)
    finally:
        pdf.close()
    blocks = list(scanned_blocks(pages, first_paragraph))
    return blocks, tuple(page.number for page in pages), warnings


def _listed(numbers: Sequence[int]) -> str:
    return "、".join(str(n) for n in numbers[:20]) + ("…" if len(numbers) > 20 else "")


def _merged(text: list[Block], scanned: list[Block]) -> list[Block]:
    """Text-layer and OCR blocks in page order (stable: each keeps its order within its page),
    paragraphs numbered again in that order, and tables too (a text-layer table and a scanned
    one are both table 0 where they were found)."""
    tagged = [(0, b) for b in text] + [(1, b) for b in scanned]
    merged = sorted(tagged, key=lambda pair: pair[1].page or 0)
    out: list[Block] = []
    number = 0
    tables: dict[tuple[int, int], int] = {}
    for origin, block in merged:
        if block.kind is not BlockKind.TABLE_CELL:
            block = replace(block, paragraph=number)
            number += 1
        elif block.table is not None:
            table = tables.setdefault((origin, block.table), len(tables))
            block = replace(block, table=table)
        out.append(block)
    return out


def read_scanned(
    data: bytes,
    blocks: list[Block],
    empty: Sequence[int],
    whole: bool,
    limits: Limits,
    warnings: list[str],
) -> tuple[list[Block], tuple[int, ...]]:
    """The PDF's blocks with those OCR read from its pages without text (``empty``) merged in,
    and the pages OCR read; ``whole`` says no page has text (the file is a scan). Warnings are
    added to ``warnings``."""
    if not ocr.available():
        if whole:
            raise InputError(f"PDF 没有文字层（扫描件）。{ocr.MISSING}")
        warnings.append(
            f"PDF 第 {_listed(empty)} 页没有文字（可能是扫描页），这些页的内容未读取；"
            "安装 pip install 'junheng[ocr]' 后可识别"
        )
        return blocks, ()
    scanned, pages, notes = scan_pages(data, empty, limits)
    warnings.extend(notes)
    if whole and not scanned:
        raise InputError("PDF 没有文字层，经 OCR 也未识别出文字（可能是空白页或图片）")
    return _merged(blocks, scanned), pages
