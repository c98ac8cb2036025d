"""The validator: findings.jsonl (shared/CONTRACT.md) from reports, figures and items.

Two front doors:

* :func:`validate_document` — one file: the arithmetic the text states (sum, percent, ratio,
  shortfall, growth), claims of outcomes, impossible values and figures below the profile's
  thresholds (with the 6-of-7 rule for a school).
* :func:`validate_batch` — the whole batch, over figures.jsonl rows: the same unit reported with
  different values (cross_report_conflict) and the between-school 差异系数 (cv_exceeds).

>>> profile = load_profile()            # youzhi-2017, or a name / a YAML path
>>> findings = validate_document(doc, reports, figures, items, profile=profile)  # doctest: +SKIP
>>> rows = validate_batch(figure_rows, profile)                                  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from junheng.core.model import Document, Figure, Finding, Item, Report
from junheng.serialize import figure_dict, finding_dict
from junheng.validate.context import DocContext
from junheng.validate.profile import Profile, RuleError, load_profile
from junheng.validate.rules import RULES
from junheng.validate.standards import Issue, report_year

__all__ = [
    "RULES",
    "Profile",
    "RuleError",
    "figure_row",
    "finding_dict",
    "load_profile",
    "validate_batch",
    "validate_document",
]


def figure_row(doc: Document, figure: Figure, file: str | None = None) -> dict[str, Any]:
    """A figure in CONTRACT row form (as in figures.jsonl)."""
    return figure_dict(file or doc.source, figure, doc)


def _issue_dict(issue: Issue) -> dict[str, Any]:
    """A batch issue (its rows may come from several files) as a findings.jsonl row."""
    from junheng.core.model import Evidence

    first = issue.rows[0] if issue.rows else {}
    evidence = tuple(
        Evidence(
            r.get("file"), r.get("doc"), r.get("text"), r.get("start"), r.get("end"), r.get("page")
        )
        for r in issue.rows
    )
    finding = Finding(
        first.get("file"),
        first.get("doc"),
        first.get("unit_name"),
        issue.rule,
        issue.severity,
        issue.message,
        tuple(issue.values),
        issue.expected,
        issue.standard,
        evidence,
        first.get("indicator"),
        first.get("level"),
    )
    return finding_dict(finding)


def _issue_finding(ctx: DocContext, issue: Issue) -> Finding:
    from junheng.core.model import Evidence

    first = issue.rows[0] if issue.rows else {"doc": 0}
    evidence = tuple(
        Evidence(ctx.file, r.get("doc", 0), r.get("text", ""), r["start"], r["end"], r.get("page"))
        for r in issue.rows
    )
    return Finding(
        ctx.file,
        first.get("doc", 0),
        first.get("unit_name") or ctx.unit_name(first.get("doc", 0)),
        issue.rule,
        issue.severity,
        issue.message,
        tuple(float(v) for v in issue.values),
        issue.expected,
        issue.standard,
        evidence,
        first.get("indicator"),
        first.get("level"),
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
) -> list[Finding]:
    """Findings of one file, in document order.

    ``profile`` is a loaded :class:`Profile`, a name or a path (default ``youzhi-2017``);
    ``file`` is the name the outputs use (default ``doc.source``); ``rules`` limits the rule ids.
    """
    profile = profile if isinstance(profile, Profile) else load_profile(profile)
    ctx = DocContext(doc, reports, figures, items, profile, file or "")
    chosen = set(rules) if rules is not None else set(RULES)
    found: list[Finding] = []
    rows = [figure_row(doc, f, ctx.file) for f in figures]
    years = {(ctx.file, r.index): y for r in reports if (y := report_year(r.date))}
    for rule_id, rule in RULES.items():
        if rule_id not in chosen:
            continue
        if rule.scope == "document":
            found += rule.check(ctx)
        elif rule.scope == "rows":
            extra = (years,) if rule_id == "out_of_range" else (profile,)
            found += [_issue_finding(ctx, issue) for issue in rule.check(rows, *extra)]
    return sorted(found, key=lambda f: (f.doc, f.evidence[0].start if f.evidence else 0, f.rule))


def validate_batch(
    figures_rows: Iterable[dict[str, Any]],
    profile: Profile | str | None = None,
    rules: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """Findings across the batch, as findings.jsonl rows (cross_report_conflict, cv_exceeds)."""
    profile = profile if isinstance(profile, Profile) else load_profile(profile)
    rows = list(figures_rows)
    chosen = set(rules) if rules is not None else set(RULES)
    found: list[dict[str, Any]] = []
    for rule_id, rule in RULES.items():
        if rule.scope != "batch" or rule_id not in chosen:
            continue
        issues = rule.check(rows, profile) if rule_id == "cv_exceeds" else rule.check(rows)
        found += [_issue_dict(issue) for issue in issues]
    return found
