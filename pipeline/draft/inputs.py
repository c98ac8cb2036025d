"""OUT/*.jsonl read back into the model types for drafting.

The drafts are rebuilt from the files alone (``junheng draft OUT``), so a person can correct a row
in figures.jsonl or items.jsonl and draft again. The rows go through the codec
(:mod:`junheng.core.codec`), which ignores unknown fields and defaults missing optional ones, so
the drafts survive the contract growing. Every string is made XML-safe on the way in
(:mod:`junheng.draft.safe`), so no control character a file let through can cost a draft: a row
whose line could hold no such character (JSON writes each as an escape, :data:`_MAYBE_UNSAFE`)
is taken as parsed, the others go through :func:`junheng.draft.safe.clean` (for 1,000 files'
outputs, 2.6 s of cleaning rows that held nothing to clean become 0.15 s of looking).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
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
from junheng.draft import dedup
from junheng.draft.dedup import Copies
from junheng.draft.labels import without_ids
from junheng.draft.safe import clean, xml_safe

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
    copies: Copies = field(default_factory=Copies)
    """Which reports are copies of others (after :func:`junheng.draft.dedup.unique`)."""
    formats: dict[str, str] = field(default_factory=dict)
    """Each file's format as documents.jsonl gives it (``txt``, ``docx`` …)."""

    def report(self, key: Key) -> Report | None:
        return next((r for r in self.reports if r.key == key), None)


_MAYBE_UNSAFE = re.compile(
    r"\\(?:u00[01][0-9a-fA-F]|[bf])"  # a control character, escaped
    r"|\\u[dD][89a-fA-F]"  # a surrogate, escaped
    r"|\\u[fF]{3}[eEfF]|[\ufffe\uffff]"  # U+FFFE/U+FFFF, escaped or not
)
"""Where a line of JSON may hold a character XML cannot (:data:`junheng.draft.safe._XML_ILLEGAL`):
a control character can only be written escaped (``\\u0001``, ``\\b``, ``\\f``; JSON refuses
it raw), a lone surrogate only escaped (it cannot be UTF-8), U+FFFE/U+FFFF either way. It also
matches more than that (an escaped backslash before ``b``, a surrogate pair): those rows are
cleaned, which changes nothing in them."""


def _may_be_unsafe(line: str) -> bool:
    # the substring tests first: most lines have no backslash, and the search costs ten times more
    return ("\\" in line or "\ufffe" in line or "\uffff" in line) and bool(
        _MAYBE_UNSAFE.search(line)
    )


def rows(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a jsonl file of OUT, every string in them XML-safe."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                yield clean(row) if _may_be_unsafe(line) else row


def findings(path: Path) -> tuple[Finding, ...]:
    """The findings of a findings.jsonl, as the drafts take them."""
    return tuple(map(finding_from_row, rows(path)))


def load(out_dir: Path) -> Batch:
    """Read OUT's manifest and jsonl files into a :class:`Batch`."""
    reports = tuple(map(report_from_row, rows(out_dir / "reports.jsonl")))
    figures = tuple(map(figure_from_row, rows(out_dir / "figures.jsonl")))
    items = tuple(map(item_from_row, rows(out_dir / "items.jsonl")))
    found = findings(out_dir / "findings.jsonl")
    texts: dict[str, str] = {}
    formats: dict[str, str] = {}
    for d in read_jsonl(out_dir / "documents.jsonl"):
        texts[d["file"]] = xml_safe(d["text"])
        formats[d["file"]] = str(d.get("format") or "")
    manifest_path = out_dir / "manifest.json"
    inputs: tuple[dict[str, Any], ...] = ()
    if manifest_path.is_file():
        inputs = tuple(clean(json.loads(manifest_path.read_text("utf-8")).get("inputs") or ()))
    return Batch(reports, figures, items, found, texts, inputs, formats=formats)


def unique(batch: Batch) -> Batch:
    """``batch`` with each report once however many forms or copies hold it (see
    :mod:`junheng.draft.dedup`): the copies' reports, figures and items left out, their findings
    counted as the report's, and :attr:`Batch.copies` saying which were copies of which."""
    formats = {str(i.get("file")): str(i.get("format") or "") for i in batch.inputs}
    copies = dedup.find(batch.reports, batch.texts, formats)
    if not copies.count:
        return replace(batch, copies=copies)
    keep = {r.key for r in batch.reports if not copies.is_copy(r.key)}
    return Batch(
        reports=tuple(r for r in batch.reports if r.key in keep),
        figures=tuple(f for f in batch.figures if not copies.is_copy(f.key)),
        items=tuple(i for i in batch.items if not copies.is_copy(i.key)),
        findings=tuple(dedup.findings(batch.findings, copies)),
        texts=batch.texts,
        inputs=batch.inputs,
        copies=copies,
        formats=batch.formats,
    )


def readable(
    batch: Batch, ids: frozenset[str] = frozenset(), files: Mapping[str, str] | None = None
) -> Batch:
    """``batch`` with its findings' messages and standards as a person reads them: no threshold
    or rule ids (:func:`junheng.draft.labels.without_ids`), and an input file a message names
    (a check across reports cites both) called by its label in ``files`` (``文件3``). Only the
    drafts get these; the findings.jsonl rows keep the ids and names for tools."""
    names = sorted((files or {}).items(), key=lambda pair: -len(pair[0]))

    def plain(text: str) -> str:
        for name, label in names:
            if name in text:
                text = text.replace(f"{name} ", label).replace(name, label)
        return without_ids(text, ids)

    findings = tuple(
        replace(f, message=plain(f.message), standard=plain(f.standard) if f.standard else None)
        for f in batch.findings
    )
    return replace(batch, findings=findings)
