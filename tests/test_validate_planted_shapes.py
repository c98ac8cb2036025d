"""Planted errors in invented sentences of the shapes real reports state their arithmetic in.

Each case is consistent as written (no arithmetic finding); then each named number is changed the
way ``junheng eval --planted`` changes a number of the dev gold (up, and down, well past rounding)
and the validator must flag the changed text. The sentences are invented; their structures are
the ones unseen reports use (a cohort and its 巩固率, a pair of sides in either order, 人均 after
the people it is over, …).
"""

from __future__ import annotations

import re

import pytest
from junheng.evaluate.planted import changed
from junheng.ingest.limits import DEFAULT_LIMITS
from junheng.ingest.txt import read
from junheng.validate import validate_document
from junheng.validate.rules import ARITHMETIC_RULES as ARITHMETIC


def _findings(text: str) -> set[tuple[str, tuple[float, ...]]]:
    doc = read(text.encode("utf-8"), "case.txt", DEFAULT_LIMITS)
    return {(f.rule, f.values) for f in validate_document(doc, [], [], rules=ARITHMETIC)}


CASES = [
    # breakdowns: 其中, in brackets, a parallel frame, a total after its parts
    ("全县共有中小学47所,其中小学35所,初中12所。", ["47", "35"]),
    ("全区义务教育阶段学校共61所(小学40所、初中16所、九年一贯制学校5所)。", ["61", "40"]),
    (
        "全县累计投入资金4100万元,其中中央资金2600万元,省级资金900万元,县级配套600万元。",
        ["4100", "900"],
    ),
    ("全市小学在校生7.6万人,初中在校生3.9万人,义务教育阶段在校生共11.5万人。", ["11.5", "3.9"]),
    ("新建学校4所,改扩建学校11所,共计15所。", ["4", "15"]),
    # a pair of sides, either side first (农村 before 城区, 女 before 男)
    ("全县学校58所,农村学校49所,城区学校9所。", ["58", "9"]),
    ("全镇教师230人,女教师140人,男教师90人。", ["230", "90"]),
    # a total whose own words list its parts, then 分别
    ("全县小学、初中在校生共7310人,分别为4890人、2420人。", ["7310", "4890"]),
    # shares and named rates
    ("全县适龄儿童2600人,已入学2587人,入学率99.5%。", ["2587", "99.5"]),
    ("全校专任教师80人,其中本科学历28人,本科率35%。", ["28", "35"]),
    ("全县在校生5200人。全县共有留守儿童1040人,占在校生总数的20%。", ["1040人", "20%"]),
    # the base named by 应入学 (its 入学 is no numerator); a count raised above its base is an
    # error too, not another base
    ("全县应入学适龄儿童1700人,实际入学1690人,入学率99.4%。", ["1690", "99.4%"]),
    # a rate with its two counts in the brackets after it
    ("残疾儿童少年入学率96%(应入学150人,已入学144人)。", ["96%", "144"]),
    # a 巩固率 over the cohort as it entered, the grades naming the level
    ("全县七年级入学时学生4000人,现九年级在校生3920人,初中三年巩固率98%。", ["3920", "98"]),
    ("初一入学时学生600人,现有591人,巩固率为98.5%。", ["591", "98.5"]),
    # schools that pass what the rate names, after the count of schools
    ("全县有义务教育学校42所,已有40所通过县级评估验收,通过率95.2%。", ["40", "95.2"]),
    # per student: 图书 and 藏书 name one thing
    ("学校藏书64000册,在校学生2000人,生均图书32册。", ["64000", "32"]),
    ("学校校舍建筑面积13200平方米,在校生1200人,生均校舍面积11平方米。", ["13200", "11"]),
    # 人均 over the people counted between the amount and it
    ("全年发放寄宿生生活补助资金240万元,惠及寄宿生4000人,人均600元。", ["240", "600"]),
    ("全县建档立卡学生2100人,资助资金共计315万元,人均1500元。", ["315", "1500"]),
    # ratios, class size, per hundred students
    ("全校学生1900人,专任教师100人,师生比为1:19。", ["1900", "19"]),
    ("学校现有教学班24个,学生1080人,平均班额45人。", ["1080", "45"]),
    ("全校学生700人,有计算机70台,每百名学生拥有计算机10台。", ["70", "10"]),
    # a table's row named as the total of the rows above it, in every column of counts
    (
        "类别 学校数 在校生 专任教师\n小学 31 9700 555\n初中 14 5300 425\n合计 45 15000 980\n",
        ["15000", "425"],
    ),
    # records by level, a line each, then the line that says it sums them (全县合计…)
    (
        "小学:学校31所,在校生9700人,专任教师555人。\n初中:学校14所,在校生5300人,专任教师425人。\n"
        "全县合计学校45所,在校生15000人,专任教师980人。",
        ["15000", "425"],
    ),
    # a 生师比 in another section over the report's teachers, 专任教师 beside 教职工
    ("一、基本情况\n全县在校学生15500人,教职工1120人,其中专任教师1000人。\n二、达标情况\n全县生师比15.5:1。",
     ["15500", "15.5"]),
    # a ratio written r:1 is precise to r's last digit, not to its 1's
    ("学校现有计算机120台,其中学生用计算机100台,生机比5.4:1,在校生540人。", ["5.4"]),
    # growth and changes
    ("2019年义务教育经费投入6000万元,比2018年的5000万元增长20%。", ["6000", "20%"]),
    ("初中巩固率由95.1%提高到98.3%,提高3.2个百分点。", ["98.3", "3.2"]),
    ("在校生6240人,比上年增加160人,增长2.6%。", ["160", "2.6"]),
    # the earlier value said after the change, by its year
    ("2020年全市教育支出25.2亿元,同比增长12%,2019年为22.5亿元。", ["25.2", "12%"]),
    # a share's base named in words and stated after it, in its sentence
    ("全镇随迁子女560人,占在校生总数的14%,在校生4000人。", ["560", "14"]),
    # a part named by its rate's stem, the rate, then the population (students or schools)
    ("全县寄宿生3900人,寄宿率为26%,在校生15000人。", ["3900", "26"]),
    ("全县标准化达标学校44所,达标率88%,学校总数50所。", ["44", "88"]),
    # schools named by the rate's stem before their number (达标学校), after all the schools
    ("全县有学校25所,实验室达标学校23所,达标率92%。", ["23", "92"]),
    # a total named by the noun's 总数 after its parts
    ("全乡中心小学2所,村小7所,学校总数9所。", ["7", "9"]),
    # 人均 over people counted in 人次 or 名
    ("本学期资助贫困学生2400人次,发放资金180万元,人均750元。", ["180", "750"]),
    ("发放营养餐补助资金96万元,受益学生1200名,人均800元。", ["96", "800"]),
    # an average per school or per bus over the count before the amount
    ("全乡初中3所,在校生2100人,校均规模700人。", ["2100", "700"]),
    ("全县校车40辆,每天接送学生1800人,平均每辆车接送学生45人。", ["1800", "45"]),
    # a value said as a multiple of an earlier one
    ("全市教育投入2015年是3.2亿元,2020年达到8亿元,是2015年的2.5倍。", ["8亿", "2.5"]),
    # a part listed beside the total's parts: the others make it exactly
    ("全县在校生9600人,其中小学6400人,初中3200人,幼儿园1500人。", ["9600", "3200"]),
]


