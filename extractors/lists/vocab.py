"""The lists' vocabulary (``extractors/data/lists.yaml``, ``categories.yaml``), compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from pipeline.model import ItemKind

KINDS: tuple[ItemKind, ...] = (ItemKind.PROBLEM, ItemKind.MEASURE, ItemKind.OUTCOME)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Compiled patterns: heading words per kind, prose triggers, boilerplate, status words."""

    heading_window: int
    headings: dict[ItemKind, re.Pattern[str]]
    not_headings: re.Pattern[str]
    prose_triggers: dict[ItemKind, re.Pattern[str]]
    achievements_share: float
    boilerplate: re.Pattern[str]
    ongoing: re.Pattern[str]
    done: re.Pattern[str]
    deadline: tuple[re.Pattern[str], ...]
    owner: tuple[re.Pattern[str], ...]
    categories: tuple[tuple[str, tuple[str, ...]], ...]


def _read(name: str) -> dict[str, Any]:
    path = resources.files("extractors.data") / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


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
        achievements_share=float(data["achievements_share"]),
        boilerplate=_any(data["boilerplate"]),
        ongoing=_any(data["status"]["ongoing"]),
        done=_any(data["status"]["done"]),
        deadline=tuple(re.compile(p) for p in data["deadline"]),
        owner=tuple(re.compile(p) for p in data["owner"]),
        categories=tuple((name, tuple(words)) for name, words in categories.items()),
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
    return (best[1], best[2]) if best else None


def heading_kind(title: str) -> ItemKind | None:
    """The list kind a section title announces (``"督导检查中存在的问题"`` → problem), else None."""
    found = heading_match(title)
    return found[0] if found else None


def category(text: str) -> str:
    """The category of an item's text: most (length-weighted) lexicon hits, else ``其他``."""
    best, best_score = "其他", 0
    for name, words in vocabulary().categories:
        score = sum(len(word) * text.count(word) for word in words)
        if score > best_score:
            best, best_score = name, score
    return best
