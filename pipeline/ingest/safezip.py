"""Check a .docx (an OOXML ZIP package) in memory before any library opens it.

python-docx reads every part of the package into memory with ``zipfile`` and parses the XML parts
with lxml. A hostile file can make that cost gigabytes (a zip bomb), carry paths meant to escape
an extraction directory (``../evil``), or declare XML entities (billion laughs).
:func:`check_package` refuses all of these with an :class:`~junheng.core.errors.InputError`, working
only on the bytes: nothing is ever extracted to disk.

The declared sizes in the ZIP directory are checked first (cheap, and they stop an honest bomb
before one byte is inflated); then every member is inflated in bounded chunks and the *actual*
bytes are counted again, because the directory can lie. Inflating also verifies each member's
CRC, so a corrupt package fails here rather than half-way through python-docx.
"""

from __future__ import annotations

import io
import lzma
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from junheng.core.errors import InputError
from junheng.ingest.limits import Limits
from junheng.ingest.reasons import library_reason

CHUNK_BYTES = 1 << 20
RATIO_FLOOR_BYTES = 1 << 20
"""The compression-ratio limit applies only to members larger than this (1 MiB): small XML parts
legitimately compress 100:1 and cost nothing."""
TOTAL_FACTOR = 2
"""The whole package may inflate to at most this many times ``max_zip_member_bytes``: python-docx
holds every part in memory at once, so many members just under the per-member limit add up."""

DTD_MESSAGE = "文档 XML 含实体声明（DTD），出于安全原因拒绝处理"
_DTD_MARKERS: tuple[bytes, ...] = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)
_OVERLAP = max(len(marker) for marker in _DTD_MARKERS)

# Members python-docx keeps as opaque blobs (images, fonts, embedded objects): never parsed as XML,
# so a "<!DOCTYPE" inside them (an embedded SVG or HTML file) is harmless and must not be refused.
_BLOB_SUFFIXES = frozenset(
    {
        ".bin", ".bmp", ".emf", ".gif", ".ico", ".jfif", ".jpeg", ".jpg", ".odttf", ".png",
        ".svg", ".tif", ".tiff", ".ttf", ".wdp", ".webp", ".wmf", ".mp3", ".mp4", ".wav",
        ".xlsx", ".docx", ".pptx", ".xls", ".doc", ".ppt", ".pdf",
    }
)  # fmt: skip


def check_package(data: bytes, limits: Limits) -> tuple[str, ...]:
    """Validate the ZIP package in ``data`` and return its member names.

    Raises :class:`InputError` when the package is corrupt, has too many members, a member that
    inflates past the limits, an unsafe member path, an encrypted member, or an XML part with a
    DTD or entity declaration.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_directory(infos, limits)
            _inflate_all(archive, infos, limits)
    except _DAMAGE as exc:
        raise InputError(f"docx 文件已损坏：{library_reason(exc)}") from exc
    return tuple(info.filename for info in infos)


# What zipfile and its decompressors raise on a damaged archive: a bogus offset gives ValueError
# ("negative seek value"), an encrypted member RuntimeError, a bad LZMA stream LZMAError.
_DAMAGE = (
    zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, NotImplementedError, OSError,
    ValueError, RuntimeError, struct.error,
)  # fmt: skip


def _check_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Everything that can be refused from the central directory alone, before inflating."""
    if len(infos) > limits.max_zip_members:
        raise InputError(
            f"docx 压缩包成员过多（{len(infos)} 个，上限 {limits.max_zip_members} 个），"
            "疑似恶意文件"
        )
    declared_total = 0
    for info in infos:
        _check_name(info.filename)
        if info.flag_bits & 0x1:
            raise InputError(f"docx 压缩包成员已加密（{info.filename}），无法读取")
        _check_size(info.filename, info.file_size, info.compress_size, limits)
        declared_total += info.file_size
    _check_total(declared_total, limits)


def _check_name(name: str) -> None:
    """Refuse absolute paths and ``..`` segments: a zip-slip path is never legitimate in OOXML."""
    posix = name.replace("\\", "/")
    parts = PurePosixPath(posix).parts
    absolute = posix.startswith("/") or (len(posix) > 1 and posix[1] == ":")
    if absolute or ".." in parts or "\x00" in name:
        raise InputError(f"docx 压缩包含不安全的成员路径（{name!r}），拒绝处理")


def _check_size(name: str, size: int, compressed: int, limits: Limits) -> None:
    if size > limits.max_zip_member_bytes:
        raise InputError(
            f"疑似压缩炸弹：成员 {name} 解压后超过 {limits.max_zip_member_bytes} 字节"
            f"（{size} 字节）"
        )
    if size > RATIO_FLOOR_BYTES and size > limits.max_zip_ratio * max(compressed, 1):
        ratio = size // max(compressed, 1)
        raise InputError(
            f"疑似压缩炸弹：成员 {name} 压缩比约 {ratio}:1（上限 {limits.max_zip_ratio}:1）"
        )


def _check_total(total: int, limits: Limits) -> None:
    cap = TOTAL_FACTOR * limits.max_zip_member_bytes
    if total > cap:
        raise InputError(f"疑似压缩炸弹：压缩包解压后共超过 {cap} 字节（{total} 字节）")


def _inflate_all(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Inflate every member in bounded chunks, counting real bytes and scanning XML for a DTD."""
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        scan = _scanner_for(info.filename)
        size = 0
        for chunk in _chunks(archive, info):
            size += len(chunk)
            _check_size(info.filename, size, info.compress_size, limits)
            _check_total(total + size, limits)
            if scan:
                scan.send(chunk)
        total += size
        if scan:
            scan.close()


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes, ``CHUNK_BYTES`` at a time; zipfile checks the CRC at the end."""
    with archive.open(info) as member:
        while chunk := member.read(CHUNK_BYTES):
            yield chunk


def _scanner_for(name: str) -> _DtdScanner | None:
    """A DTD scanner for a member python-docx may parse as XML, None for an opaque blob."""
    suffix = PurePosixPath(name.lower()).suffix
    return None if suffix in _BLOB_SUFFIXES else _DtdScanner(name)


class _DtdScanner:
    """Finds a DTD marker in a member fed chunk by chunk, including one split across chunks."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.tail = b""

    def send(self, chunk: bytes) -> None:
        window = self.tail + chunk
        if _has_marker(window, _DTD_MARKERS):
            raise InputError(f"{DTD_MESSAGE}：{self.name}")
        self.tail = window[-_OVERLAP:]

    def close(self) -> None:
        self.tail = b""


def _has_marker(window: bytes, markers: Iterable[bytes]) -> bool:
    return any(marker in window for marker in markers)
