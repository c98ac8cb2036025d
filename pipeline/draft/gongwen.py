"""The 党政机关公文格式 (GB/T 9704-2012) as python-docx styles, page setup and page numbers, and
the Word template (templates/report.docx) made from them.

Fonts are set on named paragraph styles (公文标题, 一级标题, …), not run by run, so a person who
finishes the draft in Word/WPS keeps the format by picking a style, and the headings carry outline
levels for the navigation pane. Chinese fonts must be set through ``w:eastAsia``: python-docx's
``font.name`` alone only sets the Latin font. A machine without the 公文 fonts (方正小标宋简体,
仿宋_GB2312, 楷体_GB2312) shows the ones the font table names as their alternatives
(:data:`FALLBACKS`: 宋体, 仿宋, 楷体), which Windows and WPS have.

The page carries the 公文 grid (GB/T 9704-2012 5.2.2: 22 lines of 28 characters in the 156 × 225
mm type area): a line grid of 22 lines, and 28 characters a line from the body styles' character
spacing (:func:`set_grid` says why not Word's character grid).

``python -m junheng.draft.gongwen templates/report.docx`` writes the Word template: these
styles, the page, the grid and the page numbers, and one paragraph ``{{p body }}`` where docxtpl
puts the report (:mod:`junheng.draft.report_docx`). A bureau opens it in Word or WPS, changes a
style, the margins or adds its letterhead above that paragraph, and passes it with
``--template``.
"""

from __future__ import annotations

import math
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

TITLE_FONT, BODY_FONT, H1_FONT, H2_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
ER_HAO, SAN_HAO, SI_HAO, XIAO_SI, WU_HAO = Pt(22), Pt(16), Pt(14), Pt(12), Pt(10.5)
LINE = Pt(28.95)  # 22 lines to the 225 mm type area
INDENT = Pt(32)  # two characters of 三号
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TYPE_WIDTH = Mm(210 - 28 - 26)  # 156 mm
LINES, CHARS = 22, 28  # GB/T 9704-2012 5.2.2: the character grid of the type area
FALLBACKS = {
    TITLE_FONT: "宋体",
    BODY_FONT: "仿宋",
    H2_FONT: "楷体",
    H1_FONT: "SimHei",
}
# styles whose text must not snap to the character grid: small type in tables and the footer
# would otherwise be spaced out to the grid's 三号 pitch
OFF_GRID = ("表格文字", "表头文字", "附表文字", "附表表头", "页码")
BODY_PLACEHOLDER = "{{p body }}"

# name: (font, size, bold, alignment, first-line indent, outline level)
STYLES: dict[str, tuple[str, Pt, bool, WD_ALIGN_PARAGRAPH, Pt | None, int | None]] = {
    "公文正文": (BODY_FONT, SAN_HAO, False, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, None),
    "公文标题": (TITLE_FONT, ER_HAO, False, WD_ALIGN_PARAGRAPH.CENTER, None, None),
    "一级标题": (H1_FONT, SAN_HAO, False, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, 0),
    "二级标题": (H2_FONT, SAN_HAO, False, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, 1),
    "三级标题": (BODY_FONT, SAN_HAO, True, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, 2),
    "主送机关": (BODY_FONT, SAN_HAO, False, WD_ALIGN_PARAGRAPH.LEFT, None, None),
    "落款": (BODY_FONT, SAN_HAO, False, WD_ALIGN_PARAGRAPH.RIGHT, None, None),
    "成文日期": (BODY_FONT, SAN_HAO, False, WD_ALIGN_PARAGRAPH.RIGHT, None, None),
    "附件标识": (H1_FONT, SAN_HAO, False, WD_ALIGN_PARAGRAPH.LEFT, None, None),
    "表格文字": (BODY_FONT, XIAO_SI, False, WD_ALIGN_PARAGRAPH.LEFT, None, None),
    "表头文字": (H1_FONT, XIAO_SI, False, WD_ALIGN_PARAGRAPH.CENTER, None, None),
    "附表文字": (BODY_FONT, WU_HAO, False, WD_ALIGN_PARAGRAPH.LEFT, None, None),
    "附表表头": (H1_FONT, WU_HAO, False, WD_ALIGN_PARAGRAPH.CENTER, None, None),
    "页码": (PAGE_NUMBER_FONT, SI_HAO, False, WD_ALIGN_PARAGRAPH.RIGHT, None, None),
}


