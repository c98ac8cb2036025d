"""PDF reports (.pdf): the text layer, re-flowed into paragraphs, without running heads and folios.

pypdfium2 reads the text (it is some 30× faster than pdfplumber); pdfplumber is opened only for
pages that draw enough path objects to hold a ruled table, and only its tables are taken from it.

A PDF has lines, not paragraphs. A line continues into the next one when it runs to the right
margin without ending a sentence, unless the next line starts with heading numbering (一、 （一）
1. ① 第二篇 一是 …) or is indented as a new paragraph. This holds across a page break too; the
paragraph keeps the page where it starts. Lines that repeat at the same height at the top or the
foot of at least half of the pages (digits masked, so ``— 3 —`` repeats) are running heads and
footers, and a page-number line at the foot (``— 1 —``, ``第 1 页 共 5 页``, ``1/5``, ``1``) is
dropped even in a one-page file.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import reduce
from itertools import pairwise
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from junheng.core.document import build_document, cap_blocks
from junheng.core.errors import InputError
from junheng.core.model import Block, BlockKind, Document
from junheng.ingest.limits import Limits
from junheng.ingest.pdfium_calls import Geometry, count_paths

_FINAL = "。！？；：!?;:"
_CLOSERS = "”’\"'）)】》」』]"
_HEADING_START = re.compile(
    r"(?:[一二三四五六七八九十百]+[、.．]"
    r"|[（(][一二三四五六七八九十百]+[）)]"
    r"|[（(]\d{1,2}[）)]"
    r"|\d{1,2}(?:[、)）]|[.．](?!\d))"
    r"|[\u2460-\u2473\u2474-\u2487\u2488-\u249b]"
    r"|第[一二三四五六七八九十百\d]+[篇章节部分]"
    r"|篇[一二三四五六七八九十\d]+"
    r"|[一二三四五六七八九十]+是"
    r"|[•●○■□◆◇▲△★☆※▪►])"
)
_QUOTES = frozenset("“”‘’「」『』")
_DASHES = "-—–－―─"
_PAGE_NUMBER = re.compile(
    rf"[{_DASHES}·•]*\s*\d{{1,4}}\s*[{_DASHES}·•]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?"
)
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f])")
_MIN_TABLE_PATHS = 4
_MARGIN_SHARE = 0.15  # of the page height: where running heads, footers and folios sit
_FULL_WIDTH_TOLERANCE = 2.0  # in ems: how far short of the right margin a line still counts full
_OVERLAP = 1.0  # PDF units: how far a glyph may start left of the one before and still be in order
_LINE = re.compile(r"[^\r\n]+")
_SPACE = re.compile(" ")


class Line(NamedTuple):
    """One text line of a page; x0/x1/top/bottom in PDF units (y grows upwards), em its height.

    A named tuple rather than a frozen dataclass: a file has thousands, and a tuple is built in a
    fifth of the time."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    em: float
    measured: bool = True
    """False when the box is counted in characters (pdfium's text and char list disagreed)."""


