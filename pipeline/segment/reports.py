"""Split a document's lines into reports: where each starts and ends, and its title.

A report starts at
* a marker line (篇一: …, 第二篇: …), whose title block (the report's own title, unit, date and
  author lines, up to the first body line) belongs to it;
* a title line, or a run of them (a web copy prints a title two or three times), followed by body
  text — or by the same title glued onto the first body sentence;
* a title glued onto its first sentence without a title line before it (义马市…工作汇报义马市位于…);
* a collection's title followed by the number of the report (…汇报材料1为加强…, …范文(二)…),
  also in the middle of a line, right after the previous report's last words.
Site chrome (download notices, copyright lines, lists of related pages) belongs to no report: a
report ends before the chrome that follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from junheng.segment.lines import (
    SUBTITLE_DASH,
    Head,
    HeadKind,
    Line,
    chrome_free_length,
    clean_title,
    is_chrome,
    is_short_line,
    read_head,
    split_lines,
)
from junheng.segment.meta import parse_date_line, unit_on_line
from junheng.segment.rules import SegmentRules

_MIN_BODY_CHARS = 40


@dataclass(slots=True)
class ReportSpan:
    """A report being assembled: offsets into the normalised text, its title and lines."""

    start: int
    title: str
    title_start: int
    title_end: int
    body_start: int
    marker: bool = False
    borrowed_title: bool = False  # the title is a collection's or a marker's, not the report's own
    headline: bool = False  # the title is a reposted news item's (原标题:…): no report's own name
    end: int = 0
    lines: list[Line] = field(default_factory=list)
    preamble: list[Line] = field(default_factory=list)
    title_block: bool = False


@dataclass(slots=True)
class _State:
    rules: SegmentRules
    reports: list[ReportSpan] = field(default_factory=list)
    pending: list[tuple[Line, Head]] = field(default_factory=list)
    pending_cut: int = 0  # pending titles before this index stand before a chrome line
    skipped: list[Line] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    in_chrome_section: bool = False
    resumes: frozenset[int] = (
        frozenset()
    )  # starts of lines where a page's text resumes after a list

    @property
    def current(self) -> ReportSpan | None:
        return self.reports[-1] if self.reports else None


def find_reports(text: str, rules: SegmentRules) -> list[ReportSpan]:
    """The reports of a document's normalised text, in order, each with its span and title."""
    lines = _join_broken_titles(split_lines(text), rules)
    state = _State(rules, resumes=_text_after_lists(lines, rules))
    for number, line in enumerate(lines):
        _take_line(state, line, lines[number - 1] if number else None)
    _flush_pending(state)
    reports = [r for r in state.reports if _body_chars(r, rules) >= _MIN_BODY_CHARS]
    for report in reports:
        report.title = clean_title(report.title, rules)
        body_lines = [ln for ln in report.lines if not is_chrome(ln.text, rules)]
        report.end = max(report.body_start, body_lines[-1].end if body_lines else report.title_end)
    return reports


_HEADINGS_OVER_TEXT = 2  # heading lines between a report's title and its first paragraph
_HEADING_MAX = 24


def _text_after_lists(lines: list[Line], rules: SegmentRules) -> frozenset[int]:
    """Where a page's own report follows a list of related pages (相关文章 / 2023-08-02 11:41:45
    …自查报告范文 / … / 义务教育薄弱学校工作自查报告 / 一、基本情况 / 接到…文件后,…): the start
    of the title line(s) over the first paragraph of sentences after the list, a heading or two
    between them allowed. A teaser's paragraph is short or cut off with …: no report's."""
    starts: set[int] = set()
    for number, line in enumerate(lines):
        if not rules.chrome_section.search(line.text):
            continue
        after = next(
            (k for k in range(number + 1, len(lines)) if _is_paragraph(lines[k].text, rules)), None
        )
        if after is None:
            continue
        above = after - 1
        while after - above <= _HEADINGS_OVER_TEXT and above > number and _is_heading(lines[above]):
            above -= 1
        top = above
        while top > number and read_head(lines[top].text, rules).kind is HeadKind.TITLE:
            top -= 1
        if top < above:
            starts.add(lines[top + 1].start)
    return frozenset(starts)


def _is_paragraph(text: str, rules: SegmentRules) -> bool:
    return (
        len(text) >= rules.untitled.paragraph_min
        and "。" in text
        and rules.truncated.search(text) is None
        and not is_chrome(text, rules)
        and not rules.chrome_section.search(text)
    )


