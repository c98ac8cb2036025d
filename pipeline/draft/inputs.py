"""Reading OUT/*.jsonl back into small frozen records for drafting.

The drafts are rebuilt from the files alone (``junheng draft OUT``), so a person can correct a row
in figures.jsonl or items.jsonl and draft again. Only the fields the drafts use are kept; unknown
fields are ignored, missing optional ones default, so the drafts survive the contract growing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Key = tuple[str, int]  # (file, doc): one report


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a jsonl file; a missing file is no rows (an empty batch still drafts)."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


@dataclass(frozen=True, slots=True)
class Report:
    file: str
    doc: int
    title: str
    unit_name: str | None
    type: str | None
    date: str | None
    years: tuple[int, ...]
    start: int
    end: int

    @property
    def key(self) -> Key:
        return (self.file, self.doc)


@dataclass(frozen=True, slots=True)
class Figure:
    file: str
    doc: int
    unit_name: str | None
    indicator: str
    value: float
    unit: str
    level: str | None
    year: int | None
    kind: str
    qualifier: str | None
    text: str
    page: int | None
    start: int
    end: int

    @property
    def key(self) -> Key:
        return (self.file, self.doc)


@dataclass(frozen=True, slots=True)
class Link:
    kind: str
    index: int


@dataclass(frozen=True, slots=True)
class Item:
    file: str
    doc: int
    unit_name: str | None
    kind: str
    index: int
    text: str
    category: str
    status: str | None
    links: tuple[Link, ...]
    deadline: str | None
    owner: str | None
    page: int | None
    start: int
    end: int

    @property
    def key(self) -> Key:
        return (self.file, self.doc)


@dataclass(frozen=True, slots=True)
class Evidence:
    file: str
    doc: int | None
    text: str
    start: int
    end: int
    page: int | None


@dataclass(frozen=True, slots=True)
class Finding:
    file: str
    doc: int
    unit_name: str | None
    rule: str
    severity: str
    message: str
    values: tuple[float, ...]
    expected: float | None
    standard: str | None
    evidence: tuple[Evidence, ...]
    indicator: str | None = None
    level: str | None = None

    @property
    def key(self) -> Key:
        return (self.file, self.doc)


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


def _pick(cls: type, row: dict[str, Any], **override: Any) -> Any:
    names = cls.__dataclass_fields__  # type: ignore[attr-defined]
    values = {name: row.get(name) for name in names if name in row or name in override}
    values.update(override)
    return cls(**values)


def _evidence(row: dict[str, Any], finding: dict[str, Any]) -> Evidence:
    return Evidence(
        file=row.get("file") or finding["file"],
        doc=row.get("doc", finding.get("doc")),
        text=row.get("text") or "",
        start=int(row["start"]),
        end=int(row["end"]),
        page=row.get("page"),
    )


def load(out_dir: Path) -> Batch:
    """Read OUT's manifest and jsonl files into a :class:`Batch`."""
    reports = tuple(
        _pick(Report, r, years=tuple(r.get("years") or ()), title=r.get("title") or "")
        for r in read_jsonl(out_dir / "reports.jsonl")
    )
    figures = tuple(_pick(Figure, r) for r in read_jsonl(out_dir / "figures.jsonl"))
    items = tuple(
        _pick(Item, r, links=tuple(Link(x["kind"], int(x["index"])) for x in r.get("links") or ()))
        for r in read_jsonl(out_dir / "items.jsonl")
    )
    findings = tuple(
        _pick(
            Finding,
            r,
            values=tuple(r.get("values") or ()),
            evidence=tuple(_evidence(e, r) for e in r.get("evidence") or ()),
            indicator=r.get("indicator"),
            level=r.get("level"),
        )
        for r in read_jsonl(out_dir / "findings.jsonl")
    )
    texts = {d["file"]: d["text"] for d in read_jsonl(out_dir / "documents.jsonl")}
    manifest_path = out_dir / "manifest.json"
    inputs: tuple[dict[str, Any], ...] = ()
    if manifest_path.is_file():
        inputs = tuple(json.loads(manifest_path.read_text("utf-8")).get("inputs") or ())
    return Batch(reports, figures, items, findings, texts, inputs)
