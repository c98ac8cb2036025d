"""`junheng run`, `inspect` and `eval`: the manifest of CONTRACT.md, reports.jsonl, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from junheng.cli import main
from junheng.ingest.office import soffice

ROOT = Path(__file__).parent.parent
REPORT = (
    "栾塬小学推进义务教育均衡发展工作计划\n"
    "为推进我校义务教育均衡发展,全面做好达标验收评估工作,特制定本计划。\n"
    "一、指导思想\n以科学发展观为指导,办人民满意的教育。\n"
    "二、具体目标\n力争在三年内把学校办成一所规范化学校。\n"
    "栾塬小学\n2016年8月22日\n"
)
MANIFEST_KEYS = {
    "file",
    "sha256",
    "bytes",
    "format",
    "status",
    "error",
    "documents",
    "figures",
    "items",
}


def _batch(root: Path) -> Path:
    (root / "town" / "school").mkdir(parents=True)
    (root / "town" / "school" / "plan.txt").write_text(REPORT, encoding="gbk")
    (root / "county.txt").write_text(REPORT, encoding="utf-8")
    (root / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    (root / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (root / "empty.txt").write_bytes(b"")
    (root / ".DS_Store").write_bytes(b"\x00\x01")
    return root


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


@pytest.mark.slow
def test_cli_run_accounts_for_every_file(tmp_path: Path) -> None:
    inputs = _batch(tmp_path / "in")
    out = tmp_path / "out"
    code = main(["run", str(inputs), "--out", str(out), "--quiet"])
    assert code == 1  # some inputs failed or were skipped
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert set(manifest) >= {"inputs", "counts", "started", "finished", "version"}
    by_file = {entry["file"]: entry for entry in manifest["inputs"]}
    assert sorted(by_file) == [
        "broken.docx",
        "county.txt",
        "empty.txt",
        "old.doc",
        "town/school/plan.txt",
    ]
    for entry in manifest["inputs"]:
        assert set(entry) >= MANIFEST_KEYS
    assert by_file["county.txt"]["status"] == "ok" and by_file["county.txt"]["error"] is None
    assert by_file["county.txt"]["documents"] == 1
    assert by_file["town/school/plan.txt"]["status"] == "ok"
    # old.doc is a stub OLE file: LibreOffice cannot convert it; without LibreOffice it is skipped
    old_doc = ("failed", "LibreOffice 无法转换") if soffice() else ("skipped", "另存为 .docx")
    assert by_file["old.doc"]["status"] == old_doc[0] and old_doc[1] in by_file["old.doc"]["error"]
    assert by_file["broken.docx"]["status"] == "failed" and by_file["broken.docx"]["error"]
    assert by_file["empty.txt"]["status"] == "failed" and "空" in by_file["empty.txt"]["error"]
    assert all("\n" not in (e["error"] or "") for e in manifest["inputs"])
    assert manifest["counts"] == {
        "files": 5,
        "ok": 2,
        "partial": 0,
        "failed": 3 if soffice() else 2,
        "skipped": 0 if soffice() else 1,
        "documents": 2,
        "figures": 0,
        "items": 0,
    }
    reports = _read_jsonl(out / "reports.jsonl")
    assert [r["file"] for r in reports] == ["county.txt", "town/school/plan.txt"]
    first = reports[0]
    assert first["title"] == "栾塬小学推进义务教育均衡发展工作计划"
    assert (first["unit_name"], first["type"], first["date"], first["doc"]) == (
        "栾塬小学",
        "计划",
        "2016-08-22",
        0,
    )
    assert [s["title"] for s in first["sections"]] == ["指导思想", "具体目标"]


@pytest.mark.slow
def test_cli_run_exit_zero_when_all_ok(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(REPORT, encoding="utf-8")
    assert main(["run", str(path), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert manifest["inputs"][0]["file"] == path.as_posix()


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "--out", "x"],
        ["run", "no/such/file.txt", "--out", "x"],
        ["run", "a.txt"],
        ["frobnicate"],
        ["run", "a.txt", "--out", "x", "--workers", "0"],
    ],
)
def test_cli_usage_errors_exit_2(
    tmp_path: Path, argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    assert code == 2


def test_cli_inspect_prints_reports_and_tree(
    capsys: pytest.CaptureFixture[str], seeds: Path
) -> None:
    code = main(["inspect", str(seeds / "002_1af8da0c0a7c36e4.txt")])
    out = capsys.readouterr().out
    assert code == 0
    assert "5 篇报告" in out
    assert "[2] 栾塬小学推进义务教育均衡发展工作计划" in out
    assert "单位: 栾塬小学" in out and "日期: 2016-08-22" in out
    assert "(一) 加强宣传,有效落实,加快创建步伐" in out


@pytest.mark.slow
def test_cli_console_script_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "junheng.cli", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("junheng ")


@pytest.mark.slow
@pytest.mark.corpus
def test_cli_eval_on_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], seeds: Path
) -> None:
    main(["run", str(seeds), "--out", str(tmp_path / "out"), "--quiet"])
    main(
        [
            "eval",
            str(ROOT / "corpus" / "gold"),
            str(tmp_path / "out"),
            "--json",
            str(tmp_path / "s.json"),
        ]
    )
    scores = json.loads((tmp_path / "s.json").read_text("utf-8"))
    overall = scores["overall"]["segmentation"]
    assert overall["files"] == len(
        [p for p in seeds.iterdir() if p.suffix in {".txt", ".docx", ".pdf"}]
    )
    assert overall["reports"]["f1"] == 1.0
    assert overall["count_exact"] == overall["files"]
    assert all(v == 1.0 for v in overall["field_accuracy"].values())


@pytest.mark.slow
def test_cli_run_workers_give_the_same_outputs(tmp_path: Path) -> None:
    inputs = _batch(tmp_path / "in")
    for workers in ("1", "2"):
        out = str(tmp_path / workers)
        main(["run", str(inputs), "--out", out, "--quiet", "--workers", workers])
    one, two = tmp_path / "1", tmp_path / "2"
    assert (one / "reports.jsonl").read_bytes() == (two / "reports.jsonl").read_bytes()
    strip = lambda m: {k: v for k, v in m.items() if k not in {"started", "finished"}}  # noqa: E731
    assert strip(json.loads((one / "manifest.json").read_text("utf-8"))) == strip(
        json.loads((two / "manifest.json").read_text("utf-8"))
    )


def test_cli_run_standard_profile_unknown_is_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(REPORT, encoding="utf-8")
    argv = ["run", str(path), "--out", str(tmp_path / "o"), "--standard", "no-such-profile"]
    assert main([*argv, "--quiet"]) == 2


def test_cli_run_finds_conflicts_across_files(tmp_path: Path) -> None:
    """A school's figure in its own report against the county's summary of it (issue 6)."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    school = "栾塬小学2016年工作总结\n现将我校工作总结如下:2016年全校学生510人,专任教师46人。\n"
    county = "栾塬小学2016年基本情况汇报\n现将有关情况汇报如下:2016年全校学生498人,专任教师46人。\n"
    (inputs / "school.txt").write_text(school, encoding="utf-8")
    (inputs / "county.txt").write_text(county, encoding="utf-8")
    main(["run", str(inputs), "--out", str(tmp_path / "out"), "--quiet", "--no-draft"])
    findings = _read_jsonl(tmp_path / "out" / "findings.jsonl")
    conflicts = [f for f in findings if f["rule"] == "cross_report_conflict"]
    assert len(conflicts) == 1
    assert sorted(conflicts[0]["values"]) == [498, 510]
    assert {e["file"] for e in conflicts[0]["evidence"]} == {"school.txt", "county.txt"}
    assert "在校生2016年" in conflicts[0]["message"]


