"""Word reports (.docx): body paragraphs and table cells, in document order.

The package is checked in memory first (:mod:`junheng.ingest.safezip`: corruption, zip bombs,
unsafe paths, DTDs), then opened with python-docx. The body is walked on the XML rather than with
``Document.iter_inner_content()`` because that skips paragraphs wrapped in content controls
(``w:sdt``), and ``Paragraph.text`` skips tracked insertions (``w:ins``) while keeping soft line
breaks as ``"\\n"``, which a block's text must not contain.

What counts as body text: paragraphs and table cells of the main document. Headers, footers,
footnotes and comments live in other parts and are never read; text boxes (``w:txbxContent``,
including their ``mc:AlternateContent`` fallback copies), drawings, deleted text and field codes
are skipped inside a paragraph. A generated table of contents is skipped too: it repeats the
headings with page numbers and would look like a second outline to segmentation.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.document import Document as WordDocument
from docx.opc.exceptions import OpcError
from docx.styles import BabelFish
from junheng.core.document import build_document, cap_blocks
from junheng.core.errors import InputError
from junheng.core.model import Block, BlockKind, Document
from junheng.ingest import safezip
from junheng.ingest.limits import Limits
from junheng.ingest.reasons import library_reason
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {"w": W_NS, "mc": MC_NS}


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAMS = tuple(
    name.encode("utf-16-le") for name in ("EncryptionInfo", "EncryptedPackage")
)
_NOT_WORD = re.compile(r"is not a Word file, content type is '([^']+)'")
_OTHER_PACKAGES = {
    "xl/workbook.xml": "Excel 表格（.xlsx）",
    "ppt/presentation.xml": "PowerPoint 演示文稿（.pptx）",
    "content.xml": "OpenDocument 文档",
}

# Inside a paragraph: subtrees that are not the paragraph's own visible text.
_SKIP = frozenset(
    _w(tag)
    for tag in (
        "pPr", "rPr", "sdtPr", "del", "moveFrom", "txbxContent", "drawing", "pict", "object",
        "rt", "instrText", "delText", "fldData",
    )
)  # fmt: skip
_BREAKS = frozenset({_w("br"), _w("cr")})
_SPACES = frozenset({_w("tab"), _w("ptab")})
_LINE_SPLIT = re.compile(r"[\r\n\v\f\x85\u2028\u2029]")
_BREAK = None  # marks a soft line break in the stream of a paragraph's text pieces

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "标题"})
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*\d$", re.IGNORECASE)
_MAX_OUTLINE_HEADING_CHARS = 80
"""A paragraph made a heading only by its outline level must be this short: long body paragraphs
with a stray 大纲级别 are common in documents edited in WPS."""

_ROWS = etree.XPath("./w:tr | ./w:sdt/w:sdtContent/w:tr | ./w:customXml/w:tr", namespaces=NS)
_CELLS = etree.XPath("./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc", namespaces=NS)
_TOC_GALLERY = etree.XPath(
    "./w:sdtPr/w:docPartObj/w:docPartGallery[starts-with(@w:val, 'Table of Contents')]",
    namespaces=NS,
)


def read(data: bytes, source: str, limits: Limits) -> Document:
    """Read a .docx into heading, paragraph and table-cell blocks.

    ``Block.paragraph`` is the 0-based index of the body paragraph (a soft line break splits one
    paragraph into several blocks with the same index); table cells carry ``table``/``row``/``col``.
    """
    _refuse_ole(data)
    _require_word_document(safezip.check_package(data, limits))
    document = _open(data)
    walker = _BodyWalker(_StyleTable.from_styles(document.styles.element))
    blocks, warnings = cap_blocks(walker.walk(document.element.body), limits.max_text_chars)
    return build_document(source, "docx", blocks, warnings=warnings)


def _refuse_ole(data: bytes) -> None:
    """An OLE compound file is an encrypted OOXML package or an old binary .doc, never a .docx."""
    if not data.startswith(_OLE_MAGIC):
        return
    if any(name in data for name in _ENCRYPTED_STREAMS):
        raise InputError("文档受密码保护（已加密），请解除密码后再提交")
    raise InputError("这是旧版 .doc 文件改成了 .docx 扩展名，请用 Word/WPS 另存为 .docx")


def _require_word_document(package: safezip.Package) -> None:
    """A main document part, by its content type (python-docx finds it through the package's
    relationships, whatever it is called) or by its usual name."""
    names = package.names
    if "word/document.xml" in names or package.main_parts:
        return
    for marker, kind in _OTHER_PACKAGES.items():
        if marker in names:
            raise InputError(f"不是 Word 文档：压缩包是{kind}")
    raise InputError("不是 Word 文档：压缩包中没有 word/document.xml")


def _open(data: bytes) -> WordDocument:
    """python-docx's view of the package; its exceptions for a bad package become InputError."""
    try:
        return docx.Document(io.BytesIO(data))
    except (OpcError, KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile) as exc:
        main_type = _NOT_WORD.search(str(exc))
        if main_type:
            raise InputError(
                f"不是可读取的 Word 文档：主文档类型为 {main_type.group(1)}"
                "（可能是 .docm/.dotx 改了扩展名），请另存为 .docx"
            ) from exc
        raise InputError(f"docx 文件无法解析：{library_reason(exc)}") from exc


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str | None
    outline: int | None


