"""Helpers of the segmentation tests."""

from __future__ import annotations

from junheng.core.model import Report
from junheng.core.normalize import normalize
from junheng.segment import segment_text


def only_report(raw: str) -> Report:
    """The one report ``raw`` holds, read as junheng reads a file's text (normalised first)."""
    reports = segment_text(normalize(raw)[0])
    assert len(reports) == 1, f"expected one report, found {len(reports)}: {reports}"
    return reports[0]
