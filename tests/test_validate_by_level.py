"""Relations between a report's figures by level (pipeline/validate/by_level.py): a 义务教育
count against its 小学 and 初中 counts paragraphs away, a 生师比 against the level's students
and teachers.

The texts are invented in the shape of a statistics bulletin (a total section, then one section
per level); each error case has its clean twin, which must raise nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from junheng.runner import InputFile, process_file
from junheng.validate.rules import ARITHMETIC_RULES

_BULLETIN = (
    "某省2025年教育事业发展统计公报\n"
    "一、义务教育\n"
    "全省共有义务教育阶段学校{schools}所,在校生{students}万人,专任教师90.66万人。\n"
    "(一)小学\n"
    "全省共有普通小学2135所,比上年减少98所。在校生936.06万人。专任教师55.85万人。生师比{ratio}。\n"
    "(二)初中\n"
    "全省共有初中528所。在校生444.01万人。专任教师34.81万人,教职工38.20万人。生师比11.62。\n"
)
_CLEAN = {"schools": "2663", "students": "1380.07", "ratio": "16.76"}


def _findings(tmp_path: Path, text: str) -> list[tuple[str, tuple[float, ...]]]:
    path = tmp_path / "bulletin.txt"
    path.write_text(text, "utf-8")
    result = process_file(InputFile(path, path.name))
    return [(f.rule, f.values) for f in result.findings if f.rule in ARITHMETIC_RULES]


def test_validate_by_level_clean_bulletin_raises_nothing(tmp_path: Path) -> None:
    # 11.62 is 444.01 / 38.20 (the staff), not / 34.81 (the teachers): a fit either way is clean
    assert _findings(tmp_path, _BULLETIN.format(**_CLEAN)) == []


@pytest.mark.parametrize(
    ("field", "wrong", "rule"),
    [
        ("schools", "2763", "sum_mismatch"),  # 2135 + 528 = 2663
        ("students", "1480.07", "sum_mismatch"),  # 936.06 + 444.01 = 1380.07
        ("ratio", "18.76", "ratio_mismatch"),  # 936.06 / 55.85 = 16.76
    ],
)
def test_validate_by_level_flags_a_level_that_does_not_add_up(
    tmp_path: Path, field: str, wrong: str, rule: str
) -> None:
    text = _BULLETIN.format(**{**_CLEAN, field: wrong})
    found = _findings(tmp_path, text)
    assert [r for r, _ in found] == [rule]
    assert float(wrong) * (1e4 if field == "students" else 1) in found[0][1]


def test_validate_by_level_schools_of_two_levels_make_no_partition(tmp_path: Path) -> None:
    """九年一贯制 schools are counted under either level or apart: the schools are not summed
    (the students still are)."""
    text = (
        "全县共有义务教育学校52所,在校生31200人,其中九年一贯制学校4所。\n"
        "小学38所,在校生20100人。\n"
        "初中10所,在校生{students}人。\n"
    )
    assert _findings(tmp_path, text.format(students="11100")) == []
    assert [r for r, _ in _findings(tmp_path, text.format(students="12100"))] == ["sum_mismatch"]


def test_validate_by_level_a_level_given_twice_is_not_summed(tmp_path: Path) -> None:
    """Two 小学 counts in one report (two years, or a total and a subset): which one the total
    holds is not known, so nothing is checked."""
    text = (
        "全县义务教育阶段在校生31200人。\n"
        "小学在校生20100人,初中在校生12100人。\n"
        "小学在校生19800人。\n"
    )
    assert _findings(tmp_path, text) == []


_INTAKE = (
    "全国教育事业发展统计公报\n"
    "2025年,全国义务教育阶段招生{entrants}万人,毕业生3180.6万人。\n"
    "(一)小学\n"
    "全国共有普通小学14.2万所,招生1720.4万人,毕业生1785.0万人。\n"
    "(二)初中\n"
    "全国共有初中5.2万所,招生1610.3万人,毕业生1395.6万人。\n"
)


@pytest.mark.parametrize(("entrants", "errors"), [("3330.7", 0), ("3430.7", 1)])
def test_validate_by_level_intake_and_leavers_add_up_by_level(
    tmp_path: Path, entrants: str, errors: int
) -> None:
    """招生 and 毕业生 (extra indicators) add up by level like the students; the year said once
    over the totals holds for the levels' sections that name none."""
    found = _findings(tmp_path, _INTAKE.format(entrants=entrants))
    assert [rule for rule, _ in found] == ["sum_mismatch"] * errors


