"""One run at a time per OUT and per store: an advisory lock held for the whole run.

Two runs into the same OUT would rename each other's temporary files and leave a manifest that
does not match the rows; two runs on one store would each serve the other's half-written batch.
:func:`hold` takes an exclusive ``flock`` on a small lock file next to what it guards, without
waiting: a second run is refused at once with a usage error. The kernel drops the lock when the
process ends, however it ends, so a killed run never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from junheng.core.errors import UsageError

try:
    import fcntl
except ImportError:  # not POSIX: no lock (Windows users run one batch at a time)
    fcntl = None  # type: ignore[assignment]


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: ``OUT/.junheng.lock`` for a folder, ``STORE.lock`` for a file."""
    if path.is_dir():
        return path / ".junheng.lock"
    hidden = path.name if path.name.startswith(".") else f".{path.name}"
    return path.with_name(f"{hidden}.lock")


@contextlib.contextmanager
def hold(path: Path, what: str) -> Iterator[None]:
    """Hold the lock of ``path`` (``what`` names it in the message) until the block ends.

    Raises :class:`UsageError` when another run holds it.
    """
    if fcntl is None:
        yield
        return
    target = lock_path(path)
    try:
        fd = os.open(target, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as exc:
        raise UsageError(f"无法创建锁文件 {target}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(
                f"另一个 junheng run 正在使用{what} {path}，请等它结束后再运行，或换一个位置"
            ) from None
        yield
    finally:
        os.close(fd)
