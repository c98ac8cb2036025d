"""The validator: findings.jsonl (shared/CONTRACT.md) from reports, figures and items.

Two front doors:

* :func:`validate_document` — one file: the arithmetic the text states (sum, percent, ratio,
  shortfall, growth), claims of outcomes, impossible values and figures below the profile's
  thresholds (with the 6-of-7 rule for a school).
* :func:`validate_batch` — the whole batch, over figures read back from figures.jsonl: the same
  unit reported with different values (cross_report_conflict) and the between-school 差异系数
  (cv_exceeds).

>>> profile = load_profile()            # youzhi-2017, or a name / a YAML path
>>> findings = validate_document(doc, reports, figures, items, profile=profile)  # doctest: +SKIP
>>> batch = validate_batch(figures, profile)                                     # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from junheng.core.ground import ground_figure
from junheng.core.model import Document, Evidence, Figure, Finding, Item, Report
from junheng.extractors.numbers import Quantities
from junheng.validate.context import DocContext
from junheng.validate.profile import Profile, RuleError, load_profile
from junheng.validate.rules import RULES
from junheng.validate.standards import Issue, report_year

__all__ = [
    "RULES",
    "Profile",
    "RuleError",
    "load_profile",
    "validate_batch",
    "validate_document",
]


def _evidence(figure: Figure) -> Evidence:
    return Evidence(
        figure.file, figure.doc, figure.text, figure.span.start, figure.span.end, figure.span.page
    )


def _batch_finding(issue: Issue) -> Finding:
    """A batch issue (its figures may come from several files) as a finding of its first."""
    first = issue.figures[0] if issue.figures else None
    return Finding(
        first.file if first else None,  # type: ignore[arg-type]
        first.doc if first else None,  # type: ignore[arg-type]
        first.unit_name if first else None,
        issue.rule,
        issue.severity,
        issue.message,
        tuple(issue.values),
        issue.expected,
        issue.standard,
        tuple(_evidence(f) for f in issue.figures),
        first.indicator if first else None,
        first.level if first else None,
    )


def _issue_finding(ctx: DocContext, issue: Issue) -> Finding:
    first = issue.figures[0] if issue.figures else None
    doc = first.doc if first else 0
    return Finding(
        ctx.file,
        doc,
        (first.unit_name if first else None) or ctx.unit_name(doc),
        issue.rule,
        issue.severity,
        issue.message,
        tuple(float(v) for v in issue.values),
        issue.expected,
        issue.standard,
        tuple(_evidence(f) for f in issue.figures),
        first.indicator if first else None,
        first.level if first else None,
    )


def validate_document(
    doc: Document,
    reports: Sequence[Report],
    figures: Sequence[Figure],
    items: Sequence[Item] = (),
    *,
    profile: Profile | str | None = None,
    file: str | None = None,
    rules: Iterable[str] | None = None,
    quantities: Quantities | None = None,
) -> list[Finding]:
    """Findings of one file, in document order.

    ``profile`` is a loaded :class:`Profile`, a name or a path (default ``youzhi-2017``);
    ``file`` is the name the outputs use (default ``doc.source``); ``rules`` limits the rule ids.
    ``quantities`` are the document's numbers if the caller read them already. Figures not yet
    grounded (:mod:`junheng.core.ground`) are grounded here.
    """
    profile = profile if isinstance(profile, Profile) else load_profile(profile)
    ctx = DocContext(doc, reports, figures, items, profile, file or "", quantities)
    chosen = set(rules) if rules is not None else set(RULES)
    found: list[Finding] = []
    grounded = [f if f.file else ground_figure(doc, ctx.file, f) for f in figures]
    years = {(ctx.file, r.index): y for r in reports if (y := report_year(r.date))}
    for rule_id, rule in RULES.items():
        if rule_id not in chosen:
            continue
        if rule.scope == "document":
            found += rule.check(ctx)
        elif rule.scope == "figures":
            extra = (years,) if rule_id == "out_of_range" else (profile,)
            found += [_issue_finding(ctx, issue) for issue in rule.check(grounded, *extra)]
    return sorted(found, key=lambda f: (f.doc, f.evidence[0].start if f.evidence else 0, f.rule))


def validate_batch(
    figures: Iterable[Figure],
    profile: Profile | str | None = None,
    rules: Iterable[str] | None = None,
) -> list[Finding]:
    """Findings across the batch (cross_report_conflict, cv_exceeds), over grounded figures."""
    profile = profile if isinstance(profile, Profile) else load_profile(profile)
    every = list(figures)
    chosen = set(rules) if rules is not None else set(RULES)
    found: list[Finding] = []
    named = [f for f in every if f.unit_name]
    if len({f.key for f in named}) < 2 and len({f.unit_name for f in named}) < 2:
        return found  # the rules compare two reports, or two schools: nothing to compare
    for rule_id, rule in RULES.items():
        if rule.scope != "batch" or rule_id not in chosen:
            continue
        issues = rule.check(every, profile) if rule_id == "cv_exceeds" else rule.check(every)
        found += [_batch_finding(issue) for issue in issues]
    return found
