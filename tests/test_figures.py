"""Figure extraction on real sentences of the seeds (shared/ANNOTATION.md conventions)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from junheng.core.document import build_document
from junheng.core.model import Block, BlockKind, Document, FigureKind
from junheng.core.normalize import normalize
from junheng.extractors.figures import extract
from junheng.segment import segment


def _doc(text: str) -> Document:
    return build_document(
        "t.txt", "txt", [Block(BlockKind.PARAGRAPH, line) for line in text.split("\n")]
    )


def _figures(text: str) -> list[tuple]:
    doc = _doc(text)
    return [
        (f.indicator, f.value, f.level, f.year, str(f.kind)) for f in extract(doc, segment(doc))
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # seed 000, 义马
        (
            "2008—2009学年,小学阶段适龄儿童入学率达100%,年辍学率为0;初中阶段人口入学率达166%,"
            "初中适龄人口入学率达99.74%,在校生年辍学率为0.26%;三类残疾儿童入学率为100%。",
            [
                ("enrollment_rate", 100, "小学"),
                ("dropout_rate", 0, "小学"),
                ("gross_enrollment_rate", 166, "初中"),
                ("enrollment_rate", 99.74, "初中"),
                ("dropout_rate", 0.26, "初中"),
                ("disabled_enrollment_rate", 100, None),
            ],
        ),
        (
            "全市现有教职工1573人,在校中小学生18601人,其中义务教育阶段有初中学生4432人,小学生10973人。",
            [
                ("staff", 1573, None),
                ("students", 18601, None),
                ("students", 4432, "初中"),
                ("students", 10973, "小学"),
            ],
        ),
        (
            "2007年征收教育费附加1130万元,2008年征收教育费附加1669万元,2009年征收教育费附加1924万元,"
            "并足额拨付教育部门使用。",
            [
                ("edu_surcharge", 11300000, None),
                ("edu_surcharge", 16690000, None),
                ("edu_surcharge", 19240000, None),
            ],
        ),
        (
            "其中市一中有寄宿生262人,市二中有寄宿生247人,东区中心小学有寄宿生199人,全市共计611人。",
            # 东区中心小学 is a school's name, not a scope; 全市共计 carries on 寄宿生
            [
                ("boarding_students", 262, None),
                ("boarding_students", 247, None),
                ("boarding_students", 199, None),
                ("boarding_students", 611, None),
            ],
        ),
        # seed 003 篇一
        (
            "4、用地面积学校占地面积19980平方米,生均占地面积40平方米。",
            [("land_area_per_student", 40, None)],
        ),
        (
            "1、建筑面积:校舍建筑总面积8380平方米,生均16平方米。",
            [("building_area_per_student", 16, None)],
        ),
        (
            "(建筑面积约100平方米,图书19800册,生均图书38册,阅览室一个)",
            [("books", 19800, None), ("books_per_student", 38, None)],
        ),
        (
            "全校学生510人,师生比1:11。",
            [("students", 510, None), ("student_teacher_ratio", 11, None)],
        ),
        (
            "在校在编教职工46人,专任教师46人,其中女教师6人。",
            [("staff", 46, None), ("teachers", 46, None)],
        ),
        (
            "2、规模与班额:学校现有10个教学班,七年级三个教学班,八年级四个教学班。",
            [("classes", 10, None), ("classes", 3, None), ("classes", 4, None)],
        ),
        # seed 003 篇七 (held out): a change from one number to another; both are figures
        (
            "既要保障学生免试就近入学,又要保障办学效益和办学质量,"
            "将全县义务教育阶段学校由114所调整至95所,同时在县城__新区规划建设教育园区",
            [("schools", 114, "义务教育"), ("schools", 95, "义务教育")],
        ),
        # made: the same change with 从…减少到, and a per-student amount with 由…提高到
        ("全县小学从32所减少到28所。", [("schools", 32, "小学"), ("schools", 28, "小学")]),
        (
            "生均公用经费由500元提高到650元。",
            [("public_funds_per_student", 500, None), ("public_funds_per_student", 650, None)],
        ),
        # made: a change by an amount (增加了) is not the value it goes to
        ("全县小学由32所增加了5所。", [("schools", 32, "小学")]),
        # made: 其中小学 opens a part (小学), not a noun 中小学; the counts in the next sentence are
        # the whole county's, not those of the last level counted
        (
            "全镇有学校12所,其中小学9所,初中3所。在校生3400人,教职工260人。",
            [
                ("schools", 12, None), ("schools", 9, "小学"), ("schools", 3, "初中"),
                ("students", 3400, None), ("staff", 260, None),
            ],
        ),
        # made: 辖区内 is the whole jurisdiction, not the pupils from inside it (区内生源)
        (
            "辖区内在校中小学生9120人(小学5230人,初中3890人)。",
            [("students", 9120, None), ("students", 5230, "小学"), ("students", 3890, "初中")],
        ),
        # made: kindergartens by provider, each part named 公办园 / 民办园
        (
            "全镇有幼儿园12所,其中公办园5所,民办园7所。",
            [("schools", 12, "学前"), ("schools", 5, "学前"), ("schools", 7, "学前")],
        ),
        # made: a rate of no catalogue wording (升学率) ends the list that shares the number; the
        # disabled children's rate, 适龄 between its words, is their own indicator
        (
            "全乡小学近两年入学率、巩固率、升学率均为100%,残疾适龄儿童入学率96%。",
            [
                ("enrollment_rate", 100, "小学"), ("retention_rate", 100, "小学"),
                ("disabled_enrollment_rate", 96, None),
            ],
        ),
        # seed 003 篇七 (held out): a list of levels, then whose rate it is, then the wording
        (
            "基本能满足正常教育教学需要;小学、初中教师学历合格率100%;校长任职符合规定条件。",
            [("teacher_qualified_rate", 100, "小学"), ("teacher_qualified_rate", 100, "初中")],
        ),
        # made: counts written number first, a provider's word before each noun
        (
            "全县现有166所公办小学、31所公办初中。",
            [("schools", 166, "小学"), ("schools", 31, "初中")],
        ),
        # made: a kind of school of no level among a 义务教育 total's parts is 义务教育's
        (
            "义务教育阶段在校生16107人,其中小学11601人、初中4410人、特殊教育学校96人。",
            [
                ("students", 16107, "义务教育"), ("students", 11601, "小学"),
                ("students", 4410, "初中"), ("students", 96, "义务教育"),
            ],
        ),
        # made: a subgroup's rate opens the sentence; the rates after its ; are the levels'
        # (学龄人口入学率 the net rate, 高等教育's rate of no catalogue level)
        (
            "少数民族在校生比例达40.71%,略高于少数民族人口比例;学前教育毛入园率达66.99%,"
            "小学学龄人口入学率达99.2%,高中阶段毛入学率达89.81%,高等教育毛入学率达30.42%。",
            [
                ("gross_enrollment_rate", 66.99, "学前"), ("enrollment_rate", 99.2, "小学"),
                ("gross_enrollment_rate", 89.81, "高中"), ("gross_enrollment_rate", 30.42, None),
            ],
        ),
        # made: a net 入学率 never passes 100%; above it, the rate is the gross one
        (
            "小学适龄儿童入学率100%,初中阶段入学率111.1%,初中在校生年辍学率1.2%。",
            [
                ("enrollment_rate", 100, "小学"), ("gross_enrollment_rate", 111.1, "初中"),
                ("dropout_rate", 1.2, "初中"),
            ],
        ),
    ],
)
def test_figures_real_sentences(sentence: str, expected: list[tuple]) -> None:
    found = [(i, v, lvl) for i, v, lvl, _, kind in _figures(sentence) if kind == "actual"]
    assert [(i, pytest.approx(v), lvl) for i, v, lvl in expected] == found


def test_figures_years_from_clause_and_comparison() -> None:
    found = _figures("2007年征收教育费附加1130万元,2008年征收教育费附加1669万元。")
    assert [y for *_, y, _ in found] == [2007, 2008]
    growth = _figures("财政对教育拨款07年比06年增长25.7%,08年比07年增长61%。")
    assert [(i, v, y) for i, v, _, y, _ in growth] == [
        ("funding_growth", 25.7, 2007),
        ("funding_growth", 61, 2008),
    ]


def test_figures_respectively_gives_each_value_its_year() -> None:
    found = _figures("2007年、2008年、2009年分别征收教育费附加1065万元、1026万元、902万元。")
    assert [(v, y) for _, v, _, y, _ in found] == [
        (10650000, 2007),
        (10260000, 2008),
        (9020000, 2009),
    ]


def test_figures_one_number_for_two_indicators() -> None:
    found = _figures("义务教育阶段入学率、巩固率均达100%。")
    assert [(i, v) for i, v, *_ in found] == [("enrollment_rate", 100), ("retention_rate", 100)]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("力争到2020年生均图书达到35册。", FigureKind.TARGET),
        ("生均体育运动场馆面积小学不低于7.5平方米。", FigureKind.STANDARD),
        ("学校生均图书38册。", FigureKind.ACTUAL),
    ],
)
def test_figures_kind(sentence: str, kind: FigureKind) -> None:
    (found,) = _figures(sentence)
    assert found[-1] == str(kind)


@pytest.mark.parametrize(
    "sentence",
    [
        "生均图书不足,缺600册。",  # a shortfall is not a figure of books (ANNOTATION.md)
        "留守儿童120人,随迁子女45人。",  # subgroups are not students
        "男生厕所坑位1/20,女生坑位1/11。",
        "近三年年共资助贫困大学生150余人。",
    ],
)
def test_figures_not_a_catalogue_figure(sentence: str) -> None:
    assert [
        f
        for f in _figures(sentence)
        if f[0] in {"students", "books", "teachers", "student_teacher_ratio"}
    ] == []


def test_figures_span_cuts_exactly_the_number() -> None:
    doc = _doc("生均教学及辅助用房小学3。74平方米,在校生年辍学率为0.26%。")
    figures = extract(doc, segment(doc))
    assert [doc.text[f.span.start : f.span.end] for f in figures] == ["3.74", "0.26"]
    assert [doc.source_text(f.span.start, f.span.end) for f in figures] == ["3。74", "0.26"]
    assert all(f.sentence.start <= f.span.start < f.span.end <= f.sentence.end for f in figures)


def _squashed_sentence(doc: Document, figure) -> str:
    return re.sub(r"\s+", "", doc.source_text(figure.sentence.start, figure.sentence.end))


def _gold_files() -> list[Path]:
    gold = Path(__file__).parent.parent / "corpus" / "gold"
    return sorted(gold.glob("*.json")) + sorted(gold.glob("holdout/*.json"))


@pytest.mark.corpus
@pytest.mark.parametrize("gold_path", _gold_files(), ids=lambda p: p.parent.name + "/" + p.stem[:3])
def test_figures_every_gold_figure_cut_exactly(gold_path: Path, seed_doc) -> None:
    """Each gold figure the extractor finds is cut exactly (start/end hold the number as the
    gold's `number` says, normalised) and its `text` is the sentence the gold quotes."""
    gold = json.loads(gold_path.read_text("utf-8"))
    if not gold.get("figures"):
        pytest.skip("no figures annotated")
    doc = seed_doc(gold["file"])
    figures = extract(doc, segment(doc))
    checked = 0
    for want in gold["figures"]:
        number = normalize(want["number"])[0]
        same = [
            f
            for f in figures
            if f.doc == want["doc"]
            and f.indicator == want["indicator"]
            and abs(f.value - want["value"]) <= 1e-3 * max(1.0, abs(want["value"]))
        ]
        quoted = re.sub(r"\s+", "", want["text"])
        here = [
            f
            for f in same
            if quoted in (sentence := _squashed_sentence(doc, f)) or sentence in quoted
        ]
        if not here:
            continue  # this mention was missed: measured by `junheng eval`, not here
        assert any(doc.text[f.span.start : f.span.end] == number for f in here), (
            want["text"],
            [doc.text[f.span.start : f.span.end] for f in here],
        )
        checked += 1
    assert checked >= len(gold["figures"]) // 2


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("依法保障外来务工子女受教育的权利,残疾儿童入学率达70%以上。", "target"),  # seed 002
        ("我校现有学生510人,专任教师46人。", "actual"),
        # a change against an earlier year says what was reached (a plan's 发展基础) …
        ("2020年,全县小学巩固率为98.6%,比2015年提高3.2个百分点。", "actual"),
        # … unless the sentence names a target
        ("到2025年,全县小学巩固率达到99%,比2020年提高0.4个百分点。", "target"),
        ("初中三年保留率为98.7%。", "target"),  # 三年保留率 is the 巩固率
    ],
)
def test_figures_in_a_plan_are_targets_unless_already_so(sentence: str, kind: str) -> None:
    plan = (
        "栾塬小学推进义务教育均衡发展工作计划\n为推进我校义务教育均衡发展,特制定本计划。\n"
        + sentence
    )
    doc = _doc(plan)
    reports = segment(doc)
    assert reports[0].type == "计划"
    figures = extract(doc, reports)
    assert figures and {str(f.kind) for f in figures} == {kind}


