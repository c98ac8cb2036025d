"""A named rate said beside its two counts, in either order, with no 其中 between them.

"小学在校生5230人,适龄儿童5240人,入学率99.8%" (the counts first, the part before its population),
"三类残疾儿童入学率达95.2%,全县三类残疾儿童126人,入学120人" (the rate first), "残疾儿童少年入学率
95.6%(应入学136人,已入学130人)" (its counts in brackets). Which of the two counts is the rate's
part and which its population is read from their own words, not from their order: the part's say
what the rate counts (its stem 入学, or ``rate_numerators``: 在校 for 入学率), the population's name
an age group or a total (``rate_denominators``: 适龄, 总数, 应入学) or repeat the rate's subject
(三类残疾儿童) — and say nothing the part's do. Two counts that both read as one side, or neither,
are left alone. Only rates no other rule read are read here (see
:func:`junheng.validate.relations.read_relations`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence, Set

from junheng.validate.quantities import Q
from junheng.validate.relations import Relation, Sentence, checkable, share_of, vocab

# the rate's name right before its number, and the words of its subject before that
_RATE = re.compile(r"([\u4e00-\u9fff]*?)([\u4e00-\u9fff]{2})率(?:为|达到?|是)?\s*$")
# what may stand between two counts, or between the rate and the first count after it
_BESIDE = re.compile(r"\s*[,，、]\s*")
_OPENS = re.compile(r"\s*(?:[,，]|[(（])\s*")
# the words that open a count's clause and say nothing of what it counts
_WHOLE = re.compile(r"^(?:全[县市区州省镇乡校]|本[县市区镇乡校]|我[县市区镇乡校])")


def rates_beside_counts(
    text: str, sentence: Sentence, rounding: str, read: Set[int] = frozenset()
) -> Iterator[Relation]:
    """The relations of the rates of ``sentence`` said right after or right before two counts of
    one unit; ``read``: the starts of numbers another rule has stated."""
    # numbers in digits, not ages: "三类残疾儿童" and "12至14周岁人口" hold numbers that are part of
    # the name of what is counted
    qs = [q for q in sentence.quantities if q.written[:1].isdigit() and q.unit != "岁"]
    for index, rate in enumerate(qs):
        if rate.unit != "%" or rate.start in read or not checkable(rate):
            continue
        named = _RATE.search(_clause(text, sentence.start, rate))
        if named is None or vocab()["growth"].search(rate.label):
            continue
        subject = _WHOLE.sub("", named.group(1))
        pair = _before(text, qs, index) or _after(text, qs, index)
        if pair is None:
            continue
        sides = _sides(text, sentence.start, pair, named.group(2), subject)
        if sides is None:
            continue
        part, population = sides
        relation = share_of(part, population, rate, rounding)
        if relation is not None:
            yield relation


def _clause(text: str, floor: int, q: Q) -> str:
    """The words of ``q``'s own clause before it."""
    return re.split(r"[,，;；。:：、()（）\n]", text[floor : q.start])[-1].strip()


def _counts(a: Q, b: Q) -> bool:
    return a.unit == b.unit and a.unit not in ("%", "年", "") and checkable(a) and checkable(b)


def _before(text: str, qs: Sequence[Q], index: int) -> tuple[Q, Q] | None:
    """The two counts right before the rate, each in its own clause: "…5230人,…5240人,入学率…"."""
    if index < 2 or not _counts(qs[index - 2], qs[index - 1]):
        return None
    first, second = qs[index - 2], qs[index - 1]
    if not _BESIDE.match(_gap(text, first)) or not _BESIDE.match(_gap(text, second)):
        return None
    return first, second


def _after(text: str, qs: Sequence[Q], index: int) -> tuple[Q, Q] | None:
    """The two counts right after the rate: "…入学率达95.2%,全县…126人,入学120人"."""
    if index + 2 >= len(qs) or not _counts(qs[index + 1], qs[index + 2]):
        return None
    rate, first = qs[index], qs[index + 1]
    if not _OPENS.match(_gap(text, rate)) or not _BESIDE.match(_gap(text, first)):
        return None
    return qs[index + 1], qs[index + 2]


def _gap(text: str, q: Q) -> str:
    """The characters right after ``q``'s unit."""
    end = q.unit_end or q.end
    return text[end : end + 2]


def _sides(text: str, floor: int, pair: tuple[Q, Q], stem: str, subject: str) -> tuple[Q, Q] | None:
    """(part, population) of two counts by their words, or None when their words do not tell."""
    words = vocab()
    numerator = words["rate_numerators"].get(stem + "率")
    population = words["rate_denominators"]

    def counts_part(said: str) -> bool:
        said = population.sub("", said)  # 应入学 names the population of 入学率, not its part
        return stem in said or bool(numerator and re.search(numerator, said))

    def names_population(said: str) -> bool:
        if counts_part(said):
            return False
        return bool(population.search(said)) or (len(subject) >= 2 and subject in said)

    said = [_clause(text, floor, q) for q in pair]
    parts = [q for q, s in zip(pair, said, strict=True) if counts_part(s)]
    wholes = [q for q, s in zip(pair, said, strict=True) if names_population(s)]
    if len(parts) != 1 or len(wholes) != 1:
        return None
    return parts[0], wholes[0]
