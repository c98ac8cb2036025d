"""Web pages (.html): the article of a government or 文库 page, without the site around it.

A saved report page is mostly site: navigation menus, a breadcrumb (当前位置：网站首页 > …),
share buttons, related links and a footer (版权所有, 网站标识码, ICP 备案号). The reader drops
those by tag and by id/class (English and pinyin names: ``nav``, ``daohang``, ``weizhi``,
``fenxiang`` …), finds the article (an element named like ``content``/``zoom``/``TRS_Editor``,
else the element holding most of the page's non-link Chinese text) and keeps, in page order: the
metadata table (索引号 … 发文日期, which segmentation uses for the date), the page title when the
article does not repeat it, and the article's headings, paragraphs and table cells.

Parsing never touches the network or a DTD: lxml's HTML parser does not expand declared entities,
and the DOCTYPE (with any internal subset) is cut before parsing.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

import lxml.html
from junheng.core.document import build_document, cap_blocks
from junheng.core.errors import InputError
from junheng.core.model import Block, BlockKind, Document
from junheng.ingest.encoding import decode_text
from junheng.ingest.limits import Limits
from lxml import etree

META_SCAN_BYTES = 2048
_MAX_REPLACED_SHARE = 0.002
"""At most this share of a page's characters may be undecodable bytes for it to be read anyway."""
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_CHARSET_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "cp936": "gb18030", "utf8": "utf-8", "big5": "big5hkscs",
}  # fmt: skip
_WESTERN = frozenset(
    {"iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "ascii", "us-ascii"}
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DOCTYPE = re.compile(r"<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.IGNORECASE | re.DOTALL)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_DROP_TAGS = frozenset(
    {
        "script", "style", "noscript", "iframe", "nav", "header", "footer", "aside", "form",
        "button", "select", "textarea", "input", "template", "svg", "object", "embed", "canvas",
        "link", "meta",
    }
)  # fmt: skip
_BOILERPLATE_NAME = re.compile(
    r"nav|menu|breadcrumb|crumb|footer|header|share|sidebar|comment|copyright|related|daohang"
    r"|weizhi|fenxiang|banquan|xgwz|xgxx|dayin|guanbi|bdshare|jiathis"
    r"|(?:^|[\s_-])(?:foot|head|top|bottom|position|location|logo|search|print|tools?)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT_NAME = re.compile(
    r"content|article|zoom|trs_editor|detail|main|zhengwen|wenzhang|news_con|conter|text"
    r"|(?:^|[\s_-])zw(?:$|[\s_-])",
    re.IGNORECASE,
)
_TITLE_NAME = re.compile(r"(?:^|[\s_-])(?:title|biaoti|bt)(?:$|[\s_-])", re.IGNORECASE)
_RICH_TEXT_CHARS = 300
"""A boilerplate-named element with this much non-link Chinese text is kept: a page that puts the
article inside ``<div class="main-header-wrap">`` must not lose it."""
_MIN_CONTENT_CHARS = 30
_DESCEND_SHARE = 0.9
"""Descend from a wrapper into its child while the child holds this share of the wrapper's text."""
_DESCEND_TAGS = frozenset({"div", "section", "article", "main", "td", "center"})
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "section", "article", "main", "blockquote",
        "center", "address", "figure", "figcaption", "caption", "hr", "body", "html", "tr", "td",
        "th", "tbody", "thead", "tfoot",
    }
)  # fmt: skip
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_METADATA_LABELS = (
    "索引号", "发布机构", "发文日期", "成文日期", "发布日期", "文号", "主题分类", "组配分类"
)  # fmt: skip
_BOILERPLATE_LINE = re.compile(
    r"版权所有|网站标识码|ICP\s*[备证]|公网安备|当前位置|您现在的位置|您的位置"
    r"|打印本页|关闭窗口|分享到"
)
_MAX_BOILERPLATE_LINE = 100
_MAX_METADATA_CHARS = 2000
_MAX_METADATA_CANDIDATES = 200
_MAX_SPAN = 50
_WHITESPACE = re.compile(r"[ \t\r\n\f]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]| - | — |－)\s*")


