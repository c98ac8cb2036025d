"""Tables: grids read from every layout a report's table reaches us in, and the relations that
hold across their rows checked, with the row where one fails flagged. The tables are invented, in
the shapes the development corpus holds (cells one per line ending in bars, spaced rows with a dot
every three digits, ruled Word tables)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from junheng.extractors.grids import grids
from junheng.ingest.docx import read as read_docx
from junheng.ingest.limits import DEFAULT_LIMITS
from junheng.ingest.txt import read
from junheng.validate import validate_document
from junheng.validate.rules import ARITHMETIC_RULES
from junheng.validate.tables import table_relations


def _doc(text: str):
    return read(text.encode("utf-8"), "case.txt", DEFAULT_LIMITS)


def _findings(doc):
    return validate_document(doc, [], [], rules=ARITHMETIC_RULES)


def _word_table(tmp_path: Path, rows: list[tuple[str, ...]], caption: str | None = None):
    """A .docx holding ``rows`` as one Word table (after ``caption``), read back."""
    document = docx.Document()
    if caption:
        document.add_paragraph(caption)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "t.docx"
    document.save(path)
    return read_docx(path.read_bytes(), "t.docx", DEFAULT_LIMITS)


def _relations(doc):
    return [r for grid in grids(doc) for r in table_relations(grid, "either")]


# One cell per line, rows closed by bars: mean, standard deviation and 差异系数 per indicator.
_PIPES = """某区2024年校际差异系数测算结果 |
||||
行次 |
指标 |
每百名学生拥有计算机台数(台) |
生均教学仪器设备值(元) |
生均体育运动场馆面积(平方米) |
生均教学及辅助用房面积(平方米) |
||
1 |
平均值 |
{mean4} |
3120.552817 |
9.116034 |
6.418520 |
||
2 |
标准差 |
4.233190 |
912.305518 |
3.004471 |
1.902117 |
||
3 |
差异系数 |
{cv4} |
0.292354 |
0.329581 |
0.296348 |
"""


def test_pipe_cells_make_one_grid_row_per_bar_line() -> None:
    doc = _doc(_PIPES.format(mean4="11.402866", cv4="0.371239"))
    (grid,) = grids(doc)
    assert grid.layout == "pipes"
    texts = [[c.text for c in row] for row in grid.rows]
    assert texts[2][:3] == ["1", "平均值", "11.402866"]
    assert texts[4][1] == "差异系数" and len(texts[4]) == 6
    for row in grid.rows:  # every cell cuts its own text out of the document
        assert all(doc.text[c.start : c.end] == c.text for c in row)


def test_coefficient_of_variation_rows_hold_and_a_wrong_one_is_flagged() -> None:
    clean = _relations(_doc(_PIPES.format(mean4="11.402866", cv4="0.371239")))
    assert len(clean) == 4 and all(r.holds for r in clean)
    assert {r.stated.written for r in clean} == {"0.296348", "0.329581", "0.292354", "0.371239"}
    found = _findings(_doc(_PIPES.format(mean4="11.402866", cv4="0.482607")))
    assert [f.rule for f in found] == ["ratio_mismatch"]
    assert "0.482607" in found[0].message and "差异系数" in found[0].message
    assert 0.482607 in found[0].values


# Spaced rows whose counts carry a dot every three digits (a scrape of "1,802" as "1.802").
_SPACED = """各区就读情况如下表:
  区名 学生总数 初中 小学 合计 比例
  东城区31.284 214 306 520 1.66%
  西城区40.917 933 2.618 3.551 8.68%
  南城区19.502 141 512 {total} 3.35%
  北城区27.806 1.306 2.974 4.280 15.39%
