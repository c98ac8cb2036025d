"""Inconsistencies (real arithmetic errors in the text) and the arithmetic findings.

Seed gold: an inconsistency is found when some arithmetic finding's ``values`` hold one of the
gold's values (shared/CONTRACT.md); arithmetic findings that match none are listed to check.

Dev gold: each inconsistency is tied to the gold relations of its report that do not hold and
share its values. It is found by values (the contract's rule, over the file's arithmetic
findings) and, the better test, by evidence: some arithmetic finding's evidence covers that
relation's numbers (two of them, or the one a relation has). An arithmetic finding that meets no
inconsistency either way is a false one; those whose evidence lies on a relation the gold says
holds are counted apart. Arithmetic rules: ``ARITHMETIC_RULES`` of junheng.validate.rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from junheng.evaluate.gold import DevGold
from junheng.evaluate.metrics import same_value
from junheng.evaluate.offsets import TextMap, overlap, snippet
from junheng.validate.rules import ARITHMETIC_RULES

Row = dict[str, Any]
Span = tuple[int, int]

_WRITTEN = re.compile(r"[-−]?\d+(?:\.\d+)?(万|亿)?")
_SCALE = {"万": 1e4, "亿": 1e8}


def score_inconsistencies(gold: Row, findings: list[Row], doc_map: dict[int, int]) -> Row:
    """Seed gold: inconsistencies found (some finding's values hold one of the gold's values),
    and arithmetic findings of the annotated reports that match none (false alarms to check)."""
    docs = {doc_map[g] for g in gold.get("figure_docs", []) if g in doc_map}
    arithmetic = [f for f in findings if f.get("rule") in ARITHMETIC_RULES and f.get("doc") in docs]
    wanted = gold.get("inconsistencies", [])

    def hits(inconsistency: Row, finding: Row) -> bool:
        values = finding.get("values", [])
        return any(same_value(v, w) for v in values for w in inconsistency["values"])

    found = [g for g in wanted if any(hits(g, f) for f in arithmetic)]
    alarms = [f for f in arithmetic if not any(hits(g, f) for g in wanted)]
    return {
        "gold": len(wanted),
        "found": len(found),
        "missed": [g.get("note", "") for g in wanted if g not in found],
        "unconfirmed": [f.get("message", "") for f in alarms],
    }


# --- dev gold -------------------------------------------------------------------------------


def formula_values(formula: str) -> list[float]:
    """The numbers a relation's formula writes (138亿 → 1.38e10)."""
    return [
        float(m.group().rstrip("万亿").replace("−", "-")) * _SCALE.get(m.group(1) or "", 1.0)
        for m in _WRITTEN.finditer(formula or "")
    ]


def relation_values(relation: Row) -> list[float]:
    return [float(n["value"]) for n in relation.get("numbers", [])] + formula_values(
        relation.get("formula", "")
    )


def relations_of(inconsistency: Row, relations: Sequence[Row]) -> list[int]:
    """The relations (indices) an inconsistency is about: those of its report that do not hold
    and share the most of its values with it."""
    scored = []
    for k, relation in enumerate(relations):
        if relation.get("holds") or relation.get("doc") != inconsistency.get("doc"):
            continue
        values = relation_values(relation)
        shared = sum(any(same_value(v, w) for w in values) for v in inconsistency["values"])
        if shared:
            scored.append((shared, k))
    best = max((s for s, _ in scored), default=0)
    return [k for s, k in scored if s == best]


def number_spans(relation: Row) -> list[Span]:
    return [(int(n["start"]), int(n["end"])) for n in relation.get("numbers", [])]


def touches(evidence: Sequence[Span], relation: Row) -> bool:
    """The evidence covers the relation's numbers: two of them (the one, when it has one)."""
    numbers = number_spans(relation)
    covered = sum(any(overlap(n, e) for e in evidence) for n in numbers)
    return bool(numbers) and covered >= min(2, len(numbers))


def value_hit(finding: Row, inconsistency: Row) -> bool:
    return any(
        same_value(float(v), float(w))
        for v in finding.get("values", [])
        for w in inconsistency["values"]
    )


def evidence_spans(finding: Row, file: str, spans: TextMap) -> list[Span]:
    """The finding's evidence in ``file``, as offsets into the file's text."""
    return [
        spans.span(int(e["start"]), int(e["end"]))
        for e in finding.get("evidence", [])
        if e.get("file", finding.get("file")) == file and e.get("start") is not None
    ]


def judge(
    relations: Sequence[Row],
    inconsistencies: Sequence[Row],
    findings: Sequence[tuple[Row, list[Span]]],
) -> Row:
    """The arithmetic ``findings`` (each with its evidence in the file's offsets) against one
    file's gold: which inconsistencies are found (by values, by evidence), which findings meet no
    inconsistency, and which holding relations those lie on."""
    tied = [relations_of(i, relations) for i in inconsistencies]
    by_values = [any(value_hit(f, i) for f, _ in findings) for i in inconsistencies]
    by_evidence = [
        any(touches(ev, relations[k]) for _, ev in findings for k in ks) for ks in tied
    ]
    false: list[tuple[int, list[int]]] = []  # (finding, holding relations it lies on)
    for n, (finding, ev) in enumerate(findings):
        backed = any(
            value_hit(finding, i) or any(touches(ev, relations[k]) for k in ks)
            for i, ks in zip(inconsistencies, tied, strict=True)
        )
        if not backed:
            holding = [k for k, r in enumerate(relations) if r.get("holds") and touches(ev, r)]
            false.append((n, holding))
    return {"tied": tied, "by_values": by_values, "by_evidence": by_evidence, "false": false}


def score_dev_relations(gold: DevGold, findings: list[Row], spans: TextMap) -> Row:
    """Dev gold: one file's inconsistencies and arithmetic findings."""
    relations = gold.data.get("relations", [])
    wanted = gold.data.get("inconsistencies", [])
    arithmetic = [f for f in findings if f.get("rule") in ARITHMETIC_RULES]
    placed = [(f, evidence_spans(f, gold.name, spans)) for f in arithmetic]
    verdict = judge(relations, wanted, placed)
    missed = []
    for i, inconsistency in enumerate(wanted):
        if verdict["by_evidence"][i]:
            continue
        numbers = [s for k in verdict["tied"][i] for s in number_spans(relations[k])]
        start, end = min(numbers, default=(0, 0))
        missed.append(
            {
                "values": inconsistency["values"],
                "note": inconsistency.get("note", ""),
                "by_values": verdict["by_values"][i],
                "start": start,
                "end": end,
                "context": snippet(gold.text, start, end) if numbers else "",
            }
        )
    false = []
    for n, holding in verdict["false"]:
        finding, ev = placed[n]
        start, end = min(ev, default=(0, 0))
        false.append(
            {
                "rule": finding.get("rule"),
                "message": finding.get("message", ""),
                "values": finding.get("values", []),
                "on_holding": [relations[k].get("formula") for k in holding],
                "start": start,
                "end": end,
                "context": snippet(gold.text, start, end) if ev else "",
            }
        )
    return {
        "gold": len(wanted),
        "found_values": sum(verdict["by_values"]),
        "found_evidence": sum(verdict["by_evidence"]),
        "relations": len(relations),
        "holding": sum(1 for r in relations if r.get("holds")),
        "arithmetic": len(arithmetic),
        "false": len(false),
        "false_on_holding": sum(1 for entry in false if entry["on_holding"]),
        "missed": missed,
        "false_findings": false,
    }