@dataclass(frozen=True, slots=True)
class _StyleTable:
    """Paragraph styles by id, read from styles.xml (names as Word shows them: "Heading 1")."""

    styles: dict[str, _Style]
    default: str | None

    @classmethod
    def from_styles(cls, root: etree._Element) -> _StyleTable:
        styles: dict[str, _Style] = {}
        default = None
        for element in root.iterchildren(_w("style")):
            if element.get(_w("type")) != "paragraph":
                continue
            style_id = element.get(_w("styleId")) or ""
            name_el = element.find(_w("name"))
            raw_name = name_el.get(_w("val"), style_id) if name_el is not None else style_id
            based = element.find(_w("basedOn"))
            styles[style_id] = _Style(
                name=BabelFish.internal2ui(raw_name),
                based_on=based.get(_w("val")) if based is not None else None,
                outline=_outline_level(element.find(_w("pPr"))),
            )
            if element.get(_w("default")) in ("1", "true", "on"):
                default = style_id
        return cls(styles, default)

    def name(self, style_id: str | None) -> str | None:
        style_id = style_id or self.default
        if style_id is None:
            return None
        style = self.styles.get(style_id)
        return style.name if style else style_id

    def outline(self, style_id: str | None) -> int | None:
        """The outline level the style or one of its bases sets (cycles in basedOn end the walk)."""
        seen: set[str] = set()
        current = style_id or self.default
        while current and current not in seen and current in self.styles:
            seen.add(current)
            style = self.styles[current]
            if style.outline is not None:
                return style.outline
            current = style.based_on
        return None


def _outline_level(ppr: etree._Element | None) -> int | None:
    """``w:outlineLvl`` as a 1-based heading level; None when absent or 9 ("body text")."""
    if ppr is None:
        return None
    element = ppr.find(_w("outlineLvl"))
    value = element.get(_w("val")) if element is not None else None
    if value is None or not value.isdigit() or int(value) > 8:
        return None
    return int(value) + 1