def test_figures_a_plan_report_that_reports_facts_keeps_them_actual() -> None:
    # a report typed 计划 by its title ("…规划") whose sentences say what is (现有, 目前, 已…)
    facts = (
        "某县教育事业发展规划\n"
        "全县现有小学32所,初中9所。目前全县在校生9800人。截至2023年底,已有专任教师620人。\n"
    )
    doc = _doc(facts)
    reports = segment(doc)
    assert reports and reports[0].type == "计划"
    kinds = {f.indicator: f.kind for f in extract(doc, reports)}
    assert kinds["schools"] == FigureKind.ACTUAL and kinds["students"] == FigureKind.ACTUAL
    # the real plan: its numbers are targets
    plan = (
        "某县教育事业发展规划\n"
        "到2025年,全县小学调整为35所。力争在校生达到10000人。计划补充专任教师80人。\n"
    )
    doc = _doc(plan)
    reports = segment(doc)
    assert reports and reports[0].type == "计划"
    assert {f.kind for f in extract(doc, reports)} == {FigureKind.TARGET}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # a span of years before 分别, as many years as values
            "2016年至2019年,小学生均公用经费分别为600元、650元、700元、750元。",
            [(600, "小学", 2016), (650, "小学", 2017), (700, "小学", 2018), (750, "小学", 2019)],
        ),
        (  # a list of levels between the wording and 分别; a clause carrying it on
            "2019年,全区义务教育阶段生均公用经费小学、初中分别达到750元和950元,高中达到1100元。",
            [(750, "小学", 2019), (950, "初中", 2019), (1100, "高中", 2019)],
        ),
        (  # an item of a 、 list carrying on the indicator
            "全县义务教育阶段生均公用经费小学达到650元、初中达到850元。",
            [(650, "小学", None), (850, "初中", None)],
        ),
        (  # both ends of a change; the end's year after 到 is no target
            "小学生均公用经费由2015年的2434.26元增长到2018年的2732.07元。",
            [(2434.26, "小学", 2015), (2732.07, "小学", 2018)],
        ),
        (  # a list of origins changed to a list of targets, item by item
            "小学、初中生均公用经费分别由2015年的600元、800元提高到2019年的720元、920元。",
            [(600, "小学", 2015), (800, "初中", 2015), (720, "小学", 2019), (920, "初中", 2019)],
        ),
        (  # 每生每年 between the wording and its number
            "生均公用经费从每生每年600元提高到720元。",
            [(600, None, None), (720, None, None)],
        ),
        (  # the statistics bulletin's name of the indicator
            "2018年,全国普通小学生均一般公共预算公用经费支出为2732.07元,比上年增长2.68%。",
            [(2732.07, "小学", 2018)],
        ),
    ],
)
def test_figures_public_funds_shapes(sentence: str, expected: list[tuple]) -> None:
    found = [
        (v, lvl, year)
        for i, v, lvl, year, kind in _figures(sentence)
        if kind == "actual" and i == "public_funds_per_student"
    ]
    assert found == [(pytest.approx(v), lvl, y) for v, lvl, y in expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年全县教育经费总投入3.6亿元,比上年增长12.5%。",
        "全县财政性教育经费投入4.2亿元,同比增长12.5%。",
        "2023年全县一般公共预算教育支出5.6亿元,比上年增长12.5%。",
    ],
)
def test_figures_growth_said_after_the_amount(sentence: str) -> None:
    found = [(i, v) for i, v, _, _, kind in _figures(sentence) if kind == "actual"]
    assert ("funding_growth", 12.5) in found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # two wordings as long overlap: the later one, next to the number
        ("小学生师比19.8∶1。", [("student_teacher_ratio", 19.8, "小学")]),
        # 点 is the decimal point of a numeral after 百分之
        ("初中毛入学率为百分之一百零二点三。", [("gross_enrollment_rate", 102.3, "初中")]),
    ],
)
def test_figures_written_forms(sentence: str, expected: list[tuple]) -> None:
    found = [(i, v, lvl) for i, v, lvl, _, kind in _figures(sentence) if kind == "actual"]
    assert [(i, pytest.approx(v), lvl) for i, v, lvl in expected] == found


