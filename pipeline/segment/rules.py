"""The segmentation vocabulary (``pipeline/data/segment.yaml``), compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from junheng.core.yamldata import package_yaml


@dataclass(frozen=True, slots=True)
class ReportType:
    type: str
    title: tuple[str, ...]
    body: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class UntitledLimits:
    """Lengths that tell a headline, an untitled body and a teaser (``untitled`` in the YAML)."""

    headline_min: int
    headline_max: int
    dateline_window: int
    title_window: int
    leading_body_min: int
    paragraph_min: int
    teaser_max: int


@dataclass(frozen=True, slots=True)
class UnitCues:
    """What shows a name in a report's first paragraphs is the reporting unit (``unit_cues``)."""

    window: int
    before: re.Pattern[str]
    after: re.Pattern[str]
    not_a_name: re.Pattern[str]
    not_at_start: re.Pattern[str]
    field_label: re.Pattern[str]
    """A field's label at a line's start (``field_labels``), with its colon or spaces."""
    generic_school: re.Pattern[str]
    """How a school's name opens when the name is a kind, not the school's own (实验小学, 第一中学):
    the place before it stays part of the name (``generic_school_names``)."""


@dataclass(frozen=True, slots=True)
class SegmentRules:
    report_types: tuple[ReportType, ...]
    title_head: re.Pattern[str]
    title_domain: re.Pattern[str]
    sentence_openers: re.Pattern[str]
    not_title_start: re.Pattern[str]
    not_after_title: re.Pattern[str]
    collection: re.Pattern[str]
    collection_suffix: re.Pattern[str]
    marker: re.Pattern[str]
    ordinal_after_title: re.Pattern[str]
    chrome_line: LineTest
    chrome_section: re.Pattern[str]
    chrome_phrase: re.Pattern[str]
    head_words: frozenset[str]
    generic_heads: frozenset[str]
    title_tail_max: int
    stray_mark: re.Pattern[str]
    first_heading: re.Pattern[str]
    topic_head: re.Pattern[str]
    unit_cues: UnitCues
    report_qualifier: re.Pattern[str]
    essay_head: re.Pattern[str]
    untitled: UntitledLimits
    truncated: re.Pattern[str]
    original_title: re.Pattern[str]
    file_name: re.Pattern[str]
    byline: re.Pattern[str]
    upload_page: re.Pattern[str]
    author_prefix: re.Pattern[str]


def _words(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _top_level_alternatives(pattern: str) -> list[str]:
    """``a|(b|c)|[|]d`` → ``a``, ``(b|c)``, ``[|]d``: split at the bars outside groups and sets
    (a set's first character, or its first after ``^``, may be a literal ``]``)."""
    parts, current, depth, escaped = [], "", 0, False
    set_start: int | None = None  # where the current set's members begin
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif set_start is not None:
            if ch == "^" and len(current) == set_start:
                set_start += 1
            elif ch == "]" and len(current) > set_start:
                set_start = None
        elif ch == "[":
            set_start = len(current) + 1
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += ch
    return [*parts, current]


@dataclass(frozen=True, slots=True)
class LineTest:
    """A set of line patterns, those anchored at the line start (``^…``) tried only there.

    One alternation of every pattern, searched along a line, tries each anchored alternative at
    every position; split in two, the anchored ones cost one match and the rest (literal phrases)
    one search.
    """

    at_start: re.Pattern[str] | None
    anywhere: re.Pattern[str] | None

    @classmethod
    def of(cls, patterns: list[str]) -> LineTest:
        alternatives = [part for pattern in patterns for part in _top_level_alternatives(pattern)]
        try:  # each part must stand on its own (a back-reference to another part would not)
            for part in alternatives:
                re.compile(part)
        except re.error:
            return cls(None, _alternation(patterns))
        anchored = [part for part in alternatives if part.startswith("^")]
        floating = [part for part in alternatives if not part.startswith("^")]
        return cls(
            _alternation(anchored) if anchored else None,
            _alternation(floating) if floating else None,
        )

    def search(self, line: str) -> bool:
        """Whether any of the patterns is found in ``line`` (a single line)."""
        return bool(
            (self.at_start is not None and self.at_start.match(line))
            or (self.anywhere is not None and self.anywhere.search(line))
        )


@cache
def load_rules() -> SegmentRules:
    data = package_yaml("junheng", "data/segment.yaml")
    heads = sorted(data["title_heads"], key=len, reverse=True)
    suffix = data["collection_suffix"]
    return SegmentRules(
        report_types=tuple(
            ReportType(t["type"], tuple(t["title"]), tuple(map(re.compile, t.get("body", ()))))
            for t in data["report_types"]
        ),
        title_head=re.compile(f"(?:{'|'.join(map(re.escape, heads))}){data['title_suffix']}"),
        title_domain=re.compile(data["title_domain"]),
        sentence_openers=re.compile(data["sentence_openers"]),
        not_title_start=re.compile(data["not_title_start"]),
        not_after_title=re.compile(data["not_after_title"]),
        collection=re.compile(f"^(?:【[^】]{{1,12}}】)?(?P<base>.{{4,60}}?){suffix}$"),
        collection_suffix=re.compile(suffix),
        marker=re.compile(data["marker"]),
        ordinal_after_title=re.compile(data["ordinal_after_title"]),
        chrome_line=LineTest.of(data["chrome_lines"]),
        chrome_section=_alternation(data["chrome_sections"]),
        chrome_phrase=_alternation(data["chrome_phrases"]),
        head_words=frozenset(heads),
        generic_heads=frozenset(data["generic_heads"]),
        title_tail_max=data["title_tail_max"],
        stray_mark=re.compile(data["stray_mark"]),
        first_heading=re.compile(data["first_heading"]),
        topic_head=re.compile("|".join(map(re.escape, data["topic_heads"]))),
        unit_cues=UnitCues(
            window=data["unit_cues"]["window"],
            before=_words(data["unit_cues"]["before"]),
            after=_words(data["unit_cues"]["after"]),
            not_a_name=_words(data["unit_cues"]["not_a_name"]),
            not_at_start=re.compile(
                f"{data['sentence_openers']}|(?:{_words(data['unit_cues']['not_at_start']).pattern})"
            ),
            field_label=re.compile(
                rf"^\s*(?:{_words(data['unit_cues']['field_labels']).pattern})\s*[:：|]?\s*"
            ),
            generic_school=re.compile(
                f"^(?:{_words(data['unit_cues']['generic_school_names']).pattern})"
            ),
        ),
        report_qualifier=re.compile(f"(?:{'|'.join(map(re.escape, data['report_qualifiers']))})$"),
        essay_head=re.compile(f"(?:{'|'.join(map(re.escape, data['essay_heads']))})$"),
        untitled=UntitledLimits(**data["untitled"]),
        truncated=re.compile(data["truncated"]),
        original_title=re.compile(data["original_title"]),
        file_name=re.compile(data["file_name"]),
        byline=re.compile(data["byline"]),
        upload_page=re.compile(data["upload_page"]),
        author_prefix=re.compile(data["author_prefix"]),
    )
