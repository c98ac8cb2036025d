"""`--engine ray`: the same per-file task as Ray tasks gives the same outputs as the local engine.

Runs against a local Ray instance; skipped when Ray is not installed (``pip install
'junheng[ray]'``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from junheng.bench.synth import small_reports
from junheng.cli import main
from junheng.core.codec import OUTPUTS

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.slow  # a local Ray instance and batches on it


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _manifest(out: Path) -> dict:
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    return {k: v for k, v in manifest.items() if k not in {"started", "finished"}}


def test_batch_ray_same_outputs_as_local(
    tmp_path: Path, local_ray: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUNHENG_TEST_HOOK", "1")
    inputs = tmp_path / "in"
    small_reports(inputs, 8)
    (inputs / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (inputs / "r003.txt").rename(inputs / "r003__exit__.txt")  # its Ray worker dies
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    assert main(["run", str(inputs), "--out", str(local), "--quiet", "--workers", "2"]) == 1
    assert main(["run", str(inputs), "--out", str(on_ray), "--quiet", "--engine", "ray"]) == 1
    for name in OUTPUTS:
        assert (local / f"{name}.jsonl").read_bytes() == (on_ray / f"{name}.jsonl").read_bytes()
    local_manifest, ray_manifest = _manifest(local), _manifest(on_ray)
    crashed = {e["file"]: e for e in ray_manifest["inputs"]}["r003__exit__.txt"]
    assert crashed["status"] == "failed" and crashed["error"].startswith("处理进程崩溃")
    strip = lambda m: [e for e in m["inputs"] if e["file"] != "r003__exit__.txt"]  # noqa: E731
    assert strip(local_manifest) == strip(ray_manifest)
    assert local_manifest["counts"] == ray_manifest["counts"]


def test_batch_ray_timeout_fails_only_its_file(
    tmp_path: Path, local_ray: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUNHENG_TEST_HOOK", "1")
    inputs = tmp_path / "in"
    small_reports(inputs, 3)
    (inputs / "r001.txt").rename(inputs / "r001__sleep__.txt")
    out = tmp_path / "out"
    argv = ["run", str(inputs), "--out", str(out), "--quiet", "--engine", "ray", "--timeout", "2"]
    assert main(argv) == 1
    entries = {e["file"]: e for e in _manifest(out)["inputs"]}
    assert entries["r001__sleep__.txt"]["error"].startswith("处理超时（超过 2 秒）")
    assert entries["r000.txt"]["status"] == entries["r002.txt"]["status"] == "ok"