def test_figures_a_topic_line_scopes_the_lines_under_it() -> None:
    text = (
        "某县教育局关于经费保障情况的汇报\n"
        "一、经费保障情况\n"
        "(一)生均公用经费\n"
        "2016年:小学600元,初中800元。\n"
        "2019年:小学750元,初中950元,高中1100元。\n"
        "(二)校舍建设\n"
        "新建校舍面积1.2万平方米,投入资金3600万元。\n"
    )
    found = [(i, v, lvl, y) for i, v, lvl, y, kind in _figures(text) if kind == "actual"]
    funds = [f for f in found if f[0] == "public_funds_per_student"]
    assert funds == [
        ("public_funds_per_student", 600, "小学", 2016),
        ("public_funds_per_student", 800, "初中", 2016),
        ("public_funds_per_student", 750, "小学", 2019),
        ("public_funds_per_student", 950, "初中", 2019),
        ("public_funds_per_student", 1100, "高中", 2019),
    ]
    # the next heading ends the topic: 3600万元 is no per-student figure
    assert all(f[1] != 36000000 for f in funds)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # items listed before 分别, some of them no indicator of the catalogue
            "1992年全乡小学入学率、巩固率、毕业率和普及率分别为99.52%、99.17%、97.8%、98.6%。",
            [("enrollment_rate", 99.52, "小学", 1992), ("retention_rate", 99.17, "小学", 1992)],
        ),
        (  # stems sharing the 率 the list ends with; a year in Chinese numerals opens the sentence
            "一九九二年通过县级验收,全乡小学入学、巩固、毕业和普及这“四率”分别为99.52%、"
            "99.17%、97.8%、98.6%。",
            [("enrollment_rate", 99.52, "小学", 1992), ("retention_rate", 99.17, "小学", 1992)],
        ),
        (
            "小学入学、巩固率分别为100%和99.5%。",
            [("enrollment_rate", 100, "小学", None), ("retention_rate", 99.5, "小学", None)],
        ),
        (  # a year alone in the sentence's first clause
            "2019年,全县小学入学率达100%。",
            [("enrollment_rate", 100, "小学", 2019)],
        ),
    ],
)
def test_figures_listed_before_respectively(sentence: str, expected: list[tuple]) -> None:
    found = [(i, v, lvl, y) for i, v, lvl, y, kind in _figures(sentence) if kind == "actual"]
    assert found == [(i, pytest.approx(v), lvl, y) for i, v, lvl, y in expected]


