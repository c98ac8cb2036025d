"""Standards profiles: the thresholds the validator checks, as data.

A profile is a YAML file (built-ins in ``pipeline/validate/profiles/``). Each entry of ``rules``
names a ``kind`` (:data:`RULE_KINDS`), what it checks, its threshold and the clause it comes from.
A profile may ``extends`` another one (a built-in name or a path relative to the file): entries with
an id the parent has replace only the keys they give, new ids are added, ``remove`` drops ids.

>>> profile = load_profile("youzhi-2017")
>>> profile.rule("R4").limit("小学")
4.5
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from junheng.core.errors import JunhengError
from junheng.core.levels import LEVELS
from junheng.core.yamldata import YAMLError, load_yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

PROFILES_DIR = Path(__file__).parent / "profiles"
DEFAULT_PROFILE = "youzhi-2017"
OPS: dict[str, str] = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<", "eq": "="}
STATUSES = ("CONFIRMED", "CORROBORATED", "WEAK")


class RuleError(JunhengError):
    """A profile file is malformed: the message names the file, the entry and the valid choices."""


class Source(BaseModel):
    """Where a threshold comes from: the document, its number and the clause."""

    model_config = ConfigDict(extra="forbid")
    doc: str
    number: str | None = None
    clause: str | None = None
    ref: list[str] = []

    def cite(self) -> str:
        """``《县域…办法》（教督〔2017〕6号）第六条`` — the ``standard`` field of a finding."""
        text = f"《{self.doc}》"
        if self.number:
            text += f"（{self.number}）"
        return text + (self.clause or "")


Limit = float | dict[str, float]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name_zh: str
    gloss_en: str = ""
    source: Source
    status: Literal["CONFIRMED", "CORROBORATED", "WEAK"]
    enforce: bool = True
    note: str | None = None

    @field_validator("status", mode="before")
    @classmethod
    def _no_unconfirmed(cls, value: Any) -> Any:
        if value == "UNCONFIRMED":
            raise ValueError("UNCONFIRMED values are not encoded (STANDARDS.md); check them first")
        return value


class _Limited(_Entry):
    op: Literal["ge", "gt", "le", "lt", "eq"]
    threshold: Limit

    @field_validator("threshold")
    @classmethod
    def _known_levels(cls, value: Limit) -> Limit:
        if isinstance(value, dict):
            unknown = set(value) - set(LEVELS)
            if unknown:
                raise ValueError(f"unknown level {sorted(unknown)}; valid: {list(LEVELS)}")
        return value

    def limit(self, level: str | None) -> float | None:
        """The threshold for ``level``; a plain number applies to every level."""
        if not isinstance(self.threshold, dict):
            return float(self.threshold)
        return None if level is None else self.threshold.get(level)

    def passes(self, value: float, level: str | None) -> bool | None:
        """Whether ``value`` meets the threshold (None when the level has none)."""
        limit = self.limit(level)
        return None if limit is None else compare(value, self.op, limit)


class ThresholdRule(_Limited):
    """A figure of one indicator against a number (``below_standard``)."""

    kind: Literal["threshold"]
    indicator: str | None
    scope: Literal["school", "county", "class"]
    unit: str


class MinMetRule(_Entry):
    """At least ``min_met`` of ``rules`` met, the others ≥ ``floor_ratio`` × threshold (6 of 7)."""

    kind: Literal["min_met"]
    rules: list[str]
    min_met: int
    floor_ratio: float


class IndicatorRef(BaseModel):
    """An indicator of a CV rule; ``reciprocal`` turns students per teacher into teachers per
    student (the 2012 师生比)."""

    model_config = ConfigDict(extra="forbid")
    id: str
    transform: Literal["none", "reciprocal"] = "none"


class _CvRule(_Limited):
    indicators: list[IndicatorRef]
    weights: Literal["students", "none"] = "students"

    @field_validator("indicators", mode="before")
    @classmethod
    def _plain_ids(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"id": item} if isinstance(item, str) else item for item in value]
        return value


class CvEachRule(_CvRule):
    """Each indicator's between-school CV against the threshold (2017)."""

    kind: Literal["cv_each"]


class CvMeanRule(_CvRule):
    """The mean of the indicators' CVs against the threshold (2012 综合差异系数)."""

    kind: Literal["cv_mean"]


Rule = Annotated[ThresholdRule | MinMetRule | CvEachRule | CvMeanRule, Field(discriminator="kind")]
RULE_KINDS: dict[str, type[BaseModel]] = {
    "threshold": ThresholdRule,
    "min_met": MinMetRule,
    "cv_each": CvEachRule,
    "cv_mean": CvMeanRule,
}


class Tolerances(BaseModel):
    """How written precision turns into a tolerance (see ``pipeline/validate/interval.py``)."""

    model_config = ConfigDict(extra="forbid")
    rounding: Literal["round", "truncate", "either"] = "either"
    # units of things counted one by one: a count in them is exact, not rounded
    counted_units: list[str] = [
        "人", "名", "所", "个", "间", "台", "册", "种", "件", "班", "套", "张", "位", "项", "处",
        "本", "块", "座", "栋", "辆", "条", "份", "家", "支",
    ]


