"""Relations stated with 分别 and across sentences, which the sentence-by-sentence reader misses.

:func:`respective_relations` reads, for one sentence of a report (called from
:func:`junheng.validate.relations.read_relations`):

* shares with 分别: "招收学生3.80万人,在校生20.91万人,分别占特殊教育招生总数和在校生总数的53.78%和
  52.94%" — the i-th count over the base its i-th name refers to (a total stated earlier in the
  paragraph, else the report, found by its words), or over the one base named for all;
* sums with 分别: "其中城区、农村学校分别有12所、44所" opening the sentence after the total's, and
  "学校56所,城区、农村学校分别为12所、44所" whose names make a partition (城区/农村, 男/女 …);
* growth against the earlier year's value: "(上年为N)" / "上年同期N" beside the value and its change
  (比上年增加X / 增长Y% / 提高Z个百分点), the values of the sentence before named by an anaphor
  ("2013年,这两项数字分别为A和B"), and the same words stated for the year before in another
  sentence of the paragraph.

A relation is read only when the words leave no doubt which numbers it relates: the lists are as
long as their names, a base is the one total whose words hold its name, an earlier value is the
one the anaphor, the words and the years point to. A false alarm costs more than a miss.
The words come from ``respective.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cache
from typing import Any

from junheng.core.yamldata import package_yaml
from junheng.extractors.statements import lexicon
from junheng.validate.interval import Interval, total
from junheng.validate.quantities import Q
from junheng.validate.relations import Relation, Sentence, pair_sides
from junheng.validate.relations import vocab as relation_words

_GAP_BEFORE = re.compile(r"[\s,，(（]*")
_GAP_AFTER = re.compile(r"[\s,，)）]*")
_GAP_LIST_END = re.compile(r"[\s,，]*")
_MAX_RATIO = 2.0  # a share or an earlier value off by more than this means another number


@cache
def vocab() -> dict[str, Any]:
    """The word lists of ``respective.yaml``, regular expressions compiled."""
    data = package_yaml("junheng.validate", "respective.yaml")
    return {k: (re.compile(v) if isinstance(v, str) else v) for k, v in data.items()}


def respective_relations(
    text: str,
    sentences: Sequence[Sentence],
    index: int,
    window: Sequence[Q],
    pool: Sequence[Q],
    rounding: str,
) -> Iterator[Relation]:
    """The 分别 and cross-sentence relations of ``sentences[index]``; ``window`` holds the
    quantities of its paragraph up to it, ``pool`` those of the whole report."""
    sentence = sentences[index]
    for found in vocab()["respective"].finditer(text, sentence.start, sentence.end):
        yield from _shares(text, sentence, found.start(), window, pool, rounding)
        yield from _shares_of_lists(text, sentence, found.start(), window, rounding)
        yield from _sums(text, sentences, index, found.start(), rounding)
    yield from _prior_in_sentence(text, sentence, rounding)
    yield from _anaphor_growth(text, sentences, index, rounding)
    yield from _growth_across(text, sentences, index, rounding)


# ---- helpers --------------------------------------------------------------------------------


def _checkable(q: Q) -> bool:
    return not q.hedged and q.role == "value" and q.ratio is None and q.value == q.value


def _iv(q: Q, rounding: str) -> Interval:
    return Interval.of(q, rounding)


def _start(q: Q) -> int:
    return q.start


def _label_start(q: Q) -> int:
    return q.start - len(q.label)


def _end(q: Q) -> int:
    return q.unit_end or q.end


def _list_after(text: str, qs: Sequence[Q], pos: int, opener: re.Pattern[str]) -> list[Q]:
    """The values listed after ``pos`` (分别为A、B和C): the first after words ``opener`` matches,
    each next one after a joining word only."""
    join = vocab()["list_join"]
    listed: list[Q] = []
    for q in (q for q in qs if q.start >= pos):
        gap = text[_end(listed[-1]) if listed else pos : q.start]
        if not (join if listed else opener).search(gap):
            break
        listed.append(q)
    return listed


def _names(text: str, start: int, end: int) -> list[str]:
    """The names joined by 、/和 in ``text[start:end]`` (城区、农村学校 → 城区, 农村学校)."""
    return [n.strip() for n in vocab()["name_join"].split(text[start:end])]


def _clause_start(text: str, floor: int, pos: int) -> int:
    cursor = pos
    while cursor > floor and text[cursor - 1] not in ",，;；:：。\n()（）":
        cursor -= 1
    return cursor


def _overlap(a: str, b: str) -> int:
    """The longest run of characters ``a`` and ``b`` share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] not in b:
                break
            best = j - i
    return best


