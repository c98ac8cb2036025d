"""Drafting's progress on a terminal: one line on stderr, rewritten as each draft starts.

Nothing is shown in CI, in a pipe or a log file (stderr not a terminal), so captured output stays
clean.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

Progress = Callable[[int, int, str], None]
"""``progress(step, steps, name)``: told each draft's name as it starts, from step 1."""


def terminal_progress() -> Progress | None:
    """A progress line for an interactive terminal, else None."""
    if os.environ.get("CI") or not sys.stderr.isatty():
        return None
    started = time.monotonic()

    def show(step: int, steps: int, name: str) -> None:
        elapsed = time.monotonic() - started
        end = "\n" if step > steps else ""
        label = "完成" if step > steps else f"[{step}/{steps}] {name}"
        print(f"\r\033[K起草 {label} （{elapsed:.0f} 秒）", end=end, file=sys.stderr, flush=True)

    return show
