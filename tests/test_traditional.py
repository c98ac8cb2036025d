"""A web copy in Traditional script (many are converted) yields what the Simplified one does."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from pipeline.runner import InputFile, process_file

SEEDS = Path(__file__).parent.parent / "corpus" / "seeds"


def _rows(path: Path, name: str) -> dict[str, list[tuple]]:
    result = process_file(InputFile(path, name))
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
        for f in result.rows["figures"]
    ]
    items = [
        (i["doc"], i["kind"], i["index"], i["category"], i["status"], str(i["links"]))
        for i in result.rows["items"]
    ]
    findings = [(f["rule"], tuple(f["values"])) for f in result.rows["findings"]]
    return {"figures": figures, "items": items, "findings": findings}


@pytest.mark.corpus
@pytest.mark.parametrize("seed", ["000_23018ebd59d83b14.txt", "001_ea2f5b18e91f2ba8.txt"])
def test_traditional_copy_gives_the_same_rows(tmp_path: Path, seed: str) -> None:
    source = (SEEDS / seed).read_text("utf-8")
    copy = tmp_path / seed
    copy.write_text(opencc.OpenCC("s2t").convert(source), encoding="utf-8")
    simplified, traditional = _rows(SEEDS / seed, seed), _rows(copy, seed)
    assert simplified["figures"] and simplified["items"]
    assert traditional == simplified
    texts = [i["text"] for i in process_file(InputFile(copy, seed)).rows["items"]]
    assert any("學" in text or "師" in text for text in texts)  # output keeps the source's script
