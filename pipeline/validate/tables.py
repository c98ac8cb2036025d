"""Relations that hold across the rows of a table, and the rows where they fail.

A table rarely says how its columns relate: a 合计 column is the sum of the two before it, a
比例 column one count over another, a 差异系数 row the 标准差 row over the 平均值 row. The reader
learns it from the table itself: a relation between positions of a line (columns of a row, or
rows of a column) that holds, to the written precision, in at least :data:`MIN_HOLDING` lines, and
in at least three times as many lines as it fails, is what the table states; a line where it
fails is an error to check. Only these shapes are tried, so a coincidence across three lines is
unlikely:

* ``sum``: a position equals the sum of the two to six positions just before (or just after) it;
* ``percent``: a position written in % equals one position over another, × 100;
* ``ratio``: a position equals one position over another;
* ``share of the total``: a position is the line's number at another position over the number
  there in the table's total line (the line that gives 100 at the share's position: 地区生产总值
  529757 … 100, then 工业 111250 … 21), × 100.

Lines that are an index (序号 1, 2, 3 …) are left out, and a line counts as evidence only when
its numbers are non-zero and written with at least two significant digits. Numbers are read from
the cells as written; a table whose counts are written with a dot every three digits (1.802 beside
163 in one column, every dotted number with three decimals) is read with the dots as thousands
separators.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise, permutations

from junheng.extractors.grids import (
    Cell,
    CellNumber,
    Grid,
    column_header,
    numbers,
    row_name,
)
from junheng.validate.interval import Interval, total
from junheng.validate.quantities import Q
from junheng.validate.relations import Relation, measured, share_of, vocab

MIN_HOLDING = 3
_MIN_DECLARED = 2  # lines a share column the header names must hold in
_FAILS_PER_HOLDING = 3  # a relation is the table's when it holds in ≥ 3× the lines it fails
_MAX_PARTS = 6
_PROBE = 8  # a shape that fails in the first eight lines it applies to is not the table's
_MAX_ROWS = 400  # rows of a table read (a per-school table of a large county)
_MAX_WIDTH = 24  # positions of a line looked at (a table's first 24 columns)
_MAX_QUOTIENT_WIDTH = 12  # one position over another is tried in lines this short (12·11·10 shapes)
_MIN_PRECISION = 0.05  # half a unit of the last digit, relative to the value


@dataclass(frozen=True, slots=True)
class _Line:
    """One row (or column) of numbers, ``None`` where a cell holds none; and its name."""

    values: tuple[Q | None, ...]
    name: str


def table_relations(grid: Grid, rounding: str) -> Iterator[Relation]:
    """Every relation a table's lines state, holding or not, from its rows and its columns."""
    matrix = _numbers(grid)
    if not matrix:
        return
    width = min(max(len(r) for r in matrix), _MAX_WIDTH)
    rows = [
        _Line(tuple(r[c] if c < len(r) else None for c in range(width)), row_name(grid, i))
        for i, r in enumerate(matrix)
        if any(q is not None for q in r)
    ][:_MAX_ROWS]
    # (a row without numbers is a header: it names columns, it is no line of the relations)
    columns = [
        _Line(tuple(line.values[c] for line in rows), column_header(grid, c)) for c in range(width)
    ]
    seen: set[frozenset[int]] = set()
    declared = [
        *_declared_totals(rows, columns, rounding),
        *_total_column(rows, columns, rounding),
        *_indented_totals(grid, matrix, rounding),
    ]
    for relation in declared:
        seen.add(frozenset(q.start for q in relation.quantities))
        yield relation
    for lines, names in ((rows, [c.name for c in columns]), (columns, [r.name for r in rows])):
        lines = [line for line in lines if not _index(line)]
        for relation in _discover(lines, names, rounding):
            cells = frozenset(q.start for q in relation.quantities)
            if cells not in seen:  # t = a/b and b = a/t are one relation
                seen.add(cells)
                yield relation


# ---- a total the table names ------------------------------------------------------------------


