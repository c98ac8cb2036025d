"""Check an OOXML ZIP package (a .docx, or an .xlsx) in memory before any library opens it.

Every message names the package's format as the caller gives it (``kind``: ``docx``, ``xlsx``), so
a damaged workbook is not reported as a damaged Word file.

python-docx (and openpyxl) reads every part of the package into memory with ``zipfile`` and
parses the XML parts with lxml. A hostile file can make that cost gigabytes (a zip bomb), carry
paths meant to escape an extraction directory (``../evil``), or declare XML entities (billion
laughs).
:func:`check_package` refuses all of these with an :class:`~junheng.core.errors.InputError`, working
only on the bytes: nothing is ever extracted to disk.

The declared sizes in the ZIP directory are checked first (cheap, and they stop an honest bomb
before one byte is inflated); then every member is inflated in bounded chunks and the *actual*
bytes are counted again, because the directory can lie. Inflating also verifies each member's
CRC, so a corrupt package fails here rather than half-way through python-docx.

Which members are XML is decided by what they are, not by their names: python-docx parses the
parts whose content type (``[Content_Types].xml``: an Override for the part, else the Default for
its extension) is XML, whatever they are called, so a main part renamed ``word/evil.png`` is an XML
part here too. Every member whose bytes look like XML is scanned for a DTD in all the encodings
libxml2 detects by itself (UTF-8, UTF-16 and UTF-32, either byte order), except a member typed as
an image or font, which python-docx keeps as an opaque blob; an XML part in an encoding the scan
cannot read (UTF-7, EBCDIC, ISO-2022: OOXML parts are UTF-8 or UTF-16) is refused.
"""

from __future__ import annotations

import codecs
import io
import lzma
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from junheng.core.errors import InputError
from junheng.ingest.limits import Limits
from junheng.ingest.reasons import library_reason
from lxml import etree

CHUNK_BYTES = 1 << 20
RATIO_FLOOR_BYTES = 1 << 20
"""The compression-ratio limit applies only to members larger than this (1 MiB)."""
XML_BOMB_RATIO = 800
"""An XML part past its size budget is called a bomb only beyond this ratio: between the most
repetitive real XML measured (675:1, empty paragraphs) and zeros (about 1,010:1)."""
TOTAL_FACTOR = 2
"""The whole package may inflate to at most this many times ``max_zip_member_bytes``: python-docx
holds every part in memory at once, so many members just under the per-member limit add up."""

DTD_MESSAGE = "文档 XML 含实体声明（DTD），出于安全原因拒绝处理"
_ENCODINGS = ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_DTD_MARKERS: tuple[bytes, ...] = tuple(
    marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY") for encoding in _ENCODINGS
)
_OVERLAP = max(len(marker) for marker in _DTD_MARKERS)

# Names python-docx keeps as opaque blobs when the package gives them no content type (images,
# fonts, embedded objects): a "<!DOCTYPE" inside them (an embedded SVG) is harmless.
_BLOB_SUFFIXES = frozenset(
    {
        ".bin", ".bmp", ".emf", ".gif", ".ico", ".jfif", ".jpeg", ".jpg", ".odttf", ".png",
        ".svg", ".tif", ".tiff", ".ttf", ".wdp", ".webp", ".wmf", ".mp3", ".mp4", ".wav",
        ".xlsx", ".docx", ".pptx", ".xls", ".doc", ".ppt", ".pdf",
    }
)  # fmt: skip
_MEDIA_TYPES = ("image/", "audio/", "video/", "font/", "application/x-font")
_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"

# How an XML part's first bytes say its encoding (XML 1.0 appendix F, as libxml2 reads it).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WIDE = ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
         (b"\x00<", "utf-16-be"), (b"<\x00", "utf-16-le"))  # fmt: skip
