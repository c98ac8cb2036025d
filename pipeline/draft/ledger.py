"""ledger.xlsx: 整改台账 (one row per problem), 指标汇总 (units × indicators), 核查发现.

Laid out to read in Excel/WPS without resizing: header frozen, filters on, widths and wrapping
set, cells that miss a standard filled red with the finding as a comment. Every text goes in as a
text cell, so a report's ``=HYPERLINK(…)`` or a file named ``+1.txt`` never runs as a formula
(:func:`_put`).
"""

from __future__ import annotations

from copy import copy
from pathlib import Path
from typing import ClassVar

from junheng.draft.inputs import Batch
from junheng.draft.labels import cn_punct, number
from junheng.draft.safe import is_formula
from junheng.draft.summary import Summary
from junheng.validate import RULES
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FONT = "仿宋"
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
STANDARD_FILL = PatternFill("solid", fgColor="F3F0E4")
BELOW_FILL = PatternFill("solid", fgColor="F8CBAD")
THIN = Side(style="thin", color="A0A0A0")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

LEDGER_COLUMNS = (
    ("序号", 6),
    ("单位", 20),
    ("问题类别", 10),
    ("问题描述", 40),
    ("整改措施", 40),
    ("整改情况", 40),
    ("状态", 8),
    ("责任单位/责任人", 14),
    ("整改时限", 12),
    ("来源文件", 26),
    ("页码", 6),
)
FINDING_COLUMNS = (
    ("序号", 6),
    ("级别", 8),
    ("规则", 16),
    ("单位", 20),
    ("说明", 44),
    ("涉及数值", 18),
    ("应为", 10),
    ("标准", 30),
    ("证据原文", 50),
    ("来源文件", 26),
    ("页码", 6),
)
SEVERITY = {"error": "错误", "warning": "疑点", "info": "提示"}
RULE_NAMES = {rule_id: rule.description for rule_id, rule in RULES.items()}  # ids stay in jsonl
LINE_HEIGHT = 15  # points per wrapped line at the sheets' 11-point font
BODY_FONT = Font(name=FONT)
BELOW_FONT = Font(name=FONT, bold=True, color="9C0006")


class _Styles:
    """Cell styles by name, set on a cell in one step.

    Assigning a font, an alignment and a border looks each up in the workbook's style lists by
    hashing it, once per attribute and cell; openpyxl keeps a cell's style as one small array of
    those indices, so the first cell of each name is styled attribute by attribute and every
    later one gets a copy of its array, which is the same at a fraction of the cost.
    """

    SPECS: ClassVar[dict[str, dict[str, object]]] = {
        "body": {"font": BODY_FONT, "alignment": WRAP, "border": BORDER},
        "grid": {"alignment": CENTER, "border": BORDER},
        "below": {"alignment": CENTER, "border": BORDER, "fill": BELOW_FILL, "font": BELOW_FONT},
    }

    def __init__(self) -> None:
        self._arrays: dict[str, StyleArray] = {}

    def apply(self, cell: Cell, name: str) -> Cell:
        array = self._arrays.get(name)
        if array is None:
            for attribute, value in self.SPECS[name].items():
                setattr(cell, attribute, value)
            self._arrays[name] = copy(cell._style)
        else:
            cell._style = copy(array)
        return cell


