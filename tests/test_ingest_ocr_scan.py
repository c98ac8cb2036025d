"""Seed pages as a scanner gives them back, read by OCR: the figures of the text PDF come back,
and a red seal over the print is neither read nor hides what is under it.

The pages are the seed PDFs' own (corpus/seeds, fonts embedded), drawn by pypdfium2 and degraded
by benchmarks/ocr_scan.py (paper tone, noise, 1–2° skew, the seal): no system CJK font is needed.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path
from types import ModuleType

import numpy as np
import pypdfium2 as pdfium
import pytest
from junheng.core.codec import figure_row
from junheng.core.model import Status
from junheng.ingest import ocr, read_file
from junheng.runner import InputFile, process_file
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "seeds" / "000_23018ebd59d83b14.pdf"
FIGURES_PAGE = 16  # 0-based: 入学率达 100%, 99.74%, 辍学率 0.26% …

pytestmark = [
    pytest.mark.skipif(not ocr.available(), reason="OCR extra not installed"),
    pytest.mark.slow,
]


def _scan_helpers() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ocr_scan", ROOT / "benchmarks" / "ocr_scan.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scan = _scan_helpers()


def _one_page(pdf_path: Path, index: int, target: Path) -> None:
    """Page ``index`` of the PDF alone, as a text PDF."""
    single = pdfium.PdfDocument.new()
    single.import_pages(pdfium.PdfDocument(pdf_path), [index])
    single.save(target)


def _figures(path: Path) -> tuple[Status, set[tuple[str, float]]]:
    result = process_file(InputFile(path, path.name))
    return result.status, {(r["indicator"], r["value"]) for r in map(figure_row, result.figures)}


def test_ocr_scan_seed_page_gives_the_text_pdfs_figures(tmp_path: Path) -> None:
    text_pdf = tmp_path / "page.pdf"
    _one_page(SEED, FIGURES_PAGE, text_pdf)
    pdf = pdfium.PdfDocument(SEED)
    try:
        image = scan.scanned_page(pdf, FIGURES_PAGE, 200)
    finally:
        pdf.close()
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(scan.image_pdf([image], 200))
    doc = read_file(scanned)
    assert doc.ocr_pages == (1,) and all(b.confidence for b in doc.blocks)
    assert "99.74%" in doc.raw_text.replace(" ", "")
    _, want = _figures(text_pdf)
    status, got = _figures(scanned)
    assert status is Status.OK
    assert ("enrollment_rate", 99.74) in want and ("dropout_rate", 0.26) in want
    assert want <= got


def _squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_ocr_scan_seal_over_a_seed_line_is_not_read() -> None:
    pdf = pdfium.PdfDocument(SEED)
    try:
        page = pdf[FIGURES_PAGE]
        image = scan.render(page, 150)
        chars = scan.char_boxes(page, 150)
    finally:
        pdf.close()
    start = "".join(c for c, _ in chars).index("这样一来")  # a full body line
    ref = chars[start][1]
    line = [(c, b) for c, b in chars if b[1] < ref[3] and b[3] > ref[1]]
    top, bottom = int(min(b[1] for _, b in line)) - 4, int(max(b[3] for _, b in line)) + 4
    canvas = Image.new("RGB", (image.width, 320), "white")
    canvas.paste(image.crop((0, top, image.width, bottom)), (0, 140))
    printed = _squeeze("".join(c for c, _ in line))
    # the seal's characters: Chinese characters of the page that the line does not hold
    others = [(c, b) for c, b in chars if scan._is_cjk(c) and c not in printed]
    seal_text = {c for c, _ in others[len(others) // 2 : len(others) // 2 + 5]}
    glyphs = scan.glyph_strip(image, others, 5)
    box = (0.0, 140.0, canvas.width * 0.8, 140.0 + bottom - top)
    sealed = np.asarray(scan.seal_over(canvas, box, glyphs, 150))
    assert ((sealed[..., 0].astype(int) - sealed[..., 1]) > 60).mean() > 0.01  # a seal is there
    read = _squeeze("".join(ln.text for ln in ocr.recognise(sealed)))
    assert _edit_ratio(printed, read) < 0.05
    assert not seal_text & set(read)


def _edit_ratio(a: str, b: str) -> float:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] / max(1, len(a))
