"""The Ray engine: the same per-file task as Ray tasks, for more than one machine.

``pip install junheng[ray]``, then ``junheng run … --engine ray [--address ray://head:10001]``.
Only the task moves: hashing, the store and OUT/ stay with the driver, so the outputs are the same
bytes as the local engine's. At most one task per cluster CPU is in flight, which keeps the
deadline of a task (counted from its submission) close to its running time.

Limits: a task that overruns ``--timeout`` is cancelled with ``force=True`` (Ray kills its worker)
and its file reported failed; a worker that dies costs only its file (``max_retries=0``: a file
that crashes a worker would crash the next one too). The memory limit is ``RLIMIT_AS`` as in the
local engine, set by the first task a Ray worker runs: the worker's size then plus --max-memory.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from junheng.batch import testhook
from junheng.batch.limits import apply_memory_limit, crash_message, timeout_message
from junheng.batch.task import Outcome, Task, TaskOptions, failed, run_task
from junheng.ingest.ocr import THREADS_VARIABLE

_capped = False


def _ray_task(
    task: Task, options: TaskOptions, before: Callable[[str], None] | None = None
) -> Outcome:
    global _capped
    if not _capped:  # once per Ray worker process
        apply_memory_limit(options.budget.max_memory_mb)
        # a Ray task holds one CPU: OCR takes one thread, not one per core of the node
        os.environ.setdefault(THREADS_VARIABLE, "1")
        _capped = True
    return run_task(task, options, before)


class RayEngine:
    """Run tasks on a Ray cluster (``address``), or on a local Ray started for the run."""

    def __init__(self, options: TaskOptions, address: str | None = None) -> None:
        try:
            import ray
        except ImportError as exc:
            from junheng.core.errors import UsageError

            raise UsageError("--engine ray 需要安装 Ray: pip install 'junheng[ray]'") from exc
        self.ray = ray
        self.options = options
        self.budget = options.budget
        self.address = address

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Outcome]]:
        ray = self.ray
        started_here = not ray.is_initialized()
        if started_here:
            ray.init(address=self.address, include_dashboard=False, log_to_driver=False)
        remote = ray.remote(max_retries=0)(_ray_task)
        options_ref = ray.put(self.options)
        # the driver reads the test hook: a Ray worker does not have the driver's environment
        before_ref = ray.put(testhook.from_env())
        capacity = max(1, int(ray.cluster_resources().get("CPU", 1)))
        flight: dict[Any, tuple[Task, float]] = {}
        pending = iter(tasks)
        exhausted = False
        try:
            while True:
                while not exhausted and len(flight) < capacity:
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    deadline = time.monotonic() + (self.budget.timeout or float("inf"))
                    flight[remote.remote(task, options_ref, before_ref)] = (task, deadline)
                if not flight:
                    return
                yield from self._collect(flight)
        finally:
            for ref in flight:
                ray.cancel(ref, force=True)
            if started_here:
                ray.shutdown()

    def _collect(self, flight: dict[Any, tuple[Task, float]]) -> Iterator[tuple[Task, Outcome]]:
        ray = self.ray
        soonest = min(deadline for _, deadline in flight.values())
        delay = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
        ready, _ = ray.wait(list(flight), num_returns=1, timeout=delay)
        for ref in ready:
            task, _ = flight.pop(ref)
            try:
                yield task, ray.get(ref)
            except ray.exceptions.RayTaskError as exc:
                if isinstance(exc.cause, MemoryError):
                    from junheng.batch.limits import memory_message

                    yield task, failed(task, memory_message(self.budget.max_memory_mb))
                else:
                    yield task, failed(task, f"内部错误（Ray 任务失败）: {exc.cause!r}"[:300])
            except ray.exceptions.RayError:  # the worker died: WorkerCrashedError and kin
                yield task, failed(task, crash_message(None))
        now = time.monotonic()
        for ref, (task, deadline) in list(flight.items()):
            if now >= deadline:
                ray.cancel(ref, force=True)
                del flight[ref]
                yield task, failed(task, timeout_message(self.budget.timeout or 0))
