"""Scanned tables: OCR pieces that stand in a grid become table-cell blocks; a skewed scan is
levelled first, so the cells of one row are one row.

The fast tests build the recogniser's output by hand (boxes as RapidOCR gives them); the slow one
reads a real page: tests/data/pdf/table.pdf (the PDF reader's ruled-table fixture) drawn by
pypdfium2 and degraded as a scan, 1–2° askew (benchmarks/ocr_scan.py), against table.json.
"""

from __future__ import annotations

import importlib.util
import json
import math
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest
from junheng.core.codec import figure_row
from junheng.core.model import BlockKind, FileResult
from junheng.ingest import ocr
from junheng.ingest.ocr import OcrLine
from junheng.ingest.ocr_blocks import ScannedPage, scanned_blocks
from junheng.ingest.ocr_level import levelled
from junheng.ingest.ocr_tables import find_grids
from junheng.ingest.reading_order import same_row
from junheng.runner import InputFile, process_file

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "tests" / "data" / "pdf"
H = 40.0  # a line's height in pixels


def _piece(text: str, left: float, top: float, width: float, slope: float = 0.0) -> OcrLine:
    """A piece as the detector boxes it on a page turned by ``slope``: the axis-aligned box of
    the turned rectangle."""
    drop = slope * width
    return OcrLine(text, 0.99, left, top + min(0.0, drop), left + width,
                   top + H + max(0.0, drop), slope)  # fmt: skip


def _grid_page(slope: float = 0.0) -> list[OcrLine]:
    """指标 | 2023年 | 2024年 over three rows; the second row's label wraps onto a second line;
    a paragraph above and below. The page rises by ``slope`` per pixel to the right."""

    def at(text: str, x: float, y: float, width: float) -> OcrLine:
        return _piece(text, x, y + slope * x, width, slope)

    return [
        at("全县主要办学指标对比情况如下：", 100, 100, 900),
        at("指标", 100, 200, 90), at("2023年", 600, 200, 120), at("2024年", 1080, 200, 120),
        at("生均教学及辅助用房", 100, 260, 400), at("5.2", 600, 262, 60),
        at("5.8", 1080, 262, 60), at("面积(平方米)", 100, 302, 250),
        at("生均体育运动场馆面积", 100, 380, 420), at("6.1", 600, 380, 60),
        at("7.3", 1080, 380, 60),
        at("以上指标均达到省定标准，详见附件说明材料。", 100, 520, 1000),
    ]  # fmt: skip


def _cells(lines: list[OcrLine]) -> dict[tuple[int, int], str]:
    page = ScannedPage(1, lines, 1240.0, 1754.0, 72 / 150)
    return {(b.row or 0, b.col or 0): b.text for b in scanned_blocks([page])
            if b.kind is BlockKind.TABLE_CELL}  # fmt: skip


@pytest.mark.parametrize("degrees", [0.0, 1.5, -2.0])
def test_ocr_tables_grid_becomes_cells_with_row_and_column(degrees: float) -> None:
    cells = _cells(_grid_page(math.tan(math.radians(degrees))))
    assert cells == {
        (0, 0): "指标", (0, 1): "2023年", (0, 2): "2024年",
        (1, 0): "生均教学及辅助用房面积(平方米)", (1, 1): "5.2", (1, 2): "5.8",
        (2, 0): "生均体育运动场馆面积", (2, 1): "6.1", (2, 2): "7.3",
    }  # fmt: skip


def test_ocr_tables_paragraphs_around_a_table_stay_paragraphs() -> None:
    page = ScannedPage(1, _grid_page(), 1240.0, 1754.0, 72 / 150)
    blocks = list(scanned_blocks([page]))
    kinds = [b.kind for b in blocks]
    assert kinds[0] is BlockKind.PARAGRAPH and kinds[-1] is BlockKind.PARAGRAPH
    assert blocks[0].text.startswith("全县") and blocks[-1].text.startswith("以上指标")
    assert all(k is BlockKind.TABLE_CELL for k in kinds[1:-1])
    cell = blocks[1]
    assert cell.table == 0 and cell.confidence == pytest.approx(0.99) and cell.box is not None
    assert [b.paragraph for b in blocks if b.kind is BlockKind.PARAGRAPH] == [0, 1]


def test_ocr_tables_two_columns_of_prose_are_not_a_table() -> None:
    left = [_piece(f"左栏第{k}行的正文文字", 80, 100 + 50 * k, 520) for k in range(6)]
    right = [_piece(f"右栏第{k}行的正文文字", 660, 100 + 50 * k, 520) for k in range(6)]
    assert find_grids(levelled(left + right), 1240.0) == []


def test_ocr_tables_prose_with_a_split_line_is_not_a_table() -> None:
    prose = [_piece(f"第{k}行正文，写到页边为止。", 100, 100 + 50 * k, 1000) for k in range(5)]
    split = [_piece("第五行在中间", 100, 350, 300), _piece("断开了。", 700, 350, 200)]
    assert find_grids(levelled([*prose, *split]), 1240.0) == []


