"""A total and its parts in the brackets after it, in the units the statement layer does not
read as counts (money, area …): "校舍建筑面积43.2万平方米(学前5.4万、小学14.1万、中学21.6万、
职教中心2.1万)", "共投入资金3000万元(中央资金1000万元、省级资金2000万元)".

The parts are the bracket's numbers in the total's unit (a part may leave the unit out and take it
from its siblings: :func:`junheng.extractors.numbers.find_quantities`). They are the whole when
nothing else is counted inside the bracket, the bracket does not say it names some of the total
(含, 包括 …, …等) and the first part's words name no subset (用于, 其中新建 …): then they must add
up to the total; otherwise only parts above the total are an error. Counts (人, 所 …) are the
statement layer's breakdowns and are not read here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet

from junheng.validate.relations import (
    Relation,
    Sentence,
    in_parens,
    names_a_partition,
    sum_of,
)

_OPEN = re.compile(r"\s*[(（]\s*(?P<some>含有|含|包括|包含)?\s*(?:其中)?\s*[:：,，]?")
_CLOSE = re.compile(r"[)）]")
_SOME_AFTER = re.compile(r"等")


def bracket_sums(
    text: str,
    sentence: Sentence,
    rounding: str,
    handled: AbstractSet[int],
    counted_units: AbstractSet[str],
) -> Iterator[Relation]:
    """The sum of each total over the parts in the brackets right after it (see the module)."""
    qs = sentence.quantities
    for index, head in enumerate(qs):
        if (
            head.start in handled
            or head.unit in counted_units
            or head.unit in ("%", "年", "")
            or head.hedged
            or in_parens(text, sentence.start, head)
        ):
            continue
        opened = _OPEN.match(text, head.unit_end or head.end)
        if opened is None:
            continue
        closed = _CLOSE.search(text, opened.end(), sentence.end)
        if closed is None:
            continue
        inside = [q for q in qs[index + 1 :] if opened.end() <= q.start < closed.start()]
        parts = [q for q in inside if q.unit == head.unit]
        if len(parts) < 2:
            continue
        others = any(q.unit != "%" for q in inside if q not in parts)
        tail = text[parts[-1].unit_end or parts[-1].end : closed.start()]
        some = opened.group("some") is not None or bool(_SOME_AFTER.search(tail))
        whole = not others and not some and names_a_partition(parts[0], head)
        relation = sum_of(head, parts, rounding, whole)
        if relation is not None:
            yield relation
