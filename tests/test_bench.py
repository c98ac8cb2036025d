"""junheng bench on a tiny set: every row measured, the floor beside the PDFs, nothing outside
--work (the bytecode cache of the timed runs included)."""

from __future__ import annotations

from pathlib import Path

import pytest
from junheng.bench.measure import bench, checks, run_env, table


@pytest.mark.slow
def test_bench_measures_every_row_and_keeps_to_its_work_folder(tmp_path: Path, seeds: Path) -> None:
    work = tmp_path / "work"
    results = bench(seeds, work, sizes=(12,), workers=(1,))
    rows = [m.what for m in results]
    assert rows == [
        "mix .txt/.docx/.pdf",
        "mix .txt/.docx/.pdf, drafting included (default command)",
        "text PDFs, end to end",
        "pypdfium2 alone (floor)",
        "junheng PDF reader alone",
        "junheng per-file task, in-process",
    ]
    mixed, drafted, pdfs, floor = results[0], results[1], results[2], results[3]
    assert drafted.files == mixed.files and drafted.seconds > 0
    assert (mixed.files, pdfs.files, floor.files) == (12, 2, 2)
    assert pdfs.pages == floor.pages > 0 and pdfs.chars > 0 and floor.chars > 0
    assert all(m.seconds > 0 for m in results)
    assert mixed.peak_mb is not None and mixed.peak_mb > 10
    assert "| pypdfium2 alone (floor) | 2 |" in table(results)
    assert any("of its rate" in line and "target ≥ 0.25" in line for line in checks(results))
    assert any("drafting included ×" in line and "≤ 1.3" in line for line in checks(results))
    assert any((work / "pycache").rglob("*.pyc"))  # the timed runs read compiled modules
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]


def test_measured_runs_cache_bytecode_under_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = run_env(tmp_path)
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["PYTHONPYCACHEPREFIX"] == str(tmp_path / "pycache")