@dataclass(frozen=True, slots=True)
class Table:
    """A ruled table pdfplumber found: its box in PDF units and its cells' text by row."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    rows: list[list[str | None]]

    def holds(self, line: Line) -> bool:
        y = (line.top + line.bottom) / 2
        return self.bottom <= y <= self.top and line.x0 < self.x1 and line.x1 > self.x0


# --- reading the pages -------------------------------------------------------------------------


def _open(data: bytes) -> pdfium.PdfDocument:
    """Open with pdfium, turning its error codes into one line a person can act on."""
    if not data:
        raise InputError("文件为空（0 字节）")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError("PDF 受密码保护，请先去掉密码（另存为不加密的 PDF）再处理") from None
        if error.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise InputError("PDF 使用了不支持的加密方式，请另存为不加密的 PDF 再处理") from None
        raise InputError("PDF 已损坏、不完整或不是 PDF 文件，无法打开") from None


def _left_to_right(geometry: Geometry, start: int, end: int) -> tuple[list[int] | None, float]:
    """The line's character indices sorted by their left edge (None: already in that order), and
    its rightmost edge.

    LibreOffice writes a run of Chinese with gaps, then the quotes (“ ”, in a Latin font) that fill
    them; pdfium keeps that drawing order, so ``“五爱”`` would come out as ``“”五爱``. When the
    line's text objects follow one another left to right without overlapping (nearly always),
    its order stands and the objects' boxes give the right edge: one call per object, not one per
    character.
    """
    runs = geometry.runs(start, end)
    if runs and all(b[0] >= a[1] - _OVERLAP for a, b in pairwise(runs)):
        return None, max(run[1] for run in runs)
    boxes = geometry.spans(start, end)
    right = max(box[1] for box in boxes)
    if not any(b[0] < a[0] - _OVERLAP for a, b in pairwise(boxes)):
        return None, right
    return sorted(range(start, end), key=lambda i: boxes[i - start][0]), right


def _clean_line(geometry: Geometry, text: str, start: int, end: int) -> tuple[str, float | None]:
    """The line's text in left-to-right order, without the spaces pdfium made up inside Chinese,
    and its right edge when that had to be measured.

    pdfium adds a "generated" space wherever glyphs stand apart (a justified line, a quote drawn
    later); between Chinese characters, or between ``21`` and ``。1``, such a space is not text and
    would break ``21。1`` (a decimal) apart. Spaces the PDF really holds, and generated ones between
    two Latin letters or digits, stay. Only lines with a space or a quote mark are checked for
    order: those are the ones pdfium may have out of order.
    """
    segment = text[start:end]
    if " " not in segment and not _QUOTES.intersection(segment):
        return segment, None
    order, right = _left_to_right(geometry, start, end)
    if order is not None:
        segment = "".join(text[i] for i in order)
    kept: list[str] = []
    last = ""  # the last character kept
    done = 0  # where the text not yet looked at starts
    for space in _SPACE.finditer(segment):
        k = space.start()
        if k > done:
            kept.append(segment[done:k])
            last = segment[k - 1]
        done = k + 1
        after = segment[k + 1 : k + 2]
        if last in ("", " ") or after in ("", " "):
            continue
        latin = last.isascii() and after.isascii() and last.isalnum() and after.isalnum()
        if not latin and geometry.is_generated(start + k if order is None else order[k]):
            continue
        kept.append(" ")
        last = " "
    kept.append(segment[done:])
    return "".join(kept).strip(), right


def _page_lines(textpage: pdfium.PdfTextPage, number: int) -> list[Line]:
    """The page's lines with their boxes: a few calls per line, not one per character.

    pdfium's text has one entry per character (line breaks included), so a line's first and last
    characters are found by offset. When that does not hold (characters beyond UCS-2) the lines get
    a box counted in characters instead, which still tells full lines from short ones.
    """
    text = textpage.get_text_range()
    aligned = textpage.count_chars() == len(text)
    geometry = Geometry(textpage)
    lines: list[Line] = []
    for order, match in enumerate(_LINE.finditer(text)):
        raw = match.group()
        if not raw.strip():
            continue
        if not aligned:
            content = raw.strip()
            width = sum(1.0 if ord(ch) > 0x2E80 else 0.5 for ch in content)
            lines.append(Line(content, number, 0.0, width, -order, -order - 1, 1.0, False))
            continue
        first = match.start() + len(raw) - len(raw.lstrip())
        end = match.start() + len(raw.rstrip())
        left, bottom, _, top = geometry.loose(first)
        content, right = _clean_line(geometry, text, first, end)
        if right is None:
            right = geometry.spans(end - 1, end)[0][1]
        lines.append(Line(content, number, left, right, top, bottom, max(top - bottom, 1.0)))
    return lines


def _read_pages(
    pdf: pdfium.PdfDocument, warnings: list[str], damaged: list[int]
) -> tuple[list[list[Line]], list[int], dict[int, float]]:
    """Lines per page, the pages worth a table search, and each page's height.

    A page pdfium cannot load or read (a broken page object, a page tree pointing nowhere) is
    left empty, its number added to ``damaged`` with a warning: the other pages are still read.
    """
    pages: list[list[Line]] = []
    ruled: list[int] = []
    heights: dict[int, float] = {}
    for index in range(len(pdf)):
        number = index + 1
        try:
            lines, height, table = _read_page(pdf, index)
        except pdfium.PdfiumError:
            warnings.append(f"PDF 第 {number} 页已损坏，已跳过")
            damaged.append(number)
            pages.append([])
            continue
        pages.append(lines)
        heights[number] = height
        if table:
            ruled.append(number)
    return pages, ruled, heights


def _read_page(pdf: pdfium.PdfDocument, index: int) -> tuple[list[Line], float, bool]:
    """One page's lines, its height, and whether it draws enough paths to hold a ruled table."""
    page = pdf[index]
    try:
        height = page.get_height()
        textpage = page.get_textpage()
        try:
            lines = _page_lines(textpage, index + 1)
        finally:
            textpage.close()
        return (
            lines,
            height,
            bool(lines) and count_paths(page, _MIN_TABLE_PATHS) >= _MIN_TABLE_PATHS,
        )
    finally:
        page.close()


