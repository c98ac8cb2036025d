"""Problems, measures and outcomes: find the lists of a report, link each problem to what answers
it and tell its status (issue 5; output rows in shared/CONTRACT.md, items.jsonl).

``extract(doc, reports, figures)`` is the front door (rows: :func:`junheng.core.codec.item_row`).
"""

from __future__ import annotations

from junheng.extractors.lists.extract import extract

__all__ = ["extract"]
