"""The validator against the hand-made gold (corpus/gold/*.json and corpus/gold/holdout/*.json).

* Every gold ``inconsistency`` is found on the real seed text, and no arithmetic finding on the
  five seeds falls outside the gold inconsistencies.
* **Planted errors.** For every gold relation that holds and is *checkable*, each of its numbers
  written in its ``text`` is changed in the raw seed file (one at a time), and the file goes through
  the whole pipeline (read_file → segment → figures → items → validate_document). The validator
  must flag the change in the relation's report with a finding whose ``values`` hold the new
  number, and nothing new may appear that does not rest on it (compared with the findings on the
  unchanged file). At least 95% of the planted errors must be flagged, main gold and holdout
  together.

*Checkable* means: the relation is an equation between numbers the report writes (in digits or in
words), of a kind the validator has a rule for — ``sum`` (a total and its parts, also a breakdown
whose total is stated earlier in the paragraph), ``percent``, ``ratio``, ``per_student``,
shortfall and growth, and a stated claim (已达标) that a fix closes a stated gap. Relations left
out, each with its reason, are in :data:`NOT_CHECKED`: a base or a standard the text never writes,
an operation no word states, a relation stated as an inequality.

A planted error is a change that breaks the relation whatever the reading: a sum's total goes
down and its parts go up (so a list that need not exhaust its total, 其中女教师…, is broken too);
a claim's fix goes down (援助图书600册 → 420册 no longer closes 缺600册); every other number goes up
by about a third. A number written in Chinese words (七年级三个教学班) is not changed: only
digits are.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from junheng.core.model import Finding
from junheng.extractors.figures import extract as extract_figures
from junheng.extractors.lists import extract as extract_items
from junheng.ingest import read_file
from junheng.segment import segment
from junheng.validate import load_profile, validate_document
from junheng.validate.rules import ARITHMETIC_RULES as ARITHMETIC

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus" / "seeds"
GOLD = ROOT / "corpus" / "gold"
TARGET = 0.95

# (seed prefix, doc, formula) → why the relation is not checkable
NOT_CHECKED: dict[tuple[str, int, str], str] = {
    ("000", 11, "611/(4432+10973)=3.97%≈4%"): (
        "the base is not written: 占全市义务教育阶段在校生的4% names it, and it is the sum of two "
        "counts of another paragraph (初中4432 + 小学10973)"
    ),
    ("003", 0, "66−20=46"): (
        "an implicit subtraction (在编66人, 交流到外校20人, 在校在编46人): no word states the "
        "operation, and the validator reads no relation that no word states"
    ),
    ("003", 0, "(12+34)/46=100%"): (
        "学历合格率100%: its numerator (专科及以上) is a sum of the subsets the text names, not a "
        "written number"
    ),
    ("003", 1, "989×40−4841=34719"): (
        "needs the standard 40册/生 (应有39560册), which the text does not write"
    ),
    ("003", 1, "73−(68−4)=9"): (
        "a future shortfall after 四名 retirements: 应配73 − (现有68 − 退休4); the shortfall rule "
        "reads 应配 − 现有 = 缺口, and 现有 is stated before 应配 here"
    ),
    ("003", 6, "42.2−13.5>0"): (
        "an inequality (拨款增长高于收入增长), not an equation: most changes keep it true, and no "
        "rule checks a stated comparison"
    ),
    ("003", 6, "15.6−14.5>0"): "an inequality, as 42.2−13.5>0",
    ("003", 6, "12.0−11.9>0"): "an inequality, as 42.2−13.5>0",
}

_NUMBER = re.compile(r"\d+(?:[.。]\d+)?")
_MULTIPLIER = {"万": 1e4, "亿": 1e8, "千": 1e3}


@dataclass(frozen=True)
class GoldFile:
    path: Path
    seed: Path
    holdout: bool
    data: dict

    @property
    def prefix(self) -> str:
        return self.seed.name[:3]


@dataclass(frozen=True)
class Planting:
    """One number of one relation changed in the raw seed text."""

    gold: GoldFile
    relation: dict
    start: int  # of the digits in the raw text
    end: int
    new_written: str
    new_value: float  # in the units the validator reports (128万元 → 1280000)

    def describe(self) -> str:
        r = self.relation
        return f"{self.gold.prefix} doc {r['doc']} {r['formula']}: → {self.new_written}"


def _gold_files() -> list[GoldFile]:
    found = []
    for path in sorted(GOLD.glob("*.json")) + sorted((GOLD / "holdout").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        if "relations" not in data and "inconsistencies" not in data:
            continue
        seed = SEEDS / Path(data["file"]).name
        found.append(GoldFile(path, seed, path.parent.name == "holdout", data))
    return found


GOLD_FILES = _gold_files()


@cache
def _profile():
    return load_profile()


def _run(raw: str, name: str) -> list[Finding]:
    """The whole per-file pipeline on ``raw`` (written to a temp file, read as a .txt)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(raw, "utf-8")
        doc = read_file(path)
    reports = segment(doc)
    figures = extract_figures(doc, reports)
    items = extract_items(doc, reports, figures)
    return validate_document(doc, reports, figures, items, profile=_profile(), file=name)