def _find_tables(data: bytes, numbers: list[int]) -> dict[int, list[Table]]:
    """pdfplumber's ruled tables on the given pages (1-based), boxes turned into PDF units."""
    if not numbers:
        return {}
    import pdfplumber  # slow to import and to run: only for pages that draw rules

    found: dict[int, list[Table]] = defaultdict(list)
    with pdfplumber.open(io.BytesIO(data), pages=numbers) as plumber:
        for page in plumber.pages:
            top_of_page = page.mediabox[3] if page.mediabox else page.height
            for table in page.find_tables():
                x0, top, x1, bottom = table.bbox
                rows = table.extract()
                if len(rows) < 2 and all(len(row) < 2 for row in rows):
                    continue  # a framed paragraph, not a table
                found[page.page_number].append(
                    Table(page.page_number, x0, x1, top_of_page - top, top_of_page - bottom, rows)
                )
    return found


# --- running heads, footers and page numbers ---------------------------------------------------


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def is_page_number(text: str) -> bool:
    """``— 1 —``, ``- 1 -``, ``第 1 页``, ``第1页 共5页``, ``1/5``, ``Page 1 of 5``, bare ``1``."""
    return _PAGE_NUMBER.fullmatch(text.strip()) is not None


def _in_margin(line: Line, heights: dict[int, float], top: bool) -> bool:
    """In the top or bottom ``_MARGIN_SHARE`` of the page, where heads and footers sit."""
    height = heights.get(line.page)
    if not line.measured or height is None:
        return True
    return line.bottom > (1 - _MARGIN_SHARE) * height if top else line.top < _MARGIN_SHARE * height