def read(data: bytes, source: str, limits: Limits) -> Document:
    """Read a web page into the blocks of its article (see the module docstring)."""
    text, encoding, warnings = decode_html(data)
    root = _parse(text)
    page_title = _title_element_text(root)
    _drop_boilerplate(root)
    content = _main_content(root)
    blocks, cut = cap_blocks(_page_blocks(root, content, page_title), limits.max_text_chars)
    return build_document(source, "html", blocks, encoding=encoding, warnings=[*warnings, *cut])


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """Decode by BOM, then the ``<meta>`` charset in the first 2 KB, then by detection.

    Returns ``(text, encoding, warnings)``. A declared charset that does not decode the page
    (sites often say gb2312 and serve UTF-8) is not trusted: UTF-8 and GB18030 are tried. A page
    that none decodes cleanly but one decodes with a handful of bad bytes (a character cut by a
    CMS template) is kept, the bytes replaced and a warning added: one stray byte must not cost a
    whole report, and a guess by detection would more likely be mojibake.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return (*decode_text(data), [])
    declared = _declared_charset(data[:META_SCAN_BYTES])
    if declared:
        for encoding in _candidates(declared):
            try:
                return data.decode(encoding), encoding, []
            except (UnicodeDecodeError, LookupError):
                continue
        lenient = _decode_leniently(data, declared)
        if lenient is not None:
            return lenient
    try:
        return (*decode_text(data), [])
    except InputError:
        lenient = _decode_leniently(data, None)
        if lenient is None:
            raise
        return lenient


def _candidates(declared: str) -> tuple[str, ...]:
    """Strict UTF-8 first (GBK text is almost never valid UTF-8, so a page that decodes is UTF-8
    whatever it declares), then the declared charset, then GB18030; a declared single-byte Western
    charset (which decodes anything, into mojibake) goes last."""
    if declared in _WESTERN:
        return tuple(dict.fromkeys(("utf-8", "gb18030", declared)))
    return tuple(dict.fromkeys(("utf-8", declared, "gb18030")))


def _decode_leniently(data: bytes, declared: str | None) -> tuple[str, str, list[str]] | None:
    """The first of the declared charset, UTF-8, GB18030 that leaves few replaced bytes."""
    if b"\x00" in data[:8192]:
        return None  # binary, not a page with a few bad bytes
    for encoding in dict.fromkeys(name for name in (declared, "utf-8", "gb18030") if name):
        try:
            text = data.decode(encoding, errors="replace")
        except LookupError:
            continue
        bad = text.count("\ufffd")
        if bad <= len(text) * _MAX_REPLACED_SHARE:
            return text, encoding, [f"网页有 {bad} 处字节无法按 {encoding} 解码，已替换为 �"]
    return None


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    if name.startswith("utf-16") or name.startswith("utf16"):
        return None  # a page whose <meta> is readable as ASCII is not UTF-16
    return _CHARSET_ALIASES.get(name, name)


def _parse(text: str) -> lxml.html.HtmlElement:
    """Parse with recovery, no network, no DTD; the XML declaration and DOCTYPE are cut first."""
    text = _XML_DECLARATION.sub("", text, count=1)
    text = _DOCTYPE.sub("", text, count=1)
    text = _CONTROL_CHARS.sub("", text)
    parser = lxml.html.HTMLParser(
        recover=True,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        default_doctype=False,
        collect_ids=False,
    )
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"网页无法解析：{exc}") from exc


def _title_element_text(root: lxml.html.HtmlElement) -> str | None:
    """The ``<title>``'s longest segment: "报告标题_某某县人民政府" → "报告标题"."""
    title = root.find(".//title")
    if title is None:
        return None
    text = _clean(title.text_content())
    segments = [segment for segment in _TITLE_SEPARATORS.split(text) if segment]
    return max(segments, key=len) if segments else None


