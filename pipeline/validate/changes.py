"""The changes of a breakdown's parts add up to the change of its total.

A bulletin states each count with its change against the year before, the total's and every
part's: "在校学生86879人,比上年增加1527人。其中,小学生45055人,比上年减少967人;初中生23552人,比上年
增加1474人;高中生11769人,比上年增加644人;中职生6503人,比上年增加376人。" When the parts are the
whole (the statement layer's breakdown is complete) and each of them, and the total, is followed
in its clause by a change in its unit, the parts' changes, a decrease counted negative, must add up
to the total's change (−967+1474+644+376 = 1527). A part without a change of its own leaves the
sum unknown, and nothing is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

from junheng.extractors.statements import Breakdown, Statement
from junheng.validate.quantities import Q
from junheng.validate.relations import Relation, sum_of, vocab

_CLAUSE_BREAK = re.compile(r"[;；。]")


def change_sums(
    text: str,
    breakdowns: Sequence[Breakdown],
    statements: Sequence[Statement],
    q_at: Mapping[int, Q],
    rounding: str,
) -> Iterator[Relation]:
    """The sum of the parts' changes against the total's, for each complete breakdown whose
    total and parts all state one (see the module)."""
    following = {s.quantity.start: nxt for s, nxt in pairwise(statements)}
    for breakdown in breakdowns:
        if not breakdown.complete or len(breakdown.parts) < 2:
            continue
        changes = [
            _change_of(text, s, following.get(s.quantity.start), q_at)
            for s in (breakdown.total, *breakdown.parts)
        ]
        if any(c is None for c in changes):
            continue
        head, *parts = (c for c in changes if c is not None)
        relation = sum_of(head, parts, rounding)
        if relation is not None:
            yield relation


def _change_of(
    text: str, statement: Statement, nxt: Statement | None, q_at: Mapping[int, Q]
) -> Q | None:
    """The change said right after a count in its clause, in its unit ("…45055人,比上年减少967
    人"), signed: a decrease is negative; None when there is none."""
    if nxt is None or "change" not in nxt.marks:
        return None
    count, change = q_at.get(statement.quantity.start), q_at.get(nxt.quantity.start)
    if count is None or change is None or change.unit != count.unit or change.hedged:
        return None
    between = text[count.unit_end or count.end : change.start]
    if _CLAUSE_BREAK.search(between):
        return None
    return signed(change, between)


def signed(change: Q, said: str) -> Q | None:
    """A change by the words ``said`` before it: negative after 减少/下降/降低, itself after
    增加/增长/提高 …, None after neither."""
    words = vocab()
    if words["decline"].search(said):
        return replace(change, value=-change.value)
    return change if words["growth"].search(said) else None
