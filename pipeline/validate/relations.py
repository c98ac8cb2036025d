"""Arithmetic relations a sentence states, read from its words and numbers.

:func:`read_relations` finds, in one sentence (and the sentences before it in the same paragraph,
for a base or a count stated there), the relations the text lets one check:

* ``sum``: a total and its parts (…18601人，其中…4432人…10973人 / …262人…247人…199人，共计611人),
  and a breakdown of the teachers by title, degree or age band whose total is the count of
  teachers stated before it in the paragraph;
* ``percent``: a count and its share (专科学历12人，占26%) against a base stated nearby;
* ``ratio``: 师生比/生机比 1:r against the counts stated nearby, else the report's one count;
* ``per_student``: 生均X against a total X and the students (of the sentence, the paragraph, or
  the one student count the report gives);
* ``shortfall``: 缺口 against 应配 − 现有 (in that order);
* ``growth``: 从A…到B，增长M% (or 增加N).

Each :class:`Relation` carries the numbers, the interval the inputs allow, and whether the stated
number fits it. The words come from ``relations.yaml``. Nothing here decides severity or wording:
that is :mod:`junheng.validate.arithmetic`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from typing import Any

from junheng.core.yamldata import package_yaml
from junheng.extractors.figures import standard_after
from junheng.extractors.numbers import Quantities, span_of_years
from junheng.extractors.statements import (
    SCHOOLS_COUNT,
    Breakdown,
    Noun,
    Reading,
    Statement,
    by_dimension,
    counted_among,
    counted_units,
    lexicon,
    names_another_thing,
    read_report,
)
from junheng.validate.interval import Interval, total
from junheng.validate.quantities import Q, quantities, sentence_spans, sentence_start

_PAREN_OPEN, _PAREN_CLOSE = "（(", "）)"
_BASE_LOOKBACK = 5  # sentences of the same paragraph searched for a base or a count


@cache
def vocab() -> dict[str, Any]:
    """The word lists of ``relations.yaml``, regular expressions compiled."""
    data = package_yaml("junheng.validate", "relations.yaml")
    return {k: (re.compile(v) if isinstance(v, str) else v) for k, v in data.items()}


@dataclass(frozen=True, slots=True)
class Relation:
    """One checkable relation: ``stated`` should lie in ``allowed`` (computed from ``inputs``)."""

    kind: str
    inputs: tuple[Q, ...]
    stated: Q
    expected: float
    allowed: Interval
    holds: bool
    exhaustive: bool = True
    names: tuple[str, ...] = field(default=())

    @property
    def quantities(self) -> tuple[Q, ...]:
        return (*self.inputs, self.stated)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence span, its quantities (role ``value``) and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int
    quantities: tuple[Q, ...]


def read_relations(
    text: str,
    sentences: Sequence[Sentence],
    rounding: str = "either",
    numbers: Quantities | None = None,
    span: tuple[int, int] | None = None,
) -> Iterator[Relation]:
    """Every relation stated in ``sentences`` (in document order).

    ``sentences`` are those of one report: a per-student figure or a ratio whose counts are not in
    its own paragraph takes them from anywhere in the report when the report states them once
    (:func:`_report_count`). The breakdowns come from the statement layer
    (:mod:`junheng.extractors.statements`), the same reading the figures are made from (read
    once when ``span``, the report's, is given with the document's ``numbers``); the sums it does
    not cover are read here.
    """
    from junheng.validate.brackets import bracket_sums  # these import this module
    from junheng.validate.complements import complement_shares
    from junheng.validate.following import sums_of_next, sums_of_run
    from junheng.validate.named_shares import named_part_shares
    from junheng.validate.progress import progress_rates
    from junheng.validate.rate_counts import rates_beside_counts
    from junheng.validate.records import record_totals, subgroup_records_after
    from junheng.validate.respective import respective_relations
    from junheng.validate.tallies import tallies_above

    pool = [q for sentence in sentences for q in sentence.quantities]
    numbers = numbers if numbers is not None else Quantities.of(text)
    structured, handled = _structured(text, sentences, numbers, rounding, span)
    yield from structured
    read = {r.stated.start for r in structured}
    sums: list[Relation] = []
    for index, sentence in enumerate(sentences):
        window = _window(sentences, index)
        said: list[Relation] = [
            *_sums(text, sentence, rounding, handled),
            *bracket_sums(text, sentence, rounding, handled, counted_units()),
            *_breakdowns(text, sentence, window, rounding),
            *_shares(
                text, sentence, window, rounding, pool, read, _paragraph_before(sentences, index)
            ),
            *_ratios(text, sentence, window, pool, rounding),
            *_per_student(text, sentence, window, pool, rounding),
            *_per_capita(text, sentence, window, rounding),
        ]
        if index:
            said += _sums_of_previous(text, sentences[index - 1], sentence, rounding)
            said += record_totals(text, sentences, index, rounding, read)
        said += subgroup_records_after(text, sentences, index, rounding, read)
        said += tallies_above(text, sentences, index, rounding, read)
        if index + 1 < len(sentences):
            said += sums_of_next(
                text, sentence, sentences[index + 1], rounding, handled, counted_units()
            )
            said += sums_of_run(text, sentences, index, rounding, handled)
        said += _class_sizes(text, sentence, window, pool, rounding)
        said += _per_unit(text, sentence, window, rounding)
        said += _multiples(text, sentence, rounding)
        said += _per_hundred(text, sentence, window, pool, rounding)
        said += _shortfalls(text, sentence, rounding)
        said += _growth(text, sentence, rounding)
        said += respective_relations(text, sentences, index, window, pool, rounding)
        said += _partition_by_shares(said, rounding)
        read |= {r.stated.start for r in said}
        said += progress_rates(text, sentence, rounding, read, window)
        read |= {r.stated.start for r in said}
        said += rates_beside_counts(text, sentence, rounding, read)
        said += complement_shares(text, sentences, index, rounding, read)
        sums += (r for r in said if r.kind == "sum")
        yield from said
    rates = [q for q in pool if q.unit == "%"]
    yield from named_part_shares(text, sums, rates, rounding, read)


def _window(sentences: Sequence[Sentence], index: int) -> list[Q]:
    """Quantities of this sentence and up to five before it in the same paragraph."""
    current = sentences[index]
    found: list[Q] = []
    for back in range(index, max(-1, index - _BASE_LOOKBACK - 1), -1):
        if sentences[back].paragraph != current.paragraph:
            break
        found = list(sentences[back].quantities) + found
    return found


def _paragraph_before(sentences: Sequence[Sentence], index: int) -> list[Q]:
    """Quantities of the paragraph just before this sentence's (its last five sentences)."""
    current = sentences[index].paragraph
    back = index
    while back > 0 and sentences[back - 1].paragraph == current:
        back -= 1
    if back == 0:
        return []
    last = sentences[back - 1].paragraph
    before = sentences[max(0, back - _BASE_LOOKBACK) : back]
    return [q for s in before if s.paragraph == last for q in s.quantities]


def _digits(q: Q) -> bool:
    """Written in Arabic digits (四名, 第四名 are words, not figures of a sum)."""
    return q.written[:1].isdigit() and q.ratio is None and q.role == "value"


def _word_count(q: Q) -> bool:
    """A count written in words (一所, 两个), not a rank (第四名) nor a ratio."""
    return q.role == "value" and q.ratio is None and q.value == q.value and q.value >= 1


def _checkable(q: Q) -> bool:
    return not q.hedged and q.role == "value" and q.ratio is None and q.value == q.value


def _in_parens(text: str, start: int, q: Q) -> bool:
    depth = 0
    for char in text[start : q.start]:
        depth += char in _PAREN_OPEN
        depth -= char in _PAREN_CLOSE
    return depth > 0


def _line_start(text: str, q: Q) -> int:
    return text.rfind("\n", 0, q.start) + 1


def _between(text: str, a: Q, b: Q) -> str:
    return text[a.unit_end or a.end : b.start]


def _iv(q: Q, rounding: str) -> Interval:
    return Interval.of(q, rounding)


# ---- sums -----------------------------------------------------------------------------------


def _structured(
    text: str,
    sentences: Sequence[Sentence],
    numbers: Quantities,
    rounding: str,
    span: tuple[int, int] | None = None,
) -> tuple[list[Relation], set[int]]:
    """Sums of the statement layer's breakdowns (a total and its parts, complete or not: an
    incomplete one is checked only for parts above the total), and a single part's named rate
    ("总数为2780人,其中在校2771人,入学率为99.7%"); with the totals they cover."""
    if not sentences:
        return [], set()
    q_at = {q.start: q for sentence in sentences for q in sentence.quantities}
    # the report's reading, shared with the figure extractor (the sentences' span when the
    # caller names no report)
    reading = read_report(text, numbers, *(span or (sentences[0].start, sentences[-1].end)))
    statements, read = list(reading.statements), list(reading.breakdowns)
    found: list[Relation] = []
    handled: set[int] = set()
    for breakdown in read:
        head = q_at.get(breakdown.total.quantity.start)
        parts = [q_at.get(p.quantity.start) for p in breakdown.parts]
        if head is None or any(p is None for p in parts) or not _digits(head):
            continue
        counted = [p for p in parts if p is not None and (_digits(p) or _word_count(p))]
        if len(counted) != len(parts) or not any(map(_digits, counted)):
            continue  # a part in words among parts in digits counts ("九年一贯制学校一所")
        handled.add(head.start)
        # 其中义务教育阶段…: a subset
        whole = (breakdown.complete and _exhaustive(counted[0], head)) or (
            breakdown.unbroken and _partition(counted)
        )
        if _types_among_level(breakdown):
            whole = False
        relation = _sum(head, counted, rounding, whole)
        points = [q for p, q in zip(breakdown.parts, counted, strict=True) if _school_point(p)]
        if relation is not None and not relation.holds and points and _of_schools(breakdown):
            # 小学6所,其中中心小学1所,村小5所,教学点3个: 教学点 are listed beside the schools as
            # often as among them; the sum without them is the one the text states
            without = _sum(head, [q for q in counted if q not in points], rounding, whole)
            relation = without if without is None or without.holds else relation
        if relation is not None and not relation.holds and whole and _levels_beside(breakdown):
            # 普通中小学8所,其中完全中学1所,初级中学1所,小学6所,九年一贯制学校1所: the schools of
            # a type of two levels may be counted under a level too; the parts then exceed the
            # total by that type's count (or all such types')
            spans = zip(breakdown.parts, counted, strict=True)
            spanning = [q.value for p, q in spans if p.spans_levels]
            over = relation.expected - head.value
            if over > 0 and (over in spanning or over == sum(spanning)):
                relation = replace(relation, holds=True)
        if relation is not None:
            found.append(relation)
    # a later part of a breakdown and its own rate ("其中专科学历58人,…;本科学历16人,本科率25%"):
    # over the head, not over the part before it
    later = [(b.total, part) for b in read for part in b.parts[1:]]
    later += _after_qizhong(text, statements)
    headed = {id(part) for _, part in later}
    # a count in brackets is an aside ("人口数405人(含残疾1人),达小学毕业402人"): no side of a pair
    inside = _bracketed(text, [s.quantity.start for s in statements])
    plain = [s for s in statements if s.quantity.start not in inside]
    pairs = [(w, p) for w, p in pairwise(plain) if id(p) not in headed] + later
    # "全市2358所…学校已完成自查,市级抽查学校1419所,占比60.18%。…达标学校2240所,达标率95%": a
    # sample between a whole and the next sentence's part is no whole of its own; the part's
    # sentence follows the whole's
    resumed = {
        (id(a), id(c)): sentence_start(text, c.quantity.start) - 1
        for a, b, c in zip(plain, plain[1:], plain[2:], strict=False)
        if "sample" in b.marks
        and "sample" not in a.marks | c.marks
        and id(c) not in headed
        and sentence_start(text, c.quantity.start) > b.quantity.start
        and sentence_start(text, b.quantity.start) <= a.quantity.start
    }
    pairs += [
        (a, c)
        for a, _, c in zip(plain, plain[1:], plain[2:], strict=False)
        if (id(a), id(c)) in resumed
    ]
    # "市级组织抽查学校1419所,…。市级抽查达标学校1292所,达标率91%": a part of a sample is the
    # sample's, whatever stands between them in the paragraph
    for sample, part in _sample_parts(text, plain, headed):
        resumed[(id(sample), id(part))] = sentence_start(text, part.quantity.start) - 1
        pairs.append((sample, part))
    from junheng.validate.changes import change_sums  # it imports this module

    found += change_sums(text, read, statements, q_at, rounding)
    found += _part_rates(text, pairs, q_at, rounding, headed, resumed)
    found += _part_first_rates(text, statements, q_at, rounding)
    found += _named_part_shares(text, reading, q_at, rounding)
    from junheng.validate.records import level_members  # it imports this module

    found += level_members(text, statements, q_at, rounding, handled)
    return found, handled


# a share whose subject is a part named in words, without its number: "…完小30所、村小12所,
# 完小占71.4%" (the name, 占, maybe the base in words: 小学占全县学生的65.9%)
_NAMED_PART = re.compile(
    r"(?:^|[,，;；:：。])\s*(?:其中)?([\u4e00-\u9fff]{2,10}?)(?:所|人)?占(?:比|到)?"
    r"(?:[^,，;；。:：\d]{0,12}的)?(?:比例|比重)?(?:为|达|是|了)?\s*$"
)


# a share named by its subject and 比例 (骨干教师比例达34.8%), without 占 (所占比例: no subject)
_NAMED_RATE = re.compile(
    r"(?:^|[,，;；:：。])\s*(?!其?所?占)([\u4e00-\u9fff]{2,10}?)的?(?:比例|比重)(?:为|达到|达|是|了)?\s*$"
)


def _names_count(name: str, label: str) -> bool:
    """Whether a share's subject ``name`` is the count's own words (城区学校 of 城区7所)."""
    own = label.strip(" ,，;；:：")
    return name in own or (len(own) >= 2 and own in name)


