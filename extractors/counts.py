"""Counts as statements: the figures of a report checked against what each count states.

:mod:`junheng.extractors.figures` pairs numbers with the catalogue's wordings; this pass reads the
same report's counts as statements (:mod:`junheng.extractors.statements`) and

1. drops a count figure whose statement is not the unit's holding (a sample, schools meeting a
   condition, a subgroup of people, things built or hired in a period);
2. gives a count the level its noun names (其中小学65所 → 小学);
3. reads breakdowns: the parts count what the total counts (在校生6230人(其中小学4105人,
   初中2125人) gives 4105 and 2125 as 在校生), inherit its marks, and are dropped where the total
   is not a catalogue count (学生食堂76所,其中初中3所) or the part is not one (教学点39个), unless
   the part names a count of its own (教育人口…,其中在校生…,教职工…);
4. adds the counts the wordings missed: a noun after its number (全县共有28所中小学) or before it
   with only filler between (完小5所, 现有老师36人).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache

from junheng.core.model import Figure, Report
from junheng.extractors.catalogue import Indicator, load_catalogue
from junheng.extractors.statements import (
    Breakdown,
    Reading,
    Statement,
    held_part,
    lexicon,
    marks_for,
)

MakeFigure = Callable[
    [Indicator, Statement, tuple[int, int], str | None, str | None], Figure | None
]
"""Builds a figure of ``indicator`` for a statement in a sentence: with the level its noun names
(else the figure extractor's own level rules, else the fallback: its total's level); None when
the statement is not one (a flow, a unit the indicator does not accept)."""


@cache
def count_indicators() -> frozenset[str]:
    """The catalogue ids the lexicon's nouns count (schools, students, teachers …)."""
    return frozenset(n.indicator for n in lexicon().nouns.values() if n.indicator)


def apply_statements(
    report: Report,
    text: str,
    figures: Sequence[Figure],
    reading: Reading,
    make: MakeFigure,
) -> list[Figure]:
    """The report's figures after the four steps of the module docstring, in text order
    (``reading``: the report's statements and breakdowns, read once for the validator too)."""
    statements, sentence_of = reading.statements, reading.sentence_of
    counted = count_indicators()
    by_start = {s.quantity.start: s for s in statements}
    at: dict[int, list[Figure]] = defaultdict(list)
    for figure in figures:
        statement = by_start.get(figure.span.start)
        if figure.indicator in counted and statement is not None:
            if marks_for(statement, figure.indicator):
                continue  # 1: not the unit's holding
            own = statement.noun.indicator if statement.noun else None
            if own is not None and own != figure.indicator and own in counted:
                continue  # "1753名学生,教职工110名": 110 counts the 教职工, not the 学生 before it
            if statement.noun and statement.noun.indicator == figure.indicator:
                level = None if statement.spans_levels else statement.noun.level or figure.level
                figure = replace(figure, level=level)  # 2
        at[figure.span.start].append(figure)
    in_parts: set[int] = set()
    for breakdown in reading.breakdowns:
        in_parts |= {p.quantity.start for p in breakdown.parts}
        _apply_breakdown(breakdown, at, counted, sentence_of, make)
    for statement in statements:  # 4: counts the wordings missed
        start = statement.quantity.start
        noun = statement.noun
        if start in at or start in in_parts or noun is None or noun.indicator is None:
            continue
        if statement.marks:
            continue
        made = make(_indicator(noun.indicator), statement, sentence_of[start], noun.level, None)
        if made is not None:
            at[start].append(made)
    return sorted((f for group in at.values() for f in group), key=lambda f: f.span.start)


def _own_count(part: Statement) -> bool:
    """Whether a part under a total that is no catalogue count names a count of its own: a
    head noun of the lexicon that is no level word (在校生, 教职工 — not the 初中 of 学生食堂76所,
    其中初中3所, which only says whose canteens)."""
    return (
        part.noun is not None
        and part.noun.indicator is not None
        and part.noun.level is None
        and not part.marks
    )


def _indicator(indicator_id: str) -> Indicator:
    return load_catalogue().by_id[indicator_id]


def _apply_breakdown(
    breakdown: Breakdown,
    at: dict[int, list[Figure]],
    counted: frozenset[str],
    sentence_of: dict[int, tuple[int, int]],
    make: MakeFigure,
) -> None:
    """Step 3 for one breakdown: the parts count what the total counts, or nothing."""
    total = breakdown.total
    total_figures = [f for f in at.get(total.quantity.start, ()) if f.indicator in counted]
    indicator = total_figures[0].indicator if total_figures else total.indicator
    for part in breakdown.parts:
        start = part.quantity.start
        own = [f for f in at.get(start, ()) if f.indicator in counted]
        others = [f for f in at.get(start, ()) if f.indicator not in counted]
        not_one = part.noun is not None and part.noun.indicator is None  # 教学点39个
        if indicator is None and _own_count(part) and not total.marks:
            continue  # 教育人口2820万人,其中在校生2659万人,教职工161万人: a count of its own
        if held_part(total, part):
            continue  # 教职工2800人(专任教师2500人,…): the teachers keep their own count
        if total.marks or part.marks or indicator is None or not_one:
            at[start] = others
            if not at[start]:
                del at[start]
            continue
        kept = [f for f in own if f.indicator == indicator]
        fallback = total_figures[0].level if total_figures else None
        if not kept:
            level = part.noun.level if part.noun else None
            made = make(_indicator(indicator), part, sentence_of[start], level, fallback)
            kept = [made] if made is not None else []
        elif fallback is not None:  # a part without a level of its own is scoped as its total
            kept = [f if f.level else replace(f, level=fallback) for f in kept]
        at[start] = others + kept
        if not at[start]:
            del at[start]