def _drop_boilerplate(root: lxml.html.HtmlElement) -> None:
    """Remove site furniture by tag, then by id/class unless it holds a lot of article text."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag in _DROP_TAGS or element.tag == "title":
            _remove(element)
    scores = _scores(root)
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.tag in ("html", "body"):
            continue
        if not _BOILERPLATE_NAME.search(_names(element)):
            continue
        if scores.get(element, 0) < _RICH_TEXT_CHARS and not _is_metadata(element):
            _remove(element)


def _is_metadata(element: lxml.html.HtmlElement) -> bool:
    """Names two metadata labels (索引号, 发文日期 …): kept even inside a "head" box."""
    text = element.text_content()
    return len(text) < _MAX_METADATA_CHARS and sum(label in text for label in _METADATA_LABELS) >= 2


def _remove(element: lxml.html.HtmlElement) -> None:
    """Remove ``element`` but keep its tail text (it belongs to the parent)."""
    if element.getparent() is not None:
        element.drop_tree()


def _names(element: lxml.html.HtmlElement) -> str:
    return f"{element.get('id', '')} {element.get('class', '')}".strip()


def _scores(root: lxml.html.HtmlElement) -> dict[lxml.html.HtmlElement, int]:
    """Non-link Chinese characters under each element, computed children-first in one pass."""
    total: dict[lxml.html.HtmlElement, int] = {}
    links: dict[lxml.html.HtmlElement, int] = {}
    for element in reversed(list(root.iter())):
        count = _cjk(element.text)
        linked = 0
        for child in element:
            count += total.get(child, 0) + _cjk(child.tail)
            linked += links.get(child, 0)
        total[element] = count
        links[element] = count if element.tag == "a" else linked
    return {element: total[element] - links[element] for element in total}


def _cjk(text: str | None) -> int:
    return len(_CJK.findall(text)) if text else 0


def _main_content(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The article: the best content-named element if it holds half the page's text, else the
    body; then down through wrappers whose one child holds nearly all the text."""
    scores = _scores(root)
    body = root.find("body")
    start = body if body is not None else root
    named = [
        element
        for element in start.iter()
        if isinstance(element.tag, str)
        and _CONTENT_NAME.search(_names(element))
        and scores[element] >= _MIN_CONTENT_CHARS
    ]
    if named:
        best = max(named, key=lambda element: scores[element])
        if scores[best] * 2 >= scores[start]:
            start = best
    return _descend(start, scores)


def _descend(
    element: lxml.html.HtmlElement, scores: dict[lxml.html.HtmlElement, int]
) -> lxml.html.HtmlElement:
    while True:
        children = list(_descent_children(element))
        if not children:
            return element
        best = max(children, key=lambda child: scores.get(child, 0))
        if scores.get(best, 0) < _DESCEND_SHARE * scores.get(element, 0) or not scores.get(best):
            return element
        element = best


