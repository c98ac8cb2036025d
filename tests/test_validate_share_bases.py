"""Shares whose base is written in brackets, named by 所占比重, stated sentences before behind
a bracket of parts, or said as a whole in the paragraph before. Invented sentences: each is
flagged with a wrong share and left alone with the right one."""

from __future__ import annotations

import pytest
from junheng.ingest.limits import DEFAULT_LIMITS
from junheng.ingest.txt import read
from junheng.validate import validate_document
from junheng.validate.rules import ARITHMETIC_RULES as ARITHMETIC

CASES = [
    # the base inside the share, in brackets
    ("某县现有留守儿童1520人,占全县学生总数(6000人)的{pct}%。", "25.3", "35.3", (1520, 6000)),
    # …with a 、 in the base's words (中、小学生 for 中小学生)
    ("全州寄宿制学生28560人、占全州中、小学生总数119000人的{pct}%。", "24", "26", (28560, 119000)),
    # 所占比重 names no subject of its own: the share is of the count before it
    ("全县学生总数6000人,其中家庭经济困难学生900人,所占比重为{pct}%。", "15", "16", (900, 6000)),
    ("全镇教师300人,其中骨干教师45人,所占比例为{pct}%。", "15", "18", (45, 300)),
    # 总 inside the base's name marks the whole as it does before it (校舍总建筑面积)
    (
        "全县中小学校舍建筑面积为52.8万平方米,其中C级危房面积3.6万平方米,"
        "占校舍总建筑面积的{pct}%。",
        "6.8",
        "9.8",
        (36000, 528000),
    ),
    # a count with a share that makes 100% with this one is its sibling, not its base
    (
        "全县学生22500人,享受学校食堂供餐的学生21000人,占93.3%;享受企业供餐的1500人,占比{pct}%。",
        "6.7",
        "8.7",
        (1500, 22500),
    ),
    # a count said to be among the number before 中 is a share of it
    (
        "应开分组实验180次,实际开出120次,开出率66.7%;其中未开出的60次实验中,45次因缺少器材,"
        "占比{pct}%。",
        "75",
        "65",
        (45, 60),
    ),
    # a whole of another noun said before: the base is the count whose noun the count's words hold
    (
        "全县小学毕业生1560人。全县有教职工1200人,其中专任教师1050人,有少数民族专任教师420人,"
        "占{pct}%。",
        "40",
        "50",
        (420, 1050),
    ),
    # the numbers in brackets after the total are its parts, not the share's base
    (
        "全县共有在校学生6000人(小学4000人,初中2000人)。全县有教师500人(含代课教师20人)。"
        "全县留守儿童1520人(占{pct}%)。",
        "25.3",
        "35.3",
        (1520, 6000),
    ),
    # numbers of the unit between the total and the share: the base is the one said as a whole
    (
        "全县校舍总面积120万平方米。近年新建校舍20万平方米。改造校舍15万平方米。"
        "其中危房面积12万平方米,占{pct}%。",
        "10",
        "15",
        (120000, 1200000),
    ),
    # no base in the share's paragraph: the whole the paragraph before says is its base
    (
        "一、办学条件\n全镇有中小学校40所。\n近年来推进标准化建设,已有34所学校达标,占{pct}%。",
        "85",
        "80",
        (34, 40),
    ),
    # a count written number first, its noun after a stage's and a kind's words
    (
        "全省1860所农村薄弱学校已全部完成自评。经整改后达标学校1767所,达标率{pct}%。",
        "95",
        "85",
        (1767, 1860),
    ),
    # …and with a sample of it between, said with its own share
    (
        "全省1860所农村薄弱学校已全部完成自评,省级组织抽查学校744所,占比40%。"
        "经整改后达标学校1767所,达标率{pct}%。",
        "95",
        "85",
        (1767, 1860),
    ),
    # a part of the sample, sentences after it: the sample is its base
    (
        "全区860所学校已完成自查工作,区级组织抽查学校320所,占比37.21%。"
        "自查整改后达标学校812所,达标率94.4%。区级抽查达标学校288所,达标率{pct}%。",
        "90",
        "80",
        (288, 320),
    ),
    # a whole with a share of a wider base it names, then its own parts by the words it says
    (
        "全省偏远地区学校1173所,占全省学校总数30.08%;偏远、特殊偏远与极度偏远学校分别为822所"
        "(占70.08%)、211所(占{pct}%)及140所(占11.94%)。",
        "17.99",
        "18.99",
        (211, 1173),
    ),
]


def _findings(text: str):
    doc = read(text.encode("utf-8"), "case.txt", DEFAULT_LIMITS)
    return validate_document(doc, [], [], rules=ARITHMETIC)


@pytest.mark.parametrize(("template", "right", "wrong", "inputs"), CASES)
def test_a_wrong_share_is_flagged_against_its_base(
    template: str, right: str, wrong: str, inputs: tuple[int, int]
) -> None:
    found = _findings(template.format(pct=wrong))
    assert [f.rule for f in found] == ["percent_mismatch"]
    assert tuple(found[0].values) == (*inputs, float(wrong))


@pytest.mark.parametrize(("template", "right", "wrong", "inputs"), CASES)
def test_the_right_share_is_left_alone(
    template: str, right: str, wrong: str, inputs: tuple[int, int]
) -> None:
    assert _findings(template.format(pct=right)) == []


def test_shares_adding_up_to_the_whole_make_their_counts_its_parts() -> None:
    """Shares of one base that add up to 100% say their counts are all of it: a wrong count
    fails its share and the sum."""
    text = (
        "全县共有学校120所。按规模分,大规模学校、中等规模学校和小规模学校分别为30所(占25%)、"
        "{middle}所(占41.7%)和40所(占33.3%)。"
    )
    assert _findings(text.format(middle="50")) == []
    rules = sorted(f.rule for f in _findings(text.format(middle="60")))
    assert rules == ["percent_mismatch", "sum_mismatch"]


def test_a_share_of_a_named_base_is_no_base_of_a_sibling_after_it() -> None:
    """小学生…,占全县学生总数的60%;初中生600人,占40%: the 40% is of all pupils, not of the
    小学生 (their words share only the county's scope)."""
    text = "全县小学生1000人,占全县学生总数的60%;全县初中生600人,占40%。"
    assert _findings(text) == []


def test_a_sibling_share_with_no_whole_stated_raises_nothing() -> None:
    """Two sides of a base the text does not state (93.3% and 6.7% make 100%): the first side is
    not the second's base, and there is no other."""
    text = (
        "全县享受学校食堂供餐的学生21000人,占全县学生总数的比例为93.3%;"
        "享受企业供餐的1500人,占比6.7%。"
    )
    assert _findings(text) == []
