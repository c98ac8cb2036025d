"""What a count states: the head noun it counts, what kind of count it is, and the breakdowns.

A report writes a count in either order — "全县共有28所中小学" (number, classifier, noun) or
"完小5所" (noun, number, classifier) — and often breaks a total into parts: "在校生6230人(其中
小学4105人,初中2125人)", "全县学校共52所,其中农村45所,城区7所". This module reads, for every
quantity counted in a classifier (人, 所, 个 …):

* its **head noun** from a lexicon (``extractors/data/statements.yaml``: school types and their
  abbreviations, people, classes, books), with the level the noun names (完小 → 小学);
* the **marks** in its own phrase that make it something other than the unit's holding: a sample
  (抽查学校108所), a condition (寄宿制中小学43所, 达标学校), a subgroup (留守儿童, 高级教师), a flow
  (新建幼儿园16所);
* **breakdowns**: a total, then its parts in brackets, after 其中 or after a colon. A part that
  names no noun of its own (农村45所, 小学4105人) counts what the total counts; a part inherits the
  total's marks (其中 parts of a sample are a sample too).

:mod:`junheng.extractors.figures` makes figures of them; the statements carry offsets only, so
they cost nothing to keep.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from junheng.core.yamldata import package_yaml
from junheng.extractors.catalogue import load_catalogue
from junheng.extractors.lists.markers import line_mark
from junheng.extractors.numbers import Quantities, Quantity

_CLAUSE_BREAK = re.compile(r"[,，;；。!?！？:：、()（）\n]")
# what ends a count's clause after its noun: "28所中小学," — not a verb ("21所学校接入…",
# "四名教师退休"), which makes it an event or a condition, not a holding
_CLAUSE_OVER = re.compile(r"[,，;；。!?！？:：、()（）\n]|$|在内|左右|等|及|和|与")
# a count of the whole stock may be the subject of a verb: "全县12所小学以…为龙头"
_SENTENCE_END = re.compile(r"[。!?！？\n]")
# A count of schools in digits or numerals (45所, 三所): read by the figures and the validator
SCHOOLS_COUNT = re.compile(r"[\d一二三四五六七八九十两]+\s*所")
_OF_ALL = re.compile(r"\s*(?:均|全部|都|全都|已全部|全)")
# a coverb after a count and its noun: what follows is about another thing (以…为领衔, 与…结对)
_COVERB = re.compile(r"\s*(?:以|与|同|向|跟|按照|依托)")


@dataclass(frozen=True, slots=True)
class Noun:
    """A head noun of the lexicon: what it counts (a catalogue id, or None) and its level."""

    word: str
    group: str
    indicator: str | None
    level: str | None
    units: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    nouns: dict[str, Noun]
    noun_re: re.Pattern[str]
    before_number: re.Pattern[str]
    noun_modifiers: re.Pattern[str]
    levels_listed: re.Pattern[str]
    """The items of a list that are levels, not names (全县小学、初中…; 幼儿、小学及中学…)."""
    marks: tuple[tuple[str, frozenset[str], re.Pattern[str]], ...]
    breakdown_open: re.Pattern[str]
    breakdown_stop: re.Pattern[str]
    part_subjects: re.Pattern[str]
    spans_levels: re.Pattern[str]
    total_words: re.Pattern[str]
    whole_unit: str
    """The words that say a count is of the whole unit (``whole_unit``), as a pattern's source."""
    parallel_subjects: re.Pattern[str]
    parallel_pairs: tuple[tuple[str, str], ...]
    holds_levels: dict[str, frozenset[str]]
    holds_groups: dict[str, frozenset[str]]
    dimensions: tuple[tuple[str, re.Pattern[str]], ...]


@cache
def lexicon() -> Lexicon:
    data = package_yaml("junheng.extractors.data", "statements.yaml")
    nouns: dict[str, Noun] = {}
    for group, entry in data["nouns"].items():
        for word, level in entry["words"].items():
            nouns[word] = Noun(word, group, entry["indicator"], level, tuple(entry["units"]))
    # a noun never starts inside 其中 ("其中小学52所" is 小学, not 中小学; "其中学生" is 学生)
    alternation = "|".join(
        ("(?<!其)" if w.startswith("中") else "") + re.escape(w)
        for w in sorted(nouns, key=len, reverse=True)
    )
    return Lexicon(
        nouns=nouns,
        noun_re=re.compile(alternation),
        before_number=re.compile(data["before_number"]),
        noun_modifiers=re.compile(data["noun_modifiers"]),
        levels_listed=re.compile(
            rf"\s*(?:其中)?(?:全[县市区镇乡]|本[县市区镇乡])?(?:{data['listed_levels_lead']})?"
            rf"(?:(?:{data['listed_levels']})[、和及与]?)+"
        ),
        marks=tuple(
            (name, frozenset(mark["groups"]), re.compile(mark["words"]))
            for name, mark in data["not_the_unit"].items()
        ),
        breakdown_open=re.compile(data["breakdown_open"]),
        breakdown_stop=re.compile(data["breakdown_stop"]),
        part_subjects=re.compile(data["part_subjects"]),
        spans_levels=re.compile(data["spans_levels"]),
        total_words=re.compile(data["total_words"]),
        whole_unit=data["whole_unit"],
        parallel_subjects=re.compile(data["parallel_subjects"]),
        parallel_pairs=tuple((a, b) for a, b in data["parallel_pairs"]),
        holds_levels={k: frozenset(v) for k, v in data["holds_levels"].items()},
        holds_groups={k: frozenset(v) for k, v in data["holds_groups"].items()},
        dimensions=tuple((name, re.compile(words)) for name, words in data["dimensions"].items()),
    )


@cache
def _whole() -> re.Pattern[str]:
    """A subject said of the whole unit ending the words before a count (全县学校…)."""
    return re.compile(rf"(?:{lexicon().whole_unit})[^,，;；。:：、()（）\n\d]{{0,8}}$")


