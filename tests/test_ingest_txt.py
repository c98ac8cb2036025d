"""The .txt reader: encodings detected, not assumed; one block per line."""

from __future__ import annotations

from pathlib import Path

import pytest
from junheng.core.errors import InputError
from junheng.ingest import read_file

SENTENCE = (
    "义马市位于河南省西部,全市现有中小学校26所,在校中小学生18601人。\n二、教育费附加足额征收。\n"
)


@pytest.mark.parametrize(
    ("encoding", "prefix", "detected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("gb18030", b"", "gb18030"),
        ("gbk", b"", "gb18030"),
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("utf-16-le", b"", "utf-16-le"),
        ("utf-16-be", b"", "utf-16-be"),
    ],
)
def test_ingest_txt_detects_encoding(
    tmp_path: Path, encoding: str, prefix: bytes, detected: str
) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(prefix + SENTENCE.encode(encoding))
    doc = read_file(path)
    assert doc.encoding == detected
    assert doc.text.startswith("义马市位于河南省西部")
    assert [b.text for b in doc.blocks] == [
        "义马市位于河南省西部,全市现有中小学校26所,在校中小学生18601人。",
        "二、教育费附加足额征收。",
    ]
    assert [b.paragraph for b in doc.blocks] == [0, 1]


def test_ingest_txt_locates_blocks(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("标题\n\n第二行有数字3。74平方米\n", encoding="utf-8")
    doc = read_file(path)
    start = doc.text.index("3.74")
    where = doc.locate(start, start + 4)
    assert (where.block, where.paragraph) == (1, 2)
    assert doc.blocks[1].text[where.block_start : where.block_end] == "3。74"
    assert doc.source_text(start, start + 4) == "3。74"


@pytest.mark.parametrize(
    "payload",
    [b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, bytes(range(256)) * 10],
)
def test_ingest_txt_refuses_binary(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(payload)
    with pytest.raises(InputError, match="不是文本文件"):
        read_file(path)


def test_ingest_txt_reads_seed(tmp_path: Path, seeds: Path) -> None:
    seed = seeds / "000_23018ebd59d83b14.txt"
    doc = read_file(seed)
    assert "优先发展的战略位置" in doc.text  # 臵 → 置 in the view
    assert "优先发展的战略位臵" in doc.raw_text  # the source is untouched
