"""The one codec: model objects ⇄ the JSON rows of shared/CONTRACT.md, and jsonl files.

Every place that writes or reads a row goes through here: the per-file task (rows for the store
and OUT/), the batch rules (figures.jsonl read back), the drafts (OUT/*.jsonl read back into the
model types) and the evaluation. Field names live here and nowhere else.

``to_row`` needs grounded objects (:mod:`junheng.core.ground`): the file, page and source text
are read from the object. ``from_row`` is lenient the way a reader of a growing contract must be:
unknown fields are ignored and missing optional ones take their defaults, so a row a person
edited by hand still reads.

>>> row = to_row(Span(3, 7))  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from itertools import compress, count, islice, pairwise, repeat
from operator import ne, sub
from pathlib import Path
from typing import IO, Any, TypeVar

from junheng.core.model import (
    Document,
    Evidence,
    Figure,
    FigureKind,
    FileResult,
    Finding,
    Item,
    ItemKind,
    ItemLink,
    Report,
    Section,
    Severity,
    Span,
    Status,
)

# The line-per-object outputs of `junheng run`, in the order they are written.
OUTPUTS: tuple[str, ...] = ("documents", "reports", "figures", "items", "findings")

Row = dict[str, Any]
T = TypeVar("T")


# --- objects → rows -------------------------------------------------------------------------


def section_row(section: Section) -> Row:
    return {
        "title": section.title,
        "level": section.level,
        "marker": section.marker,
        "style": section.style,
        "start": section.start,
        "heading_end": section.heading_end,
        "end": section.end,
        "children": [section_row(child) for child in section.children],
    }


def report_row(report: Report) -> Row:
    return {
        "file": report.file,
        "doc": report.index,
        "title": report.title,
        "unit_name": report.unit_name,
        "type": report.type,
        "date": report.date,
        "years": list(report.years),
        "start": report.start,
        "end": report.end,
        "page": report.page,
        "title_start": report.title_start,
        "title_end": report.title_end,
        "sections": [section_row(section) for section in report.sections],
    }


def figure_row(figure: Figure) -> Row:
    """A figures.jsonl row: CONTRACT fields, plus the sentence's offsets and the number written."""
    return {
        "file": figure.file,
        "doc": figure.doc,
        "unit_name": figure.unit_name,
        "indicator": figure.indicator,
        "value": figure.value,
        "unit": figure.unit,
        "level": figure.level,
        "year": figure.year,
        "kind": str(figure.kind),
        "qualifier": figure.qualifier,
        "text": figure.text,
        "page": figure.span.page,
        "start": figure.span.start,
        "end": figure.span.end,
        "sentence_start": figure.sentence.start,
        "sentence_end": figure.sentence.end,
        "number": figure.number,
        **_school_fields(figure),
        **_ocr_fields(figure),
    }


def _ocr_fields(figure: Figure) -> Row:
    """``ocr`` and ``ocr_confidence`` for a figure read from a scan (nothing for text files)."""
    if figure.ocr_confidence is None:
        return {}
    return {"ocr": True, "ocr_confidence": round(figure.ocr_confidence, 4)}


def _school_fields(figure: Figure) -> Row:
    """``school``, ``school_type`` and ``county`` for a figure of a school row of a table."""
    if figure.school is None and figure.county is None:
        return {}
    return {"school": figure.school, "school_type": figure.school_type, "county": figure.county}


def item_row(item: Item) -> Row:
    """An items.jsonl row (its text as the source wrote it), plus the figures inside it."""
    return {
        "file": item.file,
        "doc": item.doc,
        "unit_name": item.unit_name,
        "page": item.span.page,
        "start": item.span.start,
        "end": item.span.end,
        "kind": str(item.kind),
        "index": item.index,
        "text": item.source_text,
        "category": item.category,
        "status": item.status,
        "links": [{"kind": str(link.kind), "index": link.index} for link in item.links],
        "deadline": item.deadline,
        "owner": item.owner,
        "figures": [
            {
                "indicator": figure.indicator,
                "value": figure.value,
                "start": figure.span.start,
                "end": figure.span.end,
            }
            for figure in item.figures
        ],
    }


