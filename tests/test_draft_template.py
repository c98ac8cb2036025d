"""report.docx from the Word template (issue 16, point 4): the template and the draft opened and
checked — styles and fonts with their fallbacks, 公文 margins, the 22 × 28 grid, the landscape
attachment — and a bureau's own template, restyled and re-worded in Word, honoured."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from junheng.draft import draft, gongwen
from junheng.draft.env import default_template_dir

TEMPLATE = default_template_dir() / "report.docx"
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
RAW_IDS = re.compile(r"\b(?:[RQ]\d+|X-[a-z-]+|[a-z]+_mismatch|below_standard|cv_exceeds)\b")
HASHED_FILE = re.compile(r"[0-9a-f]{12,}")


def _fonts(document: docx.document.Document) -> dict[str, str | None]:
    part = next(
        p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml"
    )
    from lxml import etree

    root = etree.fromstring(part.blob)
    found = {}
    for font in root.findall(qn("w:font")):
        alt = font.find(qn("w:altName"))
        found[font.get(qn("w:name"))] = None if alt is None else alt.get(qn("w:val"))
    return found


def _check_page(section: docx.section.Section) -> None:
    assert abs(section.top_margin - Mm(37)) < Mm(0.1)
    assert abs(section.bottom_margin - Mm(35)) < Mm(0.1)
    assert abs(section.left_margin - Mm(28)) < Mm(0.1)
    assert abs(section.right_margin - Mm(26)) < Mm(0.1)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid is not None and grid.get(qn("w:type")) == "lines"
    pitch = int(grid.get(qn("w:linePitch")))
    assert pitch == gongwen.LINE.twips == 579


def _check_grid_and_styles(document: docx.document.Document) -> None:
    """22 lines of 28 characters of 三号 in the 156 × 225 mm type area, fonts with fallbacks."""
    first = document.sections[0]
    height = first.page_height - first.top_margin - first.bottom_margin
    width = first.page_width - first.left_margin - first.right_margin
    assert int(height / gongwen.LINE) == 22
    body = document.styles["公文正文"]
    spacing = body.element.rPr.find(qn("w:spacing"))
    assert spacing is not None
    pitch = Pt(16).pt + int(spacing.get(qn("w:val"))) / 20
    assert int(width / Pt(1) / pitch) == 28  # 28 characters a line, not 27
    assert body.paragraph_format.line_spacing == gongwen.LINE
    for name, (font, size, *_rest) in gongwen.STYLES.items():
        style = document.styles[name]
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font
        assert style.font.size == size
    table_text = document.styles["表格文字"].element.pPr.find(qn("w:snapToGrid"))
    assert table_text is not None and table_text.get(qn("w:val")) == "0"
    fallbacks = _fonts(document)
    assert fallbacks["方正小标宋简体"] == "宋体"
    assert fallbacks["仿宋_GB2312"] == "仿宋"
    assert fallbacks["楷体_GB2312"] == "楷体"


def test_draft_template_is_a_gongwen_page() -> None:
    template = docx.Document(str(TEMPLATE))
    assert len(template.sections) == 1
    _check_page(template.sections[0])
    _check_grid_and_styles(template)
    assert [p.text for p in template.paragraphs] == [gongwen.BODY_PLACEHOLDER]
    footer = template.sections[0].footer.paragraphs[0]
    assert " PAGE " in footer._p.xml
    assert template.settings.odd_and_even_pages_header_footer


def test_draft_template_as_built_matches_the_committed_one(tmp_path: Path) -> None:
    """templates/report.docx is what ``python -m junheng.draft.gongwen`` makes: same styles, page
    and paragraphs (the zip's dates differ, so the parts are compared)."""
    made = docx.Document(str(gongwen.build_template(tmp_path / "report.docx")))
    committed = docx.Document(str(TEMPLATE))
    assert made.styles.element.xml == committed.styles.element.xml
    assert made.element.body.xml == committed.element.body.xml


@pytest.fixture(scope="module")
def report(drafted_out: Path) -> docx.document.Document:
    return docx.Document(str(drafted_out / "report.docx"))


def _body_texts(report: docx.document.Document) -> list[str]:
    """The text of the body, paragraphs and table cells in order, up to the first attachment."""
    attachment = report.styles["附件标识"].style_id
    texts = []
    for child in report.element.body.iterchildren():
        if child.tag == qn("w:p"):
            ppr = child.pPr
            if ppr is not None and ppr.pStyle is not None and ppr.pStyle.val == attachment:
                break
            texts.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            texts.extend(
                "".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in child.iter(qn("w:tc"))
            )
    return texts


def test_draft_report_from_the_template_keeps_the_page(report) -> None:
    assert len(report.sections) == 2  # the body, then the attachment
    for section in report.sections:
        _check_page(section)
    body, attachment = report.sections
    assert body.page_width < body.page_height  # A4 portrait
    assert attachment.page_width > attachment.page_height  # the ledger turned landscape
    assert abs(attachment.page_width - Mm(297)) < Mm(0.1)
    _check_grid_and_styles(report)
    for section in report.sections:  # page numbers on both, the attachment's continuing
        assert " PAGE " in section.footer.paragraphs[0]._p.xml
    text = "\n".join(p.text for p in report.paragraphs)
    assert "{{" not in text and "{%" not in text


def test_draft_report_text_is_plain(report) -> None:
    """No zero-width characters anywhere; in the body no raw ids and no hashed file names: an
    unnamed report is 文件N第M篇, the files listed once in 附件2."""
    everything = [p.text for p in report.paragraphs]
    everything += [c.text for t in report.tables for r in t.rows for c in r.cells]
    assert not any(INVISIBLE.search(t) for t in everything)
    body = _body_texts(report)
    assert not [t for t in body if RAW_IDS.search(t)]
    assert not [t for t in body if HASHED_FILE.search(t) or ".txt" in t]
    assert any(re.search(r"文件\d+第\d+篇", t) for t in body)
    listing = [p.text for p in report.paragraphs if re.match(r"文件\d+：", p.text)]
    assert listing and all(HASHED_FILE.search(t) for t in listing)  # the names, once each
    assert len(listing) == len(set(listing))
    closing = [p.text for p in report.paragraphs if p.text.startswith("附件：")]
    assert closing == ["附件：1.整改台账"]
    assert "2.报告来源文件" in [p.text for p in report.paragraphs]


def test_draft_with_a_bureau_template(draft_out: Path, tmp_path: Path) -> None:
    """A bureau opens the template in Word, adds its letterhead with a field, makes the body
    larger and the margins wider: the draft takes all three and keeps the content."""
    own = docx.Document(str(TEMPLATE))
    placeholder = own.paragraphs[0]
    head = placeholder.insert_paragraph_before("某某县教育局（共{{ s.files }}个文件）")
    head.style = own.styles["公文标题"]
    own.styles["公文正文"].font.size = Pt(15)
    own.sections[0].left_margin = Mm(30)
    path = tmp_path / "bureau.docx"
    own.save(str(path))
    draft(draft_out, path)
    report = docx.Document(str(draft_out / "report.docx"))
    paragraphs = [p.text for p in report.paragraphs]
    assert paragraphs[0] == "某某县教育局（共3个文件）"
    assert "一、基本情况" in paragraphs and "262+247+199=708" in "\n".join(paragraphs)
    assert report.styles["公文正文"].font.size == Pt(15)
    assert all(abs(s.left_margin - Mm(30)) < Mm(0.1) for s in report.sections)


def test_draft_template_folder_without_a_word_template_uses_the_builtin(
    draft_out: Path, tmp_path: Path
) -> None:
    words = tmp_path / "words"
    shutil.copytree(default_template_dir(), words)
    (words / "report.docx").unlink()
    draft(draft_out, words)
    report = docx.Document(str(draft_out / "report.docx"))
    assert report.styles["公文正文"].font.size == Pt(16)
