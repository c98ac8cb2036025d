"""Helpers of the review tests: a run's OUT over one seed report, made once and copied."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from junheng.api import Options, run

SEED = Path(__file__).resolve().parent.parent / "corpus" / "seeds" / "003_1231b9b084b91a9d.txt"
"""A seed whose 第7篇 says 生均教学及辅助用房小学3。74 (below the 4.5 of the standard)."""


def run_into(inputs: Path, out: Path) -> Path:
    """``junheng run INPUTS --out OUT`` with its drafts, in this process."""
    list(run([inputs], Options(out=out, workers=1, draft_progress=lambda *_: None)))
    return out


@cache
def _made(root: Path) -> Path:
    inputs = root / "in"
    inputs.mkdir(parents=True)
    shutil.copyfile(SEED, inputs / SEED.name)
    return run_into(inputs, root / "OUT")


def seed_out(root: Path, target: Path) -> tuple[Path, Path]:
    """A fresh copy of the seed batch (its inputs folder and its OUT, store inside) at
    ``target``; the batch itself is run once under ``root``."""
    made = _made(root)
    shutil.copytree(made.parent / "in", target / "in")
    shutil.copytree(made, target / "OUT")
    return target / "in", target / "OUT"


def docx_text(path: Path) -> str:
    from junheng.review.changes import docx_lines

    return "\n".join(docx_lines(path))
