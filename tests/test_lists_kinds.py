"""Lists (issue 15, the rest): an entry's kind from its own words where the heading leaves it
open, the marks web copies write (【一】, 〔1〕, 1), ①, a ``‹正>`` before a mark), and the lead-ins
and list ends the issue names, each on an invented document of its shape with exact items."""

from __future__ import annotations

from pathlib import Path

import pytest
from junheng.core.model import ItemKind
from junheng.extractors.lists import extract
from junheng.extractors.lists.markers import accept, find_marks
from junheng.extractors.lists.vocab import entry_kind, heading_kind, open_kinds
from junheng.ingest import read_file
from junheng.segment import segment

Row = tuple[str, int, str]  # (kind, index, text)


def _rows(tmp_path: Path, text: str) -> list[Row]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_file(path)
    return [(i.kind.value, i.index, i.text) for i in extract(doc, segment(doc))]


# --- marks ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "family", "values"),
    [
        ("【一】校舍不足。\n【二】图书不足。", "paren_cn", [1, 2]),
        ("〔一〕校舍不足。\n〔二〕图书不足。", "paren_cn", [1, 2]),
        ("〔1〕校舍不足。\n〔2〕图书不足。", "paren_arabic", [1, 2]),
        ("【1】校舍不足。\n【2】图书不足。", "paren_arabic", [1, 2]),
        ("1)校舍不足。\n2)图书不足。", "paren_arabic", [1, 2]),
        ("①校舍不足。②图书不足。", "circled", [1, 2]),
        ("‹正>1、校舍不足。\n‹正>2、图书不足。", "arabic", [1, 2]),
        ("<正>一、校舍不足。\n<正>二、图书不足。", "cn", [1, 2]),
    ],
)
def test_lists_kinds_web_copy_marks(text: str, family: str, values: list[int]) -> None:
    kept = accept(find_marks(text, 0, len(text)))
    assert [(m.family, m.value, depth) for m, depth in kept] == [(family, v, 0) for v in values]
    assert all(m.at_break for m, _ in kept)


def test_lists_kinds_document_number_is_not_a_mark() -> None:
    text = "根据《评估办法》(教督〔2019〕5号)要求,开展自查。"
    assert accept(find_marks(text, 0, len(text))) == []


def test_lists_kinds_bracketed_entries(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "青山镇中心小学整改情况报告\n一、存在的问题\n【一】学校运动场面积偏小,没有标准跑道。\n"
        "【二】图书室藏书不足,生均图书低于标准。\n二、整改措施\n〔1〕新建运动场一块,铺设环形跑道。\n"
        "〔2〕购置图书,补足生均图书。\n",
    )
    assert rows == [
        ("problem", 1, "学校运动场面积偏小,没有标准跑道"),
        ("problem", 2, "图书室藏书不足,生均图书低于标准"),
        ("measure", 1, "新建运动场一块,铺设环形跑道"),
        ("measure", 2, "购置图书,补足生均图书"),
    ]


def test_lists_kinds_marker_before_marks(tmp_path: Path) -> None:
    """``‹正>`` at each line start: the marks still open the list after the lead-in, and no entry
    ends in the marker of the next line."""
    rows = _rows(
        tmp_path,
        "河口镇中心小学整改情况报告\n根据督导反馈意见,我校认真整改。学校存在的问题主要有:\n"
        "‹正>1、学校运动场面积偏小,没有标准跑道。\n‹正>2、图书室藏书不足,生均图书低于标准。\n",
    )
    assert rows == [
        ("problem", 1, "学校运动场面积偏小,没有标准跑道"),
        ("problem", 2, "图书室藏书不足,生均图书低于标准"),
    ]


def test_lists_kinds_numbered_notice_is_not_an_enumeration(tmp_path: Path) -> None:
    """A site's numbered notice closed by 等问题 (``- 2、…等问题``): its 、 is a mark's, not an
    enumeration's."""
    rows = _rows(
        tmp_path,
        "东岭乡学校工作总结\n下载须知\n- 1、本站文档均由用户上传。\n"
        "- 2、本文档仅供预览,如发现排版不完整等问题,可联系客服处理。\n"
        "今年我乡新建教学楼一栋,改善了办学条件。\n",
    )
    assert rows == []


