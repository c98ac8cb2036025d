"""figures.csv: every figure as one row, UTF-8 with a BOM so Excel and WPS read the Chinese."""

from __future__ import annotations

import csv
from pathlib import Path

from junheng.draft.inputs import Batch
from junheng.draft.labels import indicator_name
from junheng.draft.summary import Summary

# Contract field names first (tools read them), then the Chinese name people filter on.
COLUMNS = (
    "file",
    "doc",
    "unit_name",
    "indicator",
    "indicator_name",
    "value",
    "unit",
    "level",
    "year",
    "kind",
    "qualifier",
    "text",
    "page",
    "start",
    "end",
)


def _plain(value: float) -> str:
    """The value in full (no rounding, no exponent): the CSV is for checking numbers."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write(batch: Batch, summary: Summary, path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for figure in batch.figures:
            row = {
                "file": figure.file,
                "doc": figure.doc,
                "unit_name": summary.unit_for(figure),
                "indicator": figure.indicator,
                "indicator_name": indicator_name(figure.indicator),
                "value": _plain(figure.value),
                "unit": figure.unit,
                "level": figure.level,
                "year": figure.year,
                "kind": figure.kind,
                "qualifier": figure.qualifier,
                "text": figure.text,
                "page": figure.page,
                "start": figure.start,
                "end": figure.end,
            }
            writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS])
    return path
