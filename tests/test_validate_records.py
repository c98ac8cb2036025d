"""A total said after the records it sums, one record per level (pipeline/validate/records.py)."""

from __future__ import annotations

import pytest
from junheng.ingest.limits import DEFAULT_LIMITS
from junheng.ingest.txt import read
from junheng.validate import validate_document
from junheng.validate.rules import ARITHMETIC_RULES as ARITHMETIC

_RECORDS = (
    "全县普通高中在校生11455人,教职工821人;职业高中在校生5279人,教职工268人;义务教育阶段在校生"
    "共74726人,教职工4311人。在园幼儿19177人,在编教职工116人。全县学生总数{students}人,教职工"
    "总数{staff}人。"
)


def _findings(text: str) -> list[tuple[str, tuple[float, ...]]]:
    doc = read(text.encode("utf-8"), "case.txt", DEFAULT_LIMITS)
    return [(f.rule, tuple(f.values)) for f in validate_document(doc, [], [], rules=ARITHMETIC)]


@pytest.mark.parametrize(
    ("students", "staff", "flagged"),
    [
        ("110637", "5516", []),
        ("77445", "5516", [110637]),  # the levels' students exceed the total
        ("110637", "3860", [5516]),  # …and the staff theirs
        ("120000", "5516", []),  # more than the records: nothing says every level was named
    ],
)
def test_validate_records_a_total_after_its_levels_records(
    students: str, staff: str, flagged: list[int]
) -> None:
    found = _findings(_RECORDS.format(students=students, staff=staff))
    sums = [values for rule, values in found if rule == "sum_mismatch"]
    assert [round(sum(v[:-1])) for v in sums] == flagged


@pytest.mark.parametrize(
    "text",
    [
        # a level inside another's (小学 in 义务教育): no sum of them
        "全县义务教育阶段在校生7000人;小学在校生5000人。全县学生总数6000人。",
        # a record without a level of its own
        "全县普通高中在校生3000人;另有在校生5000人。全县学生总数6000人。",
        # two counts of the noun in one record: which one is the level's is not said
        "全县普通高中在校生3000人,毕业学生2000人;初中在校生5000人。全县学生总数6000人。",
    ],
)
def test_validate_records_not_read_as_records(text: str) -> None:
    assert not [rule for rule, _ in _findings(text) if rule == "sum_mismatch"]


_MEMBERS = (
    "全县义务教育阶段{total}所中小学{all}通过省级标准化验收。按照“城乡一体、强弱结对”的思路,"
    "全县18所小学组成三个教育共同体,2所初中开展集团化办学。"
)


@pytest.mark.parametrize(
    ("total", "all_", "flagged"),
    [
        ("20", "均", False),
        ("13", "均", True),  # the levels' 18 and 2 exceed the 中小学
        ("25", "均", False),  # more: a 九年一贯制学校 need not be named
        ("13", "", False),  # 13所中小学达到…: maybe some of them, not the whole
    ],
)
def test_validate_records_a_total_whose_levels_are_counted_later(
    total: str, all_: str, flagged: bool
) -> None:
    """20所中小学, then 18所小学 and 2所初中 later in the paragraph: the levels' counts are some of
    the total's and may not exceed it."""
    found = _findings(_MEMBERS.format(total=total, all=all_))
    assert bool([rule for rule, _ in found if rule == "sum_mismatch"]) is flagged


def test_validate_records_a_level_counted_twice_is_no_member() -> None:
    """Two counts of 小学 after the total: which is the level's count is not said."""
    text = (
        "全县中小学19所均已达标。全县18所小学组成教育共同体,另有5所小学为村小,"
        "2所初中开展集团化办学。"
    )
    assert not [rule for rule, _ in _findings(text) if rule == "sum_mismatch"]


_SUBGROUP = (
    "义务教育中小学随迁子女在校生{total}万人,增加3.54%。在小学就读的随迁子女6.38万人,比上年增加"
    "1764人,增加2.84%;在初中就读的随迁子女2.45万人,比上年增加1255人,增加5.40%。"
)


@pytest.mark.parametrize(("total", "flagged"), [("8.83", False), ("6.17", True), ("9.50", False)])
def test_validate_records_a_subgroups_levels_in_the_next_sentence(
    total: str, flagged: bool
) -> None:
    """随迁子女在校生8.83万人, then 在小学就读的随迁子女…;在初中就读的随迁子女…: the levels'
    counts of the subgroup may not exceed its total."""
    found = _findings(_SUBGROUP.format(total=total))
    assert bool([rule for rule, _ in found if rule == "sum_mismatch"]) is flagged


def test_validate_records_records_that_do_not_name_the_subgroup_are_none() -> None:
    """The next sentence's counts are of other pupils (no 随迁子女 in their words): no parts."""
    text = "全市随迁子女在校生6.17万人。在小学就读的学生6.38万人;在初中就读的学生2.45万人。"
    assert not [rule for rule, _ in _findings(text) if rule == "sum_mismatch"]
