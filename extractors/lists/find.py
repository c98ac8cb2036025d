"""Where a report keeps its lists: sections headed 存在问题 / 整改措施 / 整改情况 …, and problems
announced inside prose ("但同时也面临一些困难和问题。首先是…")."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from junheng.core.model import ItemKind, Report, Section
from junheng.extractors.lists.entries import parse_entries
from junheng.extractors.lists.markers import NOISE, Mark, accept, find_marks
from junheng.extractors.lists.vocab import (
    entry_kind,
    heading_kind,
    heading_match,
    is_transition,
    open_kinds,
    second_kind,
    vocabulary,
)

# Numbering families, outermost first (a heading of the same or an outer family ends a list).
_RANK = {"part": 0, "cn": 1, "paren_cn": 2, "arabic": 3, "paren_arabic": 4, "circled": 5}
_INLINE_FAMILIES = frozenset({"cn", "paren_cn"})
_SENTENCE_END = re.compile(r"[。:：]")
_LIST_END = re.compile(r"[。;；!！?？\n]")
_FIRST_MARK = re.compile(
    rf"\s*(?:{NOISE}\s*)?(?:首先|第一|一是|一要|[(（【〔]?(?:1|一)[)）】〕、.．]|①)"
)
# a trigger followed by its list's first mark after a comma ("会议强调,一要…")
_COMMA_FIRST_MARK = re.compile(r"\s*[,，]\s*(?:一是|一要)")
_SENTENCE_START = re.compile(r"(?<=[。!！?？;；\n])[ \t\u3000\n]*")
_HEADING_LINE_END = re.compile(r"[ \t\u3000]*\n")


@dataclass(frozen=True, slots=True)
class Region:
    """A list of one kind: its body ``[start, end)`` and the heading (or sentence) that named it."""

    kind: ItemKind
    start: int
    end: int
    heading_start: int
    prose: bool = False
    inline: bool = False  # one sentence listing its entries between commas (``主要包括:A,B,C等``)
    then: ItemKind | None = None  # a double heading's second kind (``存在的问题及下一步工作打算``)
    closed: bool = False  # ends at transition prose (``针对上述问题…``), not at a heading
    # the kinds the entries' own words choose among, ``kind`` the default (lists.yaml
    # ``open_lists``: ``主要工作措施及成效``); empty: the heading decides
    choices: tuple[ItemKind, ...] = ()
    sentences: bool = False  # unnumbered: one entry per sentence naming a shortfall


def close_at_transition(text: str, region: Region) -> Region:
    """``region`` ended where unnumbered transition prose begins after its first entry (a sentence
    opening with 针对上述问题, 下一步, 现将…如下: lists.yaml ``transitions``) and no entry that
    continues the list's numbering follows, so that the last entry is the entry and what follows
    is free for the next list (``现将整改情况汇报如下: 1、…``). An unnumbered sentence that
    announces another list (a prose trigger closed by a colon: ``经过整改,取得了以下成效:``) is
    such prose too."""
    if region.inline or region.then is not None:  # a double heading: its second list follows
        return region
    kept = accept(find_marks(text, region.start, region.end))
    if not kept:
        return region
    for found in _SENTENCE_START.finditer(text, kept[0][0].end, region.end):
        at = found.end()
        paragraph = "\n" in text[found.start() - 1 : at]
        if at >= region.end or not (
            is_transition(text, at, paragraph) or _announces_list(text, at, region.end)
        ):
            continue
        before = [mark for mark, depth in kept if depth == 0 and mark.start < at]
        after = accept(find_marks(text, at, region.end), free_start=True)
        if after and before and _continues(before[-1], after[0][0]):
            continue  # an entry's own sentence: the list goes on after it
        return replace(region, end=at, closed=True)
    return region


_LEAD_IN_END = re.compile(r"[。!！?？;；\n:：]")


def _announces_list(text: str, at: int, end: int) -> bool:
    """Whether the unnumbered sentence at ``at`` is a lead-in: a prose trigger (lists.yaml
    ``prose_triggers``, ``open_lists``) in a sentence that ends in a colon."""
    stop = _LEAD_IN_END.search(text, at, end)
    if stop is None or stop.group() not in ":：" or find_marks(text, at, min(at + 6, end)):
        return False
    vocab = vocabulary()
    patterns = [*vocab.prose_triggers.values(), *(p for p, _ in vocab.open_lead_ins)]
    return any(p.search(text, at, stop.start()) for p in patterns)


def _continues(last: Mark, mark: Mark) -> bool:
    return mark.family == last.family and mark.value == last.value + 1


def _flatten(sections: tuple[Section, ...]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from _flatten(section.children)


def _rank(section: Section) -> int:
    return _RANK.get(section.style, 6)


def _region_end(section: Section, ordered: list[Section], report_end: int) -> int:
    """The start of the next heading of the same family, of an outer family at the same or an
    outer level, or of another list; else the report's end."""
    for other in ordered:
        if other.start < section.heading_end:
            continue
        if (
            other.style == section.style
            or (_rank(other) < _rank(section) and other.level <= section.level)
            or heading_kind(other.title) is not None
        ):
            return other.start
    return report_end


