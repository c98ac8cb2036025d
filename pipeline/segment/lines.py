"""Lines of a document's normalised text, and what the start of each line says.

Web copies glue things onto the start of a line: a collection's title, the same title twice, a
site's spliced phrase, then the report's own title and its first sentence, all on one line
("义务教育均衡发展汇报材料3篇义务教育均衡发展汇报材料1为加强…"). :func:`read_head` peels these
off one by one and says what the line starts: a report (and where its title and body begin), a
collection, a bare title line, or plain body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from junheng.core.words import is_person_name
from junheng.segment.rules import SegmentRules

_SENTENCE_PUNCT = re.compile(r"[。,;!?:、]|\.(?!\d)")
# a 公文 title "关于…的报告" may list what it is about with 、 (关于…教学楼、食堂改造的申请报告)
_OFFICIAL_TITLE = re.compile(r"关于[^。,;!?:]+的[^。,;!?:、]{0,8}$")
_TITLE_ALLOWED_MAX = 48
_IN_BRACKETS = re.compile(r"[(（][^()（）]{1,8}[)）]")
_LABEL = re.compile(r"【[^】]{1,12}】")
_BRACKETED = re.compile(r"【(?P<title>[^】]{6,60})】")
_FIELD_TITLE = re.compile(
    r"(?:文件名称|标题|题名)\s*[:：]?\s*\|\s*(?P<title>[^|]{4,60}?)\s*(?:\|[\s|]*)?$"
)
# a site's tag after a title, or a news page's part number (…数据统计(2))
_TITLE_TAG = re.compile(r"\((?:推荐|精选|通用|热门|最新|\d)\)$")
# a site's category glued before a title that ends with the same words (调研报告乡镇…调研报告)
_REPEATED_KIND = re.compile(
    r"^([\u4e00-\u9fff]{2,4}(?:报告|总结|汇报|方案|计划))(?=[\u4e00-\u9fff])"
)
_COUNT = re.compile(r"[0-9一二三四五六七八九十两]{1,3}篇")
_PAIRS = (("《", "》"), ("(", ")"), ("“", "”"), ("【", "】"))


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the normalised text: ``[start, end)`` without its line break."""

    index: int
    start: int
    end: int
    text: str  # stripped


SUBTITLE_DASH = re.compile(r"\s*(?:——|—|－－|--)\s*")
"""The dash that opens a subtitle (——陈集中心小学…汇报材料) or joins it to its main title."""


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with the offsets of their stripped text."""
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = pos + (len(raw) - len(raw.lstrip()))
            lines.append(Line(len(lines), lead, lead + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


class HeadKind(StrEnum):
    BODY = "body"
    TITLE = "title"  # the whole line is a title
    COLLECTION = "collection"  # the whole line names a collection of reports
    START = "start"  # a report starts on this line: a marker, a numbered or a glued title


@dataclass(frozen=True, slots=True)
class Head:
    kind: HeadKind
    title: str = ""
    start: int = 0  # where the report (or title) starts, relative to the line
    body: int = 0  # where its body starts, relative to the line
    collection: str = ""  # the base title of a collection peeled off this line
    marker: bool = False  # started by 篇一 / 第二篇 / 篇1


def title_ends(
    text: str, pos: int, rules: SegmentRules, heads: re.Pattern[str] | None = None
) -> list[int]:
    """Where a title starting at ``text[pos]`` may end (absolute offsets, shortest first).

    A title names the domain (教育, 学校 …), ends with a report word (汇报, 工作总结, 整改报告 …)
    and an optional suffix (范文, (推荐) …), has no sentence punctuation, no unbalanced bracket,
    no spliced site phrase, and does not open like a sentence (现将, 我们 …) or with the words
    that end a title (工作总结我县…). ``heads``: other words to end it with than the report words.
    """
    window = text[pos : pos + _TITLE_ALLOWED_MAX + 12]
    if rules.sentence_openers.match(window) or rules.not_title_start.match(window):
        return []
    ends: list[int] = []
    for match in (heads or rules.title_head).finditer(window):
        candidate = window[: match.end()]
        if not 6 <= len(candidate) <= _TITLE_ALLOWED_MAX or _COUNT.search(candidate):
            continue
        official = _OFFICIAL_TITLE.fullmatch(candidate) is not None
        # a 、 in brackets lists kinds (27个县(市、区)), not clauses
        plain = _IN_BRACKETS.sub("", candidate)
        if _SENTENCE_PUNCT.search(plain.replace("、", "") if official else plain):
            continue
        if not rules.title_domain.search(candidate):
            continue
        if not _balanced(candidate) or rules.chrome_phrase.search(candidate):
            continue
        ends.append(pos + match.end())
    return ends


def _reworded_repeat(title: str, following: str) -> bool:
    """``following`` is ``title`` with a few characters swapped in place (at most a quarter),
    ending the same way: a rewording tool's copy of it."""
    if len(following) != len(title) or following == title or len(title) < 8:
        return False
    changed = sum(a != b for a, b in zip(title, following, strict=True))
    return changed <= len(title) // 4 and title[-2:] == following[-2:]


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in _PAIRS)


def _pick_title(text: str, pos: int, ends: list[int], rules: SegmentRules) -> int:
    """The shortest title followed by what shows it is whole (a count, a repeat, a number, a
    marker, the line's end, a sentence's opening words); else the longest."""
    for end in ends:
        title = text[pos:end]
        if end >= len(text) or text.startswith(title, end):
            return end
        suffix = rules.collection_suffix.match(text, end)
        if suffix and "篇" in suffix.group():
            return end
        if rules.ordinal_after_title.match(text, end) or rules.marker.match(text, end):
            return end
        if end < ends[-1] and rules.sentence_openers.match(text[end : end + 8]):
            return end  # …规划工作总结我县教育事业…: a sentence starts right after the title
        if ends[-1] - end >= 6 and ends[-1] in title_ends(text, end, rules):
            return end  # two titles in a row: a general one, then the report's own
    return ends[-1]


