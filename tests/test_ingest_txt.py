"""The .txt reader: encodings detected, not assumed; one block per line."""

from __future__ import annotations

from collections.abc import Callable
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


def test_ingest_txt_nul_past_the_first_8k_is_detected(tmp_path: Path) -> None:
    """Issue 17: a NUL after the first 8 KiB passed the binary check and reached the drafts."""
    path = tmp_path / "report.txt"
    head = ("全县义务教育学校办学条件进一步改善。\n" * 400).encode()
    assert len(head) > 8192
    path.write_bytes(head + "在校生18601\x00人。\n".encode())
    doc = read_file(path)
    assert "\x00" not in doc.raw_text and "在校生18601 人" in doc.raw_text
    assert any("空字节" in warning for warning in doc.warnings)


def test_ingest_txt_binary_past_the_first_8k_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    head = ("全县义务教育学校办学条件进一步改善。\n" * 400).encode()
    path.write_bytes(head + bytes(range(256)) * 400)
    with pytest.raises(InputError, match="不是文本文件"):
        read_file(path)


LONG = SENTENCE * 40


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:1000] + b"\xff" + data[1000:],  # one stray byte
        lambda data: data[:1001] + data[1002:],  # one byte lost inside a character
        lambda data: data[:-2],  # cut in the middle of the last character
    ],
)
def test_ingest_txt_a_few_bad_bytes_are_replaced_with_a_warning(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    """Issue 17: one bad byte failed the whole report (or decoded it all as GB18030 garbage)."""
    path = tmp_path / "report.txt"
    path.write_bytes(damage(LONG.encode("utf-8")))
    doc = read_file(path)
    assert doc.encoding == "utf-8"
    assert doc.text.startswith("义马市位于河南省西部") and "教育费附加足额征收" in doc.text[-40:]
    assert "\ufffd" in doc.raw_text
    assert any("无法解码" in warning for warning in doc.warnings), doc.warnings


def test_ingest_txt_gbk_with_a_bad_byte_is_still_gbk(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    data = LONG.encode("gbk")
    path.write_bytes(data[:1000] + b"\xff" + data[1000:])
    doc = read_file(path)
    assert doc.encoding == "gb18030" and doc.text.startswith("义马市位于河南省西部")
    assert any("无法解码" in warning for warning in doc.warnings)


def test_ingest_txt_stray_utf16_bom_before_utf8_is_read_as_utf8(tmp_path: Path) -> None:
    """Issue 17: the text decoded as UTF-16 garbage and was reported ok with no figures."""
    path = tmp_path / "report.txt"
    path.write_bytes(b"\xff\xfe" + SENTENCE.encode("utf-8"))
    doc = read_file(path)
    assert doc.encoding == "utf-8"
    assert doc.text.startswith("义马市位于河南省西部")
    assert any("字节序标记" in warning for warning in doc.warnings)