def _declared_totals(
    rows: Sequence[_Line], columns: Sequence[_Line], rounding: str
) -> Iterator[Relation]:
    """The sums a total row states by its name (``total_rows``: 合计, 全县 …), last under the
    rows it sums or first over them: in each column of counts, its number is the sum of theirs.

    Not read when a row is a subtotal or a subset of another (小计, 其中 …), nor when the total
    row's sum holds in fewer than twice the columns it fails in (then its numbers are not plain
    sums: a school type counted under two levels as well, a list of some of the units)."""
    words = vocab()
    names = [re.sub(r"\s+", "", line.name) for line in rows]
    totals = [i for i, name in enumerate(names) if words["total_rows"].match(name)]
    if len(totals) != 1 or any(words["not_total_parts"].search(name) for name in names):
        return
    at = totals[0]
    if at not in (0, len(rows) - 1) or len(rows) < 3:
        return
    parts = [i for i in range(len(rows)) if i != at]
    found = []
    for column in columns:
        if words["not_summed_columns"].search(column.name):
            continue
        cells = [column.values[i] for i in parts]
        stated = column.values[at]
        if stated is None or any(q is None for q in cells):
            continue
        counted = [q for q in cells if q is not None]
        if any(q.unit == "%" for q in (*counted, stated)):
            continue
        allowed = total([Interval.of(q, rounding) for q in counted])
        holds = allowed.overlaps(Interval.of(stated, rounding))
        found.append(
            Relation("sum", tuple(counted), stated, sum(q.value for q in counted), allowed, holds)
        )
    holding = sum(r.holds and _evidence(r.quantities, False) for r in found)
    if holding and holding >= 2 * (len(found) - holding):
        yield from found


def _total_column(
    rows: Sequence[_Line], columns: Sequence[_Line], rounding: str
) -> Iterator[Relation]:
    """The sums a total column states by its header (``total_column``: 合计, 合共*), the last
    column: in each row that counts (``count_row``: 学生人数, 班数, 教学人员人次数), its number is
    the sum of the row's numbers before it (a dash, an empty cell, counts nothing). Rows of rates
    or averages (学生/班, 升级率, 平均教龄) are no sums."""
    words = vocab()
    if len(columns) < 3 or not words["total_column"].match(re.sub(r"\s+", "", columns[-1].name)):
        return
    if any(words["total_column"].match(re.sub(r"\s+", "", c.name)) for c in columns[:-1]):
        return  # a total per group of columns: which columns each sums is not said
    for line in rows:
        name = re.sub(r"\s+", "", line.name)
        if not words["count_row"].search(name) or words["averaged"].search(name) or "/" in name:
            continue
        stated, counted = line.values[-1], [q for q in line.values[:-1] if q is not None]
        if stated is None or len(counted) < 2 or any(q.unit == "%" for q in (*counted, stated)):
            continue
        allowed = total([Interval.of(q, rounding) for q in counted])
        holds = allowed.overlaps(Interval.of(stated, rounding))
        yield Relation("sum", tuple(counted), stated, sum(q.value for q in counted), allowed, holds)


def _indented_totals(
    grid: Grid, matrix: Sequence[Sequence[Q | None]], rounding: str
) -> Iterator[Relation]:
    """The sums a yearbook's indentation states: a row indented less than the rows under it
    (福州市, then 福州市辖区, 福清市 … two spaces further in) is, in each column of counts, the sum
    of the rows one step further in, down to the next row indented as far as it or less. A row
    with one such row only says no sum; a block that runs into a last row shorter than the
    others (a page cut inside it) is left out. Read only when the sums hold in at least twice
    the cells they fail in, as for a named total."""
    indents = grid.indents
    if len(indents) != len(matrix) or len({i for i in indents if i >= 0}) < 2:
        return
    width = max(len(r) for r in matrix)
    # a block reaching past the rows read (_MAX_ROWS) is cut too: its sum is not all there
    cut = len(matrix[-1]) < width or len(matrix) > _MAX_ROWS
    indents, matrix = indents[:_MAX_ROWS], matrix[:_MAX_ROWS]
    found: list[Relation] = []
    for at, depth in enumerate(indents):
        if depth < 0:
            continue
        block: list[int] = []
        for k in range(at + 1, len(indents)):
            if 0 <= indents[k] <= depth:
                break
            block.append(k)
        else:
            if cut:
                continue
        inner = [k for k in block if indents[k] > depth]
        if not inner:
            continue
        step = min(indents[k] for k in inner)
        children = [k for k in inner if indents[k] == step]
        if len(children) < 2:
            continue
        for c in range(width):
            header = column_header(grid, c)
            if vocab()["not_summed_columns"].search(header):
                continue
            stated = matrix[at][c] if c < len(matrix[at]) else None
            cells = [matrix[k][c] if c < len(matrix[k]) else None for k in children]
            counted = [q for q in cells if q is not None]
            if stated is None or len(counted) != len(cells) or stated.unit == "%":
                continue
            allowed = total([Interval.of(q, rounding) for q in counted])
            holds = allowed.overlaps(Interval.of(stated, rounding))
            expected = sum(q.value for q in counted)
            found.append(Relation("sum", tuple(counted), stated, expected, allowed, holds))
    holding = sum(r.holds and _evidence(r.quantities, False) for r in found)
    if holding and holding >= 2 * (len(found) - holding):
        yield from found


# ---- reading the cells ------------------------------------------------------------------------


