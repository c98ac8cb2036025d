"""Every quantity in a stretch of normalised text: numerals, multipliers, units, qualifiers, roles.

The input is :func:`junheng.core.normalize.normalize`'s view: ASCII digits and punctuation, ``.`` as
the decimal point, Simplified script. One compiled pattern (:data:`_PATTERN`) finds the candidates
left to right; small functions turn each match into :class:`Quantity` objects and give each a role,
so a caller can keep the ``value`` ones and use the ``year``/``date`` ones to scope them.

>>> [(q.value, q.unit, q.role) for q in find_quantities("07年比06年增长25.7%")]
[(2007.0, '年', 'year'), (2006.0, '年', 'year'), (25.7, '%', 'value')]

Choices (the reasons are in the tests, with the seed sentence each comes from):

* ``零辍学`` / ``化整为零`` are words, not numbers: a lone 零 before a noun yields nothing
  (``辍学率为0`` does yield 0).
* Numbers right after 每 (``每100名学生``, ``每一所``) get the role ``per``: they name a
  denominator; a bare 百/千/万 (``每百名``, ``万家``, ``百年``) is a word unless a qualifier
  precedes it (``近万元``).
* A ratio's ``value`` is the quotient as written (``1:11`` → 1/11, ``8:1`` → 8); ``ratio`` keeps
  both sides so the caller can orient it (students per teacher).
* Times (``21:58``, ``9:00-18:30``) get the role ``date``, like the parts of a date.
* Codes (文号, 索引号, ICP, phone, e-mail, URL) are one ``code`` quantity spanning their digits;
  ``value`` is the last run of digits (the serial number of ``[2013]7号``).
* A prefix qualifier wins over an infix one (``近4000余万元`` → 近); ``近三年`` (the last three
  years) has no qualifier.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from junheng.core.levels import LEVELS
from junheng.core.scan import scan

__all__ = [
    "Quantity",
    "enumerated_subjects",
    "find_quantities",
    "parse_chinese_numeral",
    "respective_pairs",
    "respectively",
]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in the text.

    ``[start, end)`` is half-open and covers the numeral's own characters only (``10.88`` of
    ``10.88亿元``, ``1:19.8`` of ``师生比1:19.8``, ``3-5`` of ``3-5人``); ``extent`` covers the
    whole expression, prefix qualifier and unit included (``近900万元``).
    """

    value: float
    start: int
    end: int
    unit: str | None = None
    unit_text: str | None = None
    multiplier: float = 1.0
    qualifier: str | None = None
    role: str = "value"
    ratio: tuple[float, float] | None = None
    range_end: float | None = None
    chinese: bool = False
    extent: tuple[int, int] | None = None

    @property
    def span(self) -> tuple[int, int]:
        """The whole expression, ``extent`` when known, else the numeral."""
        return self.extent if self.extent is not None else (self.start, self.end)