def heading_regions(report: Report, report_text: str) -> list[Region]:
    """Regions of the sections whose heading names a list; a section with a list section inside
    it gives way to that inner section."""
    ordered = sorted(_flatten(report.sections), key=lambda s: s.start)
    found: list[Region] = []
    for section in ordered:
        choices = open_kinds(section.title)
        kind = heading_kind(section.title) or _outcome_section(report, section)
        if kind is None and choices:
            kind = choices[0]
        if kind is not None:
            end = _region_end(section, ordered, report.end)
            then = None if choices else second_kind(section.title)
            found.append(
                Region(kind, section.heading_end, end, section.start, then=then, choices=choices)
            )
    return [
        close_at_transition(report_text, region)
        for region in found
        if not any(region.start <= o.heading_start < region.end for o in found if o is not region)
    ]


def _outcome_section(report: Report, section: Section) -> ItemKind | None:
    """Outcome for a ``…情况`` section of a report titled as a 整改情况 report."""
    vocab = vocabulary()
    if vocab.outcome_reports.search(
        report.match_title or report.title
    ) and vocab.outcome_sections.search(section.title.strip()):
        return ItemKind.OUTCOME
    return None


def enumeration_regions(text: str, report: Report, taken: list[Region]) -> list[Region]:
    """Problems enumerated inside one sentence (``存在一些问题,如A、B、C等``; ``A、B、C等问题,
    制约了…``) outside the other lists and the headings: one inline region per sentence."""
    vocab = vocabulary()
    headings = [(s.start, s.heading_end) for s in _flatten(report.sections)]
    regions: list[Region] = []

    def free(pos: int) -> bool:
        return not any(r.heading_start <= pos < r.end for r in taken + regions) and not any(
            a <= pos < b for a, b in headings
        )

    forward = list(vocab.enum_forward)
    if report.type in vocab.news_types:
        forward += vocab.news_forward
    leads = [
        (kind, lead.start(), lead.end())
        for kind, pattern in forward
        for lead in pattern.finditer(text, report.start, report.end)
    ]
    leads += _elaborations(text, report)
    for kind, lead_start, lead_end in sorted(leads, key=lambda lead: lead[1]):
        stop = _SENTENCE_STOP.search(text, lead_end, report.end)
        end = stop.start() if stop else report.end
        goal = vocab.enum_stop.search(text, lead_end, end)
        end = goal.start() if goal else end
        if not free(lead_end) or end - lead_end < 4 or _entry_label(text, lead_start):
            continue
        regions.append(Region(kind, lead_end, end, lead_start, prose=True, inline=True))
    for found in vocab.enum_backward.finditer(text, report.start, report.end):
        start, end = found.span("list")
        if not _enumerates(text, start, end) or not free(start):
            continue
        first = text.find("、", start, end)  # _enumerates: there is one
        verbs = list(vocab.enum_subject_verb.finditer(text, start, max(start, first)))
        if verbs:  # "甲省…县,存在A、B等问题": the subject before the verb is no item
            start = verbs[-1].end()
        regions.append(Region(ItemKind.PROBLEM, start, end, start, prose=True, inline=True))
    return regions


