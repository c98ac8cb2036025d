"""Lists as real reports write them (issue 15), on invented documents in tests/data/lists/shapes/:
a list ended by transition prose, lists announced by a lead-in sentence, a descriptive heading
between the lead-in and the entries, inspection feedback (一是…二是… in one paragraph, (一)(二)
under 存在的主要问题), heading vocabulary (存在的困难, 督查发现的问题与不足), parallel and grouped
problem / measure lists for links. Then, over every gold item of the seeds and of the dev corpus:
the system's entry is the entry, not the entry and the prose after it."""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from junheng.core.model import Item
from junheng.extractors.lists import extract
from junheng.extractors.lists.vocab import heading_kind, is_transition
from junheng.ingest import read_file
from junheng.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SHAPES = Path(__file__).parent / "data" / "lists" / "shapes"
SEEDS = ROOT / "corpus" / "seeds"
GOLD = ROOT / "corpus" / "gold"
DEVCORPUS = ROOT.parent / "shared" / "devcorpus" / "docs"

Row = tuple[str, int, str]  # (kind, index, text)


@cache
def _items(path: Path) -> tuple[Item, ...]:
    doc = read_file(path)
    return tuple(extract(doc, segment(doc)))


def _rows(name: str) -> list[Row]:
    return [(i.kind.value, i.index, i.text) for i in _items(SHAPES / name)]


def _links(name: str) -> dict[int, set[str]]:
    return {
        i.index: {f"{link.kind.value[0]}{link.index}" for link in i.links}
        for i in _items(SHAPES / name)
        if i.kind.value == "problem"
    }


def test_lists_shapes_transition_prose_ends_the_list() -> None:
    """``1、…;2、…。针对督查指出的上述问题,…现将整改情况汇报如下: 1、…``: entry 2 stops at the
    transition, and the lead-in opens the outcome list after it."""
    assert _rows("transition.txt") == [
        ("problem", 1, "音乐器材配备不足"),
        ("problem", 2, "图书室面积偏小,藏书更新较慢"),
        ("outcome", 1, "新购置音乐器材一批,已配齐到位"),
        ("outcome", 2, "将图书室搬迁至综合楼二楼,面积扩大到120平方米,新增图书1500册"),
    ]
    assert _links("transition.txt") == {1: {"o1"}, 2: {"o2"}}
    assert _items(SHAPES / "transition.txt")[0].status == "已整改"


def test_lists_shapes_descriptive_headings_between_lead_in_and_entries() -> None:
    """``经自查,我县仍存在以下问题:`` then ``一、办学条件现状`` / ``二、师资队伍现状`` over the
    entries: one problem list up to ``三、整改措施``; measures with deadline and owner."""
    assert _rows("leadin.txt") == [
        ("problem", 1, "部分农村学校运动场地不足,未建设标准跑道"),
        ("problem", 2, "县城学校大班额问题仍然存在,个别班级超过60人"),
        ("problem", 3, "音乐、美术专任教师缺编23人"),
        ("measure", 1, "投入资金800万元,新建三所农村学校运动场,今年9月底前完成"),
        ("measure", 2, "新建城南小学,分流县城学校学生,2022年8月前投入使用"),
        ("measure", 3, "公开招聘音乐、美术专任教师23人,责任单位:县教育局人事股"),
    ]
    measures = [i for i in _items(SHAPES / "leadin.txt") if i.kind.value == "measure"]
    assert [m.deadline for m in measures] == ["今年9月底", "2022年8月前", None]
    assert measures[2].owner == "县教育局人事股"
    assert _links("leadin.txt") == {1: {"m1"}, 2: {"m2"}, 3: {"m3"}}


def test_lists_shapes_lead_in_sentence_announces_measures() -> None:
    """``现将整改安排报告如下:`` with the entries on the next lines; the closing ``以上整改工作…``
    is not an entry."""
    assert _rows("arrangement.txt") == [
        ("measure", 1, "制定学校图书更新计划,每年更新图书不少于生均1册"),
        ("measure", 2, "完善功能室使用登记制度,责任人:各校校长"),
        ("measure", 3, "加强安全隐患排查,本学期内完成校舍安全鉴定"),
    ]


def test_lists_shapes_feedback_yishi_in_one_paragraph() -> None:
    """Inspection feedback: ``主要问题是:一是…;二是…;三是…。`` inside one paragraph, the county
    named in each entry; ``下一步,…`` after it is not part of the last entry."""
    assert _rows("yishi.txt") == [
        ("problem", 1, "南岭县部分学校校舍面积不足,生均校舍面积低于标准"),
        ("problem", 2, "南岭县教师培训经费未按公用经费的5%足额安排"),
        ("problem", 3, "南岭县个别学校图书更新不及时,复本量偏大"),
    ]


