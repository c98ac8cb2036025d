"""The lists' vocabulary (``extractors/data/lists.yaml``, ``categories.yaml``), compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from junheng.core.model import ItemKind
from junheng.core.yamldata import package_yaml

KINDS: tuple[ItemKind, ...] = (ItemKind.PROBLEM, ItemKind.MEASURE, ItemKind.OUTCOME)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Compiled patterns: heading words per kind, prose triggers, boilerplate, status words."""

    heading_window: int
    headings: dict[ItemKind, re.Pattern[str]]
    not_headings: re.Pattern[str]
    prose_triggers: dict[ItemKind, re.Pattern[str]]
    enum_forward: tuple[tuple[ItemKind, re.Pattern[str]], ...]
    news_types: frozenset[str]
    news_forward: tuple[tuple[ItemKind, re.Pattern[str]], ...]
    enum_openers: re.Pattern[str]
    enum_shortfall: re.Pattern[str]
    enum_backward: re.Pattern[str]
    enum_subject_verb: re.Pattern[str]
    enum_closing: re.Pattern[str]
    enum_also: re.Pattern[str]
    enum_stop: re.Pattern[str]
    transitions: re.Pattern[str]
    paragraph_transitions: re.Pattern[str]
    joined_heading: re.Pattern[str]
    joined_problem: re.Pattern[str]
    causes: re.Pattern[str]
    names_problem: re.Pattern[str]
    answers_all: re.Pattern[str]
    back_reference: re.Pattern[str]
    progress: re.Pattern[str]
    outcome_reports: re.Pattern[str]
    outcome_sections: re.Pattern[str]
    achievements_share: float
    boilerplate: re.Pattern[str]
    ongoing: re.Pattern[str]
    done: re.Pattern[str]
    deadline: tuple[re.Pattern[str], ...]
    owner: tuple[re.Pattern[str], ...]
    categories: tuple[tuple[str, tuple[str, ...]], ...]
    open_headings: tuple[tuple[re.Pattern[str], tuple[ItemKind, ...]], ...]
    section_title: re.Pattern[str]
    open_lead_ins: tuple[tuple[re.Pattern[str], tuple[ItemKind, ...]], ...]
    open_rectification: re.Pattern[str]
    entry_start: tuple[tuple[ItemKind, re.Pattern[str]], ...]
    entry_anywhere: tuple[tuple[ItemKind, re.Pattern[str]], ...]
    planned_share: float
    run_share: float
    run_done: re.Pattern[str]
    answer_labels: tuple[tuple[ItemKind, re.Pattern[str]], ...]
    problem_label: re.Pattern[str]
    topic_problem: re.Pattern[str]


def _read(name: str) -> dict[str, Any]:
    return package_yaml("junheng.extractors.data", name)


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _open(rows: list[dict[str, Any]]) -> tuple[tuple[re.Pattern[str], tuple[ItemKind, ...]], ...]:
    return tuple((re.compile(row["pattern"]), tuple(map(ItemKind, row["kinds"]))) for row in rows)


def _by_kind(table: dict[str, list[str]]) -> tuple[tuple[ItemKind, re.Pattern[str]], ...]:
    """``{kind: patterns}`` in the file's order."""
    return tuple((ItemKind(kind), _any(patterns)) for kind, patterns in table.items())


