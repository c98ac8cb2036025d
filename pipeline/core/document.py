"""Build a :class:`~junheng.core.model.Document` from the blocks a reader found."""

from __future__ import annotations

from collections.abc import Iterable

from junheng.core.model import Block, Document
from junheng.core.normalize import normalize


def cap_blocks(blocks: Iterable[Block], max_chars: int) -> tuple[list[Block], list[str]]:
    """Collect blocks until their text passes ``max_chars``; the warning says the file was cut
    (the document is then reported ``partial``)."""
    kept: list[Block] = []
    total = 0
    for block in blocks:
        total += len(block.text) + 1
        if total > max_chars:
            return kept, [f"文本超过 {max_chars} 字符，只读取了前面部分"]
        kept.append(block)
    return kept, []


def build_document(
    source: str,
    fmt: str,
    blocks: Iterable[Block],
    *,
    encoding: str | None = None,
    pages: int | None = None,
    warnings: Iterable[str] = (),
) -> Document:
    """Join the blocks' text with ``"\\n"``, normalise it and keep where each block starts."""
    kept = tuple(block for block in blocks if block.text.strip())
    starts: list[int] = []
    cursor = 0
    for block in kept:
        starts.append(cursor)
        cursor += len(block.text) + 1
    raw_text = "\n".join(block.text for block in kept)
    text, offsets = normalize(raw_text)
    return Document(
        source=source,
        format=fmt,
        blocks=kept,
        block_starts=tuple(starts),
        raw_text=raw_text,
        text=text,
        offsets=offsets,
        encoding=encoding,
        pages=pages,
        warnings=tuple(warnings),
    )
