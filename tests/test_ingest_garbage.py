"""Garbage text (issue 17): a file that decodes into characters no report is written in is
``partial`` with a Chinese reason, and no real report (the seeds in every form, the 50 dev-corpus
pages, 13 of them Traditional with pinyin glosses) comes anywhere near the threshold.

The garbage is built here from the seeds' own text, the way it arises: UTF-8 read as Latin-1 or as
UTF-16 and saved again, broken-font PDF text (private-use code points, U+FFFD).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from junheng.core.model import Status
from junheng.ingest import read_file
from junheng.ingest.garbage import GARBAGE_SHARE, MIN_CHARS, garbage_reason, unexpected_share
from junheng.runner import InputFile, process_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
DEV_DOCS = ROOT.parent / "shared" / "devcorpus" / "docs"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def seed_text() -> str:
    return (SEEDS / "000_23018ebd59d83b14.txt").read_text("utf-8")[:3000]


def _utf16_misread(text: str) -> str:
    data = text.encode("utf-8")
    return data[: len(data) // 2 * 2].decode("utf-16-le", "replace")


GARBAGE: dict[str, Callable[[str], str]] = {
    "utf8-read-as-latin1": lambda text: text.encode("utf-8").decode("latin-1"),
    "utf8-read-as-cp1252": lambda text: text.encode("utf-8").decode("cp1252", "replace"),
    "gbk-read-as-latin1": lambda text: text.encode("gbk", "replace").decode("latin-1"),
    "utf8-read-as-utf16": _utf16_misread,
    "replacement-characters": lambda text: "".join("\ufffd" if ch > "~" else ch for ch in text),
    "private-use-font": lambda text: "".join(
        chr(0xE000 + ord(ch) % 6000) if ch > "~" else ch for ch in text
    ),
}


@pytest.mark.parametrize("kind", list(GARBAGE))
def test_ingest_garbage_txt_is_partial_with_a_chinese_reason(tmp_path: Path, kind: str) -> None:
    text = "".join(ch for ch in GARBAGE[kind](seed_text()) if ch >= " " or ch in "\n\t")
    path = tmp_path / f"{kind}.txt"
    path.write_text(text, "utf-8")
    result = process_file(InputFile(path, path.name))
    assert result.status is Status.PARTIAL, (result.status, result.error)
    assert result.error and "文本疑似乱码" in result.error and "\n" not in result.error


def test_ingest_garbage_docx_of_private_use_text_is_flagged(tmp_path: Path) -> None:
    """A .docx (as a PDF with a broken font gives) whose text is private-use code points."""
    document = docx.Document()
    for line in GARBAGE["private-use-font"](seed_text()).splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "font.docx"
    path.write_bytes(buffer.getvalue())
    assert any("文本疑似乱码" in warning for warning in read_file(path).warnings)


def test_ingest_garbage_half_garbage_is_flagged_and_a_little_noise_is_not() -> None:
    text = seed_text()
    assert garbage_reason(text + GARBAGE["private-use-font"](text))
    noisy = text + "\ufffd" * (len(text) // 20)  # a damaged file: 5% replaced
    assert garbage_reason(noisy) is None


@pytest.mark.parametrize(
    "text", ["", "\ufffd" * (MIN_CHARS - 1), "short 短文本", " \n\t" * 100]
)  # fmt: skip
def test_ingest_garbage_short_or_empty_texts_are_not_judged(text: str) -> None:
    assert garbage_reason(text) is None


def test_ingest_garbage_pinyin_glosses_and_traditional_script_are_expected() -> None:
    text = "學校（xué xiào）辦學條件（bàn xué tiáo jiàn）進一步改善，鞏固率達到 95.6％ ①㎡℃×·—…"
    assert unexpected_share(text * 5)[0] == 0.0


@pytest.mark.parametrize("form", [".txt", ".docx", ".pdf"])
def test_ingest_garbage_no_seed_is_flagged(form: str) -> None:
    for path in sorted(SEEDS.glob(f"*{form}")):
        doc = read_file(path)
        share, _ = unexpected_share(doc.raw_text)
        assert share < GARBAGE_SHARE / 10, (path.name, share)
        assert not any("乱码" in warning for warning in doc.warnings), path.name


@pytest.mark.skipif(
    not DEV_DOCS.is_dir() or not SHARED_SEEDS.is_dir(), reason="../shared corpus not present"
)
def test_ingest_garbage_no_dev_corpus_page_or_shared_seed_is_flagged() -> None:
    paths = sorted(DEV_DOCS.glob("*.txt")) + sorted(SHARED_SEEDS.glob("*.txt"))
    assert len(paths) >= 55
    for path in paths:
        doc = read_file(path)
        share, _ = unexpected_share(doc.raw_text)
        assert share < GARBAGE_SHARE / 10, (path.name, share)
        assert not any("乱码" in warning for warning in doc.warnings), path.name
