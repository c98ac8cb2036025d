"""Rules over one figure at a time: below_standard, out_of_range and the 6-of-7 rule.

They take grounded :class:`~junheng.core.model.Figure` objects, so the per-document pass (the
extractor's figures) and the batch pass (figures.jsonl read back through the codec) share them.
Each returns :class:`Issue` values; ``junheng.validate`` turns them into findings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from junheng.core.model import Figure, Severity
from junheng.validate.context import fmt
from junheng.validate.profile import OPS, MinMetRule, Profile, ThresholdRule


@dataclass(frozen=True, slots=True)
class Issue:
    """A finding before it is tied to a file's output form."""

    rule: str
    message: str
    figures: tuple[Figure, ...]
    values: tuple[float, ...]
    expected: float | None = None
    standard: str | None = None
    severity: Severity = Severity.ERROR


def actual(figures: Iterable[Figure]) -> list[Figure]:
    """Rows that report a fact (not a target or a quoted standard)."""
    return [r for r in figures if r.kind == "actual"]


def _name(figure: Figure) -> str:
    level = figure.level or ""
    unit = f"（{figure.unit_name}）" if figure.unit_name else ""
    return f"{unit}{level}"


def below_standard(figures: Sequence[Figure], profile: Profile) -> list[Issue]:
    """Each actual figure against the thresholds of its indicator and level."""
    by_indicator: dict[str, list[ThresholdRule]] = defaultdict(list)
    for rule in profile.active(ThresholdRule):
        if rule.indicator:
            by_indicator[rule.indicator].append(rule)
    issues = []
    for figure in actual(figures):
        for rule in by_indicator.get(figure.indicator, ()):
            ok = rule.passes(figure.value, figure.level)
            if ok is None or ok:
                continue
            limit = rule.limit(figure.level)
            assert limit is not None  # passes() gave False: the level has a threshold
            scope = "（每所学校均须达到）" if rule.scope == "school" else ""
            issues.append(
                Issue(
                    "below_standard",
                    f"{rule.name_zh}{_name(figure)}为{fmt(figure.value, figure.unit or '')}，"
                    f"未达到{rule.source.cite()}要求的{OPS[rule.op]}{fmt(limit, rule.unit)}"
                    f"（{rule.id}）{scope}",
                    (figure,),
                    (figure.value,),
                    limit,
                    f"{rule.source.cite()} {rule.id} {rule.name_zh}",
                )
            )
    return issues


def out_of_range(
    figures: Sequence[Figure], report_years: dict[tuple[str, int], int]
) -> list[Issue]:
    """Impossible values: a rate above 100 (not a gross rate), a negative count, a dropout rate
    above the retention rate's complement, a year after the report's date."""
    issues = []
    for figure in actual(figures):
        value, unit, indicator = figure.value, figure.unit, figure.indicator
        if (
            unit == "%"
            and value > 100
            and indicator.endswith("_rate")
            and not indicator.startswith("gross_")
        ):
            issues.append(
                Issue(
                    "out_of_range",
                    f"{figure.text[:30]}…中的比率{fmt(value)}%超过100%，请核对",
                    (figure,),
                    (value,),
                    100.0,
                )
            )
        elif unit != "%" and value < 0:
            issues.append(
                Issue(
                    "out_of_range",
                    f"数值{fmt(value, unit or '')}为负数，请核对",
                    (figure,),
                    (value,),
                    0.0,
                )
            )
        year = figure.year
        limit = report_years.get((figure.file, figure.doc))
        if year and limit and year > limit:
            issues.append(
                Issue(
                    "out_of_range",
                    f"实际数据所属年份{year}年晚于报告日期（{limit}年），请核对年份",
                    (figure,),
                    (float(year),),
                    float(limit),
                )
            )
    issues += _dropout_vs_retention(figures)
    return issues


def _dropout_vs_retention(figures: Sequence[Figure]) -> list[Issue]:
    keyed: dict[tuple, dict[str, Figure]] = defaultdict(dict)
    for figure in actual(figures):
        if figure.indicator in ("dropout_rate", "retention_rate"):
            key = (figure.file, figure.doc, figure.level, figure.year)
            keyed[key].setdefault(figure.indicator, figure)
    issues = []
    for pair in keyed.values():
        if len(pair) == 2:
            drop, keep = pair["dropout_rate"], pair["retention_rate"]
            if drop.value > 100 - keep.value + 1e-9:
                issues.append(
                    Issue(
                        "out_of_range",
                        f"辍学率{fmt(drop.value)}%高于100%−巩固率{fmt(keep.value)}%="
                        f"{fmt(100 - keep.value)}%，两者不能同时成立，请核对",
                        (drop, keep),
                        (drop.value, keep.value),
                        100 - keep.value,
                        severity=Severity.WARNING,
                    )
                )
    return issues


def min_met(figures: Sequence[Figure], profile: Profile) -> list[Issue]:
    """The 6-of-7 rule per school and level: a second miss, or a miss below 85%, fails."""
    issues = []
    for rule in profile.active(MinMetRule):
        members = [profile.rule(rule_id) for rule_id in rule.rules]
        groups: dict[tuple, list[Figure]] = defaultdict(list)
        for figure in actual(figures):
            if figure.unit_name and figure.level:
                groups[(figure.file, figure.doc, figure.unit_name, figure.level)].append(
                    figure
                )
        for (_, _, unit_name, level), group in groups.items():
            issue = _min_met_group(rule, members, group, unit_name, level)
            if issue is not None:
                issues.append(issue)
    return issues


def _min_met_group(
    rule: MinMetRule, members: list[ThresholdRule], group: list[Figure], unit_name: str, level: str
) -> Issue | None:
    misses, deep = [], []
    for member in members:
        figure = next((r for r in group if r.indicator == member.indicator), None)
        limit = member.limit(level)
        if figure is None or limit is None or member.passes(figure.value, level):
            continue
        misses.append((member, figure, limit))
        if figure.value < rule.floor_ratio * limit:
            deep.append(member.id)
    allowed = len(members) - rule.min_met
    if len(misses) <= allowed and not deep:
        return None
    names = "、".join(f"{m.name_zh}{fmt(r.value)}（要求{fmt(lim)}）" for m, r, lim in misses)
    why = (
        f"{len(misses)}项未达标，超过允许的{allowed}项"
        if len(misses) > allowed
        else f"{'、'.join(deep)}低于要求的{fmt(rule.floor_ratio * 100)}%"
    )
    return Issue(
        "six_of_seven",
        f"{unit_name}{level}：{names}；{why}，不符合“{rule.name_zh}”",
        tuple(r for _, r, _ in misses),
        tuple(r.value for _, r, _ in misses),
        float(rule.min_met),
        f"{rule.source.cite()} {rule.id}",
    )


def report_year(date: str | None) -> int | None:
    """The year of a report date (``2015-10-19`` → 2015)."""
    match = re.match(r"(\d{4})", date or "")
    return int(match.group(1)) if match else None