def _is_heading(line: Line) -> bool:
    return (
        len(line.text) <= _HEADING_MAX
        and "。" not in line.text
        and bool(_LIST_MARK.match(line.text))
    )


# A 公文 title is [issuer] + 关于/对 + the matter + the kind of text; a web copy may print it
# broken over two or three lines ("国家教育督导检查组 / 对某省27个县(市、区)义务 / 教育均衡发展督导
# 检查反馈意见"): the lines are one title.
_OPENS_MATTER = re.compile(r"(?:关于|对)")
_ISSUER_END = re.compile(
    r"(?:人民政府|政府|教育局|教体局|教育体育局|教育厅|委员会|办公室|督导组|检查组|评估组|督导室"
    r"|学校|小学|中学|学区|[县市区镇乡旗])$"
)
_ISSUER_THEN_MATTER = re.compile(r"(?P<issuer>.+?)(?:关于|对)$")
_NOT_IN_TITLE = re.compile(r"[。，,;；!?！？:：]")
_LIST_MARK = re.compile(
    r"\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．]|[①-⑳])"
)
_TITLE_PIECE_MAX = 32
_TITLE_LINES_MAX = 3


def _join_broken_titles(lines: list[Line], rules: SegmentRules) -> list[Line]:
    """``lines`` with each 公文 title broken over adjacent lines joined into one line."""
    joined: list[Line] = []
    index = 0
    while index < len(lines):
        size = _broken_title_at(lines, index, rules)
        run = lines[index : index + size]
        text = "".join(line.text for line in run)
        joined.append(run[0] if size == 1 else Line(run[0].index, run[0].start, run[-1].end, text))
        index += size
    return joined


def _broken_title_at(lines: list[Line], index: int, rules: SegmentRules) -> int:
    """How many lines from ``index`` make one broken title (1: none)."""
    for size in range(_TITLE_LINES_MAX, 1, -1):
        run = lines[index : index + size]
        if len(run) < size or any(b.start != a.end + 1 for a, b in pairwise(run)):
            continue  # adjacent lines only: a blank line ends a title
        if not all(_title_piece(line.text, rules) for line in run):
            continue
        if any(_ends_title(line.text, rules) for line in run[:-1]):
            continue  # an earlier line is a whole title of its own
        if not _ends_title(run[-1].text, rules):
            continue
        opening = next((k for k, line in enumerate(run) if _OPENS_MATTER.match(line.text)), None)
        issuer = _ISSUER_THEN_MATTER.match(run[0].text)
        if issuer is not None and _ISSUER_END.search(issuer["issuer"]):
            return size  # 国家教育督导检查组对 / 某省11个县…反馈意见: the issuer's line opens it
        if opening is None or opening > 1:
            continue
        if opening == 1 and not _ISSUER_END.search(run[0].text):
            continue  # above 关于…: only the issuer's name
        return size
    return 1


def _title_piece(text: str, rules: SegmentRules) -> bool:
    return (
        0 < len(text) <= _TITLE_PIECE_MAX
        and not _NOT_IN_TITLE.search(text)
        and not is_chrome(text, rules)
        and _LIST_MARK.match(text) is None
    )


def _ends_title(text: str, rules: SegmentRules) -> bool:
    ends = [found.end() for found in rules.title_head.finditer(text)]
    return bool(ends) and ends[-1] == len(text)


def _body_chars(report: ReportSpan, rules: SegmentRules) -> int:
    """Characters of body text, not counting spliced site phrases."""
    return sum(
        chrome_free_length(line.text[max(0, report.body_start - line.start) :], rules)
        for line in report.lines
        if line.end > report.body_start
    )


def _titles_after_chrome(state: _State) -> list[tuple[Line, Head]]:
    return [
        entry for entry in state.pending[state.pending_cut :] if entry[1].kind is HeadKind.TITLE
    ]


def _flush_pending(state: _State) -> None:
    """Title lines that no body followed stay inside the report they stand in (a cover page)."""
    current = state.current
    if current is not None:
        current.lines.extend(line for line, _ in state.pending if line.start > current.start)
    _clear_pending(state)


def _clear_pending(state: _State) -> None:
    state.pending.clear()
    state.pending_cut = 0


