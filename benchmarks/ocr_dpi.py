"""Character error rate and time of junheng's OCR at each resolution, over every seed PDF page.

    python benchmarks/ocr_dpi.py [--dpi 100,150,200,300] [--jsonl FILE] [SEED.pdf ...]

Each page of the seed PDFs is drawn at the resolution, degraded as a scan
(``benchmarks/ocr_scan.py``: paper tone, noise, 1–2° skew, the seal on a file's last page) and
read by :func:`junheng.ingest.ocr.recognise` (red ink taken out, then RapidOCR); the lines are
levelled and put in reading order as :mod:`junheng.ingest.ocr_blocks` does; a page has the same
skew at every resolution. The error rate is the edit distance between that and the page's own
text layer, both NFKC-normalised with white space removed, over the text layer's length. A
page's row goes to --jsonl as soon as it is measured; the table gives, per resolution, the pages,
the CER over all characters, its median and worst page, and the seconds a page (median, spread).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent))
from junheng.ingest.ocr import recognise
from junheng.ingest.ocr_level import levelled
from junheng.ingest.reading_order import reading_order
from ocr_scan import SEEDS, scanned_page


def squeeze(text: str) -> str:
    """NFKC, white space removed: what the error rate compares."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions all cost 1)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def page_image(pdf: pdfium.PdfDocument, index: int, dpi: int) -> tuple[np.ndarray, str]:
    """Page ``index`` drawn at ``dpi`` and degraded as a scan; and its text layer."""
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()
    return np.asarray(scanned_page(pdf, index, dpi), dtype=np.uint8), text


def measure(path: Path, index: int, dpi: int) -> dict[str, Any]:
    pdf = pdfium.PdfDocument(path)
    try:
        rgb, truth = page_image(pdf, index, dpi)
    finally:
        pdf.close()
    started = time.perf_counter()
    lines = recognise(rgb)
    seconds = time.perf_counter() - started
    width = float(rgb.shape[1])
    ordered = reading_order(levelled(lines, width / 2), width)  # as junheng.ingest.ocr_blocks
    read = "".join(item.line.text for item in ordered)
    ref, hyp = squeeze(truth), squeeze(read)
    return {"file": path.name, "page": index + 1, "dpi": dpi, "chars": len(ref),
            "errors": edit_distance(ref, hyp), "seconds": round(seconds, 3)}  # fmt: skip


def summary(rows: Sequence[dict[str, Any]], resolutions: Sequence[int]) -> str:
    out = ["| dpi | pages | characters | CER (all) | CER median page | worst page | s/page median "
           "(min–max) |", "| --- | --- | --- | --- | --- | --- | --- |"]  # fmt: skip
    for dpi in resolutions:
        mine = [r for r in rows if r["dpi"] == dpi and r["chars"]]
        if not mine:
            continue
        chars, errors = sum(r["chars"] for r in mine), sum(r["errors"] for r in mine)
        rates = [r["errors"] / r["chars"] for r in mine]
        times = [r["seconds"] for r in mine]
        out.append(
            f"| {dpi} | {len(mine)} | {chars} | {errors / chars:.4f} | "
            f"{statistics.median(rates):.4f} | {max(rates):.3f} | "
            f"{statistics.median(times):.2f} ({min(times):.2f}–{max(times):.2f}) |"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="*", type=Path)
    parser.add_argument("--dpi", default="100,150,200,300")
    parser.add_argument("--jsonl", type=Path, default=None)
    args = parser.parse_args()
    resolutions = [int(d) for d in args.dpi.split(",")]
    files = args.seeds or sorted(SEEDS.glob("*.pdf"))
    rows: list[dict[str, Any]] = []
    if args.jsonl and args.jsonl.exists():
        rows = [json.loads(line) for line in args.jsonl.read_text("utf-8").splitlines()]
    done = {(r["file"], r["page"], r["dpi"]) for r in rows}
    recognise(np.full((64, 64, 3), 255, dtype=np.uint8))  # load the models before timing
    for path in files:
        pages = len(pdfium.PdfDocument(path))
        for index in range(pages):
            for dpi in resolutions:
                if (path.name, index + 1, dpi) in done:
                    continue
                row = measure(path, index, dpi)
                rows.append(row)
                if args.jsonl:
                    with args.jsonl.open("a", encoding="utf-8") as sink:
                        sink.write(json.dumps(row) + "\n")
    print(summary(rows, resolutions))


if __name__ == "__main__":
    main()
