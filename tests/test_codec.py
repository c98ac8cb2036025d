"""junheng.core.codec: the offset map written as runs gives back every character's source."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from junheng.core.codec import offset_runs
from junheng.core.document import build_document
from junheng.core.model import Block, BlockKind

# What normalisation drops or folds: spaces, zero-width characters, full-width digits, ⒈, a
# line break inside a word; and plain Chinese and digits that map one to one.
_RAW = st.text(alphabet="义务教育均衡 \u200b１２3.。⒈\n“”，,%", max_size=60)


def _expand(runs: list[list[int]]) -> list[int]:
    return [raw + k for _, raw, length in runs for k in range(length)]


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(paragraphs=st.lists(_RAW, min_size=1, max_size=4))
def test_runs_give_back_the_offset_map(paragraphs: list[str]) -> None:
    doc = build_document("t.txt", "txt", [Block(BlockKind.PARAGRAPH, p) for p in paragraphs])
    runs = offset_runs(doc)
    assert _expand(runs) == list(doc.offsets.source)
    assert [start for start, _, _ in runs] == sorted({start for start, _, _ in runs})
    for (start, raw, length), (next_start, next_raw, _) in pairwise(runs):
        assert next_start == start + length
        assert next_raw != raw + length  # runs are maximal: a run only ends where the map jumps


def test_a_plain_text_is_one_run() -> None:
    doc = build_document("t.txt", "txt", [Block(BlockKind.PARAGRAPH, "生均图书38册")])
    assert offset_runs(doc) == [[0, 0, len("生均图书38册")]]
