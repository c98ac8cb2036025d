"""Lines of levels: a line of a level that has parts (义务教育), then a line for each of its parts
(小学, 初中) that states the same things.

County bulletins write a level's totals on one line and each part level's on the next lines, the
same things in the same words ("全县义务教育中小学24所。校舍总面积41.20万平方米…;仪器设备值
9860.50万元…;图书98.70万册…" / "——小学。校数15所;…校舍总面积18.36万平方米…" / "——初中。…"). A
quantity of the first line is then the sum of the quantities the part lines give under the same
words in the same unit, whether or not the catalogue knows what they measure. A line's level is
the one its first words name; only the partitions of ``level_partitions`` are read, each part line
once, and a name that two quantities of one line share is left unread. When each of them is
followed by its change against last year, the changes add up as well (a decrease negative).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from junheng.validate.changes import signed
from junheng.validate.quantities import Q
from junheng.validate.relations import Relation, Sentence, levels_in, sum_of, vocab

_OPENING = 16  # the characters of a line whose level words give the line's level
_NOT_WORDS = re.compile(r"[\d\s,，、;；:：。()（）—\-]+")


def level_line_relations(
    text: str, sentences: Sequence[Sentence], rounding: str, known: Sequence[Relation] = ()
) -> list[Relation]:
    """The sums of one report's level lines (see the module)."""
    words = vocab()
    said = {(r.kind, r.stated.start) for r in known}
    lines: dict[int, list[Q]] = {}
    for sentence, start in zip(sentences, _line_starts(text, sentences, words), strict=True):
        lines.setdefault(start, []).extend(sentence.quantities)
    starts = sorted(lines)
    levels = {start: _line_level(text, start) for start in starts}
    found: list[Relation] = []
    for i, start in enumerate(starts):
        parts_of = words["level_partitions"].get(levels[start])
        if not parts_of:
            continue
        following = starts[i + 1 : i + 1 + len(parts_of)]
        if sorted(levels[s] or "" for s in following) != sorted(parts_of):
            continue
        whole = _named(lines[start])
        part_lines = [_named(lines[s]) for s in following]
        changes = [
            _changes(lines[s], named)
            for s, named in zip([start, *following], [whole, *part_lines], strict=True)
        ]
        for name, head in whole.items():
            parts = [line.get(name) for line in part_lines]
            chosen = [q for q in parts if q is not None and q.unit == head.unit]
            if len(chosen) != len(parts) or ("sum", head.start) in said:
                continue
            relation = sum_of(head, chosen, rounding, True)
            if relation is not None:
                found.append(relation)
            # "…41.20万平方米,较上年增加0.62万平方米" over "…18.36万平方米,比上年增加0.35万
            # 平方米" …: the changes add up too, a decrease counted negative
            moved = [line.get(name) for line in changes]
            if all(q is not None for q in moved):
                head_change, *part_changes = (q for q in moved if q is not None)
                relation = sum_of(head_change, part_changes, rounding, True)
                if relation is not None:
                    found.append(relation)
    return found


def _changes(qs: Sequence[Q], named: dict[str, Q]) -> dict[str, Q]:
    """The change said right after each named quantity of a line, in its unit, signed (a decrease
    negative): "校舍总面积25.48万平方米,比上年增加0.44万平方米"."""
    words = vocab()
    by_start = {q.start: name for name, q in named.items()}
    found: dict[str, Q] = {}
    for q, nxt in pairwise(qs):
        name = by_start.get(q.start)
        if name is None or nxt.unit != q.unit or nxt.hedged or not nxt.written[:1].isdigit():
            continue
        if not words["line_change"].search(nxt.label) or re.search(r"[;；。]", nxt.label):
            continue
        change = signed(nxt, nxt.label)
        if change is not None:
            found[name] = change
    return found


def _line_starts(text: str, sentences: Sequence[Sentence], words: dict) -> list[int]:
    """Where each sentence's line starts. A copy that ran the lines into one paragraph keeps
    their marks: a part level's line opens with a dash ("…。——小学。校数129所;…"), and the level's
    own line with the sentence before the first dash that names the level ("全市义务教育中小学
    214所,…")."""
    starts = [text.rfind("\n", 0, s.start) + 1 for s in sentences]
    dashes: list[int | None] = []
    previous_end = 0
    for sentence, start in zip(sentences, starts, strict=True):
        # the dash may stand in a sentence of its own before its first numbers ("——小学。")
        found = _DASH.match(text, max(previous_end, start)) or _DASH.match(text, sentence.start)
        dashes.append(found.start() if found else None)
        previous_end = sentence.end
    for k, at in enumerate(dashes):
        if at is not None:
            starts[k] = at
        elif k and starts[k - 1] > starts[k]:
            starts[k] = starts[k - 1]  # the dashed line goes on
    for k in range(1, len(sentences)):
        if dashes[k] is None or dashes[k - 1] is not None or starts[k - 1] == starts[k]:
            continue
        # the level's line: back from the first dash to the sentence that opens with the level
        same = [j for j in range(k) if starts[j] == starts[k - 1]]
        opening = next((j for j in same if _opens_with_level(text, sentences[j], words)), None)
        if opening is not None:
            for m in range(opening, k):
                starts[m] = sentences[opening].start
    return starts


_DASH = re.compile(r"\s*(?:——|—|--)\s*(?=[\u4e00-\u9fff])")


def _opens_with_level(text: str, sentence: Sentence, words: dict) -> bool:
    return _line_level(text, sentence.start) in words["level_partitions"]


def _line_level(text: str, start: int) -> str | None:
    """The level the first words of a line name (——小学。…, 全县义务教育中小学…), if one."""
    opening = text[start : start + _OPENING]
    if "义务教育" in opening:
        return "义务教育"
    hits = levels_in(opening)
    return hits.pop() if len(hits) == 1 else None


def _named(qs: Sequence[Q]) -> dict[str, Q]:
    """A line's plain quantities by the words naming them (level words, changes and numbers
    aside); a name two of them share is dropped."""
    words = vocab()
    seen: dict[str, list[Q]] = {}
    for q in qs:
        if not q.written[:1].isdigit() or q.hedged or q.ratio is not None or q.unit in ("%", ""):
            continue
        if words["line_change"].search(q.label):
            continue  # a change against last year: its direction may differ between the lines
        name = _NOT_WORDS.sub("", words["level_words"].sub("", q.label))
        if len(name) >= 2:
            seen.setdefault(name, []).append(q)
    return {name: found[0] for name, found in seen.items() if len(found) == 1}
