"""Entries that carry their own answer: a problem and, inside the same entry, what answers it.

A 整改台账 written as prose puts each problem and its measure in one numbered entry, the measure
after a label at a sentence start ("1、围墙开裂。整改措施:设警戒线,限期维修。"); a progress report
names each problem and goes on with what was done ("1、关于食堂排队问题。已增设窗口。"). Such an
entry is two items, linked: the problem, and the answer of the label's kind (or, after a named
problem, of the kind its own words tell). Reports written this way often have no list heading at
all; :func:`labelled_entries` reads their labels directly (lists.yaml ``entry_answers``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from junheng.core.model import ItemKind
from junheng.extractors.lists.entries import MIN_CHARS, Entry, trim_span
from junheng.extractors.lists.markers import find_marks
from junheng.extractors.lists.vocab import entry_kind, vocabulary

_SENTENCE_START = re.compile(r"(?:^|(?<=[。;；!！?？\n]))[ \t\u3000]*")
_SENTENCE_END = re.compile(r"[。;；!！?？\n]+[ \t\u3000\n]*")  # a run: "。\n" ends one sentence
_NUMBERED = frozenset({"cn", "paren_cn", "arabic", "paren_arabic", "circled"})
MIN_LABELS = 2
"""A report without a list heading is read by its labels when it has at least this many."""
ANSWER_CHARS = 2
"""An answer after its label may be as short as this ("整改措施:拆除。")."""
_OWN_POINTS = 3
"""A mark this close after a label opens the answer's own points, not the next entry."""


@dataclass(frozen=True, slots=True)
class Answered:
    """An entry read as its problem and the answers inside it, in text order."""

    problem: Entry
    answers: tuple[tuple[ItemKind, Entry], ...]


def _labels(text: str, start: int, end: int) -> list[tuple[ItemKind, re.Match[str]]]:
    """The answer labels at a sentence start in ``text[start:end]``, in text order."""
    labels = vocabulary().answer_labels
    if not any(pattern.search(text, start, end) for _, pattern in labels):
        return []  # most texts have none: no sentence-by-sentence look
    found = []
    for at in _SENTENCE_START.finditer(text, start, end):
        for kind, pattern in labels:
            label = pattern.match(text, at.end(), end)
            if label is not None:
                found.append((kind, label))
                break
    return found


def _piece(
    entry: Entry, text: str, begin: int, end: int, shortest: int = MIN_CHARS
) -> Entry | None:
    begin, end = trim_span(text, begin, end)
    if end - begin < shortest and not (end > begin and entry_kind(text[begin:end])):
        return None
    return replace(entry, start=begin, end=end)


def _problem(entry: Entry, text: str, begin: int, end: int) -> Entry | None:
    label = vocabulary().problem_label.match(text, begin, end)
    return _piece(entry, text, label.end() if label else begin, end)


def split_answered(text: str, entry: Entry) -> Answered | None:
    """``entry`` as a problem and its answers, or None when it carries no answer."""
    labels = _labels(text, entry.start, entry.end)
    if labels:
        problem = _problem(entry, text, entry.start, labels[0][1].start())
        answers = []
        for k, (kind, label) in enumerate(labels):
            stop = labels[k + 1][1].start() if k + 1 < len(labels) else entry.end
            piece = _piece(entry, text, label.end(), stop, ANSWER_CHARS)
            if piece is not None:
                answers.append((kind, piece))
        return Answered(problem, tuple(answers)) if problem and answers else None
    topic = vocabulary().topic_problem.match(text, entry.start, entry.end)
    if topic is None:
        return None
    rest = _piece(entry, text, topic.end(), entry.end)
    problem = _piece(entry, text, entry.start, topic.end())
    if rest is None or problem is None:
        return None
    words = text[rest.start : rest.end]
    kind = entry_kind(words, (ItemKind.OUTCOME, ItemKind.MEASURE)) or ItemKind.MEASURE
    return Answered(problem, ((kind, rest),))


def labelled_entries(text: str, start: int, end: int) -> list[Answered]:
    """The problems and answers of ``text[start:end]`` written with answer labels outside any
    list ("…1、A。整改措施:a。2、B。整改措施:b。"), when it has :data:`MIN_LABELS` or more: each
    problem runs back from its label to the list mark, the previous answer or the heading's colon
    before it; each answer runs to the next list mark or label, the last one to its paragraph's
    end."""
    labels = _labels(text, start, end)
    if len(labels) < MIN_LABELS:
        return []
    # every numbering mark at a sentence start bounds an entry (a copy that lost its line breaks
    # keeps "…后果。 2、教学楼…")
    marks = [m for m in find_marks(text, start, end) if m.at_break and m.family in _NUMBERED]
    found: list[Answered] = []
    floor = start
    for k, (kind, label) in enumerate(labels):
        begins = [m.end for m in marks if floor <= m.end <= label.start()]
        begin = max([floor, *begins])
        named = list(vocabulary().problem_label.finditer(text, begin, label.start()))
        if named:  # "隐患2:进出人员登记不全;保安脱岗。整改措施:…": the problem's own label opens it
            begin = named[-1].start()
        elif not begins:  # no list mark: the problem is the sentence before the label
            ends = [e.end() for e in _SENTENCE_END.finditer(text, begin, label.start())]
            begin = max([begin, *ends[:-1]])
        colon = max(text.rfind(":", begin, label.start()), text.rfind("：", begin, label.start()))
        if colon >= 0 and colon - begin <= 12:  # "二、体育设施:…": a category's name
            begin = colon + 1
        following = labels[k + 1][1].start() if k + 1 < len(labels) else end
        # a mark right after the label opens the answer's own points ("整改措施: 1、…")
        stops = [m.start for m in marks if label.end() + _OWN_POINTS < m.start < following]
        paragraph = text.find("\n", label.end(), end)
        stop = min([following, *stops, end if paragraph < 0 else paragraph])
        entry = Entry(begin, label.start(), "")
        problem = _problem(entry, text, begin, label.start())
        answer = _piece(entry, text, label.end(), stop, ANSWER_CHARS)
        if answer is not None and problem is not None:
            found.append(Answered(problem, ((kind, answer),)))
        elif answer is not None and found:  # a second label of one problem (整改情况: after 措施)
            last = found[-1]
            found[-1] = Answered(last.problem, (*last.answers, (kind, answer)))
        floor = stop
    return found


def named_entries(text: str, start: int, end: int) -> list[Answered]:
    """Numbered entries of ``text[start:end]`` that each open by naming a problem (``1、关于…
    问题。已…``), outside any list, when :data:`MIN_LABELS` or more do: each entry runs to the
    next mark or its paragraph's end, read by :func:`split_answered`."""
    vocab = vocabulary()
    if vocab.topic_problem.search(text, start, end) is None:
        return []
    marks = [m for m in find_marks(text, start, end) if m.at_break and m.family in _NUMBERED]
    found: list[Answered] = []
    for k, mark in enumerate(marks):
        if vocab.topic_problem.match(text, mark.end, end) is None:
            continue
        following = marks[k + 1].start if k + 1 < len(marks) else end
        paragraph = text.find("\n", mark.end, following)
        entry = Entry(
            mark.end, following if paragraph < 0 else paragraph, text[mark.start : mark.end]
        )
        split = split_answered(text, entry)
        if split is not None:
            found.append(split)
    return found if len(found) >= MIN_LABELS else []
