"""Chinese ordinals of headings and lists: correct for any count, so a batch of any size drafts."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st
from junheng.draft.labels import cn_index

NUMERALS = set("零一二三四五六七八九十百千万亿")


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (120, "一百二十"),
        (1000, "一千"),
        (1010, "一千零一十"),
        (10_000, "一万"),
        (100_001, "十万零一"),
    ],
)
def test_draft_ordinals_known_values(n: int, expected: str) -> None:
    assert cn_index(n) == expected


@given(st.integers(min_value=1, max_value=10**12))
def test_draft_ordinals_round_trip_any_size(n: int) -> None:
    text = cn_index(n)
    assert set(text) <= NUMERALS
    assert cn2an.cn2an(text, "strict") == n