"""


def test_spaced_rows_with_thousands_dots_are_read_as_counts() -> None:
    relations = _relations(_doc(_SPACED.format(total="653")))
    sums = [r for r in relations if r.kind == "sum"]
    shares = [r for r in relations if r.kind == "percent"]
    assert len(sums) == 4 and all(r.holds for r in sums)
    assert {r.expected for r in sums} == {520, 3551, 653, 4280}
    assert len(shares) == 4 and all(r.holds for r in shares)


def test_a_wrong_total_in_a_spaced_row_is_flagged() -> None:
    found = _findings(_doc(_SPACED.format(total="458")))
    rules = sorted(f.rule for f in found)
    assert "sum_mismatch" in rules
    summed = next(f for f in found if f.rule == "sum_mismatch")
    assert "南城区" in summed.message and "141+512=653" in summed.message


def test_a_ruled_word_table_is_checked(tmp_path: Path) -> None:
    rows = [
        ("学校", "男生", "女生", "合计"),
        ("城关小学", "412", "398", "810"),
        ("东关小学", "233", "241", "474"),
        ("西关小学", "187", "176", "363"),
        ("南关小学", "95", "102", "217"),  # 95 + 102 = 197
    ]
    doc = _word_table(tmp_path, rows, caption="各校学生人数统计")
    (grid,) = grids(doc)
    assert grid.layout == "cells" and len(grid.rows) == 5
    found = _findings(doc)
    assert [f.rule for f in found] == ["sum_mismatch"]
    assert "南关小学" in found[0].message and "197" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        # two rows cannot teach a relation
        "  甲校 12 30 42\n  乙校 15 20 35\n",
        # a 序号 column and unrelated numbers: nothing holds in three rows
        "序号 | 学校 | 班级数 | 学生数 |\n1 | 甲校 | 12 | 530 |\n2 | 乙校 | 9 | 402 |\n"
        "3 | 丙校 | 6 | 251 |\n4 | 丁校 | 18 | 833 |\n",
        # zeros make every sum hold: no evidence
        "  甲校 0 30 30\n  乙校 0 20 20\n  丙校 0 15 15\n  丁校 4 11 19\n",
    ],
)
def test_tables_without_a_stated_relation_give_no_finding(text: str) -> None:
    assert _findings(_doc(text)) == []


def test_inline_pipe_rows_are_one_grid() -> None:
    text = "学校 | 教师 | 学生 |\n甲校 | 30 | 510 |\n乙校 | 22 | 380 |\n"
    (grid,) = grids(_doc(text))
    assert [[c.text for c in row] for row in grid.rows][1] == ["甲校", "30", "510"]


# ---- figures from tables ----------------------------------------------------------------------


def _table_figures(doc):
    from junheng.extractors.figures import extract
    from junheng.segment import segment

    return [f for f in extract(doc, segment(doc)) if f.kind == "actual"]


def test_table_cells_are_figures_of_their_column_header() -> None:
    doc = _doc(
        _PIPES.format(mean4="11.402866", cv4="0.371239").replace(
            "某区2024年校际差异系数测算结果", "某区2024年校际差异系数测算结果(初中部分)"
        )
    )
    found = {(f.indicator, f.value, f.level, f.year) for f in _table_figures(doc)}
    # the 平均值 row only: 标准差 and 差异系数 rows are statistics about the indicators
    assert found == {
        ("teaching_area_per_student", 6.41852, "初中", 2024),
        ("sports_area_per_student", 9.116034, "初中", 2024),
        ("equipment_value_per_student", 3120.552817, "初中", 2024),
        ("computers_per_100_students", 11.402866, "初中", 2024),
    }


def test_a_header_that_only_contains_a_wording_names_no_indicator(tmp_path: Path) -> None:
    rows = [
        ("学校", "在校生数", "每百名学生拥有的高于规定学历教师(人)"),
        ("城关小学", "810", "5.2"),
        ("东关小学", "474", "4.8"),
    ]
    doc = _word_table(tmp_path, rows)
    found = sorted((f.indicator, f.value) for f in _table_figures(doc))
    # the 学生 inside 每百名学生拥有的高于规定学历教师 is no 在校生 count: the column is R1 (its
    # own indicator, from extractors/data/school_tables.yaml), never students
    assert found == [
        ("qualified_teachers_per_100_students", 4.8),
        ("qualified_teachers_per_100_students", 5.2),
        ("students", 474.0),
        ("students", 810.0),
    ]


# An invented city table copied one cell per line, with no line of bars between the rows; the
# 高中 row lost a cell (merged with the row above in the source).
_FLAT = "全市教育事业基本情况(2025年)\n" + "".join(
    f"{cell} |\n"
    for cell in [
        "类别",
        "学校数",
        "班级数",
        "在校学生数",
        "专任教师数",
        "小学",
        "120",
        "2400",
        "96000",
        "5200",
        "初中",
        "40",
        "1000",
        "45000",
        "3600",
        "普通高中",
        "12",
        "600",
        "2800",
        "总计",
        "160",
        "3400",
        "141000",
        "8800",
    ]
)


def test_tables_flat_cells_without_row_ends_are_split_into_rows() -> None:
    doc = read(_FLAT.encode("utf-8"), "flat.txt", DEFAULT_LIMITS)
    (grid,) = grids(doc)
    assert [[c.text for c in row] for row in grid.rows] == [
        ["类别", "学校数", "班级数", "在校学生数", "专任教师数"],
        ["小学", "120", "2400", "96000", "5200"],
        ["初中", "40", "1000", "45000", "3600"],
        ["总计", "160", "3400", "141000", "8800"],
    ]  # the row of another width is dropped, not read into the wrong columns


def test_tables_flat_cells_figures_and_sums() -> None:
    from junheng.extractors.figures import extract
    from junheng.segment import segment

    doc = read(_FLAT.encode("utf-8"), "flat.txt", DEFAULT_LIMITS)
    found = {(f.indicator, f.level, f.value) for f in extract(doc, segment(doc))}
    assert {
        ("students", "小学", 96000),
        ("teachers", "初中", 3600),
        ("schools", "小学", 120),
    } <= found
    wrong = _FLAT.replace("141000", "151000")
    bad = read(wrong.encode("utf-8"), "flat.txt", DEFAULT_LIMITS)
    rules = [f.rule for f in validate_document(bad, [], [], rules=ARITHMETIC_RULES)]
    assert "sum_mismatch" in rules
    assert not validate_document(doc, [], [], rules=ARITHMETIC_RULES)


# a yearbook table pasted as text: numbered row names, a level's rows under its total, and the
# cells a level leaves empty kept as a wide gap (the 教职工 of 初中 and 高中)
_YEARBOOK = """市区教育事业基本情况

  1.高等学校 3 6900 4500 21000 1650 1100
  2.普通中学 {schools} 20100 19200 61150 4210 3750
      初中 44 14070 12830 41380   2550
      高中 10 6030 6370 19770   1200
  3.小    学 71 12120 14780 74640 3860 3550
  4.幼 儿 园 68 8300 9890 25280 1940 1350
