"""Build a :class:`~junheng.core.model.Document` from the blocks a reader found."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from junheng.core.model import Block, Document
from junheng.core.normalize import normalize

# What XML 1.0 cannot hold (python-docx and openpyxl refuse it, so one such character would cost
# the batch its drafts): C0 controls but tab, line feed and carriage return; lone surrogates (a
# damaged font's or a damaged file's text); U+FFFE and U+FFFF.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() < " " else "\ufffd"


def sanitize(text: str) -> str:
    r"""``text`` with every character XML cannot hold replaced one for one (a control character by
    a space, which the normalised view drops between Chinese characters; a lone surrogate or a
    non-character by U+FFFD), so every offset into it stays where it was.

    >>> sanitize("运动\x01场")
    '运动 场'
    """
    return _UNSAFE.sub(_replacement, text) if _UNSAFE.search(text) else text


def _sanitized(block: Block) -> Block:
    clean = sanitize(block.text)
    return block if clean is block.text else dataclasses.replace(block, text=clean)


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
    """Join the blocks' text with ``"\\n"``, normalise it and keep where each block starts.

    This is where every reader's text passes once: what XML cannot hold is replaced here
    (:func:`sanitize`), one character for one, before the raw text and its view are made.
    """
    kept = tuple(block for block in map(_sanitized, blocks) if block.text.strip())
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
