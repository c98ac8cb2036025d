"""Counting helpers shared by every score: P/R/F1, value equality, one-to-one matching."""

from __future__ import annotations

from collections.abc import Sequence

PRF = dict[str, float | int]


def prf(found: int, gold: int, system: int) -> PRF:
    """Precision, recall and F1 (rounded), with the counts they come from."""
    precision = found / system if system else 1.0
    recall = found / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": gold,
        "system": system,
        "matched": found,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def accuracy(right: int, total: int) -> float:
    """``right / total`` rounded; 1.0 when there is nothing to be right about."""
    return round(right / total, 4) if total else 1.0


def same_value(a: float, b: float) -> bool:
    """Equal within a relative tolerance of 1e-3 (the contract's figure match)."""
    return abs(a - b) <= 1e-3 * max(abs(a), abs(b)) or abs(a - b) < 1e-9


def one_to_one(candidates: Sequence[Sequence[int]]) -> dict[int, int]:
    """A maximum one-to-one matching: ``candidates[g]`` lists the right-hand indices left item
    ``g`` may take, most preferred first. Returns {left: right}.

    Augmenting paths (Kuhn): every left item is tried in order, taking its first free candidate or
    moving an earlier item to another of its candidates, so no pairing is lost to greed.

    >>> one_to_one([[0, 1], [0]])
    {1: 0, 0: 1}
    """
    owner: dict[int, int] = {}

    def place(g: int, seen: set[int]) -> bool:
        for s in candidates[g]:
            if s in seen:
                continue
            seen.add(s)
            if s not in owner or place(owner[s], seen):
                owner[s] = g
                return True
        return False

    for g in range(len(candidates)):
        place(g, set())
    return {g: s for s, g in owner.items()}