def _named_part_shares(
    text: str, reading: Reading, q_at: dict[int, Q], rounding: str
) -> list[Relation]:
    """A breakdown's part named again with its share, in the total's sentence or the next: the
    part over the total. Only a name that one part alone carries is read."""
    found = []
    rates = sorted((q for q in q_at.values() if q.unit == "%"), key=lambda q: q.start)
    starts = [q.start for q in rates]
    for breakdown in reading.breakdowns:
        head = q_at.get(breakdown.total.quantity.start)
        parts = [(p, q_at.get(p.quantity.start)) for p in breakdown.parts]
        if head is None or not _checkable(head) or len(parts) < 2:
            continue
        last = breakdown.parts[-1].quantity
        sentence = reading.sentence_of.get(breakdown.total.quantity.start)
        if sentence is None:
            continue
        reach = _REST_OF_SENTENCE.match(text, sentence[1] + 1)
        stop = reach.end() if reach else sentence[1]
        for rate in rates[bisect_right(starts, last.span[1]) :]:
            if rate.start > stop:
                break
            clause = text[max(last.span[1], sentence[0]) : rate.start]
            named = _NAMED_PART.search(clause)
            if named is None or re.search(r"\d", clause[named.start() :]):
                continue
            name = named.group(1)
            owners = [
                q for p, q in parts if q is not None and _names_count(name, _part_words(text, p))
            ]
            if len(owners) == 1 and _checkable(owners[0]) and owners[0].unit == head.unit:
                relation = _share(owners[0], head, rate, rounding)
                if relation is not None:
                    found.append(relation)
    return found


def _part_words(text: str, part: Statement) -> str:
    """A part's own words: its clause before its number and the noun after it."""
    return text[part.clause_start : part.quantity.start] + text[part.noun_start : part.noun_end]


def _school_point(part: Statement) -> bool:
    return part.noun is not None and part.noun.group == "school_points"


def _levels_beside(breakdown: Breakdown) -> bool:
    """Whether a breakdown of schools lists a school type of several levels (九年一贯制学校,
    完全中学) beside schools of one level (小学, 初级中学)."""
    parts = breakdown.parts
    return (
        _of_schools(breakdown)
        and any(p.spans_levels for p in parts)
        and any(p.noun is not None and p.noun.level is not None for p in parts)
    )


def _types_among_level(breakdown: Breakdown) -> bool:
    """Whether a count of one level's schools lists only school types of several levels
    (初中31所,其中九年一贯制学校4所,特殊教育学校1所): some of them, or others beside them, never
    its whole."""
    noun = breakdown.total.noun
    return (
        noun is not None
        and noun.level is not None
        and not breakdown.total.spans_levels
        and all(p.spans_levels for p in breakdown.parts)
    )


def _of_schools(breakdown: Breakdown) -> bool:
    noun = breakdown.total.noun
    return noun is not None and noun.group == "schools"


def _part_first_rates(
    text: str, statements: Sequence[Statement], q_at: dict[int, Q], rounding: str
) -> list[Relation]:
    """A part named by its rate's own word, then the population, then the rate: "辍学学生6人,
    在校生12000人,辍学率0.05%" (the part over the population); or the rate right after the part
    and the population after it: "寄宿生6500人,寄宿率32.5%,在校生20000人", "达标学校52所,达标率
    86.7%,学校总数60所"."""
    found = []
    rates = sorted((q for q in q_at.values() if q.unit == "%"), key=lambda q: q.start)
    starts = [q.start for q in rates]
    for part, whole in pairwise(statements):
        count, base = q_at.get(part.quantity.start), q_at.get(whole.quantity.start)
        if count is None or base is None or not (_checkable(count) and _checkable(base)):
            continue
        between = text[max(part.quantity.span[1], part.noun_end) : whole.clause_start]
        rate_between = _RATE_BETWEEN.fullmatch(between)
        if count.unit != base.unit or not (re.fullmatch(r"\s*[,，、]\s*", between) or rate_between):
            continue
        if whole.noun is None or whole.marks:
            continue
        # "在园幼儿1521人,学龄幼儿2049人,入园率74%": an age group of what the part counts
        aged = (
            part.noun is not None
            and part.noun.group == whole.noun.group
            and vocab()["rate_denominators"].search(text[whole.clause_start : whole.quantity.start])
            is not None
        )
        if (
            whole.noun.indicator != "students"
            and not (
                rate_between
                and whole.noun.group == "schools"
                and part.noun is not None
                and part.noun.group == "schools"
            )
            and not aged
        ):
            continue  # the population: the students (or the schools, after the rate), unmarked
        if rate_between:
            at = bisect_right(starts, max(part.quantity.span[1], part.noun_end))
            if at == len(rates):
                continue
            after = count.unit_end or count.end
        else:
            after = base.unit_end or base.end
            at = bisect_right(starts, after)  # the first rate after the population…
            reach = _clause_end(text, _clause_end(text, after) + 1)  # …in the clause after it
            if at == len(rates) or rates[at].start > reach:
                continue
        rate = rates[at]
        label = text[after : rate.start]
        stem = re.search(r"([\u4e00-\u9fff]{2})率", label)
        named = text[part.clause_start : part.quantity.start]
        if stem is None or re.search(r"\d", label):
            continue
        numerator = vocab()["rate_numerators"].get(stem.group(1) + "率") if aged else None
        if stem.group(1) not in named and not (numerator and re.search(numerator, named)):
            continue  # (over an age group, the rate's numerator in words: 在园幼儿 of 入园率)
        if vocab()["gross_rate"].search(label):
            continue  # 毛入园率: over the age group, which the text does not give
        relation = _share(count, base, rate, rounding)
        if relation is not None:
            found.append(relation)
    return found


# between a part and its population: the part's rate alone (…6500人,寄宿率达32.5%,在校生…)
_RATE_BETWEEN = re.compile(
    r"\s*[,，]\s*[\u4e00-\u9fff]{0,6}率(?:为|达到?|是)?\s*\d+(?:\.\d+)?\s*[%％]\s*[,，]\s*"
)


def _bracketed(text: str, positions: Sequence[int]) -> set[int]:
    """The ``positions`` (in text order) inside brackets opened on their own line: one pass."""
    inside: set[int] = set()
    depth, cursor = 0, 0
    for pos in positions:
        stretch = text[cursor:pos]
        if "\n" in stretch:
            depth, stretch = 0, stretch[stretch.rfind("\n") + 1 :]
        depth += sum(map(stretch.count, _PAREN_OPEN)) - sum(map(stretch.count, _PAREN_CLOSE))
        if depth > 0:
            inside.add(pos)
        cursor = pos
    return inside


def _restates(head: Statement, later: Statement) -> bool:
    """Whether ``later`` counts what ``head`` counts, unmarked: another total, not a part."""
    return (
        head.noun is not None
        and later.noun is not None
        and later.noun.indicator == head.noun.indicator
        and not later.marks
    )


def _after_qizhong(text: str, statements: Sequence[Statement]) -> list[tuple[Statement, Statement]]:
    """The head of a 其中 and each later count of its unit in the same sentence (the head's own
    subgroups, each perhaps with its rate: "教师64人,其中专科学历58人,…;本科学历16人,本科率25%")."""
    pairs = []
    for i, (head, first) in enumerate(pairwise(statements)):
        if "其中" not in text[head.quantity.span[1] : first.quantity.start]:
            continue
        for later in statements[i + 2 :]:
            if re.search(r"[。!！?？\n]", text[head.quantity.span[1] : later.quantity.start]):
                break
            if _restates(head, later):
                break  # "…小学在职教师385人": a total of the same count begins
            if later.quantity.unit == head.quantity.unit:
                pairs.append((head, later))
    return pairs


def _sample_parts(
    text: str, plain: Sequence[Statement], headed: AbstractSet[int]
) -> Iterator[tuple[Statement, Statement]]:
    """Each count marked as a sample (抽查, 核查 …) with the nearest sample of its unit before it,
    when that one stands in an earlier sentence of the paragraph and is not the count right before
    it (that pair is read already): the earlier sample is the later one's whole."""
    for index, part in enumerate(plain):
        if "sample" not in part.marks or id(part) in headed or index < 2:
            continue
        opening = sentence_start(text, part.quantity.start)
        for sample in reversed(plain[: index - 1]):
            if text.count("\n", sample.quantity.start, part.quantity.start):
                break  # another paragraph
            if "sample" in sample.marks and sample.quantity.unit == part.quantity.unit:
                if sample.quantity.start < opening:
                    yield sample, part
                break


def _part_rates(
    text: str,
    pairs: Sequence[tuple[Statement, Statement]],
    q_at: dict[int, Q],
    rounding: str,
    in_breakdowns: AbstractSet[int] = frozenset(),
    resumed: Mapping[tuple[int, int], int] | None = None,
) -> list[Relation]:
    """A total, one part, then a rate named 率 in the same sentence: the part over the total. The
    part follows 其中 ("全乡适龄儿童总数为2780人,其中在校2771人,入学率为99.7%"), or comes in the
    next clause when the total names a population (…人口总数1250人,初中在校学生1231人,毛入学率…)
    or the part is named by the rate's own word alone (留守儿童1210人,入学1204人,入学率99.5%), or
    it is a part of the total's breakdown (``in_breakdowns``: ids of the parts). ``resumed``: for
    a pair read across a sample between them, where the words before the part begin."""
    words = vocab()
    found = []
    seen: set[tuple[int, int]] = set()
    for whole, part in pairs:
        if (whole.quantity.start, part.quantity.start) in seen:
            continue
        seen.add((whole.quantity.start, part.quantity.start))
        # (a pair across a sample: the words between are those of the part's sentence)
        opened = (resumed or {}).get((id(whole), id(part)))
        begin = opened if opened is not None else max(whole.quantity.span[1], whole.noun_end)
        between = text[begin : part.quantity.start]
        if part.quantity.unit != whole.quantity.unit:
            continue
        after_part = _ONE_PART.match(between) is not None or id(part) in in_breakdowns
        aside = _ASIDE.sub("", _TIMES.sub("", between))  # (含残疾1人): no number between them
        if not after_part and not _NEXT_CLAUSE_OR_SENTENCE.fullmatch(aside):
            continue  # (a time between them is no number: "…1155人,截至3月底辍学10人")
        head, count = q_at.get(whole.quantity.start), q_at.get(part.quantity.start)
        if head is None or count is None or not (_checkable(head) and _checkable(count)):
            continue
        after = count.unit_end or count.end
        rest = _REST_OF_SENTENCE.match(text, after)
        stop = rest.end() if rest else after
        rates = sorted(
            (q for q in q_at.values() if q.unit == "%" and after < q.start <= stop),
            key=lambda q: q.start,
        )
        if not rates:
            continue
        label = text[after : rates[0].start]
        if "率" not in label or words["growth"].search(label) or re.search(r"\d", label):
            continue
        named = text[part.clause_start : part.quantity.start]
        phrase = named + text[after : _clause_end(text, after)]  # 42所达到省定办学标准
        numerator = next(
            (re.compile(p) for rate, p in words["rate_numerators"].items() if _names(label, rate)),
            None,
        )
        found_stem = re.search(r"([\u4e00-\u9fff]{2,4})率", label)  # 本科率: the 本科 part's
        stem = found_stem.group(1) if found_stem else None
        bare = _BARE_RATE.fullmatch(label) is not None  # 其中有安全饮用水学校15所,率为94%
        meeting = (bare and _schools_that(named, part, whole)) or _schools_passing(
            stem, numerator, named + text[after : _clause_end(text, after)], part, whole
        )
        if not (
            (numerator and numerator.search(phrase))
            or (stem and stem in phrase)
            # 其中有安全饮水学校13所,有安全饮用水学校率: the rate's own words name the part
            or (after_part and _shared_words(label, named))
            or (bare and after_part)
            or meeting
        ):
            continue  # (the rate's word before the part's number or after it: 45所通过验收,通过率)
        if _ALL_OF_IT.search(text, after, _clause_end(text, after)):
            continue  # "城区10所全部达标,达标率100%": the rate of the part's own count
        if _other_population(label, phrase, text[whole.clause_start : whole.quantity.start]):
            continue  # …初中在校生9.36万人,全县小学学龄儿童入学率达100%: another population's rate
        whole_named = text[whole.clause_start : whole.quantity.start]
        if numerator and numerator.search(words["rate_denominators"].sub("", whole_named)):
            # 在校生15000人,其中小学在校生9000人,入学率…: the total counts the rate's numerator
            # (those in school), never its base; and 升入普通高中1900人,升入中职1100人,升学率…:
            # two numerators, no base (应入学适龄儿童1580人: 应入学 names the base, not a numerator)
            continue
        if not after_part and not meeting:
            population = (
                words["rate_denominators"].search(whole_named)
                or lexicon().total_words.search(whole_named)
                or _AMONG.match(text, max(whole.quantity.span[1], whole.noun_end))
            )
            short = named.strip(" ,，")
            own_word = len(short) <= _RATE_WORD_REACH and bool(
                (numerator and numerator.search(short)) or (stem and stem in short)
            )
            if not population and not own_word:
                continue
        relation = _share(count, head, rates[0], rounding)
        if relation is not None:
            found.append(relation)
    return found


def _schools_that(named: str, part: Statement, whole: Statement) -> bool:
    """Whether a count of schools is of those that have or meet something (``meeting``), right
    after a count of schools ("初中16所,有安全饮用水学校15所"): some of them."""
    if part.noun is None or whole.noun is None:
        return False
    if {part.noun.group, whole.noun.group} - {"schools"}:
        return False
    return vocab()["meeting"].match(named.strip(" ,，、")) is not None


def _schools_passing(
    stem: str | None,
    numerator: re.Pattern[str] | None,
    condition: str,
    part: Statement,
    whole: Statement,
) -> bool:
    """Whether a count of schools right after a count of schools is of those that pass what the
    rate after it names, said after its number or before it, by the rate's stem or by the words
    its numerator is named with (``rate_numerators``): "全县有学校38所,已有36所通过验收,通过率
    94.7%", "…学校40所,达标学校37所,达标率…", "…学校53所,48所达到办学标准,达标率…".
    ``condition`` is the part's own words."""
    if stem is None or whole.noun is None or whole.noun.group != "schools":
        return False
    if part.noun is not None and part.noun.group != "schools":
        return False
    return stem in condition or bool(numerator and numerator.search(condition))


# a rate named by nothing but 率 (…学校15所,率为94%): the rate of the count just before it
_BARE_RATE = re.compile(r"\s*[,，]\s*(?:比|比率|率)\s*(?:为|达|达到|是)?\s*")


_SHARED = 3  # Chinese characters a rate's words and its part's must share, at least


