"""cv_mismatch: a 差异系数 a file states that its own school rows do not give.

A school table's 差异系数 row (:mod:`junheng.extractors.school_tables`: figures of
``cv_<indicator>``, ``cv_composite`` for a 综合 column), or a sentence of the same file such as
"全县小学生均体育运动场馆面积差异系数为0.35", is recomputed from the file's school rows of that
county and level by the official formula (:mod:`junheng.validate.cv`, STANDARDS.md §3:
enrolment-weighted). The stated value passes when it is the computed one rounded to the digits it
is written with (half a unit of its last digit either side); when it fails but the unweighted CV
would pass, the message says so (STANDARDS.md §6, pitfall 1: the CV computed without weights).

A 综合差异系数 is checked as the standard defines it. In a table it is the mean of the
coefficients its own row states; in a sentence ("全县小学综合差异系数为0.412，初中为0.336",
"小学、初中综合差异系数分别为0.412、0.336") it is the mean of the single coefficients of the
profile's ``cv_mean`` rule (教督〔2012〕3号: "八项单项差异系数的平均值"), or of the built-in
``jiben-2012`` one when the profile has none (教督〔2017〕6号 sets no composite), and it is
checked only when the rows give every one of those indicators. A number that is a change
(比上年下降0.02, 由0.52降至…: the 0.52) or a limit (不超过0.65, 标准0.55) is not a statement of the
coefficient.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from junheng.core.model import Figure, FigureKind, Finding, Span
from junheng.extractors.catalogue import indicator_patterns
from junheng.extractors.school_tables import COMPOSITE_CV, CV_PREFIX, indicator_name
from junheng.validate import cv
from junheng.validate.context import DocContext, figure_evidence, finding
from junheng.validate.profile import CvMeanRule, Profile, load_profile
from junheng.validate.standards import Issue

COMPOSITE_DEFINITION = "jiben-2012"
"""The profile whose ``cv_mean`` rule defines the 综合差异系数 when the batch's profile has none."""


@dataclass(frozen=True, slots=True)
class _Stated:
    """A stated coefficient and whether a sentence states it (else a table's 差异系数 row)."""

    figure: Figure
    in_sentence: bool


def _half_unit(figure: Figure) -> float:
    written = figure.number or repr(figure.value)
    decimals = len(written.partition(".")[2]) if "." in written else 0
    return 0.5 * 10.0**-decimals + 1e-9


def cv_mismatch(ctx: DocContext) -> list[Finding]:
    """Each 差异系数 the file states (a table's 差异系数 row, or a sentence such as
    "小学生均教学及辅助用房面积差异系数为0.35" or "小学综合差异系数为0.412") against the one its
    school rows give."""
    figures = [f for f in ctx.figures if f.kind == "actual"]
    if sum(1 for f in figures if f.school) < 2:
        return []  # no school table: nothing to recompute a coefficient from
    stated = [_Stated(f, False) for f in figures if f.indicator.startswith(CV_PREFIX) and f.level]
    taken = {s.figure.span.start for s in stated}
    stated += [_Stated(f, True) for f in _sentence_cvs(ctx.doc.text, figures, taken)]
    taken |= {s.figure.span.start for s in stated}
    stated += [_Stated(f, True) for f in _sentence_composites(ctx.doc.text, figures, taken)]
    return [
        dataclasses.replace(
            finding(
                ctx, issue.figures[0].doc, issue.rule, issue.message, issue.values,
                figure_evidence(ctx, issue.figures), issue.expected, issue.standard,
            ),
            indicator=issue.figures[0].indicator,
            level=issue.figures[0].level,
        )
        for issue in _issues(figures, stated, ctx.profile)
    ]  # fmt: skip


def _stated_figure(
    schools: list[Figure], match: re.Match[str], group: str, indicator: str, level: str,
    county: str | None,
) -> Figure:  # fmt: skip
    """A coefficient a sentence states, as a figure of the report the sentence is in."""
    start, end = match.span(group)
    doc = next((f.doc for f in schools if f.span.start <= match.start()), schools[0].doc)
    return Figure(
        doc=doc, indicator=indicator, value=float(match.group(group)), unit="", level=level,
        year=None, kind=FigureKind.ACTUAL, qualifier=None, span=Span(start, end),
        sentence=Span(match.start(), match.end()), file=schools[0].file,
        number=match.group(group), county=county,
    )  # fmt: skip


