"""Reports without a title line of their own, and the teasers that look like reports.

* A page with no report title (a news article, an untitled body) is one report: its title is
  the headline above the page's dateline (2021-10-08 15:42 来源: …), the repost's 原标题, a
  first line that reads as a title, or a title naming the problems the page is about glued onto
  its first paragraph; else it has none.
* Body text before the first report found (a report that opens with 一、基本情况:) is a report
  of its own when there is enough of it, not a preamble to drop.
* A teaser of a related page — a title line and one paragraph cut off with … or ... — is site
  chrome, not a report.
The limits are data in ``pipeline/data/segment.yaml`` (``untitled``).
"""

from __future__ import annotations

import re

from junheng.segment.lines import Line, clean_title, is_chrome, split_lines, title_ends
from junheng.segment.meta import parse_date_line, parse_dateline
from junheng.segment.reports import ReportSpan
from junheng.segment.rules import SegmentRules

_HAN = re.compile(r"[\u4e00-\u9fff]")
_AND = frozenset("和及与、")
_BODY_WORDS = re.compile(r"[。,，:：;；]")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十\d]{1,3}\s*[、.)]|\()")


# A news item's first words: its paper's or site's lead (【本报讯】, 本报讯, 宁夏新闻网讯(记者…),
# 新华社银川8月4日电)
_NEWS_LEAD = re.compile(
    r"^\s*(?:【[^】]{0,8}讯】|[\u4e00-\u9fff]{0,8}(?:报讯|网讯)|(?:新华社|中新社|中新网)"
    r"[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日电)"
)
# a date and time of day in digits only, as a site prints it under a headline (04.08.2015 23:39)
_NUMERIC_DATE = re.compile(r"[\d./\-]{8,10}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")


def _is_headline(text: str, rules: SegmentRules) -> bool:
    """A line that can be an article's headline: short, Chinese, no sentence end, not a date or a
    numbered heading."""
    limits = rules.untitled
    return (
        limits.headline_min <= len(text) <= limits.headline_max
        and _HAN.search(text) is not None
        and not re.search(r"[。;!?]$|。", text)
        and _NUMBERED.match(text) is None
        and parse_date_line(text) is None
        and parse_dateline(text) is None
    )


def _headline(lines: list[Line], rules: SegmentRules) -> Line | None:
    """The headline over a dateline among the first lines; else the first line if it reads as a
    title naming the domain."""
    window = rules.untitled.dateline_window
    for number, line in enumerate(lines[:window]):
        if number and parse_dateline(line.text):
            near = lines[max(0, number - 3) : number]
            above = [ln for ln in near if _is_headline(ln.text, rules)]
            above = [ln for ln in above if not rules.byline.search(ln.text)]
            if above:
                return above[-1]
            break
    # the line above a news lead (【本报讯】…, 宁夏新闻网讯(记者…)…), a date or a byline between
    for number, line in enumerate(lines[: rules.untitled.title_window + 1]):
        if number and _NEWS_LEAD.match(line.text):
            above = [
                ln
                for ln in lines[:number]
                if parse_date_line(ln.text) is None
                and parse_dateline(ln.text) is None
                and not _NUMERIC_DATE.fullmatch(ln.text.strip())
                and not rules.byline.search(ln.text)
            ]
            if above and _is_headline(above[-1].text, rules):
                return above[-1]
            break
    # the first line that reads as a title naming the domain, among the short lines above the
    # first paragraph (a site's name or an app link may stand before it: 合聚咖, APP下载)
    for number, line in enumerate(lines[: rules.untitled.title_window]):
        if number + 1 >= len(lines) or len(line.text) >= rules.untitled.paragraph_min:
            break
        body = _BODY_WORDS.search(line.text) is not None
        if number and body:
            break  # a sentence of the body: neither it nor what follows is the title
        named = rules.title_domain.search(line.text) or rules.title_head.search(line.text)
        if _is_headline(line.text, rules) and named:
            return line
        if body:
            break  # the first line a sentence (据统计,…如下表:): the page has no title line
    return None


def _file_card_title(every: list[Line], body: int, rules: SegmentRules) -> tuple[Line, str] | None:
    """The last file card line before the body that names a headline (…Word文档下载推荐.docx)."""
    found = None
    for line in every:
        if line.start >= body:
            break
        match = rules.file_name.match(line.text)
        if match and _is_headline(match["title"], rules):
            found = (line, match["title"])
    return found


def _original_title(lines: list[Line], rules: SegmentRules) -> tuple[Line, str] | None:
    """A repost's 原标题: line (the article's own title, written at its end)."""
    for line in lines:
        match = rules.original_title.match(line.text)
        if match and _is_headline(match["title"], rules):
            offset = match.start("title")
            return Line(line.index, line.start + offset, line.end, match["title"]), match["title"]
    return None


def _glued_topic(first: Line, rules: SegmentRules) -> int:
    """Where a page's title glued onto its first paragraph ends (本校面临的困难和问题当前
    我校共…): a title naming the domain and ending with a topic word, a paragraph after it; else
    0."""
    text = first.text
    # 困难 in 困难和问题 does not end the title: the words it joins go with it.
    ends = [e for e in title_ends(text, 0, rules, rules.topic_head) if text[e : e + 1] not in _AND]
    if not ends or len(text) - ends[0] < rules.untitled.paragraph_min:
        return 0
    return ends[0]


def _without_teasers(lines: list[Line], rules: SegmentRules) -> list[Line]:
    """``lines`` without the teasers at their end (a title line over one short paragraph cut off
    with …), nor the line that opens their list (相关文章)."""
    end = len(lines)
    while end >= 3 and _is_teaser_pair(lines[end - 2].text, lines[end - 1].text, rules):
        end -= 2
    if end < len(lines) and end > 1 and rules.chrome_section.search(lines[end - 1].text):
        end -= 1
    return lines[:end]