def test_lists_shapes_feedback_paren_entries_under_main_problems() -> None:
    """``二、存在的主要问题`` (一)(二)(三) and ``三、整改意见`` (一)(二)(三): parallel lists, linked
    by position."""
    assert _rows("feedback.txt") == [
        ("problem", 1, "西山县部分学校生均教学仪器设备值未达到省定标准,城乡之间差距较大"),
        ("problem", 2, "西山县教师队伍结构不合理,音乐、体育、美术学科专任教师紧缺"),
        ("problem", 3, "西山县部分学校功能室使用率不高,管理不够规范"),
        ("measure", 1, "加大投入,按标准补足农村学校教学仪器设备"),
        ("measure", 2, "通过招聘、交流等方式补充音体美专任教师,优化教师队伍结构"),
        ("measure", 3, "加强功能室管理,建立使用登记制度,提高使用率"),
    ]
    assert _links("feedback.txt") == {1: {"m1"}, 2: {"m2"}, 3: {"m3"}}


def test_lists_shapes_difficulties_heading() -> None:
    assert _rows("difficulties.txt") == [
        ("problem", 1, "学校没有独立的音乐教室,音乐课只能在普通教室上"),
        ("problem", 2, "教师年龄偏大,平均年龄48岁,缺少青年教师"),
        ("measure", 1, "积极争取上级支持,建设音乐教室"),
        ("measure", 2, "加强青年教师的引进和培养"),
    ]
    assert _links("difficulties.txt") == {1: {"m1"}, 2: {"m2"}}


def test_lists_shapes_nested_groups_link_by_content() -> None:
    """Leaves under ``(一)办学条件方面`` in both lists: a measure links to the problem of its
    group it is about, not to every problem of the group."""
    rows = _rows("nested.txt")
    assert [r[:2] for r in rows] == [("problem", i) for i in range(1, 5)] + [
        ("measure", i) for i in range(1, 5)
    ]
    assert rows[0][2] == "部分学校实验室仪器老化,不能满足分组实验需要"  # not cut at the sub-list
    links = _links("nested.txt")
    assert "m1" in links[1] and "m1" not in links[2]
    assert "m3" in links[3] and "m3" not in links[4]
    assert "m4" in links[4]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("存在的困难", "problem"),
        ("督查发现的问题与不足", "problem"),
        ("反馈问题", "problem"),
        ("主要问题", "problem"),
        ("存在的主要问题", "problem"),
        ("某县教师队伍建设现状及存在问题", "problem"),
        ("整改意见", "measure"),
        ("问题与差距", "problem"),
        ("差距和不足", "problem"),
        ("2021年工作打算", "measure"),
        ("明年工作思路", "measure"),
        ("整改落实情况", "outcome"),
        ("新学年的工作设想", "measure"),
        ("下学期工作畅想", "measure"),
        ("办学条件现状", None),
        ("基本情况", None),
        ("二、推进措施", "measure"),
        ("三、具体举措", "measure"),
    ],
)
def test_lists_shapes_heading_vocabulary(title: str, kind: str | None) -> None:
    found = heading_kind(title)
    assert (found.value if found else None) == kind


def test_lists_shapes_measures_with_figures_answer_listed_problems() -> None:
    """A 措施 list whose entries state figures (投入资金120万元…) is work done in a report without
    problems; after a list of problems it is the measures that answer them."""
    assert _rows("figured_measures.txt") == [
        ("problem", 1, "部分学校校舍老化,存在安全隐患"),
        ("problem", 2, "学校图书更新不及时"),
        ("measure", 1, "投入资金120万元,维修改造校舍"),
        ("measure", 2, "每年按生均10元标准更新图书"),
    ]


def test_lists_shapes_inline_list_ends_with_its_sentence() -> None:
    """``:(1)A;(2)B;(3)C。希望…``: the clauses of one sentence; the last ends with the sentence,
    not with the paragraph's closing prose."""
    assert [text for _, _, text in _rows("inline_last_clause.txt")] == [
        "教育经费投入不足,生均公用经费未按时足额拨付",
        "学校安全管理存在漏洞",
        "教师培训流于形式",
    ]


