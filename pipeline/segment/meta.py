"""What a report says about itself: its type, reporting unit, date and the years it speaks of."""

from __future__ import annotations

import re
from collections.abc import Iterable

from junheng.core.words import is_word
from junheng.segment.rules import SegmentRules, UnitCues, load_rules

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "O": 0,
    "0": 0,  # a copy's digit zero in a year of Chinese numerals: 二00六年七月
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
# (a zero may be a digit or a letter O, "二00六年", when a Chinese numeral opens the year)
_CN_YEAR = "[〇零○一二三四五六七八九][〇零○0O一二三四五六七八九]{3}"
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
    r"(?:发文日期|成文日期|印发日期|发布日期)[\s:：|]*"
    r"(?P<y>\d{4})[-.年/](?P<m>\d{1,2})[-.月/](?P<d>\d{1,2})"
)
# A news page's dateline under its headline: a date with the time of day (2021-10-08 15:42,
# 发布时间: 2022-10-10 09:11:00, 时间:07/09/2013 10:25:16), usually with 来源 or the paper's name.
_DATELINE = re.compile(
    r"(?<!\d)(?:(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})日?"
    r"|(?P<m2>\d{1,2})/(?P<d2>\d{1,2})/(?P<y2>(?:19|20)\d\d))\s+\d{1,2}:\d\d(?!\d)"
)
# …or a date after 发布时间/时间 with no time of day (发布时间：2023-12-20 来源：县教育局); not a
# sharing site's 更新时间/上传时间, which is when the copy went up, not the report's date.
_NAMED_DATELINE = re.compile(
    r"(?:发布时间|发稿时间|发布日期|(?<!更新)(?<!上传)(?<!修改)(?:时间|日期))\s*[:：]?\s*"
    r"(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})日?(?!\d)"
)
_DATELINE_MAX = 80
_YEAR = re.compile(rf"(?<![0-9])(?P<y>(?:19|20)\d\d)(?=\s*(?:年|—|-|~|至))|(?P<cy>{_CN_YEAR})年")

_ADMIN = "省|自治区|市|州|盟|县|区|旗|镇|乡|街道|农场"
_SCHOOL = (
    "中心小学|中心学校|中心校|九年一贯制学校|完全小学|完小|小学|初级中学|中学|初中|学校|"
    "学区|联校|教育局|教体局|教育体育局|人民政府|政府办公室|"
    # a school's short name (常宁五中, 青莲附中) and its second site (…五中分部)
    "(?:[一二三四五六七八九十]中|[一二三四五六七八九十]小|附中|附小)(?![学心])(?:分部|分校)?"
)
_UNIT = re.compile(
    rf"(?P<unit>(?:[\u4e00-\u9fff]{{1,8}}?(?:{_ADMIN}))+(?:[\u4e00-\u9fff]{{0,10}}?(?:{_SCHOOL}))?"
    rf"|[\u4e00-\u9fff]{{2,10}}?(?:{_SCHOOL}))"
)
# Words that look like a unit's tail but are not a name (区域, 县域, 城区 …) or open a sentence.
_NOT_UNIT_START = re.compile(
    r"^(?:第|义务|推进|做好|关于|学校|我|本|该|各|全|某|xx|XX|__|教育|农村|城乡|城区|市县|县域|区域|办学|中小学|有关"
    r"|乡镇|城镇|乡村|县城|市区"
    r"|区内|县内|市内|镇内|乡内|辖区|调研|报告|汇报|总结|材料|自查|最新)"
)
# A county's or a city's department is not the unit (dev gold NOTES: 青阳县, not 青阳县教育体育局).
_DEPARTMENT = re.compile(
    rf"^(?P<keep>[\u4e00-\u9fff]{{2,}}?(?:{_ADMIN}))(?:教育局|教体局|教育体育局|人民政府|政府办公室|政府办)$"
)
# Verbs that show a unit's "school" tail is a headline's words (…县大力推进农村寄宿制学校建设).
_VERB_IN_UNIT = re.compile(
    r"推进|推动|加强|实施|开展|提升|提高|改善|建设|做好|大力|全面|打造|实现|督导|督学|整改|意见|评估"
    r"|召开|主持|举行|成立"
)
# A place's own name may be such a word (建设镇, 建设乡): a name of two characters and its suffix
_SHORT_PLACE = re.compile(rf"^[\u4e00-\u9fff]{{2}}(?:{_ADMIN})$")
_NOT_UNIT_END = re.compile(r"(?:域|区域|城区|社区|校区|片区|园区|辖区|地区|学区内|城乡)$")
_UNIT_LINE = re.compile(rf"^(?:[\u4e00-\u9fff]{{2,20}}(?:{_SCHOOL}|{_ADMIN}))$")
_LEADING_YEAR = re.compile(r"^(?:\d{4}年)?(?:第[一二三四]季度|上半年|下半年|度)?")


