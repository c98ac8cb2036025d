"""Bounds that keep one hostile or huge file from costing the batch its time or memory."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 256 * 1024 * 1024
    """Files larger than this are not read at all."""
    max_text_chars: int = 20_000_000
    """A document whose text grows past this is cut and reported ``partial``."""
    max_zip_members: int = 5_000
    max_zip_member_bytes: int = 200 * 1024 * 1024
    """No member of a .docx may inflate past this (a zip bomb)."""
    max_zip_ratio: int = 200
    """Nor inflate more than this many times its compressed size (when over 1 MiB)."""
    max_pdf_pages: int = 5_000


DEFAULT_LIMITS = Limits()
