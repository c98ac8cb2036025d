"""report.docx: the consolidated 整改情况报告, words from templates, format from gongwen.py.

``report/report.j2`` renders a plain line markup, one block a line, so the templates stay plain
text a bureau can re-word::

    @title 关于……的报告        # centred title
    @to 主送机关：              # addressee line, no indent
    # 一、基本情况              # level-1 heading (黑体); ## level 2 (楷体); ### level 3 (仿宋 bold)
    @table ledger 序号|单位|…   # a table the data fills; the header words come from the template
    @attachment 附件            # a new landscape page for the attachment
    @sign 落款                  # right-aligned line
    any other line              # a body paragraph

A heading with nothing under it before the next heading of its level is dropped: a report never
shows an empty section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from jinja2 import Environment
from junheng.core.model import Figure
from junheng.draft import gongwen
from junheng.draft.labels import indicator_name, number, value_with_unit
from junheng.draft.summary import Summary

STYLE_OF = {
    "@title": "公文标题",
    "@subtitle": "公文标题",
    "@to": "主送机关",
    "@sign": "落款",
    "@attachment": "附件标识",
    "#": "一级标题",
    "##": "二级标题",
    "###": "三级标题",
}
HEADING_LEVEL = {"#": 1, "##": 2, "###": 3}
# Column widths (mm) of the built-in tables; a re-worded table with other columns gets equal ones.
WIDTHS = {
    "headline": (44, 16, 18, 78),
    "indicators": (56, 25, 25, 25, 25),
    "ledger": (9, 30, 15, 45, 46, 46, 16, 18, 18),
}
TEXT_WIDTH = {False: 156, True: 243}
SHORT_CELL = 8  # a column whose cells are all this short is centred


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # a key of STYLE_OF, "@table" or "p"
    text: str


def parse(markup: str) -> list[Block]:
    blocks = []
    for line in markup.splitlines():
        line = line.strip()
        if not line:
            continue
        head, _, rest = line.partition(" ")
        if head in STYLE_OF or head == "@table":
            blocks.append(Block(head, rest.strip()))
        else:
            blocks.append(Block("p", line))
    return _drop_empty_headings(blocks)


def _drop_empty_headings(blocks: list[Block]) -> list[Block]:
    kept: list[Block] = []
    for n, block in enumerate(blocks):
        level = HEADING_LEVEL.get(block.kind)
        if level is not None:
            following = next((b for b in blocks[n + 1 :]), None)
            next_level = HEADING_LEVEL.get(following.kind) if following else 0
            if (
                following is None
                or (next_level is not None and next_level <= level)
                or (following.kind == "@attachment")
            ):
                continue
        kept.append(block)
    return kept


def _spread(cells: list[tuple[str, Figure]]) -> str:
    """One unit's value with its name, or the lowest and highest with theirs."""

    def shown(unit: str, figure: Figure) -> str:
        value = f"{value_with_unit(figure.value, figure.unit)}{figure.qualifier or ''}"
        return f"{value}（{unit}）"

    if len(cells) == 1:
        return shown(*cells[0])
    low = min(cells, key=lambda cell: cell[1].value)
    high = max(cells, key=lambda cell: cell[1].value)
    if low[1].value == high[1].value:
        return f"均为{value_with_unit(low[1].value, low[1].unit)}"
    return f"{shown(*low)}至{shown(*high)}"


def table_rows(summary: Summary) -> dict[str, list[list[str]]]:
    """The rows of each table the templates may place, as text, without duplicates."""
    headline = [
        [
            indicator_name(column.indicator),
            column.level or "",
            str(len(cells)),
            _spread(cells),
        ]
        for column, cells in summary.headline
    ]
    indicators = [
        [
            s.column.label,
            str(len(s.units)),
            number(s.minimum),
            number(s.maximum),
            number(round(s.cv, 2)) if s.cv is not None else "",
        ]
        for s in summary.indicators
        if s.compared and not s.column.standard
    ]
    ledger = [[str(cell) for cell in r.cells()] for r in summary.ledger]
    return {
        name: [list(row) for row in dict.fromkeys(map(tuple, rows))]
        for name, rows in (("headline", headline), ("indicators", indicators), ("ledger", ledger))
    }


def _widths(name: str, count: int, landscape: bool) -> list[Mm]:
    widths: tuple[float, ...] | None = WIDTHS.get(name)
    if widths is None or len(widths) != count:
        widths = (TEXT_WIDTH[landscape] / count,) * count
    return [Mm(w) for w in widths]


_LONG_ASCII = re.compile(r"[\x21-\x7e]{13,}")


def breakable(text: str) -> str:
    """Let a long file name wrap: a zero-width space after ``_`` ``.`` ``/`` in long ASCII runs.

    Justified Chinese lines with an unbreakable ``001_ea2f5b18e91f2ba8.txt`` spread their
    characters apart; the break opportunities keep the spacing even.
    """
    return _LONG_ASCII.sub(lambda m: re.sub(r"([_./])", "\\1\u200b", m.group(0)), text)


def _add_table(
    document: DocxDocument, name: str, header: list[str], rows: list[list[str]], landscape: bool
) -> None:
    body, head = ("附表文字", "附表表头") if landscape else ("表格文字", "表头文字")
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].text = text
        cell.paragraphs[0].style = document.styles[head]
    short = [
        all(len(row[c]) <= SHORT_CELL for row in rows if c < len(row)) for c in range(len(header))
    ]
    for row in rows:
        cells = table.add_row().cells
        for c, (cell, text) in enumerate(zip(cells, row, strict=False)):
            lines = breakable(text).split("\n")
            cell.paragraphs[0].text = lines[0]
            cell.paragraphs[0].style = document.styles[body]
            for line in lines[1:]:
                cell.add_paragraph(line, style=document.styles[body])
            if short[c]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    gongwen.format_table(table, _widths(name, len(header), landscape))


def build(blocks: list[Block], tables: dict[str, list[list[str]]], path: Path) -> Path:
    document = Document()
    gongwen.add_styles(document)
    gongwen.setup_page(document.sections[0])
    gongwen.add_page_numbers(document, document.sections[0])
    landscape = False
    for block in blocks:
        if block.kind == "@table":
            name, _, header = block.text.partition(" ")
            rows = tables.get(name, [])
            if rows:
                _add_table(document, name, header.split("|"), rows, landscape)
            continue
        if block.kind == "@attachment":
            document.paragraphs[-1].style = document.styles["公文正文"]
            section = document.add_section(WD_SECTION.NEW_PAGE)
            landscape = True
            gongwen.setup_page(section, landscape=True)
        document.add_paragraph(
            breakable(block.text), style=document.styles[STYLE_OF.get(block.kind, "公文正文")]
        )
    document.save(str(path))  # python-docx types the path as str (a Path works the same)
    return path


def write(summary: Summary, env: Environment, path: Path) -> Path:
    """Render ``report/report.j2`` and lay it out as a 公文 .docx at ``path``."""
    markup = env.get_template("report/report.j2").render(s=summary)
    return build(parse(markup), table_rows(summary), path)
