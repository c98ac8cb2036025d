"""Make the committed per-school fixtures of tests/test_school_fixtures.py (run by hand; the tests
only read them).

Needs openpyxl (a dependency) and, for the old binary formats, LibreOffice::

    apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui
    /work/venv/bin/python tests/data/schools/make_fixtures.py

What it writes next to itself:

* ``甲县学校基本情况统计表.xlsx``: a caption row naming the county, then three merged header rows
  (办学条件 / 师资配置 over 生均面积（平方米）, 每百名学生拥有 … over 教学及辅助用房, 体育运动场馆 …),
  a 学段 column and enrolment split into 小学 and 初中 columns; 8 小学, 4 初中 and one 九年一贯制
  school, with the eight indicators of the 2012 综合差异系数 and the seven of 2017.
* ``乙县学校基本情况统计表.xlsx``: no caption, two header rows, a 县区 column merged down the school
  rows, 5 小学 and 3 初中 with five indicators only (so the 2012 composite cannot be computed).
* ``schools.json``: every school row as written (the tests compute the coefficients from it by
  hand).
* with LibreOffice: ``甲县学校基本情况统计表.xls`` (the first workbook saved as Excel 97–2003),
  ``乙县学校基本情况统计表.et`` (the second saved the same way under WPS 表格's name: an .et is an
  Excel 97–2003 compound file, which LibreOffice cannot write under its own name), and
  ``000_23018ebd59d83b14.doc`` / ``.wps`` (the seed corpus/seeds/000_23018ebd59d83b14.docx saved
  as Word 97–2003; the .wps is the same bytes under WPS 文字's name, which is what WPS writes for a
  Word-compatible file and LibreOffice cannot write itself).
"""

# ruff: noqa: E501 (the school rows are a table, one row a line)
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[2] / "corpus" / "seeds" / "000_23018ebd59d83b14.docx"

# The indicators of a row, in column order after the name, type and enrolment columns.
JIA_FIELDS = (
    "teaching_area_per_student", "sports_area_per_student", "equipment_value_per_student",
    "computers_per_100_students", "multimedia_rooms_per_100_students", "books_per_student",
    "student_teacher_ratio", "qualified_teachers_per_student", "senior_title_teachers_per_student",
    "qualified_teachers_per_100_students", "backbone_teachers_per_100_students",
    "pe_art_teachers_per_100_students",
)  # fmt: skip
# name, 学段, 小学在校生, 初中在校生, then JIA_FIELDS (生师比 = 在校生 ÷ 专任教师, rounded)
JIA: list[tuple[Any, ...]] = [
    ("城关第一小学", "小学", 1800, None, 5.2, 9.1, 2600, 12.5, 2.6, 31.2, 18.8, 0.051, 0.027, 5.3, 1.2, 1.0),
    ("城关第二小学", "小学", 1500, None, 4.8, 8.0, 2400, 11.8, 2.5, 29.5, 18.3, 0.052, 0.025, 5.2, 1.1, 0.95),
    ("城关第三小学", "小学", 1200, None, 4.6, 7.9, 2300, 10.9, 2.4, 28.0, 18.2, 0.050, 0.024, 4.9, 1.0, 0.92),
    ("东风小学", "小学", 900, None, 6.1, 12.5, 3100, 13.6, 2.8, 33.5, 17.3, 0.054, 0.030, 5.6, 1.3, 1.1),
    ("柳河镇中心小学", "小学", 640, None, 7.9, 15.2, 3900, 15.0, 3.1, 36.0, 16.0, 0.058, 0.033, 6.0, 1.4, 1.2),
    ("柳河镇东村小学", "小学", 120, None, 12.4, 30.5, 6100, 20.8, 4.2, 52.5, 10.9, 0.075, 0.042, 7.5, 0.8, 1.7),
    ("石桥镇中心小学", "小学", 560, None, 5.0, 24.0, 2500, 12.1, 2.5, 30.4, 16.5, 0.055, 0.029, 5.4, 1.1, 1.0),
    ("青山乡北岭小学", "小学", 60, None, 18.2, 45.0, 9200, 25.0, 5.0, 70.0, 8.6, 0.083, 0.050, 8.3, 0.0, 1.7),
    ("城关第一初级中学", "初中", None, 1600, 6.4, 11.2, 3300, 15.2, 2.8, 38.0, 12.5, 0.072, 0.046, 7.0, 1.6, 1.1),
    ("城关第二初级中学", "初中", None, 1250, 6.0, 10.4, 3100, 14.6, 2.7, 36.5, 12.8, 0.070, 0.044, 6.8, 1.5, 1.0),
    ("柳河镇中学", "初中", None, 700, 7.2, 14.0, 3600, 16.0, 3.0, 40.2, 11.7, 0.074, 0.047, 7.1, 1.3, 1.2),
    ("石桥镇中学", "初中", None, 420, 8.3, 16.8, 4000, 17.5, 3.3, 43.0, 11.1, 0.076, 0.045, 7.4, 1.2, 1.2),
    ("青山乡九年一贯制学校", "九年一贯制", 380, 260, 6.6, 13.0, 3200, 14.0, 2.9, 35.0, 12.3, 0.064, 0.038, 6.2, 1.0, 1.0),
]  # fmt: skip