class _BodyWalker:
    """Turns the body (or a table cell) into blocks, numbering paragraphs and tables as it goes."""

    def __init__(self, styles: _StyleTable) -> None:
        self.styles = styles
        self.paragraphs = 0
        self.tables = 0

    def walk(self, container: etree._Element) -> Iterator[Block]:
        yield from self._container(container, cell=None)

    def _container(
        self, container: etree._Element, cell: tuple[int, int, int] | None
    ) -> Iterator[Block]:
        for child in container:
            if child.tag == _w("p"):
                yield from self._paragraph(child, cell)
            elif child.tag == _w("tbl"):
                yield from self._table(child)
            elif child.tag == _w("sdt") and not _TOC_GALLERY(child):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    yield from self._container(content, cell)
            elif child.tag == _w("customXml"):
                yield from self._container(child, cell)

    def _paragraph(self, p: etree._Element, cell: tuple[int, int, int] | None) -> Iterator[Block]:
        lines = _paragraph_lines(p)
        if cell is not None:
            table, row, col = cell
            for line in lines:
                yield Block(BlockKind.TABLE_CELL, line, table=table, row=row, col=col)
            return
        index = self.paragraphs
        self.paragraphs += 1
        style_id = _style_id(p)
        style = self.styles.name(style_id)
        if style and _TOC_STYLE.match(style):
            return
        kind, level = self._heading(p, style_id, style, "".join(lines))
        for line in lines:
            yield Block(kind, line, paragraph=index, level=level, style=style)

    def _heading(
        self, p: etree._Element, style_id: str | None, style: str | None, text: str
    ) -> tuple[BlockKind, int | None]:
        """HEADING when the style is a heading or an outline level is set; the level from the
        paragraph's own outline level, else the style's number, else the style's outline level."""
        own = _outline_level(p.find(_w("pPr")))
        match = _HEADING_STYLE.match(style or "")
        if match:
            return BlockKind.HEADING, own or int(match.group(1))
        if style and style.lower() in _TITLE_STYLES:
            return BlockKind.HEADING, own
        outline = own or self.styles.outline(style_id)
        if outline is not None and len(text.strip()) <= _MAX_OUTLINE_HEADING_CHARS:
            return BlockKind.HEADING, outline
        return BlockKind.PARAGRAPH, None

    def _table(self, tbl: etree._Element) -> Iterator[Block]:
        """One block per cell line; a merged cell once, at its first grid column and row."""
        index = self.tables
        self.tables += 1
        for row, tr in enumerate(_ROWS(tbl)):
            col = _int_attr(tr.find(f"{_w('trPr')}/{_w('gridBefore')}"), 0)
            for tc in _CELLS(tr):
                tcpr = tc.find(_w("tcPr"))
                span = max(1, _int_attr(_find(tcpr, "gridSpan"), 1))
                if not _continues_vertical_merge(tcpr):
                    yield from self._container(tc, cell=(index, row, col))
                col += span


def _paragraph_lines(p: etree._Element) -> list[str]:
    """The visible text of a paragraph, split at soft line breaks; tabs become spaces."""
    lines: list[list[str]] = [[]]
    for piece in _pieces(p):
        if piece is _BREAK:
            lines.append([])
        else:
            lines[-1].append(piece)
    text = "\n".join("".join(parts) for parts in lines).replace("\t", " ")
    return _LINE_SPLIT.split(text)


def _pieces(element: etree._Element) -> Iterator[str | None]:
    """Text pieces in order (``_BREAK`` for a line break), skipping what is not body text."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _w("t"):
            yield child.text or ""
        elif tag in _SPACES:
            yield " "
        elif tag in _BREAKS:
            yield _BREAK
        elif tag == _w("noBreakHyphen"):
            yield "-"
        elif tag == f"{{{MC_NS}}}AlternateContent":
            branch = _alternate_branch(child)
            if branch is not None:
                yield from _pieces(branch)
        else:
            yield from _pieces(child)


def _alternate_branch(element: etree._Element) -> etree._Element | None:
    """One branch of ``mc:AlternateContent``: the fallback, else the first choice (never both,
    which would repeat the text)."""
    fallback = element.find(f"{{{MC_NS}}}Fallback")
    return fallback if fallback is not None else element.find(f"{{{MC_NS}}}Choice")


def _style_id(p: etree._Element) -> str | None:
    element = p.find(f"{_w('pPr')}/{_w('pStyle')}")
    return element.get(_w("val")) if element is not None else None


def _find(parent: etree._Element | None, tag: str) -> etree._Element | None:
    return parent.find(_w(tag)) if parent is not None else None


def _int_attr(element: etree._Element | None, default: int) -> int:
    value = element.get(_w("val")) if element is not None else None
    return int(value) if value is not None and value.isdigit() else default


def _continues_vertical_merge(tcpr: etree._Element | None) -> bool:
    """A ``w:vMerge`` without ``w:val="restart"`` continues the cell above: its text is empty and
    the merged cell was already emitted."""
    merge = _find(tcpr, "vMerge")
    return merge is not None and merge.get(_w("val"), "continue") == "continue"