@cache
def vocabulary() -> Vocabulary:
    """The lists vocabulary, read from the package data on first use."""
    data = _read("lists.yaml")
    categories = _read("categories.yaml")["categories"]
    return Vocabulary(
        heading_window=int(data["heading_window"]),
        headings={kind: _any(data["headings"][kind.value]) for kind in KINDS},
        not_headings=_any(data["not_headings"]),
        prose_triggers={
            ItemKind(kind): _any(patterns) for kind, patterns in data["prose_triggers"].items()
        },
        enum_forward=_by_kind(data["enumerations"]["forward"]),
        news_types=frozenset(data["enumerations"]["news_types"]),
        news_forward=_by_kind(data["enumerations"]["news_forward"]),
        enum_openers=re.compile(data["enumerations"]["elaborations"]["openers"]),
        enum_shortfall=re.compile(data["enumerations"]["elaborations"]["shortfall"]),
        enum_backward=_any(data["enumerations"]["backward"]),
        enum_subject_verb=re.compile(data["enumerations"]["subject_verb"]),
        enum_closing=re.compile(data["enumerations"]["closing"]),
        enum_also=re.compile(data["enumerations"]["also"]),
        enum_stop=re.compile(data["enumerations"]["stop"]),
        transitions=_any(data["transitions"]["sentence"]),
        paragraph_transitions=_any(data["transitions"]["paragraph"]),
        joined_heading=re.compile(data["joined_heading"]),
        joined_problem=re.compile(data["joined_problem"]),
        causes=_any(data["causes"]),
        names_problem=re.compile(data["names_problem"]),
        answers_all=re.compile(data["answers_all"]),
        back_reference=re.compile(data["back_reference"]),
        progress=_any(data["progress"]),
        outcome_reports=_any(data["outcome_reports"]),
        outcome_sections=_any(data["outcome_sections"]),
        achievements_share=float(data["achievements_share"]),
        boilerplate=_any(data["boilerplate"]),
        ongoing=_any(data["status"]["ongoing"]),
        done=_any(data["status"]["done"]),
        deadline=tuple(re.compile(p) for p in data["deadline"]),
        owner=tuple(re.compile(p) for p in data["owner"]),
        categories=tuple((name, tuple(words)) for name, words in categories.items()),
        open_headings=_open(data["open_lists"]["headings"]),
        section_title=re.compile(data["section_title"]),
        open_lead_ins=_open(data["open_lists"]["lead_ins"]),
        open_rectification=re.compile(data["open_lists"]["rectification"]),
        entry_start=_by_kind(data["entry_kinds"]["start"]),
        entry_anywhere=_by_kind(data["entry_kinds"]["anywhere"]),
        planned_share=float(data["planned_share"]),
        run_share=float(data["unannounced_runs"]["share"]),
        run_done=re.compile(data["unannounced_runs"]["done"]),
        answer_labels=tuple(
            (ItemKind(kind), re.compile(rf"(?:{words})\s*[:：]"))
            for kind, words in data["entry_answers"]["labels"].items()
        ),
        problem_label=re.compile(data["entry_answers"]["problem_label"]),
        topic_problem=re.compile(data["entry_answers"]["topic"]),
    )


def heading_match(title: str) -> tuple[ItemKind, int] | None:
    """The list kind a title announces and where its list word ends, else None.

    The kind word must start within the vocabulary's window; of several kinds the earliest wins.
    """
    vocab = vocabulary()
    lead = len(title) - len(title.lstrip())
    head = title[lead : lead + vocab.heading_window + 12]
    if vocab.not_headings.search(head[:16]):
        return None
    best: tuple[int, ItemKind, int] | None = None
    for kind, pattern in vocab.headings.items():
        found = pattern.search(head)
        if (
            found
            and found.start() <= vocab.heading_window
            and (best is None or found.start() < best[0])
        ):
            best = (found.start(), kind, lead + found.end())
    return (best[1], best[2]) if best else _joined_match(title) or _ending_match(title)


# What a heading may add after the list word that ends it (…的主要问题和原因, …存在问题及对策)
_HEADING_TAIL = re.compile(r"(?:和|与|及|以及)(?:其)?(?:原因|成因|对策|建议|思考|分析|对策建议)")
_HEADING_MAX = 30  # characters of a heading named after a description
_NOT_A_HEADING = re.compile(r"[。，,;；!?！？]")


def _ending_match(title: str) -> tuple[ItemKind, int] | None:
    """A heading named after a description whose list word ends it (二、义务教育发展不均衡的
    主要问题, …的主要问题和原因): a short line of no sentence, the kind's words at its end or
    before a cause or answer the heading adds (和原因, 及对策)."""
    line = title.strip()
    if len(line) > _HEADING_MAX or _NOT_A_HEADING.search(line):
        return None
    lead = len(title) - len(title.lstrip())
    vocab = vocabulary()
    for kind, pattern in vocab.headings.items():
        for found in pattern.finditer(line):
            tail = _HEADING_TAIL.match(line, found.end())
            end = tail.end() if tail else found.end()
            if _JOINED_END.match(line, end):
                return kind, lead + found.end()
    return None


