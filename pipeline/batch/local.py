"""The local engine: worker processes on this machine, each file under a time and memory limit.

Why not :class:`concurrent.futures.ProcessPoolExecutor`: when one of its workers dies the whole
pool is broken and every pending file fails with it, and it cannot stop a single task that runs too
long. Here each worker is a plain process fed one file at a time over a pipe; the parent knows
which file each worker holds and since when, so it can kill that worker when the file overruns its
time, or see it die (segfault, ``os._exit``, the kernel's OOM killer), report that one file
``failed`` and start a fresh worker for the rest. Workers are long-lived (they keep their imports
and warm caches across files) and cap their own address space with ``RLIMIT_AS``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from junheng.batch import testhook
from junheng.batch.lifeline import close_inherited, die_with_parent
from junheng.batch.limits import apply_memory_limit, crash_message, timeout_message
from junheng.batch.task import Outcome, Task, TaskOptions, failed, run_task
from junheng.ingest.ocr import THREADS_VARIABLE


def ocr_threads(workers: int, cores: int | None = None) -> int | None:
    """ONNX Runtime threads for each of ``workers`` workers: their share of the cores, or None
    (RapidOCR's default, a thread per core) for a single worker.

    Two workers of the default threads each on 2 cores ran scanned pages no faster than one
    (1.01×); one thread each gave 1.58× (benchmarks/ocr_speed.py, 2026-12-02)."""
    if workers <= 1:
        return None
    if cores is None:
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:  # not on Linux
            cores = os.cpu_count() or 1
    return max(1, cores // workers)


def _serve(
    conn: Connection,
    options: TaskOptions,
    parent: int,
    inherited: tuple[Connection, ...] = (),
    threads: int | None = None,
) -> None:
    """A worker's life: cap memory, then process files until the parent says stop or goes away.

    ``inherited`` are the parent's pipe ends a forked worker holds copies of (closed here, so the
    parent's death ends ``recv``); ``parent`` is the parent's pid (its death ends this process);
    ``threads`` the worker's share of the cores for OCR (a user's ``JUNHENG_OCR_THREADS`` wins).
    """
    die_with_parent(parent)
    close_inherited(inherited)
    if threads is not None:
        os.environ.setdefault(THREADS_VARIABLE, str(threads))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    apply_memory_limit(options.budget.max_memory_mb)
    before = testhook.from_env()  # None unless a test asks for misbehaviour
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent died: nobody is waiting for results
            return
        if task is None:
            return
        outcome = run_task(task, options, before)
        try:
            conn.send(outcome)
        except OSError:  # BrokenPipeError: the parent died while this file was read
            return


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    task: Task | None = None
    deadline: float = float("inf")


class LocalEngine:
    """Run tasks on ``workers`` processes; yield ``(task, outcome)`` as each file finishes."""

    def __init__(self, workers: int, options: TaskOptions) -> None:
        self.workers = max(1, workers)
        self.options = options
        self.budget = options.budget
        methods = multiprocessing.get_all_start_methods()
        # fork: workers start in milliseconds with junheng already imported
        self._forks = "fork" in methods
        self._context = (
            multiprocessing.get_context("fork")
            if self._forks
            else multiprocessing.get_context("spawn")
        )
        self._ends: list[Connection] = []
        """The parent's ends of the workers' pipes, open now (a forked worker closes its copies)."""

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        self._ends = [end for end in self._ends if not end.closed]
        self._ends.append(parent)
        inherited = tuple(self._ends) if self._forks else ()
        process = self._context.Process(
            target=_serve,
            args=(child, self.options, os.getpid(), inherited, ocr_threads(self.workers)),
            name="junheng-worker",
            daemon=True,
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Outcome]]:
        """Tasks are pulled lazily: at most one per worker is in flight.

        A worker that finishes gets its next file before the outcome is handed on, so the
        parent's share (the store, the outputs) runs while the workers work, not between files.
        """
        pending = iter(tasks)
        pool: list[_Worker] = []
        try:
            while True:
                self._fill(pool, pending)
                busy = [w for w in pool if w.task is not None]
                if not busy:
                    return
                finished = list(self._collect(pool, busy))
                self._fill(pool, pending)
                yield from finished
        finally:
            self._shutdown(pool)

    def _fill(self, pool: list[_Worker], pending: Iterator[Task]) -> None:
        """Give each idle worker a file (starting workers up to the count) while files remain."""
        while sum(w.task is not None for w in pool) < self.workers:
            task = next(pending, None)
            if task is None:
                return
            self._assign(pool, task)

    def _assign(self, pool: list[_Worker], task: Task) -> None:
        worker = next((w for w in pool if w.task is None), None)
        if worker is not None and not worker.process.is_alive():  # died idle (the OOM killer)
            pool.remove(worker)
            worker.conn.close()
            worker = None
        if worker is None:
            worker = self._start()
            pool.append(worker)
        worker.task = task
        timeout = self.budget.timeout
        worker.deadline = time.monotonic() + timeout if timeout else float("inf")
        worker.conn.send(task)

    def _collect(self, pool: list[_Worker], busy: list[_Worker]) -> Iterator[tuple[Task, Outcome]]:
        """Wait for the first worker to answer, die or overrun; settle every one that did."""
        soonest = min(w.deadline for w in busy)
        delay = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
        wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=delay)
        now = time.monotonic()
        for worker in busy:
            task = worker.task
            assert task is not None
            outcome = self._settle(worker, task, now)
            if outcome is None:
                continue
            if not worker.process.is_alive():
                pool.remove(worker)
            worker.task = None
            yield task, outcome

    def _settle(self, worker: _Worker, task: Task, now: float) -> Outcome | None:
        """The worker's outcome if it has one: an answer, a crash or a timeout; else None."""
        if worker.conn.poll():
            try:
                return worker.conn.recv()
            except (EOFError, OSError):
                return self._crashed(worker, task)
        if not worker.process.is_alive():
            return self._crashed(worker, task)
        if now >= worker.deadline:
            worker.process.kill()
            worker.process.join()
            worker.conn.close()
            return failed(task, timeout_message(self.budget.timeout or 0))
        return None

    def _crashed(self, worker: _Worker, task: Task) -> Outcome:
        worker.process.join()
        worker.conn.close()
        return failed(task, crash_message(worker.process.exitcode))

    def _shutdown(self, pool: list[_Worker]) -> None:
        for worker in pool:
            if worker.task is None and worker.process.is_alive():
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        for worker in pool:
            worker.process.join(timeout=1)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
