"""Titles, types and units of web copies (issue 14): file cards and page marks of sharing sites,
government metadata lists, encyclopedia cells, titles over two lines or under a unit line, reworded
repeats, letter-spaced text, and units named only in the text. Every example is invented, with the
shapes seen on the tuning pages of ../shared/devcorpus."""

from __future__ import annotations

import pytest
from junheng.core.normalize import normalize
from junheng.segment import segment_text
from junheng.segment.meta import title_type, unit_in_body, unit_in_title, unit_opening
from junheng.segment.regions import named_most
from junheng.segment.rules import load_rules

_BODY = (
    "学校现有教学班8个,在校学生236人,专任教师19人。近年来,在上级部门的关心支持下,学校办学"
    "条件得到了明显改善,新建了综合楼一栋,配齐了音体美器材。"
)


def _one(raw: str):  # type: ignore[no-untyped-def]
    text, _ = normalize(raw)
    reports = segment_text(text)
    assert len(reports) == 1, [r.title for r in reports]
    return text, reports[0]


def test_file_card_that_reads_like_a_title_is_chrome_and_the_page_mark_is_peeled() -> None:
    raw = (
        "2021年青山镇小学办学条件达标汇报 .pdf\n"
        "《2021年青山镇小学办学条件达标汇报 .pdf》由用户上传,可在线预览,查找更多请用本站搜索。\n"
        f"1、青山镇小学办学条件达标汇报一、本校概况{_BODY}\n"
        f"2、{_BODY}\n"
    )
    text, report = _one(raw)
    assert report.title == "青山镇小学办学条件达标汇报"
    assert report.type == "汇报"
    assert text[report.start : report.start + 2] == "青山"


def test_list_mark_before_a_plain_numbered_line_stays_body() -> None:
    raw = f"某县义务教育均衡发展工作总结\n{_BODY}\n1、学校均衡发展规划。{_BODY}\n"
    _, report = _one(raw)
    assert report.title == "某县义务教育均衡发展工作总结"


def test_government_metadata_written_as_a_list_is_chrome() -> None:
    raw = (
        "- 索引号11112222-333\n- 发布机构\n- 文号\n- 发布日期2020-03-02\n- 有效性有效\n"
        "青河县5200万元“全面改薄”资金提升青河县农村薄弱学校的办学水平\n"
        f"2019年青河县{_BODY}\n"
    )
    _, report = _one(raw)
    assert report.title == "青河县5200万元“全面改薄”资金提升青河县农村薄弱学校的办学水平"
    assert report.unit_name == "青河县"
    assert report.date == "2020-03-02"


def test_encyclopedia_entry_cells() -> None:
    raw = (
        "词条 | 白沙镇中心校 |\n"
        f"释义 | 白沙镇中心校,简称白沙镇小,位于某市某县。{_BODY} |\n"
        "随便看看 |\n本百科共收录7654321个中文词条,是一部开放编辑的网络百科。\n"
    )
    _, report = _one(raw)
    assert report.title == "白沙镇中心校"
    assert report.unit_name == "白沙镇中心校"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("农村学生午餐补助计划评估报告", "报告"),  # a qualified 报告 after another type word
        ("2021年教育事业发展规划工作总结", "总结"),  # the type word the title ends with
        ("全面改薄工作自查情况报告", "自查"),  # a generic 报告 gives way to 自查
        ("某县均衡发展推进情况汇报", "推进情况"),
        ("某县均衡发展整改情况报告", "整改报告"),
        ("某镇中心小学义务教育均衡发展工作计划", "计划"),
        ("报告:七成农村学生在县城就读", None),  # 报告: names a cited text
        ("学习《某县教育发展规划》的体会", None),
        ("偏远地区教育发展及相关重大计划办理成效之检讨", None),  # a study's, of plans
    ],
)
def test_title_type(title: str, kind: str | None) -> None:
    assert title_type(title, load_rules()) == kind


def test_title_on_two_lines_with_its_last_words_alone() -> None:
    raw = f"农村学校学生午餐补助计划\n\n评估报告\n\n一、评估背景\n{_BODY}\n"
    _, report = _one(raw)
    assert report.title == "农村学校学生午餐补助计划评估报告"
    assert report.type == "报告"
    # a last line of eight characters (…开学初 / 安全检查情况汇报)
    raw = f"青山乡教育办公室2019年秋季学期开学初\n安全检查情况汇报\n{_BODY}\n"
    _, report = _one(raw)
    assert report.title == "青山乡教育办公室2019年秋季学期开学初安全检查情况汇报"
    assert report.type == "汇报"


