"""``junheng eval GOLD_DIR OUT_DIR``: score a run's outputs against the hand-made gold.

Two kinds of gold, told apart by the folder:

* the seed gold, ``corpus/gold/*.json`` (shared/CONTRACT.md): texts quoted, one gold file per
  seed scored against each of its renderings (:mod:`junheng.evaluate.seed`);
* the development-corpus gold, ``corpus/gold/dev/dNNN.json``: offsets into
  ../shared/devcorpus/docs, scored overall, on the held-out 15 and on the other 35
  (:mod:`junheng.evaluate.dev`).

One module per job: :mod:`.gold` and :mod:`.outputs` read, :mod:`.offsets` maps the system's
offsets into the gold's text, :mod:`.segmentation`, :mod:`.figures`, :mod:`.items` and
:mod:`.inconsistencies` score, :mod:`.metrics` counts, :mod:`.render` writes the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from junheng.evaluate.gold import is_dev_dir
from junheng.evaluate.render import render_dev_scores, render_seed_scores

__all__ = ["evaluate", "render_scores"]


def evaluate(gold_dir: Path, out_dir: Path, texts_dir: Path | None = None) -> dict[str, Any]:
    """Scores of the run in ``out_dir`` against the gold in ``gold_dir``; ``texts_dir`` (dev
    gold only) is where the pages are, by default ../shared/devcorpus/docs from the repository
    root."""
    if is_dev_dir(gold_dir):
        from junheng.evaluate.dev import evaluate_dev

        return evaluate_dev(gold_dir, out_dir, texts_dir)
    from junheng.evaluate.seed import evaluate_seeds

    return evaluate_seeds(gold_dir, out_dir)


def render_scores(scores: dict[str, Any], verbose: bool = False, heldout: bool = False) -> str:
    """The scores as text (``verbose``: every miss and false positive too; on the dev gold the
    held-out pages' only with ``heldout``)."""
    if scores.get("gold") == "dev":
        return render_dev_scores(scores, verbose, heldout)
    return render_seed_scores(scores, verbose)
