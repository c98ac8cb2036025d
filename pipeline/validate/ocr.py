"""Figures read by OCR whose number the recogniser was not sure of: flagged for a person.

An OCR misread (8 for 3, a lost decimal point) is a wrong figure that looks right. The arithmetic
rules still run on such figures (a misread is exactly the inconsistency a reviewer should see);
this rule adds a warning for every OCR'd figure whose confidence
(:attr:`junheng.core.model.Figure.ocr_confidence`, the recogniser's score of the line its number
stands in) is below :data:`CONFIDENCE_FLOOR`, so the digits reach review.html and the ledger's
核查发现 sheet instead of being trusted silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from junheng.core.model import Figure, Severity
from junheng.validate.standards import Issue

CONFIDENCE_FLOOR = 0.9
"""Below this OCR confidence a figure is flagged. Clean printed lines score 0.97–1.0 (measured
on seed pages drawn and recognised: every line of them scored above 0.95); a smudged, skewed or
half-sealed line scores lower."""


def low_confidence(figures: Sequence[Figure], _profile: Any = None) -> list[Issue]:
    """A warning for each OCR'd figure whose confidence is below :data:`CONFIDENCE_FLOOR`."""
    issues = []
    for figure in figures:
        score = figure.ocr_confidence
        if score is None or score >= CONFIDENCE_FLOOR:
            continue
        issues.append(
            Issue(
                "ocr_low_confidence",
                f"扫描件 OCR 识别的数字“{figure.number or figure.value}”置信度 {score:.2f}"
                f"（低于 {CONFIDENCE_FLOOR:g}），请对照原件核对：{figure.text[:30]}",
                (figure,),
                (figure.value,),
                severity=Severity.WARNING,
            )
        )
    return issues