def test_unit_line_above_the_title_under_a_glued_marker() -> None:
    raw = (
        "均衡迎检自查报告 迎检自查报告\n\n均衡迎检自查报告 篇1\n\n  石桥镇中心学校\n\n"
        f"  义务教育优质均衡创建自查报告\n\n  近年来,我校{_BODY}\n"
    )
    _, report = _one(raw)
    assert report.title == "石桥镇中心学校义务教育优质均衡创建自查报告"
    assert report.unit_name == "石桥镇中心学校"
    assert report.type == "自查"


def test_repeated_title_glued_onto_a_sentence_that_opens_with_wo_xian() -> None:
    raw = (
        "2021年教育事业发展十四五规划工作总结\n\n"
        f"2021年教育事业发展“十四五”规划工作总结我区教育发展规划实施以来,{_BODY}\n"
    )
    _, report = _one(raw)
    assert report.title == "2021年教育事业发展“十四五”规划工作总结"
    assert report.type == "总结"
    assert report.unit_name is None


def test_reworded_repeat_of_the_title_is_body() -> None:
    raw = f"小学素质教育推进状况分析报告小学素质训练推进情况分析报告一、基本状况1、xx中学{_BODY}\n"
    _, report = _one(raw)
    assert report.title == "小学素质教育推进状况分析报告"


def test_untitled_report_typed_by_its_first_heading() -> None:
    raw = f"一、实施进展情况(薄弱校改造)\n2019年度,我区获得专项资金80万元。{_BODY}\n"
    _, report = _one(raw)
    assert report.title == "" and report.type == "推进情况"


def test_letter_spaced_title_glued_onto_the_body() -> None:
    raw = (
        "学 校 面 临 的 主 要 困 难 和 问 题目 前 全 校 有 36 个 教 学 班 ,在 校 学 生 1890 人 ,"
        "班 额 平 均 52.5。可 见 学 生 增 长 太 快 ,学 校 规 模 已 超 过 了 现 有 "
        "的 校 舍 条 件 。1、办学条件亟需改善。功能用房明显不足,宿舍床位紧张。\n"
    )
    text, report = _one(raw)
    assert text.startswith("学校面临的主要困难和问题目前全校有36个教学班,在校学生1890人,")
    assert report.title == "学校面临的主要困难和问题"
    assert report.type == "其他"


def test_letter_spaced_text_maps_back_to_its_source() -> None:
    raw = "学 校 共 54 个 教 学 班 ，学 生 4108 名 。来源： 新华社 A B"
    text, offsets = normalize(raw)
    assert text == "学校共54个教学班,学生4108名。来源:新华社 A B"
    start = text.index("4108")
    assert raw[slice(*offsets.to_raw(start, start + 4))] == "4108"
    assert all(raw[s] != " " for s in offsets.source if text[offsets.source.index(s)] != " ")


@pytest.mark.parametrize(
    ("body", "unit"),
    [
        ("一、学校概况1、学校位置:青山小学地处某县城东郊。我校现有教学班6个。", "青山小学"),
        ("10月8日上午开始,临河县教体局均衡办对全县学校进行了督查。", "临河县"),
        ("近年来,平原市各级党委政府认真履行职责。本文对我市义务教育进行了分析。", "平原市"),
        ("首先我代表白杨学区全体师生对各位领导表示欢迎!欢迎莅临我校指导!", "白杨学区"),
        ("面对人民的期盼,河口县委、县政府举全县之力推进均衡发展。", "河口县"),
        # peers in a list, a sentence's opening words, a verb before 市: no unit
        ("我们赴常熟、江阴、武进区等兄弟市区学习考察。我区民工子弟学校较多。", None),
        ("这些年,随着我市外来务工人员不断增加,市区教育局做了许多工作。", None),
        ("全市上下建立了市政府统筹、部门协作的工作机制。", None),
        ("我们分析学校现有条件,每周对学校进行检查。我校教师认真落实。", None),
        ("加快缩小县域内城乡教育差距,全县学校均达到标准。", None),
    ],
)
def test_unit_in_body(body: str, unit: str | None) -> None:
    assert unit_in_body(body, load_rules()) == unit


