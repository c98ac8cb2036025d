"""OUT/*.jsonl read back into the model types for drafting.

The drafts are rebuilt from the files alone (``junheng draft OUT``), so a person can correct a row
in figures.jsonl or items.jsonl and draft again. The rows go through the codec
(:mod:`junheng.core.codec`), which ignores unknown fields and defaults missing optional ones, so
the drafts survive the contract growing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from junheng.core.codec import (
    figure_from_row,
    finding_from_row,
    item_from_row,
    read_jsonl,
    report_from_row,
)
from junheng.core.model import Figure, Finding, Item, Report, ReportKey

Key = ReportKey


@dataclass(frozen=True, slots=True)
class Batch:
    """Everything one OUT folder holds, in file order."""

    reports: tuple[Report, ...]
    figures: tuple[Figure, ...]
    items: tuple[Item, ...]
    findings: tuple[Finding, ...]
    texts: dict[str, str] = field(default_factory=dict)
    inputs: tuple[dict[str, Any], ...] = ()

    def report(self, key: Key) -> Report | None:
        return next((r for r in self.reports if r.key == key), None)


def load(out_dir: Path) -> Batch:
    """Read OUT's manifest and jsonl files into a :class:`Batch`."""
    reports = tuple(map(report_from_row, read_jsonl(out_dir / "reports.jsonl")))
    figures = tuple(map(figure_from_row, read_jsonl(out_dir / "figures.jsonl")))
    items = tuple(map(item_from_row, read_jsonl(out_dir / "items.jsonl")))
    findings = tuple(map(finding_from_row, read_jsonl(out_dir / "findings.jsonl")))
    texts = {d["file"]: d["text"] for d in read_jsonl(out_dir / "documents.jsonl")}
    manifest_path = out_dir / "manifest.json"
    inputs: tuple[dict[str, Any], ...] = ()
    if manifest_path.is_file():
        inputs = tuple(json.loads(manifest_path.read_text("utf-8")).get("inputs") or ())
    return Batch(reports, figures, items, findings, texts, inputs)
