"""``junheng eval corpus/gold OUT``: the seed gold (corpus/gold/*.json, shared/CONTRACT.md).

A gold file names a seed (``000_x.txt``); every output file with the same stem (``000_x.txt``,
``000_x.docx``, ``000_x.pdf``) is scored against it, so each rendering of a seed is measured on
its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from junheng.evaluate.figures import MODES, score_figures
from junheng.evaluate.gold import seed_gold
from junheng.evaluate.inconsistencies import score_inconsistencies
from junheng.evaluate.items import combine as combine_items
from junheng.evaluate.items import score_items
from junheng.evaluate.metrics import prf
from junheng.evaluate.outputs import load_run
from junheng.evaluate.segmentation import FIELDS, score_segmentation


def evaluate_seeds(gold_dir: Path, out_dir: Path) -> dict[str, Any]:
    """Scores per output file and overall."""
    run = load_run(out_dir)
    files: dict[str, Any] = {}
    for gold in seed_gold(gold_dir):
        stem = Path(gold["file"]).stem
        for name in run.processed:
            if Path(name).stem != stem:
                continue
            system = sorted(run.reports.get(name, []), key=lambda r: r["doc"])
            seg = score_segmentation(gold.get("reports", []), system)
            files[name] = {"segmentation": seg}
            if gold.get("figures"):
                files[name]["figures"] = score_figures(
                    gold, run.figures.get(name, []), seg["doc_map"]
                )
            if gold.get("item_records"):
                files[name]["items"] = score_items(gold, run.items.get(name, []))
            if "inconsistencies" in gold and gold.get("figure_docs"):
                files[name]["inconsistencies"] = score_inconsistencies(
                    gold, run.findings.get(name, []), seg["doc_map"]
                )
    totals = {"gold": 0, "system": 0, "found": 0, **{f: 0 for f in FIELDS}}
    for scored in files.values():
        seg = scored["segmentation"]
        for key in ("gold", "system", "found"):
            totals[key] += seg[key]
        for name in FIELDS:
            totals[name] += seg["correct"][name]
    overall = {
        "files": len(files),
        "count_exact": sum(r["segmentation"]["count_exact"] for r in files.values()),
        "reports": prf(totals["found"], totals["gold"], totals["system"]),
        "field_accuracy": {
            name: round(totals[name] / totals["gold"], 4) if totals["gold"] else 1.0
            for name in FIELDS
        },
    }
    result: dict[str, Any] = {"files": files, "overall": {"segmentation": overall}}
    item_files = [r["items"] for r in files.values() if "items" in r]
    if item_files:
        result["overall"]["items"] = combine_items(item_files)
    found = [r["inconsistencies"] for r in files.values() if "inconsistencies" in r]
    if found:
        result["overall"]["inconsistencies"] = {
            "gold": sum(f["gold"] for f in found),
            "found": sum(f["found"] for f in found),
            "unconfirmed": sum(len(f["unconfirmed"]) for f in found),
        }
    figure_files = [r["figures"] for r in files.values() if "figures" in r]
    if figure_files:
        result["overall"]["figures"] = {
            mode: prf(*(sum(f[mode][k] for f in figure_files) for k in ("found", "gold", "system")))
            for mode in MODES
        }
    return result
