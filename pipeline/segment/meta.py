"""What a report says about itself: its type, reporting unit, date and the years it speaks of."""

from __future__ import annotations

import re
from collections.abc import Iterable

from junheng.segment.rules import SegmentRules

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_YEAR = "[〇零○一二三四五六七八九]{4}"
_CN_SMALL = "[一二三四五六七八九十]{1,3}"

# Dates as reports write them under a title or a signature, alone on their line (a unit may
# stand before them): 2013年2月20日, 二〇一五年十月十九日, 2013.11, 2023-04-05, 2013年11月.
_DATE_LINE = re.compile(
    rf"^(?:[\u4e00-\u9fff()“”]{{0,32}}\s*)?(?:(?P<y>(?:19|20)\d\d)\s*(?:年|[.\-/])\s*(?P<m>\d{{1,2}})"
    rf"(?:\s*(?:月|[.\-/])\s*(?P<d>\d{{1,2}})\s*日?|\s*月)?"
    rf"|(?P<cy>{_CN_YEAR})年(?P<cm>{_CN_SMALL})月(?:(?P<cd>{_CN_SMALL})日)?)\s*[。.)]?\s*$"
)
# A government page's metadata line (seed 004): 发文日期: 2023-04-05, - 发布日期2020-06-15.
_META_DATE = re.compile(
    r"(?:发文日期|成文日期|印发日期|发布日期)\s*:?\s*"
    r"(?P<y>\d{4})[-.年/](?P<m>\d{1,2})[-.月/](?P<d>\d{1,2})"
)
# A news page's dateline under its headline: a date with the time of day (2019-09-03 16:23,
# 发布时间: 2022-10-10 09:11:00, 时间:06/06/2012 18:50:30), usually with 来源 or the paper's name.
_DATELINE = re.compile(
    r"(?<!\d)(?:(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})日?"
    r"|(?P<m2>\d{1,2})/(?P<d2>\d{1,2})/(?P<y2>(?:19|20)\d\d))\s+\d{1,2}:\d\d(?!\d)"
)
_DATELINE_MAX = 80
_YEAR = re.compile(rf"(?<![0-9])(?P<y>(?:19|20)\d\d)(?=\s*(?:年|—|-|~|至))|(?P<cy>{_CN_YEAR})年")

_ADMIN = "省|自治区|市|州|盟|县|区|旗|镇|乡|街道|农场"
_SCHOOL = (
    "中心小学|中心学校|中心校|九年一贯制学校|完全小学|完小|小学|初级中学|中学|初中|学校|"
    "学区|联校|教育局|教体局|教育体育局|人民政府"
)
_UNIT = re.compile(
    rf"(?P<unit>(?:[\u4e00-\u9fff]{{1,8}}?(?:{_ADMIN}))+(?:[\u4e00-\u9fff]{{0,10}}?(?:{_SCHOOL}))?"
    rf"|[\u4e00-\u9fff]{{2,10}}?(?:{_SCHOOL}))"
)
# Words that look like a unit's tail but are not a name (区域, 县域, 城区 …) or open a sentence.
_NOT_UNIT_START = re.compile(
    r"^(?:第|义务|推进|做好|关于|学校|我|本|该|各|全|某|xx|XX|__|教育|农村|城乡|城区|市县|县域|区域|办学|中小学|有关"
    r"|区内|县内|市内|镇内|乡内|辖区)"
)
# A county's or a city's department is not the unit (dev gold NOTES: 青阳县, not 青阳县教育体育局).
_DEPARTMENT = re.compile(
    rf"^(?P<keep>[\u4e00-\u9fff]{{2,}}?(?:{_ADMIN}))(?:教育局|教体局|教育体育局|人民政府)$"
)
# Verbs that show a unit's "school" tail is a headline's words (…县大力推进农村寄宿制学校建设).
_VERB_IN_UNIT = re.compile(r"推进|推动|加强|实施|开展|提升|提高|改善|建设|做好|大力|全面|打造|实现")
_NOT_UNIT_END = re.compile(r"(?:域|区域|城区|社区|校区|片区|园区|辖区|地区|学区内)$")
_UNIT_LINE = re.compile(rf"^(?:[\u4e00-\u9fff]{{2,20}}(?:{_SCHOOL}|{_ADMIN}))$")
_LEADING_YEAR = re.compile(r"^(?:\d{4}年)?(?:第[一二三四]季度|上半年|下半年|度)?")


