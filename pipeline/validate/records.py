"""A total said after the records it sums, one record per level: "全县普通高中在校生8200人,教职工
610人;职业高中在校生3100人,教职工190人;义务教育阶段在校生共52600人,教职工3380人。在园幼儿14100
人,在编教职工95人。全县学生总数78000人,教职工总数4275人。"

The total names itself a total (``record_total``: 总数, 合计 …) and a head noun of the lexicon;
its parts are the counts of that noun's group (在校生 and 在园幼儿 for 学生) in the sentences just
before it in the paragraph, one in each ;-segment, each at a level of its own (``record_levels``)
and no level inside another's (义务教育 holds 小学). Nothing says every level was named, so the
parts need only not exceed the total — unless the sentence opens by saying it sums them
(``record_opening``: "小学:学校32所,…。初中:学校13所,…。全县合计学校45所,在校生…", each record
maybe a line of its own): then its every count is the sum of theirs.

A total of a noun that holds levels, with its levels counted later in the paragraph, one count
each: "全县16所中小学均通过标准化验收。…全县14所小学组成教育共同体,…,2所初中开展集团化
办学" (:func:`level_members`). The same: the members need only not exceed it.

A subgroup's total, then its records by level in the next sentence, each naming the subgroup
again: "义务教育中小学随迁子女在校生8.83万人,增加3.54%。在小学就读的随迁子女6.38万人,…;在初中
就读的随迁子女2.45万人,…" (:func:`subgroup_records_after`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from functools import cache
from itertools import pairwise

from junheng.extractors.statements import Noun, Statement, lexicon
from junheng.validate.quantities import Q
from junheng.validate.relations import CHANGE_BEFORE, Relation, Sentence, sum_of, vocab

_BACK = 4  # sentences of the paragraph searched back for the records
# a total's count said of all it counts: "20所中小学均达到…" (均, 全部, 都)
_ALL = re.compile(r"\s*(?:均|全部|都|全都)")


def record_totals(
    text: str,
    sentences: Sequence[Sentence],
    index: int,
    rounding: str,
    read: AbstractSet[int] = frozenset(),
) -> Iterator[Relation]:
    """The sums of the records before ``sentences[index]`` that its totals state (see module)."""
    sentence = sentences[index]
    first = sentence.quantities[0].start if sentence.quantities else sentence.start
    said_all = vocab()["record_opening"].search(text[sentence.start : first]) is not None
    for head in sentence.quantities:
        if head.start in read or head.hedged or not head.written[:1].isdigit():
            continue
        if not (said_all or vocab()["record_total"].search(head.label)):
            continue
        noun = _noun(head.label)
        if noun is None:
            continue
        parts = _records(text, sentences, index, head, noun)
        if len(parts) >= 2:
            # 合计 opening the sentence sums the records it follows; a 总数 may hold more levels
            relation = sum_of(head, parts, rounding, exhaustive=said_all)
            if relation is not None:
                yield relation


def _noun(label: str) -> Noun | None:
    """The last head noun of the lexicon in ``label`` (学生 in 全县学生总数)."""
    found = lexicon().noun_re.findall(label)
    return lexicon().nouns[found[-1]] if found else None


def _records(
    text: str, sentences: Sequence[Sentence], index: int, head: Q, noun: Noun
) -> list[Q]:
    """One count of ``noun``'s group per ;-segment of the sentences right before ``index`` in its
    paragraph, each at another level; empty when a segment has none, or two, or no level. A
    record may stand on a line of its own (小学:…。⏎初中:…。⏎全县合计…): lines of one sentence each
    are read as one paragraph."""
    parts: list[Q] = []
    levels: list[str] = []
    paragraph = sentences[index].paragraph
    for k in range(index - 1, max(-1, index - 1 - _BACK), -1):
        sentence = sentences[k]
        if sentence.paragraph != paragraph and not (
            _alone(sentences, k) and _alone(sentences, k + 1)
        ):
            break
        paragraph = sentence.paragraph
        segments = _segments(text, sentence, head, noun)
        if segments is None:
            break
        for part, level in reversed(segments):
            parts.insert(0, part)
            levels.insert(0, level)
    return parts if _apart(levels) else []


def _alone(sentences: Sequence[Sentence], k: int) -> bool:
    """Whether ``sentences[k]`` is the only sentence of its paragraph (a line of its own)."""
    paragraph = sentences[k].paragraph
    return all(
        sentences[j].paragraph != paragraph for j in (k - 1, k + 1) if 0 <= j < len(sentences)
    )


def _segments(
    text: str, sentence: Sentence, head: Q, noun: Noun
) -> list[tuple[Q, str]] | None:
    """Each ;-segment's one count of the noun's group and its level; None unless every segment
    of the sentence has exactly one, at a level its words name."""
    return _one_per_segment(
        text,
        sentence,
        head,
        lambda q: not CHANGE_BEFORE.search(q.label)
        and (own := _noun(q.label)) is not None
        and own.group == noun.group,
    )


def _one_per_segment(
    text: str, sentence: Sentence, head: Q, fits: Callable[[Q], bool]
) -> list[tuple[Q, str]] | None:
    """Each ;-segment's one count in ``head``'s unit that ``fits``, with the level its words
    name; None unless every segment of the sentence has exactly one, and a level."""
    found: list[tuple[Q, str]] = []
    cuts = [m.end() for m in re.finditer(r"[;；]", text[sentence.start : sentence.end])]
    bounds = [sentence.start, *(sentence.start + c for c in cuts), sentence.end]
    for begin, end in pairwise(bounds):
        counts = [
            q
            for q in sentence.quantities
            if begin <= q.start < end
            and q.unit == head.unit
            and q.written[:1].isdigit()
            and not q.hedged
            and fits(q)
        ]
        level = _level(text[begin:end])
        if len(counts) != 1 or level is None:
            return None
        found.append((counts[0], level))
    return found or None


def _level(words: str) -> str | None:
    """The one level a segment's words name (普通高中, 职业高中, 义务教育阶段, 在园幼儿 …)."""
    named = {level for level, pattern in _levels() if pattern.search(words)}
    return named.pop() if len(named) == 1 else None


