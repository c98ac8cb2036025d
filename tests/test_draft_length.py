"""The report's length follows its content, not its inputs (issue 16, point 3): each list in the
body shows its most reported entries with counts and says where the rest are; units are named
from the text or plainly; messages carry no raw ids. The bounded length is checked on synthetic
batches, opened and, where LibreOffice is installed, rendered and its pages counted."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from junheng.core.model import Report
from junheng.draft.labels import brief, strip_invisible, without_ids
from junheng.draft.summary import TOP_ERRORS, TOP_PROBLEMS, unit_label

BODY_PAGES = 40
# 22 lines of 28 characters a page: the characters 40 pages hold (tables hold fewer, so the
# proxy is generous; the rendered count below is the real check)
BODY_CHARS = BODY_PAGES * 22 * 28


@pytest.mark.parametrize(
    ("text", "ids", "expected"),
    [
        (
            "生均教学及辅助用房面积小学为3.74平方米，未达到《办法》第六条要求的≥4.5平方米（R4）"
            "（每所学校均须达到）",
            frozenset({"R4"}),
            "生均教学及辅助用房面积小学为3.74平方米，未达到《办法》第六条要求的≥4.5平方米"
            "（每所学校均须达到）",
        ),
        (
            "《办法》第八条（二） Q2 全县残疾儿童少年入学率",
            frozenset({"Q2"}),
            "《办法》第八条（二）全县残疾儿童少年入学率",
        ),
        ("未达到《规程》要求的≥25册（X-library-books）", frozenset(), "未达到《规程》要求的≥25册"),
        ("与 sum_mismatch 同类", frozenset(), "与合计与分项不符同类"),
        ("执行GB/T 9704（PM2.5）", frozenset({"R4"}), "执行GB/T 9704（PM2.5）"),
    ],
)
def test_without_ids(text: str, ids: frozenset[str], expected: str) -> None:
    assert without_ids(text, ids) == expected


def test_brief_cuts_prose_to_its_first_clause() -> None:
    long = (
        "优化资源配置：我们通过加大投入力度，改善办学条件，提高教育资源利用效率。同时还要继续努力。"
    )
    assert brief(long) == "优化资源配置：通过加大投入力度，改善办学条件，提高教育资源利用效率"
    assert len(brief("一" * 200)) <= 61


def test_unit_label_reads_the_title_and_never_shows_a_hash() -> None:
    named = Report(0, "新和县尤镇义务教育均衡发展工作汇报", None, None, None, (), 0, 1)
    assert unit_label(named, ("a.txt", 0)) == "新和县尤镇"
    unnamed = Report(8, "义务教育均衡发展工作汇报", None, None, None, (), 0, 1)
    assert unit_label(unnamed, ("000_23018ebd59d83b14.txt", 8), 3) == "文件3第9篇"
    plain = unit_label(None, ("sub/000_23018ebd59d83b14.txt", 8))
    assert "23018ebd" not in plain and not re.search(r"[\u200b\ufeff]", plain)
    assert strip_invisible("义\u200b马\ufeff市") == "义马市"


def _body(path: Path) -> list[str]:
    """Paragraph and cell texts of report.docx up to its first attachment."""
    document = docx.Document(str(path))
    mark = document.styles["附件标识"].style_id
    texts: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            ppr = child.pPr
            if ppr is not None and ppr.pStyle is not None and ppr.pStyle.val == mark:
                break
        if child.tag in (qn("w:p"), qn("w:tbl")):
            texts.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
    return texts


def _rendered_body_pages(out: Path, tmp: Path) -> int | None:
    """Pages of the body when LibreOffice renders report.docx (None without LibreOffice)."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        return None
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            str(out / "report.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp / "report.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    for n, page in enumerate(text.split("\f"), 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if lines and re.match(r"附件\d*$", lines[0]):
            return n - 1
    return None


@pytest.fixture(scope="module")
def synth_out(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Path:
    """60 synthetic files (each seed in three forms, digits permuted): 599 pages before."""
    from junheng.bench.synth import corpus_mix
    from junheng.cli import main

    root = tmp_path_factory.mktemp("synth")
    corpus_mix(seeds, root / "in", 60)
    assert main(["run", str(root / "in"), "--out", str(root / "out"), "--quiet"]) == 0
    return root / "out"


@pytest.mark.slow
def test_draft_body_is_bounded_for_a_large_batch(synth_out: Path, tmp_path: Path) -> None:
    texts = _body(synth_out / "report.docx")
    assert sum(len(t) for t in texts) < BODY_CHARS
    everything = "\n".join(texts)
    assert "其余" in everything  # the lists say where the rest are
    hashed = r"\b(?=[0-9a-f]*[a-f])[0-9a-f]{12,}"  # a hash has letters; a long number has not
    assert not re.search(rf"{hashed}|\.txt|\.docx|\.pdf", everything)
    quoted = [t for t in texts if re.match(r"\d+\. .+：", t)]
    assert len(quoted) <= TOP_ERRORS + 10 + 7 * TOP_PROBLEMS  # 五, 六 and 三 together
    ledger = openpyxl.load_workbook(synth_out / "ledger.xlsx")["整改台账"]
    problems = [json.loads(line) for line in (synth_out / "items.jsonl").open(encoding="utf-8")]
    assert ledger.max_row - 1 >= 0.3 * sum(1 for p in problems if p["kind"] == "problem")
    pages = _rendered_body_pages(synth_out, tmp_path)
    if pages is not None:
        assert pages <= BODY_PAGES


@pytest.mark.slow
def test_draft_recheck_uses_the_batch_profile(draft_out: Path, tmp_path: Path) -> None:
    """A county's profile lowers 生均藏书 to 10 册: a re-drafted batch is checked with it, as
    manifest.json records it, not with the national default (16.38 册 then meets it)."""
    from junheng.cli import main

    profile = tmp_path / "county.yaml"
    profile.write_text(
        "name: county\nextends: youzhi-2017\nrules:\n  - id: X-library-books\n"
        "    threshold: {小学: 10}\n"
        "    source: {doc: 某县实施细则, number: null, clause: 第三条}\n",
        "utf-8",
    )
    manifest = json.loads((draft_out / "manifest.json").read_text("utf-8"))
    manifest["standard"] = str(profile)
    (draft_out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    assert main(["draft", str(draft_out)]) == 0
    findings = [json.loads(line) for line in (draft_out / "findings.jsonl").open(encoding="utf-8")]
    assert not [f for f in findings if f["rule"] == "below_standard" and "藏书" in f["message"]]
    assert [f for f in findings if f["rule"] == "sum_mismatch"]


@pytest.mark.slow
def test_run_records_its_profile_and_quiet_silences_drafting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from junheng import draft as drafting
    from junheng.bench.synth import small_reports
    from junheng.cli import main

    told: list[str] = []
    monkeypatch.setattr(drafting, "terminal_progress", lambda: lambda s, n, name: told.append(name))
    small_reports(tmp_path / "in", 3)
    assert main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "a"), "--quiet"]) == 0
    assert told == []
    assert (tmp_path / "a" / "report.docx").is_file()
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text("utf-8"))
    assert manifest["standard"] == "youzhi-2017"
    argv = ["run", str(tmp_path / "in"), "--out", str(tmp_path / "b"), "--standard", "jiben-2012"]
    assert main(argv) == 0
    assert "report.docx" in told  # without --quiet the steps are told
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text("utf-8"))
    assert manifest["standard"] == "jiben-2012"


def test_ledger_indicator_sheet_prints_a_group_a_page(drafted_out: Path) -> None:
    from junheng.draft.ledger import PAGE_COLUMNS, indicator_group

    sheet = openpyxl.load_workbook(drafted_out / "ledger.xlsx")["指标汇总"]
    assert sheet.print_title_cols.replace("$", "") == "A:A"
    assert not sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.orientation == "landscape"
    breaks = [b.id for b in sheet.col_breaks.brk]
    assert breaks
    edges = [0, *breaks, sheet.max_column]
    assert all(b - a <= PAGE_COLUMNS for a, b in itertools.pairwise(edges))
    assert indicator_group("sports_area_per_student") == indicator_group("books_per_student")
    assert indicator_group("dropout_rate") != indicator_group("students")