def set_east_asian_font(element: object, font: str) -> None:
    """Set ascii, hAnsi and eastAsia fonts on a style's or run's ``w:rPr``."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)


def _outline(style: ParagraphStyle, level: int) -> None:
    ppr = style.element.get_or_add_pPr()
    node = OxmlElement("w:outlineLvl")
    node.set(qn("w:val"), str(level))
    ppr.append(node)


def add_styles(document: DocxDocument) -> None:
    """Create the 公文 paragraph styles (idempotent)."""
    for name, (font, size, bold, align, indent, outline) in STYLES.items():
        if name in [s.name for s in document.styles]:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.name = font
        style.font.size = size
        style.font.bold = bold
        set_east_asian_font(style.element, font)
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = indent
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.widow_control = False
        if name == "成文日期":  # GB/T 9704-2012 7.3.5.2: 成文日期右空二字
            fmt.right_indent = INDENT
        if name.startswith(("表", "附表")):
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        elif name == "公文标题":
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(36)
            fmt.space_after = LINE
        else:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = LINE
        if outline is not None:
            _outline(style, outline)
            fmt.keep_with_next = True
        if name in OFF_GRID:
            _insert_before(style.element.get_or_add_pPr(), "snapToGrid", "0", _AFTER_SNAP)
        elif size == SAN_HAO:
            spacing = str(char_spacing())
            _insert_before(style.element.get_or_add_rPr(), "spacing", spacing, _AFTER_SPACING)


# children that come after w:snapToGrid in a w:pPr, and after w:spacing in a w:rPr (ECMA-376)
_AFTER_SNAP = ("spacing", "ind", "contextualSpacing", "jc", "outlineLvl", "rPr")
_AFTER_SPACING = ("w", "kern", "position", "sz", "szCs", "highlight", "u", "lang")


def _insert_before(parent: object, tag: str, value: str, successors: tuple[str, ...]) -> None:
    """Add ``<w:TAG w:val=VALUE/>`` to ``parent`` in the place the schema gives it."""
    node = OxmlElement(f"w:{tag}")
    node.set(qn("w:val"), value)
    later = [parent.find(qn(f"w:{name}")) for name in successors]  # type: ignore[attr-defined]
    first = next((child for child in later if child is not None), None)
    if first is None:
        parent.append(node)  # type: ignore[attr-defined]
    else:
        first.addprevious(node)


def char_spacing(width: Length = TYPE_WIDTH) -> int:
    """The spacing, in twentieths of a point, that sets :data:`CHARS` characters of 三号 in a line
    ``width`` wide: the grid's pitch less the font size, rounded down so the last one fits."""
    pitch = width / Pt(1) / CHARS
    return math.floor((pitch - SAN_HAO.pt) * 20)


def set_grid(section: Section) -> None:
    """The 公文 line grid: :data:`LINES` lines to the type area, one every :data:`LINE`.

    The 28 characters of a line come from the body styles' character spacing
    (:func:`char_spacing`), not from Word's character grid (``linesAndChars``): LibreOffice snaps
    each 三号 character to two cells of a grid whose pitch is under 16 pt, 14 characters a line,
    where Word and WPS condense them to 28; the spacing gives 28 in all three."""
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE.twips))
    if grid.get(qn("w:charSpace")) is not None:
        del grid.attrib[qn("w:charSpace")]


def set_defaults(document: DocxDocument) -> None:
    """The document's default run: 三号 仿宋_GB2312 (the grid's pitch is counted from it)."""
    rpr = (
        document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), BODY_FONT)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(int(SAN_HAO.pt * 2)))
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


_FONT_ENTRY = (
    '<w:font xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' w:name="{name}">'
    '<w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="{family}"/>'
    '<w:pitch w:val="variable"/></w:font>'
)


def add_font_fallbacks(document: DocxDocument) -> None:
    """Name each 公文 font in the font table with the font to show where it is missing."""
    from lxml import etree

    part = next(
        p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml"
    )
    root = etree.fromstring(part.blob)
    have = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alt in FALLBACKS.items():
        if name in have:
            continue
        family = "modern" if name in (BODY_FONT, H2_FONT) else "roman"
        root.append(etree.fromstring(_FONT_ENTRY.format(name=name, alt=alt, family=family)))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build_template(path: Path) -> Path:
    """Write the Word template of report.docx (see the module) to ``path``."""
    from docx import Document

    document = Document()
    set_defaults(document)
    add_styles(document)
    add_font_fallbacks(document)
    section = document.sections[0]
    setup_page(section)
    add_page_numbers(document, section)
    body = document.add_paragraph(BODY_PLACEHOLDER, style=document.styles["公文正文"])
    body.paragraph_format.first_line_indent = Pt(0)
    document.core_properties.title = "整改情况报告（模板）"
    document.core_properties.author = "junheng"
    document.save(str(path))
    return path


def setup_page(section: Section, landscape: bool = False) -> None:
    """A4 with the 公文 margins; the attachment's wide ledger turns the page."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.footer_distance = Mm(24)
    section.header_distance = Mm(15)
    set_grid(section)


def _page_field(paragraph: Paragraph) -> None:
    """``— PAGE —``: a live page number between em dashes."""
    paragraph.add_run("— ")
    begin, instr, end = (
        OxmlElement("w:fldChar"),
        OxmlElement("w:instrText"),
        OxmlElement("w:fldChar"),
    )
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    end.set(qn("w:fldCharType"), "end")
    for node in (begin, instr, end):
        paragraph.add_run()._r.append(node)
    paragraph.add_run(" —")


def add_page_numbers(document: DocxDocument, section: Section) -> None:
    """Odd pages number at the right, even pages at the left, one character in (GB/T 9704 7.5)."""
    document.settings.odd_and_even_pages_header_footer = True
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles["页码"]
        paragraph.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = SI_HAO
        else:
            paragraph.paragraph_format.left_indent = SI_HAO
        _page_field(paragraph)


def repeat_header(table: Table) -> None:
    """Mark the first row as a header row, repeated at the top of every page the table spans."""
    trpr = table.rows[0]._tr.get_or_add_trPr()
    node = OxmlElement("w:tblHeader")
    node.set(qn("w:val"), "true")
    trpr.append(node)


def format_table(table: Table, widths: list[Mm]) -> None:
    """Centred, fixed column widths (the cells carry theirs, set as they are made)."""
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    repeat_header(table)  # rows may split: a long ledger row kept whole wastes half a page


if __name__ == "__main__":  # python -m junheng.draft.gongwen templates/report.docx
    import sys

    print(build_template(Path(sys.argv[1] if len(sys.argv) > 1 else "report.docx")))
