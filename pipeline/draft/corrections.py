"""The corrections laid over the extracted rows: pure functions, rows in, rows out.

A correction holds for a row when the file still has the hash it was made on and a row of the
same kind still stands on the same span with the same indicator (rule, kind): the corrections of
an unchanged file survive any re-run. The others are *to check again* (:func:`sort`): the file
changed since, or the span no longer holds what the person saw.

Each corrected row gains a ``review`` field (who, when, what it said before); shared/CONTRACT.md
lets fields be added, and none is renamed or dropped. A figure marked "not a figure" leaves the
rows, and so the drafts. A row that already carries the very correction (its ``review`` names the
same action, person and time: rows a person edited by hand after a draft) is left as it stands,
so laying the corrections over rows twice changes nothing.

Used by the app (:mod:`junheng.review.state`) and by every draft (:mod:`junheng.draft.corrected`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from junheng.draft.overlay import Correction
from junheng.extractors.catalogue import load_catalogue

Row = dict[str, Any]
Where = tuple[str, str, int, int, str]  # target, file, start, end, ref

FIGURE_FIELDS = ("value", "indicator", "level", "year")
ITEM_FIELDS = ("kind", "status", "owner", "deadline", "problem")


def finding_key(row: Row) -> tuple[str, int, int, str]:
    """A finding's place: its file, the span of its first evidence there, its rule."""
    file = row.get("file") or ""
    for ev in row.get("evidence") or ():
        if (ev.get("file") or file) == file:
            return (file, int(ev["start"]), int(ev["end"]), str(row.get("rule")))
    return (file, -1, -1, str(row.get("rule")))


def figure_where(row: Row) -> Where:
    return ("figure", str(row["file"]), int(row["start"]), int(row["end"]), str(row["indicator"]))


def item_where(row: Row) -> Where:
    return ("item", str(row["file"]), int(row["start"]), int(row["end"]), str(row["kind"]))


def finding_where(row: Row) -> Where:
    file, start, end, rule = finding_key(row)
    return ("finding", file, start, end, rule)


@dataclass
class Sorted:
    """The corrections that hold for this OUT, and those to check again, with why."""

    holding: dict[Where, Correction] = field(default_factory=dict)
    recheck: list[tuple[Correction, str]] = field(default_factory=list)


def sort(corrections: Iterable[Correction], shas: Mapping[str, str], present: set[Where]) -> Sorted:
    """Split ``corrections`` by whether they hold on this batch (``shas``: each input's hash;
    ``present``: the places the rows stand on)."""
    result = Sorted()
    for c in corrections:
        sha = shas.get(c.key.file)
        if sha is None:
            result.recheck.append((c, "文件不在本批次中"))
        elif sha != c.key.sha256:
            result.recheck.append((c, "文件内容已改变，请重新核对"))
        elif c.key.where not in present:
            result.recheck.append((c, "该处已不再识别为原来的内容，请重新核对"))
        else:
            result.holding[c.key.where] = c
    return result


def fingerprint(holding: Iterable[Correction]) -> str:
    """Changes whenever a holding correction does (to tell whether the drafts are behind)."""
    data = sorted(json.dumps(c.row(), sort_keys=True, ensure_ascii=False) for c in holding)
    return hashlib.sha256("\n".join(data).encode()).hexdigest()


def _carries(row: Row, c: Correction) -> bool:
    """Whether ``row`` already carries ``c`` (laid over it before)."""
    review = row.get("review")
    return (
        isinstance(review, dict)
        and review.get("action") == c.action
        and review.get("by") == c.who
        and review.get("at") == c.at
    )


def _review(c: Correction, was: Row) -> Row:
    review: Row = {"action": c.action, "by": c.who, "at": c.at}
    if c.reason:
        review["reason"] = c.reason
    if was:
        review["was"] = was
    return review


def unit_of(indicator: str, default: str) -> str:
    found = load_catalogue().by_id.get(indicator)
    return found.unit if found else default


