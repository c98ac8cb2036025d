"""A school's statistics pasted as plain text: rows of numbers and dashes under a header of grade
codes, a table of staff by level, a table of school years (the shape of Hong Kong and Macau
education statistics pages). Invented school and numbers. The grids are read whole, the header
names the columns, and the figures are the table's: a grade's pupils are no figure of the school,
the total column is; 学生/班 is students per class, not students; 教学人员 are its teachers."""

from __future__ import annotations

from junheng.core.normalize import normalize
from junheng.extractors.grids import grids
from junheng.extractors.numbers import find_quantities
from junheng.ingest.limits import DEFAULT_LIMITS
from junheng.ingest.txt import read
from junheng.runner import InputFile, process_file

_PAGE = """101    海湾实验小学

学生统计 - 统计日期 2022-10-20

  K1 K2 K3 P1 P2 P3 P4 P5 P6 合共*
学生人数 22 25 24 {p1} 41 38 40 36 35 {total}
学杂费# - - - - - - - - - -
学生/班 22 25 24 21 20.5 19 20 18 17.5 20.2
班数 1 1 1 2 2 2 2 2 2 15

教学人员统计 - 统计日期 2022-10-20

  幼儿教育 小学 特教 合共
教学人员人次数 6 21 - 27
教学人员平均教龄 15.2 12.8 - 13.4

  学生人数 教学人员人次数 职员人次数 学杂费 学生/班 师生比 ^ 获得本局资助金额
2022/2023 303 27 9 - 20.2 11.22 -
2021/2022 296 26 9 - 19.7 11.38 -
"""


def _run(text: str, tmp_path):
    path = tmp_path / "stats.txt"
    path.write_text(text, encoding="utf-8")
    return process_file(InputFile(path, path.name))


def test_rows_with_dashes_and_school_years_are_one_table_each() -> None:
    doc = read(_PAGE.format(p1="42", total="303").encode(), "p.txt", DEFAULT_LIMITS)
    tables = grids(doc)
    assert [len(t.rows) for t in tables] == [5, 3, 3]
    first = [[c.text for c in row] for row in tables[0].rows]
    assert first[0][:4] == ["", "K1", "K2", "K3"] and first[0][-1] == "合共*"
    assert first[2] == ["学杂费#"] + ["-"] * 10  # a row of dashes only stays in its table
    years = [[c.text for c in row] for row in tables[2].rows]
    assert years[0][0] == "" and years[0][-1] == "获得本局资助金额"  # the ^ mark names no column
    assert years[1][:3] == ["2022/2023", "303", "27"]


def test_the_tables_figures_are_their_totals_levels_and_years(tmp_path) -> None:
    result = _run(_PAGE.format(p1="42", total="303"), tmp_path)
    got = sorted((f.indicator, f.value, f.level or "", f.year or 0) for f in result.figures)
    # the grades' pupils (22, 25 …) are no figures; the total column's and the years' are
    students = [g for g in got if g[0] == "students"]
    assert [g[1] for g in students] == [296.0, 303.0, 303.0]  # the first table's total, the years'
    # a school year is its later year (2021/2022)
    assert ("students", 296.0, "", 2022) in students and ("students", 303.0, "", 2023) in students
    assert ("classes", 15.0, "", 0) in got  # the 合共 column's, not one grade's
    assert ("teachers", 21.0, "小学", 0) in got and ("teachers", 27.0, "", 0) in got
    assert not [g for g in got if g[0] == "students" and g[1] in (20.4, 20.0, 17.0)]


def test_grade_codes_are_not_read_as_ocr_digits() -> None:
    assert normalize("  I1 I2 I3 P1 P2")[0] == "  I1 I2 I3 P1 P2"
    assert normalize("投入l058万元")[0] == "投入1058万元"


def test_a_number_with_wan_and_ones_is_one_number() -> None:
    (q,) = find_quantities("学生人数共2万4168人")
    assert (q.value, q.unit, q.multiplier) == (24168.0, "人", 1.0)
    (q,) = find_quantities("投入1亿3500万元")
    assert (q.value, q.unit) == (135000000.0, "元")
    assert [q.value for q in find_quantities("资金5万2018年")] == [50000.0, 2018.0]


def test_a_count_of_ban_counts_classes_and_a_change_is_no_figure(tmp_path) -> None:
    result = _run(
        "全县国小一至六年级共1320班,学生人数共2万4168人,较上学年1335班,减少15班。", tmp_path
    )
    got = sorted((f.indicator, f.value) for f in result.figures)
    assert got == [("classes", 1320.0), ("classes", 1335.0), ("students", 24168.0)]
    named = _run("其中704班班级考评优秀。", tmp_path)
    assert [f for f in named.figures if f.indicator == "classes"] == []


def test_a_wrong_total_column_is_flagged_in_a_counting_row() -> None:
    """合共* is each counting row's sum (dashes count nothing); 学生/班 and 平均教龄 are no sums."""
    from junheng.validate import validate_document
    from junheng.validate.rules import ARITHMETIC_RULES

    def rules(total: str) -> list[str]:
        doc = read(_PAGE.format(p1="42", total=total).encode(), "p.txt", DEFAULT_LIMITS)
        return [f.rule for f in validate_document(doc, [], [], rules=ARITHMETIC_RULES)]

    assert rules("303") == []
    assert "sum_mismatch" in rules("313")


# A county's table copied from its bureau's page: the header's names flow over lines, each unit
# on a line of its own; a row may carry a note after its numbers; types without schools are rows
# without values (their name, or marks) inside the table. Invented county and numbers.
_COUNTY_TABLE = """某县教育事业统计情况表
基本情况(一)
2023年 备 注
校(园)数 教职工总数 校舍建筑面积
(平方米)
其中:危房面积
(平方米)
图书
(册)
合 计 40 1500 300000.5 900 500000
幼儿园 12 300 50000.5 100 60000 含民办5所
小学 20 800 150000 500 300000
九年一贯制学校



工读学校

* * *
初级中学 8 400 100000 300 140000
"""


def test_a_header_flowing_over_lines_blank_rows_and_notes_make_one_table(tmp_path) -> None:
    doc = read(_COUNTY_TABLE.encode(), "t.txt", DEFAULT_LIMITS)
    (table,) = grids(doc)
    rows = [[c.text for c in row] for row in table.rows]
    assert rows[0][:3] == ["", "校(园)数", "教职工总数"]
    assert rows[0][3:] == ["校舍建筑面积(平方米)", "其中:危房面积(平方米)", "图书(册)"]
    assert [row[0] for row in rows[1:]] == ["合计", "幼儿园", "小学", "初级中学"]
    assert rows[2] == ["幼儿园", "12", "300", "50000.5", "100", "60000"]  # the note is no cell
    got = {(f.indicator, f.value, f.level or "") for f in _run(_COUNTY_TABLE, tmp_path).figures}
    assert {("schools", 40.0, ""), ("staff", 1500.0, ""), ("books", 500000.0, "")} <= got
    assert {("schools", 20.0, "小学"), ("schools", 8.0, "初中"), ("books", 60000.0, "学前")} <= got


def test_a_flowing_header_short_of_names_takes_no_section_title() -> None:
    """Words above the header (the page's) do not fill a header short of names."""
    text = _COUNTY_TABLE.replace("图书\n(册)\n", "").replace("其中:", "")
    doc = read(text.encode(), "t.txt", DEFAULT_LIMITS)
    (table,) = grids(doc)
    assert table.rows[0][0].text == "合计"  # no header: 基本情况(一) names no column
