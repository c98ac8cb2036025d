"""The segmentation vocabulary (``pipeline/data/segment.yaml``), compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.yamldata import package_yaml


@dataclass(frozen=True, slots=True)
class ReportType:
    type: str
    title: tuple[str, ...]
    body: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class SegmentRules:
    report_types: tuple[ReportType, ...]
    title_head: re.Pattern[str]
    title_domain: re.Pattern[str]
    sentence_openers: re.Pattern[str]
    not_after_title: re.Pattern[str]
    collection: re.Pattern[str]
    collection_suffix: re.Pattern[str]
    marker: re.Pattern[str]
    ordinal_after_title: re.Pattern[str]
    chrome_line: re.Pattern[str]
    chrome_section: re.Pattern[str]
    chrome_phrase: re.Pattern[str]
    head_words: frozenset[str]


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@cache
def load_rules() -> SegmentRules:
    data = package_yaml("pipeline", "data/segment.yaml")
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
        not_after_title=re.compile(data["not_after_title"]),
        collection=re.compile(f"^(?:【[^】]{{1,12}}】)?(?P<base>.{{4,60}}?){suffix}$"),
        collection_suffix=re.compile(suffix),
        marker=re.compile(data["marker"]),
        ordinal_after_title=re.compile(data["ordinal_after_title"]),
        chrome_line=_alternation(data["chrome_lines"]),
        chrome_section=_alternation(data["chrome_sections"]),
        chrome_phrase=_alternation(data["chrome_phrases"]),
        head_words=frozenset(heads),
    )