def _subsequence(short: str, long: str) -> bool:
    """Whether the characters of ``short`` occur in ``long`` in order (招生 in 招收学生)."""
    rest = iter(long)
    return all(char in rest for char in short)


def _core(label: str) -> str:
    """What a label counts, less scope words, verbs and years (全县共有在校生 → 在校生)."""
    words = vocab()
    return words["label_noise"].sub("", words["year"].sub("", label))


def _years(text: str, start: int, end: int) -> list[int]:
    return [int(m.group("year")) for m in vocab()["year"].finditer(text, start, end)]


# ---- shares ---------------------------------------------------------------------------------

_SHARE_FRAME = re.compile(r"^\s*占(?:比)?(?P<names>[^,，;；。\d%]*?)(?:的)?\s*(?:为|是|达)?\s*$")


def _shares(
    text: str,
    sentence: Sentence,
    at: int,
    window: Sequence[Q],
    pool: Sequence[Q],
    rounding: str,
) -> Iterator[Relation]:
    """分别占(names)的M%和N%: the counts listed just before 分别, each over its named base."""
    qs = [q for q in sentence.quantities if q.role == "value"]
    pcts = _list_after(text, qs, at + 2, _SHARE_FRAME)
    if len(pcts) < 2 or any(p.unit != "%" or not _checkable(p) for p in pcts):
        return
    frame = _SHARE_FRAME.match(text[at + 2 : pcts[0].start])
    before = [q for q in qs if q.start < at]
    counts = before[-len(pcts) :]
    if (
        frame is None
        or len(counts) != len(pcts)
        or not _GAP_LIST_END.fullmatch(text[_end(counts[-1]) : at])
    ):
        return
    if any(not _checkable(c) or c.unit in ("%", "") or c.ratio for c in counts):
        return
    names = _names(text, at + 2 + frame.start("names"), at + 2 + frame.end("names"))
    nouns = [_base_noun(n) for n in names]
    if len(nouns) == 1:
        nouns = nouns * len(counts)
    if len(nouns) != len(counts):
        return
    for count, pct, noun in zip(counts, pcts, nouns, strict=True):
        if noun:
            base = _named_base(text, count, noun, counts, window) or _named_base(
                text, count, noun, counts, pool
            )
        else:
            base = _base_before(before, counts)
        if base is None:
            continue
        relation = _share(count, base, pct, rounding)
        if relation is not None and (relation.holds or _plausible(pct.value, relation.expected)):
            yield relation


_LISTS_SHARE = re.compile(r"^(?P<subject>.+?)占(?P<base>[^占]+?)的?(?:比例|比重)?\s*$")