def _take_line(state: _State, line: Line, previous: Line | None) -> None:
    rules = state.rules
    if rules.chrome_section.search(line.text):
        state.in_chrome_section = True
        _clear_pending(state)
        return
    head = read_head(line.text, rules)
    if state.in_chrome_section:
        if not head.marker and line.start not in state.resumes:
            return
        state.in_chrome_section = False
    titled = head.kind is not HeadKind.BODY and not (head.marker or head.start)
    if titled and is_chrome(line.text, rules):
        # A file card that reads like a title (…工作汇报 .pdf): chrome, not the report's title.
        head = Head(HeadKind.BODY)
    if head.kind is HeadKind.BODY and (head.start or is_chrome(line.text, rules)):
        if is_chrome(line.text[head.start :], rules) or head.start >= len(line.text):
            state.skipped.append(line)
            state.pending_cut = len(state.pending)
            return
        line = Line(line.index, line.start + head.start, line.end, line.text[head.start :])
    if head.kind is HeadKind.COLLECTION:
        state.collections.append(head.collection)
        _clear_pending(state)
        return
    if head.collection:
        state.collections.append(head.collection)
    if head.kind is HeadKind.TITLE or _completes_title(line, previous, state):
        _take_title_line(state, line, head, previous)
        return
    if head.kind is HeadKind.START:
        _take_start(state, line, head)
        return
    _take_body(state, line)


def _completes_title(line: Line, previous: Line | None, state: _State) -> bool:
    """A line holding only a title's last words (工作计划, 评估报告) under the line lacking them."""
    rules = state.rules
    return (
        (line.text in rules.head_words or len(line.text) <= rules.title_tail_max)
        and _ends_title(line.text, rules)
        and is_short_line(line.text)
        and previous is not None
        and is_short_line(previous.text)
        and previous.end + 1 >= line.start - 2
    )


def _take_title_line(state: _State, line: Line, head: Head, previous: Line | None) -> None:
    if head.kind is not HeadKind.TITLE and previous is not None:
        # "龙亢农场小学(2013-2014年)推进义务教育均衡发展" + "工作计划": one title on two lines.
        head = Head(HeadKind.TITLE, previous.text + line.text)
        if state.pending and state.pending[-1][0] is previous:
            state.pending.pop()
        line = Line(previous.index, previous.start, line.end, previous.text + line.text)
    current = state.current
    if current is not None and current.title_block:
        current.lines.append(line)
        if not current.marker or not _is_specific(head.title, current.title):
            return
        title, title_start = head.title, line.start
        unit_line = _unit_line_above(current, line) or _main_title_above(current, line)
        if unit_line is not None and unit_line.text not in title:  # not when the title names it
            # 罗布镇中心学校 / 义务教育均衡发展督导评估自查报告: the unit opens the title; 提升教育
            # 内涵 / ——某小学…汇报材料: the main title over its subtitle
            named = state.rules.unit_cues.field_label.sub("", unit_line.text)  # 文档介绍:…
            title, title_start = named + title, unit_line.start + len(unit_line.text) - len(named)
        current.title, current.title_start, current.title_end = title, title_start, line.end
        current.body_start, current.borrowed_title = line.end, False
        return
    state.pending.append((line, head))


def _line_above(report: ReportSpan, line: Line) -> Line | None:
    """The line right above a title line in a title block, below the block's own title."""
    above = report.lines[-2] if len(report.lines) >= 2 and report.lines[-1] is line else None
    return None if above is None or above.start < report.title_end else above


def _unit_line_above(report: ReportSpan, line: Line) -> Line | None:
    """The line right above a title line in a title block, when it names only a unit."""
    above = _line_above(report, line)
    return above if above is not None and unit_on_line(above.text) is not None else None


_SENTENCE_MARKS = re.compile(r"[,，。;；:：!?！？]")
_MAIN_TITLE_MAX = 24


def _main_title_above(report: ReportSpan, line: Line) -> Line | None:
    """The line right above a subtitle (a title line opening with ——) in a title block, when it
    is a short line of words: the main title (提升教育内涵 / ——陈集中心小学…汇报材料)."""
    dash = SUBTITLE_DASH.match(line.text)
    if dash is None or dash.end() == len(line.text):
        return None
    above = _line_above(report, line)
    if above is None and len(report.lines) >= 2 and report.lines[-1] is line:
        # the line above is the block's title so far (a title with a comma, taken as one)
        candidate = report.lines[-2]
        above = candidate if candidate.text == report.title else None
    if above is None or len(above.text) > _MAIN_TITLE_MAX:
        return None
    # two parallel phrases may be divided by one comma (着力推进教育均衡,全面提高教育质量)
    if _SENTENCE_MARKS.search(above.text.replace(",", "", 1).replace("，", "", 1)):
        return None
    if parse_date_line(above.text) is not None:
        return None
    return above