# --- kind from the entry's own words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("已完成全部校舍的安全鉴定", "outcome"),
        ("现已为各校配齐音乐器材", "outcome"),
        ("农村学校厕所改造已整改到位", "outcome"),
        ("目前,全县已建成标准化运动场12个", "outcome"),
        ("将于年底前完成运动场改造", "measure"),
        ("进一步加强教师培训,提高培训经费比例", "measure"),
        ("计划明年新建一所寄宿制小学", "measure"),
        ("下一步,我县将从三个方面抓好整改", "measure"),
        ("存在教师结构不合理的问题", "problem"),
        ("学校图书室面积偏小", "problem"),
        ("农村学校信息化建设滞后,设备老化", "problem"),
        ("加强领导,落实责任", None),
        ("现将整改情况汇报如下", None),
    ],
)
def test_lists_kinds_entry_words(text: str, kind: str | None) -> None:
    found = entry_kind(text)
    assert (found.value if found else None) == kind


def test_lists_kinds_entry_words_among_choices() -> None:
    # under a measure-or-outcome heading a shortfall word chooses nothing
    assert entry_kind("学校图书室面积偏小", (ItemKind.MEASURE, ItemKind.OUTCOME)) is None


@pytest.mark.parametrize(
    ("title", "kinds"),
    [
        ("主要工作措施及成效", ("measure", "outcome")),
        ("整改措施和进展", ("measure", "outcome")),
        ("整改措施", ()),
        ("存在的问题", ()),
    ],
)
def test_lists_kinds_open_headings(title: str, kinds: tuple[str, ...]) -> None:
    assert tuple(k.value for k in open_kinds(title)) == kinds


def test_lists_kinds_measures_and_outcomes_under_one_heading(tmp_path: Path) -> None:
    """``一、主要工作措施及成效``: each entry a measure, or an outcome when it reports the work
    done (已完成…, …已全部整改到位); the two kinds numbered apart."""
    rows = _rows(
        tmp_path,
        "青松县义务教育均衡发展督导整改工作报告\n一、主要工作措施及成效\n"
        "1.已完成城区两所小学的扩建,新增学位1200个。\n"
        "2.加强教师队伍建设,通过公开招聘补充紧缺学科教师。\n"
        "3.农村学校运动场改造已全部整改到位。\n"
        "4.将于明年春季学期前完成校园监控系统升级。\n",
    )
    assert rows == [
        ("outcome", 1, "已完成城区两所小学的扩建,新增学位1200个"),
        ("measure", 1, "加强教师队伍建设,通过公开招聘补充紧缺学科教师"),
        ("outcome", 2, "农村学校运动场改造已全部整改到位"),
        ("measure", 2, "将于明年春季学期前完成校园监控系统升级"),
    ]


def test_lists_kinds_measures_and_results_of_a_self_evaluation_are_its_work(
    tmp_path: Path,
) -> None:
    """A self-evaluation that lists no problems tells its own work under ``二、主要措施和成效``
    (一是…落实到位): achievements, no items. The same heading in a report titled as a
    rectification report keeps its measures and outcomes (the test above)."""
    rows = _rows(
        tmp_path,
        "青松县义务教育优质均衡发展自评报告\n一、基本情况\n全县共有义务教育学校42所。\n"
        "二、主要措施和成效\n(一)健全机制\n一是领导责任到位。县政府出台推进方案,"
        "明确各部门职责。\n二是经费保障有力。义务教育经费逐年增长。\n",
    )
    assert rows == []


