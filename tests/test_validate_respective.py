"""Relations stated with 分别 and across sentences (junheng.validate.respective).

Sentences are invented in the shapes of statistical bulletins and reports (issue 13); each error
case has its clean twin, which must raise nothing.
"""

from __future__ import annotations

import pytest
from junheng.ingest.limits import DEFAULT_LIMITS
from junheng.ingest.txt import read
from junheng.validate import load_profile, validate_document
from junheng.validate.relations import Relation, split_sentences
from junheng.validate.respective import respective_relations
from junheng.validate.rules import ARITHMETIC_RULES


def _findings(text: str) -> list[str]:
    doc = read(text.encode("utf-8"), "case.txt", DEFAULT_LIMITS)
    return [f.rule for f in validate_document(doc, [], [], rules=ARITHMETIC_RULES)]


def _read(text: str) -> list[Relation]:
    """What this module alone reads from ``text`` (the whole text as one report)."""
    doc = read(text.encode("utf-8"), "case.txt", DEFAULT_LIMITS)
    units = tuple(load_profile().tolerances.counted_units)
    sentences = split_sentences(doc.text, 0, len(doc.text), units)
    pool = [q for sentence in sentences for q in sentence.quantities]
    return [
        relation
        for index in range(len(sentences))
        for relation in respective_relations(doc.text, sentences, index, pool, pool, "either")
    ]


@pytest.mark.parametrize(
    ("wrong", "right", "rule"),
    [
        (  # 分别占 with one base named per share, the bases stated in the sentence before
            "全市招收学生5.20万人,在校生28.40万人。随班就读招收学生2.60万人,在校生14.50万人,"
            "分别占招生总数和在校生总数的60.00%和51.06%。",
            "全市招收学生5.20万人,在校生28.40万人。随班就读招收学生2.60万人,在校生14.50万人,"
            "分别占招生总数和在校生总数的50.00%和51.06%。",
            "percent_mismatch",
        ),
        (  # 分别占 without a named base: the number just before the counts
            "全县专任教师1280人,本科学历960人、专科学历300人,分别占75%和28.4%。",
            "全县专任教师1280人,本科学历960人、专科学历300人,分别占75%和23.4%。",
            "percent_mismatch",
        ),
        (  # 其中…分别有 opening the sentence after the total's
            "全县共有义务教育学校56所。其中城区、农村学校分别有12所、48所。",
            "全县共有义务教育学校56所。其中城区、农村学校分别有12所、44所。",
            "sum_mismatch",
        ),
        (  # names that make a partition, right after the total, without 其中
            "全县义务教育学校56所,城区、农村学校分别为12所、48所。",
            "全县义务教育学校56所,城区、农村学校分别为12所、44所。",
            "sum_mismatch",
        ),
        (
            "全县在校生15300人,男、女生分别为8000人、7900人。",
            "全县在校生15300人,男、女生分别为8000人、7300人。",
            "sum_mismatch",
        ),
        (  # the earlier year's value in brackets after the change
            "全县在校生15300人,比上年增加620人(上年为14580人)。",
            "全县在校生15300人,比上年增加620人(上年为14680人)。",
            "growth_mismatch",
        ),
        (  # …in brackets before a rate of change
            "全县在校生15300人(上年为14680人),比上年增长5.2%。",
            "全县在校生15300人(上年为14680人),比上年增长4.2%。",
            "growth_mismatch",
        ),
        (  # 上年同期 beside the value
            "全县教育经费投入5.6亿元,上年同期4.9亿元,增长18.3%。",
            "全县教育经费投入5.6亿元,上年同期4.9亿元,增长14.3%。",
            "growth_mismatch",
        ),
        (  # the earlier year's values named by an anaphor in the next sentence
            "2021年,全省随迁子女共386.20万人,比上年增加14.70万人;留守儿童512.40万人,"
            "比上年减少21.70万人。2020年,这两项数字分别为371.50万和540.10万。",
            "2021年,全省随迁子女共386.20万人,比上年增加14.70万人;留守儿童512.40万人,"
            "比上年减少27.70万人。2020年,这两项数字分别为371.50万和540.10万。",
            "growth_mismatch",
        ),
        (  # the same words for the year before in another sentence
            "2020年,全县在校生14680人。2021年,全县在校生15300人,比上年增加720人。",
            "2020年,全县在校生14680人。2021年,全县在校生15300人,比上年增加620人。",
            "growth_mismatch",
        ),
        (  # …a rate, in percentage points
            "2020年,全县小学入学率为99.5%。2021年,全县小学入学率为99.8%,比上年提高0.9个百分点。",
            "2020年,全县小学入学率为99.5%。2021年,全县小学入学率为99.8%,比上年提高0.3个百分点。",
            "growth_mismatch",
        ),
    ],
)
def test_validate_respective_twins(wrong: str, right: str, rule: str) -> None:
    assert _findings(wrong) == [rule]
    assert _findings(right) == []