def _numbers(grid: Grid) -> list[list[Q | None]]:
    """The grid's cells as numbers with labels (the row's name and the column's header)."""
    width = max((len(r) for r in grid.rows), default=0)
    headers = [column_header(grid, c) for c in range(width)]
    return [
        [
            _q(number, grid.rows[r][c], row_name(grid, r) + headers[c]) if number else None
            for c, number in enumerate(row)
        ]
        for r, row in enumerate(numbers(grid))
    ]


def _q(number: CellNumber, cell: Cell, label: str) -> Q:
    return Q(
        value=number.value,
        start=number.start,
        end=number.end,
        unit="%" if number.percent else "",
        written=number.written,
        half=number.half,
        counted=number.half == 0.0,
        qualifier=None,
        label=label,
        unit_end=cell.end,
    )


def _index(line: _Line) -> bool:
    """A 序号 line: whole numbers counting up by one."""
    values = [q.value for q in line.values if q is not None]
    return len(values) >= 2 and all(b - a == 1 for a, b in pairwise(values))


# ---- finding what holds -----------------------------------------------------------------------


def _discover(lines: Sequence[_Line], names: Sequence[str], rounding: str) -> Iterator[Relation]:
    """The relations between positions that the lines state, each line's relation yielded
    (``names``: each position's name, the column headers for rows)."""
    width = max((len(line.values) for line in lines), default=0)
    bounds = [_bounds(line, rounding) for line in lines]
    declared = vocab()["declared_share_columns"]
    for target in reversed(range(width)):  # a derived value is written after what it is from
        best: _Sum | _Quotient | _ShareOfTotal | None = None
        best_holding = 0
        share = target < len(names) and bool(declared.search(re.sub(r"\s+", "", names[target])))
        for shape in _shapes(target, width, lines):
            holding = _holding(shape, lines, bounds, share and isinstance(shape, _Quotient))
            if holding > best_holding:
                best, best_holding = shape, holding
        if best is not None:
            for line in lines:
                relation = best.relation(line, rounding)
                if relation is not None:
                    yield relation


def _bounds(line: _Line, rounding: str) -> tuple[Interval | None, ...]:
    return tuple(None if q is None else Interval.of(q, rounding) for q in line.values)


def _holding(
    shape: _Sum | _Quotient | _ShareOfTotal,
    lines: Sequence[_Line],
    bounds: Sequence[tuple[Interval | None, ...]],
    declared: bool = False,
) -> int:
    """In how many lines ``shape`` holds with evidence, when it is the table's relation (it holds
    in ``MIN_HOLDING`` lines or more and fails in at most a third as many; a share the header
    declares, in ``_MIN_DECLARED`` lines and fails in no more); else 0."""
    least, per_holding = (_MIN_DECLARED, 1) if declared else (MIN_HOLDING, _FAILS_PER_HOLDING)
    holding = failing = 0
    remaining = len(lines)
    for line, bound in zip(lines, bounds, strict=True):
        remaining -= 1
        verdict = shape.test(line, bound)
        if verdict is None:
            continue
        if not verdict:
            failing += 1
            if failing * per_holding > holding + remaining or (failing >= _PROBE and not holding):
                return 0  # cannot become the table's relation, or not one the table states
        elif _evidence(shape.quantities(line), isinstance(shape, _Quotient)):
            holding += 1
    return holding if holding >= least and failing * per_holding <= holding else 0


def _shapes(
    target: int, width: int, lines: Sequence[_Line]
) -> Iterator[_Sum | _Quotient | _ShareOfTotal]:
    stated = [_at(line, target) for line in lines]
    percent = any(q is not None and q.unit == "%" for q in stated)
    for size in range(2, _MAX_PARTS + 1):
        if target - size >= 0:
            yield _Sum(target, tuple(range(target - size, target)))
        if target + size < width:
            yield _Sum(target, tuple(range(target + 1, target + size + 1)))
    if target == width - 1 and target > _MAX_PARTS:  # a 合计 row under every row of the table
        yield _Sum(target, tuple(range(target)))
    if width <= _MAX_QUOTIENT_WIDTH:
        for num, den in permutations([p for p in range(width) if p != target], 2):
            yield _Quotient(target, num, den, percent)
    for whole in lines:  # the total line: 100 at the share's position
        hundred = _at(whole, target)
        if hundred is None or hundred.value != 100:
            continue
        for num in range(width):
            base = _at(whole, num)
            if num != target and base is not None and base.unit != "%" and base.value > 0:
                yield _ShareOfTotal(target, num, base)


