"""The region a news item or bulletin is about, when it names no unit of its own.

A school's or a county's report names itself (落款, title); a news item, a statistics bulletin or
an inspection's feedback is about a place it names: "2019年全国义务教育均衡发展督导评估工作报告",
"国家教育督导检查组对河北省30个县(区)…", "宁夏控辍保学工作取得新进展". The first region in the
title (else in the opening) is the unit, written in the fullest form the text uses (宁夏 where
only 宁夏 is written, 宁夏回族自治区 where the text writes it). Data: pipeline/data/regions.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from junheng.core.yamldata import package_yaml


@dataclass(frozen=True, slots=True)
class Regions:
    forms: dict[str, str]  # every written form → its full name
    pattern: re.Pattern[str]


@cache
def regions() -> Regions:
    data = package_yaml("junheng", "data/regions.yaml")
    forms = {word: word for word in data["nation"]}
    for full, short in data["provinces"].items():
        forms[full] = full
        forms.update((s, full) for s in short)
    attribute = data["nation_not_before"]
    alternation = "|".join(
        re.escape(f) + (f"(?!{attribute})" if f in data["nation"] else "")
        for f in sorted(forms, key=len, reverse=True)
    )
    return Regions(forms, re.compile(alternation))


# A news agency's dateline names where the story was filed, not what it is about: "中新社北京
# 6月29日电", "本报太原3月2日讯".
_DATELINE_PLACE = re.compile(
    r"(?:新华社|中新社|中新网|人民网|央视网|本报|本网|记者)?[\u4e00-\u9fff]{2,4}"
    r"\d{1,2}月\d{1,2}日(?:电|讯)"
)


# A region followed by another one (…自治区、江西省和福建省; 河北省(35个)、湖南省(1个)): a list of
# places, none of them the one the text is about.
_AND_ANOTHER = re.compile(r"(?:省|市|自治区)?\s*(?:[(（][^()（）]{0,12}[)）])?\s*[、和及与]\s*")
# …or the first of a number of them (河北等6省份, 广西等五个省区)
_AND_OTHERS = re.compile(
    r"(?:省|市|自治区)?\s*等\s*(?:\d+|[一二三四五六七八九十]+)\s*个?(?:省份|省区|省|地区|自治区|市)"
)


def _opens_a_list(text: str, found: re.Match[str]) -> bool:
    """Whether the region ``found`` is followed by others it is listed with."""
    joined = _AND_ANOTHER.match(text, found.end())
    if joined and regions().pattern.match(text, joined.end()):
        return True
    return _AND_OTHERS.match(text, found.end()) is not None


_LISTED_AFTER = re.compile(r"[、和及与]\s*$")


def region_unit(title: str, opening: str, text: str) -> str | None:
    """The region the report is about, in the fullest form ``text`` writes it; None if none, or
    when the first region named is one of a list of them (…自治区、江西省; 河北等6省份)."""
    table = regions()
    for place in (title, _DATELINE_PLACE.sub("", opening[:120])):
        place = place or ""
        found = table.pattern.search(place)
        if found:
            if _opens_a_list(place, found):
                return None
            full = table.forms[found.group()]
            return full if full in text else found.group()
    return None


def named_most(text: str, least: int = 2) -> str | None:
    """The region ``text`` names most often, when it names it ``least`` times or more and no
    other as often (a news item on national figures writes 全国 throughout), not counting the
    places of a list (河北、山西…); None otherwise."""
    table = regions()
    counts: dict[str, int] = {}
    for found in table.pattern.finditer(text):
        if _opens_a_list(text, found) or _LISTED_AFTER.search(
            text, max(0, found.start() - 3), found.start()
        ):
            continue  # one of a list of places (河北、山西…等6省): none of them the subject
        full = table.forms[found.group()]
        counts[full] = counts.get(full, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < least or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    full = ranked[0][0]
    if full in text:
        return full
    return next(form for form, name in table.forms.items() if name == full and form in text)


# An autonomous prefecture, county or banner a text may write short (湘西州 for
# 湘西土家族苗族自治州, 黄南州, 循化县 for 循化撒拉族自治县)
_AUTONOMOUS_END = re.compile(r"[州县旗]$")


def fullest_form(unit: str, text: str) -> str:
    """``unit`` in the fullest form ``text`` writes it: the autonomous prefecture's, county's or
    banner's full name (湘西土家族苗族自治州) for its short one (湘西州) when the text names it so;
    else ``unit``."""
    if not _AUTONOMOUS_END.search(unit) or "自治" in unit or len(unit) < 3:
        return unit
    stem, kind = unit[:-1], unit[-1]
    found = re.search(rf"{re.escape(stem)}[\u4e00-\u9fff]{{1,10}}?自治{kind}", text)
    return found.group() if found else unit
