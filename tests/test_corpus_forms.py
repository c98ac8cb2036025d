"""The three forms of each seed (.txt, and the .docx and .pdf that corpus/render.py made from it)
read to the same normalised text, up to whitespace.

Whitespace is left out of the comparison on purpose: the forms break lines differently (a .txt
line is a Word paragraph; the PDF reader joins lines by layout and keeps a Latin word space where
the web copy had none), and that is all it may change. Nothing else is allowed to differ: not the
PDF's running head or page numbers, not a quote mark that LibreOffice drew out of order, not a
space pdfium made up inside a decimal (``21 。 1``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from junheng.ingest import read_file

SEEDS = sorted((Path(__file__).parents[1] / "corpus" / "seeds").glob("*.txt"))
pytestmark = pytest.mark.corpus


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def bare_pdf_text(path: Path) -> list[str]:
    """Each page's text as pdfium gives it, furniture and all."""
    pdf = pdfium.PdfDocument(path.read_bytes())
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def test_corpus_has_rendered_seeds() -> None:
    assert len(SEEDS) == 5
    for seed in SEEDS:
        assert seed.with_suffix(".pdf").is_file() and seed.with_suffix(".docx").is_file()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_corpus_pdf_reads_as_txt(seed: Path) -> None:
    txt = read_file(seed)
    pdf = read_file(seed.with_suffix(".pdf"))
    assert squeeze(pdf.text) == squeeze(txt.text)
    assert pdf.warnings == ()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_corpus_pdf_had_furniture_to_strip(seed: Path) -> None:
    """The rendered PDF really carries the running head and ``— N —`` on every page."""
    title = squeeze(seed.read_text(encoding="utf-8").splitlines()[0])
    pages = bare_pdf_text(seed.with_suffix(".pdf"))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert title in squeeze(text)
        assert f"—{number}—" in squeeze(text)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_corpus_docx_reads_as_txt(seed: Path) -> None:
    pytest.importorskip("junheng.ingest.docx")
    txt = read_file(seed)
    docx = read_file(seed.with_suffix(".docx"))
    assert squeeze(docx.text) == squeeze(txt.text)
    assert len(docx.blocks) == len(txt.blocks)  # one Word paragraph per line, no header/footer
