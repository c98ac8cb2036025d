"""Scanned reports: PDFs without a text layer, mixed PDFs and page images, read by OCR.

The pages are drawn here with Pillow in a CJK font (fonts-noto-cjk) from a seed report's text,
so nothing binary is committed. Skipped, with the reason, when the OCR extra or a CJK font is
missing; the tests that need no recogniser (reading order, seal filter, confidence flag) always
run.
"""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from junheng.core.codec import figure_row
from junheng.core.document import build_document
from junheng.core.errors import InputError
from junheng.core.ground import ground_figure
from junheng.core.model import Block, BlockKind, Figure, FigureKind, Span, Status
from junheng.ingest import ocr, read_file
from junheng.ingest.limits import Limits
from junheng.ingest.reading_order import reading_order
from junheng.ingest.seal import suppress_red
from junheng.runner import InputFile, process_file
from junheng.validate.ocr import low_confidence
from PIL import Image, ImageChops, ImageDraw, ImageFont

TITLE = "义马义务教育均衡发展工作汇报"
BODY = (  # corpus/seeds/000_23018ebd59d83b14.txt, lines 523–525
    "教体局和各学校均有专人负责管理学籍,档案资料齐全,全市6—17岁的儿童均建立了文化户口册,"
    "确保了学龄儿童全部入学。",
    "2008—2009学年,小学阶段适龄儿童入学率达100%,年辍学率为0;初中适龄人口入学率达99.74%,"
    "在校生年辍学率为0.26%;三类残疾儿童入学率为100%。",
)
needs_ocr = pytest.mark.skipif(
    not ocr.available(), reason="OCR extra not installed: pip install 'junheng[ocr]'"
)


def _cjk_font() -> str | None:
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
    sans = [f for f in files if "Sans" in f and "Regular" in f]
    return (sans or files or [None])[0]


FONT = _cjk_font()
needs_font = pytest.mark.skipif(FONT is None, reason="no CJK font found (fc-list :lang=zh)")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines, line = [], ""
    for ch in text:
        if font.getlength(line + ch) > width:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


def draw_page(paragraphs: tuple[str, ...], size: tuple[int, int] = (1000, 560)) -> Image.Image:
    """A page image: the title centred, then the paragraphs, 28 px type (12 pt at 170 dpi)."""
    assert FONT is not None
    font = ImageFont.truetype(FONT, 28)
    image = Image.new("RGB", size, "white")
    pen = ImageDraw.Draw(image)
    pen.text(((size[0] - font.getlength(TITLE)) / 2, 40), TITLE, font=font, fill="black")
    y = 110
    for paragraph in paragraphs:
        for line in _wrap(paragraph, font, size[0] - 160):
            pen.text((80, y), line, font=font, fill="black")
            y += 46
    return image


def pdf_of(*images: Image.Image) -> bytes:
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=150, save_all=True, append_images=list(images[1:]))
    return out.getvalue()


def _figures(path: Path) -> tuple[Status, list[dict]]:
    result = process_file(InputFile(path, path.name))
    return result.status, [figure_row(f) for f in result.figures]


# --- no recogniser needed -----------------------------------------------------------------------


class _Box:
    def __init__(self, name: str, left: float, top: float, right: float, bottom: float) -> None:
        self.name, self.left, self.top, self.right, self.bottom = name, left, top, right, bottom


def test_ocr_reading_order_two_columns_and_full_width_title() -> None:
    title = _Box("title", 100, 10, 900, 40)
    left = [_Box(f"L{i}", 50, 60 + 40 * i, 450, 90 + 40 * i) for i in range(4)]
    right = [_Box(f"R{i}", 550, 61 + 40 * i, 950, 91 + 40 * i) for i in range(4)]
    foot = _Box("foot", 50, 400, 950, 430)
    shuffled = [right[0], left[0], title, *right[1:], foot, *left[1:]]
    order = [box.name for box in reading_order(shuffled, 1000)]
    assert order == ["title", "L0", "L1", "L2", "L3", "R0", "R1", "R2", "R3", "foot"]


def test_ocr_seal_filter_whitens_red_and_keeps_black_under_it() -> None:
    page = np.full((4, 4, 3), 255, dtype=np.uint8)
    page[0, 0] = (220, 30, 40)  # seal ink on paper
    page[1, 1] = (20, 20, 20)  # black print
    page[2, 2] = (20, 2, 3)  # black print under the seal (ink multiplies)
    page[3, 3] = (30, 40, 200)  # blue ink stays
    clean = suppress_red(page)
    assert clean[0, 0].tolist() == [255, 255, 255]
    assert clean[1, 1].tolist() == [20, 20, 20]
    assert clean[2, 2].max() < 60
    assert clean[3, 3].tolist() == [30, 40, 200]