def _shared_words(label: str, named: str, least: int = _SHARED) -> bool:
    """Whether a rate's words and a part's share a run of at least ``least`` Chinese characters
    that is not only a school noun (有安全饮 in 有安全饮水学校 / 有安全饮用水学校率)."""
    words = re.sub(r"[^\u4e00-\u9fff]", "", label.split("率")[0])
    own = re.sub(r"^其中|[^\u4e00-\u9fff]", "", named)
    for size in range(min(len(words), len(own)), least - 1, -1):
        for start in range(len(words) - size + 1):
            run = words[start : start + size]
            if run in own and not lexicon().noun_re.fullmatch(run) and "学校" not in run:
                return True
    return False


def _names(label: str, rate: str) -> bool:
    """Whether a rate's words name ``rate`` (升学率), by its name or in words (``rate_names``:
    升普通高中的比率)."""
    said = vocab()["rate_names"].get(rate)
    return rate in label or (said is not None and re.search(said, label) is not None)


def _other_population(label: str, part: str, whole: str) -> bool:
    """Whether a rate's own words name a level that its part does not, or a population that
    neither count does (全市小学适龄儿童入学率 after 初中在校生…). A rate named in words from one
    level to another (初中升普通高中的比率) is of the level it goes to."""
    names = vocab()["rate_names"].values()
    moved = next((m for said in names if (m := re.search(said, label))), None)
    label = label[moved.start() :] if moved else label
    level = _level(label)
    levels = vocab()["levels"]
    part_levels = levels_in(part)
    if level is not None and part_levels and level not in part_levels:
        return True
    # a level noun is named by a grade of that level too (初中…巩固率 over 七年级…, 九年级…)
    named = part_levels | levels_in(whole)
    return any(
        noun not in part + whole and (noun not in levels or str(levels[noun]) not in named)
        for noun in lexicon().noun_re.findall(label)
    )


# a part named by a rate's word and a few more characters (入学1204人, 辍学学生3人)
_RATE_WORD_REACH = 6
# a count that its own clause says is met in full: its rate is of itself, not of a total
_ALL_OF_IT = re.compile(r"全部|全都|均|都")
# a count said as the population its next clause is taken from: "全县52所学校中,已有45所…"
_AMONG = re.compile(r"\s*(?:当|之)?中\s*[,，]")


def _clause_end(text: str, pos: int) -> int:
    found = _CLAUSE_END.search(text, pos)
    return found.start() if found else len(text)


_CLAUSE_END = re.compile(r"[,，;；。:：\n]")
_ASIDE = re.compile(r"[(（][^()（）]*[)）]")
_ONE_PART = re.compile(r"[^,，;；。]{0,12}[,，]\s*其中")
_NEXT_CLAUSE = re.compile(r"[^,，;；。\d]{0,4}[,，][^,，;；。\d]{0,16}")
# the same, or the next sentence opening with the part ("…适龄儿童8520人。已入学8511人,入学率…"),
# maybe after a time ("…学校75所。截至目前,已开工67所,开工率…")
_NEXT_CLAUSE_OR_SENTENCE = re.compile(
    r"[^,，;；。\d]{0,8}(?:。[^,，;；。\d]{0,10}[,，]|[,，。])[^,，;；。\d]{0,16}"
)
_REST_OF_SENTENCE = re.compile(r"[^。;；\n]*")
_TIMES = re.compile(r"\d{4}年(?:\d{1,2}月)?|\d{1,2}月(?:底|末|份|初)?|\d{1,2}日")


def _class_sizes(
    text: str, sentence: Sentence, window: list[Q], pool: list[Q], rounding: str
) -> Iterator[Relation]:
    """平均班额N人 against the students ÷ the classes stated before it (in the paragraph, else
    the report's one count of each): "在校学生330人…现有教学班8个,平均班额41人"."""
    words = vocab()
    for q in sentence.quantities:
        if not words["class_size"].search(q.label[-8:]) or not _checkable(q):
            continue
        if q.unit not in ("人", ""):  # 平均班额为76.1: the unit left out
            continue
        before = [p for p in window if p.start < q.start]
        classes = [
            p
            for p in before
            if p.unit in ("个", "班")
            and (
                words["classes"].search(p.label + _after_unit(text, p))
                or _after_unit(text, p).startswith("班")  # 56个班
            )
        ]
        students = [p for p in before if _role(p, "students")] or _report_count(
            pool, "students", None
        )
        if classes and students and _checkable(classes[-1]):
            relation = _ratio(students[-1], classes[-1], _measured(q), rounding)
            if relation is not None:
                yield replace(relation, kind="class_size")


def _per_unit(text: str, sentence: Sentence, window: list[Q], rounding: str) -> Iterator[Relation]:
    """An average per unit counted before it (``per_unit``): "全镇小学6所,在校生2840人,校均规模
    473人", "校车82辆,接送学生4100人,平均每辆车接送学生50人" — the last amount in the average's
    unit before it ÷ a count in the unit's classifier before that amount (any one that holds)."""
    for q in sentence.quantities:
        if not _checkable(q) or q.unit in ("%", ""):
            continue
        classifier = next(
            (c for c, said in vocab()["per_unit"].items() if re.search(said, q.label[-12:])),
            None,
        )
        if classifier is None:
            continue
        before = [p for p in window if p.start < q.start and _checkable(p)]
        amounts = [p for p in before if p.unit == q.unit]
        if not amounts:
            continue
        amount = amounts[-1]
        named = levels_in(q.label)
        if named and not named <= levels_in(amount.label):
            continue  # 在校生27000人,小学校均规模420人: the average of one level, not of them all
        units = [p for p in before if p.unit == classifier and p.start < amount.start]
        relation = _best(
            [_ratio(amount, unit, _measured(q), rounding) for unit in units],
            prefer=units[-1].start if units else -1,
        )
        if relation is not None:
            yield replace(relation, kind="per_unit")


# "…是2011年的2.4倍", "相当于上年的1.5倍": a multiple of an earlier value (not "增长了1.5倍", read
# either way)
_MULTIPLE_OF = re.compile(
    r"^\s*[,，]?\s*(?:是|为|相当于|达到?)[^,，;；。\d]{0,4}(?:(?:19|20)\d\d年)?[^,，;；。\d]{0,4}的\s*$"
)


def _multiples(text: str, sentence: Sentence, rounding: str) -> Iterator[Relation]:
    """A value said as a multiple of an earlier one: "2011年是2.4万亿元,2021年达到5.8万亿元,是
    2011年的2.4倍" — the later amount over the earlier, the two amounts before the multiple (in
    one unit, with nothing but their years and verbs between them)."""
    qs = [q for q in sentence.quantities if _checkable(q)]
    for index, q in enumerate(qs):
        if q.unit != "倍" or index < 2:
            continue
        a, b = qs[index - 2], qs[index - 1]
        if a.unit != b.unit or a.unit in ("%", "倍", ""):
            continue
        gap = _between(text, a, b)
        if not _MULTIPLE_OF.search(_between(text, b, q)) or gap.count("，") + gap.count(",") > 1:
            continue  # (the two amounts in adjacent clauses: "2011年是…,2021年达到…")
        relation = _ratio(b, a, _measured(q), rounding)
        if relation is not None:
            yield replace(relation, kind="multiple")


def _per_hundred(
    text: str, sentence: Sentence, window: list[Q], pool: list[Q], rounding: str
) -> Iterator[Relation]:
    """每百名学生拥有计算机N台 against 100 × the computers ÷ the students stated before it."""
    words = vocab()
    for q in sentence.quantities:
        if not words["per_hundred"].search(q.label) or not _checkable(q) or q.unit != "台":
            continue
        before = [p for p in window if p.start < q.start and p is not q]
        items = [p for p in before if _role(p, "computers")]
        students = [p for p in before if _role(p, "students")] or _report_count(
            pool, "students", None
        )
        if not items or not students:
            continue
        count, base, stated = items[-1], students[-1], _measured(q)  # 15台: a rounded quotient
        allowed = _iv(count, rounding) / _iv(base, rounding)
        if allowed is None:
            continue
        allowed = allowed * 100.0
        yield Relation(
            "per_100",
            (count, base),
            stated,
            100.0 * count.value / base.value,
            allowed,
            allowed.overlaps(_iv(stated, rounding)),
        )


def _sums(
    text: str, sentence: Sentence, rounding: str, handled: AbstractSet[int] = frozenset()
) -> Iterator[Relation]:
    words = vocab()
    qs = [q for q in sentence.quantities if not _in_parens(text, sentence.start, q)]
    used: set[int] = set()
    for i, head in enumerate(qs):
        nests = i + 1 < len(qs) and bool(words["nested_open"].search(qs[i + 1].label))
        if (head.start in used and not nests) or head.unit in ("%", "年", "") or not _digits(head):
            continue  # a part is no head, unless its own parts follow (…5018万元,包括…)
        if head.start in handled:
            continue  # a breakdown the statement layer read
        if words["averaged"].search(head.label):
            continue  # 生均8.5平方米,其中小学生均7.2…: values per head do not add up
        after = qs[i + 1] if i + 1 < len(qs) else None
        opened = after is not None and (
            bool(_opens_parts().match(_between(text, head, after)))
            or _named_among(_between(text, head, after), head)
        )
        paired = False
        rest = qs[i + 1 :]
        if (  # "9个省份136个县…,其中中部2个省份39个县…": the 其中 after 136 opens 9's parts too
            not opened
            and after is not None
            and i + 2 < len(qs)
            and _other_noun(text, head, after)
            and _opens_parts().match(_between(text, after, qs[i + 2]))
        ):
            opened, rest, paired = True, qs[i + 2 :], True
        if opened:
            parts, skipped = _parts_after(text, rest, head, paired)
            head = _changed_value(text, qs[:i], head, parts) or head
            used.update(q.start for q in parts)
            runs = by_dimension([q.label for q in parts])  # 学历…,职称…: one sum per dimension
            for run in ([parts[k] for k in ks] for ks in runs) if parts else ():
                whole = (
                    ((_exhaustive(run[0], head) and len(runs) == 1) or _partition(run))
                    and not skipped
                    and not cut_off(text, sentence)
                    and not _narrower_count(head, run)
                )
                relation = _sum(head, run, rounding, whole)
                if relation is not None:
                    yield relation
            continue
        if (  # "总投入1.2亿元,共有50个项目,其中A类30项,…7000万元;B类20项,…5000万元"
            not opened
            and after is not None
            and i + 2 < len(qs)
            and _sibling_count(text, head, after)
            and _opens_parts().match(_between(text, after, qs[i + 2]))
        ):
            records = _record_parts(text, qs[i + 2 :], head)
            if len(records) >= 2:
                used.update(q.start for q in records)
                relation = _sum(head, records, rounding, False)
                if relation is not None:
                    yield relation
                continue
        sources = _sources_after(text, rest, head)
        if len(sources) >= 2:  # "共投入3000万元,中央资金500万元,省级配套1500万元,县级…"
            used.update(q.start for q in sources)
            # the whole only when the list runs to the sentence's end ("…,用于…" may leave some out)
            tail = text[sources[-1].unit_end or sources[-1].end : sentence.end]
            whole = not cut_off(text, sentence) and not re.search(r"[^\s。.;；!！?？]", tail)
            relation = _sum(head, sources, rounding, whole)
            if relation is not None:
                yield relation
            continue
        if i and _items_counted(text, qs[i - 1], head):
            continue  # "…,学生宿舍3幢共1904平方米": the total of the 3 buildings, not of the parts
        if words["total"].search(head.label[-8:]) or words["total_after"].search(head.label):
            parts, skipped = _parts_before(text, qs[:i], head, sentence.start)
            if len(parts) < 2:
                parts, skipped = _level_clauses_before(text, qs[:i], head, sentence.start), False
            if len(parts) >= 2 and not used.intersection(q.start for q in parts):
                relation = _sum(head, parts, rounding, not skipped)
                if relation is not None:
                    yield relation


def _items_counted(text: str, items: Q, head: Q) -> bool:
    """Whether ``head`` totals the items counted right before it in another unit
    ("两幢共3619平方米", "3幢共1904平方米"): only a total word stands between them."""
    between = text[items.unit_end or items.end : head.start]
    return items.unit != head.unit and bool(vocab()["total"].fullmatch(between.strip()))


def _named_among(gap: str, head: Q) -> bool:
    """Whether the words after a total name its noun again as what the next clause counts among
    ("专任教师48人,专任教师中本科学历30人,专科学历16人…"): a 其中 in other words."""
    noun = _own_noun(head)
    if noun is None:
        return False
    opening = _AMONG_NAMED.match(gap)
    return opening is not None and opening.group(1) == noun.word


_AMONG_NAMED = re.compile(
    r"[,，;；]\s*(?:全[县市区镇乡校]|学校|我校|本校)?([\u4e00-\u9fff]{2,8})中"
)


# a count said with a total in another unit, right after it ("…1.2亿元,共有50个项目")
_WITH_TOTAL = re.compile(r"\s*[,，]\s*(?:共有|共计|共|有|涉及|含|包括)?\s*")


def _sibling_count(text: str, head: Q, after: Q) -> bool:
    """Whether ``after`` is a count said together with ``head`` in another unit, nothing but a
    verb of having between them: a 其中 after it may break both down, record by record."""
    return (
        after.unit != head.unit
        and after.unit not in ("%", "年", "")
        and _digits(after)
        and _WITH_TOTAL.fullmatch(_between(text, head, after)) is not None
    )


def _record_parts(text: str, qs: Sequence[Q], head: Q) -> list[Q]:
    """The one number in ``head``'s unit of each ;-segment of a 其中 list of records (each a part
    with its count and its amount: "其中A类30项,…投入资金7000万元;B类20项,…投入资金5000万元"), up to
    the sentence's end; empty when a segment has none or several."""
    segments: list[list[Q]] = [[]]
    for k, q in enumerate(qs):
        if k and re.search(r"[；;]", _between(text, qs[k - 1], q)):
            segments.append([])
        segments[-1].append(q)
    parts = []
    for segment in segments:
        own = [q for q in segment if q.unit == head.unit]  # (the caller left out brackets)
        if len(own) != 1 or not _digits(own[0]) or own[0].hedged:
            return []
        parts.append(own[0])
    return parts