def _stray_mark(text: str, rules: SegmentRules) -> int:
    """Past a page's list mark before a title glued onto its first heading (a sharing site's
    page number: 1、…工作汇报一、基本情况…); else 0."""
    mark = rules.stray_mark.match(text)
    ends = title_ends(text, mark.end(), rules) if mark else []
    if mark is None or not ends:
        return 0
    after = _pick_title(text, mark.end(), ends, rules)
    return mark.end() if rules.first_heading.match(text, after) else 0


def read_head(text: str, rules: SegmentRules) -> Head:
    """What the start of a (stripped) line says; see the module docstring."""
    pos = _stray_mark(text, rules)
    collection = ""
    last_title = ""
    field = _FIELD_TITLE.match(text)
    if field and rules.title_domain.search(field.group("title")):
        # 文件名称 | 2021年教育基本情况 | ||: a government page's metadata table names the title
        return Head(HeadKind.TITLE, field.group("title"), field.start("title"), len(text))
    for _ in range(8):
        bracketed = _BRACKETED.match(text, pos)
        inside = bracketed.start("title") if bracketed else 0
        if bracketed and bracketed.end("title") in title_ends(text, inside, rules):
            # 【义务教育优质均衡发展报告】近年来,…: a title in 【】, the body run on after it
            title = bracketed.group("title")
            return Head(HeadKind.START, title, inside, bracketed.end(), collection)
        label = _LABEL.match(text, pos)
        if label:
            pos = label.end()
            continue
        phrase = rules.chrome_phrase.match(text, pos)
        if phrase and phrase.end() > pos:
            pos = phrase.end()
            continue
        marker = rules.marker.match(text, pos)
        if marker:
            body = marker.end()
            ends = title_ends(text, body, rules)
            title_end = _pick_title(text, body, ends, rules) if ends else body
            if not ends and is_short_line(text[body:]):
                title_end = len(text)  # 第四篇:推进义务教育均衡发展(推荐): the rest is its title
            title = _TITLE_TAG.sub("", text[body:title_end]) or last_title or collection
            return Head(HeadKind.START, title, pos, title_end, collection, marker=True)
        ends = title_ends(text, pos, rules)
        if not ends:
            break
        after = _pick_title(text, pos, ends, rules)
        title = text[pos:after]
        if last_title and title.endswith(last_title):
            title = last_title  # the title again after a name run into it: the first one's words
        suffix = rules.collection_suffix.match(text, after)
        if suffix and "篇" in suffix.group():
            collection, pos = title, suffix.end()
            if pos >= len(text):
                return Head(HeadKind.COLLECTION, title, 0, pos, collection)
            continue
        if after >= len(text):
            return Head(HeadKind.TITLE, title, pos, after, collection)
        if _reworded_repeat(title, text[after : after + len(title)]):
            # The title, then a copy with words swapped by a rewording tool (教育→训练, 发展→进展):
            # the copy opens the body, as a plain repeat would.
            return Head(HeadKind.START, title, pos, after, collection)
        if text.startswith(title, after) or title_ends(text, after, rules):
            last_title, pos = title, after
            continue
        ordinal = rules.ordinal_after_title.match(text, after)
        marker = None if ordinal else rules.marker.match(text, after)
        if ordinal or marker:
            number = ordinal or marker
            assert number is not None
            # …自查报告 篇1 ending its line: a marker after a collection's title, as 篇1 alone
            # on its line, with the report's own title block below it.
            block = marker is not None and marker.end() >= len(text)
            return Head(HeadKind.START, title, pos, number.end(), collection, marker=block)
        if rules.not_after_title.match(text, after):
            break
        return Head(HeadKind.START, title, pos, after, collection)
    if collection or last_title:
        # Titles peeled off, then something that is not a title: the body starts here.
        return Head(HeadKind.START, last_title or collection, 0, pos, collection)
    if pos:
        return Head(HeadKind.BODY, start=pos, body=pos)
    return Head(HeadKind.BODY)


def clean_title(title: str, rules: SegmentRules) -> str:
    """A title without the site's decorations (范文, 模板, (推荐), 作文 …) or the name of its
    author before it."""
    author = rules.author_prefix.match(title)  # 刘小刚:湘西州基础教育发展面临的问题…
    if author is not None and is_person_name(author["name"]):
        title = title[author.end() :]
    kind = _REPEATED_KIND.match(title)
    if kind and title.endswith(kind.group(1)) and len(title) > 2 * len(kind.group(1)):
        title = title[kind.end() :]
    matches = list(rules.title_head.finditer(title))
    head = matches[-1] if matches else None
    if head is None or head.end() != len(title):
        return _TITLE_TAG.sub("", title).strip()
    # Keep the head word itself; drop only the suffix the pattern allowed after it.
    word = max(
        (w for w in rules.head_words if title.startswith(w, head.start())), key=len, default=""
    )
    return title[: head.start() + len(word)].strip() if word else title


def chrome_free_length(text: str, rules: SegmentRules) -> int:
    """How many characters of ``text`` are not spliced site phrases."""
    return len(text) - sum(len(m.group()) for m in rules.chrome_phrase.finditer(text))


def is_chrome(text: str, rules: SegmentRules) -> bool:
    return rules.chrome_line.search(text)


def is_short_line(text: str, limit: int = 40) -> bool:
    """A line that can sit in a title block: a unit, a date, an author, a title's last word."""
    return len(text) <= limit and not _SENTENCE_PUNCT.search(text)
