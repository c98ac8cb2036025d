"""Rules across the files of a batch: cross_report_conflict and the between-school CV.

The 差异系数 is computed per county and level (:mod:`junheng.validate.cv`): over the schools a
table places in a county, and over the rest of the batch's schools as one county. A school is a
figure of a table's school row, or one whose ``unit_name`` is not a county, town or bureau.
cross_report_conflict works on one pandas table of the batch's named facts (:func:`figure_table`);
pandas is imported only when a batch has facts of two or more named reports to compare
(``junheng.validate.validate_batch``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from junheng.core.model import Figure, Severity
from junheng.extractors.catalogue import indicator_name
from junheng.validate import cv
from junheng.validate.context import fmt
from junheng.validate.cv import weighted_cv
from junheng.validate.profile import CvEachRule, CvMeanRule, Profile
from junheng.validate.standards import Issue

__all__ = ["cross_report_conflict", "cv_exceeds", "figure_table", "weighted_cv"]

if TYPE_CHECKING:  # pandas is imported where it is used: the workers never need it
    import pandas as pd

_REL_TOL = 1e-3  # two reports "agree" within the gold's matching tolerance (CONTRACT.md)


def figure_table(figures: Sequence[Figure]) -> pd.DataFrame:
    """The batch's reported facts of named units as a table, one row per figure, in batch order:
    ``unit_name, indicator, level, year, value, file, doc, qualifier`` and ``at`` (the figure's
    position in ``figures``). The key columns keep None (object dtype), not NaN."""
    import pandas as pd

    rows = [
        (f.unit_name, f.indicator, f.level, f.year, f.value, f.file, f.doc, f.qualifier, i)
        for i, f in enumerate(figures)
        if f.kind == "actual" and f.unit_name
    ]
    columns = ["unit_name", "indicator", "level", "year", "value", "file", "doc", "qualifier", "at"]
    table = pd.DataFrame(rows, columns=columns, dtype=object)
    return table.astype({"value": float, "at": int})


def cross_report_conflict(figures: Sequence[Figure]) -> list[Issue]:
    """The same unit, indicator, level and year with different values in two reports."""

    table = figure_table(figures)
    table = table[table["qualifier"].isna()]  # a hedged number (约, 以上) does not conflict
    # the first figure of each report, per unit, indicator, level and year
    first = table.drop_duplicates(["unit_name", "indicator", "level", "year", "file", "doc"])
    issues = []
    keys = ["unit_name", "indicator", "level", "year"]
    for _, group in first.groupby(keys, sort=False, dropna=False):
        # the key as the figures hold it (groupby's own key would turn a None year into NaN)
        unit_name, indicator, level, year = group.iloc[0][keys]
        if len(group) < 2:
            continue
        low, high = group["value"].min(), group["value"].max()
        if high - low <= _REL_TOL * max(abs(high), 1e-9):
            continue
        chosen = tuple(figures[i] for i in group["at"])
        said = "；".join(
            f"{r.file}第{(r.doc or 0) + 1}篇写{fmt(r.value, r.unit or '')}" for r in chosen
        )
        when = f"{year}年" if year else "（未注明年份）"
        issues.append(
            Issue(
                "cross_report_conflict",
                f"{unit_name}{level or ''}{indicator_name(indicator)}{when}在不同报告中数值不一致："
                f"{said}，"
                "请核对以哪份为准",
                chosen,
                tuple(r.value for r in chosen),
                None,
                None,
                Severity.ERROR if year else Severity.WARNING,
            )
        )
    return issues


def cv_exceeds(figures: Sequence[Figure], profile: Profile) -> list[Issue]:
    """Between-school CVs per county and level (:mod:`junheng.validate.cv`): each against the
    limit (cv_each, 2017) or their mean (cv_mean, the 2012 综合差异系数)."""
    issues: list[Issue] = []
    for rule in profile.active(CvEachRule) + profile.active(CvMeanRule):
        levels = (
            list(rule.threshold)
            if isinstance(rule.threshold, dict)
            else ["小学", "初中"]
        )
        transforms = {ref.id: ref.transform for ref in rule.indicators}
        found = cv.coefficients(
            cv.parts(figures, transforms),
            [ref.id for ref in rule.indicators],
            levels,
            weighted=rule.weights == "students",
        )
        if isinstance(rule, CvEachRule):
            issues += [
                _each_issue(rule, c)
                for c in found
                if rule.limit(c.level) is not None and not rule.passes(c.value, c.level)
            ]
        else:
            issues += _mean_issues(rule, found, len(rule.indicators))
    return issues


def _where(county: str | None, level: str) -> str:
    return f"{county or ''}{level}"


def _standard(rule: CvEachRule | CvMeanRule) -> str:
    return f"{rule.source.cite()} {rule.id} {rule.name_zh}"


def _each_issue(rule: CvEachRule, c: cv.Coefficient) -> Issue:
    limit = rule.limit(c.level) or 0.0
    top = "、".join(f"{p.school}（{fmt(p.values[c.indicator])}）" for p in c.pulling_up())
    how = "按在校生数加权" if rule.weights == "students" else "不加权"
    return Issue(
        "cv_exceeds",
        f"{_where(c.county, c.level)}{indicator_name(c.indicator)}校际差异系数为{c.value:.3f}"
        f"（{len(c.parts)}所学校，{how}，全县平均{fmt(round(c.mean, 4))}），"
        f"超过{rule.source.cite()}要求的{fmt(limit)}；偏离平均最多的学校：{top}",
        c.figures,
        (round(c.value, 6),),
        limit,
        _standard(rule),
    )


def _mean_issues(rule: CvMeanRule, found: list[cv.Coefficient], wanted: int) -> list[Issue]:
    groups: dict[tuple[str | None, str], list[cv.Coefficient]] = {}
    for c in found:
        groups.setdefault((c.county, c.level), []).append(c)
    issues = []
    for (county, level), results in groups.items():
        if len(results) < wanted:
            continue  # the composite needs every one of its indicators
        mean = sum(c.value for c in results) / len(results)
        limit = rule.limit(level)
        if limit is None or rule.passes(mean, level):
            continue
        issues.append(
            Issue(
                "cv_exceeds",
                f"{_where(county, level)}综合差异系数为{mean:.3f}"
                f"（{len(results)}项单项差异系数的平均值），"
                f"超过{rule.source.cite()}要求的{fmt(limit)}",
                tuple(f for c in results for f in c.figures),
                (round(mean, 6),),
                limit,
                _standard(rule),
            )
        )
    return issues
