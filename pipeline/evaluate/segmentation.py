"""Segmentation: the reports of a file, their title, unit, type and date.

Seed gold: gold and system reports are aligned in order (by title where the counts differ); a
report is found when it is aligned, and each of title, unit, type and date is compared (a unit
also matches one of the gold's ``unit_aliases``).

Dev gold: reports are matched one to one by the overlap of their spans (the system's mapped from
the normalised text into the file's text); titles are compared without whitespace or punctuation
and in Simplified script.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

from junheng.core.normalize import to_simplified
from junheng.evaluate.gold import DevGold
from junheng.evaluate.offsets import TextMap, overlap, snippet

FIELDS = ("title", "unit_name", "type", "date")
Row = dict[str, Any]


def _squash(text: str | None) -> str | None:
    """Compared without whitespace and in one script (a Traditional copy keeps its own script)."""
    return None if text is None else to_simplified(re.sub(r"\s+", "", text))


def _align(gold: list[Row], system: list[Row]) -> list[tuple[int, int]]:
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


def _field_matches(name: str, gold: Row, system: Row) -> bool:
    if name == "unit_name":
        accepted = {_squash(u) for u in (gold.get("unit_name"), *gold.get("unit_aliases", []))}
        return _squash(system.get("unit_name")) in accepted
    return _squash(gold.get(name)) == _squash(system.get(name))


def score_segmentation(gold: list[Row], system: list[Row]) -> dict[str, Any]:
    """Seed gold: one file's reports against the gold's, aligned in order."""
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


# --- dev gold -------------------------------------------------------------------------------


def title_key(text: str | None) -> str:
    """A title as compared: NFKC, Simplified script, no whitespace, punctuation or symbols."""
    if not text:
        return ""
    folded = to_simplified(unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PZSC")


def _value(name: str, report: Row) -> str | None:
    value = report.get(name)
    if name == "unit_name":
        return _squash(value) or None
    return value or None


def match_reports(
    gold: list[tuple[int, int]], system: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs of overlapping spans, largest overlap first."""
    candidates = sorted(
        (
            (-overlap(g_span, s_span), g, s)
            for g, g_span in enumerate(gold)
            for s, s_span in enumerate(system)
            if overlap(g_span, s_span) > 0
        ),
    )
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_system: set[int] = set()
    for _, g, s in candidates:
        if g not in used_gold and s not in used_system:
            used_gold.add(g)
            used_system.add(s)
            pairs.append((g, s))
    return sorted(pairs)


def score_dev_segmentation(gold: DevGold, system: list[Row], spans: TextMap) -> dict[str, Any]:
    """Dev gold: the report count, and each field over the reports matched by span overlap.

    ``doc_map`` maps a gold report to the system report matched to it."""
    reports = gold.data.get("reports", [])
    gold_spans = [(int(r["start"]), int(r["end"])) for r in reports]
    system_spans = [spans.span(int(r["start"]), int(r["end"])) for r in system]
    pairs = match_reports(gold_spans, system_spans)
    right = dict.fromkeys(FIELDS, 0)
    mismatches: list[dict[str, Any]] = []
    for g, s in pairs:
        want = reports[g]
        title = (
            gold.cut(want["title_start"], want["title_end"])
            if want.get("title_start") is not None
            else None
        )
        expected: dict[str, str | None] = {
            "title": title,
            **{name: _value(name, want) for name in FIELDS[1:]},
        }
        got: dict[str, str | None] = {
            "title": system[s].get("title") or None,
            **{name: _value(name, system[s]) for name in FIELDS[1:]},
        }
        for name in FIELDS:
            same = (
                title_key(expected[name]) == title_key(got[name])
                if name == "title"
                else expected[name] == got[name]
            )
            if same:
                right[name] += 1
            else:
                if name == "title" and title is not None:
                    start, end = want["title_start"], want["title_end"]
                else:  # the report's first characters
                    start, end = gold_spans[g][0], min(gold_spans[g][1], gold_spans[g][0] + 20)
                mismatches.append(
                    {
                        "what": name,
                        "report": g,
                        "gold": expected[name],
                        "system": got[name],
                        "start": start,
                        "end": end,
                        "context": snippet(gold.text, start, end),
                    }
                )
    matched_gold = {g for g, _ in pairs}
    matched_system = {s for _, s in pairs}
    missed = [
        {
            "what": "missed report",
            "report": g,
            "start": gold_spans[g][0],
            "end": gold_spans[g][1],
            "context": snippet(gold.text, gold_spans[g][0], min(gold_spans[g][1],
                                                                 gold_spans[g][0] + 30)),
        }
        for g in range(len(reports))
        if g not in matched_gold
    ]
    extra = [
        {
            "what": "extra report",
            "report": s,
            "system": system[s].get("title") or None,
            "start": system_spans[s][0],
            "end": system_spans[s][1],
            "context": snippet(gold.text, system_spans[s][0], min(system_spans[s][1],
                                                                   system_spans[s][0] + 30)),
        }
        for s in range(len(system))
        if s not in matched_system
    ]
    return {
        "gold": len(reports),
        "system": len(system),
        "matched": len(pairs),
        "count_exact": len(reports) == len(system),
        "correct": right,
        "mismatches": mismatches,
        "missed": missed,
        "extra": extra,
        "doc_map": {g: system[s]["doc"] for g, s in pairs},
    }
