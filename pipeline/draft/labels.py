"""How figures, units and numbers read in Chinese: names, value formatting, punctuation.

These are the jinja2 filters of every template, so a re-worded template formats numbers the same
way the built-in one does. Nothing here invents a number: each function only formats its input.
"""

from __future__ import annotations

import re
from functools import cache

from junheng.extractors.school_tables import indicator_name as table_indicator_name

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK = r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f“”‘’]"
_PUNCT_NEAR_CJK = re.compile(rf"(?<={_CJK})\s*([,;:?!])\s*|\s*([,;:?!])\s*(?={_CJK})")
_PAREN = re.compile(rf"\(([^()]*{_CJK}[^()]*)\)")


@cache
def indicator_name(indicator: str) -> str:
    """The 中文 name the catalogue gives an indicator id (or, for a column only school tables
    have, the standard's wording: :func:`junheng.extractors.school_tables.indicator_name`)."""
    return table_indicator_name(indicator)


def number(value: float | int | None) -> str:
    """``12.0`` → ``12``, ``99.7400`` → ``99.74``; at most two decimals, no exponent."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value)}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def coefficient(value: float | None) -> str:
    """A 差异系数 as the drafts print it: three decimals (``0.412``), as published tables do."""
    return "" if value is None else f"{value:.3f}"


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


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# What a raw id looks like where a message cites one: ASCII, a capital first, a digit or a
# hyphen in it (R4, Q2, X-library-books) — not a word such as GB/T or PM2.5
_ID = r"[A-Z][A-Za-z]*(?:\d[A-Za-z0-9]*|(?:-[A-Za-z0-9]+)+)"
_ID_IN_PARENS = re.compile(rf"\s*[（(]({_ID})[）)]")
_ID_BETWEEN_SPACES = re.compile(rf"(?<=\S) ({_ID}) (?=\S)")


def strip_invisible(text: str | None) -> str:
    """``text`` without zero-width spaces, joiners, soft hyphens or a byte-order mark: they would
    travel with every copy and paste out of a draft."""
    return (text or "").translate(_INVISIBLE)


def without_ids(text: str | None, ids: frozenset[str] = frozenset()) -> str:
    """``text`` as a person reads it: the ids of a profile's thresholds (``（R4）``, ``Q2``,
    ``（X-library-books）``) and of the rules (``sum_mismatch``) taken out or named in Chinese.

    ``ids`` are the ids to take out wherever they stand; any other id-like token is taken out
    where a message cites one (in brackets, or alone between spaces)."""
    text = strip_invisible(cn_punct(text))
    if not text:
        return ""

    def drop(match: re.Match[str]) -> str:
        return "" if match.group(1) in ids or not ids else match.group(0)

    text = _ID_IN_PARENS.sub(drop, text)
    text = _ID_BETWEEN_SPACES.sub(lambda m: " " if drop(m) == "" else m.group(0), text)
    for rule, name in rule_names().items():
        if rule in text:
            text = text.replace(rule, name)
    return re.sub(r"(?<=[\u4e00-\u9fff）》〕]) +(?=[\u4e00-\u9fff《（])", "", text).strip()


# Short names of the rules, for counts in running text ("其中合计与分项不符3处"); a rule not
# named here is called by its registry description.
RULE_SHORT = {
    "sum_mismatch": "合计与分项不符",
    "percent_mismatch": "百分比与基数不符",
    "ratio_mismatch": "比值与总量不符",
    "shortfall_mismatch": "缺口与应配、现有数不符",
    "growth_mismatch": "增长幅度与前后数值不符",
    "claim_unsupported": "整改成效与数据不符",
    "out_of_range": "数值超出合理范围",
    "below_standard": "低于标准",
    "six_of_seven": "资源配置达标项数不足",
    "cross_report_conflict": "同一数据前后不一",
    "cv_exceeds": "校际差异系数超标",
    "cv_mismatch": "差异系数与各校数据不符",
}


@cache
def rule_names() -> dict[str, str]:
    """Each validator rule's id → its short Chinese name (``sum_mismatch`` → 合计与分项不符)."""
    from junheng.validate import RULES  # imported here: only drafting needs the registry

    return {rule_id: RULE_SHORT.get(rule_id, rule.description) for rule_id, rule in RULES.items()}


_WE = re.compile(r"(^|[，。；：:,;])\s*我们(?:还|也|将|要)?")


def brief(text: str | None, limit: int = 60) -> str:
    """A long item cut to its first sentence, and that to ``limit`` characters at a clause mark
    (the source's prose is in the ledger whole)."""
    text = _WE.sub(r"\1", clause(text))
    for mark in "。！？；\n":
        head = text.split(mark, 1)[0]
        if len(head) >= 8:
            text = head
    if len(text) <= limit:
        return clause(text)
    cut = max(text.rfind(m, 0, limit) for m in "，、：")
    return clause(text[: cut if cut >= limit // 2 else limit]) + "等"


def join_cn(values: list[str] | tuple[str, ...], sep: str = "、") -> str:
    return sep.join(v for v in values if v)


FILTERS = {
    "indicator_name": indicator_name,
    "number": number,
    "coefficient": coefficient,
    "value_with_unit": value_with_unit,
    "cn_index": cn_index,
    "cn_punct": cn_punct,
    "sentence": sentence,
    "clause": clause,
    "join_cn": join_cn,
    "brief": brief,
    "without_ids": without_ids,
}