YI_FIELDS = (
    "teaching_area_per_student", "sports_area_per_student", "equipment_value_per_student",
    "computers_per_100_students", "books_per_student",
)  # fmt: skip
# name, 学校类型, 在校生, then YI_FIELDS
YI: list[tuple[Any, ...]] = [
    ("乙县实验小学", "小学", 2100, 4.9, 8.6, 2450, 11.2, 30.5),
    ("乙县第二小学", "小学", 1650, 4.7, 8.2, 2380, 10.8, 29.0),
    ("新华小学", "小学", 980, 5.3, 9.0, 2600, 11.9, 32.0),
    ("河口镇中心小学", "小学", 720, 5.6, 9.5, 2700, 12.4, 33.1),
    ("河口镇南岗小学", "小学", 260, 6.2, 10.8, 2900, 13.0, 35.5),
    ("乙县第一中学", "初中", 1900, 6.1, 10.9, 3050, 14.2, 37.0),
    ("乙县第二中学", "初中", 1300, 6.3, 11.4, 3150, 14.8, 38.2),
    ("河口镇中学", "初中", 650, 6.8, 12.0, 3300, 15.5, 40.0),
]  # fmt: skip

CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _merge(sheet: Worksheet, cells: str, value: str) -> None:
    sheet[cells.split(":")[0]] = value
    if ":" in cells:
        sheet.merge_cells(cells)


def _style(sheet: Worksheet, header_rows: range) -> None:
    for row in header_rows:
        for cell in sheet[row]:
            cell.alignment, cell.font = CENTER, Font(bold=True)
    for column in "ABCDEFGHIJKLMNOPQR":
        sheet.column_dimensions[column].width = 12
    sheet.column_dimensions["B"].width = 22


