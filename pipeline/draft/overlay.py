"""Corrections a person made in ``junheng review``: an overlay in the store, never a rewrite.

One row per thing a person looked at, in the store's ``corrections`` table
(:data:`CORRECTIONS_SCHEMA`), keyed by the file's hash and the span: a figure confirmed, corrected
or marked "not a figure", a finding confirmed or dismissed with a reason, an item's kind, status,
owner, deadline or link changed. Each carries who (the OS user) and when. The extracted rows in
the store's ``results`` (:mod:`junheng.batch.store`) are never touched: the corrections are laid
over them (:mod:`junheng.draft.corrections`) when the app shows a report and whenever the drafts
are made — by ``junheng run``, ``junheng draft`` and 「重新生成」 alike
(:mod:`junheng.draft.corrected`).

It lives with the drafting, below the batch and the app, because every command that drafts reads
it; the store's results table and the app sit above and import it from here.

The overlay travels as a plain JSON file (:func:`export_data`, :func:`import_data`):

>>> export_data([])["format"]
'junheng-corrections'
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

Target = Literal["figure", "finding", "item"]
ACTIONS: dict[str, tuple[str, ...]] = {
    "figure": ("confirm", "correct", "reject"),
    "finding": ("confirm", "dismiss"),
    "item": ("confirm", "correct"),
}
EXPORT_FORMAT = "junheng-corrections"
STORE_NAME = ".junheng-store.sqlite"
"""The store's file in OUT, unless ``--store`` names another (``junheng run``, ``draft``,
``review``)."""

CORRECTIONS_SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,       -- the file's content when the person looked at it
    target TEXT NOT NULL,       -- figure | finding | item
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,  -- offsets in the file's normalised text, as the rows give them
    ref TEXT NOT NULL,          -- what was there: the figure's indicator, the finding's rule ...
    action TEXT NOT NULL,       -- confirm | correct | reject | dismiss
    changes TEXT NOT NULL,      -- JSON: the corrected fields
    reason TEXT,
    was TEXT NOT NULL,          -- JSON: the row's fields as extracted, to show and to compare
    who TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (file, sha256, target, span_start, span_end, ref)
);
"""


@dataclass(frozen=True, slots=True)
class Key:
    """What a correction is about: a span of one version of one file, and what stood there."""

    file: str
    sha256: str
    target: str
    start: int
    end: int
    ref: str
    """The figure's indicator, the finding's rule or the item's kind, as extracted."""

    @property
    def where(self) -> tuple[str, str, int, int, str]:
        """The key without the file's hash: the same span in any version of the file."""
        return (self.target, self.file, self.start, self.end, self.ref)


@dataclass(frozen=True, slots=True)
class Correction:
    key: Key
    action: str
    changes: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None
    was: dict[str, Any] = field(default_factory=dict)
    """The row's fields as extracted, kept to show and to find the span again."""
    who: str = ""
    at: str = ""

    def row(self) -> dict[str, Any]:
        """The correction as one object of the export file."""
        k = self.key
        return {
            "file": k.file,
            "sha256": k.sha256,
            "target": k.target,
            "start": k.start,
            "end": k.end,
            "ref": k.ref,
            "action": self.action,
            "changes": self.changes,
            "reason": self.reason,
            "was": self.was,
            "who": self.who,
            "at": self.at,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Correction:
        """The correction :meth:`row` gave (rows junheng wrote itself; an export file goes
        through :func:`import_data`, which checks it)."""
        key = Key(row["file"], row["sha256"], row["target"], row["start"], row["end"], row["ref"])
        return cls(
            key,
            row["action"],
            dict(row.get("changes") or {}),
            row.get("reason"),
            dict(row.get("was") or {}),
            row.get("who") or "",
            row.get("at") or "",
        )


def who() -> str:
    """The OS user (the person at this desk), or ``unknown`` where the system will not say."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def stamped(correction: Correction) -> Correction:
    """``correction`` signed by this desk's user, now."""
    return replace(correction, who=who(), at=now())


class Overlay:
    """The corrections of one store: ``with Overlay(path) as overlay: overlay.put(c)``."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(CORRECTIONS_SCHEMA)

    def __enter__(self) -> Overlay:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def all(self) -> list[Correction]:
        """Every correction, oldest first."""
        rows = self._db.execute(
            "SELECT file, sha256, target, span_start, span_end, ref, action, changes, reason,"
            " was, who, at FROM corrections ORDER BY at, file, span_start"
        )
        return [
            Correction(
                Key(*row[:6]),
                row[6],
                json.loads(row[7]),
                row[8],
                json.loads(row[9]),
                row[10],
                row[11],
            )
            for row in rows
        ]

    def put(self, correction: Correction) -> None:
        """Keep ``correction``, replacing an earlier one on the same key; committed on return."""
        k = correction.key
        self._db.execute(
            "INSERT OR REPLACE INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                k.file,
                k.sha256,
                k.target,
                k.start,
                k.end,
                k.ref,
                correction.action,
                json.dumps(correction.changes, ensure_ascii=False),
                correction.reason,
                json.dumps(correction.was, ensure_ascii=False),
                correction.who,
                correction.at,
            ),
        )

    def put_all(self, corrections: Iterable[Correction]) -> int:
        count = 0
        self._db.execute("BEGIN")
        try:
            for correction in corrections:
                self.put(correction)
                count += 1
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        return count

    def delete(self, key: Key) -> bool:
        cursor = self._db.execute(
            "DELETE FROM corrections WHERE file = ? AND sha256 = ? AND target = ?"
            " AND span_start = ? AND span_end = ? AND ref = ?",
            (key.file, key.sha256, key.target, key.start, key.end, key.ref),
        )
        return cursor.rowcount > 0


def stored(path: Path) -> list[Correction]:
    """Every correction kept in the store at ``path``, oldest first; none when there is no store
    there yet (and none is made)."""
    if not path.is_file():
        return []
    with Overlay(path) as overlay:
        return overlay.all()


# --- the export file ------------------------------------------------------------------------


class _Row(BaseModel):
    """One correction as the export file holds it (checked on import)."""

    model_config = ConfigDict(extra="ignore")

    file: str
    sha256: str
    target: Literal["figure", "finding", "item"]
    start: int
    end: int
    ref: str
    action: str
    changes: dict[str, Any] = {}
    reason: str | None = None
    was: dict[str, Any] = {}
    who: str = ""
    at: str = ""


class _File(BaseModel):
    model_config = ConfigDict(extra="ignore")

    format: Literal["junheng-corrections"]
    version: int
    corrections: list[_Row]


class BadCorrectionsFile(ValueError):
    """The file is not an export of ``junheng review`` (the message says why, in one line)."""


def export_data(corrections: Iterable[Correction]) -> dict[str, Any]:
    """The export file's content: every correction, with who and when."""
    return {
        "format": EXPORT_FORMAT,
        "version": 1,
        "exported": now(),
        "corrections": [c.row() for c in corrections],
    }


def import_data(data: Any) -> list[Correction]:
    """The corrections of an export file's content (:class:`BadCorrectionsFile` if not one)."""
    try:
        parsed = _File.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BadCorrectionsFile(
            f"不是 junheng review 导出的更正文件（{where}: {first['msg']}）"
        ) from None
    corrections = []
    for row in parsed.corrections:
        if row.action not in ACTIONS[row.target]:
            raise BadCorrectionsFile(f"更正文件中有未知的操作 {row.action!r}（{row.target}）")
        corrections.append(Correction.from_row(row.model_dump()))
    return corrections
