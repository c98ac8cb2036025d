"""report.docx: the consolidated 整改情况报告, words from templates, format from gongwen.py.

``report/report.j2`` renders a plain line markup, one block a line, so the templates stay plain
text a bureau can re-word::

    @title 关于……的报告        # centred title
    @to 主送机关：              # addressee line, no indent
    # 一、基本情况              # level-1 heading (黑体); ## level 2 (楷体); ### level 3 (仿宋 bold)
    @table ledger 序号|单位|…   # a table the data fills; the header words come from the template
    @attachment 附件            # a new landscape page for the attachment
    @also 2.附件名称            # a further attachment, under the first one's name
    @sign 落款                  # the issuing unit: a line below the text, centred over the date
    @date 成文日期              # right-aligned, two characters in (GB/T 9704-2012 7.3.5.2)
    any other line              # a body paragraph

A heading with nothing under it before the next heading of its level is dropped: a report never
shows an empty section.

The layout is a Word template (``templates/report.docx``, made by :mod:`junheng.draft.gongwen`),
rendered with docxtpl: the blocks become a sub-document in the template's own styles, put where
the template's ``{{p body }}`` stands, and the attachment starts a landscape section that takes
the template's margins, page numbers and grid. The template's other text is jinja2 too
(``{{ s.files }}`` works in it), so a bureau restyles and re-words the page in Word or WPS.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined
from junheng.core.errors import UsageError
from junheng.core.model import Figure
from junheng.draft import gongwen
from junheng.draft.env import default_template_dir
from junheng.draft.labels import FILTERS, indicator_name, number, strip_invisible, value_with_unit
from junheng.draft.summary import Summary

STYLE_OF = {
    "@title": "公文标题",
    "@subtitle": "公文标题",
    "@to": "主送机关",
    "@sign": "落款",
    "@date": "成文日期",
    "@attachment": "附件标识",
    "@also": "公文正文",
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
WORD_TEMPLATE = "report.docx"
SHORT_CELL = 8  # a column whose cells are all this short is centred
# 附件说明's later lines stand under the first attachment's name, after 附件：
ALSO_INDENT = Pt(gongwen.SAN_HAO.pt * 5)


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
    ledger = [[str(cell) for cell in r.cells()] for r in summary.attachment_rows]
    return {
        name: [list(row) for row in dict.fromkeys(map(tuple, rows))]
        for name, rows in (("headline", headline), ("indicators", indicators), ("ledger", ledger))
    }


def _widths(name: str, count: int, landscape: bool) -> list[Mm]:
    widths: tuple[float, ...] | None = WIDTHS.get(name)
    if widths is None or len(widths) != count:
        widths = (TEXT_WIDTH[landscape] / count,) * count
    return [Mm(w) for w in widths]


def _width(text: str) -> float:
    """Characters of 三号 a text takes: a Chinese character one, a digit or letter half."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.5 for ch in text)


def _centre_over(p: CT_P, signature: str, date: str) -> None:
    """The issuing unit a line below the text and centred over the right-aligned date
    (GB/T 9704-2012 7.3.5.2: 发文机关署名……以成文日期为准居中编排)."""
    chars = 2 + (_width(date) - _width(signature)) / 2  # the date stands two characters in
    spacing, ind = OxmlElement("w:spacing"), OxmlElement("w:ind")
    spacing.set(qn("w:before"), str(gongwen.LINE.twips))
    ind.set(qn("w:right"), str(max(0, round(chars * gongwen.SAN_HAO.twips))))
    ppr = p.get_or_add_pPr()
    ppr.append(spacing)
    ppr.append(ind)


class _Writer:
    """Appends paragraphs and tables to a document's body as XML, in one pass.

    python-docx looks a style up by name over every style, checks it against the default style
    and scans the body for its section properties on each paragraph it adds, and re-reads the
    whole table for each row's cells; over thousands of blocks that is most of a batch's
    drafting. Here each style's id is read once and every element is placed before the body's
    ``w:sectPr`` directly, so the work grows with the blocks, not with their square.
    """

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.body = document.element.body
        self.style_ids = {s.name: s.style_id for s in document.styles}

    def _p(self, text: str, style: str, center: bool = False) -> CT_P:
        """``<w:p>`` with its style and one run, made as XML (python-docx's setters search the
        element's children for where each part goes, a cost paid per paragraph)."""
        text = strip_invisible(text)
        p = cast(CT_P, OxmlElement("w:p"))
        ppr = OxmlElement("w:pPr")
        p.append(ppr)
        pstyle = OxmlElement("w:pStyle")
        pstyle.set(qn("w:val"), self.style_ids[style])
        ppr.append(pstyle)
        if center:
            jc = OxmlElement("w:jc")
            jc.set(qn("w:val"), "center")
            ppr.append(jc)
        if "\t" in text:  # tabs become <w:tab/>: python-docx knows how
            p.add_r().text = text
        elif text:
            run, t = OxmlElement("w:r"), OxmlElement("w:t")
            t.text = text
            t.set(qn("xml:space"), "preserve")
            run.append(t)
            p.append(run)
        return p

    def paragraph(
        self,
        text: str,
        style: str,
        signature_over: str | None = None,
        new_page: bool = False,
        hanging: int = 0,
    ) -> None:
        p = self._p(text, style)
        if new_page:
            p.get_or_add_pPr().append(OxmlElement("w:pageBreakBefore"))
        if hanging:
            ind = OxmlElement("w:ind")
            ind.set(qn("w:firstLine"), str(hanging))
            p.get_or_add_pPr().append(ind)
        if signature_over is not None:
            _centre_over(p, text, signature_over)
        self.body.sectPr.addprevious(p)

    def _row(
        self, tbl: CT_Tbl, texts: list[str], widths: list[Mm], style: str, center: list[bool]
    ) -> None:
        tr = OxmlElement("w:tr")
        for c, width in enumerate(widths):
            tc, tcpr, tcw = OxmlElement("w:tc"), OxmlElement("w:tcPr"), OxmlElement("w:tcW")
            tcw.set(qn("w:w"), str(width.twips))
            tcw.set(qn("w:type"), "dxa")
            tcpr.append(tcw)
            tc.append(tcpr)
            lines = (texts[c] if c < len(texts) else "").split("\n")
            for line in lines:
                tc.append(self._p(line, style, center[c]))
            tr.append(tc)
        tbl.append(tr)

    def table(self, name: str, header: list[str], rows: list[list[str]], landscape: bool) -> None:
        body, head = ("附表文字", "附表表头") if landscape else ("表格文字", "表头文字")
        widths = _widths(name, len(header), landscape)
        table = self.document.add_table(rows=0, cols=len(header))
        table.style = self.document.styles["Table Grid"]
        self._row(table._tbl, header, widths, head, [False] * len(header))
        short = [
            all(len(row[c]) <= SHORT_CELL for row in rows if c < len(row))
            for c in range(len(header))
        ]
        for row in rows:
            self._row(table._tbl, row, widths, body, short)
        gongwen.format_table(table, widths)


