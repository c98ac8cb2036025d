"""Tables as grids of cells, wherever a document holds them.

A report's tables reach junheng in three shapes:

* **ruled tables** the reader found (Word table cells, PDF ruled tables): blocks of kind
  ``table_cell`` with their table, row and column;
* **one cell per line** — the way many sharing sites and encyclopedias copy a table to text: every
  cell on its own line ending in ``" |"``, each row closed by a line of bars (``|`` or ``||``);
  ``a | b | c`` rows on one line are read the same way;
* **spaced rows** — a table pasted as plain text: a row label, then three or more numbers separated
  by spaces ("某区 163 245 408 1.42%"), under the header lines the paste left above them when
  their words line up with the columns (:func:`_spaced_header`).

:func:`grids` returns each as a :class:`Grid` of :class:`Cell` spans into ``Document.text``, rows
in order, cells in column order. A grid says nothing about what its numbers mean; the validator's
table rules (:mod:`junheng.validate.tables`) find the relations that hold across its rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from junheng.core.model import BlockKind, Document

_CELL_NUMBER = re.compile(r"(?P<number>-?\d+(?:\.(?P<decimals>\d+))?)\s*(?P<pct>[%％])?")
_BARS = re.compile(r"\|+")
_CELL_LINE = re.compile(r"(?P<cell>[^|]*?[^|\s])\s*\|")  # "5.515273 |"
_NUMBER = r"-?\d+(?:\.\d+)?\s*[%％]?"
# a cell a statistics table leaves without a value: a dash standing alone ("学杂费 - - -")
_PLACEHOLDER = r"[-—－…](?=[ \t\u3000]|$)"
_SPACED_CELL = rf"(?:{_NUMBER}|{_PLACEHOLDER})"
_SPACED = re.compile(
    # a row's name: words (maybe numbered: "1.高等学校"), or a school year ("2023/2024")
    rf"(?P<label>\d{{4}}\s*[/／]\s*\d{{2,4}}|(?:\d{{1,2}}[.、．]\s*)?[^\d\s|%％.、．][^\d|]*?)?\s*"
    rf"(?P<numbers>{_SPACED_CELL}(?:[ \t\u3000]+{_SPACED_CELL}){{2,}})"
)
_SPACED_NUMBER = re.compile(_SPACED_CELL)
_MIN_SPACED_NUMBERS = 2  # numbers a row holds beside its dashes, unless a table's rows surround it
_SPACED_HINT = re.compile(r"\d[%％]?[ \t\u3000]+-?\d")
_MAX_CELLS = 64  # a row wider than this is not a table a report writes


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: ``text`` is ``Document.text[start:end]``, stripped (a spaced table's header cell:
    its words, joined where the paste spread them over spaces or lines)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Grid:
    """A table's rows of cells (rows may differ in length); ``layout`` is ``cells`` (a ruled
    table), ``pipes`` (cells ending in bars) or ``spaced`` (numbers separated by spaces)."""

    rows: tuple[tuple[Cell, ...], ...]
    layout: str
    indents: tuple[int, ...] = ()
    """For a spaced table, each row's indentation in the text (spaces before its first cell;
    -1 for a header row or a row whose name is lost): a yearbook's rows of places indented under
    the place they add up to. Empty when the layout says nothing of it."""

    @property
    def start(self) -> int:
        return next((row[0].start for row in self.rows if row), 0)


@dataclass(frozen=True, slots=True)
class CellNumber:
    """The one number a cell holds: ``value`` as the table means it, ``half`` the half-unit of
    its last written digit (0 for a whole count), ``percent`` when its column is in %."""

    value: float
    start: int
    end: int
    written: str
    half: float
    percent: bool


def numbers(grid: Grid) -> list[list[CellNumber | None]]:
    """Each cell's number (None for a cell that is not one number), row by row.

    A column is in % when most of its numbers are written with %; a table whose counts are
    written with a dot every three digits (every dotted number outside the % columns has three
    decimals, and some column holds both dotted and whole numbers: 1.802 beside 163, a scrape of
    "1,802") is read with the dots as thousands separators."""
    parsed = [[_CELL_NUMBER.fullmatch(cell.text) for cell in row] for row in grid.rows]
    width = max((len(r) for r in parsed), default=0)
    percent = [_percent_column(parsed, c) for c in range(width)]
    thousands = _thousands(parsed, percent)
    return [
        [
            _number(cell, m, percent[c], thousands) if m else None
            for c, (cell, m) in enumerate(zip(row, parsed_row, strict=True))
        ]
        for row, parsed_row in zip(grid.rows, parsed, strict=True)
    ]


def is_number(text: str) -> bool:
    return _CELL_NUMBER.fullmatch(text) is not None


def _percent_column(parsed: list[list[re.Match[str] | None]], col: int) -> bool:
    found = [r[col] for r in parsed if col < len(r) and r[col]]
    return sum(bool(m and m.group("pct")) for m in found) * 2 > len(found)


def _thousands(parsed: list[list[re.Match[str] | None]], percent: list[bool]) -> bool:
    mixed = False
    any_dotted = False
    for col, is_pct in enumerate(percent):
        if is_pct:
            continue
        found = [r[col] for r in parsed if col < len(r) and r[col]]
        dotted = [m for m in found if m and m.group("decimals") is not None]
        if any(len(m.group("decimals")) != 3 for m in dotted):
            return False
        any_dotted |= bool(dotted)
        mixed |= bool(dotted) and len(dotted) < len(found)
    return any_dotted and mixed


def _number(cell: Cell, match: re.Match[str], percent: bool, thousands: bool) -> CellNumber:
    written = match.group("number")
    decimals = match.group("decimals")
    if thousands and decimals is not None and not percent:
        value, half = float(written.replace(".", "")), 0.0
    elif decimals is not None:
        value, half = float(written), 0.5 * 10.0 ** -len(decimals)
    else:
        value, half = float(written), 0.5 if percent else 0.0
    return CellNumber(value, cell.start, cell.start + match.end("number"), written, half, percent)


def row_name(grid: Grid, row: int) -> str:
    """A row's name: its first cell that is not a number."""
    return next((c.text for c in grid.rows[row] if c.text and not is_number(c.text)), "")