def _cn_number(text: str) -> int:
    if all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    if "十" not in text:
        return _CN_DIGITS[text]
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    if not 1900 <= year <= 2100 or (month is not None and not 1 <= month <= 12):
        return None
    if month is None:
        return f"{year:04d}"
    if day is None or not 1 <= day <= 31:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date_line(line: str) -> str | None:
    """The ISO date of a line that holds only a date (and maybe a unit before it)."""
    meta = _META_DATE.search(line)
    if meta:
        return _iso(int(meta["y"]), int(meta["m"]), int(meta["d"]))
    match = _DATE_LINE.match(line.strip())
    if not match:
        return None
    if match["y"]:
        day = int(match["d"]) if match["d"] else None
        month = int(match["m"]) if match["m"] else None
        return _iso(int(match["y"]), month, day)
    day = _cn_number(match["cd"]) if match["cd"] else None
    return _iso(_cn_number(match["cy"]), _cn_number(match["cm"]), day)


def find_date(lines: Iterable[str]) -> str | None:
    """The first date among a report's title-block, signature or metadata lines."""
    for line in lines:
        date = parse_date_line(line)
        if date:
            return date
    return None


def parse_dateline(line: str) -> str | None:
    """The ISO date of a news page's dateline (a date followed by the time of day)."""
    if len(line) > _DATELINE_MAX:
        return None
    match = _DATELINE.search(line)
    if not match:
        return None
    if match["y"]:
        return _iso(int(match["y"]), int(match["m"]), int(match["d"]))
    return _iso(int(match["y2"]), int(match["m2"]), int(match["d2"]))


def find_years(text: str) -> tuple[int, ...]:
    """Every calendar year the text names (2008年, 2013-2014年, 二〇一五年), sorted."""
    years: set[int] = set()
    for match in _YEAR.finditer(text):
        year = int(match["y"]) if match["y"] else _cn_number(match["cy"])
        if 1949 <= year <= 2100:
            years.add(year)
    return tuple(sorted(years))


def find_type(title: str, opening: str, rules: SegmentRules, borrowed: bool = False) -> str | None:
    """The report type from its title, else from how its first sentences present it.

    When the title is borrowed (a collection's title over a report that has none of its own), how
    the report presents itself ("现将我校…自查情况报告如下") comes first.
    """
    by_title = next((t.type for t in rules.report_types if any(w in title for w in t.title)), None)
    by_body = next(
        (t.type for t in rules.report_types if any(b.search(opening) for b in t.body)), None
    )
    if borrowed and by_body:
        return by_body
    return by_title or by_body or "其他"


def unit_in_title(title: str) -> str | None:
    """The unit a title opens with: 义马市…, 新和县尤镇…, 2023年第一季度蒙城县…, 栾塬小学…."""
    leading = _LEADING_YEAR.match(title)
    assert leading is not None  # every part of the pattern is optional: it always matches
    rest = title[leading.end() :]
    match = _UNIT.match(rest)
    if not match:
        return None
    unit = match["unit"]
    if _VERB_IN_UNIT.search(unit):
        admin = re.match(rf"(?:[\u4e00-\u9fff]{{1,8}}?(?:{_ADMIN}))+", unit)
        unit = admin.group() if admin and not _VERB_IN_UNIT.search(admin.group()) else ""
    return _clean_unit(unit)


def _clean_unit(unit: str) -> str | None:
    if len(unit) < 3 or _NOT_UNIT_START.match(unit) or _NOT_UNIT_END.search(unit):
        return None
    department = _DEPARTMENT.match(unit)
    return department["keep"] if department else unit


def unit_on_line(line: str) -> str | None:
    """A signature or cover line that is only a unit's name (尤镇中心小学, 怀远县龙亢农场小学)."""
    text = re.sub(r"\s+", "", line)
    if not _UNIT_LINE.match(text):
        return None
    return _clean_unit(text)


def unit_opening(sentence: str) -> str | None:
    """A unit named at the very start of the first sentence (义马市位于河南省西部…)."""
    match = _UNIT.match(sentence)
    if not match:
        return None
    unit = _clean_unit(match["unit"])
    after = sentence[match.end() : match.end() + 3]
    if unit and re.match(r"(?:位于|地处|是|现有|共有|辖|总面积|地域|始建|创建|创办|坐落)", after):
        return unit
    return None
