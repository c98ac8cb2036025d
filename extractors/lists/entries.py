"""The entries of one list region: numbering found, nesting resolved, leaves cut to their text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.lists.markers import Mark, accept, find_marks
from extractors.lists.vocab import vocabulary

MIN_CHARS = 6
_TRIM = " \t\u3000\n。;；,，:：.、!！?？"
_TITLE_LIKE = re.compile(r"^[^,，;；:：]{1,24}$")


@dataclass(frozen=True, slots=True)
class Entry:
    """A leaf entry: its text ``[start, end)`` in the document, numbering stripped."""

    start: int
    end: int
    mark: str


def parse_entries(
    text: str, start: int, end: int, *, free_start: bool = True, open_end: bool = True
) -> list[Entry]:
    """The leaf entries of ``text[start:end]`` in order (an entry with sub-points gives its
    sub-points, not itself). When the list runs to an ``open_end`` (the report's end, not the
    next heading), its last entry keeps only its first paragraph unless that paragraph is a short
    title over a body: what follows is the report's closing prose."""
    kept = accept(find_marks(text, start, end), free_start=free_start)
    entries: list[Entry] = []
    for i, (mark, depth) in enumerate(kept):
        following = kept[i + 1] if i + 1 < len(kept) else None
        if following is not None and following[1] > depth:
            continue  # a heading over sub-points: the leaves are the items
        stop = following[0].start if following is not None else end
        if following is None and open_end:
            stop = _last_entry_end(text, mark.end, stop)
        entry = _trim(text, mark, stop)
        if entry is not None:
            entries.append(entry)
    return entries


def _last_entry_end(text: str, begin: int, stop: int) -> int:
    """Where the last entry of a list ends: after its first paragraph, or after its body when
    that paragraph is a short title (``13.大力推动享受教育机会均衡发展。`` + a paragraph)."""
    first_break = text.find("\n", begin, stop)
    if first_break < 0:
        return stop
    first = text[begin:first_break].strip(_TRIM)
    if _TITLE_LIKE.match(first):
        second = text.find("\n", first_break + 1, stop)
        return stop if second < 0 else second
    return first_break


def _trim(text: str, mark: Mark, stop: int) -> Entry | None:
    begin, end = mark.end, stop
    while begin < end and text[begin] in _TRIM:
        begin += 1
    while end > begin and text[end - 1] in _TRIM:
        end -= 1
    body = text[begin:end]
    if len(body) < MIN_CHARS or vocabulary().boilerplate.search(body):
        return None
    return Entry(begin, end, text[mark.start : mark.end].strip())
