"""Links between the problems, measures and outcomes of one report.

Each problem is compared with each measure and outcome: aligned numbering (same position in lists
of the same length), shared quantities (缺600册 ↔ 援助图书600册), shared key terms (jieba over a
small domain dictionary: the lists' terms, the category words and the catalogue's wordings) and
the overlap of character bigrams. A pair is linked when its score passes a threshold; an answer
with no link above the threshold goes to its best problem when that one is close enough.
Problems listed again in a later problem list link to that repetition (kind ``problem``).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

import jieba
import yaml

from extractors.lists.vocab import vocabulary
from pipeline.model import Item, ItemKind, ItemLink

LINK_AT = 0.45
BEST_AT = 0.25
REPEAT_AT = 0.5
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(册|人|台|间|所|个|米|平方米|万元|元|%|套|张)")
_PLAIN = re.compile(r"^[\u4e00-\u9fff]{2,}$")


@cache
def _tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer over the domain words only: loads in milliseconds."""
    words = set(_read_terms())
    words.update(w for _, group in vocabulary().categories for w in group)
    words.update(_catalogue_words())
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(f"{w} {1000 * len(w)}" for w in sorted(words)))
    tokenizer = jieba.Tokenizer(dictionary=handle.name)
    jieba.setLogLevel(60)
    tokenizer.initialize()
    Path(handle.name).unlink(missing_ok=True)
    return tokenizer


def _read_terms() -> list[str]:
    path = resources.files("extractors.data") / "lists.yaml"
    return list(yaml.safe_load(path.read_text(encoding="utf-8")).get("terms", []))


@cache
def _stop_terms() -> frozenset[str]:
    path = resources.files("extractors.data") / "lists.yaml"
    return frozenset(yaml.safe_load(path.read_text(encoding="utf-8")).get("stop_terms", []))


def _catalogue_words() -> list[str]:
    """The catalogue's plain wordings (no regular-expression syntax), when the catalogue exists."""
    try:
        path = resources.files("extractors") / "catalogue.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, NotADirectoryError, ModuleNotFoundError):
        return []
    return [
        wording
        for indicator in data.get("indicators", [])
        for wording in indicator.get("wordings", [])
        if _PLAIN.match(wording)
    ]


def key_terms(text: str) -> frozenset[str]:
    """The domain words of ``text`` (two characters or more, common words left out)."""
    stop = _stop_terms()
    return frozenset(
        token
        for token in _tokenizer().cut(text, HMM=False)
        if len(token) >= 2 and token not in stop
    )


def quantities(text: str) -> frozenset[tuple[float, str]]:
    """Numbers with their unit (``600册``), the figures two items can share."""
    return frozenset((float(value), unit) for value, unit in _NUMBER.findall(text))


def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[^\u4e00-\u9fff0-9a-zA-Z]", "", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def dice(a: str, b: str) -> float:
    """Character-bigram Dice coefficient of two texts."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


class _Features:
    __slots__ = ("bigrams", "numbers", "terms")

    def __init__(self, text: str) -> None:
        self.terms = key_terms(text)
        self.numbers = quantities(text)
        self.bigrams = _bigrams(text)


def _score(a: _Features, b: _Features, aligned: bool) -> float:
    score = 0.0
    if a.terms and b.terms:
        shared = a.terms & b.terms
        score += sum(len(t) for t in shared) / min(sum(map(len, a.terms)), sum(map(len, b.terms)))
    if a.numbers & b.numbers:
        score += 0.6
    if a.bigrams and b.bigrams:
        score += 2 * len(a.bigrams & b.bigrams) / (len(a.bigrams) + len(b.bigrams))
    if aligned:
        score += 0.3
    return score


def link_items(items: list[Item]) -> list[Item]:
    """The items of one report, problems with their links (to the measures and outcomes that
    answer them, and to their own repetition in a closing list); links sit on problems only."""
    features = {id(item): _Features(item.text) for item in items}
    by_kind = {kind: [i for i in items if i.kind is kind] for kind in ItemKind}
    answers_at = sorted(i.span.start for i in items if i.kind is not ItemKind.PROBLEM)
    originals, repeats = _split_repeats(by_kind[ItemKind.PROBLEM], features, answers_at)
    links: dict[int, set[ItemLink]] = {id(item): set() for item in items}
    for kind in (ItemKind.MEASURE, ItemKind.OUTCOME):
        answers = by_kind[kind]
        aligned = len(answers) == len(originals)
        for answer in answers:
            scored = [
                (
                    _score(
                        features[id(p)], features[id(answer)], aligned and p.index == answer.index
                    ),
                    p,
                )
                for p in originals
            ]
            hits = [p for s, p in scored if s >= LINK_AT]
            if not hits and scored:
                best_score, best = max(scored, key=lambda pair: pair[0])
                hits = [best] if best_score >= BEST_AT else []
            for problem in hits:
                links[id(problem)].add(ItemLink(answer.kind, answer.index))
    for original, repeat in repeats:
        links[id(original)].add(ItemLink(repeat.kind, repeat.index))
        links[id(repeat)].add(ItemLink(original.kind, original.index))
    return [replace(item, links=tuple(sorted(links[id(item)], key=_link_order))) for item in items]


def _link_order(link: ItemLink) -> tuple[bool, str, int]:
    return (link.kind is not ItemKind.PROBLEM, str(link.kind), link.index)


def _split_repeats(
    problems: list[Item], features: dict[int, _Features], answers_at: list[int]
) -> tuple[list[Item], list[tuple[Item, Item]]]:
    """The first-listed problems, and (original, repetition) pairs: a problem list after the
    measures or outcomes that names an earlier problem again (``无专任美术、音乐教师`` twice)."""
    originals: list[Item] = []
    repeats: list[tuple[Item, Item]] = []
    for item in problems:
        best = max(
            (o for o in originals if any(o.span.end < at < item.span.start for at in answers_at)),
            key=lambda o: dice(o.text, item.text),
            default=None,
        )
        if best is not None and _is_repeat(best, item, features):
            repeats.append((best, item))
        else:
            originals.append(item)
    return originals, repeats


def _is_repeat(original: Item, later: Item, features: dict[int, _Features]) -> bool:
    a, b = features[id(original)], features[id(later)]
    overlap = len(a.bigrams & b.bigrams) / max(1, min(len(a.bigrams), len(b.bigrams)))
    return overlap >= REPEAT_AT
