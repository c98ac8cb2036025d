"""junheng.core.words: jieba's two-character words, read from its dictionary file directly."""

from __future__ import annotations

import jieba
import pytest
from junheng.core.normalize import normalize
from junheng.core.words import is_word, two_char_words


@pytest.fixture(scope="module")
def jieba_freq() -> dict[str, int]:
    tokenizer = jieba.Tokenizer()  # the default dictionary, untouched by jieba.add_word calls
    tokenizer.initialize()
    return tokenizer.FREQ


@pytest.mark.slow
def test_the_two_character_words_are_jiebas(jieba_freq: dict[str, int]) -> None:
    expected = {w for w, f in jieba_freq.items() if len(w) == 2 and f > 0}
    assert two_char_words() == expected
    assert len(expected) > 50_000


@pytest.mark.parametrize(
    ("pair", "word"), [("教育", True), ("均衡", True), ("育均", False), ("教x", False)]
)
def test_is_word(pair: str, word: bool) -> None:
    assert is_word(pair) is word


def test_anti_scraping_dots_inside_words_are_dropped() -> None:
    assert normalize("义务教·育均衡")[0] == "义务教育均衡"
    assert normalize("教育·均衡")[0] == "教育·均衡"  # 育均 is no word: the dot is text