def test_a_kind_of_county_is_no_unit_and_the_region_is_taken() -> None:
    assert unit_in_title("广西贫困县学生吃上营养午餐") is None
    raw = (
        "广西贫困县学生吃上营养午餐\n\n某某网  时间:07/09/2013 10:25:16   来源:某新闻网\n\n"
        "从2013年春季学期开始,某省有32个县区的农村中小学生吃上了营养午餐,学生们在食堂用餐。"
        "每人每天4元的标准,为贫困县的农村义务教育阶段学生提供午餐补助。\n"
    )
    _, report = _one(raw)
    assert report.unit_name == "广西"
    assert report.date == "2013-07-09"


def test_a_table_row_at_the_end_is_no_signature() -> None:
    raw = (
        "某市外来务工人员随迁子女就学情况调查\n"
        f"一、现状\n目前,xx市{_BODY}\n区名 学生总数 其中务工人员子女\n"
        "东关区 28.611 163 245\n西城区 42.530 869 3.475\n"
    )
    _, report = _one(raw)
    assert report.unit_name is None


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("全国城镇普遍开放。2017年全国有初中毕业生若干。全国农村留守儿童减少。", "全国"),
        ("宁夏回族自治区教育厅通报,宁夏各县均通过评估。", "宁夏回族自治区"),
        ("全国一次,河北一次。", None),  # named once each: no region stands out
    ],
)
def test_named_most(text: str, region: str | None) -> None:
    assert named_most(text) == region


@pytest.mark.parametrize(
    "prefix",
    ["精选优质文档-倾情为你奉上", "— 1 —", "最新", "内容预览:"],
)
def test_site_words_glued_before_the_title_are_chrome(prefix: str) -> None:
    """A 文库 shop's slogan, a page number, a 范文 site's 最新 or a preview's label glued before the
    first line is not part of the title."""
    _, report = _one(f"{prefix}青山镇小学义务教育均衡发展工作自查报告\n{_BODY}\n")
    assert report.title == "青山镇小学义务教育均衡发展工作自查报告"
    assert report.type == "自查"


def test_a_repost_that_names_the_original_title_first() -> None:
    _, report = _one(f"原标题:青山县实现义务教育基本均衡发展目标\n{_BODY}\n")
    assert report.title == "青山县实现义务教育基本均衡发展目标"


@pytest.mark.parametrize(
    ("headline", "kind"),
    [
        # a type word inside a news headline says what the news is about, not what it is
        ("实现县域义务教育均衡发展规划目标", "其他"),
        # …one it ends with still names the text's type
        ("青山县义务教育均衡发展工作总结", "总结"),
    ],
)
def test_a_reposts_headline_names_a_type_only_by_its_last_word(headline: str, kind: str) -> None:
    _, report = _one(f"原标题:{headline}\n{_BODY}\n")
    assert report.type == kind


@pytest.mark.parametrize(
    ("body", "unit"),
    [
        # the town's name, then 镇 opening "the town governs …"
        ("青石镇镇辖12个行政村,全镇现有小学6所。我镇高度重视义务教育均衡发展工作。", "青石镇"),
        # a kind of school names no school
        ("中心学校位于镇区,始建于1958年。我校现有教学班12个。", None),
        # who chaired a meeting: "由县政府…" is no unit "会议由县"
        ("全县均衡发展推进会召开。会议由县政府副县长王红主持,全县各校校长参会。", None),
    ],
)
def test_unit_in_body_shapes(body: str, unit: str | None) -> None:
    assert unit_in_body(body, load_rules()) == unit


def test_a_kind_of_school_in_the_title_is_no_unit() -> None:
    assert unit_in_title("中心学校办学条件达标自查报告") is None
    assert unit_in_title("青石镇中心学校办学条件达标自查报告") == "青石镇中心学校"


def test_a_news_item_on_several_regions_names_no_one_of_them() -> None:
    """Feedback to three provinces at once is about none of them alone; about one, it is that
    one."""
    news = (
        "国家督导检查组今天公布了对{}28个县的督导检查反馈意见。督导组认为,各县达到了评估认定标准。"
    )
    _, several = _one(news.format("湖北省、湖南省和江西省") + "\n")
    assert several.unit_name is None
    _, one = _one(news.format("江西省") + "\n")
    assert one.unit_name == "江西省"


