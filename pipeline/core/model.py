"""The immutable data model every stage shares.

A :class:`Document` is what an ingest reader makes of one file: its blocks (heading, paragraph,
table cell) with where each came from, the raw text (the blocks' text joined by ``"\\n"``), and the
normalised text every later span refers to. Normalisation is a *view*: :class:`OffsetMap` maps each
character of the normalised text back to the raw character it came from, so any span can be shown
as the report wrote it.

All offsets are half-open ``[start, end)`` character offsets into ``Document.text`` unless a name
says ``raw``.
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass, field
from enum import StrEnum

ReportKey = tuple[str, int]
"""One report of a batch: ``(file, doc)``, the file's name in the outputs and its index in it."""


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    TABLE_CELL = "table_cell"


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of source text with its provenance.

    ``page`` is 1-based (PDF only); ``paragraph`` is the 0-based index of the paragraph or line in
    body order; ``table``/``row``/``col`` are 0-based for table cells; ``level`` is the heading
    level when the source says so (a Word heading style), else None.
    """

    kind: BlockKind
    text: str
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    level: int | None = None
    style: str | None = None
    sheet: str | None = None
    """The worksheet's name for a cell of a spreadsheet (``table`` is then the sheet's index)."""
    box: tuple[float, float, float, float] | None = None
    """For text read by OCR: ``(left, top, right, bottom)`` on its page, y downwards (PDF points
    for a PDF page, pixels for an image)."""
    confidence: float | None = None
    """For text read by OCR: the recogniser's confidence (0–1), the lowest of its lines; None for
    text a file holds as text."""
    scores: tuple[tuple[int, float], ...] = ()
    """For text read by OCR: ``(offset in text, confidence)`` where each of its lines starts."""


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps each normalised character to the raw character it came from.

    ``source[i]`` is the index in the raw text of normalised character ``i``. The sequence is
    non-decreasing (an expansion such as ``⒈`` → ``1.`` maps several characters to one source
    character); raw characters that no normalised character points at were dropped (stray spaces,
    zero-width characters, line breaks inside a word).
    """

    source: array
    raw_length: int

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw ``[start, end)`` that normalised ``[start, end)`` came from."""
        if not 0 <= start <= end <= len(self.source):
            raise IndexError(f"span {start}:{end} outside 0:{len(self.source)}")
        if start == end:
            raw = self.source[start] if start < len(self.source) else self.raw_length
            return raw, raw
        return self.source[start], self.source[end - 1] + 1

    def to_normalised(self, raw_offset: int) -> int:
        """The first normalised offset whose source is at or after ``raw_offset``."""
        return bisect.bisect_left(self.source, raw_offset)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a raw character range sits in the source: the block and the characters inside it."""

    block: int
    block_start: int
    block_end: int
    page: int | None
    paragraph: int | None
    table: int | None
    row: int | None
    col: int | None