def column_header(grid: Grid, col: int) -> str:
    """A column's name: the last cell above its first number that is not one."""
    name = ""
    for row in grid.rows:
        if col >= len(row):
            continue
        if is_number(row[col].text):
            break
        name = row[col].text or name
    return name


def grids(doc: Document) -> list[Grid]:
    """Every table of ``doc``: its ruled tables, then those its text lays out, in text order."""
    ruled = list(_ruled(doc))
    covered = [(g.rows[0][0].start, g.rows[-1][-1].end) for g in ruled if g.rows and g.rows[-1]]
    found = ruled + [
        g
        for g in _text_grids(doc.text, _apart(doc), _spread(doc))
        if not any(a <= g.start < b for a, b in covered)
    ]
    return sorted(found, key=lambda g: g.start)


def _ruled(doc: Document) -> Iterator[Grid]:
    """The table-cell blocks of ``doc`` grouped by table, row and column (a cell of several
    paragraphs is one cell)."""
    tables: dict[int, dict[int, dict[int, tuple[int, int]]]] = {}
    for index, block in enumerate(doc.blocks):
        if block.kind != BlockKind.TABLE_CELL or block.table is None:
            continue
        raw = doc.block_starts[index]
        start = doc.offsets.to_normalised(raw)
        end = doc.offsets.to_normalised(raw + len(block.text))
        cells = tables.setdefault(block.table, {}).setdefault(block.row or 0, {})
        first = cells.get(block.col or 0)
        cells[block.col or 0] = (first[0], end) if first else (start, end)
    for table in tables.values():
        rows: list[tuple[Cell, ...]] = []
        for row_index in sorted(table):
            cols = table[row_index]
            width = max(cols) + 1
            rows.append(
                tuple(
                    _cell(doc.text, *cols[c]) if c in cols else _empty(rows, c)
                    for c in range(min(width, _MAX_CELLS))
                )
            )
        yield Grid(tuple(rows), "cells")


def _empty(rows: list[tuple[Cell, ...]], col: int) -> Cell:
    at = rows[-1][-1].end if rows and rows[-1] else 0
    return Cell(at, at, "")


def _cell(text: str, start: int, end: int) -> Cell:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece.rstrip())
    return Cell(start + lead, start + max(lead, trail), piece.strip())