_DOUBLED_ADMIN = re.compile(r"([省市县区镇乡])\1$")
# kinds of school only, one or several (a table header's 普通高中 普通初中 小学 …): no unit's name
_ONLY_A_KIND = re.compile(rf"(?:(?:普通|公办|民办)?(?:{_SCHOOL}|高中|幼儿园))+")


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
    match = _DATELINE.search(line) or _NAMED_DATELINE.search(line)
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


def find_type(
    title: str, opening: str, rules: SegmentRules, borrowed: bool = False, headline: bool = False
) -> str | None:
    """The report type from its title, else from how its first sentences present it.

    When the title is borrowed (a collection's title over a report that has none of its own), how
    the report presents itself ("现将我校…自查情况报告如下") comes first. A reposted news item's
    headline (``headline``: 原标题:实现县域义务教育均衡发展规划目标) names a type only by the word
    it ends with: a type word inside it says what the news is about (a 规划), not what it is.
    """
    by_title = title_type(title, rules, anywhere=not headline)
    by_body = next(
        (t.type for t in rules.report_types if any(b.search(opening) for b in t.body)), None
    )
    if borrowed and by_body:
        return by_body
    return by_title or by_body or "其他"


def title_type(title: str, rules: SegmentRules, anywhere: bool = True) -> str | None:
    """The report type its title names.

    The type word the title ends with decides (…规划工作总结 is a 总结), unless it is a generic one
    (报告, 汇报 …: ``generic_heads``); a generic word decides only after a word saying what kind
    of report it is (…营养改善计划评估报告: ``report_qualifiers``). Else (``anywhere``) the first
    type in the list whose word the title holds (全面改薄工作自查情况报告 is a 自查); a word
    labelling a cited text (报告:约八成…, 《…规划》) names no type.
    """
    words = [
        (match.start(), match.end(), word, kind.type)
        for kind in rules.report_types
        for word in kind.title
        for match in re.finditer(re.escape(word), title)
        if not _cited(title, match.start(), match.end())
    ]
    head = next((m for m in rules.title_head.finditer(title) if m.end() == len(title)), None)
    at_end = [w for w in words if head is not None and w[1] <= head.end() and w[1] > head.start()]
    if at_end:
        start, _, word, kind = max(at_end, key=lambda w: (w[1], w[1] - w[0]))
        if word not in rules.generic_heads or rules.report_qualifier.search(title[:start]):
            return kind
    if not anywhere or rules.essay_head.search(title.rstrip()):
        return None
    order = {kind.type: number for number, kind in enumerate(rules.report_types)}
    return min((w[3] for w in words), key=order.__getitem__, default=None)


def _cited(title: str, start: int, end: int) -> bool:
    """A word followed by a colon, or inside a pair of 《》, names another text."""
    before = title[:start]
    return bool(re.match(r"\s*:", title[end:])) or before.count("《") > before.count("》")


def unit_in_title(title: str) -> str | None:
    """The unit a title opens with: 义马市…, 新和县尤镇…, 2023年第一季度蒙城县…, 栾塬小学…."""
    title = load_rules().unit_cues.field_label.sub("", title)  # 发布机构 红河县审计局
    leading = _LEADING_YEAR.match(title)
    assert leading is not None  # every part of the pattern is optional: it always matches
    rest = title[leading.end() :]
    placeholder = _PLACEHOLDER_ABOVE.match(rest)
    match = _UNIT.match(rest, placeholder.end() if placeholder else 0)
    if not match:
        return None
    unit = match["unit"]
    if rest[match.end() : match.end() + 1] in _WORD_GOES_ON:
        return None  # 实现县域…: 县域 is a word, 实现县 no name
    if _VERB_IN_UNIT.search(unit) and not _SHORT_PLACE.match(unit):
        admin = re.match(rf"(?:[\u4e00-\u9fff]{{1,8}}?(?:{_ADMIN}))+", unit)
        named = admin.group() if admin else ""
        unit = named if _SHORT_PLACE.match(named) or not _VERB_IN_UNIT.search(named) else ""
    return _clean_unit(placeholder.group() + unit if placeholder else unit)


