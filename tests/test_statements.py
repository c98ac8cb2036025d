"""The statement layer: what each count states, breakdowns, and the figures made of them.

Sentences are invented in the shapes real reports use (the forms of issue 13), or taken from the
seeds; the dev corpus pages are not copied here (tests/test_gold_dev.py scores them from
../shared).
"""

from __future__ import annotations

import pytest
from junheng.core.document import build_document
from junheng.core.model import Block, BlockKind, Document
from junheng.extractors.figures import extract
from junheng.extractors.numbers import Quantities
from junheng.extractors.statements import breakdowns, outline_breakdowns, read_statements
from junheng.segment import segment


def _doc(text: str) -> Document:
    return build_document(
        "t.txt", "txt", [Block(BlockKind.PARAGRAPH, line) for line in text.split("\n")]
    )


def _figures(text: str) -> list[tuple]:
    doc = _doc(text)
    return [
        (f.indicator, f.value, f.level) for f in extract(doc, segment(doc)) if f.kind == "actual"
    ]


def _statements(text: str):
    doc = _doc(text)
    return read_statements(doc.text, Quantities.of(doc.text).found, 0, len(doc.text))


@pytest.mark.parametrize(
    ("sentence", "noun", "indicator", "level"),
    [
        ("全县共有28所中小学。", "中小学", "schools", None),
        ("全镇现有2所初级中学。", "初级中学", "schools", "初中"),
        ("全县完小5所。", "完小", "schools", "小学"),
        ("现有老师36人。", "老师", "teachers", None),
        ("学校拥有一至六年级12个教学班。", "教学班", "classes", None),
        ("在园幼儿70人。", "在园幼儿", "students", "学前"),
        ("小学教学点11个。", "小学教学点", None, "小学"),
        ("2013年全市小学在校生的规模为78.9万人。", "在校生", "students", None),
        ("全县有28所公办农村小学。", "小学", "schools", "小学"),
    ],
)
def test_statements_head_noun_either_order(
    sentence: str, noun: str, indicator: str | None, level: str | None
) -> None:
    (statement,) = _statements(sentence)
    assert statement.noun is not None and statement.noun.word == noun
    assert (statement.indicator, statement.noun.level) == (indicator, level)
    assert not statement.marks


@pytest.mark.parametrize(
    ("sentence", "mark"),
    [
        ("共随机抽查学校108所。", "sample"),
        ("全省偏远地区学校1173所。", "condition"),
        ("督导组共检查学校85所。", "sample"),
        ("目前已建成寄宿制中小学43所。", "condition"),
        ("其中女教师6人。", "subgroup"),
        ("审批设立民办幼儿园48所。", "flow"),
        ("义马市寄宿制学校有市一中、市二中、东区中心小学三所学校。", "tally"),  # seed 000
        ("3-6周岁幼儿250人的家长要求入园。", "attributive"),
    ],
)
def test_statements_marks_what_is_not_the_units_holding(sentence: str, mark: str) -> None:
    statements = _statements(sentence)
    assert any(mark in s.marks for s in statements), [(s.noun, s.marks) for s in statements]


def test_statements_list_mark_is_not_a_tally() -> None:
    """ "3、" at a line's start numbers an entry; the count after it tallies nothing (seed 003)."""
    (statement,) = _statements("各种规章制度张贴上墙。\n3、教育信息化基础设施现在10个班级,")
    assert "tally" not in statement.marks


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        ("在校生6230人(其中小学4105人,初中2125人)。", [4105, 2125]),
        ("全县学校共52所,其中农村45所,城区7所。", [45, 7]),
        ("共有学生1210名。其中:东关小学400名,西关小学300名,南关小学500名。", [400, 300, 500]),
        ("全区学校98所,其中小学52所,教学点27个,初中19所。", [52, 27, 19]),
    ],
)
def test_statements_breakdowns(sentence: str, parts: list[int]) -> None:
    doc = _doc(sentence)
    statements = read_statements(doc.text, Quantities.of(doc.text).found, 0, len(doc.text))
    (found,) = breakdowns(doc.text, statements, len(doc.text))
    assert [p.quantity.value for p in found.parts] == parts


