"""The recogniser: RapidOCR (``pip install 'junheng[ocr]'``) on one page image, offline.

The ``rapidocr`` wheel ships its detection, direction-classification and recognition models
(PP-OCRv6 small det/rec, PP-OCR mobile cls, ONNX); they are passed to it by path, so its download
code is never reached (a run with the network cut reads a scan as well). The engine is made once
per worker process and kept. Red ink is taken out first (:mod:`junheng.ingest.seal`).

Without the extra, :func:`recognise` raises :class:`InputError` with :data:`MISSING`: a scan then
fails with a reason that says what to install, and nothing else of junheng needs it.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from junheng.core.errors import InputError
from junheng.ingest.seal import suppress_red

MISSING = "这是扫描件或图片，识别文字需要 OCR 组件：请先安装 pip install 'junheng[ocr]'"

MODELS = {
    "Det": "PP-OCRv6_det_small.onnx",
    "Rec": "PP-OCRv6_rec_small.onnx",
    "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}
"""The models the rapidocr wheel ships, by the stage that uses them."""

MIN_SCORE = 0.5
"""Lines the recogniser is less sure of than this are dropped (RapidOCR's own default): below
it, a line is nearly always a smudge, a seal's remains or a photo's edge read as characters."""


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One recognised text line: its text, the recogniser's confidence and its box in pixels
    (``left``/``right``, ``top``/``bottom`` with y downwards); ``slope`` is how far its top edge
    falls per pixel to the right (a skewed scan: about 0.03 at 2°), which
    :mod:`junheng.ingest.ocr_level` uses to level the page."""

    text: str
    score: float
    left: float
    top: float
    right: float
    bottom: float
    slope: float = 0.0

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)


def available() -> bool:
    """Whether the OCR extra is installed (rapidocr and onnxruntime importable)."""
    return all(importlib.util.find_spec(name) for name in ("rapidocr", "onnxruntime"))


THREADS_VARIABLE = "JUNHENG_OCR_THREADS"
"""ONNX Runtime's threads per process; the batch engines set it to each worker's share."""


def _threads() -> int:
    """ONNX Runtime threads per worker: ``JUNHENG_OCR_THREADS``, else -1 (RapidOCR then leaves
    ONNX Runtime's default, a thread per physical core, for each of its three sessions).

    With several workers on one machine each should take its share of the cores: two processes
    of the default threads on 2 cores ran 12 scanned pages at 0.25 pages/s, two of one thread
    each at 0.33, one process of the default at 0.27 (benchmarks/ocr_speed.py, median of 3). The
    batch engine is the one that knows the worker count, so it sets the variable."""
    try:
        return int(os.environ.get(THREADS_VARIABLE, "-1"))
    except ValueError:
        return -1


@lru_cache(maxsize=1)
def _engine() -> Any:
    if not available():
        raise InputError(MISSING)
    import rapidocr

    root = Path(rapidocr.__file__).parent / "models"
    params: dict[str, Any] = {
        "Global.log_level": "error",
        "Global.text_score": MIN_SCORE,
        "EngineConfig.onnxruntime.intra_op_num_threads": _threads(),
    }
    for stage, name in MODELS.items():
        path = root / name
        if not path.is_file():
            raise InputError(f"OCR 模型文件缺失（{name}），请重新安装 pip install 'junheng[ocr]'")
        params[f"{stage}.model_path"] = str(path)
    return rapidocr.RapidOCR(params=params)


MAX_SIDE = 2000
"""Images are scaled down to this longest side before recognition (the detector works at this
size anyway): a 12 MP phone photo then costs the memory of a 150 dpi A4 page."""


def _fit(rgb: npt.NDArray[np.uint8]) -> tuple[npt.NDArray[np.uint8], float]:
    """The image scaled to :data:`MAX_SIDE` at most, and the factor back to its pixels."""
    height, width = rgb.shape[:2]
    if max(height, width) <= MAX_SIDE:
        return rgb, 1.0
    from PIL import Image

    factor = MAX_SIDE / max(height, width)
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    small = Image.fromarray(rgb).resize(size, Image.Resampling.LANCZOS)
    return np.asarray(small, dtype=np.uint8), 1 / factor


def recognise(rgb: npt.NDArray[np.uint8]) -> list[OcrLine]:
    """The text lines of one page image (H×W×3, RGB), red ink suppressed, in the recogniser's
    order (top to bottom, roughly); :mod:`junheng.ingest.reading_order` puts them in order.
    Boxes are in the given image's pixels. ONNX Runtime's ``bad_alloc`` (the worker's memory
    limit) is raised as MemoryError, so the batch reports it as such."""
    engine = _engine()
    fitted, back = _fit(rgb)
    clean = suppress_red(fitted)
    try:
        result = engine(np.ascontiguousarray(clean[..., ::-1]))  # the engine takes BGR
    except Exception as exc:
        if "bad_alloc" in str(exc):
            raise MemoryError(str(exc)) from None
        raise
    if result.boxes is None or result.txts is None:
        return []
    lines: list[OcrLine] = []
    for box, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
        text = str(text).strip()
        if not text:
            continue
        xs, ys = box[:, 0] * back, box[:, 1] * back
        lines.append(
            OcrLine(text, float(score), float(xs.min()), float(ys.min()),
                    float(xs.max()), float(ys.max()), _slope(box))
        )  # fmt: skip
    return lines


def _slope(box: npt.NDArray[np.floating[Any]]) -> float:
    """dy/dx of a detected quadrilateral's top edge (its points: top left, top right, bottom
    right, bottom left)."""
    (x0, y0), (x1, y1) = box[0], box[1]
    return float((y1 - y0) / (x1 - x0)) if x1 - x0 > 1 else 0.0
