"""The .docx reader: body paragraphs and table cells in document order, nothing else."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from junheng.core.model import Block, BlockKind, Document
from junheng.ingest import docx as docx_reader
from junheng.ingest import read_file, txt
from junheng.ingest.limits import DEFAULT_LIMITS, Limits

SEED = Path(__file__).resolve().parents[1] / "corpus" / "seeds" / "002_1af8da0c0a7c36e4.txt"

_TEXTBOX = """
<mc:AlternateContent {ns}>
  <mc:Choice Requires="wps">
    <w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1"
        behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
      <wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>
      </wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>
      </wp:positionV><wp:extent cx="914400" cy="914400"/><wp:wrapNone/>
      <wp:docPr id="1" name="文本框 1"/>
      <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
        <wps:wsp><wps:txbx><w:txbxContent>
          <w:p><w:r><w:t>文本框选项文字</w:t></w:r></w:p>
        </w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>
      </a:graphicData></a:graphic></wp:anchor></w:drawing>
  </mc:Choice>
  <mc:Fallback>
    <w:pict><v:shape id="tb1" style="width:72pt;height:72pt"><v:textbox><w:txbxContent>
      <w:p><w:r><w:t>文本框备用文字</w:t></w:r></w:p>
    </w:txbxContent></v:textbox></v:shape></w:pict>
  </mc:Fallback>
</mc:AlternateContent>
"""
_TEXTBOX_NS = (
    nsdecls("w", "wp", "a")
    + ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    + ' xmlns:v="urn:schemas-microsoft-com:vml"'
    + ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def to_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read(document: docx.document.Document, limits: Limits = DEFAULT_LIMITS) -> Document:
    return docx_reader.read(to_bytes(document), "report.docx", limits)


def add_textbox(paragraph) -> None:
    """A floating text box anchored in ``paragraph``, as Word 2010+ writes it (both branches)."""
    run = paragraph.add_run()
    run._r.append(parse_xml(_TEXTBOX.format(ns=_TEXTBOX_NS)))


def report() -> docx.document.Document:
    """A small report with everything the reader must sort into body / not body."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "页眉：某某县教育局"
    section.footer.paragraphs[0].text = "页脚：第 1 页"
    document.add_heading("某某县义务教育均衡发展工作汇报", level=0)
    document.add_heading("一、基本情况", level=1)
    intro = document.add_paragraph("全县共有义务教育学校45所。")
    add_textbox(intro)
    intro.add_run("在校生3.2万人。")
    document.add_paragraph("表1 办学条件")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "指标"
    table.cell(0, 2).text = "数值"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "生均面积"
    table.cell(1, 1).text = "教学用房"
    table.cell(1, 2).text = "4.6"
    table.cell(2, 1).text = "体育场馆"
    table.cell(2, 2).text = "7.2"
    document.add_heading("（一）存在问题", level=2)
    broken = document.add_paragraph("第一行")
    broken.add_run().add_break()
    broken.add_run("第二行\t制表")
    document.add_paragraph("结语。")
    return document


def kinds_and_text(doc: Document) -> list[tuple[BlockKind, str]]:
    return [(block.kind, block.text) for block in doc.blocks]


def test_docx_blocks_in_document_order() -> None:
    doc = read(report())
    assert kinds_and_text(doc) == [
        (BlockKind.HEADING, "某某县义务教育均衡发展工作汇报"),
        (BlockKind.HEADING, "一、基本情况"),
        (BlockKind.PARAGRAPH, "全县共有义务教育学校45所。在校生3.2万人。"),
        (BlockKind.PARAGRAPH, "表1 办学条件"),
        (BlockKind.TABLE_CELL, "指标"),
        (BlockKind.TABLE_CELL, "数值"),
        (BlockKind.TABLE_CELL, "生均面积"),
        (BlockKind.TABLE_CELL, "教学用房"),
        (BlockKind.TABLE_CELL, "4.6"),
        (BlockKind.TABLE_CELL, "体育场馆"),
        (BlockKind.TABLE_CELL, "7.2"),
        (BlockKind.HEADING, "（一）存在问题"),
        (BlockKind.PARAGRAPH, "第一行"),
        (BlockKind.PARAGRAPH, "第二行 制表"),
        (BlockKind.PARAGRAPH, "结语。"),
    ]
    assert doc.format == "docx"


