"""Writing OUT/: files are written under a temporary name and renamed when complete, so a run
that dies leaves either the old file or the new one, never half of one."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from junheng.core.model import FileResult


class JsonLines:
    """A .jsonl file written atomically: ``with JsonLines(path) as out: out.write(obj)``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tmp = path.with_name(f".{path.name}.tmp")
        self._handle: IO[str] | None = None
        self.count = 0

    def __enter__(self) -> JsonLines:
        self._handle = self._tmp.open("w", encoding="utf-8", newline="\n")
        return self

    def write(self, obj: dict[str, Any]) -> None:
        assert self._handle is not None
        self._handle.write(json.dumps(obj, ensure_ascii=False, sort_keys=False))
        self._handle.write("\n")
        self.count += 1

    def __exit__(self, exc_type: object, *_: object) -> None:
        assert self._handle is not None
        self._handle.close()
        if exc_type is None:
            os.replace(self._tmp, self.path)
        else:
            self._tmp.unlink(missing_ok=True)


def write_json(path: Path, obj: Any) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def counts(results: Iterable[FileResult]) -> dict[str, int]:
    """How many files ended in each status, and how many reports, figures and items in all."""
    tally: Counter[str] = Counter({"ok": 0, "partial": 0, "failed": 0, "skipped": 0})
    files = documents = figures = items = 0
    for result in results:
        files += 1
        tally[str(result.status)] += 1
        documents += result.report_count
        figures += result.figures
        items += result.items
    return {"files": files, **tally, "documents": documents, "figures": figures, "items": items}
