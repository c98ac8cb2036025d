"""`junheng run --workers N`: the same bytes whatever N, in input order, bad files included."""

from __future__ import annotations

import json
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
