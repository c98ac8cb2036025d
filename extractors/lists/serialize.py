"""The items.jsonl row of shared/CONTRACT.md for one item."""

from __future__ import annotations

from typing import Any

from junheng.core.model import Document, Item


def item_dict(file: str, item: Item, doc: Document) -> dict[str, Any]:
    """The contract row of ``item`` (its text as the source wrote it), plus its ``figures``."""
    return {
        "file": file,
        "doc": item.doc,
        "unit_name": item.unit_name,
        "page": item.span.page,
        "start": item.span.start,
        "end": item.span.end,
        "kind": str(item.kind),
        "index": item.index,
        "text": doc.source_text(item.span.start, item.span.end),
        "category": item.category,
        "status": item.status,
        "links": [{"kind": str(link.kind), "index": link.index} for link in item.links],
        "deadline": item.deadline,
        "owner": item.owner,
        "figures": [
            {
                "indicator": figure.indicator,
                "value": figure.value,
                "start": figure.span.start,
                "end": figure.span.end,
            }
            for figure in item.figures
        ],
    }
