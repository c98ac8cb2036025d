"""The committed per-school fixtures (tests/data/schools/, made by make_fixtures.py): two
counties' 学校基本情况统计表 with merged headers, the same as .xls/.et, a seed as .doc/.wps; their
差异系数 against a hand computation, and the coefficients in the drafts (ledger.xlsx's 指标汇总,
section 二 of report.docx)."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from junheng.cli import main
from junheng.core.model import Figure
from junheng.ingest.office import soffice
from junheng.runner import InputFile, process_file
from junheng.validate import load_profile, validate_batch
from junheng.validate.cv import Assessment, assess

DATA = Path(__file__).parent / "data" / "schools"
SEED = Path(__file__).parent.parent / "corpus" / "seeds" / "000_23018ebd59d83b14.docx"
TABLES = json.loads((DATA / "schools.json").read_text("utf-8"))
JIA, YI = DATA / "甲县学校基本情况统计表.xlsx", DATA / "乙县学校基本情况统计表.xlsx"

needs_soffice = pytest.mark.skipif(
    soffice() is None,
    reason="LibreOffice (soffice) is not installed, so a .doc/.wps cannot be read: "
    "apt-get install libreoffice-writer-nogui",
)

# ---- the hand computation (../shared/STANDARDS.md §3) ----
# The resources a 九年一贯制 school shares out between its sections (S19); a teacher count or a
# room per 100 students is not shared, so such a school is left out of those coefficients.
SHARED = (
    "teaching_area_per_student", "sports_area_per_student", "equipment_value_per_student",
    "computers_per_100_students", "books_per_student",
)  # fmt: skip
SECTION_WEIGHT = {"小学": 1.0, "初中": 1.1}  # 九年一贯制 小学 : 初中 = 1 : 1.1 (S19)
YOUZHI = (  # 教督〔2017〕6号 第六条, R1–R7
    "qualified_teachers_per_100_students", "backbone_teachers_per_100_students",
    "pe_art_teachers_per_100_students", "teaching_area_per_student", "sports_area_per_student",
    "equipment_value_per_student", "multimedia_rooms_per_100_students",
)  # fmt: skip
JIBEN = (  # 教督〔2012〕3号, B1–B8 (B6 师生比 as teachers per student: 1 ÷ 生师比)
    "teaching_area_per_student", "sports_area_per_student", "equipment_value_per_student",
    "computers_per_100_students", "books_per_student", "student_teacher_ratio",
    "qualified_teachers_per_student", "senior_title_teachers_per_student",
)  # fmt: skip


def _rows(county: str) -> list[dict]:
    table = TABLES[county]
    return [dict(zip(table["fields"], row, strict=True)) for row in table["rows"]]


def hand_parts(county: str, indicator: str, level: str, reciprocal: bool = False) -> list:
    """(P_i, X_i) of each school part of ``level``: a one-level school's own row; a 九年一贯制
    school's section gets X·(A + B)·w ÷ (A + 1.1·B) per student (A, B its 小学, 初中 enrolment)."""
    found = []
    for row in _rows(county):
        value = row.get(indicator)
        if value is None:
            continue
        if row["type"] == level:
            pupils = row.get(level) or row.get("students")
        elif row["type"] == "九年一贯制" and indicator in SHARED:
            a, b = row["小学"], row["初中"]
            pupils = row[level]
            value = value * (a + b) * SECTION_WEIGHT[level] / (a * 1.0 + b * 1.1)
        else:
            continue
        found.append((pupils, 1 / value if reciprocal else value))
    return found


def hand_cv(pairs: list) -> tuple[float, float]:
    """CV = S ÷ X̄ with P = ΣP_i, X̄ = ΣP_i·X_i ÷ P, S = sqrt(Σ(P_i ÷ P)·(X_i − X̄)²); and X̄."""
    total = sum(p for p, _ in pairs)
    mean = sum(p * x for p, x in pairs) / total
    sd = math.sqrt(sum(p / total * (x - mean) ** 2 for p, x in pairs))
    return sd / mean, mean


def _figures(*paths: Path) -> list[Figure]:
    found = []
    for path in paths:
        result = process_file(InputFile(path, path.name))
        assert result.status == "ok", result.error
        found += result.figures
    return found


def _by_place(found: list[Assessment]) -> dict[tuple[str | None, str], Assessment]:
    return {(a.county, a.level): a for a in found}