def test_ocr_low_confidence_figure_is_marked_and_flagged() -> None:
    text = "小学适龄儿童入学率达99.5%。"
    block = Block(BlockKind.PARAGRAPH, text, page=1, confidence=0.62, scores=((0, 0.62),))
    doc = build_document("scan.pdf", "pdf", [block], pages=1)
    start = doc.text.index("99.5")
    figure = Figure(0, "enrollment_rate", 99.5, "%", "小学", None, FigureKind.ACTUAL, None,
                    Span(start, start + 5), Span(0, len(doc.text)))  # fmt: skip
    grounded = ground_figure(doc, "scan.pdf", figure)
    assert grounded.ocr_confidence == pytest.approx(0.62)
    row = figure_row(grounded)
    assert row["ocr"] is True and row["ocr_confidence"] == pytest.approx(0.62)
    issues = low_confidence([grounded])
    assert [i.rule for i in issues] == ["ocr_low_confidence"]
    assert str(issues[0].severity) == "warning" and "99.5" in issues[0].message
    assert low_confidence([replace(grounded, ocr_confidence=0.98)]) == []
    text_doc = build_document("a.txt", "txt", [Block(BlockKind.PARAGRAPH, text)])
    assert "ocr" not in figure_row(ground_figure(text_doc, "a.txt", figure))


def test_ocr_text_pdf_never_goes_through_ocr(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(_: object) -> None:
        raise AssertionError("a text PDF went through OCR")

    monkeypatch.setattr(ocr, "recognise", refuse)
    doc = read_file(seeds / "004_d57a8ee4a005a90d.pdf")
    assert doc.ocr_pages == () and all(b.confidence is None for b in doc.blocks)


@needs_font
def test_ocr_without_the_extra_fails_with_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_of(draw_page(BODY[:1])))
    photo = tmp_path / "photo.png"
    draw_page(BODY[:1]).save(photo)
    for path in (scan, photo):
        with pytest.raises(InputError, match=r"pip install 'junheng\[ocr\]'"):
            read_file(path)


# --- with the recogniser ------------------------------------------------------------------------


@needs_ocr
@needs_font
@pytest.mark.slow
def test_ocr_scanned_pdf_reads_to_figures_marked_ocr(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_of(draw_page(BODY)))
    doc = read_file(scan)
    assert doc.ocr_pages == (1,) and doc.format == "pdf"
    assert all(b.page == 1 and b.box and b.confidence for b in doc.blocks)
    assert "99.74%" in doc.raw_text and "三类残疾儿童入学率为100%" in doc.raw_text
    status, rows = _figures(scan)
    assert status is Status.OK
    found = {(r["indicator"], r["value"]) for r in rows}
    assert ("enrollment_rate", 99.74) in found and ("dropout_rate", 0.26) in found
    assert all(r["ocr"] is True and 0.5 < r["ocr_confidence"] <= 1 for r in rows)


@needs_ocr
@needs_font
@pytest.mark.slow
def test_ocr_image_input(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    draw_page(BODY[1:]).rotate(1.0, fillcolor="white", expand=False).save(photo, quality=85)
    doc = read_file(photo)
    assert doc.format == "image" and doc.ocr_pages == (1,)
    assert "在校生年辍学率为0.26%" in doc.raw_text.replace(" ", "")
    box = doc.blocks[0].box
    assert box is not None and 0 <= box[0] < box[2] <= 1000 and 0 <= box[1] < box[3] <= 560


@needs_ocr
@needs_font
@pytest.mark.slow
def test_ocr_red_seal_is_not_read_and_does_not_swallow_text() -> None:
    black = "三类残疾儿童入学率为100%"
    assert FONT is not None
    font = ImageFont.truetype(FONT, 40)
    page = Image.new("RGB", (760, 300), "white")
    ImageDraw.Draw(page).text((60, 120), black, font=font, fill="black")
    seal = Image.new("RGB", page.size, "white")
    pen = ImageDraw.Draw(seal)
    pen.ellipse((330, 30, 570, 270), outline=(220, 30, 40), width=8)
    pen.text((370, 80), "教育体育局", font=ImageFont.truetype(FONT, 32), fill=(220, 30, 40))
    pen.regular_polygon((450, 165, 40), 5, fill=(220, 30, 40))
    sealed = np.asarray(ImageChops.multiply(page, seal))  # ink over ink: black stays black
    read = "".join(line.text for line in ocr.recognise(sealed)).replace(" ", "")
    assert black in read
    assert not set("教育体局") & set(read)


@needs_ocr
@needs_font
@pytest.mark.slow
def test_ocr_page_cap_makes_the_file_partial(tmp_path: Path) -> None:
    pages = [draw_page((f"第{k}页。",), size=(600, 200)) for k in "一二三"]
    scan = tmp_path / "long.pdf"
    scan.write_bytes(pdf_of(*pages))
    result = process_file(InputFile(scan, scan.name), Limits(max_ocr_pages=1))
    assert result.status is Status.PARTIAL
    assert "上限 1 页" in (result.error or "") and "第 2、3 页未识别" in (result.error or "")
    assert result.document is not None and result.document.ocr_pages == (1,)


@needs_ocr
@needs_font
@pytest.mark.slow
def test_ocr_mixed_pdf_text_page_and_scanned_page(seeds: Path, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(seeds / "004_d57a8ee4a005a90d.pdf"), [0])
    mixed.import_pages(pdfium.PdfDocument(pdf_of(draw_page(BODY[1:]))), [0])
    path = tmp_path / "mixed.pdf"
    mixed.save(path)
    doc = read_file(path)
    assert doc.ocr_pages == (2,)
    text_blocks = [b for b in doc.blocks if b.page == 1]
    scanned = [b for b in doc.blocks if b.page == 2]
    assert text_blocks and all(b.confidence is None for b in text_blocks)
    assert scanned and all(b.confidence is not None for b in scanned)
    assert "99.74%" in "".join(b.text for b in scanned)
    assert [b.paragraph for b in doc.blocks] == list(range(len(doc.blocks)))
