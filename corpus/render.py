"""Render each seed ``corpus/seeds/<stem>.txt`` as ``<stem>.docx`` and ``<stem>.pdf``.

Why: the seeds are web copies (plain text), but bureaus hand in Word files and PDFs. Rendering the
same text in the other two forms lets ``tests/test_corpus_forms.py`` check that the three readers
agree, and gives the PDF reader what real PDFs have: a running header with the report's title and a
page number (``— 1 —``) at the foot of every page, which it must strip.

The .docx: one Word paragraph per non-empty line of the .txt (the line's text as is, trailing
whitespace stripped), A4 with the margins of a Chinese official document (GB/T 9704: 37/35/28/26
mm), 14 pt 仿宋 for East Asian text (LibreOffice substitutes an installed CJK font), justified with
a two-character first-line indent; the page header holds the file's first line and the footer a
PAGE field written ``— N —``.

The .pdf: that .docx converted by LibreOffice headless.

Run by hand (outputs are committed; the tests do not need LibreOffice)::

    apt-get install -y libreoffice-writer-nogui fonts-noto-cjk
    /work/venv/bin/python corpus/render.py            # every seed
    /work/venv/bin/python corpus/render.py 004_d57a   # seeds whose name starts with this
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

SEEDS = Path(__file__).resolve().parent / "seeds"
FONT_LATIN = "Times New Roman"
FONT_EAST_ASIA = "仿宋"
FONT_SIZE = Pt(14)


def seed_lines(path: Path) -> list[str]:
    """The non-empty lines of a seed, trailing whitespace stripped (what becomes a paragraph)."""
    lines = (line.rstrip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line.strip()]


def _set_fonts(document: DocxDocument) -> None:
    """Normal style: a Latin and an East Asian font (python-docx only sets the Latin one)."""
    style = document.styles["Normal"]
    style.font.name = FONT_LATIN
    style.font.size = FONT_SIZE
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT_EAST_ASIA)
    paragraph_format = style.paragraph_format
    paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph_format.first_line_indent = FONT_SIZE * 2
    paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing = 1.25


def _set_page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(15)


def add_field(paragraph: Paragraph, instruction: str = "PAGE") -> None:
    """Append a field such as PAGE or NUMPAGES (begin / instrText / separate / ``1`` / end)."""

    def field_char(kind: str) -> OxmlElement:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(field_char("begin"))
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(field_char("separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(field_char("end"))


def _set_header_footer(document: DocxDocument, title: str, footer_parts: Sequence[str]) -> None:
    """Header: ``title``. Footer: ``footer_parts``, where an upper-case word is a field."""
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = title
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.paragraph_format.first_line_indent = Pt(0)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    for part in footer_parts:
        if part.isupper():
            add_field(footer, part)
        else:
            footer.add_run(part)


def new_document(title: str, footer_parts: Sequence[str] = ("— ", "PAGE", " —")) -> DocxDocument:
    """An empty A4 document with our fonts, a header ``title`` and a page-number footer."""
    document = new_docx()
    _set_fonts(document)
    _set_page(document)
    _set_header_footer(document, title, footer_parts)
    return document


def make_docx(lines: list[str]) -> DocxDocument:
    """A Word document with one paragraph per line, header = first line, footer = page number."""
    document = new_document(lines[0].strip())
    for line in lines:
        document.add_paragraph(line)
    return document


def docx_to_pdf(docx_path: Path, out_dir: Path) -> Path:
    """Convert with LibreOffice headless, in a throw-away profile (a running office is fine)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice not found: apt-get install -y libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return out_dir / f"{docx_path.stem}.pdf"


def render(seed: Path) -> tuple[Path, Path]:
    """Write ``<stem>.docx`` and ``<stem>.pdf`` beside ``seed``."""
    docx_path = seed.with_suffix(".docx")
    make_docx(seed_lines(seed)).save(str(docx_path))
    pdf_path = docx_to_pdf(docx_path, seed.parent)
    return docx_path, pdf_path


def main(prefixes: list[str]) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    if prefixes:
        seeds = [seed for seed in seeds if any(seed.name.startswith(p) for p in prefixes)]
    for seed in seeds:
        docx_path, pdf_path = render(seed)
        print(f"{seed.name} -> {docx_path.name}, {pdf_path.name} ({pdf_path.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
