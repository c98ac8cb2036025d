"""The benchmark of issue 8, as a script: ``python benchmarks/bench.py [--sizes 100,1000] …``.

The same as ``junheng bench`` (the code is :mod:`junheng.bench.measure`, so the installed command
has it too); run from the repository root so the seed corpus is found. The table in README's
"Speed" section is this script's output.
"""

from __future__ import annotations

import sys

from junheng.cli import main

if __name__ == "__main__":
    sys.exit(main(["bench", *sys.argv[1:]]))
