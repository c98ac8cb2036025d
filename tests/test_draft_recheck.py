"""`junheng draft OUT` checks a corrected figure again: every draft agrees with the correction."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
from junheng.cli import main

FILE = "003_1231b9b084b91a9d.txt"


def _findings_sheet(out: Path) -> list[str]:
    sheet = openpyxl.load_workbook(out / "ledger.xlsx")["核查发现"]
    return [str(c.value) for row in sheet.iter_rows(min_row=2) for c in row if c.value]


def _correct(out: Path, value: float) -> None:
    """A person corrects the report's 生均图书 (and says it is the 小学's)."""
    path = out / "figures.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    hits = [r for r in rows if r["file"] == FILE and r["indicator"] == "books_per_student"]
    assert hits
    for row in hits:
        row["value"], row["level"] = value, "小学"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def _report(out: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(out / "report.docx")).paragraphs)


def test_draft_recheck_a_corrected_figure(draft_out: Path) -> None:
    _correct(draft_out, 5)
    assert main(["draft", str(draft_out)]) == 0
    below = [t for t in _findings_sheet(draft_out) if "生均藏书" in t and "未达到" in t]
    assert below, "the corrected figure is checked against the standard"
    assert "below_standard" in (draft_out / "findings.jsonl").read_text("utf-8")
    assert "生均藏书" in _report(draft_out).split("二、指标达标情况")[1].split("三、")[0]
    _correct(draft_out, 40)  # and corrected again: the finding goes, the others stay
    assert main(["draft", str(draft_out)]) == 0
    assert not [t for t in _findings_sheet(draft_out) if "生均藏书" in t and "未达到" in t]
    findings = (draft_out / "findings.jsonl").read_text("utf-8")
    assert "below_standard" not in findings and "sum_mismatch" in findings
