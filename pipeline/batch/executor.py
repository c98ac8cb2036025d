"""The batch loop: hash each input, serve it from the store or send it to an engine, and hand the
outcomes back in input order.

Memory stays flat however many files there are: an outcome that arrives before its turn is
committed to the store and dropped, and read back when its turn comes, so what waits in memory is a
set of indices, not rows. The outcome of the next file in order goes straight through. Outcomes
that are not stored (the budget's failures, files never read) are a manifest entry and nothing
else, so keeping them until their turn costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from junheng.batch.store import Store
from junheng.batch.task import Outcome, Task, outcome_of
from junheng.runner import InputFile, file_digest, process_file


class Engine(Protocol):
    """Runs tasks, pulling them lazily, and yields ``(task, outcome)`` in any order."""

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Outcome]]: ...


_STORED = None  # a finished file whose outcome waits in the store


class Batch:
    """One run over ``inputs``: ``for outcome in Batch(inputs, store).run(engine)``."""

    def __init__(self, inputs: list[InputFile], store: Store) -> None:
        self.inputs = inputs
        self.store = store
        self.keys: list[str | None] = [None] * len(inputs)
        self.done: dict[int, Outcome | None] = {}
        self.next = 0
        self.reused = 0
        """How many files the store served (read nothing but their hash)."""

    def tasks(self) -> Iterator[Task]:
        """The files the store cannot serve, as tasks; the others are marked done on the way."""
        for index, item in enumerate(self.inputs):
            if item.outside:  # never opened: process_file only reports it
                self.done[index] = outcome_of(process_file(item), cacheable=False)
                continue
            try:
                sha, size = file_digest(item.path)
            except OSError:  # process_file words the reason
                self.done[index] = outcome_of(process_file(item), cacheable=False)
                continue
            self.keys[index] = sha
            if self.store.has(item.name, sha):
                self.done[index] = _STORED
                self.reused += 1
                continue
            yield Task(index, item, sha, size)

    def finish(self, task: Task, outcome: Outcome) -> Iterator[Outcome]:
        """Keep a fresh outcome, then release every outcome whose turn has come."""
        stored = outcome.cacheable and task.sha256 is not None
        if stored:
            assert task.sha256 is not None
            self.store.put(task.item.name, task.sha256, outcome)
        yield from self.release()
        if task.index == self.next:  # its turn: straight through, no read-back
            self.next += 1
            yield outcome
        else:
            self.done[task.index] = _STORED if stored else outcome
        yield from self.release()

    def release(self) -> Iterator[Outcome]:
        while self.next in self.done:
            index = self.next
            outcome = self.done.pop(index)
            if outcome is _STORED:
                sha = self.keys[index]
                assert sha is not None
                outcome = self.store.get(self.inputs[index].name, sha)
                assert outcome is not None, "a stored outcome vanished from the store"
            self.next += 1
            yield outcome

    def run(self, engine: Engine) -> Iterator[Outcome]:
        """One outcome per input, in input order; new or changed files go to ``engine``.

        Every fresh outcome is committed to the store as soon as it arrives (in any order), so a
        run killed at any point and started again redoes only the files that were in flight.
        """
        for task, outcome in engine.run(self.tasks()):
            yield from self.finish(task, outcome)
        yield from self.release()
        if self.next != len(self.inputs):
            raise RuntimeError(f"batch ended after {self.next} of {len(self.inputs)} files")
