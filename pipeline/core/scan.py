"""Leftmost-first regex scanning that skips, in C, the positions where no match can begin.

Python's ``re`` tries a pattern at every position of the text unless the pattern starts with a
literal or a character class. junheng's big alternations (the quantity pattern: a dozen named
branches, lookbehinds first) start with neither, so ``finditer`` runs the whole alternation at each
of a report's characters. :func:`first_chars` works out, from the parsed pattern, every character
a match can start with; :func:`scan` jumps between those with one class search and tries the
pattern only there. The matches are exactly ``finditer``'s (a pattern that can match the empty
string, or whose start is not known, is left to ``finditer``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import cast

try:  # the parser behind re.compile (Python ≥ 3.11); without it scan() is plain finditer
    # private CPython modules, read on purpose; typeshed does not declare them
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older or other Pythons
    _c = _sre_parse = None

_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_NOT_WORD": r"\W",
}

Firsts = tuple[frozenset[str] | None, bool]
"""A piece's possible first characters (as class fragments; None: any character) and whether it
can match the empty string."""


def _class_items(items: list[tuple[object, object]]) -> frozenset[str] | None:
    fragments: set[str] = set()
    for op, arg in items:
        if op is _c.LITERAL:
            fragments.add(re.escape(chr(arg)))  # type: ignore[arg-type]
        elif op is _c.RANGE:
            low, high = cast("tuple[int, int]", arg)
            fragments.add(f"{re.escape(chr(low))}-{re.escape(chr(high))}")
        elif op is _c.CATEGORY and str(arg) in _CATEGORIES:
            fragments.add(_CATEGORIES[str(arg)])
        else:  # a negated class: not worked out
            return None
    return frozenset(fragments)


def _piece(op: object, arg: object) -> Firsts:
    if op is _c.LITERAL:
        return frozenset({re.escape(chr(arg))}), False  # type: ignore[arg-type]
    if op is _c.IN:
        return _class_items(arg), False  # type: ignore[arg-type]
    if op is _c.BRANCH:
        found: set[str] = set()
        empty = False
        for alternative in arg[1]:  # type: ignore[index]
            chars, nullable = _sequence(alternative)
            if chars is None:
                return None, False
            found |= chars
            empty |= nullable
        return frozenset(found), empty
    if op is _c.SUBPATTERN:
        if arg[1] & re.IGNORECASE:  # type: ignore[index]  # (?i:…): other cases start it too
            return None, False
        return _sequence(arg[3])  # type: ignore[index]
    if op is _c.ATOMIC_GROUP:
        return _sequence(arg)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _, body = cast("tuple[int, int, object]", arg)
        chars, nullable = _sequence(body)
        return chars, nullable or low == 0
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):  # zero width: a lookaround only narrows
        return frozenset(), True
    return None, False  # ANY, back-references, conditionals: not worked out


def _sequence(items: object) -> Firsts:
    found: set[str] = set()
    for op, arg in items:  # type: ignore[attr-defined]
        chars, nullable = _piece(op, arg)
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return frozenset(found), False
    return frozenset(found), True


@cache
def first_chars(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A character class of every character a match of ``pattern`` can start with; None when a
    match can be empty, can start anywhere, or the pattern's form is not worked out."""
    if _sre_parse is None or not isinstance(pattern.pattern, str):
        return None
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        chars, nullable = _sequence(_sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # a parser of another version: fall back to finditer
        return None
    if chars is None or nullable or not chars:
        return None
    return re.compile("[" + "".join(sorted(chars)) + "]")


def scan(
    pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, start, end)``, trying the pattern only where a match can begin."""
    end = len(text) if end is None else end
    starts = first_chars(pattern)
    if starts is None:
        yield from pattern.finditer(text, start, end)
        return
    search, match = starts.search, pattern.match
    position = start
    while (candidate := search(text, position, end)) is not None:
        at = candidate.start()
        found = match(text, at, end)
        if found is None:
            position = at + 1
            continue
        yield found
        position = found.end()  # never empty: first_chars refuses patterns that can be