def _shares_of_lists(
    text: str, sentence: Sentence, at: int, window: Sequence[Q], rounding: str
) -> Iterator[Relation]:
    """X占Y的比例分别为p1、p2、p3, where X and Y name two lists given earlier with 分别 ("支出总额
    分别为11200万元、12400万元、13800万元…拨款三年分别为7280万元、8310万元、9520万元,预算内…拨款
    占教育经费支出的比例分别为65%、67%、69%"): the i-th value of X's list over the i-th of Y's.
    Each name picks the list whose words share the most with it; both lists are as long as the
    shares, in one unit, and different."""
    words = vocab()
    qs = [q for q in sentence.quantities if q.role == "value"]
    pcts = _list_after(text, qs, at + 2, words["list_verb"])
    if len(pcts) < 2 or any(p.unit != "%" or not _checkable(p) for p in pcts):
        return
    frame = _LISTS_SHARE.match(text[_clause_start(text, sentence.start, at) : at])
    if frame is None:
        return
    earlier = sorted({q.start: q for q in [*window, *qs] if q.start < at}.values(), key=_start)
    floor = _clause_start(text, 0, _label_start(earlier[0])) if earlier else sentence.start
    lists: list[tuple[str, list[Q]]] = []
    for found in words["respective"].finditer(text, floor, at):
        listed = _list_after(text, earlier, found.end(), words["list_verb"])
        if len(listed) == len(pcts) and len({q.unit for q in listed}) == 1:
            label = text[_clause_start(text, floor, found.start()) : found.start()]
            lists.append((label, listed))

    def best(name: str, among: list[tuple[str, list[Q]]]) -> list[Q] | None:
        scored = [(_overlap(name, label), listed) for label, listed in among]
        top = max((score for score, _ in scored), default=0)
        chosen = [listed for score, listed in scored if score == top]
        return chosen[0] if top >= int(words["name_overlap"]) and len(chosen) == 1 else None

    counts = best(frame.group("subject"), lists)
    if counts is None or not all(_checkable(c) for c in counts):
        return
    larger = [  # a base list: another list of the counts' unit, each value above its count
        (label, listed)
        for label, listed in lists
        if listed is not counts
        and listed[0].unit == counts[0].unit
        and all(_checkable(b) and b.value > c.value for b, c in zip(listed, counts, strict=True))
    ]
    bases = best(_base_noun(frame.group("base")), larger)
    if bases is None:
        return
    for count, base, pct in zip(counts, bases, pcts, strict=True):
        relation = _share(count, base, pct, rounding)
        if relation is not None and (relation.holds or _plausible(pct.value, relation.expected)):
            yield relation


def _base_noun(name: str) -> str:
    words = vocab()
    return words["count_suffix"].sub("", words["whole_prefix"].sub("", name.strip()))


def _named_base(
    text: str, count: Q, noun: str, counts: Sequence[Q], candidates: Sequence[Q]
) -> Q | None:
    """The one earlier total of the count's unit, larger than it, whose words share the most with
    the base's name (at least ``name_overlap`` characters in a row; a tie is left unread)."""
    need = int(vocab()["name_overlap"])
    scored: list[tuple[int, Q]] = []
    for q in candidates:
        if q.start >= counts[0].start or q.unit != count.unit or not _checkable(q):
            continue
        if q.value <= count.value or q in counts:
            continue
        words = q.label + text[_end(q) : _end(q) + 4]
        score = len(noun) if _subsequence(noun, words) else _overlap(noun, words)
        if score >= min(need, len(noun)):
            scored.append((score, q))
    if not scored:
        return None
    best = max(score for score, _ in scored)
    chosen = {q.value: q for score, q in scored if score == best}
    return next(iter(chosen.values())) if len(chosen) == 1 else None


def _base_before(before: Sequence[Q], counts: Sequence[Q]) -> Q | None:
    """An unnamed base (分别占75%和23.4%): the number just before the counts, of their unit and
    larger than each of them."""
    earlier = [q for q in before if q.start < counts[0].start]
    if not earlier:
        return None
    base = earlier[-1]
    if not _checkable(base) or any(c.unit != base.unit or c.value >= base.value for c in counts):
        return None
    return base


def _share(count: Q, base: Q, pct: Q, rounding: str) -> Relation | None:
    ratio = _iv(count, rounding) / _iv(base, rounding)
    if ratio is None:
        return None
    allowed = ratio * 100.0
    expected = 100.0 * count.value / base.value
    holds = allowed.overlaps(_iv(pct, rounding))
    return Relation("percent", (count, base), pct, expected, allowed, holds)