def _is_teaser_pair(title: str, paragraph: str, rules: SegmentRules) -> bool:
    return (
        _is_headline(title, rules)
        and len(paragraph) <= rules.untitled.teaser_max
        and rules.truncated.search(paragraph) is not None
    )


def whole_text(text: str, rules: SegmentRules) -> ReportSpan:
    """The whole text as one report, from its first line that is not site chrome."""
    every = split_lines(text)
    lines = _without_teasers([ln for ln in every if not is_chrome(ln.text, rules)] or every, rules)
    headline = _headline(lines, rules)
    if headline is not None:
        start = headline.start
        title = clean_title(rules.chrome_phrase.sub("", headline.text).strip(), rules)
        title_start = headline.start
        named = rules.original_title.match(title)
        if named is not None:  # 原标题:… as the first line
            title, title_start = named["title"], headline.end - len(named["title"])
        span = ReportSpan(start, title, title_start, headline.end, headline.end)
        span.headline = named is not None
    else:
        start = lines[0].start
        span = ReportSpan(start, "", start, start, start)
        original = _original_title(lines, rules)
        glued = _glued_topic(lines[0], rules)
        if original is not None:
            line, span.title = original
            span.title_start, span.title_end = line.start, line.end
            span.headline = True
        elif glued:
            span.title, span.title_end = lines[0].text[:glued], start + glued
            span.body_start = span.title_end
        else:
            card = _file_card_title(every, start, rules)
            if card is not None:  # the page names the report only in its file card
                line, title = card
                start = span.start = line.start
                span.title, span.title_start = title, line.start
                span.title_end = line.start + len(title)
    span.lines.extend(ln for ln in lines if ln.start >= start)
    span.end = lines[-1].end
    return span


def leading_body(lines: list[Line], rules: SegmentRules) -> ReportSpan | None:
    """Body lines before the first report, as an untitled report when there is enough of them:
    so many characters, and one paragraph of sentences at least (not a run of short lines, not a
    line of comma-separated spam)."""
    limits = rules.untitled
    body = [ln for ln in lines if not is_chrome(ln.text, rules)]
    if not body or sum(len(ln.text) for ln in body) < limits.leading_body_min:
        return None
    if not any(len(ln.text) >= limits.paragraph_min and "。" in ln.text for ln in body):
        return None
    start = body[0].start
    span = ReportSpan(start, "", start, start, start)
    span.lines.extend(body)
    span.end = body[-1].end
    return span


def is_teaser(span: ReportSpan, rules: SegmentRules) -> bool:
    """A title and one short paragraph cut off with … or ...: a related page's teaser."""
    body = [ln for ln in span.lines if ln.end > span.body_start and not is_chrome(ln.text, rules)]
    if len(body) != 1:
        return False
    text = body[0].text[max(0, span.body_start - body[0].start) :]
    return len(text) <= rules.untitled.teaser_max and rules.truncated.search(text) is not None


def _adjoins(lead: ReportSpan, report: ReportSpan, text: str, rules: SegmentRules) -> bool:
    """Nothing but blank lines between an untitled body and the report found after it."""
    between = split_lines(text[lead.end : report.start])
    return not between and report is not None


def _open_with(report: ReportSpan, lead: ReportSpan) -> None:
    """A body runs on into what looked like a report's title: that line was a heading inside
    the body (a news article's 小标题), and the report is the untitled whole."""
    report.lines[:0] = lead.lines
    report.start = report.title_start = report.title_end = report.body_start = lead.start
    report.title = ""
    report.borrowed_title = False


# What a summary and the report it repeats are compared by: their words and numbers, not the
# punctuation or spacing a page's summary writes differently ("两基" for “两基”).
_NOT_WORD = re.compile(r"[^\w]+")
_SUMMARY_MIN = 40  # characters of words the summary must repeat


def is_summary_of(span: ReportSpan, report: ReportSpan, text: str) -> bool:
    """Whether ``span`` is a page's summary of ``report`` right after it: the same title over the
    opening words of its body, cut off (a sharing site's 摘要 before the full text)."""
    if not span.title or span.title != report.title:
        return False
    summary = _NOT_WORD.sub("", text[span.body_start : span.end])
    opening = _NOT_WORD.sub("", text[report.body_start : report.end])
    return (
        len(summary) >= _SUMMARY_MIN and len(summary) < len(opening) and opening.startswith(summary)
    )


def settle(spans: list[ReportSpan], text: str, rules: SegmentRules) -> list[ReportSpan]:
    """The reports of ``text`` from those :func:`~junheng.segment.reports.find_reports` found:
    teasers and a page's summaries of the report after them dropped, an untitled leading body
    kept, the whole text when nothing is left."""
    teasers = [span for span in spans if is_teaser(span, rules)]
    reports = [span for span in spans if not is_teaser(span, rules)]
    reports = [
        span
        for index, span in enumerate(reports)
        if index + 1 == len(reports) or not is_summary_of(span, reports[index + 1], text)
    ]
    lead = leading_body(split_lines(text[: spans[0].start]), rules) if spans else None
    if lead is not None and reports and _adjoins(lead, reports[0], text, rules):
        _open_with(reports[0], lead)
    elif lead is not None:
        reports.insert(0, lead)
    if not reports and text.strip():
        before = text[: teasers[0].start] if teasers else text
        reports = [whole_text(before if before.strip() else text, rules)]
    return reports