def _put(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write ``value`` into a cell; a text is always a text cell, never a formula. One that
    would start a formula also gets Excel's quote prefix (what typing ``'=…`` gives), so editing
    the cell in Excel or WPS keeps it text."""
    cell: Cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if is_formula(value):
            cell.quotePrefix = True
    return cell


def _header(sheet: Worksheet, columns: tuple[tuple[str, int], ...], row: int = 1) -> None:
    for col, (name, width) in enumerate(columns, 1):
        cell = sheet.cell(row=row, column=col, value=name)
        cell.font = Font(name=FONT, bold=True)
        cell.fill, cell.alignment, cell.border = HEADER_FILL, CENTER, BORDER
        sheet.column_dimensions[get_column_letter(col)].width = width


def _display_width(text: str) -> int:
    """Columns a text takes in Excel's units: a Chinese character is two, ASCII one."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _lines(value: object, width: float) -> int:
    """Lines a wrapped cell needs at ``width`` (Excel/WPS do not grow rows written by a program)."""
    if value is None:
        return 1
    usable = max(width - 1, 1)
    return sum(max(1, -(-_display_width(part) // int(usable))) for part in str(value).split("\n"))


def _body(sheet: Worksheet, rows: list[list[object]], first: int) -> None:
    widths = [
        sheet.column_dimensions[get_column_letter(c)].width or 10
        for c in range(1, max((len(r) for r in rows), default=0) + 1)
    ]
    styles = _Styles()
    for r, values in enumerate(rows, first):
        for c, value in enumerate(values, 1):
            styles.apply(sheet.cell(row=r, column=c), "body")
            _put(sheet, r, c, value)
        lines = max((_lines(v, widths[c]) for c, v in enumerate(values)), default=1)
        sheet.row_dimensions[r].height = min(LINE_HEIGHT * lines + 4, 409)  # Excel's maximum


def _finish(sheet: Worksheet, header_row: int, columns: int, rows: int) -> None:
    last = get_column_letter(columns)
    sheet.auto_filter.ref = f"A{header_row}:{last}{max(header_row, header_row + rows)}"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    sheet.row_dimensions[header_row].height = 30
    # Printed or exported: A4 landscape, every column on the page, the header on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"


def _ledger_sheet(sheet: Worksheet, summary: Summary) -> None:
    _header(sheet, LEDGER_COLUMNS)
    rows = [[*r.cells(), r.file, r.page] for r in summary.ledger]
    _body(sheet, rows, 2)
    _finish(sheet, 1, len(LEDGER_COLUMNS), len(rows))


# 指标汇总 printed: one group of indicators to a page (A4 landscape, the units' column repeated
# on every page), a group wider than a page split every PAGE_COLUMNS columns.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("学校与学生", ("schools", "students", "boarding_students", "classes")),
    ("师资", ("staff", "teacher", "student_teacher_ratio")),
    ("普及与巩固", ("_rate",)),
    ("办学条件", ("_per_student", "_per_100_students", "books")),
    ("经费", ("funding", "revenue", "edu_surcharge", "public_funds")),
)
PAGE_COLUMNS = 9  # 14-wide indicator columns beside the 28-wide unit column fill an A4 landscape
INDICATOR_WIDTH = 14


def indicator_group(indicator: str) -> int:
    """The position in :data:`GROUPS` of the group an indicator is printed with (last: 其他)."""
    if indicator in ("funding_growth", "revenue_growth", "public_funds_per_student"):
        return 4
    for n, (_, marks) in enumerate(GROUPS):
        if any(indicator == m or m in indicator for m in marks):
            return n
    return len(GROUPS)


def _page_breaks(sheet: Worksheet, columns: list[object], group_of: list[int]) -> None:
    """A page break before each group and every :data:`PAGE_COLUMNS` columns within one."""
    from openpyxl.worksheet.pagebreak import Break, ColBreak

    breaks = ColBreak()
    run = 0
    for n in range(1, len(columns)):
        run += 1
        if group_of[n] != group_of[n - 1] or run >= PAGE_COLUMNS:
            breaks.append(Break(id=n + 1))  # after sheet column n + 1 (column A holds the units)
            run = 0
    sheet.col_breaks = breaks


def _indicator_sheet(sheet: Worksheet, summary: Summary) -> None:
    """Row 1 the standard, row 2 the indicator names, then one row per unit; the columns by
    indicator group (:data:`GROUPS`), each group on pages of its own when printed."""
    columns = sorted(summary.columns, key=lambda c: indicator_group(c.indicator))
    sheet.cell(row=1, column=1, value="标准")
    sheet.cell(row=2, column=1, value="单位")
    _header(sheet, (("单位", 28),), row=2)
    for c, column in enumerate(columns, 2):
        standard = "" if column.expected is None else number(column.expected)
        top = _put(sheet, 1, c, standard)
        top.fill, top.alignment, top.border = STANDARD_FILL, CENTER, BORDER
        if column.standard:
            top.comment = Comment(cn_punct(column.standard), "junheng")
        unit = f"（{column.unit}）" if column.unit else ""
        head = _put(sheet, 2, c, f"{column.label}{unit}")
        head.font, head.fill, head.alignment, head.border = (
            Font(name=FONT, bold=True),
            HEADER_FILL,
            CENTER,
            BORDER,
        )
        sheet.column_dimensions[get_column_letter(c)].width = INDICATOR_WIDTH
    first = sheet.cell(row=1, column=1)
    first.font, first.fill, first.alignment = Font(name=FONT, bold=True), STANDARD_FILL, CENTER
    styles = _Styles()
    for r, (unit, cells) in enumerate(sorted(summary.table.items()), 3):
        _put(sheet, r, 1, unit).font = BODY_FONT
        for c, column in enumerate(columns, 2):
            found = cells.get(column)
            below = found is not None and found.below is not None
            cell = styles.apply(sheet.cell(row=r, column=c), "below" if below else "grid")
            if found is None:
                continue
            if found.figure is not None:
                cell.value = found.figure.value
            if found.below is not None:
                cell.comment = Comment(cn_punct(found.below.message), "junheng")
                cell.value = cell.value if cell.value is not None else "未达标"
    sheet.row_dimensions[2].height = 45
    _finish(sheet, 2, len(columns) + 1, len(summary.table))
    # not shrunk to one page width: 60 columns on one A4 are unreadable; a page per group
    sheet.sheet_properties.pageSetUpPr.fitToPage = False
    sheet.page_setup.fitToWidth = sheet.page_setup.fitToHeight = None
    sheet.print_title_cols = "A:A"
    _page_breaks(sheet, list(columns), [indicator_group(c.indicator) for c in columns])


def _findings_sheet(sheet: Worksheet, batch: Batch, summary: Summary) -> None:
    _header(sheet, FINDING_COLUMNS)
    rows = []
    for n, f in enumerate(batch.findings, 1):
        rows.append(
            [
                n,
                SEVERITY.get(f.severity, f.severity),
                RULE_NAMES.get(f.rule, f.rule),
                summary.unit_for(f),
                cn_punct(f.message),
                "、".join(number(v) for v in f.values),
                "" if f.expected is None else number(f.expected),
                cn_punct(f.standard),
                "\n".join(summary.quotes(f)),
                f.file,
                "、".join(dict.fromkeys(str(e.page) for e in f.evidence if e.page)) or "",
            ]
        )
    _body(sheet, rows, 2)
    for r, f in enumerate(batch.findings, 2):
        if f.severity == "error":
            sheet.cell(row=r, column=2).font = Font(name=FONT, bold=True, color="9C0006")
    _finish(sheet, 1, len(FINDING_COLUMNS), len(rows))


def write(batch: Batch, summary: Summary, path: Path) -> Path:
    book = Workbook()
    _ledger_sheet(book.active, summary)
    book.active.title = "整改台账"
    _indicator_sheet(book.create_sheet("指标汇总"), summary)
    _findings_sheet(book.create_sheet("核查发现"), batch, summary)
    book.save(path)
    return path
