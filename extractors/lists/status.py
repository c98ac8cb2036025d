"""A problem's status (已整改 / 整改中 / 未整改), and the deadline and owner an item states."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from junheng.core.model import Item, ItemKind
from junheng.extractors.lists.vocab import vocabulary


def _first(patterns: Iterable[re.Pattern[str]], text: str) -> str | None:
    for pattern in patterns:
        found = pattern.search(text)
        if found:
            return found.groupdict().get("v") or found.group()
    return None


def deadline_of(text: str) -> str | None:
    """整改时限 when the text states one (``2018年国检前``, ``今年9月份``, ``下年``)."""
    return _first(vocabulary().deadline, text)


def owner_of(text: str) -> str | None:
    """责任单位 / 责任人 when the text states one (``责任人:校长``, ``争取学区合理调配`` → 学区)."""
    return _first(vocabulary().owner, text)


def outcome_status(text: str) -> str | None:
    """整改中 when an outcome is partial or a promise, 已整改 when it reports the work done."""
    vocab = vocabulary()
    if vocab.ongoing.search(text):
        return "整改中"
    if vocab.done.search(text):
        return "已整改"
    return None


def own_answers(items: list[Item], pairs: list[tuple[int, int]]) -> dict[int, list[str]]:
    """Each problem's index → the texts of the measures its own entry carries after a label
    (``pairs``: the problem's start, the answer's start; "隐患3:…。整改措施:学校已经配备…")."""
    at = {item.span.start: item for item in items}
    found: dict[int, list[str]] = {}
    for problem, answer in pairs:
        p, a = at.get(problem), at.get(answer)
        if p is not None and a is not None and a.kind is ItemKind.MEASURE:
            found.setdefault(p.index, []).append(a.text)
    return found


def with_status(
    items: list[Item],
    broad: frozenset[int] = frozenset(),
    carried: dict[int, list[str]] | None = None,
) -> list[Item]:
    """Problems with their status: 整改中 when a linked outcome is partial or a promise; else
    未整改 when a later problem list repeats them; else 已整改 when an outcome reports it done;
    a repetition takes
    its original's status, or its own words' (争取, 列入下年计划 → 整改中); else what the
    measures its own entry carries (``carried``: problem index → their texts) tell of the work
    ("整改措施:学校已经配备…" → 已整改, "…拟对走廊进行修复" → 整改中); else None.

    ``broad`` holds the indices of structural problems named in prose (``教育资源分配不均``,
    ``教师编制不足``): an outcome answering one reports progress, not the end of it, so any
    linked outcome makes it 整改中 (000 doc 8, 001 docs 3 and 13)."""
    by_key = {(item.kind, item.index): item for item in items}
    status: dict[int, str | None] = {}
    for item in items:
        if item.kind is ItemKind.PROBLEM:
            status[item.index] = _problem_status(item, by_key, status) or _told(
                (carried or {}).get(item.index, [])
            )
            answered = any(link.kind is ItemKind.OUTCOME for link in item.links)
            if item.index in broad and answered and status[item.index] != "未整改":
                status[item.index] = "整改中"
    return [
        replace(item, status=status[item.index]) if item.kind is ItemKind.PROBLEM else item
        for item in items
    ]


def _told(answers: list[str]) -> str | None:
    """The one status the measures a problem's own entry carries tell, if they agree."""
    said = {outcome_status(text) for text in answers}
    return said.pop() if len(said) == 1 else None


def _problem_status(
    item: Item, by_key: dict[tuple[ItemKind, int], Item], known: dict[int, str | None]
) -> str | None:
    earlier = [
        link.index
        for link in item.links
        if link.kind is ItemKind.PROBLEM and link.index < item.index
    ]
    if earlier:  # a repetition in a closing list
        original = known.get(earlier[0])
        if original is not None:
            return original
        return "整改中" if vocabulary().ongoing.search(item.text) else "未整改"
    statuses = {
        outcome_status(by_key[(link.kind, link.index)].text)
        for link in item.links
        if link.kind is ItemKind.OUTCOME and (link.kind, link.index) in by_key
    }
    if "整改中" in statuses:
        return "整改中"
    if any(link.kind is ItemKind.PROBLEM for link in item.links):
        return "未整改"  # listed again as open: not done, whatever an outcome seemed to say
    if "已整改" in statuses:
        return "已整改"
    if _closing(item, by_key) and vocabulary().ongoing.search(item.text):
        return "整改中"
    return None


def _closing(item: Item, by_key: dict[tuple[ItemKind, int], Item]) -> bool:
    """Whether the problem comes after the report's outcomes (a closing 存在的问题 list)."""
    return any(
        k is ItemKind.OUTCOME and o.span.start < item.span.start for (k, _), o in by_key.items()
    )
