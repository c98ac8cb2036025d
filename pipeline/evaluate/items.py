"""Items: problems, measures and outcomes against the gold's.

A system item matches a gold one of the same kind (and, for the seed gold, the same report when
the gold gives one) when the character-bigram Dice of their texts is at least 0.5; matching is
one-to-one, greedy by best Dice. Reported per kind: precision, recall, F1; then links (of the gold
links whose both ends matched, how many the system has: the seed gold's "link accuracy"; of the
system's links between matched items, how many the gold has: link precision) and status accuracy
(of the matched gold problems).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from junheng.core.text import dice
from junheng.evaluate.gold import DevGold, gold_records
from junheng.evaluate.metrics import accuracy, prf
from junheng.evaluate.offsets import TextMap, snippet

KINDS = ("problem", "measure", "outcome")
MATCH_AT = 0.5

Row = dict[str, Any]
Key = tuple[int | None, str, int]


def match(gold: list[Row], rows: list[Row], by_doc: bool = True) -> list[tuple[int, int, float]]:
    """One-to-one pairs (gold position, row position, Dice), greedy by best Dice. ``by_doc``: a
    gold record with a ``doc`` takes rows of that report only."""
    candidates: list[tuple[float, int, int]] = []
    for g, record in enumerate(gold):
        for s, row in enumerate(rows):
            if row.get("kind") != record.get("kind"):
                continue
            if by_doc and record.get("doc") is not None and row.get("doc") != record["doc"]:
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


def _key(record: Row, kind: str | None = None, index: int | None = None) -> Key:
    return (
        record.get("doc"),
        kind or record["kind"],
        index if index is not None else record["index"],
    )


def _links(gold: list[Row], rows: list[Row], pairs: list[tuple[int, int, float]]) -> Row:
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
        wanted_links = {
            (link["kind"], link["index"]) for link in gold[to_gold[s]].get("links") or []
        }
        for link in row.get("links") or []:
            target = row_at.get(_key(row, link["kind"], link["index"]))
            if target is None or target not in to_gold or link["kind"] == "problem":
                continue
            made += 1
            other = gold[to_gold[target]]
            if (other["kind"], other["index"]) in wanted_links:
                kept += 1
            else:
                extra.append(
                    f"doc {row.get('doc')} {row['kind']} {row['index']} → "
                    f"{link['kind']} {link['index']}"
                )
    return {
        "gold": total,
        "correct": right,
        "accuracy": accuracy(right, total),
        "system": made,
        "system_correct": kept,
        "misses": misses,
        "extra": extra,
    }


def _status(gold: list[Row], rows: list[Row], pairs: list[tuple[int, int, float]]) -> Row:
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
    return {"gold": total, "correct": right, "accuracy": accuracy(right, total), "misses": misses}


def _score(
    records: list[Row], rows: list[Row], pairs: list[tuple[int, int, float]]
) -> dict[str, Any]:
    matched_gold = {g for g, _, _ in pairs}
    result: dict[str, Any] = {}
    for kind in KINDS:
        result[kind] = prf(
            sum(1 for g in matched_gold if records[g]["kind"] == kind),
            sum(1 for r in records if r["kind"] == kind),
            sum(1 for r in rows if r.get("kind") == kind),
        )
    result["links"] = _links(records, rows, pairs)
    result["status"] = _status(records, rows, pairs)
    return result


def score_items(gold: dict[str, Any], rows: list[Row]) -> dict[str, Any]:
    """Seed gold: scores of one file's item rows (items.jsonl rows of that file).

    Example:
        >>> record = {"doc": 0, "kind": "problem", "index": 1, "text": "生均图书不足,缺600册"}
        >>> row = dict(record, text="生均图书不足，缺600册", status=None, links=[])
        >>> score_items({"item_records": [record]}, [row])["problem"]["f1"]
        1.0
    """
    records = gold_records(gold)
    pairs = match(records, rows)
    result = _score(records, rows, pairs)
    matched_gold = {g for g, _, _ in pairs}
    matched_rows = {s for _, s, _ in pairs}
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
    """Totals over files: P/R/F1 per kind, link and status accuracy, link precision."""
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
        total[name] = {"gold": gold, "correct": right, "accuracy": accuracy(right, gold)}
    made = sum(s["links"].get("system", 0) for s in scores)
    kept = sum(s["links"].get("system_correct", 0) for s in scores)
    total["links"].update(
        system=made, system_correct=kept, precision=round(kept / made, 4) if made else 1.0
    )
    if any("all_gold" in s["links"] for s in scores):
        every = sum(s["links"].get("all_gold", 0) for s in scores)
        total["links"].update(all_gold=every, recall=accuracy(total["links"]["correct"], every))
    return total


# --- dev gold -------------------------------------------------------------------------------


def score_dev_items(gold: DevGold, rows: list[Row], spans: TextMap) -> dict[str, Any]:
    """Dev gold: one file's items. A gold item's text is the file's text at its offsets; items
    are matched over the whole file (not per report). Link recall counts every gold link (also
    those whose ends the system did not find)."""
    records = [
        dict(item, text=gold.cut(int(item["start"]), int(item["end"])))
        for item in gold.data.get("items", [])
    ]
    pairs = match(records, rows, by_doc=False)
    result = _score(records, rows, pairs)
    result["links"]["all_gold"] = sum(
        len(r.get("links") or []) for r in records if r["kind"] == "problem"
    )
    matched_gold = {g for g, _, _ in pairs}
    matched_rows = {s for _, s, _ in pairs}
    result["missed"] = [
        {
            "kind": r["kind"],
            "index": r["index"],
            "doc": r["doc"],
            "start": r["start"],
            "end": r["end"],
            "context": snippet(gold.text, r["start"], r["end"]),
        }
        for g, r in enumerate(records)
        if g not in matched_gold
    ]
    result["extra"] = []
    for s, row in enumerate(rows):
        if s in matched_rows:
            continue
        start, end = spans.span(int(row["start"]), int(row["end"]))
        result["extra"].append(
            {
                "kind": row.get("kind"),
                "index": row.get("index"),
                "doc": row.get("doc"),
                "start": start,
                "end": end,
                "context": snippet(gold.text, start, end),
            }
        )
    return result
