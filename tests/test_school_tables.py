"""Per-school tables (.xlsx, .xls, a .docx table, a .doc through LibreOffice) and the 差异系数
computed from them by the official formula (../shared/STANDARDS.md §3), against the profile."""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest
from junheng.core.codec import figure_from_row, figure_row
from junheng.ingest import read_file
from junheng.runner import InputFile, process_file
from junheng.validate import load_profile, validate_batch
from junheng.validate.cv import weighted_cv

HAS_SOFFICE = shutil.which("soffice") is not None
needs_soffice = pytest.mark.skipif(
    not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed: apt-get install "
    "libreoffice-writer-nogui libreoffice-calc-nogui"
)

# 12 小学 of one county: (name, enrolment, 生均教学及辅助用房, 生均体育运动场馆, 生均仪器设备值)
SCHOOLS = [
    ("城关第一小学", 1800, 5.2, 9.1, 2600),
    ("城关第二小学", 1500, 4.8, 8.0, 2400),
    ("城关第三小学", 1200, 4.6, 7.9, 2300),
    ("东风小学", 900, 6.1, 12.5, 3100),
    ("红旗小学", 750, 4.5, 7.6, 2050),
    ("柳河镇中心小学", 640, 7.9, 15.2, 3900),
    ("柳河镇东村小学", 120, 12.4, 30.5, 6100),
    ("石桥镇中心小学", 560, 5.0, 9.8, 2500),
    ("石桥镇西村小学", 95, 14.8, 38.0, 7800),
    ("青山乡中心小学", 480, 5.6, 11.0, 2700),
    ("青山乡北岭小学", 60, 18.2, 45.0, 9200),
    ("白沙小学", 300, 3.9, 6.5, 1800),
]
SPORTS_CV_WRITTEN = "0.35"  # the table states this for 生均体育运动场馆面积: wrong on purpose


def _hand_cv(values: list[float], weights: list[float]) -> float:
    """The formula of STANDARDS.md §3 written out: X̄ = ΣPiXi/P, S = sqrt(Σ(Pi/P)(Xi−X̄)²)."""
    total = sum(weights)
    mean = sum(p * x for p, x in zip(weights, values, strict=True)) / total
    sd = math.sqrt(sum(p / total * (x - mean) ** 2 for p, x in zip(weights, values, strict=True)))
    return sd / mean


def _column(index: int) -> list[float]:
    return [float(s[index]) for s in SCHOOLS]


