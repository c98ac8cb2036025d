"""junheng.ingest.pdfium_calls: the same answers as pypdfium2's own calls, on a seed PDF."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from junheng.ingest.pdfium_calls import Geometry, count_paths

SEED_PDF = Path(__file__).parents[1] / "corpus" / "seeds" / "001_ea2f5b18e91f2ba8.pdf"
TABLE_PDF = Path(__file__).parent / "data" / "pdf" / "table.pdf"


@pytest.fixture(scope="module")
def page() -> pdfium.PdfPage:
    return pdfium.PdfDocument(SEED_PDF)[0]


def test_character_boxes_are_pypdfium2s(page: pdfium.PdfPage) -> None:
    textpage = page.get_textpage()
    geometry = Geometry(textpage)
    count = textpage.count_chars()
    assert count > 200
    spans = geometry.spans(0, count)
    for index in range(count):
        left, _, right, _ = textpage.get_charbox(index)
        assert spans[index] == (left, right)
        assert geometry.loose(index) == textpage.get_charbox(index, loose=True)
        generated = pdfium_c.FPDFText_IsGenerated(textpage, index) == 1
        assert geometry.is_generated(index) is generated


def test_runs_are_pdfiums_rectangles(page: pdfium.PdfPage) -> None:
    textpage = page.get_textpage()
    geometry = Geometry(textpage)
    start, end = 0, min(80, textpage.count_chars())
    expected = []
    for index in range(pdfium_c.FPDFText_CountRects(textpage, start, end - start)):
        left, top, right, bottom = (ctypes.c_double() for _ in range(4))
        pdfium_c.FPDFText_GetRect(textpage, index, left, top, right, bottom)
        expected.append((left.value, right.value))
    assert geometry.runs(start, end) == expected and expected


@pytest.mark.parametrize("path", [SEED_PDF, TABLE_PDF], ids=["text only", "ruled table"])
def test_path_count_is_the_page_objects(path: Path) -> None:
    for page in pdfium.PdfDocument(path):
        paths = sum(
            1 for obj in page.get_objects(max_depth=2) if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH
        )
        assert count_paths(page, 10_000) == paths
        assert count_paths(page, 4) == min(paths, 4)
    if path == TABLE_PDF:
        assert paths >= 4  # the fixture's table is drawn with rules
