"""What 「重新生成」 says changed: the ledger read with calamine as openpyxl reads it, and the
drafts' lines kept by hash so a redraft reads only what it wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from junheng.draft.corrected import review_dir
from junheng.review import changes
from review_support import seed_out


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("changes")
    return seed_out(root / "made", root / "copy")[1]


def _openpyxl_lines(path: Path) -> changes.Lines:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return {
            sheet.title: [
                " | ".join("" if v is None else str(v) for v in row).rstrip(" |")
                for row in sheet.iter_rows(values_only=True)
            ]
            for sheet in book.worksheets
        }
    finally:
        book.close()


def test_review_changes_reads_the_ledger_as_openpyxl_does(out: Path) -> None:
    lines = changes.xlsx_lines(out / "ledger.xlsx")
    assert set(lines) == {"整改台账", "指标汇总", "核查发现"}
    assert lines == _openpyxl_lines(out / "ledger.xlsx")


def test_review_changes_keeps_the_lines_it_read(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    copy = tmp_path / "OUT"
    shutil.copytree(out, copy)
    review_dir(copy).mkdir(exist_ok=True)
    first = changes.read(copy)
    assert first["report.docx"] and first["ledger.xlsx · 整改台账"]

    def unread(path: Path) -> None:
        raise AssertionError(f"{path} read again")

    monkeypatch.setattr(changes, "docx_lines", unread)
    monkeypatch.setattr(changes, "xlsx_lines", unread)
    assert changes.read(copy) == first  # the same files: the lines kept
    (copy / "ledger.xlsx").write_bytes((out / "report.docx").read_bytes())  # another file
    with pytest.raises(AssertionError, match=r"ledger\.xlsx read again"):
        changes.read(copy)
