"""Ingest: one reader per format, all returning the same :class:`~junheng.core.model.Document`.

``READERS`` is the whole registry: a format name → ``"module:function"``; each reader has the
signature ``read(data: bytes, source: str, limits: Limits) -> Document`` and raises
:class:`~junheng.core.errors.InputError`
for a file it cannot read. :func:`read_file` picks the reader
from the extension, checks the content agrees (an HTML page named .pdf is refused, not guessed at),
and applies the size limit before any reader sees the bytes.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from pathlib import Path

from junheng.core.errors import InputError, UnsupportedInput
from junheng.core.model import Document
from junheng.ingest.garbage import garbage_reason
from junheng.ingest.limits import DEFAULT_LIMITS, Limits

Reader = Callable[[bytes, str, Limits], Document]

READERS: dict[str, str] = {
    "txt": "junheng.ingest.txt:read",
    "docx": "junheng.ingest.docx:read",
    "pdf": "junheng.ingest.pdf:read",
    "html": "junheng.ingest.html:read",
    "doc": "junheng.ingest.office:read_doc",
    "wps": "junheng.ingest.office:read_wps",
    "xlsx": "junheng.ingest.sheets:read_xlsx",
    "xls": "junheng.ingest.sheets:read_xls",
    "et": "junheng.ingest.sheets:read_et",
    "jpeg": "junheng.ingest.image:read",
    "png": "junheng.ingest.image:read",
    "tiff": "junheng.ingest.image:read",
}

EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".doc": "doc",
    ".wps": "wps",
    ".xlsx": "xlsx",
    ".xls": "xls",
    ".et": "et",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".png": "png",
    ".tif": "tiff",
    ".tiff": "tiff",
}

# Formats we recognise but do not read, with what the user should do.
CONVERT_FIRST: dict[str, str] = {
    ".rtf": "RTF 文档暂不支持，请另存为 .docx 后再处理",
    ".odt": "ODT 文档暂不支持，请另存为 .docx 后再处理",
}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")  # JPEG PNG TIFF


def sniff(head: bytes) -> str:
    """What the first bytes of a file say it is: pdf, zip, ole, image, html, empty or text."""
    if not head:
        return "empty"
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    probe = head[:2048].lower()
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        probe = head[:4096].decode(encoding, errors="ignore").encode("ascii", "ignore").lower()
    if any(tag in probe for tag in (b"<!doctype html", b"<html", b"<head", b"<body")):
        return "html"
    return "text"


_CONTENT_NAMES = {
    "pdf": "PDF",
    "zip": "ZIP 压缩包",
    "ole": "旧版 Office 文件或加密文档",
    "html": "HTML 网页",
    "image": "图片",
    "text": "纯文本",
}


def format_for(path: Path) -> str | None:
    """The format name for ``path``'s extension, or None when junheng does not read it."""
    return EXTENSIONS.get(path.suffix.lower())


def _check_content(fmt: str, content: str, suffix: str) -> None:
    if content == "empty":
        raise InputError("文件为空（0 字节）")
    expected = {
        "pdf": {"pdf"},
        "docx": {"zip", "ole"},
        "html": {"html", "text"},
        "txt": {"text", "html", "image"},  # an image named .txt: its reader says "不是文本文件"
        "doc": {"ole", "text", "html"},  # Word also saves RTF and HTML under .doc
        "wps": {"ole"},
        "xlsx": {"zip"},
        "xls": {"ole"},
        "et": {"ole"},
        "jpeg": {"image"},
        "png": {"image"},
        "tiff": {"image"},
    }
    if content in expected[fmt]:
        return
    found = _CONTENT_NAMES.get(content, content)
    raise InputError(f"扩展名为 {suffix}，但文件内容是{found}：文件可能改错了扩展名或已损坏")


def _head(path: Path) -> str:
    with path.open("rb") as handle:
        return sniff(handle.read(4096))


def load_reader(fmt: str) -> Reader:
    module_name, _, function = READERS[fmt].partition(":")
    return getattr(importlib.import_module(module_name), function)


def read_file(path: Path, source: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read one file into a Document.

    Raises :class:`UnsupportedInput` for a format junheng does not read and :class:`InputError`
    for a file it cannot read, each with a one-line message. A text that is mostly garbage
    (:mod:`junheng.ingest.garbage`) is returned with a warning, so the file is ``partial``.
    """
    source = source or path.name
    suffix = path.suffix.lower()
    fmt = format_for(path)
    if suffix in (".doc", ".wps") and _head(path) == "zip":
        fmt = "docx"  # a .docx saved under an old name: read it as what it is
    elif suffix in CONVERT_FIRST:
        raise UnsupportedInput(CONVERT_FIRST[suffix])
    if fmt is None:
        raise UnsupportedInput(
            f"不支持的文件类型（{suffix or '无扩展名'}），"
            "支持 .txt .docx .doc .wps .pdf .html .xlsx .xls .et .jpg .png .tif"
        )
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise InputError(f"文件过大（{size} 字节，上限 {limits.max_file_bytes} 字节）")
    data = path.read_bytes()
    _check_content(fmt, sniff(data[:4096]), suffix if fmt != "docx" else ".docx")
    document = load_reader(fmt)(data, source, limits)
    garbage = garbage_reason(document.raw_text)
    if garbage:
        document = dataclasses.replace(document, warnings=(*document.warnings, garbage))
    return document
