"""OCR speed: pages a second of ``junheng run`` on scans against bare RapidOCR on the same images.

    python benchmarks/ocr_speed.py [--files 4] [--pages 3] [--repeat 3] [--work DIR]

The scans are the first ``--pages`` pages of the first ``--files`` seed PDFs in scanned form
(``benchmarks/ocr_scan.py``, 200 dpi), one image-only PDF each, within the OCR bounds of a file.
Each repetition times, on the same pages at ``Limits.ocr_dpi``:

* bare RapidOCR: the pages drawn by pypdfium2 beforehand, then only ``engine(image)`` timed, one
  process with RapidOCR's default threads (``intra_op_num_threads: -1``: ONNX Runtime's default,
  one a physical core); two processes of one thread each, the pages split between them (what
  two cores give at most); and two processes with the default threads each (oversubscribed);
* ``junheng run DIR --workers 1`` and ``--workers 2``, wall time of the whole command (start-up,
  reading, OCR, segmenting, extracting, writing), a fresh output folder each time.

The table gives pages a second (median, and min–max over the repetitions) and the two targets of
issue 18: junheng 1 worker ≥ 0.8× bare, and junheng 2 workers ≥ 1.7× junheng 1 worker.
With more than one worker the engine gives each worker's ONNX Runtime its share of the cores
(``JUNHENG_OCR_THREADS``, pipeline/batch/local.py); the run "2 workers × default threads" sets
the variable to -1 to show what the share buys (each worker a thread per core: two fight over
two cores).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent))
from junheng.ingest.limits import DEFAULT_LIMITS
from ocr_scan import SEEDS, image_pdf, scanned_page

BARE = """
import sys, time, numpy as np, pypdfium2 as pdfium, rapidocr
from pathlib import Path
root = Path(rapidocr.__file__).parent / "models"
params = {"Global.log_level": "error",
          "Det.model_path": str(root / "PP-OCRv6_det_small.onnx"),
          "Rec.model_path": str(root / "PP-OCRv6_rec_small.onnx"),
          "Cls.model_path": str(root / "ch_ppocr_mobile_v2.0_cls_mobile.onnx")}
threads = int(sys.argv[1])
if threads > 0:
    params["EngineConfig.onnxruntime.intra_op_num_threads"] = threads
engine = rapidocr.RapidOCR(params=params)
images = []
for arg in sys.argv[3:]:
    path, number = arg.rsplit(":", 1)
    pdf = pdfium.PdfDocument(path)
    bitmap = pdf[int(number)].render(scale=float(sys.argv[2]) / 72)
    images.append(np.ascontiguousarray(np.asarray(bitmap.to_pil().convert("RGB"))[..., ::-1]))
engine(images[0])  # warm up: the models load on first use
started = time.perf_counter()
for image in images:
    engine(image)
print(time.perf_counter() - started)
"""


def make_scans(work: Path, files: int, pages: int) -> list[Path]:
    """Image-only PDFs of the first ``pages`` pages of the first ``files`` seeds."""
    folder = work / "scans"
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    for seed in sorted(SEEDS.glob("*.pdf"))[:files]:
        target = folder / seed.name
        if not target.exists():
            pdf = pdfium.PdfDocument(seed)
            try:
                images = [scanned_page(pdf, k, 200) for k in range(min(pages, len(pdf)))]
            finally:
                pdf.close()
            target.write_bytes(image_pdf(images, 200))
        made.append(target)
    return made


def page_refs(scans: Sequence[Path]) -> list[str]:
    refs: list[str] = []
    for path in scans:
        count = len(pdfium.PdfDocument(path))
        refs.extend(f"{path}:{k}" for k in range(count))
    return refs


def bare(refs: Sequence[str], processes: int, threads: int, dpi: int) -> float:
    """Seconds bare RapidOCR takes over the pages, split among ``processes`` running at once
    (the longest one's recognition time)."""
    shares = [refs[k::processes] for k in range(processes)]
    command = [sys.executable, "-c", BARE, str(threads), str(dpi)]
    runs = [
        subprocess.Popen([*command, *share], stdout=subprocess.PIPE, text=True)
        for share in shares
    ]
    return max(float(run.communicate()[0].strip().splitlines()[-1]) for run in runs)


def junheng(folder: Path, workers: int, work: Path, threads: str | None) -> float:
    """Wall seconds of ``junheng run folder --workers N`` into a fresh folder."""
    out = Path(tempfile.mkdtemp(dir=work, prefix=f"out{workers}-"))
    env = dict(os.environ)
    if threads is not None:
        env["JUNHENG_OCR_THREADS"] = threads
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "junheng", "run", str(folder), "--out", str(out),
         "--workers", str(workers), "--no-draft", "--quiet"],
        check=False, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


def _rate(pages: int, seconds: Sequence[float]) -> str:
    rates = sorted(pages / s for s in seconds)
    return f"{statistics.median(rates):.3f} ({rates[0]:.3f}–{rates[-1]:.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="junheng-ocr-speed-"))
    scans = make_scans(work, args.files, args.pages)
    refs = page_refs(scans)
    dpi = DEFAULT_LIMITS.ocr_dpi
    times: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        for name, measure in (
            ("bare, 1 process", lambda: bare(refs, 1, -1, dpi)),
            ("bare, 2 processes × 1 thread", lambda: bare(refs, 2, 1, dpi)),
            ("bare, 2 processes × default threads", lambda: bare(refs, 2, -1, dpi)),
            ("junheng run, 1 worker", lambda: junheng(scans[0].parent, 1, work, None)),
            ("junheng run, 2 workers", lambda: junheng(scans[0].parent, 2, work, None)),
            ("junheng run, 2 workers × default threads",
             lambda: junheng(scans[0].parent, 2, work, "-1")),
        ):
            times.setdefault(name, []).append(measure())
            print(f"{name}: {times[name][-1]:.1f} s", file=sys.stderr)
    pages = len(refs)
    print(f"{len(scans)} files, {pages} pages at {dpi} dpi, {args.repeat} repetitions\n")
    print("| path | pages/s median (min–max) | seconds |\n| --- | --- | --- |")
    for name, seconds in times.items():
        print(f"| {name} | {_rate(pages, seconds)} | {', '.join(f'{s:.1f}' for s in seconds)} |")
    med = {name: statistics.median(seconds) for name, seconds in times.items()}
    one = med["bare, 1 process"] / med["junheng run, 1 worker"]
    two = med["junheng run, 1 worker"] / med["junheng run, 2 workers"]
    two_all = med["junheng run, 1 worker"] / med["junheng run, 2 workers × default threads"]
    for label, ratio, target in (
        ("1 worker / bare", one, 0.8),
        ("2 workers / 1", two, 1.7),
        ("2 workers × default threads / 1", two_all, 1.7),
    ):
        verdict = "met" if ratio >= target else "NOT met"
        print(f"junheng {label}: {ratio:.2f} (target ≥ {target}: {verdict})")


if __name__ == "__main__":
    main()
