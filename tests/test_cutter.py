"""extractors.lists.cutter: jieba's segmentation over the domain words, token for token."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.lists import extract
from extractors.lists.links import _cutter, _plain, _tokenizer
from pipeline.ingest import read_file
from pipeline.segment import segment

SEEDS = sorted((Path(__file__).parents[1] / "corpus" / "seeds").glob("*.txt"))


def _jieba(text: str) -> list[str]:
    return list(_tokenizer().cut(text, HMM=False))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_every_seed_item_cuts_as_jieba_cuts_it(path: Path) -> None:
    doc = read_file(path)
    texts = [_plain(item.text) for item in extract(doc, segment(doc))]
    assert texts
    for text in texts:
        assert _cutter().cut(text) == _jieba(text), text


def test_domain_words_come_out_whole() -> None:
    tokens = _cutter().cut("生均图书不足,缺600册ICP备")
    assert "生均图书" in tokens and "600" in tokens and "ICP" in tokens


def _domain_alphabet() -> str:
    words = [w for w, count in _tokenizer().FREQ.items() if count]
    return "".join(sorted(set("".join(words)))) + "的了和0123456789abcXY .,-%\n\r\t、。（）"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(_domain_alphabet()), max_size=60))
def test_any_text_over_the_domain_characters_cuts_as_jieba(text: str) -> None:
    assert _cutter().cut(text) == _jieba(text)
