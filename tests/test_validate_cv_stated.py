"""cv_mismatch for a 综合差异系数 a sentence states ("全县小学综合差异系数为0.412,初中为0.336"):
read with its levels, checked against the mean of the 2012 standard's eight coefficients computed
from the file's school rows (tests/data/schools/schools.json, the 甲县 fixture), nothing without
rows."""

from __future__ import annotations

import json
import math
from pathlib import Path

import docx
import pytest
from junheng.core.model import Figure, FigureKind, Span
from junheng.runner import InputFile, process_file
from junheng.validate.cv_stated import _sentence_composites

DATA = Path(__file__).parent / "data" / "schools"
JIA = json.loads((DATA / "schools.json").read_text("utf-8"))["甲县"]
HEADERS = {
    "teaching_area_per_student": "生均教学及辅助用房面积（平方米）",
    "sports_area_per_student": "生均体育运动场馆面积（平方米）",
    "equipment_value_per_student": "生均教学仪器设备值（元）",
    "computers_per_100_students": "每百名学生拥有计算机台数（台）",
    "multimedia_rooms_per_100_students": "每百名学生拥有网络多媒体教室数（间）",
    "books_per_student": "生均图书（册）",
    "student_teacher_ratio": "生师比",
    "qualified_teachers_per_student": "生均高于规定学历教师数（人）",
    "senior_title_teachers_per_student": "生均中级及以上专业技术职务教师数（人）",
    "qualified_teachers_per_100_students": "每百名学生拥有高于规定学历教师数（人）",
    "backbone_teachers_per_100_students": "每百名学生拥有县级以上骨干教师数（人）",
    "pe_art_teachers_per_100_students": "每百名学生拥有体育艺术专任教师数（人）",
}
JIBEN = (
    "teaching_area_per_student", "sports_area_per_student", "equipment_value_per_student",
    "computers_per_100_students", "books_per_student", "student_teacher_ratio",
    "qualified_teachers_per_student", "senior_title_teachers_per_student",
)  # fmt: skip
SHARED = JIBEN[:5]  # what a 九年一贯制 school shares out between its sections (S19)


def _composite(level: str) -> float:
    """The 2012 综合差异系数 by hand: the mean of the eight enrolment-weighted CVs (S17), each
    CV = sqrt(Σ(P_i/P)(X_i − X̄)²) ÷ X̄ with X̄ = ΣP_i·X_i ÷ P; a 九年一贯制 school's section gets
    X·(A + B)·w ÷ (A + 1.1·B) of a shared resource (w: 1 for 小学, 1.1 for 初中)."""
    rows = [dict(zip(JIA["fields"], row, strict=True)) for row in JIA["rows"]]
    cvs = []
    for indicator in JIBEN:
        pairs = []
        for row in rows:
            if row["type"] == level:
                value = row[indicator]
            elif row["type"] == "九年一贯制" and indicator in SHARED:
                a, b = row["小学"], row["初中"]
                value = row[indicator] * (a + b) * (1.0 if level == "小学" else 1.1) / (a + 1.1 * b)
            else:
                continue
            pairs.append((row[level], 1 / value if indicator == "student_teacher_ratio" else value))
        total = sum(p for p, _ in pairs)
        mean = sum(p * x for p, x in pairs) / total
        cvs.append(math.sqrt(sum(p / total * (x - mean) ** 2 for p, x in pairs)) / mean)
    return sum(cvs) / len(cvs)


def _report(path: Path, sentence: str, table: bool = True) -> Path:
    """A 自查报告 with the 甲县 school table (one header row) and ``sentence`` under it."""
    document = docx.Document()
    document.add_paragraph("甲县义务教育均衡发展自查报告")
    document.add_paragraph("全县义务教育学校办学条件如下表。")
    if table:
        fields = JIA["fields"]
        header = ["学校名称", "学段", "小学在校生数（人）", "初中在校生数（人）"]
        header += [HEADERS[f] for f in fields[4:]]
        grid = document.add_table(rows=1 + len(JIA["rows"]), cols=len(header))
        for c, text in enumerate(header):
            grid.cell(0, c).text = text
        for r, row in enumerate(JIA["rows"], 1):
            for c, value in enumerate(row):
                grid.cell(r, c).text = "" if value is None else str(value)
    document.add_paragraph(sentence)
    document.save(path)
    return path


