"""The drafts of a real run over the seed corpus read as a coherent first draft."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import openpyxl
import pytest
from junheng.cli import main

pytestmark = pytest.mark.slow  # one run over the seed corpus


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "OUT"
    main(["run", *map(str, sorted(seeds.glob("*.txt"))), "--out", str(folder), "--quiet"])
    return folder


@pytest.mark.corpus
def test_draft_corpus_run_writes_every_output(out: Path) -> None:
    for name in ("report.docx", "ledger.xlsx", "figures.csv", "review.html", "manifest.json"):
        assert (out / name).stat().st_size > 0, name


@pytest.mark.corpus
def test_draft_corpus_report_is_coherent(out: Path) -> None:
    document = docx.Document(str(out / "report.docx"))
    blocks = list(document.paragraphs)
    paragraphs = [p.text for p in blocks]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = "\n".join(paragraphs + cells)
    assert not re.search(r"\bNone\b|\bnan\b|\{\{|\}\}", text)
    level_one = [p.text[:2] for p in blocks if p.style.name == "一级标题"]
    assert level_one[:6] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    for index, block in enumerate(blocks):  # every heading has something under it
        if block.style.name in {"一级标题", "二级标题"}:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            assert following is not None and following.style.name not in {"一级标题"}, block.text
    for table in document.tables:
        rows = [tuple(c.text for c in row.cells) for row in table.rows]
        assert len(rows) == len(set(rows)), "no duplicated rows"
    prose = "".join(p.text for p in document.paragraphs if p.style.name == "正文")
    assert "," not in re.sub(r"[0-9A-Za-z_.,]+,[0-9A-Za-z_.]+", "", prose), "Chinese punctuation"


@pytest.mark.corpus
def test_draft_corpus_ledger_has_one_row_per_problem(out: Path) -> None:
    problems = [
        json.loads(line)
        for line in (out / "items.jsonl").read_text("utf-8").splitlines()
        if json.loads(line)["kind"] == "problem"
    ]
    sheet = openpyxl.load_workbook(out / "ledger.xlsx")["整改台账"]
    assert sheet.max_row - 1 == len(problems)


@pytest.mark.corpus
def test_draft_corpus_standards_section_cites_the_profile(out: Path) -> None:
    """Section 二 lists each indicator checked against the standard, with its source and value."""
    findings = [
        json.loads(line) for line in (out / "findings.jsonl").read_text("utf-8").splitlines()
    ]
    below = [f for f in findings if f["rule"] == "below_standard"]
    assert below and all(f["indicator"] for f in below)  # the draft needs to know which
    texts = [p.text for p in docx.Document(str(out / "report.docx")).paragraphs]
    start, end = texts.index("二、指标达标情况"), texts.index("三、存在的主要问题")
    section = texts[start:end]
    assert any("教督〔2017〕6号" in t and "标准值为" in t for t in section)
    assert any("未达到" in t for t in section)