def _clean_unit(unit: str) -> str | None:
    placeholder = _PLACEHOLDER_ABOVE.match(unit)
    if placeholder:  # XX县区燎原镇黎思小学: the school's own name stays; xx市实验小学 names none
        unit = unit[placeholder.end() :]
        if load_rules().unit_cues.generic_school.match(unit):
            return None
    if _DOUBLED_ADMIN.search(unit):
        unit = unit[:-1]  # 灵寿镇镇辖…: the town's name, then 镇 opening "the town governs"
    if (
        (len(unit) < 3 and not _SHORT_COUNTY.fullmatch(unit))
        or _NOT_UNIT_START.match(unit)
        or (_NOT_UNIT_END.search(unit))
    ):
        return None
    if _ONLY_A_KIND.fullmatch(unit):
        return None  # 中心学校, 中心小学: a kind of school, not one school's name
    if load_rules().unit_cues.not_a_name.search(unit):
        return None  # 广西贫困县: a kind of county, not one county's name
    department = _DEPARTMENT.match(unit)
    return _own_name(department["keep"] if department else unit)


# a place above the unit left as a placeholder by a template (XX县, xx市, ××区, 某某县)
_PLACEHOLDER_ABOVE = re.compile(r"^(?:[Xx×＊*]{1,3}|某某?|_{2,})(?:省|市|州|县区|县|区|旗)")


# a county of a one-character name (横县, 沛县), not a word for a county (该县, 此县, 两县) nor a
# word before one (在县…, 对县…)
_SHORT_COUNTY = re.compile(
    r"[^我本该各全某此每两一二三四五六七八九十邻外县市区乡镇省其他另在对向从由为到与和及于是即属原]县"
)


# A place above the unit that its name may open with: a province, city or county, not a town (a
# school keeps its 镇: 双城镇中山小学).
_SUPERIOR = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:自治区|省|市|州|盟|县|区|旗)")
_ADMIN_START = re.compile(rf"^(?:{_ADMIN}|{_SCHOOL})")


def _own_name(unit: str) -> str:
    """``unit`` without the places above it (重庆市大足区 → 大足区, 凉州区双城镇中山小学 →
    双城镇中山小学): the shortest place before a rest that is a name of its own, three characters
    at least, opening with a name (not 区大荆中学 after 商州, not 镇中心小学 of 新市镇中心小学) and
    not with a kind of school's words (鼓楼区实验小学 stays whole: ``generic_school_names``)."""
    generic = load_rules().unit_cues.generic_school

    def own(rest: str) -> bool:
        return (
            _UNIT.fullmatch(rest) is not None
            and not _ADMIN_START.match(rest)
            and not _NOT_UNIT_START.match(rest)
            and not _NOT_UNIT_END.search(rest)
            and not generic.match(rest)
        )

    while True:
        ends = range(2, len(unit) - 2)
        end = next((e for e in ends if _SUPERIOR.fullmatch(unit, 0, e) and own(unit[e:])), None)
        if end is None:
            return unit
        unit = unit[end:]


def unit_on_line(line: str) -> str | None:
    """A signature or cover line that is only a unit's name (尤镇中心小学, 怀远县龙亢农场小学)."""
    labelled = load_rules().unit_cues.field_label.match(line)
    text = line[labelled.end() :].split("|")[0] if labelled else line  # a table row's first cell
    text = _DASH_OPENING.sub("", re.sub(r"\s+", "", text))  # ——石桥镇中学: a subtitle line
    leading = _LEADING_YEAR.match(text)
    if leading is not None and leading.end() and _UNIT_LINE.match(text[leading.end() :]):
        text = text[leading.end() :]  # 2014年新疆维吾尔自治区 over 教育事业发展统计公报
    if not _UNIT_LINE.match(text):
        return None
    return _clean_unit(text)


_DASH_OPENING = re.compile(r"^(?:——|—|－－|--)")


def unit_opening(sentence: str) -> str | None:
    """A unit named at the very start of the first sentence (义马市位于河南省西部…; after the
    ``<正>`` a journal database puts before an abstract's text)."""
    sentence = _BODY_MARK.sub("", sentence, count=1)
    heading = _HEADING_LINE.match(sentence)
    if heading is not None:  # "一、…概况⏎民勤县地处甘肃省…": the first sentence under the heading
        sentence = sentence[heading.end() :]
    match = _UNIT.match(sentence)
    if not match:
        return None
    # the longest name the opening verb follows (莲湖区现有学校136所: 莲湖区, then 现有; 义马市
    # 位于河南省西部: 义马市, not 义马市位于河南省)
    for end in range(match.end(), 1, -1):
        if _OPENING_VERB.search(sentence, 1, end):
            continue  # 横县隶属南宁市,地处…: a verb inside the name ends it before
        if _NAME_TAIL.search(sentence, 0, end) and _OPENING_VERB.match(sentence, end):
            unit = _clean_unit(sentence[:end])
            if unit:
                return unit
    return None


