"""Planted errors: how many arithmetic errors the validator flags, on a dev-format gold.

For every gold relation that holds, one of its numbers written in digits is changed in the page's
text well past any rounding (a total goes down by about a third, any other number up by about a
third; a rate or share above 75 goes down), and the changed page goes through the whole per-file
pipeline (:func:`junheng.runner.process_file` on a temporary .txt). The planting is flagged when an
arithmetic finding (``ARITHMETIC_RULES``) that the unchanged page does not have rests on the
changed number: its evidence covers the number, or its ``values`` hold the new value. False
alarms: arithmetic findings on the unchanged pages that no gold inconsistency backs (the rule of
``junheng eval``, :func:`junheng.evaluate.inconsistencies.judge`).

``junheng eval GOLD_DIR OUT --planted`` prints it for any dev-format gold (the dev corpus, or a
set of outside pages annotated the same way); tests/test_validate_dev_gold.py holds the floors.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from junheng.core.codec import offset_runs
from junheng.core.model import FileResult, Finding
from junheng.evaluate.gold import DevGold, load_dev
from junheng.evaluate.inconsistencies import evidence_spans, judge
from junheng.evaluate.metrics import same_value
from junheng.evaluate.offsets import TextMap, overlap
from junheng.runner import InputFile, process_file
from junheng.validate.rules import ARITHMETIC_RULES

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
# Which number of a relation is changed: the first of these roles written in digits.
_ROLE_ORDER = (
    "total", "rate", "quotient", "share", "after", "change", "part", "count", "dividend",
    "divisor", "base", "before",
)
Row = dict[str, Any]
Placed = tuple[Row, list[tuple[int, int]]]


@dataclass(frozen=True)
class Planting:
    gold: DevGold
    relation: dict[str, Any]
    start: int  # of the changed number in the page's text
    end: int
    new_written: str
    new_value: float  # normalised as the gold's value (1130万元 → 11300000)

    def describe(self) -> str:
        return (
            f"{self.gold.name} doc {self.relation['doc']} {self.relation['formula']} → "
            f"{self.new_written}"
        )


def changed(written: str, down: bool) -> str:
    """A wrong value for ``written`` with its decimal places, well outside any rounding."""
    decimals = len(written.split(".")[1]) if "." in written else 0
    value = float(written)
    step = 10.0 ** (-decimals)
    new = round(value * 0.7 - step, decimals) if down else round(value * 1.3 + 7 * step, decimals)
    if new <= 0 or new == value:
        new = round(value + 5 * step, decimals)
    return f"{new:.{decimals}f}"


def planting(gold: DevGold, relation: dict[str, Any]) -> Planting | None:
    """The planting for one holding relation; None when none of its numbers is in digits."""
    numbers = [n for n in relation.get("numbers", []) if _DIGITS.fullmatch(n["number"])]
    if not numbers:
        return None
    rank = {role: k for k, role in enumerate(_ROLE_ORDER)}
    number = min(numbers, key=lambda n: rank.get(n.get("role", ""), len(rank)))
    written = number["number"]
    role = number.get("role")
    down = role == "total" or (role in ("rate", "share") and float(written) > 75)
    new_written = changed(written, down)
    old = float(written)
    new_value = float(number["value"]) * float(new_written) / old if old else float(new_written)
    return Planting(gold, relation, number["start"], number["end"], new_written, new_value)


def _run(text: str, name: str) -> FileResult:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(text.encode("utf-8"))
        return process_file(InputFile(path, name))


def _arithmetic(result: FileResult, text: str) -> list[Placed]:
    """The arithmetic findings as rows, each with its evidence in ``text``'s offsets."""
    doc = result.document
    if doc is None:
        return []
    spans = TextMap.build(offset_runs(doc), doc.raw_text, text, len(doc.text))
    found = []
    for finding in result.findings:
        if finding.rule not in ARITHMETIC_RULES:
            continue
        row = _row(finding)
        found.append((row, evidence_spans(row, result.file, spans)))
    return found


def _row(finding: Finding) -> Row:
    return {
        "file": finding.file,
        "rule": finding.rule,
        "message": finding.message,
        "values": list(finding.values),
        "evidence": [{"file": e.file, "start": e.start, "end": e.end} for e in finding.evidence],
    }


