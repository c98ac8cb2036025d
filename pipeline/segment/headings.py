"""The heading tree of a report.

A heading is a line that opens with numbering: 第一部分, 一、, (一), 一), 1. / 1、, (1), ①, 一是 /
第一, … Each numbering family takes the level at which it first appears in the report (reports
do not agree on an order: some put 1. under 一、, some under (一)), and a heading of a family
already open closes the deeper ones. A heading's title runs to its first sentence end; when a
deeper numbering follows a short title on the same line (二、工作内容和进展1. 资源配置方面:(1)…),
each is its own heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from junheng.core.model import Section
from junheng.core.scan import first_chars
from junheng.segment.lines import Line

_CN = "一二三四五六七八九十"
# (family, pattern) in the order reports most often nest them.
_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"第[{_CN}]{{1,3}}部分\s*[:、]?\s*")),
    ("cn", re.compile(rf"[{_CN}]{{1,3}}\s*[、.]\s*")),
    # (一) and 一) are one family: reports drop the opening bracket now and then.
    ("paren_cn", re.compile(rf"\(?\s*[{_CN}]{{1,3}}\s*\)\s*[、.]?\s*")),
    ("arabic", re.compile(r"0?\d{1,2}\s*(?:、|\.(?!\d)|,(?=\D))\s*")),
    ("paren_arabic", re.compile(r"\(\s*\d{1,2}\s*\)\s*[、.]?\s*")),
    ("circled", re.compile("[\u2460-\u2473]\\s*")),
    ("yishi", re.compile(rf"(?:第[{_CN}]{{1,2}}\s*[,、:]|[{_CN}]{{1,2}}是\s*[:,、]?)\s*")),
)
_ANNOUNCED = re.compile(r"(?:如下|以下几个方面|以下措施)\s*:\s*(?=\S)")
_TITLE_END = re.compile(r"[。;!?:]|$")
_MAX_TITLE = 40


@dataclass(frozen=True, slots=True)
class HeadingMark:
    family: str
    marker: str
    start: int  # document offset where the numbering starts
    title_start: int
    title_end: int


# All families in one pattern (the first alternative that matches is the first family in order),
# and the characters a numbering can start with.
_ANY_FAMILY = re.compile("|".join(f"(?P<{family}>{p.pattern})" for family, p in _FAMILIES))
_NUMBERING_START = first_chars(_ANY_FAMILY)


def _family_at(text: str, pos: int) -> tuple[str, re.Match[str]] | None:
    """The first family (in ``_FAMILIES`` order) whose numbering stands at ``pos`` with text after
    it."""
    match = _ANY_FAMILY.match(text, pos)
    if match is None:
        return None
    if match.end() < len(text):
        assert match.lastgroup is not None
        return match.lastgroup, match
    for family, pattern in _FAMILIES:  # the first one ends the line: a later family may not
        match = pattern.match(text, pos)
        if match and match.end() < len(text):
            return family, match
    return None


def _marks_on_line(line: Line) -> list[HeadingMark]:
    marks: list[HeadingMark] = []
    text = line.text
    # A list announced inside a paragraph: "…现总结汇报如下:一、把安全稳定当做第一要务".
    announced = _ANNOUNCED.search(text) if _family_at(text, 0) is None else None
    pos = announced.end() if announced else 0
    seen: set[str] = set()
    while pos < len(text):
        found = _family_at(text, pos)
        if found is None or found[0] in seen:
            break
        family, match = found
        seen.add(family)
        end_match = _TITLE_END.search(text, match.end())
        title_end = end_match.start() if end_match else len(text)
        # A deeper numbering right after a short title on the same line starts its own heading.
        nested = _nested_start(text, match.end(), title_end, seen)
        title_end = nested if nested is not None else title_end
        title_end = min(title_end, match.end() + _MAX_TITLE)
        marks.append(
            HeadingMark(
                family,
                match.group().strip(),
                line.start + pos,
                line.start + match.end(),
                line.start + title_end,
            )
        )
        if nested is None:
            break
        pos = nested
    return marks


def _nested_start(text: str, start: int, limit: int, seen: set[str]) -> int | None:
    if limit < len(text) and text[limit] == ":":
        limit += 2  # "1. 资源配置方面:(1)完善学校布局": a deeper number right after the colon
    end = min(limit, start + 20)
    pos = start + 2
    while pos < end:
        if _NUMBERING_START is not None:  # skip, in C, to where a numbering can start
            candidate = _NUMBERING_START.search(text, pos, end)
            if candidate is None:
                return None
            pos = candidate.start()
        found = _family_at(text, pos)
        if found and found[0] not in seen and found[0] in {"arabic", "paren_arabic", "paren_cn"}:
            return pos
        pos += 1
    return None


def find_headings(lines: list[Line]) -> list[HeadingMark]:
    """Every numbered heading among the lines of one report, in order."""
    marks: list[HeadingMark] = []
    for line in lines:
        marks.extend(_marks_on_line(line))
    return marks


def build_tree(marks: list[HeadingMark], text: str, report_end: int) -> tuple[Section, ...]:
    """Nest the headings: a family's level is where it first appears below an open family."""
    roots: list[dict] = []
    stack: list[dict] = []
    for mark in marks:
        families = [node["family"] for node in stack]
        if mark.family in families:
            depth = families.index(mark.family)
            for node in stack[depth:]:
                node["end"] = mark.start
            del stack[depth:]
        node = {"mark": mark, "family": mark.family, "children": [], "end": report_end}
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append(node)
    return tuple(_freeze(node, text, 1) for node in roots)


def _freeze(node: dict, text: str, level: int) -> Section:
    mark: HeadingMark = node["mark"]
    return Section(
        title=text[mark.title_start : mark.title_end].strip().rstrip(":"),
        level=level,
        marker=mark.marker,
        style=mark.family,
        start=mark.start,
        heading_end=mark.title_end,
        end=node["end"],
        children=tuple(_freeze(child, text, level + 1) for child in node["children"]),
    )
