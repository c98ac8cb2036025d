"""A part of a sum named again in words with its share of the total, after the list: "全县教育
经费总投入5297万元。其中中央资金1259万元,省级资金1303万元,县级资金2735万元。中央资金占教育经费
总投入的比重为23.8%,…". The share is the named part over the total.

The statement layer's breakdowns (counts) have their own reader (``_named_part_shares`` in
:mod:`junheng.validate.relations`); this one reads the sums of every other unit (money, area) the
validator found. A share is read when its words name exactly one part (the part's words before its
number, verbs of attaining aside: 第二产业完成增加值 is named 第二产业增加值) and, when they name a
base (占…的), the base is the total's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet

from junheng.validate.quantities import Q
from junheng.validate.relations import Relation, share_of

# "中央资金占教育经费总投入的比重为", "第一产业增加值占地区生产总值的比重为": part, 占, base
_NAMED = re.compile(
    r"(?:^|[,，;；:：。])\s*(?:其中)?(?P<part>[\u4e00-\u9fff]{2,14}?)占(?:比|到)?"
    r"(?P<base>[^,，;；。:：\d]{0,14}?的)?(?:比例|比重)?(?:为|达|是|了)?\s*$"
)
_VERBS = re.compile(r"其中|完成|实现|达到|共计|共|为|是|有|累计")
_SENTENCE_END = re.compile(r"[。\n]")


def _plain(words: str) -> str:
    return _VERBS.sub("", words).strip(" ,，;；:：")


def _names(name: str, words: str) -> bool:
    own = _plain(words)
    return bool(own) and (name in own or own in name)


def _clause_words(text: str, q: Q) -> str:
    """The words of ``q``'s clause before it (its label may stop at a word numeral: 第一产业)."""
    start = max(text.rfind(mark, 0, q.start) for mark in ",，;；:：。\n") + 1
    return text[start : q.start]


def named_part_shares(
    text: str, sums: Sequence[Relation], rates: Sequence[Q], rounding: str, read: AbstractSet[int]
) -> Iterator[Relation]:
    """The shares of the parts of ``sums`` named after them (see the module); ``read`` are the
    starts of the rates other readers have read."""
    for relation in sums:
        parts, head = relation.inputs, relation.stated
        if relation.kind != "sum" or len(parts) < 2 or any(p.value < 0 for p in parts):
            continue
        last = max(p.end for p in parts)
        first_end = _SENTENCE_END.search(text, last)
        if first_end is None:
            continue
        second_end = _SENTENCE_END.search(text, first_end.end())
        stop = second_end.start() if second_end else len(text)
        previous = last
        for rate in (r for r in rates if last < r.start < stop):
            clause = text[previous : rate.start]
            previous = rate.unit_end or rate.end
            named = _NAMED.search(clause)
            if rate.start in read or named is None:
                continue
            name = _plain(named.group("part"))
            owners = [p for p in parts if _names(name, _clause_words(text, p))]
            base = named.group("base")
            said = _clause_words(text, head)
            if len(owners) != 1 or (base and not _names(_plain(base[:-1]), said)):
                continue
            share = share_of(owners[0], head, rate, rounding)
            if share is not None:
                yield share
