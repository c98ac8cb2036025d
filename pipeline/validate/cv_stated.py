"""cv_mismatch: a 差异系数 a file states that its own school rows do not give.

A school table's 差异系数 row (:mod:`junheng.extractors.school_tables`: figures of
``cv_<indicator>``, ``cv_composite`` for a 综合 column), or a sentence of the same file such as
"全县小学生均体育运动场馆面积差异系数为0.35", is recomputed from the file's school rows of that
county and level by the official formula (:mod:`junheng.validate.cv`, STANDARDS.md §3:
enrolment-weighted). The stated value passes when it is the computed one rounded to the digits it
is written with (half a unit of its last digit either side); when it fails but the unweighted CV
would pass, the message says so (STANDARDS.md §6, pitfall 1: the CV computed without weights).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from junheng.core.model import Figure, FigureKind, Finding, Span
from junheng.extractors.catalogue import indicator_name, indicator_patterns
from junheng.validate import cv
from junheng.validate.context import DocContext, figure_evidence, finding
from junheng.validate.standards import Issue

CV_PREFIX = "cv_"
COMPOSITE = "cv_composite"


def _half_unit(figure: Figure) -> float:
    written = figure.number or repr(figure.value)
    decimals = len(written.partition(".")[2]) if "." in written else 0
    return 0.5 * 10.0**-decimals + 1e-9


def cv_mismatch(ctx: DocContext) -> list[Finding]:
    """Each 差异系数 the file states (a table's 差异系数 row, or a sentence such as
    "小学生均教学及辅助用房面积差异系数为0.35") against the one its school rows give."""
    figures = [f for f in ctx.figures if f.kind == "actual"]
    if sum(1 for f in figures if f.school) < 2:
        return []  # no school table: nothing to recompute a coefficient from
    stated = [f for f in figures if f.indicator.startswith(CV_PREFIX) and f.level]
    stated += _sentence_cvs(ctx.doc.text, figures, {(f.span.start) for f in stated})
    return [
        dataclasses.replace(
            finding(
                ctx, issue.figures[0].doc, issue.rule, issue.message, issue.values,
                figure_evidence(ctx, issue.figures), issue.expected, issue.standard,
            ),
            indicator=issue.figures[0].indicator,
            level=issue.figures[0].level,
        )
        for issue in _issues(figures, stated)
    ]  # fmt: skip


def _sentence_cvs(text: str, figures: list[Figure], taken: set[int]) -> list[Figure]:
    """"…{indicator}…差异系数(为)0.35" in the text, for the indicators the school rows hold; the
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
            doc = next((f.doc for f in schools if f.span.start <= match.start()), schools[0].doc)
            found.append(Figure(
                doc=doc, indicator=CV_PREFIX + indicator.id, value=float(match.group("n")),
                unit="", level=level, year=None, kind=FigureKind.ACTUAL, qualifier=None,
                span=Span(match.start("n"), match.end("n")),
                sentence=Span(match.start(), match.end()), file=schools[0].file,
                number=match.group("n"), county=schools[0].county,
            ))  # fmt: skip
    return found


def _issues(figures: Sequence[Figure], stated: Sequence[Figure]) -> list[Issue]:
    issues = []
    for figure in stated:
        same = [f for f in figures if f.county == figure.county]
        parts = cv.parts(same)
        level = figure.level or ""
        if figure.indicator == COMPOSITE:
            row = [
                f.indicator[len(CV_PREFIX):] for f in stated
                if f.sentence == figure.sentence and f.indicator != COMPOSITE
            ]  # fmt: skip
            found = cv.coefficients(parts, row, [level])
            if not row or len(found) != len(row):
                continue
            computed = sum(c.value for c in found) / len(found)
            plain = sum(c.unweighted for c in found) / len(found)
            name, count = "综合差异系数", len(found[0].parts)
        else:
            indicator = figure.indicator[len(CV_PREFIX):]
            found = cv.coefficients(parts, [indicator], [level])
            if not found:
                continue
            computed, plain = found[0].value, found[0].unweighted
            name, count = f"{indicator_name(indicator)}差异系数", len(found[0].parts)
        tolerance = _half_unit(figure)
        if abs(computed - figure.value) <= tolerance:
            continue
        hint = (
            "，与不加权计算的结果一致，疑未按在校生数加权"
            if abs(plain - figure.value) <= tolerance
            else ""
        )
        issues.append(
            Issue(
                "cv_mismatch",
                f"{figure.county or ''}{level}{name}表中写{figure.number or figure.value}，"
                f"按表中{count}所学校的数据以在校生数加权计算应为{computed:.4f}{hint}",
                (figure, *(f for c in found for f in c.figures)),
                (figure.value,),
                round(computed, 6),
                "STANDARDS.md §3 差异系数计算方法（S17，按在校生数加权）",
            )
        )
    return issues
