"""Measures of text shared by the extractors, the drafts and the evaluation.

:func:`dice` is the one character-bigram Dice of the project: the contract's measure of "the
same item" (shared/CONTRACT.md, items), also what the lists' links and the drafts' problem groups
compare texts by.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from junheng.core.normalize import to_simplified

_SPACE = re.compile(r"\s+")


def bigrams(text: str) -> list[str]:
    """The character bigrams of ``text`` after NFKC, whitespace dropped and Simplified script;
    a one-character text is its own single gram, an empty one has none."""
    chars = to_simplified(_SPACE.sub("", unicodedata.normalize("NFKC", text or "")))
    return [chars[i : i + 2] for i in range(len(chars) - 1)] or ([chars] if chars else [])


def dice(a: str, b: str) -> float:
    """Character-bigram Dice of two texts, over bigram multisets (see :func:`bigrams`); 0.0 when
    either has no characters.

    >>> dice("生均图书不足,缺600册", "生均图书不足，缺600册")
    1.0
    >>> round(dice("卫生保健室设备不足", "心理咨询室设备不足"), 3)
    0.5
    """
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    shared = sum((Counter(x) & Counter(y)).values())
    return 2 * shared / (len(x) + len(y))
