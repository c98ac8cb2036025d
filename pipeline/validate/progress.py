"""Progress rates: a plan or a total, what of it is done, and the rate named after the work.

"全省改薄项目学校1200所,已开工1150所,开工率95.8%;已竣工1080所,竣工率90%", "规划校舍面积800万
平方米,已开工760万平方米,开工率95%", "规划资金50亿元,已完成采购42.5亿元,完成率85%". The rate's own
word (开工, 竣工, 完成) is in the words of the count right before it; the base is the first count of
that unit in the sentence (the plan, which every rate of the chain is over), in any unit: counts,
areas, money. Only rates no other rule read are read here (see
:func:`junheng.validate.relations.read_relations`).

What is left may stand between the work done and its rate, and the total may be said in the
sentence before, with 共: "确认辍学学生共930人,…。截至12月10日劝返921人,还有9人未回校注册,劝返
率99.03%" — the rate is 921 of 930, and done and left make the total (921+9=930).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence, Set

from junheng.validate.quantities import Q
from junheng.validate.relations import Relation, Sentence, share_of, sum_of

# "…,开工率95.8%", "竣工率为90%": the rate's word right before its number
_RATE_WORD = re.compile(r"([\u4e00-\u9fff]{2})率(?:为|达到?|是)?\s*$")
# the plan a progress is over, said in its own words
_PLAN = re.compile(r"规划|计划|项目|任务|总|共|应")
# what is left, said between the work done and its rate ("还有9人未回校注册")
_LEFT = re.compile(r"(?:还有|尚有|仍有|剩余|剩下)\s*$")
# a total said in a sentence before ("确认辍学学生共930人")
_TOTAL = re.compile(r"(?:共|总数|合计|共计)(?:有|为|是|计)?\s*$")


def progress_rates(
    text: str,
    sentence: Sentence,
    rounding: str,
    read: Set[int] = frozenset(),
    before: Sequence[Q] = (),
) -> Iterator[Relation]:
    """The progress rates of ``sentence`` that no other rule read (``read``: the starts of the
    rates already read); ``before``: the quantities of the sentences before it in its paragraph,
    where the total may be said."""
    qs = [q for q in sentence.quantities if q.role == "value" and not q.hedged]
    earlier = [q for q in before if q.role == "value" and not q.hedged and q.start < sentence.start]
    for index, rate in enumerate(qs):
        if rate.unit != "%" or rate.start in read or index < 1:
            continue
        word = _RATE_WORD.search(rate.label)
        if word is None:
            continue
        done_at = index - 1
        left = None
        if done_at >= 1 and _LEFT.search(qs[done_at].label):
            left, done_at = qs[done_at], done_at - 1  # 劝返921人,还有9人未回校,劝返率…
        done = qs[done_at]
        if done.unit == "%" or word.group(1) not in done.label:
            continue
        in_sentence = [q for q in qs[:done_at] if q.unit == done.unit]
        base = next(iter(in_sentence), None)
        if base is None:
            totals = [q for q in earlier if q.unit == done.unit and _TOTAL.search(q.label)]
            base = totals[-1] if totals else None
        if base is None or base is done or not _PLAN.search(base.label):
            continue
        if left is not None and left.unit == done.unit:
            remainder = sum_of(base, [done, left], rounding, True)
            if remainder is not None:
                yield remainder
        relation = share_of(done, base, rate, rounding)
        if relation is None:
            continue
        if base.value < done.value and not relation.holds and not _near(relation, rate.value):
            continue  # more done than planned, and a rate far from it: not a part of it
        yield relation


def _near(relation: Relation, stated: float) -> bool:
    """Whether a stated rate is within a factor of two of what its counts give: a count above its
    plan and a rate near that (入学2053人 of 1580, 入学率99.6%) is a miscount, not another base."""
    expected = relation.expected or 0.0
    return expected > 0 and 0.5 <= stated / expected <= 2.0