def _lines(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _apart(doc: Document) -> Callable[[int], bool]:
    """Whether the source parted ``doc.text[i - 1]`` and ``doc.text[i]`` by whitespace, alone or
    with what else the normalised text dropped (Han words spaced apart are joined there; the
    words of a table's header are not one phrase)."""
    source, raw = doc.offsets.source, doc.raw_text

    def apart(i: int) -> bool:
        if not 0 < i < len(source):
            return False
        between = raw[source[i - 1] + 1 : source[i]]  # a dropped gloss too: 数(shù) 其中
        return any(c.isspace() for c in between)

    return apart


def _spread(doc: Document) -> Callable[[int, int], int]:
    """How many characters the source has between ``doc.text[i - 1]`` and ``doc.text[j]``: the
    spaces of a pasted table, which normalisation drops between a label and a number
    ("成人中专   60": a cell left empty)."""
    source = doc.offsets.source

    def spread(i: int, j: int) -> int:
        if not 0 < i <= j < len(source):
            return j - i
        return source[j] - source[i - 1] - 1

    return spread


def _text_grids(
    text: str, apart: Callable[[int], bool], spread: Callable[[int, int], int]
) -> Iterator[Grid]:
    pipes: list[tuple[Cell, ...]] = []
    row: list[Cell] = []
    spaced: list[tuple[Cell, ...]] = []
    # the lines since the last table row, for a header (the last few; more for a header of one
    # name per line)
    above: list[tuple[int, str]] = []
    header_lines: list[tuple[int, str]] = []
    held: list[tuple[int, str]] = []  # rows without values inside a table (九年一贯制学校 / …)

    def close_pipes() -> Iterator[Grid]:
        if row:
            pipes.append(tuple(row))
            row.clear()
        if len(pipes) == 1:  # no line of bars between the rows: find them from the labels
            pipes[:] = _split_flat(pipes[0])
        if len(pipes) >= 2:
            yield Grid(tuple(pipes), "pipes")
        pipes.clear()

    def close_spaced() -> Iterator[Grid]:
        if len(spaced) >= 2:
            body = _aligned(spaced, spread)
            header = _spaced_header(
                header_lines[-_MAX_HEADER_LINES:], body, apart
            ) or _flowing_header(header_lines, body, apart)
            indents = tuple(_indent(text, row) for row in body)
            yield Grid(
                ((header,) if header else ()) + body,
                "spaced",
                ((-1,) if header else ()) + indents,
            )
        spaced.clear()

    for start, line in _lines(text):
        stripped = line.strip()
        if not stripped:
            continue
        plain = "|" not in line and not _SPACED_HINT.search(line)
        # …unless it is a row of dashes only ("学杂费 - - -") inside a table
        numbers = _spaced_row(text, start, line, least=0) if plain and spaced else None
        if plain and numbers is None:
            if spaced and len(held) < _MAX_EMPTY_ROWS and _EMPTY_ROW.fullmatch(stripped):
                held.append((start, line))  # a row the table leaves without values, maybe
                continue
            yield from close_pipes()  # neither bars nor numbers side by side: no table row
            yield from close_spaced()
            for kept in [*held, (start, line)]:
                above[:] = [*above[1 - _MAX_FLOWING_LINES :], kept]
            held.clear()
            continue
        if _BARS.fullmatch(stripped):  # a row's end
            if row:
                pipes.append(tuple(row))
                row.clear()
            continue
        inline = _inline_row(text, start, line)
        if inline is not None:
            yield from close_spaced()
            if row:
                pipes.append(tuple(row))
                row.clear()
            pipes.append(inline)
            continue
        cell = _CELL_LINE.fullmatch(line.strip())
        if cell is not None and len(row) < _MAX_CELLS:
            yield from close_spaced()
            offset = start + line.index(cell.group("cell"))
            row.append(Cell(offset, offset + len(cell.group("cell")), cell.group("cell").strip()))
            continue
        yield from close_pipes()
        if numbers is None:
            numbers = _spaced_row(text, start, line, least=0 if spaced else _MIN_SPACED_NUMBERS)
        if numbers is not None:
            if not spaced:
                header_lines[:] = above
            spaced.append(numbers)
            above.clear()
            held.clear()
            continue
        yield from close_spaced()
        above.clear()
        held.clear()
    yield from close_pipes()
    yield from close_spaced()


_NO_VALUE = frozenset({"/", "-", "—", "－", "", "…"})
_MIN_FLAT_ROWS = 2


def _split_flat(cells: tuple[Cell, ...]) -> list[tuple[Cell, ...]]:
    """The rows of a table copied one cell per line with no row ends: a header of labels, then
    rows that each open with a label and hold a value for every other column ("类别 | 学校数 |
    班级数 | … | 小学 | 334 | 8697 | … | 初中 | …"). A row of another width (a merged cell left
    out) is dropped rather than read into the wrong columns; fewer than two rows, no table."""

    def value(cell: Cell) -> bool:
        return is_number(cell.text) or cell.text in _NO_VALUE

    lead = 0
    while lead < len(cells) and not value(cells[lead]):
        lead += 1
    width = lead - 1  # the last label before the first value opens the first row
    if width < 2 or lead >= len(cells):
        return []
    rows: list[tuple[Cell, ...]] = [cells[:width]]
    current: list[Cell] = []
    for cell in cells[width:]:
        if not value(cell) and current:
            rows.append(tuple(current))
            current = []
        current.append(cell)
    rows.append(tuple(current))
    body = [r for r in rows[1:] if len(r) == width and not value(r[0])]
    return [rows[0], *body] if len(body) >= _MIN_FLAT_ROWS else []


def _inline_row(text: str, start: int, line: str) -> tuple[Cell, ...] | None:
    """``a | b | c`` (bars at either end optional): three or more cells on one line."""
    inner = line.strip().strip("|")
    if inner.count("|") < 2 or set(inner) <= set("|-: "):
        return None
    cells = []
    cursor = start + line.index(inner) if inner else start
    for piece in inner.split("|"):
        cells.append(_cell(text, cursor, cursor + len(piece)))
        cursor += len(piece) + 1
    return tuple(cells[:_MAX_CELLS])


_WIDE_GAP = 3  # spaces that leave a cell empty between two numbers of a row that single spaces part


def _aligned(
    rows: list[tuple[Cell, ...]], spread: Callable[[int, int], int]
) -> tuple[tuple[Cell, ...], ...]:
    """Spaced rows with their empty cells put back. A row with fewer numbers than the widest row
    of its table left a cell empty where the text leaves a wide gap ("初中 44 14071 12830 41382
    2555", three spaces after 41382, in a table of six columns): one empty cell per such gap,
    when single spaces part the row's other numbers; the cells still missing are at its end.
    Rows of a table padded to align (gaps of every width) are left as they are."""
    width = max(len(r) for r in rows)
    named = sum(bool(r) and not is_number(r[0].text) for r in rows)
    out = []
    for row in rows:
        labelled = bool(row) and not is_number(row[0].text)
        cells = list(row)
        missing = width - len(cells)
        if not labelled and missing == 1 and named * 2 > len(rows):
            # "    50463 97965 …" among named rows of one more cell: a row whose name the source
            # lost (a yearbook's total row); its numbers stay under their columns
            out.append((Cell(row[0].start, row[0].start, ""), *row))
            continue
        if missing <= 0 or len(cells) < 2:
            out.append(row)
            continue
        first = 1 if labelled else 0
        gaps = [spread(a.end, b.start) for a, b in pairwise(cells[first:])]
        if any(1 < g < _WIDE_GAP for g in gaps):
            out.append(row)  # padded: a gap's width says nothing
            continue
        wide = [
            k
            for k in range(first, len(cells))
            if (k > first and gaps[k - first - 1] >= _WIDE_GAP)
            or (k == first and labelled and spread(cells[0].end, cells[k].start) >= _WIDE_GAP)
        ]
        if len(wide) > missing:
            out.append(row)
            continue
        for k in reversed(wide):
            cells.insert(k, Cell(cells[k].start, cells[k].start, ""))
        out.append(tuple(cells))
    return tuple(out)


_MAX_HEADER_LINES = 4
_MAX_FLOWING_LINES = 16
# A row a statistics table leaves without values: its name alone (九年一贯制学校), or its marks
# (* * *); kept inside the table when rows with values follow it
_EMPTY_ROW = re.compile(r"[\u4e00-\u9fff()（）]{2,16}|[*＊\s]+")
_MAX_EMPTY_ROWS = 6
# A row's note after its numbers (含民办20所, 进修校, *): words, not a value of the row
_NOTED = re.compile(
    rf"(?P<row>.*?{_NUMBER})(?:[ \t\u3000]+(?P<mark>[*＊])|[ \t\u3000]*"
    rf"(?P<note>[\u4e00-\u9fff(（][^\s]{{0,19}}))"
)
_MAX_HEADER_LINE = 60  # characters: a longer line is prose, not a header…
_NAME_CHARS = 6  # …unless its words are this short on average, space included
_SENTENCE_END = re.compile(r"[。：:；;，,！？]\s*$|[，,。]")
_WORDS = re.compile(r"\S+")
_SPANNING = re.compile(r"^(?:其中|包括|分别|按)")  # a header word over the sub-columns below it


def _spaced_header(
    lines: list[tuple[int, str]],
    body: tuple[tuple[Cell, ...], ...],
    apart: Callable[[int], bool],
) -> tuple[Cell, ...] | None:
    """The header of a spaced table: the lines just above its rows whose words name its columns,
    one word per column ("区名 学生总数 合计 比例"; words of one or two characters spread by spaces,
    "区 名", are one). A line of one word under the first is the wrap of that line's last word
    ("占全区学生⏎的比例"). A second line of words names the sub-columns of the one word above
    that announces them ("其中务工人员子女" over "初中学生数 小学学生数"): each sub-column is named
    by both. The label column may go unnamed. When no run of lines above lines up, None."""
    width = max(len(row) for row in body)
    labelled = any(row and not is_number(row[0].text) for row in body)
    usable: list[tuple[int, str]] = []
    for start, line in reversed(lines):  # nearest first; prose above ends the header
        stripped = line.strip()
        # a long line is prose unless it is a row of short column names ("I1 I2 … P6 合共")
        names = len(stripped) <= _MAX_HEADER_LINE or len(stripped.split()) * _NAME_CHARS >= len(
            stripped
        )
        if not names or _SENTENCE_END.search(stripped):
            break
        usable.insert(0, (start, line))
    for first in range(len(usable)):
        # short words joined ("区 名" is 区名) unless that leaves too few columns ("小学 初中 合计")
        for join in (True, False):
            rows = _header_rows(usable[first:], apart, join)
            cells = _header_cells(rows, width, labelled) if rows else None
            if cells is not None:
                return cells
    for first in reversed(range(len(usable) - 1)):  # the fewest lines that name every column
        cells = _stacked_header(usable[first:], width, labelled, apart)
        if cells is not None:
            return cells
    return None


_UNIT_WORD = re.compile(r"[(（][^()（）]{1,4}[)）]")  # "(所)", "(人)": a column's unit
_NOT_A_COLUMN = re.compile(r"\d{4}年度?|备注|说明|注")  # the table's year, its note column
_FLOWING_LINE = 30  # characters: a longer line, or one with a sentence, is prose


def _names_a_quantity(name: str) -> bool:
    """Whether a column's name says what it counts: with its unit (图书(册)) or ending as a
    quantity's name does (教职工总数, 校舍建筑面积); not a section's title (基本情况(一))."""
    if any(not _ORDINAL.fullmatch(unit.group()) for unit in _UNIT_WORD.finditer(name)):
        return True
    return bool(_WHOLE_NAME.search(_UNIT_WORD.sub("", name)))


_ORDINAL = re.compile(r"[(（][一二三四五六七八九十\d]+[)）]")


def _flowing_header(
    lines: list[tuple[int, str]],
    body: tuple[tuple[Cell, ...], ...],
    apart: Callable[[int], bool],
) -> tuple[Cell, ...] | None:
    """A header copied from a web page's table with its names flowing over lines, often one per
    line, each unit on a line of its own ("校(园)数 教职工总数 学校占地面积 / (平方米) / 其中:运动场
    面积 / (平方米) / … / 图书 / (册)"): the names in order, each unit joined to the name before
    it, the table's year and its note column (备注) left out. The label column may go unnamed.
    None unless the names are as many as the rows' values."""
    width = max(len(row) for row in body)
    labelled = any(row and not is_number(row[0].text) for row in body)
    usable: list[tuple[int, str]] = []
    for start, line in reversed(lines):
        stripped = line.strip()
        if len(stripped) > _FLOWING_LINE or re.search(r"[。；;，,]", stripped):
            break
        usable.insert(0, (start, line))
    names: list[tuple[int, Cell]] = []  # each with the number of its line
    for number, (start, line) in enumerate(usable):
        for word in _header_words(start, line, apart):
            if _UNIT_WORD.fullmatch(word.text):
                if names:
                    at, last = names[-1]
                    names[-1] = (at, Cell(last.start, word.end, last.text + word.text))
                continue
            if _NOT_A_COLUMN.fullmatch(word.text) or is_number(word.text):
                continue
            names.append((number, word))
    # the names nearest the rows, as many as the columns need, from the start of a line (words
    # above them are the page's, not the header's)
    need = width - 1 if labelled else width
    if need < 2 or len(names) < need:
        return None
    taken = names[-need:]
    first_line = taken[0][0]
    if len(usable) - first_line < 2:
        return None  # one line of names: a header _spaced_header reads, or none
    if len(names) > need and names[-need - 1][0] == first_line:
        return None  # the names start inside a line: the words before them are no header's
    cells = [cell for _, cell in taken]
    if not all(_names_a_quantity(cell.text) for cell in cells):
        return None  # 基本情况(一): a section's title above the header, no column's name
    if labelled:
        cells = [Cell(cells[0].start, cells[0].start, ""), *cells]
    return tuple(cells)


# how a column's name ends when it is whole ("学校数", "入学率"); another ending is continued on
# the line below ("在校⏎学生数", "#专任⏎教师")
_WHOLE_NAME = re.compile(r"(?:数|率|额|值|计|比|量|积|[人所元册台名个班间])$")


def _stacked_header(
    lines: list[tuple[int, str]], width: int, labelled: bool, apart: Callable[[int], bool]
) -> tuple[Cell, ...] | None:
    """A yearbook's header whose column names run down over several lines, with a line of units
    among them ("学校数 招生数 在 校 教职工⏎(所) (人) 学生数 人 数 #专任⏎(人) (人) 教师"): the
    first line's words open the columns; each later line's words continue, in order, the columns
    whose names are not yet whole (``_WHOLE_NAME``), and the words left over open new columns
    after them. Units are no names. The columns must be as many as the rows' values."""
    columns: list[Cell] = []
    for start, line in lines:
        words = [w for w in _header_words(start, line, apart) if not _UNIT_WORD.fullmatch(w.text)]
        if any(is_number(w.text) for w in words):
            return None  # a table's number ("表10-15") or a row: no line of names
        if not words:
            continue
        if not columns:
            columns = words
            continue
        open_at = [k for k, cell in enumerate(columns) if not _WHOLE_NAME.search(cell.text)]
        for k, word in zip(open_at, words, strict=False):
            cell = columns[k]
            columns[k] = Cell(cell.start, word.end, cell.text + word.text)
        columns += words[len(open_at) :]
    if len(columns) == width - 1 and labelled:
        columns = [Cell(columns[0].start, columns[0].start, ""), *columns]
    return tuple(columns) if len(columns) == width and len(lines) >= 2 else None


def _header_rows(
    lines: list[tuple[int, str]], apart: Callable[[int], bool], join: bool = True
) -> list[list[Cell]] | None:
    """Each line's words as cells, a one-word line under the first joined to the word above it;
    at most two rows of words, else None. ``join``: short words spread apart are one."""
    rows: list[list[Cell]] = []
    for k, (start, line) in enumerate(lines):
        words = _header_words(start, line, apart, join)
        if k and len(words) == 1 and len(rows) == 1 and rows[0]:
            last = rows[0][-1]
            rows[0][-1] = Cell(last.start, words[0].end, last.text + words[0].text)
            continue
        rows.append(words)
    return rows if 1 <= len(rows) <= 2 and all(rows) else None


def _header_words(
    start: int, line: str, apart: Callable[[int], bool], join: bool = True
) -> list[Cell]:
    words = []
    for match in _WORDS.finditer(line):  # words, also where the source spaced them apart
        at = match.start()
        for k in range(match.start() + 1, match.end()):
            if apart(start + k):
                words.append(Cell(start + at, start + k, line[at:k]))
                at = k
        words.append(Cell(start + at, start + match.end(), line[at : match.end()]))
    # a footnote mark standing alone ("…服务费金额 ^ 获得…") names no column of its own
    words = [w for w in words if not _MARK_ONLY.fullmatch(w.text)]
    if not join:
        return words
    joined: list[Cell] = []
    for word in words:  # "区 名", "合 计": short words the paste spread apart are one
        if (
            joined
            and len(word.text) <= 2
            and len(joined[-1].text) <= 2
            and not any(is_number(w.text) for w in (word, joined[-1]))
        ):
            joined[-1] = Cell(joined[-1].start, word.end, joined[-1].text + word.text)
            continue
        joined.append(word)
    return joined


_MARK_ONLY = re.compile(r"[*#^※△▲☆★+]+")


def _header_cells(rows: list[list[Cell]], width: int, labelled: bool) -> tuple[Cell, ...] | None:
    top = rows[0]
    if len(rows) == 2 and (grouped := _grouped(top, rows[1], width)) is not None:
        return grouped
    if len(rows) == 2:
        spanning = [k for k, cell in enumerate(top) if _SPANNING.match(cell.text)]
        if len(spanning) != 1:
            return None
        at = spanning[0]
        parent = top[at]
        subs = [Cell(c.start, c.end, parent.text + c.text) for c in rows[1]]
        top = [*top[:at], *subs, *top[at + 1 :]]
    if len(top) == width - 1 and labelled:
        top = [Cell(top[0].start, top[0].start, ""), *top]
    return tuple(top) if len(top) == width else None


def _indent(text: str, row: tuple[Cell, ...]) -> int:
    """The spaces before a row's name on its line; -1 for a row without one."""
    if not row or not row[0].text or is_number(row[0].text):
        return -1
    line_start = text.rfind("\n", 0, row[0].start) + 1
    lead = text[line_start : row[0].start]
    return len(lead) if not lead.strip() else -1


def _grouped(top: list[Cell], below: list[Cell], width: int) -> tuple[Cell, ...] | None:
    """A header of column groups over the same sub-columns repeated under each ("地区 专任教师数
    在校生数" over "普通高中 普通初中 小学 普通高中 普通初中 小学"): each group's word names its
    run of sub-columns with them, the label column keeps the word over it. None for any other
    shape."""
    labelled = len(below) == width - 1
    groups = top[1:] if labelled and len(top) >= 3 else top
    if len(below) not in (width, width - 1) or len(groups) < 2 or len(below) % len(groups):
        return None
    run = len(below) // len(groups)
    names = [c.text for c in below]
    if run < 2 or names != names[:run] * len(groups):
        return None
    subs = [
        Cell(groups[k // run].start, below[k].end, groups[k // run].text + below[k].text)
        for k in range(len(below))
    ]
    if not labelled:
        return tuple(subs)
    label = top[0] if len(top) > len(groups) else Cell(below[0].start, below[0].start, "")
    return (label, *subs)


def _spaced_row(
    text: str, start: int, line: str, least: int = _MIN_SPACED_NUMBERS
) -> tuple[Cell, ...] | None:
    """A spaced row's cells: its name, then its numbers and dashes; None for a line that is no
    such row or holds fewer than ``least`` numbers (a row of dashes only within a table)."""
    match = _SPACED.fullmatch(line.strip())
    if match is None:  # 幼儿园 56 1040 … 18481.64 含民办20所: a note after the numbers
        noted = _NOTED.fullmatch(line.strip())
        match = _SPACED.fullmatch(noted.group("row")) if noted else None
    if match is None or len(re.findall(r"\d+", match.group("numbers"))) < least:
        return None
    base = start + (len(line) - len(line.lstrip()))
    cells = []
    if match.group("label"):
        cells.append(_cell(text, base + match.start("label"), base + match.end("label")))
    numbers_at = base + match.start("numbers")
    for number in _SPACED_NUMBER.finditer(match.group("numbers")):
        written = number.group().rstrip()
        at = numbers_at + number.start()
        cells.append(Cell(at, at + len(written), written))
    return tuple(cells[:_MAX_CELLS])
