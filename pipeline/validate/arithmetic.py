"""Arithmetic rules: a relation the text states that its own numbers do not satisfy.

The relations are read by :mod:`junheng.validate.relations`; each rule here turns the ones that
fail into findings with the arithmetic spelled out (``262+247+199=708人，与报告所写合计611人不符``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from junheng.core.model import Finding
from junheng.validate.context import DocContext, finding, fmt, quantity_evidence
from junheng.validate.quantities import Q
from junheng.validate.relations import Relation


def _topic(label: str) -> str:
    """A short name for what the numbers count, from the stated number's words."""
    for mark in ("其中", "共计", "合计", "总计", "总共", "共有", "全市", "全县", "全校", "共"):
        label = label.replace(mark, "")
    label = label.strip("，,：:、 ")
    if _ONLY_A_VERB.fullmatch(label):
        return ""  # "全校有15个教学班": no name
    return _VERB_AFTER.sub("", label) or label  # "校园总建筑面积为": 校园总建筑面积


_VERB_AFTER = re.compile(r"(?:为|达到|达|是)$")


_ONLY_A_VERB = re.compile(r"(?:现|拥|建|设|开|已)?有|辖|设|为|达|是|计|现")


def _common_suffix(labels: list[str]) -> str:
    """What the parts' words end with in common (…有寄宿生 → 寄宿生)."""
    suffix = labels[0] if labels else ""
    for label in labels[1:]:
        while suffix and not label.endswith(suffix):
            suffix = suffix[1:]
    return suffix.lstrip("有的为是：:，, ")


_NOUN_AFTER = re.compile(r"[\u4e00-\u9fff]{2,6}")


def _sum_topic(r: Relation, text: str) -> str:
    """What the total counts: its own words, else the noun right after it (共有35个项目), else
    what the parts' words share."""
    if topic := _topic(r.stated.label):
        return topic
    noun = _NOUN_AFTER.match(text, r.stated.unit_end or r.stated.end)
    if noun is not None:
        return noun.group()
    return _common_suffix([q.label for q in r.inputs]) or "各项"


def _sum_message(r: Relation, text: str) -> str:
    unit = r.stated.unit
    # a total written in 万 (3450.2万人) is shown in 万 with its parts, as the report writes them
    wan = unit != "元" and text[r.stated.end : r.stated.unit_end or r.stated.end].startswith("万")

    def show(value: float, with_unit: bool = True) -> str:
        if wan:
            return fmt(value / 1e4) + (f"万{unit}" if with_unit else "")
        return fmt(value, unit if with_unit else "")

    def part(q: Q) -> str:
        return fmt(abs(q.value), "元") if unit == "元" else show(abs(q.value), with_unit=False)

    # a decrease among the changes of parts is subtracted: 1474+644+376−967
    parts = "".join(
        ("−" if q.value < 0 else "+" if k else "") + part(q) for k, q in enumerate(r.inputs)
    )
    diff = abs(r.expected - r.stated.value)
    topic = _sum_topic(r, text)
    if not r.exhaustive:
        return (
            f"{topic}：其中各项相加{parts}={show(r.expected)}，超过所写总数"
            f"{show(r.stated.value)}（多{show(diff)}），请核对"
        )
    return (
        f"{topic}：各项相加{parts}={show(r.expected)}，与报告所写合计"
        f"{show(r.stated.value)}不符（相差{show(diff)}），请核对"
    )


def _percent_message(r: Relation, text: str) -> str:
    *counts, base = r.inputs
    count = counts[-1]
    said = fmt(count.value, count.unit)
    if len(counts) > 1:  # a list's share: 11所+1所+29所
        said = "+".join(fmt(q.value, q.unit) for q in counts)
    return (
        f"{count.label.strip('，,')}{said}占{fmt(r.stated.value)}%："
        f"按{base.label.strip('，,')}{fmt(base.value, base.unit)}计应为{r.expected:.1f}%，"
        f"与所写{fmt(r.stated.value)}%不符，请核对人数或比例"
    )


def _ratio_message(r: Relation, text: str) -> str:
    if r.kind == "per_student":
        amount, students = r.inputs
        unit = r.stated.unit
        return (
            f"{r.stated.label.strip('，,')}{fmt(r.stated.value, unit)}：按"
            f"{fmt(amount.value, amount.unit)}÷{students.label.strip('，,：: ')}"
            f"{fmt(students.value, '人')}计应为"
            f"{r.expected:.2f}{unit}，与所写不符，请核对"
        )
    num, den = r.inputs
    return (
        f"{r.stated.label.strip('，,')}{r.stated.written}：按{num.label.strip('，,')}"
        f"{fmt(num.value, '人')}÷{den.label.strip('，,')}{fmt(den.value, den.unit)}计应为"
        f"1:{r.expected:.2f}，与所写不符，请核对"
    )


