"""The seed corpus as a scanner would give it back: page images of the text PDFs, a little noise,
a 1–2° skew, a red seal over the signature, assembled into an image-only PDF.

    python benchmarks/ocr_scan.py OUT_DIR [--dpi 200] [SEED.pdf ...]

Used by ``benchmarks/ocr_seed_scan.py`` (F1 of the scanned form), ``benchmarks/ocr_dpi.py`` and
``benchmarks/ocr_speed.py``, and by the OCR tests (``tests/test_ingest_ocr_scan.py``). Every
random choice comes from a generator seeded by the page, so a scan is the same on every run.

The pages are drawn by pypdfium2 from the seeds' own PDFs (their fonts are embedded: no system CJK
font is needed). The seal is what :mod:`junheng.ingest.seal` has to take out: a red ring, a star
and a row of characters (cut from the same page, so they are real glyphs) multiplied over the
page's last line, where the date and the signature stand.
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
SEAL_RED = (214, 38, 44)
PAPER = 246
NOISE = 9.0
"""Standard deviation of the grey noise, in 0–255 levels."""
SKEW = (1.0, 2.0)
"""Degrees of skew, either way."""
JPEG_QUALITY = 80

Box = tuple[float, float, float, float]


def render(page: pdfium.PdfPage, dpi: float) -> Image.Image:
    """The page drawn at ``dpi`` as RGB."""
    bitmap = page.render(scale=dpi / 72)
    try:
        return bitmap.to_pil().convert("RGB")
    finally:
        bitmap.close()


def char_boxes(page: pdfium.PdfPage, dpi: float) -> list[tuple[str, Box]]:
    """Every printed character of the page with its box in pixels at ``dpi`` (y downwards)."""
    scale = dpi / 72
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        found: list[tuple[str, Box]] = []
        text = textpage.get_text_range()
        for index in range(textpage.count_chars()):
            char = text[index] if index < len(text) else ""
            if not char.strip():
                continue
            left, bottom, right, top = textpage.get_charbox(index)
            box = (left * scale, (height - top) * scale, right * scale, (height - bottom) * scale)
            found.append((char, box))
        return found
    finally:
        textpage.close()


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def glyph_strip(page: Image.Image, chars: Sequence[tuple[str, Box]], count: int) -> Image.Image:
    """``count`` Chinese characters of the page from its middle, cut out and set side by side
    (grey, ink dark): the seal's ring text, in a real CJK typeface."""
    cjk = [box for char, box in chars if _is_cjk(char)]
    picked = cjk[len(cjk) // 2 : len(cjk) // 2 + count]
    if not picked:
        return Image.new("L", (1, 1), 255)
    size = round(max(max(b[2] - b[0], b[3] - b[1]) for b in picked)) + 2
    strip = Image.new("L", (size * len(picked), size), 255)
    for k, (left, top, right, bottom) in enumerate(picked):
        glyph = page.convert("L").crop((int(left), int(top), int(right) + 1, int(bottom) + 1))
        strip.paste(glyph, (k * size, 0))
    return strip


def seal_over(page: Image.Image, line: Box, glyphs: Image.Image, dpi: float) -> Image.Image:
    """A red seal (ring, star, a row of characters) multiplied over the right end of ``line``:
    red over paper, black print under it stays black."""
    radius = 0.8 * dpi  # a 4 cm seal
    cx = min(line[2], page.width - radius - 10) - 0.3 * radius
    cy = (line[1] + line[3]) / 2
    ink = Image.new("RGB", page.size, "white")
    pen = ImageDraw.Draw(ink)
    ring = max(3, round(radius / 14))
    pen.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=SEAL_RED, width=ring)
    pen.regular_polygon((cx, cy, radius / 3.2), 5, fill=SEAL_RED)
    width = int(1.3 * radius)
    strip = glyphs.resize((width, max(1, round(glyphs.height * width / max(1, glyphs.width)))))
    mask = strip.point(lambda v: 255 if v < 140 else 0)
    red = Image.new("RGB", strip.size, SEAL_RED)
    ink.paste(red, (round(cx - width / 2), round(cy - 0.75 * radius)), mask)
    return ImageChops.multiply(page, ink)


def degrade(page: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Paper tone, grey noise and a 1–2° skew (either way) about the page's centre, the image
    keeping its size, as a scanner gives a page back."""
    pixels: npt.NDArray[np.float32] = np.asarray(page, dtype=np.float32) * (PAPER / 255)
    pixels += rng.normal(0.0, NOISE, size=pixels.shape[:2])[..., None].astype(np.float32)
    noisy = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    angle = float(rng.uniform(*SKEW)) * (1 if rng.random() < 0.5 else -1)
    fill = (PAPER, PAPER, PAPER)
    return noisy.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=fill)


def scanned_page(pdf: pdfium.PdfDocument, index: int, dpi: float, seal: bool = True) -> Image.Image:
    """Page ``index`` (0-based) as a scanner would give it back; the seal on the last page."""
    page = pdf[index]
    try:
        image = render(page, dpi)
        if seal and index == len(pdf) - 1:
            chars = char_boxes(page, dpi)
            if chars:
                image = seal_over(image, last_line(chars), glyph_strip(image, chars, 6), dpi)
    finally:
        page.close()
    return degrade(image, np.random.default_rng([index, len(pdf)]))  # one skew at every dpi


def scanned_pages(pdf_path: Path, dpi: float = 200, seal: bool = True) -> list[Image.Image]:
    """The PDF's pages as a scanner would give them back (:func:`scanned_page`)."""
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        return [scanned_page(pdf, index, dpi, seal) for index in range(len(pdf))]
    finally:
        pdf.close()


def last_line(chars: Sequence[tuple[str, Box]]) -> Box:
    """The box of the page's lowest line of Chinese text (the date, the signature; not the
    page number under it)."""
    lowest = max((c for c in chars if _is_cjk(c[0])), key=lambda c: c[1][3], default=chars[-1])[1]
    row = [b for _, b in chars if b[1] < lowest[3] and b[3] > lowest[1]]
    return (min(b[0] for b in row), min(b[1] for b in row),
            max(b[2] for b in row), max(b[3] for b in row))  # fmt: skip


def image_pdf(pages: Sequence[Image.Image], dpi: float) -> bytes:
    """The images as an image-only PDF (JPEG pages, no text layer), each page sized at ``dpi``."""
    out = io.BytesIO()
    first, *rest = pages
    first.save(out, "PDF", resolution=dpi, save_all=True, append_images=rest,
               quality=JPEG_QUALITY)  # fmt: skip
    return out.getvalue()


def scan_seeds(out_dir: Path, dpi: float = 200, seeds: Sequence[Path] = ()) -> list[Path]:
    """Write the scanned form of each seed PDF to ``out_dir`` under the seed's own name (so
    ``junheng eval`` scores it against the seed's gold); the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for pdf_path in seeds or sorted(SEEDS.glob("*.pdf")):
        target = out_dir / pdf_path.name
        target.write_bytes(image_pdf(scanned_pages(pdf_path, dpi), dpi))
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("seeds", nargs="*", type=Path)
    parser.add_argument("--dpi", type=float, default=200)
    args = parser.parse_args()
    for path in scan_seeds(args.out, args.dpi, args.seeds):
        print(f"{path}  {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