"""


def test_spaced_rows_keep_numbered_names_and_empty_cells() -> None:
    (grid,) = grids(_doc(_YEARBOOK.format(schools="54")))
    rows = [[c.text for c in row] for row in grid.rows]
    assert rows[0][0] == "1.高等学校" and len(rows) == 6
    assert rows[2] == ["初中", "44", "14070", "12830", "41380", "", "2550"]


def test_a_levels_rows_are_checked_against_its_total() -> None:
    assert _findings(_doc(_YEARBOOK.format(schools="54"))) == []
    wrong = _findings(_doc(_YEARBOOK.format(schools="38")))
    assert [f.rule for f in wrong] == ["sum_mismatch"]


def test_rows_padded_to_align_get_no_empty_cells() -> None:
    text = "表\n\n甲区  3  6900   4500  12\n乙区 54 20100  19200  31\n丙区  4   140  2210\n"
    rows = [[c.text for c in row] for row in grids(_doc(text))[0].rows]
    assert rows[2] == ["丙区", "4", "140", "2210"]


def test_a_share_column_is_each_rows_number_over_the_total_rows(tmp_path: Path) -> None:
    """占比(%) in every row: the row's count over the total row's (the row giving 100), a share
    written as a whole number rounded to it (21 for 21.0002 is right); a wrong one flagged."""
    rows = [
        ("学段", "在校生(人)", "占比(%)"),
        ("全县合计", "52976", "100"),
        ("学前教育", "13806", "26.1"),
        ("小学", "21125", "{primary}"),
        ("初中", "11235", "21.2"),
        ("高中", "6810", "12.9"),
    ]
    right = [tuple(c.format(primary="39.9") for c in row) for row in rows]
    assert _findings(_word_table(tmp_path, right)) == []
    wrong = [tuple(c.format(primary="49.9") for c in row) for row in rows]
    found = _findings(_word_table(tmp_path, wrong))
    assert [f.rule for f in found] == ["percent_mismatch"]
    assert 21125.0 in found[0].values


# A spaced table under its header lines (the paste spread the header's words by spaces and wrapped
# its last one; the 其中 word spans the two sub-columns named on the line below).
_HEADED = """据统计,各片区随迁子女就读情况如下表:
片 区 在校学生总数 其中随迁子女 合 计 占全片区学生
的比例
小学生数 初中生数
东片 31.204 1.250 611 1.861 {east}
南片 18.730 402 236 638 3.41%
西片 25.118 902 1.477 2.379 9.47%
北片 12.406 294 188 482 {north}
"""


def test_a_spaced_tables_header_names_its_columns() -> None:
    doc = _doc(_HEADED.format(east="5.96%", north="3.89%"))
    (grid,) = grids(doc)
    from junheng.extractors.grids import column_header

    assert [column_header(grid, c) for c in range(1, 6)] == [
        "在校学生总数", "其中随迁子女小学生数", "其中随迁子女初中生数", "合计",
        "占全片区学生的比例"]


def test_a_spaced_tables_total_column_gives_the_students_figures() -> None:
    from junheng.extractors.table_figures import table_figures
    from junheng.segment import segment

    doc = _doc(_HEADED.format(east="5.96%", north="3.89%"))
    figures = table_figures(doc, segment(doc), set())
    assert sorted((f.indicator, f.value) for f in figures) == [
        ("students", 12406), ("students", 18730), ("students", 25118), ("students", 31204)]


def test_a_share_column_the_header_names_is_checked_on_two_holding_rows() -> None:
    # 东片's and 北片's shares are wrong (1861/31204 is 5.96%, 482/12406 3.89%): the share column
    # holds in the other two rows only, which the header's 比例 makes enough
    found = _findings(_doc(_HEADED.format(east="4.96%", north="4.89%")))
    shares = sorted(f.message for f in found if f.rule == "percent_mismatch")
    assert len(shares) == 2 and "4.96" in shares[0] and "4.89" in shares[1]
    unnamed = _HEADED.replace("占全片区学生\n的比例", "说明\n备注")
    assert not [f for f in _findings(_doc(unnamed.format(east="4.96%", north="4.89%")))
                if f.rule == "percent_mismatch"]


# the same yearbook table under its header as the paste leaves it: column names running down over
# three lines, a line of units among them, and a row that leaves its first cell empty (3 spaces)
_STACKED = """表8  市区教育事业基本情况

  学校数 招生数 毕业生数 在  校 教职工