# An invented statistics bulletin in the national template's shape (教育经费执行情况统计公告):
# the subject is said once in a heading, the values by level under it.
_BULLETIN_LINES = (
    "2024年全国教育经费执行情况(各级教育生均一般公共预算公用经费支出增长情况)\n"
    "教育部 国家统计局 财政部\n"
    "1.全国普通小学为2810.33元,比上年的2705.61元增长3.87%。其中,农村为2601.20元,比上年的"
    "2533.05元增长2.69%。\n"
    "2.全国普通初中为3950.27元,比上年的3801.90元增长3.90%。\n"
    "3.全国中等职业学校为5120.40元,比上年的4987.25元增长2.67%。\n"
)
_BULLETIN_INLINE = (
    "某县教育经费执行情况统计公告\n"
    "二、一般公共预算教育经费支出情况。(一)2024年各级教育生均一般公共预算公用经费支出情况。"
    "1.全县普通小学为2810.33元,比上年的2705.61元增长3.87%。2.全县普通初中为3950.27元。"
    "(二)校舍情况。全县校舍面积12.5万平方米。\n"
)


def test_figures_a_heading_names_the_subject_of_the_values_under_it() -> None:
    found = [(i, v, lvl, y) for i, v, lvl, y, kind in _figures(_BULLETIN_LINES)]
    assert found == [
        ("public_funds_per_student", pytest.approx(2810.33), "小学", 2024),
        ("public_funds_per_student", pytest.approx(2705.61), "小学", 2023),  # 比上年的
        ("public_funds_per_student", pytest.approx(2601.20), "小学", 2024),  # 其中: same level
        ("public_funds_per_student", pytest.approx(2533.05), "小学", 2023),
        ("public_funds_per_student", pytest.approx(3950.27), "初中", 2024),
        ("public_funds_per_student", pytest.approx(3801.90), "初中", 2023),
        # 中等职业学校 is no count of schools, and no level of the catalogue
        ("public_funds_per_student", pytest.approx(5120.40), None, 2024),
        ("public_funds_per_student", pytest.approx(4987.25), None, 2023),
    ]  # the growth rates are the values' own, not 教育经费's growth


