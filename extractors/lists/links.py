"""Links between the problems, measures and outcomes of one report.

Each problem is compared with each measure and outcome: aligned numbering (same position in lists
of the same length), shared quantities (缺600册 ↔ 援助图书600册), shared key terms (jieba over a
small domain dictionary: the lists' terms, the category words and the catalogue's wordings), the
terms of each side's opening clause found in the other (its subject: ``强化功能室管理,…对卫生
保健室、心理咨询室…进行了布置`` is about 功能室, not about the rooms it lists) and the overlap
of character bigrams; terms and bigrams are scored as Dice, so a short answer with one common word
does not match every problem holding it. An answer links to the problem it scores best with (when
close enough); to another one only when that one scores high too and is the best of no answer of
the kind, so that each problem keeps its own answers and one answer does not spread over a list.
Problems listed again in a later problem list link to that repetition (kind ``problem``) and
share its answers. Subject-level links (see :func:`link_items`): answer groups under a heading,
concept groups of lists.yaml (师资力量 ~ 教师队伍), outcomes that restate a measure, and a
category fallback that leaves out answers to every problem at once (``逐一整改落实``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from typing import Any

from junheng.core.model import Item, ItemKind, ItemLink
from junheng.core.text import dice
from junheng.core.yamldata import YAMLError, package_yaml
from junheng.extractors.lists.cutter import DomainCutter
from junheng.extractors.lists.vocab import categories, vocabulary

LINK_AT = 0.35  # an answer links to a second problem scoring this (and SECOND_SHARE of its best)
SECOND_SHARE = 0.6
GROUP_AT = 0.6
RESTATE_AT = 0.5
BEST_AT = 0.25  # an answer links to its best problem when that one scores this
HEAD_WEIGHT = 0.5  # the share of one side's opening-clause terms found in the other side
REPEAT_AT = 0.5
PARALLEL_SHARE = 0.75  # of the aligned pairs that must score best in their row
NAMED_AT = 0.5
CLOSEST_AT = 0.5  # an answer of a group scores this with a problem: it is about that one
CLOSEST_SHARE = 0.8
NAMED_MARGIN = 1.5  # the named problem scores this much more than the next one
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(册|人|台|间|所|个|米|平方米|万元|元|%|套|张)")
_PLAIN = re.compile(r"^[\u4e00-\u9fff]{2,}$")
_CLAUSE_END = re.compile(r"[,，。;；:：!！?？\n]")
HEAD_FROM = 4  # an opening clause is at least this long (``一是,`` is no clause)


def domain_words() -> list[str]:
    """The words key terms are made of: the lists' terms, the category words, the concept words
    and the catalogue's plain wordings."""
    words = set(_read_terms())
    words.update(w for _, group in vocabulary().categories for w in group)
    words.update(w for group in _concept_groups().values() for w in group)
    words.update(_catalogue_words())
    return sorted(words)


@cache
def _lists_data() -> dict[str, Any]:
    """lists.yaml, parsed once."""
    return package_yaml("junheng.extractors.data", "lists.yaml")


@cache
def _cutter() -> DomainCutter:
    """jieba's segmentation over the domain words, a longer word more likely (see
    :mod:`junheng.extractors.lists.cutter`)."""
    return DomainCutter((word, 1000 * len(word)) for word in domain_words())


def _read_terms() -> list[str]:
    return list(_lists_data().get("terms", []))


def _concept_groups() -> dict[str, list[str]]:
    return _lists_data().get("concepts", {}) or {}


@cache
def _stop_terms() -> frozenset[str]:
    return frozenset(_lists_data().get("stop_terms", []))


def _catalogue_words() -> list[str]:
    """The catalogue's plain wordings (no regular-expression syntax), when the catalogue exists."""
    try:
        data = package_yaml("junheng.extractors.data", "catalogue.yaml")
    except (OSError, YAMLError, NotADirectoryError, ModuleNotFoundError):
        return []
    return [
        wording
        for indicator in data.get("indicators", [])
        for wording in indicator.get("wordings", [])
        if _PLAIN.match(wording)
    ]


@cache
def _concepts() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The concept groups of lists.yaml: a name, and a pattern of its words."""
    groups = _concept_groups()
    return tuple(
        (name, re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True)))))
        for name, words in groups.items()
    )


@cache
def _concept_of() -> dict[str, str]:
    """Each concept word → its group's name (``@师资``)."""
    groups = _concept_groups()
    return {word: "@" + name for name, words in groups.items() for word in words}


@cache
def _sub_terms() -> dict[str, tuple[str, ...]]:
    """For each domain word, the shorter domain words inside it (生均图书 → 图书)."""
    words = set(_read_terms())
    return {w: tuple(o for o in words if o != w and o in w) for w in words}


