"""The fuzzer (``junheng.bench.fuzz``) and what a run over its mutants must hold (issue 17).

Every mutant is in the manifest exactly once, nothing prints a traceback, no file ends as an
internal error, every reason is Chinese (no English library text), the drafts are written, and
one worker gives the same outputs as two.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from junheng.bench.fuzz import MUTATIONS, mutants, mutate

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
ENGLISH = re.compile(r"[A-Za-z]{3,}[\s:,'\"()]+[A-Za-z]{3,}")
"""Two English words in a row: a library's message (a part name or an encoding is one token)."""
DRAFTS = ("report.docx", "ledger.xlsx", "figures.csv", "review.html")


def _run(inputs: Path, out: Path, workers: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "junheng", "run", str(inputs), "--out", str(out),
         "--workers", str(workers)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def test_fuzz_mutants_are_seeded_and_cover_every_mutation(tmp_path: Path) -> None:
    first = mutants(SEEDS, tmp_path / "a", 30, seed=5)
    again = mutants(SEEDS, tmp_path / "b", 30, seed=5)
    other = mutants(SEEDS, tmp_path / "c", 30, seed=6)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]
    assert {p.suffix for p in first} == {".txt", ".docx", ".pdf"}
    for form, table in MUTATIONS.items():
        data = next(SEEDS.glob(f"*{form}")).read_bytes()
        for name, mutation in table.items():
            changed = mutation(data, random.Random(name))
            assert changed and changed != data, (form, name)
    assert mutate(b"x", ".txt", random.Random(0))[1]


@pytest.mark.slow
def test_fuzz_run_over_300_mutants_accounts_for_every_file_in_chinese(tmp_path: Path) -> None:
    paths = mutants(SEEDS, tmp_path / "in", 300, seed=17)
    out = tmp_path / "OUT"
    done = _run(tmp_path / "in", out, workers=2)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    files = [entry["file"] for entry in manifest["inputs"]]
    assert sorted(files) == sorted(path.name for path in paths)  # each exactly once
    for entry in manifest["inputs"]:
        error = entry["error"] or ""
        assert entry["status"] in ("ok", "partial", "failed", "skipped"), entry
        assert "内部错误" not in error, entry
        assert not ENGLISH.search(error), entry
        assert "\n" not in error, entry
        assert entry["status"] == "ok" or re.search("[\u4e00-\u9fff]", error), entry
    assert manifest["counts"]["ok"] + manifest["counts"]["partial"] > 0
    for name in DRAFTS:
        assert (out / name).stat().st_size > 0, name


def _outputs(out: Path) -> dict[str, str]:
    found = {path.name: path.read_text("utf-8") for path in sorted(out.glob("*.jsonl"))}
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    found["manifest"] = json.dumps(manifest["inputs"], ensure_ascii=False, sort_keys=True)
    return found


@pytest.mark.slow
def test_fuzz_one_worker_and_two_give_the_same_outputs(tmp_path: Path) -> None:
    mutants(SEEDS, tmp_path / "in", 45, seed=23)
    one, two = tmp_path / "one", tmp_path / "two"
    for out, workers in ((one, 1), (two, 2)):
        done = _run(tmp_path / "in", out, workers)
        assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert _outputs(one) == _outputs(two)