# --- tables -------------------------------------------------------------------------------------

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_DIGITS |= {"七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG)
_CN_DIGIT_CHARS = "".join(_CN_DIGITS)
_CN_LIST = "一二三四五六七八九十"  # the numerals of list numbering (一、 (二) 三是)

_MULTIPLIERS = {"万亿": 1e12, "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "亿": 1e8}
_MULTIPLIERS |= {"千": 1e3, "百": 1e2, "W": 1e4, "w": 1e4}  # 2.75W 次 (seed 003): W is 万

# written unit → canonical unit
_UNITS = {
    "元": "元", "%": "%", "‰": "‰", "个百分点": "百分点", "百分点": "百分点",
    "平方公里": "平方公里", "平方千米": "平方公里", "平方米": "平方米", "平米": "平方米",
    "平方": "平方米", "㎡": "平方米", "m²": "平方米", "m2": "平方米", "立方米": "立方米",
    "公顷": "公顷", "亩": "亩", "公里": "公里", "米": "米", "吨": "吨", "公斤": "公斤", "克": "克",
    "人次": "人次", "人": "人", "名": "名", "位": "位", "户": "户", "家": "家",
    "所": "所", "个月": "月", "个": "个", "间": "间", "册": "册", "本": "本", "台": "台",
    "套": "套", "件": "件", "辆": "辆", "项": "项", "种": "种", "类": "类", "篇": "篇", "张": "张",
    "栋": "栋", "幢": "幢", "座": "座", "块": "块", "架": "架", "支": "支", "节": "节", "条": "条",
    "门": "门", "份": "份", "批": "批", "层": "层", "期": "期", "届": "届", "倍": "倍", "班": "班",
    "次": "次", "课时": "课时", "学时": "学时", "小时": "小时", "分钟": "分钟", "天": "天",
    "周岁": "岁", "岁": "岁", "学年": "年", "年度": "年", "年级": "年级", "年": "年",
    "月份": "月", "月": "月", "日": "日", "号": "号", "版": "版",
    "处": "处", "周": "周", "口": "口", "GB": "GB", "G": "G",
}  # fmt: skip
# After a Chinese numeral these make words more often than counts: 四处, 四周, 三门峡 (seed 000).
_ARABIC_ONLY_UNITS = {"处", "周", "口", "门", "GB", "G", "m2", "m²"}

_PREFIX_QUALIFIERS = {
    "约": "约", "大约": "约", "约为": "约",
    "近": "近", "将近": "近", "接近": "近",
    "超过": "以上", "超": "以上", "逾": "以上", "多于": "以上", "高于": "以上",
    "不少于": "以上", "不低于": "以上",
    "不足": "不足", "不到": "不足", "少于": "不足", "低于": "不足", "不超过": "不足",
    "不高于": "不足",
}  # fmt: skip
_INFIX_QUALIFIERS = {"余": "余", "多": "余"}
_SUFFIX_QUALIFIERS = {"以上": "以上", "以下": "不足", "以内": "不足", "左右": "约"}


def span_of_years(unit: str | None, value: float) -> bool:
    """Whether a quantity is a span of years (三年, 5年), not a year (2019年): the words before a
    figure may hold one ("巩固率连续三年保持在98.5%", "占五年规划…总金额(…)的")."""
    return unit == "年" and value < 100


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _unit_pattern(units: Sequence[str]) -> str:
    plain = [u for u in units if u not in {"G", "GB", "m2"}]
    special = [r"GB(?![A-Za-z])", r"G(?![A-Za-z])", r"m2(?![0-9A-Za-z])"]
    return _alternation(plain) + "|" + "|".join(s for s in special if s[:2].rstrip("(") in units)


_UNIT_RE = _unit_pattern(list(_UNITS))
_CN_UNIT_RE = _alternation([u for u in _UNITS if u not in _ARABIC_ONLY_UNITS])
_PRE_RE = _alternation(list(_PREFIX_QUALIFIERS))
_NUM = r"\d+(?:\.\d+)?"
# Thousands set apart by a space, as yearbooks and gazetteers print them ("招生3 133人"): only
# right before a unit, so that the columns of a table row ("44 14071 12830") stay apart.
_SPACED = rf"(?<![\d.][ ])\d{{1,3}}(?:[ ]\d{{3}})+(?=(?:万|亿)?(?:{_UNIT_RE}))"

# Leftmost match wins; at one position the alternatives are tried in this order.
_PATTERN = re.compile(
    rf"""
    (?P<code>
        索引号[:]?\s*[0-9A-Za-z][0-9A-Za-z/\-]*                 # seed 004
      | ICP[备证]?\s*\d+号?(?:-\d+)?                             # seed 003: 沪ICP备20006764号-3
      | 公网安备\s*\d+号?
      | (?:[〔\[【]\s*(?:(?:19|20)\d{{2}})?\s*[〕\]】]|\(\s*(?:19|20)\d{{2}}\s*\))  # 文号: seed 002
        \s*第?\s*\d{{1,4}}\s*号
      | (?:联系电话|电话|传真|手机|热线|邮编|邮政编码|QQ|Tel|TEL)[:]?\s*\d[\d\-—()]{{4,}}\d
      | [A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{{2,}}      # seed 002: 645879355@qq.com
      | (?:https?://|www\.)[A-Za-z0-9./\-?=&%#~_]+
      | [A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:com|cn|net|org|gov|edu)(?![A-Za-z])
        (?:/[A-Za-z0-9./\-?=&%#~_]*)?
      | (?<![\d.])0\d{{2,3}}-\d{{7,8}}(?![\d.])
      | (?<![\d.])1[3-9]\d{{9}}(?![\d.])
      | (?<![\d.])\d{{13,}}[0-9A-Z]*
      | (?<![\d.])\d{{10,}}[A-Z][0-9A-Z]*                        # 统一社会信用代码
    )
  | (?P<dt>
        (?<![\d.])(?P<dy>(?:19|20)\d{{2}})(?P<ds>[-/.])(?P<dm>0?[1-9]|1[0-2])(?P=ds)
        (?P<dd>0?[1-9]|[12]\d|3[01])(?![\d.])
        (?:\s+(?P<th>[01]?\d|2[0-3]):(?P<tm>[0-5]\d)(?::(?P<ts>[0-5]\d))?(?!\d))?
      | (?<![\d.:])(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d):(?P<s2>[0-5]\d)(?![\d.])
    )
  | (?P<pct>百分之(?P<pctn>[{_CN}]+(?:点[{_CN_DIGIT_CHARS}]+)?|{_NUM}))
  | (?P<ordp>第[ ]?(?P<ordn>\d+|[{_CN}]+)(?P<ordu>{_UNIT_RE})?)
  | (?P<rank>(?P<rankn>[{_CN_LIST}]|\d)(?=等奖))
  | (?P<cnb>\((?P<cnbn>[{_CN_LIST}]{{1,3}})\))
  | (?P<cnl>(?P<cnln>[{_CN_LIST}]{{1,3}})(?:、(?![{_CN_LIST}])|是|\)))
  | (?P<ar>
        (?P<pre>{_PRE_RE})?
        (?P<sign>(?<![\dA-Za-z.%)）\-])[-−])?                      # 增长-9.41%: a fall
        (?<![\d.])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?!\d)(?:\.\d+)?|{_SPACED}|{_NUM})
        (?![_\d]|[xX](?:[xX]|年))                                 # 20__ / 20xx are placeholders
        (?:\s*(?::|比)\s*(?P<num2>{_NUM})(?!\d)|/(?P<den>{_NUM})(?![\d/]))?  # 1:14.4, 1比14.4
        (?:(?P<pct1>%)?\s*(?:-|—{{1,2}}|–|~|至|到)\s*(?P<rend>{_NUM})(?![\d.:_]))?
        (?P<q1>余|多(?=[ ]?(?:[万亿千百]|{_UNIT_RE})))?
        (?P<mult>[ ]?(?:万亿|千万|百万|十万|万|亿|千|百(?!分)|[Ww](?![A-Za-z])))?
        (?P<rest>(?<=万)\d{{1,4}}(?![\d.])(?=[ ]?(?!年)(?:{_UNIT_RE})))?      # 3万3197人: 33197
        (?:(?<=亿)(?P<restw>\d{{1,4}}(?:\.\d+)?)万(?=[ ]?(?!年)(?:{_UNIT_RE})))?  # 1亿2000万元
        (?P<q2>余)?
        (?P<unit>[ ]?(?:{_UNIT_RE}))?
        (?P<suf>以上|以下|以内|左右)?
    )
  | (?P<cn>
        (?P<cpre>{_PRE_RE})?
        (?P<cnum>[{_CN}]+)
        (?P<cq>余|多)?
        (?P<cunit>{_CN_UNIT_RE})?
        (?P<csuf>以上|以下|以内|左右)?
    )
    """,
    re.VERBOSE,
)

_CJK_RE = re.compile("[\u3400-\u9fff]")
_YEAR_UNITS = {"年", "学年", "年度", "版", "届"}
_DURATION_AFTER = ("来", "以上", "以下", "左右", "之久", "多", "余")
_SHORT_YEAR_CUES = ("比", "度", "底", "初", "末", "起", "秋", "春")
_TIME_CUES = ("时", "间", "午", "晚", "早", "点")


# --- numerals ------------------------------------------------------------------------------------


def parse_chinese_numeral(s: str) -> float | None:
    """The value of a Chinese numeral, or None when ``s`` is not one.

    Positional numerals are read as such; a string of digits alone is read digit by digit (years).

    >>> [parse_chinese_numeral(s) for s in ("二十六", "一百二十", "两", "三千五百", "一万二千")]
    [26.0, 120.0, 2.0, 3500.0, 12000.0]
    >>> [parse_chinese_numeral(s) for s in ("二〇一五", "十二", "零", "三千五", "一亿二千万", "些")]
    [2015.0, 12.0, 0.0, 3500.0, 120000000.0, None]
    """
    if not s or any(ch not in _CN for ch in s):
        return None
    if not any(ch in _CN_SMALL or ch in _CN_BIG for ch in s):
        return float("".join(str(_CN_DIGITS[ch]) for ch in s))
    total = section = 0
    number: int | None = None
    last_unit = 0
    for ch in s:
        if ch in "零〇":
            number, last_unit = None, 0
        elif ch in _CN_DIGITS:
            if number is not None:
                return None  # 一二十: two digits side by side inside a positional numeral
            number = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (1 if number is None else number) * _CN_SMALL[ch]
            number, last_unit = None, _CN_SMALL[ch]
        elif ch == "万":
            total += (section + (number or 0) or 1) * 10_000
            section, number, last_unit = 0, None, 10_000
        else:  # 亿
            total = (total + section + (number or 0) or 1) * 100_000_000
            section, number, last_unit = 0, None, 100_000_000
    if number is not None and len(s) > 1 and (s[-2] in _CN_SMALL or s[-2] in _CN_BIG):
        # 三千五 = 3500, 一万二 = 12000: a final digit after a unit counts in the next unit down
        number *= last_unit // 10
    return float(total + section + (number or 0))


def _arabic_value(s: str) -> float:
    return float(s.replace(",", "").replace(" ", ""))


def _is_year_like(s: str) -> bool:
    return len(s) == 4 and s.isdigit() and s[:2] in ("19", "20")


# --- from a match to quantities ------------------------------------------------------------------


def _code(m: re.Match[str], text: str) -> list[Quantity]:
    runs = list(re.finditer(r"\d+", m.group()))
    if not runs:
        return []
    base = m.start()
    start, end = base + runs[0].start(), base + runs[-1].end()
    return [Quantity(float(runs[-1].group()), start, end, role="code", extent=m.span())]


def _datetime(m: re.Match[str], text: str) -> list[Quantity]:
    out = []
    for name in ("dy", "dm", "dd", "th", "tm", "ts", "h2", "m2", "s2"):
        if m.start(name) != -1:
            role = "year" if name == "dy" else "date"
            unit = "年" if name == "dy" else None
            out.append(Quantity(float(m.group(name)), *m.span(name), unit=unit, role=role))
    return out


def _percent_words(m: re.Match[str], text: str) -> list[Quantity]:
    """百分之九十五 → 95 %: the numeral follows its unit."""
    numeral = m.group("pctn")
    chinese = not numeral[0].isdigit()
    whole, _, decimals = numeral.partition("点")  # 百分之九十九点八: 点 is the decimal point
    value = parse_chinese_numeral(whole) if chinese else _arabic_value(numeral)
    if value is not None and decimals:
        value += float("0." + "".join(str(_CN_DIGITS[ch]) for ch in decimals))
    if value is None:
        return []
    start, end = m.span("pctn")
    return [Quantity(value, start, end, "%", "百分之", chinese=chinese, extent=m.span())]


def _ordinal(m: re.Match[str], text: str) -> list[Quantity]:
    """第三, 第1篇: positions, not amounts."""
    numeral = m.group("ordn")
    chinese = not numeral[0].isdigit()
    value = parse_chinese_numeral(numeral) if chinese else _arabic_value(numeral)
    if value is None:
        return []
    written = m.group("ordu")
    unit = _UNITS.get(written) if written else None
    start, end = m.span("ordn")
    return [
        Quantity(value, start, end, unit, written, role="ordinal", chinese=chinese, extent=m.span())
    ]


def _rank(m: re.Match[str], text: str) -> list[Quantity]:
    """一等奖 (seed 003 "一等奖1人(王__)"): a rank."""
    numeral = m.group("rankn")
    chinese = not numeral.isdigit()
    value = parse_chinese_numeral(numeral) if chinese else float(numeral)
    start, end = m.span("rankn")
    return [Quantity(value or 0.0, start, end, role="ordinal", chinese=chinese)]


def _at_clause_start(text: str, pos: int) -> bool:
    return pos == 0 or not _CJK_RE.match(text[pos - 1]) or text[pos - 1] in "、。"


def _cn_numbering(m: re.Match[str], text: str) -> list[Quantity]:
    """一、 (二) 三) 一是 (seed 000 "(1) 一是明确认识"; seed 001 "二)生均图书不足")."""
    group = "cnbn" if m.start("cnbn") != -1 else "cnln"
    start, end = m.span(group)
    if m.group().endswith("是") and not _at_clause_start(text, start):
        return []  # 统一是, 唯一是: a word
    value = parse_chinese_numeral(m.group(group))
    if value is None:
        return []
    return [Quantity(value, start, end, role="numbering", chinese=True)]


def _qualifier(pre: str | None, infix: str | None, suffix: str | None) -> str | None:
    if pre:
        return _PREFIX_QUALIFIERS[pre]
    if infix:
        return _INFIX_QUALIFIERS[infix]
    return _SUFFIX_QUALIFIERS[suffix] if suffix else None


def _short_year(num: str, m: re.Match[str], text: str, written_unit: str) -> float | None:
    """07年 → 2007, 97年 → 1997 (seed 000 "07年比06年增长25.7%", "自97年起"); 10年 stays 10."""
    if len(num) != 2 or not num.isdigit() or m.group("pre"):
        return None
    after = text[m.end() : m.end() + 2]
    before = text[max(0, m.start() - 1) : m.start()]
    if num[0] == "0":
        return 2000.0 + int(num)
    if num[0] == "9" and not after.startswith(_DURATION_AFTER):
        return 1900.0 + int(num)
    cued = written_unit == "年度" or after.startswith(_SHORT_YEAR_CUES) or before == "比"
    if num[0] in "12" and cued:
        return 2000.0 + int(num)
    return None


def _is_time(m: re.Match[str], text: str) -> bool:
    """21:58 or 9:00-18:30 rather than a ratio: minutes of two digits and a time cue nearby."""
    a, b = m.group("num"), m.group("num2")
    if "比" in text[m.end("num") : m.start("num2")]:
        return False  # 1比5: a ratio in words
    if not (a.isdigit() and b.isdigit() and len(b) == 2 and int(a) <= 24 and int(b) <= 59):
        return False
    before = text[max(0, m.start() - 4) : m.start()]
    after = text[m.end() : m.end() + 8]
    return (
        before.endswith(("-", "~", "至", "到"))
        or any(cue in before for cue in _TIME_CUES)
        or re.match(r"\s*[-~至到]\s*\d{1,2}:\d{2}", after) is not None
    )


def _numbering_role(m: re.Match[str], text: str) -> str | None:
    """1、 (2) 3) 4. — list numbering: a small integer standing alone before 、 ) or a bare dot."""
    num = m.group("num")
    if not num.isdigit() or len(num) > 3:
        return None
    after = text[m.end("num") : m.end("num") + 2]
    line_start = m.start() == 0 or text[m.start() - 1] in "\n。;:"
    if after[:1] == ")" or (after[:1] == "、" and (line_start or not after[1:2].isdigit())):
        # 3、4、5所 is a list of numbers, but seed 003 "\n3、20__年6月" is numbering
        return "numbering"
    if after[:1] == "." and not after[1:2].isdigit():
        return "numbering"
    return None


def _arabic(m: re.Match[str], text: str) -> list[Quantity]:
    """A number in Arabic digits with what follows it: ratio, range, multiplier, unit."""
    num = m.group("num")
    start, end = m.span("num")
    value = _arabic_value(num)
    ratio = range_end = None
    if m.group("num2") is not None or m.group("den") is not None:
        other = _arabic_value(m.group("num2") or m.group("den"))
        ratio = (value, other)
        value = value / other if other else value
        end = m.end("num2") if m.group("num2") is not None else m.end("den")
    elif m.group("rend") is not None:
        range_end, end = _arabic_value(m.group("rend")), m.end("rend")
    mult_raw = m.group("mult") or ""
    unit_raw = m.group("unit") or ("%" if m.group("pct1") else "")
    if m.group("sign") and unit_raw.strip() == "%" and ratio is None and range_end is None:
        value, start = -value, m.start("sign")  # only a rate is signed: "-9.41%", not "-3人"
    multiplier = _MULTIPLIERS[mult_raw.strip()] if mult_raw else 1.0
    written_unit = unit_raw.strip() or None
    unit = _UNITS.get(written_unit) if written_unit else None
    unit_text = (mult_raw + unit_raw).strip() or None
    qualifier = _qualifier(m.group("pre"), m.group("q1") or m.group("q2"), m.group("suf"))
    bare = not (mult_raw or unit or qualifier or range_end is not None or ratio)
    role = "value"
    if ratio is not None:
        if m.group("num2") is not None and _is_time(m, text):
            role, value, ratio = "date", ratio[0], None  # a time of day: the hour
    elif m.start() > 0 and text[m.start() - 1] == "每":
        role = "per"
    elif written_unit in _YEAR_UNITS and not mult_raw and num.isdigit():
        if _is_year_like(num) and (range_end is None or range_end > value):
            role = "year"
        elif written_unit != "版" and (short := _short_year(num, m, text, written_unit)):
            role, value = "year", short
    elif unit is None and range_end is not None and _is_year_like(num) and not mult_raw:
        if _is_year_like(m.group("rend")) and 0 < range_end - value < 100:
            role, unit = "year", "年"  # seed 003: 爱上作文阁2012-2024
    elif written_unit == "年级" or (
        written_unit == "班" and num.isdigit() and value >= 100 and _CJK_RE.match(text, m.end())
    ):
        # 七年级; seed 003 "其中704班班级考评": a class's name, words after it ("共1758班," counts)
        role = "ordinal"
    elif unit in ("月", "日", "号") and num.isdigit() and written_unit != "个月" and not mult_raw:
        role = _day_or_month(unit, value, text, m.start())
    elif bare:
        if dated := _year_dot_month(m, text):
            return dated
        role = _numbering_role(m, text) or "value"
        if role == "value" and _lost_percent(m, text, value):
            unit = "%"  # "教师学历达标率为 97.7。": a rate whose % sign a PDF's copy dropped
    if role == "year" and qualifier == "近":
        qualifier = None
    if role == "value" and unit == "年" and m.group("pre") in ("近", "将近"):
        qualifier = None  # 近10年: the last ten years, not "nearly ten"
    value *= multiplier
    # "3万3197人", "1亿2000万元": the 万 (亿) and what follows it; written to its last part's unit
    if m.group("rest") is not None:
        value, end, multiplier = value + int(m.group("rest")), m.end("rest"), 1.0
    elif m.group("restw") is not None:
        value, end, multiplier = value + float(m.group("restw")) * 1e4, m.end("restw") + 1, 1e4
    if range_end is not None and role != "year":
        range_end *= multiplier
    return [
        Quantity(
            value,
            start,
            end,
            unit,
            unit_text,
            multiplier,
            qualifier,
            role,
            ratio,
            range_end,
            extent=m.span(),
        )
    ]


def _lost_percent(m: re.Match[str], text: str, value: float) -> bool:
    """Whether a number without a unit is a rate or a share whose % sign the copy lost: in a
    text without any % sign, right after a rate's name (…率为 97.7) or a share's base (占全校教师
    总数 79.5, 所占全部学生数的 84.7), at most 100, and the clause ends right after it. (Where
    the text writes % elsewhere, a bare number after 率 is something else.)"""
    if not 0 <= value <= 100 or _has_percent(text):
        return False
    before = text[max(0, m.start() - _LOST_PERCENT_REACH) : m.start()]
    named = _LOST_SHARE_BEFORE.search(before) or (
        "." in m.group("num") and _LOST_RATE_BEFORE.search(before)
    )
    return bool(named) and bool(_LOST_PERCENT_AFTER.match(text, m.end()))


@lru_cache(maxsize=4)
def _has_percent(text: str) -> bool:
    """Whether ``text`` writes a % anywhere (cached: asked for each bare number of a text)."""
    return "%" in text or "％" in text or "百分之" in text


_LOST_PERCENT_REACH = 20
# a share's base named before it; a rate's name (with decimals only: a whole number after 率 may
# be a count whose unit is missing)
_LOST_SHARE_BEFORE = re.compile(r"占(?!地)[\u4e00-\u9fff]{1,16}?(?:的)?\s*(?:为|达|是)?\s*$")
_LOST_RATE_BEFORE = re.compile(r"率\s*(?:为|达|达到|是|了)?\s*$")
_LOST_PERCENT_AFTER = re.compile(r"\s*(?:[,，。;；、)）]|$)")


def _day_or_month(unit: str, value: float, text: str, pos: int) -> str:
    """2月20日 → two date parts; 2号机房 → ordinal; 20号 after a month → date."""
    if unit == "月":
        return "date" if 1 <= value <= 12 else "value"
    if unit == "日":
        return "date" if 1 <= value <= 31 else "value"
    month_before = re.search(r"月\s*$", text[max(0, pos - 2) : pos]) is not None
    return "date" if month_before and 1 <= value <= 31 else "ordinal"


def _year_dot_month(m: re.Match[str], text: str) -> list[Quantity]:
    """Seed 002 "2013.11" on its own line: a year and a month, not 2013.11 of something."""
    found = re.fullmatch(r"((?:19|20)\d\d)\.(0?[1-9]|1[0-2])", m.group("num"))
    after = text[m.end() : m.end() + 1]
    if found is None or m.group("pre") or (after and (after.isalnum() or after == "%")):
        return []
    start = m.start("num")
    year = Quantity(float(found.group(1)), start, start + 4, unit="年", role="year")
    month_start = start + 5
    month = Quantity(float(found.group(2)), month_start, m.end("num"), role="date")
    return [year, month]


def _split_chinese(numeral: str, has_prefix: bool) -> tuple[str, float] | None:
    """两百万 → ("两百", 1e4): a final 万/亿 after a numeral is the multiplier, as in 4.5万."""
    if all(ch in "百千万亿" for ch in numeral):
        # a bare 万/百/千: 近万元 (seed 003) is a number, 万家/百年/千万(不要) are words
        return (numeral, 1.0) if has_prefix and len(numeral) == 1 else None
    head = numeral[:-1]
    if numeral[-1] in _CN_BIG and head and (head[0] == "十" or any(c in _CN_DIGITS for c in head)):
        return head, float(_CN_BIG[numeral[-1]])  # 十万 too, but not 千万 (千万不要)
    return numeral, 1.0


_TERM_AFTER_YEARS = re.compile(r"一贯|制|义务教育|义教")


def _chinese(m: re.Match[str], text: str) -> list[Quantity]:
    """三个教学班, 二十六所, 两栋, 二〇〇九年, 近两百万 — Chinese numerals before a unit."""
    written_unit = m.group("cunit")
    raw = m.group("cnum")
    if written_unit is None and not (raw[-1] in _CN_BIG and len(raw) > 1):
        return []  # 一些, 千秋镇, 零辍学: no unit, no number
    if written_unit == "年" and _TERM_AFTER_YEARS.match(text, m.end()):
        return []  # 九年一贯制, 九年义务教育, 十二年制: a school type or a term, no duration
    split = _split_chinese(raw, m.group("cpre") is not None)
    if split is None:
        return []
    numeral, multiplier = split
    start = m.start("cnum")
    positional = any(ch in _CN_SMALL or ch in _CN_BIG for ch in numeral)
    if not positional and len(numeral) > 1 and written_unit != "年":
        start, numeral = start + len(numeral) - 1, numeral[-1]  # 唯一一所: the last 一 counts
    value = parse_chinese_numeral(numeral)
    if value is None:
        return []
    end = start + len(numeral)
    unit = _UNITS.get(written_unit) if written_unit else None
    qualifier = _qualifier(m.group("cpre"), m.group("cq"), m.group("csuf"))
    role = "value"
    if start > 0 and text[m.start() - 1] == "每":
        role = "per"  # seed 003 "每百名学生拥有计算机台数"
    elif written_unit == "年" and not positional and len(numeral) in (2, 4):
        role = "year"  # seed 002 "二〇一五年十月十九日"
        value = value if len(numeral) == 4 else (2000.0 if value < 50 else 1900.0) + value
    elif written_unit == "年级":
        role = "ordinal"
    elif unit in ("月", "日", "号") and written_unit != "个月":
        role = _day_or_month(unit, value, text, m.start())
    if role == "value" and unit == "年" and m.group("cpre") in ("近", "将近"):
        qualifier = None  # seed 000 "近三年年共资助贫困大学生150余人": the last three years
    unit_text = (raw[len(numeral) :] if multiplier != 1 else "") + (written_unit or "")
    return [
        Quantity(
            value * multiplier,
            start,
            end,
            unit,
            unit_text or None,
            multiplier,
            qualifier,
            role,
            chinese=True,
            extent=m.span(),
        )
    ]


_HANDLERS: tuple[tuple[str, Callable[[re.Match[str], str], list[Quantity]]], ...] = (
    ("ar", _arabic),
    ("cn", _chinese),
    ("cnl", _cn_numbering),
    ("cnb", _cn_numbering),
    ("ordp", _ordinal),
    ("dt", _datetime),
    ("code", _code),
    ("pct", _percent_words),
    ("rank", _rank),
)


_YEAR_LIST_SEP = re.compile(r"\s*[、,和及与至到~\-—–]\s*")


def _years_in_lists(text: str, found: list[Quantity]) -> list[Quantity]:
    """2019,2020年 and 2001、2006年: a year-like number listed before a year is a year too."""
    for i in range(len(found) - 2, -1, -1):
        q, nxt = found[i], found[i + 1]
        if q.role != "value" or q.unit or q.multiplier != 1 or q.qualifier or nxt.role != "year":
            continue
        numeral = text[q.start : q.end]
        if _is_year_like(numeral) and _YEAR_LIST_SEP.fullmatch(text[q.end : nxt.start]):
            found[i] = replace(q, role="year", unit="年")
    return found


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, in order, with disjoint spans inside the window.

    >>> [(q.value, q.unit, q.qualifier) for q in find_quantities("先后投资近4000余万元")]
    [(40000000.0, '元', '近')]
    >>> q, = find_quantities("师生比小学为1:19.8")
    >>> q.ratio, q.start, q.end
    ((1.0, 19.8), 6, 12)
    """
    end = len(text) if end is None else end
    found: list[Quantity] = []
    for m in scan(_PATTERN, text, start, end):
        for name, handler in _HANDLERS:
            if m.start(name) != -1:
                found.extend(handler(m, text))
                break
    return _elided_units(text, [_thousands(q, text) for q in _years_in_lists(text, found)])


_PEOPLE_BEFORE = re.compile(r"(?:人数|人口|总人数|人口总数|人口数|人次)(?:为|达|是|有|约|共)?$")
_SENTENCE_GAP = re.compile(r"[。;；!?！？\n]")


def _elided_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """A number with no unit takes the one the sentence implies: 人 after 人数 or 人口
    ("在校生总人数92.2万", "12—14周岁人口总数980"), else, with 万 or 亿, the unit of the nearest
    sibling with a multiplier in the same sentence, the next one first ("省级补助44万,地方配套
    2万元"); a run of them takes it from sibling to sibling ("占地面积66.3万平方米(幼儿园6.4万、
    小学24.3万、中学32.3万)")."""
    out = list(found)
    for index, q in enumerate(found):
        if q.role != "value" or q.unit is not None or q.ratio is not None:
            continue
        if _PEOPLE_BEFORE.search(text, max(0, q.start - 8), q.start) and (
            q.multiplier != 1.0 or q.value == int(q.value)
        ):
            out[index] = replace(q, unit="人")
    changed = True
    while changed:
        changed = False
        for index, q in enumerate(out):
            if q.role != "value" or q.unit is not None or q.ratio is not None:
                continue
            if q.multiplier == 1.0:
                continue
            siblings = [*out[index + 1 : index + 2], *out[max(0, index - 1) : index]]
            for other in siblings:
                low, high = sorted((q.span, other.span))
                if (
                    other.role == "value"
                    and other.unit is not None
                    and other.multiplier == q.multiplier
                    and not _SENTENCE_GAP.search(text, low[1], high[0])
                ):
                    out[index] = replace(q, unit=other.unit)
                    changed = True
                    break
    return out


_WHOLE_UNITS = frozenset({"人", "名", "所", "个", "班", "台", "册", "间"})
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _thousands(quantity: Quantity, text: str) -> Quantity:
    """A count written with "." between groups of three digits ("248.230人") is 248230: a count
    of people or schools is whole, so the dot separates thousands (pages copied from sites that
    write 1.000 for a thousand). A per-student or average value keeps its decimals."""
    written = text[quantity.start : quantity.end]
    if (
        quantity.unit not in _WHOLE_UNITS
        or quantity.multiplier != 1.0
        or quantity.ratio is not None
        or not _GROUPED.fullmatch(written)
        or re.search(r"(?:生均|平均|人均|每)", text[max(0, quantity.start - 12) : quantity.start])
    ):
        return quantity
    return replace(quantity, value=float(written.replace(".", "")))


@dataclass(frozen=True, slots=True)
class Quantities:
    """Every quantity of one text, read in one pass, handed out a sentence at a time.

    Figure extraction and validation ask for every sentence of a document; the runner reads the
    document once (``Quantities.of(doc.text)``) and passes the result to both.

    >>> Quantities.of("在校生510人。教师46人").between(7, 12)[0].value
    46.0
    """

    text: str
    found: tuple[Quantity, ...]
    starts: tuple[int, ...]
    memo: dict[tuple[str, int, int], object] = field(
        default_factory=dict, compare=False, repr=False
    )
    """What the layers above read from these quantities, kept so that it is read once: the
    statement layer's reading of each report (:func:`junheng.extractors.statements.read_report`),
    which the figure extractor and the validator both ask for."""

    @classmethod
    def of(cls, text: str) -> Quantities:
        found = tuple(find_quantities(text))
        return cls(text, found, tuple(q.start for q in found))

    def between(self, start: int, end: int) -> list[Quantity]:
        """The quantities of ``text[start:end]``."""
        first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [q for q in self.found[first:last] if q.end <= end]


# --- lists: 分别 ---------------------------------------------------------------------------------

_RESPECTIVELY_RE = re.compile("分别")
_LIST_SEP = re.compile(r"\s*(?:、|,|和|及|与|以及)\s*")
_BARE_SEP = re.compile(r"\s*(?:、|和|及|与)\s*")
_CLAUSE_BREAK = re.compile(r"[。;!?\n,]")


def _chain(text: str, values: list[Quantity], i: int, sep: re.Pattern[str]) -> list[Quantity]:
    group = [values[i]]
    for nxt in values[i + 1 :]:
        last = group[-1]
        gap = text[last.span[1] : nxt.span[0]]
        if not sep.fullmatch(gap) or (last.unit is not None and last.unit != nxt.unit):
            break
        group.append(nxt)
    return group


def _respective_groups(
    text: str, quantities: list[Quantity], bare_lists: bool
) -> list[tuple[int, list[Quantity]]]:
    """(where the subjects end, group) for each list of values."""
    values = sorted((q for q in quantities if q.role == "value"), key=lambda q: q.start)
    groups: list[tuple[int, list[Quantity]]] = []
    taken: set[int] = set()
    # Only a 分别 ending at most 8 characters before a value can start a group: look there, not in
    # the whole text (callers pass a document's text with one sentence's values; scanning all of
    # it per sentence made extraction quadratic in the document's length).
    window = (max(0, min(q.span[0] for q in values) - 10), max(q.span[0] for q in values))
    for m in _RESPECTIVELY_RE.finditer(text, *window) if values else ():
        i = next((k for k, q in enumerate(values) if q.span[0] >= m.end()), None)
        if i is None:
            continue
        gap = text[m.end() : values[i].span[0]]
        if len(gap) > 8 or _CLAUSE_BREAK.search(gap):
            continue  # 分别被评为市级优秀教师…: no list of numbers follows
        group = _chain(text, values, i, _LIST_SEP)
        if len(group) >= 2:
            groups.append((m.start(), group))
            taken.update(range(i, i + len(group)))
    if bare_lists:
        i = 0
        while i < len(values):
            group = [] if i in taken else _chain(text, values, i, _BARE_SEP)
            if len(group) >= 2 and not taken.intersection(range(i, i + len(group))):
                groups.append((values[i].span[0], group))
                i += len(group)
            else:
                i += 1
    return sorted(groups, key=lambda g: g[1][0].start)


def respectively(
    text: str, quantities: list[Quantity], *, bare_lists: bool = True
) -> list[list[Quantity]]:
    """Groups of values listed once for several things, in order.

    A group follows 分别 (``分别为13.5%、14.5%、11.9%``, ``分别征收1065万元、1026万元、902万元``)
    and is joined by 、 , 和 及 与; with ``bare_lists`` a run of values with the same unit joined by
    、 和 及 与 counts too (``拨款增长比例为42.2%、15.6%、12.0%``, ``达90%和10%``).

    >>> text = "小学、初中分别达到4.2人以上、5.3人以上"
    >>> [[q.value for q in g] for g in respectively(text, find_quantities(text))]
    [[4.2, 5.3]]
    """
    return [group for _, group in _respective_groups(text, quantities, bare_lists)]


# what a list of levels or areas may name (小学、初中分别…; 城区、农村分别…)
_LEVELS = (*LEVELS, "幼儿园", "城区", "农村", "城镇", "乡村")
_TRAILING_VERB = re.compile(r"(?:分别|均)?(?:达到|达|为|是|增长|增加|提高到|征收)*\s*$")
_TRAILING_SUMMARY = re.compile(rf"[\d{_CN}]+(?:位|名|个|所|级|项|种|类|家)[^\s、]{{0,2}}$")
_YEAR_TAIL = re.compile(r"(?:(?:19|20)\d\d|\d\d|[〇零一二三四五六七八九]{2,4}|20__)(?:年度?|学年)$")
_FUNCTION_WORDS = re.compile("^.*(?:将|把|对|在|由|向|使|让|给|从|其中|的|了)")


def enumerated_subjects(text: str, before: int) -> list[str]:
    """The things listed just before ``before`` (usually where 分别 stands), in order.

    >>> enumerated_subjects("小学、初中分别达到4.2人以上", 5)
    ['小学', '初中']
    >>> enumerated_subjects("2007年、2008年、2009年分别征收", 17)
    ['2007年', '2008年', '2009年']
    """
    clause_start = max(text.rfind(c, 0, before) for c in "。;!?\n,:") + 1
    segment = _TRAILING_VERB.sub("", text[clause_start:before])
    if "、" in segment:
        segment = _TRAILING_SUMMARY.sub("", segment)  # 徐__、方__、吴__三位同志; 县、乡两级
    parts = [p.strip() for p in re.split(r"、|以及|和|及|与", segment)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return parts
    first, others = parts[0], parts[1:]
    if all(_YEAR_TAIL.search(p) for p in others) and (year := _YEAR_TAIL.search(first)):
        first = year.group()
    elif all(p in _LEVELS for p in others) and first.endswith(_LEVELS):
        first = next(level for level in _LEVELS if first.endswith(level))
    else:
        first = _FUNCTION_WORDS.sub("", first) or first  # 又将常村镇中 → 常村镇中 (seed 000)
    return [first, *others]


def respective_pairs(
    text: str, quantities: list[Quantity], *, bare_lists: bool = True
) -> list[tuple[list[str], list[Quantity]]]:
    """Each group of :func:`respectively` with the subjects listed before it (maybe not as many).

    >>> text = "2007年、2008年分别征收1130万元、1669万元"
    >>> [(s, [q.value for q in g]) for s, g in respective_pairs(text, find_quantities(text))]
    [(['2007年', '2008年'], [11300000.0, 16690000.0])]
    """
    pairs = []
    for subjects_end, group in _respective_groups(text, quantities, bare_lists):
        pairs.append((enumerated_subjects(text, subjects_end), group))
    return pairs
