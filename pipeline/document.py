"""Build a :class:`~pipeline.model.Document` from the blocks a reader found."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.model import Block, Document
from pipeline.normalize import normalize


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