def test_figures_a_heading_inside_a_paragraph_scopes_up_to_the_next_heading() -> None:
    found = [(i, v, lvl, y) for i, v, lvl, y, kind in _figures(_BULLETIN_INLINE)]
    funds = [f for f in found if f[0] == "public_funds_per_student"]
    assert funds == [
        ("public_funds_per_student", pytest.approx(2810.33), "小学", 2024),
        ("public_funds_per_student", pytest.approx(2705.61), "小学", 2023),
        ("public_funds_per_student", pytest.approx(3950.27), "初中", 2024),
    ]


def test_figures_a_heading_does_not_make_table_cells_figures() -> None:
    """Cells of a table copied one per line under a header that names an indicator state
    nothing: no figures."""
    text = "某区监测结果\n每百名学生拥有网络多媒体教室数 |\n综合 |\nL1 |\n4.203118 |\n0.731954 |\n"
    assert not [f for f in _figures(text) if f[0] == "multimedia_rooms_per_100_students"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # the amount compared with stands between the amount and its growth
            "2025年全县一般公共预算教育经费为30500万元,比上年的28000万元增长8.93%。",
            [("funding_growth", 8.93, 2025)],
        ),
        (  # the year compared with is not the year of the growth
            "2025年全县教育经费总投入为36373万元,较2024年的33052万元增长10.05%。",
            [("funding_growth", 10.05, 2025)],
        ),
        (  # a fall written with a sign
            "2025年全县财政经常性收入为52000万元,比上年的57400万元增长-9.41%。",
            [("revenue_growth", -9.41, 2025)],
        ),
    ],
)
def test_figures_growth_after_the_amount_compared_with(sentence: str, expected: list) -> None:
    found = [(i, v, y) for i, v, lvl, y, kind in _figures(sentence) if kind == "actual"]
    assert [(i, pytest.approx(v), y) for i, v, y in expected] == found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "小学入学率100,初中入学率99.5。",
            [("enrollment_rate", 100, "小学"), ("enrollment_rate", 99.5, "初中")],
        ),
        ("全镇幼儿入园率为90。", [("enrollment_rate", 90, "学前")]),
        # not a rate whose % was lost: a number with a unit of its own, or beyond 100
        ("小学入学率达到100%,初中入学率120人。", [("enrollment_rate", 100, "小学")]),
        ("入学率提高120,", []),
    ],
)
def test_figures_a_rate_whose_percent_sign_was_lost(sentence: str, expected: list) -> None:
    found = [(i, v, lvl) for i, v, lvl, y, kind in _figures(sentence) if kind == "actual"]
    assert [(i, pytest.approx(v), lvl) for i, v, lvl in expected] == found


