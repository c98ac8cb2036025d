"""claim_unsupported: an outcome that says a problem is fixed while its own numbers say otherwise.

Two readings, both over the numbers the text gives:

* a deficiency stated with a size ("无100米直跑道", "缺600册") answered by a fix of the same unit
  that is smaller ("已修建…60米长…直跑道" → 60 < 100). Read inside one sentence (seed 001 writes the
  problem again in the outcome), and across a problem item and the outcomes linked to it;
* an outcome that says 已达标 for an indicator whose figures in the problem or the outcome are
  still below the profile's threshold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from junheng.core.model import Finding, Item, ItemKind, Severity
from junheng.validate.context import (
    DocContext,
    figure_evidence,
    finding,
    fmt,
    quantity_evidence,
)
from junheng.validate.profile import ThresholdRule
from junheng.validate.quantities import Q, quantities

_DEFICIENCY = re.compile(r"(?:无|没有|缺少?|不足|未达到|达不到)\s*$")
_FIX = re.compile(
    r"已修建|已建|已配|已购|已补|援助|新增|购置|购买|配备了|修建了|建成|补充了?|增加了?"
)
_CLAIM = re.compile(r"已达标|已解决|已整改到位|已配齐|已补足|达到标准")


def _split(ctx: DocContext, start: int, end: int) -> tuple[list[Q], list[Q]]:
    """Quantities stated as a deficiency, and quantities stated as what was done."""
    text, units = ctx.doc.text, tuple(ctx.profile.tolerances.counted_units)
    wanted, done = [], []
    fix_from = None
    match = _FIX.search(text, start, end)
    if match:
        fix_from = match.start()
    for q in quantities(text, start, end, units, ctx.quantities):
        if q.hedged:
            continue
        before = text[max(start, q.start - 4) : q.start]
        if _DEFICIENCY.search(before) and (fix_from is None or q.start < fix_from):
            wanted.append(q)
        elif fix_from is not None and q.start > fix_from:
            done.append(q)
    return wanted, done


def _unsupported(wanted: list[Q], done: list[Q]) -> list[tuple[Q, Q]]:
    pairs = []
    for need in wanted:
        same = [q for q in done if q.unit == need.unit and q.unit]
        if same:
            best = max(same, key=lambda q: q.value)
            if best.value < need.value:
                pairs.append((need, best))
    return pairs


def _message(need: Q, best: Q, text: str) -> str:
    noun = text[need.unit_end : need.unit_end + 6].split("，")[0].split(",")[0]
    return (
        f"问题为缺少{fmt(need.value, need.unit)}{noun}，整改情况只写了{fmt(best.value, best.unit)}"
        f"，未达到问题所要求的{fmt(need.value, need.unit)}，不能视为已整改到位，请核实"
    )


def _from_sentences(ctx: DocContext) -> list[Finding]:
    found = []
    for index, start, end in ctx.spans():
        for sentence in ctx.sentences(index, start, end):
            wanted, done = _split(ctx, sentence.start, sentence.end)
            for need, best in _unsupported(wanted, done):
                found.append(
                    finding(
                        ctx,
                        index,
                        "claim_unsupported",
                        _message(need, best, ctx.doc.text),
                        [need.value, best.value],
                        quantity_evidence(ctx, index, (need, best)),
                        expected=need.value,
                        severity=Severity.WARNING,
                    )
                )
    return found


def _linked(problem: Item, items: Iterable[Item]) -> list[Item]:
    links = {(link.kind, link.index) for link in problem.links}
    return [
        item
        for item in items
        if item.kind == ItemKind.OUTCOME
        and item.doc == problem.doc
        and (
            (ItemKind.OUTCOME, item.index) in links
            or any(
                link.kind == ItemKind.PROBLEM and link.index == problem.index for link in item.links
            )
        )
    ]


def _from_items(ctx: DocContext) -> list[Finding]:
    found = []
    text = ctx.doc.text
    for problem in (i for i in ctx.items if i.kind == ItemKind.PROBLEM):
        wanted, _ = _split(ctx, problem.span.start, problem.span.end)
        for outcome in _linked(problem, ctx.items):
            _, done = _split(ctx, outcome.span.start, outcome.span.end)
            for need, best in _unsupported(wanted, done):
                found.append(
                    finding(
                        ctx,
                        problem.doc,
                        "claim_unsupported",
                        _message(need, best, text),
                        [need.value, best.value],
                        quantity_evidence(ctx, problem.doc, (need, best)),
                        expected=need.value,
                        severity=Severity.WARNING,
                    )
                )
            found += _claimed_met(ctx, problem, outcome)
    return found


def _claimed_met(ctx: DocContext, problem: Item, outcome: Item) -> list[Finding]:
    """An outcome saying 已达标 while a figure of the problem or outcome misses its threshold."""
    claim = _CLAIM.search(outcome.text)
    if not claim:
        return []
    rules = {r.indicator: r for r in ctx.profile.active(ThresholdRule) if r.indicator}
    found = []
    for figure in (*problem.figures, *outcome.figures):
        rule = rules.get(figure.indicator)
        if rule is None or figure.kind != "actual":
            continue
        if rule.passes(figure.value, figure.level) is False:
            limit = rule.limit(figure.level)
            message = (
                f"整改情况称“{claim.group()}”，但报告所写{rule.name_zh}"
                f"为{fmt(figure.value, figure.unit)}，仍低于{rule.source.cite()}要求的"
                f"{fmt(limit, rule.unit)}，请核实"
            )
            evidence = quantity_evidence(ctx, problem.doc, ())
            found.append(
                finding(
                    ctx,
                    problem.doc,
                    "claim_unsupported",
                    message,
                    [figure.value],
                    evidence + figure_evidence(ctx, (figure,)),
                    expected=limit,
                    standard=f"{rule.source.cite()} {rule.id}",
                    severity=Severity.WARNING,
                )
            )
    return found


def check_claims(ctx: DocContext) -> list[Finding]:
    """claim_unsupported from items when there are any, and from single sentences."""
    found = _from_items(ctx) if ctx.items else []
    seen = {(f.doc, tuple((e.start, e.end) for e in f.evidence)) for f in found}
    for item in _from_sentences(ctx):
        key = (item.doc, tuple((e.start, e.end) for e in item.evidence))
        if key not in seen:
            seen.add(key)
            found.append(item)
    return found