_WHOLE_SCOPE = (
    "某省2015年中小学教育发展情况\n"
    "2015年全省共有中小学2663所,在校生{students}万人。\n"
    "一、小学教育\n全省共有小学2135所,在校生210万人。\n"
    "二、初中教育\n全省共有初中528所,在校生110万人。\n"
)


@pytest.mark.parametrize("students", ["320", "350"])
def test_validate_by_level_a_count_of_the_whole_scope_holds_its_levels(
    tmp_path: Path, students: str
) -> None:
    """A count of no level said first (中小学, 全省在校生) holds at least its 小学 and 初中: less is
    no error (高中 may be in it), more is."""
    assert _findings(tmp_path, _WHOLE_SCOPE.format(students=students)) == []
    found = _findings(tmp_path, _WHOLE_SCOPE.format(students="300"))
    assert [rule for rule, _ in found] == ["sum_mismatch"]


def test_validate_by_level_a_count_of_no_level_after_the_levels_is_another_part(
    tmp_path: Path,
) -> None:
    """"…初级中学11所,在校生8899人;…小学26所,在校生9302人;九年制学校4所,在校生2398人": the
    九年制 count has no level, and it is one more part, not the whole."""
    text = (
        "某县寄宿制学校建设情况\n已建成寄宿制中小学41所,其中:初级中学11所,在校生8899人;"
        "中心小学26所,在校生9302人;九年制学校4所,在校生2398人。\n"
    )
    assert _findings(tmp_path, text) == []


_ALL_LEVELS = (
    "某市2023年教育事业统计数据\n"
    "全市共有各级各类学校{schools}所,在校生{students}人。相关情况如下:\n"
    "一、学前教育\n全市共有幼儿园81所,在园幼儿17193人。\n"
    "二、义务教育\n全市共有义务教育阶段学校77所,在校生84036人。\n"
    "三、高中阶段教育\n全市高中阶段共有学校8所。\n"
    "四、特殊教育\n全市共有特殊教育学校1所。\n"
)


def test_validate_by_level_a_count_of_every_level_holds_its_levels(tmp_path: Path) -> None:
    """各级各类 counts every level: at least 学前 + 义务教育 + 高中 (the 特殊教育 school and
    others may make up the rest), said before or after them."""
    assert _findings(tmp_path, _ALL_LEVELS.format(schools="167", students="131164")) == []
    found = _findings(tmp_path, _ALL_LEVELS.format(schools="116", students="131164"))
    assert [r for r, _ in found] == ["sum_mismatch"]
    assert {116.0, 81.0, 77.0, 8.0} <= set(found[0][1])
    # the students of the same sentence are of every level too
    found = _findings(tmp_path, _ALL_LEVELS.format(schools="167", students="91814"))
    assert [r for r, _ in found] == ["sum_mismatch"]
    assert {91814.0, 17193.0, 84036.0} <= set(found[0][1])



def test_validate_by_level_every_levels_private_schools_are_not_every_school(
    tmp_path: Path,
) -> None:
    """各级各类民办学校 counts the private schools of every level, not all of them: no sum of
    the levels' counts (a national bulletin's 15.52万 against 20.99万 + 2.57万 was flagged)."""
    text = _ALL_LEVELS.format(schools="116", students="131164").replace(
        "各级各类学校116所", "各级各类民办学校116所"
    )
    assert "民办" in text
    assert _findings(tmp_path, text) == []


def test_validate_by_level_a_part_of_every_levels_count_is_not_of_every_level(
    tmp_path: Path,
) -> None:
    """"各级各类学校3093所,其中…中等职业学校33所、…": the 33 are a part of the count said of
    every level, not one of it (a province's news was flagged 61+235+1763+710 > 33)."""
    text = _ALL_LEVELS.format(schools="167", students="131164").replace(
        "各级各类学校167所,", "各级各类学校167所,其中中等职业学校3所、普通高中5所,"
    )
    assert _findings(tmp_path, text) == []


_BLOCKS = (
    "某市2023年教育事业统计数据\n"
    "三、高中阶段教育\n"
    "全市高中阶段共有学校{schools}所。招生8057人,在校生29396人,专任教师2287人。\n"
    "其中普通高中6所,招生5735人,在校生{students}人。普通高中共有教职工2100人,专任教师1931人。\n"
    "其中中等职业学校2所,招生2322人,在校生6894人。中等职业学校共有教职工369人,专任教师356人。\n"
)


