"""A total, then its parts in the next sentence without 其中: "全年共实施项目15个。新建项目11个,
改扩建2个,维修1个,附属工程1个。", "共投入资金1710万元。中央资金1091万元,县级配套619万元。"

The next sentence's numbers in the total's unit are its parts when the total is marked as one (共,
合计, 累计 …) and is the last number of its unit in its sentence, and the parts are plain counts:
in digits, not hedged, none a total of its own, none a change against another time (比上年增加…),
none a group that may overlap another (女, 留守, 寄宿 … ``overlapping`` in relations.yaml)
unless they name a whole partition (男/女, 城区/农村). Nothing says the
list is complete, so it is read as a list that may leave parts out: only parts that add up to more
than the total are an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet

from junheng.extractors.figures import load_rules
from junheng.validate.quantities import Q
from junheng.validate.relations import (
    CHANGE_BEFORE,
    Relation,
    Sentence,
    counted_by,
    cut_off,
    in_parens,
    is_partition,
    names_a_partition,
    pair_sides,
    sum_of,
    vocab,
)

_CHANGE = re.compile(r"比上年|较上年|比去年|同比|增加|减少|增长|下降|新增|提高|降低")
_OPENS_WITH_QIZHONG = re.compile(r"\s*其中\s*[:：,，]?")


def sums_of_next(
    text: str,
    sentence: Sentence,
    following: Sentence,
    rounding: str,
    handled: AbstractSet[int],
    counted_units: AbstractSet[str] = frozenset(),
) -> Iterator[Relation]:
    """The sum of ``sentence``'s total over the parts ``following`` gives (see the module)."""
    words = vocab()
    # "…完成529757万元,比上年增长13.1%。其中第一产业…125964万元,…;第二产业…": 其中 opens the
    # next sentence; for the units the statement layer does not read (money, area …)
    opened = _OPENS_WITH_QIZHONG.match(text, following.start) is not None
    for index, head in enumerate(sentence.quantities):
        if head.start in handled or not _plain(head) or head.unit in ("%", ""):
            continue
        by_qizhong = opened and head.unit not in counted_units
        marked = bool(words["total"].search(head.label[-8:]))
        whole_of_levels = False
        if any(q.unit == head.unit for q in sentence.quantities[index + 1 :]):
            continue  # not the last of its unit: its parts, if any, are in its own sentence
        if by_qizhong:
            yield from _qizhong_sum(text, following, head, rounding)
            continue
        parts = _before_qizhong(text, following, head.unit)
        if len(parts) < 2 or not all(_part(text, following, q) for q in parts):
            continue
        if not marked and words["total"].search(head.label):
            # "我县共有义务教育阶段学校166所。小学135所,初中31所,其中…": the total word opens the
            # clause; the levels that make up the total's level are its whole
            marked = whole_of_levels = _levels_make_up(head, parts)
        if not marked:
            # "全县总人口104296人,同比增长0.3%。男性人口52786人,女性人口51510人。": a count
            # said as no total, then the two sides of a pair of it (男/女, 城区/农村) are its whole
            relation = _sides_of(sentence, head, parts, rounding)
            if relation is not None:
                yield relation
            continue
        # money by source (中央、省级、县级配套) is a partition: for 元, money_subset names subsets
        overlapping = words["money_subset" if head.unit == "元" else "overlapping"]
        if any(overlapping.search(q.label) for q in parts) and not is_partition(parts):
            continue
        relation = sum_of(head, parts, rounding, exhaustive=whole_of_levels)
        if relation is not None:
            yield relation


def _before_qizhong(text: str, sentence: Sentence, unit: str) -> list[Q]:
    """``sentence``'s numbers in ``unit`` before its first 其中: those after it are the parts of
    the part before them ("小学135所,初中31所,其中九年一贯制学校4所")."""
    parts: list[Q] = []
    for q in sentence.quantities:
        if parts and "其中" in text[parts[-1].end : q.start]:
            break
        if q.unit == unit:
            parts.append(q)
    return parts


def _levels_make_up(head: Q, parts: Sequence[Q]) -> bool:
    """Whether ``parts`` are named by the levels that together make up the level ``head``'s
    words name (小学 and 初中 for 义务教育: figures.yaml ``levels_together``), one each."""
    rules = load_rules()
    named = [rules.level_re.match(_name(q)) for q in parts]
    levels = [rules.levels.get(m.group()) for m in named if m is not None]
    if len(levels) != len(parts) or len(set(levels)) != len(levels):
        return False
    whole = rules.levels_together.get(frozenset(str(level) for level in levels))
    return whole is not None and any(
        rules.levels.get(m.group()) == whole for m in rules.level_re.finditer(head.label)
    )