def _plausible(stated: float, expected: float) -> bool:
    """A stated number within a factor of two of the computed one: off by more, the text most
    likely means other numbers than those read, and nothing is said."""
    return expected > 0 and stated > 0 and 1 / _MAX_RATIO <= stated / expected <= _MAX_RATIO


# ---- sums -----------------------------------------------------------------------------------


def _sums(
    text: str, sentences: Sequence[Sentence], index: int, at: int, rounding: str
) -> Iterator[Relation]:
    """names分别为A、B: parts of the total before them — the previous sentence's total when 其中
    opens the sentence, the number just before when the names make a partition; T,分别为A、B: the
    parts of a total whose own words list the names (小学、初中在校生共T人)."""
    words, sentence = vocab(), sentences[index]
    qs = [q for q in sentence.quantities if q.role == "value"]
    parts = _list_after(text, qs, at + 2, words["list_verb"])
    if len(parts) < 2 or any(p.unit != parts[0].unit or p.unit in ("%", "") for p in parts):
        return
    if any(not _checkable(p) or not p.written[:1].isdigit() for p in parts):
        return
    if relation_words()["total"].search(text, _end(parts[-1]), sentence.end):
        return  # …分别为9800人、5500人,合计15300人: the sentence's own total (read already)
    start = _clause_start(text, sentence.start, at)
    opener = words["parts_open"].match(text, start, at)
    names = _names(text, opener.end() if opener else start, at)
    own = None  # "小学、初中在校生共6230人,分别为4105人、2125人": the names are the total's own
    if opener is None and not text[start:at].strip():
        own = _head_before(text, qs, parts[0], start)
        if own is not None:
            names = _names(text, _clause_start(text, sentence.start, own.start), own.start)
    if len(names) != len(parts) or not all(names) or any(re.search(r"\d", n) for n in names):
        return
    partition = pair_sides(names)
    head: Q | None
    if own is not None:
        head, whole = own, True
    elif opener is not None and start == sentence.start and index:
        head = _total_before(text, sentences[index - 1], sentence, parts[0].unit)
        whole = partition or not relation_words()["subset"].search("".join(names))
    elif opener is None and partition:
        head = _head_before(text, qs, parts[0], start)
        whole = True
    else:
        return
    if head is None or not _names_fit(names[-1], head, text):
        return
    rest = text[_end(parts[-1]) : sentence.end]
    if relation_words()["stop"].search(rest) or any(
        q.start > parts[-1].start and q.unit != "%" for q in qs
    ):
        whole = False  # …,另有教学点15个: the list is not the whole
    relation = _sum(head, parts, rounding, whole)
    if relation is not None:
        yield relation


def _total_before(text: str, previous: Sentence, sentence: Sentence, unit: str) -> Q | None:
    """The total a sentence opening with 其中 breaks down: the last number of the sentence before
    in the paragraph, of the parts' unit, written as a total (共有…) or the only one of its unit."""
    if previous.paragraph != sentence.paragraph:
        return None
    of_unit = [q for q in previous.quantities if q.unit == unit and _checkable(q)]
    if not of_unit or of_unit[-1] is not [q for q in previous.quantities if q.role == "value"][-1]:
        return None
    head = of_unit[-1]
    said_total = relation_words()["total"].search(head.label) or lexicon().total_words.search(
        head.label
    )
    return head if said_total or len(of_unit) == 1 else None


def _head_before(text: str, qs: Sequence[Q], first: Q, names_start: int) -> Q | None:
    """The number right before the names' clause, of the parts' unit (学校56所,城区、农村学校…)."""
    earlier = [q for q in qs if q.start < first.start]
    if not earlier or not _GAP_LIST_END.fullmatch(text[_end(earlier[-1]) : names_start]):
        return None
    head = earlier[-1]
    return head if head.unit == first.unit and _checkable(head) else None