@dataclass(frozen=True, slots=True)
class Document:
    """A file read into blocks, with its raw and normalised text.

    ``raw_text`` is ``"\\n".join(block.text for block in blocks)``; ``block_starts[i]`` is where
    block ``i`` starts in it. ``text`` is the normalised view and ``offsets`` maps it back.
    """

    source: str
    format: str
    blocks: tuple[Block, ...]
    block_starts: tuple[int, ...]
    raw_text: str
    text: str
    offsets: OffsetMap
    encoding: str | None = None
    pages: int | None = None
    warnings: tuple[str, ...] = ()
    ocr_pages: tuple[int, ...] = ()
    """The pages (1-based) whose text was read by OCR: a scanned PDF's pages, an image's."""

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_raw(start, end)

    def source_text(self, start: int, end: int) -> str:
        """The text of normalised ``[start, end)`` as the source wrote it."""
        raw_start, raw_end = self.offsets.to_raw(start, end)
        return self.raw_text[raw_start:raw_end]

    def block_index(self, raw_offset: int) -> int:
        return max(0, bisect.bisect_right(self.block_starts, raw_offset) - 1)

    def locate(self, start: int, end: int | None = None) -> Location:
        """The block (and characters inside it) where normalised ``start`` sits."""
        end = start + 1 if end is None else end
        end = min(max(end, start), len(self.text))
        start = min(start, len(self.text))
        raw_start, raw_end = self.offsets.to_raw(start, max(start, end))
        index = self.block_index(raw_start)
        block = self.blocks[index] if self.blocks else Block(BlockKind.PARAGRAPH, "")
        base = self.block_starts[index] if self.blocks else 0
        return Location(
            block=index,
            block_start=raw_start - base,
            block_end=min(raw_end - base, len(block.text)),
            page=block.page,
            paragraph=block.paragraph,
            table=block.table,
            row=block.row,
            col=block.col,
        )

    def page_at(self, start: int) -> int | None:
        if not self.blocks:
            return None
        return self.locate(start).page

    def confidence_at(self, start: int, end: int) -> float | None:
        """The OCR confidence of normalised ``[start, end)``: the lowest of the OCR lines it
        touches; None when the text was not read by OCR."""
        if not self.blocks or start >= len(self.text):
            return None
        raw_start, raw_end = self.offsets.to_raw(start, max(start + 1, min(end, len(self.text))))
        found: list[float] = []
        for index in range(self.block_index(raw_start), self.block_index(raw_end - 1) + 1):
            block, base = self.blocks[index], self.block_starts[index]
            if block.confidence is None:
                continue
            lines = block.scores or ((0, block.confidence),)
            for k, (offset, score) in enumerate(lines):
                line_end = lines[k + 1][0] if k + 1 < len(lines) else len(block.text) + 1
                if base + offset < raw_end and raw_start < base + line_end:
                    found.append(score)
        return min(found) if found else None


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open ``[start, end)`` range of ``Document.text``, with its page when known."""

    start: int
    end: int
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A node of a report's heading tree.

    ``level`` counts depth from 1 (the report's top-level headings); ``marker`` is the numbering as
    written (``一、``, ``(一)``, ``1.``, ``一是`` …) and ``style`` names its family. ``start`` is
    where the heading starts, ``heading_end`` where its title ends, ``end`` where the section ends.
    """

    title: str
    level: int
    marker: str
    style: str
    start: int
    heading_end: int
    end: int
    children: tuple[Section, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """One report found inside a file."""

    index: int
    title: str
    unit_name: str | None
    type: str | None
    date: str | None
    years: tuple[int, ...]
    start: int
    end: int
    title_start: int | None = None
    title_end: int | None = None
    sections: tuple[Section, ...] = ()
    match_title: str = ""
    """The title in the normalised view (Simplified, ASCII punctuation), for rules to match;
    ``title`` is as the source writes it."""
    file: str = ""
    """The input file's name in the outputs (set by :func:`junheng.core.ground.ground`)."""
    page: int | None = None

    @property
    def key(self) -> ReportKey:
        return (self.file, self.index)

    @property
    def doc(self) -> int:
        """``index`` under its name in the rows (``doc``), as templates use it."""
        return self.index


class FigureKind(StrEnum):
    ACTUAL = "actual"  # a reported fact
    TARGET = "target"  # 目标 / 力争 / 计划
    STANDARD = "standard"  # a quoted requirement: 不低于5.2平方米


@dataclass(frozen=True, slots=True)
class Figure:
    """One number read from a report, as an indicator of the catalogue (shared/CONTRACT.md).

    ``span`` cuts exactly the number out of ``Document.text``; ``sentence`` is the sentence or
    clause it was read from. ``value`` is normalised to the catalogue ``unit`` (percent 0–100,
    money in 元, area in 平方米, a students-per-teacher ratio as students per teacher).
    """

    doc: int
    indicator: str
    value: float
    unit: str
    level: str | None
    year: int | None
    kind: FigureKind
    qualifier: str | None
    span: Span
    sentence: Span
    unit_name: str | None = None
    file: str = ""
    text: str = ""
    """The sentence as the source writes it (stripped); ``number`` is the number as written."""
    number: str = ""
    school: str | None = None
    """For a figure of a table's school row: the school's name (also its ``unit_name``), its type
    (``school_type``: 小学, 初中, 九年一贯制, 完全中学 …) and county when the table says."""
    school_type: str | None = None
    county: str | None = None
    ocr_confidence: float | None = None
    """For a figure read from OCR text: the recogniser's confidence in its number (0–1)."""

    @property
    def key(self) -> ReportKey:
        """The report it was read from: ``(file, doc)``."""
        return (self.file, self.doc)

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def page(self) -> int | None:
        return self.span.page


class ItemKind(StrEnum):
    PROBLEM = "problem"  # 存在问题 / 不足 / 困难 / 反馈问题
    MEASURE = "measure"  # 整改措施 / 改进措施 / 下一步打算
    OUTCOME = "outcome"  # 整改情况 / 整改结果 / 整改成果


@dataclass(frozen=True, slots=True)
class ItemLink:
    kind: ItemKind
    index: int


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a problem, measure or outcome list (shared/CONTRACT.md, items.jsonl).

    ``span`` covers the entry's text (numbering stripped) in ``Document.text``; ``index`` is its
    position in its list from 1; ``figures`` are the figures read inside it.
    """

    doc: int
    kind: ItemKind
    index: int
    text: str
    category: str
    span: Span
    status: str | None = None  # problems only: 已整改 / 整改中 / 未整改
    links: tuple[ItemLink, ...] = ()
    deadline: str | None = None
    owner: str | None = None
    unit_name: str | None = None
    figures: tuple[Figure, ...] = ()
    file: str = ""
    source_text: str = ""
    """The entry as the source writes it. ``text`` is its normalised view, for matching; an item
    read back from items.jsonl has only the source's form, in both fields."""

    @property
    def key(self) -> ReportKey:
        return (self.file, self.doc)

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def page(self) -> int | None:
        return self.span.page


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A figure (or sentence) a finding rests on, located in a file's normalised text."""

    file: str
    doc: int
    text: str
    start: int
    end: int
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """What the validator found (shared/CONTRACT.md, findings.jsonl)."""

    file: str
    doc: int
    unit_name: str | None
    rule: str
    severity: Severity
    message: str
    values: tuple[float, ...]
    expected: float | None
    standard: str | None
    evidence: tuple[Evidence, ...]
    indicator: str | None = None  # the indicator and level the finding is about, when one
    level: str | None = None

    @property
    def key(self) -> ReportKey:
        return (self.file, self.doc)


class Status(StrEnum):
    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class FileResult:
    """What became of one input file: its status and what was found in it."""

    file: str
    path: str
    sha256: str | None
    bytes: int | None
    format: str | None
    status: Status
    error: str | None = None
    reports: tuple[Report, ...] = ()
    figures: tuple[Figure, ...] = ()
    items: tuple[Item, ...] = ()
    findings: tuple[Finding, ...] = ()
    document: Document | None = field(default=None, compare=False, repr=False)