def _changed_value(text: str, before: Sequence[Q], change: Q, parts: Sequence[Q]) -> Q | None:
    """The value a change is said of, when a 其中 list after the change lists parts of the value
    and not of the change ("经费总额3.2亿元,比2010年增加8000万元,其中财政拨款2.9亿元,社会投入…"):
    the value just before, in the change's unit; None when the change is no change of it or the
    parts are changes too ("比上年增加800人,其中小学增加500人…")."""
    words = vocab()
    if not before or not parts:
        return None
    value = before[-1]
    if value.unit != change.unit or not _digits(value):
        return None
    if not words["change_against"].fullmatch(_between(text, value, change)):
        return None
    changed = re.compile(words["growth"].pattern + "|" + words["decline"].pattern + "|多|少")
    if any(changed.search(p.label) for p in parts):
        return None
    return value


def _sources_after(text: str, qs: Sequence[Q], head: Q) -> list[Q]:
    """The sources of an amount said as a total (共投入…元), listed after it without 其中, each
    named by a level of government or a kind of source (``money_sources``), clause after clause;
    empty when anything else comes between."""
    words = vocab()
    if head.unit != "元" or not words["total"].search(head.label):
        return []
    parts: list[Q] = []
    previous = head
    for q in qs:
        name = q.label.lstrip("，,、 ")
        gap = text[previous.unit_end or previous.end : q.start - len(name)]
        if (
            q.unit != "元"
            or not _digits(q)
            or not re.fullmatch(r"\s*[，,、]\s*", gap)
            or not words["money_sources"].match(name)
        ):
            break
        parts.append(q)
        previous = q
    return parts


@cache
def _opens_parts() -> re.Pattern[str]:
    """The ``parts`` word right after a total, or after one clause without a number that says
    more of the total ("拟投入资金410万元,均由省级财政拨付,其中维修类资金130万元…"), or what
    the total was spent on (``uses_open``)."""
    return re.compile(
        r"[，,：:\s]*(?:[^，,。;；:：\d]{1,16}[，,]\s*)?(?:"
        + vocab()["parts"].pattern
        + "|"
        + vocab()["nested_open"].pattern
        + "|"
        + vocab()["uses_open"].pattern
        + ")"
    )


def _parts_after(text: str, qs: Sequence[Q], head: Q, paired: bool = False) -> tuple[list[Q], bool]:
    """The parts after a total, and whether a number among them was left out (another unit, a
    word count, another noun after 个): then the parts read are not the whole breakdown.
    ``paired``: the total's 其中 comes after a count of another noun ("9个省份136个县,其中中部2个
    省份39个县"), so a part must name the total's noun again ("其中…有80个" counts the 县)."""
    words = vocab()
    unit = head.unit
    parts: list[Q] = []
    skipped = False
    nested = False  # inside a part's own parts (…5018万元,包括…4525万元、…493万元;…)
    for index, q in enumerate(qs):
        if index and words["nested_open"].search(q.label) and parts:
            nested = True
            continue
        resumed = False  # the first part after a part's own list: a sibling, whatever its words
        if nested:
            if not re.search(r"[；;]", _between(text, qs[index - 1], q)):
                continue
            nested, resumed = False, True  # "…;县财政用于教育投入3298万元": the next part after ;
        elif index and re.search(r"[；;]", _between(text, qs[index - 1], q)):
            break
        if index and words["stop"].search(q.label):
            # "其中小学201所,初中319所,另有九年一贯制学校8所…": more of the total may follow
            skipped = skipped or q.unit == unit
            break
        if index and words["parts"].search(q.label):
            break
        following = qs[index + 1] if index + 1 < len(qs) else None
        if following is not None and following.unit == unit and _items_counted(text, q, following):
            continue  # "其中教学楼两幢共5000平方米": the buildings counted, the area is the part
        counted = index > 0 and _items_counted(text, qs[index - 1], q)
        if index and words["total"].search(q.label) and not counted:
            break  # "…教学点4个小学共152个教学班": a total of its own begins
        if (
            parts
            and not resumed
            and _exhaustive(parts[0])
            and not _exhaustive(q)
            and not _partition([*parts, q])
        ):
            break  # 其中专任教师45人，本科学历30人: a subset of a part, not another part
        if parts and _new_clause(q) and not _new_clause(parts[0]):
            # "其中教学及辅助用房4300平方米,有8600平方米运动场地": a clause of its own begins
            skipped = skipped or q.unit == unit
            break
        if _other_noun(text, head, q):
            continue  # 9个省份136个县,其中中部2个省份39个县: 省份 are another count, not a part
        if _other_level(head, q):
            skipped = True  # 小学18所,其中村小5所,初中2所: the 初中 are no 小学
            continue
        if _another_count(head, q):
            if not parts:  # 在校生…,教职工520人,其中…小学生5100人,…: the 其中 is another total's
                return [], True
            skipped = True  # 教师126人,其中学生1180人: the pupils are not among the teachers
            continue
        if _wider(q, head):
            skipped = True  # 小学30所,初中10所,其中寄宿制学校12所: of both, not of the 初中
            continue
        if paired and not _same_noun(text, head, q):
            skipped = True
            continue
        elif (q.unit == unit or _school_type_part(text, q, unit)) and _digits(q):
            parts.append(q)
        elif q.unit not in ("%", "年"):
            skipped = True
    return parts, skipped


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _new_clause(q: Q) -> bool:
    """Whether a count opens a clause of its own: its words before it are only a verb of having
    (有, 建有 …) and what it counts is said after the number (有8600平方米运动场地)."""
    words = q.label.strip(" ，,、:：")
    return bool(vocab()["having"].fullmatch(words.removeprefix("其中").lstrip(":：")))


def _other_noun(text: str, head: Q, part: Q) -> bool:
    """Whether a count in the generic classifier 个 counts another noun than the total's: both
    are followed by a noun, and they differ ("136个县" and "2个省份"); the lexicon's school
    types count as the total's (学校151个…教学点39个)."""
    if head.unit != "个" or part.unit != "个":
        return False
    after_head, after_part = head.unit_end or head.end, part.unit_end or part.end
    if lexicon().noun_re.match(text, after_part):
        return False
    return names_another_thing(text, after_head, after_part)


def _other_level(head: Q, part: Q) -> bool:
    """Whether a part's noun names another level than its total's (初中 under 小学)."""
    whole, own = _own_noun(head), _own_noun(part)
    return bool(whole and own and whole.level and own.level and own.level != whole.level)


def _another_count(head: Q, part: Q) -> bool:
    """Whether a part's noun counts what its total's cannot hold (学生 under 教师), as the
    statement layer's breakdowns decide (``counted_among``)."""
    whole, own = _own_noun(head), _own_noun(part)
    return whole is not None and own is not None and not counted_among(whole, own)


def _same_noun(text: str, head: Q, part: Q) -> bool:
    """Whether a part in 个 is followed by the noun that follows the total ("…个省份")."""
    after_head, after_part = head.unit_end or head.end, part.unit_end or part.end
    noun = text[after_head : after_head + 1]
    return bool(_HAN.match(noun)) and text.startswith(noun, after_part)


def _school_type_part(text: str, q: Q, unit: str) -> bool:
    """学校120所,其中小学58所,教学点31个: a school type counted in 个 beside 所 is a part; not a
    count of the noun after it (小学152个教学班)."""
    lex = lexicon()
    counted = lex.noun_re.match(text, q.unit_end or q.end)
    if counted and lex.nouns[counted.group()].group not in ("schools", "school_points"):
        return False
    found = list(lex.noun_re.finditer(q.label))
    if not found or found[-1].end() != len(q.label.rstrip("共有为达计:： ")):
        return False
    noun = lex.nouns[found[-1].group()]
    return noun.group in ("schools", "school_points") and {unit, q.unit} <= set(noun.units)


def cut_off(text: str, sentence: Sentence) -> bool:
    """Whether the sentence is cut off mid-phrase, by a line break (a page copied with its
    wrapping) or by the end of the text (an excerpt): the parts after the cut are not there, so
    those before it are not the whole list."""
    end = sentence.end
    broken = end == len(text.rstrip()) or (end < len(text) and text[end] == "\n")
    return broken and end > 0 and text[end - 1] not in "。.!?！？;；:：)）"


def _parts_before(text: str, qs: Sequence[Q], head: Q, floor: int) -> tuple[list[Q], bool]:
    """The parts before a total said last ("小学312所,初中108所,合计420所"), and whether a number
    among them was left out (another unit): then they need not add up to it."""
    words = vocab()
    parts: list[Q] = []
    skipped = False
    for q in reversed(qs):
        gap = text[q.unit_end or q.end : head.start]
        if re.search(r"[；;]", gap) or (parts and re.search(r"[；;]", _between(text, q, parts[0]))):
            break
        if q.unit == "%":
            break  # a breakdown with shares (12人，占26%) is read by the share rule
        if (q.unit == head.unit or _school_type_part(text, q, head.unit)) and _digits(q):
            parts.insert(0, q)  # 教学点45个 beside schools in 所
        elif q.unit != "年":
            skipped = True
        if words["parts"].search(q.label) or words["total"].search(q.label[-8:]):
            break
    return parts, skipped


def _level_clauses_before(text: str, qs: Sequence[Q], head: Q, floor: int) -> list[Q]:
    """The parts before a total said last, one to each clause between ; and named by a level of
    its own ("全镇有小学5所,在校学生2400人;初中1所,在校学生1100人,全镇中小学在校生合计3500人"): each
    clause's one count in the total's unit; empty unless every clause has exactly one, every clause
    names another level, and the first clause opens the sentence."""
    cuts = (floor + m.end() for m in re.finditer("[;；]", text[floor : head.start]))
    bounds = [floor, *cuts, head.start]
    parts: list[Q] = []
    levels: set[str] = set()
    counts = _counted(head.label)
    for k, (start, stop) in enumerate(pairwise(bounds)):
        inside = [q for q in qs if start <= q.start < stop and q.unit == head.unit]
        if not inside and k == len(bounds) - 2 and not re.search(r"\d", text[start:stop]):
            break  # "…;合计3500人": the total's own clause
        level = _level(text[start:stop])
        if len(inside) != 1 or not _digits(inside[0]) or level is None or level in levels:
            return []
        counted = _counted(inside[0].label)
        if counts and counted and counted != counts:
            return []  # "小学专任教师800人;初中专任教师500人;共有教职工1500人": another count
        counts = counts or counted  # …and the parts count one thing (not 在校生, then 在园幼儿)
        parts.append(inside[0])
        levels.add(level)
    return parts if len(parts) >= 2 else []


def _narrower_count(head: Q, parts: Sequence[Q]) -> bool:
    """Whether a part counts another indicator than its total (专任教师 under 教职工: teachers are
    some of the staff, and a list of such roles need not name them all)."""
    whole = _counted(head.said)
    if whole == "teachers" and any(vocab()["non_teaching"].search(p.said) for p in parts):
        return True  # 教师198人,其中专任教师171人,…工勤人员2人: 教师 said of all the staff
    return whole is not None and any(
        (counted := _counted(p.said)) is not None and counted != whole for p in parts
    )


def _counted(label: str) -> str | None:
    """What the last head noun of the lexicon in ``label`` counts (its indicator), if any."""
    nouns = lexicon().noun_re.findall(label)
    return lexicon().nouns[nouns[-1]].indicator if nouns else None


def counted_by(label: str) -> str | None:
    """What the lexicon's last head noun in ``label`` counts (see :func:`_counted`)."""
    return _counted(label)


def _exhaustive(first: Q, head: Q | None = None) -> bool:
    """Whether a 其中 list reads as a partition (no subset word in its first part's label; for
    money, no word of ``money_subset``). A subgroup the ``head`` names too is the whole's
    (毕业生20590人,其中小学毕业生7620人…)."""
    words = vocab()
    if first.unit == "元":
        return not words["money_subset"].search(first.label)
    # a school type's own name is no subset word (初级中学, 高级中学: not 初级, 高级 teachers)
    label = _without_school_types(first.label)
    return not words["subset"].search(label) and not _subgroup(
        label, head.label if head is not None else ""
    )


def _without_school_types(label: str) -> str:
    """``label`` without the lexicon's school-type nouns in it."""
    lex = lexicon()
    return lex.noun_re.sub(
        lambda m: "" if lex.nouns[m.group()].group in ("schools", "school_points") else m.group(),
        label,
    )


def names_a_partition(first: Q, head: Q) -> bool:
    """Whether a list of ``head``'s parts whose first is ``first`` reads as the whole of it (see
    :func:`_exhaustive`)."""
    return _exhaustive(first, head)


def _subgroup(label: str, whole: str = "") -> bool:
    """Whether a count's words name a subgroup of people in the statement layer's lexicon
    (``not_the_unit.subgroup``: 毕业生, 留守, 建档立卡 …) that the ``whole``'s words do not: a part
    of a part, not another part."""
    return any(
        name == "subgroup" and any(found.group() not in whole for found in words.finditer(label))
        for name, _, words in lexicon().marks
    )


def is_partition(parts: Sequence[Q]) -> bool:
    """Whether ``parts`` are named by every word of one group of ``partitions`` (see
    :func:`_partition`)."""
    return _partition(parts)


def in_parens(text: str, start: int, q: Q) -> bool:
    """Whether ``q`` stands inside brackets opened after ``start``."""
    return _in_parens(text, start, q)


def _partition(parts: Sequence[Q]) -> bool:
    """Whether the parts are named by every word of one group of ``partitions`` and only by them
    (男生…,女生…; 城区…,农村…), or the last names the rest of the others (城区两镇…,其他乡镇…:
    ``complement``): then they are the whole, whatever subset words they carry."""
    names = [re.sub(r"^\s*(?:其中)?\s*[:：,，]?", "", q.label) for q in parts]
    if len(names) >= 2 and vocab()["complement"].match(names[-1]):
        return True
    return pair_sides(names)


def pair_sides(names: Sequence[str]) -> bool:
    """Whether the names (the words before each part) start with the sides of one of the
    lexicon's ``parallel_pairs``, every side named (城区/农村, 男/女 …)."""
    for group in _partitions():
        sides = [next((k for k, side in enumerate(group) if side.match(n)), None) for n in names]
        if None not in sides and set(sides) == set(range(len(group))):
            return True
    return False


@cache
def _partitions() -> tuple[tuple[re.Pattern[str], ...], ...]:
    return tuple(
        tuple(re.compile(f"(?:{side})") for side in group) for group in lexicon().parallel_pairs
    )