def _repeated_edge(pages: list[list[Line]], heights: dict[int, float], top: bool) -> set[int]:
    """ids of the outermost lines (top or foot) repeating at one height on half the pages."""
    edges = [
        max(lines, key=lambda ln: ln.top) if top else min(lines, key=lambda ln: ln.bottom)
        for lines in pages
        if lines
    ]
    needed = max(2, math.ceil(len(edges) / 2))
    by_key: dict[str, list[Line]] = defaultdict(list)
    for line in edges:
        if _in_margin(line, heights, top):
            by_key[_mask(line.text)].append(line)
    dropped: set[int] = set()
    for group in by_key.values():
        if len(group) < needed:
            continue
        tops = sorted(ln.top for ln in group)
        usual = tops[len(tops) // 2]
        same = [ln for ln in group if abs(ln.top - usual) <= 0.5 * ln.em]
        if len(same) >= needed:
            dropped.update(id(ln) for ln in same)
    return dropped


def _foot_page_number(lines: list[Line], height: float | None) -> Line | None:
    """The page's lowest line when it is a page number below the body."""
    if not lines:
        return None
    low = min(lines, key=lambda ln: ln.bottom)
    if not is_page_number(low.text):
        return None
    others = [ln.bottom for ln in lines if ln is not low]
    gap = (min(others) - low.top) if others else math.inf
    in_margin = height is not None and low.top < _MARGIN_SHARE * height
    return low if in_margin or gap > 1.5 * low.em else None


def strip_furniture(pages: list[list[Line]], heights: dict[int, float]) -> list[list[Line]]:
    """Drop running heads, footers and page numbers; the body lines stay in reading order."""
    for top in (True, False):
        for _ in range(2):  # a head of two lines: the title, then a rule of text under it
            dropped = _repeated_edge(pages, heights, top)
            if not dropped:
                break
            pages = [[ln for ln in lines if id(ln) not in dropped] for lines in pages]
    kept: list[list[Line]] = []
    for lines in pages:
        number = _foot_page_number(lines, heights.get(lines[0].page) if lines else None)
        kept.append([ln for ln in lines if ln is not number])
    return kept


# --- lines into paragraphs ---------------------------------------------------------------------


def _right_margins(pages: list[list[Line]], widths: dict[int, float]) -> dict[int, float]:
    """Per page, where full lines end: the line end that only one line in 50 passes, over all
    pages of that width (a page of short lines, such as the signature page, must not set its own
    margin; one line sticking out into the margin of a long file must not set it either)."""
    ends: dict[float, list[float]] = defaultdict(list)
    for lines in pages:
        for line in lines:
            ends[widths.get(line.page, 0.0)].append(line.x1)
    margin_of_width: dict[float, float] = {}
    for width, values in ends.items():
        values.sort(reverse=True)
        margin_of_width[width] = values[len(values) // 50]
    return {number: margin_of_width.get(width, 0.0) for number, width in widths.items()}


def _ends_sentence(text: str) -> bool:
    """Ends in 。！？；： or in a full stop after a word (after a digit, ``3.`` may go on)."""
    text = text.rstrip(_CLOSERS)
    return text[-1:] in _FINAL or (text[-1:] == "." and not text[-2:-1].isdigit())


def _join(left: str, right: str) -> str:
    """CJK lines join with no space; Latin words with one."""
    a, b = left[-1], right[0]
    spaced = a.isascii() and b.isascii() and a not in "-/" and not (a.isdigit() and b.isdigit())
    return f"{left} {right}" if spaced else left + right


@dataclass(slots=True)
class _Paragraph:
    lines: list[Line]

    @property
    def text(self) -> str:
        text = self.lines[0].text
        for line in self.lines[1:]:
            text = _join(text, line.text)
        return text


@dataclass(frozen=True, slots=True)
class _Frame:
    """The text frame: where full lines end on each page, the page widths, the left margin."""

    right: dict[int, float]
    width: dict[int, float]
    left: float

    def is_full(self, line: Line) -> bool:
        """Runs to the right margin, and spans half the page (a file of short lines has none)."""
        if line.x1 < self.right.get(line.page, line.x1) - _FULL_WIDTH_TOLERANCE * line.em:
            return False
        return not line.measured or line.x1 - line.x0 >= 0.5 * self.width.get(line.page, 0.0)


def _continues(current: _Paragraph, nxt: Line, frame: _Frame) -> bool:
    """Does ``nxt`` carry on the sentence that the paragraph's last line broke off?"""
    last = current.lines[-1]
    if _ends_sentence(last.text) or _HEADING_START.match(nxt.text) or not frame.is_full(last):
        return False
    # A first-line indent after a continuation line (which sits at the margin) opens a paragraph.
    indented = nxt.x0 - frame.left >= 1.5 * nxt.em
    return not (indented and len(current.lines) > 1 and last.x0 - frame.left < 0.5 * last.em)


def _left_margin(lines: Iterable[Line]) -> float:
    starts = Counter(round(line.x0) for line in lines)
    return float(starts.most_common(1)[0][0]) if starts else 0.0


def paragraphs(
    pages: list[list[Line]], tables: dict[int, list[Table]], widths: dict[int, float]
) -> Iterator[_Paragraph | Table]:
    """Paragraphs and tables in reading order; a table breaks the paragraph around it."""
    left = _left_margin(line for lines in pages for line in lines)
    frame = _Frame(_right_margins(pages, widths), widths, left)
    current: _Paragraph | None = None
    for lines in pages:
        pending = list(tables.get(lines[0].page, ())) if lines else []
        for line in lines:
            table = next((t for t in pending if t.holds(line)), None)
            if table is not None or any(t.holds(line) for t in tables.get(line.page, ())):
                if current is not None:
                    yield current
                    current = None
                if table is not None:
                    pending.remove(table)
                    yield table
                continue
            if current is not None and _continues(current, line, frame):
                current.lines.append(line)
                continue
            if current is not None:
                yield current
            current = _Paragraph([line])
        if pending and current is not None:
            yield current
            current = None
        yield from pending
    if current is not None:
        yield current


def _cell_text(text: str | None) -> str:
    """A cell's lines joined as paragraph lines are; pdfplumber's spaces inside Chinese dropped."""
    lines = [part.strip() for part in (text or "").splitlines() if part.strip()]
    return _CJK_SPACE.sub("", reduce(_join, lines)) if lines else ""


def _blocks(items: Iterable[_Paragraph | Table]) -> Iterator[Block]:
    number = 0
    table_number = 0
    for item in items:
        if isinstance(item, Table):
            for r, row in enumerate(item.rows):
                for c, cell in enumerate(row):
                    text = _cell_text(cell)
                    if text:
                        yield Block(
                            BlockKind.TABLE_CELL,
                            text,
                            page=item.page,
                            table=table_number,
                            row=r,
                            col=c,
                        )
            table_number += 1
            continue
        yield Block(BlockKind.PARAGRAPH, item.text, page=item.lines[0].page, paragraph=number)
        number += 1


def _page_widths(pdf: pdfium.PdfDocument, damaged: list[int]) -> dict[int, float]:
    widths: dict[int, float] = {}
    for index in range(len(pdf)):
        if index + 1 not in damaged:
            try:
                widths[index + 1] = round(pdf.get_page_size(index)[0])
            except pdfium.PdfiumError:  # its lines were read: the margins are taken without it
                continue
    return widths


def _tables_or_warning(
    data: bytes, numbers: list[int], warnings: list[str]
) -> dict[int, list[Table]]:
    """Tables are a refinement: when pdfminer (under pdfplumber) chokes on a file that pdfium read,
    keep the text and say so, rather than fail the file."""
    try:
        return _find_tables(data, numbers)
    except Exception as error:  # pdfminer raises many unrelated types on a malformed file
        warnings.append(f"PDF 表格识别失败（{type(error).__name__}），表格内容按正文读取")
        return {}


def read(data: bytes, source: str, limits: Limits) -> Document:
    """Read a PDF's text layer into paragraph and table-cell blocks.

    Raises :class:`InputError` for a damaged, encrypted or over-long PDF. Pages without a text
    layer (a scan, scanned pages of a text PDF) are read by OCR (:mod:`junheng.ingest.pdf_ocr`);
    without the OCR extra a scan fails with what to install, a text PDF's empty pages get a warning.
    """
    warnings: list[str] = []
    pdf = _open(data)
    try:
        if len(pdf) > limits.max_pdf_pages:
            raise InputError(f"PDF 页数过多（{len(pdf)} 页，上限 {limits.max_pdf_pages} 页）")
        damaged: list[int] = []
        pages, ruled, heights = _read_pages(pdf, warnings, damaged)
        widths = _page_widths(pdf, damaged)
    finally:
        pdf.close()
    if pages and len(damaged) == len(pages):
        raise InputError("PDF 已损坏：没有一页能够读取")
    empty = [n for n, lines in enumerate(pages, start=1) if not lines and n not in damaged]
    tables = _tables_or_warning(data, ruled, warnings)
    body = strip_furniture(pages, heights)
    blocks = list(_blocks(paragraphs(body, tables, widths)))
    scanned: tuple[int, ...] = ()
    if empty:  # pages without a text layer: OCR (imported only here, a text PDF never loads it)
        from junheng.ingest.pdf_ocr import read_scanned

        blocks, scanned = read_scanned(data, blocks, empty, len(empty) + len(damaged) == len(pages),
                                       limits, warnings)  # fmt: skip
    blocks, cut = cap_blocks(blocks, limits.max_text_chars)
    warnings.extend(cut)
    document = build_document(source, "pdf", blocks, pages=len(pages), warnings=warnings)
    return replace(document, ocr_pages=scanned) if scanned else document
