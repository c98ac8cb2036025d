"""What the review reads from OUT: the rows as ``junheng run`` extracted them, and the texts.

Drafting again writes the corrected rows into OUT/figures.jsonl and OUT/items.jsonl (so
``junheng draft OUT`` and every other reader of OUT agree with the drafts). The rows as the run
wrote them are kept aside first, in ``OUT/.junheng-review/extracted/``, and the corrections are
always laid over those, never over rows already corrected. A new run (manifest.json's
``started``/``finished`` differ from what the copy was taken of) replaces the copy.

Findings dismissed by a person leave findings.jsonl (and so the drafts) and are kept in
``OUT/.junheng-review/dismissed.jsonl``, for the app to show and a person to take back.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from junheng.core.codec import read_jsonl, write_json

REVIEW_DIR = ".junheng-review"
EDITED = ("figures", "items")
"""The outputs whose rows a person corrects (copied aside before the first redraft)."""

Row = dict[str, Any]


def review_dir(out: Path) -> Path:
    return out / REVIEW_DIR


def run_stamp(out: Path) -> dict[str, Any]:
    manifest = out / "manifest.json"
    if not manifest.is_file():
        return {}
    data = json.loads(manifest.read_text("utf-8"))
    return {k: data.get(k) for k in ("started", "finished", "version")}


def manifest_mark(out: Path) -> tuple[int, int]:
    """Cheap to ask on every request: changes when a run writes manifest.json again."""
    try:
        stat = (out / "manifest.json").stat()
    except FileNotFoundError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


def keep_extracted(out: Path) -> Path:
    """Copy OUT's figures and items rows aside unless the copy is of this very run; return the
    folder of the copy."""
    folder = review_dir(out) / "extracted"
    stamp = run_stamp(out)
    stamp_path = folder / "stamp.json"
    kept = all((folder / f"{name}.jsonl").is_file() for name in EDITED)
    if kept and stamp_path.is_file() and json.loads(stamp_path.read_text("utf-8")) == stamp:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for name in EDITED:
        source, target = out / f"{name}.jsonl", folder / f"{name}.jsonl"
        tmp = target.with_name(f".{target.name}.tmp")
        if source.is_file():
            shutil.copyfile(source, tmp)
        else:
            tmp.write_text("", encoding="utf-8")
        os.replace(tmp, target)
    write_json(stamp_path, stamp)
    (review_dir(out) / "dismissed.jsonl").unlink(missing_ok=True)  # of the run before
    return folder


@dataclass
class Rows:
    """One OUT folder as the review reads it."""

    inputs: list[Row]
    reports: list[Row]
    figures: list[Row]
    """As extracted (the copy kept aside), not as corrected."""
    items: list[Row]
    findings: list[Row]
    """The current findings (findings.jsonl) and the dismissed ones, each once."""
    texts: Texts
    shas: dict[str, str]


_FILE = re.compile(rb'^\{"file": ("(?:[^"\\]|\\.)*")')


class Texts:
    """Each file's normalised text from documents.jsonl, read when a page asks for it: the file
    is scanned once for where each row starts, and a row (text, source and offset map) is
    parsed only for the report shown (a few recent ones are kept)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._at: dict[str, int] = {}
        if path.is_file():
            with path.open("rb") as handle:
                position = 0
                for line in handle:
                    found = _FILE.match(line)
                    if found:
                        self._at[json.loads(found.group(1))] = position
                    position += len(line)

    def __len__(self) -> int:
        return len(self._at)

    def get(self, file: str, default: str = "") -> str:
        if file not in self._at:
            return default
        return self._read(self._at[file])

    @lru_cache(maxsize=8)  # noqa: B019  (one Texts per load; the cache goes with it)
    def _read(self, position: int) -> str:
        with self.path.open("rb") as handle:
            handle.seek(position)
            return str(json.loads(handle.readline()).get("text") or "")


def finding_key(row: Row) -> tuple[str, int, int, str]:
    """A finding's place: its file, the span of its first evidence there, its rule."""
    file = row.get("file") or ""
    for ev in row.get("evidence") or ():
        if (ev.get("file") or file) == file:
            return (file, int(ev["start"]), int(ev["end"]), str(row.get("rule")))
    return (file, -1, -1, str(row.get("rule")))


def load(out: Path) -> Rows:
    """Read OUT (after :func:`keep_extracted`)."""
    extracted = keep_extracted(out)
    manifest_path = out / "manifest.json"
    inputs: list[Row] = []
    if manifest_path.is_file():
        inputs = list(json.loads(manifest_path.read_text("utf-8")).get("inputs") or ())
    findings = list(read_jsonl(out / "findings.jsonl"))
    seen = {finding_key(f) for f in findings}
    for row in read_jsonl(review_dir(out) / "dismissed.jsonl"):
        if finding_key(row) not in seen:
            findings.append(row)
            seen.add(finding_key(row))
    return Rows(
        inputs=inputs,
        reports=list(read_jsonl(out / "reports.jsonl")),
        figures=list(read_jsonl(extracted / "figures.jsonl")),
        items=list(read_jsonl(extracted / "items.jsonl")),
        findings=findings,
        texts=Texts(out / "documents.jsonl"),
        shas={str(i.get("file")): str(i.get("sha256")) for i in inputs},
    )