def test_lists_kinds_work_lead_in_leaves_kinds_to_entries(tmp_path: Path) -> None:
    """``现将整改工作汇报如下:`` names no kind: done work is outcome, planned work measure; the
    signature after the last entry is not part of it."""
    rows = _rows(
        tmp_path,
        "白云乡中心学校督导反馈问题整改报告\n按照县政府教育督导室的反馈意见,我乡逐项落实。"
        "现将整改工作汇报如下:\n1.已完成中心小学厕所改造,达到卫生标准。\n"
        "2.已为各村小配齐体育器材,开齐开足体育课。\n3.将于今年暑假完成教学楼屋面防水维修。\n"
        "白云乡中心学校\n",
    )
    assert rows == [
        ("outcome", 1, "已完成中心小学厕所改造,达到卫生标准"),
        ("outcome", 2, "已为各村小配齐体育器材,开齐开足体育课"),
        ("measure", 1, "将于今年暑假完成教学楼屋面防水维修"),
    ]


def test_lists_kinds_outcome_heading_over_plans(tmp_path: Path) -> None:
    """``二、整改情况`` whose entries all plan the work holds measures (ANNOTATION.md)."""
    rows = _rows(
        tmp_path,
        "红旗镇学校整改情况报告\n一、存在的问题\n1.教学楼屋面渗漏,存在安全隐患。\n"
        "2.音乐教室没有配备钢琴。\n二、整改情况\n1.将于今年7月完成教学楼屋面防水改造。\n"
        "2.计划下学期为音乐教室购置钢琴一台。\n",
    )
    assert [r[:2] for r in rows] == [("problem", 1), ("problem", 2), ("measure", 1), ("measure", 2)]


def test_lists_kinds_outcome_heading_with_planning_lead_in(tmp_path: Path) -> None:
    """``二、整改情况`` then ``下一步,我县将从以下几个方面抓好整改:一是…``: the lead-in plans."""
    rows = _rows(
        tmp_path,
        "石桥县义务教育均衡发展整改情况报告\n一、存在的问题\n"
        "督导组反馈我县存在三个方面的问题:一是部分学校大班额问题突出;二是农村学校音体美教师紧缺;"
        "三是个别学校运动场地不达标。\n二、整改情况\n"
        "下一步,我县将从以下几个方面抓好整改:一是新建城区小学两所,化解大班额;"
        "二是招聘音体美教师50名;三是改造农村学校运动场。\n",
    )
    assert rows == [
        ("problem", 1, "部分学校大班额问题突出"),
        ("problem", 2, "农村学校音体美教师紧缺"),
        ("problem", 3, "个别学校运动场地不达标"),
        ("measure", 1, "新建城区小学两所,化解大班额"),
        ("measure", 2, "招聘音体美教师50名"),
        ("measure", 3, "改造农村学校运动场"),
    ]


def test_lists_kinds_one_plan_among_outcomes_stays_an_outcome(tmp_path: Path) -> None:
    rows = _rows(
        tmp_path,
        "松溪小学整改情况报告\n三、整改情况\n1.新建塑胶运动场一块,已投入使用。\n"
        "2.购置图书3000册,生均图书达到标准。\n3.今后将加大教师培训经费投入。\n",
    )
    assert [r[0] for r in rows] == ["outcome"] * 3


# --- lead-ins and list ends ------------------------------------------------------------------


def test_lists_kinds_lead_in_with_cn_entries(tmp_path: Path) -> None:
    """``现将整改情况汇报如下:`` then entries numbered 一、二、三、 (read as headings by the
    heading tree); the signature and date are not entries."""
    rows = _rows(
        tmp_path,
        "东村小学关于督导反馈问题的整改报告\n县教育局:\n"
        "针对县督导组反馈的问题,我校高度重视,逐条整改。现将整改情况汇报如下:\n"
        "一、新建学生食堂一座,已于今年3月投入使用。\n二、补充音乐教师2名,已到岗任教。\n"
        "三、更新图书2000册,生均图书达到省定标准。\n东村小学\n2022年4月8日\n",
    )
    assert rows == [
        ("outcome", 1, "新建学生食堂一座,已于今年3月投入使用"),
        ("outcome", 2, "补充音乐教师2名,已到岗任教"),
        ("outcome", 3, "更新图书2000册,生均图书达到省定标准"),
    ]


