"""The PDF reader: furniture stripped, broken lines joined, tables as cells, bad files refused.

Two kinds of input. Committed fixtures in tests/data/pdf/ (made by make_fixtures.py with
LibreOffice, so they have real Chinese layout: justified lines, quotes drawn out of order, a
running head, ``第 N 页 共 M 页``). And PDFs built here with pypdfium2 and the standard Courier
font, where every line sits exactly where the test puts it: 70 Courier characters make a full line.
"""

from __future__ import annotations

import ctypes
import io
import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from junheng.core.errors import InputError
from junheng.core.model import BlockKind, Document
from junheng.ingest.limits import DEFAULT_LIMITS, Limits
from junheng.ingest.pdf import is_page_number, read

DATA = Path(__file__).parent / "data" / "pdf"
FULL = "The county has built many new schools and has improved the conditions"  # 70 chars
FULL_2 = "Funds of 3.74 million yuan were spent on the buildings and playgrounds"  # 70 chars
Item = tuple[float, float, str]


def make_pdf(pages: list[list[Item]], size: tuple[float, float] = (595.0, 842.0)) -> bytes:
    """A PDF whose pages hold the given ``(x, y, text)`` lines in 12 pt Courier."""
    pdf = pdfium.PdfDocument.new()
    try:
        for items in pages:
            page = pdf.new_page(*size)
            for x, y, text in items:
                obj = pdfium_c.FPDFPageObj_NewTextObj(pdf, b"Courier", 12.0)
                buffer = ctypes.create_string_buffer((text + "\x00").encode("utf-16-le"))
                wide = ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
                pdfium_c.FPDFText_SetText(obj, wide)
                pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
                pdfium_c.FPDFPage_InsertObject(page, obj)
            pdfium_c.FPDFPage_GenerateContent(page)
            page.close()
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
    finally:
        pdf.close()


def body(lines: list[str], top: float = 700.0) -> list[Item]:
    """Lines set 14 pt apart from ``top`` down, at the left margin."""
    return [(50.0, top - 14.0 * i, text) for i, text in enumerate(lines)]


def texts(doc: Document) -> list[str]:
    return [block.text for block in doc.blocks]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_fixture(name: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    return read((DATA / name).read_bytes(), name, limits)


# --- broken lines --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([FULL, "of rural schools."], [f"{FULL} of rural schools."]),
        ([FULL, FULL_2, "in all."], [f"{FULL} {FULL_2} in all."]),
        (["A short line", "next line"], ["A short line", "next line"]),
        ([FULL[:-1] + ":", "next line"], [FULL[:-1] + ":", "next line"]),
        ([FULL, "1. Teachers are exchanged."], [FULL, "1. Teachers are exchanged."]),
        ([FULL, "(2) Funding is secured."], [FULL, "(2) Funding is secured."]),
        ([FULL, "OK", "2024"], [f"{FULL} OK", "2024"]),
    ],
    ids=["joined", "three-lines", "short-line", "colon", "heading-1.", "heading-(2)", "short-kept"],
)
def test_pdf_rejoins_broken_lines(lines: list[str], expected: list[str]) -> None:
    doc = read(make_pdf([body(lines)]), "t.pdf", DEFAULT_LIMITS)
    assert texts(doc) == expected
    assert [block.paragraph for block in doc.blocks] == list(range(len(expected)))
    assert {block.page for block in doc.blocks} == {1}


def test_pdf_joins_paragraph_across_page_break() -> None:
    pages = [
        [*body(["Opening line.", FULL]), (50, 40, "1")],
        [*body(["of rural schools.", "A new paragraph."]), (50, 40, "2")],
    ]
    doc = read(make_pdf(pages), "t.pdf", DEFAULT_LIMITS)
    assert texts(doc) == ["Opening line.", f"{FULL} of rural schools.", "A new paragraph."]
    assert [block.page for block in doc.blocks] == [1, 1, 2]


def test_pdf_heading_after_page_break_starts_a_paragraph() -> None:
    pages = [body(["Opening line.", FULL]), body(["2. Teachers.", "More."])]
    doc = read(make_pdf(pages), "t.pdf", DEFAULT_LIMITS)
    assert texts(doc) == ["Opening line.", FULL, "2. Teachers.", "More."]


# --- heads, footers, page numbers ---------------------------------------------------------------