(所) (人) (人) 学生数 人  数 #专任
      (人) (人)   教师
  1.高等学校 3 6900 4500 21000 1650 1100
  2.普通中学 54 20100 19200 61150 4210 3750
      初中 44 14070 12830 41380   2550
      高中 10 6030 6370 19770   1200
      成人中专   60 40 180
  3.小    学 71 12120 14780 74640 3860 3550
"""


def test_a_yearbooks_stacked_header_names_its_columns() -> None:
    from junheng.extractors.grids import column_header

    (grid,) = grids(_doc(_STACKED))
    assert [column_header(grid, c) for c in range(1, 7)] == [
        "学校数", "招生数", "毕业生数", "在校学生数", "教职工人数", "#专任教师"]
    rows = [[c.text for c in row] for row in grid.rows]
    assert ["成人中专", "", "60", "40", "180"] in rows


def test_a_yearbooks_rows_of_school_kinds_give_each_kinds_figures() -> None:
    # 高等学校, 普通中学 are kinds of school, not schools: the table is no table of schools; a row
    # of 普通中学 (初中 and 高中 together) has no level, a spaced "小    学" is 小学
    from junheng.extractors.table_figures import table_figures
    from junheng.segment import segment

    doc = _doc(_STACKED)
    found = {(f.indicator, f.level, f.value) for f in table_figures(doc, segment(doc), set())}
    assert {
        ("schools", None, 3), ("staff", None, 1650), ("teachers", None, 1100),
        ("schools", None, 54), ("students", None, 61150),
        ("schools", "初中", 44), ("students", "初中", 41380), ("teachers", "初中", 2550),
        ("students", None, 180),
        ("schools", "小学", 71), ("staff", "小学", 3860),
    } <= found
    assert not any(value == 60 and ind == "schools" for ind, _, value in found)


def test_a_header_of_short_words_keeps_each_column() -> None:
    # "镇名 小学 初中 合计": words of two characters each name a column (joining them, as for a
    # spread "区 名", would leave two columns for four)
    from junheng.extractors.grids import column_header

    text = "各镇在校学生数:\n镇名 小学 初中 合计\n东镇 1200 600 1800\n西镇 900 450 1350\n"
    (grid,) = grids(_doc(text))
    assert [c.text for c in grid.rows[0]] == ["镇名", "小学", "初中", "合计"]
    assert [column_header(grid, c) for c in range(1, 4)] == ["小学", "初中", "合计"]


# A yearbook's table of places, each indented under the place its rows add up to; the province's
# row has lost its name, the header groups its levels under two counts, and a unit line stands
# between the title and the table.
_INDENTED = """表5-3 普通教育专任教师及在校学生数(2021年)
单位:人
地区 专任教师数 在校生数
普通初中 小学 普通初中 小学

    {top} 2700 21000 52400
  甲市 {city} 1700 15000 31000
    甲市辖区 500 800 6000 14000
      东区 300 500 3500 9000
      西区 200 300 2500 5000
    北县 700 900 9000 17000
  乙市 {second} 1000 6000 21400
    南县 400 600 3800 13000
    中县 300 400 2200 8400
