"""Tables with a row per school: each school's figures, with its name, type and county.

The same reader serves every table junheng finds (:func:`junheng.extractors.grids.grids`): a
spreadsheet's sheet, a Word table, a PDF ruled table. A grid is a school table when rows under its
header name schools (``school_name`` in ``data/school_tables.yaml``) and some column's header names
an indicator (``headers``). The header may take two or three rows, with a cell spanning the
columns below it: an empty header cell whose column has a header below it takes the nearest
header to its left (the span), and a column's name is its header rows joined ("生均面积(平方米)"
over "教学及辅助用房"). The unit in a header's brackets scales its cells ("(万元)").

Each number under an indicator column is a :class:`~junheng.core.model.Figure` of that school:
``unit_name`` and ``school`` its name, ``school_type`` (小学, 初中, 九年一贯制, 完全中学 …) from a
学段 column or else its name, ``county`` from a 县(区) column (a merged cell covers the rows below
it) or else the caption's place name, ``level`` from the header ("小学在校生") or else the school's
one level. A row of 差异系数 under the schools gives the coefficients the table states, as
figures of ``cv_<indicator>`` (``cv_composite`` for a 综合 column), for the validator to check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from junheng.core.model import Figure, FigureKind, Report, Span
from junheng.core.yamldata import package_yaml
from junheng.extractors.catalogue import load_catalogue
from junheng.extractors.grids import Cell, CellNumber, Grid, numbers

_STRIP = re.compile(r"\s+")
CV_PREFIX = "cv_"
COMPOSITE_CV = "cv_composite"


@dataclass(frozen=True, slots=True)
class Column:
    """An indicator column: its id, unit, scale, plausible range and the level its header names."""

    indicator: str
    unit: str
    scale: float
    range: tuple[float, float]
    level: str | None


@dataclass(frozen=True, slots=True)
class School:
    name: str
    type: str | None
    levels: tuple[str, ...]
    county: str | None


@cache
def _data() -> dict[str, Any]:
    data = dict(package_yaml("junheng.extractors.data", "school_tables.yaml"))
    for key in ("school_name", "not_school", "name_column", "type_column", "county_column",
                "caption_county", "cv_row", "composite_column", "header_unit",
                "school_kind"):  # fmt: skip
        data[key] = re.compile(data[key])
    data["school_types"] = [
        (re.compile(t["words"]), str(t["type"]), tuple(t["levels"])) for t in data["school_types"]
    ]
    data["headers"] = [
        (
            h,
            [re.compile(p) for p in h["all"]],
            re.compile(h["none"]) if h.get("none") else None,
        )
        for h in data["headers"]
    ]
    return data


def indicator_name(indicator: str) -> str:
    """The 中文 name of an indicator id: the catalogue's, else the one ``data/school_tables.yaml``
    gives a column only a school table has (每百名学生拥有县级以上骨干教师数 …), else the id.

    >>> indicator_name("backbone_teachers_per_100_students")
    '每百名学生拥有县级以上骨干教师数'
    """
    found = load_catalogue().by_id.get(indicator)
    if found is not None:
        return found.name
    if indicator == COMPOSITE_CV:
        return "综合差异系数"
    names = {str(h["id"]): str(h["name"]) for h, _, _ in _data()["headers"] if h.get("name")}
    return names.get(indicator, indicator)


def header_names(grid: Grid, header_rows: int, top: int = 0) -> list[str]:
    """Each column's name from rows ``top`` to ``header_rows``, joined top to bottom; a header
    cell spanning columns (empty cells to its right over columns that have a header below) applies
    to each of them.

    >>> from junheng.extractors.grids import Cell
    >>> c = lambda t: Cell(0, len(t), t)
    >>> top, below = (c("学校"), c("生均(平方米)"), c("")), (c(""), c("教辅用房"), c("运动场"))
    >>> g = Grid((top, below), "cells")
    >>> header_names(g, 2)
    ['学校', '生均(平方米)教辅用房', '生均(平方米)运动场']
    """
    width = max((len(row) for row in grid.rows), default=0)
    rows = [[_text(row, c) for c in range(width)] for row in grid.rows[top:header_rows]]
    for r, row in enumerate(rows[:-1]):
        below = rows[r + 1 :]
        for c in range(1, width):
            if not row[c] and row[c - 1] and any(b[c] for b in below):
                row[c] = row[c - 1]
    names = []
    for c in range(width):
        parts: list[str] = []
        for row in rows:
            if row[c] and (not parts or parts[-1] != row[c]):
                parts.append(row[c])
        names.append("".join(parts))
    return names


def _text(row: tuple[Any, ...], col: int) -> str:
    return _STRIP.sub("", row[col].text) if col < len(row) else ""


def _column(header: str) -> Column | None:
    data = _data()
    plain = data["header_unit"].sub("", header)
    catalogue = load_catalogue().by_id
    for entry, patterns, none in data["headers"]:
        if all(p.search(plain) for p in patterns) and not (none and none.search(plain)):
            known = catalogue.get(entry["id"])
            units = [m.group("unit") for m in data["header_unit"].finditer(header)]
            written = units[-1] if units else ""  # the last unit written (a sub-header's) wins
            return Column(
                indicator=entry["id"],
                unit=known.unit if known else str(entry.get("unit", "")),
                scale=float(data["unit_scale"].get(written, 1)),
                range=_range(known.range if known else entry.get("range", [0, 1e12])),
                level=_header_level(plain),
            )
    return None


def _range(bounds: Any) -> tuple[float, float]:
    low, high = bounds
    return float(low), float(high)


def _header_level(words: str) -> str | None:
    for level in ("小学", "初中", "高中"):
        if level in words:
            return level
    return None


def school_type(words: str) -> tuple[str | None, tuple[str, ...]]:
    """The type and levels a 学段 cell or a school's name says.

    >>> school_type("城关镇九年一贯制学校")
    ('九年一贯制', ('小学', '初中'))
    """
    for pattern, kind, levels in _data()["school_types"]:
        if pattern.search(words):
            return kind, levels
    return None, ()


def _is_school(text: str) -> bool:
    data = _data()
    name = _STRIP.sub("", text)
    return bool(len(name) >= 3 and data["school_name"].search(name)
                and not data["not_school"].search(name)
                and not data["school_kind"].fullmatch(name))  # fmt: skip


def _first_school_row(grid: Grid) -> tuple[int, int] | None:
    """The first row naming a school, and the column that names it."""
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row):
            if _is_school(cell.text):
                return r, c
    return None


def school_figures(text: str, grid: Grid, report: Report) -> list[Figure] | None:
    """The figures of a school table, or None when ``grid`` is not one."""
    first = _first_school_row(grid)
    if first is None or first[0] == 0:
        return None
    header_rows, name_col = first
    caption = _caption(grid)
    headers = header_names(grid, header_rows, 1 if caption is not None else 0)
    columns = {c: col for c, h in enumerate(headers) if c != name_col and (col := _column(h))}
    if not columns:
        return None
    schools = list(_schools(grid, header_rows, name_col, headers, caption))
    if sum(school is not None for _, school in schools) < 2:
        return None
    cells = numbers(grid)
    found: list[Figure] = []
    for r, school in schools:
        if school is not None:
            found += _row_figures(grid, r, cells[r], columns, school, report)
    named = [school for _, school in schools if school is not None]
    levels = {school.levels for school in named}
    counties = {school.county for school in named}
    table = School(
        "",
        None,
        levels.pop() if len(levels) == 1 else (),
        counties.pop() if len(counties) == 1 else None,
    )
    for r, school in schools:
        if school is None:
            found += _stated_cvs(grid, r, cells[r], headers, columns, table, report)
    return found


def _schools(
    grid: Grid, header_rows: int, name_col: int, headers: list[str], caption: str | None
) -> Iterator[tuple[int, School | None]]:
    """The school rows (a :class:`School`) and the 差异系数 rows (None), in order."""
    data = _data()
    type_col = _find(headers, data["type_column"])
    county_col = _find(headers, data["county_column"])
    county = _caption_county(caption or "")
    for r in range(header_rows, len(grid.rows)):
        row = grid.rows[r]
        name = _STRIP.sub("", row[name_col].text) if name_col < len(row) else ""
        if county_col is not None and county_col < len(row) and row[county_col].text.strip():
            county = _STRIP.sub("", row[county_col].text)  # a merged cell covers the rows below
        if data["cv_row"].search(name) or any(data["cv_row"].search(c.text) for c in row):
            yield r, None
            continue
        if not _is_school(name):
            continue
        kind_words = row[type_col].text if type_col is not None and type_col < len(row) else ""
        kind, levels = school_type(kind_words) if kind_words.strip() else (None, ())
        if kind is None:
            kind, levels = school_type(name)
        yield r, School(name, kind, levels, county)


def _caption(grid: Grid) -> str | None:
    first = [cell.text for cell in grid.rows[0] if cell.text.strip()] if grid.rows else []
    return first[0] if len(first) == 1 else None


def _caption_county(caption: str) -> str | None:
    match = _data()["caption_county"].search(_STRIP.sub("", caption))
    return match.group("county") if match else None


def _find(headers: list[str], pattern: re.Pattern[str]) -> int | None:
    plain = [_data()["header_unit"].sub("", h) for h in headers]
    return next((c for c, h in enumerate(plain) if h and pattern.search(h)), None)


def _row_figures(
    grid: Grid,
    r: int,
    row: list[CellNumber | None],
    columns: dict[int, Column],
    school: School,
    report: Report,
) -> Iterator[Figure]:
    cells = grid.rows[r]
    for c, column in columns.items():
        number = row[c] if c < len(row) else None
        if number is None:
            continue
        value = _value(column, number)
        if value is None:
            continue
        level = column.level or (school.levels[0] if len(school.levels) == 1 else None)
        yield _cell_figure(
            report, cells, number, column.indicator, value, column.unit, level,
            unit_name=school.name, school=school.name, school_type=school.type,
            county=school.county,
        )  # fmt: skip


def _cell_figure(
    report: Report,
    cells: tuple[Cell, ...],
    number: CellNumber,
    indicator: str,
    value: float,
    unit: str,
    level: str | None,
    *,
    unit_name: str | None,
    county: str | None,
    school: str | None = None,
    school_type: str | None = None,
) -> Figure:
    """A table cell's number as a figure of its row (a school's, or the table's own 差异系数
    row's): the number's span, the row's cells as its sentence."""
    return Figure(
        doc=report.index,
        indicator=indicator,
        value=value,
        unit=unit,
        level=level,
        year=None,
        kind=FigureKind.ACTUAL,
        qualifier=None,
        span=Span(number.start, number.end),
        sentence=Span(cells[0].start, cells[-1].end),
        unit_name=unit_name,
        school=school,
        school_type=school_type,
        county=county,
    )


def _value(column: Column, number: CellNumber) -> float | None:
    value = number.value * column.scale
    if column.indicator == "student_teacher_ratio" and 0 < value < 1:
        value = 1 / value  # 师生比 as teachers per student (0.05): stored as students per teacher
    low, high = column.range
    return value if low <= value <= high else None


def _stated_cvs(
    grid: Grid,
    r: int,
    row: list[CellNumber | None],
    headers: list[str],
    columns: dict[int, Column],
    table: School,
    report: Report,
) -> Iterator[Figure]:
    """A 差异系数 row: the coefficient stated under each indicator column (and a 综合 one)."""
    cells = grid.rows[r]
    for c, number in enumerate(row):
        if number is None or not 0 <= number.value < 10:
            continue
        if c in columns:
            indicator, level = CV_PREFIX + columns[c].indicator, columns[c].level
        elif c < len(headers) and _data()["composite_column"].search(headers[c]):
            indicator, level = COMPOSITE_CV, _header_level(headers[c])
        else:
            continue
        level = level or (table.levels[0] if len(table.levels) == 1 else None)
        yield _cell_figure(
            report, cells, number, indicator, number.value, "", level,
            unit_name=report.unit_name, county=table.county,
        )  # fmt: skip
