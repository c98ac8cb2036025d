"""What the drafts may hold: text that XML can carry, and cells that stay text in a spreadsheet.

Two defences at the drafts' boundary, whatever ingest let through:

- characters XML 1.0 cannot hold (C0 controls but tab, line feed and carriage return; lone
  surrogates; U+FFFE/U+FFFF) become a space, one for one, so offsets into a text still hold and
  python-docx and openpyxl never refuse a draft;
- a cell that starts with ``=`` ``+`` ``-`` ``@``, a tab or a carriage return would run as a
  formula when a spreadsheet opens it (CSV/formula injection). As OWASP recommends for CSV, it is
  prefixed with ``'`` and wrapped in double quotes; in ledger.xlsx it is written as a text cell
  with Excel's own quote prefix.
"""

from __future__ import annotations

import re
from typing import Any

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def xml_safe(text: str) -> str:
    """``text`` with every character XML cannot hold replaced by a space (same length)."""
    return _XML_ILLEGAL.sub(" ", text)


def clean(value: Any) -> Any:
    """A row read from jsonl with every string in it made :func:`xml_safe`, however nested."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def is_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula."""
    return text.startswith(FORMULA_START)


def inert(text: str) -> str:
    """``text`` as a spreadsheet must show it: ``'=1+2`` for ``=1+2``, anything else unchanged."""
    return f"'{text}" if is_formula(text) else text