# 、 next to a single character of a run (音、体、美 → 音体美; 前、后、侧墙 → 前后侧墙)
_SINGLES = re.compile(
    r"(?<=[\u4e00-\u9fff])、(?=[\u4e00-\u9fff]、)|(?<=、[\u4e00-\u9fff])、(?=[\u4e00-\u9fff])"
)
_ASIDE = re.compile(r"[(（][^()（）]*[)）]")


def _plain(text: str) -> str:
    """``音、体、美器材`` → ``音体美器材`` (single characters run together by 、)."""
    return _SINGLES.sub("", text)


def key_terms(text: str) -> frozenset[str]:
    """The domain words of ``text`` (two characters or more, common words left out) and the
    shorter domain words inside them; a word of a concept group counts as the group's name, so
    that 师资力量 and 教师队伍 are one term."""
    stop = _stop_terms()
    subs = _sub_terms()
    concept = _concept_of()
    found: set[str] = set()
    for token in _cutter().cut(_plain(text)):
        if len(token) >= 2 and token not in stop and not token.isdigit():  # numbers: quantities
            for word in (token, *subs.get(token, ())):
                if word not in stop:
                    found.add(concept.get(word, word))
    found.update("@" + name for name, pattern in _concepts() if pattern.search(text))
    return frozenset(found)


def quantities(text: str) -> frozenset[tuple[float, str]]:
    """Numbers with their unit (``600册``), the figures two items can share."""
    return frozenset((float(value), unit) for value, unit in _NUMBER.findall(text))


def _bigrams(text: str) -> set[str]:
    """The text's character bigrams, without the common words (``stop_terms``: 学校, 教育, 问题 …)
    that any two items share."""
    chars = re.sub(r"[^\u4e00-\u9fff0-9a-zA-Z]", "", text)
    stop = _stop_terms()
    return {chars[i : i + 2] for i in range(len(chars) - 1)} - stop


def opening_clause(text: str) -> str:
    """The text up to its first clause mark (``强化功能室管理,做到…`` → ``强化功能室管理``):
    where an entry names its subject."""
    found = _CLAUSE_END.search(text, HEAD_FROM)
    return text[: found.start()] if found else text


class _Features:
    __slots__ = ("bigrams", "head", "numbers", "terms")

    def __init__(self, text: str) -> None:
        bare = _ASIDE.sub("", text)  # an aside in brackets lists examples, not the subject
        text = bare if len(bare) >= 6 else text
        self.terms = key_terms(text)
        self.head = key_terms(opening_clause(text)) & self.terms
        self.numbers = quantities(text)
        self.bigrams = _bigrams(text)


def _weight(terms: frozenset[str]) -> int:
    return sum(map(len, terms))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice of two term sets, each term weighted by its length."""
    return 2 * _weight(a & b) / (_weight(a) + _weight(b))


def _found_in(head: frozenset[str], terms: frozenset[str]) -> float:
    """The share of an opening clause's terms that the other side has."""
    return _weight(head & terms) / _weight(head) if head else 0.0


def _score(a: _Features, b: _Features, aligned: bool) -> float:
    score = 0.0
    if a.terms and b.terms:
        score += _overlap(a.terms, b.terms)
        score += HEAD_WEIGHT * (_found_in(a.head, b.terms) + _found_in(b.head, a.terms))
    if a.numbers & b.numbers:
        score += 0.6
    if a.bigrams and b.bigrams:
        score += 2 * len(a.bigrams & b.bigrams) / (len(a.bigrams) + len(b.bigrams))
    if aligned:
        score += 0.3
    return score


Group = tuple[int, str]  # (where the heading over an entry starts, the heading's text)


