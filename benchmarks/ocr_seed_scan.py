"""Figures from the scanned form of the seed corpus against its text form, by ``junheng eval``.

    python benchmarks/ocr_seed_scan.py [--work DIR] [--scan-dpi 200] [--ocr-dpi N] [--workers 2]

1. The seed PDFs are turned into image-only PDFs as a scanner gives them back
   (``benchmarks/ocr_scan.py``: noise, 1–2° skew, a red seal over the last page's last lines),
   under their own names in WORK/scan, so ``junheng eval`` scores each against its seed's gold
   (it pairs an output file with a gold file by the file's stem).
2. ``junheng run`` reads the seeds (WORK/out_text) and the scans (WORK/out_scan).
3. ``junheng eval corpus/gold`` scores both; the table gives the figures' F1 per file and form,
   and the target: scan F1 ≥ 0.95 × text F1.

``junheng run`` has no option for the OCR bounds (``Limits.max_ocr_pages`` = 12 pages,
``max_ocr_seconds`` = 75 s a file) and most seeds are longer, so the scan run is made here, in
this process, with those bounds lifted (and ``--timeout`` raised); everything else is the command
as a user runs it. ``JUNHENG_OCR_THREADS`` is set to 1 when more than one worker runs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ocr_scan import SEEDS, scan_seeds

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "gold"
FORMS = (".txt", ".pdf")


def unbounded_ocr(ocr_dpi: int | None) -> None:
    """Lift the OCR bounds of every file this process (and the workers it forks) reads."""
    from junheng import runner
    from junheng.ingest.limits import DEFAULT_LIMITS

    limits = replace(DEFAULT_LIMITS, max_ocr_pages=100_000, max_ocr_seconds=math.inf)
    if ocr_dpi:
        limits = replace(limits, ocr_dpi=ocr_dpi)
    defaults = runner.process_file.__defaults__ or ()
    runner.process_file.__defaults__ = (limits, *defaults[1:])


def run_scans(scan_dir: Path, out: Path, workers: int, ocr_dpi: int | None) -> float:
    """``junheng run`` over the scans with the OCR bounds lifted; the seconds it took."""
    from junheng.cli import main

    unbounded_ocr(ocr_dpi)
    if workers > 1:
        os.environ.setdefault("JUNHENG_OCR_THREADS", "1")
    started = time.perf_counter()
    args = ["run", str(scan_dir), "--out", str(out), "--workers", str(workers)]
    code = main([*args, "--timeout", "36000", "--no-draft", "--quiet"])
    if code not in (0, 1):
        raise SystemExit(f"junheng run failed ({code})")
    return time.perf_counter() - started


def junheng(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "junheng", *args], check=False)


def scores(out: Path) -> dict[str, Any]:
    target = out / "scores.json"
    junheng("eval", str(GOLD), str(out), "--json", str(target))
    data: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return data


Counts = dict[str, dict[str, list[int]]]
"""found, gold, system by form and mode."""


def _f1(found: int, gold: int, system: int) -> float:
    p = found / system if system else 1.0
    r = found / gold if gold else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _cell(figures: dict[str, Any] | None, form: str, totals: Counts) -> str:
    if figures is None:
        return "–"
    pair = []
    for mode in ("loose", "strict"):
        counts = [int(figures[mode][k]) for k in ("found", "gold", "system")]
        acc = totals.setdefault(form, {}).setdefault(mode, [0, 0, 0])
        acc[:] = [a + c for a, c in zip(acc, counts, strict=True)]
        pair.append(f"{_f1(*counts):.3f}")
    return " / ".join(pair)


def table(text: dict[str, Any], scan: dict[str, Any]) -> tuple[str, Counts]:
    """Markdown: F1 (loose / strict) of each seed in each form and over all seeds; the counts."""
    forms = (*FORMS, "scan")
    rows = ["| seed | " + " | ".join(f"{f} F1 loose / strict" for f in forms) + " |",
            "| --- |" + " --- |" * len(forms)]  # fmt: skip
    totals: Counts = {}
    text_files = {Path(name).name: scored for name, scored in text["files"].items()}
    scan_files = {Path(name).name: scored for name, scored in scan["files"].items()}
    for stem in sorted({Path(name).stem for name in text_files}):
        cells = [_cell(text_files.get(stem + f, {}).get("figures"), f, totals) for f in FORMS]
        cells.append(_cell(scan_files.get(stem + ".pdf", {}).get("figures"), "scan", totals))
        rows.append(f"| {stem} | " + " | ".join(cells) + " |")
    overall = [
        " / ".join(f"{_f1(*totals.get(f, {}).get(m, [0, 0, 0])):.3f}" for m in ("loose", "strict"))
        for f in forms
    ]
    rows.append("| **all** | " + " | ".join(overall) + " |")
    return "\n".join(rows), totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--scan-dpi", type=float, default=200)
    parser.add_argument("--ocr-dpi", type=int, default=None, help="default: Limits.ocr_dpi")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="keep WORK/scan if it is there")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="junheng-ocr-scan-"))
    scan_dir = work / "scan"
    if not (args.reuse and scan_dir.is_dir()):
        scan_seeds(scan_dir, args.scan_dpi)
    text_out, scan_out = work / "out_text", work / "out_scan"
    for out in (text_out, scan_out):  # a fresh store: results of older code are not reused
        shutil.rmtree(out, ignore_errors=True)
    seeds = [str(p) for f in FORMS for p in sorted(SEEDS.glob(f"*{f}"))]
    junheng("run", *seeds, "--out", str(text_out), "--no-draft", "--quiet")
    seconds = run_scans(scan_dir, scan_out, args.workers, args.ocr_dpi)
    text, scan = scores(text_out), scores(scan_out)
    markdown, totals = table(text, scan)
    print(markdown)
    print(f"\nscan run: {seconds:.0f} s, {args.workers} workers; outputs under {work}")
    for mode in ("loose", "strict"):
        pdf, scanned = (_f1(*totals.get(f, {}).get(mode, [0, 0, 0])) for f in (".pdf", "scan"))
        ratio = scanned / pdf if pdf else 0.0
        verdict = "met" if ratio >= 0.95 else "NOT met"
        print(f"{mode}: scan F1 {scanned:.3f} / text-PDF F1 {pdf:.3f} = {ratio:.3f} "
              f"(target ≥ 0.95: {verdict})")  # fmt: skip


if __name__ == "__main__":
    main()
