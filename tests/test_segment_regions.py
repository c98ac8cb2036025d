"""junheng.segment.regions: a news item or bulletin is about the region it names."""

from __future__ import annotations

import pytest
from junheng.core.document import build_document
from junheng.core.model import Block, BlockKind
from junheng.segment import segment
from junheng.segment.regions import fullest_form, region_unit
from segment_support import only_report


@pytest.mark.parametrize(
    ("title", "opening", "text", "unit"),
    [
        ("2019年全国义务教育均衡发展督导评估工作报告", "", "", "全国"),
        ("国家教育督导检查组对河北省30个县义务教育均衡发展督导检查反馈意见", "", "", "河北省"),
        ("宁夏控辍保学工作取得新进展", "", "宁夏回族自治区教育厅…", "宁夏回族自治区"),
        ("广西贫困县学生乐享营养午餐", "", "广西…", "广西"),
        ("", "27日,记者在内蒙古自治区义务教育均衡发展督导检查会上了解到", "", "内蒙古自治区"),
        ("本校面临的困难和问题", "目前我校共54个教学班", "", None),
        # 全国 as an attribute (全国教育大会) is not where the text is about
        ("", "为落实全国教育大会要求,国家督导检查组对甘肃省部分县进行了督导检查", "", "甘肃省"),
        # the first of a number of regions (…等5省份) is not what the text is about
        ("教育部:山西等5省份部分县存在大校额问题", "", "", None),
    ],
)
def test_segment_regions_first_region_named(
    title: str, opening: str, text: str, unit: str | None
) -> None:
    assert region_unit(title, opening, text or title + opening) == unit


def test_segment_regions_only_for_news_not_for_a_schools_report() -> None:
    """A county named as a school's location is not the school's unit (seed conventions)."""
    doc = build_document(
        "t.txt",
        "txt",
        [
            Block(BlockKind.PARAGRAPH, "学校义务教育均衡发展工作总结"),
            Block(BlockKind.PARAGRAPH, "我校位于河北省某县,现有学生500人。"),
        ],
    )
    (report,) = segment(doc)
    assert report.type == "总结" and report.unit_name is None


def test_segment_regions_a_dateline_city_is_not_what_the_news_is_about() -> None:
    text = (
        "全国义务教育辍学学生大幅减少\n"
        "新华社北京3月8日电 记者从有关部门获悉,全国义务教育阶段失学儿童数量较去年同期明显下降。"
        "全国各地持续推进控辍保学工作。\n"
    )
    report = only_report(text)
    assert report.unit_name == "全国"


def test_segment_regions_a_county_naming_itself_is_nearer_than_its_province() -> None:
    """An untitled report whose body names its county as itself (…县成立于…, 我县/全县) is that
    county's, not the province's its opening places it in."""
    text = (
        "为扎实推进县域义务教育优质均衡发展,我县已完成自查自评,现将有关情况公示如下。\n"
        "一、基本情况\n"
        "和静县成立于1954年,位于青海省东部。全县现有各级各类学校31所,在校生15200人。\n"
    )
    report = only_report(text)
    assert report.unit_name == "和静县"


def test_segment_regions_places_of_a_list_are_not_counted_for_the_most_named() -> None:
    """A news item on an inspection of several provinces names the first one in its title and in
    its list (山西、河南…等5省): it is about none of them."""
    text = (
        "教育部:山西等5省份部分县存在大校额问题\n"
        "2019-01-15 09:28:35 来源: 新闻网\n"
        "教育部发布国家教育督导检查组对山西、河南、湖南、广西、贵州等5省(区)义务教育均衡发展督导"
        "检查反馈意见。意见表示,各省份申报的县均达到评估标准,同时指出部分县存在大校额问题。\n"
    )
    assert only_report(text).unit_name is None


def test_segment_regions_places_listed_with_their_counts_in_brackets() -> None:
    """ "分别对山西省(35个)、湖南省(1个)…": places listed with a count each are a list too; a later
    paragraph on the first of them does not make the text that province's."""
    text = (
        "教育部:山西等5省份部分县存在大校额问题\n"
        "国家教育督导检查组分别对山西省(35个)、湖南省(1个)、贵州省(8个)申报的县进行了督导检查。\n"
        "山西省申报的35个县均达到评估标准,但部分县仍存在大校额问题。\n"
    )
    assert only_report(text).unit_name is None


@pytest.mark.parametrize(
    ("opening", "unit"),
    [
        # a county's body acting in a news item's first sentence, after its dateline's words
        ("本报讯(通讯员李明)2018年上半年,青溪县教育局认真落实主体责任,推进项目建设。", "青溪县"),
        # …not a clause's opening words before a body (据各区政府上报…)
        ("2008年,据各区政府上报的数据,全市共有进城务工人员子女3.2万人。", None),
        # …and not a body named in the middle of the sentence
        ("本报讯 全省教育工作会议召开,青溪县教育局作了交流发言。", None),
    ],
)
def test_segment_regions_the_body_acting_in_a_news_item(opening: str, unit: str | None) -> None:
    text = f"项目建设进展顺利\n\n2018-07-20 08:30来源:日报\n\n{opening}\n"
    assert only_report(text).unit_name == unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # a school profile whose first sentence names the school, then a comma and 属/是
        (
            "简介: 某省 某市 公办重点小学\n和平小学,属县教育局主管的一所完全小学,现有学生620名。\n",
            "和平小学",
        ),
        ("东关小学,是一所百年老校,现有教学班18个,学生810人。\n", "东关小学"),
        # a verb inside the longest name ends the name there
        ("<正>南丰县隶属抚州市,地处本省东部,全县现有中小学校46所。\n", "南丰县"),
        # a journal database's label above an abstract is no line of the report
        (
            "论文部分内容阅读\n青石县民族寄宿制小学始建于1962年,现有27个教学班,学生1300余名。\n",
            "青石县民族寄宿制小学",
        ),
    ],
)
def test_segment_regions_a_unit_named_at_the_first_sentences_start(text: str, unit: str) -> None:
    assert only_report(text).unit_name == unit


@pytest.mark.parametrize(
    ("unit", "text", "fullest"),
    [
        ("临江州", "临江州位于…,临江苗族侗族自治州辖8县", "临江苗族侗族自治州"),
        ("河源县", "河源县…河源瑶族自治县教育局", "河源瑶族自治县"),
        ("河源县", "河源县…河源瑶族自治州", "河源县"),  # a prefecture's name is not the county's
        ("河源县", "河源县教育局", "河源县"),  # no fuller form written
        ("西江镇", "西江镇…西江苗族自治镇", "西江镇"),  # towns have no autonomous form
    ],
)
def test_segment_regions_an_autonomous_units_fullest_form(
    unit: str, text: str, fullest: str
) -> None:
    assert fullest_form(unit, text) == fullest


def test_segment_regions_a_report_about_an_autonomous_prefecture_written_short() -> None:
    text = (
        "临江州“十四五”教育事业发展规划\n"
        "临江苗族侗族自治州地处省境东南,辖8个县市。近年来,临江州坚持教育优先发展,全州义务教育"
        "学校办学条件明显改善,城乡差距逐步缩小。\n"
    )
    assert only_report(text).unit_name == "临江苗族侗族自治州"