"""


def test_an_indented_yearbook_table_reads_its_grouped_header_and_nameless_row() -> None:
    doc = _doc(_INDENTED.format(top="1900", city="1200", second="700"))
    (grid,) = grids(doc)
    assert [c.text for c in grid.rows[0]] == [
        "地区", "专任教师数普通初中", "专任教师数小学", "在校生数普通初中", "在校生数小学",
    ]
    assert [c.text for c in grid.rows[1]] == ["", "1900", "2700", "21000", "52400"]
    found = {(f.indicator, f.value, f.level, f.year) for f in _table_figures(doc)}
    assert ("teachers", 1900, "初中", 2021) in found
    assert ("students", 6000, "初中", 2021) in found  # 甲市辖区's, under 在校生数普通初中
    assert ("students", 31000, "小学", 2021) in found


def test_an_indented_yearbook_table_sums_each_place_over_the_places_under_it() -> None:
    assert _findings(_doc(_INDENTED.format(top="1900", city="1200", second="700"))) == []
    # 甲市's 专任教师数普通初中 is not 甲市辖区 + 北县, rows apart (东区, 西区 between them)
    wrong = _findings(_doc(_INDENTED.format(top="1900", city="1300", second="700")))
    assert [f.rule for f in wrong] == ["sum_mismatch"]
    assert list(wrong[0].values) == [500, 700, 1300]
