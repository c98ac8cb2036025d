"""Reading a run's outputs (OUT/*.jsonl, manifest.json), grouped by input file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from junheng.core.codec import read_jsonl

Row = dict[str, Any]


def rows(path: Path) -> list[Row]:
    """Every row of a jsonl output; none when the file is absent."""
    return list(read_jsonl(path))


def by_file(path: Path) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = {}
    for row in rows(path):
        grouped.setdefault(row["file"], []).append(row)
    return grouped


@dataclass(frozen=True)
class RunOutput:
    reports: dict[str, list[Row]]
    figures: dict[str, list[Row]]
    items: dict[str, list[Row]]
    findings: dict[str, list[Row]]
    processed: list[str]  # the input files of the run, in the manifest's order
    out_dir: Path

    def documents(self) -> dict[str, Row]:
        """documents.jsonl by file (read on demand: it holds every text twice)."""
        return {row["file"]: row for row in read_jsonl(self.out_dir / "documents.jsonl")}


def load_run(out_dir: Path) -> RunOutput:
    reports = by_file(out_dir / "reports.jsonl")
    manifest = out_dir / "manifest.json"
    processed = (
        [entry["file"] for entry in json.loads(manifest.read_text(encoding="utf-8"))["inputs"]]
        if manifest.exists()
        else list(reports)
    )
    return RunOutput(
        reports=reports,
        figures=by_file(out_dir / "figures.jsonl"),
        items=by_file(out_dir / "items.jsonl"),
        findings=by_file(out_dir / "findings.jsonl"),
        processed=processed,
        out_dir=out_dir,
    )
