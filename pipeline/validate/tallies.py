"""A total said after the enumerated items it adds up: "一是校舍改造项目12个;二是运动场项目8个;三
是设备购置项目6个。以上共计26个项目。"

The total's words say it sums what was listed above it (``tally_above`` in relations.yaml: 以上共
计, 上述…合计 …). Its parts are the items right before it, each opening with an enumeration mark
(一是, 二是 …; 1. 2. …; ① ② …) in the order of the marks from the first, each its own ;-segment or
sentence, each holding exactly one number in the total's unit; the items end where a segment
opens with no mark. A listed item holding two numbers of the unit (a part with its own
breakdown) leaves the list unread: which of them the total adds is not said. Since the total says
it adds them all, the parts must add up to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from itertools import pairwise

from junheng.validate.quantities import Q
from junheng.validate.relations import CHANGE_BEFORE, Relation, Sentence, sum_of, vocab

_BACK = 8  # sentences searched back for the items
_ORDINALS = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_MARK = re.compile(
    r"\s*(?:([一二三四五六七八九十])是|[(（]?(\d{1,2}|[一二三四五六七八九十])[)）.、．]"
    r"|([①②③④⑤⑥⑦⑧⑨⑩]))"
)
_COLON = re.compile(r"[:：]")


def tallies_above(
    text: str,
    sentences: Sequence[Sentence],
    index: int,
    rounding: str,
    read: AbstractSet[int] = frozenset(),
) -> Iterator[Relation]:
    """The sum that a total of ``sentences[index]`` says of the items listed before it."""
    words = vocab()["tally_above"]
    for head in sentences[index].quantities:
        if head.start in read or head.hedged or not head.written[:1].isdigit():
            continue
        if head.ratio is not None or head.unit in ("%", "") or not words.search(head.label):
            continue
        parts = _items(text, sentences, index, head)
        if len(parts) >= 2:
            relation = sum_of(head, parts, rounding, exhaustive=True)
            if relation is not None:
                yield relation


def _items(text: str, sentences: Sequence[Sentence], index: int, head: Q) -> list[Q]:
    """The listed items' numbers before the total, in text order; empty unless they are
    marked in order from the first mark and each holds one number of the total's unit."""
    segments: list[tuple[Sentence, int, int]] = []
    for k in range(index - 1, max(-1, index - 1 - _BACK), -1):
        sentence = sentences[k]
        said = text[sentence.start : sentence.end]
        cuts = [sentence.start + m.end() for m in re.finditer(r"[;；]", said)]
        bounds = [sentence.start, *cuts, sentence.end]
        spans = [(sentence, a, b) for a, b in pairwise(bounds) if text[a:b].strip()]
        run = 0  # the marked segments that end the sentence
        while run < len(spans) and _mark(text, *spans[len(spans) - 1 - run][1:]) is not None:
            run += 1
        segments[:0] = spans[len(spans) - run :]
        if run < len(spans) or not run:
            break  # the list opens inside this sentence ("…项目三类:一是…"), or before it
    ranks = [_mark(text, begin, end) for _, begin, end in segments]
    if len(ranks) < 2 or ranks != list(range(1, len(ranks) + 1)):
        return []
    parts: list[Q] = []
    for sentence, begin, end in segments:
        counts = [q for q in sentence.quantities if begin <= q.start < end and q.unit == head.unit]
        if len(counts) != 1 or not _plain(counts[0]):
            return []
        parts.append(counts[0])
    return parts


def _plain(q: Q) -> bool:
    return (
        q.written[:1].isdigit()
        and not q.hedged
        and q.ratio is None
        and q.role == "value"
        and not CHANGE_BEFORE.search(q.label)
    )


def _mark(text: str, begin: int, end: int) -> int | None:
    """The rank of the enumeration mark opening the segment ``text[begin:end]``, or opening
    what follows a colon in it (a lead-in, then the first item: "…项目三类:一是…"); else None."""
    found = _MARK.match(text, begin, end)
    if found is None:
        colon = _COLON.search(text, begin, end)
        found = _MARK.match(text, colon.end(), end) if colon else None
    if found is None:
        return None
    chinese, numbered, circled = found.groups()
    if circled:
        return _CIRCLED.index(circled) + 1
    token = chinese or numbered
    return int(token) if token.isdigit() else _ORDINALS.index(token) + 1
