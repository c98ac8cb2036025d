"""Misbehaviour on demand, for the tests of the per-file limits. Off unless asked for.

The tests need a file that sleeps, one that eats memory and one whose worker dies, without
shipping hostile samples. When the environment variable ``JUNHENG_TEST_HOOK`` is set (the parent
reads it once and passes it to the workers in :class:`~junheng.batch.limits.Budget`), a file whose
name contains one of these markers misbehaves inside the worker, before it is read:

- ``__sleep__``: sleeps for an hour (the timeout must stop it);
- ``__hog__``: allocates memory until it fails (the memory limit must stop it);
- ``__segv__``: dies of SIGSEGV; ``__exit__``: calls ``os._exit(3)`` (a crash costs one file).

``JUNHENG_TEST_HOOK=delay=0.05`` also delays every file by 0.05 s (the kill-and-resume test needs a
run slow enough to kill halfway). With the variable unset nothing here is called.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import time

ENV = "JUNHENG_TEST_HOOK"


def from_env() -> str | None:
    return os.environ.get(ENV) or None


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