def test_a_units_name_leaves_out_the_gloss_after_it() -> None:
    """A unit is given as the source writes it, but a ruby gloss after its last character is the
    copy's, not the name's (a title keeps it as written)."""
    from junheng.ingest.limits import DEFAULT_LIMITS
    from junheng.ingest.txt import read
    from junheng.segment import segment

    raw = (
        "國家督導檢查組今天公布了對江西省(shěng)28個(gè)縣的督導檢查反饋意見。督導組認(rèn)為,各縣"
        "達(dá)到了評估認定標準。\n"
    )
    doc = read(raw.encode("utf-8"), "case.txt", DEFAULT_LIMITS)
    assert [r.unit_name for r in segment(doc)] == ["江西省"]


def test_html_tags_and_file_card_fields_are_chrome() -> None:
    """Lines of HTML tags a copy kept, and a sharing site's file card (ID/大小/页数 one per line):
    not a report of their own, not the report's title."""
    raw = (
        '<p id="ab12"><strong id="ab12"></strong></p>\n'
        '  1. <pre id="ab12"></pre>\n'
        "青山镇义务教育均衡发展工作汇报\n"
        "ID:4471902\n大小:41.2 KB\n页数:3页\n"
        "《青山镇义务教育均衡发展工作汇报》由会员上传分享,免费在线阅读。\n"
        f"青山镇义务教育均衡发展工作汇报\n{_BODY}\n"
    )
    text, report = _one(raw)
    assert report.title == "青山镇义务教育均衡发展工作汇报"
    assert "<" not in text[report.start : report.end]


def test_a_collection_of_dropout_control_reports() -> None:
    """控辍保学 names the domain: the collection's title (…4篇) is not the report's, the member's
    own title line (…报告1) starts it."""
    raw = (
        "控辍保学工作自查报告5篇\n上传时间:\n以下整理了控辍保学工作自查报告(精选5篇),仅供参考。\n"
        f"控辍保学工作自查报告1\n{_BODY}\n"
    )
    text, report = _one(raw)
    assert report.title == "控辍保学工作自查报告"
    assert text[report.start :].startswith("控辍保学工作自查报告1")


def test_a_sharing_sites_upload_time_is_no_date() -> None:
    """A 文库/范文 page's time line is when a member uploaded the file; a news page's is the
    report's date."""
    upload = f"青山镇中心小学办学条件自查报告\n时间:2024-03-11 08:15:40 作者:会员上传\n{_BODY}\n"
    assert _one(upload)[1].date is None
    news = f"青山镇中心小学办学条件自查报告\n发布时间:2023-07-03 来源:县教育局\n{_BODY}\n"
    assert _one(news)[1].date == "2023-07-03"
    # a question-and-answer site's post time dates the member's question
    asked = f"青山镇中心小学办学条件自查报告\n发布网友 发布时间:2024-10-24 15:05\n{_BODY}\n"
    assert _one(asked)[1].date is None


def test_a_post_card_and_a_classification_line_are_chrome() -> None:
    raw = (
        "- 1\n- 0\n- 约8.25千字\n- 约 10页\n- 2021-02-23 发布于四川\n- 举报\n"
        "2010 年工作总结和 2011 年工作打算\n县教育体育局\n(2010 年 11 月 26 日)\n"
        f"{_BODY}\n"
    )
    _, report = _one(raw)
    assert report.title.replace(" ", "") == "2010年工作总结和2011年工作打算"
    assert report.type == "总结" and report.date == "2010-11-26"
    assert report.unit_name != "四川"
    raw = f"-分类:教育统计数据;教育\n-标题:2023年全县教育事业统计数据\n{_BODY}\n"
    _, report = _one(raw)
    assert report.title == "2023年全县教育事业统计数据"


def test_a_main_title_over_its_subtitle_under_a_marker() -> None:
    raw = (
        "义务教育均衡汇报材料\n\n义务教育均衡汇报材料 篇1\n\n提升教育内涵\n\n"
        f"——陈集中心小学义务教育均衡发展汇报材料\n\n{_BODY}\n"
    )
    reports = segment_text(normalize(raw)[0])
    assert [r.title for r in reports] == ["提升教育内涵——陈集中心小学义务教育均衡发展汇报材料"]
    assert reports[0].unit_name == "陈集中心小学"


