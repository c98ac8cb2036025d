"""The rule registry: every rule id the validator can emit, what it runs on, and its check.

``scope`` is ``document`` (one file's text, figures and items: ``DocContext`` → findings),
``figures`` (one file's figures → issues) or ``batch`` (the figures of the whole batch → issues).
Thresholds are never here: they come from the profile (``profiles/*.yaml``); tolerances come from
the precision the report writes (:mod:`junheng.validate.interval`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from junheng.validate import arithmetic, batch, claims, cv_stated, ocr, standards


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule id, where it runs, its check and a one-line description (Chinese)."""

    scope: str
    check: Callable[..., list[Any]]
    description: str


RULES: dict[str, Rule] = {
    "sum_mismatch": Rule(
        "document", arithmetic.check_sum, "总数与各分项（共/合计/总计/其中/分别）之和不符"
    ),
    "percent_mismatch": Rule("document", arithmetic.check_percent, "“N人，占M%”与所指的基数不符"),
    "ratio_mismatch": Rule(
        "document", arithmetic.check_ratio, "师生比/生机比与人数不符；生均X与总量÷学生数不符"
    ),
    "shortfall_mismatch": Rule("document", arithmetic.check_shortfall, "缺口与“应配−现有”不符"),
    "growth_mismatch": Rule(
        "document", arithmetic.check_growth, "增长百分比或增量与前后两个数不符"
    ),
    "claim_unsupported": Rule(
        "document", claims.check_claims, "整改情况称已解决/已达标，但所写数字仍未达到"
    ),
    "out_of_range": Rule(
        "figures",
        standards.out_of_range,
        "比率超过100%、负数、辍学率高于100%−巩固率、年份晚于报告日期",
    ),
    "below_standard": Rule("figures", standards.below_standard, "指标低于标准配置中的阈值"),
    "six_of_seven": Rule(
        "figures", standards.min_met, "每所学校至少6项资源配置指标达标、余项不低于85%"
    ),
    "ocr_low_confidence": Rule(
        "figures", ocr.low_confidence, "扫描件中 OCR 识别置信度低的数字，需对照原件核对"
    ),
    "cross_report_conflict": Rule(
        "batch", batch.cross_report_conflict, "同一单位、指标、学段、年份在两份报告中数值不同"
    ),
    "cv_exceeds": Rule("batch", batch.cv_exceeds, "校际差异系数超过标准"),
    "cv_mismatch": Rule(
        "document", cv_stated.cv_mismatch, "写明的差异系数与按各校数据加权计算的结果不符"
    ),
}
"""``figures`` rules run on one file's figures in ``validate_document`` (and on the batch's
figures in ``validate_batch`` for units spread over several files)."""

ARITHMETIC_RULES = frozenset(
    rule_id
    for rule_id, rule in RULES.items()
    if rule.check.__module__ in (arithmetic.__name__, cv_stated.__name__)
)
"""The rules that check the text's own arithmetic (what corpus/gold ``inconsistencies`` list)."""
