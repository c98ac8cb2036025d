"""Figures: every number a report states for an indicator of the catalogue, tied to its sentence.

For each sentence of a report, the quantities (``junheng.extractors.numbers``) are paired with the
indicator wordings of the catalogue (``extractors/data/catalogue.yaml``):

* a wording before its number, with only filler, level words and years between
  ("在校生年辍学率为0.26%", "生均教学及辅助用房小学3.74");
* a count whose unit is followed by what it counts ("现有10个教学班", "为325名初中寄宿生");
* one wording for a list said once ("分别征收1065万元、1026万元、902万元"), each value given its own
  year or level from the list before 分别 ("2007年、2008年、2009年分别…");
* one number for two wordings ("入学率、巩固率均达100%").

The value must be in a unit the indicator accepts (``%`` for a rate, 人/名 for people, 所 for
schools …), so "缺600册" is never a count of teachers. Level comes from the clause (or the start
of the sentence), year from the clause ("07年比06年增长" → 2007), kind from target and standard
words (``extractors/data/figures.yaml``). The rules follow shared/ANNOTATION.md.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import pairwise

from junheng.core.model import Document, Figure, FigureKind, Report, Span
from junheng.core.yamldata import package_yaml
from junheng.extractors.catalogue import (
    Indicator,
    after_patterns,
    indicator_patterns,
    load_catalogue,
)
from junheng.extractors.counts import apply_statements, count_indicators
from junheng.extractors.grids import grids
from junheng.extractors.numbers import (
    Quantities,
    Quantity,
    enumerated_subjects,
    respectively,
    span_of_years,
)
from junheng.extractors.statements import (
    INCLUDED_ASIDE,
    SCHOOLS_COUNT,
    Statement,
    dimensions,
    lexicon,
    read_report,
    sentence_spans,
    subject_words,
)
from junheng.extractors.table_figures import headed_cells, table_figures
from junheng.extractors.topics import Topic, topic_at, topics

_CLAUSE_END = re.compile(r"[。!?;,:\n]")
_CLAUSE_OVER = re.compile(r"[,。;!?:、()\n]|$|在内|左右")
_MAX_GAP = 16  # characters between a wording and its number (seed 003: 生均教学及辅助用房小学3.74)
_BARE_PER_STUDENT = re.compile("生均")


@dataclass(frozen=True, slots=True)
class FigureRules:
    levels: dict[str, str]
    level_re: re.Pattern[str]
    target: re.Pattern[str]
    standard: re.Pattern[str]
    standard_after: re.Pattern[str]
    growth: re.Pattern[str]
    filler: re.Pattern[str]
    per_student: tuple[tuple[re.Pattern[str], str], ...]
    name_before: re.Pattern[str]
    beneficiary: re.Pattern[str]
    flow: re.Pattern[str]
    level_list: re.Pattern[str]
    plan_fact: re.Pattern[str]
    plan_fact_after: re.Pattern[str]
    sentence_level: re.Pattern[str]
    continuation: re.Pattern[str]
    change_to: re.Pattern[str]
    subgroup_rate: re.Pattern[str]
    level_heading: re.Pattern[str]
    run_in_level: re.Pattern[str]
    paragraph_opening: re.Pattern[str]
    prior_year: re.Pattern[str]
    kind_parts_keep: frozenset[str]
    levels_together: dict[frozenset[str], str]


@cache
def load_rules() -> FigureRules:
    data = package_yaml("junheng.extractors.data", "figures.yaml")
    levels: dict[str, str] = data["levels"]
    words = "|".join(sorted(levels, key=len, reverse=True))
    scoping = "|".join(sorted((w for w in levels if levels[w]), key=len, reverse=True))
    return FigureRules(
        levels=levels,
        level_re=re.compile(words),
        target=re.compile(data["target"]),
        standard=re.compile(data["standard"]),
        standard_after=re.compile(data["standard_after"]),
        growth=re.compile(data["growth"]),
        filler=re.compile(data["filler"]),
        per_student=tuple((re.compile(k), v) for k, v in data["per_student"].items()),
        name_before=re.compile(data["name_before"]),
        beneficiary=re.compile(data["beneficiary"]),
        flow=re.compile(data["flow"]),
        plan_fact=re.compile(data["plan_fact"]),
        plan_fact_after=re.compile(data["plan_fact_after"]),
        level_list=re.compile(
            f"(?P<levels>(?:{words})(?:[、和及与](?:{words}))+)"
            f"(?P<stage>{data['level_list_stage']})(?:{data['level_list_nouns']})?$"
        ),
        sentence_level=re.compile(f"^.{{0,8}}?({words})|({words})阶段"),
        continuation=re.compile(data["continuation"]),
        change_to=re.compile(data["change_to"]),
        subgroup_rate=re.compile(data["subgroup_rate"]),
        level_heading=re.compile(
            r"[ \t]*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[—–-]{1,2})?[ \t]*"
            f"({scoping})(?:教育|阶段|学段)?[ \\t]*[:：]?[ \\t]*"
        ),
        # a level line run into the paragraph before it (…一步。 ——小学。校数129所;…)
        run_in_level=re.compile(
            rf"(?:^|(?<=[。;；!?！？\s]))[ \t]*(?:——|—|--)[ \t]*({scoping})"
            rf"(?:教育|阶段|学段)?[ \t]*[。:：]"
        ),
        paragraph_opening=re.compile(f"{data['paragraph_opening']}({words})"),
        prior_year=re.compile(data["prior_year"]),
        kind_parts_keep=frozenset(data["kind_parts_keep"]),
        levels_together={
            frozenset(parts): whole for whole, parts in data["levels_together"].items()
        },
    )


@dataclass(frozen=True, slots=True)
class Mention:
    indicator: Indicator
    start: int
    end: int


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (split at 。!? and line breaks): the statement
    layer's, so that a sentence's figures and its statements are read over the same span."""
    yield from sentence_spans(text, start, end)


