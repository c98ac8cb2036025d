"""Score extracted items against the hand-made gold (``item_records`` of corpus/gold/*.json).

A system item matches a gold one of the same kind (and the same report, when the gold gives one)
when the character-bigram Dice of their texts is at least 0.5; matching is one-to-one, greedy by
best Dice. Reported per kind: precision, recall, F1; then link accuracy (of the gold links whose
both ends matched, how many the system has) and status accuracy (of the matched gold problems).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from junheng.core.normalize import to_simplified

KINDS = ("problem", "measure", "outcome")
MATCH_AT = 0.5
_DROP = re.compile(r"\s+")

Key = tuple[int | None, str, int]


def _bigrams(text: str) -> list[str]:
    chars = to_simplified(_DROP.sub("", unicodedata.normalize("NFKC", text or "")))
    return [chars[i : i + 2] for i in range(len(chars) - 1)] or ([chars] if chars else [])


def dice(a: str, b: str) -> float:
    """Character-bigram Dice of two texts (multiset, whitespace dropped, NFKC)."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    pool: dict[str, int] = {}
    for gram in x:
        pool[gram] = pool.get(gram, 0) + 1
    shared = 0
    for gram in y:
        if pool.get(gram, 0) > 0:
            pool[gram] -= 1
            shared += 1
    return 2 * shared / (len(x) + len(y))


def gold_records(gold: dict[str, Any]) -> list[dict[str, Any]]:
    """The gold items: ``item_records`` when present, else the plain ``items`` lists."""
    if gold.get("item_records") is not None:
        return list(gold["item_records"])
    records: list[dict[str, Any]] = []
    for kind, texts in (gold.get("items") or {}).items():
        records += [
            {"doc": None, "kind": kind, "index": i, "text": t} for i, t in enumerate(texts, 1)
        ]
    return records


def match(gold: list[dict], rows: list[dict]) -> list[tuple[int, int, float]]:
    """One-to-one pairs (gold position, row position, Dice), greedy by best Dice."""
    candidates: list[tuple[float, int, int]] = []
    for g, record in enumerate(gold):
        for s, row in enumerate(rows):
            if row.get("kind") != record.get("kind"):
                continue
            if record.get("doc") is not None and row.get("doc") != record["doc"]:
                continue
            score = dice(record.get("text", ""), row.get("text", ""))
            if score >= MATCH_AT:
                candidates.append((score, g, s))
    pairs: list[tuple[int, int, float]] = []
    used_gold: set[int] = set()
    used_rows: set[int] = set()
    for score, g, s in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if g not in used_gold and s not in used_rows:
            used_gold.add(g)
            used_rows.add(s)
            pairs.append((g, s, score))
    return pairs


def prf(found: int, gold: int, system: int) -> dict[str, float | int]:
    """Precision, recall and F1 (rounded), with the counts they come from."""
    precision = found / system if system else 1.0
    recall = found / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": gold,
        "system": system,
        "matched": found,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def _key(record: dict[str, Any], kind: str | None = None, index: int | None = None) -> Key:
    return (
        record.get("doc"),
        kind or record["kind"],
        index if index is not None else record["index"],
    )


def _links(gold: list[dict], rows: list[dict], pairs: list[tuple[int, int, float]]) -> dict:
    to_row = {g: s for g, s, _ in pairs}
    gold_at = {_key(r): g for g, r in enumerate(gold)}
    total = right = 0
    misses: list[str] = []
    for g, record in enumerate(gold):
        if g not in to_row:
            continue
        for link in record.get("links") or []:
            target = gold_at.get(_key(record, link["kind"], link["index"]))
            if target is None or target not in to_row:
                continue
            total += 1
            row, other = rows[to_row[g]], rows[to_row[target]]
            wanted = {"kind": other["kind"], "index": other["index"]}
            if wanted in [{"kind": x["kind"], "index": x["index"]} for x in row.get("links") or []]:
                right += 1
            else:
                misses.append(
                    f"doc {record.get('doc')} {record['kind']} {record['index']} → "
                    f"{link['kind']} {link['index']}"
                )
    # precision (information): of the system's links between matched items, how many are gold's
    to_gold = {s: g for g, s, _ in pairs}
    row_at = {_key(r): s for s, r in enumerate(rows)}
    made = kept = 0
    extra: list[str] = []
    for s, row in enumerate(rows):
        if s not in to_gold:
            continue
        wanted = {(link["kind"], link["index"]) for link in gold[to_gold[s]].get("links") or []}
        for link in row.get("links") or []:
            target = row_at.get(_key(row, link["kind"], link["index"]))
            if target is None or target not in to_gold or link["kind"] == "problem":
                continue
            made += 1
            other = gold[to_gold[target]]
            if (other["kind"], other["index"]) in wanted:
                kept += 1
            else:
                extra.append(
                    f"doc {row.get('doc')} {row['kind']} {row['index']} → "
                    f"{link['kind']} {link['index']}"
                )
    return {
        "gold": total,
        "correct": right,
        "accuracy": round(right / total, 4) if total else 1.0,
        "system": made,
        "system_correct": kept,
        "misses": misses,
        "extra": extra,
    }