def test_figures_level_lines_run_into_one_paragraph_scope_their_counts() -> None:
    """A bulletin copied as one paragraph keeps its level lines' dashes (…。 ——小学。校数129所;…):
    each dash's level scopes what follows it, up to the next one."""
    text = (
        "全市义务教育中小学214所,比上年减少2所。 ——小学。校数129所,与上年持平;在校生20.58万人,"
        "比上年增加12386人。专任教师11280人,小学生师比为18.25。 ——初中。校数85所,比上年减少2所;"
        "在校生8.42万人,比上年增加4157人。"
    )
    found = [(i, lvl) for i, v, lvl, y, kind in _figures(text) if i in ("students", "teachers")]
    assert found == [("students", "小学"), ("teachers", "小学"), ("students", "初中")]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("有一所初级中学,在校学生412人。入学率达97.5%。", "初中"),  # the one school is the topic
        ("我乡有中心小学1所,在校生600人。巩固率100%。", "小学"),
        # schools of one level counted: the paragraph is about them (their rate)
        ("全镇有初中3所。入学率达97.5%。", "初中"),
        ("本乡共有 9 所小学,在校学生 512 人。学龄儿童入学率达 100%。", "小学"),
        ("全县有小学12所,初中3所,在校生9000人。巩固率100%。", None),  # two levels: neither
        ("本镇有1所中心小学和2所初中。入学率达97.5%。", None),
    ],
)
def test_figures_the_one_school_of_a_paragraph_scopes_its_rates(
    text: str, level: str | None
) -> None:
    rates = [f for f in _figures(text) if f[0] in ("enrollment_rate", "retention_rate")]
    assert [f[2] for f in rates] == [level]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an aside in brackets between the wording and its number
        ("全县专任教师(不含代课教师)1200人。", [("teachers", 1200, None)]),
        ("预算内教育经费(含基建经费)为8.4亿元,比上年增长5.2%。", [("funding_growth", 5.2, None)]),
        # 其中专任教师: 中专 inside 其中专任 is no diploma, the teachers are the teachers
        ("教职工共310人,其中专任教师288人。", [("staff", 310, None), ("teachers", 288, None)]),
        # …nor inside 初中专任教师: the 初中's teachers
        ("全县初中专任教师6586人,比上年增加120人。", [("teachers", 6586, "初中")]),
        # a school type of two levels is the topic of its own counts: no level from before it
        (
            "初中5所,在校生2100人;九年一贯制学校2所,在校生900人。",
            [("schools", 5, "初中"), ("students", 2100, "初中"), ("schools", 2, None),
             ("students", 900, None)],
        ),
        # 中小学 scoped by the level said before it
        ("义务教育阶段中小学56所。", [("schools", 56, "义务教育")]),
        # 普高 is 普通高中
        (
            "学历合格率小学、初中、普高分别为99.1%、98.7%、97.5%。",
            [("teacher_qualified_rate", 99.1, "小学"), ("teacher_qualified_rate", 98.7, "初中"),
             ("teacher_qualified_rate", 97.5, "高中")],
        ),
        # flows of children and a literacy campaign's rate are no figures
        ("入园幼儿3200人,离园幼儿2900人。", []),
        ("脱盲人员巩固率100%。", []),
        ("全县学生与专任教师比为16.2:1。", [("student_teacher_ratio", 16.2, None)]),
    ],
)
def test_figures_shapes_of_unseen_reports(sentence: str, expected: list) -> None:
    found = [(i, v, lvl) for i, v, lvl, y, kind in _figures(sentence) if kind == "actual"]
    assert [(i, pytest.approx(v), lvl) for i, v, lvl in expected] == found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 区内 before the unit's own teachers is where they are, not a subgroup of them …
        ("区内小学教师总数超过2000人,其中高级教师占比约15%。", [("teachers", 2000, "小学")]),
        # … but the district's own pupils beside those from outside it are one side of a partition
        (
            "全区在校生总人数9.1万人,其中区内在校生8.2万人、区外在校生0.9万人。",
            [("students", 91000, None)],
        ),
        # 达到 makes schools meet a condition, not books; 每生 is 生均 in words
        (
            "全县藏书总量达到60万册,平均每生拥有图书22册。",
            [("books", 600000, None), ("books_per_student", 22, None)],
        ),
        ("全校师生比例保持在1:17左右。", [("student_teacher_ratio", 17, None)]),
        ("校舍总面积3300平方米,生均校舍8.1平方米。", [("building_area_per_student", 8.1, None)]),
        # a bare 生均 is per student of the thing named nearest before it
        (
            "中心小学占地面积21000平方米,生均24.5平方米,建筑面积6000平方米,生均7.3平方米。",
            [("land_area_per_student", 24.5, "小学"), ("building_area_per_student", 7.3, "小学")],
        ),
        # what a building can hold is no count of pupils
        ("新建教学楼可容纳学生约4000人。", []),
        # thousands set apart by a space, as yearbooks print them
        (
            "全县招生3 133人,在校生12 960人,毕业生2 904人。",
            [("new_entrants", 3133, None), ("students", 12960, None), ("graduates", 2904, None)],
        ),
    ],
)
def test_figures_wordings_and_structures_of_unseen_reports(sentence: str, expected: list) -> None:
    found = [(i, v, lvl) for i, v, lvl, y, kind in _figures(sentence) if kind == "actual"]
    assert [(i, pytest.approx(v), lvl) for i, v, lvl in expected] == found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a rate right after a level's count, in the same ;-segment, is that level's
        (
            "全县在校生8000人,其中,小学在校生5200人,入学率99.6%;初中在校生2800人。",
            [("students", None), ("students", "小学"), ("enrollment_rate", "小学"),
             ("students", "初中")],
        ),
        # a bulletin's level line scopes its stock of books too
        (
            "——初中。校数6所;在校生3100人;图书5.2万册,比上年增加0.1万册。",
            [("schools", "初中"), ("students", "初中"), ("books", "初中")],
        ),
        # 寄宿制学生 are boarders, not the plain 在校生
        (
            "全县寄宿制学生900人,其中小学300人,初中600人。",
            [("boarding_students", None), ("boarding_students", "小学"),
             ("boarding_students", "初中")],
        ),
        # what a school is ("是一所…学校") counts no schools
        ("我校是一所九年一贯制学校,现有学生460人。", [("students", None)]),
    ],
)
def test_figures_scope_and_head_of_invented_sentences(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(f[0], f[2]) for f in _figures(text)] == expected