def link_items(
    items: list[Item],
    groups: Mapping[tuple[ItemKind, int], Group] | None = None,
    broad: frozenset[int] = frozenset(),
) -> list[Item]:
    """The items of one report, problems with their links (to the measures and outcomes that
    answer them, and to their own repetition in a closing list); links sit on problems only.

    ``groups`` gives the heading an entry sits under (``1. 资金投入`` over ``(1)…(3)``, or the
    section of a prose list). Besides the pairs scored entry by entry, a problem (or its own
    heading) that matches an answer group's heading links to every answer of that group; a
    problem of an unheaded list that matches none takes the group at its own position
    (001 docs 3 and 13: 城乡教育资源不平衡 ↔ ``1. 资金投入`` (1)(2)(3)); a problem still
    unlinked takes the answers of its category that answer nothing else; and an answer still
    unlinked goes to the ``broad`` problems (named in prose: 教育质量参差不齐) of a category its
    words touch (000 doc 8: 推进课程改革, 强化督导评估 ↔ 教育质量参差不齐)."""
    if not any(item.kind is ItemKind.PROBLEM for item in items):
        return [replace(item, links=()) for item in items]  # links sit on problems only
    groups = groups or {}
    features = {id(item): _Features(item.text) for item in items}
    by_kind = {kind: [i for i in items if i.kind is kind] for kind in ItemKind}
    answers_at = sorted(i.span.start for i in items if i.kind is not ItemKind.PROBLEM)
    originals, repeats = _split_repeats(by_kind[ItemKind.PROBLEM], features, answers_at)
    links: dict[int, set[ItemLink]] = {id(item): set() for item in items}
    answers = by_kind[ItemKind.MEASURE] + by_kind[ItemKind.OUTCOME]
    for kind in (ItemKind.MEASURE, ItemKind.OUTCOME):
        listed = by_kind[kind]
        aligned = len(listed) == len(originals)
        table = {
            (id(answer), id(p)): _score(
                features[id(p)], features[id(answer)], aligned and p.index == answer.index
            )
            for answer in listed
            for p in originals
        }
        parallel = _parallel(originals, listed, table)
        for answer, problems in _assign(listed, originals, table, features, parallel):
            for problem in problems:
                links[id(problem)].add(ItemLink(answer.kind, answer.index))
    _link_groups(originals, answers, groups, features, links)
    _link_restated(originals, by_kind[ItemKind.MEASURE], by_kind[ItemKind.OUTCOME], links)
    _link_categories(originals, answers, links, broad)
    for original, repeat in repeats:
        links[id(repeat)].update(links[id(original)])  # the same problem: the same answers
        links[id(original)].add(ItemLink(repeat.kind, repeat.index))
        links[id(repeat)].add(ItemLink(original.kind, original.index))
    return [replace(item, links=tuple(sorted(links[id(item)], key=_link_order))) for item in items]


def _parallel(
    problems: list[Item], answers: list[Item], table: Mapping[tuple[int, int], float]
) -> bool:
    """Whether ``answers`` is a list parallel to ``problems``: as many entries, two or more, and
    the i-th answer scores best with the i-th problem for most of them (001 doc 14: 教育资源配置
    不均衡 ↔ 资源投入优化, 学生选择权受限 ↔ 学生选择权保障 …). Then the numbering is the link."""
    if len(problems) < 2 or len(problems) != len(answers):
        return False
    agree = 0
    for problem, answer in zip(problems, answers, strict=True):
        row = [table[(id(a), id(problem))] for a in answers]
        agree += table[(id(answer), id(problem))] >= max(row)
    return agree >= PARALLEL_SHARE * len(problems)


def _assign(
    answers: list[Item],
    problems: list[Item],
    table: Mapping[tuple[int, int], float],
    features: dict[int, _Features],
    parallel: bool,
) -> list[tuple[Item, list[Item]]]:
    """The problems each measure (or each outcome) answers: the one it names (``针对…问题``), the
    one at its own position in a parallel list, none when it answers every problem at once
    (lists.yaml ``answers_all``), else its best problem when that one scores BEST_AT. A second
    problem is answered too when it scores LINK_AT and SECOND_SHARE of the best and no answer of
    the list has it as its best: an answer that lists rooms in passing
    (``…对卫生保健室、心理咨询室…进行了布置``) does not take problems that have answers of their
    own (``卫生保健室配置了观察床``), but one that covers two subjects (``配备音体美器材,购买图书``)
    answers a problem nothing else answers."""
    every = vocabulary().answers_all
    chosen: list[tuple[Item, list[Item]]] = []
    rows: dict[int, list[tuple[float, Item]]] = {}
    for answer in answers:
        named = _named_problem(answer, problems, features)
        if named is not None:
            chosen.append((answer, [named]))
        elif every.search(answer.text):  # 逐一整改落实: no one problem
            chosen.append((answer, []))
        elif parallel:
            own = [problems[answer.index - 1]] if answer.index <= len(problems) else []
            chosen.append((answer, own))
        else:
            rows[id(answer)] = scored = [(table[(id(answer), id(p))], p) for p in problems]
            best_score, best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
            chosen.append((answer, [best] if best is not None and best_score >= BEST_AT else []))
    taken = {id(p) for _, found in chosen for p in found}
    for answer, found in chosen:
        scored = rows.get(id(answer), [])
        top = max((s for s, _ in scored), default=0.0)
        found.extend(
            p for s, p in scored if id(p) not in taken and s >= LINK_AT and s >= SECOND_SHARE * top
        )
    return chosen


