"""OUT/*.jsonl, written as the outcomes stream past in input order.

Every output goes to a hidden temporary file and is renamed into place only when the whole batch is
through, so a run killed halfway leaves the previous run's outputs intact (and a re-run rewrites
them from the store). The lines are the bytes the workers encoded (see
:func:`junheng.core.codec.encode_row`), so the outputs do not depend on who computed a row.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from junheng.batch.task import Outcome, decode_rows
from junheng.core.codec import OUTPUTS


class Outputs:
    """``with Outputs(out) as outputs: outputs.write(outcome)`` — one .jsonl per output name."""

    def __init__(self, out: Path, names: tuple[str, ...] = OUTPUTS) -> None:
        self.out = out
        self.names = names
        self._handles: dict[str, IO[str]] = {}

    def _tmp(self, name: str) -> Path:
        return self.out / f".{name}.jsonl.tmp"

    def __enter__(self) -> Outputs:
        for name in self.names:
            self._handles[name] = self._tmp(name).open("w", encoding="utf-8", newline="\n")
        return self

    def write(self, outcome: Outcome) -> None:
        for name, lines in decode_rows(outcome.payload).items():
            self._handles[name].write(lines)

    def __exit__(self, exc_type: object, *_: object) -> None:
        for handle in self._handles.values():
            handle.close()
        for name in self.names:
            if exc_type is None:
                os.replace(self._tmp(name), self.out / f"{name}.jsonl")
            else:
                self._tmp(name).unlink(missing_ok=True)