@pytest.mark.parametrize("folio", ["- 1 -", "— 1 —", "1/5", "1", "Page 1 of 5"])
def test_pdf_drops_page_number_at_foot_of_single_page(folio: str) -> None:
    doc = read(
        make_pdf([[*body(["Short body line", "12"]), (280, 40, folio)]]), "t.pdf", DEFAULT_LIMITS
    )
    assert texts(doc) == ["Short body line", "12"]  # a short body line, even a number, stays


def test_pdf_keeps_number_line_inside_the_body() -> None:
    doc = read(make_pdf([body(["First line", "7", "Last line"])]), "t.pdf", DEFAULT_LIMITS)
    assert texts(doc) == ["First line", "7", "Last line"]


def test_pdf_drops_repeated_head_and_foot_with_digits_masked() -> None:
    pages = [
        [
            (200, 800, f"County report {2020 + n}"),
            *body([f"Body of page {n}."]),
            (200, 60, "Jinan education bureau"),
            (280, 40, f"- {n} -"),
        ]
        for n in range(1, 5)
    ]
    doc = read(make_pdf(pages), "t.pdf", DEFAULT_LIMITS)
    assert texts(doc) == [f"Body of page {n}." for n in range(1, 5)]
    assert doc.pages == 4


def test_pdf_keeps_a_title_that_repeats_the_running_head() -> None:
    """Page 1 starts with the title under a running head of the same words: only the head goes."""
    head = (200.0, 800.0, "County report")
    pages = [[head, *body(["County report", "Body one."])], [head, *body(["Body two."])]]
    doc = read(make_pdf(pages), "t.pdf", DEFAULT_LIMITS)
    assert texts(doc) == ["County report", "Body one.", "Body two."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("— 1 —", True),
        ("- 12 -", True),
        ("第 1 页", True),
        ("第1页 共5页", True),
        ("第 2 页，共 5 页", True),
        ("1/5", True),
        ("3", True),
        ("Page 2 of 9", True),
        ("2024年5月10日", False),
        ("一、基本情况", False),
        ("共5页材料", False),
        ("12345", False),
    ],
)
def test_pdf_is_page_number(text: str, expected: bool) -> None:
    assert is_page_number(text) is expected


# --- a real layout (LibreOffice) ----------------------------------------------------------------


def test_pdf_report_fixture_gives_back_the_paragraphs() -> None:
    """Head (the title again), ``第 N 页 共 M 页`` and line breaks gone; each paragraph whole."""
    doc = read_fixture("report.pdf")
    expected = json.loads((DATA / "report.json").read_text(encoding="utf-8"))
    assert [squeeze(t) for t in texts(doc)] == [squeeze(t) for t in expected]
    assert doc.pages == 3 and doc.warnings == ()
    assert "“政府主导、部门协作、学校落实、社会参与”" in doc.text  # quotes back in place
    assert "3.020亿元" in doc.text
    assert not any("页" in t and "共" in t for t in texts(doc))


def page_lines(path: Path, index: int) -> list[str]:
    """A page's lines as pdfium gives them, without spaces and quotes (pdfium misplaces them)."""
    pdf = pdfium.PdfDocument(path.read_bytes())
    try:
        page = pdf[index]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        textpage.close()
        page.close()
    finally:
        pdf.close()
    return [unquoted for line in text.splitlines() if (unquoted := re.sub(r"[“”\s]", "", line))]


def test_pdf_report_fixture_joins_a_paragraph_across_pages() -> None:
    """Page 1 ends inside a paragraph (then comes the folio), page 2 goes on with it after the
    running head: one block, on page 1."""
    page_1, page_2 = page_lines(DATA / "report.pdf", 0), page_lines(DATA / "report.pdf", 1)
    assert page_1[-1] == "第1页共3页" and page_2[0] == "某县义务教育均衡发展工作汇报"
    assert page_1[-2][-1] not in "。：" and not page_2[1].startswith(("一、", "二、", "三、"))
    seam = page_1[-2] + page_2[1] + page_2[2]
    doc = read_fixture("report.pdf")
    carrying = [b for b in doc.blocks if seam in re.sub(r"[“”\s]", "", b.text)]
    assert len(carrying) == 1
    assert carrying[0].page == 1


