"""The .html reader: the article and its metadata survive, the site around them does not."""

from __future__ import annotations

import time

import pytest
from junheng.core.model import BlockKind
from junheng.ingest import html, read_file
from junheng.ingest.limits import DEFAULT_LIMITS, Limits

TITLE = "2023年第一季度蒙城县义务教育优质均衡创建工作推进情况"
PARAGRAPHS = (
    "按照蒙城县义务教育优质均衡创建工作进度安排，目前，我县创建工作正进入全面推进阶段。",
    "各校能按“一校一案”有序推进校园文化建设、教育教学质量提升等创建工作，教育局责任股室"
    "根据承担的创建任务补缺补差、督促指导学校有序开展创建工作。",
    "1.大力改善义务教育办学条件，优化资源配置。到2024年，县域内义务教育学校四项办学条件均达到"
    "优质均衡标准，且无明显差异。",
)
SITE_TEXT = (
    "网站首页",
    "政务公开",
    "互动交流",
    "当前位置",
    "版权所有",
    "网站标识码",
    "皖ICP备05002521号",
    "分享到",
    "相关文章",
    "蒙城县2022年工作总结",
    "打印本页",
)


def gov_page(charset: str = "utf-8", *, title_in_content: bool = True) -> str:
    """A page laid out the way county government sites are (TRS-style ids and pinyin classes)."""
    heading = f"<h1>{TITLE}</h1>" if title_in_content else ""
    paragraphs = "".join(f"<p>&nbsp;&nbsp;{text}</p>" for text in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{TITLE}_蒙城县人民政府</title>
<script>var nav = "网站首页";</script><style>.zw {{ color: red }}</style></head>
<body>
<div class="header"><div class="logo">蒙城县人民政府</div>
  <ul class="daohang"><li><a href="/">网站首页</a></li><li><a href="/zwgk">政务公开</a></li>
  <li><a href="/hd">互动交流</a></li></ul></div>
<div class="weizhi">当前位置: <a href="/">网站首页</a> &gt; <a href="/zwgk">政府信息公开</a>
  &gt; 义务教育均衡发展</div>
<div class="wrap">
<table class="xxgk_table">
  <tr><th>索引号:</th><td>11341622003178541G/202304-00028</td>
      <th>组配分类:</th><td>义务教育均衡发展</td></tr>
  <tr><th>发布机构:</th><td>蒙城县教育局</td><th>发文日期:</th><td>2023-04-05</td></tr>
</table>
<div class="article">
  {heading}
  <div class="info">发布时间:2023-04-05 21:58 信息来源:蒙城县教育局</div>
  <div id="zoom"><div class="TRS_Editor">{paragraphs}</div></div>
  <div class="fenxiang">分享到：<a href="#">微信</a><a href="#">微博</a></div>
  <div class="print"><a href="#">打印本页</a> <a href="#">关闭窗口</a></div>
</div>
<div class="xgwz"><h3>相关文章</h3><ul><li><a href="/1">蒙城县2022年工作总结</a></li></ul></div>
</div>
<div class="footer"><p>版权所有：蒙城县人民政府 网站标识码：3416220001</p>
  <p><a href="https://beian.miit.gov.cn">皖ICP备05002521号</a></p></div>
</body></html>"""


def read_html(text: str, encoding: str = "utf-8", limits: Limits = DEFAULT_LIMITS):
    return html.read(text.encode(encoding), "page.html", limits)


@pytest.mark.parametrize("title_in_content", [True, False])
def test_html_gov_page_keeps_article_and_metadata(title_in_content: bool) -> None:
    doc = read_html(gov_page(title_in_content=title_in_content))
    for text in PARAGRAPHS:
        assert text in doc.raw_text
    for text in SITE_TEXT:
        assert text not in doc.raw_text, text
    assert "发文日期" in doc.raw_text and "2023-04-05" in doc.raw_text
    headings = [block for block in doc.blocks if block.kind is BlockKind.HEADING]
    assert [(block.text, block.level) for block in headings] == [(TITLE, 1)]


def test_html_metadata_table_cells_keep_coordinates() -> None:
    doc = read_html(gov_page())
    cells = {(b.row, b.col): b.text for b in doc.blocks if b.kind is BlockKind.TABLE_CELL}
    assert cells[(1, 2)] == "发文日期:"
    assert cells[(1, 3)] == "2023-04-05"
    assert {b.table for b in doc.blocks if b.kind is BlockKind.TABLE_CELL} == {0}


def test_html_blocks_are_in_page_order() -> None:
    doc = read_html(gov_page())
    kinds = [block.kind for block in doc.blocks]
    first_heading = kinds.index(BlockKind.HEADING)
    assert all(kind is BlockKind.TABLE_CELL for kind in kinds[:first_heading])
    paragraphs = [b.text for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs[-3:] == list(PARAGRAPHS)
    numbers = [b.paragraph for b in doc.blocks if b.kind is not BlockKind.TABLE_CELL]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


@pytest.mark.parametrize("charset", ["gb2312", "gbk", "GB18030", "iso-8859-1"])
def test_html_meta_charset_decodes_gbk(charset: str) -> None:
    doc = html.read(gov_page(charset).encode("gbk"), "page.html", DEFAULT_LIMITS)
    assert doc.encoding == "gb18030"
    assert PARAGRAPHS[0] in doc.raw_text


def test_html_wrong_meta_charset_falls_back_to_detection() -> None:
    doc = html.read(gov_page("gb2312").encode("utf-8"), "page.html", DEFAULT_LIMITS)
    assert PARAGRAPHS[1] in doc.raw_text


@pytest.mark.parametrize("bom", ["utf-8-sig", "utf-16"])
def test_html_bom_wins_over_meta(bom: str) -> None:
    doc = html.read(gov_page("gb2312").encode(bom), "page.html", DEFAULT_LIMITS)
    assert PARAGRAPHS[2] in doc.raw_text


def test_html_internal_dtd_entities_are_not_expanded() -> None:
    laughs = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    page = (
        f'<!DOCTYPE html [<!ENTITY lol0 "LOLLOL">{laughs}]>'
        f"<html><body><div id='zoom'><p>{PARAGRAPHS[0]}&lol9;</p>"
        f"<p>{PARAGRAPHS[1]}</p></div></body></html>"
    )
    started = time.perf_counter()
    doc = read_html(page)
    assert time.perf_counter() - started < 2
    assert "LOLLOL" not in doc.raw_text
    assert "ENTITY" not in doc.raw_text and "]>" not in doc.raw_text
    assert PARAGRAPHS[1] in doc.raw_text


def test_html_xml_declaration_is_accepted() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + gov_page()
    assert PARAGRAPHS[0] in read_html(page).raw_text


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>第一行<br>第二行<br/>第三行</p>", ["第一行", "第二行", "第三行"]),
        ("<ul><li>一是加强领导</li><li>二是强化保障</li></ul>", ["一是加强领导", "二是强化保障"]),
        (
            "<div>直接写在 div 里的文字<span>与内联</span>尾巴</div>",
            ["直接写在 div 里的文字与内联尾巴"],
        ),
        ("<p>制表\tA\n  换行</p>", ["制表 A 换行"]),
    ],
)
def test_html_lines_become_paragraph_blocks(markup: str, expected: list[str]) -> None:
    page = f"<html><body><div id='zoom'>{markup}</div></body></html>"
    doc = read_html(page)
    assert [b.text for b in doc.blocks if b.kind is BlockKind.PARAGRAPH] == expected
    assert all("\n" not in block.text for block in doc.blocks)


def test_html_headings_keep_their_level() -> None:
    page = (
        "<html><body><div class='content'><h2>一、基本情况</h2><p>正文。</p>"
        "<h3>（一）办学条件</h3></div></body></html>"
    )
    doc = read_html(page)
    found = [(b.kind, b.text, b.level) for b in doc.blocks]
    assert (BlockKind.HEADING, "一、基本情况", 2) in found
    assert (BlockKind.HEADING, "（一）办学条件", 3) in found


def test_html_data_table_spans_give_grid_columns() -> None:
    table = (
        "<table><tr><td rowspan='2'>学校</td><td colspan='2'>生均面积</td></tr>"
        "<tr><td>教学用房</td><td>体育场馆</td></tr>"
        "<tr><td>城关小学</td><td>4.6</td><td>7.2</td></tr></table>"
    )
    doc = read_html(
        f"<html><body><div class='content'><p>附表如下。</p>{table}</div></body></html>"
    )
    cells = {(b.row, b.col): b.text for b in doc.blocks if b.kind is BlockKind.TABLE_CELL}
    assert cells == {
        (0, 0): "学校",
        (0, 1): "生均面积",
        (1, 1): "教学用房",
        (1, 2): "体育场馆",
        (2, 0): "城关小学",
        (2, 1): "4.6",
        (2, 2): "7.2",
    }


def test_html_layout_table_is_read_as_paragraphs() -> None:
    page = (
        "<html><body><table><tr><td><div id='zoom'>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div></td></tr></table></body></html>"
    )
    doc = read_html(page)
    assert [b.kind for b in doc.blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]


def test_html_without_named_content_uses_text_density() -> None:
    links = "".join(f"<a href='/{n}'>栏目链接第{n}项</a>" for n in range(40))
    page = (
        f"<html><body><div>{links}</div><div><div><p>{PARAGRAPHS[0]}</p>"
        f"<p>{PARAGRAPHS[1]}</p></div></div><div>{links}</div></body></html>"
    )
    doc = read_html(page)
    assert "栏目链接" not in doc.raw_text
    assert PARAGRAPHS[1] in doc.raw_text


def test_html_text_is_capped_with_a_warning() -> None:
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    page = f"<html><body><div id='zoom'>{paragraphs}</div></body></html>"
    doc = read_html(page, limits=Limits(max_text_chars=len(PARAGRAPHS[0]) + 10))
    assert doc.raw_text == PARAGRAPHS[0]
    assert doc.warnings and "只读取了前面部分" in doc.warnings[0]


def test_html_read_file_picks_the_html_reader(tmp_path) -> None:
    path = tmp_path / "报告.htm"
    path.write_text(gov_page(), encoding="utf-8")
    doc = read_file(path)
    assert doc.format == "html" and doc.source == "报告.htm"
    assert PARAGRAPHS[0] in doc.raw_text


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_html_a_stray_bad_byte_costs_a_warning_not_the_page(charset: str) -> None:
    data = gov_page(charset).encode(charset)
    cut = data.index(PARAGRAPHS[0][:6].encode(charset))
    doc = html.read(data[:cut] + b"\xff" + data[cut:], "page.html", DEFAULT_LIMITS)
    assert PARAGRAPHS[1] in doc.raw_text
    assert any("无法按" in warning for warning in doc.warnings)