def test_figures_year_of_an_as_of_date_opening_the_sentence() -> None:
    """"截至2018年9月,…": the figures of the sentence are of 2018 (a date, not a year alone)."""
    found = _figures("截至2018年9月,全县各级各类学校共64所。")
    assert [(f[0], f[1], f[3]) for f in found] == [("schools", 64.0, 2018)]


def test_figures_a_value_held_against_a_standard_is_the_standard() -> None:
    found = _figures("学校占地9000平方米,生均45平方米,对照标准生均18平方米,达到要求。")
    kinds = {f[1]: f[4] for f in found if f[0] == "land_area_per_student"}
    assert kinds == {45.0: "actual", 18.0: "standard"}


def test_figures_qizhong_before_a_noun_names_no_level() -> None:
    """其中学生 holds 中学 across 其中: no level (其中小学 is 小学, not 中小学)."""
    found = [row[:3] for row in _figures("全镇有教师126人,其中学生1180人。")]
    assert found == [("teachers", 126, None), ("students", 1180, None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a rate's levels said after its wording, one value each
        (
            "全乡教职工120人。教师合格率小学为100%,初中为96.5%。",
            [("staff", 120, None, "actual"), ("teacher_qualified_rate", 100, "小学", "actual"),
             ("teacher_qualified_rate", 96.5, "初中", "actual")],
        ),
        # a time between the wording and its number (近几年, 连续三年)
        ("全镇小学适龄儿童入学率近几年都为100%。", [("enrollment_rate", 100, "小学", "actual")]),
        ("全镇初中巩固率连续三年保持在98.5%。", [("retention_rate", 98.5, "初中", "actual")]),
        # the standard a value is compared with, said after its unit (…的合格要求)
        (
            "学校校舍建筑面积3100平方米,生均7.4平方米,高于生均6平方米的合格要求。",
            [("building_area_per_student", 7.4, None, "actual"),
             ("building_area_per_student", 6, None, "standard")],
        ),
        # 生均活动面积 is the sports ground's per-student area
        (
            "学校操场面积4200平方米,生均活动面积9.6平方米。",
            [("sports_area_per_student", 9.6, None, "actual")],
        ),
        # a school type naming its level scopes the clause after it (完小 is 小学)
        (
            "初中占地面积20000平方米,生均25.5平方米;完小占地面积41000平方米,生均30.2平方米。",
            [("land_area_per_student", 25.5, "初中", "actual"),
             ("land_area_per_student", 30.2, "小学", "actual")],
        ),
    ],
)
def test_figures_wordings_and_scopes_of_unseen_reports(
    sentence: str, expected: list[tuple]
) -> None:
    assert [(i, v, lv, k) for i, v, lv, _, k in _figures(sentence)] == expected


def test_figures_a_count_after_a_list_mark_run_into_a_lead_in_is_no_tally() -> None:
    """"…如下:一、基本情况全乡共有14所小学": 一、 is a list mark after the lead-in's colon, not
    an item that the 14 schools tally."""
    text = "具体情况如下:一、基本情况全乡共有14所小学,在校学生620人。"
    found = [row[:3] for row in _figures(text)]
    assert found == [("schools", 14, "小学"), ("students", 620, "小学")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # per hundred pupils, of the computers named just before
        (
            "学校有计算机60台,每百名学生达到11.5台。",
            [("computers", 60, None), ("computers_per_100_students", 11.5, None)],
        ),
        # a bare 生均 after the sports ground said as 体育活动场地
        ("学校体育活动场地8000平方米,生均14.2平方米。", [("sports_area_per_student", 14.2, None)]),
        # 初中校 / 小学校 are school nouns
        ("全县有乡镇初中校9所,小学校21所。", [("schools", 9, "初中"), ("schools", 21, "小学")]),
    ],
)
def test_figures_more_wordings_of_unseen_reports(sentence: str, expected: list[tuple]) -> None:
    assert [row[:3] for row in _figures(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the county's schools, then what they are led by (以…示范学校为龙头): still its stock
        ("全县12所小学以县城示范学校为龙头,组建办学联盟。", [("schools", 12, "小学")]),
        # …but schools named by a condition before them are some of them
        ("全县有优质学校5所。", []),
        # 区内外 are pupils from inside and outside the district: all of them
        (
            "全区共有学校214所,区内外在校生总人数6.1万。",
            [("schools", 214, None), ("students", 61000, None)],
        ),
    ],
)
def test_figures_the_whole_stock_said_with_other_things(
    sentence: str, expected: list[tuple]
) -> None:
    assert [row[:3] for row in _figures(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # what a count includes, in brackets between its classifier and its noun
        (
            "全区有148所(含3所九年一贯制学校)义务教育学校。",
            [("schools", 148, "义务教育"), ("schools", 3, None)],
        ),
        # 生均运动场地 without 面积
        ("学校生均运动场地5.8平方米。", [("sports_area_per_student", 5.8, None)]),
    ],
)
def test_figures_a_bracket_before_the_noun_and_a_short_wording(
    sentence: str, expected: list[tuple]
) -> None:
    assert [row[:3] for row in _figures(sentence)] == expected


