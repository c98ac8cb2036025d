"""``junheng bench``: files/s, pages/s, characters/s and peak memory of ``junheng run``, with the
floor (bare pypdfium2 text extraction over the same PDFs) measured in the same run.

Each measured run is a fresh ``junheng run`` subprocess over synthetic inputs
(:func:`junheng.bench.synth.corpus_mix`) with an empty store, so nothing is served from a cache;
its time is wall-clock from start to exit (interpreter start included). The runs read junheng's
modules from a bytecode cache under the work folder, filled by one untimed run first, as an
installed package has them (an editable install in an environment with
``PYTHONDONTWRITEBYTECODE`` set would otherwise compile every module anew in every run).

The mixed sets are timed twice for each worker count: with ``--no-draft`` (reading, checking and
the jsonl files: the rows as before) and as the default command, drafting included (report.docx,
ledger.xlsx, figures.csv and review.html too: the row says "drafting included"), so the table
shows what drafting adds (issue 16's target: at most ×1.3).

Peak memory is the largest sum of the resident set sizes of the run's whole process tree (the
parent and its workers), sampled every 50 ms from /proc. Pages are PDF pages; characters are the
lengths of the documents' texts, as documents.jsonl gives them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from junheng.bench.synth import corpus_mix


@dataclass(frozen=True, slots=True)
class Measure:
    """One measured run."""

    what: str
    files: int
    workers: int
    seconds: float
    pages: int
    chars: int
    peak_mb: float | None

    def row(self) -> str:
        peak = f"{self.peak_mb:.0f}" if self.peak_mb is not None else "–"
        return (
            f"| {self.what} | {self.files} | {self.workers or '–'} | {self.seconds:.1f} "
            f"| {self.files / self.seconds:.1f} | {self.pages / self.seconds:.0f} "
            f"| {self.chars / self.seconds:,.0f} | {peak} |"
        )


def _kids(pid: int) -> list[int]:
    """The children of ``pid``, from /proc/PID/task/*/children (cheap: no scan of all of /proc)."""
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                kids.extend(int(child) for child in children.read().split())
    except OSError:
        pass
    return kids


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, now."""
    total, stack, page = 0, [root], os.sysconf("SC_PAGE_SIZE")
    while stack:
        pid = stack.pop()
        stack.extend(_kids(pid))
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
                total += int(statm.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
    return total


def _run_measured(argv: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    """Run ``argv``; its wall time and the peak RSS of its process tree in MiB."""
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, _tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    if os.path.isdir("/proc"):
        sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} failed: {err.decode(errors='replace')[-2000:]}")
    return seconds, (peak / 2**20 if peak else None)


def _totals(out: Path) -> tuple[int, int]:
    """PDF pages and text characters in a run's documents.jsonl."""
    pages = chars = 0
    with (out / "documents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            pages += row.get("pages") or 0
            chars += len(row.get("text") or "")
    return pages, chars


def run_env(work: Path) -> dict[str, str]:
    """The environment of the measured runs: bytecode cached under ``work`` (see the module)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


MIX = "mix .txt/.docx/.pdf"
DRAFTING = ", drafting included (default command)"


def _argv(inputs: Path, out: Path, workers: int, draft: bool = False) -> list[str]:
    return [
        *(sys.executable, "-m", "junheng.cli", "run", str(inputs), "--out", str(out)),
        *(() if draft else ("--no-draft",)),
        *("--workers", str(workers), "--quiet"),
    ]


def fill_bytecode_cache(inputs: Path, work: Path) -> None:
    """One untimed run over a file of each form, so the timed runs find junheng compiled."""
    sample = work / "warm-up"
    shutil.rmtree(sample, ignore_errors=True)
    sample.mkdir(parents=True)
    for suffix in (".txt", ".docx", ".pdf"):
        first = next(iter(sorted(inputs.glob(f"*{suffix}"))), None)
        if first is not None:
            os.link(first, sample / first.name)
    _run_measured(_argv(sample, work / "warm-up-out", 1), run_env(work))
    shutil.rmtree(sample, ignore_errors=True)
    shutil.rmtree(work / "warm-up-out", ignore_errors=True)


def measure_run(
    what: str, inputs: Path, out: Path, workers: int, env: dict[str, str], draft: bool = False
) -> Measure:
    """One timed ``junheng run`` (``--no-draft`` unless ``draft``: then the default command)."""
    shutil.rmtree(out, ignore_errors=True)
    seconds, peak = _run_measured(_argv(inputs, out, workers, draft), env)
    files = sum(1 for _ in inputs.iterdir())
    pages, chars = _totals(out)
    return Measure(what, files, workers, seconds, pages, chars, peak)


def measure_floor(pdfs: list[Path]) -> Measure:
    """Bare pypdfium2: open each PDF and pull the text of every page, nothing else."""
    import pypdfium2 as pdfium

    pages = chars = 0
    started = time.perf_counter()
    for path in pdfs:
        document = pdfium.PdfDocument(path)
        for page in document:
            text = page.get_textpage().get_text_range()
            pages += 1
            chars += len(text)
        document.close()
    seconds = time.perf_counter() - started
    return Measure("pypdfium2 alone (floor)", len(pdfs), 0, seconds, pages, chars, None)


def measure_stages(pdfs: list[Path]) -> list[Measure]:
    """In this process, one file at a time: the PDF reader alone, then the whole per-file task.

    Not end to end, and warm (after one untimed pass): these split the end-to-end time into what
    reading the PDF costs and what the later stages (segmentation, extraction, validation) add.
    """
    from junheng.core.model import FileResult
    from junheng.ingest import read_file
    from junheng.runner import InputFile, process_file

    for path in pdfs:  # imports, lazy dictionaries and the page cache: paid once, not timed
        process_file(InputFile(path, path.name))
    measures = []
    for what, run in (
        ("junheng PDF reader alone", lambda p: read_file(p, p.name)),
        ("junheng per-file task, in-process", lambda p: process_file(InputFile(p, p.name))),
    ):
        pages = chars = 0
        started = time.perf_counter()
        for path in pdfs:
            found = run(path)
            document = found.document if isinstance(found, FileResult) else found
            assert document is not None  # the set's PDFs are all read
            pages += document.pages or 0
            chars += len(document.text)
        seconds = time.perf_counter() - started
        measures.append(Measure(what, len(pdfs), 0, seconds, pages, chars, None))
    return measures


def _pdf_set(source: Path, target: Path) -> list[Path]:
    """The PDFs of a synthetic set, linked into a folder of their own."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    pdfs = []
    for path in sorted(source.glob("*.pdf")):
        os.link(path, target / path.name)
        pdfs.append(target / path.name)
    return pdfs


def bench(
    seeds: Path, work: Path, sizes: tuple[int, ...] = (100, 1000), workers: tuple[int, ...] = (1, 2)
) -> list[Measure]:
    """Every measurement, in table order: mixed sets by size and workers, then PDFs vs the floor."""
    results = []
    env = run_env(work)
    for size in sizes:
        inputs = work / f"mix{size}"
        shutil.rmtree(inputs, ignore_errors=True)
        corpus_mix(seeds, inputs, size)
        fill_bytecode_cache(inputs, work)
        for count in workers:
            results.append(measure_run(MIX, inputs, work / "out", count, env))
            results.append(measure_run(MIX + DRAFTING, inputs, work / "out", count, env, True))
        pdfs = _pdf_set(inputs, work / f"pdf{size}")
        if not pdfs:  # a set too small to reach the .pdf copies
            continue
        pdf_dir = pdfs[0].parent
        results.append(measure_run("text PDFs, end to end", pdf_dir, work / "out", 1, env))
        results.append(measure_floor(pdfs))
        results.extend(measure_stages(pdfs))
    shutil.rmtree(work / "out", ignore_errors=True)
    return results


def table(results: list[Measure]) -> str:
    head = (
        "| run | files | workers | seconds | files/s | pages/s | chars/s | peak RSS (MiB) |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    return "\n".join([head, *(m.row() for m in results)])


def checks(results: list[Measure]) -> list[str]:
    """The issue's targets, each as a line saying the measured value and whether it is met."""
    lines = []
    mixed = [m for m in results if m.what == MIX]
    by = {(m.files, m.workers): m for m in mixed}
    drafted = {(m.files, m.workers): m for m in results if m.what == MIX + DRAFTING}
    for size in sorted({m.files for m in mixed}):
        for label, rows in (("", by), (", drafting included", drafted)):
            one, two = rows.get((size, 1)), rows.get((size, 2))
            if one and two:
                speedup = one.seconds / two.seconds
                lines.append(f"{size} files{label}, 2 workers vs 1: ×{speedup:.2f} (target ≥ 1.7)")
    for key, with_draft in sorted(drafted.items()):
        without = by.get(key)
        if without is not None:
            lines.append(
                f"{key[0]} files, {key[1]} worker(s): drafting included ×"
                f"{with_draft.seconds / without.seconds:.2f} the --no-draft time (target ≤ 1.3)"
            )
    floors = {m.files: m for m in results if m.what.startswith("pypdfium2")}
    for run in results:
        floor = floors.get(run.files)
        if floor is None or run is floor or run.what.startswith("mix"):
            continue
        lines.append(
            f"{run.files} PDFs, {run.what} vs pypdfium2 alone: {floor.seconds / run.seconds:.2f}"
            f" of its rate ({run.seconds / floor.seconds:.1f}× its time; target ≥ 0.25 end to end)"
        )
    sizes = sorted({m.files for m in mixed})
    if len(sizes) >= 2:
        for count in sorted({m.workers for m in mixed}):
            small, large = by.get((sizes[0], count)), by.get((sizes[-1], count))
            if small and large and small.peak_mb and large.peak_mb:
                lines.append(
                    f"peak memory, {sizes[-1]} vs {sizes[0]} files, {count} worker(s): "
                    f"×{large.peak_mb / small.peak_mb:.2f} (target ≤ 1.2)"
                )
    return lines


def main(seeds: Path, work: Path, sizes: tuple[int, ...], workers: tuple[int, ...]) -> str:
    """Run the benchmark; the markdown table and the checks against the targets."""
    results = bench(seeds, work, sizes, workers)
    (work / "bench.json").write_text(
        json.dumps([asdict(m) for m in results], ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return table(results) + "\n\n" + "\n".join(f"- {line}" for line in checks(results)) + "\n"
