"""Untitled reports, news headlines and teasers (issue 14). Examples are invented; the dev-corpus
test reads the tuning pages from ../shared/devcorpus and skips when they are absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from junheng.core.normalize import normalize
from junheng.segment import segment_text
from junheng.segment.meta import parse_dateline
from segment_support import only_report

_BODY = (
    "一、基本情况:我校现有教学班12个,在校学生560人,专任教师38人,学校占地面积12000平方米。"
    "近年来,学校在上级部门的关心支持下,办学条件得到了明显改善。\n"
    "二、存在问题:功能室数量不足,音体美器材配备不全,教师结构性缺编问题仍然存在。\n"
)
_TEASERS = (
    "相关文章\n"
    "某镇中心小学义务教育均衡发展工作计划\n为进一步推进我镇义务教育均衡发展,结合实际,特制定...\n"
    "某县义务教育均衡发展工作总结\n今年以来,我县认真贯彻落实上级关于均衡发展的部署…\n"
)


def test_segment_untitled_body_followed_by_teasers_is_the_report() -> None:
    teaser = "某县义务教育均衡发展工作计划\n为进一步推进我县义务教育均衡发展...\n"
    (report,) = segment_text(_BODY + teaser)
    assert report.start == 0 and report.title == ""
    assert report.type != "计划"


@pytest.mark.parametrize("teasers", [_TEASERS, _TEASERS.replace("相关文章\n", "")])
def test_segment_teasers_are_not_reports(teasers: str) -> None:
    reports = segment_text(_BODY + teasers)
    assert len(reports) == 1
    assert reports[0].end <= len(_BODY)


def test_segment_report_after_a_list_of_related_pages_is_kept() -> None:
    """A page that opens with a list of related pages (each a date and a title) and then gives
    its own report: the report is the title over the first paragraph after the list, not the
    first title of the list."""
    related = (
        "相关文章\n某校安全工作自查报告8篇\n2024-03-02 10:11:12某中学食堂管理自查报告范文\n"
        "2024-03-05 08:09:10教师师德自查报告(精选6篇)\n2024-03-06 07:08:09\n"
    )
    title = "某县义务教育均衡发展工作自查报告"
    body = (
        "一、基本情况\n接到上级关于开展义务教育均衡发展督导自查的通知后,我县高度重视,成立了"
        "自查工作领导小组,对全县中小学逐校进行了全面自查。现将自查情况报告如下:\n"
    )
    (report,) = segment_text(related + title + "\n" + title + "\n" + body)
    assert report.title == title and report.type == "自查"
    assert report.start == len(related)


def test_segment_related_list_without_a_report_after_it_adds_nothing() -> None:
    """Titles listed after a report are not part of it (they end no report's span)."""
    title = "某县义务教育均衡发展工作总结"
    listed = "相关文章\n某镇中心小学义务教育均衡发展工作计划\n某县教育局工作总结\n"
    (report,) = segment_text(title + "\n" + _BODY + listed)
    assert report.title == title and report.end <= len(title) + 1 + len(_BODY)


def test_segment_title_broken_after_its_year_and_region() -> None:
    """A title broken after its year and place (2014年某某自治区 / 教育事业发展统计公报) is one
    title, and the place is its unit."""
    text = "2014年西藏自治区\n教育事业发展统计公报\n" + _BODY
    report = only_report(text)
    assert report.title == "2014年西藏自治区教育事业发展统计公报"
    assert report.unit_name == "西藏自治区"


def test_segment_truncated_preview_with_a_long_body_stays_a_report() -> None:
    text = "某县义务教育均衡发展自查报告\n" + _BODY + "三、下一步打算:继续加大投入……\n"
    (report,) = segment_text(text)
    assert report.title == "某县义务教育均衡发展自查报告" and report.type == "自查"


def test_segment_news_headline_over_its_dateline() -> None:
    text = (
        "首页 > 新闻\n某市农村学校办学条件全面改善\n张三/某某日报\n"
        "2021-03-05 10:20 来源: 某某日报\n"
        "本报讯 记者从某市教育局获悉,全市农村学校办学条件全面改善,义务教育均衡发展取得新进展。\n"
    )
    report = only_report(text)
    assert report.title == "某市农村学校办学条件全面改善"
    assert report.date == "2021-03-05" and report.type == "其他"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("2021-10-08 15:42 来源: 某通讯社", "2021-10-08"),
        ("发布时间: 2022-10-10 09:11:00 来源: 某某网", "2022-10-10"),
        ("某某网  时间:07/09/2013 10:25:16", "2013-07-09"),
        ("2019年9月3日", None),  # a date line, no dateline: read by parse_date_line
        ("投入资金2019-09-03", None),
        # named, without a time of day; not the time a sharing site took the copy
        ("发布时间：2023-12-20 来源：某县教育局", "2023-12-20"),
        ("时间:2021年3月5日  作者:张三", "2021-03-05"),
        ("作者:佚名  更新时间:2016-04-02", None),
        ("上传时间:2016-04-02", None),
    ],
)
def test_segment_parse_dateline(line: str, iso: str | None) -> None:
    assert parse_dateline(line) == iso