def _named_problem(
    answer: Item, problems: list[Item], features: dict[int, _Features]
) -> Item | None:
    """The problem an answer names (``针对功能室管理不规范的问题,…``; lists.yaml ``names_problem``)
    when the named words clearly match one problem better than any other."""
    found = vocabulary().names_problem.search(answer.text)
    if found is None or not problems:
        return None
    named = _Features(found.group("what"))
    scored = sorted(
        ((_score(named, features[id(p)], False), p) for p in problems),
        key=lambda pair: -pair[0],
    )
    best_score, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    return best if best_score >= NAMED_AT and best_score > runner_up * NAMED_MARGIN else None


def _link_groups(
    problems: list[Item],
    answers: list[Item],
    groups: Mapping[tuple[ItemKind, int], Group],
    features: dict[int, _Features],
    links: dict[int, set[ItemLink]],
) -> None:
    members: dict[int, list[Item]] = {}
    headings: dict[int, _Features] = {}
    for answer in answers:
        group = groups.get((answer.kind, answer.index))
        if group is not None:
            members.setdefault(group[0], []).append(answer)
            headings.setdefault(group[0], _Features(group[1]))
    if not members:
        return
    order = sorted(members)
    own: dict[int, _Features] = {}
    cached: dict[int, _Features] = {}
    for problem in problems:
        group = groups.get((problem.kind, problem.index))
        if group is not None:
            own[id(problem)] = cached.setdefault(group[0], _Features(group[1]))
    flat = [p for p in problems if id(p) not in own]
    claimed: dict[int, list[Item]] = {}
    for problem in problems:
        if len(flat) == len(order) and problem in flat:  # aligned: the i-th problem, group i
            matched = [order[flat.index(problem)]]
        else:
            mine = [features[id(problem)]] + ([own[id(problem)]] if id(problem) in own else [])
            matched = [
                key
                for key in order
                if max(_score(f, headings[key], False) for f in mine) >= GROUP_AT
            ]
        if not matched and problem in flat and len(flat) <= len(order):
            matched = [order[flat.index(problem)]]
        for key in matched:
            claimed.setdefault(key, []).append(problem)
    for key, problems_of in claimed.items():
        nested = all(id(p) in own for p in problems_of)  # leaves under headings on both sides
        for answer in members[key]:
            for problem in _closest(answer, problems_of, features) if nested else problems_of:
                links[id(problem)].add(ItemLink(answer.kind, answer.index))


def _closest(answer: Item, problems: list[Item], features: dict[int, _Features]) -> list[Item]:
    """Of the leaf problems whose group matches an answer's group, those the answer is about:
    the ones it scores clearly best with (``更新实验室仪器`` ↔ ``实验室仪器老化``, not
    ``厕所设施简陋`` under the same ``(一)办学条件方面``); all of them when it scores with none."""
    scored = [(_score(features[id(p)], features[id(answer)], False), p) for p in problems]
    top = max(s for s, _ in scored)
    if len(problems) < 2 or top < CLOSEST_AT:
        return problems
    return [p for s, p in scored if s >= CLOSEST_SHARE * top]


def _link_restated(
    problems: list[Item],
    measures: list[Item],
    outcomes: list[Item],
    links: dict[int, set[ItemLink]],
) -> None:
    """An outcome that restates a measure (``加大了对农村地区教育的投入力度,改善了…`` after
    ``增加对农村地区教育的投入,改善…``, 001 doc 3) answers that measure's problems."""
    for outcome in outcomes:
        for measure in measures:
            if dice(outcome.text, measure.text) < RESTATE_AT:
                continue
            wanted = ItemLink(measure.kind, measure.index)
            for problem in problems:
                if wanted in links[id(problem)]:
                    links[id(problem)].add(ItemLink(outcome.kind, outcome.index))


def _link_categories(
    problems: list[Item],
    answers: list[Item],
    links: dict[int, set[ItemLink]],
    broad: frozenset[int] = frozenset(),
) -> None:
    every = vocabulary().answers_all
    answers = [a for a in answers if not every.search(a.text)]  # 逐一整改落实: no one problem
    answered = {link for found in links.values() for link in found}
    for problem in problems:
        if links[id(problem)] or problem.category == "其他":
            continue
        for answer in answers:
            key = ItemLink(answer.kind, answer.index)
            if answer.category == problem.category and key not in answered:
                links[id(problem)].add(key)
                answered.add(key)
    targets = [p for p in problems if p.index in broad and p.category != "其他"]
    for answer in answers:
        key = ItemLink(answer.kind, answer.index)
        if key in answered:
            continue
        touched = categories(answer.text)
        for problem in targets:
            if problem.category in touched:
                links[id(problem)].add(key)


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