def test_statements_a_role_is_not_a_part_of_the_staff() -> None:
    """ "教职工57人,其中校领导2人,中层干部6人": roles are subgroups, not staff."""
    found = _figures("本校共有教职工57人,其中校领导2人,中层干部6人,专任教师47人。")
    assert ("staff", 57, None) in found and ("teachers", 47, None) in found
    assert not [f for f in found if f[0] == "staff" and f[1] != 57]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counts the catalogue wordings alone missed
        ("全县共有28所中小学,在校学生9000人。", [("schools", 28, None), ("students", 9000, None)]),
        (
            "全县完小5所,村小8所,完中1所。",
            [("schools", 5, "小学"), ("schools", 8, "小学"), ("schools", 1, None)],
        ),
        ("学校现有老师36人。", [("teachers", 36, None)]),
        ("另办有附属幼儿园一个,在园幼儿86人。", [("schools", 1, "学前"), ("students", 86, "学前")]),
        ("学校图书8600本,生均18.2本。", [("books", 8600, None), ("books_per_student", 18.2, None)]),
        # parts count what the total counts, each with its level
        (
            "全县在校生6230人(其中小学4105人,初中2125人)。",
            [("students", 6230, None), ("students", 4105, "小学"), ("students", 2125, "初中")],
        ),
        (
            "本区有义务教育阶段学校98所,其中小学52所,教学点27个,初中19所。",
            [("schools", 98, "义务教育"), ("schools", 52, "小学"), ("schools", 19, "初中")],
        ),
        # not the unit's holding, and neither are the parts under it
        ("督导组随机抽查了学校64所,其中小学40所,初中11所。", []),
        ("改扩建学生食堂76所,其中初中3所,中心小学6所。", []),
        ("我县已有36所学校完成改造,其中8所初中、29所小学已达标。", []),
        ("全校学生1200人,其中少数民族学生318人。", [("students", 1200, None)]),
        ("少数民族学龄儿童入学率为95%,外来务工子女入学率为100%。", []),
        # a count written with thousands separated by "."
        ("全市中小学生248.230人。", [("students", 248230, None)]),
    ],
)
def test_statements_make_figures(text: str, expected: list[tuple]) -> None:
    assert _figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县学前三年毛入园率为88.3%。", [("gross_enrollment_rate", 88.3, "学前")]),
        ("全镇学前一年幼儿入园率为94.1%。", [("enrollment_rate", 94.1, "学前")]),
        ("全市小学就近入学率达到99%以上。", []),  # the share placed near home
        # a list of wordings said once for a list of values: each value its own wording
        (
            "全县学前教育毛入园率、义务教育巩固率、高中阶段毛入学率分别达到85.2%、97.1%、91.3%。",
            [
                ("gross_enrollment_rate", 85.2, "学前"),
                ("retention_rate", 97.1, "义务教育"),
                ("gross_enrollment_rate", 91.3, "高中"),
            ],
        ),
    ],
)
def test_statements_rates(text: str, expected: list[tuple]) -> None:
    assert _figures(text) == expected


