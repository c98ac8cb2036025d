"""Garbage text: a file that decodes, but into characters no Chinese report is written in.

A UTF-16 file read as another encoding, UTF-8 read as Latin-1 (mojibake: ``æ\x9c\x89``), a PDF
whose fonts map glyphs to private-use code points or to nothing (U+FFFD): each gives a text that
reads "ok" and yields no figures. :func:`garbage_reason` says so, as a warning that makes the file
``partial``, when most of its characters are outside what reports are written in.

What counts as expected: ASCII; the CJK ideographs (unified, extension A, compatibility) and
radicals; CJK and general punctuation, full-width forms, the symbols reports use (①, ㎡, ℃, ×, ·,
★, box drawing, arrows, Roman numerals); Bopomofo; and the Latin letters of pinyin with tone
marks (the glosses of Traditional-script pages). Everything else counts against the text:
U+FFFD, private use, C1 controls, other Latin-1 letters (the mark of mojibake), other scripts.
"""

from __future__ import annotations

import re

GARBAGE_SHARE = 0.3
"""A text is garbage when more than this share of its non-space characters is unexpected.

How it was chosen (``tests/test_ingest_garbage.py`` measures both sides, 2026-12-01): the five
seed reports and the 50 dev-corpus pages, 13 of them Traditional with pinyin glosses and all with
their scrape noise, score 0 (not one unexpected character); the garbage this is meant for scores
0.64 or more (the seeds' UTF-8 read as UTF-16: 0.65, a third of random BMP code points falling in
the CJK block; UTF-8 read as Latin-1 or cp1252: 0.68–0.84; GBK read as Latin-1: 0.65; U+FFFD or
private-use text from broken PDF fonts: 0.85–1). 0.3 sits far from both; a text half real and half
garbage (one broken PDF font among two) is flagged too."""
MIN_CHARS = 40
"""Texts with fewer non-space characters than this are not judged (a title alone, a stub)."""
SAMPLE_CHARS = 2_000_000
"""Only the first this many characters are counted (linear, and plenty to judge by)."""

_PINYIN = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿêĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙÜ"
_EXPECTED_RANGES = (
    "\x20-\x7e",  # ASCII
    "\u00a0\u00a7\u00a9\u00ab\u00ae\u00b0\u00b1\u00b7\u00bb\u00d7\u00f7",  # § © « ® ° ± · » × ÷
    "\u0391-\u03c9\u0401-\u0451",  # Greek and Cyrillic letters (GB 2312 has them: α, β, Ω)
    "\u2000-\u206f",  # general punctuation: — … ‘’ “” ‰ ※
    "\u2100-\u23ff",  # letterlike (℃ №), number forms (Ⅰ Ⅱ), arrows, maths (≥ ≤ ≈), technical
    "\u2460-\u27bf",  # enclosed ①, box drawing, blocks, shapes (■ ○), symbols (★ ☆), dingbats
    "\u2e80-\u2fdf",  # CJK radicals, Kangxi radicals (scraped pages use ⽂ for 文)
    "\u3000-\u33ff",  # CJK punctuation, kana, Bopomofo, enclosed CJK (㈠), CJK compatibility (㎡)
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",  # CJK ideographs: extension A, unified, compat.
    "\ufe10-\ufe1f\ufe30-\ufe6f",  # vertical forms, CJK compatibility forms, small forms
    "\uff00-\uffef",  # full-width and half-width forms
    "\U00020000-\U0003134f",  # CJK extensions B–G (rare names of places and people)
    "\U0001f300-\U0001faff",  # emoji and pictographs (scraped pages)
)
_UNEXPECTED = re.compile(f"[^\\s{''.join(_EXPECTED_RANGES)}{_PINYIN}]")
_SPACE = re.compile(r"\s+")


def unexpected_share(text: str) -> tuple[float, int]:
    """The share of the non-space characters of ``text`` (its first :data:`SAMPLE_CHARS`) that
    are unexpected, and how many non-space characters were counted.

    >>> unexpected_share("全县义务教育巩固率达到95.6%")[0]
    0.0
    >>> round(unexpected_share("å…¨åŽ¿ä¹‰åŠ¡æ•™è‚²")[0], 2)
    0.67
    """
    sample = text[:SAMPLE_CHARS]
    counted = len(_SPACE.sub("", sample))
    if not counted:
        return 0.0, 0
    return (len(sample) - len(_UNEXPECTED.sub("", sample))) / counted, counted


def garbage_reason(text: str) -> str | None:
    """A one-line Chinese warning when ``text`` looks like garbage, else None."""
    share, counted = unexpected_share(text)
    if counted < MIN_CHARS or share <= GARBAGE_SHARE:
        return None
    return (
        f"文本疑似乱码：{share:.0%} 的字符不是中文、英文或常用符号"
        "（可能是编码识别错误或 PDF 字体损坏），未能可靠读取，请检查原文件"
    )
