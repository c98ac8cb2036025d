"""Every draft holds the corrections kept in the store: `junheng run`'s own, `junheng draft`'s.

The corrections are put in the store as `junheng review` puts them (an overlay keyed by the
file's hash and the span), then the batch is run or drafted again from the command line, and the
corrected value is read back from report.docx and ledger.xlsx.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from junheng.bench.synth import small_reports
from junheng.cli import main
from junheng.core.codec import read_jsonl
from junheng.draft import corrected, recheck
from junheng.draft.corrections import figure_where, finding_where
from junheng.draft.overlay import STORE_NAME, Correction, Key, Overlay, stamped
from junheng.review.changes import xlsx_lines
from review_support import docx_text, seed_out

BELOW = "生均教学及辅助用房面积小学为3.74平方米"
"""The below-standard finding on the seed's 3.74 (the standard is 4.5)."""


@pytest.fixture(scope="module")
def batch_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("corrected-batch")


@pytest.fixture
def batch(batch_root: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The seed batch's inputs and a run's OUT over them (store inside), fresh per test."""
    return seed_out(batch_root, tmp_path)


def _sha(out: Path, file: str) -> str:
    return next(i["sha256"] for i in corrected.inputs(out) if i["file"] == file)


def _figure(out: Path, value: float) -> dict:
    (row,) = [r for r in read_jsonl(out / "figures.jsonl") if r["value"] == value]
    return row


def _finding(out: Path, text: str) -> dict:
    (row,) = [r for r in read_jsonl(out / "findings.jsonl") if text in r["message"]]
    return row


def _keep(out: Path, where: tuple, action: str, changes: dict | None = None, **kw: str) -> None:
    """Keep a correction in OUT's store, as the app keeps it."""
    target, file, start, end, ref = where
    key = Key(file, _sha(out, file), target, start, end, ref)
    with Overlay(out / STORE_NAME) as overlay:
        overlay.put(stamped(Correction(key, action, changes or {}, kw.get("reason"), {})))


def _correct_374(out: Path) -> None:
    _keep(out, figure_where(_figure(out, 3.74)), "correct", {"value": 4.74})


def _dismiss_below(out: Path) -> None:
    _keep(out, finding_where(_finding(out, BELOW)), "dismiss", reason="已于2019年达标")


def _ledger(out: Path, sheet: str) -> list[str]:
    return xlsx_lines(out / "ledger.xlsx")[sheet]


def _run(inputs: Path, out: Path) -> int:
    return main(["run", str(inputs), "--out", str(out), "--quiet", "--workers", "1"])


# --- junheng run ------------------------------------------------------------------------------


def test_run_drafts_with_the_correction_of_an_unchanged_file(batch: tuple[Path, Path]) -> None:
    inputs, out = batch
    assert "3.74平方米（" in docx_text(out / "report.docx")
    _correct_374(out)
    assert _run(inputs, out) == 0
    text = docx_text(out / "report.docx")
    assert "4.74平方米（" in text and "3.74平方米（" not in text
    (row,) = [line for line in _ledger(out, "指标汇总") if line.startswith("文件1第7篇")]
    assert " 4.74 " in f" {row} " and " 3.74 " not in f" {row} "
    assert not [line for line in _ledger(out, "核查发现") if "3.74" in line]  # rechecked
    fixed = _figure(out, 4.74)
    assert fixed["review"]["was"] == {"value": 3.74} and fixed["review"]["by"]
    assert not [f for f in read_jsonl(out / "findings.jsonl") if 3.74 in f["values"]]


def test_run_leaves_out_a_finding_a_person_dismissed(batch: tuple[Path, Path]) -> None:
    inputs, out = batch
    findings = len(list(read_jsonl(out / "findings.jsonl")))
    _dismiss_below(out)
    assert _run(inputs, out) == 0
    assert not [f for f in read_jsonl(out / "findings.jsonl") if BELOW in f["message"]]
    assert len(list(read_jsonl(out / "findings.jsonl"))) == findings - 1
    (dismissed,) = read_jsonl(corrected.review_dir(out) / "dismissed.jsonl")
    assert dismissed["review"]["reason"] == "已于2019年达标"
    assert not [line for line in _ledger(out, "核查发现") if BELOW in line]


def test_run_keeps_a_changed_files_correction_to_check_again(
    batch: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, out = batch
    _correct_374(out)
    _dismiss_below(out)
    (seed,) = inputs.glob("*.txt")
    seed.write_text("补充说明：本文件已更新。\n" + seed.read_text("utf-8"), encoding="utf-8")
    capsys.readouterr()
    assert _run(inputs, out) == 0
    assert "3.74平方米（" in docx_text(out / "report.docx")
    assert [f for f in read_jsonl(out / "findings.jsonl") if BELOW in f["message"]]
    assert "草稿已应用更正 0 处；2 处待复核" in capsys.readouterr().err


def test_run_without_corrections_leaves_out_as_it_was(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "OUT"
    small_reports(inputs, 2)
    assert _run(inputs, out) == 0
    assert not corrected.review_dir(out).exists()  # no folder for an OUT nobody reviewed
    entries = corrected.inputs(out)
    assert all(len(e["rows_digest"]) == 64 for e in entries)
    assert corrected.digests(out) == {e["file"]: e["rows_digest"] for e in entries}


# --- junheng draft ----------------------------------------------------------------------------


def test_draft_keeps_a_dismissed_finding_dismissed(batch: tuple[Path, Path]) -> None:
    _, out = batch
    _dismiss_below(out)
    assert main(["draft", str(out)]) == 0
    assert not [f for f in read_jsonl(out / "findings.jsonl") if BELOW in f["message"]]
    assert not [line for line in _ledger(out, "核查发现") if BELOW in line]
    assert main(["draft", str(out)]) == 0  # and again: still dismissed
    assert not [f for f in read_jsonl(out / "findings.jsonl") if BELOW in f["message"]]
    with Overlay(out / STORE_NAME) as overlay:  # taken back: the finding returns
        (c,) = overlay.all()
        overlay.delete(c.key)
    assert main(["draft", str(out)]) == 0
    assert [f for f in read_jsonl(out / "findings.jsonl") if BELOW in f["message"]]
    assert [line for line in _ledger(out, "核查发现") if BELOW in line]


def test_draft_applies_a_correction_and_its_undoing(batch: tuple[Path, Path]) -> None:
    _, out = batch
    _correct_374(out)
    assert main(["draft", str(out)]) == 0
    text = docx_text(out / "report.docx")
    assert "4.74平方米（" in text and "3.74平方米（" not in text
    with Overlay(out / STORE_NAME) as overlay:
        (c,) = overlay.all()
        overlay.delete(c.key)
    assert main(["draft", str(out)]) == 0  # laid over the rows as extracted, not as corrected
    assert "3.74平方米（" in docx_text(out / "report.docx")
    assert [f for f in read_jsonl(out / "findings.jsonl") if BELOW in f["message"]]


def test_draft_keeps_a_hand_edit_beside_the_corrections(batch: tuple[Path, Path]) -> None:
    _, out = batch
    _correct_374(out)
    assert main(["draft", str(out)]) == 0
    path = out / "figures.jsonl"
    rows = list(read_jsonl(path))
    for row in rows:
        if row["indicator"] == "books_per_student":
            row["value"] = 1.5  # below every standard
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    assert main(["draft", str(out)]) == 0
    text = docx_text(out / "report.docx")
    assert "4.74平方米（" in text and "3.74平方米（" not in text  # the correction, once
    books = [r for r in read_jsonl(path) if r["indicator"] == "books_per_student"]
    assert books and all(r["value"] == 1.5 for r in books)  # the hand edit, kept
    found = list(read_jsonl(out / "findings.jsonl"))
    assert [f for f in found if f["rule"] == "below_standard" and 1.5 in f["values"]]


def test_draft_takes_the_store_given(batch: tuple[Path, Path], tmp_path: Path) -> None:
    _, out = batch
    _correct_374(out)
    elsewhere = tmp_path / "kept.sqlite"
    shutil.move(out / STORE_NAME, elsewhere)
    assert main(["draft", str(out)]) == 0
    assert "3.74平方米（" in docx_text(out / "report.docx")
    assert main(["draft", str(out), "--store", str(elsewhere)]) == 0
    assert "4.74平方米（" in docx_text(out / "report.docx")
    assert main(["draft", str(out), "--store", str(tmp_path)]) == 2


# --- the recheck checks again only what changed -----------------------------------------------


def test_recheck_checks_again_only_the_files_whose_rows_changed(
    batch: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, out = batch
    small_reports(inputs, 2)
    assert _run(inputs, out) == 0
    _correct_374(out)
    checked: list[str] = []
    real = recheck.validate_document

    def counting(*args: object, **kwargs: object) -> list:
        checked.append(str(kwargs["file"]))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(recheck, "validate_document", counting)
    assert main(["draft", str(out)]) == 0
    assert checked == ["003_1231b9b084b91a9d.txt"]  # the corrected file, not r000/r001
    incremental = (out / "findings.jsonl").read_text("utf-8")
    checked.clear()
    assert main(["draft", str(out)]) == 0  # nothing changed since: nothing checked again
    assert checked == [] and (out / "findings.jsonl").read_text("utf-8") == incremental
    (corrected.review_dir(out) / recheck.CHECKED).unlink()  # no basis: every file again
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    for entry in manifest["inputs"]:
        del entry["rows_digest"]
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    assert main(["draft", str(out)]) == 0
    assert sorted(checked) == ["003_1231b9b084b91a9d.txt", "r000.txt", "r001.txt"]
    assert (out / "findings.jsonl").read_text("utf-8") == incremental  # the same findings


def test_recheck_checks_again_whole_with_another_profile(batch: tuple[Path, Path]) -> None:
    _, out = batch
    basis, before = recheck.made_before(out, recheck.batch_profile(out))
    assert basis and before
    other = recheck.load_profile("jiben-2012")
    assert recheck.made_before(out, other) == ({}, {})