@pytest.mark.parametrize(
    ("absent", "part", "marker"),
    [
        ("页眉", "word/header", "页眉"),
        ("页脚", "word/footer", "页脚"),
        ("文本框选项文字", "word/document.xml", "文本框选项文字"),
        ("文本框备用文字", "word/document.xml", "文本框备用文字"),
        ("\t", "word/document.xml", "<w:tab/>"),
    ],
)
def test_docx_non_body_text_is_absent(absent: str, part: str, marker: str) -> None:
    data = to_bytes(report())
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = "".join(
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.startswith(part)
        )
    assert marker in xml  # the fixture really holds it, so its absence below means something
    assert absent not in docx_reader.read(data, "report.docx", DEFAULT_LIMITS).raw_text


def test_docx_python_docx_paragraph_text_excludes_textbox_too() -> None:
    """Documents why the reader may walk runs itself: python-docx 1.2 skips the text box as well,
    so the two agree, but it keeps soft breaks as "\\n" which a block must not contain."""
    paragraph = report().paragraphs[2]
    assert "文本框" not in paragraph.text


def test_docx_heading_levels_and_styles() -> None:
    doc = read(report())
    headings = [(b.text, b.level, b.style) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        ("某某县义务教育均衡发展工作汇报", None, "Title"),
        ("一、基本情况", 1, "Heading 1"),
        ("（一）存在问题", 2, "Heading 2"),
    ]


def test_docx_paragraph_index_counts_body_paragraphs() -> None:
    doc = read(report())
    numbered = [(b.paragraph, b.text) for b in doc.blocks if b.kind is not BlockKind.TABLE_CELL]
    assert numbered == [
        (0, "某某县义务教育均衡发展工作汇报"),
        (1, "一、基本情况"),
        (2, "全县共有义务教育学校45所。在校生3.2万人。"),
        (3, "表1 办学条件"),
        (4, "（一）存在问题"),
        (5, "第一行"),
        (5, "第二行 制表"),
        (6, "结语。"),
    ]


def test_docx_merged_cells_appear_once_at_their_grid_position() -> None:
    doc = read(report())
    cells = [(b.table, b.row, b.col, b.text) for b in doc.blocks if b.kind is BlockKind.TABLE_CELL]
    assert cells == [
        (0, 0, 0, "指标"),
        (0, 0, 2, "数值"),
        (0, 1, 0, "生均面积"),
        (0, 1, 1, "教学用房"),
        (0, 1, 2, "4.6"),
        (0, 2, 1, "体育场馆"),
        (0, 2, 2, "7.2"),
    ]
    assert all(b.paragraph is None for b in doc.blocks if b.kind is BlockKind.TABLE_CELL)


def test_docx_no_block_contains_a_newline() -> None:
    doc = read(report())
    assert all("\n" not in block.text for block in doc.blocks)
    assert doc.raw_text.count("\n") == len(doc.blocks) - 1


def test_docx_nested_table_is_flattened_in_order() -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    cell = outer.cell(0, 0)
    cell.text = "外层前"
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内层甲"
    inner.cell(0, 1).text = "内层乙"
    cell.add_paragraph("外层后")
    outer.cell(0, 1).text = "右格"
    doc = read(document)
    cells = [(b.table, b.row, b.col, b.text) for b in doc.blocks]
    assert cells == [
        (0, 0, 0, "外层前"),
        (1, 0, 0, "内层甲"),
        (1, 0, 1, "内层乙"),
        (0, 0, 0, "外层后"),
        (0, 0, 1, "右格"),
    ]


def test_docx_outline_level_makes_a_heading() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("二、主要做法")
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    document.add_paragraph("正文。")
    blocks = read(document).blocks
    assert (blocks[0].kind, blocks[0].level) == (BlockKind.HEADING, 2)
    assert (blocks[1].kind, blocks[1].level) == (BlockKind.PARAGRAPH, None)