@dataclass(frozen=True, slots=True)
class _Sum:
    """The number at ``target`` is the sum of those at ``parts``."""

    target: int
    parts: tuple[int, ...]

    def quantities(self, line: _Line) -> tuple[Q | None, ...]:
        return (*(_at(line, p) for p in self.parts), _at(line, self.target))

    def test(self, line: _Line, bound: tuple[Interval | None, ...]) -> bool | None:
        """Whether it holds in ``line`` (None where a number is missing or is a %)."""
        if any(q is None or q.unit == "%" for q in self.quantities(line)):
            return None
        parts = [bound[p] for p in self.parts]
        stated = bound[self.target]
        assert stated is not None and all(parts)
        return total([p for p in parts if p is not None]).overlaps(stated)

    def relation(self, line: _Line, rounding: str) -> Relation | None:
        if self.test(line, _bounds(line, rounding)) is None:
            return None
        *parts, stated = (q for q in self.quantities(line) if q is not None)
        allowed = total([Interval.of(p, rounding) for p in parts])
        return Relation(
            "sum",
            tuple(parts),
            stated,
            sum(p.value for p in parts),
            allowed,
            allowed.overlaps(Interval.of(stated, rounding)),
        )


@dataclass(frozen=True, slots=True)
class _Quotient:
    """The number at ``target`` is the one at ``num`` over the one at ``den`` (× 100 when the
    target is written in %)."""

    target: int
    num: int
    den: int
    percent: bool

    def quantities(self, line: _Line) -> tuple[Q | None, ...]:
        return _at(line, self.num), _at(line, self.den), _at(line, self.target)

    def _allowed(self, bound: tuple[Interval | None, ...]) -> Interval | None:
        num, den = bound[self.num], bound[self.den]
        quotient = num / den if num is not None and den is not None else None
        return None if quotient is None else quotient * (100.0 if self.percent else 1.0)

    def test(self, line: _Line, bound: tuple[Interval | None, ...]) -> bool | None:
        num, den, stated = self.quantities(line)
        if stated is None or num is None or den is None or "%" in (num.unit, den.unit):
            return None
        if (stated.unit == "%") != self.percent:
            return None
        allowed = self._allowed(bound)
        stated_bound = bound[self.target]
        return None if allowed is None or stated_bound is None else allowed.overlaps(stated_bound)

    def relation(self, line: _Line, rounding: str) -> Relation | None:
        bound = _bounds(line, rounding)
        if self.test(line, bound) is None:
            return None
        num, den, stated = self.quantities(line)
        allowed = self._allowed(bound)
        assert num is not None and den is not None and stated is not None and allowed is not None
        return Relation(
            "percent" if self.percent else "table_ratio",
            (num, den),
            stated,
            (100.0 if self.percent else 1.0) * num.value / den.value,
            allowed,
            allowed.overlaps(Interval.of(stated, rounding)),
        )


@dataclass(frozen=True, slots=True)
class _ShareOfTotal:
    """The number at ``target`` is the one at ``num`` over ``base`` (the total line's number at
    ``num``), × 100."""

    target: int
    num: int
    base: Q

    def quantities(self, line: _Line) -> tuple[Q | None, ...]:
        return _at(line, self.num), self.base, _rounded(_at(line, self.target))

    def _allowed(self, bound: tuple[Interval | None, ...], rounding: str) -> Interval | None:
        num = bound[self.num] if self.num < len(bound) else None
        quotient = num / Interval.of(self.base, rounding) if num is not None else None
        return None if quotient is None else quotient * 100.0

    def test(self, line: _Line, bound: tuple[Interval | None, ...]) -> bool | None:
        num, _, stated = self.quantities(line)
        if stated is None or num is None or num.unit == "%" or num.start == self.base.start:
            return None
        allowed = self._allowed(bound, "either")
        return None if allowed is None else allowed.overlaps(Interval.of(stated, "either"))

    def relation(self, line: _Line, rounding: str) -> Relation | None:
        if self.test(line, _bounds(line, rounding)) is None:
            return None
        num, base, stated = self.quantities(line)
        assert num is not None and base is not None and stated is not None
        return share_of(num, base, stated, rounding)


def _rounded(q: Q | None) -> Q | None:
    """A share written as a whole number (21) is rounded to it, not exact."""
    return None if q is None else measured(q)


def _at(line: _Line, position: int) -> Q | None:
    return line.values[position] if position < len(line.values) else None


def _evidence(quantities: tuple[Q | None, ...], divides: bool) -> bool:
    """Whether a line where a shape holds tells something: no zero, no 1 as the divisor (the last
    input of a quotient), the stated number (last) with two significant digits and unlike its
    inputs."""
    *inputs, stated = (q for q in quantities if q is not None)
    if any(q.value == 0 for q in (*inputs, stated)) or (divides and inputs[-1].value == 1):
        return False
    if stated.half > _MIN_PRECISION * abs(stated.value):
        return False
    return all(q.value != stated.value for q in inputs)