def sums_of_run(
    text: str,
    sentences: Sequence[Sentence],
    index: int,
    rounding: str,
    handled: AbstractSet[int],
) -> Iterator[Relation]:
    """A total said as one, then its parts one sentence (or line) each, each sentence opening
    with the part's name and holding one number of the total's unit: "全县共有中小学校40所。⏎城区
    学校12所。⏎农村学校30所。". The parts must be named by the sides of a pair (城区/农村, 男/女:
    then they are the whole) or each by a level of its own (小学, 初中 …: then they may leave some
    out, so only parts above the total are an error)."""
    sentence = sentences[index]
    heads = [q for q in sentence.quantities if _plain(q) and q.unit not in ("%", "")]
    if not heads or heads[-1].start in handled:
        return
    head = heads[-1]
    if not vocab()["total"].search(head.label[-8:]) or head.start != sentence.quantities[-1].start:
        return
    parts: list[Q] = []
    end = sentence.end
    for following in sentences[index + 1 :]:
        if text[end : following.start].strip(" \t\r\n\u3000。"):
            break  # not right after the last one
        of_unit = [q for q in following.quantities if q.unit == head.unit]
        if len(of_unit) != 1 or not _part(text, following, of_unit[0]):
            break
        part = of_unit[0]
        if text[following.start : part.start].strip().startswith("其中") and parts:
            break
        parts.append(part)
        end = following.end
    if len(parts) < 2:
        return  # one sentence of parts is the next sentence's sum (sums_of_next)
    names = [_name(q) for q in parts]
    levels = [vocab()["level_words"].match(n) for n in names]
    if pair_sides(names):
        relation = sum_of(head, parts, rounding, exhaustive=True)
    elif all(levels) and len({m.group() for m in levels if m}) == len(parts):
        relation = sum_of(head, parts, rounding, exhaustive=False)
    else:
        return
    if relation is not None:
        yield relation


def _sides_of(sentence: Sentence, head: Q, parts: list[Q], rounding: str) -> Relation | None:
    """The sum of ``head`` over the next sentence's two ``parts`` when they are the two sides of
    one pair (男/女, 城区/农村, 公办/民办) counting what ``head`` counts, and ``head`` is the only
    number of its unit in its sentence or is said as a whole (总人口, 总数): the whole, exactly."""
    if len(parts) != 2 or not pair_sides([_name(q) for q in parts]):
        return None
    if any(counted_by(q.said) not in (None, counted_by(head.said)) for q in parts):
        return None  # 教职工…。城区学生…,农村学生…: the sides of another count
    alone = sum(q.unit == head.unit for q in sentence.quantities) == 1
    if not alone and not _WHOLE_SAID.search(head.label[-6:]):
        return None
    return sum_of(head, parts, rounding, exhaustive=True)


# a count said as a whole without a total word: 总人口, 总户数, 学生总数
_WHOLE_SAID = re.compile(r"总[\u4e00-\u9fff]{1,3}$|总数(?:为|是|达)?$")


def _name(q: Q) -> str:
    """What a part's sentence names it by: its words before the number (without 其中, 全县 …),
    or the noun after it."""
    return _NAME_LEAD.sub("", q.label) or q.noun_after


_NAME_LEAD = re.compile(
    r"^[\s,，:：]*(?:其中)?[\s,，:：]*(?:[(（]?[\d一二三四五六七八九十]{1,2}[)）.、]\s*)?"
)


def _qizhong_sum(text: str, following: Sentence, head: Q, rounding: str) -> Iterator[Relation]:
    """The parts a sentence opening with 其中 lists of the total before it: its numbers in the
    total's unit that are no change of their own (比上年增加800万元); the whole when no part's words
    name a subset (用于, 专项 …)."""
    parts = [
        q
        for q in following.quantities
        if q.unit == head.unit and not CHANGE_BEFORE.search(q.label)
    ]
    if any(vocab()["own_total"].search(q.label) for q in parts):
        # "其中,项目资金6.05亿元;实施项目48个,…总投资2.85亿元": a total of its own among them
        return
    # "…生活用房1776平方米(包括食堂445平方米,…)": a part's own parts in brackets are not the total's
    parts = [q for q in parts if not _in_own_parts(text, following.start, q)]
    if len(parts) < 2 or not all(_plain(q) for q in parts):
        return
    if any(in_parens(text, following.start, q) for q in parts):
        return
    whole = (
        all(names_a_partition(q, head) for q in parts)
        and not cut_off(text, following)
        and not _record_without_part(text, following, parts)
    )
    relation = sum_of(head, parts, rounding, exhaustive=whole)
    if relation is not None:
        yield relation


def _record_without_part(text: str, sentence: Sentence, parts: Sequence[Q]) -> bool:
    """Whether a ;-record of ``sentence`` counts something but holds none of ``parts``: "其中,
    校舍建设类20个,投资1500万元;…;附属设施15个,规划…" leaves the last record's amount out."""
    starts = [q.start for q in parts]
    records = re.finditer(r"[^;；]+", text[sentence.start : sentence.end])
    for record in records:
        lo, hi = sentence.start + record.start(), sentence.start + record.end()
        counts = any(lo <= q.start < hi and _plain(q) for q in sentence.quantities)
        if counts and not any(lo <= at < hi for at in starts):
            return True
    return False


def _in_own_parts(text: str, start: int, q: Q) -> bool:
    """Whether ``q`` stands in brackets that open with 包括/含/其中 right after a number: the
    parts of the number before the bracket."""
    if not in_parens(text, start, q):
        return False
    opening = max(text.rfind("(", start, q.start), text.rfind("（", start, q.start))
    return bool(_OWN_PARTS.match(text, opening + 1)) and bool(
        re.search(r"\d\s*[\u4e00-\u9fff]{0,4}$", text[start:opening])
    )


_OWN_PARTS = re.compile(r"\s*(?:包括|包含|含|其中)")


def _plain(q: Q) -> bool:
    return q.written[:1].isdigit() and not q.hedged and q.ratio is None and q.role == "value"


def _part(text: str, sentence: Sentence, q: Q) -> bool:
    words = vocab()
    return (
        _plain(q)
        and bool(q.label.strip())
        and not words["total"].search(q.label)
        and not _CHANGE.search(q.label)
        and not in_parens(text, sentence.start, q)
    )
