"""``junheng eval GOLD_DIR OUT_DIR``: score the outputs against the hand-made gold.

Gold files are ``GOLD_DIR/*.json`` in the format of shared/CONTRACT.md. A gold file names a seed
(``000_x.txt``); every output file with the same stem (``000_x.txt``, ``000_x.docx``, ``000_x.pdf``)
is scored against it, so each rendering of a seed is measured on its own.

Segmentation: gold and system reports are aligned in order (by title where the counts differ);
a report is found when it is aligned, and each of title, unit, type and date is compared
(a unit also matches one of the gold's ``unit_aliases``).
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

FIELDS = ("title", "unit_name", "type", "date")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _squash(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", "", text)


def _align(gold: list[dict], system: list[dict]) -> list[tuple[int, int]]:
    """Pairs (gold index, system index) in order."""
    if len(gold) == len(system):
        return [(i, i) for i in range(len(gold))]
    matcher = difflib.SequenceMatcher(
        a=[_squash(g["title"]) for g in gold],
        b=[_squash(s["title"]) for s in system],
        autojunk=False,
    )
    pairs: list[tuple[int, int]] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal" or tag == "replace":
            pairs.extend(zip(range(a0, a1), range(b0, b1), strict=False))
    return pairs


def _field_matches(name: str, gold: dict, system: dict) -> bool:
    if name == "unit_name":
        accepted = {gold.get("unit_name"), *gold.get("unit_aliases", [])}
        return system.get("unit_name") in accepted
    return _squash(gold.get(name)) == _squash(system.get(name))


def score_segmentation(gold: list[dict], system: list[dict]) -> dict[str, Any]:
    pairs = _align(gold, system)
    right = dict.fromkeys(FIELDS, 0)
    mismatches: list[str] = []
    for g, s in pairs:
        for name in FIELDS:
            if _field_matches(name, gold[g], system[s]):
                right[name] += 1
            else:
                mismatches.append(
                    f"report {g}: {name} gold={gold[g].get(name)!r} system={system[s].get(name)!r}"
                )
    aligned = {g for g, _ in pairs}
    mismatches += [
        f"missed report {g}: {gold[g]['title']!r}" for g in range(len(gold)) if g not in aligned
    ]
    taken = {s for _, s in pairs}
    mismatches += [
        f"extra report {s}: {system[s]['title']!r}" for s in range(len(system)) if s not in taken
    ]
    return {
        "gold": len(gold),
        "system": len(system),
        "found": len(pairs),
        "count_exact": len(gold) == len(system),
        "correct": right,
        "mismatches": mismatches,
    }


def _prf(found: int, gold: int, system: int) -> dict[str, float]:
    precision = found / system if system else 1.0
    recall = found / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate(gold_dir: Path, out_dir: Path) -> dict[str, Any]:
    """Scores per output file and overall."""
    reports = _read_jsonl(out_dir / "reports.jsonl")
    by_file: dict[str, list[dict]] = {}
    for report in reports:
        by_file.setdefault(report["file"], []).append(report)
    manifest_path = out_dir / "manifest.json"
    processed = (
        [entry["file"] for entry in json.loads(manifest_path.read_text(encoding="utf-8"))["inputs"]]
        if manifest_path.exists()
        else list(by_file)
    )
    files: dict[str, Any] = {}
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        stem = Path(gold["file"]).stem
        for name in processed:
            if Path(name).stem != stem:
                continue
            system = sorted(by_file.get(name, []), key=lambda r: r["doc"])
            files[name] = {"segmentation": score_segmentation(gold.get("reports", []), system)}
    totals = {"gold": 0, "system": 0, "found": 0, **{f: 0 for f in FIELDS}}
    for result in files.values():
        seg = result["segmentation"]
        for key in ("gold", "system", "found"):
            totals[key] += seg[key]
        for name in FIELDS:
            totals[name] += seg["correct"][name]
    overall = {
        "files": len(files),
        "count_exact": sum(r["segmentation"]["count_exact"] for r in files.values()),
        "reports": _prf(totals["found"], totals["gold"], totals["system"]),
        "field_accuracy": {
            name: round(totals[name] / totals["gold"], 4) if totals["gold"] else 1.0
            for name in FIELDS
        },
    }
    return {"files": files, "overall": {"segmentation": overall}}


def render_scores(scores: dict[str, Any], verbose: bool = False) -> str:
    lines = ["segmentation (per file: reports gold/system, fields right of gold)"]
    for name, result in scores["files"].items():
        seg = result["segmentation"]
        right = " ".join(f"{f}={seg['correct'][f]}" for f in FIELDS)
        mark = "" if seg["count_exact"] else "  ← count differs"
        lines.append(f"  {name}: {seg['gold']}/{seg['system']}  {right}{mark}")
        if verbose or not seg["count_exact"]:
            lines.extend(f"      {m}" for m in seg["mismatches"])
    overall = scores["overall"]["segmentation"]
    reports = overall["reports"]
    lines.append(
        f"overall: {overall['count_exact']}/{overall['files']} files with the exact report count; "
        f"reports P={reports['precision']:.3f} R={reports['recall']:.3f} F1={reports['f1']:.3f}; "
        + ", ".join(f"{k} {v:.3f}" for k, v in overall["field_accuracy"].items())
    )
    return "\n".join(lines)