@cache
def _baseline(seed: Path) -> tuple[Finding, ...]:
    return tuple(_run(seed.read_text("utf-8"), seed.name))


def _key(f: Finding) -> tuple:
    return (f.doc, f.rule, tuple(round(v, 6) for v in f.values))


def _checkable(gold: GoldFile, relation: dict) -> bool:
    return relation["holds"] and (gold.prefix, relation["doc"], relation["formula"]) not in (
        NOT_CHECKED
    )


def _tokens(raw: str, start: int, end: int) -> list[tuple[int, int, float]]:
    return [
        (m.start(), m.end(), float(m.group().replace("。", ".")))
        for m in _NUMBER.finditer(raw, start, end)
    ]


def _align(values: list[float], tokens: list[tuple[int, int, float]]) -> list[tuple[int, int, int]]:
    """Each gold value's digits in the text: the next unused token of that value after the previous
    value's, else the first unused one (values not written in the text, as a base stated in
    another paragraph, have none). Returns ``(index of the value, start, end)``."""
    used: set[int] = set()
    spans = []
    cursor = -1
    for index, value in enumerate(values):
        later = [t for t in tokens if t[0] > cursor and t[0] not in used and t[2] == value]
        anywhere = [t for t in tokens if t[0] not in used and t[2] == value]
        chosen = (later or anywhere or [None])[0]
        if chosen is None:
            continue
        used.add(chosen[0])
        cursor = chosen[0]
        spans.append((index, chosen[0], chosen[1]))
    return spans


def _changed(written: str, down: bool) -> str:
    """A wrong value for ``written`` (same decimal mark and places), well outside any rounding."""
    mark = "。" if "。" in written else "."
    decimals = len(written.split(mark)[1]) if mark in written else 0
    value = float(written.replace("。", "."))
    step = 10.0 ** (-decimals)
    new = round(value * 0.7 - step, decimals) if down else round(value * 1.3 + 7 * step, decimals)
    if new <= 0 or new == value:
        new = round(value + 5 * step, decimals)
    return f"{new:.{decimals}f}".replace(".", mark)


def _plantings(gold: GoldFile) -> Iterator[Planting]:
    raw = gold.seed.read_text("utf-8")
    for relation in gold.data.get("relations", []):
        if not _checkable(gold, relation):
            continue
        text = relation["text"]
        assert raw.count(text) == 1, f"relation text not found once in {gold.seed.name}: {text}"
        at = raw.index(text)
        spans = _align([float(v) for v in relation["values"]], _tokens(raw, at, at + len(text)))
        assert spans, f"no number of the relation is written in its text: {relation}"
        last = len(relation["values"]) - 1
        for index, start, end in spans:
            written = raw[start:end]
            is_total = relation["type"] == "sum" and index == last
            down = relation["type"] == "difference" or is_total
            new_written = _changed(written, down)
            scale = _MULTIPLIER.get(raw[end : end + 1], 1.0)
            new_value = float(new_written.replace("。", ".")) * scale
            yield Planting(gold, relation, start, end, new_written, new_value)


def _has(values: tuple[float, ...], value: float) -> bool:
    return any(v == pytest.approx(value, rel=1e-6) for v in values)


@dataclass(frozen=True)
class Outcome:
    planting: Planting
    flagged: bool
    stray: tuple[str, ...]  # new findings that do not rest on the changed number


def _outcome(planting: Planting) -> Outcome:
    seed = planting.gold.seed
    raw = seed.read_text("utf-8")
    planted = raw[: planting.start] + planting.new_written + raw[planting.end :]
    found = _run(planted, seed.name)
    before = {_key(f) for f in _baseline(seed)}
    doc = planting.relation["doc"]
    flagged = any(f.doc == doc and _has(f.values, planting.new_value) for f in found)
    stray = tuple(
        f"{f.rule} doc {f.doc}: {f.message}"
        for f in found
        if _key(f) not in before and not _has(f.values, planting.new_value)
    )
    return Outcome(planting, flagged, stray)


@cache
def _outcomes() -> tuple[Outcome, ...]:
    return tuple(_outcome(p) for gold in GOLD_FILES for p in _plantings(gold))