@pytest.mark.parametrize(
    ("sentence", "paragraph", "expected"),
    [
        ("针对督查指出的上述问题,学校随即成立整改小组", False, True),
        ("下一步,我校将继续巩固整改成果", False, True),
        ("现将整改情况汇报如下:", False, True),
        ("今后,我们将继续努力", True, True),
        ("今后,学校之间将加强交流", False, False),  # an entry's own sentence
        ("针对学生人数超标,新建学校一所", False, False),  # names one problem: an entry
    ],
)
def test_lists_shapes_transition_words(sentence: str, paragraph: bool, expected: bool) -> None:
    assert is_transition(sentence, 0, paragraph) is expected


# --- every gold entry is the entry, not the prose after it ---------------------------------


def _norm(text: str) -> str:
    bare = "".join(unicodedata.normalize("NFKC", text).split())
    return bare.rstrip("。;,:.、!?")


def _overruns(gold_texts: list[str], system: list[str]) -> list[str]:
    """System entries that are a gold entry followed by more text (the prose after the list)."""
    found: list[str] = []
    entries = set(map(_norm, gold_texts))
    for gold in entries:
        for text in map(_norm, system):
            if text in entries:
                continue  # another gold entry that starts with the same words
            if len(gold) >= 6 and text.startswith(gold) and len(text) > len(gold) + 2:
                found.append(f"{gold[:30]} … + {text[len(gold) : len(gold) + 30]}")
    return found


