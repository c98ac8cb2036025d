"""The same report in several forms or copies counts once in the drafts (issue 16, point 3)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest
from junheng.draft import draft

ORIGINAL = "000_23018ebd59d83b14.txt"
DRAFT_FIXTURE = Path(__file__).resolve().parent / "data" / "draft" / "OUT"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def _copy_file(out: Path, source: str, copy: str, edit=lambda text: text) -> None:
    """Add ``copy`` to OUT as another input holding ``source``'s reports (its text edited)."""
    for name in ("reports", "figures", "items", "findings"):
        rows = _rows(out / f"{name}.jsonl")
        extra = [
            json.loads(json.dumps(r).replace(source, copy)) for r in rows if r["file"] == source
        ]
        _write(out / f"{name}.jsonl", rows + extra)
    docs = _rows(out / "documents.jsonl")
    twin = {**next(d for d in docs if d["file"] == source), "file": copy}
    twin["text"] = edit(twin["text"])
    _write(out / "documents.jsonl", [*docs, twin])
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    entry = next(i for i in manifest["inputs"] if i["file"] == source)
    manifest["inputs"].append({**entry, "file": copy, "format": Path(copy).suffix[1:]})
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")


def _body(out: Path) -> list[str]:
    document = docx.Document(str(out / "report.docx"))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("alone") / "OUT"
    shutil.copytree(DRAFT_FIXTURE, out)
    draft(out)
    return _body(out)


def test_draft_duplicates_same_text_counts_once(draft_out: Path, alone: list[str]) -> None:
    _copy_file(draft_out, ORIGINAL, "000_23018ebd59d83b14.docx")
    _copy_file(draft_out, ORIGINAL, "copy/000_23018ebd59d83b14.pdf")
    draft(draft_out)
    body = _body(draft_out)
    # the same report, the same counts: only the sentence on the files may say there were more
    assert [t for t in body if "个文件" not in t] == [t for t in alone if "个文件" not in t]
    assert any("重复" in t for t in body)
    manifest = json.loads((draft_out / "manifest.json").read_text("utf-8"))
    copies = {i["file"]: i for i in manifest["inputs"]}["copy/000_23018ebd59d83b14.pdf"]
    assert copies["duplicates"] and copies["duplicates"][0]["file"] == ORIGINAL
    assert copies["unique_documents"] == 0
    assert manifest["unique_documents"] == len(_rows(DRAFT_FIXTURE / "reports.jsonl"))
    review = (draft_out / "review.html").read_text("utf-8")
    assert "copy/000_23018ebd59d83b14.pdf" in review


def test_draft_duplicates_nearly_same_text_counts_once(draft_out: Path, alone: list[str]) -> None:
    """A PDF's copy: lines broken differently, full-width punctuation, a page number dropped."""

    def edit(text: str) -> str:
        return text.replace(",", "，").replace("。", "。\n").replace("\n\n", "\n")

    _copy_file(draft_out, ORIGINAL, "000_23018ebd59d83b14.pdf", edit)
    draft(draft_out)
    assert [t for t in _body(draft_out) if "个文件" not in t] == [
        t for t in alone if "个文件" not in t
    ]


def test_draft_duplicates_other_numbers_are_another_report(draft_out: Path) -> None:
    """Same prose with other figures (next year's report) is not a copy."""
    _copy_file(draft_out, ORIGINAL, "other.txt", lambda t: t.replace("611", "612"))
    draft(draft_out)
    manifest = json.loads((draft_out / "manifest.json").read_text("utf-8"))
    other = {i["file"]: i for i in manifest["inputs"]}["other.txt"]
    reports = [r for r in _rows(draft_out / "reports.jsonl") if r["file"] == ORIGINAL]
    text = next(d for d in _rows(draft_out / "documents.jsonl") if d["file"] == ORIGINAL)["text"]
    changed = sum(1 for r in reports if "611" in text[r["start"] : r["end"]])
    assert changed >= 1
    assert other["unique_documents"] == changed  # only the reports with 611 changed are new