def evidence_row(evidence: Evidence) -> Row:
    return {
        "text": evidence.text,
        "start": evidence.start,
        "end": evidence.end,
        "page": evidence.page,
        "file": evidence.file,
        "doc": evidence.doc,
    }


def finding_row(finding: Finding) -> Row:
    """A findings.jsonl row: CONTRACT fields, plus the indicator and level it is about and, on
    each piece of evidence, the file and report it stands in (a finding may span files)."""
    return {
        "file": finding.file,
        "doc": finding.doc,
        "unit_name": finding.unit_name,
        "rule": finding.rule,
        "severity": str(finding.severity),
        "message": finding.message,
        "values": list(finding.values),
        "expected": finding.expected,
        "standard": finding.standard,
        "indicator": finding.indicator,
        "level": finding.level,
        "evidence": [evidence_row(e) for e in finding.evidence],
    }


def offset_runs(doc: Document) -> list[list[int]]:
    """The offset map as runs ``[text_start, raw_start, length]`` where it advances one to one.

    The breaks (where the next source index is not one more) are found by iterators that run in
    C (``map``, ``compress``), not a Python loop per character."""
    source = doc.offsets.source
    if not len(source):
        return []
    steps = map(sub, islice(source, 1, None), source)  # source[i] - source[i - 1], i ≥ 1
    breaks = compress(count(1), map(ne, steps, repeat(1)))
    bounds = [0, *breaks, len(source)]
    return [[a, source[a], b - a] for a, b in pairwise(bounds)]


def document_row(file: str, doc: Document) -> Row:
    """The text a person reviews the figures in: normalised view, source text and the map."""
    page_starts: list[int] = []
    for block, start in zip(doc.blocks, doc.block_starts, strict=True):
        if block.page is not None and len(page_starts) < block.page:
            page_starts.extend([doc.offsets.to_normalised(start)] * (block.page - len(page_starts)))
    return {
        "file": file,
        "format": doc.format,
        "encoding": doc.encoding,
        "pages": doc.pages,
        "text": doc.text,
        "raw_text": doc.raw_text,
        "offset_runs": offset_runs(doc),
        "page_starts": page_starts,
    }


def manifest_entry(result: FileResult, counts: dict[str, int]) -> Row:
    """The file's entry in manifest.json; ``counts`` is how many rows it gave each output."""
    return {
        "file": result.file,
        "sha256": result.sha256,
        "bytes": result.bytes,
        "format": result.format,
        "status": str(result.status),
        "error": result.error,
        "documents": counts.get("reports", 0),
        "figures": counts.get("figures", 0),
        "items": counts.get("items", 0),
        **_ocr_pages(result),
    }


def _ocr_pages(result: FileResult) -> Row:
    """``ocr_pages``: how many pages of the file were read by OCR (only for a scan)."""
    pages = result.document.ocr_pages if result.document is not None else ()
    return {"ocr_pages": len(pages)} if pages else {}


def rows_of(result: FileResult) -> dict[str, list[Row]]:
    """The rows one file gives each output: none when it failed, else one document row and its
    reports, figures, items and findings (empty when extraction found or managed nothing)."""
    if result.document is None or result.status is Status.FAILED:
        return {}
    return {
        "documents": [document_row(result.file, result.document)],
        "reports": [report_row(r) for r in result.reports],
        "figures": [figure_row(f) for f in result.figures],
        "items": [item_row(i) for i in result.items],
        "findings": [finding_row(f) for f in result.findings],
    }


# --- rows → objects -------------------------------------------------------------------------


def _span(row: Row) -> Span:
    return Span(int(row["start"]), int(row["end"]), row.get("page"))


def report_from_row(row: Row) -> Report:
    return Report(
        index=int(row.get("doc") or 0),
        title=row.get("title") or "",
        unit_name=row.get("unit_name"),
        type=row.get("type"),
        date=row.get("date"),
        years=tuple(row.get("years") or ()),
        start=int(row["start"]),
        end=int(row["end"]),
        title_start=row.get("title_start"),
        title_end=row.get("title_end"),
        file=row.get("file") or "",
        page=row.get("page"),
    )