@pytest.mark.parametrize(
    ("profile", "indicators"), [("youzhi-2017", YOUZHI), ("jiben-2012", JIBEN)]
)
def test_school_fixtures_county_coefficients_equal_the_hand_computation(profile, indicators):
    found = _by_place(assess(_figures(JIA), load_profile(profile)))
    assert set(found) == {("甲县", "小学"), ("甲县", "初中")}
    for level in ("小学", "初中"):
        assessment = found[("甲县", level)]
        assert assessment.missing == ()
        assert [c.indicator for c in assessment.coefficients] == list(indicators)
        hand = []
        for c in assessment.coefficients:
            pairs = hand_parts("甲县", c.indicator, level, c.indicator == "student_teacher_ratio")
            value, mean = hand_cv(pairs)
            assert round(c.value, 4) == round(value, 4), (level, c.indicator)
            assert round(c.mean, 4) == round(mean, 4)
            assert len(c.parts) == len(pairs)
            hand.append(value)
        if profile == "jiben-2012":  # 综合差异系数 = the mean of the 8 single coefficients
            assert round(assessment.composite, 4) == round(sum(hand) / len(hand), 4)
        else:  # 2017 sets no composite: each coefficient against 0.50 / 0.45
            assert assessment.composite is None
    sports = found[("甲县", "小学")].coefficients[YOUZHI.index("sports_area_per_student")]
    if profile == "youzhi-2017":
        assert found[("甲县", "小学")].exceeding == (sports,) and sports.value > 0.50
        assert len(sports.parts) == 9  # 8 小学 and the 小学部 of the 九年一贯制 school


def test_school_fixtures_two_counties_give_two_sets():
    profile = load_profile("youzhi-2017")
    figures = _figures(JIA, YI)
    found = _by_place(assess(figures, profile))
    assert set(found) == {("甲县", "小学"), ("甲县", "初中"), ("乙县", "小学"), ("乙县", "初中")}
    yi = found[("乙县", "小学")]
    assert [c.indicator for c in yi.coefficients] == [
        "teaching_area_per_student", "sports_area_per_student", "equipment_value_per_student",
    ]  # fmt: skip
    assert len(yi.missing) == 4  # its table has no teacher or multimedia columns
    for c in yi.coefficients:
        assert round(c.value, 4) == round(hand_cv(hand_parts("乙县", c.indicator, "小学"))[0], 4)
        assert {p.county for p in c.parts} == {"乙县"}
    jia = found[("甲县", "小学")].coefficients[YOUZHI.index("sports_area_per_student")]
    assert jia.value != yi.coefficients[1].value
    exceeding = [f for f in validate_batch(figures, profile) if f.rule == "cv_exceeds"]
    assert [f.message[:4] for f in exceeding] == ["甲县小学"]


@pytest.mark.parametrize(
    ("binary", "xlsx"),
    [("甲县学校基本情况统计表.xls", JIA), ("乙县学校基本情况统计表.et", YI)],
)
def test_school_fixtures_xls_and_et_give_the_xlsx_figures(binary, xlsx):
    def key(f: Figure) -> tuple:
        return (f.indicator, f.value, f.unit, f.level, f.school, f.school_type, f.county)

    old, new = _figures(DATA / binary), _figures(xlsx)
    assert len(old) == len(new) > 40
    assert sorted(map(key, old), key=repr) == sorted(map(key, new), key=repr)


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_school_fixtures_seed_as_doc_gives_the_docx_results(suffix):
    """The seed saved by LibreOffice as Word 97–2003 (the .wps is the same bytes under WPS 文字's
    name) gives the figures, items and findings of the seed's .docx."""
    old = process_file(InputFile(DATA / f"{SEED.stem}{suffix}", f"{SEED.stem}{suffix}"))
    new = process_file(InputFile(SEED, SEED.name))
    assert old.status == new.status == "ok", old.error
    assert old.format == suffix[1:]
    assert len(old.reports) == len(new.reports)

    def figure(f: Figure) -> tuple:
        return (f.doc, f.indicator, f.value, f.unit, f.level, f.year, f.kind, f.qualifier, f.number)

    assert [figure(f) for f in old.figures] == [figure(f) for f in new.figures]
    assert len(old.figures) == 42
    items = [[(i.kind, i.index, i.text, i.category, i.status) for i in r.items] for r in (old, new)]
    assert items[0] == items[1] and items[0]
    findings = [[(f.rule, f.values, f.message) for f in r.findings] for r in (old, new)]
    assert findings[0] == findings[1] and any(f[0] == "sum_mismatch" for f in findings[0])


# ---- the drafts ----


@pytest.fixture(scope="module", params=["youzhi-2017", "jiben-2012"])
def drafted(request, tmp_path_factory) -> tuple[str, Path]:
    """``junheng run`` over the two counties' workbooks with a profile, drafts included."""
    inputs = tmp_path_factory.mktemp("in")
    for path in (JIA, YI):
        shutil.copyfile(path, inputs / path.name)
    out = tmp_path_factory.mktemp("out")
    argv = ["run", str(inputs), "--out", str(out), "--standard", request.param, "--workers", "1"]
    assert main([*argv, "--quiet"]) == 0
    return request.param, out


