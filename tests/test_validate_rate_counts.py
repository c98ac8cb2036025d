"""A named rate beside its two counts, in either order (pipeline/validate/rate_counts.py).
Invented sentences: each is flagged with a wrong rate and left alone with the right one; counts
whose words do not tell the part from the population are left alone."""

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
    # the part first, its population second (an age group without a noun of the lexicon)
    ("全镇初中在校生1860人,适龄人口1900人,毛入学率{pct}%。", "97.9", "93.9", (1860, 1900)),
    # the part's words name the age group too: the one that says what the rate counts is the part
    (
        "全乡适龄儿童少年入学人数为2405人,适龄儿童少年人数为2410人,入学率为{pct}%。",
        "99.79",
        "97.79",
        (2405, 2410),
    ),
    # the rate first, the population named by the rate's own subject, then the part
    ("三类残疾儿童入学率达{pct}%,全县三类残疾儿童88人,入学84人。", "95.5", "85.5", (84, 88)),
    # an age range in the population's name is part of the name, not a count
    (
        "全县初中毛入学率{pct}%,初中在校生3660人,12至14周岁人口3700人。",
        "98.9",
        "94.9",
        (3660, 3700),
    ),
    # the counts in brackets after the rate, the population first (应入学)
    ("残疾儿童少年入学率{pct}%(应入学75人,已入学72人)。", "96", "86", (72, 75)),
    # a cohort and what is left of it
    ("学校巩固率{pct}%,入学时学生420人,现有学生411人。", "97.9", "92.9", (411, 420)),
]


@pytest.mark.parametrize(("template", "right", "wrong", "inputs"), CASES)
def test_a_wrong_rate_beside_its_counts_is_flagged(
    template: str, right: str, wrong: str, inputs: tuple[int, int]
) -> None:
    assert _findings(template.format(pct=wrong)) == [
        ("percent_mismatch", (*map(float, inputs), float(wrong)))
    ]


@pytest.mark.parametrize(("template", "right", "wrong", "inputs"), CASES)
def test_the_right_rate_beside_its_counts_is_left_alone(
    template: str, right: str, wrong: str, inputs: tuple[int, int]
) -> None:
    assert _findings(template.format(pct=right)) == []


@pytest.mark.parametrize(
    "text",
    [
        # two counts of the part's kind: no population
        "全县小学在校生3200人,初中在校生1800人,入学率99.5%。",
        # two populations: no part
        "全县适龄儿童5000人,适龄残疾儿童120人,入学率99.5%。",
        # a count of other people between: not the rate's two counts
        "全县初中在校生4800人,教职工500人,入学率99.5%。",
    ],
)
def test_counts_that_do_not_tell_part_from_population_raise_nothing(text: str) -> None:
    assert _findings(text) == []
