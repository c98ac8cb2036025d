"""Rules across the files of a batch: cross_report_conflict and the between-school CV.

The batch is taken to be one county: the 差异系数 is computed over every school of a level found
in it. A school is a figure whose ``unit_name`` is not a county, town or bureau. Both rules work on
one pandas table of the batch's named facts (:func:`figure_table`); pandas is imported only when
a batch has facts of two or more named reports to compare (``junheng.validate.validate_batch``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from junheng.core.model import Figure, Severity
from junheng.extractors.catalogue import indicator_name
from junheng.validate.context import fmt
from junheng.validate.profile import CvEachRule, CvMeanRule, IndicatorRef, Profile
from junheng.validate.standards import Issue

if TYPE_CHECKING:  # pandas is imported where it is used: the workers never need it
    import pandas as pd

_NOT_SCHOOL = re.compile(r"(?:省|市|县|区|旗|镇|乡|教育局|教体局|学区|联校)$")
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


def weighted_cv(values: Sequence[float], weights: Sequence[float] | None = None) -> float | None:
    """差异系数 by the official formula (STANDARDS.md §3): enrolment-weighted mean and
    population SD. ``weights=None`` gives the unweighted population CV.

    >>> round(weighted_cv([279/45, 137/37, 935/89, 160/76, 402/55], [45, 37, 89, 76, 55]), 3)
    0.515
    """
    import pandas as pd

    x = pd.Series(values, dtype=float)
    w = pd.Series(weights if weights is not None else [1.0] * len(x), dtype=float)
    total = w.sum()
    if total <= 0 or len(x) < 2:
        return None
    mean = (w * x).sum() / total
    if mean == 0:
        return None
    return math.sqrt((w / total * (x - mean) ** 2).sum()) / mean


def _school_values(table: pd.DataFrame, ref: IndicatorRef, level: str) -> pd.Series:
    """Each school's first value of ``ref`` at ``level`` (indexed by school name)."""

    rows = table[
        (table["indicator"] == ref.id)
        & (table["level"] == level)
        & ~table["unit_name"].str.contains(_NOT_SCHOOL)
    ]
    if ref.transform == "reciprocal":
        rows = rows[rows["value"] != 0]
    values = rows.drop_duplicates("unit_name").set_index("unit_name")["value"]
    return 1 / values if ref.transform == "reciprocal" else values


def _cv_of(
    figures: Sequence[Figure], table: pd.DataFrame, ref: IndicatorRef, level: str, weighted: bool
) -> tuple[float, list[Figure]] | None:
    values = _school_values(table, ref, level)
    students = _school_values(table, IndicatorRef(id="students"), level)
    if len(values) < 2 or (weighted and not set(values.index) <= set(students.index)):
        return None
    names = sorted(values.index)
    cv = weighted_cv(
        list(values[names]), list(students[names]) if weighted else None
    )
    if cv is None:
        return None
    used = table[
        (table["indicator"] == ref.id)
        & (table["level"] == level)
        & table["unit_name"].isin(values.index)
    ]
    return cv, [figures[i] for i in used["at"]]


def cv_exceeds(figures: Sequence[Figure], profile: Profile) -> list[Issue]:
    """Between-school CVs per level: each against the limit (cv_each) or their mean (cv_mean)."""
    table = figure_table(figures)
    issues = []
    for rule in profile.active(CvEachRule) + profile.active(CvMeanRule):
        levels = (
            rule.threshold
            if isinstance(rule.threshold, dict)
            else {"小学": rule.threshold, "初中": rule.threshold}
        )
        for level in levels:
            limit = rule.limit(level)
            results = {
                ref.id: _cv_of(figures, table, ref, level, rule.weights == "students")
                for ref in rule.indicators
            }
            if isinstance(rule, CvEachRule):
                for indicator, result in results.items():
                    if result and not rule.passes(result[0], level):
                        issues.append(
                            Issue(
                                "cv_exceeds",
                                f"{level}{indicator_name(indicator)}校际差异系数为{result[0]:.3f}"
                                f"（{len(result[1])}条学校数据，"
                                f"按在校生数加权），超过{rule.source.cite()}要求的{fmt(limit)}",
                                tuple(result[1]),
                                (round(result[0], 6),),
                                limit,
                                f"{rule.source.cite()} {rule.id} {rule.name_zh}",
                            )
                        )
            elif all(results.values()):
                mean = sum(r[0] for r in results.values() if r) / len(results)
                if not rule.passes(mean, level):
                    used = tuple(figure for r in results.values() if r for figure in r[1])
                    issues.append(
                        Issue(
                            "cv_exceeds",
                            f"{level}综合差异系数为{mean:.3f}（{len(results)}项单项差异系数的平均值），"
                            f"超过{rule.source.cite()}要求的{fmt(limit)}",
                            used,
                            (round(mean, 6),),
                            limit,
                            f"{rule.source.cite()} {rule.id} {rule.name_zh}",
                        )
                    )
    return issues
