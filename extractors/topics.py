"""Topics: the indicator a heading names, carried over what follows it.

A statistical bulletin or a report section names its subject once, in a heading, and gives the
values under it by level only ("(二)各级教育生均一般公共预算公用经费支出情况" then "1.全县普通小学为
2810.33元"). A heading is a line, or a sentence opening with a list mark inside a paragraph
("(一)生均公用经费支出情况。1.全县…"), that holds no number but its list mark and its years and
names an indicator besides level words; "2017年全国教育经费执行情况(生均公用经费支出情况)" names
two, and the unit of each number under it tells which it gives. Its topic runs from the heading
to the next heading with a list mark, a blank line, or a sentence that names an indicator the
heading does not (a line under the title that names nothing, "教育部 国家统计局 财政部" or
"单位:元", does not end it).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

from junheng.extractors.catalogue import Indicator

_SENTENCE_END = re.compile(r"[。!?\n]")
_LIST_MARK = re.compile(
    r"\s*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])\s*"
)
# Years do not make a heading a sentence with numbers: "(一)2024年各级教育生均公用经费支出情况".
_YEARS = re.compile(r"(?:19|20)\d\d(?:\s*[-—–~至到]\s*(?:19|20)\d\d)?\s*年度?")
_HEADING_MAX = 30  # a heading line or a heading sentence is short…
_TITLE_MAX = 60  # …or a line with no clause inside it, as a report's title is
_CLAUSE = re.compile(r"[,，;；]")
_BLANK_LINE = re.compile(r"\n\s*\n")

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")


@dataclass(frozen=True, slots=True)
class Topic:
    """A stretch of text a heading scopes: the indicators it names (in its order) and the year
    it says, when it says one."""

    start: int
    end: int
    indicators: tuple[Indicator, ...]
    year: int | None


class Named(Protocol):
    """An indicator wording found in the text (``figures.Mention``)."""

    @property
    def indicator(self) -> Indicator: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def topics(
    text: str, start: int, end: int, mentions: Sequence[Named], levels: Collection[str]
) -> list[Topic]:
    """Each stretch of ``text[start:end]`` a heading gives its indicator to. ``mentions`` are the
    wordings of the stretch in text order; ``levels`` the wordings that only name a level.
    One pass over the sentences: a heading that names an indicator opens a topic, and what ends
    a topic (see the module) may open the next."""
    found: list[Topic] = []
    if not mentions:
        return found
    starts = [m.start for m in mentions]
    open_at: tuple[int, int, tuple[Indicator, ...]] | None = None  # heading start, end, names
    cursor = start
    for unit_start, unit_end in _units(text, start, end):
        heading = _heading(text, unit_start, unit_end)
        named = _named(text, unit_start, unit_end, mentions, starts, levels)
        if open_at is not None and (
            _BLANK_LINE.search(text, cursor, unit_start)
            or (heading and _LIST_MARK.match(text, unit_start))
            or {i.id for i in named} - {i.id for i in open_at[2]}
        ):
            found += _closed(text, *open_at, unit_start)
            open_at = None
        if heading and named:
            if open_at is not None:
                found += _closed(text, *open_at, unit_start)
            open_at = (unit_start, unit_end, named)
        cursor = unit_end
    if open_at is not None:
        found += _closed(text, *open_at, end)
    return found


def _closed(
    text: str, head_start: int, head_end: int, named: tuple[Indicator, ...], stop: int
) -> list[Topic]:
    """The topic of the heading at ``text[head_start:head_end]``, up to ``stop``."""
    if head_end + 1 >= stop:
        return []
    years = {int(y) for y in _YEAR.findall(text, head_start, head_end)}
    year = years.pop() if len(years) == 1 else None
    return [Topic(head_end + 1, stop, named, year)]


def topic_at(found: Sequence[Topic], pos: int) -> Topic | None:
    return next((topic for topic in found if topic.start <= pos < topic.end), None)


def _units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences and lines of ``text[start:end]``, empty ones left out."""
    units, cursor = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        if text[cursor : match.start()].strip():
            units.append((cursor, match.start()))
        cursor = match.end()
    if text[cursor:end].strip():
        units.append((cursor, end))
    return units


def _heading(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` reads as a heading: no number but its list mark and years,
    and short; a line may be longer when no clause divides it, or when it ends with a colon."""
    unit = text[start:end]
    marked = _LIST_MARK.match(unit)
    body = unit[marked.end() :] if marked else unit
    if re.search(r"\d", _YEARS.sub("", body)):
        return False
    line = (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")
    size = len(unit.strip())
    if not line:  # inside a paragraph, only a marked, short sentence is a heading
        return bool(marked) and size <= _HEADING_MAX
    return (
        size <= _HEADING_MAX
        or (size <= _TITLE_MAX and not _CLAUSE.search(unit))
        or unit.rstrip().endswith((":", "："))
    )


def _named(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[Named],
    starts: Sequence[int],
    levels: Collection[str],
) -> tuple[Indicator, ...]:
    """The indicators the wordings of ``text[start:end]`` name, beyond a level, each once, in
    text order."""
    named: dict[str, Indicator] = {}
    for mention in mentions[bisect_left(starts, start) :]:
        if mention.start >= end:
            break
        if text[mention.start : mention.end] not in levels:
            named.setdefault(mention.indicator.id, mention.indicator)
    return tuple(named.values())
