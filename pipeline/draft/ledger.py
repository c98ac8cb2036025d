"""ledger.xlsx: 整改台账 (one row per problem), 指标汇总 (units × indicators), 核查发现.

Under 指标汇总's unit rows, when the batch has school tables, each county and level's 差异系数
as the published tables print them (全县平均值 and 差异系数 rows under the schools, a 综合
column): rows of the weighted mean, the coefficient, the profile's limit, whether it is past it
and the number of schools, under each indicator's column (:func:`_coefficient_rows`).

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
from junheng.draft.labels import cn_punct, indicator_name, number
from junheng.draft.safe import is_formula
from junheng.draft.summary import Column, Summary
from junheng.extractors.school_tables import COMPOSITE_CV
from junheng.validate import RULES
from junheng.validate.cv import Assessment, Coefficient
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
    for n, (_, marks) in enumerate(GROUPS):  # an id a group names (students, classes …)
        if indicator in marks:
            return n
    for n, (_, marks) in enumerate(GROUPS[1:], 1):  # then by its words: teachers per 100 students
        if any(m in indicator for m in marks):  # are 师资, computers per 100 students 办学条件
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
    columns = sorted(
        [*summary.columns, *_coefficient_columns(summary)],
        key=lambda c: indicator_group(c.indicator),
    )
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
    _coefficient_rows(sheet, summary, columns, 3 + len(summary.table) + 1)
    _finish(sheet, 2, len(columns) + 1, len(summary.table))
    # not shrunk to one page width: 60 columns on one A4 are unreadable; a page per group
    sheet.sheet_properties.pageSetUpPr.fitToPage = False
    sheet.page_setup.fitToWidth = sheet.page_setup.fitToHeight = None
    sheet.print_title_cols = "A:A"
    _page_breaks(sheet, list(columns), [indicator_group(c.indicator) for c in columns])


CV_FORMAT = "0.0000"  # the coefficients to four decimals (the published tables print three)
COEFFICIENT_ROWS = ("全县平均值", "差异系数", "差异系数标准", "是否超过标准", "学校数")


def _coefficient_columns(summary: Summary) -> list[Column]:
    """Columns the coefficients need that no unit's figure made: an indicator only a
    through-train school's split part has at a level, and the 综合差异系数 of a ``cv_mean`` rule."""
    have = {(c.indicator, c.level) for c in summary.columns}
    extra: dict[tuple[str, str | None], Column] = {}
    for found in summary.coefficients:
        keys = [(c.indicator, found.level) for c in found.coefficients]
        if found.is_composite:
            keys.append((COMPOSITE_CV, found.level))
        for key in keys:
            if key not in have and key not in extra:
                extra[key] = Column(key[0], key[1], "")
    return list(extra.values())


def _by_level(summary: Summary) -> dict[tuple[str, str], list[Assessment]]:
    groups: dict[tuple[str, str], list[Assessment]] = {}
    for found in summary.coefficients:
        groups.setdefault((found.county or "", found.level), []).append(found)
    return groups


def _coefficient_rows(
    sheet: Worksheet, summary: Summary, columns: list[Column], first: int
) -> None:
    """Under the units: a title row, then per county and level the rows of
    :data:`COEFFICIENT_ROWS`, each value under its indicator's column at that level."""
    groups = _by_level(summary)
    if not groups:
        return
    weighted = all(found.weighted for found in summary.coefficients)
    composite = any(found.is_composite for found in summary.coefficients)
    how = "按在校生数加权" if weighted else "不加权"
    cited = summary.coefficients[0].rule.source.cite()
    note = "" if composite else f"；{cited}不设综合差异系数，各项须分别达标"
    text = f"校际差异系数（各县（区）分学段{how}计算，一贯制学校按学段拆分{note}）"
    title = _put(sheet, first, 1, text)
    _row_break_before(sheet, first)
    title.font = Font(name=FONT, bold=True)
    title.alignment = WRAP
    width = sheet.column_dimensions["A"].width or 28
    sheet.row_dimensions[first].height = LINE_HEIGHT * _lines(text, width) + 4
    index = {(c.indicator, c.level): n for n, c in enumerate(columns, 2)}
    styles = _Styles()
    row = first + 1
    for (county, level), found in groups.items():
        for offset, name in enumerate(COEFFICIENT_ROWS):
            label = _put(sheet, row + offset, 1, f"{county}{level}{name}")
            label.font, label.alignment, label.border = Font(name=FONT, bold=True), WRAP, BORDER
        for assessment in found:
            for coefficient in assessment.coefficients:
                column = index.get((coefficient.indicator, level))
                if column is not None:
                    _coefficient_cells(sheet, row, column, assessment, coefficient, styles)
            column = index.get((COMPOSITE_CV, level))
            if assessment.is_composite and column is not None:
                _composite_cells(sheet, row, column, assessment, styles)
        row += len(COEFFICIENT_ROWS)


