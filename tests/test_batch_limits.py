"""Hostile input: a file that overruns its time or memory, or kills its worker, fails alone;
symlinks out of the input tree are not followed; nothing is written outside OUT.

The misbehaving files come from the test hook (``JUNHENG_TEST_HOOK``, see
``pipeline/batch/testhook.py``): a marker in the file's name makes its worker sleep, hoard memory
or die before it reads the file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from junheng.bench.synth import small_reports
from junheng.cli import main

pytestmark = pytest.mark.slow  # every test runs whole batches, some in worker processes


def _by_file(out: Path) -> dict[str, dict]:
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    return {entry["file"]: entry for entry in manifest["inputs"]}


def _hostile_batch(root: Path, marker: str) -> Path:
    """Three good reports around one whose name carries ``marker``."""
    bad = small_reports(root, 3)[1]
    bad.rename(root / f"r001{marker}.txt")
    return root


@pytest.mark.parametrize(
    ("marker", "options", "reason"),
    [
        ("__sleep__", ["--timeout", "1"], "处理超时（超过 1 秒）"),
        ("__hog__", ["--max-memory", "300"], "内存超限（超过 300 MB）"),
        ("__segv__", [], "处理进程崩溃（被信号 SIGSEGV 终止）"),
        ("__exit__", [], "处理进程崩溃（退出码 3）"),
    ],
)
@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_limits_cost_only_the_bad_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    marker: str,
    options: list[str],
    reason: str,
    workers: str,
) -> None:
    monkeypatch.setenv("JUNHENG_TEST_HOOK", "1")
    inputs, out = _hostile_batch(tmp_path / "in", marker), tmp_path / "out"
    argv = ["run", str(inputs), "--out", str(out), "--quiet", "--workers", workers, *options]
    assert main(argv) == 1
    entries = _by_file(out)
    bad = entries.pop(f"r001{marker}.txt")
    assert bad["status"] == "failed" and bad["error"].startswith(reason)
    assert bad["sha256"] and bad["documents"] == 0
    assert {name: e["status"] for name, e in entries.items()} == {
        "r000.txt": "ok",
        "r002.txt": "ok",
    }
    reports = (out / "reports.jsonl").read_text("utf-8")
    assert '"r000.txt"' in reports and '"r002.txt"' in reports and marker not in reports

    # a failure imposed by the limits is not stored: with a fair budget the file is read
    monkeypatch.delenv("JUNHENG_TEST_HOOK")
    assert main(["run", str(inputs), "--out", str(out), "--quiet", "--workers", workers]) == 0
    assert _by_file(out)[f"r001{marker}.txt"]["status"] == "ok"


def test_batch_limits_symlink_out_of_tree_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密\n" * 10, encoding="utf-8")
    inputs = tmp_path / "in"
    small_reports(inputs, 1)
    (inputs / "link.txt").symlink_to(secret)
    (inputs / "linked_dir").symlink_to(tmp_path, target_is_directory=True)
    out = tmp_path / "out"
    assert main(["run", str(inputs), "--out", str(out), "--quiet"]) == 1
    entries = _by_file(out)
    assert sorted(entries) == ["link.txt", "r000.txt"]  # the linked folder is not walked
    assert entries["link.txt"]["status"] == "skipped" and entries["link.txt"]["sha256"] is None
    assert "机密" not in (out / "documents.jsonl").read_text("utf-8")


def _tree(root: Path) -> dict[str, int]:
    return {
        str(path.relative_to(root)): path.stat().st_mtime_ns
        for path in root.rglob("*")
        if not path.is_symlink()
    }


def test_batch_writes_nothing_outside_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs, out, cwd = tmp_path / "in", tmp_path / "out", tmp_path / "cwd"
    small_reports(inputs, 4)
    (inputs / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    before = _tree(tmp_path)
    main(["run", str(inputs), "--out", str(out), "--quiet", "--workers", "2"])
    after = {name: mtime for name, mtime in _tree(tmp_path).items() if not name.startswith("out")}
    assert after == before
    assert sorted(os.listdir(out)) == [
        ".junheng-store.sqlite",
        ".junheng.lock",  # one run at a time into this OUT (issue 17)
        "documents.jsonl",
        "figures.csv",
        "figures.jsonl",
        "findings.jsonl",
        "items.jsonl",
        "ledger.xlsx",
        "manifest.json",
        "report.docx",
        "reports.jsonl",
        "review.html",
    ]


def test_a_fresh_run_leaves_the_temporary_folder_and_home_untouched(
    tmp_path: Path, seeds: Path
) -> None:
    """In a new process (no cache warm from other tests): a PDF, a web copy with anti-scraping dots
    and problem lists (so every dictionary is loaded), the temp folder and HOME pointed at empty
    folders, which must stay empty (jieba used to leave a cache file in the temp folder per run)."""
    inputs, out, temp, home = (tmp_path / name for name in ("in", "out", "tmp", "home"))
    for folder in (inputs, temp, home):
        folder.mkdir()
    for name in ("000_23018ebd59d83b14.txt", "001_ea2f5b18e91f2ba8.pdf"):
        (inputs / name).write_bytes((seeds / name).read_bytes())
    env = {**os.environ, "TMPDIR": str(temp), "HOME": str(home), "JUNHENG_TEST_HOOK": ""}
    command = [sys.executable, "-m", "junheng.cli", "run", str(inputs), "--out", str(out)]
    done = subprocess.run([*command, "--quiet", "--no-draft"], env=env, capture_output=True)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert json.loads((out / "manifest.json").read_text("utf-8"))["counts"]["documents"] > 10
    assert (out / "items.jsonl").stat().st_size > 0
    assert list(temp.iterdir()) == [] and list(home.iterdir()) == []