def figure_from_row(row: Row) -> Figure:
    start, end = int(row["start"]), int(row["end"])
    return Figure(
        doc=int(row.get("doc") or 0),
        indicator=row["indicator"],
        value=row["value"],
        unit=row.get("unit") or "",
        level=row.get("level"),
        year=row.get("year"),
        kind=FigureKind(row.get("kind") or "actual"),
        qualifier=row.get("qualifier"),
        span=Span(start, end, row.get("page")),
        sentence=Span(row.get("sentence_start", start), row.get("sentence_end", end)),
        unit_name=row.get("unit_name"),
        file=row.get("file") or "",
        text=row.get("text") or "",
        number=row.get("number") or "",
        school=row.get("school"),
        school_type=row.get("school_type"),
        county=row.get("county"),
        ocr_confidence=row.get("ocr_confidence"),
    )


def item_from_row(row: Row) -> Item:
    doc = int(row.get("doc") or 0)
    text = row.get("text") or ""
    return Item(
        doc=doc,
        kind=ItemKind(row["kind"]),
        index=int(row["index"]),
        text=text,
        category=row.get("category") or "其他",
        span=_span(row),
        status=row.get("status"),
        links=tuple(
            ItemLink(ItemKind(link["kind"]), int(link["index"])) for link in row.get("links") or ()
        ),
        deadline=row.get("deadline"),
        owner=row.get("owner"),
        unit_name=row.get("unit_name"),
        figures=tuple(
            Figure(doc, f["indicator"], f["value"], "", None, None, FigureKind.ACTUAL, None,
                   Span(f["start"], f["end"]), Span(f["start"], f["end"]))
            for f in row.get("figures") or ()
        ),
        file=row.get("file") or "",
        source_text=text,
    )


def evidence_from_row(row: Row, finding: Row) -> Evidence:
    return Evidence(
        file=row.get("file") or finding.get("file") or "",
        doc=row.get("doc", finding.get("doc")),  # type: ignore[arg-type]  # as finding_from_row
        text=row.get("text") or "",
        start=int(row["start"]),
        end=int(row["end"]),
        page=row.get("page"),
    )


def finding_from_row(row: Row) -> Finding:
    return Finding(
        file=row.get("file") or "",
        doc=row.get("doc"),  # type: ignore[arg-type]  # a batch finding may have none
        unit_name=row.get("unit_name"),
        rule=row["rule"],
        severity=Severity(row.get("severity") or "error"),
        message=row.get("message") or "",
        values=tuple(row.get("values") or ()),
        expected=row.get("expected"),
        standard=row.get("standard"),
        evidence=tuple(evidence_from_row(e, row) for e in row.get("evidence") or ()),
        indicator=row.get("indicator"),
        level=row.get("level"),
    )


# --- jsonl ----------------------------------------------------------------------------------


def encode_row(row: Row) -> str:
    """One line of a .jsonl output, as every output of junheng writes it."""
    return json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n"


def read_jsonl(path: Path) -> Iterator[Row]:
    """Rows of a jsonl file, streamed; a missing file is no rows (an empty batch still drafts)."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


class JsonLines:
    """A .jsonl file written atomically: ``with JsonLines(path) as out: out.write(row)``."""

    def __init__(self, path: Path, append: bool = False) -> None:
        self.path = path
        self._tmp = path.with_name(f".{path.name}.tmp")
        self._append = append
        self._handle: IO[str] | None = None
        self.count = 0

    def __enter__(self) -> JsonLines:
        self._handle = self._tmp.open("w", encoding="utf-8", newline="\n")
        if self._append and self.path.is_file():
            with self.path.open(encoding="utf-8", newline="\n") as old:
                for line in old:
                    self._handle.write(line)
        return self

    def write(self, row: Row) -> None:
        assert self._handle is not None
        self._handle.write(encode_row(row))
        self.count += 1

    def write_all(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self.write(row)

    def __exit__(self, exc_type: object, *_: object) -> None:
        assert self._handle is not None
        self._handle.close()
        if exc_type is None:
            os.replace(self._tmp, self.path)
        else:
            self._tmp.unlink(missing_ok=True)


def write_json(path: Path, obj: Any) -> None:
    """A JSON file (manifest.json, scores), written under a temporary name and renamed."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
