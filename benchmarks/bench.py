"""The benchmark of issue 8, and the cost of LibreOffice conversion (issue 19), as a script.

    python benchmarks/bench.py [--sizes 100,1000] [--workers 1,2] [--work DIR]   # junheng bench
    python benchmarks/bench.py --conversion-only [--doc-files 10] [--work DIR]   # conversion rows

The first part is ``junheng bench`` (the code is :mod:`junheng.bench.measure`, so the installed
command has it too); run from the repository root so the seed corpus is found. The table in
README's "Speed" section is its output.

Then, when LibreOffice is on the machine, the per-file cost of the .doc/.wps path
(:mod:`junheng.ingest.office`: one ``soffice --convert-to docx`` process per file, in a profile
directory each worker keeps): the seed reports saved as .doc once (not timed) and ``--doc-files``
of them timed twice, end to end with one worker, as .doc and as the .docx they were made from; the
difference divided by the files is what conversion adds to a file. A third row converts the same
.doc files in this process alone (``office.convert``), the first with a new profile and the rest
with the kept one, so the cost of starting LibreOffice on a fresh profile shows too.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from junheng.bench.measure import Measure, measure_run, run_env, table
from junheng.cli import main
from junheng.ingest import office
from junheng.ingest.limits import Limits

SEEDS = Path("corpus/seeds")


def _doc_set(work: Path, count: int) -> tuple[Path, Path]:
    """``count`` seed reports as .doc (made by LibreOffice, not timed) and the .docx they come
    from, each in a folder of its own."""
    docs, docxs = work / "doc", work / "docx"
    for folder in (docs, docxs):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.docx"))
    if not seeds:
        raise SystemExit(f"no seed .docx in {SEEDS}: run from the repository root")
    made: dict[Path, bytes] = {}
    for n in range(count):
        seed = seeds[n % len(seeds)]
        if seed not in made:
            made[seed] = office.convert(seed.read_bytes(), ".docx", Limits(), target="doc")
        name = f"{n:03d}_{seed.stem}"
        (docs / f"{name}.doc").write_bytes(made[seed])
        shutil.copyfile(seed, docxs / f"{name}.docx")
    return docs, docxs


def _in_process(docs: Path) -> tuple[Measure, float, float]:
    """Every .doc converted in this process; the row, the first conversion's seconds and the
    mean of the others."""
    times = []
    for path in sorted(docs.glob("*.doc")):
        started = time.perf_counter()
        office.convert(path.read_bytes(), ".doc", Limits())
        times.append(time.perf_counter() - started)
    rest = times[1:] or times
    what = "LibreOffice .doc → .docx alone, in-process"
    row = Measure(what, len(times), 0, sum(times), 0, 0, None)
    return row, times[0], sum(rest) / len(rest)


def conversion(work: Path, count: int) -> str:
    """The conversion rows (markdown) and the per-file cost, or why there are none."""
    if office.soffice() is None:
        return f"- LibreOffice conversion: not measured ({office.missing_message('.doc')})\n"
    docs, docxs = _doc_set(work, count)
    env = run_env(work)
    # one untimed run first, so the timed ones find junheng compiled (as measure.bench does)
    measure_run("warm-up", docxs, work / "out", 1, env)
    as_doc = measure_run(".doc via LibreOffice, end to end", docs, work / "out", 1, env)
    as_docx = measure_run("the same reports as .docx, end to end", docxs, work / "out", 1, env)
    alone, first, warm = _in_process(docs)
    shutil.rmtree(work / "out", ignore_errors=True)
    per_file = (as_doc.seconds - as_docx.seconds) / count
    return (
        table([as_doc, as_docx, alone])
        + "\n\n"
        + f"- LibreOffice conversion adds {per_file:.2f} s per .doc file end to end, 1 worker "
        f"({as_doc.seconds:.1f} s for {count} .doc against {as_docx.seconds:.1f} s for the same "
        f"reports as .docx); in-process the first conversion took {first:.2f} s (a new profile) "
        f"and the others {warm:.2f} s each (the profile kept). LibreOffice is started once per "
        "file, not once per worker; each worker keeps its profile.\n"
    )


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversion-only", action="store_true", help="only the conversion rows")
    parser.add_argument("--doc-files", type=int, default=10, help=".doc files timed (default 10)")
    return parser.parse_known_args(argv)


def run(argv: list[str]) -> int:
    args, rest = parse(argv)
    status = 0
    if not args.conversion_only:
        status = main(["bench", *rest])
    work_arg = next((rest[n + 1] for n, a in enumerate(rest[:-1]) if a == "--work"), None)
    with tempfile.TemporaryDirectory(prefix="junheng-bench-office-") as scratch:
        work = Path(work_arg) / "conversion" if work_arg else Path(scratch)
        print(conversion(work, args.doc_files))
    return status


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