def _mismatches(path: Path, standard: str | None = None) -> list:
    result = process_file(InputFile(path, path.name), standard=standard)
    assert result.status == "ok", result.error
    return [f for f in result.findings if f.rule == "cv_mismatch"]


@pytest.mark.parametrize("standard", ["youzhi-2017", "jiben-2012"])
def test_cv_stated_composite_sentence_right_and_wrong(tmp_path, standard):
    primary, junior = _composite("小学"), _composite("初中")
    sentence = (
        f"经测算，全县小学综合差异系数为0.412,初中为{junior:.3f}，均达到国家标准（小学≤0.65）。"
    )
    found = _mismatches(_report(tmp_path / "a.docx", sentence), standard)
    assert len(found) == 1  # 初中 is right to the digits written; 0.65 is the limit, not a value
    wrong = found[0]
    assert (wrong.indicator, wrong.level, wrong.values) == ("cv_composite", "小学", (0.412,))
    assert round(wrong.expected, 4) == round(primary, 4)
    assert f"{primary:.4f}" in wrong.message and "8项单项差异系数的平均值" in wrong.message
    assert "教督〔2012〕3号" in wrong.standard  # the composite as the 2012 standard defines it


def test_cv_stated_composite_sentence_with_both_levels_right(tmp_path):
    sentence = (
        f"小学、初中综合差异系数分别为{_composite('小学'):.3f}、{_composite('初中'):.3f}，"
        "比上年分别下降0.021和0.013。"
    )
    assert _mismatches(_report(tmp_path / "a.docx", sentence)) == []


def test_cv_stated_composite_sentence_without_school_rows_says_nothing(tmp_path):
    sentence = "全县小学综合差异系数为0.412,初中为0.336。"
    assert _mismatches(_report(tmp_path / "a.docx", sentence, table=False)) == []


def _school(level: str, county: str | None = None) -> Figure:
    return Figure(
        0, "students", 100, "人", level, None, FigureKind.ACTUAL, None, Span(0, 1), Span(0, 1),
        unit_name="某小学", school="某小学", county=county,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县小学综合差异系数为0.412,初中为0.336。", [("小学", 0.412), ("初中", 0.336)]),
        ("小学、初中综合差异系数分别为0.412、0.336。", [("小学", 0.412), ("初中", 0.336)]),
        ("小学和初中的综合差异系数分别是0.412和0.336。", [("小学", 0.412), ("初中", 0.336)]),
        ("综合差异系数小学为0.412、初中为0.336。", [("小学", 0.412), ("初中", 0.336)]),
        ("小学综合差异系数为0.412，初中综合差异系数为0.336。", [("小学", 0.412), ("初中", 0.336)]),
        ("小学综合差异系数由0.52下降到0.412。", [("小学", 0.412)]),
        ("初中综合差异系数0.336，比上年缩小0.05。", [("初中", 0.336)]),
        ("小学综合差异系数为0.412，生均图书差异系数为0.5。", [("小学", 0.412)]),
        ("综合差异系数均控制在0.65以内。", []),
        ("小学综合差异系数达到标准（≤0.65）。", []),
    ],
)
def test_cv_stated_composite_sentence_shapes(text, expected):
    schools = [_school("小学"), _school("初中")]
    found = _sentence_composites(text, schools, set())
    assert [(f.level, f.value) for f in found] == expected
    assert all(text[f.start : f.end] == f.number for f in found)


def test_cv_stated_composite_sentence_names_its_county():
    schools = [_school("小学", "甲县"), _school("小学", "乙县")]
    named = _sentence_composites("甲县小学综合差异系数为0.41。", schools, set())
    assert [(f.county, f.value) for f in named] == [("甲县", 0.41)]
    assert _sentence_composites("小学综合差异系数为0.41。", schools, set()) == []