def _sum(head: Q, parts: list[Q], rounding: str, exhaustive: bool) -> Relation | None:
    if head.hedged or any(p.hedged for p in parts):
        return None
    if vocab()["not_additive"].search(head.label[-8:]):
        return None  # 覆盖半径25公里,其中…半径35公里: extents do not add up
    allowed = total([_iv(p, rounding) for p in parts])
    expected = sum(p.value for p in parts)
    # A sum's numbers are written one way, all rounded or all cut: under "either" it holds when
    # it holds under one of them (0.93+0.43 万 is no 1.34 万 either way, though a rounded 0.925
    # and a cut 1.3499 meet)
    holds = any(
        _sum_holds(head, parts, way, exhaustive)
        for way in (("round", "truncate") if rounding == "either" else (rounding,))
    )
    if len(parts) < 2 and holds:
        return None
    if not holds and _listed_beside(head, parts):
        # "在校生45597人,其中小学31107人,初中14490人,特殊教育学校56人": the parts before the last
        # make the total exactly; the last is listed beside them, not inside it
        return _sum(head, parts[:-1], rounding, exhaustive)
    return Relation("sum", tuple(parts), head, expected, allowed, holds, exhaustive)


def _sum_holds(head: Q, parts: Sequence[Q], rounding: str, exhaustive: bool) -> bool:
    allowed = total([_iv(p, rounding) for p in parts])
    stated = _iv(head, rounding)
    return allowed.overlaps(stated) or (
        (not exhaustive or len(parts) < 2) and allowed.lo <= stated.hi
    )


def _listed_beside(head: Q, parts: Sequence[Q]) -> bool:
    """Whether exact counts (no rounding) before the last part add up to ``head`` exactly: a
    coincidence only when the last one is not inside the total (a wrong last part leaves them
    short of it by that part's true value)."""
    exact = all(q.half == 0 for q in (head, *parts))
    return exact and len(parts) >= 3 and sum(p.value for p in parts[:-1]) == head.value


def sum_of(head: Q, parts: list[Q], rounding: str, exhaustive: bool = True) -> Relation | None:
    """The sum relation of ``head`` over ``parts`` (None for one part that holds)."""
    return _sum(head, parts, rounding, exhaustive)


def _breakdowns(
    text: str, sentence: Sentence, window: list[Q], rounding: str
) -> Iterator[Relation]:
    """A sentence that only breaks the teachers down (by title, degree or age band), against the
    count of teachers stated before it in the paragraph (see ``breakdown_*`` in relations.yaml)."""
    words = vocab()
    body = text[sentence.start : sentence.end]
    if words["total"].search(body) or words["parts"].search(body):
        return  # a total of its own: read by _sums
    qs = [q for q in sentence.quantities if not _in_parens(text, sentence.start, q)]
    people = [q for q in qs if q.unit == "人"]
    if len(people) < 2 or not all(_digits(q) and not q.hedged for q in people):
        return
    bands = [
        qs[i - 1] if i and qs[i - 1].unit == words["band_unit"].pattern else None
        for i in (qs.index(q) for q in people)
    ]
    first, last = bands[0], bands[-1]
    if all(bands) and first is not None and last is not None:
        low = words["band_open_low"].search(_band_text(text, first))
        high = words["band_open_high"].search(_band_text(text, last))
        exhaustive = bool(low and high)
    elif all(words["breakdown_parts"].search(q.label) for q in people):
        exhaustive = False
    else:
        return
    head = _breakdown_total(body, people[0], window)
    if head is not None:
        relation = _sum(head, people, rounding, exhaustive)
        if relation is not None:
            yield relation


def _band_text(text: str, band: Q) -> str:
    """An age band's number with its qualifier and the words up to the next number (35岁以下)."""
    return (band.qualifier or "") + text[band.end : max(band.unit_end, band.end) + 3]


def _breakdown_total(body: str, first: Q, window: list[Q]) -> Q | None:
    """The count a breakdown divides: the head noun's (专任教师中…), else the last teachers'."""
    words = vocab()
    earlier = [q for q in window if q.start < first.start and q.unit == "人" and _checkable(q)]
    head = words["breakdown_head"].match(body)
    if head is not None:
        named = [q for q in earlier if q.label.endswith(head.group(1))]
        if named:
            return named[-1]
    teachers = [q for q in earlier if _role(q, "teachers") and q.start < first.start]
    return teachers[-1] if teachers else None


# ---- shares ---------------------------------------------------------------------------------


def _shares(
    text: str,
    sentence: Sentence,
    window: list[Q],
    rounding: str,
    pool: Sequence[Q] = (),
    read: AbstractSet[int] = frozenset(),
    before: Sequence[Q] = (),
) -> Iterator[Relation]:
    """Shares (N人,占M%) against a base nearby; not those the structures read (``read``: the
    starts of numbers already stated by a relation). With no base in the paragraph, a whole said
    as one (全县有学校52所) in the paragraph ``before`` it is the base."""
    words = vocab()
    qs = sentence.quantities
    for index, pct in enumerate(qs):
        if pct.unit != "%" or pct.hedged or index == 0 or pct.start in read:
            continue
        label = pct.label
        if "分别" in label:
            continue  # …、…,分别占…的75%和23.4%: each share has its own count (respective.py)
        inside = _base_inside(text, qs, index, rounding)
        if inside is not None:
            yield inside
            continue
        if not words["share"].search(label) or words["growth"].search(label):
            continue
        named = words["named_base"].search(label)
        at = _before_changes(text, qs, index - 1) if named else index - 1
        count = qs[at]
        gap = _between(text, qs[index - 1], pct)  # from the value's last change, if it has any
        if (
            not _checkable(count)
            or count.unit in ("%", "年")
            or gap.count("，") + gap.count(",") > 1
        ):
            continue
        gap_words = _between(text, count, pct)
        renamed = _NAMED_PART.search(gap_words) or _NAMED_RATE.search(gap_words)
        if renamed is not None and not _names_count(renamed.group(1), count.label):
            continue  # "…初中2125人,小学占65.9%", "…学科带头人10人,骨干教师比例达34.8%": the
            # share of another subject, named before 占 or 比例
        if index >= 2 and _listed_with(text, qs[index - 2], count):
            # "6所初中、2所一贯制学校、20所小学达标,占学校总数的…": the share is of the whole list
            of_list = _listed_share(text, qs, index, window, pool, named, rounding)
            if of_list is not None:
                yield of_list
            continue
        if named:
            # 占学校总数的20%: the base is the total whose words are named (学校), if one is stated
            relation = (
                _named_share(text, count, pct, window, named.group(1), rounding)
                or _named_share(text, count, pct, list(pool), named.group(1), rounding)
                # …占在校生总数的17%,在校生20000人: the base stated after the share, in its sentence
                or _named_share(text, count, pct, list(qs[index + 1 :]), named.group(1), rounding)
            )
            if relation is not None:
                yield relation
            continue
        if _in_parens(text, sentence.start, count) and not _in_parens(text, sentence.start, pct):
            continue  # (注:…减少19个),占比95.32%: a note's number is not the share's count
        bases = [
            q
            for q in window
            if q.start < count.start
            and q.unit == count.unit
            and _checkable(q)
            and (not _is_share_count(text, q, window) or _narrowed_whole(text, q, count, window))
            and not _complement(q, pct, window)
            and not _wider(count, q)
        ]
        among = [
            q for q in bases if _AMONG_BEFORE.fullmatch(text, q.unit_end or q.end, count.start)
        ]
        listed = text.rfind(words["parts"].pattern, sentence.start, count.start)
        if among:
            # "无法开出的119次实验中,92次…,占比77.3%": the count is among the number before 中
            bases = among[-1:]
        elif listed >= 0 and _exhaustive(count):
            # 其中东部890个、中部872个、西部1005个,占…: a part's siblings are not its base (a
            # subset such as 其中专任教师45人,本科学历30人,占66.7% is still of the part before it)
            bases = [q for q in bases if q.start < listed]
        if not bases:
            # 全县有学校52所。⏎目前已有48所达标,占92.3%: the whole the paragraph before says
            bases = [
                q
                for q in before
                if q.unit == count.unit
                and q.value > count.value
                and _checkable(q)
                and _said_as_whole(q)
                and not _in_parens(text, _line_start(text, q), q)
            ][-1:]
        if not _in_parens(text, sentence.start, count):
            # 学生6000人(小学4000人,初中2000人)…留守儿童1520人(占35.3%): a bracket's numbers are
            # an aside to the number before it, not the base of a share outside them
            outside = [q for q in bases if not _in_parens(text, _line_start(text, q), q)]
            bases = outside or bases
        if not bases:
            continue
        larger = [q for q in bases if q.value > count.value]
        # 校舍总面积120万平方米。新建20万平方米。改造15万平方米。其中危房12万平方米,占…: the
        # base a share's count is one of is the total said as one (总/共/全县), when one is
        wholes = [q for q in larger if _said_as_whole(q)]
        # "毕业生124.33万人。…专任教师33.82万人,…有少数民族专任教师19.15万人,占…": the count is
        # of the noun of a base (a subgroup of it) before any whole of another noun
        of_noun = [q for q in larger if (noun := _own_noun(q)) and noun.word in count.label]
        relation = _best(
            [_share(count, base, pct, rounding) for base in bases],
            prefer=(of_noun or wholes or larger or bases)[-1].start,
        )
        if relation is not None and (relation.holds or _plausible_base(relation, pct)):
            yield relation


def _partition_by_shares(said: Sequence[Relation], rounding: str) -> list[Relation]:
    """The sum a sentence's shares of one base imply when they add up to 100% (偏远、特殊偏远与
    极度偏远学校分别为822所(占70.08%)、211所(占17.99%)及140所(占11.94%), of 1173所): their
    counts are the whole of it, so they must add up to it too. The shares are read as written
    (each to half its last digit); none is a sum already said."""
    by_base: dict[int, list[Relation]] = {}
    for relation in said:
        if relation.kind == "percent" and len(relation.inputs) == 2:
            by_base.setdefault(relation.inputs[1].start, []).append(relation)
    summed = {r.stated.start for r in said if r.kind == "sum"}
    found = []
    for shares in by_base.values():
        counts = [r.inputs[0] for r in shares]
        base = shares[0].inputs[1]
        if len(shares) < 2 or base.start in summed or len({q.start for q in counts}) < len(counts):
            continue
        stated = total([_iv(r.stated, rounding) for r in shares])
        if not stated.overlaps(Interval(100.0, 100.0)):
            continue
        whole = _sum(base, sorted(counts, key=lambda q: q.start), rounding, True)
        if whole is not None:
            found.append(whole)
    return found


def _said_as_whole(q: Q) -> bool:
    """Whether a count's own words say it is a whole: 全县…, …总面积, 共有…."""
    label = q.label.strip(" ,，;；:：")
    return bool(
        _whole_prefix().match(label) or lexicon().total_words.search(label) or "总" in label
    )


def _listed_share(
    text: str,
    qs: Sequence[Q],
    index: int,
    window: list[Q],
    pool: Sequence[Q],
    named: re.Match[str] | None,
    rounding: str,
) -> Relation | None:
    """The share of a list of counts joined by 、/和, of a base named in words ("其中9所初中、2所
    九年一贯制学校、25所小学全部达标,占学校总数的80%": (9+2+25) over the 学校 counted
    before): the relation's inputs are the listed counts, then the base."""
    if named is None:
        return None
    k = index - 1
    while k >= 1 and _listed_with(text, qs[k - 1], qs[k]):
        k -= 1
    parts = list(qs[k:index])
    if len(parts) < 2 or not all(_checkable(p) for p in parts):
        return None
    # the list as one count, at the first part's place: what the named base is looked up for
    whole = replace(
        parts[-1],
        value=sum(p.value for p in parts),
        half=sum(p.half for p in parts),
        start=parts[0].start,
    )
    pct = qs[index]
    found = _named_share(text, whole, pct, window, named.group(1), rounding) or _named_share(
        text, whole, pct, list(pool), named.group(1), rounding
    )
    if found is None:
        return None
    base = found.inputs[-1]
    return replace(found, inputs=(*parts, base))


def _before_changes(text: str, qs: Sequence[Q], index: int) -> int:
    """The index of the value a run of changes ends at: back from ``index`` over each change
    against an earlier time and its rate ("普惠性幼儿园24.47万所,比上年增加1.06万所,增长4.55%,占
    全国幼儿园的比例83.00%": the share is of 24.47万所)."""
    words = vocab()
    k = index
    while k > 0:
        gap = _between(text, qs[k - 1], qs[k])
        if words["change_against"].fullmatch(gap):
            k -= 1
            continue
        if k > 1 and words["change_rate"].fullmatch(gap.strip(" ,，")) and qs[k].unit == "%":
            k -= 1  # …,增长4.55%: the rate of the change before it
            continue
        break
    if k < index and words["change_against"].fullmatch(_between(text, qs[k], qs[k + 1])):
        return k
    return index


_BASE_INSIDE = re.compile(r"占[^,，;；。]{1,16}$")
_LIST_JOIN = re.compile(r"[^,，;；。:：\d]{0,12}[、和及与][^,，;；。:：\d]{0,12}")


def _listed_with(text: str, before: Q, count: Q) -> bool:
    """Whether ``count`` is the last of a list of counts in its unit joined by 、/和 ("6所初中、
    2所一贯制学校、20所小学")."""
    return before.unit == count.unit and bool(_LIST_JOIN.fullmatch(_between(text, before, count)))


def _base_inside(text: str, qs: Sequence[Q], index: int, rounding: str) -> Relation | None:
    """A share whose base is written inside it: "寄宿生4200人,占在校生总数15300人的27.5%" or in
    brackets (占在校生总数(15300人)的27.5%) — the number after 占 and before 的 is the base, the one
    before it the count."""
    if index < 2:
        return None
    base, pct = qs[index - 1], qs[index]
    # the count before it, over a span of years named in the base's words (占五年规划…总金额)
    before = [q for q in qs[: index - 1] if not span_of_years(q.unit, q.value)]
    if not before:
        return None
    count = before[-1]
    # the base's own words, else all words from the count on: 占…总数(6000人)的, and a 、 inside
    # them (占全州少数民族中、小学生总数124442人的)
    said = base.label
    if not _BASE_INSIDE.search(said):
        said = _between(text, count, base).rstrip(" (（")
    if not _BASE_INSIDE.search(said):
        return None
    if not re.fullmatch(r"\s*[)）]?\s*的\s*", _between(text, base, pct)):
        return None
    if count.unit != base.unit or not (_checkable(count) and _checkable(base)):
        return None
    return _share(count, base, pct, rounding)


