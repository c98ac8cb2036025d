"""The 差异系数 (between-school coefficient of variation) by the official method.

Source: ../shared/STANDARDS.md §3, from the training sheet
《县域义务教育校际均衡指标计算方法（以生均图书册数为例）》 (S17) and
《义务教育均衡发展差异系数计算方法及数据来源》 (S18: "Pi 为第i个学校的在校生数"). For one
indicator over the *n* schools of one level (小学 or 初中) of one county::

    P  = Σ P_i                          P_i: the school's enrolment (学籍注册学生数)
    X̄ = Σ P_i·X_i / P                  the enrolment-weighted mean
    S  = sqrt(Σ (P_i / P)·(X_i − X̄)²)  the weighted population SD (divide by P, not n − 1)
    CV = S / X̄

Schools that teach two levels are split first, as S19 prescribes for the 2012 indicators (the
2017 equivalent is UNCONFIRMED): a per-student resource of a 九年一贯制 school goes to its 小学 and
初中 parts by enrolment weighted 1 : 1.1 (完全中学 初中 : 高中 = 1 : 1.2; 十二年一贯制
1 : 1.1 : 1.32), and each part is a school of its level. The weights are data
(``section_weights`` in ``extractors/data/school_tables.yaml``).

A school's county is the one its table names; schools whose county is not known are taken as one
county (a batch of one county's reports), so a batch of two counties' tables gives two sets.

:func:`assess` puts the coefficients of each county and level against the profile's CV rules, as
the drafts print them: under ``cv_each`` (2017, 教督〔2017〕6号 第六条) each indicator's coefficient
against the level's limit; under ``cv_mean`` (2012, 教督〔2012〕3号) the 综合差异系数, the mean of
the rule's single coefficients (STANDARDS.md §2–3: "八项单项差异系数的平均值"), against it, and
only when the school rows give every one of them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from junheng.core.levels import level_order
from junheng.core.model import Figure
from junheng.core.yamldata import package_yaml
from junheng.validate.profile import OPS, CvEachRule, CvMeanRule, Profile

NOT_SCHOOL_SUFFIXES = ("省", "市", "县", "区", "旗", "镇", "乡", "教育局", "教体局", "学区", "联校")
"""A prose figure's unit named like this is not a school (a table's school rows say so)."""


@dataclass(slots=True)
class Part:
    """One school at one level (a through-train school's part counts as a school of its own)."""

    county: str | None
    school: str
    level: str
    students: float | None = None
    values: dict[str, float] = field(default_factory=dict)
    figures: dict[str, list[Figure]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Coefficient:
    """A computed 差异系数 and what it rests on."""

    county: str | None
    level: str
    indicator: str
    value: float
    unweighted: float
    parts: tuple[Part, ...]
    mean: float

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(f for part in self.parts for f in part.figures.get(self.indicator, ()))

    def pulling_up(self, count: int = 3) -> list[Part]:
        """The schools furthest from the mean, weighted as the formula weighs them."""
        return sorted(
            self.parts,
            key=lambda p: -(p.students or 0) * (p.values[self.indicator] - self.mean) ** 2,
        )[:count]


def weighted_cv(values: Sequence[float], weights: Sequence[float] | None = None) -> float | None:
    """CV = S / X̄ with enrolment weights (``weights=None``: the unweighted population CV).

    The test vector of S17 (STANDARDS.md §3), five 小学 of (enrolment, books):

    >>> data = [(45, 279), (37, 137), (89, 935), (76, 160), (55, 402)]
    >>> round(weighted_cv([b / p for p, b in data], [p for p, _ in data]), 3)
    0.515
    >>> round(weighted_cv([b / p for p, b in data]), 3)
    0.489
    """
    w = list(weights) if weights is not None else [1.0] * len(values)
    total = sum(w)
    if len(values) < 2 or total <= 0:
        return None
    mean = sum(wi * xi for wi, xi in zip(w, values, strict=True)) / total
    if mean == 0:
        return None
    variance = sum(wi / total * (xi - mean) ** 2 for wi, xi in zip(w, values, strict=True))
    return math.sqrt(variance) / mean


@cache
def _section_weights() -> dict[str, Any]:
    return dict(package_yaml("junheng.extractors.data", "school_tables.yaml")["section_weights"])


def _is_school(figure: Figure) -> bool:
    if figure.school:
        return True
    name = figure.unit_name or ""
    return bool(name) and not name.endswith(NOT_SCHOOL_SUFFIXES)


def parts(figures: Iterable[Figure], transforms: dict[str, str] | None = None) -> list[Part]:
    """Every school's part per level with its enrolment and first value of each indicator.

    ``transforms`` maps an indicator to ``reciprocal`` (the 2012 师生比 as teachers per student).
    """
    transforms = transforms or {}
    schools: dict[tuple[str | None, str], list[Figure]] = {}
    for figure in figures:
        if figure.kind == "actual" and _is_school(figure) and figure.unit_name:
            schools.setdefault((figure.county, figure.unit_name), []).append(figure)
    found: list[Part] = []
    for (county, name), own in schools.items():
        found += _school_parts(county, name, own, transforms)
    return found


def _school_parts(
    county: str | None, name: str, figures: list[Figure], transforms: dict[str, str]
) -> list[Part]:
    by_level: dict[str, Part] = {}
    whole: dict[str, Figure] = {}
    kind = next((f.school_type for f in figures if f.school_type), None)
    for figure in figures:
        if figure.level is None:
            whole.setdefault(figure.indicator, figure)
            continue
        part = by_level.setdefault(figure.level, Part(county, name, figure.level))
        _put(part, figure, transforms)
    split = _section_weights().get(kind or "")
    if split:
        _split(county, name, whole, by_level, split, transforms)
    elif whole and len(by_level) <= 1:  # a school of one level: its unscoped figures are of it
        level = next(iter(by_level), None) or _only_level(figures)
        if level:
            part = by_level.setdefault(level, Part(county, name, level))
            for figure in whole.values():
                _put(part, figure, transforms)
    return list(by_level.values())


def _only_level(figures: list[Figure]) -> str | None:
    levels = {f.level for f in figures if f.level}
    return levels.pop() if len(levels) == 1 else None


def _put(part: Part, figure: Figure, transforms: dict[str, str]) -> None:
    if figure.indicator == "students":
        if part.students is None:
            part.students = figure.value
            part.figures.setdefault("students", []).append(figure)
        return
    if figure.indicator in part.values:
        return
    value = figure.value
    if transforms.get(figure.indicator) == "reciprocal":
        if value == 0:
            return
        value = 1 / value
    part.values[figure.indicator] = value
    part.figures.setdefault(figure.indicator, []).append(figure)


def _split(
    county: str | None,
    name: str,
    whole: dict[str, Figure],
    by_level: dict[str, Part],
    split: dict[str, Any],
    transforms: dict[str, str],
) -> None:
    """A through-train school's whole-school per-student resources shared out to its parts:
    part k gets ``X · ΣN · w_k / Σ w_j·N_j`` per student (N its enrolment, w its weight)."""
    weights: dict[str, float] = {k: float(v) for k, v in split["weights"].items()}
    enrolment = {level: by_level[level].students for level in weights if level in by_level}
    if len(enrolment) != len(weights) or any(not n for n in enrolment.values()):
        return  # the parts' enrolments are needed to split; without them the school is left out
    total = sum(n for n in enrolment.values() if n)
    weighted = sum(weights[k] * (n or 0) for k, n in enrolment.items())
    for indicator, figure in whole.items():
        if indicator not in split["resources"]:
            continue
        for level, weight in weights.items():
            share = figure.value * total * weight / weighted
            part = by_level[level]
            if indicator not in part.values:
                raw = 1 / share if transforms.get(indicator) == "reciprocal" and share else share
                part.values[indicator] = raw
                part.figures.setdefault(indicator, []).append(figure)
    for part in by_level.values():
        part.county = county
        part.school = name


def coefficients(
    found: Sequence[Part], indicators: Iterable[str], levels: Iterable[str], weighted: bool = True
) -> list[Coefficient]:
    """The CV of each indicator per county and level, over the parts that have the indicator
    (and an enrolment, when ``weighted``)."""
    results: list[Coefficient] = []
    counties = sorted({p.county for p in found}, key=lambda c: c or "")
    for county in counties:
        for level in levels:
            for indicator in indicators:
                chosen = tuple(
                    p for p in found
                    if p.county == county and p.level == level and indicator in p.values
                    and (p.students or not weighted)
                )  # fmt: skip
                result = _coefficient(county, level, indicator, chosen, weighted)
                if result is not None:
                    results.append(result)
    return results


def _coefficient(
    county: str | None, level: str, indicator: str, chosen: tuple[Part, ...], weighted: bool
) -> Coefficient | None:
    values = [p.values[indicator] for p in chosen]
    weights = [p.students or 0.0 for p in chosen] if weighted else None
    cv = weighted_cv(values, weights)
    plain = weighted_cv(values)
    if cv is None or plain is None:
        return None
    w = weights or [1.0] * len(values)
    mean = sum(a * b for a, b in zip(w, values, strict=True)) / sum(w)
    return Coefficient(county, level, indicator, cv, plain, chosen, mean)


@dataclass(frozen=True, slots=True)
class Assessment:
    """One county and level under one CV rule of the profile.

    ``coefficients`` are the rule's indicators that the school rows give, in the rule's order;
    ``missing`` the others. Under a ``cv_each`` rule each coefficient is held against
    :attr:`limit`; under a ``cv_mean`` rule their mean, :attr:`composite` (None unless every
    indicator of the rule is there: the standard's composite is the mean of all of them).
    """

    rule: CvEachRule | CvMeanRule
    county: str | None
    level: str
    coefficients: tuple[Coefficient, ...]
    missing: tuple[str, ...]

    @property
    def is_composite(self) -> bool:
        """Whether the rule checks the mean of the coefficients (the 综合差异系数)."""
        return isinstance(self.rule, CvMeanRule)

    @property
    def weighted(self) -> bool:
        return self.rule.weights == "students"

    @property
    def limit(self) -> float | None:
        return self.rule.limit(self.level)

    @property
    def op(self) -> str:
        """The rule's comparison as a sign (``≤``)."""
        return OPS[self.rule.op]

    def passes(self, value: float) -> bool | None:
        """Whether ``value`` meets the rule's limit for this level (None: no limit)."""
        return self.rule.passes(value, self.level)

    @property
    def composite(self) -> float | None:
        """The mean of the single coefficients, for a ``cv_mean`` rule with all of them."""
        if not self.is_composite or self.missing or not self.coefficients:
            return None
        return sum(c.value for c in self.coefficients) / len(self.coefficients)

    @property
    def exceeding(self) -> tuple[Coefficient, ...]:
        """Under a ``cv_each`` rule, the coefficients past the limit."""
        if self.is_composite:
            return ()
        return tuple(c for c in self.coefficients if self.passes(c.value) is False)

    def exceeds(self, coefficient: Coefficient) -> bool | None:
        """Whether one coefficient is past the limit; None under a ``cv_mean`` rule, which sets
        no limit on a single coefficient, or when the level has none."""
        if self.is_composite:
            return None
        verdict = self.passes(coefficient.value)
        return None if verdict is None else not verdict

    @property
    def composite_exceeds(self) -> bool | None:
        composite = self.composite
        verdict = None if composite is None else self.passes(composite)
        return None if verdict is None else not verdict

    @property
    def schools(self) -> int:
        """The schools (a through-train school's part counts as one) any coefficient rests on."""
        return len({p.school for c in self.coefficients for p in c.parts})


def rule_levels(rule: CvEachRule | CvMeanRule) -> list[str]:
    """The levels a CV rule has a limit for (小学 and 初中 for a plain number)."""
    return list(rule.threshold) if isinstance(rule.threshold, dict) else ["小学", "初中"]


def assess(figures: Iterable[Figure], profile: Profile) -> list[Assessment]:
    """Every county and level the schools give a coefficient for, under each CV rule the profile
    checks; by county, then level, then the rule's place in the profile."""
    every = list(figures)
    found: list[tuple[tuple[str, int, int], Assessment]] = []
    rules = profile.active(CvEachRule) + profile.active(CvMeanRule)
    for n, rule in enumerate(rules):
        transforms = {ref.id: ref.transform for ref in rule.indicators}
        ids = [ref.id for ref in rule.indicators]
        computed = coefficients(
            parts(every, transforms), ids, rule_levels(rule), weighted=rule.weights == "students"
        )
        groups: dict[tuple[str | None, str], list[Coefficient]] = {}
        for c in computed:
            groups.setdefault((c.county, c.level), []).append(c)
        for (county, level), got in groups.items():
            have = {c.indicator for c in got}
            missing = tuple(i for i in ids if i not in have)
            assessment = Assessment(rule, county, level, tuple(got), missing)
            found.append(((county or "", level_order(level), n), assessment))
    return [a for _, a in sorted(found, key=lambda pair: pair[0])]
