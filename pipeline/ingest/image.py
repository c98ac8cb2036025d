"""Photographed or scanned pages as images (.jpg/.jpeg, .png, .tif/.tiff): read by OCR.

Pillow opens the image (a multi-page TIFF is a page per frame); its size is checked against
``Limits.max_image_pixels`` before any pixel is decoded (a decompression bomb), a photo is turned
upright by its EXIF orientation, and every mode (bilevel, grey, palette, CMYK, 16-bit, with alpha)
becomes RGB on white. The pages then go through OCR within its bounds
(:mod:`junheng.ingest.ocr_pages`) into blocks with page, box (in pixels) and confidence.
"""

from __future__ import annotations

import dataclasses
import io

import numpy as np
from junheng.core.document import build_document, cap_blocks
from junheng.core.errors import InputError
from junheng.core.model import Document
from junheng.ingest import ocr
from junheng.ingest.limits import Limits
from junheng.ingest.ocr_blocks import scanned_blocks
from junheng.ingest.ocr_pages import PageImage, recognise_pages
from PIL import Image, ImageOps, UnidentifiedImageError


def _open(data: bytes, limits: Limits) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        raise InputError("图片已损坏或格式无法识别，无法读取") from None
    width, height = image.size
    if width * height > limits.max_image_pixels:
        cap = limits.max_image_pixels // 1_000_000
        raise InputError(f"图片过大（{width}×{height} 像素，上限 {cap} 百万像素）")
    return image


def _rgb(image: Image.Image) -> np.ndarray:
    """The current frame as RGB pixels, upright, transparency on white."""
    frame = ImageOps.exif_transpose(image) or image
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        frame = frame.convert("RGBA")
        paper = Image.new("RGBA", frame.size, (255, 255, 255, 255))
        frame = Image.alpha_composite(paper, frame)
    elif frame.mode.startswith("I;16") or frame.mode in ("I", "F"):
        frame = ImageOps.autocontrast(frame.convert("L"))
    return np.asarray(frame.convert("RGB"), dtype=np.uint8)


def read(data: bytes, source: str, limits: Limits) -> Document:
    """Read an image's text by OCR: one page per image, or per frame of a multi-page TIFF.

    Raises :class:`InputError` for a damaged or over-large image, and when the OCR extra is not
    installed (the reason says what to install).
    """
    if not ocr.available():
        raise InputError(f"图片文件需要识别文字。{ocr.MISSING}")
    image = _open(data, limits)
    frames = max(1, int(getattr(image, "n_frames", 1)))

    def render(number: int) -> PageImage:
        try:
            image.seek(number - 1)
            return _rgb(image), 1.0
        except (OSError, ValueError, EOFError):
            raise InputError(f"图片第 {number} 页已损坏，无法读取") from None

    warnings: list[str] = []
    pages, notes = recognise_pages(range(1, frames + 1), render, limits)
    warnings.extend(notes)
    blocks, cut = cap_blocks(scanned_blocks(pages), limits.max_text_chars)
    warnings.extend(cut)
    if not blocks:
        raise InputError("图片中未识别出文字（可能不是文字页面，或过于模糊）")
    document = build_document(source, "image", blocks, pages=frames, warnings=warnings)
    return dataclasses.replace(document, ocr_pages=tuple(page.number for page in pages))