_DECLARED = re.compile(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_READABLE_DECLARED = frozenset(
    {
        "utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "utf-32", "utf-32le", "utf-32be",
        "ucs-2", "ucs-4", "ascii", "us-ascii", "iso-8859-1", "latin1", "latin-1",
        "windows-1252", "cp1252", "gbk", "gb2312", "gb18030", "cp936", "big5",
    }
)  # fmt: skip
"""Declared encodings in which "<!DOCTYPE" is written in ASCII (or which the scan reads anyway)."""


@dataclass(frozen=True, slots=True)
class _ContentTypes:
    defaults: dict[str, str]
    overrides: dict[str, str]

    def of(self, name: str) -> str | None:
        found = self.overrides.get("/" + name.lower())
        return found or self.defaults.get(PurePosixPath(name.lower()).suffix.lstrip("."))

    def parsed_as_xml(self, name: str) -> bool:
        """Whether python-docx may parse the member as XML: the package's own XML ([Content_Types],
        relationships), a part typed as XML, or a ``.xml`` name the package gives no type."""
        lower = name.lower()
        if lower == "[content_types].xml" or lower.endswith(".rels"):
            return True
        found = self.of(name)
        if found is None:
            return lower.endswith(".xml")
        return found.lower().endswith(("+xml", "/xml")) and not _is_media(found)

    def opaque(self, name: str) -> bool:
        """A blob python-docx never parses: typed as an image or font, or untyped with a blob's
        name."""
        found = self.of(name)
        if found is None:
            return PurePosixPath(name.lower()).suffix in _BLOB_SUFFIXES
        return _is_media(found) and not self.parsed_as_xml(name)


def _is_media(content_type: str) -> bool:
    lower = content_type.lower()
    return lower.startswith(_MEDIA_TYPES) or "obfuscatedfont" in lower


@dataclass(frozen=True, slots=True)
class Package:
    """What the checks learnt of a package: its member names and which members are typed as a
    Word main document (usually ``word/document.xml``, but the name is free)."""

    names: tuple[str, ...]
    main_parts: tuple[str, ...]


WORD_MAIN_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroenabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.template.macroenabledtemplate.main+xml",
    }
)


