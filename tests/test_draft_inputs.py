"""OUT's rows read back for drafting: every string XML-safe, whether or not a row is cleaned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from junheng.draft.inputs import rows
from junheng.draft.safe import _XML_ILLEGAL, clean

TRICKY = [
    "\x00",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1f",
    "\ud800",
    "\udfff",
    "\ufffe",
    "\uffff",
    "\t",
    "\n",
    "\r",
    "\\b",
    "\\",
    "😀",
    "é",
    "3。74",
]


def _written(tmp_path: Path, row: dict, ensure_ascii: bool) -> Path:
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=ensure_ascii) + "\n", "utf-8", "surrogatepass")
    return path


@pytest.mark.parametrize("ensure_ascii", [False, True])
@pytest.mark.parametrize("char", TRICKY)
def test_draft_inputs_rows_are_cleaned_where_they_need_it(
    tmp_path: Path, char: str, ensure_ascii: bool
) -> None:
    row = {"file": "a.txt", "text": f"在校生{char}1200人", "evidence": [{"text": char}]}
    path = _written(tmp_path, row, ensure_ascii)
    if "\ud800" <= char <= "\udfff" and not ensure_ascii:
        return  # a lone surrogate cannot be UTF-8: no file of junheng holds one raw
    assert list(rows(path)) == [clean(json.loads(path.read_text("utf-8")))]


@given(
    st.dictionaries(
        st.sampled_from(["text", "unit_name", "message"]),
        st.lists(st.sampled_from(TRICKY) | st.characters(), max_size=12).map("".join),
    ),
    st.booleans(),
)
def test_draft_inputs_rows_equal_cleaned_rows(row: dict, ensure_ascii: bool) -> None:
    import tempfile

    if not ensure_ascii and any("\ud800" <= c <= "\udfff" for v in row.values() for c in v):
        ensure_ascii = True  # written raw, a lone surrogate is no UTF-8
    with tempfile.TemporaryDirectory() as folder:
        path = _written(Path(folder), row, ensure_ascii)
        read = list(rows(path))
        assert read == [clean(json.loads(path.read_text("utf-8")))]  # as every row was cleaned
        assert not any(_XML_ILLEGAL.search(v) for v in read[0].values())