@dataclass(frozen=True, slots=True)
class Statement:
    """One count: the quantity, its head noun (if the lexicon knows it) and its marks.

    ``noun_start``/``noun_end`` cut the noun out of the text (equal when there is none);
    ``clause_start`` is where the count's clause begins; ``marks`` are the classes of
    ``not_the_unit`` found in its phrase (``sample``, ``condition``, ``subgroup``, ``flow``).
    """

    quantity: Quantity
    noun: Noun | None
    noun_start: int
    noun_end: int
    clause_start: int
    marks: frozenset[str]

    @property
    def indicator(self) -> str | None:
        return self.noun.indicator if self.noun else None

    @property
    def spans_levels(self) -> bool:
        """Whether its noun is a school type of several levels (九年一贯制学校, 完全中学)."""
        return self.noun is not None and bool(lexicon().spans_levels.search(self.noun.word))


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A total and the parts the text breaks it into, in text order. ``complete`` when every
    count between the opener and the end of the parts is a part, no part is a subgroup, and the
    text is not cut off there (a line break mid-phrase, the end of an excerpt): only then do the
    parts have to add up to the total."""

    total: Statement
    parts: tuple[Statement, ...]
    complete: bool = False
    unbroken: bool = False
    """Every count between the opener and the end of the parts is a part and the text is not cut
    off there (``complete`` but for the parts' marks)."""


def _unit(quantity: Quantity) -> str:
    return "人" if quantity.unit in ("名", "位") else quantity.unit or ""


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Where the clause of ``pos`` begins; a closed aside inside it is no break ("学校(机构)5.58万
    所": the clause holds 学校)."""
    index = pos - 1
    while index >= floor:
        if text[index] in ")）":
            opened = max(text.rfind("(", floor, index), text.rfind("（", floor, index))
            if opened >= 0 and (
                (index - opened <= _ASIDE_MAX and not _CLAUSE_BREAK.search(text, opened + 1, index))
                or INCLUDED_ASIDE.fullmatch(text, opened, index + 1)
            ):  # (…) of a few words, or of what the count includes (含中小学、幼儿园…)
                index = opened - 1
                continue
        if _CLAUSE_BREAK.match(text, index):
            return index + 1
        index -= 1
    return floor


_ASIDE = re.compile(r"[(（][^()（）]*[)）]")
_ASIDE_MAX = 8  # an aside of a few words ("(机构)", "(含教学点)"), not a clause in brackets
# what a count includes, said in brackets (between its classifier and its noun, or before its
# number): its words are no subject or scope of the count
INCLUDED_ASIDE = re.compile(r"[(（](?:含|包括|其中)[^()（）,，。;；]{1,30}[)）]")


def _noun_after(text: str, quantity: Quantity, end: int) -> tuple[Noun, int, int, bool] | None:
    """The noun right after the number and its classifier (28所中小学, 12个教学班), and whether
    the count's clause ends there; a verb after it ("21所学校接入…") makes the count an event
    or a condition, unless it counts the whole stock ("全县12所小学以…为龙头")."""
    lex = lexicon()
    cursor = quantity.span[1]
    aside = INCLUDED_ASIDE.match(text, cursor, end)
    if aside is not None:  # "148所(含3所九年一贯制学校)义务教育学校": what it includes, then
        cursor = aside.end()  # the noun
    match = lex.noun_re.match(text, cursor, end)
    modifier = lex.noun_modifiers.match(text, cursor, end) if match is None else None
    if modifier is not None:  # 166所公办小学, 2358所义务教育薄弱学校: the noun after the words
        match = lex.noun_re.match(text, modifier.end(), end)
    if match is None:
        return None
    noun = lex.nouns[match.group()]
    if _unit(quantity) not in noun.units:
        return None
    whole = _whole().search(text, max(0, quantity.start - 11), quantity.start)
    closed = bool(whole) or bool(_CLAUSE_OVER.match(text, match.end()))
    return noun, match.start(), match.end(), closed


def _noun_before(text: str, quantity: Quantity, floor: int) -> tuple[Noun, int, int] | None:
    """The noun before the number in its clause, with only filler between (完小5所, 在校中小学生
    4089名): the one ending nearest the number, the longest of those."""
    lex = lexicon()
    best: re.Match[str] | None = None
    for pos in range(floor, quantity.start):
        match = lex.noun_re.match(text, pos, quantity.start)
        if match is None:
            continue
        if not lex.before_number.match(text[match.end() : quantity.start]):
            continue
        if best is None or match.end() > best.end():
            best = match
    if best is None:
        return None
    noun = lex.nouns[best.group()]
    return (noun, best.start(), best.end()) if _unit(quantity) in noun.units else None


def read_statement(text: str, quantity: Quantity, start: int, end: int) -> Statement:
    """The statement of ``quantity`` inside the sentence ``text[start:end]``."""
    clause = _clause_start(text, quantity.start, start)
    if clause == quantity.start > start and text[clause - 1] in ":：":
        clause = _clause_start(text, clause - 1, start)  # "学校数:94所": a label, then its value
    tally = _tallies(text, clause, start, quantity.start)
    after = None if tally else _noun_after(text, quantity, end)
    event = after is not None and not after[3]
    found = after[:3] if after else _noun_before(text, quantity, clause)
    noun, noun_start, noun_end = found if found else (None, quantity.start, quantity.start)
    if noun is None and _unit(quantity) == "班" and "班" in lexicon().nouns:
        # "一至六年级共1758班": the classifier 班 names what it counts
        noun, noun_start, noun_end = lexicon().nouns["班"], quantity.span[1] - 1, quantity.span[1]
    phrase_end = _clause_end(text, max(quantity.span[1], noun_end), end)
    said_of = phrase_end
    whole = _whole().search(text, max(0, quantity.start - 11), quantity.start) is not None
    if after is not None and whole and (
        _OF_ALL.match(text, noun_end) or _COVERB.match(text, noun_end)
    ):
        # "全县20所中小学均达到…标准": what is said of all of the county's schools leaves them its
        # stock, not a subset meeting a condition; "全县12所小学以县城示范学校为龙头": the words
        # after 以 name another thing
        said_of = noun_end
    phrase = _ASIDE.sub("", text[clause:said_of])  # "专任教师(不含代课教师)": not 代课 ones
    group = noun.group if noun else None
    marks = {
        name
        for name, groups, pattern in lexicon().marks
        if (group is None or group in groups) and pattern.search(phrase)
    }
    if noun is not None and _subgroup_prefix(text, noun, noun_start):
        marks.add("subgroup")  # 女教师, 骨干教师: the catalogue's not_before of the indicator
    if tally:
        marks.add("tally")
    if event:
        marks.add("event")
    if text.startswith("的", quantity.span[1]):
        marks.add("attributive")  # "3-6周岁幼儿250人的家长": the count describes something else
    return Statement(quantity, noun, noun_start, noun_end, clause, frozenset(marks))


# a list mark at a line's start, or after a lead-in's colon or a sentence end ("…如下:一、基本…")
_NUMBERING_BEFORE = re.compile(r"(?:^|[\n:：。;；])\s*[(（]?[\d一二三四五六七八九十]{1,3}[)）]?$")


_ITEM_BREAK = re.compile(r"[,，;；。!?！？:：\n]")
_COUNT_IN_ITEM = re.compile(r"\d|[一二三四五六七八九十两]+[所个人名]")


def _tallies(text: str, clause: int, start: int, at: int) -> bool:
    """Whether a count right after "、" tallies an enumeration of names ("市一中、市二中、东区中心
    小学三所学校"). Not when the items before it hold counts of their own ("幼儿园10所、小学32所":
    a list of counts), nor after a list mark such as "3、" at a line's start, nor when 各 gives
    each item the count ("…幼儿园、民办学校(文武学校)各1所"). ``at``: where the count starts."""
    if clause <= start or text[clause - 1] != "、":
        return False
    if text[max(0, at - 3) : at].rstrip().endswith("各"):
        return False
    if _NUMBERING_BEFORE.search(text, max(0, clause - 8), clause - 1):
        return False
    items_start = start
    for match in _ITEM_BREAK.finditer(text, start, clause):
        items_start = match.end()
    if lexicon().levels_listed.fullmatch(text, items_start, clause - 1):
        return False  # "全县小学、初中在校生共8600人": the levels' count, not a tally of names
    return not _COUNT_IN_ITEM.search(text, items_start, clause - 1)


def _clause_end(text: str, pos: int, end: int) -> int:
    found = _CLAUSE_BREAK.search(text, pos, end)
    return found.start() if found else end


def _subgroup_prefix(text: str, noun: Noun, noun_start: int) -> bool:
    """Whether the words right before the noun make it a subgroup, by the catalogue's
    ``not_before`` of what the noun counts (男|女|骨干|特岗 … before 教师)."""
    if noun.indicator is None:
        return False
    pattern = not_before(noun.indicator)
    return pattern is not None and bool(pattern.search(text, max(0, noun_start - 4), noun_start))


def marks_for(statement: Statement, indicator_id: str) -> frozenset[str]:
    """The marks of ``statement`` that bear on a count of ``indicator_id``. A statement whose noun
    was found has only its noun group's marks already; one without a noun (a wording the lexicon
    reads no noun in, "藏书总量达到80万册") was marked by every class, and keeps only the classes
    for the groups that count the indicator (达到 makes schools a condition, not books)."""
    if statement.noun is not None or not statement.marks:
        return statement.marks
    groups = _groups_counting(indicator_id)
    classes = {name: mark_groups for name, mark_groups, _ in lexicon().marks}
    return frozenset(
        mark for mark in statement.marks if mark not in classes or classes[mark] & groups
    )


@cache
def _groups_counting(indicator_id: str) -> frozenset[str]:
    return frozenset(n.group for n in lexicon().nouns.values() if n.indicator == indicator_id)


@cache
def not_before(indicator_id: str) -> re.Pattern[str] | None:
    indicator = load_catalogue().by_id.get(indicator_id)
    return re.compile(indicator.not_before) if indicator and indicator.not_before else None


def read_statements(
    text: str, quantities: Sequence[Quantity], start: int, end: int
) -> list[Statement]:
    """The statements of the counted quantities of one sentence, in text order."""
    return [
        read_statement(text, q, start, end)
        for q in quantities
        if q.role == "value" and q.ratio is None and _unit(q) in _COUNTED
    ]


_COUNTED = frozenset(unit for noun in lexicon().nouns.values() for unit in noun.units)


def counted_units() -> frozenset[str]:
    """The units of the lexicon's nouns: the quantities this layer reads as statements."""
    return _COUNTED


def _one_list(text: str, parts: list[Statement]) -> list[Statement]:
    """The parts up to where a stronger separator than the list's own comes between two: a list
    whose parts are divided by , or 、 ends at a ; ("其中初中1所,小学6所,职中1所;民办学校3所" —
    the 民办 schools are another count). Lists divided by ; ("小学10所,在校生3000人;初中2所")
    run on."""
    if len(parts) < 3:
        return parts
    if all(_kind_of_school(text, part) for part in parts):
        return parts  # "其中,普通高中3所、职业学校1所;初中28所、小学164所": kinds, however divided
    strengths = [
        _separator(text[a.quantity.span[1] : b.quantity.start]) for a, b in pairwise(parts)
    ]
    if strengths[0] != 1:
        return parts
    cut = next((k for k, strength in enumerate(strengths) if strength > 1), None)
    return parts if cut is None else parts[: cut + 1]


def _kind_of_school(text: str, part: Statement) -> bool:
    """A plain count of one kind of school (初中28所, 教学点15个; not 民办学校3所: a generic 学校
    named by another dimension, nor schools that meet a condition)."""
    noun = part.noun
    if noun is None or noun.group not in ("schools", "school_points") or part.marks:
        return False
    return noun.word not in _GENERIC_SCHOOLS and dimensions(subject_words(text, part)) <= {"学段"}


_GENERIC_SCHOOLS = frozenset({"学校", "校数", "中小学", "中小学校"})


def _separator(gap: str) -> int:
    """2 for a ; between two parts, 1 for , or 、, 0 for none (the text is normalised: ；→;)."""
    return 2 if ";" in gap else 1 if re.search("[,、]", gap) else 0


def _same_unit(total: Statement, part: Statement) -> bool:
    """After "…中," any count in the total's unit is one of those it counts, whatever its words
    ("8个项目中,4个正在招标", "…中,已入学的为120人"); not a change against another time."""
    return _unit(part.quantity) == _unit(total.quantity) and "change" not in part.marks


def held_part(total: Statement, part: Statement) -> bool:
    """Whether ``part`` counts another group that the total's group holds (``holds_groups``: the
    专任教师 among 教职工): a part of the total that is still a count of its own, and one of
    parts that need not be all of the total."""
    if part.noun is None or total.noun is None:
        return False
    return part.noun.group in lexicon().holds_groups.get(total.noun.group, ())


def counted_among(whole: Noun | None, part: Noun) -> bool:
    """Whether a count of ``part`` can be among a total of ``whole``: the same count, a group the
    whole's holds (专任教师 among 教职工: ``holds_groups``), or a school type or 教学点
    (教学点441人: the pupils there); not another count (学生 among 教师)."""
    if whole is None or part.indicator == whole.indicator:
        return True
    if part.group in lexicon().holds_groups.get(whole.group, ()):
        return True
    return part.group in ("schools", "school_points")


def _part_of(text: str, total: Statement, part: Statement) -> bool:
    """Whether ``part`` can be a part of ``total``: the same unit, and a noun of the same count,
    a school-type noun, or a subject the lexicon's ``part_subjects`` allows (a level, a school's
    name, an area, a category); not a role or subgroup (校级领导3人 under 教职工48人)."""
    if _unit(part.quantity) != _unit(total.quantity) and not (
        part.noun is not None
        and _unit(total.quantity) in part.noun.units
        and (total.noun is not None or _unit(total.quantity) != "个")
    ) and not (  # "共有35个项目,其中校舍改造类21项": the total's noun counted in its other unit
        part.noun is None
        and total.noun is not None
        and _unit(part.quantity) in total.noun.units
        and _unit(total.quantity) in total.noun.units
    ):  # 学校98所,其中…教学点27个: a school-type noun may be counted in 个 beside 所; not
        # under a total in 个 that counts something else ("9个县区136所学校,其中…39所学校")
        return False
    if part.noun is not None and _unit(part.quantity) not in part.noun.units:
        return False
    if _counts_another_thing(text, total, part):
        return False
    if part.noun is not None and part.noun.level and total.noun is not None:
        held = lexicon().holds_levels.get(total.noun.word) or (
            frozenset({total.noun.level}) if total.noun.level else None
        )
        if held is not None and part.noun.level not in held:
            return False  # 幼儿园 under 中小学: another level
    if part.noun is not None:
        return counted_among(total.noun, part.noun)
    subject = subject_words(text, part)
    if not subject or lexicon().part_subjects.search(subject):
        return True
    # "有学位6120个(教学点有学位240个,小学有学位3480个…)": a part subject, then the words the
    # total counts by
    # "毕业生人数20590人。其中,小学毕业生7620人": the total's words after a part subject
    said = _COUNT_WORDS.sub("", subject_words(text, total))
    if total.noun is not None:
        return False
    for size in range(min(len(said), len(subject) - 1), 1, -1):
        own = said[-size:]
        if _HANS.fullmatch(own) and subject.endswith(own):
            head = _COUNTED_WORDS.sub("", subject[:-size])
            return bool(head and lexicon().part_subjects.search(head))
    return False


_COUNTED_WORDS = re.compile(r"[\s共有为达计:：的]+$")
_HANS = re.compile(r"[\u4e00-\u9fff]{2,}")
_COUNT_WORDS = re.compile(r"(?:总数|人数|数量|数)$")  # 毕业生人数: the 毕业生 are counted


def _counts_another_thing(text: str, total: Statement, part: Statement) -> bool:
    """Whether a count in the generic classifier 个 names another thing after it than its total
    does ("辖16个乡镇,其中…、3个街道办事处": the 街道办事处 are no 乡镇). Only where the lexicon
    knows neither noun; its nouns are judged by their groups."""
    if total.noun is not None or part.noun is not None:
        return False
    if _unit(total.quantity) != "个" or _unit(part.quantity) != "个":
        return False
    return names_another_thing(text, total.quantity.span[1], part.quantity.span[1])


def names_another_thing(text: str, after_total: int, after_part: int) -> bool:
    """Whether the words right after a total's number and a part's (their classifier passed)
    name different things: both open with a Han character, and not the same one ("136个县" and
    "2个省份"; "16个乡镇" and "3个街道办事处")."""
    if not (_HAN_CHAR.match(text, after_total) and _HAN_CHAR.match(text, after_part)):
        return False
    return text[after_total] != text[after_part]


_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def subject_words(text: str, statement: Statement) -> str:
    """The words of a count's clause before its number, without 其中 and 共有/为…"""
    subject = text[statement.clause_start : statement.quantity.start]
    return re.sub(r"^\s*其中\s*[:：,，]?|[\s共有为达计:：]+$", "", subject)


def dimensions(subject: str) -> frozenset[str]:
    """The dimensions a part's words break its total down by (学历, 职称, 年龄 …): those named
    at the start of its words or after a word of another dimension ("公办小学": 办学 and 学段)."""
    subject = re.sub(r"^\s*其中\s*[:：,，]?", "", subject)
    said = [subject]
    said += [subject[m.end() :] for _, words in lexicon().dimensions if (m := words.match(subject))]
    return frozenset(name for name, words in lexicon().dimensions if any(map(words.search, said)))


def _dimension_words(text: str, part: Statement) -> str:
    """What names a part's dimension: its words before the number, or when there are none (有
    alone), its words after it to the clause's end ("…,35人获大学本科文凭": 学历)."""
    subject = subject_words(text, part)
    if subject.strip(" 有"):
        return subject
    after = part.quantity.span[1]
    return text[after : _clause_end(text, after, len(text))]


def by_dimension(subjects: Sequence[str]) -> list[range]:
    """The runs of consecutive parts that break a total down by one dimension each, from the
    parts' words (``subjects``); a part naming none stays in the run it stands in, and a run
    goes on while its parts share a dimension ("公办小学…,民办完全中学…,特教学校…": 学段). One run
    (all the parts) unless two dimensions are named."""
    named = [dimensions(subject) for subject in subjects]
    if len(frozenset().union(*named)) < 2:
        return [range(len(subjects))]
    runs: list[range] = []
    start, current = 0, frozenset[str]()
    for k, names in enumerate(named):
        if names and current and not names & current:
            runs.append(range(start, k))
            start, current = k, names
        elif names:
            current = current & names if current else names
    runs.append(range(start, len(subjects)))
    return runs


def _per_dimension(text: str, breakdown: Breakdown) -> list[Breakdown]:
    """A breakdown by two dimensions as one breakdown per dimension; a dimension's parts are
    complete only as the two sides of a pair (男/女 …): the list says nothing of the others."""
    runs = by_dimension([_dimension_words(text, part) for part in breakdown.parts])
    if len(runs) == 1:
        return [breakdown]
    found = []
    for run in runs:
        parts = tuple(breakdown.parts[k] for k in run)
        whole = breakdown.unbroken and len(parts) == 2 and _pair(text, parts)
        found.append(Breakdown(breakdown.total, parts, whole, whole))
    return found


def breakdowns(text: str, statements: Sequence[Statement], end: int) -> list[Breakdown]:
    """Totals followed by their parts (bracketed, after 其中 in the same or the next sentence, or
    after a colon), the parts running to the end of their sentence or the closing bracket:
    "学校98所,其中小学52所,教学点27个,初中19所". ``end`` bounds the search (the report's end)."""
    lex = lexicon()
    found: list[Breakdown] = []
    used: set[int] = set()
    # (a statement's index, where to read on from: after its bracketed parts, a 其中 may break
    # the same total down by another dimension: "初中2450人(公办2160人,民办290人),其中:七年级…")
    queue: list[tuple[int, int | None]] = [(i, None) for i in range(len(statements))]
    queue.reverse()
    while queue:
        i, resume = queue.pop()
        total = statements[i]
        if i in used and resume is None:
            continue
        after = _clause_end(text, max(total.quantity.span[1], total.noun_end), end)
        aside = _UNIT_ASIDE.match(text, after)
        said_end = total.quantity.span[1]
        if aside is not None:  # "192所(个),其中…": the bracket names the unit again
            after = said_end = aside.end()
        if resume is not None:
            after = said_end = resume
        among = _among(text, total, after, end)
        siblings = _siblings(text, statements, i)
        opener = (
            among
            or lex.breakdown_open.match(text, after, end)
            or _late_opener(text, total, statements[i + 1 :], after, end, siblings)
        )
        if opener is not None and re.search("[)）]", text[said_end : opener.start()]):
            continue  # "学校**所(含省直学校3所),其中初中6所…": a bracket's count is no head of 其中
        if opener is None:
            parallel = _parallel(text, total, statements[i + 1 :])
            if parallel:
                used.update(range(i + 1, i + 1 + len(parallel)))
                found += _frame_breakdowns(text, total, parallel, end)
            elif graded := _parallel(text, total, statements[i + 1 :], grades=True):
                # not said to be all of it (no 共): checked only for grades above the total
                used.update(range(i + 1, i + 1 + len(graded)))
                found.append(Breakdown(total, tuple(graded)))
            continue
        bracket = "(" in opener.group() or "（" in opener.group()
        stop = _SENTENCE_END.search(text, opener.end(), end)
        close = _closing(text, opener.end(), end) if bracket else stop.start() if stop else end
        while not bracket and close < end and _LIST_LINE_END.match(text, max(0, close - 1)):
            # "…56所:\n小学42所;\n初中11所;\n…": the parts run on over lines ending in ;
            stop = _SENTENCE_END.search(text, close + 1, end)
            close = stop.start() if stop else end
        if not bracket and not among:
            close = _run_on(text, statements, opener.end(), close, end)
        halt = lex.breakdown_stop.search(text, opener.end(), close)
        beyond = False  # "…初中319所,另有九年一贯制学校8所…": more of the total may be said there
        if halt is not None:
            beyond = any(
                halt.start() < later.quantity.start < close
                and _unit(later.quantity) == _unit(total.quantity)
                for later in statements[i + 1 :]
            )
            close = halt.start()
        if among:  # "…中,已入学的为120人,其中…": what 其中 opens is the last part's own
            nested_opener = _LATE_OPENER.search(text, opener.end(), close)
            close = nested_opener.start() if nested_opener else close
        parts: list[Statement] = []
        taken: list[int] = []  # the statements' indices of the parts
        nested: dict[int, list[Statement]] = {}
        others = False
        for j in range(i + 1, len(statements)):
            part = statements[j]
            if part.quantity.start >= close:
                break
            if part.quantity.start < opener.start():
                continue  # a change stated between the total and a late 其中
            if _nested(text, opener.end(), part.quantity.start):
                if (  # 幼儿园10所(含民办幼儿园4所); not "…,二年级167(其中…)": 167's own
                    parts
                    and _part_of(text, parts[-1], part)
                    and not _counted_before_bracket(text, parts[-1], part)
                ):
                    nested.setdefault(len(parts) - 1, []).append(part)
                    used.add(j)
                continue
            fits = (among and _same_unit(total, part)) or _part_of(text, total, part)
            host = _subgroup_host(parts, part) if fits else None
            if host is not None:
                # "其中专任教师2980人,…;有少数民族专任教师640人": a subgroup of a part is the
                # part's own, not a sibling
                nested.setdefault(host, []).append(part)
                used.add(j)
            elif fits and _same_time(total, part):
                parts.append(part)
                taken.append(j)
            elif _unit(part.quantity) in siblings:
                continue  # "学校38所,在校生2.1万人。其中初中9所,在校生6120人;…": the other's
            elif "change" not in part.marks:  # 小学6230所,比上年减少98所: said of the part
                if parts and _unit(part.quantity) == _unit(total.quantity) and part.noun:
                    close = part.clause_start  # "…村小6所;幼儿园1所…": another list begins
                    break
                others = True
        if parts and _RESPECTIVE_SHARES.search(text, parts[-1].quantity.span[1], close):
            continue  # "…招收3.80万人,在校生20.91万人,分别占…总数和…总数的": shares, not parts
        heads = _segment_heads(text, parts)
        if heads:  # "其中:A1所,B1所;C73所,其中:…;D35所,其中:…": each ; opens a part's own list
            parts = [p for k, p in enumerate(parts) if k in heads]
            taken = [j for k, j in enumerate(taken) if k in heads and k < heads[0]]
            nested = {}
        else:  # "教学点123个,其中…113个,…;乡镇小学16所,其中…": a total of its own ends the list
            own = _own_list_start(text, parts)
            if own is not None:
                close = parts[own].clause_start
                parts, taken = parts[:own], taken[:own]
                nested = {k: sub for k, sub in nested.items() if k < own}
        kept = _one_list(text, parts) if not heads else parts
        if len(kept) < len(parts):  # the list ends at the stronger separator
            close = text.find(";", kept[-1].quantity.span[1], parts[len(kept)].quantity.start)
            close = close if close >= 0 else parts[len(kept)].clause_start
            parts, taken = kept, taken[: len(kept)]
            nested = {k: sub for k, sub in nested.items() if k < len(kept)}
        if among and any(p.marks & _OVERLAPPING for p in parts):
            used.update(taken)
            continue  # "1200名学生中,寄宿生900人,留守儿童500人": groups that overlap
        if len(parts) >= 2 or (parts and (bracket or among)):
            used.update(taken)  # (a lone part after 其中 stays free to head its own bracket)
            cut = _cut_at(text, close, end) if not bracket or close == end else False
            if "包括" in opener.group() and "等" in text[parts[-1].quantity.span[1] : close]:
                cut = True  # "…包括小学68所、中学45所等": the list names some of the total
            others = others or _uncounted(text, opener.end(), close, statements)
            unbroken = not others and not cut and not beyond
            if any(held_part(total, p) for p in parts):
                unbroken = False  # 教职工…(专任教师…,工勤人员…): 教辅, 行政 may be left out
            # "…122名儿童中,已入学120人…": the sentence need not name every part
            if bracket and _INCLUDING.match(text, opener.end()):
                unbroken = False  # "初中31所(含一贯制学校5所,…)": some of what it counts
            complete = (
                unbroken and not any(_own_marks(text, total, p) for p in parts) and not among
            )
            found += _per_dimension(text, Breakdown(total, tuple(parts), complete, unbroken))
            # a part's own parts count what it counts; they need not add up (含…, 其中…) unless
            # they are the two sides of a pair (其中公办…;民办…)
            found += [
                Breakdown(parts[k], tuple(sub), *([len(sub) == 2 and _pair(text, sub)] * 2))
                for k, sub in nested.items()
            ]
            if bracket and resume is None and _SECOND_OPENER.match(text, close + 1, end):
                queue.append((i, close + 1))
            elif not bracket and close < end and text[close] in ";；":
                # "学校420所,其中小学350所,…特教学校2所;农村395所,城区25所": after the ; a
                # parallel frame breaks the same total down by another dimension
                later = [
                    j for j in range(i + 1, len(statements)) if statements[j].quantity.start > close
                ]
                second = _parallel(text, total, [statements[j] for j in later], close + 1)
                if second:
                    used.update(later[: len(second)])
                    found += _frame_breakdowns(text, total, second, end)
    return found


def _subgroup_host(parts: Sequence[Statement], part: Statement) -> int | None:
    """The index of the earlier part ``part`` is a subgroup of: the same noun, said plainly
    there and with a subgroup's words here (专任教师…, 少数民族专任教师…); None when there is none
    (男教师…, 女教师…: two subgroups are siblings)."""
    if part.noun is None or "subgroup" not in part.marks:
        return None
    word = part.noun.word
    return next(
        (
            k
            for k in range(len(parts) - 1, -1, -1)
            if (noun := parts[k].noun) is not None
            and noun.word == word
            and "subgroup" not in parts[k].marks
        ),
        None,
    )


def _frame_breakdowns(
    text: str, total: Statement, parts: Sequence[Statement], end: int
) -> list[Breakdown]:
    """A parallel frame's breakdown of ``total``, whole when nothing is counted after its last
    part before the sentence ends ("…初中10所、教学点15个": the list goes on in another unit)."""
    stop = _SENTENCE_END.search(text, parts[-1].quantity.end, end)
    close = stop.start() if stop else end
    more = _NUMBER.search(text, parts[-1].quantity.span[1], close) is not None
    whole = not _cut_at(text, close, end) and not more
    return _per_dimension(text, Breakdown(total, tuple(parts), whole, whole))


def outline_breakdowns(text: str, statements: Sequence[Statement], end: int) -> list[Breakdown]:
    """Totals said first on a line, their parts on the lines numbered under it, each line opening
    with its part ("3.在校学生69954人。⏎①初中24555人(…)。⏎②小学45399人(…)。"): a bulletin's
    outline. The parts' lines carry one family of marks, numbered from 1 in order, another family
    than the total's line (a line of the total's own family is its sibling, not its part); the
    parts end at the first line that is not the next of them. Each part is the first count of its
    line, in the total's unit, with only its subject between the mark and it."""
    found: list[Breakdown] = []
    firsts = _line_firsts(text, statements, end)
    for line_start, total in firsts.items():
        line_end = _line_end(text, line_start, end)
        own = line_mark(text, line_start, line_end)
        parts: list[Statement] = []
        family = None
        cursor = line_end + 1
        while cursor < end:
            next_end = _line_end(text, cursor, end)
            mark = line_mark(text, cursor, next_end)
            part = firsts.get(cursor)
            if (
                mark is None
                or (own is not None and mark.family == own.family)
                or (family is not None and mark.family != family)
                or mark.value != len(parts) + 1
                or part is None
                or part.clause_start > mark.end
                or re.search(r"\d", text[mark.end : part.quantity.start])
                or not _part_of(text, total, part)
            ):
                break
            family = mark.family
            parts.append(part)
            cursor = next_end + 1
        if len(parts) >= 2 and not total.marks:
            # another count in the total's unit on its line, outside brackets ("教职工300人,其中
            # 专任教师280人"): the lines below may be that one's parts, so they need not add up
            rival = any(
                line_start <= s.quantity.start < line_end
                and s is not total
                and _unit(s.quantity) == _unit(total.quantity)
                and not _nested(text, line_start, s.quantity.start)
                for s in statements
            )
            whole = not rival and not any(p.marks for p in parts)
            found += _per_dimension(text, Breakdown(total, tuple(parts), whole, whole))
    return found


def _line_end(text: str, start: int, end: int) -> int:
    stop = text.find("\n", start, end)
    return stop if stop >= 0 else end


def _line_firsts(text: str, statements: Sequence[Statement], end: int) -> dict[int, Statement]:
    """The first statement of each line, by the line's start."""
    firsts: dict[int, Statement] = {}
    for statement in statements:
        line_start = text.rfind("\n", 0, statement.quantity.start) + 1
        firsts.setdefault(line_start, statement)
    return firsts


def _counted_before_bracket(text: str, last: Statement, part: Statement) -> bool:
    """Whether a number stands between ``last`` and the bracket ``part`` is in: the bracket is
    then that number's, not ``last``'s."""
    opened = max(text.rfind("(", 0, part.quantity.start), text.rfind("（", 0, part.quantity.start))
    return bool(re.search(r"\d", text[last.quantity.span[1] : max(opened, 0)]))


def _own_marks(text: str, total: Statement, part: Statement) -> bool:
    """Whether a part carries marks of its own: any mark but a subgroup whose words the total's
    clause says too (毕业生20590人,其中小学毕业生7620人…: parts of the 毕业生, not a subgroup)."""
    if part.marks - {"subgroup"}:
        return True
    if "subgroup" not in part.marks or "subgroup" not in total.marks:
        return bool(part.marks)
    said = text[total.clause_start : total.quantity.start]
    own = text[part.clause_start : part.quantity.start]
    return any(
        name == "subgroup" and any(found.group() not in said for found in pattern.finditer(own))
        for name, _, pattern in lexicon().marks
    )


_NUMBER = re.compile(r"\d+(?:\.\d+)?(?![\d.%％])")
_SECOND_OPENER = re.compile(r"[,，;；]\s*其中\s*[:：,，]?")
_INCLUDING = re.compile(r"\s*(?:含有|含|包括|包含)")
# a short bracket without a number right after a count: the unit named again, not its parts
_UNIT_ASIDE = re.compile(r"[(（][^()（）\d,，。;；]{1,4}[)）]")


def _own_list_start(text: str, parts: Sequence[Statement]) -> int | None:
    """The index of the first part after a ; that opens a 其中 list of its own, if any."""
    for k, part in enumerate(parts):
        if not k or ";" not in text[parts[k - 1].quantity.span[1] : part.clause_start]:
            continue
        after = _clause_end(text, max(part.quantity.span[1], part.noun_end), len(text))
        if _LATE_OPENER.match(text, after):
            return k
    return None


def _segment_heads(text: str, parts: Sequence[Statement]) -> list[int]:
    """The parts of a list whose first ;-segment holds two or more parts and whose later
    ;-segments each open with a part followed by 其中 and its own parts ("其中:高级中学1所,完全
    中学1所;义务教育学校73所,其中:初级中学9所,…;幼儿园35所,其中:…"): the indices of the first
    segment's parts and of each later segment's first part, the later ones the totals of
    breakdowns of their own. Empty when the list is not of that shape."""
    segments: list[list[int]] = [[]]
    for k, part in enumerate(parts):
        if k and ";" in text[parts[k - 1].quantity.span[1] : part.clause_start]:
            segments.append([])
        segments[-1].append(k)
    if len(segments) < 2 or len(segments[0]) < 2:
        return []
    for segment in segments[1:]:
        first = parts[segment[0]]
        after = _clause_end(text, max(first.quantity.span[1], first.noun_end), len(text))
        if len(segment) < 2 or not _LATE_OPENER.match(text, after):
            return []
    heads = [*segments[0], *(segment[0] for segment in segments[1:])]
    # the heads are plain counts of kinds (not schools that meet a condition, "其中有…学校13所")
    return heads if not any(parts[k].marks for k in heads) else []


def _run_on(
    text: str, statements: Sequence[Statement], start: int, close: int, end: int
) -> int:
    """Where a one-part list after 其中 ends when the next sentences go on with it, each opening
    with a count of the part's kind of noun in its unit ("中小学363所。其中中学93所。小学270所。":
    a list cut by full stops): the end of the last such sentence; else ``close``."""
    inside = [s for s in statements if start <= s.quantity.start < close]
    if not inside or inside[0].noun is None:
        return close
    first = inside[0]
    if any(_unit(s.quantity) == _unit(first.quantity) for s in inside[1:]):
        return close  # a list of its own (其中中学93所,小学270所): not cut by full stops
    # other counts beside the part are its own ("其中中学93所,在校学生73347人。小学270所…")
    assert first.noun is not None
    while close < end and text[close] == "。":
        following = next((s for s in statements if s.quantity.start > close), None)
        if (
            following is None
            or following.noun is None
            or following.noun.group != first.noun.group
            or _unit(following.quantity) != _unit(first.quantity)
            or following.clause_start != close + 1
            or following.noun_start - following.clause_start > 2
        ):
            break
        stop = _SENTENCE_END.search(text, following.quantity.end, end)
        close = stop.start() if stop else end
    return close


def _uncounted(text: str, start: int, end: int, statements: Sequence[Statement]) -> bool:
    """Whether a number between ``start`` and ``end`` is no statement's (a count in another unit,
    "教学点27处"; not a share in %): the parts read may then not be the whole breakdown."""
    spans = [s.quantity.span for s in statements]
    return any(
        not any(a <= m.start() < b for a, b in spans) for m in _NUMBER.finditer(text, start, end)
    )


_RESPECTIVE_SHARES = re.compile(r"分别占")
# "8个项目中,4个…", "122名适龄儿童少年中,已入学…": a total, what it counts, then 中 (not 初中,
# 高中, 其中 …) at the clause end opens its parts
_AMONG_TAIL = re.compile(r"(?<![初高其集之期心空])中\s*$")
_AMONG_OPEN = re.compile(r"\s*[,，:：]\s*")
_AMONG_REACH = 16
_OVERLAPPING = frozenset({"subgroup", "condition", "sample"})


def _among(text: str, total: Statement, after: int, end: int) -> re.Match[str] | None:
    said = text[total.quantity.span[1] : after]
    if len(said) > _AMONG_REACH or re.search(r"\d", said) or not _AMONG_TAIL.search(said):
        return None
    return _AMONG_OPEN.match(text, after, end)


_LIST_LINE_END = re.compile(r"[;；:：]\n")
_LATE_OPENER = re.compile(
    r"[,，;；。]\s*(?:其中|(?:这些[\u4e00-\u9fff]{0,4}|其中)?包括)\s*[:：,，]?"
    # "…40所,具体情况如下:\n1.城区学校12所;…": a phrase announcing the list, then a colon
    r"|[,，]\s*(?:具体|详细|其)?(?:情况|分布|构成|分布情况)?(?:如下|分别是|分别为)\s*[:：]"
)


def _siblings(text: str, statements: Sequence[Statement], i: int) -> frozenset[str]:
    """The units of the totals said together with ``statements[i]``, right before or after it
    and joined by a comma only, each in another unit ("全县学校38所,在校生21450人"): one 其中 may
    break both down, record by record ("其中初中9所,在校生6120人;小学28所,…")."""
    total = statements[i]
    units: set[str] = set()
    for step in (-1, 1):
        k, edge = i + step, total
        while 0 <= k < len(statements):
            other = statements[k]
            first, second = (other, edge) if step < 0 else (edge, other)
            gap = text[max(first.quantity.span[1], first.noun_end) : second.clause_start]
            unit = _unit(other.quantity)
            if not re.fullmatch(r"\s*[,，、]\s*", gap) or unit == _unit(total.quantity):
                break
            if other.marks & {"change", "tally", "attributive"}:
                break
            units.add(unit)
            k, edge = k + step, other
    return frozenset(units)


def _late_opener(
    text: str,
    total: Statement,
    following: Sequence[Statement],
    after: int,
    end: int,
    siblings: frozenset[str] = frozenset(),
) -> re.Match[str] | None:
    """其中 bound to the head total across the clauses after it: "…为1210万人,较上年增加0.62%,
    占在校生总数的9.68%。其中,小学…". It opens the total's breakdown when no other count comes
    between them but a change against another time (比上年减少175人) or a total said with it in
    another unit (``siblings``), in the total's sentence or at the start of the next one."""
    if total.marks & {"change", "tally", "attributive"}:
        return None
    limit = end
    for k, s in enumerate(following):
        if "change" in s.marks or _unit(s.quantity) in siblings:
            continue
        if _passed_over(text, total, s, following[k + 1 :], end):
            continue
        limit = s.quantity.start
        break
    found = _LATE_OPENER.search(text, after, limit)
    if found is None or _SENTENCE_END.search(text, after, found.start()):
        return None
    return found


def _passed_over(
    text: str, total: Statement, other: Statement, following: Sequence[Statement], end: int
) -> bool:
    """Whether a count of another group between a total and a 其中 (教职工520人 between
    在校生6400人 and "其中城区两镇小学生5100人…") leaves the 其中 to the total: the 其中 follows
    it in its sentence, and the first part after it names what the total counts, not what
    ``other`` counts."""
    if total.noun is None or other.noun is None or counted_among(total.noun, other.noun):
        return False
    opener = _LATE_OPENER.search(text, max(other.quantity.span[1], other.noun_end), end)
    if opener is None or _SENTENCE_END.search(text, other.quantity.span[1], opener.start()):
        return False
    first = next((s for s in following if s.quantity.start >= opener.end()), None)
    return (
        first is not None
        and first.noun is not None
        and counted_among(total.noun, first.noun)
        and not counted_among(other.noun, first.noun)
    )


def _parallel(
    text: str,
    total: Statement,
    following: Sequence[Statement],
    start: int | None = None,
    grades: bool = False,
) -> list[Statement]:
    """The parts of a parallel frame after ``total``: consecutive clauses, two or more, each a
    count in the total's unit and each an area, a category or a source (``parallel_subjects``:
    "全县学校共52所,农村45所,城区7所") or a school type or level of what the total counts ("共有
    中小学25所,小学18所,初中7所"), after a total said as one (共…); or, after any total, the two
    sides of a pair (``parallel_pairs``: "教师120人,男教师50人,女教师70人"). ``start``: where the
    frame begins when not right after the total (after the ; that ends another breakdown).
    ``grades``: instead, the clauses that count what the total counts grade by grade ("全校有15个
    教学班,初一年级5个班,初二年级5个班"), after any total."""
    lex = lexicon()
    said_as_one = bool(lex.total_words.search(text, total.clause_start, total.quantity.start))
    parts: list[Statement] = []
    framed: list[bool] = []  # whether each part names an area, a category or a kind
    graded: list[bool] = []  # whether each part is a grade's count of what the total counts
    # (after the noun that follows a number: "15个教学班,初一年级5个班")
    previous_end = max(total.quantity.span[1], total.noun_end) if start is None else start
    for part in following:
        gap = text[previous_end : part.clause_start]
        subject = text[part.clause_start : part.quantity.start].strip()
        kind = _kind_of(text, total, part)
        # "共有义务教育学校241所,小学213所;初中18所,…": school types may be divided by ; too
        opening = start is not None and not parts and not gap.strip()  # right after the ;
        if not opening and not re.fullmatch(
            r"\s*[,，、]\s*" if not kind else r"\s*[,，、;；]\s*", gap
        ):
            break
        if _unit(part.quantity) != _unit(total.quantity) and not kind:
            break  # (a school type may be counted in 个 beside 所: 教学点15个)
        named = part.noun is None and bool(lex.parallel_subjects.search(subject))
        if not (named or kind or _side(total, part)):
            break
        parts.append(part)
        framed.append(named or kind)
        graded.append(_side(total, part) and "年级" in dimensions(subject))
        previous_end = max(part.quantity.span[1], part.noun_end)
    if grades:  # "全校有15个教学班,初一年级5个班,初二年级5个班,…": grade by grade
        frame = parts[: graded.index(False) if False in graded else len(parts)]
        return frame if len(frame) >= 2 else []
    if said_as_one:
        frame = parts[: framed.index(False) if False in framed else len(parts)]
        if len(frame) >= 2:
            return frame
    return parts[:2] if len(parts) >= 2 and _pair(text, parts[:2]) else []


def _side(total: Statement, part: Statement) -> bool:
    """A part that may be one side of a pair: the total's own count (男教师 under 教师)."""
    return part.noun is None or (
        total.noun is not None and part.noun.indicator == total.noun.indicator
    )


def _kind_of(text: str, total: Statement, part: Statement) -> bool:
    """A part that names a school type or a level of what the total counts (小学 under 中小学,
    小学生 under 在校生), with no mark of a subgroup or a condition."""
    if part.noun is None or total.noun is None or part.noun.word == total.noun.word:
        return False
    if part.marks or not _part_of(text, total, part):
        return False
    return part.noun.group in ("schools", "school_points") or (
        part.noun.level is not None and part.noun.level != total.noun.level
    )


def _pair(text: str, parts: Sequence[Statement]) -> bool:
    """Whether two parts are the two sides of one of ``parallel_pairs``, in either order, by the
    words right before each one's noun or number (男…, 女…)."""
    heads = [
        text[p.clause_start : p.noun_start if p.noun is not None else p.quantity.start]
        .strip()
        .removeprefix("其中")
        for p in parts
    ]
    return any(
        all(re.match(side, head) for side, head in zip(sides, heads, strict=True))
        for pair in lexicon().parallel_pairs
        for sides in (pair, pair[::-1])  # either side first: 女…, 男… as well as 男…, 女…
    )


def _same_time(total: Statement, part: Statement) -> bool:
    """A change against another time breaks down into changes, a holding into holdings: "比上年
    减少120所;其中小学6230所" — the 6230 are not part of the 120."""
    return ("change" in total.marks) == ("change" in part.marks)


def _nested(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` is inside brackets opened after ``start``."""
    depth = 0
    for char in text[start:pos]:
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
    return depth > 0


def _cut_at(text: str, close: int, end: int) -> bool:
    """Whether the parts end where the text is cut off: at a line break or the end of the text
    with no sentence-final punctuation before it."""
    if close < len(text) and text[close] in "。.!?！？;；":
        return False  # the sentence ends there (the search stopped at the report's last 。)
    at_break = close >= min(end, len(text.rstrip())) or text.startswith("\n", close)
    return at_break and close > 0 and text[close - 1] not in "。.!?！？;；:：)）"


def _closing(text: str, start: int, end: int) -> int:
    depth = 1
    for index in range(start, end):
        if text[index] in "(（":
            depth += 1
        elif text[index] in ")）":
            depth -= 1
            if depth == 0:
                return index
    return end


@dataclass(frozen=True, slots=True)
class Reading:
    """The statement layer of one report: its statements in text order, each with the sentence
    it stands in, and the breakdowns over them."""

    statements: tuple[Statement, ...]
    sentence_of: dict[int, tuple[int, int]]
    """A statement's quantity start → its sentence's span."""
    breakdowns: tuple[Breakdown, ...]


_SENTENCE_SPLIT = re.compile(r"[。!?\n]")
"""Sentence ends in the normalised text (。!? and line breaks; not ;): the figure extractor's and
the validator's sentences are the same spans."""


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` (split at 。!? and line breaks)."""
    spans, cursor = [], start
    for found in _SENTENCE_SPLIT.finditer(text, start, end):
        if found.start() > cursor:
            spans.append((cursor, found.start()))
        cursor = found.end()
    if cursor < end:
        spans.append((cursor, end))
    return spans


def _key(breakdown: Breakdown) -> tuple[int, ...]:
    return (breakdown.total.quantity.start, *(p.quantity.start for p in breakdown.parts))


def read_report(text: str, quantities: Quantities, start: int, end: int) -> Reading:
    """The statements and breakdowns of the report ``text[start:end]``, read once per document:
    kept in ``quantities.memo``, so the figure extractor and the validator, which the runner
    gives the same :class:`Quantities`, share one reading."""
    key = ("statements", start, end)
    kept = quantities.memo.get(key)
    if isinstance(kept, Reading):
        return kept
    statements: list[Statement] = []
    sentence_of: dict[int, tuple[int, int]] = {}
    for span in sentence_spans(text, start, end):
        counts = read_statements(text, quantities.between(*span), *span)
        statements.extend(counts)
        sentence_of.update((c.quantity.start, span) for c in counts)
    # the outline's breakdowns first: its parts' own breakdowns then find them counted
    said = breakdowns(text, statements, end)
    keys = {_key(b) for b in said}  # "…具体情况如下:⏎1.…⏎2.…": read by 其中's rules already
    read = [b for b in outline_breakdowns(text, statements, end) if _key(b) not in keys] + said
    read.sort(key=lambda b: b.total.quantity.start)
    reading = Reading(tuple(statements), sentence_of, tuple(read))
    quantities.memo[key] = reading
    return reading
