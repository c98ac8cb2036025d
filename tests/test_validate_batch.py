"""Standards and cross-file rules over figures; thresholds read from the profiles."""

from __future__ import annotations

import pytest
from junheng.core.codec import figure_from_row, finding_row
from junheng.validate import load_profile, validate_batch
from junheng.validate.batch import weighted_cv
from junheng.validate.standards import below_standard, min_met, out_of_range

# STANDARDS.md §3 test vector (S17): five 小学, (enrolment, books)
VECTOR = [(45, 279), (37, 137), (89, 935), (76, 160), (55, 402)]


def _row(
    indicator, value, unit_name="甲小学", level="小学", year=None, file="a.txt", doc=0, unit=""
):
    return figure_from_row({
        "file": file,
        "doc": doc,
        "unit_name": unit_name,
        "indicator": indicator,
        "value": value,
        "unit": unit,
        "level": level,
        "year": year,
        "kind": "actual",
        "qualifier": None,
        "text": f"{indicator}{value}",
        "page": None,
        "start": 0,
        "end": 1,
    })


def test_validate_batch_cv_official_formula():
    values = [books / pupils for pupils, books in VECTOR]
    weights = [pupils for pupils, _ in VECTOR]
    assert weighted_cv(values, weights) == pytest.approx(0.515, abs=5e-4)
    assert weighted_cv(values) == pytest.approx(0.489, abs=5e-4)  # the unweighted pitfall


def test_validate_batch_cv_exceeds_from_profile():
    profile = load_profile("youzhi-2017")
    limit = profile.rule("R-cv").limit("小学")
    rows = []
    for i, (pupils, books) in enumerate(VECTOR):
        rows.append(_row("students", pupils, f"第{i}小学"))
        rows.append(_row("teaching_area_per_student", books / pupils, f"第{i}小学"))
    found = [
        f for f in map(finding_row, validate_batch(rows, profile)) if f["rule"] == "cv_exceeds"
    ]
    assert len(found) == 1
    assert found[0]["values"][0] == pytest.approx(0.515, abs=5e-4) and found[0]["expected"] == limit


def test_validate_batch_cross_report_conflict():
    rows = [
        _row("students", 510, "某中学", "初中", 2018, "a.txt"),
        _row("students", 530, "某中学", "初中", 2018, "b.txt"),
        _row("students", 300, "另一中学", "初中", 2018, "b.txt"),
    ]
    found = [finding_row(f) for f in validate_batch(rows)]
    assert [f["rule"] for f in found] == ["cross_report_conflict"]
    assert found[0]["values"] == [510, 530] and "某中学" in found[0]["message"]


def test_validate_batch_below_standard_uses_yaml_threshold():
    profile = load_profile()
    limit = profile.rule("R4").limit("小学")
    issues = below_standard(
        [_row("teaching_area_per_student", limit - 0.76, unit="平方米")], profile
    )
    assert len(issues) == 1 and issues[0].expected == limit
    assert "教督〔2017〕6号" in issues[0].standard
    assert below_standard([_row("teaching_area_per_student", limit)], profile) == []


def test_validate_batch_six_of_seven():
    profile = load_profile()
    rule = profile.rule("R-six-of-seven")
    members = [profile.rule(r) for r in rule.rules]
    ok = [_row(m.indicator, m.limit("小学")) for m in members]
    assert min_met(ok, profile) == []
    one_shallow = [*ok[:-1], _row(members[-1].indicator, members[-1].limit("小学") * 0.9)]
    assert min_met(one_shallow, profile) == []
    one_deep = [*ok[:-1], _row(members[-1].indicator, members[-1].limit("小学") * 0.5)]
    two = [_row(m.indicator, m.limit("小学") * 0.9) for m in members[:2]] + ok[2:]
    assert [i.rule for i in min_met(one_deep, profile)] == ["six_of_seven"]
    assert [i.rule for i in min_met(two, profile)] == ["six_of_seven"]


def test_validate_batch_out_of_range():
    rows = [
        _row("enrollment_rate", 101.2, unit="%"),
        _row("gross_enrollment_rate", 104, unit="%"),
        _row("dropout_rate", 3, unit="%"),
        _row("retention_rate", 98.5, unit="%"),
        _row("students", 100, year=2019),
    ]
    issues = out_of_range(rows, {("a.txt", 0): 2015})
    assert sorted(i.values[0] for i in issues) == [3.0, 101.2, 2019.0]