def _named_share(
    text: str, count: Q, pct: Q, window: list[Q], named: str, rounding: str
) -> Relation | None:
    """A share whose base is named in words (占学校总数的20%, 占全县在校生的4%): the base is the
    last earlier number of the count's unit whose own words hold the named noun, in ``window``
    (the paragraph; the caller tries the report's numbers next, then the numbers after the share
    in its sentence); none, nothing."""
    whole = _whole_prefix().sub("", named)
    noun = _COUNT_SUFFIX.sub("", whole)
    if not noun and whole in ("总数", "总量"):
        # 普惠性幼儿园4747所,…,占总数的68.08%: the total of what the count itself counts
        own = _own_noun(count)
        noun = own.word if own is not None else ""
    if len(noun) < 2:
        return None
    # 总班数 names the 班数 (共有班数37.39万个): the total's own word for a count
    names = {noun, *([whole[1:]] if whole.startswith("总") and len(whole) >= 3 else [])}
    # 占校舍总建筑面积的 names the 校舍建筑面积: 总 inside the name marks the whole, as before it
    names |= {name.replace("总", "") for name in names if len(name.replace("总", "")) >= 2}
    # 占学校用地32% names the 学校占地面积 (``base_synonyms``)
    names |= {
        name.replace(word, other)
        for name in list(names)
        for word, others in vocab()["base_synonyms"].items()
        if word in name
        for other in others
    }
    earlier = [
        q
        for q in window
        if (q.start < count.start or q.start > pct.start)
        and q.unit == count.unit
        and _checkable(q)
        and q.value > count.value
    ]
    bases = [
        q
        for q in earlier
        if any(
            name in q.label
            or name in _after_unit(text, q)
            or name.removesuffix("数") == _after_unit(text, q)  # 总班数: 26.82万个班
            for name in names
        )
        or _named_in_scope(text, q, noun)
    ]
    if not bases:
        # 占学校总数的 names the 中小学52所 before it; 占在校生总数的, the 在校学生12000人: a count
        # whose own noun is of the named noun's kind in the lexicon, at the named noun's level
        bases = [q for q in earlier if _same_kind(noun, q.label, _own_noun(q), count.label)]
    return _share(count, bases[-1], pct, rounding) if bases else None


def _lexicon_noun(words: str) -> Noun | None:
    """The lexicon's head noun that ``words`` end with (全县中小学 → 中小学), if any."""
    nouns = lexicon().nouns
    return next((nouns[words[k:]] for k in range(len(words)) if words[k:] in nouns), None)


def _own_noun(q: Q) -> Noun | None:
    """The head noun a count names: after its classifier (52所学校: ``Q.noun_after``) or ending
    its label (中小学52所)."""
    if q.noun_after:
        return lexicon().nouns[q.noun_after]
    return _lexicon_noun(q.label.rstrip("共有计为达约近总数 "))


def _wider(part: Q, head: Q) -> bool:
    """Whether ``part`` counts a wider kind than ``head``: a noun of the same group without a
    level (学校, 中小学) under a count of one level (初中10所)."""
    noun, whole = _own_noun(part), _own_noun(head)
    if noun is None or whole is None or noun.group != whole.group:
        return False
    spans = lexicon().spans_levels
    return (
        noun.level is None
        and _level(part.label) is None
        and whole.level is not None
        and not spans.search(noun.word)
    )


def _same_kind(named: str, label: str, noun: Noun | None, share_of: str = "") -> bool:
    """Whether a count of ``noun`` (its words before it: ``label``) is the base ``named`` in
    words: the same group of the lexicon, at the same level (占义务教育阶段在校生的 names no
    小学生 total, 占学校总数的 no 小学 one), with the named qualifiers — and with the words the
    base shares with the count's own (``share_of``): "高校少数民族学生…,占高校在校生的…" is of
    the 高校 students, not of a total of all students."""
    base = _lexicon_noun(named)
    if base is None or noun is None or base.group != noun.group:
        return False
    if _named_level(named, base) != _named_level(label, noun):
        return False
    scope = named[: len(named) - len(base.word)]
    qualifiers = re.findall(vocab()["base_qualifiers"], scope)
    if len(scope) >= 2 and scope in share_of:
        qualifiers.append(scope)
    return all(word in label for word in qualifiers)


def _named_level(words: str, noun: Noun) -> str | None:
    """The level a count's words give: its noun's own (小学生), else a school level word before
    it (初中学校, 义务教育阶段有初中学生), else 义务教育 (义务教育阶段在校生)."""
    if noun.level is not None:
        return noun.level
    return _level(words) or ("义务教育" if "义务教育" in words else None)


def _named_in_scope(text: str, q: Q, noun: str) -> bool:
    """Whether ``q`` counts ``noun`` with its qualifier said earlier in its sentence: "占特殊
    教育在校生的…" names "全国共有特殊教育学校2244所,…,在校生88.08万人" (its 在校生 and the
    sentence's 特殊教育); 阶段 aside (义务教育阶段在校生 is 义务教育在校生)."""
    noun = noun.replace("阶段", "")
    label = q.label.replace("阶段", "")
    if noun in label:
        return True
    head = next((noun[k:] for k in range(1, len(noun) - 1) if label.endswith(noun[k:])), "")
    if len(head) < 2 or len(noun) - len(head) < 2:
        return False
    stop = max(text.rfind(mark, 0, q.start) for mark in "。\n!?;")
    scope = text[stop + 1 : q.start].replace("阶段", "")
    return noun[: len(noun) - len(head)] in scope


@cache
def _whole_prefix() -> re.Pattern[str]:
    """Words opening a label that say it is of the whole unit (全县…: statements.yaml)."""
    return re.compile(f"^(?:{lexicon().whole_unit})")


_COUNT_SUFFIX = re.compile(r"(?:总数|总人数|总量|人数|数)$")


def _after_unit(text: str, q: Q, reach: int = 4) -> str:
    """The few characters after a number's unit, up to a clause break (18个教学班: what it
    counts)."""
    end = q.unit_end or q.end
    return re.split(r"[,，;；。:：、\n]", text[end : end + reach], maxsplit=1)[0]


def _plausible_base(relation: Relation, pct: Q) -> bool:
    """Whether a share that does not hold may be an error rather than a share of another base.
    The base is not named (占比93.24%, not 占全县学生的…), so it is guessed from the numbers before
    it; when the stated share is more than twice or under half of what that base gives, the text
    most likely means another base (a region's own total, a composite) and nothing is said: a
    false alarm in an official report costs more than a miss. Typos and miscounts move a share
    by far less."""
    expected = relation.expected or 0.0
    return expected > 0 and 0.5 <= pct.value / expected <= 2.0


def _is_share_count(text: str, q: Q, window: list[Q]) -> bool:
    following = [p for p in window if p.start > q.start]
    return (
        bool(following)
        and following[0].unit == "%"
        and bool(vocab()["share"].search(following[0].label))
    )


# what stands between a number and a count said to be among it ("119次实验中,92次…")
_AMONG_BEFORE = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:当中|之中|中)\s*[,，:：]?\s*(?:有|共有)?\s*")


def _complement(q: Q, pct: Q, window: list[Q]) -> bool:
    """Whether ``q``'s own share and ``pct`` make 100%: "食堂供餐的学生21000人,占…93.3%;企业供餐的
    1500人,占比6.7%" — two sides of one base, neither the other's base."""
    share = next((p for p in window if p.start > q.start), None)
    if share is None or share.unit != "%" or share.start >= pct.start:
        return False
    return abs(share.value + pct.value - 100) <= _half(share.written) + _half(pct.written) + 1e-9


def _narrowed_whole(text: str, whole: Q, count: Q, window: list[Q]) -> bool:
    """Whether a count with a share of a base it names (偏远地区学校1173所,占全国总校数30.08%) is
    the whole of a later ``count``: the words after its share, up to ``count``, say again a word
    of its own (…;偏远、特殊偏远与极度偏远学校分别为822所(占70.08%)…: 偏远), not only a noun of
    the lexicon (初中生 after 小学生…,占全县学生总数的60%;)."""
    share = next((p for p in window if p.start > whole.start), None)
    if share is None or not _NAMES_A_BASE.search(share.label) or share.start > count.start:
        return False
    own = _SCOPE_WORDS.sub("", whole.label)  # 全县…: every count's scope, no word of its own
    return _shared_words(_SCOPE_WORDS.sub("", text[share.unit_end : count.start]), own, 2)


_NAMES_A_BASE = re.compile(r"占(?:了)?[\u4e00-\u9fff]{2,}")  # 占全国总校数…, not a bare 占
_SCOPE_WORDS = re.compile(r"[全我本该][省市县区镇乡州旗国校]")


def share_of(count: Q, base: Q, pct: Q, rounding: str) -> Relation | None:
    """The share relation ``count`` / ``base`` = ``pct``."""
    return _share(count, base, pct, rounding)


def _share(count: Q, base: Q, pct: Q, rounding: str) -> Relation | None:
    ratio = _iv(count, rounding) / _iv(base, rounding)
    if ratio is None:
        return None
    allowed = ratio * 100.0
    words = vocab()
    if words["excused_rate"].search(re.split(r"[,，;；:：]", pct.label)[-1]):
        # children excused from school may be left out of an enrolment rate's base
        allowed = Interval(
            allowed.lo, max(allowed.hi, min(100.0, allowed.hi + float(words["excused_points"])))
        )
    return Relation(
        "percent",
        (count, base),
        pct,
        100.0 * count.value / base.value,
        allowed,
        allowed.overlaps(_iv(pct, rounding)),
    )


def _best(relations: list[Relation | None], prefer: int) -> Relation | None:
    """The relation that holds if any does, else the one with the preferred base."""
    found = [r for r in relations if r is not None]
    holding = [r for r in found if r.holds]
    if holding:
        return holding[0]
    preferred = [r for r in found if r.inputs[-1].start == prefer]
    chosen = preferred or found
    return chosen[0] if chosen else None


# ---- ratios ---------------------------------------------------------------------------------


def _role(q: Q, role: str) -> bool:
    words = vocab()
    negative = {
        "students": "not_students",
        "teachers": "not_teachers",
        "computers": "not_computers",
    }.get(role)
    if q.unit != words["role_units"][role] or not _checkable(q) or not words[role].search(q.said):
        return False
    if words["averaged"].search(q.label[-8:]):
        return False  # 平均每个班61名学生: an average, not the count
    return negative is None or not words[negative].search(q.said)


def _other_teachers(text: str, window: Sequence[Q], sentence: Sentence) -> bool:
    """Whether the ratio's paragraph, up to the end of its line, names teachers besides the
    counted ones (另有代课教师…, 兼任教师…)."""
    start = window[0].start if window else sentence.start
    end = text.find("\n", sentence.end)
    return bool(vocab()["other_teachers"].search(text, start, end if end >= 0 else len(text)))


def _ratios(
    text: str, sentence: Sentence, window: list[Q], pool: list[Q], rounding: str
) -> Iterator[Relation]:
    """师生比/生师比/生机比 1:r (or r:1) against the counts of the paragraph, else of the report.

    A ratio without its own word (师生比小学为1:19.8,初中为1:16.02) takes the kind of the ratio
    before it in the sentence; its level (小学, 初中 …) comes from its own words, else from that
    ratio's.
    """
    words = vocab()
    kind: str | None = None
    level: str | None = None
    for q in sentence.quantities:
        if q.ratio is None:
            continue
        near = q.label or text[max(sentence.start, q.start - words["ratio_reach"]) : q.start]
        own = next((k for k in words["ratios"] if k in near), None)
        if own is None and (kind is None or not _continues(text, sentence, q)):
            kind = level = None
            continue
        if own is not None:
            kind, level = own, None
        level = _level(q.label) or level or _segment_level(text, sentence, q)
        if q.hedged:
            continue
        spec = words["ratios"][kind]
        if spec["den"] == "teachers" and _other_teachers(text, window, sentence):
            continue
        nums = _counts(window, q, spec["num"], level)
        dens = _counts(window, q, spec["den"], level)
        if (not nums or not dens) and _some_schools(text, sentence.start, q.start):
            continue  # "三所完全小学…有计算机95台,生机比1/10": not the report's whole count
        nums = nums or _report_count(pool, spec["num"], level)
        dens = dens or _report_counts(pool, spec["den"], level)
        if not nums or not dens:
            continue
        low, high = sorted(q.ratio)
        if low != 1:
            continue
        stated = Q(
            high,
            q.start,
            q.end,
            "人/师",
            q.written,
            _half(q.written),
            False,
            None,
            q.label,
            q.unit_end,
        )
        candidates = [_ratio(n, d, stated, rounding) for n in nums[-1:] for d in dens]
        relation = _best(candidates, prefer=dens[-1].start)
        if relation is not None:
            yield relation


# a number of schools said as the subject: "三所完全小学", "2所中心校"