def write_xlsx(path: Path, county: str = "甲县", schools=SCHOOLS, stated: bool = True) -> Path:
    """Two merged header rows, a caption row, a 县区 column merged down the school rows, a 差异系数
    row under the schools."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "小学办学条件"
    sheet.append(["2023年义务教育学校办学条件统计表（小学）"])
    sheet.merge_cells("A1:F1")
    sheet.append(["县区", "学校名称", "在校生数（人）", "生均面积（平方米）", None,
                  "生均教学仪器设备值（元）"])  # fmt: skip
    sheet.append([None, None, None, "教学及辅助用房", "体育运动场馆", None])
    for col in "ABCF":
        sheet.merge_cells(f"{col}2:{col}3")
    sheet.merge_cells("D2:E2")
    for i, (name, pupils, teaching, sports, equipment) in enumerate(schools):
        sheet.append([county if i == 0 else None, name, pupils, teaching, sports, equipment])
    sheet.merge_cells(f"A4:A{3 + len(schools)}")
    if stated:
        sheet.append([None, "差异系数", None, None, float(SPORTS_CV_WRITTEN), None])
    book.save(path)
    return path


def _figures(path: Path):
    result = process_file(InputFile(path, path.name))
    assert result.status == "ok", result.error
    return result


def test_school_tables_xlsx_figures_per_school(tmp_path):
    result = _figures(write_xlsx(tmp_path / "甲县.xlsx"))
    doc = read_file(tmp_path / "甲县.xlsx")
    assert {b.sheet for b in doc.blocks} == {"小学办学条件"}
    by = {(f.school, f.indicator): f for f in result.figures if f.school}
    assert len({f.school for f in result.figures if f.school}) == 12
    first = by[("城关第一小学", "sports_area_per_student")]
    assert (first.value, first.unit, first.level) == (9.1, "平方米", "小学")
    assert (first.school_type, first.county) == ("小学", "甲县")
    assert by[("白沙小学", "students")].value == 300  # the merged 县区 cell covers every row
    assert by[("白沙小学", "students")].county == "甲县"
    assert by[("青山乡北岭小学", "equipment_value_per_student")].unit == "元"
    assert result.document.text[first.start : first.end] == "9.1"
    row = figure_row(first)
    assert (row["school"], row["school_type"], row["county"]) == ("城关第一小学", "小学", "甲县")
    assert figure_from_row(row).county == "甲县"


def test_school_tables_cv_equals_hand_computation_and_exceeds(tmp_path):
    result = _figures(write_xlsx(tmp_path / "甲县.xlsx"))
    weights = _column(1)
    expected = _hand_cv(_column(3), weights)
    assert expected == pytest.approx(weighted_cv(_column(3), weights), abs=1e-12)
    profile = load_profile("youzhi-2017")
    found = [f for f in validate_batch(result.figures, profile) if f.rule == "cv_exceeds"]
    sports = [f for f in found if f.indicator == "sports_area_per_student"]
    assert len(sports) == 1
    assert round(sports[0].values[0], 4) == round(expected, 4)
    assert expected > profile.rule("R-cv").limit("小学") == sports[0].expected
    assert "甲县小学" in sports[0].message and "青山乡北岭小学" in sports[0].message
    teaching = _hand_cv(_column(2), weights)
    computed = {f.indicator: f.values[0] for f in found}
    if teaching > 0.5:
        assert round(computed["teaching_area_per_student"], 4) == round(teaching, 4)
    else:
        assert "teaching_area_per_student" not in computed


def test_school_tables_wrong_stated_cv_is_flagged(tmp_path):
    result = _figures(write_xlsx(tmp_path / "甲县.xlsx"))
    expected = _hand_cv(_column(3), _column(1))
    wrong = [f for f in result.findings if f.rule == "cv_mismatch"]
    assert len(wrong) == 1 and wrong[0].values == (0.35,)
    assert wrong[0].expected == pytest.approx(expected, abs=1e-6)
    assert f"{expected:.4f}" in wrong[0].message


def test_school_tables_right_stated_cv_passes(tmp_path):
    path = write_xlsx(tmp_path / "甲县.xlsx", stated=False)
    book = openpyxl.load_workbook(path)
    book.active.append([None, "差异系数", None, None,
                        round(_hand_cv(_column(3), _column(1)), 3), None])  # fmt: skip
    book.save(path)
    assert [f for f in _figures(path).findings if f.rule == "cv_mismatch"] == []


def test_school_tables_two_counties_two_sets(tmp_path):
    one = _figures(write_xlsx(tmp_path / "甲县.xlsx", "甲县"))
    other = [(f"乙{n}", p, t, s * 0 + 8.0 + i % 2, e) for i, (n, p, t, s, e) in enumerate(SCHOOLS)]
    two = _figures(write_xlsx(tmp_path / "乙县.xlsx", "乙县", other, stated=False))
    found = validate_batch([*one.figures, *two.figures], load_profile("youzhi-2017"))
    sports = [
        f for f in found if f.rule == "cv_exceeds" and f.indicator == "sports_area_per_student"
    ]
    assert len(sports) == 1 and "甲县" in sports[0].message  # 乙县's sports areas are even
    assert round(sports[0].values[0], 4) == round(_hand_cv(_column(3), _column(1)), 4)


def test_school_tables_through_train_school_is_split():
    from junheng.validate.cv import parts

    def fig(indicator, value, level, kind="九年一贯制"):
        return figure_from_row({
            "file": "a.xlsx", "doc": 0, "unit_name": "某九年一贯制学校", "indicator": indicator,
            "value": value, "level": level, "kind": "actual", "start": 0, "end": 1,
            "school": "某九年一贯制学校", "school_type": kind, "county": "甲县",
        })  # fmt: skip

    found = {p.level: p for p in parts([
        fig("students", 600, "小学"), fig("students", 400, "初中"),
        fig("teaching_area_per_student", 6.0, None),
    ])}  # fmt: skip
    # STANDARDS.md §3 (S19): 小学部 share = A ÷ (A + 1.1B); per student = X·(A+B)·w ÷ (A + 1.1B)
    assert found["小学"].values["teaching_area_per_student"] == pytest.approx(6000 / 1040)
    assert found["初中"].values["teaching_area_per_student"] == pytest.approx(6000 * 1.1 / 1040)


def _school_docx(path: Path, sentence: str = "") -> Path:
    document = docx.Document()
    document.add_paragraph("甲县义务教育优质均衡发展自查报告")
    document.add_paragraph("全县小学办学条件如下表。")
    table = document.add_table(rows=2 + len(SCHOOLS), cols=5)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "学校名称"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "在校生数"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "生均面积（平方米）"
    table.cell(1, 2).text, table.cell(1, 3).text = "教学及辅助用房", "体育运动场馆"
    table.cell(0, 4).merge(table.cell(1, 4)).text = "生均教学仪器设备值（元）"
    for r, (name, pupils, teaching, sports, equipment) in enumerate(SCHOOLS, start=2):
        for c, value in enumerate((name, pupils, teaching, sports, equipment)):
            table.cell(r, c).text = str(value)
    document.add_paragraph("以上数据截至2023年9月。" + sentence)
    document.save(path)
    return path


def _check_docx_like(result) -> None:
    schools = {f.school for f in result.figures if f.school}
    assert len(schools) == 12
    by = {(f.school, f.indicator): f.value for f in result.figures if f.school}
    assert by[("柳河镇东村小学", "sports_area_per_student")] == 30.5
    assert by[("柳河镇东村小学", "students")] == 120
    found = [f for f in validate_batch(result.figures, load_profile("youzhi-2017"))
             if f.rule == "cv_exceeds" and f.indicator == "sports_area_per_student"]  # fmt: skip
    assert round(found[0].values[0], 4) == round(_hand_cv(_column(3), _column(1)), 4)


def test_school_tables_docx_table(tmp_path):
    _check_docx_like(_figures(_school_docx(tmp_path / "甲县.docx")))


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_school_tables_doc_through_libreoffice(tmp_path, suffix):
    source = _school_docx(tmp_path / "甲县.docx")
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--convert-to", "doc", "--outdir", str(tmp_path / "out"), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    converted = tmp_path / "out" / "甲县.doc"
    target = converted.with_suffix(suffix)
    converted.rename(target)
    result = _figures(target)
    assert result.format == suffix[1:] and result.document.format == suffix[1:]
    _check_docx_like(result)


@needs_soffice
@pytest.mark.slow
def test_school_tables_xls_through_calamine(tmp_path):
    source = write_xlsx(tmp_path / "甲县.xlsx")
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--convert-to", "xls", "--outdir", str(tmp_path / "out"), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    result = _figures(tmp_path / "out" / "甲县.xls")
    assert len({f.school for f in result.figures if f.school}) == 12
    assert [f.rule for f in result.findings if f.rule == "cv_mismatch"] == ["cv_mismatch"]


def test_school_tables_doc_without_libreoffice_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr("junheng.ingest.office.soffice", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    result = process_file(InputFile(path, path.name))
    assert result.status == "skipped"
    assert "apt-get install libreoffice-writer-nogui" in result.error


@needs_soffice
def test_school_tables_conversion_overrunning_its_limit_is_killed(tmp_path):
    from junheng.core.errors import InputError
    from junheng.ingest.limits import Limits
    from junheng.ingest.office import convert

    data = _school_docx(tmp_path / "a.docx").read_bytes()
    with pytest.raises(InputError, match="转换超时"):
        convert(data, ".docx", Limits(max_convert_seconds=0.2), target="doc")


@pytest.mark.parametrize("right", [True, False])
def test_school_tables_stated_cv_in_a_sentence(tmp_path, right):
    cv = _hand_cv(_column(3), _column(1))
    written = f"{cv:.2f}" if right else "0.40"
    sentence = f"全县小学生均体育运动场馆面积差异系数为{written}。"
    path = _school_docx(tmp_path / "甲县.docx", sentence)
    found = [f for f in _figures(path).findings if f.rule == "cv_mismatch"]
    if right:
        assert found == []
    else:
        assert len(found) == 1 and found[0].values == (0.40,)
        assert found[0].expected == pytest.approx(cv, abs=1e-6)
        assert found[0].indicator == "cv_sports_area_per_student" and found[0].level == "小学"
