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
