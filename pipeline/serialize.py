"""Turning results into the JSON objects of shared/CONTRACT.md. The one place field names live."""

from __future__ import annotations

from typing import Any

from pipeline.model import Document, FileResult, Report, Section


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


def report_dict(result: FileResult, report: Report, doc: Document | None) -> dict[str, Any]:
    return {
        "file": result.file,
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


def manifest_entry(result: FileResult) -> dict[str, Any]:
    return {
        "file": result.file,
        "sha256": result.sha256,
        "bytes": result.bytes,
        "format": result.format,
        "status": str(result.status),
        "error": result.error,
        "documents": len(result.reports),
        "figures": result.figures,
        "items": result.items,
    }
