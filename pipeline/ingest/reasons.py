"""What a library's exception means, as one Chinese line a person can act on.

The readers lean on zipfile, zlib, lzma, bz2, lxml, python-docx, pypdfium2 and pdfminer; their
messages are English and name internals ("negative seek value", "Bad CRC-32 for file …"). A file
that makes one of them raise is a damaged file, not a bug in junheng: :func:`library_reason` says
what is wrong with it, and :func:`is_library_error` tells such an exception from a bug.
"""

from __future__ import annotations

import bz2  # noqa: F401  (its errors are OSError: imported so the mapping below is complete)
import lzma
import re
import struct
import zipfile
import zlib

_ZIP_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), reason)
    for pattern, reason in (
        (r"bad crc-32 for file '([^']*)'", "压缩包成员 {0} 的校验和不符（内容已损坏）"),
        (r"not a zip file", "不是完整的 ZIP 压缩包（文件可能被截断或已损坏）"),
        (r"bad magic number for file header", "压缩包成员的文件头已损坏"),
        (r"bad magic number for central directory", "压缩包的目录已损坏"),
        (r"truncated file header", "压缩包成员的文件头不完整（文件可能被截断）"),
        (r"truncated central directory", "压缩包的目录不完整（文件可能被截断）"),
        (r"corrupt extra field", "压缩包成员的附加字段已损坏"),
        (r"overlapped entries", "压缩包成员相互重叠（文件已损坏或被恶意构造）"),
        (r"file name in directory .* and header .* differ", "压缩包目录与成员文件头不一致"),
        (r"zipfiles that span multiple disks", "不支持分卷压缩包"),
        (r"encrypted", "压缩包成员已加密，无法读取"),
        (r"compression method", "压缩包使用了不支持的压缩方式"),
        (r"there is no item named '([^']*)'", "压缩包中缺少部件 {0}"),
    )
)


def _zip_reason(text: str) -> str | None:
    for pattern, reason in _ZIP_MESSAGES:
        match = pattern.search(text)
        if match:
            return reason.format(*match.groups())
    return None


def library_reason(exc: BaseException) -> str:
    """One Chinese line for an exception a library raised on a damaged file.

    >>> library_reason(zipfile.BadZipFile("Bad CRC-32 for file 'word/document.xml'"))
    '压缩包成员 word/document.xml 的校验和不符（内容已损坏）'
    >>> library_reason(ValueError("negative seek value -9999"))
    '文件内部的位置信息无效（文件已损坏）'
    """
    text = str(exc.args[0]) if exc.args else ""
    if isinstance(exc, zipfile.BadZipFile | KeyError | NotImplementedError | RuntimeError):
        found = _zip_reason(text)
        if found:
            return found
    if isinstance(exc, zipfile.BadZipFile):
        return "压缩包结构已损坏"
    if isinstance(exc, zlib.error):
        return "压缩数据已损坏，无法解压（文件可能被截断或改动过）"
    if isinstance(exc, lzma.LZMAError):
        return "压缩数据已损坏，无法解压（LZMA 数据无效）"
    if isinstance(exc, EOFError):
        return "文件不完整（数据提前结束，可能被截断）"
    if isinstance(exc, struct.error):
        return "文件内部结构已损坏（记录长度不符）"
    if isinstance(exc, UnicodeError):
        return "文件中的文字编码无效"
    if isinstance(exc, ValueError) and "seek" in text:
        return "文件内部的位置信息无效（文件已损坏）"
    if isinstance(exc, OSError) and ("invalid data stream" in text or "compressed" in text):
        return "压缩数据已损坏，无法解压"
    return _by_library(exc)


def _by_library(exc: BaseException) -> str:
    module = type(exc).__module__.split(".")[0]
    if module == "lxml":
        line = getattr(exc, "lineno", None)
        where = f"（第 {line} 行）" if line else ""
        return f"文档中的 XML 内容已损坏{where}"
    if module in ("pypdfium2", "pdfminer", "pdfplumber"):
        return "PDF 内部结构已损坏，无法读取"
    if module == "docx":
        return "Word 文档的结构无效（部件缺失或关系错误）"
    return "文件结构已损坏，无法读取"


_LIBRARY_TYPES = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, struct.error)
_LIBRARIES = frozenset({"zipfile", "zlib", "lzma", "bz2", "lxml", "docx", "pypdfium2",
                        "pdfminer", "pdfplumber"})  # fmt: skip


def is_library_error(exc: BaseException) -> bool:
    """Whether ``exc`` came from a library reading a damaged file (rather than from junheng):
    its type is a library's, or it was raised inside one (the innermost frame)."""
    if isinstance(exc, _LIBRARY_TYPES) or type(exc).__module__.split(".")[0] in _LIBRARIES:
        return True
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return False
    module = str(tb.tb_frame.f_globals.get("__name__", "")).split(".")[0]
    return module in _LIBRARIES