def test_segment_headline_over_a_dateline_without_time() -> None:
    text = (
        "当前位置:首页 > 教育动态\n某县扎实推进义务教育优质均衡发展\n"
        "时间:2021年3月5日  来源:某县融媒体中心\n"
        "近日,记者从某县教育局了解到,全县义务教育优质均衡发展创建工作稳步推进。\n"
    )
    report = only_report(text)
    assert report.title == "某县扎实推进义务教育优质均衡发展"
    assert report.date == "2021-03-05"


def test_segment_body_after_chrome_is_kept_whole() -> None:
    text = "合集下载\n" + _BODY
    (report,) = segment_text(text)
    assert text[report.start : report.end] == _BODY.rstrip("\n")


_DEV = Path(__file__).resolve().parents[2] / "shared" / "devcorpus" / "docs"
_GOLD = Path(__file__).resolve().parents[1] / "corpus" / "gold" / "dev"


def _tuning_pages() -> list[str]:
    if not _DEV.is_dir():
        return []
    held_out = set((_GOLD / "heldout.txt").read_text(encoding="utf-8").split())
    return sorted(p.stem for p in _GOLD.glob("d*.json") if p.stem not in held_out)


@pytest.mark.skipif(not _DEV.is_dir(), reason="../shared/devcorpus is absent")
@pytest.mark.parametrize("page", _tuning_pages())
def test_segment_dev_page_body_is_not_dropped_as_chrome(page: str) -> None:
    """Every gold report's body (the tuning pages only) lies inside the reports found."""
    raw = (_DEV / f"{page}.txt").read_bytes().decode("utf-8")
    text, offsets = normalize(raw)
    spans = [offsets.to_raw(r.start, r.end) for r in segment_text(text)]
    gold = json.loads((_GOLD / f"{page}.json").read_text(encoding="utf-8"))
    for report in gold["reports"]:
        body_start = report["title_end"] if report.get("title_end") is not None else report["start"]
        wanted = [i for i in range(body_start, report["end"]) if not raw[i].isspace()]
        covered = [i for i in wanted if any(start <= i < end for start, end in spans)]
        assert len(covered) >= 0.98 * len(wanted), (page, len(covered), len(wanted))


def test_segment_signature_run_into_the_last_paragraph_dates_the_report() -> None:
    text = (
        "关于均衡发展督导反馈问题的整改报告\n一、基本情况\n"
        "我校共有学生1200人,教师80人,各项整改工作有序推进,确保顺利通过县政府对我校义务教育均衡"
        "发展工作的验收。 青山中学 2018.06.15\n"
    )
    report = only_report(text)
    assert report.date == "2018-06-15"


def test_segment_a_unit_line_above_the_title_opens_the_title() -> None:
    """A school's name on the line right above its report's title (a file card's 文档介绍: before
    it) is part of the title and names the unit."""
    text = (
        "文档名称:\n自查报告.docx\n\n"
        "文档介绍:青河乡中心小学\n义务教育均衡发展自查报告\n一、学校基本情况\n"
        "我校现有教学班12个,在校学生420人,专任教师31人。学校占地面积15000平方米。\n"
        "二、自查情况\n我校对照标准逐项开展自查,各项指标均已达到要求,校舍建筑面积3600平方米。\n"
    )
    report = only_report(text)
    assert report.title == "青河乡中心小学义务教育均衡发展自查报告"
    assert report.unit_name == "青河乡中心小学"


