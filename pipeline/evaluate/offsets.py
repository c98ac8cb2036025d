"""From the system's offsets (into a document's normalised text) to offsets into the gold's file.

A documents.jsonl row holds the normalised ``text``, the ``raw_text`` it came from and
``offset_runs``: ``[text_start, raw_start, length]`` runs over which the two advance one to one.
For a .txt input the raw text should be the file's text; the reader drops blank lines and a final
line break, so where the two differ the raw text is aligned onto the file's text (whitespace and
a BOM skipped, else a character diff) and the alignment is reported.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Sequence
from dataclasses import dataclass

_SKIPPABLE = frozenset("\ufeff\u200b")


def _skippable(ch: str) -> bool:
    return ch.isspace() or ch in _SKIPPABLE


def _walk(raw: str, target: str) -> list[int] | None:
    """Raw index → target index when the two differ only by whitespace (and a BOM); None when
    some other character differs."""
    mapping = [0] * (len(raw) + 1)
    i = j = 0
    while i < len(raw):
        if j < len(target) and raw[i] == target[j]:
            mapping[i] = j
            i += 1
            j += 1
        elif j < len(target) and _skippable(target[j]):
            j += 1
        elif _skippable(raw[i]):
            mapping[i] = j
            i += 1
        else:
            return None
    mapping[len(raw)] = len(target)
    return mapping


def _diff(raw: str, target: str) -> tuple[list[int], int]:
    """Raw index → target index by a character diff, and how many raw characters it matched."""
    mapping = [-1] * (len(raw) + 1)
    matched = 0
    matcher = difflib.SequenceMatcher(None, raw, target, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            mapping[a + k] = b + k
        matched += size
    mapping[len(raw)] = len(target)
    following = len(target)
    for i in range(len(raw) - 1, -1, -1):  # an unmatched character: where the next one is
        if mapping[i] < 0:
            mapping[i] = following
        else:
            following = mapping[i]
    return mapping, matched


@dataclass(frozen=True)
class TextMap:
    """Normalised offsets of one document → offsets in the file's text."""

    run_starts: tuple[int, ...]
    runs: tuple[tuple[int, int, int], ...]
    raw_length: int
    text_length: int
    raw_to_file: tuple[int, ...] | None  # None: the raw text is the file's text
    matched: int  # raw characters found again in the file's text
    how: str  # "same", "whitespace" or "diff"

    @classmethod
    def build(
        cls, runs: Sequence[Sequence[int]], raw_text: str, file_text: str, text_length: int
    ) -> TextMap:
        ordered = tuple(sorted((int(a), int(b), int(n)) for a, b, n in runs))
        mapping: list[int] | None
        if raw_text == file_text:
            mapping, matched, how = None, len(raw_text), "same"
        elif (mapping := _walk(raw_text, file_text)) is not None:
            matched = sum(1 for ch in raw_text if not _skippable(ch))
            how = "whitespace"
        else:
            mapping, matched = _diff(raw_text, file_text)
            how = "diff"
        return cls(
            run_starts=tuple(r[0] for r in ordered),
            runs=ordered,
            raw_length=len(raw_text),
            text_length=text_length,
            raw_to_file=None if mapping is None else tuple(mapping),
            matched=matched,
            how=how,
        )

    @classmethod
    def identity(cls, length: int) -> TextMap:
        return cls((0,), ((0, 0, length),), length, length, None, length, "same")

    def _raw(self, pos: int) -> int:
        if pos >= self.text_length or not self.runs:
            return self.raw_length
        at = bisect.bisect_right(self.run_starts, pos) - 1
        if at < 0:
            return self.runs[0][1]
        start, raw, length = self.runs[at]
        if pos < start + length:
            return raw + pos - start
        return self.runs[at + 1][1] if at + 1 < len(self.runs) else self.raw_length

    def _file(self, raw: int) -> int:
        if self.raw_to_file is None:
            return raw
        return self.raw_to_file[min(max(raw, 0), self.raw_length)]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The file's ``[start, end)`` that normalised ``[start, end)`` came from."""
        if end <= start:
            at = self._file(self._raw(start))
            return at, at
        return self._file(self._raw(start)), self._file(self._raw(end - 1)) + 1


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two ``[start, end)`` spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def snippet(text: str, start: int, end: int, width: int = 14) -> str:
    """``…before[the span]after…`` on one line, for a reader to find the place."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    flat = "".join(
        (before, "[", text[start:end][:60], "]", after)
    ).replace("\r", "").replace("\n", "⏎")
    return ("…" if start > width else "") + flat + ("…" if end + width < len(text) else "")
