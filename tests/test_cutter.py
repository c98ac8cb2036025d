"""junheng.extractors.lists.cutter: jieba's segmentation over the domain words, token for token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from junheng.extractors.lists import extract
from junheng.extractors.lists.cutter import ENGLISH, HAN, SKIP, prefix_dictionary
from junheng.extractors.lists.links import _cutter, _plain, domain_words
from junheng.segment import segment

SEEDS = sorted((Path(__file__).parents[1] / "corpus" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """jieba's own tokenizer over the domain words, from a dictionary file as jieba reads them."""
    folder = tmp_path_factory.mktemp("jieba")
    path = folder / "domain.txt"
    path.write_text("\n".join(f"{w} {1000 * len(w)}" for w in domain_words()), encoding="utf-8")
    tokenizer = jieba.Tokenizer(dictionary=str(path))
    tokenizer.tmp_dir = str(folder)  # jieba's cache file goes there, not into the shared tmp
    tokenizer.initialize()
    return tokenizer


def test_the_patterns_and_prefix_dictionary_are_jiebas(tokenizer: Any) -> None:
    assert (HAN.pattern, SKIP.pattern, ENGLISH.pattern) == (
        jieba.re_han_default.pattern,
        jieba.re_skip_default.pattern,
        jieba.re_eng.pattern,
    )
    ours = prefix_dictionary((w, 1000 * len(w)) for w in domain_words())
    assert ours == (tokenizer.FREQ, tokenizer.total)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_every_seed_item_cuts_as_jieba_cuts_it(path: Path, tokenizer: Any, seed_doc) -> None:
    doc = seed_doc(path.name)
    texts = [_plain(item.text) for item in extract(doc, segment(doc))]
    assert texts
    for text in texts:
        assert _cutter().cut(text) == list(tokenizer.cut(text, HMM=False)), text


def test_domain_words_come_out_whole() -> None:
    tokens = _cutter().cut("生均图书不足,缺600册ICP备")
    assert "生均图书" in tokens and "600" in tokens and "ICP" in tokens


def _domain_alphabet() -> str:
    words = domain_words()
    return "".join(sorted(set("".join(words)))) + "的了和0123456789abcXY .,-%\n\r\t、。（）"


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(_domain_alphabet()), max_size=60))
def test_any_text_over_the_domain_characters_cuts_as_jieba(text: str, tokenizer: Any) -> None:
    assert _cutter().cut(text) == list(tokenizer.cut(text, HMM=False))