def test_a_yearbook_tables_number_is_no_part_of_the_title() -> None:
    _, report = _one(f"10-15  市区教育事业基本情况\n{_BODY}\n")
    assert report.title == "市区教育事业基本情况"


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("莲湖区现有学校136所,在校学生总数约8.7万人。", "莲湖区"),
        ("义马市位于河南省西部,总面积1892平方公里。", "义马市"),
        ("新民小学位于县城东郊,始建于1958年。", "新民小学"),
        ("全县现有学校42所。", None),
        # a county of a one-character name, after a journal database's <正> mark
        ("<正>沛县隶属徐州市,地处苏鲁豫皖四省交界。", "沛县"),
        ("该县现有学校42所。", None),
        # the first sentence under the text's opening heading
        ("一、东川区基本概况\n东川区地处云南省东北部,辖7个乡镇。", "东川区"),
        ("一、基本情况\n全县现有学校42所。", None),
    ],
)
def test_the_unit_opening_an_untitled_text(sentence: str, unit: str | None) -> None:
    assert unit_opening(sentence) == unit


def test_an_upload_card_line_does_not_hide_the_unit_opening_the_text() -> None:
    _, report = _one(f"时间:09-17人气:29作者:某某\n莲湖区现有学校136所,在校学生8.7万人。{_BODY}\n")
    assert report.unit_name == "莲湖区"


def test_a_page_named_only_by_its_file_card() -> None:
    raw = (
        "当前义务教育均衡发展存在问题与策略思考Word文档下载推荐.docx\n"
        "- 文档编号:17217269\n- 上传时间:2022-11-29\n- 格式:DOCX\n- 页数:9\n- 大小:28.07KB\n"
        "当前义务教育均衡发展存在问题与策略思考Word文档下载推荐.docx\n"
        f"{_BODY}\n"
    )
    text, report = _one(raw)
    assert report.title == "当前义务教育均衡发展存在问题与策略思考"
    assert text[report.title_start : report.title_end] == report.title
    assert "文档编号" not in text[report.start : report.end]


def test_a_main_title_with_a_comma_over_its_subtitle_under_a_marker() -> None:
    """第一篇:… then a main title of two phrases divided by a comma, a blank line, ——subtitle:
    one title of both lines (not the subtitle alone)."""
    raw = (
        "第一篇:着力推进教育均衡\n\n着力推进教育均衡,全面提高办学质量\n\n"
        f"——青山镇中心小学2012年工作总结\n\n{_BODY}\n"
    )
    _, report = _one(raw)
    title = "着力推进教育均衡,全面提高办学质量——青山镇中心小学2012年工作总结"
    assert report.title.replace("\n", "") == title
    assert report.type == "总结"


def test_a_title_with_a_footnote_mark() -> None:
    """统计公报[1]: a bulletin's title copied from an encyclopedia keeps its note's number out."""
    _, report = _one(f"2016年青山县国民经济和社会发展统计公报[1]\n青山县统计局\n{_BODY}\n")
    assert report.title == "2016年青山县国民经济和社会发展统计公报"


def test_a_title_in_square_brackets_with_the_body_run_on() -> None:
    _, report = _one(f"【青山县义务教育优质均衡发展报告】{_BODY}\n")
    assert report.title == "青山县义务教育优质均衡发展报告"
    assert report.type == "报告"


def test_a_government_pages_metadata_table_copied_with_its_bars() -> None:
    """文件名称 | … | the title; 公开责任部门 | …政府办公室 | the unit (the county); 成文日期: | …
    the date; the other rows are chrome."""
    raw = (
        "文件名称 | 2021年青山县教育基本情况 | ||\n"
        "索引号 | qsx/2021-1328 | 公开目录: | 教育信息 |\n"
        "公开责任部门 | 青山县政府办公室 | 公开形式: | 主动公开 |\n"
        "文号 | 成文日期: | 2021年03月11日 | |\n"
        f"1.学校情况:{_BODY}\n"
    )
    _, report = _one(raw)
    assert report.title == "2021年青山县教育基本情况"
    assert report.unit_name == "青山县"
    assert report.date == "2021-03-11"


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ("建设镇教育", "建设镇"),  # a place named by a word that is also a verb
        ("青山区责任督学督导整改意见学校处理情况记录表", "青山区"),  # no school's name
        ("青山区义务教育均衡发展工作汇报", "青山区"),  # 山区 inside a name is no kind of place
        ("山东城乡义务教育一体化创新实践", None),  # 城乡 is no 乡
        ("实现县域义务教育均衡发展规划目标", None),  # 县域 is a word, 实现县 no name
    ],
)
def test_units_in_titles_named_by_words_that_are_also_other_words(
    title: str, unit: str | None
) -> None:
    assert unit_in_title(title) == unit


