"""Decode the bytes of a text file: UTF-8 (with or without BOM), UTF-16/32, GB18030/GBK, others.

Detected, not assumed: a BOM decides; then strict UTF-8; then UTF-16 without a BOM (a NUL in every
other byte); then GB18030 (a superset of GBK and GB2312, what Chinese Windows writes); then
charset-normalizer's best guess. Bytes that look like a binary file are refused: a NUL in the
first 8 KiB, or control bytes in more than 2% of any 8 KiB window of the file (a text with a binary
tail). :func:`decode` also says, as warnings, what a reader should report (NULs replaced).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from junheng.core.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28}
_CONTROL_BYTES = bytes(sorted(_CONTROL))
_WINDOW = 8192


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    # Chinese text in UTF-16 has few NULs; try it when the byte count is even and it decodes
    # into mostly CJK characters.
    if len(data) % 2 == 0:
        for name in ("utf-16-le", "utf-16-be"):
            try:
                text = data[:4096].decode(name)
            except UnicodeDecodeError:
                continue
            cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
            if text and cjk / len(text) > 0.6:
                return name
    return None


def _control_share(window: bytes) -> float:
    return (len(window) - len(window.translate(None, _CONTROL_BYTES))) / len(window)


def _looks_binary(data: bytes) -> bool:
    if not data:
        return False
    if b"\x00" in data[:_WINDOW]:
        return True
    # every window, not only the first: a text head can hide a binary tail
    windows = range(0, len(data), _WINDOW)
    return any(_control_share(data[start : start + _WINDOW]) > 0.02 for start in windows)


def _looks_binary_text(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n\f") or ch == "\ufffd")
    return bad / len(sample) > 0.02


@dataclass(frozen=True, slots=True)
class Decoded:
    """A text file's text, the encoding it was read in and what a reader should warn about."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


_MAX_REPLACED = 0.01
"""The share of characters that may be bad bytes replaced by U+FFFD before a decoding is not
believed (a damaged file of that encoding, rather than a file in another encoding)."""
_STRAY_BOM = "文件开头有多余的 UTF-16 字节序标记，内容是 UTF-8，已按 UTF-8 读取"


def _lenient(data: bytes, name: str) -> tuple[str, int] | None:
    """``data`` decoded as ``name`` with bad bytes replaced, and how many were; None when too
    many were, or when too few characters decoded for real to tell this encoding from another
    (a mostly-ASCII GBK file is not UTF-8 with a few bad bytes)."""
    text = data.decode(name, errors="replace")
    bad = text.count("\ufffd")
    real = len(text) - len(text.encode("ascii", "ignore")) - bad
    if not text or bad > _MAX_REPLACED * len(text) or real < 10 * bad:
        return None
    return text, bad


def _replaced(bad: int, name: str) -> str:
    return f"文本中有 {bad} 处字节无法解码（按 {name} 读取；文件可能损坏或被截断），已替换为 �"


def _decode(data: bytes, name: str) -> Decoded | None:
    """Strict, then lenient (with a warning); None when neither holds."""
    try:
        return Decoded(data.decode(name), name)
    except UnicodeDecodeError:
        pass
    found = _lenient(data, name)
    return Decoded(found[0], name, (_replaced(found[1], name),)) if found else None


def _stray_utf16_bom(rest: bytes) -> Decoded | None:
    """UTF-8 text behind a UTF-16 BOM (an editor's mix-up): no NULs, as UTF-16 text would have
    for its ASCII, and valid UTF-8."""
    if b"\x00" in rest[:4096]:
        return None
    rest = rest.removeprefix(codecs.BOM_UTF8)
    found = _decode(rest, "utf-8")
    return Decoded(found.text, "utf-8", (_STRAY_BOM, *found.warnings)) if found else None


def _decode_bom(data: bytes) -> Decoded | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            rest = data[len(bom) :]
            stray = _stray_utf16_bom(rest) if name.startswith("utf-16") else None
            found = stray or _decode(rest, name)
            if found is None:
                raise InputError(f"文本以 {name} 字节序标记开头，但内容无法按 {name} 解码")
            return found
    return None


def decode(data: bytes) -> Decoded:
    """Return the text, the encoding and the warnings; raise :class:`InputError` for a binary or
    undecodable file.

    A few bad bytes (at most 1% of the characters) are replaced by U+FFFD with a warning, so a
    damaged or truncated file is read as ``partial`` rather than refused; NULs let through (past
    the first 8 KiB, too few to call the file binary) are counted too (the document replaces them
    by spaces).
    """
    found = _decode_any(data)
    nuls = found.text.count("\x00")
    if nuls:
        found = Decoded(
            found.text,
            found.encoding,
            (*found.warnings, f"文本中有 {nuls} 个空字节（NUL），已替换为空格"),
        )
    return found


def decode_text(data: bytes) -> tuple[str, str]:
    """:func:`decode` without the warnings: ``(text, encoding)``."""
    found = decode(data)
    return found.text, found.encoding


def _decode_any(data: bytes) -> Decoded:
    found = _decode_bom(data)
    if found:
        return found
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = ""
        if text and not _looks_binary_text(text):
            return Decoded(text, utf16)
    if _looks_binary(data):
        raise InputError("不是文本文件：内容含二进制数据（可能是改了扩展名的其他文件）")
    found = _decode(data, "utf-8") or _decode(data, "gb18030")
    if found:
        return found
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("无法识别文本编码（不是 UTF-8、UTF-16 或 GB18030/GBK）")
    text = data.decode(best.encoding, errors="replace")
    if _looks_binary_text(text):
        raise InputError("不是文本文件：无法解码为可读文字")
    return Decoded(text, best.encoding)