def unit_after_news_lead(sentence: str) -> str | None:
    """The place a news item's first sentence opens with after its lead (…讯, 近日, 11月3日):
    "亮点黔西南讯 近日,黔西南州贞丰县县域义务教育…推进大会召开" is about 贞丰县."""
    lead = _DATED_LEAD.match(sentence)
    if lead is None:
        return None
    match = _UNIT.match(sentence, lead.end())
    if not match or sentence[match.end() : match.end() + 1] in _WORD_GOES_ON:
        return None
    if _VERB_IN_UNIT.search(match["unit"]):
        return None  # 3月2日上午,校长主持召开某小学…会议: a clause, not a place's name
    return _clean_unit(match["unit"])


_DATED_LEAD = re.compile(
    r"\s*(?:[^\s,，。:：]{0,12}讯\s*)?(?:近日|日前|近期|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:上午|下午|晚)?)\s*[,，]\s*"
)
_NAME_TAIL = re.compile(rf"(?:{_ADMIN}|{_SCHOOL})$")
# (after a comma too: "匡山小学,属区教育局管辖的公立小学", "…小学,是一所…")
_OPENING_VERB = re.compile(
    r"[,，]?(?:位于|地处|隶属|是|现有|共有|辖|总面积|地域|始建|创建|创办|坐落)|[,，]属"
)
_BODY_MARK = re.compile(r"^\s*[<‹〈]正[>›〉]\s*")
_HEADING_LINE = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])[^\n。]{0,30}\n\s*"
)


# Where a clause starts (not after 、: a list of peers, 广西…教育厅、河北省…教育局合作).
_CLAUSE_START = re.compile(r"(?:^|(?<=[。,;:!?\n])|(?<=[一二三四五六七八九十\d][、.]))\s*")
# "学校" alone after words that are no place name (分析学校, 其他学校); a town's 中心学校 is a name.
_GENERIC_SCHOOL = re.compile(rf"^(?:(?!{_ADMIN}).)*(?<!中心)(?<!一贯制)学校$")
_WORD_GOES_ON = frozenset("域级内城区属直")
_SCHOOL_TAIL = re.compile(rf"(?:{_SCHOOL})$")


# 主送机关: a short line naming whom the report is sent to, ended by a colon (武汉市某区教育局:)
_ADDRESSEE = re.compile(r"^[^\n。,;!?:：]{2,30}[:：][ \t\u3000]*$", re.MULTILINE)


def unit_in_body(text: str, rules: SegmentRules) -> str | None:
    """The unit a report names in its first paragraphs as itself (``unit_cues`` in the YAML).

    A name opening a clause counts when what follows or comes before shows it is the reporting
    unit (新民小学位于…, 兰考县教体局…, 新乡市各级党委…, 我代表梅花学区…) and the report speaks of
    itself by that kind of unit (我校, 全县, 我市).
    """
    cues = rules.unit_cues
    window = _ADDRESSEE.sub(lambda m: " " * len(m.group()), text[: cues.window])
    for start in _clause_starts(window, cues.before):
        unit = _unit_at(window, start, cues)
        if unit is not None:
            return unit
    return None


# A news item's first sentence, after its dateline's words (本报讯(通讯员…), 2017年上半年,): a
# county's or a city's body acting (余庆县教育局认真落实…) is the place the news is about.
_NEWS_LEAD = re.compile(
    r"^\s*(?:(?:本报讯|本网讯|讯)\s*(?:[(（][^()（）]{0,20}[)）])?\s*)?"
    r"(?:(?:19|20)\d\d年[^,，。]{0,8}[,，]\s*)?"
)
_ACTING_BODY = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{2,6}?(?:县|市|区|旗))"
    r"(?:教育局|教体局|教育体育局|人民政府|政府|县委|市委|区委)"
)


def acting_body(body: str) -> str | None:
    """The county or city whose body opens a news item's first sentence (…,余庆县教育局认真落实
    主体责任…): the unit a news item without a unit of its own is about."""
    for line in [ln for ln in body.splitlines() if ln.strip()][:_NEWS_LINES]:
        lead = _NEWS_LEAD.match(line)
        start = lead.end() if lead else 0
        found = _ACTING_BODY.match(line, start) if start else None
        if found is not None and not load_rules().unit_cues.not_at_start.match(found["place"]):
            return _clean_unit(found["place"])  # (not 据各区政府…: a clause's opening words)
    return None


