"""「重新生成」 in the background, with its progress for the page to show.

Drafting 1,000 files' outputs takes seconds to tens of seconds. The request that starts it
returns at once; the drafting runs in a thread of its own (:class:`RedraftJob`), telling each
step as it starts (:func:`junheng.review.redraft.redraft`), and the page asks how far it is
(``GET /redraft/progress``) until it is done, then shows what changed. Meanwhile the app answers
every other page with the progress, and refuses changes to the corrections (they would land
half in the drafts): nothing waits on the drafting, so the page never hangs.

>>> job = RedraftJob(state)  # doctest: +SKIP
>>> job.start(); job.wait().result.counts  # doctest: +SKIP
{'report.docx': 2, 'ledger.xlsx · 整改台账': 1}
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from junheng.core.errors import UsageError
from junheng.draft.progress import Progress
from junheng.review.redraft import STEPS, Redrafted, redraft
from junheng.review.state import State

Run = Callable[[State, Progress], Redrafted]


@dataclass(frozen=True, slots=True)
class Status:
    """Where the drafting is: the step it is at (from 1, of ``steps``), since when, and once it
    is over its result or why it failed."""

    running: bool = False
    step: int = 0
    steps: int = STEPS
    name: str = ""
    started: float = 0.0
    finished: float | None = None
    result: Redrafted | None = None
    error: str | None = None

    @property
    def seconds(self) -> float:
        if not self.started:
            return 0.0
        return (self.finished or time.monotonic()) - self.started

    @property
    def percent(self) -> int:
        """How far, 0–100: the steps done before the current one."""
        if not self.running:
            return 100 if self.started else 0
        return round(100 * max(self.step - 1, 0) / self.steps)

    def row(self) -> dict[str, Any]:
        """The status as ``GET /redraft/progress`` answers it."""
        return {
            "running": self.running,
            "done": bool(self.started) and not self.running,
            "step": self.step,
            "steps": self.steps,
            "name": self.name,
            "percent": self.percent,
            "seconds": round(self.seconds, 1),
            "error": self.error,
        }


class RedraftJob:
    """At most one 「重新生成」 at a time over ``state``, in a thread."""

    def __init__(self, state: State, run: Run = redraft) -> None:
        self.state = state
        self._run = run
        self._lock = threading.Lock()
        self._status = Status()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._status.running

    def status(self) -> Status:
        return self._status

    def start(self) -> bool:
        """Start drafting unless it is under way already; True when this call started it."""
        with self._lock:
            if self._status.running:
                return False
            self._status = Status(running=True, step=0, name="开始", started=time.monotonic())
            self._thread = threading.Thread(target=self._work, name="junheng-redraft", daemon=True)
            self._thread.start()
            return True

    def wait(self, timeout: float | None = None) -> Status:
        """The status once the drafting is over (or ``timeout`` seconds passed)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self._status

    def _tell(self, step: int, steps: int, name: str) -> None:
        with self._lock:
            self._status = replace(self._status, step=step, steps=steps, name=name)

    def _work(self) -> None:
        result: Redrafted | None = None
        error: str | None = None
        try:
            result = self._run(self.state, self._tell)
            error = result.error
        except UsageError as exc:  # a run holds OUT
            error = str(exc)
        except Exception as exc:  # a bug: said on the page, the traceback on the console
            traceback.print_exc(file=sys.stderr)
            error = f"重新生成失败：{type(exc).__name__}: {exc}"
        with self._lock:
            self._status = replace(
                self._status,
                running=False,
                finished=time.monotonic(),
                result=result,
                error=error,
            )
