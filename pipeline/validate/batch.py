"""Rules across the files of a batch: cross_report_conflict and the between-school CV.

The batch is taken to be one county: the 差异系数 is computed over every school of a level found
in it. A school is a row whose ``unit_name`` is not a county, town or bureau.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence

from junheng.core.model import Severity
from junheng.extractors.catalogue import indicator_name
from junheng.validate.context import fmt
from junheng.validate.profile import CvEachRule, CvMeanRule, IndicatorRef, Profile
from junheng.validate.standards import Issue, Row, actual

_NOT_SCHOOL = re.compile(r"(省|市|县|区|旗|镇|乡|教育局|教体局|学区|联校)$")
_REL_TOL = 1e-3  # two reports "agree" within the gold's matching tolerance (CONTRACT.md)


def cross_report_conflict(rows: Sequence[Row]) -> list[Issue]:
    """The same unit, indicator, level and year with different values in two reports."""
    groups: dict[tuple, list[Row]] = defaultdict(list)
    for row in actual(rows):
        if row.get("unit_name") and not row.get("qualifier"):
            key = (row["unit_name"], row["indicator"], row.get("level"), row.get("year"))
            groups[key].append(row)
    issues = []
    for (unit_name, indicator, level, year), group in groups.items():
        sources = {(r.get("file"), r.get("doc")) for r in group}
        if len(sources) < 2:
            continue
        first = {}
        for row in group:
            first.setdefault((row.get("file"), row.get("doc")), row)
        values = sorted({r["value"] for r in first.values()})
        if values[-1] - values[0] <= _REL_TOL * max(abs(values[-1]), 1e-9):
            continue
        chosen = tuple(first.values())
        said = "；".join(
            f"{r.get('file')}第{(r.get('doc') or 0) + 1}篇写{fmt(r['value'], r.get('unit') or '')}"
            for r in chosen
        )
        when = f"{year}年" if year else "（未注明年份）"
        issues.append(
            Issue(
                "cross_report_conflict",
                f"{unit_name}{level or ''}{indicator_name(indicator)}{when}在不同报告中数值不一致："
                f"{said}，"
                "请核对以哪份为准",
                chosen,
                tuple(r["value"] for r in chosen),
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
    weights = list(weights) if weights is not None else [1.0] * len(values)
    total = sum(weights)
    if total <= 0 or len(values) < 2:
        return None
    mean = sum(w * x for w, x in zip(weights, values, strict=True)) / total
    if mean == 0:
        return None
    variance = sum(w / total * (x - mean) ** 2 for w, x in zip(weights, values, strict=True))
    return math.sqrt(variance) / mean


def _school_values(rows: Sequence[Row], ref: IndicatorRef, level: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for row in actual(rows):
        name = row.get("unit_name")
        if (
            row["indicator"] == ref.id
            and row.get("level") == level
            and name
            and not _NOT_SCHOOL.search(name)
        ):
            value = row["value"]
            if ref.transform == "reciprocal":
                if not value:
                    continue
                value = 1 / value
            found.setdefault(name, value)
    return found


def _cv_of(
    rows: Sequence[Row], ref: IndicatorRef, level: str, weighted: bool
) -> tuple[float, list[Row]] | None:
    values = _school_values(rows, ref, level)
    students = _school_values(rows, IndicatorRef(id="students"), level)
    if len(values) < 2 or (weighted and not set(values) <= set(students)):
        return None
    names = sorted(values)
    cv = weighted_cv([values[n] for n in names], [students[n] for n in names] if weighted else None)
    if cv is None:
        return None
    used = [
        r
        for r in actual(rows)
        if r["indicator"] == ref.id and r.get("level") == level and r.get("unit_name") in values
    ]
    return cv, used


def cv_exceeds(rows: Sequence[Row], profile: Profile) -> list[Issue]:
    """Between-school CVs per level: each against the limit (cv_each) or their mean (cv_mean)."""
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
                ref.id: _cv_of(rows, ref, level, rule.weights == "students")
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
                    used = tuple(row for r in results.values() if r for row in r[1])
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
