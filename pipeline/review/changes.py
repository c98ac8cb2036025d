"""What drafting again changed in report.docx and ledger.xlsx, as a person reads it.

Both drafts are read as lines (a paragraph or a table row of the report; a row of a sheet of the
ledger) before and after, and the lines compared with :mod:`difflib`: each change says where
(the report's paragraph, or the sheet and row), what it said and what it says now.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

Lines = dict[str, list[str]]  # part ("report.docx", "ledger.xlsx · 整改台账") -> its lines


@dataclass(frozen=True, slots=True)
class Change:
    part: str
    where: str
    before: str
    after: str


def docx_lines(path: Path) -> list[str]:
    """The report's paragraphs and table rows, in document order."""
    if not path.is_file():
        return []
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if block.text.strip():
                lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                # a merged cell is given once per grid column it spans: keep it once
                lines.append(" | ".join(text for text, _ in groupby(c.text for c in row.cells)))
    return lines


def xlsx_lines(path: Path) -> Lines:
    """Each sheet's rows as lines of cells joined by `` | ``."""
    if not path.is_file():
        return {}
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


def read(out: Path) -> Lines:
    """The lines of OUT's report.docx and of each sheet of its ledger.xlsx."""
    lines: Lines = {"report.docx": docx_lines(out / "report.docx")}
    for sheet, rows in xlsx_lines(out / "ledger.xlsx").items():
        lines[f"ledger.xlsx · {sheet}"] = rows
    return lines


def _where(part: str, n: int) -> str:
    return f"第{n + 1}段" if part == "report.docx" else f"第{n + 1}行"


def _pairs(olds: list[str], news: list[str]) -> list[tuple[int, str, str]]:
    """A replaced block as (place, before, after): a line paired with the next one like it
    (a number changed), the rest removed or added. A large block is paired in order."""
    if len(olds) * len(news) > 2500:
        n = max(len(olds), len(news))
        return [
            (k, olds[k] if k < len(olds) else "", news[k] if k < len(news) else "")
            for k in range(n)
        ]
    out: list[tuple[int, str, str]] = []
    j = 0
    for i, old in enumerate(olds):
        like = next(
            (
                k
                for k in range(j, len(news))
                if difflib.SequenceMatcher(a=old, b=news[k]).ratio() >= 0.75
            ),
            None,
        )
        if like is None:
            out.append((i, old, ""))
            continue
        out += [(k, "", news[k]) for k in range(j, like)]
        out.append((like, old, news[like]))
        j = like + 1
    out += [(k, "", news[k]) for k in range(j, len(news))]
    return out


def compare(before: Lines, after: Lines) -> list[Change]:
    """Every line changed, removed or added, part by part."""
    changes: list[Change] = []
    for part in dict.fromkeys([*before, *after]):
        old, new = before.get(part, []), after.get(part, [])
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            for k, was, now in _pairs(old[i1:i2], new[j1:j2]):
                at = (j1 if now else i1) + k
                changes.append(Change(part, _where(part, at), was, now))
    return changes


def summary(changes: list[Change]) -> dict[str, int]:
    """How many lines changed in each part (the parts that changed)."""
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.part] = counts.get(change.part, 0) + 1
    return counts