def test_statements_scope_carried_through_the_paragraph() -> None:
    """A paragraph that opens with a level scopes its sentences; a school counted in a
    ;-segment is the topic of what follows it there."""
    text = (
        "1、小学2015年全乡适龄儿童2780人,其中在校2771人,入学率为99.7%。"
        "2016年入学率100%。\n"
        "全乡现有完小9所,教学班72个,在校学生2300人;另有初级中学1所,教学班15个,在校学生640人。"
    )
    doc = _doc(text)
    found = [(f.indicator, f.value, f.level, f.year) for f in extract(doc, segment(doc))]
    assert ("enrollment_rate", 99.7, "小学", 2015) in found
    assert ("enrollment_rate", 100, "小学", 2016) in found
    assert ("classes", 72, "小学", None) in found and ("students", 2300, "小学", None) in found
    assert ("classes", 15, "初中", None) in found and ("students", 640, "初中", None) in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a heading that is only a level scopes the lines under it (issue 13)
        ("1、小学:\n全镇适龄儿童入学率100%。", [("enrollment_rate", 100, "小学")]),
        (
            "(二)初中教育\n入学率达99.5%。\n(三)经费保障\n入学率99%。",
            [("enrollment_rate", 99.5, "初中"), ("enrollment_rate", 99, None)],
        ),
        # a bulletin copied as one paragraph: the level the last sentence before opens with
        # scopes the sentences after it, until another level opens one
        (
            "全市义务教育学校262所,在校生4.6万人。小学210所,比上年减少6所。校舍总面积128万平方米。"
            "专任教师8200人。初中45所,比上年减少2所。专任教师5100人。",
            [
                ("schools", 262, "义务教育"),
                ("students", 46000, "义务教育"),
                ("schools", 210, "小学"),
                ("teachers", 8200, "小学"),
                ("schools", 45, "初中"),
                ("teachers", 5100, "初中"),
            ],
        ),
        # the level that opens a ;-segment is nearer than the sentence's (issue 13)
        (
            "全镇小学巩固率、入学率均为100%;初中入学率为99.2%,巩固率为98.6%。",
            [
                ("retention_rate", 100, "小学"),
                ("enrollment_rate", 100, "小学"),
                ("enrollment_rate", 99.2, "初中"),
                ("retention_rate", 98.6, "初中"),
            ],
        ),
    ],
)
def test_statements_scope_from_headings_and_segments(text: str, expected: list[tuple]) -> None:
    assert _figures(text) == expected


def test_statements_a_samples_parts_are_samples_past_the_unit_named_again() -> None:
    """ "…抽查学校和教学点96所(个),其中小学40所,…": the bracket names the unit again, so 其中 still
    opens the sample's parts, and they are samples too (no figure)."""
    text = "督导组共随机抽查学校和教学点96所(个),其中小学40所,初中31所,一贯制学校9所,教学点16个。"
    assert _figures(text) == []
    ((total, parts),) = [
        (b.total.quantity.value, [p.quantity.value for p in b.parts])
        for b in breakdowns(_doc(text).text, _statements(text), len(text))
    ]
    assert (total, parts) == (96, [40, 31, 9, 16])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 位 counts people as 人 and 名 do
        ("学校现有12位专任教师。", [("teachers", 12.0, None)]),
        # an average per class is no count of the students
        ("学校在校生540人,平均每个班45名学生。", [("students", 540.0, None)]),
        # the ratio said teachers first
        ("学校教师与学生比为1:14.35。", [("student_teacher_ratio", 14.35, None)]),
    ],
)
def test_statements_people_in_wei_averages_and_ratio_wordings(text: str, expected: list) -> None:
    assert _figures(text) == expected