def test_pdf_table_fixture_gives_cells_not_paragraphs() -> None:
    doc = read_fixture("table.pdf")
    table = json.loads((DATA / "table.json").read_text(encoding="utf-8"))
    cells = [b for b in doc.blocks if b.kind is BlockKind.TABLE_CELL]
    assert [[b.text for b in cells if b.row == r] for r in range(len(table))] == table
    assert {(b.table, b.page) for b in cells} == {(0, 1)}
    assert [(b.row, b.col) for b in cells] == [(r, c) for r in range(4) for c in range(3)]
    paragraphs = [b.text for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs[-2:] == ["全县主要办学指标对比情况如下：", "以上指标均达到省定标准。"]
    assert not any("平方米" in p for p in paragraphs)  # the table's text is not repeated
    kinds = [b.kind for b in doc.blocks]
    assert kinds.index(BlockKind.TABLE_CELL) > texts(doc).index("全县主要办学指标对比情况如下：")


def test_pdf_table_search_failure_keeps_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def choke(data: bytes, numbers: list[int]) -> None:
        raise ValueError("pdfminer choked")

    monkeypatch.setattr("junheng.ingest.pdf._find_tables", choke)
    doc = read_fixture("table.pdf")
    assert {b.kind for b in doc.blocks} == {BlockKind.PARAGRAPH}
    assert "生均体育运动场馆面积" in squeeze(doc.text)  # the cells, read as lines
    assert any("表格识别失败" in w for w in doc.warnings)


# --- pages without text, bad files ---------------------------------------------------------------


def test_pdf_without_text_layer_is_refused() -> None:
    with pytest.raises(InputError, match="没有文字层"):
        read(make_pdf([[], []]), "scan.pdf", DEFAULT_LIMITS)


def test_pdf_empty_page_in_text_pdf_is_a_warning() -> None:
    doc = read(make_pdf([body(["Page one."]), [], body(["Page three."])]), "t.pdf", DEFAULT_LIMITS)
    assert texts(doc) == ["Page one.", "Page three."]
    assert len(doc.warnings) == 1 and "第 2 页" in doc.warnings[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (bytes(range(256)) * 8, "已损坏"),
        (b"%PDF-1.7\n" + b"\x00" * 300, "已损坏"),
        ((DATA / "report.pdf").read_bytes()[:20_000], "已损坏"),
        ((DATA / "encrypted.pdf").read_bytes(), "受密码保护"),
    ],
    ids=["empty", "random", "header-only", "truncated", "encrypted"],
)
def test_pdf_bad_file_raises_input_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read(data, "bad.pdf", DEFAULT_LIMITS)
    assert "\n" not in str(caught.value)


def test_pdf_page_limit() -> None:
    with pytest.raises(InputError, match="页数过多"):
        read_fixture("report.pdf", Limits(max_pdf_pages=2))


def test_pdf_text_limit_cuts_with_a_warning() -> None:
    doc = read_fixture("report.pdf", Limits(max_text_chars=200))
    assert 0 < len(doc.raw_text) <= 200
    assert any("只读取了前面部分" in w for w in doc.warnings)


def _with_broken_page(data: bytes, page: int) -> bytes:
    """The PDF with the page tree's ``page``-th kid (0-based) pointing at an object that is not
    there: pdfium can neither load that page nor tell its size."""
    kids = re.search(rb"/Kids\s*\[([^\]]*)\]", data)
    assert kids is not None
    refs = re.findall(rb"\d+ 0 R", kids.group(1))
    tree = kids.group(0).replace(refs[page], b"99999 0 R", 1)
    return data[: kids.start()] + tree + data[kids.end() :]


def test_pdf_one_broken_page_is_partial_with_the_others_read(seeds: Path) -> None:
    """Issue 17: a PDF with one broken page failed whole ("内部错误…PdfiumError")."""
    data = (seeds / "000_23018ebd59d83b14.pdf").read_bytes()
    whole = read(data, "x.pdf", DEFAULT_LIMITS)
    doc = read(_with_broken_page(data, 1), "x.pdf", DEFAULT_LIMITS)
    assert doc.pages == whole.pages
    assert any("第 2 页已损坏" in warning for warning in doc.warnings)
    assert not any("没有文字" in warning for warning in doc.warnings)  # said once, as damage
    assert {b.page for b in doc.blocks} == {b.page for b in whole.blocks} - {2}
    last = [b.text for b in whole.blocks if b.page == whole.pages]
    assert last and all(text in doc.raw_text for text in last[-3:])