@pytest.mark.corpus
@pytest.mark.parametrize("gold_path", sorted(GOLD.glob("0*.json")), ids=lambda p: p.stem[:3])
def test_lists_seed_gold_entries_stop_at_their_end(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    system = [i.text for i in _items(SEEDS / f"{gold_path.stem}.txt")]
    texts = [r["text"] for r in gold.get("item_records", [])]
    assert texts
    assert _overruns(texts, system) == []


def _dev_gold_with_items() -> list[Path]:
    return [
        p
        for p in sorted((GOLD / "dev").glob("d*.json"))
        if json.loads(p.read_text(encoding="utf-8")).get("items")
    ]


@pytest.mark.corpus
@pytest.mark.skipif(not DEVCORPUS.is_dir(), reason=f"no development corpus at {DEVCORPUS}")
@pytest.mark.parametrize("gold_path", _dev_gold_with_items(), ids=lambda p: p.stem)
def test_lists_dev_gold_entries_stop_at_their_end(gold_path: Path) -> None:
    """Held-out files included: this reads no rule from them, it only checks the spans' ends."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    path = DEVCORPUS / gold["file"]
    raw = path.read_bytes().decode("utf-8")
    texts = [raw[int(i["start"]) : int(i["end"])] for i in gold["items"]]
    system = [i.text for i in _items(path)]
    assert _overruns(texts, system) == []


def test_lists_shapes_prose_lists_of_inspection_feedback() -> None:
    """Inspection feedback in prose: ``存在的问题主要集中在A、B、C等方面,此外D。`` (four problems,
    the one after 此外 too) and ``整改意见主要包括,a,b,c,d等。`` (four measures)."""
    assert _rows("prose_feedback.txt") == [
        ("problem", 1, "部分学校功能室配备不齐"),
        ("problem", 2, "乡镇学校存在寄宿床位紧张现象"),
        ("problem", 3, "音体美教师结构性短缺"),
        ("problem", 4, "个别乡镇未能足额拨付生均公用经费"),
        ("measure", 1, "落实县级政府主体责任"),
        ("measure", 2, "完善学校布局规划"),
        ("measure", 3, "加大薄弱学校改造投入"),
        ("measure", 4, "健全教师补充机制"),
    ]


def test_lists_shapes_prose_lists_split_at_their_strongest_separator() -> None:
    """``主要表现为:A,a1;B,b1;C,c1。``: entries divided by ;, each with its commas; and a sentence
    opening with 主要表现在 after one that states a shortfall (还没有达到…目标) lists problems."""
    assert _rows("prose_semicolons.txt") == [
        ("problem", 1, "教师配备不均衡,乡村学校教师年龄偏大,学科教师结构不合理"),
        ("problem", 2, "校舍建设不同步,城区学校普遍优于乡村学校"),
        ("problem", 3, "学前教育发展滞后,公办幼儿园学位明显不足"),
        ("problem", 4, "学校布局不够合理"),
        ("problem", 5, "乡村学校信息化设备老化"),
        ("problem", 6, "部分学校管理水平不高"),
    ]


def test_lists_shapes_a_news_items_relayed_requirements_are_measures() -> None:
    """News of a meeting: ``会议强调,一要…;二要…;三要…。`` (the list ends at its 。) and the
    requirements relayed clause by clause (``要求各校要A,B,C,确保…``: the goal is no measure)."""
    assert _rows("meeting_news.txt") == [
        ("measure", 1, "提升思想站位,深刻认识迎检工作的重要性"),
        ("measure", 2, "紧盯反馈问题,抓紧补齐办学条件短板"),
        ("measure", 3, "抓好时间节点,细化整改措施,明确责任人"),
        ("measure", 4, "对照标准逐项自查"),
        ("measure", 5, "建立问题台账"),
        ("measure", 6, "限期整改到位"),
    ]


def test_lists_shapes_a_numbered_entrys_label_is_no_lead_in() -> None:
    """``1. 运动场地不足:…``: the words after the entry's label are the entry's, not an inline list
    of problems announced by ``…不足:``."""
    texts = [text for _, _, text in _rows("numbered_labels.txt")]
    assert not any(text.startswith("部分村小") for text in texts)


def test_lists_shapes_inspection_sentences_list_their_problems_and_requests() -> None:
    """Inspection feedback in sentences: ``甲镇…,存在A、B、C等问题`` (the subject before 存在 is
    no item), ``存在的主要问题是,A,B,C`` and the inspectors' quoted requests (``意见指出,应“…”``,
    the quotation marks not part of the first and last item)."""
    assert _rows("feedback_sentences.txt") == [
        ("problem", 1, "校舍面积不足"),
        ("problem", 2, "音体美教师短缺"),
        ("problem", 3, "信息化设备老化"),
        ("problem", 4, "部分学校功能室配置不全"),
        ("problem", 5, "教师年龄结构偏大"),
        ("problem", 6, "寄宿条件有待改善"),
        ("measure", 1, "进一步加大经费投入力度"),
        ("measure", 2, "进一步补充紧缺学科教师"),
        ("measure", 3, "进一步改善寄宿学校条件"),
    ]


def test_lists_shapes_the_lead_in_nearest_the_colon_names_the_list() -> None:
    """``…还存在问题,…,现将整改情况报告如下:一、…``: the outcome lead-in right before the colon
    announces the list, not the problem word earlier in the sentence."""
    assert [(kind, index) for kind, index, _ in _rows("nearer_leadin.txt")] == [
        ("outcome", 1),
        ("outcome", 2),
        ("outcome", 3),
    ]


def test_lists_shapes_entries_that_carry_their_answer_after_a_label() -> None:
    """A 整改台账 in prose without a list heading: each hazard, then ``整改措施:`` and its measure
    (short ones too), linked to the problem before it; a category's name before a colon is not
    part of the problem."""
    assert _rows("labelled.txt") == [
        ("problem", 1, "教学楼东侧围墙出现裂缝"),
        ("measure", 1, "设置警戒线,请专业人员限期维修"),
        ("problem", 2, "综合楼厕所屋顶漏水"),
        ("measure", 2, "更换防水层"),
        ("problem", 3, "操场篮球架底座松动"),
        ("measure", 3, "拆除"),
    ]
    assert _links("labelled.txt") == {1: {"m1"}, 2: {"m2"}, 3: {"m3"}}


def test_lists_shapes_numbered_hazard_labels_open_their_problems() -> None:
    """``隐患2:…;….``, then ``整改措施:`` on the next line: the hazard's label opens the problem
    (a ; inside it is no sentence's end), each measure answers the hazard before it, and what
    the measure says of the work (拟…将于…, 已…配备) is the problem's status."""
    assert _rows("labelled_hazards.txt") == [
        ("problem", 1, "校门口减速带损坏"),
        ("measure", 1, "学校拟对校门口减速带重新铺设,将于3月10日前完工"),
        ("problem", 2, "食堂出入登记不全;仓库物品堆放杂乱"),
        ("measure", 2, "学校召开后勤工作会议,要求食堂严格执行出入登记制度,仓库物品分类摆放"),
        ("problem", 3, "实验室缺少洗眼器;部分电线裸露"),
        ("measure", 3, "学校已在实验室配备洗眼器2个,裸露电线已由电工重新包扎"),
    ]
    assert _links("labelled_hazards.txt") == {1: {"m1"}, 2: {"m2"}, 3: {"m3"}}
    # the status its own measure tells: planned, not told, done
    problems = [i for i in _items(SHAPES / "labelled_hazards.txt") if i.kind.value == "problem"]
    assert [i.status for i in problems] == ["整改中", None, "已整改"]


def test_lists_shapes_a_safety_inspections_hazards_are_problems() -> None:
    """``一、安全隐患问题:`` heads problems, and a sentence that says hazards were found
    (``…自查发现以下…安全隐患:``) announces them."""
    assert [(kind, index) for kind, index, _ in _rows("hazards.txt")] == [
        ("problem", 1),
        ("problem", 2),
        ("measure", 1),
        ("measure", 2),
    ]
    assert [(kind, index) for kind, index, _ in _rows("hazards_found.txt")] == [
        ("problem", 1),
        ("problem", 2),
    ]


def test_lists_shapes_a_lead_in_that_refers_back_answers_the_problems_above() -> None:
    """``针对以上诸多问题,…:`` written inside the last problem's section answers the problems
    before it, each measure the one it is about; the last problem's section is no heading over
    the measures (they linked to every problem through it)."""
    assert _links("back_reference.txt") == {1: {"m1"}, 2: {"m2"}, 3: set()}


def test_lists_shapes_what_an_inspection_turned_up_are_problems() -> None:
    """``一、检查中出现的问题:`` heads problems, as 发现的问题 does."""
    assert [(kind, index) for kind, index, _ in _rows("turned_up.txt")] == [
        ("problem", 1),
        ("problem", 2),
        ("problem", 3),
        ("measure", 1),
        ("measure", 2),
        ("measure", 3),
    ]


def test_lists_shapes_entries_that_name_their_problem_then_say_what_was_done() -> None:
    """``1、关于…问题。已…``: the named problem and, linked to it, an outcome (what was done) or
    a measure (what is planned)."""
    assert _rows("named_problems.txt") == [
        ("problem", 1, "关于教师办公室照明不足问题"),
        ("outcome", 1, "已更换全部灯具,投入使用"),
        ("problem", 2, "关于学生饮水不便问题"),
        ("outcome", 2, "已在每层教学楼安装直饮水设备"),
        ("problem", 3, "关于校门口接送拥堵问题"),
        ("measure", 1, "计划下学期开学前完成校门口道路拓宽"),
    ]
    assert _links("named_problems.txt") == {1: {"o1"}, 2: {"o2"}, 3: {"m1"}}
    assert [i.status for i in _items(SHAPES / "named_problems.txt") if i.kind.value == "problem"][
        :2
    ] == ["已整改", "已整改"]


def test_lists_shapes_a_heading_line_without_a_mark_and_a_request_lead_in() -> None:
    """``存在的具体问题`` on a line of its own over numbered entries (after a lead-in whose 著 a
    Traditional copy keeps), then ``针对以上问题,…:`` announcing what answers them."""
    assert [(kind, index) for kind, index, _ in _rows("unmarked_heading.txt")] == [
        ("problem", 1),
        ("problem", 2),
        ("problem", 3),
        ("measure", 1),
        ("measure", 2),
    ]
    assert _rows("unmarked_heading.txt")[0][2].startswith("教学楼屋面渗水")


def test_lists_shapes_a_causes_heading_lists_no_problems() -> None:
    """``二、存在问题的原因`` over numbered causes holds no problems; ``挑战和问题。首先…其次…``
    announces problems."""
    rows = _rows("causes.txt")
    assert [(kind, index) for kind, index, _ in rows] == [("problem", k) for k in range(1, 5)]
    assert not any("财政投入" in text or "待遇偏低" in text for _, _, text in rows)
    assert rows[2][2].startswith("生源逐年减少")


def test_lists_shapes_a_heading_that_says_what_needs_fixing_lists_problems() -> None:
    """``二、办学条件急需改善:`` over numbered entries: the entries are problems."""
    assert [(kind, index) for kind, index, _ in _rows("urgent.txt")] == [
        ("problem", 1),
        ("problem", 2),
        ("problem", 3),
    ]


def test_lists_shapes_a_studys_problems_and_its_recommendations() -> None:
    """A study's ``师资不足带来的问题`` lists problems and its ``对策与建议`` measures."""
    assert [(kind, index) for kind, index, _ in _rows("study.txt")] == [
        ("problem", 1),
        ("problem", 2),
        ("measure", 1),
        ("measure", 2),
    ]


def test_lists_shapes_a_bullets_label_is_no_lead_in() -> None:
    """``  • 图书配备不足:…,…。``: the words before a bullet's colon are its label, not a lead-in
    that lists the clauses after it as problems."""
    from junheng.core.document import build_document
    from junheng.core.model import Block, BlockKind

    text = (
        "某县学校调研\n一、办学条件差距明显 部分学校条件较差。\n"
        "  • 图书配备不足:多数村小藏书陈旧,生均不足10册,借阅制度流于形式。\n"
        "  • 场地建设滞后:运动场多为土场,雨后无法使用,体育课常改为自习。\n"
    )
    doc = build_document("t.txt", "txt", [Block(BlockKind.PARAGRAPH, t) for t in text.split("\n")])
    texts = [item.text for item in extract(doc, segment(doc))]
    assert not any(t in ("多数村小藏书陈旧", "生均不足10册", "雨后无法使用") for t in texts)


def test_lists_shapes_a_bare_recommendations_heading_run_into_its_entries() -> None:
    """A copy on one line: ``三、建议 1、…`` is a measure heading run into its first entry."""
    rows = _rows("oneline.txt")
    assert [(kind, index) for kind, index, _ in rows if kind == "measure"] == [
        ("measure", 1),
        ("measure", 2),
    ]
    assert rows[-1][2].startswith("利用闲置教室改建音乐教室")


def test_lists_shapes_unannounced_run_of_shortfalls_is_a_problem_list() -> None:
    """An essay's 一是/二是/三是 paragraphs, each naming a shortfall (不均衡, 滞后, 不高), under no
    heading of 问题 and after no lead-in: problems, and the closing 总之 is no entry's."""
    rows = _rows("unannounced_runs.txt")
    assert [(kind, index) for kind, index, _ in rows] == [
        ("problem", 1),
        ("problem", 2),
        ("problem", 3),
    ]
    assert rows[0][2].startswith("城乡教师配置不均衡")
    assert rows[2][2].startswith("学校信息化水平不高")
    assert not any("总之" in text for _, _, text in rows)


def test_lists_shapes_runs_of_work_done_are_no_list() -> None:
    """A work report's 一是/二是 runs tell what was done (its verbs, its figures): no items."""
    assert _rows("runs_of_work_done.txt") == []


def test_lists_shapes_a_topic_named_announces_no_list() -> None:
    """存在的问题 joined by 、 and 以及 to other topics ("分析…的现状、存在的问题以及发展路径")
    names what the text is about: the 首先/其次/最后 paragraphs after it report progress, no
    problems."""
    assert _rows("topic_named.txt") == []


def test_lists_shapes_a_topic_joined_by_a_conjunction_announces_no_list() -> None:
    """存在的问题 joined by 和 to another topic ("对…办学条件和存在的问题进行了调查分析") is
    what the study looked at: the numbered state of affairs under the next heading is no problem
    list."""
    assert _rows("topic_and_current_state.txt") == []


def test_lists_shapes_two_words_for_what_is_wrong_still_announce_a_list() -> None:
    """"面临的困难和存在的问题:" joins two words for what is wrong: a lead-in, its entries
    problems."""
    assert _rows("difficulties_and_problems.txt") == [
        ("problem", 1, "音乐美术专用教室不足,部分课程只能在普通教室上"),
        ("problem", 2, "学校运动场跑道老化,雨天无法使用"),
    ]


def test_lists_shapes_a_run_in_heading_keeps_its_words_up_to_the_first_mark() -> None:
    """"五、今后工作的思路 1." in a flattened copy cut after the mark: 的思路 ends the heading, it
    is no measure; the problems before it stay."""
    assert _rows("heading_words_before_the_mark.txt") == [
        ("problem", 1, "学校档案资料归档不及时,需重新整理"),
        ("problem", 2, "学校图书数量不足、体育器材短缺"),
    ]


def test_lists_shapes_a_numbered_run_of_shortfalls_under_a_neutral_heading() -> None:
    """``二、建设进展情况`` names no list, but its flat numbered entries each say what is not yet
    there (尚未, 没有, 还不够, 还需进一步): problems, answered by the ``下一步打算`` after them."""
    assert _rows("numbered_shortfalls.txt") == [
        ("problem", 1, "学生宿舍楼尚未动工"),
        ("problem", 2, "学校围墙没有修缮"),
        ("problem", 3, "音乐室设备还不够齐全"),
        ("problem", 4, "校园绿化还需进一步提升"),
        ("measure", 1, "积极争取上级资金,年内开工建设学生宿舍楼"),
        ("measure", 2, "利用暑假修缮学校围墙"),
    ]


def test_lists_shapes_a_flattened_copy_keeps_its_numbering_apart() -> None:
    """A copy that flattened its lines into one paragraph, spaces for line breaks and a site's
    ``……此处隐藏N个字……`` gap before the list: the marks after a space or the gap open entries."""
    assert _rows("flattened_shortfalls.txt") == [
        ("problem", 1, "部分学校的学籍档案保存不完整,需进一步完善"),
        ("problem", 2, "学校实验仪器老化,更新不及时"),
        ("problem", 3, "个别学校运动场地面积不达标"),
        ("measure", 1, "加强学籍档案管理"),
    ]


def test_lists_shapes_an_outline_of_aims_is_no_problem_list() -> None:
    """一是/二是 entries titled by what to push forward, whose bodies mention shortfalls (没有配齐,
    不够): each is judged by its title sentence, so the run is no problem list."""
    assert _rows("outline_of_measures.txt") == []


def test_lists_shapes_an_unnumbered_problem_section_lists_its_sentences_and_clauses() -> None:
    """Under a 存在的问题 heading line, with no numbering: each sentence is a problem and each
    ;-clause too, a school's label before its problems is none of them; short numbered measures
    (维修围墙) are measures."""
    assert _rows("unnumbered_problems.txt") == [
        ("problem", 1, "部分村小校舍面积不足,仍使用旧教室上课"),
        ("problem", 2, "教师结构不合理,音体美教师缺乏"),
        ("problem", 3, "功能室配备不齐"),
        ("problem", 4, "无门卫"),
        ("measure", 1, "维修围墙"),
        ("measure", 2, "补充教师"),
        ("measure", 3, "加快推进村小校舍改造,年底前完成"),
    ]


def test_lists_shapes_a_run_of_shortfall_labels_is_a_problem_list() -> None:
    """A numbered run no heading announces, each entry opening with a shortfall as its label
    (校舍不足:…, 经费困难:…): problems."""
    rows = _rows("shortfall_labels.txt")
    assert [(kind, text.split(":")[0]) for kind, _, text in rows] == [
        ("problem", "校舍不足"),
        ("problem", "师资力量不足"),
        ("problem", "经费困难"),
        ("problem", "教育观念落后"),
    ]


def test_lists_shapes_a_lead_in_that_reports_hazards_with_a_full_stop() -> None:
    """"现将学校存在的安全隐患向…汇报。" announces the numbered hazards after it, though it ends
    with 。 rather than a colon; the request and the signature after them are no items."""
    assert _rows("reported_hazards.txt") == [
        ("problem", 1, "教学楼北墙瓷砖隆起,约3平方米"),
        ("problem", 2, "食堂屋檐水泥块松动脱落"),
        ("problem", 3, "校门口无减速带,车辆车速过快"),
    ]


def test_lists_shapes_headings_run_into_the_end_of_a_line() -> None:
    """A copy that flattened its lines leaves "…成员:张华 一、安全隐患问题:" and "…无门卫。 二、整改
    措施:": each heading still opens its list, and the problems under school labels are read."""
    assert _rows("glued_headings.txt") == [
        ("problem", 1, "校门口无减速带,车辆较多"),
        ("problem", 2, "围墙有裂缝,存在安全隐患"),
        ("problem", 3, "厕所墙体风化"),
        ("problem", 4, "楼梯栏杆较低"),
        ("problem", 5, "无门卫"),
        ("measure", 1, "请求交通部门在校门口增设减速带"),
        ("measure", 2, "维修围墙和厕所墙体"),
    ]


def test_lists_shapes_a_comma_typed_for_the_mark_continues_the_numbering() -> None:
    """"3,补充…" at a line's start, in a list numbered 1、2、: the third entry, not the second's
    tail."""
    rows = _rows("comma_marks.txt")
    assert [(kind, index, text[:6]) for kind, index, text in rows] == [
        ("measure", 1, "改造村小校舍"),
        ("measure", 2, "加强教师培训"),
        ("measure", 3, "补充音体美教"),
        ("measure", 4, "完善寄宿制学"),
    ]


def test_lists_shapes_a_run_whose_first_entry_runs_into_its_headings_line() -> None:
    """"二、基础设施落后1. 校舍陈旧:…⏎2. 资源匮乏:…": the run of shortfalls under each heading is
    a problem list, though its first mark follows the heading on its line."""
    rows = _rows("runs_in_heading_lines.txt")
    assert [(kind, text.split(":")[0]) for kind, _, text in rows] == [
        ("problem", "校舍陈旧"),
        ("problem", "资源匮乏"),
        ("problem", "师资流失"),
        ("problem", "教育理念落后"),
    ]


def test_lists_shapes_what_is_still_undone_after_a_problem_sentence() -> None:
    """"仍存在一些…问题,还有A没有…,B未…,C尚未…,并要求…": the undone things are the problems,
    up to the request that follows them."""
    assert _rows("still_undone.txt") == [
        ("problem", 1, "5个乡镇没有完成征地"),
        ("problem", 2, "2个校舍项目未开工"),
        ("problem", 3, "3个项目尚未落实资金"),
    ]


def test_lists_shapes_a_speakers_next_steps_are_measures() -> None:
    """News of a feedback meeting: the county's head says what will be done next, in one sentence
    (``就下一步…进行表态,…我县将…,一是…;二是…;三是…``): measures, up to the sentence's end.
    The problems the inspectors named (``同时指出了A、B等问题``) start after the verb."""
    assert _rows("next_steps_news.txt") == [
        ("problem", 1, "部分学校功能室不足"),
        ("problem", 2, "教师结构性缺编"),
        ("measure", 1, "对照反馈意见逐条梳理"),
        ("measure", 2, "制定整改清单、倒排工期"),
        ("measure", 3, "压实责任、限时办结"),
    ]


def test_lists_shapes_what_found_problems_call_for_are_measures() -> None:
    """``结合督查中发现的问题,对…作了指导。一是要…;二是要…``: the trigger names problems, but every
    entry asks for work and none states a shortfall: measures."""
    assert [(k, i) for k, i, _ in _rows("guidance.txt")] == [
        ("measure", 1), ("measure", 2), ("measure", 3)]


def test_lists_shapes_unannounced_paren_entries_that_say_what_is_to_be_bettered() -> None:
    """A government's report on a deliberation's opinions: (一)(二) entries under a heading that
    names no list, each saying what 有待提升/有待优化: problems."""
    assert [(k, i, t.split("\n")[0]) for k, i, t in _rows("deliberation.txt")] == [
        ("problem", 1, "城乡学校办学条件的均衡性有待提升"),
        ("problem", 2, "教师队伍的专业结构有待优化"),
        ("measure", 1, "我们将持续加大投入,补齐短板"),
    ]


def test_lists_shapes_many_problems_said_then_named_one_by_one() -> None:
    """``存在问题较多,A,B,C。``: the clauses after it are the problems, to the sentence's end."""
    assert _rows("many_problems.txt") == [
        ("problem", 1, "功能室严重不足"),
        ("problem", 2, "音体美教师紧缺"),
        ("problem", 3, "运动场地狭小"),
    ]


def test_lists_shapes_suggestions_named_after_ji_and_a_pledge_are_measures() -> None:
    """News of an inspection's feedback: the suggestions it names after 即 (``提出了建议和意见,
    即A、B、C``) and the county head's pledge (``同时表态:一是…;二是…``) are measures."""
    assert _rows("suggestions_and_pledge_news.txt") == [
        ("measure", 1, "进一步完善功能室配置"),
        ("measure", 2, "加快补充紧缺学科教师"),
        ("measure", 3, "规范学校档案管理"),
        ("measure", 4, "各部门要对督查发现的问题立行立改"),
        ("measure", 5, "县教育局要建立整改台账,明确责任人和完成时限"),
    ]


def test_lists_shapes_problems_said_one_sentence_each_after_a_colon() -> None:
    """An inspection's feedback that names its problems after a colon, one sentence each, in
    paragraphs that open with the area they go into (``办学条件仍有短板。``): every sentence
    naming a shortfall is a problem, the areas' names are none, and the list stops at the
    paragraph that names none (督导检查结束后…)."""
    assert _rows("feedback_sentences_after_colon.txt") == [
        ("problem", 1, "部分城区学校用地仍然紧张"),
        ("problem", 2, "东河区、西山县仍有个别学校运动场地面积不达标"),
        ("problem", 3, "北塘县部分学校实验仪器配置不足,更新不及时"),
        ("problem", 4, "部分学校音乐、美术教师配置不足"),
        ("problem", 5, "有的县教师交流比例偏低,激励机制不够健全"),
    ]


def test_lists_shapes_problems_and_another_word_for_them_announce_a_list() -> None:
    """``存在的问题和困惑:一是…`` names what is wrong twice (困惑, like 不足 or 困难), no list of
    topics: the 一是 list after it is the problems."""
    assert _rows("problems_and_puzzles.txt") == [
        ("problem", 1, "优质生源外流现象严重,制约教学质量的提升"),
        ("problem", 2, "教师的教育理念还有待于不断地改进"),
        ("problem", 3, "学校硬件设施有待于进一步改善"),
    ]
