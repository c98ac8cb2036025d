"""report.docx read back with python-docx: 公文 format, sections filled from the data."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt

SECTIONS = (
    "一、基本情况",
    "二、指标达标情况",
    "三、存在的主要问题",
    "四、整改措施及进展",
    "五、数据核查情况",
    "六、下一步工作",
)


@pytest.fixture(scope="module")
def report(drafted_out: Path) -> docx.document.Document:
    return docx.Document(str(drafted_out / "report.docx"))


def _east_asian(style: docx.styles.style.ParagraphStyle) -> str:
    fonts = style.element.rPr.find(docx.oxml.ns.qn("w:rFonts"))
    return fonts.get(docx.oxml.ns.qn("w:eastAsia"))


def test_draft_report_docx_has_every_section_in_order(report) -> None:
    headings = [p.text for p in report.paragraphs if p.style.name == "一级标题"]
    assert tuple(headings) == SECTIONS
    assert any(p.text.startswith("附件") for p in report.paragraphs)


@pytest.mark.parametrize(
    ("style", "font", "size", "bold"),
    [
        ("公文标题", "方正小标宋简体", 22, False),
        ("公文正文", "仿宋_GB2312", 16, False),
        ("一级标题", "黑体", 16, False),
        ("二级标题", "楷体_GB2312", 16, False),
        ("三级标题", "仿宋_GB2312", 16, True),
    ],
)
def test_draft_report_docx_fonts(report, style: str, font: str, size: int, bold: bool) -> None:
    st = report.styles[style]
    assert _east_asian(st) == font
    assert st.font.size == Pt(size)
    assert bool(st.font.bold) is bold
    assert any(p.style.name == style for p in report.paragraphs)


def test_draft_report_docx_body_spacing_and_indent(report) -> None:
    fmt = report.styles["公文正文"].paragraph_format
    assert 28 <= fmt.line_spacing.pt <= 29
    assert fmt.first_line_indent == Pt(32)
    title = next(p for p in report.paragraphs if p.style.name == "公文标题")
    assert title.style.paragraph_format.alignment == 1  # centred


def test_draft_report_docx_page_setup(report) -> None:
    first = report.sections[0]
    assert abs(first.page_width - Mm(210)) < Mm(0.1) and abs(first.page_height - Mm(297)) < Mm(0.1)
    for section in report.sections:
        assert abs(section.top_margin - Mm(37)) < Mm(0.1)
        assert abs(section.bottom_margin - Mm(35)) < Mm(0.1)
        assert abs(section.left_margin - Mm(28)) < Mm(0.1)
        assert abs(section.right_margin - Mm(26)) < Mm(0.1)
    footer = first.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert " PAGE " in footer._p.xml


def test_draft_report_docx_tables_repeat_headers_and_hold_no_duplicates(report) -> None:
    assert len(report.tables) >= 2
    for table in report.tables:
        assert "w:tblHeader" in table.rows[0]._tr.xml
        rows = [tuple(c.text for c in row.cells) for row in table.rows[1:]]
        assert len(rows) == len(set(rows))
    ledger = report.tables[-1]
    assert [c.text for c in ledger.rows[0].cells][:4] == ["序号", "单位", "问题类别", "问题描述"]
    assert len(ledger.rows) - 1 == 16  # 13 problems of seed 001 + 3 of seed 003


def test_draft_report_docx_reads_coherently(report) -> None:
    paragraphs = report.paragraphs
    text = "\n".join(p.text for p in paragraphs)
    cells = "\n".join(c.text for t in report.tables for r in t.rows for c in r.cells)
    for bad in ("None", "nan", "{{", "}}", "{%"):
        assert bad not in text and bad not in cells
    assert not re.search(r"[\u4e00-\u9fff][,;:?!]|[,;:?!][\u4e00-\u9fff]", text)
    levels = {"一级标题": 1, "二级标题": 2, "三级标题": 3}
    for p, following in itertools.pairwise(paragraphs):
        if p.style.name in levels and following.style.name in levels:
            assert levels[following.style.name] > levels[p.style.name], p.text


def test_draft_report_docx_numbers_come_from_the_data(report) -> None:
    text = "\n".join(p.text for p in report.paragraphs)
    assert "262+247+199=708" in text  # the finding's message
    assert "共列出问题16个" in text
    assert "已整改9个，整改中2个，未整改2个" in text


def test_draft_report_docx_date_right_aligned_under_the_issuing_unit(report) -> None:
    """GB/T 9704-2012 7.3.5.2: 成文日期 right-aligned two characters in, the issuing unit centred
    above it, a line below the text; never in body style."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraphs = list(report.paragraphs)
    date = next(p for p in paragraphs if p.text.replace("\u3000", "") == "年月日")
    unit = paragraphs[paragraphs.index(date) - 1]
    assert date.style.name == "成文日期" and unit.style.name == "落款"
    for p in (date, unit):
        assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert p.style.paragraph_format.first_line_indent in (None, 0)
    assert report.styles["成文日期"].paragraph_format.right_indent == Pt(32)
    # centred over the date: 年　月　日 is five characters wide, （发文单位） six
    assert unit.paragraph_format.right_indent == Pt(32 + (5 - 6) / 2 * 16)
    assert (
        unit.paragraph_format.space_before
        == report.styles["公文正文"].paragraph_format.line_spacing
    )
