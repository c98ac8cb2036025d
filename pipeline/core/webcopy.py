"""What a web copy adds to a report's text: pinyin ruby glosses, footnote references and
sharing-site separators.

Both are found on the raw text, before any folding, and given to the normaliser as edits (see
:mod:`junheng.core.normalize`): a gloss is dropped, a separator becomes one line break. The words
live in ``data/webcopy.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from junheng.core.yamldata import package_yaml

# An edit replaces raw[start:end] of the current text by `replacement`.
Edit = tuple[int, int, str]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@cache
def _data() -> dict:
    data: dict = package_yaml("junheng.core", "data/webcopy.yaml")
    return data


@cache
def _gloss_re() -> re.Pattern[str]:
    """``(yù)``, ``（jiào yù）``: a few pinyin syllables in brackets, one tone mark at least."""
    pinyin = _data()["pinyin"]
    initials = "|".join(sorted(pinyin["initials"], key=len, reverse=True))
    codas = "|".join(sorted(pinyin["codas"], key=len, reverse=True))
    letters = pinyin["vowels"] + pinyin["toned"]
    syllable = f"(?:{initials})?[{letters}]{{1,4}}(?:{codas})?"
    more = pinyin["max_syllables"] - 1
    # The bracket first, then what stands before it: a pattern that opens with a character class
    # is searched for that class alone, a lookbehind at every position.
    return re.compile(
        f"[(（](?<=[{_HAN}A-Za-z][(（])(?=[^)）]*[{pinyin['toned']}])"
        f"{syllable}(?: ?{syllable}){{0,{more}}}[)）]"
    )


@cache
def _separator_re() -> re.Pattern[str]:
    separators = sorted(_data()["separators"], key=len, reverse=True)
    between = "|".join(map(re.escape, _data()["separators_in_chinese"]))
    chinese = r"[\u4e00-\u9fff。，,：:；;）)、“”]"
    return re.compile(
        "|".join(map(re.escape, separators)) + rf"|(?<={chinese})(?:{between})(?={chinese}|[(（])"
    )


@cache
def _neutral_re() -> re.Pattern[str]:
    """``(de)`` after a Han character: a neutral-tone syllable, which has no tone mark."""
    neutral = "|".join(sorted(_data()["pinyin"]["neutral"], key=len, reverse=True))
    return re.compile(f"[(（](?<=[{_HAN}][(（])(?:{neutral})[)）]")


def _glossed(raw: str) -> bool:
    """Whether ``raw`` is a glossed page: enough glosses with tone marks."""
    wanted = _data()["pinyin"]["min_toned"]
    return any(n + 1 >= wanted for n, _ in enumerate(_gloss_re().finditer(raw)))


def gloss_edits(raw: str) -> Iterable[Edit]:
    """Drop every ruby gloss: 預(yù)算 → 預算; on a glossed page also 的(de)."""
    found = [match.span() for match in _gloss_re().finditer(raw)]
    if _glossed(raw):
        found += [match.span() for match in _neutral_re().finditer(raw)]
    for start, end in sorted(found):
        yield start, end, ""


def gloss_end(raw: str, pos: int) -> int:
    """Where a ruby gloss that starts at ``raw[pos]`` ends (``pos`` when none does)."""
    match = _gloss_re().match(raw, pos) or (_glossed(raw) and _neutral_re().match(raw, pos))
    return match.end() if match else pos


@cache
def _footnote_re() -> re.Pattern[str]:
    digits = int(_data()["footnote_max_digits"])
    return re.compile(f"[\\[［](?<=[{_HAN}][\\[［])[0-9０-９]{{1,{digits}}}[\\]］]")


def footnote_edits(raw: str) -> Iterable[Edit]:
    """Drop every footnote reference after a term: 巩固率[9]95.4% → 巩固率95.4%."""
    for match in _footnote_re().finditer(raw):
        yield match.start(), match.end(), ""


def separator_edits(raw: str) -> Iterable[Edit]:
    """Each sharing-site separator becomes a line break: 整改措施@#@一是… → 整改措施⏎一是…"""
    for match in _separator_re().finditer(raw):
        yield match.start(), match.end(), "\n"


def web_copy_edits(raw: str) -> list[Edit]:
    """The glosses, footnote references and separators of ``raw``, sorted (they never
    overlap)."""
    return sorted([*gloss_edits(raw), *footnote_edits(raw), *separator_edits(raw)])
