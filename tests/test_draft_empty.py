"""No confident text without evidence: an empty or all-failed batch drafts no claims (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from junheng.cli import main
from junheng.draft import NothingToDraft, draft


def _run(inputs: list[Path], out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.docx").write_bytes(b"stale")  # a previous run's draft must not stay behind
    code = main(["run", *map(str, inputs), "--out", str(out), "--quiet", "--workers", "1"])
    return code, capsys.readouterr().err


def test_draft_empty_batch_writes_no_report(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "in"
    empty.mkdir()
    code, err = _run([empty], tmp_path / "OUT", capsys)
    assert code != 0
    assert "没有" in err and "报告" in err
    assert not (tmp_path / "OUT" / "report.docx").exists()


def test_draft_all_failed_batch_writes_no_report(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "broken.docx").write_bytes(b"not a zip at all")
    (folder / "empty.txt").write_bytes(b"")
    code, err = _run([folder], tmp_path / "OUT", capsys)
    assert code != 0
    assert "未生成" in err
    for name in ("report.docx", "ledger.xlsx", "review.html"):
        assert not (tmp_path / "OUT" / name).exists(), name
    assert json.loads((tmp_path / "OUT" / "manifest.json").read_text("utf-8"))["inputs"]


def test_draft_cli_on_an_empty_out_exits_non_zero(tmp_path: Path, capsys) -> None:
    out = tmp_path / "OUT"
    out.mkdir()
    for name in ("reports", "figures", "items", "findings", "documents"):
        (out / f"{name}.jsonl").write_text("", "utf-8")
    with pytest.raises(NothingToDraft):
        draft(out)
    assert main(["draft", str(out)]) == 1
    assert "未生成" in capsys.readouterr().err


def _statuses(out: Path, status: str | None, outcome: bool) -> None:
    rows = [json.loads(line) for line in (out / "items.jsonl").read_text("utf-8").splitlines()]
    for row in rows:
        if row["kind"] == "problem":
            row["status"] = status
            row["links"] = [ln for ln in row["links"] if outcome or ln["kind"] != "outcome"]
    (out / "items.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8"
    )


def _text(out: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(out / "report.docx")).paragraphs)


def test_draft_claims_rectified_only_when_every_problem_says_so(draft_out: Path) -> None:
    _statuses(draft_out, None, outcome=False)
    draft(draft_out)
    text = _text(draft_out)
    assert "均已整改到位" not in text
    assert "未说明整改情况" in text


def test_draft_claims_rectified_when_every_problem_has_its_outcome(draft_out: Path) -> None:
    _statuses(draft_out, "已整改", outcome=True)
    rows = [
        json.loads(line) for line in (draft_out / "items.jsonl").read_text("utf-8").splitlines()
    ]
    problems = [r for r in rows if r["kind"] == "problem"]
    if not all(any(ln["kind"] == "outcome" for ln in r["links"]) for r in problems):
        for row in problems:  # give each problem an outcome of its report, as a reader would
            outcomes = [
                r
                for r in rows
                if r["kind"] == "outcome" and r["file"] == row["file"] and r["doc"] == row["doc"]
            ]
            if not outcomes:
                rows.append(
                    {
                        **row,
                        "kind": "outcome",
                        "index": 99,
                        "status": None,
                        "links": [],
                        "text": "已全部整改完成",
                    }
                )
                outcomes = [rows[-1]]
            row["links"] = [{"kind": "outcome", "index": outcomes[0]["index"]}]
        (draft_out / "items.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8"
        )
    draft(draft_out)
    assert "各报告所列问题均已整改到位" in _text(draft_out)
