"""Report text and file names never become live formulas; control characters never cost a draft."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import docx
import openpyxl
from junheng.draft import draft

HOSTILE = (
    '=HYPERLINK("http://x.example","点此")',
    "+1+1",
    "-1+cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
)
CONTROL = "运动场\x01不达标\x0b无直跑道\x1f"


def _edit(path: Path, change) -> None:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    for n, row in enumerate(rows):
        change(n, row)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def _poison(out: Path) -> None:
    def item(n: int, row: dict) -> None:
        if row["kind"] == "problem":
            row["text"] = HOSTILE[n % len(HOSTILE)] if n % 2 else CONTROL
            row["owner"] = HOSTILE[(n + 1) % len(HOSTILE)]

    def figure(n: int, row: dict) -> None:
        row["text"] = HOSTILE[n % len(HOSTILE)] + "\x02"
        if n == 0:
            row["unit_name"] = "=1+2"

    def report(n: int, row: dict) -> None:
        row["title"] = f"{row['title']}\x00\x08"
        if n == 1:
            row["unit_name"] = "@某某镇"

    def finding(n: int, row: dict) -> None:
        row["message"] = f"-{row['message']}\x0c"

    _edit(out / "items.jsonl", item)
    _edit(out / "figures.jsonl", figure)
    _edit(out / "reports.jsonl", report)
    _edit(out / "findings.jsonl", finding)


def test_draft_no_live_formulas_and_no_control_characters(draft_out: Path) -> None:
    _poison(draft_out)
    draft(draft_out)  # no IllegalCharacterError, no "All strings must be XML compatible"
    with zipfile.ZipFile(draft_out / "ledger.xlsx") as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in book.read(n) or b"<f " in book.read(n) for n in sheets)
    workbook = openpyxl.load_workbook(draft_out / "ledger.xlsx")
    texts = [
        c.value
        for ws in workbook
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    assert any(t.lstrip("'").startswith("=HYPERLINK") for t in texts)
    assert all(c.data_type != "f" for ws in workbook for row in ws.iter_rows() for c in row)
    document = docx.Document(str(draft_out / "report.docx"))
    assert any("运动场" in p.text for t in document.tables for r in t.rows for p in r.cells)


def test_draft_figures_csv_quotes_formula_cells_as_owasp_says(draft_out: Path) -> None:
    _poison(draft_out)
    draft(draft_out)
    raw = (draft_out / "figures.csv").read_text("utf-8-sig")
    rows = list(csv.reader(raw.splitlines(keepends=True)))
    cells = [c for row in rows[1:] for c in row]
    assert cells
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or _number(cell), cell
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert '"\'=1+2"' in raw  # the prefixed cell is also wrapped in double quotes
    assert "\x02" not in raw


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
