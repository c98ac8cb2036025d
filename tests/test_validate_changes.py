"""Values against an earlier time and their change: one value (较上学年…减少…), and lists of
values, the earlier ones and the changes in the same order or by unit (较上学年1777班、3万3922人,
减少19班、725人). Invented sentences: each is flagged with a wrong change and left alone with the
right one."""

from __future__ import annotations

import pytest
from junheng.ingest.limits import DEFAULT_LIMITS
from junheng.ingest.txt import read
from junheng.validate import validate_document
from junheng.validate.rules import ARITHMETIC_RULES as ARITHMETIC


def _findings(text: str) -> list[tuple[str, tuple[float, ...]]]:
    doc = read(text.encode("utf-8"), "case.txt", DEFAULT_LIMITS)
    return [(f.rule, tuple(f.values)) for f in validate_document(doc, [], [], rules=ARITHMETIC)]


CASES = [
    # a school year as the earlier time
    ("全县小学学生28410人,较上学年28950人减少{n}人。", "540", "640"),
    # a Taiwan school year (113学年度), not a value
    ("全县国小学生28410人,较113学年度28950人,减少{n}人。", "540", "440"),
    # the noun after the classifier, before the change
    ("全县小学共1320个班,较上学年1341个班减少{n}个班。", "21", "31"),
    # lists: the values, the earlier ones and the changes in the same order
    ("全县国小共1320班、学生28410人,较上学年1341班、28950人,减少21班、{n}人。", "540", "560"),
    # …the values clause by clause
    (
        "全县国小共1320班,学生人数共2万8410人,较上学年1341班、2万8950人,减少21班、{n}人。",
        "540",
        "520",
    ),
    # …the changes in another order: they pair by unit
    (
        "一年级新生部分,本学年共4310人、236班,较上学年新生4480人、241班,减少5班、{n}人。",
        "170",
        "180",
    ),
]


@pytest.mark.parametrize(("template", "right", "wrong"), CASES)
def test_a_wrong_change_is_flagged(template: str, right: str, wrong: str) -> None:
    found = _findings(template.format(n=wrong))
    assert [rule for rule, _ in found] == ["growth_mismatch"]
    assert float(wrong) in found[0][1]


@pytest.mark.parametrize(("template", "right", "wrong"), CASES)
def test_the_right_change_is_left_alone(template: str, right: str, wrong: str) -> None:
    assert _findings(template.format(n=right)) == []


def test_a_change_said_after_the_comparison_is_no_earlier_value() -> None:
    """较上年增加825人: 825 is the change, and no earlier value is written to check it against."""
    assert _findings("全县小学学生28410人,较上学年增加825人,初中学生12000人。") == []
