"""The 党政机关公文格式 (GB/T 9704-2012) as python-docx styles, page setup and page numbers.

Fonts are set on named paragraph styles (公文标题, 一级标题, …), not run by run, so a person who
finishes the draft in Word/WPS keeps the format by picking a style, and the headings carry outline
levels for the navigation pane. Chinese fonts must be set through ``w:eastAsia``: python-docx's
``font.name`` alone only sets the Latin font.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

TITLE_FONT, BODY_FONT, H1_FONT, H2_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
ER_HAO, SAN_HAO, SI_HAO, XIAO_SI, WU_HAO = Pt(22), Pt(16), Pt(14), Pt(12), Pt(10.5)
LINE = Pt(28.95)  # 22 lines to the 225 mm type area
INDENT = Pt(32)  # two characters of 三号
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}

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