def find_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Indicator wordings in ``text[start:end]``; where two overlap, the longer wins."""
    found: list[Mention] = []
    rules = load_rules()
    for indicator, pattern in indicator_patterns():
        for match in pattern.finditer(text, start, end):
            if match.end() == match.start():
                continue
            if indicator.not_before and re.search(
                indicator.not_before, text[max(0, match.start() - 4) : match.start()]
            ):
                continue
            if match.group() in rules.levels and rules.name_before.search(
                text, max(0, match.start() - 2), match.start()
            ):
                continue  # 小学 of 东区中心小学 is a school's name, not a count of schools
            found.append(Mention(indicator, match.start(), match.end()))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            # the longer wins; of two as long, the later ("小学生师比": 生师比, not 小学生), as a
            # wording stands before its number
            if mention.end - mention.start >= kept[-1].end - kept[-1].start:
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept


def _accepts(indicator: Indicator, quantity: Quantity) -> bool:
    if quantity.ratio is not None:
        return "ratio" in indicator.accepts
    if indicator.id in count_indicators() and abs(quantity.value - round(quantity.value)) > 1e-6:
        return False  # 人均图书24.7册: a count is whole, 24.7 is no number of books
    unit = quantity.unit or ""
    if unit in indicator.accepts:
        return True
    return unit == "名" and "人" in indicator.accepts


def _bare_rate(text: str, mention: Mention, quantity: Quantity) -> bool:
    """A rate whose % the copy lost, right after its wording: "入学率100,巩固率98"."""
    return (
        mention.indicator.unit == "%"
        and quantity.unit is None
        and quantity.ratio is None
        and quantity.range_end is None
        and not quantity.chinese
        and 0 <= quantity.value <= 100
        and _filler_only(text[mention.end : quantity.start])
        and bool(_BARE_RATE_END.match(text, quantity.end))
    )


_BARE_RATE_END = re.compile(r"\s*(?:[,，。;；、)）]|$)")


def _filler_only(gap: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:为|达|达到|是)?\s*", gap))


def _clause_start(text: str, pos: int, floor: int) -> int:
    for index in range(pos - 1, floor - 1, -1):
        if _CLAUSE_END.match(text, index):
            return index + 1
    return floor


# A short aside in brackets between a wording and its number: "预算内教育经费(含基建经费)为8.4亿元".
_ASIDE = re.compile(r"[(（](?:含|不含|包括|不包括|包含|除)[^()（）\d]{1,30}[)）]")


def _gap_is_filler(text: str, start: int, end: int, rules: FigureRules) -> bool:
    gap = _ASIDE.sub("", text[start:end])
    if len(gap) > _MAX_GAP:
        return False
    gap = rules.level_re.sub("", gap)
    gap = re.sub(r"(?:19|20)?\d\d年(?:度)?|\d{4}[-—~]\d{4}学?年", "", gap)
    return bool(rules.filler.match(gap))


def _value(indicator: Indicator, quantity: Quantity) -> float:
    if quantity.ratio is not None:
        low, high = sorted(quantity.ratio)
        return high / low if low else high
    return quantity.value


@dataclass(frozen=True, slots=True)
class _Pair:
    indicator: Indicator
    quantity: Quantity
    mention_start: int
    subject: str | None = None  # the item of a list this value belongs to (分别, 各, 小学、初中…)
    own_scope: bool = False  # the subject alone scopes it (an item of a list of wordings)


def _pairs_before(
    text: str,
    mentions: list[Mention],
    values: list[Quantity],
    rules: FigureRules,
    lists: list[list[Quantity]],
    subjects: dict[int, str],
) -> list[_Pair]:
    pairs: list[_Pair] = []
    listed = {q.start: group for group in lists for q in group}
    for quantity in values:
        group = listed.get(quantity.start)
        anchor = group[0] if group else quantity
        # where the number begins as written: 百分之 comes before its numeral (入园率百分之百)
        begins = anchor.span[0] if anchor.unit_text == "百分之" else anchor.start
        previous = [m for m in mentions if m.end <= begins]
        # The nearest wording that takes this number; nearer wordings that are only level words
        # (生均教学及辅助用房小学3.74: 小学 is also a wording of schools) are stepped over.
        for back in range(len(previous) - 1, -1, -1):
            mention = previous[back]
            if any(
                mention.end <= q.start < begins and not span_of_years(q.unit, q.value)
                for q in values
            ):  # 连续三年 may stand between a wording and its number
                break
            gap = mention.end
            if quantity.unit == "%" and group is None:
                # "入学率、巩固率、升学率均达100%": rates of no catalogue wording end the list
                more = _MORE_RATES.match(text, gap, begins)
                gap = more.end() if more else gap
            if not _gap_is_filler(text, gap, begins, rules):
                break
            growth = bool(rules.growth.search(text, mention.end, begins))
            found = [
                _Pair(target.indicator, quantity, target.start, subjects.get(quantity.start))
                for target in _joined_mentions(text, previous[: back + 1])
                if growth == bool(target.indicator.needs)
                and (_accepts(target.indicator, quantity) or _bare_rate(text, target, quantity))
                and not (
                    target.indicator.not_after
                    and re.match(target.indicator.not_after, text[target.end :])
                )
            ]
            if found:
                pairs.extend(found)
                break
    return pairs


_LIST_JOINT = re.compile(r"[、,和及与]")


def _respective_wordings(text: str, mentions: list[Mention], group: list[Quantity]) -> list[_Pair]:
    """A list of wordings said once for a list of values: "学前教育毛入园率、九年义务教育巩固率、
    高中阶段教育毛入学率分别达到88.40%、95.10%、91.30%" pairs the i-th value with the i-th
    wording, each scoped by its own item (高中阶段 → 高中), when as many wordings as values stand
    in the clause before 分别, one list separator between each two."""
    said = text.rfind("分别", 0, group[0].start)
    if said < 0:
        return []
    clause = _clause_start(text, said, max(0, said - 120))
    rules = load_rules()
    listed = [
        m
        for m in mentions
        if clause <= m.start and m.end <= said and text[m.start : m.end] not in rules.levels
    ]
    if len(listed) != len(group) or len(listed) < 2:
        return _respective_items(text, clause, said, mentions, group)
    starts = [clause] + [m.end for m in listed[:-1]]
    for previous, mention in pairwise(listed):
        gap = text[previous.end : mention.start]
        if len(_LIST_JOINT.findall(gap)) != 1 or re.search(r"\d", gap):
            return []
    pairs = []
    for item_start, mention, quantity in zip(starts, listed, group, strict=True):
        if not _accepts(mention.indicator, quantity):
            return []
        item = text[item_start : mention.end].lstrip("、,和及与")
        pairs.append(_Pair(mention.indicator, quantity, mention.start, item, own_scope=True))
    return pairs


_ITEM_JOINT = re.compile(r"、|以及|和|(?<![普涉危])及|与")
# "入学、巩固和毕业这“三率”": the items share the 率 the list ends with
_SHARED_RATE = re.compile(r"(?:这|等)?[“\"]?[二三四五六七八九两]率[”\"]?$|率$")


def _respective_items(
    text: str, clause: int, said: int, mentions: list[Mention], group: list[Quantity]
) -> list[_Pair]:
    """The items listed before 分别, as many as the values, each paired with its value when it
    names an indicator — by a wording of its own, or by its stem and the 率 the list ends with
    ("入学率、巩固率、毕业率和普及率分别为…": 毕业率 and 普及率 are no indicators;
    "入学、巩固率分别为100%和99.5%": 入学 is 入学率)."""
    rules = load_rules()
    items: list[tuple[int, int]] = []
    cursor = clause
    for joint in _ITEM_JOINT.finditer(text, clause, said):
        items.append((cursor, joint.start()))
        cursor = joint.end()
    items.append((cursor, said))
    if len(items) != len(group) or len(items) < 2:
        return []
    last_start, last_end = items[-1]
    shared = _SHARED_RATE.search(text, last_start, last_end)
    if shared is not None and shared.group() != "率":
        items[-1] = (last_start, shared.start())  # 毕业这“三率” → 毕业
    pairs = []
    for (start, end), quantity in zip(items, group, strict=True):
        own = [
            m
            for m in mentions
            if start <= m.start and m.end <= end and text[m.start : m.end] not in rules.levels
        ]
        indicator = own[-1].indicator if len(own) == 1 else None
        if indicator is None and shared is not None and not text[start:end].endswith("率"):
            indicator = _indicator_named(text[start:end] + "率")
        if indicator is None and shared is None:
            return []  # "…公用经费小学、初中分别…": a list of levels, read by the subjects
        if indicator is not None and _accepts(indicator, quantity):
            item = text[start:end]
            # an item that names its own level is scoped by it alone; else the sentence's scope
            scoped = bool(rules.level_re.search(item))
            pairs.append(_Pair(indicator, quantity, start, item, own_scope=scoped))
    return pairs


def _indicator_named(words: str) -> Indicator | None:
    """The indicator whose wording ends ``words`` ("小学入学率" → enrollment_rate)."""
    best: tuple[int, Indicator] | None = None
    for indicator, pattern in indicator_patterns():
        for match in pattern.finditer(words):
            longer = best is None or match.end() - match.start() > best[0]
            if match.end() == len(words) and longer:
                best = (match.end() - match.start(), indicator)
    return best[1] if best else None


# further rates joined to a list of wordings, named by no wording of the catalogue (升学率)
_MORE_RATES = re.compile(r"(?:(?:、|和|及|与|以及)[\u4e00-\u9fff]{1,6}?率)+")


def _joined_mentions(text: str, previous: list[Mention]) -> list[Mention]:
    """The last mention, and those joined to it by 、/和/及 ("入学率、巩固率均达100%")."""
    chain = [previous[-1]]
    for mention in reversed(previous[:-1]):
        joint = text[mention.end : chain[0].start]
        if joint in {"、", "和", "及", "与", ",", "以及"}:
            chain.insert(0, mention)
        else:
            break
    return chain


def _pairs_after(text: str, values: list[Quantity], end: int) -> list[_Pair]:
    """A count followed by what it counts, as a statement: "现有10个教学班,", "18个教学班".

    Not an event ("四名教师退休"), a list's tally ("市一中、市二中、东区中心小学三所学校") or the
    people something was done for ("为325名初中寄宿生每人补助").
    """
    pairs: list[_Pair] = []
    rules = load_rules()
    for quantity in values:
        if rules.beneficiary.search(text, max(0, quantity.start - 4), quantity.start):
            continue
        if "、" in text[_clause_start(text, quantity.start, 0) : quantity.start]:
            continue
        cursor = quantity.span[1]  # past the unit and any qualifier in it (4000余万元, 98%以上)
        head = rules.level_re.match(text, cursor, min(end, cursor + 3))
        if head:
            cursor = head.end()
        for indicator, pattern in after_patterns():
            match = pattern.match(text, cursor, end)
            if match and _accepts(indicator, quantity) and _CLAUSE_OVER.match(text, match.end()):
                pairs.append(_Pair(indicator, quantity, quantity.start))
                break
    return pairs


def _per_student_pairs(
    text: str, values: list[Quantity], sentence: tuple[int, int], rules: FigureRules
) -> list[_Pair]:
    """A bare 生均 after a total: "校舍建筑总面积8380平方米,生均16平方米" → building area; of
    several things named before it, the nearest."""
    pairs: list[_Pair] = []
    by_id = load_catalogue().by_id
    for match in _BARE_PER_STUDENT.finditer(text, *sentence):
        nxt = next((q for q in values if q.start >= match.end()), None)
        if nxt is None or not _gap_is_filler(text, match.end(), nxt.start, rules):
            continue
        before = text[sentence[0] : match.start()]
        # the thing named nearest before it ("占地面积…,生均26.6平方米,建筑面积…,生均7.3平方米":
        # the second is building area)
        named = [
            (found.end(), indicator_id)
            for pattern, indicator_id in rules.per_student
            for found in pattern.finditer(before)
            if _accepts(by_id[indicator_id], nxt)
        ]
        if named:
            pairs.append(_Pair(by_id[max(named)[1]], nxt, match.start()))
    return pairs


def _scoping_levels(text: str, start: int, end: int, rules: FigureRules) -> list[re.Match[str]]:
    """Level words in ``text[start:end]`` that scope (not 小学 inside 东区中心小学, a name; and
    其中小学 is 小学, not 中小学; 其中学生 names no level, not 中学; nor do the words of what a
    count includes, 教职工(含幼儿园、小学…))."""
    found = []
    asides = [m.span() for m in INCLUDED_ASIDE.finditer(text, max(0, start - 32), end)]
    for match in rules.level_re.finditer(text, start, end):
        if any(a <= match.start() < b for a, b in asides):
            continue
        if text.startswith("其中", match.start() - 1):
            inner = rules.level_re.match(text, match.start() + 1, end)
            if inner is None:
                continue
            match = inner
        if not rules.name_before.search(text, max(0, match.start() - 2), match.start()):
            found.append(match)
    return found


def _sentence_scope(
    text: str, sentence: tuple[int, int], pattern: re.Pattern[str]
) -> re.Match[str] | None:
    """A scope said once at the start of a sentence ("2008—2009学年,…", "义务教育阶段…"), after
    a lead-in that only names the source ("据统计,2020年全县…")."""
    start = sentence[0]
    first_end = _CLAUSE_END.search(text, start, sentence[1])
    if first_end is not None and (
        _LEAD_IN.fullmatch(text, start, first_end.start())
        or (
            text[first_end.start()] == ":"
            and _RUN_IN_LABEL.fullmatch(text, start, first_end.start())
        )
    ):  # "4、师资配置:全镇小学专任教师118人,…": a run-in heading's label scopes nothing
        start = first_end.end()
        first_end = _CLAUSE_END.search(text, start, sentence[1])
    return pattern.search(text[start : first_end.start() if first_end else sentence[1]])


# the label of a run-in heading: a list mark and a few words before its colon ("4、师资配置")
_RUN_IN_LABEL = re.compile(
    r"\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?[^\d,，;；。:：]{2,8}"
)


# A sentence's opening that names the source of its figures, not their scope.
_LEAD_IN = re.compile(
    r"\s*(?:根据|依据|据|按照|经)[^\d,，;；]{0,16}?(?:统计|数据|资料|报表|显示|公报|年报)[^\d,，;；]{0,4}"
)


_GROWTH_OF_AMOUNT = re.compile(
    r"\s*[,，]?\s*(?:比上年|较上年|比去年|较去年|同比|比(?:19|20)\d\d年)?(?:增长|增加|提高|上升)了?"
    r"(?:为|达)?\s*"
)
# The amount compared with, said between the amount and its growth: "为3.6亿元,比上年的3.2亿元
# 增长12.5%" — before the earlier amount, then after it.
_COMPARED_WITH = re.compile(
    r"\s*[,，]?\s*(?:比|较|与)(?:上年|去年|上一年|(?:19|20)\d\d年)(?:同期)?的?\s*"
)
_GROWTH_AFTER_COMPARED = re.compile(r"\s*(?:相比)?[,，]?\s*(?:增长|增加|提高|上升)了?(?:为|达)?\s*")


def _growth_of_amount_pairs(
    text: str,
    values: list[Quantity],
    pairs: list[_Pair],
    mentions: list[Mention],
    rules: FigureRules,
) -> list[_Pair]:
    """The growth of an amount said right after it: "教育经费总投入3.6亿元,比上年增长12.5%" —
    the % is the growth the wording before the amount names (an indicator that needs 增长)."""
    added: list[_Pair] = []
    paired = {p.quantity.start for p in pairs}
    for index, (amount, growth) in enumerate(pairwise(values)):
        if amount.unit in ("%", None):
            continue
        if index + 2 < len(values) and _compared_between(text, amount, growth, values[index + 2]):
            growth = values[index + 2]
        elif not _GROWTH_OF_AMOUNT.fullmatch(text, amount.span[1], growth.start):
            continue
        if growth.start in paired or growth.unit != "%":
            continue
        before = [m for m in mentions if m.end <= amount.start]
        if not before or not _gap_is_filler(text, before[-1].end, amount.start, rules):
            continue
        added += [
            _Pair(m.indicator, growth, m.start)
            for m in _joined_mentions(text, before)
            if m.indicator.needs and _accepts(m.indicator, growth)
        ]
    return added


def _compared_between(text: str, amount: Quantity, earlier: Quantity, growth: Quantity) -> bool:
    """Whether ``earlier`` is the amount ``amount`` is compared with before its ``growth``."""
    return (
        earlier.unit == amount.unit
        and bool(_COMPARED_WITH.fullmatch(text, amount.span[1], earlier.start))
        and bool(_GROWTH_AFTER_COMPARED.fullmatch(text, earlier.span[1], growth.start))
    )


def _continued_pairs(
    text: str,
    values: list[Quantity],
    pairs: list[_Pair],
    mentions: list[Mention],
    sentence: tuple[int, int],
    rules: FigureRules,
) -> list[_Pair]:
    """A clause that says only a year, a level or a total and a number carries on the indicator of
    the clause before it (``continuation`` in figure_rules.yaml)."""
    added: list[_Pair] = []
    paired = {p.quantity.start for p in pairs}
    for quantity in values:
        if quantity.start in paired:
            continue
        clause = _clause_start(text, quantity.start, sentence[0])
        listed = text.rfind("、", clause, quantity.start)
        if listed >= 0 and rules.continuation.match(text, listed + 1, quantity.start):
            clause = listed + 1  # "…小学达到650元、初中达到850元": an item of a list carries on too
        if any(
            clause <= m.start < quantity.start and text[m.start : m.end] not in rules.levels
            for m in mentions
        ):
            continue  # a clause with its own wording (a bare 初中 is a level here, not 学校)
        if not rules.continuation.match(text, clause, quantity.start):
            continue
        before = sorted(
            (p for p in pairs + added if p.quantity.end <= clause), key=lambda p: p.quantity.start
        )
        # the nearest clause before written in the same unit: "生均…小学3.74,达标学校30所,
        # 达标率88.24%,初中3.83" carries on 生均教学及辅助用房, not the 所 or % between
        last = next(
            (
                p
                for p in reversed(before)
                if p.quantity.unit == quantity.unit
                and (p.quantity.ratio is None) == (quantity.ratio is None)
            ),
            None,
        )
        if last is not None and _accepts(last.indicator, quantity):
            added.append(_Pair(last.indicator, quantity, clause))
    return added


def _shared_by_list(
    text: str, pair: _Pair, sentence: tuple[int, int], rules: FigureRules
) -> list[_Pair]:
    """One number said for a list of levels: "小学、初中教师学历合格率100%" is two figures."""
    if pair.subject or not pair.indicator.levels:
        return [pair]
    clause = _clause_start(text, pair.mention_start, sentence[0])
    head = text[clause : pair.mention_start]
    match = rules.level_list.search(head)
    counted = pair.indicator.id in count_indicators()
    if match is None or (match.group("stage") and not counted):
        # (…小学、中学教育的师生比例为1比21.2: a value of the stage, not one figure per level; its
        # level is then found as for any figure)
        return [pair]
    names = [n for n in re.split("[、和及与]", match.group("levels")) if n]
    if counted:
        # "小学、初中在校生共8600人": one count of the levels together (义务教育 for 小学 and
        # 初中), not one for each
        levels = frozenset(str(rules.levels.get(name)) for name in names)
        together = rules.levels_together.get(levels, "")
        return [_Pair(pair.indicator, pair.quantity, pair.mention_start, together, own_scope=True)]
    return [_Pair(pair.indicator, pair.quantity, pair.mention_start, name) for name in names]


# 由/从 before the number a change comes from, with its year between ("由2015年的2434元")
_CHANGE_FROM = re.compile(r"(?:由|从)\s*(?:(?:19|20)\d{2}年(?:底|末|度)?的?)?(?:每生每年|每生)?$")


def _changed_to_pairs(
    text: str,
    values: list[Quantity],
    pairs: list[_Pair],
    rules: FigureRules,
    lists: Sequence[list[Quantity]] = (),
) -> list[_Pair]:
    """ "学校由114所调整至95所": the number a change goes to is a figure of the wording that the
    number it comes from (after 由/从) was paired with, in the same unit."""
    added: list[_Pair] = []
    paired = {p.quantity.start for p in pairs}
    ordered = sorted(values, key=lambda q: q.start)
    following = dict(pairwise(ordered))
    group_of = {q.start: group for group in lists for q in group}
    pair_at = {p.quantity.start: p for p in pairs}
    for pair in pairs:
        origin = pair.quantity
        origins = group_of.get(origin.start, [origin])
        if origin is not origins[0]:
            continue  # a list of origins is handled from its first
        if not _CHANGE_FROM.search(text, max(0, origin.start - 12), origin.start):
            continue
        last = origins[-1]
        first_target = following.get(last)
        if first_target is None or first_target.unit != origin.unit:
            continue
        if not rules.change_to.match(text[last.span[1] : first_target.start].strip()):
            continue
        # "分别由…的600元、800元提高到…的720元、920元": the list it goes to, item by item
        targets = group_of.get(first_target.start, [first_target])
        if len(targets) != len(origins):
            targets = targets[:1] if len(origins) == 1 else []
        for source, target in zip(origins, targets, strict=False):
            made = pair_at.get(source.start, pair)
            if target.start not in paired and target.unit == source.unit:
                added.append(_Pair(made.indicator, target, made.mention_start, made.subject))
                paired.add(target.start)
    return added


def _each_pairs(
    text: str,
    values: list[Quantity],
    mentions: list[Mention],
    sentence: tuple[int, int],
    rules: FigureRules,
) -> list[_Pair]:
    """ "A、B、C各1所": one figure per item of the list (义马: 教师进修学校、…、幼儿园…各1所)."""
    pairs: list[_Pair] = []
    for quantity in values:
        each = text.rfind("各", max(sentence[0], quantity.start - 3), quantity.start)
        if each < 0:
            continue
        clause = _clause_start(text, each, sentence[0])
        items = [item for item in text[clause:each].split("、") if item]
        if len(items) < 2:
            continue
        named = [
            m for m in mentions if clause <= m.start < each and _accepts(m.indicator, quantity)
        ]
        indicators = {m.indicator.id: m.indicator for m in named}
        if len(indicators) != 1:
            continue
        (indicator,) = indicators.values()
        pairs += [_Pair(indicator, quantity, named[0].start, item) for item in items]
    return pairs


def _level(text: str, pair: _Pair, sentence: tuple[int, int], rules: FigureRules) -> str | None:
    if not pair.indicator.levels:
        return None
    if pair.subject:
        found = rules.level_re.search(pair.subject)
        if found:
            return rules.levels[found.group()]
    if pair.own_scope and pair.subject is not None:
        return None  # (a list of levels that make up none of them together: "" of no level)
    clause = _clause_start(text, min(pair.mention_start, pair.quantity.start), sentence[0])
    in_clause = _scoping_levels(text, clause, pair.quantity.start, rules)
    valued = [m for m in in_clause if rules.levels[m.group()]]
    if valued and not rules.levels[in_clause[-1].group()]:
        return rules.levels[valued[-1].group()]  # 义务教育阶段中小学56所: 中小学 of 义务教育
    if in_clause:
        return rules.levels[in_clause[-1].group()]
    # "小学阶段适龄儿童入学率达100%,年辍学率为0": a 阶段 scope runs on to the next ";".
    segment = max(text.rfind(";", sentence[0], clause), sentence[0])
    staged = [
        m for m in _scoping_levels(text, segment, clause, rules) if text.startswith("阶段", m.end())
    ]
    if staged:
        return rules.levels[staged[-1].group()]
    if pair.indicator.unit == "%" and clause > segment:
        # "其中,小学在校生97314人,入学率99.02%": a rate right after a level's count is that level's
        previous = _scoping_levels(text, _clause_start(text, clause - 1, segment), clause, rules)
        levels = {rules.levels[m.group()] for m in previous}
        if len(levels) == 1 and None not in levels:
            return levels.pop()
    topic = None if pair.indicator.id == "schools" else _school_topic(text, segment, clause)
    if topic is not None:  # a school counted before is the topic of what follows
        return topic or _run_in_level(text, sentence[0], rules)
    if segment > sentence[0]:
        # "全镇小学巩固率…100%;初中入学率为99.2%,巩固率为98.6%": the level that opens the
        # ;-segment is nearer than the sentence's
        opening = _scoping_levels(text, segment, min(clause, segment + 8), rules)
        if opening:
            return rules.levels[opening[0].group()]
    head = _sentence_scope(text, sentence, rules.sentence_level)
    if head:
        return rules.levels[head.group(1) or head.group(2)]
    return (
        _run_in_level(text, sentence[0], rules)  # nearer than the paragraph's opening level
        or _opening_level(text, sentence[0], rules)
        or _paragraph_level(text, sentence[0], rules)
        or _one_school(text, sentence[0])
        or _heading_level(text, sentence[0], rules)
    )


_ONE_BEFORE = re.compile(r"(?:一|1)\s*所\s*$")
_ONE_AFTER = re.compile(r"\s*(?:一|1)\s*所")


def _one_school(text: str, pos: int) -> str | None:
    """The level of the schools a paragraph is about, counted in an earlier sentence of it ("有一所
    初级中学,在校学生412人。入学率达97.5%": the rate is the 初中's; "全乡共有14所小学,在校学生620
    人。学龄儿童入学率达100%": the 小学's). A sentence that counts schools of two levels ("有小学
    12所,初中3所") makes the paragraph about no one level."""
    start = text.rfind("\n", 0, pos) + 1
    lex = lexicon()
    level = None
    counted_in = -1  # the sentence (its start) where ``level`` was counted
    for match in lex.noun_re.finditer(text, start, pos):
        noun = lex.nouns[match.group()]
        if noun.group != "schools" or not noun.level:
            continue
        before = text[max(start, match.start() - 4) : match.start()]
        one = _ONE_BEFORE.search(before) or _ONE_AFTER.match(text, match.end(), pos)
        if not one and not SCHOOLS_COUNT.search(
            text, max(start, match.start() - 6), min(pos, match.end() + 6)
        ):
            continue
        sentence = text.rfind("。", start, match.start()) + 1
        if sentence == counted_in and level not in (None, noun.level):
            level = None  # schools of two levels counted in one sentence
            continue
        if sentence != counted_in or level is not None:
            level = noun.level
        counted_in = sentence
    return level


_HEADING_LINES = 40  # how far back a level heading is looked for


def _heading_level(text: str, pos: int, rules: FigureRules) -> str | None:
    """A line that is only a level ("1、小学:", "(二)初中教育") scopes the lines after it, up to
    the next heading (a line opening with a list mark) or a blank line; a level that opens its
    line as a heading sentence ("——小学。校数17所;…") scopes the rest of the line."""
    pattern = rules.level_heading
    cursor = text.rfind("\n", 0, pos)
    opening = pattern.match(text, cursor + 1, pos)  # "——小学。校数17所…": the line opens with it
    if opening and (text[opening.end() - 1] in ":：" or text.startswith("。", opening.end())):
        return rules.levels[opening.group(1)]
    for _ in range(_HEADING_LINES):
        if cursor <= 0:
            break
        start = text.rfind("\n", 0, cursor) + 1
        line = text[start:cursor]
        if not line.strip():
            return None
        found = pattern.fullmatch(line)
        if found:
            return rules.levels[found.group(1)]
        if _HEADING_MARK.match(line) or _BARE_HEADING.fullmatch(line):
            return None  # another heading: its section is not the level's
        cursor = start - 1
    return None


def _run_in_level(text: str, pos: int, rules: FigureRules) -> str | None:
    """The level of the last level line run into the paragraph before ``pos`` (a bulletin copied
    as one paragraph: "…一步。 ——小学。校数129所;…在校生20.58万人…。 ——初中。…")."""
    start = text.rfind("\n", 0, pos) + 1
    if text.find("—", start, pos) < 0 and text.find("--", start, pos) < 0:
        return None  # no dash on the line: most lines (the pattern is not run over them)
    found = list(rules.run_in_level.finditer(text, start, pos))
    return rules.levels[found[-1].group(1)] if found else None


# a short line of words only ("学前教育和特殊教育", "高中段教育"): a section heading too
_BARE_HEADING = re.compile(r"\s*[^\d,，。;；:：!?！？()（）]{2,15}\s*")
_HEADING_MARK = re.compile(
    r"\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])"
)


def _school_topic(text: str, start: int, end: int) -> str | None:
    """The level of the school counted last before ``end`` in the ;-segment from ``start``: "有
    初级中学1所,教学班15个,在校学生640人" — the school is the topic of what follows it.
    A school type of more than one level (九年一贯制学校2所,在校生900人) is the topic too, of no
    level: ``""``, so no level from further out is given."""
    lex = lexicon()
    level = None
    for match in lex.noun_re.finditer(text, start, end):
        noun = lex.nouns[match.group()]
        spans = lex.spans_levels.search(noun.word) is not None
        if (
            noun.group == "schools"
            and (noun.level or spans)
            and SCHOOLS_COUNT.search(text, max(start, match.start() - 6), min(end, match.end() + 6))
        ):
            level = noun.level or ""
    return level


_NUMBERING = re.compile(
    r"\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]|第[一二三四五六七八九十]+[,、:])?\s*"
)


def _opening_level(text: str, pos: int, rules: FigureRules) -> str | None:
    """The level the last sentence before ``pos`` in its paragraph opens with, if one does: a
    bulletin copied as one paragraph opens each level's sentences with it ("小学3989所,…。校舍总
    面积2297.8万平方米…。专任教师17.19万人…": the teachers are the 小学's, until "初中1745所…")."""
    start = text.rfind("\n", 0, pos) + 1
    for end in reversed([m.start() for m in _SENTENCE_END.finditer(text, start, pos)]):
        opening = text.rfind("。", start, end) + 1 or start
        if opening == start:
            return None  # the paragraph's first sentence: _paragraph_level's
        found = rules.paragraph_opening.match(text, opening, opening + 12)
        if found is not None and not rules.name_before.search(
            text, max(0, found.start(1) - 2), found.start(1)
        ):
            return rules.levels[found.group(1)]
    return None


_SENTENCE_END = re.compile("。")


def _paragraph_level(text: str, pos: int, rules: FigureRules) -> str | None:
    """A paragraph that opens (after its numbering) with a level word is about that level:
    "1、小学2012年…入学率为99.8%。2013年…入学率99%" scopes both sentences."""
    start = text.rfind("\n", 0, pos) + 1
    opening = _NUMBERING.match(text, start)
    cursor = opening.end() if opening else start
    found = rules.paragraph_opening.match(text, cursor, cursor + 12)
    if found is None or rules.name_before.search(text, max(0, found.start(1) - 2), found.start(1)):
        return None
    return rules.levels[found.group(1)]


_YEAR_RE = re.compile(r"((?:19|20)\d\d|(?<!\d)\d\d)年(?!\d)")
# a year said once at the start of a sentence ("2008—2009学年,", "2013年13—15周岁人口…"); not a
# date ("2013年9月")
_ALIAS_YEAR_RE = re.compile(r"以下简称(?:为)?\s*((?:19|20)\d\d)年")
_SCHOOL_YEAR_RE = re.compile(
    r"((?:19|20)\d\d)(?:[-—~至]+((?:19|20)\d\d))?学?年(?!\d{1,2}月|月|\d{1,2}日)"
)


def _year(
    text: str, pair: _Pair, sentence: tuple[int, int], rules: FigureRules, scoped: int | None
) -> int | None:
    """The year of a pair's value: the one its clause or sentence says, else ``scoped`` (a
    heading's); one less for a value said of the year before ("比上年的2610元")."""
    year = _said_year(text, pair, sentence) or scoped
    clause = _clause_start(text, pair.quantity.start, sentence[0])
    if year is not None and rules.prior_year.search(text, clause, pair.quantity.start):
        return year - 1
    return year


def _said_year(text: str, pair: _Pair, sentence: tuple[int, int]) -> int | None:
    if pair.subject:
        match = _YEAR_RE.search(pair.subject)
        if match:
            return _full_year(match.group(1))
    clause = _clause_start(text, min(pair.mention_start, pair.quantity.start), sentence[0])
    compared = re.search(
        r"((?:19|20)?\d\d)年比((?:19|20)?\d\d)年", text[clause : pair.quantity.start]
    )
    if compared:
        return _full_year(compared.group(1))
    years = [  # not the year compared with ("较2020年的2.8亿元增长8.9%")
        y
        for y in _YEAR_RE.finditer(text, clause, pair.quantity.start)
        if text[y.start() - 1 : y.start()] not in ("比", "较", "与")
    ]
    if years:
        return _full_year(years[-1].group(1))
    alias = _sentence_scope(text, sentence, _ALIAS_YEAR_RE)
    if alias:  # "2023-2024学年(以下简称为2023年)": the year the text says it calls it
        return _full_year(alias.group(1))
    head = _sentence_scope(text, sentence, _SCHOOL_YEAR_RE)
    if head:  # "2008—2009学年": the later year, as for growth (ANNOTATION.md)
        return _full_year(head.group(2) or head.group(1))
    opening = _sentence_scope(text, sentence, _CN_YEAR_RE)
    if opening:  # "一九八五年经上级验收,全县…": a year said once at the start of the sentence
        return _cn_year(opening.group(1))
    arabic = _sentence_scope(text, sentence, _OPENING_YEAR_RE) or _sentence_scope(
        text, sentence, _AS_OF_RE
    )
    if arabic:  # "2019年,全区…": the same in digits; "截至2019年6月,…": the year of that date
        return _full_year(arabic.group(1))
    return None


_OPENING_YEAR_RE = re.compile(r"^\s*((?:19|20)\d\d)年(?:度|底|末)?(?:以来)?$")
_AS_OF_RE = re.compile(
    r"^\s*(?:截[至止]|到|至)到?\s*((?:19|20)\d\d)年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:底|末)?$"
)


_CN_YEAR_RE = re.compile(r"([一二三四五六七八九〇零]{4})年")
_CN_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def _cn_year(numeral: str) -> int:
    return int("".join(_CN_YEAR_DIGITS[c] for c in numeral))


def _full_year(digits: str) -> int:
    year = int(digits)
    return year if year > 100 else 2000 + year if year < 50 else 1900 + year


_RATES_OF_PEOPLE = frozenset(
    {"enrollment_rate", "gross_enrollment_rate", "dropout_rate", "retention_rate"}
)


def _of_subgroup(text: str, pair: _Pair, sentence: tuple[int, int], rules: FigureRules) -> bool:
    """A rate of a subgroup (``subgroup_rate`` in its clause or, within the ;-segment it opens,
    its sentence's first clause: "少数民族在校生比例达40.71%,…;学前教育毛入园率达66.99%" — the
    rates after the ; are not the minority pupils')."""
    if pair.indicator.id not in _RATES_OF_PEOPLE:
        return False
    clause = _clause_start(text, min(pair.mention_start, pair.quantity.start), sentence[0])
    first = _CLAUSE_END.search(text, sentence[0], sentence[1])
    head_end = first.start() if first else sentence[1]
    segmented = _SEGMENT_BREAK.search(text, sentence[0], clause) is not None
    return bool(
        rules.subgroup_rate.search(text, clause, pair.quantity.start)
        or (
            not segmented
            and rules.subgroup_rate.search(text, sentence[0], min(head_end, pair.quantity.start))
        )
    )


_SEGMENT_BREAK = re.compile(r"[;；]")


def _is_flow(text: str, pair: _Pair, sentence: tuple[int, int], rules: FigureRules) -> bool:
    """Bought, built or given in a period ("配备…图书5.6万册", "援助图书600册"): not the stock."""
    clause = _clause_start(text, min(pair.mention_start, pair.quantity.start), sentence[0])
    return bool(rules.flow.search(text, clause, pair.quantity.start))


def standard_after(text: str, end: int) -> bool:
    """Whether the words right after a number ending at ``end`` make it the standard a value is
    compared with ("…高于生均6平方米的合格要求": figures.yaml ``standard_after``)."""
    return load_rules().standard_after.match(text, end) is not None


def _kind(
    text: str, pair: _Pair, sentence: tuple[int, int], rules: FigureRules, plan: bool = False
) -> FigureKind:
    """Standard, target or fact. In a plan (计划, 规划, 方案) a figure is a target unless its
    clause says it is already so (现有, 目前, 已 …): a plan speaks of what is to be reached."""
    start = _clause_start(text, min(pair.mention_start, pair.quantity.start), sentence[0])
    # the words just after the number, within its clause (…的合格标准; not ",预计毕业生…")
    after = _CLAUSE_END.search(text, pair.quantity.end, pair.quantity.end + 6)
    clause = text[start : after.start() if after else pair.quantity.end + 6]
    if rules.standard.search(clause) or standard_after(text, pair.quantity.end):
        return FigureKind.STANDARD
    if rules.target.search(clause):
        return FigureKind.TARGET
    if plan and not rules.plan_fact.search(text, sentence[0], pair.quantity.end):
        compared = after is not None and rules.plan_fact_after.match(text, after.start())
        if not compared or rules.target.search(text, sentence[0], sentence[1]):
            return FigureKind.TARGET
    return FigureKind.ACTUAL


def extract(
    doc: Document, reports: Sequence[Report], quantities: Quantities | None = None
) -> list[Figure]:
    """Every figure of every report of ``doc``, in text order. ``quantities`` are the document's
    numbers when the caller has read them already (the runner shares them with the validator)."""
    text = doc.text
    quantities = quantities if quantities is not None else Quantities.of(text)
    rules = load_rules()
    figures: list[Figure] = []
    for report in reports:
        # wordings found once per report (none crosses a sentence end), handed out per sentence
        mentions = find_mentions(text, report.start, report.end)
        starts = [m.start for m in mentions]
        found: list[Figure] = []
        spans = list(sentences(text, report.start, report.end))
        said: dict[tuple[int, int], list[Mention]] = {}  # per sentence, its wordings
        naming = {}  # per sentence, the wordings that can name its numbers
        for sentence in spans:
            first, last = bisect_left(starts, sentence[0]), bisect_left(starts, sentence[1])
            said[sentence] = [m for m in mentions[first:last] if m.end <= sentence[1]]
            naming[sentence] = _naming(said[sentence], quantities.between(*sentence))
        scoped = topics(
            text, report.start, report.end, [m for s in spans for m in naming[s]], rules.levels
        )
        for sentence in spans:
            here = said[sentence]
            found.extend(_sentence_figures(text, report, sentence, rules, here, quantities))
            topic = topic_at(scoped, sentence[0])
            if topic and not _names_any(text, naming[sentence], rules):
                found.extend(_topic_figures(text, report, sentence, rules, topic, quantities))

        def make(
            indicator: Indicator,
            statement: Statement,
            sentence: tuple[int, int],
            level: str | None,
            fallback: str | None,
            report: Report = report,
        ) -> Figure | None:
            return _count_figure(text, report, indicator, statement, sentence, level, fallback)

        reading = read_report(text, quantities, report.start, report.end)
        figures.extend(apply_statements(report, text, found, reading, make))
    tables = grids(doc)
    in_tables = headed_cells(tables)
    figures = [f for f in figures if f.span.start not in in_tables]
    figures += table_figures(doc, reports, {f.span.start for f in figures}, tables)
    return sorted(figures, key=lambda f: (f.doc, f.span.start))


def _count_figure(
    text: str,
    report: Report,
    indicator: Indicator,
    statement: Statement,
    sentence: tuple[int, int],
    level: str | None,
    fallback: str | None,
) -> Figure | None:
    """A figure for a count the statements found (:mod:`junheng.extractors.counts`)."""
    rules = load_rules()
    quantity = statement.quantity
    counted_as = statement.noun.units if statement.noun else ()  # 幼儿园一个: 个 for a school
    if not _accepts(indicator, quantity) and (quantity.unit or "") not in counted_as:
        return None
    pair = _Pair(indicator, quantity, min(statement.noun_start, quantity.start))
    subject = subject_words(text, statement)
    # people counted at a school type (高级中学90人): its noun counts schools, not them
    school = lexicon().nouns.get(subject.strip()) if level is None and not statement.noun else None
    typed = school is not None and school.group == "schools"
    if (
        not typed
        and level is None
        and "学段" in dimensions(subject)
        and not rules.level_re.search(subject)
    ):
        # "(其中小学101036人、中职2026人、特殊教育162人)": a kind of school of no level of
        # the catalogue scopes its part alone, not the level named before it in the list
        pair = replace(pair, subject=subject, own_scope=True)
        fallback = fallback if fallback in rules.kind_parts_keep else None
    if indicator.stock and _is_flow(text, pair, sentence, rules):
        return None
    figure = _figure(text, report, pair, sentence, rules, level, fallback)
    if typed and school is not None:
        # "(其中…、完全中学60人、高级中学90人…)": a part named by a school type alone has that
        # type's level, or none (完全中学), not the 中学 in its name nor the level before it
        kept = fallback if fallback in rules.kind_parts_keep else None
        return replace(figure, level=school.level or kept)
    return figure


def _figure(
    text: str,
    report: Report,
    pair: _Pair,
    sentence: tuple[int, int],
    rules: FigureRules,
    level: str | None = None,
    fallback: str | None = None,
    year: int | None = None,
) -> Figure:
    """The figure of a pair: its level (given, else the scope rules, else ``fallback``), year
    (said, else ``year``), kind and spans."""
    quantity = pair.quantity
    above = pair.indicator.above_range
    if above is not None and _value(pair.indicator, quantity) > pair.indicator.range[1]:
        pair = replace(pair, indicator=load_catalogue().by_id[above])
    return Figure(
        doc=report.index,
        indicator=pair.indicator.id,
        value=_value(pair.indicator, quantity),
        unit=pair.indicator.unit,
        level=level or _level(text, pair, sentence, rules) or fallback,
        year=_year(text, pair, sentence, rules, year),
        kind=_kind(text, pair, sentence, rules, _reads_as_plan(text, report)),
        qualifier=quantity.qualifier,
        span=Span(quantity.start, quantity.end),
        sentence=Span(*sentence),
        unit_name=report.unit_name,
    )


_YEAR_RANGE = re.compile(r"((?:19|20)\d\d)年?\s*(?:至|到|—|–|-|~|－)\s*((?:19|20)\d\d)年")


def _year_range(text: str, sentence: tuple[int, int], said: int, count: int) -> list[str]:
    """The years of a span said before 分别 in the sentence ("2016年至2019年,…分别为a、b、c、d"),
    one per value when there are as many."""
    if said < 0:
        return []
    found = _YEAR_RANGE.search(text, sentence[0], said)
    if found is None:
        return []
    first, last = int(found.group(1)), int(found.group(2))
    return [f"{y}年" for y in range(first, last + 1)] if last - first + 1 == count else []


def _naming(mentions: Sequence[Mention], quantities: Sequence[Quantity]) -> list[Mention]:
    """The wordings of a sentence that can name one of its values: all of them in a sentence
    without values (a heading), else those whose indicator takes a value's unit ("中等职业学校为
    4908元" names no count of schools)."""
    values = [q for q in quantities if q.role == "value"]
    if not values:
        return list(mentions)
    return [m for m in mentions if any(_accepts(m.indicator, q) for q in values)]


def _names_any(text: str, mentions: Sequence[Mention], rules: FigureRules) -> bool:
    return any(text[m.start : m.end] not in rules.levels for m in mentions)


def _topic_figures(
    text: str,
    report: Report,
    sentence: tuple[int, int],
    rules: FigureRules,
    topic: Topic,
    quantities: Quantities,
) -> list[Figure]:
    """Under a heading (:mod:`junheng.extractors.topics`), a sentence that names no indicator
    gives the heading's figures: each number in a unit and the plausible range of exactly one
    indicator the heading names ("2019年:小学750元,初中950元" under "生均公用经费:")."""
    figures = []
    amounts = 0  # values before this one in another unit than a growth's
    said = text[sentence[0] : sentence[1]]
    for quantity in quantities.between(*sentence):
        if quantity.role != "value":
            continue
        fits = [
            ind for ind in topic.indicators if _accepts(ind, quantity) and _plausible(ind, quantity)
        ]
        amounts += quantity.unit != "%"
        if len(fits) != 1:
            continue
        indicator = fits[0]
        if indicator.needs and (amounts or not re.search(indicator.needs, said)):
            continue  # "为2810元,比上年增长3.87%": the growth of the amount, not the heading's
        clause = _clause_start(text, quantity.start, sentence[0])
        lead = text[clause : quantity.start]
        if not (_STATED.search(lead) or rules.level_re.search(lead)):
            continue  # a bare number, a table's cell copied as a line, states nothing
        pair = _Pair(indicator, quantity, clause)
        if indicator.stock and _is_flow(text, pair, sentence, rules):
            continue
        figures.append(_figure(text, report, pair, sentence, rules, year=topic.year))
    return figures


# What states a value under a heading: a verb or colon before it, or 的 ("比上年的2705元").
_STATED = re.compile(r"[为為达達是到:：]|的\s*$")


def _plausible(indicator: Indicator, quantity: Quantity) -> bool:
    low, high = indicator.range
    return low <= _value(indicator, quantity) <= high


def _reads_as_plan(text: str, report: Report) -> bool:
    """Whether a report's numbers are its plans: it is typed 计划 and its sentences do not say
    facts more often than targets (a 总结 whose title names the 规划 it reports on, a news story
    about a plan, report what has been done)."""
    if report.type != "计划":
        return False
    return _plan_balance(text, report.start, report.end) <= 0


@lru_cache(maxsize=16)  # per report, asked once per figure; bounded: a worker reads many files
def _plan_balance_of(body: str) -> int:
    rules = load_rules()
    facts = targets = 0
    for start, end in sentences(body, 0, len(body)):
        if not re.search(r"\d", body[start:end]):
            continue
        facts += bool(rules.plan_fact.search(body, start, end))
        targets += bool(rules.target.search(body, start, end))
    return facts - targets


def _plan_balance(text: str, start: int, end: int) -> int:
    """Sentences with numbers that say a fact (现有, 已…) less those that say a target."""
    return _plan_balance_of(text[start:end])


def _sentence_figures(
    text: str,
    report: Report,
    sentence: tuple[int, int],
    rules: FigureRules,
    mentions: Sequence[Mention],
    quantities: Quantities,
) -> list[Figure]:
    values = [q for q in quantities.between(*sentence) if q.role == "value"]
    if not values:
        return []
    mentions = list(mentions)
    lists = [group for group in respectively(text, values) if len(group) > 1]
    subjects: dict[int, str] = {}
    for group in lists:
        said = text.rfind("分别", sentence[0], group[0].start)
        names = enumerated_subjects(text, said) if said >= 0 else []
        if len(names) != len(group):
            names = _year_range(text, sentence, said, len(group)) or names
        if len(names) == len(group):
            subjects.update({q.start: name for q, name in zip(group, names, strict=True)})
    pairs = _pairs_before(text, mentions, values, rules, lists, subjects)
    respective = [p for group in lists for p in _respective_wordings(text, mentions, group)]
    if respective:
        taken = {p.quantity.start for p in respective}
        pairs = [p for p in pairs if p.quantity.start not in taken] + respective
    paired = {p.quantity.start for p in pairs}
    pairs += [p for p in _pairs_after(text, values, sentence[1]) if p.quantity.start not in paired]
    paired = {p.quantity.start for p in pairs}
    pairs += [
        p
        for p in _per_student_pairs(text, values, sentence, rules)
        if p.quantity.start not in paired
    ]
    pairs += _growth_of_amount_pairs(text, values, pairs, mentions, rules)
    pairs += _continued_pairs(text, values, pairs, mentions, sentence, rules)
    pairs += _changed_to_pairs(text, values, pairs, rules, lists)
    pairs = [shared for pair in pairs for shared in _shared_by_list(text, pair, sentence, rules)]
    paired = {p.quantity.start for p in pairs}
    pairs += [
        p
        for p in _each_pairs(text, values, mentions, sentence, rules)
        if p.quantity.start not in paired
    ]
    figures = []
    for pair in sorted(pairs, key=lambda p: (p.quantity.start, p.mention_start)):
        if pair.indicator.stock and _is_flow(text, pair, sentence, rules):
            continue
        if pair.indicator.unit == "%" and _of_subgroup(text, pair, sentence, rules):
            continue
        figures.append(_figure(text, report, pair, sentence, rules))
    return figures
