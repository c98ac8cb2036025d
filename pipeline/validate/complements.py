"""A share of a count whose base is the count and the rest that the text names after it:
"全省累计已有95个县通过国家认定,占比95%;…全省尚有5个县未通过认定" is 95 / (95 + 5).

A bare share (``占比M%``, ``占M%``: no base named, none stated before the count) of a count in a
classifier followed by its noun (95个县) is over the whole of that noun's kind when the same
paragraph goes on to count the rest of them: a count after a word for what remains
(``complement_rest`` in relations.yaml: 尚有, 还有, 仍有, 其余 …), in the same classifier,
followed by the same noun and a negation (``complement_negation``: 未, 没有, 尚未 …) — the ones
the count's predicate does not hold for. Nothing else is read as such a base: a rest without a
negation ("尚有5个县正在整改") may be some of the count's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace

from junheng.validate.quantities import Q
from junheng.validate.relations import Relation, Sentence, in_parens, share_of, vocab

_AHEAD = 2  # sentences after the share's searched for the rest
_BARE_SHARE = re.compile(r"^\s*(?:占比|所占比例|占)(?:为|达|是)?\s*$")
_CLAUSE = re.compile(r"[,，;；。:：]")


def complement_shares(
    text: str,
    sentences: Sequence[Sentence],
    index: int,
    rounding: str,
    read: AbstractSet[int] = frozenset(),
) -> Iterator[Relation]:
    """Each bare share of ``sentences[index]`` over its count and the rest said after it."""
    sentence = sentences[index]
    qs = sentence.quantities
    for k, pct in enumerate(qs):
        if pct.unit != "%" or pct.start in read or not _BARE_SHARE.search(pct.label):
            continue
        count = _count_before(text, sentence, qs[:k])
        if count is None or any(q.unit == count.unit for q in qs[: qs.index(count)]):
            continue  # a count said before it may be the base: the other readers' case
        rest = _rest_after(text, sentences, index, pct, count)
        if rest is None:
            continue
        # the base as one number at the rest's place (the evidence of a finding on it), named by
        # both counts: "按…95个与…尚有5个合计100个计"
        base = replace(
            rest,
            value=count.value + rest.value,
            half=count.half + rest.half,
            label=f"{count.label}{count.written}{count.unit}与{rest.label}{rest.written}"
            f"{rest.unit}合计",
        )
        relation = share_of(count, base, pct, rounding)
        if relation is not None:
            yield relation


def _count_before(text: str, sentence: Sentence, before: Sequence[Q]) -> Q | None:
    """The share's count: the last number before it in a classifier with a noun after it, not
    one inside a note's brackets ("2767个县(注:…减少19个)通过…")."""
    for q in reversed(before):
        if in_parens(text, sentence.start, q):
            continue
        return q if q.unit and _noun_after(text, q) else None
    return None


def _noun_after(text: str, q: Q) -> str:
    """The first character after a count's classifier, when it is a word's (个县 → 县)."""
    at = q.unit_end or q.end
    return text[at] if at < len(text) and "\u4e00" <= text[at] <= "\u9fff" else ""


def _rest_after(text: str, sentences: Sequence[Sentence], index: int, pct: Q, count: Q) -> Q | None:
    """The count of the rest: after the share, in its paragraph, the same classifier and noun,
    a word for what remains in its clause before it and a negation right after its noun."""
    words = vocab()
    noun = _noun_after(text, count)
    paragraph = sentences[index].paragraph
    for sentence in sentences[index : index + _AHEAD + 1]:
        if sentence.paragraph != paragraph:
            break
        for q in sentence.quantities:
            if q.start <= pct.start or q.unit != count.unit or _noun_after(text, q) != noun:
                continue
            clause = max(
                (m.end() for m in _CLAUSE.finditer(text, sentence.start, q.start)),
                default=sentence.start,
            )
            after = (q.unit_end or q.end) + len(noun)
            if words["complement_rest"].search(text, clause, q.start) and words[
                "complement_negation"
            ].match(text, after):
                return q
    return None
