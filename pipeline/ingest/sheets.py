"""Spreadsheets (.xlsx, .xls, .et): every sheet's cells as table-cell blocks.

A sheet becomes one table: each non-empty cell a :class:`~junheng.core.model.Block` of kind
``table_cell`` with ``table`` (the sheet's index), ``row``/``col`` (0-based, as in the sheet) and
``sheet`` (its name). A merged cell holds its value in its first cell only, as in a Word table;
what the header rows mean (a header spanning columns, two or three header rows) is worked out
from the grid by :mod:`junheng.extractors.school_tables`, the same for every format.

.xlsx is read with openpyxl (``read_only``, ``data_only``: the values Excel last computed, not
formulas) after the package checks of :mod:`junheng.ingest.safezip`; .xls and WPS 表格 .et (both
OLE compound files) with python-calamine, and through LibreOffice (:mod:`junheng.ingest.office`)
when calamine cannot read one.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from junheng.core.document import build_document, cap_blocks
from junheng.core.errors import InputError
from junheng.core.model import Block, BlockKind, Document
from junheng.ingest import office, safezip
from junheng.ingest.limits import Limits
from junheng.ingest.reasons import library_reason

_LINES = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")
_MAX_COLUMNS = 256
"""Cells right of this column are not read (a report's table is never this wide; a sheet that
says it is holds formatting, not data)."""


def read_xlsx(data: bytes, source: str, limits: Limits) -> Document:
    """An Excel workbook (.xlsx): every sheet's values."""
    package = safezip.check_package(data, limits, "xlsx")
    if "xl/workbook.xml" not in package.names:
        raise InputError("不是 Excel 表格：压缩包中没有 xl/workbook.xml")
    return _document(source, "xlsx", _openpyxl_sheets(data), limits)


def read_xls(data: bytes, source: str, limits: Limits) -> Document:
    """An Excel 97–2003 workbook (.xls)."""
    return _read_binary(data, source, limits, "xls")


def read_et(data: bytes, source: str, limits: Limits) -> Document:
    """A WPS 表格 workbook (.et)."""
    return _read_binary(data, source, limits, "et")


def _read_binary(data: bytes, source: str, limits: Limits, fmt: str) -> Document:
    try:
        sheets = list(_calamine_sheets(data))
    except Exception as exc:  # calamine's errors are its own types: try LibreOffice instead
        if office.soffice() is None:
            raise InputError(f".{fmt} 表格无法读取：{library_reason(exc)}") from exc
        converted = office.convert(data, f".{fmt}", limits, target="xlsx")
        document = read_xlsx(converted, source, limits)
        return build_document(source, fmt, document.blocks, warnings=document.warnings)
    return _document(source, fmt, iter(sheets), limits)


Sheet = tuple[str, Iterable[tuple[int, Iterable[tuple[int, Any, str]]]]]
"""A sheet's name and its rows: ``(row index, cells)``, a cell ``(col index, value, format)``."""


def _document(source: str, fmt: str, sheets: Iterator[Sheet], limits: Limits) -> Document:
    blocks, warnings = cap_blocks(_blocks(sheets), limits.max_text_chars)
    if not any(block.text.strip() for block in blocks):
        raise InputError("表格中没有任何内容")
    return build_document(source, fmt, blocks, warnings=warnings)


def _blocks(sheets: Iterator[Sheet]) -> Iterator[Block]:
    for index, (name, rows) in enumerate(sheets):
        for row, cells in rows:
            for col, value, number_format in cells:
                if col >= _MAX_COLUMNS:
                    break
                text = cell_text(value, number_format)
                for line in _LINES.split(text):
                    if line.strip():
                        yield Block(
                            BlockKind.TABLE_CELL, line.strip(),
                            table=index, row=row, col=col, sheet=name,
                        )  # fmt: skip


def cell_text(value: Any, number_format: str = "") -> str:
    """A cell's value as a report would write it: ``12`` not ``12.0``, ``95.5%`` for a
    percent-formatted 0.955, dates as ISO.

    >>> cell_text(12.0), cell_text(4.50), cell_text(0.955, "0.0%"), cell_text(None)
    ('12', '4.5', '95.5%', '')
    """
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return ""
        if "%" in number_format:
            return f"{_plain(value * 100)}%"
        return _plain(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _plain(value: float) -> str:
    rounded = round(float(value), 10)
    if rounded.is_integer():
        return str(int(rounded))
    return format(rounded, ".10f").rstrip("0").rstrip(".")


def _openpyxl_sheets(data: bytes) -> Iterator[Sheet]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (KeyError, ValueError, TypeError, OSError, zipfile.BadZipFile) as exc:
        raise InputError(f"xlsx 文件无法解析：{library_reason(exc)}") from exc
    try:
        for sheet in book.worksheets:
            if not hasattr(sheet, "iter_rows"):  # a chart sheet holds no cells
                continue
            yield sheet.title, _openpyxl_rows(sheet)
    finally:
        book.close()


def _openpyxl_rows(sheet: Any) -> Iterator[tuple[int, Iterator[tuple[int, Any, str]]]]:
    for row in sheet.iter_rows():
        cells = [
            (cell.column - 1, cell.value, cell.number_format or "")
            for cell in row
            if getattr(cell, "value", None) is not None and getattr(cell, "column", None)
        ]
        if cells:
            yield _row_index(row), iter(cells)


def _row_index(row: tuple[Any, ...]) -> int:
    return next(cell.row for cell in row if getattr(cell, "row", None)) - 1


def _calamine_sheets(data: bytes) -> Iterator[Sheet]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        yield name, [
            (r, [(c, value, "") for c, value in enumerate(values) if value not in ("", None)])
            for r, values in enumerate(rows)
            if any(value not in ("", None) for value in values)
        ]
