"""junheng.extractors.numbers: quantities in normalised text, on sentences taken from the seeds.

Each case gives the raw sentence as the seed writes it (normalised here, as the pipeline does),
the numeral as it must be spanned, and the fields that matter. Cases marked ``made`` are written
for a form the seeds lack (百分之九十五, 1,200, 二十六所); every other sentence is checked to be in
corpus/seeds verbatim.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from junheng.core.normalize import normalize
from junheng.extractors.numbers import (
    Quantity,
    enumerated_subjects,
    find_quantities,
    parse_chinese_numeral,
    respective_pairs,
    respectively,
)

SEEDS = Path(__file__).parents[1] / "corpus" / "seeds"


@cache
def seed_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def norm(raw: str) -> str:
    return normalize(raw)[0]


def quantity(text: str, numeral: str, nth: int = 0) -> Quantity:
    """The nth quantity whose own characters are ``numeral``."""
    matches = [q for q in find_quantities(text) if text[q.start : q.end] == numeral]
    assert len(matches) > nth, f"{numeral!r} not found in {text!r}: {find_quantities(text)}"
    return matches[nth]


def seed(raw: str, numeral: str, nth: int = 0, **fields: object):
    return pytest.param(raw, numeral, nth, fields, "seed", id=f"{numeral}-{raw[:12]}")


def made(raw: str, numeral: str, nth: int = 0, **fields: object):
    return pytest.param(raw, numeral, nth, fields, "made", id=f"made-{numeral}-{raw[:12]}")


VALUE_CASES = [
    # money, area and counts with 万/亿 (seed 003)
    seed(
        "各级财政投入资金10。88亿元(县财政投入1",
        "10.88",
        value=1_088_000_000.0,
        unit="元",
        unit_text="亿元",
        multiplier=1e8,
    ),
    seed("改扩建校舍12。57万平方米", "12.57", value=125_700.0, unit="平方米", unit_text="万平方米"),
    seed("建成后预计能增加1。3万个学位", "1.3", value=13_000.0, unit="个"),
    seed("室内图书已达4。5万册", "4.5", value=45_000.0, unit="册", unit_text="万册"),
    seed(" 作者: | 阅读: 2.75W 次", "2.75", value=27_500.0, unit="次", unit_text="W 次"),
    seed("教育费附加分别征收1065万元、1026万元、902万元", "902", value=9_020_000.0, unit="元"),
    # qualifiers (seeds 000, 003)
    seed("先后投资或争取上级资金近4000余万元", "4000", value=40_000_000.0, qualifier="近"),
    seed("每年财政均投入近900万元为全市", "900", value=9_000_000.0, qualifier="近"),
    seed("提质改造项目总投资约50亿元,其中社会投资约40亿元", "50", value=5e9, qualifier="约"),
    seed("近三年年共资助贫困大学生150余人", "150", value=150.0, unit="人", qualifier="余"),
    seed("教学实验仪器3万余件、体音美器材6000余件", "3", value=30_000.0, qualifier="余"),
    seed("镇政府还投入100多万元,在我校门前", "100", value=1_000_000.0, qualifier="余"),
    seed("东区中心小学等10余所农村小学", "10", value=10.0, unit="所", qualifier="余"),
    seed("初中寄宿生年均生活费成本约为1100元左右", "1100", value=1100.0, qualifier="约"),
    seed("巩固率98%以上", "98", value=98.0, unit="%", qualifier="以上"),
    seed("七八年级每班人数在50人以下", "50", value=50.0, qualifier="不足"),
    seed("学生每天在校学习时间(包括自习)不超过6小时", "6", unit="小时", qualifier="不足"),
    made("教师不足10人,学校超过20所,辍学率不到1%", "10", qualifier="不足"),
    made("教师不足10人,学校超过20所,辍学率不到1%", "20", qualifier="以上"),
    made("教师不足10人,学校超过20所,辍学率不到1%", "1", qualifier="不足"),
    # percentages
    seed("其中“三类”残疾儿童174人,入学率93。10%", "93.10", value=93.1, unit="%", unit_text="%"),
    seed("在校生年辍学率为0.26%;三类残疾儿童入学率为100%", "0.26", value=0.26, unit="%"),
    seed("保证学生每天锻炼1小时,开展中小学体质健康测试", "1", unit="小时", role="value"),
    made(
        "残疾儿童入学率达百分之九十五",
        "九十五",
        value=95.0,
        unit="%",
        unit_text="百分之",
        chinese=True,
    ),
    # Chinese numerals (seeds 000, 003; 二十六所 and 一百二十人 are made)
    seed("学校现有10个教学班,七年级三个教学班", "三", value=3.0, unit="个", chinese=True),
    seed("缺口两栋学生公寓楼", "两", value=2.0, unit="栋", chinese=True),
    seed("市一中、市二中、东区中心小学三所学校", "三", value=3.0, unit="所", chinese=True),
    seed("购置安装学生健身的各种器材十余种", "十", value=10.0, unit="种", qualifier="余"),
    seed("2、学校债务近两百万,亟待解决", "两百", value=2e6, multiplier=1e4, qualifier="近"),
    seed("室外移动羽毛球架等近万元体育器材", "万", value=1e4, unit="元", qualifier="近"),
    made("全市现有中小学校二十六所", "二十六", value=26.0, unit="所", chinese=True),
    made("学校共有学生一百二十人", "一百二十", value=120.0, unit="人"),
    # ratios (seed 003)
    seed("全校学生510人,师生比1:11", "1:11", ratio=(1.0, 11.0), value=1 / 11),
    seed("师生比小学为1:19。8,初中为1:16", "1:19.8", ratio=(1.0, 19.8)),
    seed("微机室有微机60台,(生机比:8:1)", "8:1", ratio=(8.0, 1.0), value=8.0),
    seed("男生厕所坑位1/20,女生坑位1/11", "1/20", ratio=(1.0, 20.0), role="value"),
    made("特殊教育的师生比例为1比5.0", "1比5.0", ratio=(1.0, 5.0), value=0.2),
    # ranges
    seed("35岁以下3人,36——50岁30人,50岁以上13人", "36——50", value=36.0, range_end=50.0, unit="岁"),
    seed("学生能较好的学会1-2项体育技能", "1-2", value=1.0, range_end=2.0, unit="项"),
    made("每组3至5人,每班3~5名", "3至5", value=3.0, range_end=5.0, unit="人"),
    made("每组3至5人,每班3~5名", "3~5", range_end=5.0, unit="名"),
    # thousands separators, and full-width digits through the normaliser
    made("全县在校生1,200人", "1,200", value=1200.0, unit="人"),
    made("教师１２３人，学生４５６人", "456", value=456.0, unit="人"),
    made("生均３。７４平方米", "3.74", value=3.74, unit="平方米"),
    made("校舍１２，５６０㎡", "12,560", value=12560.0, unit="平方米", unit_text="㎡"),
    # a fall written with a sign is a negative rate (statistics bulletins); a dash between
    # numbers stays a range, and a sign before a count is no sign
    made("比上年的3.3亿元增长-9.41%", "-9.41", value=-9.41, unit="%"),
    made("比上年增长－2.45%", "-2.45", value=-2.45, unit="%"),
    made("2016-2019年投入资金", "2016-2019", value=2016.0, range_end=2019.0, role="year"),
    made("减少-3人", "3", value=3.0, unit="人"),
    # counted, not numbering: 共有3个 (seed 000 "各1所,成人学校2所")
    seed("民办学校(文武学校)各1所,成人学校2所", "2", value=2.0, unit="所", role="value"),
]


@pytest.mark.parametrize(("raw", "numeral", "nth", "fields", "origin"), VALUE_CASES)
def test_numbers_value_cases(raw: str, numeral: str, nth: int, fields: dict, origin: str) -> None:
    text = norm(raw)
    q = quantity(text, numeral, nth)
    fields = {"role": "value", **fields}
    for name, expected in fields.items():
        got = getattr(q, name)
        if isinstance(expected, float) and got is not None:
            assert math.isclose(got, expected, rel_tol=1e-9), (name, got, expected)
        else:
            assert got == expected, (name, got, expected)


@pytest.mark.parametrize(
    "raw", [p.values[0] for p in VALUE_CASES if p.values[4] == "seed"], ids=lambda r: r[:12]
)
def test_numbers_seed_sentences_are_real(raw: str) -> None:
    assert raw in seed_text()


ROLE_CASES = [
    # years: 2008年, 08年, 二〇〇九年; "07年比06年增长25.7%" → two years, one value (seed 000)
    (
        "财政对教育拨款07年比06年增长25.7%",
        [("07", "year", 2007), ("06", "year", 2006), ("25.7", "value", 25.7)],
    ),
    ("我市自97年起就一直坚持", [("97", "year", 1997)]),
    (
        "1993年义马市在全省率先实现“两基”,2001年、2006年顺利通过",
        [("1993", "year", 1993), ("2001", "year", 2001), ("2006", "year", 2006)],
    ),
    (
        "整改报告二〇一五年十月十九日",
        [("二〇一五", "year", 2015), ("十", "date", 10), ("十九", "date", 19)],
    ),
    ("龙亢农场小学(2013-2014年)", [("2013-2014", "year", 2013)]),
    (
        "2008—2009学年,小学阶段适龄儿童入学率达100%",
        [("2008—2009", "year", 2008), ("100", "value", 100)],
    ),
    ("2019，2020年", [("2019", "year", 2019), ("2020", "year", 2020)]),
    ("2013.11", [("2013", "year", 2013), ("11", "date", 11)]),
    # dates and times: none is a value
    ("尤镇中心小学\n2013年2月20日", [("2013", "year", 2013), ("2", "date", 2), ("20", "date", 20)]),
    ("到今年9月份新生入学", [("9", "date", 9)]),
    (
        "发布时间:2023-04-05 21:58 信息来源",
        [
            ("2023", "year", 2023),
            ("04", "date", 4),
            ("05", "date", 5),
            ("21", "date", 21),
            ("58", "date", 58),
        ],
    ),
    ("(服务时间:8:30-17:00)", [("8:30", "date", 8), ("17:00", "date", 17)]),
    # ordinals and list numbering
    (
        "七年级六个班综合考评居全县第四名,其中704班班级考评居全县第一名",
        [
            ("七", "ordinal", 7),
            ("六", "value", 6),
            ("四", "ordinal", 4),
            ("704", "ordinal", 704),
            ("一", "ordinal", 1),
        ],
    ),
    ("第一篇:推进义务教育均衡发展2013年工作计划", [("一", "ordinal", 1), ("2013", "year", 2013)]),
    ("新建了学生2号机房", [("2", "ordinal", 2)]),
    ("一等奖1人(王__)", [("一", "ordinal", 1), ("1", "value", 1)]),
    ("1、抓德育管理,做好管理育人", [("1", "numbering", 1)]),
    (
        "二、工作内容和进展1. 资源配置方面:(1)完善学校布局",
        [("二", "numbering", 2), ("1", "numbering", 1), ("1", "numbering", 1)],
    ),
    ("(2)优化教育资源配置", [("2", "numbering", 2)]),
    ("汇报材料 (1) 一是明确认识", [("1", "numbering", 1), ("一", "numbering", 1)]),
    ("(一)关于管理效能与教学效能提升方面", [("一", "numbering", 1)]),
    (
        "争取配足配齐二)近期联系图书富有学校援助图书600册",
        [("二", "numbering", 2), ("600", "value", 600)],
    ),
    (
        "3、20__年6月,学校投入18万余元",
        [("3", "numbering", 3), ("6", "date", 6), ("18", "value", 180_000)],
    ),
    # codes: 文号, 索引号, ICP, e-mail, URL, phone (the phone is made)
    ("根据皖教督[2013]7号文件精神", [("2013]7", "code", 7)]),
    ("(教督函〔〕26号)要求", [("26", "code", 26)]),
    ("索引号: 11341622003178541G/202304-00028", [("11341622003178541G/202304-00028", "code", 28)]),
    ("版权所有 沪ICP备20006764号-3", [("20006764号-3", "code", 3)]),
    ("欢迎发送邮件至:645879355@qq.com 进行举报", [("645879355", "code", 645879355)]),
    ("ww.aszwg.com/zuoweizaiti/htzt/1386413.html", [("1386413", "code", 1386413)]),
    ("联系电话:0551-62831234", [("0551-62831234", "code", 62831234)]),
    # per: a denominator (seed 003 "每百名学生拥有计算机台数小学7。51台")
    ("每百名学生拥有计算机台数小学7。51台", [("7.51", "value", 7.51)]),
    ("办好每一所学校", [("一", "per", 1)]),
]


@pytest.mark.parametrize(("raw", "expected"), ROLE_CASES, ids=lambda c: str(c)[:14])
def test_numbers_roles(raw: str, expected: list[tuple[str, str, float]]) -> None:
    text = norm(raw)
    got = [(text[q.start : q.end], q.role, q.value) for q in find_quantities(text)]
    assert [(n, r) for n, r, _ in got] == [(n, r) for n, r, _ in expected]
    for (_, _, value), (_, _, want) in zip(got, expected, strict=True):
        assert math.isclose(value, want)


@pytest.mark.parametrize(
    "raw",
    [
        "《国家中长期教育改革和发展规划纲要(20xx—20xx年)》提出,到20xx年,基本实现教育现代化",
        "学校在20__年通过国家义务教育均衡发展验收后继续得到发展",
        # 零辍学 is a word here, not a figure: no quantity (see the module docstring)
        "(4)健全学生辍学情况报告制度,学生达到零辍学",
        "长亲自挂帅,其他小组成员任务分解、明确分工、落实责任、化整为零、限期达标",
        # words made of numerals: place names, slogans, idioms
        "石佛小学等农村学校被三门峡市教育局命名为远程教育示范校",
        "千秋镇中、千秋职中两所学校撤销并入原义煤三中",
        "坚持司法控辍、学业补偿、“万师进万家”多措并举",
        "一些学校的教师力量不足,“两免一补”政策落实到位",
        "每百名学生拥有计算机台数",
    ],
    ids=lambda r: r[:10],
)
def test_numbers_no_values(raw: str) -> None:
    text = norm(raw)
    values = [
        (text[q.start : q.end], q.role) for q in find_quantities(text) if q.role in ("value", "per")
    ]
    assert values in ([], [("两", "value")])  # 两所学校 is the one count in these


def test_numbers_two_indicators_one_number() -> None:
    """入学率、巩固率均达100%: one quantity; the figures extractor gives it to both (ANNOTATION)."""
    text = norm("适龄儿童少年入学率、巩固率均达100%")
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(100.0, "%")]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("二十六", 26), ("一百二十", 120), ("两", 2), ("三千五百", 3500), ("一万二千", 12000),
        ("〇", 0), ("零", 0), ("十", 10), ("十二", 12), ("二〇一五", 2015), ("二〇〇九", 2009),
        ("一百零五", 105), ("三千五", 3500), ("一万二", 12000), ("十万", 100_000),
        ("一亿二千万", 120_000_000), ("两百万", 2_000_000), ("一十", 10),
    ],
)  # fmt: skip
def test_numbers_parse_chinese_numeral(numeral: str, value: float) -> None:
    assert parse_chinese_numeral(numeral) == value


@pytest.mark.parametrize("bad", ["", "些", "一二十", "3", "百分之"])
def test_numbers_parse_chinese_numeral_rejects(bad: str) -> None:
    assert parse_chinese_numeral(bad) is None


def rounded(groups: list[list[Quantity]]) -> list[list[float]]:
    return [[round(q.value, 6) for q in group] for group in groups]


RESPECTIVELY_CASES = [
    (
        "20__—20__年,地方财政经常性收入比上年增长比例分别为13。5%、14。5%、11。9%;"
        "对义务教育阶段预算内教育经费的拨款增长比例为42。2%、15。6%、12。0%,",
        [[13.5, 14.5, 11.9], [42.2, 15.6, 12.0]],
    ),
    (
        "生均预算内教育事业经费小学分别增加44。7%、0。2%、1。9%,初中分别增加6。3%、1。7%、4。7%;",
        [[44.7, 0.2, 1.9], [6.3, 1.7, 4.7]],
    ),
    (
        "教育费附加分别征收1065万元、1026万元、902万元,地方教育费附加分别征收710万元、684万元、602万元,",
        [[1.065e7, 1.026e7, 9.02e6], [7.1e6, 6.84e6, 6.02e6]],
    ),
    ("小学、初中分别达到4.2人以上、5.3人以上", [[4.2, 5.3]]),
    ("努力使学生的体质健康合格率、优秀率达90%和10%", [[90.0, 10.0]]),
    # a list of counts of different things is not a respective list
    ("智慧课堂3个、智慧黑板1个、班班通设备18套", []),
    ("徐__、方__、吴__三位同志分别被评为市级优秀教师", []),
]


@pytest.mark.parametrize(("raw", "groups"), RESPECTIVELY_CASES, ids=lambda c: str(c)[:12])
def test_numbers_respectively(raw: str, groups: list[list[float]]) -> None:
    text = norm(raw)
    got = respectively(text, find_quantities(text))
    assert rounded(got) == groups


def test_numbers_respectively_without_bare_lists() -> None:
    text = norm(RESPECTIVELY_CASES[0][0])
    got = respectively(text, find_quantities(text), bare_lists=False)
    assert rounded(got) == [[13.5, 14.5, 11.9]]


@pytest.mark.parametrize(
    ("raw", "subjects"),
    [
        ("小学、初中分别达到4.2人以上", ["小学", "初中"]),
        ("2007年、2008年、2009年分别征收教育费附加", ["2007年", "2008年", "2009年"]),
        ("徐__、方__、吴__三位同志分别被评为", ["徐__", "方__", "吴__"]),
        ("县、乡两级分别组建了推进义务教育均衡发展工作专班", ["县", "乡"]),
        ("2006年8月,又将常村镇中、常村村初中分别撤并入原义煤初中", ["常村镇中", "常村村初中"]),
        ("生均预算内公用经费小学、初中分别增加", ["小学", "初中"]),
        ("教育费附加分别征收", ["教育费附加"]),
    ],
)
def test_numbers_enumerated_subjects(raw: str, subjects: list[str]) -> None:
    text = norm(raw)
    assert enumerated_subjects(text, text.index("分别")) == subjects


def test_numbers_respective_pairs() -> None:
    text = norm("学生体质健康合格率、优秀率达90%和10%;小学、初中分别为16.38册、25.73册")
    pairs = [(s, [q.value for q in g]) for s, g in respective_pairs(text, find_quantities(text))]
    assert pairs == [
        (["学生体质健康合格率", "优秀率"], [90.0, 10.0]),
        (["小学", "初中"], [16.38, 25.73]),
    ]


def test_numbers_window() -> None:
    text = norm("全县有专任教师2545人,其中高中教师83人、初中教师691人")
    start = text.index("其中")
    got = find_quantities(text, start, text.index("初中"))
    assert [(text[q.start : q.end], q.value) for q in got] == [("83", 83.0)]


# --- properties -----------------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"
SAFE_UNITS = [
    "人", "名", "所", "个", "间", "册", "台", "套", "件", "元", "平方米", "亩", "次", "人次",
]  # fmt: skip


def _section(n: int) -> str:
    out, zero = "", False
    for size, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // size % 10
        if digit == 0:
            zero = bool(out)
            continue
        out += ("零" if zero else "") + _DIGITS[digit] + unit
        zero = False
    return out


def to_chinese(n: int) -> str:
    """12 → 十二, 105 → 一百零五, 20_003 → 二万零三 (the test's own writer)."""
    if n == 0:
        return "零"
    out, gap = "", False
    for value, unit in ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")):
        if value == 0:
            gap = bool(out)
            continue
        if out and (gap or value < 1000):
            out += "零"
        out += _section(value) + unit
        gap = False
    return out[1:] if out.startswith("一十") else out


@given(st.integers(min_value=0, max_value=99_999_999))
def test_numbers_property_chinese_roundtrip(n: int) -> None:
    assert parse_chinese_numeral(to_chinese(n)) == n


prefixes = st.sampled_from(["", "共有", "学校现有", "合计", "投入资金", "\n"])
suffixes = st.sampled_from(["", "。", ",其中", "\n2、加强管理"])


@pytest.mark.slow
@settings(max_examples=300)
@given(
    prefixes,
    st.one_of(
        st.integers(min_value=0, max_value=999_999_999).map(str),
        st.integers(min_value=1000, max_value=999_999).map(lambda n: f"{n:,}"),
        st.decimals(min_value=0, max_value=99999, places=2).map(lambda d: f"{d:.2f}"),
    ),
    st.sampled_from(["", "万", "亿", "千", "W"]),
    st.sampled_from([*SAFE_UNITS, "%"]),
    suffixes,
)
def test_numbers_property_arabic(pre: str, numeral: str, mult: str, unit: str, post: str) -> None:
    if unit == "%":
        mult = ""
    text = f"{pre}{numeral}{mult}{unit}{post}"
    values = [q for q in find_quantities(text) if q.role == "value"]
    assert len(values) == 1, (text, find_quantities(text))
    q = values[0]
    factor = {"": 1, "万": 1e4, "亿": 1e8, "千": 1e3, "W": 1e4}[mult]
    assert text[q.start : q.end] == numeral
    assert math.isclose(q.value, float(numeral.replace(",", "")) * factor)
    assert q.unit_text == mult + unit


@pytest.mark.slow
@settings(max_examples=300)
@given(
    prefixes,
    st.integers(min_value=1, max_value=99_999_999),
    st.sampled_from(["", "万", "亿"]),
    st.sampled_from(SAFE_UNITS),
    suffixes,
)
def test_numbers_property_chinese(pre: str, n: int, mult: str, unit: str, post: str) -> None:
    written = to_chinese(n)
    if written[-1] in "万亿" or (len(written) == 1 and written in "百千万亿"):
        mult = ""
    text = f"{pre}{written}{mult}{unit}{post}"
    values = [q for q in find_quantities(text) if q.role == "value"]
    assert len(values) == 1, (text, find_quantities(text))
    q = values[0]
    factor = {"": 1, "万": 1e4, "亿": 1e8}[mult]
    numeral = written[:-1] if written[-1] in "万亿" and len(written) > 1 else written
    assert text[q.start : q.end] == numeral
    assert math.isclose(q.value, n * factor)
    assert q.chinese


FRAGMENTS = [
    "全市现有中小学校26所,其中高中2所",
    "师生比小学为1:19.8,初中为1:16.02",
    "2013年2月20日",
    "(2)优化教育资源配置",
    "先后投资或争取上级资金近4000余万元",
    "七年级三个教学班",
    "索引号: 11341622003178541G/202304-00028",
    "36——50岁30人",
    "20__年6月,学校投入18万余元",
    "百分之九十五",
    "一、",
    "3、",
    "2.75W 次",
    "07年比06年增长25.7%",
]


@pytest.mark.slow
@settings(max_examples=300)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(FRAGMENTS),
            st.integers(0, 10**6).map(str),
            st.integers(1, 10**6).map(to_chinese),
            st.sampled_from(list("人所万元年月日%、,.:-/ 第每约近余多以上")),
        ),
        max_size=12,
    ).map("".join),
    st.data(),
)
def test_numbers_property_spans(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = find_quantities(text, start, end)
    previous_end = start
    for q in found:
        assert previous_end <= q.start < q.end <= end, (text, start, end, found)
        previous_end = q.end


def test_numbers_a_population_count_without_its_unit_counts_people() -> None:
    """人口总数1235: the count of a population is in 人 though the unit is not written."""
    found = find_quantities(norm("2015年12—14周岁人口总数980,初中在校学生1102人"))
    assert [(q.value, q.unit) for q in found if q.role == "value"][-2:] == [
        (980.0, "人"),
        (1102.0, "人"),
    ]


@pytest.mark.parametrize(
    ("raw", "values"),
    [
        ("2所九年一贯制学校、17所小学", [2.0, 17.0]),  # a school type, not nine years
        ("九年义务教育巩固率", []),
        ("已坚持九年", [9.0]),
    ],
)
def test_numbers_nine_years_in_a_name_is_no_duration(raw: str, values: list[float]) -> None:
    assert [q.value for q in find_quantities(norm(raw)) if q.role == "value"] == values


def test_numbers_a_run_of_numbers_without_their_unit_takes_it_from_sibling_to_sibling() -> None:
    """占地面积66.3万平方米(幼儿园6.4万、小学24.3万、中学32.3万): each 万 number takes 平方米, the
    ones in the middle from the siblings that took it before them."""
    text = "全县校园占地面积66.3万平方米(幼儿园6.4万、小学24.3万、中学32.3万、职教中心3.3万)。"
    found = [q for q in find_quantities(text) if q.role == "value"]
    assert [(q.value, q.unit) for q in found] == [
        (663000.0, "平方米"),
        (64000.0, "平方米"),
        (243000.0, "平方米"),
        (323000.0, "平方米"),
        (33000.0, "平方米"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在校生12 960人", [(12960, "人")]),
        ("共 1 234 567人", [(1234567, "人")]),
        # the columns of a table row stay apart: no unit right after them
        ("初中 44 14071 12830", [(44, None), (14071, None), (12830, None)]),
        # nor is the last column joined to the one before it
        ("成人中专 60 40 186人", [(60, None), (40, None), (186, "人")]),
    ],
)
def test_numbers_thousands_set_apart_by_a_space(text: str, expected: list) -> None:
    found = [(q.value, q.unit) for q in find_quantities(text) if q.role == "value"]
    assert found == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        # a copy that lost every % sign: a share of a named base, a rate written with decimals
        ("少数民族教师 35 人,占全校教师总数 79.5,其中高级教师 5 人。", 79.5, "%"),
        ("少数民族学生所占全部学生数的 84.7。", 84.7, "%"),
        ("教师学历达标率为 97.7。", 97.7, "%"),
        # …a whole number after 率 may be a count whose unit is lost; 占地 is no share
        ("教师学历达标率为 97。", 97, None),
        ("学校占地 80,建筑面积 5598 平方米。", 80, None),
        # where the text writes % elsewhere, a bare number after 率 is something else
        ("入学率为 99.5,巩固率98.2%。", 99.5, None),
    ],
)
def test_numbers_a_lost_percent_sign(text: str, number: float, unit: str | None) -> None:
    (found,) = [q for q in find_quantities(text) if q.value == number]
    assert found.unit == unit
