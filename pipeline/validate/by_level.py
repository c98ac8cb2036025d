"""Relations between a report's figures by level: a 义务教育 count is its 小学 and 初中 counts
together; a 生师比 is the level's students over its teachers.

Statistics bulletins give the totals once and then a section per level, paragraphs apart
("全省共有义务教育阶段学校2663所,在校生1380.5万人" … "(一)小学 … 普通小学2135所,在校生936.06万人,
专任教师55.85万人,生师比16.76" … "(二)初中 … 初中528所"). No sentence states the sum or the
quotient; the levels do. The figure extractor has already given each number its indicator, level
and year, so here a report's actual figures are grouped by (indicator, level, year), and a group of
one figure is that level's figure. The numbers checked are the sentences' own (with the precision
they are written to), and a relation the sentences already state is not read twice.

The partitions, the indicators that add up and the ratios are data (``level_*`` in
relations.yaml).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace

from junheng.core.model import Figure, FigureKind
from junheng.validate.quantities import Q, sentence_start
from junheng.validate.relations import Relation, Sentence, ratio_of, sum_of, vocab

_Key = tuple[str, str | None, int | None]  # (indicator, level, year)


def level_relations(
    text: str,
    figures: Sequence[Figure],
    sentences: Sequence[Sentence],
    rounding: str,
    known: Sequence[Relation] = (),
) -> list[Relation]:
    """The level sums and ratios of one report, from its ``figures`` and ``sentences``;
    ``known`` are the relations its sentences state."""
    words = vocab()
    at = {q.start: q for sentence in sentences for q in sentence.quantities}
    once = _once(figures, _parts_of_their_level(figures, known))
    said = {(r.kind, r.stated.start) for r in known}
    body = text[sentences[0].start : sentences[-1].end] if sentences else ""
    found = list(_sums(once, at, words, body, rounding, said))
    found += _all_levels(text, figures, once, at, words, body, rounding, said)
    found += _ratios(once, at, words, rounding, said)
    return found


def _parts_of_their_level(figures: Sequence[Figure], known: Sequence[Relation]) -> set[int]:
    """The starts of figures that are parts of a stated sum whose total is a figure of their
    indicator and level (高中在校生29396人 = 普通高中22502人 + 中职6894人: the two are not other
    高中 counts beside the total)."""
    by_start = {f.span.start: f for f in figures}
    parts: set[int] = set()
    for relation in known:
        total = by_start.get(relation.stated.start)
        if relation.kind != "sum" or total is None:
            continue
        for q in relation.inputs:
            part = by_start.get(q.start)
            if part is not None and (part.indicator, part.level) == (total.indicator, total.level):
                parts.add(q.start)
    return parts


def _once(figures: Sequence[Figure], parts: AbstractSet[int] = frozenset()) -> dict[_Key, Figure]:
    """The figures that are the only one of their (indicator, level, year) in the report (level
    None: of the report's whole scope), ``parts`` of a total of theirs left out."""
    groups: dict[_Key, dict[int, Figure]] = defaultdict(dict)
    for figure in figures:
        if figure.span.start in parts:
            continue
        if figure.kind == FigureKind.ACTUAL and figure.school is None:
            groups[(figure.indicator, figure.level, figure.year)][figure.span.start] = figure
    return {key: next(iter(g.values())) for key, g in groups.items() if len(g) == 1}


def _sums(
    once: dict[_Key, Figure],
    at: dict[int, Q],
    words: dict,
    body: str,
    rounding: str,
    said: set[tuple[str, int]],
) -> Iterator[Relation]:
    mixed = re.search(words["mixed_schools"], body) is not None
    for (indicator, level, year), whole in once.items():
        parts = words["level_partitions"].get(level)
        exhaustive = True
        if level is None and whole.qualifier is None:
            parts, exhaustive = words["level_within"], False  # the whole scope: at least these
        if not parts or indicator not in words["additive"]:
            continue
        if indicator == "schools" and mixed:
            continue  # 九年一贯制 schools: counted under either level, or apart
        figures = [_part(once, indicator, part, year) for part in parts]
        head = at.get(whole.span.start)
        qs = [at.get(f.span.start) for f in figures if f is not None]
        if head is None or len(qs) != len(parts) or ("sum", head.start) in said:
            continue
        chosen = [q for q in qs if q is not None]
        if not exhaustive and any(q.start < head.start for q in chosen):
            continue  # the whole scope is said first; a count of no level after the levels' is
            # another part (九年制学校4所,在校生2398人 after 初中…,小学…)
        if len(chosen) != len(parts) or not all(plain_count(q, head.unit) for q in [head, *chosen]):
            continue
        relation = sum_of(head, chosen, rounding, exhaustive)
        if relation is not None:
            yield relation


def _all_levels(
    text: str,
    figures: Sequence[Figure],
    once: dict[_Key, Figure],
    at: dict[int, Q],
    words: dict,
    body: str,
    rounding: str,
    said: set[tuple[str, int]],
) -> list[Relation]:
    """A count of every level (全市共有各级各类学校152所, …在校生101800人) holds at least the counts
    its levels' sections give (学前, 义务教育 or else 小学 and 初中, 高中: ``level_all``), said
    before or after it; other kinds of schools (特殊教育, 中职, 高校) may make up the rest."""
    found = []
    mixed = re.search(words["mixed_schools"], body) is not None
    for whole in figures:
        head = at.get(whole.span.start)
        if (
            head is None
            or whole.kind != FigureKind.ACTUAL
            or whole.level is not None
            or whole.school is not None
            or whole.indicator not in words["additive"]
            or not _of_every_level(text, head, words)
            or ("sum", head.start) in said
            or (whole.indicator == "schools" and mixed)
        ):
            continue
        chosen: list[Q] = []
        for level in words["level_all"]:
            figure = _part(once, whole.indicator, level, whole.year)
            inner = [
                _part(once, whole.indicator, lv, whole.year)
                for lv in words["level_partitions"].get(level, ())
            ]
            picked = [figure] if figure is not None else inner if inner and all(inner) else []
            chosen += [q for f in picked if f is not None and (q := at.get(f.span.start))]
        if len(chosen) < 2 or not all(plain_count(q, head.unit) for q in [head, *chosen]):
            continue
        relation = sum_of(head, chosen, rounding, False)
        if relation is not None:
            found.append(relation)
    return found


def _of_every_level(text: str, head: Q, words: dict) -> bool:
    """Whether a count is said of every level: 各级各类 before it in its sentence, with no level
    word after that ("全市共有各级各类学校152所,在校生101800人": both)."""
    start = sentence_start(text, head.start)
    said = list(re.finditer(words["level_all_words"], text[start : head.start]))
    if not said:
        return False
    rest = text[start + said[-1].end() : head.start]
    if re.search(words["level_all_subsets"], rest):
        return False  # 各级各类民办学校: the private ones of every level, not every school
    if "其中" in rest or (head.unit and re.search(rf"\d\s*{re.escape(head.unit)}", rest)):
        return False  # "各级各类学校3093所,其中…中等职业学校33所": a part of the one said so
    return not any(word in rest for word in words["levels"])


def _part(once: dict[_Key, Figure], indicator: str, level: str, year: int | None) -> Figure | None:
    """The level's figure of the whole's year; of no year when the report gives this indicator
    at that level in no other year (a bulletin says the year once, over its first totals)."""
    found = once.get((indicator, level, year))
    if found is not None or year is None:
        return found
    years = {y for (i, lv, y) in once if i == indicator and lv == level}
    return once.get((indicator, level, None)) if years == {None} else None


def _ratios(
    once: dict[_Key, Figure],
    at: dict[int, Q],
    words: dict,
    rounding: str,
    said: set[tuple[str, int]],
) -> Iterator[Relation]:
    for (indicator, level, year), ratio in once.items():
        spec = words["level_ratios"].get(indicator) if level else None
        q = at.get(ratio.span.start)
        # a ratio written r:1 or 1:r is read with its sentences' counts (relations._ratios)
        if spec is None or q is None or q.ratio is not None or ("ratio", q.start) in said:
            continue
        num = once.get((spec["num"], level, year))
        dens = [once.get((den, level, year)) for den in spec["den"]]
        top = at.get(num.span.start) if num else None
        if top is None or q.hedged:
            continue
        stated = replace(q, value=ratio.value, unit="人/师", counted=False)
        candidates = [
            ratio_of(top, below, stated, rounding)
            for den in dens
            if den is not None
            and (below := at.get(den.span.start))
            and plain_count(below, top.unit)
        ]
        relations = [r for r in candidates if r is not None]
        if relations:  # an error only when it fits no denominator
            yield next((r for r in relations if r.holds), relations[0])


def plain_count(q: Q, unit: str) -> bool:
    """A number in digits, of ``unit``, not hedged (约, 余 …)."""
    return q.unit == unit and q.written[:1].isdigit() and not q.hedged and q.ratio is None