_NEWS_LINES = 6


def _clause_starts(window: str, before: re.Pattern[str]) -> list[int]:
    starts = {m.end() for m in _CLAUSE_START.finditer(window)}
    starts.update(m.end() for m in before.finditer(window))
    return sorted(starts)


def _unit_at(window: str, start: int, cues: UnitCues) -> str | None:
    """The shortest unit name at ``window[start]`` that a cue confirms."""
    cued_before = any(m.end() == start for m in cues.before.finditer(window, max(0, start - 4)))
    for end in range(start + 3, min(len(window), start + 16) + 1):
        name = window[start:end]
        if not _UNIT.fullmatch(name) or _VERB_IN_UNIT.search(name) or "我" in name:
            continue
        if cues.not_at_start.match(name):
            continue  # 随着我市…: a sentence's opening words, not a name
        unit = _clean_unit(name)
        if unit is None:
            continue
        cued_after = cues.after.match(window, end) is not None
        if window[end : end + 1] in _WORD_GOES_ON or (
            _GENERIC_SCHOOL.search(name) and not (cued_before and cued_after)
        ):
            continue  # …其他学校, 县域: not a name, or a name cut inside a word (a 学校 with no
            # place in its name is one when cued on both sides: "…基本状况青林山学校位于…")
        if (cued_before or cued_after) and _speaks_of_itself(window, name):
            return unit
    return None


def _speaks_of_itself(text: str, name: str) -> bool:
    """The report calls itself by the name's kind of unit (我县, 全县, 该县; 我校 for a school)."""
    kind = "校" if _SCHOOL_TAIL.search(name) else name[-1]
    return any(f"{word}{kind}" in text for word in "我全该本")


# A school's own name ends with one of these (唐南小学, 梁辉中学, 第十一国小)
_SCHOOL_NAME_END = re.compile(r"(?:中心小学|中心学校|小学|中学|国小|国中|完小|中心校)")
_PLACE_IN_NAME = re.compile(r"[县镇乡村区市]")
_SCHOOL_NAME_MAX = 10
_SELF_REFERENCE = re.compile(r"我校|本校|我们学校|学校")


def school_named_most(text: str, least: int = 2) -> str | None:
    """The school a report names most often as a whole name (唐南小学 three times: 召开唐南小学…
    会议, 成立唐南小学…小组, 一、唐南小学…), when it names it ``least`` times or more, no other
    school as often, and speaks of a school as itself (我校, 学校); None otherwise. A name is the
    longest run of words before a school word that the text repeats as it is."""
    if not _SELF_REFERENCE.search(text):
        return None
    counts: dict[str, int] = {}
    seen: dict[str, int] = {}  # how often the text holds a candidate name: each counted once
    for found in _SCHOOL_NAME_END.finditer(text):
        end = found.end()
        name = ""
        for start in range(found.start() - 1, max(-1, end - _SCHOOL_NAME_MAX - 1), -1):
            if not "\u4e00" <= text[start] <= "\u9fff":
                break
            candidate = text[start:end]
            if candidate not in seen:
                seen[candidate] = text.count(candidate)
            if seen[candidate] < least:
                break
            name = candidate
        if not name or _listed(text, end - len(name), end):
            continue  # 新增七岭小学、花园小学…: one of the schools a report lists, not itself
        unit = _clean_unit(name) if _proper_school_name(name, found.group()) else None
        if unit is not None and not _NOT_UNIT_START.match(unit) and "我" not in unit:
            counts[unit] = counts.get(unit, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < least or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _proper_school_name(name: str, kind: str) -> bool:
    """Whether ``name`` (ending with the school word ``kind``) is one school's own name, not a
    kind of school (农村小学, 薄弱学校, 中心小学): its words before the school word name a place
    (安溪县第十一小学, 双城镇中山小学) or are two characters that are no word of the dictionary
    (唐南小学, 梁辉中学; a name made of a word, 光明小学, is left to other cues)."""
    words = name[: len(name) - len(kind)]
    if _PLACE_IN_NAME.search(words):
        return len(words) >= 3 and not load_rules().unit_cues.not_a_name.search(words)
    return len(words) == 2 and not is_word(words)


_NUMERAL = re.compile(r"[一二三四五六七八九十\d]")


def _listed(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is one of a list (、 before or after it; not the
    、 of a heading's number, 一、唐南小学…)."""
    if text[end : end + 1] == "、":
        return True
    return text[start - 1 : start] == "、" and not _NUMERAL.fullmatch(text[start - 2 : start - 1])
