"""Spreadsheets refused before openpyxl opens them (junheng.ingest.safezip) are reported as the
workbooks they are: the message names xlsx, never docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from junheng.runner import InputFile, process_file

WORKBOOK = Path(__file__).parent / "data" / "schools" / "甲县学校基本情况统计表.xlsx"


def _damaged(data: bytes) -> bytes:
    """The workbook with one byte of its sheet's compressed data flipped (its CRC fails)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


def _with_member(data: bytes, name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(name, b"x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_damaged, "xlsx 文件已损坏"),
        (lambda data: _with_member(data, "../evil.xml"), "xlsx 压缩包含不安全的成员路径"),
    ],
)
def test_ingest_sheets_zip_problems_name_the_workbook(tmp_path, make, words):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(make(WORKBOOK.read_bytes()))
    result = process_file(InputFile(path, path.name))
    assert result.status == "failed"
    assert words in result.error and "docx" not in result.error
