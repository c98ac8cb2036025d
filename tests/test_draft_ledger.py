"""ledger.xlsx and figures.csv read back: sheets, headers, one ledger row per problem."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl

FIXTURE = Path(__file__).parent / "data" / "draft" / "OUT"
LEDGER = [
    "序号",
    "单位",
    "问题类别",
    "问题描述",
    "整改措施",
    "整改情况",
    "状态",
    "责任单位/责任人",
    "整改时限",
    "来源文件",
    "页码",
]


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURE / name).read_text("utf-8").splitlines()]


def test_draft_ledger_sheets_and_headers(drafted_out: Path) -> None:
    book = openpyxl.load_workbook(drafted_out / "ledger.xlsx")
    assert book.sheetnames == ["整改台账", "指标汇总", "核查发现"]
    sheet = book["整改台账"]
    assert [c.value for c in sheet[1]] == LEDGER
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.column_dimensions["D"].width >= 30
    assert sheet["D2"].alignment.wrap_text


def test_draft_ledger_one_row_per_problem(drafted_out: Path) -> None:
    sheet = openpyxl.load_workbook(drafted_out / "ledger.xlsx")["整改台账"]
    problems = [r for r in _rows("items.jsonl") if r["kind"] == "problem"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(problems)
    by_text = {r[3]: r for r in rows}
    track = by_text["运动场不达标，无100米直跑道"]
    assert track[6] == "整改中"
    assert "60米长水泥直跑道" in track[5]
    for row in rows:
        assert not {"None", "nan"} & {str(v) for v in row if v is not None}


def test_draft_ledger_indicator_sheet_marks_below_standard(drafted_out: Path) -> None:
    sheet = openpyxl.load_workbook(drafted_out / "ledger.xlsx")["指标汇总"]
    assert sheet["A1"].value == "标准" and sheet["A2"].value == "单位"
    headers = [c.value for c in sheet[2]]
    col = next(i for i, h in enumerate(headers) if h and h.startswith("生均体育运动场馆面积"))
    assert sheet.cell(row=1, column=col + 1).value == "10.2"
    marked = [sheet.cell(row=r, column=col + 1) for r in range(3, sheet.max_row + 1)]
    marked = [c for c in marked if c.comment is not None]
    assert len(marked) == 1 and "10.2" in marked[0].comment.text
    units = [sheet.cell(row=r, column=1).value for r in range(3, sheet.max_row + 1)]
    assert len(units) == len(set(units)) and "义马市" in units


def test_draft_ledger_findings_sheet(drafted_out: Path) -> None:
    sheet = openpyxl.load_workbook(drafted_out / "ledger.xlsx")["核查发现"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(_rows("findings.jsonl"))
    assert any("611" in r[4] and "全市共计611人" in r[8] for r in rows)


def test_draft_figures_csv_has_bom_and_every_figure(drafted_out: Path) -> None:
    raw = (drafted_out / "figures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == len(_rows("figures.jsonl"))
    surcharge = next(r for r in rows if r["indicator"] == "edu_surcharge" and r["year"] == "2009")
    assert surcharge["value"] == "19240000" and surcharge["indicator_name"] == "教育费附加"
    assert all(r["level"] != "None" for r in rows)


def test_draft_ledger_reads_without_resizing(drafted_out: Path) -> None:
    """Rows are tall enough for their wrapped text, and the sheet prints A4 landscape on one
    page width with the header repeated (Excel and WPS do not grow rows a program wrote)."""
    sheet = openpyxl.load_workbook(drafted_out / "ledger.xlsx")["整改台账"]
    heights = [sheet.row_dimensions[r].height for r in range(2, sheet.max_row + 1)]
    assert all(h and h >= 15 for h in heights)
    longest = max(range(2, sheet.max_row + 1), key=lambda r: len(str(sheet.cell(r, 5).value or "")))
    assert sheet.row_dimensions[longest].height > 30  # a long 整改措施 gets several lines
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows.replace("$", "") == "1:1"


def test_draft_ledger_names_rules_in_chinese(drafted_out: Path) -> None:
    import re

    import openpyxl

    sheet = openpyxl.load_workbook(drafted_out / "ledger.xlsx")["核查发现"]
    rules = [row[2].value for row in sheet.iter_rows(min_row=2)]
    assert rules and not any(re.fullmatch(r"[a-z_]+", str(r)) for r in rules)