@cache
def _levels() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((level, re.compile(p)) for level, p in vocab()["record_levels"].items())


def _apart(levels: Sequence[str]) -> bool:
    """Levels all different, none holding another (义务教育 holds 小学 and 初中)."""
    within: dict[str, list[str]] = vocab()["record_within"]
    if len(set(levels)) != len(levels):
        return False
    return not any(inner in levels for outer in levels for inner in within.get(outer, ()))


def level_members(
    text: str,
    statements: Sequence[Statement],
    q_at: dict[int, Q],
    rounding: str,
    handled: AbstractSet[int] = frozenset(),
) -> Iterator[Relation]:
    """Totals of a noun that holds levels (中小学) over the counts of those levels said later in
    the paragraph, one each, of the same kind of noun (see module)."""
    held_by = lexicon().holds_levels
    for i, total in enumerate(statements):
        noun = total.noun
        if noun is None or noun.word not in held_by:
            continue
        if total.marks and not _ALL.match(text, max(total.quantity.span[1], total.noun_end)):
            continue  # 20所中小学达标: maybe some of them; 20所中小学均达标: all of them
        head = q_at.get(total.quantity.start)
        if head is None or head.start in handled or head.hedged or not head.written[:1].isdigit():
            continue
        members = _members(text, total, statements[i + 1 :], held_by[noun.word])
        parts = [q_at.get(m.quantity.start) for m in members]
        if len(parts) >= 2 and all(p is not None and p.unit == head.unit for p in parts):
            relation = sum_of(head, [p for p in parts if p is not None], rounding, False)
            if relation is not None:
                yield relation


def _members(
    text: str, total: Statement, later: Sequence[Statement], held: frozenset[str]
) -> list[Statement]:
    """The later counts of ``total``'s levels in its paragraph, one per level, up to the next
    count of its own noun or of a kind of no level; empty when a level is counted twice."""
    assert total.noun is not None
    found: dict[str, Statement] = {}
    for member in later:
        if "\n" in text[total.quantity.start : member.quantity.start]:
            break
        noun = member.noun
        if noun is None or noun.group != total.noun.group:
            continue
        if noun.word == total.noun.word or noun.level is None or noun.level not in held:
            break  # another total of the noun, or a kind the total's levels do not name
        # (a count of some of a level's schools, 18所优质小学, is no more than the level's)
        if noun.level in found:
            return []  # two counts of one level: which is the level's is not said
        found[noun.level] = member
    return list(found.values())


def subgroup_records_after(
    text: str,
    sentences: Sequence[Sentence],
    index: int,
    rounding: str,
    read: AbstractSet[int] = frozenset(),
) -> Iterator[Relation]:
    """The count of a subgroup (随迁子女, 留守儿童 …) over its records by level in the next
    sentence of the paragraph, one per ;-segment, each naming the subgroup (see module)."""
    if index + 1 >= len(sentences):
        return
    sentence, following = sentences[index], sentences[index + 1]
    if following.paragraph != sentence.paragraph:
        return
    heads = [q for q in sentence.quantities if q.unit in _PEOPLE and q.written[:1].isdigit()]
    if len(heads) != 1 or heads[0].start in read or heads[0].hedged:
        return
    head = heads[0]
    group = _subgroup(head.label)
    if group is None:
        return
    records = _one_per_segment(text, following, head, lambda q: group in q.label)
    if records is None:
        return
    parts = [q for q, _ in records]
    levels = [level for _, level in records]
    within = vocab()["record_within"].get(_level(head.label) or "", levels)
    if len(parts) >= 2 and _apart(levels) and set(levels) <= set(within):
        relation = sum_of(head, parts, rounding, exhaustive=False)
        if relation is not None:
            yield relation


_PEOPLE = frozenset({"人", "名"})


def _subgroup(label: str) -> str | None:
    """The subgroup word a count's words name (随迁子女 in 义务教育中小学随迁子女在校生), if one."""
    for name, _, pattern in lexicon().marks:
        if name == "subgroup" and (found := pattern.search(label)):
            return found.group()
    return None