def test_ocr_level_takes_the_skew_out_of_rows() -> None:
    slope = math.tan(math.radians(2.0))
    a = _piece("生均体育运动场馆面积", 100, 400, 420, slope)
    b = _piece("7.3", 1100, 400 + slope * 1000, 60, slope)
    lead = _piece("以上指标均达到省定标准，详见附件说明材料。", 100, 500, 1000, slope)
    assert not same_row(a, b)
    la, lb, _ = levelled([a, b, lead])
    assert same_row(la, lb)


def _load_scan_helpers() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ocr_scan", ROOT / "benchmarks" / "ocr_scan.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not ocr.available(), reason="OCR extra not installed")
@pytest.mark.slow
def test_ocr_tables_scanned_ruled_table_reads_as_its_cells(tmp_path: Path) -> None:
    import numpy as np
    import pypdfium2 as pdfium

    scan = _load_scan_helpers()
    pdf = pdfium.PdfDocument(TABLE / "table.pdf")
    try:
        image = scan.render(pdf[0], 150)
    finally:
        pdf.close()
    page = scan.degrade(image, np.random.default_rng(7))  # noise, 1–2° skew
    path = tmp_path / "table.pdf"
    path.write_bytes(scan.image_pdf([page], 150))
    result = process_file(InputFile(path, path.name))
    doc = result.document
    assert doc is not None
    cells = [b for b in doc.blocks if b.kind is BlockKind.TABLE_CELL]
    assert doc.ocr_pages == (1,) and cells
    want = json.loads((TABLE / "table.json").read_text(encoding="utf-8"))
    got: list[list[str]] = [[""] * len(want[0]) for _ in want]
    for cell in cells:
        assert cell.table == 0 and cell.confidence is not None and cell.box is not None
        got[cell.row or 0][cell.col or 0] = cell.text

    def norm(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split())

    assert [[norm(c) for c in row] for row in got] == [[norm(c) for c in row] for row in want]
    paragraphs = [b.text for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
    assert any("对比情况如下" in t for t in paragraphs)
    assert any("以上指标均达到省定标准" in t for t in paragraphs)
    # the cells read as the text PDF's do: each value with its row's indicator, its column's year
    text_pdf = process_file(InputFile(TABLE / "table.pdf", "table.pdf"))
    assert _figures(result) == _figures(text_pdf) and len(_figures(text_pdf)) == 4


def _figures(result: FileResult) -> set[tuple[str, float, int | None]]:
    return {(r["indicator"], r["value"], r.get("year")) for r in map(figure_row, result.figures)}


def test_ocr_tables_of_a_mixed_pdf_are_numbered_in_page_order() -> None:
    from junheng.core.model import Block
    from junheng.ingest.pdf_ocr import _merged

    def cell(page: int, table: int) -> Block:
        return Block(BlockKind.TABLE_CELL, "5.2", page=page, table=table, row=0, col=0)

    text = [Block(BlockKind.PARAGRAPH, "正文", page=1), cell(1, 0), cell(3, 1)]
    scanned = [cell(2, 0), cell(2, 0), Block(BlockKind.PARAGRAPH, "扫描页正文", page=2)]
    merged = _merged(text, scanned)
    assert [(b.page, b.table) for b in merged if b.table is not None] == [
        (1, 0), (2, 1), (2, 1), (3, 2)
    ]  # fmt: skip
    assert [b.paragraph for b in merged if b.kind is BlockKind.PARAGRAPH] == [0, 1]


@pytest.mark.parametrize("degrees", [-2.0, 2.0])
def test_ocr_level_keeps_a_short_last_line_in_its_paragraph(degrees: float) -> None:
    """At 100 dpi a line is about 30 px high and a 2° skew makes a full line's box 38 px taller:
    unlevelled, a paragraph's short last line shares a row with the next paragraph's first."""
    slope = math.tan(math.radians(degrees))
    height, pitch = 30.0, 42.0

    def line(text: str, y: float, width: float, left: float = 80.0) -> OcrLine:
        drop = slope * width
        y += slope * (left - 620)  # turned about the page's middle
        return OcrLine(text, 0.99, left, y + min(0.0, drop), left + width,
                       y + height + max(0.0, drop), slope)  # fmt: skip

    first = "为保证就近入学政策的执行，我们每年均对全市学校招生区域进行调整划分并向社会公"
    second = "同时于06年取消了小学阶段借读费，08年取消了初中阶段借读费，督促各学校严格执"
    lines = [
        line(first, 300, 1080),
        line("布。", 300 + pitch, 60),
        line(second, 300 + 2 * pitch, 1080, 140),
        line("行划片招生、就近入学的政策。", 300 + 3 * pitch, 420),
    ]
    page = ScannedPage(1, lines, 1240.0, 1754.0, 72 / 100)
    texts = [b.text for b in scanned_blocks([page])]
    assert len(texts) == 2 and texts[0].endswith("社会公布。") and texts[1].startswith("同时于")