def _key(row: Row) -> tuple[Any, ...]:
    return row["rule"], tuple(round(float(v), 6) for v in row["values"])


def _plantings(files: list[DevGold]) -> Iterator[Planting | tuple[DevGold, dict[str, Any]]]:
    for gold in files:
        for relation in gold.data.get("relations", []):
            if relation.get("holds"):
                yield planting(gold, relation) or (gold, relation)


def _flagged(planted: Planting, before: set[tuple[Any, ...]]) -> bool:
    text = planted.gold.text
    changed_text = text[: planted.start] + planted.new_written + text[planted.end :]
    span = (planted.start, planted.start + len(planted.new_written))
    return any(
        _key(row) not in before
        and (
            any(overlap(span, e) for e in evidence)
            or any(same_value(float(v), planted.new_value) for v in row["values"])
        )
        for row, evidence in _arithmetic(_run(changed_text, planted.gold.name), changed_text)
    )


def measure_planted(gold_dir: Path, texts_dir: Path | None = None) -> dict[str, Any]:
    """Planted-error recall (overall, held-out, tuning), false alarms on the unchanged pages, and
    the plantings missed and flagged, for the dev-format gold in ``gold_dir``."""
    corpus = load_dev(gold_dir, texts_dir)
    if corpus.missing:
        return {"missing": corpus.missing}
    baselines = {g.name: _arithmetic(_run(g.text, g.name), g.text) for g in corpus.files}
    outcomes: list[tuple[Planting, bool]] = []
    unplantable: list[str] = []
    for found in _plantings(corpus.files):
        if isinstance(found, Planting):
            before = {_key(row) for row, _ in baselines[found.gold.name]}
            outcomes.append((found, _flagged(found, before)))
        else:
            gold, relation = found
            unplantable.append(f"{gold.name} doc {relation['doc']} {relation['formula']}")
    false_alarms: list[str] = []
    for gold in corpus.files:
        placed = baselines[gold.name]
        verdict = judge(gold.data.get("relations", []), gold.data.get("inconsistencies", []),
                        placed)
        false_alarms += [f"{gold.name}: {placed[n][0]['message']}" for n, _ in verdict["false"]]

    def recall(split: str | None) -> dict[str, Any]:
        chosen = [flag for p, flag in outcomes if split is None or p.gold.split == split]
        return {
            "plantings": len(chosen),
            "flagged": sum(chosen),
            "recall": round(sum(chosen) / len(chosen), 4) if chosen else 1.0,
        }

    def by_type(split: str) -> dict[str, list[int]]:
        counts: dict[str, list[int]] = {}
        for p, flag in outcomes:
            if p.gold.split == split:
                kept = counts.setdefault(str(p.relation.get("type")), [0, 0])
                kept[0] += flag
                kept[1] += 1
        return dict(sorted(counts.items()))

    return {
        "overall": recall(None),
        "heldout": recall("heldout"),
        "tuning": recall("tuning"),
        "false_alarms": len(false_alarms),
        "unplantable": unplantable,
        "missed": [p.describe() for p, flag in outcomes if not flag],
        "flagged": [p.describe() for p, flag in outcomes if flag],
        "false_alarm_findings": false_alarms,
        "by_type": {split: by_type(split) for split in ("heldout", "tuning")},
    }


def render_planted(measured: dict[str, Any]) -> str:
    """The planted-error scores: one line, then the flagged / planted count of each relation
    type by split (counts only, so a held-out page's relations stay unread)."""
    if "missing" in measured:
        return f"planted errors: {measured['missing']}"
    splits = ", ".join(
        f"{split} {measured[split]['flagged']}/{measured[split]['plantings']} "
        f"({measured[split]['recall']:.3f})"
        for split in ("overall", "heldout", "tuning")
    )
    lines = [
        f"planted errors flagged: {splits}; false alarms on the unchanged pages: "
        f"{measured['false_alarms']}; {len(measured['unplantable'])} relations without a number "
        "in digits"
    ]
    for split, counts in measured.get("by_type", {}).items():
        if counts:
            kinds = ", ".join(f"{kind} {k}/{n}" for kind, (k, n) in counts.items())
            lines.append(f"  {split} by relation type: {kinds}")
    return "\n".join(lines)