@pytest.mark.parametrize(
    "text",
    [
        # rates listed with 分别 and no counts: nothing to check
        "小学、初中入学率分别为99.8%和98.6%。",
        # parts with 分别 and no total
        "全县小学、初中分别有32所、9所。",
        # changes listed with 分别 are not parts
        "招生和在校生分别比上年增加0.4万人和2.1万人。",
        # 其中…分别 after a sentence whose last number of the unit is not a total
        "全县小学32所、初中9所。其中城区、农村学校分别有12所、29所。",
        # 其中…分别 then more: the list is not the whole
        "全县共有学校60所。其中城区、农村学校分别有12所、44所,另有教学点15个。",
        # another level's value the year before (小学在校生 ≠ 在校生)
        "2020年,全县在校生14680人。2021年,全县小学在校生15300人,比上年增加920人。",
        # not the year before
        "2019年,全县在校生14680人。2021年,全县在校生15300人,比上年增加920人。",
        # the anaphor's count is not the number of values before it
        "全省随迁子女共386.20万人,留守儿童512.40万人,其中女童250万人。2020年,这两项数字分别为"
        "371.50万和540.10万。",
        # an earlier value without a stated change
        "全县教育经费投入5.6亿元,上年同期4.9亿元。",
        # a share's named base that no stated total's words hold
        "随班就读招收学生2.60万人,在校生14.50万人,分别占招生总数和在校生总数的60.00%和51.06%。",
    ],
)
def test_validate_respective_reads_nothing_in_doubt(text: str) -> None:
    assert [r for r in _read(text) if not r.holds] == []
    assert _findings(text) == []


def test_validate_respective_sum_after_its_own_total_is_left_to_the_sentence_reader() -> None:
    """…分别为9800人、5500人,合计15300人 is read by the sentence reader: one finding, not two."""
    text = "小学、初中在校生分别为9800人、5500人,合计15900人。"
    assert _read(text) == []
    assert _findings(text) == ["sum_mismatch"]


def test_validate_respective_each_share_over_its_own_base() -> None:
    text = (
        "全市招收学生5.20万人,在校生28.40万人。随班就读招收学生2.60万人,在校生14.50万人,"
        "分别占招生总数和在校生总数的50.00%和51.06%。"
    )
    pairs = [(r.inputs[0].written, r.inputs[1].written) for r in _read(text)]
    assert pairs == [("2.60", "5.20"), ("14.50", "28.40")]


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        (
            "全县共有专任教师1280人,其中本科学历960人、专科学历300人,分别占专任教师总数的75%和28.4%。",
            "全县共有专任教师1280人,其中本科学历960人、专科学历300人,分别占专任教师总数的75%和23.4%。",
        ),
        (
            "全市共招收特殊教育学生5.20万人,在校生28.40万人。其中,随班就读招收学生2.60万人,"
            "在校生14.50万人,分别占特殊教育招生总数和在校生总数的50.00%和56.06%。",
            "全市共招收特殊教育学生5.20万人,在校生28.40万人。其中,随班就读招收学生2.60万人,"
            "在校生14.50万人,分别占特殊教育招生总数和在校生总数的50.00%和51.06%。",
        ),
    ],
)
def test_validate_respective_shares_beside_other_readers(wrong: str, right: str) -> None:
    assert _findings(wrong) == ["percent_mismatch"]
    assert _findings(right) == []


_LISTS = (
    "2021-2023年的教育经费支出总额分别为12000万元、13000万元、15000万元,人均教育经费支出分别为"
    "1100元、1200元、1350元。财政预算内教育经费拨款三年分别为7800万元、8450万元、{last}万元,"
    "预算内教育经费拨款占教育经费支出的比例分别为65%、65%、66%。"
)


def test_shares_of_two_lists_given_with_fenbie() -> None:
    relations = [r for r in _read(_LISTS.format(last="9900")) if r.kind == "percent"]
    assert [(r.inputs[0].value, r.inputs[1].value) for r in relations] == [
        (78e6, 120e6),
        (84.5e6, 130e6),
        (99e6, 150e6),
    ]
    assert all(r.holds for r in relations)
    assert _findings(_LISTS.format(last="9900")) == []
    assert _findings(_LISTS.format(last="8900")) == ["percent_mismatch"]
