"""Totals whose parts are listed apart from them: after a phrase announcing the list (具体情况如
下:), one sentence or line per part, or before a total that says it adds them up (以上共计).
Invented sentences: each is flagged with a wrong total and left alone with the right one."""

from __future__ import annotations

import pytest
from junheng.ingest.limits import DEFAULT_LIMITS
from junheng.ingest.txt import read
from junheng.validate import validate_document
from junheng.validate.rules import ARITHMETIC_RULES as ARITHMETIC

CASES = [
    # a phrase announcing the list, then a colon and numbered lines
    ("全镇共有中小学校{n}所,具体情况如下:\n1.镇区学校9所;\n2.村级学校25所。", "34", "31"),
    # the two sides of a pair, a sentence each: the whole
    ("全县共有中小学校{n}所。\n城区学校14所。\n农村学校29所。", "43", "45"),
    ("全校共有教职工{n}人。男教职工38人。女教职工57人。", "95", "90"),
    # a level each: they may leave some out, so only a total below them is wrong
    ("全县共有中小学校{n}所。\n小学27所。\n初中9所。", "40", "33"),
    # a total that says it adds up the items enumerated before it
    ("今年安排项目三类:一是校舍维修项目14个;二是操场改造项目9个;三是设备更新项目5个。"
     "以上共计{n}个项目。", "28", "30"),
    ("全年投入情况如下:\n1.校舍建设投入860万元;\n2.设备购置投入240万元;\n3.教师培训投入35万元。"
     "\n以上合计{n}万元。", "1135", "1185"),
]


def _findings(text: str):
    doc = read(text.encode("utf-8"), "case.txt", DEFAULT_LIMITS)
    return validate_document(doc, [], [], rules=ARITHMETIC)


@pytest.mark.parametrize(("template", "right", "wrong"), CASES)
def test_a_wrong_total_is_flagged(template: str, right: str, wrong: str) -> None:
    found = _findings(template.format(n=wrong))
    assert [f.rule for f in found] == ["sum_mismatch"]
    parts = [v for v in found[0].values if v != float(wrong) * _scale(template)]
    assert found[0].expected == pytest.approx(sum(parts))


def _scale(template: str) -> int:
    return 10000 if "万元" in template else 1


@pytest.mark.parametrize(("template", "right", "wrong"), CASES)
def test_the_right_total_is_left_alone(template: str, right: str, wrong: str) -> None:
    assert _findings(template.format(n=right)) == []


def test_items_with_a_breakdown_of_their_own_are_not_added_up() -> None:
    # which of an item's two numbers the total adds is not said: no check, no false alarm
    text = "一是新建项目12个,其中完工5个;二是改建项目8个。以上共计20个。"
    assert _findings(text) == []


def test_counts_before_the_list_are_not_its_items() -> None:
    text = "全县共有项目40个。一是新建项目12个;二是改建项目8个。以上共计20个。"
    assert _findings(text) == []
