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

from junheng.core.normalize import to_simplified
from junheng.extractors.catalogue import load_catalogue
from junheng.extractors.score_items import combine as combine_items
from junheng.extractors.score_items import prf as _prf
from junheng.extractors.score_items import render as render_items
from junheng.extractors.score_items import score_items
from junheng.validate.rules import ARITHMETIC_RULES

FIELDS = ("title", "unit_name", "type", "date")
# The catalogue ids of shared/CONTRACT.md (the catalogue's others are marked extra): scored.
_SCORED = frozenset(ind.id for ind in load_catalogue().indicators if not ind.extra)


def _by_file(path: Path) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in _read_jsonl(path):
        grouped.setdefault(row["file"], []).append(row)
    return grouped


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _squash(text: str | None) -> str | None:
    """Compared without whitespace and in one script (a Traditional copy keeps its own script)."""
    return None if text is None else to_simplified(re.sub(r"\s+", "", text))


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
        accepted = {_squash(u) for u in (gold.get("unit_name"), *gold.get("unit_aliases", []))}
        return _squash(system.get("unit_name")) in accepted
    return _squash(gold.get(name)) == _squash(system.get(name))


def score_segmentation(gold: list[dict], system: list[dict]) -> dict[str, Any]:
    pairs = _align(gold, system)
    doc_map = {g: system[s]["doc"] for g, s in pairs}
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
        "doc_map": doc_map,
    }


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-3 * max(abs(a), abs(b)) or abs(a - b) < 1e-9


def _figure_matches(gold: dict, system: dict, strict: bool) -> bool:
    if gold["indicator"] != system["indicator"] or not _same_value(gold["value"], system["value"]):
        return False
    if not strict:
        return True
    return all(
        gold.get(key) is None or gold.get(key) == system.get(key) for key in ("level", "year")
    )


def _describe(figure: dict) -> str:
    scope = "/".join(str(figure[k]) for k in ("level", "year") if figure.get(k) is not None)
    scope = f" ({scope})" if scope else ""
    return f"{figure['indicator']}={figure['value']:g}{scope}: {figure.get('text', '')[:40]}"


def score_figures(gold: dict, system: list[dict], doc_map: dict[int, int]) -> dict[str, Any]:
    """P/R/F1 of the actual figures of the annotated reports, loose and strict.

    Gold figures of report g are compared with the system's of the report aligned to g; each gold
    figure takes at most one system figure (same indicator, value within 1e-3; strict also needs
    the gold's level and year where the gold gives them).
    """
    docs = {doc_map[g] for g in gold.get("figure_docs", []) if g in doc_map}
    candidates = [f for f in system if f["doc"] in docs and f.get("kind", "actual") == "actual"]
    result: dict[str, Any] = {}
    for mode in ("loose", "strict"):
        taken: set[int] = set()
        missed: list[str] = []
        for figure in gold.get("figures", []):
            if figure.get("extra"):
                continue
            want = doc_map.get(figure["doc"])
            match = next(
                (
                    i
                    for i, s in enumerate(candidates)
                    if i not in taken
                    and s["doc"] == want
                    and _figure_matches(figure, s, mode == "strict")
                ),
                None,
            )
            if match is None:
                missed.append(_describe(figure))
            else:
                taken.add(match)
        scored = [i for i, s in enumerate(candidates) if s["indicator"] in _SCORED]
        extra = [_describe(candidates[i]) for i in scored if i not in taken]
        gold_count = sum(1 for f in gold.get("figures", []) if not f.get("extra"))
        result[mode] = {
            **_prf(len(taken), gold_count, len(scored)),
            "gold": gold_count,
            "system": len(scored),
            "found": len(taken),
            "missed": missed,
            "extra": extra,
        }
    return result


def score_inconsistencies(
    gold: dict, findings: list[dict], doc_map: dict[int, int]
) -> dict[str, Any]:
    """Gold inconsistencies found (some finding's values hold one of the gold's values), and
    arithmetic findings of the annotated reports that match none (false alarms to check)."""
    docs = {doc_map[g] for g in gold.get("figure_docs", []) if g in doc_map}
    arithmetic = [f for f in findings if f.get("rule") in ARITHMETIC_RULES and f.get("doc") in docs]
    wanted = gold.get("inconsistencies", [])

    def hits(inconsistency: dict, finding: dict) -> bool:
        values = finding.get("values", [])
        return any(_same_value(v, w) for v in values for w in inconsistency["values"])

    found = [g for g in wanted if any(hits(g, f) for f in arithmetic)]
    alarms = [f for f in arithmetic if not any(hits(g, f) for g in wanted)]
    return {
        "gold": len(wanted),
        "found": len(found),
        "missed": [g.get("note", "") for g in wanted if g not in found],
        "unconfirmed": [f.get("message", "") for f in alarms],
    }


