"""Relations read across the paragraphs of one report: a 生均 figure or a ratio whose counts are
stated in another paragraph, ratios that continue a list (师生比小学为…,初中为…), and breakdowns of
the teachers whose total is stated before them. Errors found, consistent text and ambiguous counts
left alone."""

from __future__ import annotations

import pytest
from junheng.ingest.limits import DEFAULT_LIMITS
from junheng.ingest.txt import read
from junheng.validate import load_profile, validate_document
from junheng.validate.relations import read_relations, split_sentences
from junheng.validate.rules import ARITHMETIC_RULES as ARITHMETIC


def _relations(text: str):
    units = tuple(load_profile().tolerances.counted_units)
    return list(read_relations(text, split_sentences(text, 0, len(text), units)))


def _findings(text: str):
    doc = read(text.encode("utf-8"), "case.txt", DEFAULT_LIMITS)
    return validate_document(doc, [], [], rules=ARITHMETIC)


CONSISTENT = [
    # the students in a later paragraph (as seed 003 篇一)
    "学校占地面积19980平方米,生均占地面积39平方米。\n\n教师46人。全校学生510人,师生比1:11。",
    # truncated per-student value in a counted unit (19800/510 = 38.82 → 38册)
    "图书19800册,生均图书38册。\n\n全校学生510人。",
    # an earlier paragraph, no unit on either number, the topic named by both
    "学生989人。\n\n教学及教学辅助用房建筑总面积2534,生均教学及教学辅助用房建筑2.56。",
    # 生机比 written r:1 after a colon, computers in the paragraph, students elsewhere
    "全校学生510人。\n\n学校有教师用办公电脑15台,微机室有微机60台,(生机比:8:1)。",
    # ratios of two levels, the second without its word, counts in the paragraph before
    "全县小学生31546人、初中生11069人。小学教师1610人、初中教师691人。\n\n"
    "师生比小学为1:19.6,初中为1:16.02。",
    # the ratio named in words, truncated (2455 ÷ 171 = 14.357)
    "学校现有在校学生2455人,专任教师171人,教师与学生比1:14.35。",
    # a breakdown by age band (exhausts the teachers) and by title (need not)
    "专任教师46人,其中女教师6人。专任教师中高级职称8人,中级职称22人。35岁以下3人,"
    "36——50岁30人,50岁以上13人。",
]


@pytest.mark.parametrize("text", CONSISTENT)
def test_validate_relations_across_paragraphs_consistent(text):
    relations = _relations(text)
    assert relations
    assert all(r.holds for r in relations), [(r.kind, r.expected) for r in relations]
    assert _findings(text) == []


@pytest.mark.parametrize(
    ("text", "rule", "values", "expected"),
    [
        (
            "学校占地面积19980平方米,生均占地面积40平方米。\n\n全校学生510人,师生比1:11。",
            "ratio_mismatch",
            [19980, 510, 40],
            19980 / 510,
        ),
        (
            "全县小学生31546人、初中生11069人。小学教师1610人、初中教师691人。\n\n"
            "师生比小学为1:19.6,初中为1:18.02。",
            "ratio_mismatch",
            [11069, 691, 18.02],
            11069 / 691,
        ),
        (
            "学校现有在校学生2455人,专任教师171人,教师与学生比1:18.35。",
            "ratio_mismatch",
            [2455, 171, 18.35],
            2455 / 171,
        ),
        (
            "全校学生510人。\n\n微机室有微机60台,(生机比:12:1)。",
            "ratio_mismatch",
            [510, 60, 12],
            8.5,
        ),
        (
            "专任教师46人。35岁以下3人,36——50岁30人,50岁以上23人。",
            "sum_mismatch",
            [3, 30, 23, 46],
            56,
        ),
        (
            "专任教师46人。专任教师中高级职称18人,中级职称32人。",
            "sum_mismatch",
            [18, 32, 46],
            50,
        ),
    ],
)
def test_validate_relations_across_paragraphs_error(text, rule, values, expected):
    found = [f for f in _findings(text) if f.rule == rule]
    assert len(found) == 1, [f.message for f in _findings(text)]
    assert list(found[0].values) == pytest.approx(values)
    assert found[0].expected == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize(
    "text",
    [
        # two student counts in the report: which one 生均 divides is not known
        "全校学生510人。\n\n在校学生达到600人。\n\n学校占地面积19980平方米,生均占地面积50平方米。",
        # a projection is not the count of students
        "学校占地面积19980平方米,生均占地面积40平方米。\n\n预计明年在校生将达到600人。",
        # a total of another topic than the 生均 figure's
        "全校学生510人。\n\n投入资金500万元,生均公用经费800元。",
        # per-100 figures are not counts of students or computers
        "每百名学生拥有计算机台数小学7.51台。\n\n小学教师1610人。师生比小学为1:19.8。",
        # a title breakdown below its total: titles need not exhaust the teachers
        "专任教师46人。专任教师中高级职称8人,中级职称12人。",
    ],
)
def test_validate_relations_ambiguous_or_unrelated_left_alone(text):
    assert _findings(text) == []
