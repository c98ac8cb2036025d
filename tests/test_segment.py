"""Segmentation: reports, titles, units, types, dates and heading trees, on real seed text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from junheng.core.normalize import normalize
from junheng.core.yamldata import package_yaml
from junheng.ingest import read_file
from junheng.segment import segment, segment_text
from junheng.segment.lines import HeadKind, read_head
from junheng.segment.meta import find_years, parse_date_line, unit_in_title, unit_on_line
from junheng.segment.rules import LineTest, _top_level_alternatives, load_rules
from segment_support import only_report

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))


def _gold(seed: Path) -> list[dict]:
    return json.loads((ROOT / "corpus" / "gold" / f"{seed.stem}.json").read_text("utf-8"))[
        "reports"
    ]


@pytest.mark.corpus
@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_segment_matches_gold(seed: Path, suffix: str) -> None:
    path = seed.with_suffix(suffix)
    if suffix != ".txt":
        pytest.importorskip(f"junheng.ingest.{suffix[1:]}")
        if not path.exists():
            pytest.skip(f"{path.name} not rendered")
    reports = segment(read_file(path))
    gold = _gold(seed)
    assert len(reports) == len(gold)
    for found, expected in zip(reports, gold, strict=True):
        assert found.title == expected["title"]
        assert found.unit_name in {expected["unit_name"], *expected.get("unit_aliases", [])}
        assert found.type == expected["type"]
        assert found.date == expected["date"]


@pytest.mark.corpus
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_segment_reports_start_where_gold_says(seed: Path) -> None:
    doc = read_file(seed)
    for found, expected in zip(segment(doc), _gold(seed), strict=True):
        words, _ = normalize(expected["first_words"])
        window = doc.text[found.start : found.start + 400]
        assert words[:12] in window, (found.title, window[:60])
        assert found.start < found.end <= len(doc.text)


@pytest.mark.parametrize(
    ("line", "kind", "title", "body"),
    [
        ("义务教育均衡发展工作汇报材料", HeadKind.TITLE, "义务教育均衡发展工作汇报材料", ""),
        (
            "义务教育均衡发展工作汇报材料尊敬的领导:根据教育部部署",
            HeadKind.START,
            "义务教育均衡发展工作汇报材料",
            "尊敬的领导",
        ),
        (
            "义务教育均衡发展汇报材料3篇义务教育均衡发展汇报材料1为加强农村学校",
            HeadKind.START,
            "义务教育均衡发展汇报材料",
            "为加强农村",
        ),
        (
            "【2024版】义务教育均衡发展工作汇报材料6篇",
            HeadKind.COLLECTION,
            "义务教育均衡发展工作汇报材料",
            "",
        ),
        (
            "学校义务教育均衡发展工作总结(精选7篇)作文",
            HeadKind.COLLECTION,
            "学校义务教育均衡发展工作总结",
            "",
        ),
        ("篇一:学校义务教育均衡发展工作总结", HeadKind.START, "学校义务教育均衡发展工作总结", ""),
        ("第四篇:推进义务教育均衡发展(推荐)", HeadKind.START, "推进义务教育均衡发展", ""),
        (
            "义马市义务教育均衡发展工作汇报义马市位于河南省西部,总面积112平方公里",
            HeadKind.START,
            "义马市义务教育均衡发展工作汇报",
            "义马市位于",
        ),
        ("现将我校推进义务教育均衡发展工作总结如下:", HeadKind.BODY, "", ""),
        ("我省教育规划纲要提出的目标是,到20xx年,全面实现教育现代化。", HeadKind.BODY, "", ""),
        (
            "义务教育学校办学条件基本标准督导评估整改报告二〇一五年十月十九日。",
            HeadKind.BODY,
            "",
            "",
        ),
    ],
)
def test_segment_read_head(line: str, kind: HeadKind, title: str, body: str) -> None:
    text, _ = normalize(line)
    head = read_head(text, load_rules())
    assert head.kind is kind
    assert head.title == title
    if body:
        assert text[head.body :].lstrip().startswith(body)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("2013年2月20日", "2013-02-20"),
        ("二〇一五年十月十九日", "2015-10-19"),
        # a copy's digit zero, or letter O, in a year of Chinese numerals
        ("二00六年七月", "2006-07"),
        ("二O一二年九月", "2012-09"),
        ("义务教育学校办学条件基本标准督导评估整改报告二〇一五年十月十九日。", "2015-10-19"),
        ("2013.11", "2013-11"),
        ("2013年11月", "2013-11"),
        ("发文日期: 2023-04-05", "2023-04-05"),
        ("栾塬小学 2016年8月22日", "2016-08-22"),
        ("2005年8月,将原义煤集团三中的高中部与初中部分离", None),
        ("20__年__月__日", None),
    ],
)
def test_segment_parse_date_line(line: str, iso: str | None) -> None:
    assert parse_date_line(normalize(line)[0]) == iso


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ("义马市义务教育均衡发展工作汇报", "义马市"),
        ("新和县尤镇教育系统推进义务教育“均衡发展”工作规划", "新和县尤镇"),
        ("龙亢农场小学(2013-2014年)推进义务教育均衡发展工作计划", "龙亢农场小学"),
        ("栾塬小学推进义务教育均衡发展工作计划", "栾塬小学"),
        ("2023年第一季度蒙城县义务教育优质均衡创建工作推进情况", "蒙城县"),
        ("2024年市县域义务教育均衡发展情况汇报", None),
        ("义务教育均衡发展工作汇报材料", None),
        ("XXX义务教育均衡发展标准化建设整改情况报告", None),
        # a class of places, not one place's name
        ("乡镇中心学校义务教育均衡发展工作总结", None),
        ("城镇小学推进义务教育均衡发展情况汇报", None),
        # a town's numbered 中心小学 is no 三中 (a short name of a middle school)
        ("河口镇第二中心小学均衡发展自评报告", "河口镇第二中心小学"),
        ("常宁五中迎检汇报材料", "常宁五中"),
        # a template's placeholder above the unit: the school's own name stays, a kind does not
        ("XX县区燎原镇黎思小学义务教育均衡发展自查自评报告", "燎原镇黎思小学"),
        ("xx市实验小学自查报告", None),
        # a county of a one-character name; a word before 县 is none (在县委…)
        ("新县义务教育均衡发展工作汇报", "新县"),
        ("在县委领导下推进义务教育均衡发展工作汇报", None),
    ],
)
def test_segment_unit_in_title(title: str, unit: str | None) -> None:
    assert unit_in_title(title) == unit


@pytest.mark.parametrize(
    ("line", "unit"),
    [
        ("尤镇中心小学", "尤镇中心小学"),
        # its own name: the county above it left off, as the seed gold writes it
        ("怀远县龙亢农场中心小学", "龙亢农场中心小学"),
        ("李永荣", None),
        ("工作计划", None),
        # a subtitle line under the title, opened by a dash
        ("——石桥镇中学", "石桥镇中学"),
        ("—— 青山乡中心学校", "青山乡中心学校"),
        # a table's header of levels, its words joined by the normaliser
        ("普通高中普通初中小学普通高中普通初中小学", None),
    ],
)
def test_segment_unit_on_line(line: str, unit: str | None) -> None:
    assert unit_on_line(line) == unit


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        # the places above a unit are left off: its own name
        ("湖北省青松县义务教育优质均衡发展自评报告", "青松县"),
        ("白石区红岭中学关于义务教育均衡发展问题的整改报告", "红岭中学"),
        ("江州市白石区杏林镇明德小学义务教育均衡发展自查报告", "杏林镇明德小学"),
        ("广西壮族自治区青松市义务教育均衡发展工作汇报", "青松市"),
        # …but a school's name that is a kind (实验小学, 第一中学) keeps its place, a town's name
        # that holds a 市 (新市镇) is one name, and a rest of two characters is too short to stand
        ("江州市白石区实验小学义务教育均衡发展工作总结", "白石区实验小学"),
        ("江州市第一中学义务教育均衡发展自查报告", "江州市第一中学"),
        ("新市镇中心小学义务教育均衡发展工作汇报", "新市镇中心小学"),
        ("青松县杏镇义务教育均衡发展工作规划", "青松县杏镇"),
        ("宁夏回族自治区义务教育均衡发展督导报告", "宁夏回族自治区"),
    ],
)
def test_segment_a_unit_is_named_without_the_places_above_it(title: str, unit: str) -> None:
    assert unit_in_title(title) == unit


def test_segment_years() -> None:
    text = "财政对教育拨款07年比06年增长25.7%。2008—2009学年,二〇〇九年,20__年,2013-2014年"
    assert find_years(text) == (2008, 2009, 2013, 2014)


def test_segment_heading_tree_nests_by_first_appearance() -> None:
    text = normalize(
        "某县义务教育均衡发展工作汇报\n"
        "现将有关情况汇报如下。\n"
        "一、基本情况\n全县现有学校26所。\n"
        "二、主要做法\n(一)加大投入\n1.新建校舍。\n2.改造操场。\n(二)配齐教师\n"
        "三、存在问题\n一是经费不足。\n二是教师缺编。\n"
    )[0]
    (report,) = segment_text(text)
    assert report.title == "某县义务教育均衡发展工作汇报"
    assert report.unit_name is None  # 某县 is a placeholder, not a name
    assert report.type == "汇报"
    top = [(s.marker, s.title) for s in report.sections]
    assert top == [("一、", "基本情况"), ("二、", "主要做法"), ("三、", "存在问题")]
    second = report.sections[1]
    assert [c.title for c in second.children] == ["加大投入", "配齐教师"]
    assert [c.title for c in second.children[0].children] == ["新建校舍", "改造操场"]
    assert [c.marker for c in report.sections[2].children] == ["一是", "二是"]
    assert all(s.start < s.heading_end <= s.end for s in report.sections)
    assert report.sections[0].end == report.sections[1].start


def test_segment_plain_text_is_one_report() -> None:
    text = "我校现有学生1200人,教师80人。今年新建了操场,配齐了音体美器材。学校将继续努力。"
    (report,) = segment_text(text)
    assert (report.start, report.end) == (0, len(text))


@pytest.mark.corpus
def test_segment_traditional_script_copy(tmp_path: Path) -> None:
    """A web copy converted to Traditional script splits the same, and keeps its own script."""
    import opencc
    from junheng.core.normalize import to_simplified

    seed = ROOT / "corpus" / "seeds" / "002_1af8da0c0a7c36e4.txt"
    path = tmp_path / "traditional.txt"
    path.write_text(opencc.OpenCC("s2t").convert(seed.read_text("utf-8")), encoding="utf-8")
    reports = segment(read_file(path))
    gold = _gold(seed)
    assert len(reports) == len(gold)
    for found, expected in zip(reports, gold, strict=True):
        assert to_simplified(found.title) == expected["title"]
        assert found.type == expected["type"] and found.date == expected["date"]
    assert reports[2].unit_name == "欒塬小學"
    assert reports[2].title.startswith("欒塬小學推進義務教育")


def test_top_level_alternatives_keep_groups_and_sets_whole() -> None:
    assert _top_level_alternatives(r"^a|(b|c)d|[|]e|f\|g") == ["^a", "(b|c)d", "[|]e", r"f\|g"]
    assert _top_level_alternatives(r"[]|]x|[^]|]y|z") == ["[]|]x", "[^]|]y", "z"]
    fallback = LineTest.of([r"^(a)x|\1"])  # a part that cannot stand alone: not split
    assert fallback.at_start is None and fallback.search("ax")


def test_chrome_lines_split_find_what_one_alternation_finds() -> None:
    """The split test (anchored alternatives matched at the start, the rest searched) agrees with
    one search of every chrome pattern, over every line of every seed and a line of each kind."""
    patterns = package_yaml("junheng", "data/segment.yaml")["chrome_lines"]
    whole = re.compile("|".join(f"(?:{p})" for p in patterns))
    split = LineTest.of(patterns)
    assert split.at_start is not None and split.anywhere is not None
    lines = [
        line
        for path in SEEDS
        for line in normalize(path.read_text(encoding="utf-8"))[0].split("\n")
    ]
    lines += ["当前位置:首页", "首页 > 当前位置", "版权所有 2024", "标签:均衡", "x标签:均衡"]
    found = [line for line in lines if split.search(line)]
    assert found == [line for line in lines if whole.search(line)]
    assert "当前位置:首页" in found and "首页 > 当前位置" not in found
    assert len(found) >= 10  # the seeds are web copies: their chrome is there to find


def test_segment_a_document_word_is_no_unit_name() -> None:
    """"调研报告乡镇基础教育…" (a masked unit left the document word before 乡): no unit."""

    text = "调研报告乡村学校办学现状的调查报告\n全乡共有小学8所,在校学生1200人,教师96人。\n"
    report = only_report(text)
    assert report.unit_name is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # the 主送机关 line (whom the report goes to) is not its writer: the signature is
        (
            "关于东岭小学改造校舍的请示\n某市某区教育局:\n东岭小学现有学生420人,校舍建于1985年,"
            "多处墙体开裂,恳请局里安排维修资金。\n东岭小学\n2021年3月5日\n",
            "东岭小学",
        ),
        (
            "报 告\n河西镇政府:\n我校有教学班12个,学生510人,食堂面积不足,学生分批就餐。\n"
            "特此报告。\n",
            None,
        ),
        # a file card's field label is not part of the name
        ("发布机构 青禾县教育局\n青禾县义务教育均衡发展工作汇报\n全县共有学校40所。\n", "青禾县"),
    ],
)
def test_segment_an_addressee_or_a_field_label_is_no_unit(text: str, unit: str | None) -> None:

    report = only_report(text)
    assert report.unit_name == unit


def test_segment_an_official_title_may_list_its_subjects_with_a_dun() -> None:
    """``关于…教学楼、食堂改造的申请报告`` is a title: a 公文 title lists what it is about with
    、, after the site's chrome and before the 主送机关 line."""

    title = "关于北塘小学新建教学楼、改造食堂和厕所的申请报告"
    body = (
        "我校现有教学班14个,学生560人,教职工38人。现有教学楼建于1987年,经鉴定为危房,"
        "部分教室已停止使用;食堂面积不足200平方米,学生需分三批就餐;厕所为旱厕,卫生条件差。"
        "为改善办学条件,保障师生安全,特申请新建教学楼一栋,改造食堂和厕所。妥否,请批示。\n"
    )
    text = f"范文大全\n\n{title}\n\n县教育局:\n{body}"
    report = only_report(text)
    assert report.title == title


def test_segment_a_report_is_typed_from_its_own_opening_not_the_next_reports() -> None:
    """Two reports under borrowed 篇 markers: how the second presents itself (现将自查情况报告如下)
    types the second only; the first keeps the type its own title names."""
    text = (
        "篇一:学校均衡发展整改报告\n\n根据督导组反馈意见,我校高度重视,立即整改。\n一、整改措施\n"
        "1.增添图书2000册。\n\n篇二:学校均衡发展自查报告\n\n我校对照标准进行了认真自查,现将自查"
        "情况报告如下。\n一、办学条件\n生均校舍面积8.2平方米。\n"
    )
    reports = segment_text(text)
    assert [r.type for r in reports] == ["整改报告", "自查"]