def test_lists_kinds_lead_in_naming_how_the_work_went(tmp_path: Path) -> None:
    """``现将整改工作开展情况报告如下:`` is an outcome lead-in; ``特此报告`` is not an entry."""
    rows = _rows(
        tmp_path,
        "西河乡中心校整改工作情况报告\n根据县督导室的反馈意见,我乡对照问题清单,认真开展整改。"
        "现将整改工作开展情况报告如下:\n1.学校围墙已全部加固,消除了安全隐患。\n"
        "2.功能室已建立使用登记制度,使用率明显提高。\n3.教师培训经费已按公用经费的5%足额列支。\n"
        "特此报告。\n",
    )
    assert rows == [
        ("outcome", 1, "学校围墙已全部加固,消除了安全隐患"),
        ("outcome", 2, "功能室已建立使用登记制度,使用率明显提高"),
        ("outcome", 3, "教师培训经费已按公用经费的5%足额列支"),
    ]


def test_lists_kinds_lead_in_of_the_next_list_ends_the_last(tmp_path: Path) -> None:
    """Problems, ``针对以上问题,我校采取了如下措施:`` and ``经过整改,取得了以下成效:``: each
    lead-in ends the list before it and opens its own."""
    rows = _rows(
        tmp_path,
        "北坡中学自查整改报告\n一、存在的问题\n1.实验仪器老化,部分实验不能开出。\n"
        "2.体育器材数量不足。\n针对以上问题,我校采取了如下措施:\n1.申请专项资金更新实验仪器。\n"
        "2.购置篮球、排球等体育器材。\n经过整改,取得了以下成效:\n1.实验开出率达到100%。\n"
        "2.体育器材已按标准配齐。\n",
    )
    assert rows == [
        ("problem", 1, "实验仪器老化,部分实验不能开出"),
        ("problem", 2, "体育器材数量不足"),
        ("measure", 1, "申请专项资金更新实验仪器"),
        ("measure", 2, "购置篮球、排球等体育器材"),
        ("outcome", 1, "实验开出率达到100%"),
        ("outcome", 2, "体育器材已按标准配齐"),
    ]


def test_lists_kinds_last_entry_keeps_the_body_under_its_heading(tmp_path: Path) -> None:
    """Entries written as a heading line and a paragraph: the last one keeps its paragraph too."""
    rows = _rows(
        tmp_path,
        "柳镇学校督导整改情况汇报\n根据督导意见,现将我校整改情况汇报如下:\n一、加强领导,落实责任\n"
        "学校成立了以校长为组长的整改工作领导小组,明确分工,责任到人。\n二、加大投入,改善条件\n"
        "投入资金50万元,新建了科学实验室和音乐教室,配齐了实验仪器。\n三、强化培训,提升素质\n"
        "组织教师参加各级培训120人次,教师信息技术水平明显提高。\n",
    )
    assert [r[:2] for r in rows] == [("outcome", 1), ("outcome", 2), ("outcome", 3)]
    assert rows[2][2] == "强化培训,提升素质\n组织教师参加各级培训120人次,教师信息技术水平明显提高"


def test_lists_kinds_inline_numbered_entries(tmp_path: Path) -> None:
    """``1、…;2、…;3、…`` in one paragraph under each heading, linked by position."""
    rows = _rows(
        tmp_path,
        "南湾镇中心小学整改报告\n二、存在的不足\n1、学校图书室面积偏小;2、教师信息技术应用能力不强;"
        "3、校园文化建设滞后。\n三、整改措施\n1、扩建图书室,增加阅览座位;2、开展信息技术全员培训;"
        "3、加强校园文化建设。\n",
    )
    assert rows == [
        ("problem", 1, "学校图书室面积偏小"),
        ("problem", 2, "教师信息技术应用能力不强"),
        ("problem", 3, "校园文化建设滞后"),
        ("measure", 1, "扩建图书室,增加阅览座位"),
        ("measure", 2, "开展信息技术全员培训"),
        ("measure", 3, "加强校园文化建设"),
    ]


