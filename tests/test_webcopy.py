"""Web-copy debris (issue 14): ruby glosses and sharing-site separators, and the property that the
normalised view does not see them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from junheng.core.normalize import normalize
from junheng.core.webcopy import gloss_edits, separator_edits

_HAN = list("教育均衡发展学校小学初中生师比率人所元万亿年月日督導檢查組對縣區義務國專")
_OTHER = list("0123456789。，,.、:;()“”《》% \n")
# Glosses as real pages write them, tone marks and all, and a few invented ones.
_GLOSSES = ["(yù)", "(nèi)", "(jīng)", "(fèi)", "(dǎo)", "(duì)", "(gè)", "(qū)", "(wù)",
            "（guó）", "(zhuān)", "(xiāng)", "(jiào yù)", "(lǚ)"]  # fmt: skip
_SEPARATORS = ["@#@", "＠＃＠"]


@pytest.mark.parametrize(
    ("raw", "glosses"),
    [
        ("預(yù)算內(nèi)", ["(yù)", "(nèi)"]),
        ("30個(gè)縣(區(qū))", ["(gè)", "(qū)"]),
        ("x大路(xxxx)", []),
        ("新华社(記者 某某)电", []),
        ("幼儿园(含民办)", []),
        # neutral tone, no tone mark: a gloss on a glossed page only
        ("學校的(de)教(jiào)育(yù)經(jīng)費", ["(de)", "(jiào)", "(yù)", "(jīng)"]),
        ("教(jiào)育(yù)的(de)", ["(jiào)", "(yù)"]),
        ("標注的(de)讀音", []),
    ],
)
def test_webcopy_gloss_edits(raw: str, glosses: list[str]) -> None:
    assert [raw[start:end] for start, end, _ in gloss_edits(raw)] == glosses


def test_webcopy_separator_edits() -> None:
    raw = "四、整改措施@#@一是加强领导@#@二是"
    assert [(raw[s:e], r) for s, e, r in separator_edits(raw)] == [("@#@", "\n")] * 2


def test_webcopy_a_cyrillic_er_between_chinese_text_is_a_paragraph_break() -> None:
    """A preview site's Р where a paragraph ended (…对策和建议Р(一)…); a Р in Cyrillic or Latin
    text is a letter."""
    raw = "二、对策和建议Р(一)改善办学条件。Р二是补充教师"
    assert [(raw[s:e], r) for s, e, r in separator_edits(raw)] == [("Р", "\n")] * 2
    assert list(separator_edits("Русский Р-1 模型")) == []


@st.composite
def _copied(draw: st.DrawFn) -> tuple[str, str]:
    """A clean text and the same text as a web copy: glosses after some Han characters, and a
    site separator where the clean text has a line break of its own."""
    clean: list[str] = []
    dirty: list[str] = []
    for ch in draw(st.lists(st.sampled_from(_HAN + _OTHER), max_size=60)):
        clean.append(ch)
        dirty.append(ch)
        if ch in _HAN and draw(st.integers(0, 3)) == 0:
            dirty.append(draw(st.sampled_from(_GLOSSES)))
        if draw(st.integers(0, 7)) == 0:
            clean.append("\n")
            dirty.append(draw(st.sampled_from(_SEPARATORS)))
    return "".join(clean), "".join(dirty)


@settings(max_examples=300, deadline=None)
@given(_copied())
def test_webcopy_normalised_view_ignores_glosses_and_separators(pair: tuple[str, str]) -> None:
    clean, raw = pair
    text, offsets = normalize(raw)
    assert text == normalize(clean)[0]
    source = list(offsets.source)
    assert source == sorted(source)
    assert all(0 <= s < len(raw) for s in source)
    for i, ch in enumerate(text):
        origin = raw[source[i]]
        # a line break comes from a separator or a line break; nothing comes from a gloss
        assert origin not in "()（）" or ch in "()", (i, ch, origin)
        assert ch != "\n" or origin in "\n@＠", (i, origin)
    for start in range(len(text)):
        raw_start, raw_end = offsets.to_raw(start, len(text))
        assert 0 <= raw_start < raw_end <= len(raw)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("小学净入学率[3]99.9%", "小学净入学率99.9%"),
        ("全省共有普通高中［12］612所", "全省共有普通高中612所"),
        ("[1]引言", "[1]引言"),  # a numbered line, not a reference after a term
        ("数据2019[3]年", "数据2019[3]年"),
    ],
)
def test_webcopy_footnote_references_after_a_term_are_dropped(raw: str, clean: str) -> None:
    assert normalize(raw)[0] == clean
