"""What the review reads from OUT: the rows as ``junheng run`` extracted them, and the texts.

Every draft writes the corrected rows into OUT/figures.jsonl and OUT/items.jsonl (so
``junheng draft OUT`` and every other reader of OUT agree with the drafts). The rows as the run
wrote them are kept aside first, in ``OUT/.junheng-review/extracted/``
(:func:`junheng.draft.corrected.keep_extracted`), and the app shows those, with the corrections
laid over them. A new run (manifest.json's ``started``/``finished`` differ from what the copy was
taken of) replaces the copy.

Findings dismissed by a person leave findings.jsonl (and so the drafts) and are kept in
``OUT/.junheng-review/dismissed.jsonl``, for the app to show and a person to take back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from junheng.core.codec import read_jsonl
from junheng.draft.corrected import file_of, findings_shown, inputs, keep_extracted

Row = dict[str, Any]


def manifest_mark(out: Path) -> tuple[int, int]:
    """Cheap to ask on every request: changes when a run writes manifest.json again."""
    try:
        stat = (out / "manifest.json").stat()
    except FileNotFoundError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


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
                    if not line.isspace():
                        self._at[file_of(line)] = position
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


def load(out: Path) -> Rows:
    """Read OUT (after :func:`keep_extracted`)."""
    extracted = keep_extracted(out)
    entries = inputs(out)
    return Rows(
        inputs=entries,
        reports=list(read_jsonl(out / "reports.jsonl")),
        figures=list(read_jsonl(extracted / "figures.jsonl")),
        items=list(read_jsonl(extracted / "items.jsonl")),
        findings=findings_shown(out),
        texts=Texts(out / "documents.jsonl"),
        shas={str(i.get("file")): str(i.get("sha256")) for i in entries},
    )