def _sentence_cvs(text: str, figures: list[Figure], taken: set[int]) -> list[Figure]:
    """ "…{indicator}…差异系数(为)0.35" in the text, for the indicators the school rows hold; the
    level from the words before it, else the school rows' one level."""
    schools = [f for f in figures if f.school]
    levels = {f.level for f in schools if f.level}
    only = levels.pop() if len(levels) == 1 else None
    held = {f.indicator for f in schools}
    found = []
    for indicator, pattern in indicator_patterns():
        if indicator.id not in held or indicator.id == "students":
            continue
        statement = re.compile(
            rf"(?P<level>小学|初中)?[^。；;\n\d]{{0,8}}?(?:{pattern.pattern})"
            rf"[^。；;\n\d]{{0,10}}?差异系数[^。；;\n\d]{{0,4}}?(?P<n>\d\.\d+)"
        )
        for match in statement.finditer(text):
            level = match.group("level") or only
            if level is None or match.start("n") in taken:
                continue
            known, county = _county(text, match.start(), match.end(), schools)
            if not known:
                continue
            found.append(
                _stated_figure(schools, match, "n", CV_PREFIX + indicator.id, level, county)
            )
    return found


# A 综合差异系数 in a sentence: the words before it back to a clause mark name the level(s); after
# it, levels and numbers up to the end of the clause, another coefficient or a limit.
_COMPOSITE_WORD = re.compile(r"综合差异系数")
_BEFORE_STOP = re.compile(r"[，,。；;：:\n]")
_AFTER_END = re.compile(r"[。；;\n]|(?:单项|综合)?差异系数|变异系数")
_LIMIT = re.compile(r"标准|要求|规定|≤|<|＜|不超过|不大于|不高于|低于|小于|控制在|以内|以下")
_LEVEL_OR_NUMBER = re.compile(r"(?P<level>小学|初中)|(?<![\d.])(?P<n>\d?\.\d+)(?![\d.%％])")
_CHANGE_BEFORE = re.compile(r"(?:由|从|下降|降低|减少|缩小|缩减|增加|提高|上升|增长)了?\s*$")
_UNIT_AFTER = re.compile(r"\s*(?:个百分点|倍|元|平方米|米|人|册|台|间|所|个)")


def _sentence_composites(text: str, figures: list[Figure], taken: set[int]) -> list[Figure]:
    """Each 综合差异系数 a sentence states, with the level it states it for (the level the words
    name before the number, those listed before 分别 in their order, else the rows' one level)."""
    schools = [f for f in figures if f.school]
    levels = {f.level for f in schools if f.level}
    only = levels.pop() if len(levels) == 1 else None
    found: list[Figure] = []
    for word in _COMPOSITE_WORD.finditer(text):
        stops = list(_BEFORE_STOP.finditer(text, max(0, word.start() - 20), word.start()))
        head = stops[-1].end() if stops else max(0, word.start() - 20)
        end = _AFTER_END.search(text, word.end())
        tail = end.start() if end else len(text)
        limit = _LIMIT.search(text, word.end(), tail)
        tail = limit.start() if limit else tail
        named = re.findall(r"小学|初中", text[head : word.start()])
        known, county = _county(text, head, tail, schools)
        if not known:
            continue
        for level, match in _pairs(text, word.end(), tail, named, only):
            if match.start("n") not in taken:
                found.append(_stated_figure(schools, match, "n", COMPOSITE_CV, level, county))
    return found


def _pairs(
    text: str, start: int, end: int, named: list[str], only: str | None
) -> list[tuple[str, re.Match[str]]]:
    """The (level, number) pairs of ``text[start:end]``: after 分别 the levels named before the
    numbers in order, else each number with the level named last before it (used once)."""
    tokens: list[tuple[str | None, re.Match[str] | None]] = []
    for match in _LEVEL_OR_NUMBER.finditer(text, start, end):
        if match.group("n") is None:
            tokens.append((match.group("level"), None))
        elif not _CHANGE_BEFORE.search(text, max(0, match.start() - 4), match.start()) and not (
            _UNIT_AFTER.match(text, match.end())
        ):
            tokens.append((None, match))
    numbers = [m for _, m in tokens if m is not None]
    if not numbers:
        return []
    if "分别" in text[start : numbers[0].start()]:
        first = next(i for i, (_, m) in enumerate(tokens) if m is not None)
        listed = named + [lv for lv, _ in tokens[:first] if lv]
        return list(zip(listed, numbers, strict=True)) if len(listed) == len(numbers) else []
    pairs: list[tuple[str, re.Match[str]]] = []
    current = named[-1] if named else only
    for level, number in tokens:
        if number is None:
            current = level
        elif current is not None:
            pairs.append((current, number))
            current = None
    return pairs