def test_docx_chinese_heading_style_name_is_a_heading() -> None:
    document = docx.Document()
    style = document.styles.add_style("标题 3", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("（二）教师队伍", style=style)
    block = read(document).blocks[0]
    assert (block.kind, block.level, block.style) == (BlockKind.HEADING, 3, "标题 3")


def body_xml(xml: str) -> docx.document.Document:
    """A document whose body is the given raw WordprocessingML (before the section properties)."""
    document = docx.Document()
    body = document.element.body
    for element in parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>"):
        body.insert(len(body) - 1, element)
    return document


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        pytest.param(
            "<w:p><w:r><w:t>原有</w:t></w:r><w:ins w:id='1' w:author='a'><w:r><w:t>插入</w:t>"
            "</w:r></w:ins><w:del w:id='2' w:author='a'><w:r><w:delText>删除</w:delText></w:r>"
            "</w:del></w:p>",
            ["原有插入"],
            id="tracked-changes",
        ),
        pytest.param(
            "<w:sdt><w:sdtPr><w:alias w:val='封面'/></w:sdtPr><w:sdtContent><w:p><w:r>"
            "<w:t>控件中的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>",
            ["控件中的段落"],
            id="content-control",
        ),
        pytest.param(
            "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val='Table of Contents'/>"
            "</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>一、基本情况……1</w:t></w:r>"
            "</w:p></w:sdtContent></w:sdt><w:p><w:r><w:t>正文</w:t></w:r></w:p>",
            ["正文"],
            id="table-of-contents",
        ),
        pytest.param(
            "<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>PAGE</w:instrText>"
            "</w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>3</w:t></w:r>"
            "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>",
            ["3"],
            id="field-code",
        ),
        pytest.param(
            "<w:p><w:r><w:t>甲</w:t><w:br w:type='page'/><w:t>乙</w:t><w:cr/><w:t>丙</w:t>"
            "<w:noBreakHyphen/><w:t>丁</w:t></w:r></w:p>",
            ["甲", "乙", "丙-丁"],
            id="breaks",
        ),
    ],
)
def test_docx_raw_body_xml(xml: str, expected: list[str]) -> None:
    assert [block.text for block in read(body_xml(xml)).blocks] == expected


def test_docx_comments_are_not_body_text() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("正文句子。")
    document.add_comment(paragraph.runs, text="批注：数据需核实")
    assert read(document).raw_text == "正文句子。"


def test_docx_text_is_capped_with_a_warning() -> None:
    document = docx.Document()
    for number in range(10):
        document.add_paragraph(f"第{number}段内容")
    doc = read(document, Limits(max_text_chars=20))
    assert [block.text for block in doc.blocks] == ["第0段内容", "第1段内容", "第2段内容"]
    assert doc.warnings and "只读取了前面部分" in doc.warnings[0]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_docx_seed_text_matches_the_txt_reader(tmp_path: Path) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()[:60]
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / "seed.docx"
    document.save(path)
    from_docx = read_file(path)
    from_txt = txt.read("\n".join(lines).encode("utf-8"), "seed.txt", DEFAULT_LIMITS)
    assert len(from_docx.blocks) == len(from_txt.blocks) > 30
    assert _squash(from_docx.text) == _squash(from_txt.text)


def test_docx_blocks_are_model_blocks() -> None:
    assert all(isinstance(block, Block) for block in read(report()).blocks)


def test_docx_qn_sanity() -> None:
    """The reader's namespace is python-docx's (a typo would silently read nothing)."""
    assert docx_reader._w("p") == qn("w:p")


def test_docx_long_paragraph_with_stray_outline_level_stays_a_paragraph() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("全县义务教育学校办学条件持续改善，" * 8)
    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    block = read(document).blocks[0]
    assert (block.kind, block.level) == (BlockKind.PARAGRAPH, None)


def test_docx_table_of_contents_styles_are_skipped() -> None:
    document = docx.Document()
    toc = document.styles.add_style("toc 1", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("一、基本情况\t1", style=toc)
    document.add_heading("一、基本情况", level=1)
    doc = read(document)
    assert [(b.kind, b.text, b.paragraph) for b in doc.blocks] == [
        (BlockKind.HEADING, "一、基本情况", 1)
    ]


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_docx_saved_under_an_old_extension_is_read(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"report{suffix}"
    path.write_bytes(to_bytes(report()))
    doc = read_file(path)
    assert doc.format == "docx"
    assert doc.blocks, "the body was read"