def check_package(data: bytes, limits: Limits, kind: str = "docx") -> Package:
    """Validate the ZIP package in ``data`` and return its member names and main parts;
    ``kind`` is the format its messages name (``docx``, ``xlsx``).

    Raises :class:`InputError` when the package is corrupt, has too many members, a member that
    inflates past the limits, an unsafe member path, an encrypted member, an XML part with a DTD or
    entity declaration, or an XML part in an encoding the scan cannot read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_directory(infos, limits, kind)
            types = _content_types(archive, infos, limits)
            for info in infos:
                _check_size(info, info.file_size, limits, types.parsed_as_xml(info.filename))
            _inflate_all(archive, infos, types, limits)
    except _DAMAGE as exc:
        raise InputError(f"{kind} 文件已损坏：{library_reason(exc)}") from exc
    names = tuple(info.filename for info in infos)
    main = tuple(name for name in names if (types.of(name) or "").lower() in WORD_MAIN_TYPES)
    return Package(names, main)


# What zipfile and its decompressors raise on a damaged archive: a bogus offset gives ValueError
# ("negative seek value"), an encrypted member RuntimeError, a bad LZMA stream LZMAError.
_DAMAGE = (
    zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, NotImplementedError, OSError,
    ValueError, RuntimeError, struct.error,
)  # fmt: skip


def _check_directory(infos: list[zipfile.ZipInfo], limits: Limits, kind: str) -> None:
    """Everything that can be refused from the central directory alone, before inflating."""
    if len(infos) > limits.max_zip_members:
        raise InputError(
            f"{kind} 压缩包成员过多（{len(infos)} 个，上限 {limits.max_zip_members} 个），"
            "疑似恶意文件"
        )
    declared_total = 0
    for info in infos:
        _check_name(info.filename, kind)
        if info.flag_bits & 0x1:
            raise InputError(f"{kind} 压缩包成员已加密（{info.filename}），无法读取")
        _check_bomb(info.filename, info.file_size, limits)
        declared_total += info.file_size
    _check_total(declared_total, limits)


def _check_name(name: str, kind: str) -> None:
    """Refuse absolute paths and ``..`` segments: a zip-slip path is never legitimate in OOXML."""
    posix = name.replace("\\", "/")
    parts = PurePosixPath(posix).parts
    absolute = posix.startswith("/") or (len(posix) > 1 and posix[1] == ":")
    if absolute or ".." in parts or "\x00" in name:
        raise InputError(f"{kind} 压缩包含不安全的成员路径（{name!r}），拒绝处理")


def _check_bomb(name: str, size: int, limits: Limits) -> None:
    if size > limits.max_zip_member_bytes:
        raise InputError(
            f"疑似压缩炸弹：成员 {name} 解压后超过 {limits.max_zip_member_bytes} 字节"
            f"（{size} 字节）"
        )


def _check_size(info: zipfile.ZipInfo, size: int, limits: Limits, xml: bool) -> None:
    """The limits on one member's inflated ``size`` so far.

    An opaque member (an image, a font) is a bomb past ``max_zip_ratio`` (media are compressed
    already: a real one inflates about 1:1). An XML part has no ratio limit below its budget:
    ordinary repetitive XML compresses 200–700:1 (200,000 identical paragraphs: 291:1; empty
    ones: 675:1), close to deflate's ceiling of about 1,030:1 that a bomb of zeros reaches, so the
    ratio hardly tells them apart; what costs is the size, since lxml's tree takes about 20 times
    the XML. Past ``max_xml_part_bytes`` it is refused as too large, or as a bomb when its ratio is
    past :data:`XML_BOMB_RATIO`.
    """
    _check_bomb(info.filename, size, limits)
    ratio = size // max(info.compress_size, 1)
    if xml and size > limits.max_xml_part_bytes and ratio <= XML_BOMB_RATIO:
        raise InputError(
            f"文档过大：部件 {info.filename} 解压后超过 {limits.max_xml_part_bytes} 字节"
            f"（{size} 字节），超出可处理的上限，请拆分后再提交"
        )
    limit = XML_BOMB_RATIO if xml else limits.max_zip_ratio
    if size > (limits.max_xml_part_bytes if xml else RATIO_FLOOR_BYTES) and ratio > limit:
        raise InputError(f"疑似压缩炸弹：成员 {info.filename} 压缩比约 {ratio}:1（上限 {limit}:1）")


def _check_total(total: int, limits: Limits) -> None:
    cap = TOTAL_FACTOR * limits.max_zip_member_bytes
    if total > cap:
        raise InputError(f"疑似压缩炸弹：压缩包解压后共超过 {cap} 字节（{total} 字节）")


_SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def _content_types(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits
) -> _ContentTypes:
    """``[Content_Types].xml`` read (checked like any XML part first); empty when it is missing
    or unreadable (python-docx then refuses the package itself)."""
    info = next((i for i in reversed(infos) if i.filename == "[Content_Types].xml"), None)
    if info is None:
        return _ContentTypes({}, {})
    xml = b"".join(_member(archive, info, limits, xml=True, scan=True))
    try:
        root = etree.fromstring(xml, _SAFE_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return _ContentTypes({}, {})
    defaults = {
        (e.get("Extension") or "").lower(): e.get("ContentType") or ""
        for e in root.iter(f"{_TYPES_NS}Default")
    }
    overrides = {
        (e.get("PartName") or "").lower(): e.get("ContentType") or ""
        for e in root.iter(f"{_TYPES_NS}Override")
    }
    return _ContentTypes(defaults, overrides)


def _inflate_all(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], types: _ContentTypes, limits: Limits
) -> None:
    """Inflate every member in bounded chunks, counting real bytes and scanning XML for a DTD."""
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        xml = types.parsed_as_xml(info.filename)
        scan = xml or not types.opaque(info.filename)
        size = 0
        for chunk in _member(archive, info, limits, xml=xml, scan=scan):
            size += len(chunk)
            _check_total(total + size, limits)
        total += size


def _member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, *, xml: bool, scan: bool
) -> Iterator[bytes]:
    """The member's bytes, ``CHUNK_BYTES`` at a time, checked as they come (sizes; a DTD when
    ``scan`` and the bytes look like XML; the encoding when ``xml``); zipfile checks the CRC."""
    size = 0
    tail = b""
    with archive.open(info) as member:
        while chunk := member.read(CHUNK_BYTES):
            if size == 0:
                scan = _first_chunk(info.filename, chunk, xml=xml, scan=scan)
            size += len(chunk)
            _check_size(info, size, limits, xml)
            if scan:
                window = tail + chunk
                if any(marker in window for marker in _DTD_MARKERS):
                    raise InputError(f"{DTD_MESSAGE}：{info.filename}")
                tail = window[-_OVERLAP:]
            yield chunk


def _first_chunk(name: str, head: bytes, *, xml: bool, scan: bool) -> bool:
    """Whether to scan the rest of the member: an XML part always (refused when it is XML in an
    encoding the scan cannot read), another member when its bytes look like XML."""
    if xml:
        if _unreadable(head):
            raise InputError(
                f"文档 XML 部件的编码无法识别或不受支持（{name}），出于安全原因拒绝处理"
            )
        return True
    return scan and _xml_encoding(head) is not None


_UNREADABLE_HEADS = (b"\x4c\x6f\xa7\x94", b"\x00\x00<\x00", b"\x00<\x00\x00")
""""<?xm" in EBCDIC and "<" in the two unusual UCS-4 byte orders, which libxml2 also detects."""


def _unreadable(head: bytes) -> bool:
    """XML that libxml2 would read but the scan cannot: EBCDIC, unusual UCS-4, or an ASCII-looking
    declaration naming an encoding in which markup need not be ASCII (UTF-7, ISO-2022)."""
    if head.startswith(_UNREADABLE_HEADS):
        return True
    found = _DECLARED.match(head.removeprefix(codecs.BOM_UTF8))
    return found is not None and _declared_name(found) not in _READABLE_DECLARED


def _xml_encoding(head: bytes) -> str | None:
    """The encoding XML in ``head`` is written in, as libxml2 would detect it (a BOM, "<" in
    UTF-16 or UTF-32, else an ASCII-compatible one); None when the bytes do not start as XML."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    for pattern, name in _WIDE:
        if head.startswith(pattern):
            return name
    return "utf-8" if head.lstrip().startswith(b"<") else None


def _declared_name(found: re.Match[bytes]) -> str:
    return found.group(1).decode("ascii", "replace").strip().lower().replace("_", "-")