# an inline list runs to its sentence's end; its ; separate items (000 doc 8 …; fresh pages
# "主要表现为:A,…;B,…;C,…。")
_SENTENCE_STOP = re.compile(r"[。!！?？\n]")
_SENTENCE_BEFORE = re.compile(r"[^。!！?？\n]*[。!！?？]\s*$")


_LABEL_REACH = 12
_NUMBERED = frozenset({"cn", "paren_cn", "arabic", "paren_arabic", "circled"})


def _entry_label(text: str, pos: int) -> bool:
    """Whether ``pos`` is in the label of a numbered entry ("1. 教育资源不足:农村…": the entry's
    own words after its title, not a lead-in)."""
    marks = [
        m
        for m in find_marks(text, max(0, pos - _LABEL_REACH - 8), pos)
        if m.family in _NUMBERED or m.family == "dash"  # "• 餐饮营养不足:…": a bullet's label
    ]
    return bool(marks) and marks[-1].at_break and pos - marks[-1].end <= _LABEL_REACH


def _elaborations(text: str, report: Report) -> list[tuple[ItemKind, int, int]]:
    """Sentences that open with 主要表现在/具体体现为 right after a sentence stating a shortfall
    (lists.yaml ``elaborations``): problems."""
    vocab = vocabulary()
    found: list[tuple[ItemKind, int, int]] = []
    for start in _SENTENCE_START.finditer(text, report.start, report.end):
        opener = vocab.enum_openers.match(text, start.end())
        if opener is None:
            continue
        before = _SENTENCE_BEFORE.search(text, max(report.start, start.start() - 200), start.end())
        if before is not None and vocab.enum_shortfall.search(before.group()):
            found.append((ItemKind.PROBLEM, opener.start(), opener.end()))
    return found