@pytest.mark.parametrize(("text", "numbers"), CASES)
def test_planted_error_in_a_shape_is_flagged(text: str, numbers: list[str]) -> None:
    """``numbers``: the numbers to change, each as written, maybe with its unit (20%)."""
    before = _findings(text)
    assert before == set(), before  # consistent as written
    for written in numbers:  # a number, maybe with its unit to tell it apart (20%, not 2019's 20)
        at = text.index(written)
        digits = re.match(r"[\d.]+", written)
        assert digits is not None, written
        number = digits[0]
        for down in (False, True):
            new = changed(number, down)
            planted = text[:at] + new + text[at + len(number) :]
            assert _findings(planted) - before, f"{number} → {new} not flagged in {planted}"


# 生机比 is over the students' computers (学生用机), not the total that holds the teachers' too;
# a 其中 before 学生 names no level (其中 + 学生, not 中学)
CONSISTENT = [
    "学校计算机总数140台,其中学生用机120台,教师用机20台,生机比为8:1,全校学生960人。",
    # a total row that holds in half its columns only (the 九年一贯制 schools and classes counted
    # under 小学 and 初中 as well): not the plain sum its name says, so not read as one
    "类别 学校数 班数 在校生 专任教师\n小学 30 220 9000 520\n初中 12 110 5000 360\n"
    "九年一贯制 3 30 1200 100\n合计 42 330 15200 980\n",
    # an average of one level is not over the students of all levels
    "全县学校50所,其中小学38所,在校生24000人,小学校均规模410人。",
    # a part listed beside the total's parts (the parts before it make the total exactly)
    "全县义务教育阶段在校生45600人,其中小学31100人,初中14500人,特殊教育学校60人。",
    # "增长了1.5倍" may mean ×1.5 or ×2.5: no multiple read
    "全县教育投入2015年为2亿元,2020年为5亿元,增长了1.5倍。",
    # a point change with the earlier rate said second: from 70 to 85, 15 points
    "全县学前三年毛入园率达到85%,较2015年的70%提高15个百分点。",
]


@pytest.mark.parametrize("text", CONSISTENT)
def test_consistent_shapes_raise_nothing(text: str) -> None:
    assert _findings(text) == set()


def test_point_change_with_the_earlier_rate_second_reads_from_it() -> None:
    """"达到85%,较2015年的70%提高…": the message goes from 70% to 85%, in points."""
    text = "全县学前三年毛入园率达到85%,较2015年的70%提高25个百分点。"
    doc = read(text.encode(), "c.txt", DEFAULT_LIMITS)
    messages = [f.message for f in validate_document(doc, [], [], rules=ARITHMETIC)]
    assert len(messages) == 1
    assert messages[0].startswith("由70%到85%应为变化15个百分点"), messages