def evaluate(gold_dir: Path, out_dir: Path) -> dict[str, Any]:
    """Scores per output file and overall."""
    reports = _read_jsonl(out_dir / "reports.jsonl")
    by_file: dict[str, list[dict]] = {}
    for report in reports:
        by_file.setdefault(report["file"], []).append(report)
    figures_by_file = _by_file(out_dir / "figures.jsonl")
    items_by_file = _by_file(out_dir / "items.jsonl")
    findings_by_file = _by_file(out_dir / "findings.jsonl")
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
            seg = score_segmentation(gold.get("reports", []), system)
            files[name] = {"segmentation": seg}
            if gold.get("figures"):
                files[name]["figures"] = score_figures(
                    gold, figures_by_file.get(name, []), seg["doc_map"]
                )
            if gold.get("item_records"):
                files[name]["items"] = score_items(gold, items_by_file.get(name, []))
            if "inconsistencies" in gold and gold.get("figure_docs"):
                files[name]["inconsistencies"] = score_inconsistencies(
                    gold, findings_by_file.get(name, []), seg["doc_map"]
                )
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
    result = {"files": files, "overall": {"segmentation": overall}}
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
            mode: _prf(
                *(sum(f[mode][k] for f in figure_files) for k in ("found", "gold", "system"))
            )
            for mode in ("loose", "strict")
        }
    return result


def render_scores(scores: dict[str, Any], verbose: bool = False) -> str:
    lines = ["segmentation (per file: reports gold/system, fields right of gold)"]
    for name, result in scores["files"].items():
        seg = result["segmentation"]
        right = " ".join(f"{f}={seg['correct'][f]}" for f in FIELDS)
        mark = "" if seg["count_exact"] else "  ← count differs"
        lines.append(f"  {name}: {seg['gold']}/{seg['system']}  {right}{mark}")
        if verbose or not seg["count_exact"]:
            lines.extend(f"      {m}" for m in seg["mismatches"])
    figure_lines = []
    for name, result in scores["files"].items():
        if "figures" not in result:
            continue
        loose, strict = result["figures"]["loose"], result["figures"]["strict"]
        figure_lines.append(
            f"  {name}: gold {loose['gold']}, system {loose['system']}; loose F1 {loose['f1']:.3f} "
            f"(P {loose['precision']:.3f} R {loose['recall']:.3f}); strict F1 {strict['f1']:.3f}"
        )
        if verbose:
            figure_lines += [f"      missed {m}" for m in strict["missed"]]
            figure_lines += [f"      extra  {m}" for m in strict["extra"]]
    if figure_lines:
        lines.append("figures (actual figures of the annotated reports)")
        lines.extend(figure_lines)
        for mode, prf in scores["overall"]["figures"].items():
            lines.append(
                f"  overall {mode}: P {prf['precision']:.3f} R {prf['recall']:.3f} "
                f"F1 {prf['f1']:.3f}"
            )
    if "items" in scores["overall"]:
        lines.append("items (problems, measures, outcomes of the annotated reports)")
        lines.append(render_items(scores["overall"]["items"]))
    if "inconsistencies" in scores["overall"]:
        inc = scores["overall"]["inconsistencies"]
        lines.append(
            f"inconsistencies: {inc['found']}/{inc['gold']} found; "
            f"{inc['unconfirmed']} arithmetic findings not in the gold"
        )
        for name, result in scores["files"].items():
            for note in result.get("inconsistencies", {}).get("missed", []):
                lines.append(f"  {name}: missed {note}")
            for message in result.get("inconsistencies", {}).get("unconfirmed", []):
                lines.append(f"  {name}: not in gold: {message}")
    overall = scores["overall"]["segmentation"]
    reports = overall["reports"]
    lines.append(
        f"overall: {overall['count_exact']}/{overall['files']} files with the exact report count; "
        f"reports P={reports['precision']:.3f} R={reports['recall']:.3f} F1={reports['f1']:.3f}; "
        + ", ".join(f"{k} {v:.3f}" for k, v in overall["field_accuracy"].items())
    )
    return "\n".join(lines)
