"""Tolerances from written precision, as interval arithmetic.

A number the report writes stands for every value it could have been rounded (or truncated) from:
``26%`` is 25.5–26.5 when rounded, 26–27 when truncated, 25.5–27 when the profile says ``either``;
``4432人`` is exactly 4432. A relation holds when the interval the inputs allow overlaps the
interval the stated result allows; so a percentage written with one decimal is checked to ±0.05
plus the rounding of its inputs, and nothing else is tuned by hand.

>>> Interval.written(26, 0.5, "round").contains(12 / 46 * 100)
True
"""

from __future__ import annotations

from dataclasses import dataclass

from junheng.validate.quantities import Q

_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval ``[lo, hi]``."""

    lo: float
    hi: float

    @classmethod
    def written(cls, value: float, half: float, rounding: str) -> Interval:
        """What a value written with half-unit ``half`` may stand for under ``rounding``."""
        if half == 0:
            return cls(value, value)
        if rounding == "round":
            return cls(value - half, value + half)
        if rounding == "truncate":
            return cls(value, value + 2 * half)
        return cls(value - half, value + 2 * half)

    @classmethod
    def of(cls, q: Q, rounding: str) -> Interval:
        return cls.written(q.value, q.half, rounding)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, other: Interval | float) -> Interval:
        other = other if isinstance(other, Interval) else Interval(other, other)
        products = (self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi)
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval | None:
        if other.lo <= 0 <= other.hi:
            return None
        return self * Interval(1 / other.hi, 1 / other.lo)

    def overlaps(self, other: Interval) -> bool:
        scale = max(1.0, abs(self.lo), abs(self.hi), abs(other.lo), abs(other.hi))
        return self.lo <= other.hi + _EPS * scale and other.lo <= self.hi + _EPS * scale

    def contains(self, value: float) -> bool:
        return self.overlaps(Interval(value, value))


def total(intervals: list[Interval]) -> Interval:
    """The sum of several intervals."""
    result = Interval(0.0, 0.0)
    for interval in intervals:
        result = result + interval
    return result