def template_paths(template: Path | None) -> tuple[Path, Path | None]:
    """The Word template and the folder of word templates ``--template`` names: a .docx is the
    Word template; a folder holds the words and may hold a ``report.docx``; else the built-in."""
    builtin = default_template_dir() / WORD_TEMPLATE
    if template is None:
        return builtin, None
    template = Path(template)
    if template.suffix.lower() == ".docx":
        if not template.is_file():
            raise UsageError(f"模板文件不存在: {template}")
        return template, None
    own = template / WORD_TEMPLATE
    return (own if own.is_file() else builtin), template


def _docx_environment() -> Environment:
    """The environment the Word template's own tags render in: the drafts' filters, XML-escaped
    (a unit named ``A&B`` must not break the document), a misspelt name an error."""
    env = Environment(undefined=StrictUndefined, autoescape=True)
    env.filters.update(FILTERS)
    return env


def _body_section_break(document: DocxDocument) -> None:
    """End the body's section before the attachment and turn the attachment's page.

    The template has one section; its properties (margins, page numbers, grid) are copied to end
    the body, and the last section, which now holds the attachment alone, turns landscape."""
    body = document.element.body
    marks = [
        p
        for p in body.iterchildren(qn("w:p"))
        if p.pPr is not None
        and p.pPr.pStyle is not None
        and p.pPr.pStyle.val == document.styles["附件标识"].style_id
    ]
    if not marks:
        return
    previous = marks[0].getprevious()
    if previous is None or previous.tag != qn("w:p"):
        previous = OxmlElement("w:p")
        marks[0].addprevious(previous)
    previous.get_or_add_pPr().append(deepcopy(body.sectPr))
    last = document.sections[-1]
    width, height = last.page_width, last.page_height
    if width is not None and height is not None and width < height:
        last.page_width, last.page_height = height, width
    last.orientation = WD_ORIENT.LANDSCAPE
    gongwen.set_grid(last)


def build(
    blocks: list[Block],
    tables: dict[str, list[list[str]]],
    path: Path,
    template: Path | None = None,
    context: dict[str, object] | None = None,
) -> Path:
    """Lay ``blocks`` out in the Word ``template`` (default: the built-in) and save at ``path``."""
    tpl = DocxTemplate(str(template or default_template_dir() / WORD_TEMPLATE))
    sub = tpl.new_subdoc()
    document = sub.subdocx
    missing = [name for name in gongwen.STYLES if name not in {s.name for s in document.styles}]
    if missing:
        raise UsageError(f"Word 模板 {template} 缺少样式：{'、'.join(missing)}")
    writer = _Writer(document)
    landscape = False
    for n, block in enumerate(blocks):
        if block.kind == "@table":
            name, _, header = block.text.partition(" ")
            rows = tables.get(name, [])
            if rows:
                writer.table(name, header.split("|"), rows, landscape)
            continue
        new_page = block.kind == "@attachment" and landscape  # the second attachment on
        if block.kind == "@attachment":
            landscape = True
        following = blocks[n + 1] if n + 1 < len(blocks) else None
        over = (
            following.text
            if block.kind == "@sign" and following and following.kind == "@date"
            else None
        )
        also = ALSO_INDENT.twips if block.kind == "@also" else 0
        writer.paragraph(block.text, STYLE_OF.get(block.kind, "公文正文"), over, new_page, also)
    tpl.render({**(context or {}), "body": sub}, jinja_env=_docx_environment())
    _body_section_break(tpl.docx)
    tpl.save(str(path))
    return path


def write(summary: Summary, env: Environment, path: Path, template: Path | None = None) -> Path:
    """Render ``report/report.j2`` and lay it out in the Word ``template`` at ``path``."""
    markup = env.get_template("report/report.j2").render(s=summary)
    return build(parse(markup), table_rows(summary), path, template, {"s": summary})
