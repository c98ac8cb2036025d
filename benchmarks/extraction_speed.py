"""Figure extraction speed: characters per second on one core, start-up and reading excluded.

    python benchmarks/extraction_speed.py [--repeat 5] [FILE ...]

Reads the files (default: the seed corpus), segments them once, warms the extractor up (the
catalogue and patterns are compiled on first use), then times
``junheng.extractors.figures.extract`` over all reports, best of --repeat runs, and prints
characters per second and figures found.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from junheng.extractors.figures import extract
from junheng.ingest import read_file
from junheng.segment import segment

CORPUS = Path(__file__).parent.parent / "corpus" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = args.files or sorted(CORPUS.glob("*.txt"))
    docs = [(doc, segment(doc)) for doc in map(read_file, files)]
    extract(*docs[0])
    chars = sum(len(doc.text) for doc, _ in docs)
    best, found = float("inf"), 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        found = sum(len(extract(doc, reports)) for doc, reports in docs)
        best = min(best, time.perf_counter() - started)
    print(f"{len(files)} files, {chars} characters, {found} figures")
    rate = chars / best
    print(f"extraction: {best * 1000:.1f} ms best of {args.repeat} → {rate:,.0f} characters/s")


if __name__ == "__main__":
    main()