def _enumerates(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` enumerates with 、 outside list marks (not ``- 2、…等问题``,
    a site's numbered notice)."""
    marks = [(m.start, m.end) for m in find_marks(text, start, end)]
    return any(
        not any(a <= at < b for a, b in marks)
        for at in (i for i in range(start, end) if text[i] == "、")
    )


def prose_regions(text: str, report: Report, taken: list[Region]) -> list[Region]:
    """Lists announced in prose: a sentence with a trigger (困难和问题, 存在…问题, 六条保障措施)
    whose next words open a numbered or 首先/其次 list. The region runs to the end of the innermost
    section."""
    regions: list[Region] = []
    ordered = sorted(_flatten(report.sections), key=lambda s: s.start)
    vocab = vocabulary()
    triggers: list[tuple[ItemKind, re.Pattern[str], tuple[ItemKind, ...]]] = [
        (kind, pattern, ()) for kind, pattern in vocab.prose_triggers.items()
    ]
    triggers += [(kinds[0], pattern, kinds) for pattern, kinds in vocab.open_lead_ins]
    starts = sorted(
        found.start()
        for _, pattern, _ in triggers
        for found in pattern.finditer(text, report.start, report.end)
    )
    for kind, pattern, choices in triggers:
        for trigger in pattern.finditer(text, report.start, report.end):
            if any(r.heading_start <= trigger.start() < r.end for r in taken + regions):
                continue
            if any(s.start <= trigger.start() < s.heading_end for s in ordered):
                continue  # a heading: found by heading_regions or not a list
            if _in_noun_list(text, trigger):
                continue  # "分析…的现状、存在的问题以及发展路径": a topic named, no list announced
            stop = _SENTENCE_END.search(text, trigger.end(), min(trigger.end() + 60, report.end))
            comma = _COMMA_FIRST_MARK.match(text, trigger.end())
            if comma is not None:
                body_start = text.index("一", comma.start())
            elif (line := _HEADING_LINE_END.match(text, trigger.end())) and _FIRST_MARK.match(
                text, line.end()
            ):  # a heading line without a mark of its own: "存在的具体问题⏎1、…"
                body_start = line.end()
            elif stop is not None and _FIRST_MARK.match(text, stop.end()):
                body_start = stop.end()
                later = bisect_right(starts, trigger.end())
                if later < len(starts) and starts[later] < stop.start():
                    continue  # "…还存在问题,…,现将整改情况报告如下:一、": the nearer lead-in's
            else:
                continue
            end = _one_paragraph_list_end(
                text, body_start, _prose_end(text, body_start, ordered, report.end)
            )
            region = Region(kind, body_start, end, trigger.start(), prose=True, choices=choices)
            regions.append(close_at_transition(text, region))
    return regions


# 、 or a conjunction joining the trigger to other nouns: "现状、存在的问题以及未来的发展路径",
# "对办学条件和存在的问题进行了调查分析" (not "面临的困难和存在的问题": one more word for what
# is wrong)
_NOUN_LIST_BEFORE = re.compile(
    r"(?:、|(?<!困难|不足|挑战|短板|差距|隐患|薄弱|问题|困惑|矛盾)(?:和|与|及|以及))\s*$"
)
_NOUN_LIST_AFTER = re.compile(
    r"\s*(?:、|以及|及其|和|与|及)(?!时|不足|困难|挑战|短板|差距|隐患|薄弱|问题|困惑|矛盾)"
)  # not "存在一些问题和不足": one more word for what is wrong, still a lead-in


def _in_noun_list(text: str, trigger: re.Match[str]) -> bool:
    """Whether a trigger is one noun of a list of topics (joined by 、 or 以及/和/与 to others),
    which names the problems as a subject of the text and announces no list of them."""
    before = text[max(0, trigger.start() - 4) : trigger.start()]
    return bool(_NOUN_LIST_BEFORE.search(before) or _NOUN_LIST_AFTER.match(text, trigger.end()))


def _one_paragraph_list_end(text: str, start: int, end: int) -> int:
    """Where a 一是/一要 list written in one paragraph ends: when its entries are divided by ;
    ("一要…;二要…;三要…。"), at the 。 after its last mark (the sentences after it are no
    entry's); when each is closed by 。 and no mark follows in a later paragraph, at the
    paragraph's end."""
    marks = [m for m in find_marks(text, start, end) if m.family == "shi"]
    paragraph_end = text.find("\n", start, end)
    paragraph_end = end if paragraph_end < 0 else paragraph_end
    inside = [m for m in marks if m.start < paragraph_end]
    if (
        len(inside) >= 2
        and len(inside) == len(marks)
        and not any(
            re.search(r"[;；]\s*$", text[max(start, b.start - 3) : b.start]) for b in inside[1:]
        )
    ):
        # "一是…。二是…。三是…。⏎各位代表,…": every entry in the paragraph, each closed by 。; the
        # paragraphs after it are no entry's
        return paragraph_end
    if len(inside) < 2 or any(
        not re.search(r"[;；]\s*$", text[max(start, b.start - 3) : b.start]) for b in inside[1:]
    ):
        return end
    stop = text.find("。", inside[-1].end, paragraph_end)
    return end if stop < 0 else stop + 1


def _prose_end(text: str, start: int, ordered: list[Section], report_end: int) -> int:
    """A prose list ends at the next heading of a family outside its entries' family."""
    marks = find_marks(text, start, min(start + 12, report_end))
    rank = _RANK.get(marks[0].family, 6) if marks else 6
    return min(
        (s.start for s in ordered if s.start > start and _rank(s) < rank), default=report_end
    )


def inline_regions(text: str, report: Report, taken: list[Region]) -> list[Region]:
    """List headings the heading tree missed (``一、问题反馈1、…`` run into a first line)."""
    marks = [
        m
        for m in find_marks(text, report.start, report.end)
        if m.family in _INLINE_FAMILIES and m.at_break
    ]
    regions: list[Region] = []
    for i, mark in enumerate(marks):
        if any(r.heading_start <= mark.start < r.end for r in taken + regions):
            continue
        found = heading_match(text[mark.end : mark.end + 40].split("\n", 1)[0])
        if found is None:
            continue
        kind, title_end = found
        rest = _HEADING_REST.match(text, mark.end + title_end)
        if rest is not None:  # "五、今后工作的思路 1.": the heading's words go on to its first mark
            title_end = rest.end() - mark.end
        nexts = [
            m.start for m in marks[i + 1 :] if m.family == mark.family and m.value > mark.value
        ]
        nexts += [r.heading_start for r in taken if r.heading_start > mark.start]
        region = Region(kind, mark.end + title_end, min(nexts, default=report.end), mark.start)
        regions.append(close_at_transition(text, region))
    return regions


# The rest of a heading after its list word, up to a colon, a space before the first entry's
# mark or the line's end (…今后工作的思路 1.…, 存在的问题及原因:)
_HEADING_REST = re.compile(
    r"[\u4e00-\u9fff]{1,8}?(?=[:：]|\s*$|\s*[(（]?[一1][)）、.．](?!\d))", re.MULTILINE
)


def run_regions(text: str, report: Report, taken: list[Region]) -> list[Region]:
    """Runs of 一是, 二是 … (or 一要, 二要 …), and flat numbered runs (1、2、…, (一)(二)…), that no
    heading or lead-in announced, each mark opening a line or a sentence: a list of problems when
    most of its entries name a shortfall (see :func:`_names_problems`), else none. A numbered run
    counts only when it is flat (no sub-points under its entries): a report's own outline numbers
    its sections the same way."""
    ordered = sorted(_flatten(report.sections), key=lambda s: s.start)
    found = find_marks(text, report.start, report.end)
    marks = [
        m
        for i, m in enumerate(found)
        if m.family in _RUN_FAMILIES
        and (m.at_break or _after_heading(found, i) or _labelled(text, m) is not None)
    ]
    runs: list[list[Mark]] = []
    open_runs: dict[str, list[Mark]] = {}
    for mark in marks:
        run = open_runs.get(mark.family)
        if run and mark.value == run[-1].value + 1:
            run.append(mark)
        elif mark.value == 1:
            open_runs[mark.family] = [mark]
            runs.append(open_runs[mark.family])
    regions: list[Region] = []
    for run in runs:
        start = run[0].start
        if len(run) < 2 or any(r.heading_start <= start < r.end for r in taken + regions):
            continue
        if any(s.start < start < s.heading_end for s in ordered):
            continue  # inside a heading's words (a heading "一是…" of its own is an entry)
        label = _labelled(text, run[0])
        if label is not None and vocabulary().causes.search(label):
            continue  # 原因分析:1.…2.…: the causes of the problems, not problems
        end = _prose_end(text, start, ordered, report.end)
        end = min([end, *(r.heading_start for r in taken if start < r.heading_start < end)])
        if run[0].family != "shi":
            end = _run_end(run, marks, end)
        entries = parse_entries(text, start, end)
        if run[0].family != "shi" and (
            len(entries) != len(run) or any(e.parent_start >= 0 for e in entries)
        ):
            continue  # not one flat list of its own marks
        # an entry is judged by its first sentence, where it says what it is about
        said = [_first_sentence(text[e.start : e.end]) for e in entries]
        if _names_problems(said):
            region = Region(ItemKind.PROBLEM, start, end, start, prose=True)
            regions.append(close_at_transition(text, region))
    return regions


_LABEL = re.compile(r"[\u4e00-\u9fff]{2,8}[:：]\s*$")  # 原因分析:1.…, 主要问题:(1)…


def _labelled(text: str, mark: Mark) -> str | None:
    """The short label that opens ``mark``'s line and ends with a colon right before it (原因分析:
    1.…), else None: a list run into its label's line."""
    line_start = text.rfind("\n", 0, mark.start) + 1
    found = _LABEL.fullmatch(text, line_start, mark.start)
    return found.group() if found else None


def _after_heading(marks: list[Mark], i: int) -> bool:
    """Whether ``marks[i]`` follows, on its line, a short heading opened by the mark before it
    ("二、基础设施落后1. 校舍陈旧:…": a copy that ran the first entry into its heading's line)."""
    if i == 0:
        return False
    previous, mark = marks[i - 1], marks[i]
    return (
        previous.at_break
        and previous.family != mark.family
        and 0 < mark.start - previous.end <= _HEADING_CHARS
        and mark.phrase_start <= previous.end
    )


_HEADING_CHARS = 16
_FIRST_SENTENCE = re.compile(r"[^。!！?？\n]*")


def _first_sentence(words: str) -> str:
    found = _FIRST_SENTENCE.match(words)
    return found.group() if found else words


_RUN_FAMILIES = frozenset({"shi", "cn", "paren_cn", "arabic", "paren_arabic", "circled"})


def _run_end(run: list[Mark], marks: list[Mark], end: int) -> int:
    """Where a numbered run ends: at the next mark after its last of its own family or of one
    outside it (the next section of the outline), else ``end``."""
    rank = _RANK.get(run[0].family, 6)
    last = run[-1]
    later = (
        m.start
        for m in marks
        if m.start > last.start and (m.family == last.family or _RANK.get(m.family, 6) < rank)
    )
    return min(next(later, end), end)


def _names_problems(entries: list[str]) -> bool:
    """Whether at least lists.yaml ``unannounced_runs.share`` of the entries name a shortfall by
    their own words, and fewer tell work done."""
    vocab = vocabulary()
    problems = sum(1 for e in entries if entry_kind(e, (ItemKind.PROBLEM,)) is ItemKind.PROBLEM)
    done = sum(1 for e in entries if vocab.run_done.match(e))
    return bool(entries) and problems >= vocab.run_share * len(entries) and problems > done


def _clipped(region: Region, taken: list[Region]) -> Region | None:
    """A prose list up to the first list heading inside it (``经自查,存在以下问题:`` + entries
    under descriptive headings, then ``三、整改措施``). None when that heading comes before any
    entry of its own, or names a list of the same kind: the lead-in announced that list (``仍存在
    一些问题。1. 基本情况… 2. 验收中发现的问题…``)."""
    inner = [r for r in taken if region.start <= r.heading_start < region.end]
    if not inner:
        return region
    first = min(inner, key=lambda r: r.heading_start)
    if first.heading_start <= region.start or first.kind is region.kind:
        return None
    return replace(region, end=first.heading_start, closed=True)


def sentence_regions(text: str, report: Report, taken: list[Region]) -> list[Region]:
    """Problems announced by a lead-in and a colon, then said one sentence each without numbers,
    paragraph after paragraph (an inspection's feedback: "同时也披露了检查中发现的主要问题:办学
    条件还存在薄弱环节。部分山区县学校用地及校舍仍然紧张。…⏎教师队伍建设仍存在不足。…"). The
    list runs while each paragraph names a shortfall in its own words (lists.yaml
    ``entry_kinds``) and opens with no transition (督导检查结束后…, 下一步…)."""
    regions: list[Region] = []
    for trigger in (
        vocabulary().prose_triggers[ItemKind.PROBLEM].finditer(text, report.start, report.end)
    ):
        colon = _COLON_AFTER.match(text, trigger.end())
        if colon is None or _FIRST_MARK.match(text, colon.end()):
            continue  # no colon, or a numbered list (prose_regions)
        if any(r.heading_start <= trigger.start() < r.end for r in taken + regions):
            continue
        start = colon.end()
        end = start
        while end < report.end:
            stop = text.find("\n", end, report.end)
            stop = report.end if stop < 0 else stop
            paragraph = text[end:stop]
            opening = end + len(paragraph) - len(paragraph.lstrip())
            if paragraph.strip() and (
                is_transition(text, opening, True)
                or entry_kind(paragraph, (ItemKind.PROBLEM,)) is None
            ):
                break
            end = stop + 1
        end = min(end, report.end)
        if len(_SENTENCE_MARKS.findall(text, start, end)) >= 2:
            regions.append(
                Region(ItemKind.PROBLEM, start, end, trigger.start(), prose=True, sentences=True)
            )
    return regions


_COLON_AFTER = re.compile(r"[^。,，;；:：\n]{0,4}[:：]\s*")
_SENTENCE_MARKS = re.compile(r"[。!！?？]")


def find_regions(text: str, report: Report) -> list[Region]:
    """Every list region of ``report``, in document order."""
    regions = heading_regions(report, text)
    regions += inline_regions(text, report, regions)
    for prose in prose_regions(text, report, regions):
        clipped = _clipped(prose, regions)
        if clipped is not None:
            regions.append(clipped)
    regions += sentence_regions(text, report, regions)
    regions += enumeration_regions(text, report, regions)
    regions += run_regions(text, report, regions)
    return sorted(regions, key=lambda r: r.start)
