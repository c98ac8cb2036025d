"""``junheng draft OUT`` checks again what a person corrected, so every draft agrees with it.

A person corrects a figure or an item (in ``junheng review``, or in OUT/*.jsonl by hand) and
drafts again. The findings the run wrote were made from the old values, so they are made again
here with :mod:`junheng.validate` over the rows read back through :mod:`junheng.core.codec`: each
file's rules on its text as normalised (documents.jsonl) with its corrected reports, figures and
items, then the checks across files. findings.jsonl is rewritten with them, and the drafts are
made from them.

Only the files whose rows changed are checked again: a file whose rows (and content) are those
its findings were made from keeps them. What they were made from is a digest per file
(:func:`junheng.draft.corrected.digests`): for the run's own findings, the ``rows_digest`` of each
input in manifest.json; after a recheck, ``OUT/.junheng-review/checked.json``, with the findings
as made (before any was dismissed) in ``made.jsonl`` beside it. The checks across files are
always made again. A batch checked with another profile since is checked again whole.

The findings a person dismissed (as :func:`junheng.draft.corrected.apply` last found them held)
leave findings.jsonl for ``OUT/.junheng-review/dismissed.jsonl``; the confirmed ones carry their
``review``.

The standards profile is the batch's: the one ``junheng run --standard`` was given, as
manifest.json records it (``standard``); the default one (``youzhi-2017``) only for an OUT
written before the manifest recorded it.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from junheng.core.codec import JsonLines, finding_row, read_jsonl, write_json
from junheng.core.model import Document, Figure, Item, OffsetMap, Report
from junheng.draft import corrections
from junheng.draft.corrected import digests, held_findings, inputs, review_dir, run_stamp
from junheng.draft.inputs import Batch, findings
from junheng.validate import RULES, Profile, load_profile, validate_batch, validate_document

CHECKED = "checked.json"
MADE = "made.jsonl"
BATCH_RULES = frozenset(rule_id for rule_id, rule in RULES.items() if rule.scope == "batch")
"""The rules over the whole batch: made again at every recheck, whatever changed."""

Row = dict[str, Any]


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


def profile_digest(profile: Profile) -> str:
    """Changes with any threshold of ``profile`` (manifest.json's ``standard_digest``)."""
    return hashlib.sha256(profile.model_dump_json().encode()).hexdigest()[:16]


def made_before(out_dir: Path, profile: Profile) -> tuple[dict[str, str], dict[str, list[Row]]]:
    """What the current findings were made from (file → digest of its rows) and those findings
    by file, the checks across files left out; nothing when they were made with another
    profile."""
    checked = _read(review_dir(out_dir) / CHECKED)
    if checked.get("run") == run_stamp(out_dir):
        basis, source, used = checked.get("digests") or {}, review_dir(out_dir) / MADE, checked
    else:  # the run's own findings, made from the rows the manifest has the digests of
        entries = inputs(out_dir)
        basis = {str(e["file"]): str(e["rows_digest"]) for e in entries if e.get("rows_digest")}
        source, used = out_dir / "findings.jsonl", _read(out_dir / "manifest.json")
    if not basis or used.get("standard_digest") != profile_digest(profile):
        return {}, {}
    before: dict[str, list[Row]] = defaultdict(list)
    for row in read_jsonl(source):
        if row.get("rule") not in BATCH_RULES:
            row.pop("review", None)
            before[str(row.get("file") or "")].append(row)
    return basis, before


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data = json.loads(path.read_text("utf-8"))
    return data if isinstance(data, dict) else {}


def _by_file(batch: Batch) -> dict[str, tuple[list[Report], list[Figure], list[Item]]]:
    by_file: dict[str, tuple[list[Report], list[Figure], list[Item]]] = defaultdict(
        lambda: ([], [], [])
    )
    for report in batch.reports:
        by_file[report.file][0].append(report)
    for figure in batch.figures:
        by_file[figure.file][1].append(figure)
    for item in batch.items:
        by_file[item.file][2].append(item)
    return by_file


def recheck(out_dir: Path, batch: Batch, profile: Profile | None = None) -> Batch:
    """``batch`` with its findings made again from its rows (with ``profile``, by default the
    batch's own, :func:`batch_profile`) where they changed; findings.jsonl rewritten without
    the dismissed findings (see the module's docstring)."""
    profile = profile or batch_profile(out_dir)
    now = digests(out_dir)
    basis, before = made_before(out_dir, profile)
    made: list[Row] = []
    for file, (reports, figures, items) in _by_file(batch).items():
        text = batch.texts.get(file)
        if text is None:
            continue
        if file in basis and basis[file] == now.get(file):
            made += before.get(file, [])
            continue
        doc = _document(file, text, batch.formats.get(file, ""))
        found = validate_document(doc, reports, figures, items, profile=profile, file=file)
        made += map(finding_row, found)
    named = [f for f in batch.figures if f.kind == "actual" and f.unit_name]
    made += map(finding_row, validate_batch(named, profile))
    _remember(out_dir, made, now, profile)
    kept, dismissed = corrections.findings(made, held_findings(out_dir))
    with JsonLines(out_dir / "findings.jsonl") as rows:
        rows.write_all(kept)
    with JsonLines(review_dir(out_dir) / "dismissed.jsonl") as rows:
        rows.write_all(dismissed)
    return replace(batch, findings=findings(out_dir / "findings.jsonl"))


def _remember(out_dir: Path, made: Iterable[Row], now: dict[str, str], profile: Profile) -> None:
    """Keep the findings as made and what they were made from, for the next recheck."""
    folder = review_dir(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    with JsonLines(folder / MADE) as rows:
        rows.write_all(made)
    write_json(
        folder / CHECKED,
        {"run": run_stamp(out_dir), "standard_digest": profile_digest(profile), "digests": now},
    )