def _status(gold: list[dict], rows: list[dict], pairs: list[tuple[int, int, float]]) -> dict:
    total = right = 0
    misses: list[str] = []
    for g, s, _ in pairs:
        record = gold[g]
        if record["kind"] != "problem":
            continue
        total += 1
        if record.get("status") == rows[s].get("status"):
            right += 1
        else:
            misses.append(
                f"doc {record.get('doc')} problem {record['index']}: gold "
                f"{record.get('status')} system {rows[s].get('status')}"
            )
    return {
        "gold": total,
        "correct": right,
        "accuracy": round(right / total, 4) if total else 1.0,
        "misses": misses,
    }


def score_items(gold: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Scores of one file's item rows (items.jsonl rows of that file) against its gold JSON.

    Example:
        >>> record = {"doc": 0, "kind": "problem", "index": 1, "text": "生均图书不足,缺600册"}
        >>> row = dict(record, text="生均图书不足，缺600册", status=None, links=[])
        >>> score_items({"item_records": [record]}, [row])["problem"]["f1"]
        1.0
    """
    records = gold_records(gold)
    pairs = match(records, rows)
    matched_gold = {g for g, _, _ in pairs}
    matched_rows = {s for _, s, _ in pairs}
    result: dict[str, Any] = {}
    for kind in KINDS:
        result[kind] = prf(
            sum(1 for g in matched_gold if records[g]["kind"] == kind),
            sum(1 for r in records if r["kind"] == kind),
            sum(1 for r in rows if r.get("kind") == kind),
        )
    result["links"] = _links(records, rows, pairs)
    result["status"] = _status(records, rows, pairs)
    result["missed"] = [
        f"doc {r.get('doc')} {r['kind']} {r['index']}: {r['text'][:40]}"
        for g, r in enumerate(records)
        if g not in matched_gold
    ]
    result["extra"] = [
        f"doc {r.get('doc')} {r.get('kind')} {r.get('index')}: {r.get('text', '')[:40]}"
        for s, r in enumerate(rows)
        if s not in matched_rows
    ]
    return result


def combine(scores: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Totals over files: P/R/F1 per kind, link and status accuracy."""
    scores = list(scores)
    total: dict[str, Any] = {}
    for kind in KINDS:
        total[kind] = prf(
            sum(s[kind]["matched"] for s in scores),
            sum(s[kind]["gold"] for s in scores),
            sum(s[kind]["system"] for s in scores),
        )
    for name in ("links", "status"):
        gold = sum(s[name]["gold"] for s in scores)
        right = sum(s[name]["correct"] for s in scores)
        total[name] = {
            "gold": gold,
            "correct": right,
            "accuracy": round(right / gold, 4) if gold else 1.0,
        }
    made = sum(s["links"].get("system", 0) for s in scores)
    kept = sum(s["links"].get("system_correct", 0) for s in scores)
    total["links"].update(
        system=made, system_correct=kept, precision=round(kept / made, 4) if made else 1.0
    )
    return total


def render(scores: dict[str, Any]) -> str:
    """One line: P/R/F1 per kind, link and status accuracy."""
    parts = [
        f"{kind} P={scores[kind]['precision']:.3f} R={scores[kind]['recall']:.3f} "
        f"F1={scores[kind]['f1']:.3f} ({scores[kind]['matched']}/{scores[kind]['gold']}/"
        f"{scores[kind]['system']})"
        for kind in KINDS
    ]
    parts.append(
        f"links {scores['links']['accuracy']:.3f} ({scores['links']['correct']}/"
        f"{scores['links']['gold']})"
    )
    if "precision" in scores["links"]:
        parts[-1] += f" precision {scores['links']['precision']:.3f}"
    parts.append(
        f"status {scores['status']['accuracy']:.3f} ({scores['status']['correct']}/"
        f"{scores['status']['gold']})"
    )
    return "; ".join(parts)