def _section_two(out: Path) -> list[str]:
    paragraphs = [p.text for p in docx.Document(str(out / "report.docx")).paragraphs]
    start = paragraphs.index("二、指标达标情况")
    end = paragraphs.index("三、存在的主要问题")
    return paragraphs[start:end]


def _hand(county: str, level: str, indicators: tuple[str, ...]) -> dict[str, float]:
    found = {}
    for indicator in indicators:
        pairs = hand_parts(county, indicator, level, indicator == "student_teacher_ratio")
        if pairs:
            found[indicator] = hand_cv(pairs)[0]
    return found


def test_school_fixtures_report_states_the_coefficients(drafted):
    profile, out = drafted
    section = _section_two(out)
    assert "校际差异系数" in [p.split("）")[-1] for p in section]  # its own heading
    if profile == "youzhi-2017":
        primary = _hand("甲县", "小学", YOUZHI)
        junior = _hand("甲县", "初中", YOUZHI)
        sports = primary["sports_area_per_student"]
        assert (
            f"经测算，甲县小学（9所学校）7项资源配置指标校际差异系数在{min(primary.values()):.3f}"
            f"至{max(primary.values()):.3f}之间，其中生均体育运动场馆面积（{sports:.3f}）1项超过"
            "0.50的标准，其余均未超过。"
        ) in section
        assert (
            f"经测算，甲县初中（5所学校）7项资源配置指标校际差异系数在{min(junior.values()):.3f}"
            f"至{max(junior.values()):.3f}之间，均未超过0.45的标准。"
        ) in section
        assert any(p.startswith("经测算，乙县小学（5所学校）3项") and "另有" in p for p in section)
    else:
        primary = _hand("甲县", "小学", JIBEN)
        junior = _hand("甲县", "初中", JIBEN)
        composite = [sum(h.values()) / len(h) for h in (primary, junior)]
        assert (
            f"经测算，甲县小学综合差异系数为{composite[0]:.3f}（9所学校），初中为{composite[1]:.3f}"
            "（5所学校），均未超过标准（小学0.65、初中0.55）。"
        ) in section
        assert any(p.startswith("乙县小学8项指标中，表中有数据的仅5项") for p in section)


def _sheet_cell(sheet, row_label: str, header: str):
    headers = [c.value for c in sheet[2]]
    column = headers.index(header) + 1
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value == row_label)
    return sheet.cell(row, column)


def test_school_fixtures_ledger_holds_the_coefficients_and_their_inputs(drafted):
    profile, out = drafted
    sheet = openpyxl.load_workbook(out / "ledger.xlsx")["指标汇总"]
    header = "生均体育运动场馆面积（小学）（平方米）"
    value, mean = hand_cv(hand_parts("甲县", "sports_area_per_student", "小学"))
    cell = _sheet_cell(sheet, "甲县小学差异系数", header)
    assert round(cell.value, 4) == round(value, 4) and cell.number_format == "0.0000"
    assert round(_sheet_cell(sheet, "甲县小学全县平均值", header).value, 4) == round(mean, 4)
    assert _sheet_cell(sheet, "甲县小学学校数", header).value == 9
    yi = hand_cv(hand_parts("乙县", "sports_area_per_student", "小学"))[0]
    assert round(_sheet_cell(sheet, "乙县小学差异系数", header).value, 4) == round(yi, 4)
    limit = _sheet_cell(sheet, "甲县小学差异系数标准", header).value
    past = _sheet_cell(sheet, "甲县小学是否超过标准", header).value
    composite = "综合差异系数（小学）"
    if profile == "youzhi-2017":
        assert (limit, past) == ("≤0.50", "是")
        assert composite not in [c.value for c in sheet[2]]
    else:
        assert (limit, past) == ("单项不设标准", "—")
        hand = _hand("甲县", "小学", JIBEN)
        cell = _sheet_cell(sheet, "甲县小学差异系数", composite)
        assert round(cell.value, 4) == round(sum(hand.values()) / len(hand), 4)
        assert _sheet_cell(sheet, "甲县小学差异系数标准", composite).value == "≤0.65"
        assert _sheet_cell(sheet, "甲县小学是否超过标准", composite).value == "否"
        assert _sheet_cell(sheet, "乙县小学差异系数", composite).value == "缺项，未计算"


def test_school_fixtures_nothing_added_without_a_school_table(drafted_out: Path) -> None:
    section = _section_two(drafted_out)
    assert not any(p.endswith("）校际差异系数") or p.startswith("经测算") for p in section)
    sheet = openpyxl.load_workbook(drafted_out / "ledger.xlsx")["指标汇总"]
    labels = [str(sheet.cell(r, 1).value) for r in range(3, sheet.max_row + 1)]
    assert not any(label.endswith(("差异系数", "学校数")) for label in labels)
