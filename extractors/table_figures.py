"""Figures read from the cells of a table (``junheng.extractors.grids``).

A cell is a figure when the table names its indicator: the column's header ("生均教学及辅助用房
面积", "在校生数"), else the row's name, else the table's caption when it names exactly one
(a "生均公用经费情况表" with a column per level). Level and year come from the same words, the
header first, then the row, then the caption ("…监测结果(小学部分)", "2023年"). Rows and columns
of statistics about the indicator (标准差, 差异系数, 排名 …) and index columns are not figures of
it; a header's unit in brackets scales the cell ("(万元)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

from junheng.core.model import Document, Figure, FigureKind, Report, Span
from junheng.core.yamldata import package_yaml
from junheng.extractors.catalogue import Indicator, indicator_patterns
from junheng.extractors.counts import count_indicators
from junheng.extractors.grids import (
    CellNumber,
    Grid,
    column_header,
    grids,
    is_number,
    numbers,
    row_name,
)
from junheng.extractors.school_tables import school_figures

_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|学年|$)")
_SCALE = {"万": 1e4, "亿": 1e8, "千": 1e3}
_UNIT_IN_BRACKETS = re.compile(r"[(（]\s*([万亿千])?(元|平方米|册|台|人|所|个|%|％)")


@cache
def _words() -> dict[str, object]:
    data = package_yaml("junheng.extractors.data", "figures.yaml")
    tables = data["tables"]
    return {
        "statistics": re.compile(tables["statistics"]),
        "grade": re.compile(tables["grade"]),
        "levels": data["levels"],
    }


def table_figures(
    doc: Document,
    reports: Sequence[Report],
    taken: set[int],
    tables: Sequence[Grid] | None = None,
) -> list[Figure]:
    """The figures of the tables of ``doc``'s reports (``tables``: its grids, when the caller has
    read them already); cells whose number is already a figure (``taken``: start offsets) are
    left to it."""
    found: list[Figure] = []
    for grid in grids(doc) if tables is None else tables:
        report = next((r for r in reports if r.start <= grid.start < r.end), None)
        if report is None:
            continue
        # a table with a row per school gives each school's figures (school_tables.py)
        school = school_figures(doc.text, grid, report)
        chosen = school if school is not None else _grid_figures(doc.text, grid, report)
        found += [f for f in chosen if f.span.start not in taken]
    return found


def headed_cells(tables: Sequence[Grid]) -> set[int]:
    """The starts of the numbers in the cells of the ``tables`` laid out in a text (spaced rows,
    cells ending in bars) under a header row: what such a cell is, its column says, so the
    table's reading of it stands in place of the sentence reader's ("I1 … 合共⏎学生人数27 38 …":
    27 is one grade's pupils, not the school's)."""
    cells: set[int] = set()
    for grid in tables:
        if grid.layout == "cells" or not grid.rows or any(is_number(c.text) for c in grid.rows[0]):
            continue
        cells |= {n.start for row in numbers(grid)[1:] for n in row if n is not None}
    return cells


def _grid_figures(text: str, grid: Grid, report: Report) -> Iterator[Figure]:
    caption = _caption(text, grid)
    width = max((len(row) for row in grid.rows), default=0)
    headers = [column_header(grid, c) for c in range(width)]
    statistics, grade = _words()["statistics"], _words()["grade"]
    assert isinstance(statistics, re.Pattern) and isinstance(grade, re.Pattern)
    for r, row in enumerate(numbers(grid)):
        name = row_name(grid, r)
        if statistics.search(name):
            continue
        for c, number in enumerate(row):
            header = headers[c] if c < len(headers) else ""
            if number is None or statistics.search(header) or grade.match(header):
                continue
            # a column named for something that is no indicator (学生与专任教师比) holds that,
            # not the row's count: the row's name names a cell only under a column of years,
            # levels or nothing
            by_row = _named(name) if not _names_other(header) else None
            indicator = _named(header) or by_row or _named(caption)
            if indicator is None:
                continue
            value = _value(indicator, number, header + caption)
            if value is None:
                continue
            cells = grid.rows[r]
            yield Figure(
                doc=report.index,
                indicator=indicator.id,
                value=value,
                unit=indicator.unit,
                level=_level(header) or _level(name) or _level(caption),
                year=_year(header) or _year(name) or _year(caption),
                kind=FigureKind.ACTUAL,
                qualifier=None,
                span=Span(number.start, number.end),
                sentence=Span(cells[0].start, cells[-1].end),
                unit_name=report.unit_name,
            )


def _caption(text: str, grid: Grid) -> str:
    """The table's title: a first row of one cell, else the line before the table."""
    first = grid.rows[0] if grid.rows else ()
    if len(first) == 1:
        return first[0].text
    end = grid.start
    for _ in range(_CAPTION_REACH):
        line_start = text.rfind("\n", 0, max(0, end - 1)) + 1
        line = text[line_start:end].strip()
        if not _UNIT_LINE.fullmatch(line):
            return line
        end = line_start  # "单位:人" under the title: the title is the line above
    return ""