def _some_schools(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is said of a number of schools (三所完全小学…): what it says
    is of those schools, not of the whole unit whose counts the report gives elsewhere."""
    lex = lexicon()
    for found in SCHOOLS_COUNT.finditer(text, start, end):
        if _whole_before().search(text, max(start, found.start() - 4), found.start()):
            continue  # "全县45所学校…": all of them, the whole unit
        noun = lex.noun_re.match(text, found.end(), end)
        if noun is not None and lex.nouns[noun.group()].group == "schools":
            return True
    return False


@cache
def _whole_before() -> re.Pattern[str]:
    """Words before a count of schools that make it all of them: the whole unit's (全县45所学校),
    every one (所有), the unit speaking of itself (我县)."""
    return re.compile(f"(?:{lexicon().whole_unit})|所有|我[县市区镇乡旗]")


def _continues(text: str, sentence: Sentence, q: Q) -> bool:
    """Whether ``q`` continues a list of ratios: only a level word and 为/是 stand before it."""
    words = vocab()
    label = words["level_words"].sub("", q.label)
    return not label.strip("，,、；;为是达：: ") and _level(q.label) is not None


def _segment_level(text: str, sentence: Sentence, q: Q) -> str | None:
    """The level the ;-segment of ``q`` opens with (全省小学专任教师26.5万人,生师比16.8:1;初中…:
    the ratio is the 小学's)."""
    start = max(text.rfind(";", sentence.start, q.start), text.rfind("；", sentence.start, q.start))
    segment = text[max(start + 1, sentence.start) : q.start]
    return _level(segment[:12])


def _counts(window: list[Q], q: Q, role: str, level: str | None) -> list[Q]:
    """Counts of ``role`` before ``q`` in its paragraph: of its level, else of no level."""
    earlier = [p for p in window if p.start < q.start and _role(p, role)]
    same = [p for p in earlier if _level(p.said) == level]
    if same or level is None:
        return same
    return [p for p in earlier if _level(p.said) is None]


def _report_count(pool: list[Q], role: str, level: str | None) -> list[Q]:
    """The count of ``role`` at ``level`` the report states, if it states exactly one value.

    Used when the paragraph names none (学生510人 in one paragraph, 生均… in another). A report
    that gives two different student counts of that level (全校, 住校, 两个年份) names none.
    """
    found = [p for p in pool if _role(p, role) and _level(p.said) == level]
    if len({p.value for p in found}) != 1:
        return []
    return found[:1]


def _report_counts(pool: list[Q], role: str, level: str | None) -> list[Q]:
    """The report's count of ``role`` at ``level`` (:func:`_report_count`), else one count for
    each kind of it the report states once (专任教师 980人 and 教职工 1120人: a 生师比 may be over
    either, so it is an error only when it fits neither)."""
    found = _report_count(pool, role, level)
    if found:
        return found
    kinds = vocab()["role_kinds"].get(role, [])
    return [
        count[0]
        for kind in kinds
        if (count := _report_count([p for p in pool if re.search(kind, p.said)], role, level))
    ]


def _half(written: str) -> float:
    """Half a unit of the last digit of a ratio's r, written 1:r or r:1 (not of its 1)."""
    digits = re.findall(r"\d+(?:\.\d+)?", written)
    if len(digits) == 2 and "1" in digits:
        digits.remove("1")
    last = digits[-1] if digits else written
    return 0.5 * 10.0 ** (-(len(last.split(".")[1]) if "." in last else 0))


def _ratio(num: Q, den: Q, stated: Q, rounding: str) -> Relation | None:
    allowed = _iv(num, rounding) / _iv(den, rounding)
    if allowed is None:
        return None
    return Relation(
        "ratio",
        (num, den),
        stated,
        num.value / den.value,
        allowed,
        allowed.overlaps(_iv(stated, rounding)),
    )


def ratio_of(num: Q, den: Q, stated: Q, rounding: str) -> Relation | None:
    """The ratio relation ``stated`` = ``num`` ÷ ``den``."""
    return _ratio(num, den, stated, rounding)


def _level(label: str) -> str | None:
    """The school level a label names (小学, 初中, 高中, 学前), from ``relations.yaml``; 中小学
    names two (全县中小学生…: no one level); 其中学生 names none (其中 + 学生, not 中学)."""
    label = label.replace("中小学", "").replace("其中", "")
    for word, level in vocab()["levels"].items():
        if word in label:
            return str(level)
    return None


def levels_in(words: str) -> set[str]:
    """Every school level ``words`` name (其中学生 names none: 其中 + 学生, not 中学)."""
    words = words.replace("其中", "")
    return {str(level) for word, level in vocab()["levels"].items() if word in words}


# ---- per student ----------------------------------------------------------------------------


def _with_preschool(text: str, sentence: Sentence, count: Q) -> bool:
    """Whether the pupils counted include the pre-school class, said in the count's sentence
    before it (``with_preschool``: "现有7个班(含学前班),共有学生187人")."""
    start = sentence.start if sentence.start <= count.start < sentence.end else count.start - 40
    return vocab()["with_preschool"].search(text, max(0, start), count.end) is not None


def _per_student(
    text: str, sentence: Sentence, window: list[Q], pool: list[Q], rounding: str
) -> Iterator[Relation]:
    """生均X against a total X ÷ the students.

    The total is the last number of the same unit before 生均X in its sentence (one whose words
    share 生均X's topic, when 生均X names one: 图书19800册,生均图书38册), else such a number earlier
    in the paragraph that names the same topic. The students are those of the sentence, else of the
    paragraph, else the report's one student count of that level (:func:`_report_count`).
    """
    words = vocab()
    qs = sentence.quantities
    for index, per in enumerate(qs):
        if not words["per_student"].search(per.label) or not _checkable(per):
            continue
        if per.unit in ("%", "人"):
            continue
        if words["quoted_standard"].search(re.split(r"[,，;；:：]", per.label)[-1]):
            continue  # 对照标准生均20平方米: the standard it is held against
        if standard_after(text, per.end):
            continue  # 高于生均18平方米的合格标准: the same, said after it
        level = _level(per.label)
        amount = _total_for(text, per, qs[:index], window) or _report_total(text, per, pool, level)
        if amount is None:
            continue
        students = (
            [q for q in qs if _role(q, "students")]
            or _counts(window, per, "students", level)
            or _report_count(pool, "students", level)
        )
        if not students or _with_preschool(text, sentence, students[0]):
            continue
        count, stated = students[0], _measured(per)
        allowed = _iv(amount, rounding) / _iv(count, rounding)
        if allowed is None:
            continue
        yield Relation(
            "per_student",
            (amount, count),
            stated,
            amount.value / count.value,
            allowed,
            allowed.overlaps(_iv(stated, rounding)),
        )


# the units people are counted in, for what is said per person (人均): 惠及学生4000名, 资助8600人次
_PEOPLE = ("人", "名", "人次", "位")


def _per_capita(
    text: str, sentence: Sentence, window: list[Q], rounding: str
) -> Iterator[Relation]:
    """人均N元 against the amount stated just before it ÷ the people counted before that
    ("贫困学生1260人,…资助金额189万元,人均1500元"), or between the two ("补助资金180万元,惠及寄宿生
    3000人,人均600元")."""
    words = vocab()
    qs = sentence.quantities
    for index, per in enumerate(qs):
        if index == 0 or not words["per_capita"].search(per.label[-4:]) or not _checkable(per):
            continue
        amount, between = qs[index - 1], None
        if amount.unit in _PEOPLE and index >= 2 and _checkable(amount):
            amount, between = qs[index - 2], amount
        if amount.unit != per.unit or per.unit in ("%", "", *_PEOPLE) or not _checkable(amount):
            continue
        people = (
            [between]
            if between is not None
            else [
                q for q in window if q.start < amount.start and q.unit in _PEOPLE and _checkable(q)
            ]
        )
        if not people:
            continue
        stated = _measured(per)
        allowed = _iv(amount, rounding) / _iv(people[-1], rounding)
        if allowed is None:
            continue
        yield Relation(
            "per_student",
            (amount, people[-1]),
            stated,
            amount.value / people[-1].value,
            allowed,
            allowed.overlaps(_iv(stated, rounding)),
        )


def _sums_of_previous(
    text: str, previous: Sentence, sentence: Sentence, rounding: str
) -> Iterator[Relation]:
    """A total that opens its sentence (…共15300人) over the counts of the sentence before it in
    the paragraph, when every number there is such a count and names the total's noun
    ("小学在校生9800人,初中在校生5500人。全县义务教育阶段在校生共15300人")."""
    words = vocab()
    if previous.paragraph != sentence.paragraph or not sentence.quantities:
        return
    for index, head in enumerate(sentence.quantities):
        if not _digits(head) or head.hedged:
            continue
        # a total said as one opens its sentence; a noun alone may stand anywhere in it
        said_as_one = not index and bool(words["total"].search(head.label[-8:]))
        if not said_as_one and not _BARE_NOUN.fullmatch(head.label):
            continue
        nouns = lexicon().noun_re.findall(head.label)
        # the counts of the sentence before, its changes against last year aside
        parts = [q for q in previous.quantities if not CHANGE_BEFORE.search(q.label)]
        if len(parts) < 2 or not nouns:
            continue
        noun = nouns[-1]
        if any(p.unit != head.unit or not _digits(p) or noun not in p.label for p in parts):
            continue
        if not said_as_one and not all(_named_kind(p.label, noun) for p in parts):
            continue
        # "幼儿专任教师…;小学专任教师…。…其中专任教师76413人": the noun alone after the kinds'
        # counts totals them, but nothing says the kinds were all named
        relation = _sum(head, parts, rounding, said_as_one)
        if relation is not None:
            yield relation
        return


# a count said by its noun alone, maybe after 其中 or 全县/全市 (其中专任教师, 全县专任教师)
_BARE_NOUN = re.compile(
    r"[,，;；]?\s*(?:其中\s*[:：,，]?)?(?:全[县市区省镇乡])?(?:共有|有)?(?:专任教师|教职工|在校生|学生|教师)\s*"
)
# a change said right before its number (比上年减少81人; not 增加值, value added)
CHANGE_BEFORE = re.compile(
    r"(?:比上年|较上年|比去年|较去年|比上学年|同比)|(?:增加|减少|增长|下降|新增|提高|降低)了?\s*$"
)


def _named_kind(label: str, noun: str) -> bool:
    """Whether a count's words name a kind (a level, a school type) right before its noun."""
    before = label.split(noun)[0].strip(" ,，;；:：")
    return 1 <= len(before) <= 6 and not re.search(r"\d", before)


def _measured(q: Q) -> Q:
    """``q`` with the precision it is written to, even in a counted unit: 生均图书38册 is a quotient
    rounded (or truncated) to whole 册, not a count of 38 books."""
    if q.half:
        return q
    digits = q.written.replace(",", "")
    try:
        scale = q.value / float(digits)
    except (ValueError, ZeroDivisionError):
        return q
    return replace(q, half=0.5 * scale)


def checkable(q: Q) -> bool:
    """Whether ``q`` is a value written plainly enough to check (see :func:`_checkable`)."""
    return _checkable(q)


def measured(q: Q) -> Q:
    """``q`` with the precision it is written to (see :func:`_measured`)."""
    return _measured(q)


def _topic(label: str) -> str:
    """What a 生均 figure is of: its words after 生均, less level words and linking words."""
    words = vocab()
    after = words["per_student"].split(label)[-1]
    return words["level_words"].sub("", after).strip("，,、为是达：: ")


def _shares_topic(topic: str, label: str) -> bool:
    """Whether ``label`` names ``topic`` (they share two characters in a row, not only a word
    every area or amount has: 生均校舍建筑面积 is not over 校园占地面积)."""
    return any(
        topic[i : i + 2] in label and topic[i : i + 2] not in _GENERIC_TOPIC_WORDS
        for i in range(len(topic) - 1)
    )


def _names_topic(topic: str, words: str) -> bool:
    """Whether ``words`` name a 生均 figure's topic, or one of its other names (学生用机 for
    计算机, 校园面积 for 占地面积: ``topic_synonyms``)."""
    names = (topic, *vocab()["topic_synonyms"].get(topic, ()))
    return any(name in words or _shares_topic(name, words) for name in names)


_GENERIC_TOPIC_WORDS = frozenset({"面积", "总额", "金额", "数量", "总数", "平方"})


def _named_by(text: str, q: Q) -> str:
    """The words a quantity is named by: its label, and when that is only a verb of having, the
    words after its unit as well (有8600平方米运动场地)."""
    if not _new_clause(q):
        return q.label
    return q.label + re.split(r"\d", _after_unit(text, q, 10), maxsplit=1)[0]


def _total_for(text: str, per: Q, before: Sequence[Q], window: list[Q]) -> Q | None:
    """The total a 生均 figure divides (see :func:`_per_student`)."""
    words = vocab()
    topic = _topic(per.label)

    def fits(q: Q) -> bool:
        return (
            q.unit == per.unit
            and _checkable(q)
            and not words["per_student"].search(q.label)
            and (not topic or _names_topic(topic, _named_by(text, q)))
        )

    if topic and any(
        topic in q.label and q.unit == per.unit and not _checkable(q) for q in before
    ):  # "占地面积5万平方米,建筑面积约3180平方米,生均建筑面积…": the total it names is hedged
        return None
    own = [q for q in before if fits(q)]
    if own and (per.unit or topic):
        named = [q for q in own if topic and topic in q.label]
        return (named or own)[-1]  # the total its whole topic names before one sharing a word
    if not topic:
        return None
    earlier = [q for q in window if q.start < per.start and q not in before and fits(q)]
    return earlier[-1] if earlier else None


def _report_total(text: str, per: Q, pool: Sequence[Q], level: str | None) -> Q | None:
    """The total a 生均 figure divides when its paragraph states none: the report's one value
    (said before it, at its level) whose words name its topic (校舍建筑面积9318平方米 in 一、基本
    情况, 生均校舍建筑面积5.32平方米 in 二、达标情况). Two different values name none."""
    words = vocab()
    topic = _topic(per.label)
    if not topic:
        return None
    found = [
        q
        for q in pool
        if q.start < per.start
        and q.unit == per.unit
        and _checkable(q)
        and not words["averaged"].search(q.label)
        and _level(q.label) == level
        and _names_topic(topic, _named_by(text, q))
    ]
    return found[-1] if len({q.value for q in found}) == 1 else None


# ---- shortfalls -----------------------------------------------------------------------------


def _roles(qs: Sequence[Q], text: str) -> list[tuple[Q, str | None]]:
    """Each quantity with standard/existing/gap from its label, inherited across 、，."""
    words = vocab()
    roles: list[tuple[Q, str | None]] = []
    previous: str | None = None
    for index, q in enumerate(qs):
        role = next((r for r in ("gap", "standard", "existing") if words[r].search(q.label)), None)
        if role is None and index and re.fullmatch(r"类?[，,、]", _between(text, qs[index - 1], q)):
            role = previous
        roles.append((q, role))
        previous = role
    return roles


def _shortfalls(text: str, sentence: Sentence, rounding: str) -> Iterator[Relation]:
    roles = _roles([q for q in sentence.quantities if _checkable(q)], text)
    for unit in dict.fromkeys(q.unit for q, _ in roles):
        of_unit = [(q, r) for q, r in roles if q.unit == unit]
        standard = [q for q, r in of_unit if r == "standard"]
        existing = [q for q, r in of_unit if r == "existing"]
        gap = [q for q, r in of_unit if r == "gap"]
        if len(standard) != 1 or len(existing) != 1 or len(gap) != 1:
            continue
        s, e, g = standard[0], existing[0], gap[0]
        if not s.start < e.start < g.start:
            continue
        allowed = _iv(s, rounding) - _iv(e, rounding)
        yield Relation(
            "shortfall", (s, e), g, s.value - e.value, allowed, allowed.overlaps(_iv(g, rounding))
        )


# ---- growth ---------------------------------------------------------------------------------


def _growth(text: str, sentence: Sentence, rounding: str) -> Iterator[Relation]:
    words = vocab()
    # a span of time (七年时间内, 五年来) is no value compared
    qs = [
        q
        for q in sentence.quantities
        if _checkable(q) and not _SPAN_OF_TIME.match(text, q.end) and q.unit != "年"
    ]  # (…较113学年度…: a school year is no value compared)
    for index, q in enumerate(qs):
        up, down = words["growth"].search(q.label), words["decline"].search(q.label)
        if not (up or down) or index < 1:
            continue
        if words["yearly"].search(q.label):
            continue  # 年均增长10.7%: a yearly average, not the change from A to B
        earlier = _earlier_said_after(text, qs, index)
        if earlier is None and index < 2:
            continue
        a, b = (earlier, qs[index - 1]) if earlier is not None else (qs[index - 2], qs[index - 1])
        difference = None
        if (
            earlier is None
            and index >= 3
            and q.unit == "%"
            and words["growth"].search(b.label)
            and b.unit == qs[index - 3].unit == a.unit
        ):  # "9.6亿元,比上年8.0亿元增加1.6亿元,增长20%": the rate is of the two amounts
            a, b, difference = qs[index - 3], qs[index - 2], b
        if _earlier_after(text, a, b):
            a, b = b, a  # "4.8亿元,比2015年的3.2亿元增长…": the earlier value said second
        if a.unit != b.unit or a.unit == "%":
            continue
        from_to = words["from"].search(text[max(sentence.start, a.start - 12) : a.start]) and words[
            "to"
        ].search(text[a.unit_end or a.end : b.start])
        compared = _earlier_after(text, b, a) and _only_growth_between(text, a, difference or q)
        if not from_to and not compared and not _year_pair(text, a, b, q) and earlier is None:
            continue
        point, change = _change(a, b, bool(down), rounding)
        if q.unit == "%":
            allowed = change / _iv(a, rounding)
            if allowed is None:
                continue
            yield Relation(
                "growth",
                (a, b),
                q,
                100.0 * point / a.value,
                allowed * 100.0,
                (allowed * 100.0).overlaps(_iv(q, rounding)),
            )
        elif q.unit == a.unit:
            yield Relation("growth", (a, b), q, point, change, change.overlaps(_iv(q, rounding)))
    yield from _change_rates(text, qs, rounding)
    yield from _point_changes(text, sentence, qs, rounding)
    yield from _listed_changes(text, qs, rounding)


def _listed_changes(text: str, qs: Sequence[Q], rounding: str) -> Iterator[Relation]:
    """Values listed with 、, the earlier values after 较/比 in the same order, then their changes:
    "共1758班、学生33197人,较上学年1777班、33922人,减少19班、725人" — each change of the value and
    the earlier value at its place in the lists, of the same unit (or by unit, when the units of
    each list differ: "…5199人、284班,减少3班、187人")."""
    words = vocab()
    for k, first in enumerate(qs):
        verb = _CHANGE_OPENS.fullmatch(_between(text, qs[k - 1], first)) if k else None
        if verb is None or first.unit == "%":
            continue
        size = _run(text, qs, k)
        if size < 2 or k < 2 * size:
            continue
        earlier, now = qs[k - size : k], qs[k - 2 * size : k - size]
        if _run(text, qs, k - size) != size or _run(text, qs, k - 2 * size, _SAID_BESIDE) < size:
            continue
        if not _COMPARED_LIST.fullmatch(_between(text, now[-1], earlier[0])):
            continue
        changes = list(qs[k : k + size])
        units = [q.unit for q in changes]
        if len(set(units)) == size and {q.unit for q in earlier} == set(units):
            # "…5199人、284班,减少3班、187人": values of distinct units pair by their unit
            changes = [next(c for c in changes if c.unit == q.unit) for q in earlier]
        if any(
            not (a.unit == b.unit == c.unit) for a, b, c in zip(earlier, now, changes, strict=True)
        ):
            continue
        down = bool(words["decline"].search(verb.group()))
        for before, after, change in zip(earlier, now, changes, strict=True):
            point, allowed = _change(before, after, down, rounding)
            yield Relation(
                "growth",
                (before, after),
                change,
                point,
                allowed,
                allowed.overlaps(_iv(change, rounding)),
            )


def _change(before: Q, after: Q, down: bool, rounding: str) -> tuple[float, Interval]:
    """The change from ``before`` to ``after`` as a fall (``down``) or a rise: its value and the
    interval the written precision allows."""
    if down:
        return before.value - after.value, _iv(before, rounding) - _iv(after, rounding)
    return after.value - before.value, _iv(after, rounding) - _iv(before, rounding)


# a change opening its clause (",减少19班") and the 、 that lists values ("1777班、3万3922人")
_CHANGE_OPENS = re.compile(r"\s*[,，]\s*(?:净)?(?:增加|减少|增长|下降)了?\s*")
_LISTED = re.compile(r"\s*、\s*[\u4e00-\u9fff]{0,6}?\s*")
# the values now may be said clause by clause ("共1758班,学生人数共3万3197人,较…")
_SAID_BESIDE = re.compile(r"\s*[、,，]\s*[\u4e00-\u9fff]{0,6}?\s*")


def _run(text: str, qs: Sequence[Q], k: int, joint: re.Pattern[str] = _LISTED) -> int:
    """How many values from ``qs[k]`` on are listed with 、 (or ``joint``), ``k``'s own included."""
    size = 1
    while k + size < len(qs) and joint.fullmatch(_between(text, qs[k + size - 1], qs[k + size])):
        size += 1
    return size


# the earlier value said after the change by its year: "…12.6亿元,同比增长9.6%,2018年为11.5亿元" (by
# 上年为…: respective.py)
_EARLIER_IS = re.compile(r"\s*[,，]\s*((?:19|20)\d\d)年(?:同期)?(?:为|是|有|达)?\s*")


def _earlier_said_after(text: str, qs: Sequence[Q], index: int) -> Q | None:
    """The value right after the change ``qs[index]`` said as the earlier value of the one right
    before it (its unit; a year earlier than the one the first is said of), if it is."""
    if index + 1 >= len(qs):
        return None
    now, then = qs[index - 1], qs[index + 1]
    if (
        now.unit != then.unit
        or now.unit in ("%", "年", "")
        or not _OVER_TIME.search(text[now.unit_end or now.end : qs[index].start])
    ):
        return None
    said = _EARLIER_IS.fullmatch(_between(text, qs[index], then))
    own = _YEARS.findall(text, max(0, now.start - len(now.label) - 12), now.start)
    if said is None or not own or int(own[-1]) <= int(said.group(1)):
        return None
    return then


def _magnitude(interval: Interval) -> Interval:
    """``{|x| : x in interval}``."""
    low, high = sorted((abs(interval.lo), abs(interval.hi)))
    return Interval(0.0 if interval.lo <= 0 <= interval.hi else low, high)


def _point_changes(
    text: str, sentence: Sentence, qs: Sequence[Q], rounding: str
) -> Iterator[Relation]:
    """A difference in percentage points: "由99.94%提高到99.96%,提高0.02个百分点" (from/to), or
    the only two rates of the sentence compared ("财政收入增长8.5%,教育支出增长12.3%,…高于…3.8
    个百分点")."""
    words = vocab()
    for index, q in enumerate(qs):
        if q.unit != "百分点" or index < 2:
            continue
        a, b = qs[index - 2], qs[index - 1]
        rates = [p for p in qs[:index] if p.unit == "%"]
        if a.unit != "%" or b.unit != "%":
            continue
        from_to = words["from"].search(text[max(sentence.start, a.start - 12) : a.start]) and words[
            "to"
        ].search(text[a.unit_end or a.end : b.start])
        # "…增长2.1%,占比35.2%,比上年提高1.4个百分点": a change of the last rate over a time, not
        # the difference of the two rates
        # (unless the first rate is the earlier time's: "上年为95.2%,今年为95.8%,比上年提高0.6…")
        over_time = _OVER_TIME.search(q.label) is not None and not _EARLIER.search(a.label)
        compared = len(rates) == 2 and words["compared"].search(q.label) and not over_time
        if not from_to and not compared:
            continue
        if _COMPARED_WITH.fullmatch(_between(text, a, b)):
            a, b = b, a  # "达到85%,较2015年的70%提高15个百分点": the earlier rate said second
        change = _iv(b, rounding) - _iv(a, rounding)
        if compared or words["decline"].search(q.label):
            change = _magnitude(change)  # "高于/下降…个百分点" states the size of the difference
        yield Relation(
            "growth",
            (a, b),
            q,
            abs(b.value - a.value),
            change,
            change.overlaps(_iv(q, rounding)),
        )


_OVER_TIME = re.compile(r"(?:比|较|与)(?:上年|去年|上一年|上学年|(?:19|20)\d\d年)|同比")
_EARLIER = re.compile(r"上年|去年|上一年|上学年|(?:19|20)\d\d年")


def _earlier_after(text: str, now: Q, before: Q) -> bool:
    """Whether ``before`` is said right after ``now`` as its earlier value: "4.8亿元,比2015年的
    3.2亿元" / "较上年的4.2亿元" / "…4.8亿元,2018年为4.2亿元" (an earlier year than ``now``'s)."""
    if now.start > before.start or now.unit != before.unit or now.unit == "%":
        return False
    gap = _between(text, now, before)
    if _COMPARED_WITH.fullmatch(gap):
        return True
    stated = _YEAR_IS.fullmatch(gap)
    if stated is None:
        return False
    own = _YEARS.findall(text, max(0, now.start - len(now.label) - 12), now.start)
    return bool(own) and int(own[-1]) > int(stated.group(1))


def _only_growth_between(text: str, before: Q, rate: Q) -> bool:
    gap = _between(text, before, rate).strip(" ,，")
    # (the noun after the earlier value's classifier may stand before: "1777个班减少29个班")
    return bool(
        re.fullmatch(
            r"(?:(?!其中)[\u4e00-\u9fff]{1,2}[,，]?)?(?:增长|增加|提高|上升|下降|减少|降低)了?(?:为|达)?",
            gap,
        )
    )


_COMPARED_WITH = re.compile(
    r"\s*[\u4e00-\u9fff]{0,3}?\s*[,，]?\s*(?:比|较)(?:上一?学?年度?|去年|上年同期|同期|(?:19|20)\d\d(?:学?年度?)?(?:同期)?"
    r"|\d{2,3}学年度?)?的?\s*"  # 较上学年, 较2023学年度, 较113学年度 (a Taiwan school year)
)
# listed values' earlier ones (_listed_changes) may name their noun after the time ("较113学年新生
# 5620人、222班")
_COMPARED_LIST = re.compile(
    _COMPARED_WITH.pattern + r"(?:(?!增|减|下降|提高|上升|其中)[\u4e00-\u9fff]){0,4}\s*"
)
_YEAR_IS = re.compile(r"\s*[,，]\s*((?:19|20)\d\d)年(?:为|是|有)?\s*")
_YEARS = re.compile(r"((?:19|20)\d\d)年")


_SPAN_OF_TIME = re.compile(r"\s*(?:个)?年(?:时间)?(?:内|来|间|中)")
_YEAR_BEFORE = re.compile(r"(?:19|20)\d{2}年度?(?:的)?$")


def _year_pair(text: str, a: Q, b: Q, rate: Q) -> bool:
    """The same thing in two years, then its change: "2022年投入资金2100万元,2023年投入资金2560万元,
    增长21.9%" — each value right after its year under the same words, the change next."""
    if not a.label or a.label.strip(" ,，") != b.label.strip(" ,，") or len(a.label.strip()) < 2:
        return False
    years = [
        _YEAR_BEFORE.search(text, max(0, q.start - len(q.label) - 8), q.start - len(q.label))
        for q in (a, b)
    ]
    gap = _between(text, b, rate)
    return all(years) and bool(_CHANGE_NEXT.fullmatch(gap[: len(gap) - len(rate.label)]))


# between the later value and its change: nothing but a break, or a span of time (…,七年时间内…)
_CHANGE_NEXT = re.compile(r"[\s,，]*(?:[一二三四五六七八九十两\d]{1,3}\s*个?年)?")


def _change_rates(text: str, qs: Sequence[Q], rounding: str) -> Iterator[Relation]:
    """A value, its change against an earlier time, and the rate of that change: "留守儿童820.4
    万人,比上年减少92.6万人,减幅为10.14%" — the rate is the change over the earlier value
    (820.4 + 92.6), written as a magnitude. Read as growth from the earlier value to the stated
    one."""
    words = vocab()
    for now, change, rate in zip(qs, qs[1:], qs[2:], strict=False):
        if rate.unit != "%" or now.unit != change.unit or now.unit == "%":
            continue
        said = words["change_against"].fullmatch(_between(text, now, change))
        if said is None:
            continue
        if not words["change_rate"].fullmatch(_between(text, change, rate).strip(" ,，")):
            continue
        down = bool(words["decline"].search(said.group("verb")) or said.group("verb") == "少")
        earlier = (
            (_iv(now, rounding) + _iv(change, rounding))
            if down
            else (_iv(now, rounding) - _iv(change, rounding))
        )
        base = now.value + change.value if down else now.value - change.value
        allowed = _iv(change, rounding) / earlier if base > 0 else None
        if allowed is None:
            continue
        before = replace(now, value=base, written=f"{base:.10g}", half=0.0)
        yield Relation(
            "growth",
            (before, now),
            rate,
            100.0 * change.value / base,
            allowed * 100.0,
            (allowed * 100.0).overlaps(_iv(rate, rounding)),
        )


def split_sentences(
    text: str,
    start: int,
    end: int,
    counted_units: tuple[str, ...],
    numbers: Quantities | None = None,
) -> list[Sentence]:
    """The sentences of ``text[start:end]`` with their quantities; a paragraph is a line.
    ``numbers`` are the document's quantities when the caller has read them already."""
    numbers = numbers if numbers is not None else Quantities.of(text)
    found = []
    paragraph = text.count("\n", 0, start)
    counted = start  # line breaks before here are in ``paragraph``
    for s, e in sentence_spans(text, start, end):
        paragraph += text.count("\n", counted, s)
        counted = s
        qs = quantities(text, s, e, counted_units, numbers)
        found.append(Sentence(s, e, paragraph, tuple(qs)))
    return found