def write_jia(path: Path) -> None:
    """Caption, three merged header rows, one row per school from row 5."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "学校基本情况"
    _merge(sheet, "A1:R1", "甲县2023年义务教育学校基本情况统计表")
    sheet["A1"].font = Font(bold=True, size=14)
    for cells, value in (
        ("A2:A4", "序号"), ("B2:B4", "学校名称"), ("C2:C4", "学段"),
        ("D2:E3", "在校生数（人）"), ("D4", "小学"), ("E4", "初中"),
        ("F2:K2", "办学条件"), ("F3:G3", "生均面积（平方米）"), ("F4", "教学及辅助用房"),
        ("G4", "体育运动场馆"), ("H3:H4", "生均教学仪器设备值（元）"),
        ("I3:J3", "每百名学生拥有"), ("I4", "计算机（台）"), ("J4", "网络多媒体教室（间）"),
        ("K3:K4", "生均图书（册）"),
        ("L2:Q2", "师资配置"), ("L3:L4", "生师比"), ("M3:N3", "生均教师数（人）"),
        ("M4", "高于规定学历"), ("N4", "中级及以上职称"), ("O3:Q3", "每百名学生拥有教师数（人）"),
        ("O4", "高于规定学历"), ("P4", "县级以上骨干教师"), ("Q4", "体育艺术专任教师"),
        ("R2:R4", "备注"),
    ):  # fmt: skip
        _merge(sheet, cells, value)
    for n, (name, kind, primary, junior, *values) in enumerate(JIA, 1):
        sheet.append([n, name, kind, primary, junior, *values])
    _style(sheet, range(2, 5))
    book.save(path)


def write_yi(path: Path) -> None:
    """Two merged header rows, a 县区 column merged down the school rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "办学条件"
    for cells, value in (
        ("A1:A2", "县区"), ("B1:B2", "学校名称"), ("C1:C2", "学校类型"), ("D1:D2", "在校学生数（人）"),
        ("E1:F1", "生均面积（㎡）"), ("E2", "教学及辅助用房"), ("F2", "体育运动场馆"),
        ("G1:G2", "生均教学仪器设备值（元）"), ("H1:H2", "每百名学生拥有计算机台数（台）"),
        ("I1:I2", "生均图书（册）"),
    ):  # fmt: skip
        _merge(sheet, cells, value)
    for n, row in enumerate(YI):
        sheet.append(["乙县" if n == 0 else None, *row])
    sheet.merge_cells(f"A3:A{2 + len(YI)}")
    _style(sheet, range(1, 3))
    book.save(path)


def write_json(path: Path) -> None:
    data = {
        "甲县": {
            "file": "甲县学校基本情况统计表.xlsx",
            "fields": ["name", "type", "小学", "初中", *JIA_FIELDS],
            "rows": [list(row) for row in JIA],
        },
        "乙县": {
            "file": "乙县学校基本情况统计表.xlsx",
            "fields": ["name", "type", "students", *YI_FIELDS],
            "rows": [list(row) for row in YI],
        },
    }
    lines = ["{"]
    for n, (county, table) in enumerate(data.items()):
        lines.append(f"  {json.dumps(county, ensure_ascii=False)}: {{")
        lines.append(f'    "file": {json.dumps(table["file"], ensure_ascii=False)},')
        lines.append(f'    "fields": {json.dumps(table["fields"], ensure_ascii=False)},')
        rows = [f"      {json.dumps(row, ensure_ascii=False)}" for row in table["rows"]]
        lines.append('    "rows": [\n' + ",\n".join(rows) + "\n    ]")
        lines.append("  }" + ("," if n < len(data) - 1 else ""))
    lines.append("}")
    text = "\n".join(lines) + "\n"
    assert json.loads(text) == data
    path.write_text(text, encoding="utf-8")


def _soffice(source: Path, target: str, out: Path, profile: Path) -> Path:
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         target, "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / f"{source.stem}.{target.split(':')[0]}"


def write_binary(jia: Path, yi: Path) -> None:
    """The old binary forms, through LibreOffice."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        profile = work / "profile"
        xls = _soffice(jia, "xls", work / "xls", profile)
        shutil.copyfile(xls, HERE / xls.name)
        et = _soffice(yi, "xls", work / "et", profile)
        shutil.copyfile(et, HERE / f"{yi.stem}.et")
        doc = _soffice(SEED, "doc", work / "doc", profile)
        shutil.copyfile(doc, HERE / doc.name)
        shutil.copyfile(doc, HERE / f"{SEED.stem}.wps")


def main() -> int:
    jia = HERE / "甲县学校基本情况统计表.xlsx"
    yi = HERE / "乙县学校基本情况统计表.xlsx"
    write_jia(jia)
    write_yi(yi)
    write_json(HERE / "schools.json")
    if shutil.which("soffice") is None:
        print("soffice not found: the .xls, .et, .doc and .wps fixtures were not made")
        return 1
    write_binary(jia, yi)
    return 0


if __name__ == "__main__":
    sys.exit(main())
