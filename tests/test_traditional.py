"""A web copy in Traditional script (many are converted) yields what the Simplified one does."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest
from junheng.core.codec import rows_of
from junheng.runner import InputFile, process_file

pytestmark = pytest.mark.slow  # the whole per-file task, twice per test


def _rows(path: Path, name: str) -> dict[str, list[tuple]]:
    rows = rows_of(process_file(InputFile(path, name)))
    figures = [
        (
            f["doc"],
            f["indicator"],
            f["value"],
            f["level"],
            f["year"],
            f["kind"],
            f["start"],
            f["end"],
        )
        for f in rows["figures"]
    ]
    items = [
        (i["doc"], i["kind"], i["index"], i["category"], i["status"], str(i["links"]))
        for i in rows["items"]
    ]
    findings = [(f["rule"], tuple(f["values"])) for f in rows["findings"]]
    return {"figures": figures, "items": items, "findings": findings}


@pytest.mark.corpus
@pytest.mark.parametrize("seed", ["000_23018ebd59d83b14.txt", "001_ea2f5b18e91f2ba8.txt"])
def test_traditional_copy_gives_the_same_rows(tmp_path: Path, seeds: Path, seed: str) -> None:
    source = (seeds / seed).read_text("utf-8")
    copy = tmp_path / seed
    copy.write_text(opencc.OpenCC("s2t").convert(source), encoding="utf-8")
    simplified, traditional = _rows(seeds / seed, seed), _rows(copy, seed)
    assert simplified["figures"] and simplified["items"]
    assert traditional == simplified
    texts = [i["text"] for i in rows_of(process_file(InputFile(copy, seed)))["items"]]
    assert any("學" in text or "師" in text for text in texts)  # output keeps the source's script


@pytest.mark.corpus
def test_web_noise_copy_gives_the_same_rows(tmp_path: Path, seeds: Path) -> None:
    """Zero-width characters, full-width spaces and full-width digits, as scraped pages carry
    them, do not change what is read (offsets aside: a space kept beside punctuation moves them)."""
    seed = "000_23018ebd59d83b14.txt"
    source = (seeds / seed).read_text("utf-8")
    noisy = []
    for index, ch in enumerate(source):
        if ch.isdigit():
            ch = chr(ord(ch) + 0xFEE0)  # full-width digit
        noisy.append(ch)
        if index % 23 == 0 and "\u4e00" <= ch <= "\u9fff":
            noisy.append("\u200b" if index % 2 else "\u3000")
    copy = tmp_path / seed
    copy.write_text("".join(noisy), encoding="utf-8")
    noisy_rows, clean_rows = _rows(copy, seed), _rows(seeds / seed, seed)
    assert [f[:6] for f in noisy_rows["figures"]] == [f[:6] for f in clean_rows["figures"]]
    assert noisy_rows["items"] == clean_rows["items"]
    assert noisy_rows["findings"] == clean_rows["findings"]
