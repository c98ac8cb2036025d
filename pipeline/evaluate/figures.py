"""Figures: P/R/F1 of the actual figures, loose (same indicator and value within a relative 1e-3)
and strict (also the gold's level and year where the gold gives them).

Extra indicators are scored on neither side: gold figures marked ``"extra": true`` and system
figures whose id is outside the catalogue of shared/CONTRACT.md. Only ``kind: actual`` system
figures count.
"""

from __future__ import annotations

from typing import Any

from junheng.evaluate.gold import DevGold
from junheng.evaluate.metrics import one_to_one, prf, same_value
from junheng.evaluate.offsets import TextMap, overlap, snippet
from junheng.extractors.catalogue import load_catalogue

MODES = ("loose", "strict")
Row = dict[str, Any]

# The catalogue ids of shared/CONTRACT.md (the catalogue's others are marked extra): scored.
SCORED = frozenset(ind.id for ind in load_catalogue().indicators if not ind.extra)


def figure_matches(gold: Row, system: Row, strict: bool) -> bool:
    if gold["indicator"] != system["indicator"] or not same_value(gold["value"], system["value"]):
        return False
    if not strict:
        return True
    return all(
        gold.get(key) is None or gold.get(key) == system.get(key) for key in ("level", "year")
    )


def _describe(figure: Row) -> str:
    scope = "/".join(str(figure[k]) for k in ("level", "year") if figure.get(k) is not None)
    scope = f" ({scope})" if scope else ""
    return f"{figure['indicator']}={figure['value']:g}{scope}: {figure.get('text', '')[:40]}"


def score_figures(gold: Row, system: list[Row], doc_map: dict[int, int]) -> dict[str, Any]:
    """Seed gold: P/R/F1 of the actual figures of the annotated reports, loose and strict.

    Gold figures of report g are compared with the system's of the report aligned to g; each gold
    figure takes at most one system figure (same indicator, value within 1e-3; strict also needs
    the gold's level and year where the gold gives them).
    """
    docs = {doc_map[g] for g in gold.get("figure_docs", []) if g in doc_map}
    candidates = [f for f in system if f["doc"] in docs and f.get("kind", "actual") == "actual"]
    result: dict[str, Any] = {}
    for mode in MODES:
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
                    and figure_matches(figure, s, mode == "strict")
                ),
                None,
            )
            if match is None:
                missed.append(_describe(figure))
            else:
                taken.add(match)
        scored = [i for i, s in enumerate(candidates) if s["indicator"] in SCORED]
        extra = [_describe(candidates[i]) for i in scored if i not in taken]
        gold_count = sum(1 for f in gold.get("figures", []) if not f.get("extra"))
        result[mode] = {
            **prf(len(taken), gold_count, len(scored)),
            "gold": gold_count,
            "system": len(scored),
            "found": len(taken),
            "missed": missed,
            "extra": extra,
        }
    return result


# --- dev gold -------------------------------------------------------------------------------


def _entry(figure: Row, start: int, end: int, text: str) -> Row:
    return {
        "indicator": figure["indicator"],
        "value": figure["value"],
        "level": figure.get("level"),
        "year": figure.get("year"),
        "start": start,
        "end": end,
        "context": snippet(text, start, end),
    }


def score_dev_figures(gold: DevGold, system: list[Row], spans: TextMap) -> dict[str, Any]:
    """Dev gold: one file's figures, matched one to one over the whole file (a figure's place
    only breaks ties: a gold figure prefers the system figure on its own number, then the
    nearest)."""
    wanted = [f for f in gold.data.get("figures", []) if not f.get("extra")]
    found = [
        f for f in system if f.get("kind", "actual") == "actual" and f["indicator"] in SCORED
    ]
    at = [spans.span(int(f["start"]), int(f["end"])) for f in found]
    result: dict[str, Any] = {}
    for mode in MODES:
        candidates = []
        for figure in wanted:
            place = (int(figure["start"]), int(figure["end"]))
            strict = mode == "strict"
            fitting = [s for s, other in enumerate(found) if figure_matches(figure, other, strict)]

            def preference(s: int, p: tuple[int, int] = place) -> tuple[bool, int]:
                return overlap(p, at[s]) == 0, abs(at[s][0] - p[0])

            fitting.sort(key=preference)
            candidates.append(fitting)
        pairs = one_to_one(candidates)
        taken = set(pairs.values())
        missed = []
        for g, figure in enumerate(wanted):
            if g in pairs:
                continue
            entry = _entry(figure, int(figure["start"]), int(figure["end"]), gold.text)
            loose = result.get("loose", {}).get("pairs", {}).get(g)
            if loose is not None:  # found loosely: what the system gave as level and year
                entry["system"] = {k: found[loose].get(k) for k in ("level", "year")}
            missed.append(entry)
        result[mode] = {
            **prf(len(pairs), len(wanted), len(found)),
            "pairs": pairs,
            "missed": missed,
            "extra": [
                _entry(f, at[s][0], at[s][1], gold.text)
                for s, f in enumerate(found)
                if s not in taken
            ],
        }
    for mode in MODES:
        del result[mode]["pairs"]
    return result
