"""Segmentation: a Document → its reports, each with title, unit, type, date and heading tree.

``segment(doc)`` is the front door; see :mod:`junheng.segment.reports` for how reports are found,
:mod:`junheng.segment.headings` for the heading tree and :mod:`junheng.segment.meta` for what a
report says about itself. The vocabulary lives in ``pipeline/data/segment.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import overload

from junheng.core.model import Document, Report
from junheng.core.webcopy import gloss_end
from junheng.segment.headings import build_tree, find_headings
from junheng.segment.lines import SUBTITLE_DASH, Line, is_chrome, is_short_line, split_lines
from junheng.segment.meta import (
    acting_body,
    find_date,
    find_type,
    find_years,
    parse_dateline,
    school_named_most,
    unit_after_news_lead,
    unit_in_body,
    unit_in_title,
    unit_on_line,
    unit_opening,
)
from junheng.segment.regions import fullest_form, named_most, region_unit
from junheng.segment.reports import find_reports
from junheng.segment.rules import SegmentRules, load_rules
from junheng.segment.untitled import settle

__all__ = ["segment"]

_SIGNATURE_LINES = 6
_HEADING_MAX = 25
_TABLE_ROW = re.compile(r"\d\s+\d")
_DATE_TAIL = re.compile(r"\s*(?:(?:19|20)\d\d|[〇零○一二三四五六七八九]{4})年.*$")
_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}、[^。;!?]{2,23}$")


def segment(doc: Document) -> tuple[Report, ...]:
    """Split ``doc`` into its reports (at least one when the document has text).

    Reports are found on the normalised view; their title and unit are given back as the source
    wrote them (a report in Traditional script keeps 學校 in its title).
    """
    return tuple(
        replace(
            report,
            match_title=report.title,
            title=_as_source(doc, report.title, report.start),
            unit_name=_as_source(doc, report.unit_name, report.start, gloss=False),
        )
        for report in segment_text(doc.text)
    )


@overload
def _as_source(doc: Document, value: str, near: int, gloss: bool = True) -> str: ...
@overload
def _as_source(doc: Document, value: str | None, near: int, gloss: bool = True) -> str | None: ...
def _as_source(doc: Document, value: str | None, near: int, gloss: bool = True) -> str | None:
    """``value`` (found in the normalised text) as the source writes it, whitespace removed;
    ``gloss``: with a ruby gloss after its last character (a title as written, …意見(jiàn)), not
    for a name (廣西壯族自治區, not 自治區(qū))."""
    if not value:
        return value
    # A title may stand on two lines (…均衡发展 / 工作计划): allow line breaks between characters.
    pattern = re.compile(r"\s*".join(map(re.escape, value)))
    found = pattern.search(doc.text, near) or pattern.search(doc.text)
    if found is None:
        return value
    raw_start, raw_end = doc.raw_span(found.start(), found.end())
    if gloss:
        raw_end = gloss_end(doc.raw_text, raw_end)
    return re.sub(r"\s+", "", doc.raw_text[raw_start:raw_end])


# News items, bulletins and feedback are about the region they name (segment/regions.py); a
# school's or county's own report that names no unit is left unnamed (seed conventions).
_ABOUT_A_PLACE = frozenset({"其他", "报告"})


def segment_text(text: str) -> tuple[Report, ...]:
    rules = load_rules()
    spans = settle(find_reports(text, rules), text, rules)
    reports: list[Report] = []
    previous_end = 0
    for index, span in enumerate(spans):
        lines = [ln for ln in span.lines if ln.start < span.end]
        body_lines = [ln for ln in lines if ln.end > span.body_start]
        head_lines = [ln.text for ln in lines if ln.end <= span.body_start + 1]
        head_lines += [ln.text for ln in body_lines[:4] if is_short_line(ln.text, 25)]
        # the title block's chrome lines too: a government page's metadata (公开责任部门 | …)
        block = [ln.text for ln in split_lines(text[span.start : span.body_start])]
        head_lines += [line for line in block if line not in head_lines]
        tail_lines = [ln.text for ln in body_lines[-_SIGNATURE_LINES:] if len(ln.text) <= 48]
        if body_lines and len(body_lines[-1].text) > 48:
            # a copy that ran the signature into the last paragraph: "…的验收。 某某中学 2018.06.15"
            tail_lines.append(_after_last_sentence(body_lines[-1].text))
        preamble = [ln.text for ln in split_lines(text[previous_end : span.start])]
        opening = text[span.body_start : min(span.end, span.body_start + 400)]
        dateline = _dateline(preamble[-4:] + [ln.text for ln in body_lines[:6]], rules)
        named = span.title or _first_heading(body_lines)
        kind = find_type(named, opening, rules, span.borrowed_title, span.headline)
        unit = _unit(span.title, head_lines, tail_lines, _past_card(opening, rules))
        body = text[span.body_start : span.end]
        if unit is None and kind in _ABOUT_A_PLACE:
            unit = region_unit(span.title, "", text[span.start : span.end])
        if unit is None:
            # a unit the body names as itself (焉耆回族自治县成立于…, with 我县 / 全县) is nearer
            # than the province its opening places it in
            unit = unit_in_body(body, rules)
        if unit is None and kind in _ABOUT_A_PLACE:
            unit = region_unit("", opening, text[span.start : span.end])
        if unit is None and kind in _ABOUT_A_PLACE:
            unit = named_most(text[span.start : span.end])
        if unit is None and kind in _ABOUT_A_PLACE:
            unit = acting_body(body)
        if unit is None:  # "近日,黔西南州贞丰县…推进大会召开": the place a news item is about
            unit = unit_after_news_lead(_past_card(opening, rules))
        if unit is None:  # 召开唐南小学…会议,成立唐南小学…小组: the school the report is of
            unit = school_named_most(body)
        if unit is not None:  # 湘西州 where the text also writes 湘西土家族苗族自治州
            unit = fullest_form(unit, text[span.start : span.end])
        reports.append(
            Report(
                index=index,
                title=span.title,
                unit_name=unit,
                type=kind,
                date=find_date(head_lines + list(reversed(tail_lines)) + preamble) or dateline,
                years=find_years(text[span.start : span.end]),
                start=span.start,
                end=span.end,
                title_start=span.title_start,
                title_end=span.title_end,
                sections=build_tree(find_headings(body_lines), text, span.end),
            )
        )
        previous_end = span.end
    return tuple(reports)


def _past_card(opening: str, rules: SegmentRules) -> str:
    """An opening without the upload card line a copy may start with (时间:09-17人气:29作者:…)."""
    first, _, rest = opening.partition("\n")
    return rest if rest and rules.upload_page.search(first) and ":" in first else opening


def _first_heading(lines: list[Line]) -> str:
    """An untitled report's first line when it is a heading (一、实施进展情况): it may say what
    kind of report this is."""
    first = lines[0].text if lines else ""
    return first if is_short_line(first, _HEADING_MAX) or _HEADING.match(first) else ""


def _unit(title: str, head_lines: list[str], tail_lines: list[str], opening: str) -> str | None:
    found = (
        unit_in_title(title)
        or next(  # 提升教育内涵——陈集中心小学…汇报材料: the subtitle's
            (unit for part in SUBTITLE_DASH.split(title)[1:] if (unit := unit_in_title(part))), None
        )
    )
    if found:
        return found
    for line in head_lines:
        if _TABLE_ROW.search(line):
            continue  # 东关区 28.6 163 245: a table's row, not a cover line
        if line.rstrip().endswith((":", "：")):
            continue  # 主送机关 (某县教育局:): whom the report is sent to, not who wrote it
        if load_rules().unit_cues.field_label.match(line):
            found = unit_on_line(line)  # 公开责任部门 | 紫阳县政府办公室 | 公开形式: | …
        else:
            found = unit_on_line(line) or unit_in_title(line) if is_short_line(line, 30) else None
        if found:
            return found
    for line in reversed(tail_lines):
        # A signature names only the unit, maybe with the date (not a table's row: 某区 28.6 …),
        # maybe closed like a sentence (邓家铺中心学校。)
        line = line.rstrip().removesuffix("。")
        found = unit_on_line(_DATE_TAIL.sub("", line)) if is_short_line(line, 30) else None
        if found:
            return found
    return unit_opening(opening.lstrip())


def _after_last_sentence(line: str) -> str:
    """What follows the last sentence's end of ``line`` (a signature run into it), if short."""
    cut = max(line.rfind(mark) for mark in "。!?")
    rest = line[cut + 1 :].strip() if cut >= 0 else ""
    return rest if len(rest) <= _SIGNED_TAIL else ""


_SIGNED_TAIL = 40


def _dateline(lines: list[str], rules: SegmentRules) -> str | None:
    """The date of a news page's dateline near the report's start (not a site's upload time: none
    on a document-sharing site's page)."""
    if any(rules.upload_page.search(line) for line in lines):
        return None
    for line in lines:
        date = parse_dateline(line) if not is_chrome(line, rules) else None
        if date:
            return date
    return None
