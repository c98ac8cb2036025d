"""Line breaks a fixed page width put inside paragraphs (junheng.core.wrap), through normalize."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from junheng.core.normalize import normalize
from junheng.core.wrap import width, wrap_width

# Invented paragraphs in the shape of a page copied from a PDF or a sharing site's page view.
_PARAGRAPHS = [
    "(一)教育经费保障有力。今年全镇教育投入累计 4120 万元,其中上级拨付教育资金 2860 万元,"
    "包括义务教育公用经费 2300 万元、校舍维修改造资金 560 万元;镇财政用于教育投入 1260 万元。",
    "(二)办学条件持续改善。全镇新建和改扩建校舍 3.6 万平方米,新增运动场地 1.2 万平方米,"
    "为各校配备计算机 480 台、图书 6.3 万册,生均图书达到 31.5 册,所有学校均开齐开足国家课程。",
    "(三)教师队伍不断加强。全镇现有专任教师 612 人,本科以上学历 438 人,占 71.6%,"
    "今年新招聘教师 46 人,交流轮岗教师 58 人,组织各级各类培训 2300 余人次,师资结构更趋合理。",
]
# as a Chinese page writes its punctuation: full width
_PARAGRAPHS = [p.translate(str.maketrans(",;()", "\uff0c\uff1b\uff08\uff09")) for p in _PARAGRAPHS]


def _wrapped(paragraphs: list[str], columns: int) -> str:
    """Each paragraph broken into lines of at most ``columns`` display columns (a Chinese
    character is two), as a page width breaks it."""
    lines: list[str] = []
    for paragraph in paragraphs:
        line = ""
        for ch in paragraph:
            if width(line + ch) > columns:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return "\n".join(lines)


def test_wrap_joins_a_paragraph_a_page_width_broke() -> None:
    raw = _wrapped(_PARAGRAPHS, 52)
    assert normalize(raw)[0] == normalize("\n".join(_PARAGRAPHS))[0]
    assert "累计4120万元" in normalize(raw)[0]


def test_wrap_joins_lines_a_copy_double_spaced() -> None:
    raw = _wrapped(_PARAGRAPHS, 52).replace("\n", "\n\n")
    assert normalize(raw)[0] == normalize("\n\n".join(_PARAGRAPHS))[0]


def test_wrap_keeps_paragraphs_of_web_text() -> None:
    """Whole paragraphs of every length (a web page): no band of widths, nothing joined."""
    raw = "\n".join([*_PARAGRAPHS, "二、存在问题", "1、部分学校音乐器材不足;", "2、图书更新较慢。"])
    assert normalize(raw)[0].count("\n") == raw.count("\n")


def test_wrap_keeps_headings_list_marks_indents_and_table_rows() -> None:
    body = _wrapped(_PARAGRAPHS, 52).split("\n")
    kept = [
        "一、基本情况与主要做法及取得的成效",
        "1、全镇小学在校学生人数与班级规模",
        "  新学期开始以来全镇各校按照要求",
        "中心小学 12 486 32 15.2 96.5 98",
    ]
    for line in kept:
        raw = "\n".join([*body[:4], line, *body[4:]])
        view = normalize(raw)[0]
        assert normalize(line)[0].strip() in [kept.strip() for kept in view.split("\n")], line


def test_wrap_width_needs_a_band_of_unfinished_lines() -> None:
    assert wrap_width(_wrapped(_PARAGRAPHS, 52).split("\n")) == 52
    # the same widths, every line a finished sentence: a list, not a page
    finished = [line[:-1] + "。" for line in _wrapped(_PARAGRAPHS, 52).split("\n")]
    assert wrap_width(finished) is None


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=36, max_value=80), st.permutations(_PARAGRAPHS))
def test_wrap_view_is_the_unwrapped_view_and_maps_back(columns: int, order: list[str]) -> None:
    raw = _wrapped(list(order), columns)
    view, offsets = normalize(raw)
    assert view == normalize("\n".join(order))[0]
    for k in range(0, len(view), 7):
        start, end = offsets.to_raw(k, k + 1)
        assert normalize(raw[start:end])[0].strip() == view[k].strip()


def test_wrap_keeps_a_list_of_short_entries_and_file_names() -> None:
    """Lines alike in width that are no paragraph's: bullet entries that end inside a sentence
    ("…增长5.44%"), and a sharing site's file names without a comma."""
    bullets = [f"- 幼儿园{n}.12万所,比上年增长{n % 7}.44%" for n in range(20, 30)]
    files = [f"义务教育均衡区创建工作汇报.doc_第{n}页" for n in range(1, 9)]
    for lines in (bullets, files):
        raw = "\n".join(["学前教育:幼儿园及幼师数量保持增长", *lines, "注:毛入园率是指在园幼儿数"])
        assert wrap_width(raw.split("\n")) is None
        assert normalize(raw)[0].count("\n") == raw.count("\n")


def test_core_wrap_words_number_and_unit_broken_over_lines_are_one_clause() -> None:
    """A copy that put each number on a line of its own (学校占地面积⏎15600⏎㎡,生均面积⏎26㎡):
    the words, the number and its unit are joined when the words' line ends a clause inside a
    paragraph; a heading line over a body that opens with a number is left alone."""
    raw = (
        "学校已有固定资产600万元。学校占地面积\n12800\n㎡,生均面积\n24㎡,图书\n9600\n册。\n"
        "学校概况\n12个教学班。"
    )
    text, _ = normalize(raw)
    assert "学校占地面积12800㎡,生均面积24㎡,图书9600册。" in text
    assert "学校概况\n12个教学班" in text
