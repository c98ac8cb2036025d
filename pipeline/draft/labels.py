"""How figures, units and numbers read in Chinese: names, value formatting, punctuation.

These are the jinja2 filters of every template, so a re-worded template formats numbers the same
way the built-in one does. Nothing here invents a number: each function only formats its input.
"""

from __future__ import annotations

import re
from functools import cache

from junheng.extractors.catalogue import indicator_name as catalogue_indicator_name

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK = r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f“”‘’]"
_PUNCT_NEAR_CJK = re.compile(rf"(?<={_CJK})\s*([,;:?!])\s*|\s*([,;:?!])\s*(?={_CJK})")
_PAREN = re.compile(rf"\(([^()]*{_CJK}[^()]*)\)")


@cache
def indicator_name(indicator: str) -> str:
    """The 中文 name the catalogue gives an indicator id."""
    return catalogue_indicator_name(indicator)


def number(value: float | int | None) -> str:
    """``12.0`` → ``12``, ``99.7400`` → ``99.74``; at most two decimals, no exponent."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value)}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def value_with_unit(value: float | int, unit: str) -> str:
    """A value as a report writes it: ``99.74%``, ``1924万元``, ``11∶1`` (students per teacher)."""
    if unit == "%":
        return f"{number(value)}%"
    if unit == "元" and abs(value) >= 100_000:
        return f"{number(value / 10_000)}万元"
    if unit == "人/师":
        return f"{number(value)}∶1"
    return f"{number(value)}{unit}"


def cn_index(index: int) -> str:
    """1 → 一, 12 → 十二, 110 → 一百一十, 10001 → 一万零一: headings and lists of any length."""
    import cn2an  # imported here: it takes a quarter of a second, and only drafting needs it

    return str(cn2an.an2cn(int(index), "low"))


def cn_punct(text: str | None) -> str:
    """Half-width , ; : ? ! ( ) next to Chinese become full-width, as the official format wants.

    Source text often mixes them (``运动场不达标,无100米直跑道``); numbers such as ``1:11`` and
    ``3.74`` are left alone because they have no Chinese on either side.
    """
    if not text:
        return ""
    text = _PAREN.sub(lambda m: f"（{m.group(1)}）", text)
    return _PUNCT_NEAR_CJK.sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)


def sentence(text: str | None) -> str:
    """Chinese punctuation and a closing 。 unless the text already ends a sentence."""
    text = cn_punct(text).strip()
    if text and text[-1] not in "。！？；：…":
        text += "。"
    return text


def clause(text: str | None) -> str:
    """Chinese punctuation and no closing mark, for text set inside a longer sentence."""
    return cn_punct(text).strip().rstrip("。；;，,")


def join_cn(values: list[str] | tuple[str, ...], sep: str = "、") -> str:
    return sep.join(v for v in values if v)


FILTERS = {
    "indicator_name": indicator_name,
    "number": number,
    "value_with_unit": value_with_unit,
    "cn_index": cn_index,
    "cn_punct": cn_punct,
    "sentence": sentence,
    "clause": clause,
    "join_cn": join_cn,
}