def _county(text: str, start: int, end: int, schools: list[Figure]) -> tuple[bool, str | None]:
    """``(known, county)``: the county a statement is about, the rows' one county, else the one
    its clause names; not known when the rows hold several and the clause names none of them."""
    counties = {f.county for f in schools}
    if len(counties) == 1:
        return True, counties.pop()
    named = [c for c in counties if c and c in text[max(0, start - 30) : end]]
    return (True, named[0]) if len(named) == 1 else (False, None)


def composite_rule(profile: Profile) -> CvMeanRule:
    """The rule that defines the 综合差异系数: the profile's ``cv_mean`` one, else the one of
    :data:`COMPOSITE_DEFINITION`."""
    found = profile.active(CvMeanRule) or load_profile(COMPOSITE_DEFINITION).active(CvMeanRule)
    rule: CvMeanRule = found[0]
    return rule


def _issues(figures: Sequence[Figure], stated: Sequence[_Stated], profile: Profile) -> list[Issue]:
    issues = []
    for each in stated:
        figure = each.figure
        same = [f for f in figures if f.county == figure.county]
        level = figure.level or ""
        if figure.indicator == COMPOSITE_CV:
            computed = _composite(figure, same, stated, profile, each.in_sentence)
        else:
            computed = _single(figure, same, level)
        if computed is None:
            continue
        value, plain, found, name, rule = computed
        tolerance = _half_unit(figure)
        if abs(value - figure.value) <= tolerance:
            continue
        hint = (
            "，与不加权计算的结果一致，疑未按在校生数加权"
            if abs(plain - figure.value) <= tolerance
            else ""
        )
        where = "报告写" if each.in_sentence else "表中写"
        count = len({p.school for c in found for p in c.parts})
        mean = f"，{len(found)}项单项差异系数的平均值" if figure.indicator == COMPOSITE_CV else ""
        standard = "STANDARDS.md §3 差异系数计算方法（S17，按在校生数加权）"
        if rule is not None:
            standard = f"{rule.source.cite()} {rule.name_zh}；{standard}"
        issues.append(
            Issue(
                "cv_mismatch",
                f"{figure.county or ''}{level}{name}{where}{figure.number or figure.value}，"
                f"按表中{count}所学校的数据以在校生数加权计算{mean}应为{value:.4f}{hint}",
                (figure, *(f for c in found for f in c.figures)),
                (figure.value,),
                round(value, 6),
                standard,
            )
        )
    return issues


_Computed = tuple[float, float, list[cv.Coefficient], str, CvMeanRule | None]


def _single(figure: Figure, same: list[Figure], level: str) -> _Computed | None:
    indicator = figure.indicator[len(CV_PREFIX) :]
    found = cv.coefficients(cv.parts(same), [indicator], [level])
    if not found:
        return None
    return found[0].value, found[0].unweighted, found, f"{indicator_name(indicator)}差异系数", None


def _composite(
    figure: Figure,
    same: list[Figure],
    stated: Sequence[_Stated],
    profile: Profile,
    in_sentence: bool,
) -> _Computed | None:
    """A table's 综合 against the mean of the coefficients its row states; a sentence's against
    the mean of the defining rule's (every one of them computed, else None)."""
    level = figure.level or ""
    rule: CvMeanRule | None = None
    if in_sentence:
        rule = composite_rule(profile)
        transforms: dict[str, str] = {ref.id: ref.transform for ref in rule.indicators}
        row = [ref.id for ref in rule.indicators]
        weighted = rule.weights == "students"
        found = cv.coefficients(cv.parts(same, transforms), row, [level], weighted)
    else:
        row = [
            s.figure.indicator[len(CV_PREFIX) :] for s in stated
            if s.figure.sentence == figure.sentence and s.figure.indicator != COMPOSITE_CV
        ]  # fmt: skip
        found = cv.coefficients(cv.parts(same), row, [level])
    if not row or len(found) != len(row):
        return None
    value = sum(c.value for c in found) / len(found)
    plain = sum(c.unweighted for c in found) / len(found)
    return value, plain, found, "综合差异系数", rule
