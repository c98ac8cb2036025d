"""`junheng run --workers N`: the same bytes whatever N, in input order, bad files included."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from junheng.bench.synth import small_reports
from junheng.cli import main
from junheng.core.codec import OUTPUTS


def _inputs(root: Path) -> Path:
    small_reports(root / "town", 12)
    (root / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (root / "empty.txt").write_bytes(b"")
    (root / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    return root


def _manifest(out: Path) -> dict:
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    return {k: v for k, v in manifest.items() if k not in {"started", "finished"}}


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["2", "3"])
def test_batch_workers_give_identical_outputs(tmp_path: Path, workers: str) -> None:
    inputs = _inputs(tmp_path / "in")
    one, many = tmp_path / "one", tmp_path / "many"
    assert main(["run", str(inputs), "--out", str(one), "--quiet", "--workers", "1"]) == 1
    assert main(["run", str(inputs), "--out", str(many), "--quiet", "--workers", workers]) == 1
    for name in OUTPUTS:
        assert (one / f"{name}.jsonl").read_bytes() == (many / f"{name}.jsonl").read_bytes()
    assert _manifest(one) == _manifest(many)
    files = [entry["file"] for entry in _manifest(one)["inputs"]]
    assert files == sorted(files) and len(files) == 15
    reports = [json.loads(line) for line in (one / "reports.jsonl").read_text("utf-8").splitlines()]
    assert [r["file"] for r in reports] == [f"town/r{i:03d}.txt" for i in range(12)]


def test_batch_workers_default_is_the_cores() -> None:
    from junheng.cli import _cores, build_parser

    args = build_parser().parse_args(["run", "x", "--out", "o"])
    assert args.workers == _cores() >= 1


@pytest.mark.parametrize("option", ["--timeout", "--max-memory"])
def test_batch_limits_must_be_positive(tmp_path: Path, option: str) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), option, "0"])
    assert exit_info.value.code == 2


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_batch_workers_die_with_the_parent(tmp_path: Path, sig: signal.Signals) -> None:
    """Issue 17: a killed parent left its workers alive forever (PPID 1, blocked on a pipe whose
    other end they had inherited)."""
    inputs = tmp_path / "in"
    small_reports(inputs, 60)
    env = {**os.environ, "JUNHENG_TEST_HOOK": "delay=0.3"}
    command = [sys.executable, "-m", "junheng", "run", str(inputs), "--out", str(tmp_path / "out")]
    process = subprocess.Popen(
        [*command, "--quiet", "--workers", "2", "--no-draft"], env=env, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 30
        while len(workers := _children(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(workers) >= 2, "the workers did not start"
        time.sleep(0.5)  # the workers are busy with a file
        process.send_signal(sig)
        process.wait(timeout=10)
        deadline = time.monotonic() + 5
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_alive, workers)), "workers outlived their parent"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # whatever this test started
        process.wait()


def test_ocr_threads_are_each_workers_share_of_the_cores() -> None:
    from junheng.batch.local import ocr_threads

    assert ocr_threads(1, cores=2) is None  # one worker: RapidOCR's default (a thread per core)
    assert ocr_threads(2, cores=2) == 1
    assert ocr_threads(2, cores=8) == 4
    assert ocr_threads(3, cores=8) == 2
    assert ocr_threads(4, cores=2) == 1  # never zero threads
    assert ocr_threads(2) is not None and ocr_threads(2) >= 1  # this machine's cores


def test_ocr_reads_its_threads_from_the_variable_the_engine_sets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from junheng.ingest import ocr

    monkeypatch.setenv(ocr.THREADS_VARIABLE, "3")
    assert ocr._threads() == 3
    monkeypatch.setenv(ocr.THREADS_VARIABLE, "many")
    assert ocr._threads() == -1
    monkeypatch.delenv(ocr.THREADS_VARIABLE)
    assert ocr._threads() == -1