class Profile(BaseModel):
    """A loaded profile, parents merged in."""

    model_config = ConfigDict(extra="forbid")
    name: str
    title: str = ""
    path: str = ""
    use_weak: bool = False
    tolerances: Tolerances = Tolerances()
    rules: list[Rule] = []

    def rule(self, rule_id: str) -> Any:
        """The entry with ``rule_id`` (KeyError naming the ids there are)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(f"{rule_id!r} not in profile {self.name}; ids: {[r.id for r in self.rules]}")

    def active(self, kind: type[BaseModel]) -> list[Any]:
        """The entries of one kind that are checked (enforced, and WEAK only with ``use_weak``)."""
        return [
            rule
            for rule in self.rules
            if isinstance(rule, kind) and rule.enforce and (self.use_weak or rule.status != "WEAK")
        ]


def compare(value: float, op: str, limit: float) -> bool:
    """``value op limit`` for the profile operators (``ge`` ≥, ``lt`` < …)."""
    return {
        "ge": value >= limit,
        "gt": value > limit,
        "le": value <= limit,
        "lt": value < limit,
        "eq": value == limit,
    }[op]


def load_profile(name_or_path: str | Path | None = None) -> Profile:
    """Load a built-in profile by name (``youzhi-2017``) or a YAML file by path.

    Raises :class:`RuleError` for a missing file, bad YAML, an unknown rule kind or a bad entry.
    """
    return _load(str(name_or_path or DEFAULT_PROFILE))


@lru_cache(maxsize=32)
def _load(name_or_path: str) -> Profile:
    path = _resolve(name_or_path, PROFILES_DIR)
    data = _merged(path, ())
    data.pop("extends", None)
    data.pop("remove", None)
    data["path"] = str(path)
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise RuleError(_explain(path, data, exc)) from None


def builtin_profiles() -> list[str]:
    """Names of the profiles shipped with junheng."""
    return sorted(path.stem for path in PROFILES_DIR.glob("*.yaml"))


def _resolve(name: str, base: Path) -> Path:
    candidates = [Path(name), base / name, PROFILES_DIR / f"{name}.yaml", base / f"{name}.yaml"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve()
    raise RuleError(
        f"找不到标准配置 {name!r}；内置配置: {', '.join(builtin_profiles())}，或给出 YAML 文件路径"
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError) as exc:
        raise RuleError(f"{path}: 无法读取标准配置: {exc}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}: 标准配置应为一个映射（name, extends, rules …）")
    rules = data.get("rules", [])
    if not isinstance(rules, list) or not all(isinstance(r, dict) and "id" in r for r in rules):
        raise RuleError(f"{path}: rules 应为条目列表，每个条目都要有 id")
    return data


def _merged(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    """The profile at ``path`` with its ``extends`` chain applied (parents first)."""
    if path in seen:
        raise RuleError(f"{path}: extends 形成循环: {' → '.join(map(str, (*seen, path)))}")
    data = _read(path)
    parent_name = data.get("extends")
    if not parent_name:
        return data
    parent = _merged(_resolve(str(parent_name), path.parent), (*seen, path))
    rules: dict[str, dict[str, Any]] = {r["id"]: dict(r) for r in parent.get("rules", [])}
    for entry in data.get("rules", []):
        old = rules.get(entry["id"])
        if old is not None and "threshold" in entry and "source" not in entry:
            raise RuleError(
                f"{path}: 条目 {entry['id']} 改了 threshold 却没有给出 source"
                "（地方标准须注明文件名、文号和条款）"
            )
        rules[entry["id"]] = {**old, **entry} if old else dict(entry)
    for rule_id in data.get("remove", []) or []:
        if rules.pop(rule_id, None) is None:
            raise RuleError(f"{path}: remove 中的 {rule_id} 不在上级配置中；可选: {sorted(rules)}")
    merged = {**parent, **{k: v for k, v in data.items() if k != "rules"}}
    if isinstance(parent.get("tolerances"), dict) and isinstance(data.get("tolerances"), dict):
        merged["tolerances"] = {**parent["tolerances"], **data["tolerances"]}
    merged["rules"] = list(rules.values())
    return merged


def _explain(path: Path, data: dict[str, Any], exc: ValidationError) -> str:
    """One message per problem: file, entry id, field, and the valid choices."""
    lines = []
    for error in exc.errors():
        loc = error["loc"]
        where = ".".join(str(part) for part in loc)
        if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
            entry = data["rules"][loc[1]]
            kind = entry.get("kind")
            if kind not in RULE_KINDS:
                lines.append(
                    f"{path}: 条目 {entry['id']}: 未知的规则类型 kind={kind!r}；"
                    f"可选: {', '.join(RULE_KINDS)}"
                )
                continue
            where = f"条目 {entry['id']} ({kind}): " + ".".join(str(p) for p in loc[3:])
        lines.append(f"{path}: {where}: {error['msg']}")
    return "\n".join(dict.fromkeys(lines))