def _rate(outcomes: list[Outcome]) -> float:
    return sum(o.flagged for o in outcomes) / len(outcomes) if outcomes else 1.0


# ---- the tests ------------------------------------------------------------------------------


def test_validate_gold_files_have_relations():
    assert any(g.holdout for g in GOLD_FILES) and any(not g.holdout for g in GOLD_FILES)
    assert sum(len(g.data.get("relations", [])) for g in GOLD_FILES) >= 30


def test_validate_gold_not_checked_list_is_current():
    """Every relation left out is in the gold, holds, and says why."""
    present = {
        (g.prefix, r["doc"], r["formula"]) for g in GOLD_FILES for r in g.data.get("relations", [])
    }
    assert set(NOT_CHECKED) <= present
    holding = {
        (g.prefix, r["doc"], r["formula"])
        for g in GOLD_FILES
        for r in g.data.get("relations", [])
        if r["holds"]
    }
    assert set(NOT_CHECKED) <= holding
    assert all(len(reason) > 10 for reason in NOT_CHECKED.values())


@pytest.mark.slow
def test_validate_gold_planted_errors_are_flagged():
    """≥ 95% of the planted errors over the checkable gold relations are flagged (main and holdout
    together), each in its report and with the changed number among the finding's values."""
    outcomes = list(_outcomes())
    main = [o for o in outcomes if not o.planting.gold.holdout]
    holdout = [o for o in outcomes if o.planting.gold.holdout]
    missed = [o.planting.describe() for o in outcomes if not o.flagged]
    summary = (
        f"main {sum(o.flagged for o in main)}/{len(main)} ({_rate(main):.1%}), "
        f"holdout {sum(o.flagged for o in holdout)}/{len(holdout)} ({_rate(holdout):.1%}), "
        f"missed: {missed}"
    )
    print(summary)
    assert len(main) >= 30 and len(holdout) >= 20, summary
    assert _rate(outcomes) >= TARGET, summary


@pytest.mark.slow  # shares the planted runs with the test above
def test_validate_gold_planted_errors_raise_nothing_elsewhere():
    """A planted error adds no finding that does not rest on the changed number."""
    stray = {o.planting.describe(): o.stray for o in _outcomes() if o.stray}
    assert not stray, stray


def _matches(finding: Finding, inconsistency: dict) -> bool:
    reported, computed = (float(v) for v in inconsistency["values"])
    if finding.doc != inconsistency["doc"] or not _has(finding.values, reported):
        return False
    if finding.expected is None:
        return False
    written = str(inconsistency["values"][1])
    places = len(written.split(".")[1]) if "." in written else 0
    return round(finding.expected, places) == pytest.approx(computed)


@pytest.mark.parametrize(
    ("gold", "inconsistency"),
    [(g, i) for g in GOLD_FILES for i in g.data.get("inconsistencies", [])],
    ids=lambda x: x.prefix if isinstance(x, GoldFile) else x["note"][:20],
)
def test_validate_gold_inconsistency_found(gold, inconsistency):
    """Every gold inconsistency is found on the real text: its reported value among the finding's
    values, the value the arithmetic gives as the finding's ``expected``."""
    found = [f for f in _baseline(gold.seed) if f.rule in ARITHMETIC]
    assert any(_matches(f, inconsistency) for f in found), [f.message for f in found]


def test_validate_gold_seed_arithmetic_findings_are_gold_inconsistencies():
    """On all five seeds, every arithmetic finding is one of the gold inconsistencies."""
    gold = {
        g.seed.name: [i for h in GOLD_FILES if h.seed == g.seed for i in h.data["inconsistencies"]]
        for g in GOLD_FILES
    }
    stray = []
    for seed in sorted(SEEDS.glob("*.txt")):
        for f in _baseline(seed):
            if f.rule in ARITHMETIC and not any(_matches(f, i) for i in gold.get(seed.name, [])):
                stray.append(f"{seed.name} doc {f.doc}: {f.message}")
    assert not stray, stray


@pytest.mark.slow
def test_validate_gold_corpus_validates_fast(seed_doc):
    """The five seeds validate (all per-file rules, figures and items given) in well under a
    second."""
    prepared = []
    for seed in sorted(SEEDS.glob("*.txt")):
        doc = seed_doc(seed.name)
        reports = segment(doc)
        figures = extract_figures(doc, reports)
        prepared.append((doc, reports, figures, extract_items(doc, reports, figures), seed.name))
    profile = _profile()
    started = time.perf_counter()
    for doc, reports, figures, items, name in prepared:
        validate_document(doc, reports, figures, items, profile=profile, file=name)
    assert time.perf_counter() - started < 1.0
