"""What a person typed, checked: each form's fields into an action and the changed fields.

A value is read the way reports write it (全角 digits, ``3。74``, ``1,234``, a trailing ``%``);
anything that is not one number, an indicator outside the catalogue, a level, status or kind
outside the lists, a year outside 1949–2100 is refused with a one-line Chinese reason
(:class:`FormError`), and the overlay is left as it was.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from junheng.draft.overlay import ACTIONS
from junheng.review.views import ITEM_KINDS, LEVELS, STATUSES, indicators

_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_TEXT_LIMIT = 200


class FormError(ValueError):
    """The form cannot be taken as it is (the message says why, for the person)."""


def _field(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def action(form: Mapping[str, Any], target: str) -> str:
    found = _field(form, "action")
    if found not in (*ACTIONS[target], "reset"):
        raise FormError(f"未知的操作：{found or '（空）'}")
    return found


def number(text: str) -> float:
    """``"3。74"`` → 3.74, ``"１，２３４"`` → 1234.0, ``"95%"`` → 95.0."""
    plain = unicodedata.normalize("NFKC", text).replace("。", ".").replace(",", "").strip()
    plain = plain.removesuffix("%").strip()
    if not _NUMBER.fullmatch(plain):
        raise FormError(f"数值应为一个数字：{text}")
    value = float(plain)
    if not math.isfinite(value):
        raise FormError(f"数值应为一个数字：{text}")
    return value


def figure_changes(form: Mapping[str, Any]) -> dict[str, Any]:
    """The value, indicator, level and year of a figure's editor."""
    changes: dict[str, Any] = {"value": number(_field(form, "value"))}
    indicator = _field(form, "indicator")
    if indicator not in dict(indicators()):
        raise FormError(f"未知的指标：{indicator}")
    changes["indicator"] = indicator
    level = _field(form, "level")
    if level and level not in LEVELS:
        raise FormError(f"学段应为 {'、'.join(LEVELS)} 之一或留空")
    changes["level"] = level or None
    year = _field(form, "year")
    if year:
        if not year.isdigit() or not 1949 <= int(year) <= 2100:
            raise FormError(f"年份应为 1949–2100 之间的四位数或留空：{year}")
        changes["year"] = int(year)
    else:
        changes["year"] = None
    return changes


def _text(form: Mapping[str, Any], name: str, label: str) -> str | None:
    value = _field(form, name)
    if len(value) > _TEXT_LIMIT:
        raise FormError(f"{label}不超过{_TEXT_LIMIT}字")
    return value or None


def item_changes(form: Mapping[str, Any], problems: set[int]) -> dict[str, Any]:
    """The kind, status, owner, deadline and problem link of an item's row."""
    kind = _field(form, "kind")
    if kind not in ITEM_KINDS:
        raise FormError(f"类别应为 {'、'.join(ITEM_KINDS.values())} 之一")
    status = _field(form, "status")
    if status and status not in STATUSES:
        raise FormError(f"状态应为 {'、'.join(STATUSES)} 之一或留空")
    changes: dict[str, Any] = {
        "kind": kind,
        "status": status or None,
        "owner": _text(form, "owner", "责任单位"),
        "deadline": _text(form, "deadline", "整改时限"),
    }
    if kind != "problem":
        problem = _field(form, "problem")
        if problem and (not problem.isdigit() or int(problem) not in problems):
            raise FormError(f"本篇没有第{problem}个问题")
        changes["problem"] = int(problem) if problem else None
    return changes


def reason(form: Mapping[str, Any], needed: bool) -> str | None:
    text = _text(form, "reason", "理由")
    if needed and not text:
        raise FormError("排除一条核查发现须写明理由")
    return text
