"""List numbering: every way the seeds number entries, as marks with a family and a value.

Families: ``cn`` (一、), ``paren_cn`` ((一), 一), 【一】, 〔一〕), ``arabic`` (1. 1、),
``paren_arabic`` ((1), 1), 【1】, 〔1〕), ``circled`` (①), ``shi`` (一是; 一要 after a clause
break: "会议强调,一要…二要…"), ``di`` (第一,),
``seq`` (首先/其次/再次/最后). A marker a web copy leaves before a mark (``‹正>``, ``<正>``: a
digital library's "body starts here") belongs to the mark, so the mark still starts its line
and the entry before it does not end in the marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from junheng.core.scan import scan

_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_CN = "一二三四五六七八九十"
_SEQ_NEXT = -1  # 其次/再次/最后: the next value of an open 首先 sequence

# Web-copy markers before a mark, and the brackets around a bracketed number.
NOISE = r"[<‹〈]正[>›〉]"
_OPEN, _CLOSE = "(（【〔", ")）】〕"
MARK = re.compile(
    rf"(?:{NOISE}[ \t\u3000]*)?"
    rf"(?:(?P<paren_cn>[{_OPEN}]\s*(?P<v1>[{_CN}]{{1,3}})\s*[{_CLOSE}]\s*[、.]?)"
    rf"|(?P<paren_arabic>[{_OPEN}]\s*(?P<v2>\d{{1,2}})\s*[{_CLOSE}]\s*[、.]?)"
    rf"|(?P<half_cn>(?P<v3>[{_CN}]{{1,3}})[)）]\s*[、.]?)"
    rf"|(?P<half_arabic>(?<![\d.])(?P<v4>\d{{1,2}})[)）]\s*[、.]?)"
    rf"|(?P<di>第(?P<v5>[{_CN}]{{1,2}})(?:是|[,，、:：]))"
    rf"|(?P<shi>(?P<v6>[{_CN}]{{1,2}})是\s*[:：,，、]?"
    rf"|(?<=[,，;；。:：\s])(?P<v9>[{_CN}]{{1,2}})要(?![求点素])\s*[:：,，、]?)"
    rf"|(?P<cn>(?P<v7>[{_CN}]{{1,3}})\s*[、．](?!\d))"
    rf"|(?P<arabic>(?<![\d.])0?(?P<v8>\d{{1,2}})\s*(?:、|[.．](?!\d)))"
    # "5,拓展…" at a line's start: 、 typed as a comma in a list numbered 1、2、…
    rf"|(?P<comma_arabic>(?<=\n)(?P<v10>\d{{1,2}})[,，](?![\d\s]))"
    r"|(?P<circled>[\u2460-\u2473])"
    r"|(?P<seq>(?P<s>首先|其次|再次|然后|最后)(?:是|一点)?\s*[,，:：]?)"
    r"|(?P<dash>(?<=[:：;；\n\u4e00-\u9fff>›〉])\s*[-—•·]\s))"
)
# Families whose marks are unambiguous enough to start a list after any character.
_ANYWHERE = frozenset({"paren_cn", "paren_arabic", "circled"})
_ALIASES = {"half_cn": "paren_cn", "half_arabic": "paren_arabic", "comma_arabic": "arabic"}
_BREAK = "。；;：:!?！？\n…"
_TITLE_CHARS = 16


@dataclass(frozen=True, slots=True)
class Mark:
    """One numbering mark: ``[start, end)`` in the text, its family and value (-1: "next")."""

    family: str
    value: int
    start: int
    end: int
    at_break: bool  # at a line start or right after a sentence end
    phrase_start: int = 0  # where the phrase before it begins (after the last , 、 ; before it)


def cn_value(text: str) -> int:
    """一 → 1, 十 → 10, 十一 → 11, 二十三 → 23."""
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + _CN_DIGITS.get(ones, 0)


def _value(match: re.Match[str], family: str) -> int:
    if family == "dash":
        return _SEQ_NEXT
    if family == "seq":
        return 1 if match.group("s") == "首先" else _SEQ_NEXT
    if family == "circled":
        return ord(match.group()[0]) - 0x2460 + 1
    digits = next(
        g for g in match.group("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10") if g
    )
    return int(digits) if digits.isdigit() else cn_value(digits)


def _at_break(text: str, pos: int, floor: int) -> bool:
    """Whether ``pos`` opens a line or follows a sentence end, an ellipsis (a site's "……此处隐藏
    N个字……" gap) or a space after Chinese text: normalisation keeps a space only where a copy
    that flattened its lines left one before a mark ("…普及程度 1.适龄儿童…")."""
    back = pos - 1
    while back >= floor and text[back] in " \t\u3000":
        back -= 1
    if back < floor or text[back] in _BREAK:
        return True
    return back < pos - 1 and bool(_BEFORE_SPACE.match(text[back]))


_BEFORE_SPACE = re.compile(r"[\u3400-\u9fff%)）》”]")


def _phrase_start(text: str, pos: int, floor: int) -> int:
    back = pos - 1
    limit = max(floor, pos - _TITLE_CHARS - 1)
    while back >= limit and text[back] not in _PHRASE_BREAK:
        back -= 1
    return back + 1


_PHRASE_BREAK = ",，、;；"


def find_marks(text: str, start: int, end: int) -> list[Mark]:
    """Every candidate mark in ``text[start:end]``; :func:`accept` keeps the real ones."""
    marks: list[Mark] = []
    for match in scan(MARK, text, start, end):
        family = match.lastgroup  # the family's group closes after the value's inside it
        assert family in _NAMES, family
        marks.append(
            Mark(
                family=_ALIASES.get(family, family),
                value=_value(match, family),
                start=match.start(),
                end=match.end(),
                at_break=_at_break(text, match.start(), start),
                phrase_start=_phrase_start(text, match.start(), start),
            )
        )
    return marks


def line_mark(text: str, start: int, end: int) -> Mark | None:
    """The numbering mark that opens the line ``text[start:end]`` (after its spaces), if any:
    ``1.``, ``(2)``, ``①``, ``三、`` (not 一是 or 首先, which open a clause, not a line)."""
    pos = start
    while pos < end and text[pos] in " \t\u3000":
        pos += 1
    match = MARK.match(text, pos, end)
    if match is None or match.lastgroup in ("shi", "seq", "dash", "di"):
        return None
    family = match.lastgroup
    assert family is not None
    return Mark(_ALIASES.get(family, family), _value(match, family), pos, match.end(), True, pos)


_NAMES = frozenset(
    {"paren_cn", "paren_arabic", "half_cn", "half_arabic", "di", "shi", "cn", "arabic"}
    | {"comma_arabic"}
    | {"circled", "seq", "dash"}
)


@dataclass(slots=True)
class _Open:
    family: str
    last: int


def accept(marks: list[Mark], *, free_start: bool = True) -> list[tuple[Mark, int]]:
    """The marks that number a list, each with its depth (0 = outermost).

    A mark continues an open family when its value is the next one (a family already open closes
    the deeper ones), or opens a deeper family at value 1. A family starts a list or a new level
    only at a line start or after a sentence end (brackets and ① anywhere); the first mark may
    start at any value when ``free_start`` (a list that continues the numbering of an earlier one).
    """
    stack: list[_Open] = []
    kept: list[tuple[Mark, int]] = []
    for mark in marks:
        depth = _continues(stack, mark)
        if depth is not None:
            del stack[depth + 1 :]
            stack[depth].last = stack[depth].last + 1 if mark.value == _SEQ_NEXT else mark.value
        elif _opens(stack, mark, free_start and not kept, _after_title(kept, mark)):
            stack.append(_Open(mark.family, 1 if mark.value == _SEQ_NEXT else mark.value))
            depth = len(stack) - 1
        else:
            continue
        kept.append((mark, depth))
    return kept


def _continues(stack: list[_Open], mark: Mark) -> int | None:
    for depth, open_ in enumerate(stack):
        if open_.family != mark.family:
            continue
        next_value = mark.value in (_SEQ_NEXT, open_.last + 1)
        if next_value and (mark.at_break or mark.family not in {"seq", "shi", "di"}):
            return depth
        return None
    return None


def _after_title(kept: list[tuple[Mark, int]], mark: Mark) -> bool:
    """Whether ``mark`` follows a short entry title on the same line (``(一)政策措施制定1. …``):
    a phrase without , 、 or ; (in "2.台账不够完整,存在封面格式不一、…" the 一、 is a word's)."""
    if not kept:
        return False
    previous = kept[-1][0]
    return 0 < mark.start - previous.end <= _TITLE_CHARS and mark.phrase_start <= previous.end


def _opens(stack: list[_Open], mark: Mark, free: bool, after_title: bool = False) -> bool:
    if any(open_.family == mark.family for open_ in stack):
        return False
    if not (mark.at_break or after_title or mark.family in _ANYWHERE):
        return False
    if mark.family == "dash":  # or after a short title: ``1、加强师资力量支持- 增加…`` (001)
        return mark.at_break or after_title
    if free and mark.at_break and mark.family != "seq":
        return 1 <= mark.value <= 20
    return mark.value == 1