def _descent_children(element: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """Children to descend into; a table's cells count, so a layout table is seen through."""
    for child in element:
        if child.tag in ("table", "tbody", "thead", "tfoot", "tr"):
            yield from _descent_children(child)
        elif child.tag in _DESCEND_TAGS:
            yield child


def _page_blocks(
    root: lxml.html.HtmlElement, content: lxml.html.HtmlElement, page_title: str | None
) -> Iterator[Block]:
    """Metadata (when before the article), the title if the article lacks it, the article."""
    emitter = _Emitter()
    metadata = _metadata_element(root, content)
    before = metadata is not None and _precedes(root, metadata, content)
    if metadata is not None and before:
        yield from emitter.emit(metadata)
    article = list(emitter.emit(content))
    title = _heading_title(root) or page_title
    if title and not any(_squash(title) in _squash(block.text) for block in article):
        yield Block(BlockKind.HEADING, title, level=1)
    yield from article
    if metadata is not None and not before:
        yield from emitter.emit(metadata)


def _heading_title(root: lxml.html.HtmlElement) -> str | None:
    """The first ``<h1>`` (site furniture is gone by now), else an element named ``title``."""
    for element in root.iter("h1"):
        text = _clean(element.text_content())
        if text:
            return text
    for element in root.iter():
        if isinstance(element.tag, str) and _TITLE_NAME.search(_names(element)):
            text = _clean(element.text_content())
            if 4 <= len(text) <= 100:
                return text
    return None


def _metadata_element(
    root: lxml.html.HtmlElement, content: lxml.html.HtmlElement
) -> lxml.html.HtmlElement | None:
    """The smallest table (or list) outside the article naming two metadata labels.

    Only the first few hundred candidates are looked at: the metadata sits at the top of a page,
    and a hostile page with a million tables must not cost a million text scans.
    """
    around = set(content.iterancestors())
    found = None
    for number, element in enumerate(root.iter("table", "ul", "dl")):
        if number >= _MAX_METADATA_CANDIDATES:
            break
        if element in around or content in (element, *element.iterancestors()):
            continue
        if _is_metadata(element) and (found is None or found in element.iterancestors()):
            found = element
    return found


def _precedes(
    root: lxml.html.HtmlElement, first: lxml.html.HtmlElement, second: lxml.html.HtmlElement
) -> bool:
    for element in root.iter():
        if element is first:
            return True
        if element is second:
            return False
    return False


class _Emitter:
    """Walks an element in page order and turns it into blocks.

    Inline text gathers into a line; a block element or ``<br>`` ends the line. Inside a table
    cell every line becomes a TABLE_CELL block with the cell's coordinates; a table with one cell
    per row is layout, not data, and is walked as plain paragraphs.
    """

    def __init__(self) -> None:
        self.paragraphs = 0
        self.tables = 0
        self.line: list[str] = []
        self.cell: tuple[int, int, int] | None = None

    def emit(self, element: lxml.html.HtmlElement) -> Iterator[Block]:
        yield from self._visit(element)
        yield from self._flush()

    def _visit(self, element: lxml.html.HtmlElement) -> Iterator[Block]:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _HEADINGS:
            yield from self._flush()
            yield from self._add(_clean(element.text_content()), _HEADINGS[tag])
        elif tag == "table" and not _is_layout_table(element):
            yield from self._flush()
            yield from self._table(element)
        elif tag == "br":
            yield from self._flush()
        elif tag == "pre":
            yield from self._flush()
            for line in element.text_content().splitlines():
                yield from self._add(_clean(line))
        elif tag in _BLOCK_TAGS or tag == "table":
            yield from self._flush()
            yield from self._children(element)
            yield from self._flush()
        elif tag:
            yield from self._children(element)

    def _children(self, element: lxml.html.HtmlElement) -> Iterator[Block]:
        if element.text:
            self.line.append(element.text)
        for child in element:
            yield from self._visit(child)
            if child.tail:
                self.line.append(child.tail)

    def _flush(self) -> Iterator[Block]:
        text = _clean("".join(self.line))
        self.line = []
        yield from self._add(text)

    def _add(self, text: str, level: int | None = None) -> Iterator[Block]:
        if not text or _is_boilerplate_line(text):
            return
        if self.cell is not None:
            table, row, col = self.cell
            yield Block(BlockKind.TABLE_CELL, text, table=table, row=row, col=col)
            return
        kind = BlockKind.HEADING if level else BlockKind.PARAGRAPH
        yield Block(kind, text, paragraph=self.paragraphs, level=level)
        self.paragraphs += 1

    def _table(self, table: lxml.html.HtmlElement) -> Iterator[Block]:
        index = self.tables
        self.tables += 1
        outer = self.cell
        for row, col, cell in _grid(table):
            self.cell = (index, row, col)
            yield from self._children(cell)
            yield from self._flush()
        self.cell = outer


def _rows(table: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


def _is_layout_table(table: lxml.html.HtmlElement) -> bool:
    return all(len(row.xpath("./td | ./th")) <= 1 for row in _rows(table))


def _grid(table: lxml.html.HtmlElement) -> Iterator[tuple[int, int, lxml.html.HtmlElement]]:
    """Each cell with its row and first grid column, honouring rowspan and colspan (capped)."""
    taken: set[tuple[int, int]] = set()
    for row, tr in enumerate(_rows(table)):
        col = 0
        for cell in tr.xpath("./td | ./th"):
            while (row, col) in taken:
                col += 1
            yield row, col, cell
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            taken.update(
                (row + down, col + across) for down in range(rowspan) for across in range(colspan)
            )
            col += colspan


def _span(cell: lxml.html.HtmlElement, name: str) -> int:
    value = (cell.get(name) or "1").strip()
    return min(max(int(value), 1), _MAX_SPAN) if value.isdigit() else 1


def _is_boilerplate_line(text: str) -> bool:
    return len(text) <= _MAX_BOILERPLATE_LINE and bool(_BOILERPLATE_LINE.search(text))


def _clean(text: str) -> str:
    """HTML whitespace: runs of ASCII whitespace are one space; ends trimmed."""
    return _WHITESPACE.sub(" ", text).strip()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