def test_figures_what_a_count_includes_before_its_number_is_no_scope() -> None:
    """"教职工数(含中小学、幼儿园、…中职学校)42600人": the bracket says what the count includes; its
    words name neither the count's noun nor its level."""
    text = (
        "全市教职工数(含中小学、幼儿园、特殊学校、中职学校)42600人,其中专任教师35100人。"
    )
    assert [row[:3] for row in _figures(text)] == [
        ("staff", 42600, None),
        ("teachers", 35100, None),
    ]


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        # a lead-in naming the source, then the year that scopes the sentence
        ("据统计,2019年全县有小学32所,在校生9800人。", [2019, 2019]),
        # a school year the text says it calls by one year: that year, for every figure after it
        (
            "根据教育事业统计数据,2021-2022学年(以下简称为2021年)全市共有学校145所,在校生98200人。",
            [2021, 2021],
        ),
        # …else the later year of a school year (seed 000)
        ("2008—2009学年,全县有小学32所,在校生9800人。", [2009, 2009]),
    ],
)
def test_figures_the_year_after_a_lead_in_and_a_school_years_alias(
    sentence: str, years: list[int]
) -> None:
    assert [row[3] for row in _figures(sentence)] == years


def test_figures_a_per_student_area_said_in_words() -> None:
    """学生平均校舍建筑面积 is 生均校舍建筑面积, each level's value its own."""
    text = "全县学生平均校舍建筑面积小学达6.9平方米、中学达7.7平方米。"
    assert [row[:3] for row in _figures(text)] == [
        ("building_area_per_student", 6.9, "小学"),
        ("building_area_per_student", 7.7, "初中"),
    ]


def test_figures_a_school_profiles_short_wordings() -> None:
    """生均占地 without 面积, 生均占有建筑面积, 教学班级: a school profile's short forms."""
    text = "学校有学生520名,有14个教学班级,生均占地达到38.5 平方米,生均占有建筑面积达9.1平方米。"
    assert [row[:3] for row in _figures(text)] == [
        ("students", 520, None),
        ("classes", 14, None),
        ("land_area_per_student", 38.5, None),
        ("building_area_per_student", 9.1, None),
    ]


def test_figures_a_run_in_headings_label_does_not_hide_the_sentences_scope() -> None:
    # "3、师资配置:" labels the paragraph; the level and the year said after it scope the sentence
    found = _figures(
        "3、师资配置:全镇初中专任教师86人,师生比1:12.5,学历达标率99%。\n"
        "一、学生基本情况:2021 年全校有 12 个教学班,学生 560 人。"
    )
    assert [f[:4] for f in found] == [
        ("teachers", 86, "初中", None),
        ("student_teacher_ratio", 12.5, "初中", None),
        ("teacher_qualified_rate", 99, "初中", None),
        ("classes", 12, None, 2021),
        ("students", 560, None, 2021),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "我校是城关镇中心学校管辖的一所完全小学。",
        "坝头中学是全县乡镇中学学生人数最多的一所初级中学。",
    ],
)
def test_figures_what_a_school_is_is_no_count_of_schools(sentence: str) -> None:
    assert [f for f in _figures(sentence) if f[0] == "schools"] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a count after a list of levels is the levels' count together, not a tally of names and
        # not one count for each level
        ("全县小学、初中在校生共8600人。", [("students", 8600, "义务教育")]),
        ("全县小学、初中专任教师共620人。", [("teachers", 620, "义务教育")]),
        # …with the stage's word between: the levels together, of no level where they make up none
        ("从事小学、初中教育的教师共3,862名。", [("teachers", 3862, "义务教育")]),
        ("其中从事学前、小学、中学教育的教师共3,862名。", [("teachers", 3862, None)]),
        # a rate said for a list of levels is each level's
        ("全县小学、初中入学率均为100%。", [("enrollment_rate", 100, "小学"),
                                           ("enrollment_rate", 100, "初中")]),
        # levels joined by 和/及 as well as 、
        ("全县小学、初中和高中入学率均为100%。", [("enrollment_rate", 100, "小学"),
                                             ("enrollment_rate", 100, "初中"),
                                             ("enrollment_rate", 100, "高中")]),
        ("全县小学和初中巩固率均为100%。", [("retention_rate", 100, "小学"),
                                        ("retention_rate", 100, "初中")]),
        # a statistics office's names of the levels (普通初中, 普通高中)
        ("小学、普通初中、普通高中专任教师学历合格率均达到100%。", [
            ("teacher_qualified_rate", 100, "小学"), ("teacher_qualified_rate", 100, "初中"),
            ("teacher_qualified_rate", 100, "高中")]),
    ],
)
def test_figures_a_list_of_levels_before_a_count(sentence: str, expected: list[tuple]) -> None:
    assert [f[:3] for f in _figures(sentence)] == expected


def test_figures_a_schools_books_per_pupil_and_its_stock() -> None:
    # 人均图书 in a school's report is per pupil; 存书 is the stock; a count is whole, so 24.7 册
    # is no number of books
    found = _figures("学校有学生823人,图书室存书13875册,人均图书24.7册。")
    assert [f[:2] for f in found] == [
        ("students", 823), ("books", 13875), ("books_per_student", 24.7)]
