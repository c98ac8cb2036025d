"""Turning results into the JSON rows of shared/CONTRACT.md. The one place field names live."""

from __future__ import annotations

from itertools import compress, count, islice, pairwise, repeat
from operator import ne, sub
from typing import Any

from junheng.core.model import Document, Figure, FileResult, Finding, Report, Section

# The line-per-object outputs of `junheng run`, in the order they are written.
OUTPUTS: tuple[str, ...] = ("documents", "reports", "figures", "items", "findings")


def section_dict(section: Section) -> dict[str, Any]:
    return {
        "title": section.title,
        "level": section.level,
        "marker": section.marker,
        "style": section.style,
        "start": section.start,
        "heading_end": section.heading_end,
        "end": section.end,
        "children": [section_dict(child) for child in section.children],
    }


def report_dict(file: str, report: Report, doc: Document | None) -> dict[str, Any]:
    return {
        "file": file,
        "doc": report.index,
        "title": report.title,
        "unit_name": report.unit_name,
        "type": report.type,
        "date": report.date,
        "years": list(report.years),
        "start": report.start,
        "end": report.end,
        "page": doc.page_at(report.start) if doc is not None else None,
        "title_start": report.title_start,
        "title_end": report.title_end,
        "sections": [section_dict(section) for section in report.sections],
    }


def figure_dict(file: str, figure: Figure, doc: Document) -> dict[str, Any]:
    """A figures.jsonl row: CONTRACT fields, plus the sentence's offsets and the number written."""
    sentence = figure.sentence
    return {
        "file": file,
        "doc": figure.doc,
        "unit_name": figure.unit_name,
        "indicator": figure.indicator,
        "value": figure.value,
        "unit": figure.unit,
        "level": figure.level,
        "year": figure.year,
        "kind": str(figure.kind),
        "qualifier": figure.qualifier,
        "text": doc.source_text(sentence.start, sentence.end).strip(),
        "page": doc.page_at(figure.span.start),
        "start": figure.span.start,
        "end": figure.span.end,
        "sentence_start": sentence.start,
        "sentence_end": sentence.end,
        "number": doc.source_text(figure.span.start, figure.span.end),
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


def document_dict(file: str, doc: Document) -> dict[str, Any]:
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


def finding_dict(finding: Finding) -> dict[str, Any]:
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
        "evidence": [
            {
                "text": e.text,
                "start": e.start,
                "end": e.end,
                "page": e.page,
                "file": e.file,
                "doc": e.doc,
            }
            for e in finding.evidence
        ],
    }


def manifest_entry(result: FileResult) -> dict[str, Any]:
    return {
        "file": result.file,
        "sha256": result.sha256,
        "bytes": result.bytes,
        "format": result.format,
        "status": str(result.status),
        "error": result.error,
        "documents": result.report_count,
        "figures": result.figures,
        "items": result.items,
    }