def _table_ratio_message(r: Relation, text: str) -> str:
    num, den = r.inputs
    return (
        f"{r.stated.label}{r.stated.written}：按{num.label}{num.written}÷{den.label}"
        f"{den.written}计应为{fmt(r.expected)}，与表中所写不符，请核对"
    )


def _class_size_message(r: Relation, text: str) -> str:
    students, classes = r.inputs
    return (
        f"平均班额{fmt(r.stated.value, '人')}：按{fmt(students.value, '人')}÷"
        f"{fmt(classes.value, classes.unit)}教学班计应为{r.expected:.1f}人，与所写不符，请核对"
    )


def _per_unit_message(r: Relation, text: str) -> str:
    amount, units = r.inputs
    return (
        f"{r.stated.label.strip('，,')}{fmt(r.stated.value, r.stated.unit)}：按"
        f"{fmt(amount.value, amount.unit)}÷{fmt(units.value, units.unit)}计应为"
        f"{r.expected:.1f}{r.stated.unit}，与所写不符，请核对"
    )


def _multiple_message(r: Relation, text: str) -> str:
    later, earlier = r.inputs
    return (
        f"所写{fmt(r.stated.value)}倍：按{fmt(later.value, later.unit)}÷"
        f"{fmt(earlier.value, earlier.unit)}计应为{r.expected:.2f}倍，与所写不符，请核对"
    )


def _per_hundred_message(r: Relation, text: str) -> str:
    count, students = r.inputs
    return (
        f"{r.stated.label.strip('，,')}{fmt(r.stated.value, r.stated.unit)}：按"
        f"{fmt(count.value, count.unit)}÷{fmt(students.value, '人')}×100计应为"
        f"{r.expected:.1f}{r.stated.unit}，与所写不符，请核对"
    )


def _shortfall_message(r: Relation, text: str) -> str:
    standard, existing = r.inputs
    unit = r.stated.unit
    diff = abs(r.expected - r.stated.value)
    return (
        f"缺口{fmt(r.stated.value, unit)}与应配{fmt(standard.value, unit)}−现有"
        f"{fmt(existing.value, unit)}={fmt(r.expected, unit)}不符（相差{fmt(diff, unit)}），"
        "请核对应配数、现有数或缺口"
    )


def _growth_message(r: Relation, text: str) -> str:
    before, after = r.inputs
    unit = before.unit
    if r.stated.unit == "%":
        return (
            f"由{fmt(before.value, unit)}到{fmt(after.value, unit)}应为变化"
            f"{r.expected:.1f}%，报告写{fmt(r.stated.value)}%，请核对"
        )
    if r.stated.unit == "百分点":  # a difference of two rates: 个百分点, not a rate
        return (
            f"由{fmt(before.value, unit)}到{fmt(after.value, unit)}应为变化"
            f"{fmt(r.expected)}个百分点，报告写{fmt(r.stated.value)}个百分点，请核对"
        )
    return (
        f"由{fmt(before.value, unit)}到{fmt(after.value, unit)}应为变化"
        f"{fmt(r.expected, unit)}，报告写{fmt(r.stated.value, r.stated.unit)}，请核对"
    )


# relation kind → (rule id, message from the relation and the document's text)
_RULE_OF: dict[str, tuple[str, Callable[[Relation, str], str]]] = {
    "sum": ("sum_mismatch", _sum_message),
    "percent": ("percent_mismatch", _percent_message),
    "ratio": ("ratio_mismatch", _ratio_message),
    "per_student": ("ratio_mismatch", _ratio_message),
    "class_size": ("ratio_mismatch", _class_size_message),
    "per_unit": ("ratio_mismatch", _per_unit_message),
    "multiple": ("ratio_mismatch", _multiple_message),
    "table_ratio": ("ratio_mismatch", _table_ratio_message),
    "per_100": ("ratio_mismatch", _per_hundred_message),
    "shortfall": ("shortfall_mismatch", _shortfall_message),
    "growth": ("growth_mismatch", _growth_message),
}


def _check(rule: str) -> Callable[[DocContext], list[Finding]]:
    def check(ctx: DocContext) -> list[Finding]:
        found = []
        for index, relation in ctx.relations:
            rule_id, message = _RULE_OF[relation.kind]
            if rule_id != rule or relation.holds:
                continue
            values = [q.value for q in relation.quantities]
            evidence = quantity_evidence(ctx, index, relation.quantities)
            found.append(
                finding(
                    ctx,
                    index,
                    rule,
                    message(relation, ctx.doc.text),
                    values,
                    evidence,
                    expected=relation.expected,
                )
            )
        return found

    check.__name__ = f"check_{rule}"
    check.__doc__ = f"Findings of rule ``{rule}`` from the relations the text states."
    return check


check_sum = _check("sum_mismatch")
check_percent = _check("percent_mismatch")
check_ratio = _check("ratio_mismatch")
check_shortfall = _check("shortfall_mismatch")
check_growth = _check("growth_mismatch")
