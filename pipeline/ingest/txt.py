"""Plain-text reports (.txt): one block per non-empty line."""

from __future__ import annotations

from junheng.core.document import build_document
from junheng.core.model import Block, BlockKind, Document
from junheng.ingest.encoding import decode
from junheng.ingest.limits import Limits


def read(data: bytes, source: str, limits: Limits) -> Document:
    """Decode ``data`` (encoding detected) and make one paragraph block per line.

    ``Block.paragraph`` is the 0-based line number in the file.
    """
    decoded = decode(data)
    text, encoding = decoded.text, decoded.encoding
    warnings = list(decoded.warnings)
    if len(text) > limits.max_text_chars:
        text = text[: limits.max_text_chars]
        warnings.append(f"文本超过 {limits.max_text_chars} 字符，只读取了前面部分")
    blocks = [
        Block(BlockKind.PARAGRAPH, line, paragraph=number)
        for number, line in enumerate(text.splitlines())
        if line.strip()
    ]
    return build_document(source, "txt", blocks, encoding=encoding, warnings=warnings)
