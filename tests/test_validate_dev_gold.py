"""Planted errors on the development corpus (corpus/gold/dev, texts in ../shared/devcorpus/docs),
as tests/test_validate_gold.py does for the seeds.

For every gold relation that holds, one of its numbers written in digits is changed in the page's
text well past any rounding (a total goes down by about a third, any other number up by about a
third; a rate or share above 75 goes down), and the changed page goes through the whole per-file
pipeline (``junheng.runner.process_file`` on a temporary .txt). The planting is flagged when an
arithmetic finding (``ARITHMETIC_RULES``) that the unchanged page does not have rests on the
changed number: its evidence covers the number, or its ``values`` hold the new value. False
alarms: arithmetic findings on the unchanged pages that no gold inconsistency backs (the rule of
``junheng eval corpus/gold/dev``, :func:`junheng.evaluate.inconsistencies.judge`).

Today's validator is far from the issue's targets (recall ≥ 0.90 over the plantings, 0 false
alarms on the unchanged pages). The test reports what it measures (printed, and written to
``dev_planted.json`` under the test's tmp dir) and asserts only floors at today's numbers, so a
change that makes the validator worse fails; raise the floors as it gets better.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from junheng.core.codec import offset_runs
from junheng.core.model import FileResult, Finding
from junheng.evaluate.gold import DevGold, load_dev
from junheng.evaluate.inconsistencies import evidence_spans, judge
from junheng.evaluate.metrics import same_value
from junheng.evaluate.offsets import TextMap, overlap
from junheng.runner import InputFile, process_file
from junheng.validate.rules import ARITHMETIC_RULES

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "gold" / "dev"
DEVCORPUS = ROOT.parent / "shared" / "devcorpus"

# Measured on 2026-12-01 with the dev gold of that day, the same with the validator of commit
# 9d7b000 and with the working tree of that evening: 122 plantings (123 holding relations, one
# without a number in digits), 27 flagged: recall 0.221 (held-out 1/44 = 0.023, tuning 26/78 =
# 0.333); 8 false alarms on the unchanged pages. After the breakdowns of the statement layer went
# into the sums (the same evening): 34 flagged, recall 0.279 (held-out 3/44, tuning 31/78); 1
# false alarm; with named rates, class sizes, per-hundred values and parallel frames: 37 (held-out
# 3/44, tuning 34/78), recall 0.303. Session 4 (2026-12-01, later): tables checked across their
# rows, 其中 bound across clauses, elided units, named rates without 其中, change rates,
# percentage points, bases written inside shares: 62 flagged (held-out 4/44, tuning 58/78), recall
# 0.508, still 1 false alarm (held-out). Session 5 (2026-12-02) started from 69 flagged at commit
# c9ac3d9 (held-out 11/44, tuning 58/78); with signed rates, growth after the amount compared with,
# relations between figures by level, parts among a total (…中,) and where a list of parts ends:
# 78 flagged (held-out 18/44, tuning 60/78), recall 0.639, 1 false alarm (held-out). These are
# floors against regressions, not targets: the targets are recall >= 0.90 and 0 false
# alarms.
RECALL_TODAY = 0.639
FALSE_ALARMS_TODAY = 1
TARGET_RECALL, TARGET_FALSE_ALARMS = 0.90, 0

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not DEVCORPUS.is_dir(),
        reason=f"the development corpus's texts are not at {DEVCORPUS} (the gold points into them)",
    ),
]

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
# Which number of a relation is changed: the first of these roles written in digits.
_ROLE_ORDER = (
    "total", "rate", "quotient", "share", "after", "change", "part", "count", "dividend",
    "divisor", "base", "before",
)


@dataclass(frozen=True)
class Planting:
    gold: DevGold
    relation: dict[str, Any]
    start: int  # of the changed number in the page's text
    end: int
    new_written: str
    new_value: float  # normalised as the gold's value (1130万元 → 11300000)

    def describe(self) -> str:
        return f"{self.gold.name} doc {self.relation['doc']} {self.relation['formula']} → " \
            f"{self.new_written}"


@dataclass(frozen=True)
class Outcome:
    planting: Planting
    flagged: bool


def _changed(written: str, down: bool) -> str:
    """A wrong value for ``written`` with its decimal places, well outside any rounding."""
    decimals = len(written.split(".")[1]) if "." in written else 0
    value = float(written)
    step = 10.0 ** (-decimals)
    new = round(value * 0.7 - step, decimals) if down else round(value * 1.3 + 7 * step, decimals)
    if new <= 0 or new == value:
        new = round(value + 5 * step, decimals)
    return f"{new:.{decimals}f}"


def _planting(gold: DevGold, relation: dict[str, Any]) -> Planting | None:
    """The planting for one holding relation; None when none of its numbers is in digits."""
    numbers = [n for n in relation.get("numbers", []) if _DIGITS.fullmatch(n["number"])]
    if not numbers:
        return None
    rank = {role: k for k, role in enumerate(_ROLE_ORDER)}
    number = min(numbers, key=lambda n: rank.get(n.get("role", ""), len(rank)))
    written = number["number"]
    role = number.get("role")
    down = role == "total" or (role in ("rate", "share") and float(written) > 75)
    new_written = _changed(written, down)
    old = float(written)
    new_value = float(number["value"]) * float(new_written) / old if old else float(new_written)
    return Planting(gold, relation, number["start"], number["end"], new_written, new_value)


def _run(text: str, name: str) -> FileResult:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(text.encode("utf-8"))
        return process_file(InputFile(path, name))


def _arithmetic(result: FileResult, text: str) -> list[tuple[dict[str, Any], list]]:
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


def _row(finding: Finding) -> dict[str, Any]:
    return {
        "file": finding.file,
        "rule": finding.rule,
        "message": finding.message,
        "values": list(finding.values),
        "evidence": [{"file": e.file, "start": e.start, "end": e.end} for e in finding.evidence],
    }


def _key(row: dict[str, Any]) -> tuple:
    return row["rule"], tuple(round(float(v), 6) for v in row["values"])


@cache
def _corpus() -> tuple[DevGold, ...]:
    return tuple(load_dev(GOLD).files)


@cache
def _baseline(name: str) -> tuple[tuple[dict[str, Any], list], ...]:
    gold = next(g for g in _corpus() if g.name == name)
    return tuple(_arithmetic(_run(gold.text, gold.name), gold.text))


def _plantings() -> Iterator[Planting | tuple[DevGold, dict[str, Any]]]:
    for gold in _corpus():
        for relation in gold.data.get("relations", []):
            if relation.get("holds"):
                yield _planting(gold, relation) or (gold, relation)


def _outcome(planting: Planting) -> Outcome:
    text = planting.gold.text
    planted = text[: planting.start] + planting.new_written + text[planting.end :]
    changed = (planting.start, planting.start + len(planting.new_written))
    before = {_key(row) for row, _ in _baseline(planting.gold.name)}
    flagged = any(
        _key(row) not in before
        and (
            any(overlap(changed, e) for e in evidence)
            or any(same_value(float(v), planting.new_value) for v in row["values"])
        )
        for row, evidence in _arithmetic(_run(planted, planting.gold.name), planted)
    )
    return Outcome(planting, flagged)


@cache
def _measure() -> dict[str, Any]:
    outcomes: list[Outcome] = []
    unplantable: list[str] = []
    for planting in _plantings():
        if isinstance(planting, Planting):
            outcomes.append(_outcome(planting))
        else:
            gold, relation = planting
            unplantable.append(f"{gold.name} doc {relation['doc']} {relation['formula']}")
    false_alarms: list[str] = []
    for gold in _corpus():
        placed = list(_baseline(gold.name))
        verdict = judge(gold.data.get("relations", []), gold.data.get("inconsistencies", []),
                        placed)
        false_alarms += [f"{gold.name}: {placed[n][0]['message']}" for n, _ in verdict["false"]]

    def recall(split: str | None) -> dict[str, Any]:
        chosen = [o for o in outcomes if split is None or o.planting.gold.split == split]
        flagged = sum(o.flagged for o in chosen)
        return {
            "plantings": len(chosen),
            "flagged": flagged,
            "recall": round(flagged / len(chosen), 4) if chosen else 1.0,
        }

    return {
        "overall": recall(None),
        "heldout": recall("heldout"),
        "tuning": recall("tuning"),
        "false_alarms": len(false_alarms),
        "targets": {"recall": TARGET_RECALL, "false_alarms": TARGET_FALSE_ALARMS},
        "unplantable": unplantable,
        "missed": [o.planting.describe() for o in outcomes if not o.flagged],
        "flagged": [o.planting.describe() for o in outcomes if o.flagged],
        "false_alarm_findings": false_alarms,
    }


def test_validate_dev_gold_planted_errors(tmp_path: Path) -> None:
    """Reports the planted-error recall and the false alarms on the dev corpus; fails only when
    they fall behind today's (targets: recall ≥ 0.90, no false alarm)."""
    measured = _measure()
    (tmp_path / "dev_planted.json").write_text(
        json.dumps(measured, ensure_ascii=False, indent=1), "utf-8"
    )
    summary = (
        "dev planted errors: "
        + ", ".join(
            f"{split} {measured[split]['flagged']}/{measured[split]['plantings']} "
            f"({measured[split]['recall']:.3f})"
            for split in ("overall", "heldout", "tuning")
        )
        + f"; false alarms on the unchanged pages: {measured['false_alarms']}; "
        f"{len(measured['unplantable'])} relations without a number in digits; "
        f"details in {tmp_path / 'dev_planted.json'}"
    )
    print(summary)
    assert measured["overall"]["plantings"] >= 50, summary
    # Floors at today's numbers (see RECALL_TODAY); the targets are recall >= 0.90 and 0 false
    # alarms.
    assert measured["overall"]["recall"] >= RECALL_TODAY - 0.02, summary
    assert measured["false_alarms"] <= FALSE_ALARMS_TODAY, summary