def test_a_numeral_ending_a_word_after_a_title_phrase_is_no_mark() -> None:
    # "…封面不统一、字体…": the 一、 ends 统一, after a phrase with a comma — no nested list
    from junheng.extractors.lists import extract
    from junheng.ingest.limits import DEFAULT_LIMITS
    from junheng.ingest.txt import read
    from junheng.segment import segment

    text = (
        "学校存在的问题:\n1.部分学校未建工作台账、会议记录。资料偏少,佐证不够充分;\n"
        "2.归档不够规范,存在卷宗封皮不统一、页码编排不统一、无签章等;有的复印模糊,装订的材料效果"
        "不佳。\n3.部分材料学校未能归档。\n"
    )
    doc = read(text.encode("utf-8"), "x.txt", DEFAULT_LIMITS)
    problems = [i.text for i in extract(doc, segment(doc)) if str(i.kind) == "problem"]
    assert len(problems) == 3
    assert problems[1].startswith("归档不够规范,存在卷宗封皮不统一、页码编排不统一")


def test_lists_kinds_a_heading_run_into_its_inline_entries(tmp_path: Path) -> None:
    """A heading that names its list after a description (…的现状和问题), ended by a full stop
    and followed on its line by (1)(2) entries."""
    text = (
        "某镇义务教育均衡发展自查报告\n\n"
        "一、城乡义务教育均衡发展的现状和问题。(1)办学条件不均衡。基层学校设施薄弱,没有多媒体"
        "教室。(2)师资配套不均衡。农村教师流失严重。\n"
        "二、整改措施。(1)加大投入,改善基层学校办学条件。(2)加强培训,稳定农村教师队伍。\n"
    )
    rows = _rows(tmp_path, text)
    assert [(kind, index) for kind, index, _ in rows] == [
        ("problem", 1),
        ("problem", 2),
        ("measure", 1),
        ("measure", 2),
    ]
    assert rows[0][2] == "办学条件不均衡。基层学校设施薄弱,没有多媒体教室"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("城乡义务教育均衡发展的现状和问题", ItemKind.PROBLEM),
        ("城乡义务教育均衡发展的现状和问题。(1)办学条件不均衡。", ItemKind.PROBLEM),
        ("成绩和问题并存", None),  # the word does not end the title
        ("全县农村学校布局调整中的主要问题", ItemKind.PROBLEM),
        ("全县农村学校布局调整中的主要问题和原因", ItemKind.PROBLEM),
        ("全县农村学校布局调整中存在的问题及对策", ItemKind.PROBLEM),
        ("全县农村学校布局调整中的主要问题已经解决,群众满意", None),  # a sentence, no heading
    ],
)
def test_lists_kinds_a_list_word_after_a_description(title: str, kind: ItemKind | None) -> None:
    assert heading_kind(title) == kind


def test_lists_kinds_causes_run_into_their_label_are_no_problems(tmp_path: Path) -> None:
    """An unheaded run whose entries say what falls short is a list of problems; the run after
    "原因分析:" on its label's line gives their causes, not more problems."""
    text = (
        "1.山区学校与县城学校在功能教室配置方面存在明显差距。县城学校功能教室齐全,山区学校"
        "多数没有音乐和美术教室,部分学校以普通教室代替。\n"
        "2.在信息化设备方面存在较大差距。山区学校多媒体教室数量少,设备使用年限长,维修跟不上。\n"
        "原因分析:1.山区学校建校时间早,校舍和场地规划没有考虑功能教室的需要,改扩建受到限制。\n"
        "2.山区学校公用经费少,难以承担设备购置和维护的费用,设备更新缓慢。\n"
    )
    rows = _rows(tmp_path, text)
    assert [(kind, index) for kind, index, _ in rows] == [("problem", 1), ("problem", 2)]
    assert rows[1][2].startswith("在信息化设备方面存在较大差距")
