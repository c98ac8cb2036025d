"""The quantities of a sentence, as the validator reads them.

The numbers come from ``junheng.extractors.numbers`` (value, start, end, unit, multiplier,
qualifier, role, ratio, extent), read once per document
(:class:`~junheng.extractors.numbers.Quantities`) and shared with the figure extractor.

:class:`Q` adds what the checks need: the *label* (the words before the number in its clause), the
precision as written (``half``: half a unit of the last written digit, in normalised units) and
whether the unit counts things (人, 所 …: an integer count is exact).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from junheng.extractors.numbers import Quantities
from junheng.extractors.statements import lexicon

SENTENCE_END = re.compile(r"[。!?！？\n]")
CLAUSE_BREAK = "，,、；;：:（）()。!?！？\n"
_UNIT_ALIASES = {"㎡": "平方米", "％": "%", "种类": "种", "名": "人", "位": "人"}
_MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3}


@dataclass(frozen=True, slots=True)
class Q:
    """One number of a sentence. ``start``/``end`` cut the digits out of the document text."""

    value: float
    start: int
    end: int
    unit: str
    written: str
    half: float
    counted: bool
    qualifier: str | None
    label: str
    unit_end: int = 0
    ratio: tuple[float, float] | None = None
    role: str = "value"
    noun_after: str = ""
    """The lexicon's head noun right after the number and its unit (1753名学生: 学生), when the
    count is written number first; empty otherwise."""

    @property
    def said(self) -> str:
        """What the count is said of, on either side of the number: its label and the noun
        after it."""
        return self.label + self.noun_after

    @property
    def exact(self) -> bool:
        """A count written as an integer without hedging: no rounding to allow for."""
        return self.counted and self.half == 0.0

    @property
    def hedged(self) -> bool:
        return self.qualifier is not None


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` begins (after the last 。!? or line break before it)."""
    return max(text.rfind(mark, 0, pos) for mark in "。!?！？\n") + 1


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` split at 。!? and line breaks (not at ；)."""
    end = len(text) if end is None else end
    cursor = start
    for match in SENTENCE_END.finditer(text, start, end):
        if match.start() > cursor:
            yield cursor, match.start()
        cursor = match.end()
    if cursor < end:
        yield cursor, end


def quantities(
    text: str,
    start: int,
    end: int,
    counted_units: tuple[str, ...],
    found: Quantities | None = None,
) -> list[Q]:
    """The values (not years, dates, numbering …) of ``text[start:end]`` with labels and written
    precision; a label runs back to the previous quantity of any kind. ``found`` are the
    document's quantities when the caller has them (else ``text`` is read here)."""
    found = found if found is not None else Quantities.of(text)
    raw = found.between(start, end)
    wrapped = []
    previous_end = start
    for item in sorted(raw, key=lambda q: q.start):
        if (getattr(item, "role", None) or "value") == "value":
            wrapped.append(_wrap(text, item, previous_end, counted_units))
        previous_end = _unit_end(item)
    return wrapped


def _wrap(text: str, item: Any, floor: int, counted_units: tuple[str, ...]) -> Q:
    written = text[item.start : item.end]
    unit = _UNIT_ALIASES.get(item.unit or "", item.unit or "")
    multiplier = getattr(item, "multiplier", None) or _multiplier(getattr(item, "unit_text", ""))
    decimals = len(written.split(".")[1]) if "." in written else 0
    counted = unit in counted_units or unit in ("人", "种")
    half = 0.0 if counted and decimals == 0 else 0.5 * 10.0 ** (-decimals) * (multiplier or 1)
    if unit == "%" and item.ratio is None:
        counted = False
    return Q(
        value=float(item.value) if item.value is not None else float("nan"),
        start=item.start,
        end=item.end,
        unit=unit,
        written=written,
        half=half,
        counted=counted,
        qualifier=getattr(item, "qualifier", None),
        label=_label(text, floor, item.start),
        unit_end=_unit_end(item),
        ratio=tuple(item.ratio) if getattr(item, "ratio", None) else None,
        role=getattr(item, "role", "value") or "value",
        noun_after=_noun_after(text, _unit_end(item), unit),
    )


def _noun_after(text: str, at: int, unit: str) -> str:
    """The lexicon noun that starts right at ``at`` and counts in ``unit`` (名学生, 所小学)."""
    lex = lexicon()
    match = lex.noun_re.match(text, at, at + 12)
    if match is None:
        return ""
    noun = lex.nouns[match.group()]
    counts = unit in noun.units or (unit == "人" and "名" in noun.units)  # 名 reads as 人
    return noun.word if counts else ""


def _unit_end(item: Any) -> int:
    """Where the number and its unit end (``extent`` when the reader gives it)."""
    extent = getattr(item, "extent", None)
    if extent:
        return int(extent[1])
    return int(item.end + len(getattr(item, "unit_text", "") or ""))


def _multiplier(unit_text: str | None) -> float:
    return next((m for c, m in _MULTIPLIERS.items() if unit_text and unit_text.startswith(c)), 1.0)


def _label(text: str, floor: int, start: int) -> str:
    """The words before a number back to the previous break or the previous number's end."""
    cursor = start
    while cursor > floor and text[cursor - 1] not in CLAUSE_BREAK:
        cursor -= 1
    return text[cursor:start]
