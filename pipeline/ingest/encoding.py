"""Decode the bytes of a text file: UTF-8 (with or without BOM), UTF-16/32, GB18030/GBK, others.

Detected, not assumed: a BOM decides; then strict UTF-8; then UTF-16 without a BOM (a NUL in every
other byte); then GB18030 (a superset of GBK and GB2312, what Chinese Windows writes); then
charset-normalizer's best guess. Bytes that look like a binary file are refused.
"""

from __future__ import annotations

import codecs

from junheng.core.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28}


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


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for byte in sample if byte in _CONTROL)
    return control / len(sample) > 0.02


def _looks_binary_text(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n\f") or ch == "\ufffd")
    return bad / len(sample) > 0.02


def decode_text(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`InputError` for a binary or undecodable file."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"文本以 {name} 字节序标记开头，但内容无法按 {name} 解码: {exc.reason}"
                ) from exc
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = ""
        if text and not _looks_binary_text(text):
            return text, utf16
    if _looks_binary(data):
        raise InputError("不是文本文件：内容含二进制数据（可能是改了扩展名的其他文件）")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("无法识别文本编码（不是 UTF-8、UTF-16 或 GB18030/GBK）")
    text = data.decode(best.encoding, errors="replace")
    if _looks_binary_text(text):
        raise InputError("不是文本文件：无法解码为可读文字")
    return text, best.encoding
