"""Profiles: thresholds come from YAML, overrides by id, bad entries raise RuleError."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from junheng.validate.profile import PROFILES_DIR, RULE_KINDS, RuleError, load_profile


def _yaml_rule(profile: str, rule_id: str) -> dict:
    data = yaml.safe_load((PROFILES_DIR / f"{profile}.yaml").read_text("utf-8"))
    return next(r for r in data["rules"] if r["id"] == rule_id)


@pytest.mark.parametrize("name", ["youzhi-2017", "jiben-2012"])
def test_validate_profiles_builtins_load(name):
    profile = load_profile(name)
    assert profile.rules
    for rule in profile.rules:
        assert rule.source.doc and rule.status in ("CONFIRMED", "CORROBORATED", "WEAK")


@pytest.mark.parametrize(("rule_id", "level"), [("R4", "小学"), ("R4", "初中"), ("R5", "初中")])
def test_validate_profiles_threshold_as_in_yaml(rule_id, level):
    raw = _yaml_rule("youzhi-2017", rule_id)
    assert load_profile().rule(rule_id).limit(level) == raw["threshold"][level]


def test_validate_profiles_default_is_youzhi():
    assert load_profile().name == "youzhi-2017"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "local.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_profiles_extends_overrides_by_id(tmp_path):
    path = _write(
        tmp_path,
        """
name: shenyang
extends: youzhi-2017
rules:
  - id: G7
    threshold: 8000
    source: {doc: 沈阳市实施细则, clause: 特殊教育}
  - id: SY-1
    kind: threshold
    name_zh: 生均公用经费（小学）
    indicator: public_funds_per_student
    scope: school
    op: ge
    threshold: {小学: 1150}
    unit: 元
    source: {doc: 沈阳市实施细则}
    status: WEAK
remove: [X-staffing]
use_weak: true
""",
    )
    profile = load_profile(path)
    assert profile.rule("G7").limit(None) == 8000
    assert profile.rule("G7").source.doc == "沈阳市实施细则"
    assert profile.rule("R4").limit("小学") == _yaml_rule("youzhi-2017", "R4")["threshold"]["小学"]
    assert profile.rule("SY-1").limit("小学") == 1150
    with pytest.raises(KeyError):
        profile.rule("X-staffing")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("rules:\n  - {id: Z1, kind: treshold, name_zh: x}\n", ["Z1", "treshold", *RULE_KINDS]),
        ("extends: youzhi-2017\nrules:\n  - {id: G7, threshold: 1}\n", ["G7", "source"]),
        (
            "rules:\n  - {id: Z2, kind: threshold, name_zh: x, indicator: a, scope: school, op: ge,"
            " threshold: 1, unit: 人, source: {doc: d}, status: UNCONFIRMED}\n",
            ["Z2", "UNCONFIRMED"],
        ),
        (
            "rules:\n  - {id: Z3, kind: threshold, name_zh: x, indicator: a, scope: school, op: ge,"
            " threshold: {高校: 1}, unit: 人, source: {doc: d}, status: WEAK}\n",
            ["Z3", "小学"],
        ),
        ("extends: nowhere\n", ["nowhere", "youzhi-2017"]),
    ],
)
def test_validate_profiles_bad_entry_raises(tmp_path, body, words):
    path = _write(tmp_path, "name: bad\n" + body)
    with pytest.raises(RuleError) as error:
        load_profile(path)
    for word in words:
        assert word in str(error.value)
    assert "nowhere" in body or str(path) in str(error.value)
