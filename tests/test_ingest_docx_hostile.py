"""Hostile .docx packages that the name-based checks let through (issue 17, items 11 and 12).

XML parts are recognised by what they are (their content type in ``[Content_Types].xml``, their
bytes), not by their names: a main part renamed ``word/evil.png``, or one written in UTF-32, is
still refused for its DTD with one Chinese line. A long but legitimate document (many identical
paragraphs compress 300:1) is not a "压缩炸弹". Every file is built here in ``tmp_path``.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from junheng.core.errors import InputError
from junheng.ingest import read_file
from junheng.ingest.limits import Limits

MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LAUGHS = (
    '<?xml version="1.0" encoding="{encoding}"?>\n<!DOCTYPE w:document [\n<!ENTITY lol "lol">\n'
    + "".join(f'<!ENTITY lol{n} "{(f"&lol{n - 1};" if n > 1 else "&lol;") * 10}">\n'
              for n in range(1, 10))
    + f']>\n<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
    "</w:body></w:document>"
)  # fmt: skip
ENGLISH = re.compile(r"[A-Za-z]{4,}\s+[A-Za-z]{3,}")
"""Two English words in a row: library text (a part name such as word/evil.png is one token)."""


def base_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("某某县义务教育均衡发展工作汇报")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def repack(members: dict[str, bytes], drop: tuple[str, ...] = ()) -> bytes:
    """The base .docx with ``members`` replaced or added and ``drop`` left out."""
    source = zipfile.ZipFile(io.BytesIO(base_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in members and info.filename not in drop:
                target.writestr(info, source.read(info))
        for name, data in members.items():
            target.writestr(name, data)
    return buffer.getvalue()


def _part(name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(base_docx())).read(name)


def renamed_main(payload: bytes, *, by_default: bool = False) -> bytes:
    """The main part moved to ``word/evil.png`` (the package relationship points there, a benign
    ``word/document.xml`` stays as a decoy), typed by an Override or by a Default for .png."""
    types = _part("[Content_Types].xml").decode()
    entry = (
        f'<Default Extension="png" ContentType="{MAIN_TYPE}"/>'
        if by_default
        else f'<Override PartName="/word/evil.png" ContentType="{MAIN_TYPE}"/>'
    )
    types = types.replace("</Types>", entry + "</Types>")
    rels = (
        _part("_rels/.rels")
        .decode()
        .replace('Target="word/document.xml"', 'Target="word/evil.png"')
    )
    return repack(
        {
            "[Content_Types].xml": types.encode(),
            "_rels/.rels": rels.encode(),
            "word/evil.png": payload,
            "word/_rels/evil.png.rels": _part("word/_rels/document.xml.rels"),
        }
    )


def main_part(xml: bytes) -> bytes:
    return repack({"word/document.xml": xml})


def laughs(encoding: str, bom: bytes = b"") -> bytes:
    return bom + LAUGHS.format(encoding=encoding.upper().removesuffix("-LE").removesuffix("-BE")
                               ).encode(encoding)  # fmt: skip


def _refusal(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_file(path)
    message = str(caught.value)
    assert "\n" not in message and not ENGLISH.search(message), message
    return message


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("override.docx", lambda: renamed_main(laughs("utf-8"))),
        ("default.docx", lambda: renamed_main(laughs("utf-8"), by_default=True)),
        ("utf32-bom.docx", lambda: main_part(laughs("utf-32-le", codecs.BOM_UTF32_LE))),
        ("utf32-be.docx", lambda: main_part(laughs("utf-32-be"))),
        ("utf32-le.docx", lambda: main_part(laughs("utf-32-le"))),
        ("utf16-le.docx", lambda: main_part(laughs("utf-16-le"))),
        ("renamed-utf32.docx", lambda: renamed_main(laughs("utf-32-be"))),
        ("styles-utf16.docx",
         lambda: repack({"word/styles.xml": laughs("utf-16-be", codecs.BOM_UTF16_BE)})),
        ("rels.docx", lambda: repack({"word/_rels/document.xml.rels": laughs("utf-8")})),
        ("font-table.docx", lambda: repack({"word/fontTable.xml": laughs("utf-8")})),
    ],
)  # fmt: skip
def test_docx_hostile_dtd_is_refused_whatever_the_part_is_called_or_encoded(
    tmp_path: Path, name: str, build
) -> None:
    path = tmp_path / name
    path.write_bytes(build())
    assert "实体声明（DTD）" in _refusal(path)


@pytest.mark.parametrize("encoding", ["UTF-7", "EBCDIC-US", "ISO-2022-JP"])
def test_docx_hostile_xml_in_an_encoding_the_scan_cannot_read_is_refused(
    tmp_path: Path, encoding: str
) -> None:
    """An XML part declaring an encoding in which "<!DOCTYPE" need not be ASCII (UTF-7, EBCDIC,
    ISO-2022) is refused: OOXML parts are UTF-8 or UTF-16, so no real document is lost."""
    body = _part("word/document.xml").replace(b"UTF-8", encoding.encode())
    path = tmp_path / "encoding.docx"
    path.write_bytes(repack({"word/document.xml": body}))
    assert "编码" in _refusal(path)


def test_docx_hostile_ebcdic_xml_is_refused(tmp_path: Path) -> None:
    """Bytes that libxml2 would read as EBCDIC ("<?xm" is 4C 6F A7 94) in an XML part."""
    body = '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "b">]><w:document/>'
    path = tmp_path / "ebcdic.docx"
    path.write_bytes(repack({"word/document.xml": body.encode("cp037")}))
    assert "编码" in _refusal(path)


def test_docx_hostile_image_with_doctype_in_an_image_typed_part_is_read(tmp_path: Path) -> None:
    """A part typed as an image is a blob python-docx never parses: an SVG with a DOCTYPE there,
    even named .png, is harmless and the document is read."""
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>'
    types = _part("[Content_Types].xml").replace(
        b"</Types>", b'<Default Extension="png" ContentType="image/png"/></Types>'
    )
    path = tmp_path / "image.docx"
    path.write_bytes(repack({"[Content_Types].xml": types, "word/media/image9.png": svg}))
    assert read_file(path).blocks


def test_docx_hostile_main_part_under_another_name_is_read(tmp_path: Path) -> None:
    """The main part is found by its content type, as python-docx finds it: a document whose main
    part is not called word/document.xml is read, not refused as "not a Word document"."""
    body = _part("word/document.xml")
    source = renamed_main(body)
    members = {n: zipfile.ZipFile(io.BytesIO(source)).read(n) for n in ("[Content_Types].xml",)}
    path = tmp_path / "renamed.docx"
    path.write_bytes(
        repack(
            {
                **members,
                "_rels/.rels": zipfile.ZipFile(io.BytesIO(source)).read("_rels/.rels"),
                "word/evil.png": body,
                "word/_rels/evil.png.rels": _part("word/_rels/document.xml.rels"),
            },
            drop=("word/document.xml", "word/_rels/document.xml.rels"),
        )
    )
    assert [block.text for block in read_file(path).blocks] == ["某某县义务教育均衡发展工作汇报"]


def identical_paragraphs(count: int, text: str = "全县义务教育学校办学条件进一步改善。") -> bytes:
    """A body of ``count`` identical paragraphs: legitimate, and compressing about 300:1."""
    paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}">'
        f"<w:body>{paragraph * count}</w:body></w:document>"
    ).encode()
    return repack({"word/document.xml": xml})


def test_docx_hostile_many_identical_paragraphs_are_not_a_zip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "long.docx"
    path.write_bytes(identical_paragraphs(40_000))
    info = zipfile.ZipFile(path).getinfo("word/document.xml")
    assert info.file_size > 1 << 20 and info.file_size > 200 * info.compress_size  # it did trip
    doc = read_file(path)
    assert len(doc.blocks) == 40_000 and not doc.warnings


def test_docx_hostile_xml_part_over_the_budget_is_refused_before_parsing(tmp_path: Path) -> None:
    """An XML part larger than python-docx can parse within the memory budget is refused as too
    large (not as a bomb: its ratio is a document's), before lxml builds a tree of it."""
    path = tmp_path / "huge.docx"
    path.write_bytes(identical_paragraphs(40_000))
    with pytest.raises(InputError, match="文档过大") as caught:
        read_file(path, limits=Limits(max_xml_part_bytes=1 << 20))
    assert "压缩炸弹" not in str(caught.value)


@pytest.mark.slow
def test_docx_hostile_200k_paragraphs_finish_within_the_budget(tmp_path: Path) -> None:
    """200,000 paragraphs (issue 17): read, cut to the text budget with a warning, never called a
    zip bomb."""
    path = tmp_path / "200k.docx"
    path.write_bytes(identical_paragraphs(200_000, "全县义务教育学校办学条件进一步改善，" * 3))
    doc = read_file(path)
    assert doc.warnings and "只读取了前面部分" in doc.warnings[0]
    assert len(doc.raw_text) <= Limits().max_text_chars
