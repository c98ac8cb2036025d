"""Hostile inputs at the level of a whole run (issue 17): one bad character, a special file or an
odd name costs at most its own file, never the batch, the drafts or the manifest."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from junheng.api import Options, run
from junheng.core.document import build_document
from junheng.core.model import Block, BlockKind

# every character XML 1.0 refuses: python-docx and openpyxl raise on them
CONTROLS = "".join(chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32)])
XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPORT = (
    "某某县义务教育均衡发展整改报告\n"
    "一、存在问题\n（一）部分学校运动场不达标，无100米直跑道。\n"
    "二、整改措施\n（一）新建塑胶运动场3个，全县小学入学率达100%。\n"
)


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text("utf-8"))


def test_hostile_control_characters_are_sanitised_with_exact_offsets() -> None:
    blocks = [
        Block(BlockKind.PARAGRAPH, f"全县\x01共有学校{CONTROLS}28所"),
        Block(BlockKind.PARAGRAPH, "入学率\ud800达100%"),
    ]
    doc = build_document("x.txt", "txt", blocks)
    assert not XML_UNSAFE.search(doc.raw_text) and not XML_UNSAFE.search(doc.text)
    assert not any(XML_UNSAFE.search(block.text) for block in doc.blocks)
    assert len(doc.raw_text) == len("\n".join(block.text for block in blocks))  # 1:1, offsets kept
    start = doc.text.index("28所")
    assert doc.source_text(start, start + 3) == "28所"
    start = doc.text.index("100%")
    assert doc.source_text(start, start + 4) == "100%"


@pytest.mark.slow
def test_hostile_control_character_keeps_the_drafts(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(REPORT.replace("运动场", "运动\x01场"), encoding="utf-8")
    (inputs / "b.txt").write_text(REPORT.replace("直跑道", f"直跑道{CONTROLS[1:]}"), "utf-8")
    (inputs / "c.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    results = list(run([inputs], Options(out=out, workers=1)))
    assert [r.file for r in results] == ["a.txt", "b.txt", "c.txt"]
    for name in ("report.docx", "ledger.xlsx", "figures.csv", "review.html"):
        assert (out / name).is_file(), name
    for name in ("documents.jsonl", "figures.jsonl", "items.jsonl", "reports.jsonl"):
        text = (out / name).read_text("utf-8")
        assert not XML_UNSAFE.search(json.loads(json.dumps(text))), name
        assert "\\u0001" not in text, name


def _run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``junheng run`` in a child process, so a hang fails the test instead of stopping it."""
    command = [sys.executable, "-m", "junheng", "run", *args, "--quiet"]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_hostile_fifo_and_device_are_refused_by_type(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(REPORT, encoding="utf-8")
    os.mkfifo(inputs / "x.txt")  # opening it for reading would block until a writer comes
    out = tmp_path / "out"
    done = _run_cli(str(inputs), "/dev/zero", "--out", str(out), "--no-draft", "--workers", "1")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    by_file = {entry["file"]: entry for entry in _manifest(out)["inputs"]}
    assert sorted(by_file) == ["/dev/zero", "a.txt", "x.txt"]
    assert by_file["a.txt"]["status"] == "ok"
    assert by_file["x.txt"]["status"] == "skipped"
    assert "命名管道" in by_file["x.txt"]["error"]
    assert by_file["/dev/zero"]["status"] == "skipped"
    assert "设备" in by_file["/dev/zero"]["error"]


@pytest.mark.slow
def test_hostile_symlink_loop_and_undecodable_name_do_not_crash(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(REPORT, encoding="utf-8")
    os.symlink("loop.txt", inputs / "loop.txt")  # a link to itself
    os.symlink("b.txt", inputs / "c.txt")
    os.symlink("c.txt", inputs / "b.txt")  # a loop of two
    bad_name = os.fsencode(inputs) + b"/\xd5\xfb\xb8\xc4\xff.txt"  # GBK bytes, not UTF-8
    with open(bad_name, "wb") as handle:
        handle.write(REPORT.encode("utf-8"))
    out = tmp_path / "out"
    done = _run_cli(str(inputs), "--out", str(out), "--workers", "1")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    entries = _manifest(out)["inputs"]
    by_file = {entry["file"]: entry for entry in entries}
    assert len(by_file) == len(entries) == 5
    printable = "\\xd5\\xfb\\xb8\\xc4\\xff.txt"
    assert by_file[printable]["status"] == "ok"
    for name in ("loop.txt", "b.txt", "c.txt"):
        assert by_file[name]["status"] == "failed"
        assert "符号链接" in by_file[name]["error"]
    assert (out / "report.docx").is_file()
    rows = (out / "reports.jsonl").read_text("utf-8")
    assert json.dumps(printable) in rows


def _cli(*args: str) -> int:
    from junheng.cli import main

    return main(["run", *args, "--quiet", "--workers", "1", "--no-draft"])


@pytest.mark.slow
def test_hostile_out_inside_the_input_folder_is_not_an_input(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(REPORT, encoding="utf-8")
    out = inputs / "out"
    assert _cli(str(inputs), "--out", str(out)) == 0
    assert _cli(str(inputs), "--out", str(out)) == 0  # not its own jsonl files the second time
    assert [entry["file"] for entry in _manifest(out)["inputs"]] == ["a.txt"]


@pytest.mark.slow
def test_hostile_same_name_in_two_folders_gets_distinct_names(tmp_path: Path) -> None:
    for folder, county in (("east", "甲县"), ("west", "乙县")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "r.txt").write_text(REPORT.replace("某某县", county), "utf-8")
    (tmp_path / "east" / "only.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    assert _cli(str(tmp_path / "east"), str(tmp_path / "west"), "--out", str(out)) == 0
    names = [entry["file"] for entry in _manifest(out)["inputs"]]
    assert names == ["east/only.txt", "east/r.txt", "west/r.txt"]
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text("utf-8").splitlines()]
    by_file = {row["file"]: row["raw_text"] for row in docs}
    assert "甲县" in by_file["east/r.txt"] and "乙县" in by_file["west/r.txt"]


@pytest.mark.slow
def test_hostile_same_input_twice_is_listed_once(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    assert _cli(str(tmp_path / "in"), str(tmp_path / "in") + "/", "--out", str(out)) == 0
    assert [entry["file"] for entry in _manifest(out)["inputs"]] == ["a.txt"]


@pytest.mark.slow
@pytest.mark.parametrize("shared", ["out", "store"])
def test_hostile_second_run_into_a_locked_out_or_store_is_refused(
    tmp_path: Path, shared: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from junheng.bench.synth import small_reports

    inputs = tmp_path / "in"
    small_reports(inputs, 20)
    store = tmp_path / "store.sqlite"
    env = {**os.environ, "JUNHENG_TEST_HOOK": "delay=0.2"}
    first = [sys.executable, "-m", "junheng", "run", str(inputs), "--out", str(tmp_path / "out")]
    first += ["--quiet", "--no-draft", "--workers", "1", "--store", str(store)]
    process = subprocess.Popen(first, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while not (tmp_path / "out").is_dir() or not store.exists():
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
        time.sleep(0.5)
        second_out = tmp_path / ("out" if shared == "out" else "out2")
        assert _cli(str(inputs), "--out", str(second_out), "--store", str(store)) == 2
        message = capsys.readouterr().err
        assert "正在" in message and "Traceback" not in message and message.count("\n") == 1
        assert process.wait(timeout=60) == 0
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert len(_manifest(tmp_path / "out")["inputs"]) == 20
