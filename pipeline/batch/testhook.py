"""Misbehaviour on demand, for the tests of the per-file limits. Off unless asked for.

The tests need a file that sleeps, one that eats memory and one whose worker dies, without
shipping hostile samples. When the environment variable ``JUNHENG_TEST_HOOK`` is set, a file whose
name contains one of these markers misbehaves inside the worker, before it is read:

- ``__sleep__``: sleeps for an hour (the timeout must stop it);
- ``__hog__``: allocates memory until it fails (the memory limit must stop it);
- ``__segv__``: dies of SIGSEGV; ``__exit__``: calls ``os._exit(3)`` (a crash costs one file).

``JUNHENG_TEST_HOOK=delay=0.05`` also delays every file by 0.05 s (the kill-and-resume test needs a
run slow enough to kill halfway). With the variable unset nothing here is called.

The variable is read by :func:`from_env` only, and outside the run's data types: a local worker
calls it as it starts (a forked or spawned worker has the parent's environment); the Ray driver
calls it and ships the hook with each task (a Ray worker has its raylet's environment, not the
driver's). Either passes the hook to :func:`junheng.batch.task.run_task` as ``before``.
"""

from __future__ import annotations

import faulthandler
import functools
import os
import signal
import time
from collections.abc import Callable

ENV = "JUNHENG_TEST_HOOK"


def from_env() -> Callable[[str], None] | None:
    """The hook ``JUNHENG_TEST_HOOK`` asks for, as a call on a file's name; None when unset."""
    hook = os.environ.get(ENV)
    return functools.partial(misbehave, hook) if hook else None


def misbehave(hook: str, name: str) -> None:
    """Do what the markers in ``name`` ask for (see the module docstring)."""
    for part in hook.split(","):
        key, _, value = part.partition("=")
        if key == "delay" and value:
            time.sleep(float(value))
    if "__sleep__" in name:
        time.sleep(3600)
    if "__hog__" in name:
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
    if "__segv__" in name:
        faulthandler.disable()  # pytest's handler would print this worker's stack: noise
        os.kill(os.getpid(), signal.SIGSEGV)
    if "__exit__" in name:
        os._exit(3)