def _is_block_title(text: str, report: ReportSpan) -> bool:
    """Under a marker, the report's own title may have a comma (推进均衡发展,实施素质教育)."""
    return (
        report.marker
        and report.borrowed_title
        and 8 <= len(text) <= 30
        and "," in text
        and not re.search(r"[。;!?:]", text)
        and parse_date_line(text) is None
        and unit_on_line(text) is None
    )


def _is_specific(title: str, marker_title: str) -> bool:
    """A title line under a marker names the report better unless it is the collection's title."""
    return bool(title) and title != marker_title


def _take_start(state: _State, line: Line, head: Head) -> None:
    current = state.current
    if current is not None and current.title_block and not head.marker:
        # The title glued onto the first sentence, right under the title block: the body starts.
        current.lines.append(line)
        current.title_block = False
        return
    if head.marker:
        _flush_pending(state)
    start = line.start + head.start
    pending = _titles_after_chrome(state)
    if pending:
        start = pending[0][0].start
    report = ReportSpan(
        start=start,
        title=head.title,
        title_start=line.start + head.start,
        title_end=line.start + head.body,
        body_start=line.start + head.body,
        marker=head.marker,
        borrowed_title=head.marker or bool(head.collection and head.title == head.collection),
        title_block=head.marker,
    )
    report.lines.append(line)
    _close(state)
    state.reports.append(report)
    _clear_pending(state)


def _take_body(state: _State, line: Line) -> None:
    current = state.current
    pending = [entry for entry in state.pending if entry[1].kind is HeadKind.TITLE]
    if pending:
        inline = _inline_starts(line, state)
        if not inline:
            first, head = max(pending, key=lambda entry: len(entry[1].title))
            title, title_start = head.title, first.start
            above = state.skipped[-1] if state.skipped else None
            if (
                above is not None
                and first is pending[0][0]
                and above.end + 1 == first.start
                and unit_on_line(above.text) is not None
                and above.text not in title
            ):  # 凉州区双城镇中山小学 / 义务教育均衡发展自查报告: the unit opens the title
                named = state.rules.unit_cues.field_label.sub("", above.text)  # 文档介绍:…
                title, title_start = named + title, above.end - len(named)
            report = ReportSpan(
                start=min(
                    title_start, first.start, (_titles_after_chrome(state) or pending)[0][0].start
                ),
                title=title,
                title_start=title_start,
                title_end=first.end,
                body_start=line.start,
            )
            report.lines.extend([entry[0] for entry in pending] + [line])
            _close(state)
            state.reports.append(report)
            _clear_pending(state)
            return
    _clear_pending(state)
    if current is None:
        state.skipped.append(line)
        return
    if current.title_block and _is_block_title(line.text, current):
        current.title, current.title_start, current.title_end = line.text, line.start, line.end
        current.body_start, current.borrowed_title = line.end, False
        current.lines.append(line)
        return
    if current.title_block and not is_short_line(line.text):
        current.title_block = False
    for offset, head in _inline_starts(line, state):
        # A report that starts in the middle of this line: split the line.
        before = Line(line.index, line.start, line.start + offset, line.text[:offset])
        current.lines.append(before)
        _take_start(
            state, Line(line.index, line.start + offset, line.end, line.text[offset:]), head
        )
        return
    current.lines.append(line)


def _inline_starts(line: Line, state: _State) -> list[tuple[int, Head]]:
    """A collection's title followed by a report number inside a line (…谢谢!…范文(二)…)."""
    titles = {t for t in state.collections[-3:] if t}
    current = state.current
    if current is not None and current.title:
        titles.add(current.title)
    found: list[tuple[int, Head]] = []
    for title in sorted(titles, key=len, reverse=True):
        for match in re.finditer(re.escape(title), line.text):
            if match.start() == 0:
                continue
            ordinal = state.rules.ordinal_after_title.match(line.text, match.end())
            marker = state.rules.marker.match(line.text, match.end())
            hit = ordinal or marker
            if hit and hit.end() > match.end():
                head = Head(
                    HeadKind.START, title, 0, hit.end() - match.start(), title, marker=bool(marker)
                )
                found.append((match.start(), head))
    return sorted(found, key=lambda entry: entry[0])[:1]


def _close(state: _State) -> None:
    current = state.current
    if current is not None:
        current.title_block = False