_BODY = (
    "一、基本情况\n全乡现有中小学9所,在校学生3100人,专任教师260人。近年来,我乡认真落实各项"
    "要求,全面推进义务教育均衡发展。\n二、主要工作\n我乡加大投入,改善办学条件,新建校舍4000平方米。\n"
)


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (  # 关于 + the matter, broken before the kind of text
            "关于石门乡义务教育均衡发展\n督导评估整改情况的报告",
            "关于石门乡义务教育均衡发展督导评估整改情况的报告",
        ),
        (  # the issuer, then 关于…, then the kind on a line of its own
            "石门乡人民政府\n关于义务教育均衡发展工作的\n自查报告",
            "石门乡人民政府关于义务教育均衡发展工作的自查报告",
        ),
        (  # an inspection team's feedback, broken mid-word, a 、 inside its brackets
            "省教育督导检查组\n对石门乡等6个乡(镇、街道)义务\n教育均衡发展督导检查反馈意见",
            "省教育督导检查组对石门乡等6个乡(镇、街道)义务教育均衡发展督导检查反馈意见",
        ),
    ],
)
def test_segment_a_title_broken_over_lines_is_one_title(lines: str, title: str) -> None:
    report = only_report(lines + "\n" + _BODY)
    assert report.title == title
    assert report.start == 0 and report.title_start == 0


def test_segment_a_headline_under_a_sites_link_lines() -> None:
    """A health site's page: eight lines of its own links and searches, then the news item's
    headline over its dateline: the headline is the title, the dateline the date."""
    links = "".join(
        f"{q}\n\n"
        for q in (
            "春季如何养生?",
            "失眠怎么办?",
            "颈椎病怎么治?",
            "血压高吃什么?",
            "孩子挑食怎么办?",
            "感冒吃什么药?",
        )
    )
    text = (
        f"{links}最近搜索\n热门搜索\n\n青山省投入9亿元改善农村学生营养\n\n"
        "转载 来源: 新闻网 2016/9/12 10:05:00\n\n"
        "记者从省教育厅获悉,全省农村义务教育学生营养改善计划已覆盖42个县,受益学生超过80万人。"
        "省财政累计安排资金9亿元,用于营养膳食补助和食堂建设。\n"
    )
    report = only_report(text)
    assert report.title == "青山省投入9亿元改善农村学生营养"
    assert report.date == "2016-09-12"


@pytest.mark.parametrize("above", ["某某网\n\n某某网\n", "APP下载\n"])
def test_segment_an_untitled_pages_title_below_the_sites_name(above: str) -> None:
    """A site's name or an app link above the page's own title line: the first short line that
    reads as a title naming the domain is the title."""
    text = f"{above}\n某县教育体育局机构简介\n\nadmin\n\n{_BODY}"
    assert only_report(text).title == "某县教育体育局机构简介"


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("王建国:山区县义务教育均衡发展的难点与对策", "山区县义务教育均衡发展的难点与对策"),
        (
            "专家观点:山区县义务教育均衡发展的难点与对策",
            "专家观点:山区县义务教育均衡发展的难点与对策",
        ),
    ],
)
def test_segment_an_authors_name_before_a_title_is_not_the_title(title: str, clean: str) -> None:
    text = (
        title
        + "\n"
        + "近年来,山区县义务教育均衡发展取得明显成效,但城乡之间、校际之间的差距仍然存在,"
        "农村学校办学条件和师资水平有待进一步提高。\n"
    )
    assert only_report(text).title == clean


@pytest.mark.parametrize(
    "lead",
    [
        "【本报讯】据市统计局资料显示,",
        "江城新闻网讯(记者 李华) 记者从市教育局获悉,",
        "新华社江城5月6日电 记者从市教育局获悉,",
    ],
)
def test_segment_news_headline_over_its_lead(lead: str) -> None:
    """A news item's headline names no domain word, but the line under it (or under its date)
    opens with the paper's lead: it is the item's title."""
    headline = "江城在校生突破十万 随迁子女占两成"
    body = lead + "今年全市共有在校生10.2万人,比上年增加3100人,其中随迁子女2.1万人,占20.6%。\n"
    assert only_report(headline + "\n" + body).title == "江城在校生突破十万随迁子女占两成"
    dated = headline + "\n\n06.05.2021  10:20\n\n" + body
    assert only_report(dated).title == "江城在校生突破十万随迁子女占两成"


def test_segment_a_news_lead_without_a_headline_above_gives_no_title() -> None:
    text = "【本报讯】据市统计局资料显示,今年全市共有在校生10.2万人,比上年增加3100人。\n"
    assert only_report(text).title == ""
