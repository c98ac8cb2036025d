"""Bounds that keep one hostile or huge file from costing the batch its time or memory.

They are checked by the readers before the expensive work (segmenting, extracting, validating),
so a file that could not finish within the per-file budget of :mod:`junheng.batch.limits` (120 s,
2 GiB by default) is cut or refused early with a reason instead of running into the timeout.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 256 * 1024 * 1024
    """Files larger than this are not read at all."""
    max_text_chars: int = 4_000_000
    """A document whose text grows past this is cut and reported ``partial``.

    How it was chosen: the whole per-file task (read, normalise, segment, extract, validate) runs
    at about 110,000–120,000 characters a second on the benchmark machine (2-core EPYC; measured
    on 5 MB of seed text, 1.9 million characters, 16.8 s, and on a 4 MB single line of ASCII,
    7.7 s), and its memory grows by about 80 bytes a character. The default per-file timeout of
    120 s would allow about 13 million; a third of that leaves room for a slower or busier
    machine and for two workers sharing it (4 million characters: about 35 s and 400 MiB here).
    The old bound, 20 million, ran every such file into the timeout."""
    max_zip_members: int = 5_000
    max_zip_member_bytes: int = 200 * 1024 * 1024
    """No member of a .docx may inflate past this (a zip bomb)."""
    max_zip_ratio: int = 200
    """Nor may an opaque member (image, font, embedded object) inflate more than this many times
    its compressed size (when over 1 MiB); XML parts are bounded by size instead (see
    :func:`junheng.ingest.safezip._check_size`)."""
    max_xml_part_bytes: int = 64 * 1024 * 1024
    """No XML part of a .docx may inflate past this: python-docx parses it whole, and lxml's tree
    takes about 20 times the XML (a 42 MB ``document.xml`` of 200,000 paragraphs: about 1 GB), so
    this keeps the largest document python-docx can open under the 2 GiB per-file memory budget."""
    max_pdf_pages: int = 5_000
    max_ocr_pages: int = 12
    """Pages of one file read by OCR (a scanned PDF's, a multi-page TIFF's); past them the file is
    cut and reported ``partial``. About 5–9 s a page at :attr:`ocr_dpi` on the benchmark machine
    (2 cores, PP-OCRv6 small: see :mod:`junheng.ingest.ocr_pages`), so 12 pages fit in the 120 s
    per-file budget with room for the rest of the work; split a longer scan into parts."""
    max_ocr_seconds: float = 75.0
    """No new page is started once OCR has taken this long (a slower or busier machine): the file
    is then ``partial`` with the pages it read, instead of running into the per-file timeout."""
    ocr_dpi: int = 150
    """The resolution PDF pages are rendered at for OCR (chosen by measurement: see
    :mod:`junheng.ingest.ocr_pages`)."""
    max_image_pixels: int = 60_000_000
    """An image (or a rendered page) larger than this is refused: 60 MP is a 600 dpi A3 scan."""
    max_convert_seconds: float = 90.0
    """How long LibreOffice may take to convert one .doc/.wps/.xls/.et
    (:mod:`junheng.ingest.office`): a conversion takes 2–5 s; this leaves the rest of the 120 s
    per-file budget for reading."""


DEFAULT_LIMITS = Limits()
