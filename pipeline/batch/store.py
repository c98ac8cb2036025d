"""The store: every file's outcome, kept in SQLite so a re-run reads only what changed and a run
killed halfway loses nothing it had finished.

One row per file, keyed by ``(sha256, file, version)``:

- ``sha256``: the file's content; a changed file gets a new key, so it is read again;
- ``file``: its name in the outputs, because the rows carry it (a renamed file is re-read rather
  than given rows with the old name);
- ``version``: :func:`junheng.batch.version.pipeline_version`, so new code never serves old rows.

Each file is committed on its own as soon as it is done (WAL journal: a SIGKILL loses at most the
file in flight, never a committed one, and never leaves half a row). The ``run`` column says which
run computed a row, so a test (or a person) can see what a re-run really read.

The ``corrections`` table (:data:`junheng.draft.overlay.CORRECTIONS_SCHEMA`) is the overlay
``junheng review`` keeps over those rows: what a person confirmed or corrected, keyed by file hash
and span, with who and when (:mod:`junheng.draft.overlay` reads and writes it; every draft lays
it over the rows). It is not a cache: a new layout drops ``results`` and ``runs``, never it, and
no run writes it.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from junheng.batch.task import Outcome
from junheng.core.errors import UsageError
from junheng.draft.overlay import CORRECTIONS_SCHEMA, STORE_NAME

SCHEMA_VERSION = 1
__all__ = ["CORRECTIONS_SCHEMA", "SCHEMA_VERSION", "STORE_NAME", "Store", "check_store_path"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    version TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
    sha256 TEXT NOT NULL,
    file TEXT NOT NULL,
    version TEXT NOT NULL,
    entry TEXT NOT NULL,     -- the manifest entry, JSON
    rows TEXT NOT NULL,      -- rows per output, JSON {"reports": 3, ...}
    payload BLOB NOT NULL,   -- the rows themselves (junheng.batch.task.Outcome.payload)
    run INTEGER NOT NULL REFERENCES runs (id),
    PRIMARY KEY (sha256, file, version)
);
"""


_SQLITE_HEADER = b"SQLite format 3\x00"


def check_store_path(path: Path) -> None:
    """Make the store's folder, or raise :class:`UsageError` saying in one line why ``path``
    cannot be a store: a folder, a file that is not an SQLite database, an unwritable place."""
    if path.is_dir():
        raise UsageError(f"--store 应为 SQLite 文件的路径，但 {path} 是一个文件夹")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return
    except (FileExistsError, NotADirectoryError):
        raise UsageError(f"无法创建存储文件 {path}：路径中有一部分是文件而不是文件夹") from None
    except OSError as exc:
        raise UsageError(f"无法使用存储文件 {path}（错误码 {exc.errno}）") from None
    if head and head != _SQLITE_HEADER:
        raise UsageError(f"--store {path} 不是 SQLite 数据库文件，请换一个路径（不会覆盖它）")


class Store:
    """``with Store(path, version) as store:`` — :meth:`get` and :meth:`put` one file at a time."""

    def __init__(self, path: Path, version: str) -> None:
        self.path = path
        self.version = version
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._open(version)
        except sqlite3.OperationalError as exc:  # read-only, no permission, locked past the timeout
            raise UsageError(f"存储文件 {path} 无法写入（只读、没有权限或被占用）") from exc
        except sqlite3.DatabaseError as exc:
            raise UsageError(f"存储文件 {path} 无法使用（已损坏或不是数据库）") from exc

    def _open(self, version: str) -> None:
        self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        if self._db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            # a cache: an unknown layout is dropped, not migrated
            self._db.executescript("DROP TABLE IF EXISTS results; DROP TABLE IF EXISTS runs;")
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        self._db.executescript(_SCHEMA + CORRECTIONS_SCHEMA)
        started = datetime.now(UTC).isoformat(timespec="seconds")
        cursor = self._db.execute(
            "INSERT INTO runs (started, version) VALUES (?, ?)", (started, version)
        )
        self.run = int(cursor.lastrowid or 0)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def has(self, file: str, sha256: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM results WHERE sha256 = ? AND file = ? AND version = ?",
            (sha256, file, self.version),
        ).fetchone()
        return row is not None

    def get(self, file: str, sha256: str) -> Outcome | None:
        row = self._db.execute(
            "SELECT entry, rows, payload FROM results"
            " WHERE sha256 = ? AND file = ? AND version = ?",
            (sha256, file, self.version),
        ).fetchone()
        if row is None:
            return None
        return Outcome(json.loads(row[0]), json.loads(row[1]), bytes(row[2]))

    def put(self, file: str, sha256: str, outcome: Outcome) -> None:
        """Keep one file's outcome, committed before this returns."""
        self._db.execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                sha256,
                file,
                self.version,
                json.dumps(outcome.entry, ensure_ascii=False),
                json.dumps(outcome.rows),
                outcome.payload,
                self.run,
            ),
        )

    def computed_in(self, run: int) -> list[str]:
        """The files whose rows were computed (not read back) by run ``run``."""
        rows = self._db.execute("SELECT file FROM results WHERE run = ? ORDER BY file", (run,))
        return [file for (file,) in rows]

    def prune(self) -> int:
        """Forget the results of other pipeline versions (they can never be served again)."""
        cursor = self._db.execute("DELETE FROM results WHERE version != ?", (self.version,))
        return cursor.rowcount