def corrected_figure(row: Row, c: Correction | None) -> Row | None:
    """``row`` with ``c`` applied; None when it is not a figure."""
    if c is None or _carries(row, c):
        return row
    if c.action == "reject":
        return None
    if c.action == "confirm":
        return {**row, "review": _review(c, {})}
    changes = {k: v for k, v in c.changes.items() if k in FIGURE_FIELDS}
    was = {k: row.get(k) for k in changes if row.get(k) != changes[k]}
    new = {**row, **changes}
    if "indicator" in changes:
        new["unit"] = unit_of(str(new["indicator"]), str(row.get("unit") or ""))
    new["review"] = _review(c, was)
    return new


def figures(rows: Iterable[Row], holding: Mapping[Where, Correction]) -> list[Row]:
    out = []
    for row in rows:
        new = corrected_figure(row, holding.get(figure_where(row)))
        if new is not None:
            out.append(new)
    return out


def _report(row: Row) -> tuple[str, int]:
    return (str(row["file"]), int(row["doc"]))


def items(rows: Iterable[Row], holding: Mapping[Where, Correction]) -> list[Row]:
    """The items with their corrections, links moved where a person said a measure or an
    outcome answers another problem (or none)."""
    rows = list(rows)
    out: list[Row] = []
    moved: dict[tuple[str, int], list[tuple[str, int, int | None]]] = {}
    renamed: dict[tuple[str, int, str, int], str] = {}
    for row in rows:
        c = holding.get(item_where(row))
        if c is not None and _carries(row, c):
            out.append(row)
            continue
        if c is None or c.action != "correct":
            out.append({**row, "review": _review(c, {})} if c else row)
            continue
        changes = {k: v for k, v in c.changes.items() if k in ITEM_FIELDS and k != "problem"}
        was = {k: row.get(k) for k in changes if row.get(k) != changes[k]}
        new = {**row, **changes, "review": _review(c, was)}
        if new["kind"] != row["kind"]:
            renamed[(*_report(row), str(row["kind"]), int(row["index"]))] = str(new["kind"])
        if "problem" in c.changes:
            target = c.changes["problem"]
            problem = int(target) if target is not None else None
            moved.setdefault(_report(row), []).append(
                (str(new["kind"]), int(row["index"]), problem)
            )
            was_links = [
                p["index"]
                for p in rows_of(rows, _report(row), "problem")
                if {"kind": row["kind"], "index": row["index"]} in (p.get("links") or [])
            ]
            new["review"].setdefault("was", {})["problem"] = was_links[0] if was_links else None
        out.append(new)
    return _relink(out, renamed, moved)


def rows_of(rows: Iterable[Row], report: tuple[str, int], kind: str) -> list[Row]:
    return [r for r in rows if _report(r) == report and r.get("kind") == kind]


def _relink(
    rows: list[Row],
    renamed: Mapping[tuple[str, int, str, int], str],
    moved: Mapping[tuple[str, int], list[tuple[str, int, int | None]]],
) -> list[Row]:
    if not renamed and not moved:
        return rows
    out = []
    for row in rows:
        report = _report(row)
        if row.get("kind") != "problem" or (not row.get("links") and report not in moved):
            out.append(row)
            continue
        links = []
        for link in row.get("links") or []:
            kind = renamed.get((*report, str(link["kind"]), int(link["index"])), link["kind"])
            links.append({"kind": kind, "index": link["index"]})
        for kind, index, problem in moved.get(report, []):
            links = [x for x in links if x["index"] != index or x["kind"] != kind]
            if problem == row.get("index"):
                links.append({"kind": kind, "index": index})
        out.append({**row, "links": links})
    return out


def findings(
    rows: Iterable[Row], holding: Mapping[Where, Correction]
) -> tuple[list[Row], list[Row]]:
    """(the findings kept, those a person confirmed marked so) and (the dismissed ones)."""
    kept, dismissed = [], []
    for row in rows:
        c = holding.get(finding_where(row))
        if c is None:
            kept.append(row)
        elif c.action == "dismiss":
            dismissed.append({**row, "review": _review(c, {})})
        else:
            kept.append({**row, "review": _review(c, {})})
    return kept, dismissed