@pytest.mark.parametrize(
    ("schools", "students", "wrong"),
    [
        ("8", "22502", None),  # every count adds up
        ("9", "22502", None),  # a kind left unnamed: its schools, pupils and teachers unsaid
        ("5", "22502", 5.0),  # the kinds' schools exceed the section's
        ("8", "22902", 22902.0),  # the kinds are the whole section, their pupils do not add up
    ],
)
def test_validate_by_level_blocks_of_kinds_of_school(
    tmp_path: Path, schools: str, students: str, wrong: float | None
) -> None:
    found = _findings(tmp_path, _BLOCKS.format(schools=schools, students=students))
    if wrong is None:
        assert found == []
    else:
        assert [r for r, _ in found] == ["sum_mismatch"] and wrong in found[0][1]


_LINES = (
    "某县2023年教育事业统计公报\n"
    "义务教育\n"
    "全县义务教育中小学30所。校舍总面积57.74万平方米,较上年增加0.56万平方米;仪器设备值17919.79万元;"
    "图书146.13万册。\n"
    "——小学。校数17所;在校生22250人。校舍总面积25.48万平方米,比上年增加0.44万平方米;"
    "仪器设备值9010.34万元;图书81.27万册。\n"
    "——初中。校数13所;在校生11012人。校舍总面积32.26万平方米,比上年增加0.12万平方米;"
    "仪器设备值8909.45万元;图书{books}万册。\n"
)


def test_validate_by_level_lines_of_levels_add_up_in_the_same_words(tmp_path: Path) -> None:
    """A 义务教育 line and its 小学 and 初中 lines: what they name alike adds up, catalogued or not
    (校舍总面积, 仪器设备值, 图书)."""
    assert _findings(tmp_path, _LINES.format(books="64.87")) == []
    found = _findings(tmp_path, _LINES.format(books="84.87"))
    assert [r for r, _ in found] == ["sum_mismatch"]
    assert found[0][1] == (812700.0, 848700.0, 1461300.0)  # 81.27 + 84.87 against 146.13 万册


@pytest.mark.parametrize(("change", "flagged"), [("0.56", False), ("0.66", True)])
def test_validate_by_level_lines_changes_add_up_too(
    tmp_path: Path, change: str, flagged: bool
) -> None:
    """较上年增加0.56万平方米 on the 义务教育 line, 0.44 and 0.12 on the part lines: the changes
    add up."""
    text = _LINES.format(books="64.87").replace("较上年增加0.56", f"较上年增加{change}")
    assert bool(_findings(tmp_path, text)) is flagged


@pytest.mark.parametrize(("books", "flagged"), [("64.87", False), ("84.87", True)])
def test_validate_by_level_lines_run_into_one_paragraph(
    tmp_path: Path, books: str, flagged: bool
) -> None:
    """The same lines run into one paragraph by a copy, the dashes kept (…。——小学。…)."""
    text = _LINES.format(books=books).replace("\n——", " ——").replace("义务教育\n", "义务教育 ")
    assert bool(_findings(tmp_path, text)) is flagged


def test_validate_by_level_lines_need_every_part_level(tmp_path: Path) -> None:
    """Without its 初中 line, a 义务教育 line is not the sum of the 小学 line."""
    text = "\n".join(_LINES.format(books="64.87").split("\n")[:4]) + "\n"
    assert _findings(tmp_path, text) == []


_NAMED = (
    "某县2023年教育事业统计公报\n"
    "高中段教育\n"
    "全县高中段教育(包括普通高中和中职)共有学校6所;招生3133人;在校生为8637人。\n"
    "普通高中学校5所;毕业生2158人;招生2500人;在校生6747人。\n"
    "中等职业教育学校1所;毕业生582人;招生633人;在校生{students}人。\n"
)


def test_validate_by_level_kinds_a_section_names_on_lines_of_their_own(tmp_path: Path) -> None:
    """包括普通高中和中职 names two kinds; the next two counts of schools, each opening its line,
    are their blocks."""
    assert _findings(tmp_path, _NAMED.format(students="1890")) == []
    found = _findings(tmp_path, _NAMED.format(students="2890"))
    assert [r for r, _ in found] == ["sum_mismatch"]
    assert 2890.0 in found[0][1]
