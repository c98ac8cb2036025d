"""junheng.core.scan: finditer's matches, found by trying a pattern only where one can begin."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from junheng.core.normalize import normalize
from junheng.core.scan import first_chars, scan
from junheng.extractors.lists.markers import MARK
from junheng.extractors.numbers import _PATTERN as QUANTITY

SEEDS = Path(__file__).parents[1] / "corpus" / "seeds"


def _spans(matches: object) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("pattern", "starts", "not_starts"),
    [
        (r"(?<!\d)abc|x+y", "ax", "bcy"),
        (r"(?P<a>\s*-\s)|第\d", "- \t\n第", "1x"),
        (r"(?:近|约)?\d+(?:万)?元", "近约0९", "万元"),
        (r"^\W*标签:|^版权", "标版 :(", "签权"),  # \d: any Unicode digit, as re has it
    ],
)
def test_first_chars_are_every_possible_start(pattern: str, starts: str, not_starts: str) -> None:
    chars = first_chars(re.compile(pattern))
    assert chars is not None
    assert all(chars.fullmatch(c) for c in starts)
    assert not any(chars.fullmatch(c) for c in not_starts)


@pytest.mark.parametrize(
    "pattern", [r"a*", r"(?:x|)y?", r".b", r"[^a]b", r"(a)?\1b", r"x|(?i:page)"]
)
def test_patterns_that_can_start_anywhere_are_left_to_finditer(pattern: str) -> None:
    assert first_chars(re.compile(pattern)) is None
    assert first_chars(re.compile("ab", re.IGNORECASE)) is None


def test_real_patterns_get_a_start_class() -> None:
    assert first_chars(QUANTITY) is not None
    assert first_chars(MARK) is not None


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seed_matches_are_finditers(path: Path) -> None:
    text = normalize(path.read_text(encoding="utf-8"))[0]
    for pattern in (QUANTITY, MARK):
        assert _spans(scan(pattern, text)) == _spans(pattern.finditer(text))


_ALPHABET = (
    "0123456789.,:%-—~ 　\n()（）、。是第一二三四五六七八九十百千万亿两零〇"
    "余多近约人所元年月日号班个名台册①②首先其次最后xX_@a.com"
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=_ALPHABET, max_size=80),
    start=st.integers(0, 90),
    length=st.integers(0, 90),
)
def test_any_window_of_any_text_gives_finditers_matches(text: str, start: int, length: int) -> None:
    end = min(len(text), start + length)
    for pattern in (QUANTITY, MARK):
        expected = _spans(pattern.finditer(text, start, end))
        assert _spans(scan(pattern, text, start, end)) == expected