def _names_fit(last_name: str, head: Q, text: str) -> bool:
    """The parts' noun (农村学校 → 学校), when they name one, is the total's."""
    nouns = lexicon().noun_re.findall(last_name)
    if not nouns:
        return True
    words = head.label + text[_end(head) : _end(head) + 4]
    return any(noun in words or _overlap(noun, words) >= 2 for noun in nouns)


def _sum(head: Q, parts: list[Q], rounding: str, exhaustive: bool) -> Relation | None:
    if head.hedged or not head.written[:1].isdigit():
        return None
    allowed = total([_iv(p, rounding) for p in parts])
    stated = _iv(head, rounding)
    holds = allowed.overlaps(stated) or (not exhaustive and allowed.lo <= stated.hi)
    expected = sum(p.value for p in parts)
    return Relation("sum", tuple(parts), head, expected, allowed, holds, exhaustive)


# ---- growth against the earlier year --------------------------------------------------------


def _direction(label: str) -> str | None:
    found = vocab()["change_label"].fullmatch(label)
    if found is None:
        return None
    return next(k for k in ("up", "down", "rate_up", "rate_down") if found.group(k))


def _growth(before: Q, now: Q, change: Q, direction: str, rounding: str) -> Relation | None:
    """``change`` against the values ``before`` → ``now``: an amount, a rate (%) or, between two
    rates, percentage points."""
    down = direction.endswith("down")
    b, n = _iv(before, rounding), _iv(now, rounding)
    diff = b - n if down else n - b
    point = before.value - now.value if down else now.value - before.value
    if change.unit == "%" and now.unit != "%":
        ratio = diff / b
        if ratio is None or before.value == 0:
            return None
        allowed, expected = ratio * 100.0, 100.0 * point / before.value
    elif not direction.startswith("rate") and (
        (change.unit == "百分点" and now.unit == "%")  # two rates: the difference in points
        or (change.unit == now.unit and now.unit not in ("%", ""))  # an amount
    ):
        allowed, expected = diff, point
    else:
        return None
    holds = allowed.overlaps(_iv(change, rounding))
    return Relation("growth", (before, now), change, expected, allowed, holds)


def _prior_in_sentence(text: str, sentence: Sentence, rounding: str) -> Iterator[Relation]:
    """A value, the earlier year's beside it (上年为N / 上年同期N) and the change: "投入5.6亿元,
    上年同期4.9亿元,增长14.3%", "在校生15300人,比上年增加620人(上年为14680人)"."""
    words = vocab()
    qs = [q for q in sentence.quantities if _checkable(q)]
    for i, prior in enumerate(qs):
        if i == 0 or not words["prior_label"].fullmatch(prior.label):
            continue
        gap_before = text[_end(qs[i - 1]) : _label_start(prior)]
        if not _GAP_BEFORE.fullmatch(gap_before):
            continue
        if _direction(qs[i - 1].label) is None:  # now, (上年…), change
            now = qs[i - 1]
            change = qs[i + 1] if i + 1 < len(qs) else None
            if change is None or not _GAP_AFTER.fullmatch(text[_end(prior) : _label_start(change)]):
                continue
        elif i >= 2 and _direction(qs[i - 2].label) is None:  # now, change, (上年…)
            now, change = qs[i - 2], qs[i - 1]
            if not _GAP_LIST_END.fullmatch(text[_end(now) : _label_start(change)]):
                continue
        else:
            continue
        direction = _direction(change.label)
        if direction is None or now.unit != prior.unit or words["prior_label"].fullmatch(now.label):
            continue
        if _compared_rates(sentence, change):
            continue  # the sentence's only two rates and their difference: read already
        relation = _growth(prior, now, change, direction, rounding)
        if relation is not None:
            yield relation


def _compared_rates(sentence: Sentence, change: Q) -> bool:
    """A difference in points after exactly two rates with a comparing word (…提高0.3个百分点),
    which the sentence reader already checks as the difference of the two."""
    rates = [q for q in sentence.quantities if q.unit == "%" and q.start < change.start]
    return (
        change.unit == "百分点"
        and len(rates) == 2
        and bool(relation_words()["compared"].search(change.label))
    )