def _row_break_before(sheet: Worksheet, row: int) -> None:
    """Printed, the coefficients start a page of their own (under each group's columns)."""
    from openpyxl.worksheet.pagebreak import Break, RowBreak

    breaks = RowBreak()
    breaks.append(Break(id=row - 1))  # the break goes after the row before the title
    sheet.row_breaks = breaks


def _grid(sheet: Worksheet, row: int, column: int, styles: _Styles) -> None:
    """The rows of :data:`COEFFICIENT_ROWS` in one column, bordered (only where a coefficient
    is: a printed page of columns without any stays empty and is not printed)."""
    for offset in range(len(COEFFICIENT_ROWS)):
        styles.apply(sheet.cell(row=row + offset, column=column), "grid")


def _limit(assessment: Assessment) -> str:
    return "" if assessment.limit is None else f"{assessment.op}{assessment.limit:.2f}"


def _coefficient_cells(
    sheet: Worksheet,
    row: int,
    column: int,
    assessment: Assessment,
    coefficient: Coefficient,
    styles: _Styles,
) -> None:
    past = assessment.exceeds(coefficient)
    _grid(sheet, row, column, styles)
    sheet.cell(row=row, column=column, value=round(coefficient.mean, 4))
    value = sheet.cell(row=row + 1, column=column, value=round(coefficient.value, 6))
    value.number_format = CV_FORMAT
    top = "、".join(f"{p.school}（{number(p.values[coefficient.indicator])}）"
                   for p in coefficient.pulling_up())  # fmt: skip
    value.comment = Comment(
        f"不加权计算为{coefficient.unweighted:.4f}；偏离平均最多的学校：{top}", "junheng"
    )
    if assessment.is_composite:
        _put(sheet, row + 2, column, "单项不设标准")
        _put(sheet, row + 3, column, "—")
    else:
        _put(sheet, row + 2, column, _limit(assessment) or "—")
        _put(sheet, row + 3, column, "—" if past is None else ("是" if past else "否"))
    sheet.cell(row=row + 4, column=column, value=len(coefficient.parts))
    if past:
        for cell in (value, sheet.cell(row=row + 3, column=column)):
            styles.apply(cell, "below")


def _composite_cells(
    sheet: Worksheet, row: int, column: int, assessment: Assessment, styles: _Styles
) -> None:
    composite = assessment.composite
    _grid(sheet, row, column, styles)
    _put(sheet, row, column, "—")  # a mean of coefficients has no 全县平均值 of its own
    if composite is None:
        missing = "、".join(indicator_name(i) for i in assessment.missing)
        _put(sheet, row + 1, column, "缺项，未计算")
        sheet.cell(row=row + 1, column=column).comment = Comment(f"缺：{missing}", "junheng")
        return
    value = sheet.cell(row=row + 1, column=column, value=round(composite, 6))
    value.number_format = CV_FORMAT
    value.comment = Comment(f"{len(assessment.coefficients)}项单项差异系数的平均值", "junheng")
    past = assessment.composite_exceeds
    _put(sheet, row + 2, column, _limit(assessment) or "—")
    _put(sheet, row + 3, column, "—" if past is None else ("是" if past else "否"))
    sheet.cell(row=row + 4, column=column, value=assessment.schools)
    if past:
        for cell in (value, sheet.cell(row=row + 3, column=column)):
            styles.apply(cell, "below")


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