def test_a_title_repeated_with_a_name_run_into_it() -> None:
    """A copy that glued title, school name and title again onto one line keeps the first title
    (and its unit), not the name with the title."""
    raw = (
        "\n学校义务教育均衡发展工作总结\n"
        "青山县河口村小学义务教育均衡发展工作总结河口村小学青山县河口村小学义务教育均衡发展工作总结"
        f"{_BODY}\n"
    )
    _, report = _one(raw)
    assert report.title == "青山县河口村小学义务教育均衡发展工作总结"
    assert report.unit_name == "河口村小学"  # its own name, the county left off


def test_page_marks_without_the_files_extension() -> None:
    """…自查报告_第1页 … _第3页, then the body with its title run into it: the marks are chrome,
    and the page holds one report (not one for the marks and one for the body)."""
    marks = "".join(f"2023年青山中心学校义务教育自查报告_第{n}页\n" for n in range(1, 4))
    body = f"2023年青山中心学校义务教育自查报告依据上级文件的要求,我校开展了自查。{_BODY}"
    card = (
        "免费预览已结束,剩余1页可下载查看\n\n下载本文档\n\n版权说明:本文档由会员自行上传\n\n"
        "文档简介\n\n"
    )
    _, report = _one(f"{marks}{card}{body}\n")
    assert report.title == "2023年青山中心学校义务教育自查报告"
    assert report.type == "自查"


def test_a_forum_posts_attachment_card_is_chrome() -> None:
    """A forum post shows an image's card before its text (file name and size, 下载附件, 保存到相册,
    the upload time): none of it is the title or the date; a meeting "由县…主持" names no unit."""
    raw = (
        "|\n20190411093015221.jpg (86.20 KB, 下载次数: 12)\n下载附件\n保存到相册\n"
        "2019-4-11 09:30 上传\n4月9日,全县义务教育均衡发展推进会召开。会议由县政府副县长王红主持。"
        f"\n{_BODY}\n"
    )
    _, report = _one(raw)
    assert not report.title
    assert report.date is None
    assert report.unit_name is None


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # a site's category glued before a title that ends with the same words
        (f"调研报告山区学校办学条件调研报告\n{_BODY}\n", "山区学校办学条件调研报告"),
        # a news page's part number after its headline
        (f"全市2021年中小学数据统计(3)\n来源:市教育局\n{_BODY}\n", "全市2021年中小学数据统计"),
    ],
)
def test_a_titles_site_category_and_part_number_are_peeled(raw: str, title: str) -> None:
    assert _one(raw)[1].title == title


def test_a_school_named_after_a_heading_run_into_its_first_sentence() -> None:
    """ "一、学校基本状况青林山学校位于…": the heading ran into the sentence; the name after it is
    the unit, though it holds no place word (the report calls itself 我校)."""
    raw = (
        "学校督导评估自查报告\n"
        "一、学校基本状况青林山学校位于青林山林场西侧。学校占地9800平方米,现有6个教学班。"
        "二、评估的准备情况我校高度重视此次评估工作,成立了自评小组,全面开展自查工作。\n"
    )
    _, report = _one(raw)
    assert report.unit_name == "青林山学校"


def test_a_pages_summary_before_the_full_report_is_no_report() -> None:
    """A sharing site gives the title and the opening words cut off, then the report in full
    (its quotation marks written otherwise): one report, the full one."""
    title = "青山镇中心学校两基迎国检自查自纠报告"
    opening = (
        "工作放在首位,依据上级方案制定了本校迎检计划。我们成立工作小组,层层落实责任,"
        "做到分工明确、各司其"
    )
    raw = (
        f"{title}\n2020-01-01 00:00:00自查报告\n"
        f'{title} 我校始终把"两基"{opening}\n'
        f"{title} 我校始终把“两基”{opening}职,保证了迎检工作有序开展。{_BODY}\n"
    )
    text, report = _one(raw)
    assert text[report.start : report.end].count(title) == 1
    assert text[report.end - 20 : report.end] == text.rstrip()[-20:]