def _bad_path(tmp_path: Path, case: str) -> list[str]:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "notdb.sqlite").write_text("这不是数据库" * 20, encoding="utf-8")
    out = ["--out", str(tmp_path / "out")]
    return {
        "out_is_a_file": ["--out", str(tmp_path / "file")],
        "out_under_a_file": ["--out", str(tmp_path / "file" / "sub")],
        "store_is_a_folder": [*out, "--store", str(tmp_path / "folder")],
        "store_is_not_a_database": [*out, "--store", str(tmp_path / "notdb.sqlite")],
        "store_under_a_file": [*out, "--store", str(tmp_path / "file" / "s.sqlite")],
        "timeout_nan": [*out, "--timeout", "nan"],
        "timeout_inf": [*out, "--timeout", "inf"],
    }[case]


@pytest.mark.parametrize(
    "case",
    [
        "out_is_a_file",
        "out_under_a_file",
        "store_is_a_folder",
        "store_is_not_a_database",
        "store_under_a_file",
        "timeout_nan",
        "timeout_inf",
    ],
)
def test_cli_bad_output_paths_and_options_exit_2_in_one_line(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 17: these gave a traceback and exit 1 (or, for nan, a run that never timed out)."""
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    try:
        code = main(["run", str(tmp_path / "a.txt"), *_bad_path(tmp_path, case), "--quiet"])
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err and "Traceback" not in "\n".join(err)
    assert err[-1].startswith("junheng") and len(err[-1]) < 200
    assert (tmp_path / "notdb.sqlite").read_text(encoding="utf-8").startswith("这不是数据库")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_cli_read_only_out_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        assert main(["run", str(tmp_path / "a.txt"), "--out", str(out), "--quiet"]) == 2
    finally:
        out.chmod(0o755)
    assert "不可写" in capsys.readouterr().err