_CAPTION_REACH = 3
# a unit line under a table's title ("单位:人"), or an empty line: passed over on the way up
_UNIT_LINE = re.compile(r"(?:计量)?单位\s*[:：]\s*\S{0,6}|")


def _named(words: str) -> Indicator | None:
    """The indicator ``words`` name: a wording that is the whole of them but for a place, a
    level, a unit in brackets and 数/总数/人数 ("全区中小学生总数", "生均教学及辅助用房面积
    (平方米)"; not the 学生 of "每百名学生拥有高于规定学历教师数")."""
    if not words or _PER.search(_BRACKETS.sub("", words)):
        return None  # 学生/班: students per class, a ratio, not a count of students
    levels = _words()["levels"]
    assert isinstance(levels, dict)
    for indicator, pattern in indicator_patterns():
        for match in pattern.finditer(words):
            if match.group() in levels:
                continue  # 城关小学 is a school's name; a bare level names no count
            rest = words[: match.start()] + words[match.end() :]
            if len(_PADDING.sub("", rest)) <= _MAX_REST:
                return indicator
    return None


_PER = re.compile(r"[\u4e00-\u9fff][/／][\u4e00-\u9fff]")
_BRACKETS = re.compile(r"[(（][^)）]*[)）]")
_PADDING = re.compile(
    r"[(（][^)）]*[)）]|全[县区市镇乡校省国]|小学|初中|高中|中学|学前|义务教育|阶段|"
    r"(?:总|人)?数|[\s:：]"
)
_MAX_REST = 2


_YEARS = re.compile(r"(?:19|20)\d\d(?:[-—~至](?:19|20)?\d\d)?\s*(?:学?年度?|年)?")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _names_other(header: str) -> bool:
    """Whether a column header says what its cells are, beyond a year, a level, a unit or that it
    is the total (合计, 合共*)."""
    return bool(_HAN.search(_TOTAL.sub("", _PADDING.sub("", _YEARS.sub("", header)))))


_TOTAL = re.compile(r"^(?:合计|合共|总计|共计|小计|总数|全部|总)[*#^]*$")


def _value(indicator: Indicator, number: CellNumber, header: str) -> float | None:
    unit = _UNIT_IN_BRACKETS.search(header)
    value = number.value * (_SCALE.get(unit.group(1) or "", 1.0) if unit else 1.0)
    written_in_percent = number.percent or (unit is not None and unit.group(2) in "%％")
    if indicator.unit == "%" and not written_in_percent and not 0 <= value <= 100:
        return None
    if indicator.id in count_indicators() and value != int(value):
        return None  # a count is whole: 3.26 is no number of schools
    low, high = indicator.range
    return value if low <= value <= high else None


def _level(words: str) -> str | None:
    """The level ``words`` name, a school level before 义务教育 ("义务教育…(小学部分)": 小学)."""
    levels = _words()["levels"]
    assert isinstance(levels, dict)
    words = _SPACES.sub("", words)  # "4.小    学": a label spread to align
    named = []
    for w in sorted(levels, key=len, reverse=True):  # the longest first, each read once:
        if w in words:  # 普通中学 (of no one level) leaves no 中学, 中小学 no 小学
            if levels[w]:
                named.append(str(levels[w]))
            words = words.replace(w, "|")
    specific = [level for level in named if level != "义务教育"]
    chosen = specific or named
    return chosen[0] if chosen else None


_SPACES = re.compile(r"\s+")


def _year(words: str) -> int | None:
    found = _YEAR.search(words)
    return int(found.group(1)) if found else None
