"""Blocks of a section: a count of schools with what they hold, then the same for each kind of
school a 其中 sentence names.

A bulletin's section often gives its schools, their pupils and teachers, then one sentence group
per kind of school ("全市高中阶段共有学校7所。招生6200人,在校生18300人,专任教师1520人。其中
普通高中5所,招生4400人,在校生13100人。…其中中等职业学校2所,招生1800人,在校生5200人。").
No sentence states a sum, but the blocks do: the kinds' schools may not exceed the section's (a
kind may go unnamed), and every count each block gives once (招生, 在校生 …) must add up when
the schools do (then the 其中 blocks are the whole section), else may not exceed the section's
either. A block runs from its count of schools to the next block's; the last one to the end of
its line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from junheng.core.model import Figure, FigureKind
from junheng.validate.by_level import plain_count
from junheng.validate.quantities import Q, sentence_start
from junheng.validate.relations import Relation, Sentence, sum_of, vocab

# a 其中 that opens a sentence or a line and names a kind of school before its count
_OPENS_KIND = re.compile(r"(?:^|[。!?！？\n])\s*其中[,，:：]?\s*[^\d,，。;；:：!?！？\n]{1,14}$")
_REACH = 20  # characters before a count looked at for its 其中


def block_relations(
    text: str,
    figures: Sequence[Figure],
    sentences: Sequence[Sentence],
    rounding: str,
    known: Sequence[Relation] = (),
) -> list[Relation]:
    """The sums of one report's blocks (see the module); ``known`` are the relations its
    sentences state, not read again."""
    at = {q.start: q for sentence in sentences for q in sentence.quantities}
    said = {(r.kind, r.stated.start) for r in known}
    actual = sorted(
        (f for f in figures if f.kind == FigureKind.ACTUAL and f.school is None),
        key=lambda f: f.span.start,
    )
    schools = [f for f in actual if f.indicator == "schools"]
    found: list[Relation] = []
    for i, head in enumerate(schools):
        if _opens_kind(text, head):
            continue  # a kind's block, not a section's
        kinds: list[Figure] = []
        for later in schools[i + 1 :]:
            if not _opens_kind(text, later):
                break
            kinds.append(later)
        if len(kinds) < 2:
            kinds = _named_kinds(text, head, schools[i + 1 :])
        if len(kinds) < 2:
            continue
        found += _sums(text, head, kinds, actual, at, said, rounding)
    return found


def _named_kinds(text: str, head: Figure, later: Sequence[Figure]) -> list[Figure]:
    """The kinds a section's count names in its own sentence (…高中段教育(包括普通高中和中职)共有
    学校6所), when that many counts of schools follow it, each opening a line of its own
    ("普通高中学校5所;…", "中等职业教育学校1所;…")."""
    start = sentence_start(text, head.span.start)
    named = _NAMES_KINDS.search(text, start, head.span.start)
    if named is None:
        return []
    count = len(re.split(r"和|及|与|、", named.group("names")))
    kinds = list(later[:count])
    if len(kinds) < count or not all(
        _LINE_OPENS.search(text, max(0, k.span.start - _REACH), k.span.start) for k in kinds
    ):
        return []
    return kinds


# 包括普通高中和中职 / 含小学、初中: the kinds a count is of
_NAMES_KINDS = re.compile(
    r"(?:包括|包含|含)(?P<names>[^,，。;；()（）\d]{2,20}?(?:和|及|与|、)[^,，。;；()（）\d]{2,10})"
)
# a count of schools that opens its line: only its kind before it ("普通高中学校5")
_LINE_OPENS = re.compile(r"\n\s*[^\d,，。;；:：!?！？\n]{2,14}$")


def _opens_kind(text: str, figure: Figure) -> bool:
    start = figure.span.start
    return _OPENS_KIND.search(text, max(0, start - _REACH), start) is not None


def _sums(
    text: str,
    head: Figure,
    kinds: list[Figure],
    actual: Sequence[Figure],
    at: dict[int, Q],
    said: set[tuple[str, int]],
    rounding: str,
) -> list[Relation]:
    starts = [head.span.start, *(k.span.start for k in kinds)]
    line_end = text.find("\n", kinds[-1].span.start)
    bounds = [*starts[1:], line_end if line_end >= 0 else len(text)]
    blocks: list[dict[str, list[Figure]]] = []
    for start, end in zip(starts, bounds, strict=True):
        block: dict[str, list[Figure]] = defaultdict(list)
        for figure in actual:
            if start <= figure.span.start < end:
                block[figure.indicator].append(figure)
        blocks.append(block)
    found: list[Relation] = []
    # the kinds named may not be all of the section's: their schools may not exceed it
    total = _sum(blocks, "schools", at, said, rounding, False)
    if total is None:
        return found
    found.append(total)
    whole = total.stated.value == sum(q.value for q in total.inputs)  # every kind is named
    additive = set(vocab()["additive"]) - {"schools"}
    for indicator in blocks[0]:
        if indicator in additive:
            relation = _sum(blocks, indicator, at, said, rounding, whole)
            if relation is not None:
                found.append(relation)
    return found


def _sum(
    blocks: list[dict[str, list[Figure]]],
    indicator: str,
    at: dict[int, Q],
    said: set[tuple[str, int]],
    rounding: str,
    exhaustive: bool,
) -> Relation | None:
    """The first block's one count of ``indicator`` over the other blocks' one count each."""
    if any(len(block.get(indicator, ())) != 1 for block in blocks):
        return None
    qs = [at.get(block[indicator][0].span.start) for block in blocks]
    head, *parts = qs
    if head is None or any(q is None for q in parts) or ("sum", head.start) in said:
        return None
    chosen = [q for q in parts if q is not None]
    if not all(plain_count(q, head.unit) for q in [head, *chosen]):
        return None
    return sum_of(head, chosen, rounding, exhaustive)
