"""figures.csv: every figure as one row, UTF-8 with a BOM so Excel and WPS read the Chinese.

Every figure of every file is here, copies of a report in other files too (the CSV is for
checking numbers against each file). Numbers are written bare; every text is wrapped in double
quotes, and one a spreadsheet would run as a formula (``=`` ``+`` ``-`` ``@``, tab, CR) is also
prefixed with ``'``, as OWASP recommends against CSV injection.
"""

from __future__ import annotations

import csv
from pathlib import Path

from junheng.draft.inputs import Batch
from junheng.draft.labels import indicator_name
from junheng.draft.safe import inert
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


def _plain(value: float) -> int | float:
    """The value in full (no rounding): the CSV is for checking numbers."""
    return int(value) if float(value).is_integer() else float(value)


def _cell(value: object) -> object:
    """A number as it is; a text made inert; nothing as an empty text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    return value if isinstance(value, int | float) else inert(str(value))


def write(batch: Batch, summary: Summary, path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_NONNUMERIC)
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
            writer.writerow([_cell(row[c]) for c in COLUMNS])
    return path
