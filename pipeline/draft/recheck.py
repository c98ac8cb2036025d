"""``junheng draft OUT`` checks again what a person corrected, so every draft agrees with it.

A person corrects a figure or an item in OUT/*.jsonl and drafts again. The findings the run wrote
were made from the old values, so they are made again here with :mod:`junheng.validate` over the
rows read back through :mod:`junheng.core.codec`: each file's rules on its text as normalised
(documents.jsonl) with its corrected reports, figures and items, then the checks across files.
findings.jsonl is rewritten with them, and the drafts are made from them.

The standards profile is the batch's: the one ``junheng run --standard`` was given, as
manifest.json records it (``standard``); the default one (``youzhi-2017``) only for an OUT
written before the manifest recorded it.
"""

from __future__ import annotations

import json
from array import array
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from junheng.core.codec import JsonLines, finding_row, read_jsonl
from junheng.core.model import Document, Figure, Finding, Item, OffsetMap, Report
from junheng.draft.inputs import Batch
from junheng.validate import Profile, load_profile, validate_batch, validate_document


def _document(file: str, text: str, form: str) -> Document:
    """The file as the validator reads it: its normalised text, mapped onto itself."""
    offsets = OffsetMap(array("l", range(len(text))), len(text))
    return Document(file, form, (), (), text, text, offsets)


def batch_profile(out_dir: Path) -> Profile:
    """The profile the batch in ``out_dir`` was checked with (manifest.json's ``standard``)."""
    manifest = out_dir / "manifest.json"
    standard = None
    if manifest.is_file():
        standard = json.loads(manifest.read_text("utf-8")).get("standard")
    return load_profile(standard)


def recheck(out_dir: Path, batch: Batch, profile: Profile | None = None) -> Batch:
    """``batch`` with its findings made again from its rows (with ``profile``, by default the
    batch's own, :func:`batch_profile`); findings.jsonl rewritten."""
    profile = profile or batch_profile(out_dir)
    forms = {
        row["file"]: row.get("format") or "" for row in read_jsonl(out_dir / "documents.jsonl")
    }
    by_file: dict[str, tuple[list[Report], list[Figure], list[Item]]] = defaultdict(
        lambda: ([], [], [])
    )
    for report in batch.reports:
        by_file[report.file][0].append(report)
    for figure in batch.figures:
        by_file[figure.file][1].append(figure)
    for item in batch.items:
        by_file[item.file][2].append(item)
    found: list[Finding] = []
    for file, (reports, figures, items) in by_file.items():
        text = batch.texts.get(file)
        if text is None:
            continue
        doc = _document(file, text, forms.get(file, ""))
        found += validate_document(doc, reports, figures, items, profile=profile, file=file)
    named = [f for f in batch.figures if f.kind == "actual" and f.unit_name]
    found += validate_batch(named, profile)
    with JsonLines(out_dir / "findings.jsonl") as rows:
        rows.write_all(map(finding_row, found))
    return replace(batch, findings=tuple(found))
