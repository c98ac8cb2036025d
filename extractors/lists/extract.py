"""``extract``: the items of every report of a document, linked and with their status."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from junheng.core.model import Document, Figure, Item, ItemKind, ItemLink, Report, Section, Span
from junheng.extractors.lists.answered import (
    Answered,
    labelled_entries,
    named_entries,
    split_answered,
)
from junheng.extractors.lists.entries import (
    MIN_CHARS,
    Entry,
    parse_entries,
    parse_paragraph,
    problem_sentences,
    split_inline,
    trim_span,
)
from junheng.extractors.lists.find import Region, find_regions
from junheng.extractors.lists.links import Group, link_items
from junheng.extractors.lists.markers import accept, find_marks
from junheng.extractors.lists.status import deadline_of, own_answers, owner_of, with_status
from junheng.extractors.lists.vocab import (
    KINDS,
    category,
    entry_kind,
    heading_kind,
    vocabulary,
)


def extract(doc: Document, reports: Sequence[Report], figures: Sequence[Figure] = ()) -> list[Item]:
    """The problem, measure and outcome items of each report, in document order per report.

    Example:
        >>> items = extract(doc, segment(doc))  # doctest: +SKIP
        >>> items[0].kind, items[0].index, items[0].text  # doctest: +SKIP
        ('problem', 1, '运动场不达标，无100米直跑道')
    """
    items: list[Item] = []
    for report in reports:
        found, groups, broad, pairs = _report_items(
            doc, report, [f for f in figures if f.doc == report.index]
        )
        linked = _fixed_links(link_items(found, groups, broad), pairs)
        items.extend(with_status(linked, broad, own_answers(linked, pairs)))
    return items


def _fixed_links(items: list[Item], pairs: list[tuple[int, int]]) -> list[Item]:
    """The links with each answer an entry carries (``pairs``: its problem's start, the answer's
    start) on its own problem only: the entry says what it answers."""
    if not pairs:
        return items
    at = {item.span.start: item for item in items}
    owner = {
        ItemLink(at[a].kind, at[a].index): at[p].index for p, a in pairs if p in at and a in at
    }
    fixed = []
    for item in items:
        if item.kind is not ItemKind.PROBLEM:
            fixed.append(item)
            continue
        links = [link for link in item.links if owner.get(link, item.index) == item.index]
        links += [link for link, index in owner.items() if index == item.index]
        fixed.append(replace(item, links=tuple(dict.fromkeys(links))))
    return fixed


def _answered(text: str, kind: ItemKind, entry: Entry) -> Answered | None:
    """``entry`` split into its problem and the answer it carries: by an answer label in a
    problem entry (or one that opens with 问题:), by a named problem (关于…问题。) in any."""
    split = split_answered(text, entry)
    if split is None:
        return None
    labelled = vocabulary().problem_label.match(text, entry.start, entry.end) is not None
    named = vocabulary().topic_problem.match(text, entry.start, entry.end) is not None
    return split if kind is ItemKind.PROBLEM or labelled or named else None


_ACHIEVEMENT = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:元|人|所|个|台|套|间|册|名|平方米)")


def _reports_achievements(text: str, entries: list[Entry]) -> bool:
    """Whether most entries of a 措施 list report figures: work done, not measures (in a report
    that lists no problems: the caller's). An entry that
    states a deadline or an owner (``今年9月底前完成``, ``责任单位:…``) is a plan, not work done."""
    with_figures = sum(
        1
        for e in entries
        if _ACHIEVEMENT.search(text, e.start, e.end)
        and deadline_of(text[e.start : e.end]) is None
        and owner_of(text[e.start : e.end]) is None
    )
    return bool(entries) and with_figures >= vocabulary().achievements_share * len(entries)


def _narrates_work(text: str, report: Report, region: Region) -> bool:
    """Whether a heading that leaves the kind to the entries (``主要措施和成效``) heads the report's
    account of its own work: neither the list (its heading, sub-headings, entries) nor the
    report's title names the rectification (lists.yaml ``open_lists``; the caller's: the report
    lists no problems)."""
    rectification = vocabulary().open_rectification
    return (
        bool(region.choices)
        and not region.prose
        and rectification.search(text, region.heading_start, region.end) is None
        and rectification.search(report.match_title or report.title) is None
    )


def _region_entries(text: str, region: Region, open_end: bool) -> list[tuple[ItemKind, Entry]]:
    """The (kind, entry) pairs of one region, in text order."""
    vocab = vocabulary()
    if region.inline:
        return [(region.kind, e) for e in split_inline(text, region.start, region.end)]
    if region.sentences:
        return [(region.kind, e) for e in problem_sentences(text, region.start, region.end)]
    entries = parse_entries(text, region.start, region.end, open_end=open_end)
    if region.kind is ItemKind.PROBLEM:  # a sub-list of causes is not problems (001 doc 18)
        entries = [
            e
            for e in entries
            if e.parent_start < 0 or not vocab.causes.search(text, e.parent_start, e.parent_end)
        ]
    # unnumbered entries: a 措施 section's sentences; a 存在问题 section's sentences and ;-clauses
    # when a heading of its own names it (not 薄弱环节 said inside an entry's first line)
    problems = region.kind is ItemKind.PROBLEM and _own_heading(text, region)
    if (
        not entries
        and (region.kind is ItemKind.MEASURE or problems)
        and not has_marks(text, region)
    ):
        entries = parse_paragraph(
            text, region.start, region.end, open_end=open_end, clauses=problems
        )
    kind = _list_kind(text, region, entries)
    found: list[tuple[ItemKind, Entry]] = []
    for entry in entries:
        if kind is ItemKind.MEASURE:
            found += _split_progress(text, entry)
        else:
            found.append((kind, entry))
    if region.choices:  # the heading leaves each entry's kind to its own words
        found = [
            (entry_kind(text[e.start : e.end], region.choices) or k, e) if k is kind else (k, e)
            for k, e in found
        ]
    if region.then is not None and open_end and entries:
        rest = parse_paragraph(text, entries[-1].end, region.end, open_end=True)
        found += [(region.then, e) for e in rest]
    return found


_HEADING_WORDS = re.compile(r"[^,，。;；!！?？]{2,24}")


def _own_heading(text: str, region: Region) -> bool:
    """Whether a heading line of its own names the region (``二、存在的问题``, ``存在问题:``): a
    few words without a clause break, not a sentence of prose."""
    if region.prose or region.inline:
        return False
    body = region.start
    while body < region.end and (text[body].isspace() or text[body] in ":："):
        body += 1
    if "\n" not in text[region.heading_start : body]:
        return False  # the body runs on in the heading's line (1.反馈问题:…。整改情况:…)
    heading = text[region.heading_start : region.start].strip(" \t\u3000\n:：")
    mark = accept(find_marks(text, region.heading_start, region.start))
    if mark:
        heading = text[mark[0][0].end : region.start].strip(" \t\u3000\n:：")
    return _HEADING_WORDS.fullmatch(heading) is not None


def _list_kind(text: str, region: Region, entries: list[Entry]) -> ItemKind:
    """The region's kind, but measure for a problem list announced in prose whose entries all
    ask for work (一是要…), and for an outcome list (整改情况) that plans the work: its
    lead-in says so (``下一步,我县将从以下几个方面抓好整改:``) or most of its entries do (lists.yaml
    ``entry_kinds``, ``planned_share``)."""
    if region.kind is ItemKind.PROBLEM and region.prose and not region.choices:
        # "督导组结合督查中发现的问题,对…作了指导。一是要…;二是要…": what the problems call
        # for, every entry a request and none a shortfall
        bodies = [text[e.start : e.end] for e in entries]
        if len(bodies) >= 2 and all(
            entry_kind(b, (ItemKind.MEASURE, ItemKind.PROBLEM)) is ItemKind.MEASURE
            and entry_kind(b, (ItemKind.PROBLEM,)) is None
            for b in bodies
        ):
            return ItemKind.MEASURE
    if region.kind is not ItemKind.OUTCOME or region.choices or not entries:
        return region.kind
    lead = text[region.heading_start if region.prose else region.start : entries[0].start]
    sentence = re.split(r"[。!！?？\n]", lead.strip(" \t\u3000\n"))
    if sentence and entry_kind(sentence[-1] or lead, (ItemKind.MEASURE,)) is ItemKind.MEASURE:
        return ItemKind.MEASURE
    planned = sum(
        1
        for e in entries
        if entry_kind(text[e.start : e.end], (ItemKind.MEASURE, ItemKind.OUTCOME))
        is ItemKind.MEASURE
    )
    if planned >= vocabulary().planned_share * len(entries) and planned > 1:
        return ItemKind.MEASURE
    return region.kind


def has_marks(text: str, region: Region) -> bool:
    return bool(accept(find_marks(text, region.start, region.end)))


def _split_progress(text: str, entry: Entry) -> list[tuple[ItemKind, Entry]]:
    """A measure, and the progress paragraph (``截止目前,我们已经…``) that closes it as an
    outcome."""
    progress = vocabulary().progress
    at = text.find("\n", entry.start, entry.end)
    while at >= 0:
        begin = at + 1
        if progress.search(text[begin : min(begin + 12, entry.end)]):
            head = _trimmed(text, entry.start, at)
            tail = _trimmed(text, begin, entry.end)
            found: list[tuple[ItemKind, Entry]] = []
            if head is not None:
                found.append((ItemKind.MEASURE, replace(entry, start=head[0], end=head[1])))
            if tail is not None:
                found.append(
                    (ItemKind.OUTCOME, replace(entry, start=tail[0], end=tail[1], mark=""))
                )
            return found
        at = text.find("\n", begin, entry.end)
    return [(ItemKind.MEASURE, entry)]


def _trimmed(text: str, begin: int, end: int) -> tuple[int, int] | None:
    begin, end = trim_span(text, begin, end)
    return (begin, end) if end - begin >= MIN_CHARS else None


def _enclosing(report: Report, at: int) -> Section | None:
    """The innermost section whose body holds ``at``."""
    best: Section | None = None
    stack = list(report.sections)
    while stack:
        section = stack.pop()
        if section.start <= at < section.end:
            if best is None or section.start >= best.start:
                best = section
            stack.extend(section.children)
    return best


def _group(text: str, report: Report, region: Region, entry: Entry) -> Group | None:
    """The heading an entry sits under, for linking: its parent entry, or for a prose list the
    section it is written in (not a list heading)."""
    if entry.parent_start >= 0:
        return (entry.parent_start, text[entry.parent_start : entry.parent_end])
    if region.prose and not region.inline:
        if vocabulary().back_reference.match(text, region.heading_start):
            return None  # "针对以上诸多问题,学校请求…:": of all the problems, not its section's
        section = _enclosing(report, region.heading_start)
        if section is not None and heading_kind(section.title) is None:
            return (section.start, section.title)
    return None



def _report_items(
    doc: Document, report: Report, figures: list[Figure]
) -> tuple[
    list[Item], dict[tuple[ItemKind, int], Group], frozenset[int], list[tuple[int, int]]
]:
    text = doc.text
    found: list[tuple[ItemKind, Entry, Group | None, bool]] = []
    seen: set[tuple[int, int]] = set()
    pairs: list[tuple[int, int]] = []  # (problem start, answer start) of entries that say so

    def add_answered(split: Answered, group: Group | None, inline: bool) -> None:
        found.append((ItemKind.PROBLEM, split.problem, group, inline))
        for answer_kind, answer in split.answers:
            found.append((answer_kind, answer, group, inline))
            pairs.append((split.problem.start, answer.start))

    regions: list[tuple[Region, list[tuple[ItemKind, Entry]]]] = []
    for region in find_regions(text, report):
        # a list that runs into prose (the report's end, transition prose): its last entry
        # keeps its own paragraph only
        open_end = region.closed or region.prose or region.end >= report.end
        regions.append((region, _region_entries(text, region, open_end)))
    # a report that lists its problems answers them with its measures, figures or not (投入资金
    # 120万元,维修改造校舍); without problems, a 措施 list of figures is the work done (汇报, 总结)
    problems = any(k is ItemKind.PROBLEM for _, entries in regions for k, _ in entries)
    for region, entries in regions:
        if not problems and (
            _narrates_work(text, report, region)
            or (
                region.kind is ItemKind.MEASURE
                and _reports_achievements(text, [e for k, e in entries if k is ItemKind.MEASURE])
            )
        ):
            continue
        for kind, entry in entries:
            if (entry.start, entry.end) in seen:
                continue
            seen.add((entry.start, entry.end))
            group = _group(text, report, region, entry)
            split = _answered(text, kind, entry)
            if split is not None:
                add_answered(split, group, region.inline)
            else:
                found.append((kind, entry, group, region.inline))
    taken = [(entry.start, entry.end) for _, entry, _, _ in found]
    before = len(found)
    read = labelled_entries(text, report.start, report.end)
    for split in read + named_entries(text, report.start, report.end):
        pieces = [split.problem, *(answer for _, answer in split.answers)]
        if not any(a < p.end and p.start < b for p in pieces for a, b in taken):
            add_answered(split, None, False)
            taken += [(p.start, p.end) for p in pieces]
    if len(found) > before:  # entries read by their labels among the lists': in text order
        found.sort(key=lambda row: row[1].start)
    counters = dict.fromkeys(KINDS, 0)
    items: list[Item] = []
    groups: dict[tuple[ItemKind, int], Group] = {}
    broad: set[int] = set()
    for kind, entry, group, inline in found:
        counters[kind] += 1
        if inline and kind is ItemKind.PROBLEM:
            broad.add(counters[kind])
        if group is not None:
            groups[(kind, counters[kind])] = group
        body = text[entry.start : entry.end]
        items.append(
            Item(
                doc=report.index,
                kind=kind,
                index=counters[kind],
                text=body,
                category=category(body),
                span=Span(entry.start, entry.end, doc.page_at(entry.start)),
                deadline=deadline_of(body),
                owner=owner_of(body),
                unit_name=report.unit_name,
                figures=tuple(
                    f for f in figures if entry.start <= f.span.start and f.span.end <= entry.end
                ),
            )
        )
    return items, groups, frozenset(broad), pairs
