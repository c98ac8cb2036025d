"""Problems, measures and outcomes: find the lists of a report, link each problem to what answers
it and tell its status (issue 5; output rows in shared/CONTRACT.md, items.jsonl).

``extract(doc, reports, figures)`` is the front door; ``item_dict`` makes the contract row.
"""

from __future__ import annotations

from junheng.extractors.lists.extract import extract
from junheng.extractors.lists.serialize import item_dict

__all__ = ["extract", "item_dict"]