@pytest.mark.parametrize("editor", ["小编整理的", "小编帮大家整理的", "小编精心为大家收集的"])
def test_a_sample_sites_introduction_is_chrome(editor: str) -> None:
    """A 范文 site's editor introduces its samples ("下面是小编整理的…,希望对大家有所帮助"), then
    the sample: one report, the sample, not the introduction."""
    raw = (
        "青山小学办学条件自查报告\n时间:2024-07-18 19:00:12\n"
        f"如今各类报告的用处越来越多。下面是{editor}青山小学办学条件自查报告,供大家参考。\n"
        f"青山小学办学条件自查报告1\n一、学校基本情况\n{_BODY}\n"
    )
    text, report = _one(raw)
    assert "小编" not in text[report.start : report.end]
    assert report.type == "自查"


def test_a_signature_closed_like_a_sentence_names_the_unit() -> None:
    """An untitled report signed "青溪中心学校。" (a full stop after the name) is that school's."""
    raw = (
        "一、基本情况:\n我镇共有13所中小学,其中初中2所,中心小学1所。\n"
        "二、存在的困难:\n1、中心小学的征地矛盾尚未彻底解决,拟建项目无法实施。\n青溪中心学校。\n"
    )
    _, report = _one(raw)
    assert report.unit_name == "青溪中心学校"


def test_a_school_named_by_its_short_name_is_the_unit() -> None:
    """ "青山五中分部位于…" (a school's short name, 五中 for 第五中学, and its second site) names
    the school the report speaks of as 全校."""
    raw = (
        "迎接两项制度督导评估汇报材料\n近几年来,在全校师生的共同努力下,学校办学条件不断改善。"
        "具体情况汇报如下:\n一、基本情况\n青山五中分部位于青桂公路旁的板桥镇,是一所乡镇初级中学。\n"
    )
    _, report = _one(raw)
    assert report.unit_name == "青山五中分部"


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("本网讯 近日,六盘水市水城县县域义务教育优质均衡推进会召开。", "水城县"),
        ("11月3日,城关镇中心小学举行迎检动员会。", "城关镇中心小学"),
        ("近日,记者一行来到桃源,走访了不少学校。", None),  # no place opens the sentence
        ("全县现有学校42所。", None),  # no news lead
    ],
)
def test_the_place_a_news_items_lead_opens_with(sentence: str, unit: str | None) -> None:
    from junheng.segment.meta import unit_after_news_lead

    assert unit_after_news_lead(sentence) == unit


def test_skip_links_and_empty_search_answers_are_chrome() -> None:
    raw = f"跳到主要内容区块\n:::\n• 没有找到结果。\n偏远地区教育发展情况的分析\n{_BODY}\n"
    _, report = _one(raw)
    assert report.title == "偏远地区教育发展情况的分析"
    assert report.unit_name is None or "跳到" not in report.unit_name


def test_a_government_pages_banner_navigation_and_fields_are_chrome() -> None:
    """A government page: the site's banner with its address, the 政府信息公开 links and the
    metadata with spaced field names are chrome; the title is the 通报's line."""
    raw = (
        "东山县人民政府 www.dsx.gov.cn\n\n政府信息公开\n\n政府信息公开指南\n\n政府信息公开制度\n\n"
        "名 称: 东山县教育局关于2021年3月—4月学生营养改善计划进展情况的通报\n\n"
        "东山县教育局关于2021年3月—4月学生营养改善计划进展情况的通报\n\n"
        "发布时间:2021-05-10 09:30 浏览次数:12\n\n字号:[ ]\n\n一、总体情况\n\n"
        "截至4月,全县覆盖学校26所,覆盖率100%,受益学生9120人,各校食堂供餐管理规范有序。\n"
    )
    _, report = _one(raw)
    assert report.title == "东山县教育局关于2021年3月—4月学生营养改善计划进展情况的通报"
    assert report.type == "推进情况"
    assert report.unit_name == "东山县"


