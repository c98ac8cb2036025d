"""Per-file budgets: how long and how much memory one file may take before it is given up.

Why here and not in :mod:`junheng.ingest.limits`: those limits are checked by the readers on what
they read (bytes, pages, zip members); these are enforced from *outside* the code that reads, by
the process that runs it, so they also stop a reader that loops or allocates without checking.
"""

from __future__ import annotations

import resource
from dataclasses import dataclass

DEFAULT_TIMEOUT = 120.0
DEFAULT_MAX_MEMORY_MB = 2048


@dataclass(frozen=True, slots=True)
class Budget:
    """What one file may cost. ``None`` switches a limit off."""

    timeout: float | None = DEFAULT_TIMEOUT
    """Seconds of wall-clock time per file; the worker is killed when it overruns."""
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB
    """How far a worker's address space may grow while it works (``RLIMIT_AS``), in MiB."""


def timeout_message(seconds: float) -> str:
    return f"处理超时（超过 {seconds:g} 秒），已停止处理此文件"


def memory_message(megabytes: int | None) -> str:
    limit = f"（超过 {megabytes} MB）" if megabytes else ""
    return f"内存超限{limit}，文件过大或结构异常，已停止处理此文件"


def crash_message(exitcode: int | None) -> str:
    """The reason a worker died, from its exit code (negative: the signal that killed it)."""
    import signal

    if exitcode is None:
        detail = ""
    elif exitcode < 0:
        try:
            detail = f"（被信号 {signal.Signals(-exitcode).name} 终止"
        except ValueError:
            detail = f"（被信号 {-exitcode} 终止"
        detail += "，可能是内存耗尽）" if exitcode == -signal.SIGKILL else "）"
    else:
        detail = f"（退出码 {exitcode}）"
    return f"处理进程崩溃{detail}，此文件未能处理，其余文件不受影响"


def _address_space() -> int:
    """This process's current virtual memory size in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return 0


def apply_memory_limit(megabytes: int | None) -> None:
    """Cap this process's address space so a runaway allocation raises MemoryError here.

    ``RLIMIT_AS`` counts virtual memory, which is what a runaway ``bytearray`` or a decompressor
    reserves first. The cap is the process's size when it is set plus ``megabytes``: a worker
    forked from a parent that has loaded Ray, or a Ray worker, already reserves gigabytes of
    address space it never touches, and a cap below that would make its next ``dlopen`` fail.
    Only the soft limit moves; the hard limit stays as the system set it.
    """
    if not megabytes:
        return
    soft = _address_space() + megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
