"""A worker's tie to its parent: when the parent dies (kill -9, SIGTERM, a crash), its workers go.

Two parts. A forked worker holds copies of every pipe end the parent had open when it was forked
(its own pipe's other end, the other workers' ends); :func:`close_inherited` closes them, so the
parent's death closes the worker's pipe and its ``recv`` ends. And the parent's death is made a
signal: on Linux through ``prctl(PR_SET_PDEATHSIG, SIGKILL)``, elsewhere through a watchdog thread
that exits the process when its parent pid changes (the worker was re-parented).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable
from multiprocessing.connection import Connection

_PR_SET_PDEATHSIG = 1
_WATCH_SECONDS = 0.5


def close_inherited(ends: Iterable[Connection]) -> None:
    """Close the parent's pipe ends this forked process inherited (and does not use)."""
    for end in ends:
        with contextlib.suppress(OSError):
            end.close()


def _parent_death_signal() -> bool:
    """Ask the kernel for SIGKILL when the parent dies; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(0)


def die_with_parent(parent: int) -> None:
    """End this process when process ``parent`` (its parent when it was started) ends.

    Called first thing in a worker; if the parent died before, the worker exits at once.
    """
    if not _parent_death_signal():
        threading.Thread(target=_watch, args=(parent,), daemon=True, name="lifeline").start()
    if os.getppid() != parent:  # died before the signal was asked for
        os._exit(0)