def test_a_wrapped_copy_keeps_the_title_off_its_metadata_line() -> None:
    """A page wrapped at a width: a title line as wide as the body's lines is not joined to the
    发布时间 line under it."""
    from junheng.core.wrap import wrap_edits

    lines = [
        "全县营养改善计划各项工作按照上级要求有序推进,资金拨付及时到位,各校",
        "食堂供餐管理规范有序,学生和家长满意度较高,食品安全责任逐级落实到校",
        "到人,没有发生一起食品安全事故,农村学校食堂建设稳步推进,新建和改造",
        "食堂面积逐年增加,供餐条件持续改善,配餐人员培训覆盖全部学校,膳食营",
        "养搭配更加科学合理,学生体质健康监测结果逐年向好,各项数据按月报送上",
        "级主管部门,县级财政按照每生每天四元的标准足额安排补助资金,专款专用",
    ]
    title = "东山县教育局关于2021年3月至4月学生营养改善计划进展情况的通报"
    text = "\n\n".join([title, "发布时间:2021-05-10 09:30", *lines, "。"])
    joined = {text[start:end] for start, end, _ in wrap_edits(text)}
    assert "\n\n" in joined  # the body's lines are joined…
    assert not any(text.find(title) + len(title) == start for start, _, _ in wrap_edits(text))


@pytest.mark.parametrize(
    "sentence",
    [
        "全县营养改善计划各项工作按照上级要求有序推进,资金拨付及时到位,各校食堂供餐管理规范有序。",
        "学校三年发展规划实施以来,办学条件明显改善,教师队伍结构更加合理,教学质量稳步提升。",
    ],
)
def test_a_sentence_opening_with_a_plan_is_no_glued_title(sentence: str) -> None:
    """…计划各项工作, …规划实施以来: the words up to 计划/规划 are the sentence's subject, not a
    title run into its first sentence; the report keeps its own title."""
    raw = (
        "东山县教育局关于学生营养改善计划进展情况的通报\n\n一、总体情况\n\n"
        f"{sentence}\n\n截至4月,全县覆盖学校26所,受益学生9120人。\n"
    )
    _, report = _one(raw)
    assert report.title == "东山县教育局关于学生营养改善计划进展情况的通报"


@pytest.mark.parametrize("issuer", ["省教育督导评估组对", "市人民政府关于"])
def test_a_title_broken_after_its_issuer_and_the_word_that_opens_the_matter(issuer: str) -> None:
    """The issuer's line ends with 对 / 关于 and the matter and kind follow on the next line: one
    title."""
    raw = f"{issuer}\n某县义务教育均衡发展督导评估的反馈意见\n{_BODY}\n"
    _, report = _one(raw)
    assert report.title == issuer + "某县义务教育均衡发展督导评估的反馈意见"


_SCHOOL_REPORT = (
    "义务教育均衡发展整改报告\n"
    "3月2日上午,校长主持召开桐垭小学义务教育均衡发展整改会议,成立桐垭小学整改工作小组。"
    "我校对照督导组反馈的问题逐项整改。\n一、桐垭小学整改工作领导小组\n组长:校长。\n" + _BODY + "\n"
)


def test_a_school_named_again_and_again_in_its_own_report_is_the_unit() -> None:
    _, report = _one(_SCHOOL_REPORT)
    assert report.unit_name == "桐垭小学"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("桐垭小学", "农村小学"),  # a kind of school, not a name
        ("召开桐垭小学", "召开桐垭小学、沐坪小学"),  # listed with another school
    ],
)
def test_a_school_named_again_and_again_is_not_always_the_unit(old: str, new: str) -> None:
    text = _SCHOOL_REPORT.replace(old, new)
    if (
        old == "召开桐垭小学"
    ):  # every mention listed: 成立桐垭小学、沐坪小学…, 一、桐垭小学、沐坪小学…
        text = text.replace("桐垭小学整改", "桐垭小学、沐坪小学整改")
    _, report = _one(text)
    assert report.unit_name is None


def test_a_news_leads_clause_with_a_verb_is_no_unit() -> None:
    """After a dated lead, words with a verb (校长主持召开某小学…) are a clause, no unit's name."""
    _, report = _one("3月2日上午,校长主持召开桐垭小学教师大会,部署新学期工作。\n" + _BODY + "\n")
    assert report.unit_name is None