def test_statements_are_read_once_for_the_figures_and_the_checks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The runner's figure extractor and validator share one reading of each report: its
    breakdowns are read once per report, whatever both sides ask (issue 13: structures read
    once and used by both)."""
    from pathlib import Path

    from junheng.extractors import statements
    from junheng.runner import iter_inputs, process_file

    calls: list[int] = []
    real = statements.breakdowns

    def counted(text: str, found, end: int):  # type: ignore[no-untyped-def]
        calls.append(end)
        return real(text, found, end)

    monkeypatch.setattr(statements, "breakdowns", counted)
    seed = Path(__file__).resolve().parent.parent / "corpus" / "seeds" / "000_23018ebd59d83b14.txt"
    (item,) = list(iter_inputs([seed]))
    result = process_file(item)
    assert result.reports and result.findings is not None
    assert len(calls) == len(set(calls)) == len(result.reports)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count after its number with the bare 班, and 班数/校数 before it
        (
            "小学在校生98万人。共有2.68万个班。",
            [("students", 980000, "小学"), ("classes", 26800, "小学")],
        ),
        ("全县义务教育学校共有班数3700个。", [("classes", 3700, "义务教育")]),
        # a level that opens its line as a heading sentence scopes the rest of the line
        (
            "——小学。校数17所;在校生22250人。\n——初中。校数13所;在校生11012人。",
            [
                ("schools", 17, "小学"),
                ("students", 22250, "小学"),
                ("schools", 13, "初中"),
                ("students", 11012, "初中"),
            ],
        ),
        # an aside between the noun and its number ("(机构)")
        ("全省共有各级各类学校(机构)5.58万所。", [("schools", 55800, None)]),
        # parts of a total that is no catalogue count, each naming a count of its own
        (
            "全省教育人口2820万人,其中在校生2659万人,教职工161万人。",
            [("students", 26590000, None), ("staff", 1610000, None)],
        ),
        # a plan word in the next clause does not make the count before it a target
        ("小学在校生982万人,预计毕业生159万人。", [("students", 9820000, "小学")]),
        # what is said of all of the county's schools (均, 全部) leaves them its stock
        ("全镇14所中小学均已通过标准化验收。", [("schools", 14, None)]),
    ],
)
def test_statements_counts_of_bulletins(text: str, expected: list[tuple]) -> None:
    assert _figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "学生食堂76所,其中初中3所,小学73所。",  # whose canteens: no count of schools
        "乡镇中心校附设幼儿班14个。",  # classes a school keeps for another level
        "今年招生可能突破10个班。",  # what may happen
        "全镇有9所学校通过标准化验收。",  # some of them meet a condition: not the stock
    ],
)
def test_statements_not_the_units_count(text: str) -> None:
    assert [f for f in _figures(text) if f[0] in ("classes", "schools")] == []


def test_statements_classes_over_a_size_are_no_count_of_classes() -> None:
    assert _figures("共有班数3.7万个,其中,大班4848个。") == [("classes", 37000, None)]


def test_statements_teachers_besides_the_full_time_ones_are_no_count_of_teachers() -> None:
    text = "小学专任教师48.86万人。另有代课教师3.49万人,兼任教师0.16万人。"
    assert _figures(text) == [("teachers", 488600, "小学")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count written after another count's noun is its own noun's (教职工), not the 学生's
        (
            "全校现有38个教学班,1753名学生,教职工110名。",
            [("classes", 38, None), ("students", 1753, None), ("staff", 110, None)],
        ),
        # 学历教育 is a kind of education, not a degree of the students
        ("全国各级各类学历教育在校生2.91亿人。", [("students", 291000000, None)]),
        # a school-point's pupils are a subgroup of the pupils; a 教学点 count among schools is not
        ("小学在校生60766人(其中教学点在校生1622人)。", [("students", 60766, "小学")]),
        (
            "在校生5213人(教学点362人,小学3125人,中学1726人)。",
            [
                ("students", 5213, None),
                ("students", 362, None),
                ("students", 3125, "小学"),
                ("students", 1726, "初中"),
            ],
        ),
        # pupils per ten thousand people, schools that meet a standard, pupils taken in
        ("全市平均万人拥有初中学生数为608.5人。", []),
        ("全市规范化小学达275所。", []),
        ("招收各种形式的特殊教育学生86人。", []),
    ],
)
def test_statements_whose_count_it_is(text: str, expected: list[tuple]) -> None:
    assert _figures(text) == expected


def test_statements_ge_gives_each_school_of_a_list_its_count() -> None:
    """各 after a list of school kinds, one with a name in brackets: each kind has the count (not
    a tally of the names)."""
    text = "另有教师进修学校、职业中专(义煤技校)、业余体校、幼儿园、民办学校(文武学校)各1所。"
    assert [(i, v) for i, v, _ in _figures(text)] == [("schools", 1)] * 5


# A bulletin's outline: the total said first on a numbered line, its parts on the lines numbered
# under it, each line opening with its part and that part's own breakdowns (invented figures).
_OUTLINE = (
    "二、基本情况\n"
    "1.学校数:40所(公办36所,民办4所)。\n"
    "2.在校学生数3600人(公办3200人,民办400人)。\n"
    "①初中1200人(公办1000人,民办200人),其中:七年级420人,八年级390人,九年级390人。\n"
    "②小学2400人(公办2200人,民办200人)。\n"
    "3.教职工数300人。"
)


def test_statements_outline_parts_count_what_their_line_total_counts() -> None:
    found = _figures(_OUTLINE)
    assert ("schools", 40.0, None) in found  # a label, a colon, then its value
    assert ("students", 1200.0, "初中") in found and ("students", 2400.0, "小学") in found
    assert ("students", 1000.0, "初中") in found  # the part's own bracket
    assert ("students", 420.0, "初中") in found  # grades after the bracket, under 其中
    assert ("staff", 300.0, None) in found


def test_statements_outline_breakdown_and_its_ends() -> None:
    doc = _doc(_OUTLINE)
    text = doc.text
    read = breakdowns(text, _statements(_OUTLINE), len(text))
    outline = outline_breakdowns(text, _statements(_OUTLINE), len(text))
    assert [
        (text[b.total.quantity.start : b.total.quantity.end], [p.quantity.value for p in b.parts])
        for b in outline
    ] == [("3600", [1200.0, 2400.0])]  # 3.教职工数 is the total's sibling, not a part
    assert outline[0].complete
    grades = [b for b in read if [p.quantity.value for p in b.parts] == [420.0, 390.0, 390.0]]
    assert len(grades) == 1 and grades[0].total.quantity.value == 1200.0 and grades[0].complete


def test_statements_a_bracket_after_a_number_is_that_numbers() -> None:
    text = (
        "初中班级120个(公办100个,民办20个),其中:一年级40个(其中公办30个;民办10个),"
        "二年级38(其中公办32个;民办6个),三年级42个(其中公办38个;民办4个)。"
    )
    found = breakdowns(text, _statements(text), len(text))
    under_40 = [[p.quantity.value for p in b.parts] for b in found if b.total.quantity.value == 40]
    assert under_40 == [[30.0, 10.0]]  # not 32 and 6 too: they are 38's


def test_statements_a_kind_of_school_of_no_level_scopes_its_part_alone() -> None:
    found = _figures(
        "全市在校学生1600人(其中,学前教育300人、小学800人、普通高中400人、中职80人、特殊教育20人)。"
    )
    assert ("students", 300.0, "学前") in found  # 学前教育: the level and its 教育
    assert ("students", 80.0, None) in found and ("students", 20.0, None) in found  # not 高中


def test_statements_people_at_a_school_type_take_its_level() -> None:
    found = _figures(
        "全县共有专任教师900人(其中,幼儿园200人、小学300人、初中200人、完全中学60人、"
        "高级中学90人、中等职业教育50人)。"
    )
    assert ("teachers", 90.0, "高中") in found  # not the 中学 of its name: 初中
    assert ("teachers", 60.0, None) in found  # a type of two levels: none
    assert ("teachers", 50.0, None) in found  # 高级 names no title here, 中等职业 a part
    # a generic count word keeps the level its line gives
    assert ("schools", 17.0, "小学") in _figures("——小学。校数17所;毕业生400人。")


def test_statements_a_lone_part_after_qizhong_heads_its_own_bracket() -> None:
    """One part after 其中 is no breakdown of the total before it, but its own bracketed parts
    are still its parts: "在校学生9300人,其中义务教育阶段在校学生7200人(小学5100人,初中2100人)"."""
    text = "全县在校学生9300人,其中义务教育阶段在校学生7200人(小学5100人,初中2100人)。"
    assert ("students", 5100, "小学") in _figures(text)
    found = [
        (b.total.quantity.value, [p.quantity.value for p in b.parts])
        for b in breakdowns(text, _statements(text), len(text))
    ]
    assert (7200, [5100, 2100]) in found