_JOINED_END = re.compile(r"\s*[。.]?\s*(?:$|[:：]|[(（【〔]?[一1][)）】〕、.．])")


def _joined_match(title: str) -> tuple[ItemKind, int] | None:
    """A list named after a description (``某县教师队伍建设现状及存在问题``): a list word right
    after 及/和/与 that ends the title (or comes right before a colon or a first mark)."""
    vocab = vocabulary()
    for joined in vocab.joined_heading.finditer(title):
        for kind, pattern in vocab.headings.items():
            found = pattern.match(title, joined.end())
            if found and _JOINED_END.match(title, found.end()):
                return kind, found.end()
        bare = vocab.joined_problem.match(title, joined.end())  # …的现状和问题
        if bare and _JOINED_END.match(title, bare.end()):
            return ItemKind.PROBLEM, bare.end()
    return None


def is_transition(text: str, at: int, paragraph: bool) -> bool:
    """Whether the sentence at ``at`` (a ``paragraph`` start or not) opens unnumbered transition
    prose (lists.yaml ``transitions``: 针对上述问题…, 下一步…, 现将…如下; 今后, at a paragraph)."""
    vocab = vocabulary()
    if vocab.transitions.match(text, at):
        return True
    return paragraph and vocab.paragraph_transitions.match(text, at) is not None


def second_kind(title: str) -> ItemKind | None:
    """The other list kind a double heading names after its first (``存在的问题及下一步工作打算``
    → measure), else None."""
    found = heading_match(title)
    if found is None:
        return None
    first, end = found
    rest = title[end : end + 3 + vocabulary().heading_window]
    joined = re.match(r"\s*(?:及|和|与|以及)", rest)
    if joined is None:
        return None
    for kind, pattern in vocabulary().headings.items():
        if kind is not first and pattern.match(rest, joined.end()):
            return kind
    return None


def open_kinds(title: str) -> tuple[ItemKind, ...]:
    """The kinds a heading leaves to its entries' words (``主要的工作措施及成效`` → measure,
    outcome), else ``()``: the heading decides."""
    for pattern, kinds in vocabulary().open_headings:
        if pattern.search(title):
            return kinds
    return ()


def entry_kind(text: str, choices: tuple[ItemKind, ...] = KINDS) -> ItemKind | None:
    """The kind an entry's own words tell, among ``choices``: by how it opens (``将…``,
    ``已完成…``, ``存在…``), else by a word inside it (``…已整改到位``, ``…面积偏小``,
    ``…将于年底完成``); None when they tell none of them.

    Example:
        >>> entry_kind("已完成全部校舍的安全鉴定").value
        'outcome'
    """
    vocab = vocabulary()
    body = text.lstrip(" \t\u3000\n")
    for kind, pattern in vocab.entry_start:
        if kind in choices and pattern.match(body):
            return kind
    for kind, pattern in vocab.entry_anywhere:
        if kind in choices and pattern.search(body):
            return kind
    return None


def heading_kind(title: str) -> ItemKind | None:
    """The list kind a section title announces (``"督导检查中存在的问题"`` → problem), else None."""
    found = heading_match(title)
    return found[0] if found else None


@cache
def _lexicons() -> tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...]:
    """Each category with its words and one pattern that finds whether any of them occurs."""
    return tuple(
        (name, words, re.compile("|".join(map(re.escape, words))))
        for name, words in vocabulary().categories
        if words
    )


def categories(text: str) -> frozenset[str]:
    """Every category whose lexicon words occur in ``text``."""
    return frozenset(name for name, _, anyone in _lexicons() if anyone.search(text))


def category(text: str) -> str:
    """The category of an item's text: most (length-weighted) lexicon hits, else ``其他``."""
    best, best_score = "其他", 0
    for name, words, anyone in _lexicons():
        if not anyone.search(text):
            continue  # none of its words: its score is 0
        score = sum(len(word) * text.count(word) for word in words)
        if score > best_score:
            best, best_score = name, score
    return best
