"""The store: a re-run reads only new or changed files; a run killed with SIGKILL resumes with
nothing lost and nothing duplicated."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from junheng.batch import STORE_NAME
from junheng.bench.synth import small_reports
from junheng.cli import main
from junheng.core.codec import OUTPUTS

ROOT = Path(__file__).parent.parent
pytestmark = pytest.mark.slow  # whole batches, twice or more per test; one killed mid-run


def _run(inputs: Path, out: Path, *extra: str) -> int:
    return main(["run", str(inputs), "--out", str(out), "--quiet", "--workers", "2", *extra])


def _query(store: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _last_run_files(store: Path) -> set[str]:
    rows = _query(store, "SELECT file FROM results WHERE run = (SELECT max(id) FROM runs)")
    return {file for (file,) in rows}


def _same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / f"{name}.jsonl").read_bytes() == (b / f"{name}.jsonl").read_bytes(), name
    strip = lambda m: {k: v for k, v in m.items() if k not in {"started", "finished"}}  # noqa: E731
    manifest = lambda p: strip(json.loads((p / "manifest.json").read_text("utf-8")))  # noqa: E731
    assert manifest(a) == manifest(b)


def test_batch_store_rerun_reads_only_changed_files(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    paths = small_reports(inputs, 6)
    assert _run(inputs, out) == 0
    store = out / STORE_NAME
    assert len(_last_run_files(store)) == 6
    first = (out / "reports.jsonl").read_bytes()

    assert _run(inputs, out) == 0  # nothing changed: nothing read
    assert _last_run_files(store) == set()
    assert (out / "reports.jsonl").read_bytes() == first

    paths[2].write_text(paths[2].read_text("utf-8").replace("小学", "中学"), encoding="utf-8")
    (inputs / "r999.txt").write_text(paths[0].read_text("utf-8"), encoding="utf-8")
    assert _run(inputs, out) == 0
    assert _last_run_files(store) == {"r002.txt", "r999.txt"}
    assert _query(store, "SELECT count(*) FROM results")[0][0] == 8  # the old r002 stays, harmless
    clean = tmp_path / "clean"
    _run(inputs, clean)
    _same_outputs(out, clean)


def test_batch_store_new_pipeline_version_reads_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    small_reports(inputs, 3)
    _run(inputs, out, "--store", str(tmp_path / "s.sqlite"))
    monkeypatch.setattr("junheng.api.pipeline_version", lambda: "9.9.9+changed")
    _run(inputs, out, "--store", str(tmp_path / "s.sqlite"))
    assert _last_run_files(tmp_path / "s.sqlite") == {"r000.txt", "r001.txt", "r002.txt"}
    versions = _query(tmp_path / "s.sqlite", "SELECT DISTINCT version FROM results")
    # the old version's rows were pruned; the key is the code's version + the standards profile's
    assert len(versions) == 1 and versions[0][0].startswith("9.9.9+changed+")
    assert not (out / STORE_NAME).exists()


def _wait_for_commits(store: Path, at_least: int, process: subprocess.Popen) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            done = _query(store, "SELECT count(*) FROM results")[0][0]
        except sqlite3.Error:  # not created yet
            done = 0
        if done >= at_least:
            return done
        time.sleep(0.02)
    raise AssertionError("the run finished or stalled before it could be killed")


def _wait_gone(group: int, timeout: float = 10.0) -> None:
    """Until no process of ``group`` is left (a killed worker may take a moment to go)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)
    raise AssertionError(f"processes of group {group} still alive after SIGKILL")


def test_batch_store_resumes_after_sigkill(tmp_path: Path) -> None:
    inputs, out, clean = tmp_path / "in", tmp_path / "out", tmp_path / "clean"
    small_reports(inputs, 40)
    (inputs / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    assert _run(inputs, clean) == 1

    env = {**os.environ, "JUNHENG_TEST_HOOK": "delay=0.1", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "junheng.cli", "run", str(inputs), "--out", str(out)]
    process = subprocess.Popen(
        [*command, "--quiet", "--workers", "2"], env=env, start_new_session=True
    )
    try:
        _wait_for_commits(out / STORE_NAME, 8, process)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the run and its workers, mid-batch
        process.wait()
        _wait_gone(process.pid)  # the workers too: until then they hold OUT's lock
    committed = {file for (file,) in _query(out / STORE_NAME, "SELECT file FROM results")}
    assert 8 <= len(committed) < 41
    assert not (out / "manifest.json").exists() and not (out / "reports.jsonl").exists()

    assert _run(inputs, out) == 1
    _same_outputs(out, clean)
    recomputed = _last_run_files(out / STORE_NAME)
    assert recomputed.isdisjoint(committed)  # what was committed was not read again
    assert len(recomputed) + len(committed) == 41
    rows = _query(out / STORE_NAME, "SELECT count(*), count(DISTINCT file) FROM results")
    assert rows == [(41, 41)]
    assert not list(out.glob(".*.tmp"))