def _change_after(text: str, sentence: Sentence, now: Q) -> tuple[Q, str] | None:
    """The change against last year stated right after ``now`` (…15300人,比上年增加620人)."""
    qs = [q for q in sentence.quantities if _checkable(q)]
    following = [q for q in qs if q.start > now.start]
    if not following:
        return None
    change = following[0]
    direction = _direction(change.label)
    if direction is None or not vocab()["against_last_year"].search(change.label):
        return None
    if not _GAP_LIST_END.fullmatch(text[_end(now) : _label_start(change)]):
        return None
    return change, direction


def _anaphor_growth(
    text: str, sentences: Sequence[Sentence], index: int, rounding: str
) -> Iterator[Relation]:
    """An anaphor for the values of the sentence before ("2013年,这两项数字分别为A和B") and their
    changes against last year stated there: each change against its own earlier value."""
    words, sentence = vocab(), sentences[index]
    found = words["anaphor"].search(text, sentence.start, sentence.end)
    if found is None or index == 0 or sentences[index - 1].paragraph != sentence.paragraph:
        return
    years = _years(text, sentence.start, found.start())
    last_year = words["last_year"].search(text, sentence.start, found.start())
    if len(years) != 1 and not last_year:
        return
    count = int(words["numerals"][found.group("count")])
    qs = [q for q in sentence.quantities if q.role == "value" and q.start >= found.end()]
    earlier = _list_after(text, qs, found.end(), re.compile(r"^\s*(?:为|是)?\s*$"))
    previous = sentences[index - 1]
    nows = [q for q in previous.quantities if q.role == "value" and _direction(q.label) is None]
    if len(earlier) != count or len(nows) != count or not all(map(_checkable, earlier + nows)):
        return
    for before, now in zip(earlier, nows, strict=True):
        if before.unit not in ("", now.unit) or not _plausible(before.value, now.value):
            continue
        change = _change_after(text, previous, now)
        if change is None:
            continue
        now_years = _years(text, sentences[0].start, now.start)
        if not last_year and (not now_years or now_years[-1] != years[0] + 1):
            continue  # the value's own year must be the one after the anaphor's
        relation = _growth(replace(before, unit=now.unit), now, *change, rounding)
        if relation is not None:
            yield relation


def _growth_across(
    text: str, sentences: Sequence[Sentence], index: int, rounding: str
) -> Iterator[Relation]:
    """A value with its change against last year, and the value of the same words stated for the
    year before in another sentence of the paragraph ("2013年全县在校生14680人。2014年全县在校生
    15300人,比上年增加620人"): the one such value, else nothing."""
    sentence = sentences[index]
    for now in sentence.quantities:
        if not _checkable(now) or _direction(now.label) is not None:
            continue
        change = _change_after(text, sentence, now)
        core = _core(now.label)
        if change is None or len(core) < 2:
            continue
        if _followed_by_prior(text, sentence, change[0]):
            continue  # (上年为N) beside it: read in the sentence
        years = _years(text, sentences[0].start, now.start)
        if not years:
            continue
        found = {
            q.value: q
            for other in sentences
            if other is not sentence and other.paragraph == sentence.paragraph
            for q in other.quantities
            if _checkable(q)
            and q.unit == now.unit
            and _core(q.label) == core
            and _years(text, other.start, q.start)[-1:] == [years[-1] - 1]
        }
        if len(found) != 1:
            continue
        before = next(iter(found.values()))
        if not _plausible(before.value, now.value):
            continue
        relation = _growth(before, now, *change, rounding)
        if relation is not None:
            yield relation


def _followed_by_prior(text: str, sentence: Sentence, change: Q) -> bool:
    following = [q for q in sentence.quantities if q.start > change.start]
    return bool(following) and bool(vocab()["prior_label"].fullmatch(following[0].label))
