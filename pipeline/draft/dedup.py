"""The same report in several forms or copies, counted once (issue 16, "duplicate reports").

A batch often holds one report several times: as .txt, .docx and .pdf, or as two copies of one
file. Two reports are the same when their texts agree letter for letter once layout is set aside
(spaces, line breaks, punctuation, full- or half-width forms), or nearly so: every number the
same and in the same order, and the words at least :data:`NEAR` alike (a PDF's copy that lost a
running header). Another year's report with the same prose and other numbers is another report.

Of each group one report stands for all, the one in the plainest form (:data:`FORM_RANK`) and
then the first in input order; the drafts count and quote it alone and list where the others are.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from junheng.core.model import Finding, Report, ReportKey

_LAYOUT = re.compile(r"[^0-9a-z\u3400-\u9fff]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
NEAR = 0.9  # trigram similarity of the words above which two reports with equal numbers are one
MAX_BLOCK = 50  # reports with the same numbers compared pairwise at most; beyond, exact only
FORM_RANK = {"txt": 0, "docx": 1, "html": 2, "htm": 2, "pdf": 3}


def fingerprint(text: str) -> str:
    """The letters and digits of ``text``: what stays of a report whatever its layout."""
    return _LAYOUT.sub("", unicodedata.normalize("NFKC", text).lower())


def _trigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 3] for i in range(len(text) - 2))


def _alike(a: str, b: str) -> bool:
    """Words at least :data:`NEAR` alike (multiset Jaccard of character trigrams)."""
    if min(len(a), len(b)) < NEAR * max(len(a), len(b)):
        return False
    x, y = _trigrams(a), _trigrams(b)
    union = sum((x | y).values())
    return union > 0 and sum((x & y).values()) / union >= NEAR


@dataclass(frozen=True, slots=True)
class Copies:
    """Which report each report counts as; ``of[key]`` is ``key`` for a report that stands for
    itself (and any copies)."""

    of: dict[ReportKey, ReportKey] = field(default_factory=dict)

    def canonical(self, key: ReportKey) -> ReportKey:
        return self.of.get(key, key)

    def is_copy(self, key: ReportKey) -> bool:
        return self.canonical(key) != key

    def sources(self) -> dict[ReportKey, list[ReportKey]]:
        """Every counted report with the copies that stand behind it (itself not included)."""
        found: dict[ReportKey, list[ReportKey]] = defaultdict(list)
        for key, canonical in self.of.items():
            if key != canonical:
                found[canonical].append(key)
        return dict(found)

    @property
    def count(self) -> int:
        return sum(1 for key, canonical in self.of.items() if key != canonical)


def _rank(report: Report, order: int, formats: Mapping[str, str]) -> tuple[int, int]:
    form = formats.get(report.file) or report.file.rsplit(".", 1)[-1].lower()
    return FORM_RANK.get(form, len(FORM_RANK)), order


def find(reports: Iterable[Report], texts: Mapping[str, str], formats: Mapping[str, str]) -> Copies:
    """Group the reports that are one report; each group's plainest, first member stands for it."""
    exact: dict[str, list[tuple[tuple[int, int], Report]]] = defaultdict(list)
    for order, report in enumerate(reports):
        text = texts.get(report.file, "")[report.start : report.end]
        mark = fingerprint(text) or f"\x00{report.file}\x00{report.index}"  # no text: alone
        exact[mark].append((_rank(report, order, formats), report))
    groups = [sorted(members, key=lambda m: m[0]) for members in exact.values()]
    by_numbers: dict[tuple[str, ...], list[int]] = defaultdict(list)
    prints = list(exact)
    for n, mark in enumerate(prints):
        by_numbers[tuple(_NUMBER.findall(mark))].append(n)
    parent = list(range(len(groups)))
    for block in by_numbers.values():
        if len(block) > MAX_BLOCK:
            continue
        words = {n: _NUMBER.sub("", prints[n]) for n in block}
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if parent[b] == b and _alike(words[a], words[b]):
                    parent[b] = parent[a]
    merged: dict[int, list[tuple[tuple[int, int], Report]]] = defaultdict(list)
    for n, members in enumerate(groups):
        merged[parent[n]].extend(members)
    of: dict[ReportKey, ReportKey] = {}
    for members in merged.values():
        first = min(members, key=lambda m: m[0])[1].key
        for _, report in members:
            of[report.key] = first
    return Copies(of)


def findings(found: Iterable[Finding], copies: Copies) -> list[Finding]:
    """Each finding once: a copy's findings count as the report's, the same one only once."""
    kept: dict[tuple[ReportKey, str, str], Finding] = {}
    for finding in found:
        key = copies.canonical(finding.key)
        if key != finding.key:
            finding = replace(finding, file=key[0], doc=key[1])
        kept.setdefault((key, finding.rule, finding.message), finding)
    return list(kept.values())


def annotate(manifest: dict[str, Any], copies: Copies) -> dict[str, Any]:
    """The manifest with, per input, its ``unique_documents``, the reports of it that are
    ``duplicates`` of another file's, and the ``copies`` of its reports in other files; and the
    batch's ``unique_documents`` beside ``counts``. Fields are added, none renamed or dropped."""
    copies_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    duplicates: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for key, canonical in sorted(copies.of.items()):
        if key != canonical:
            duplicates[key[0]].append({"doc": key[1], "file": canonical[0], "as_doc": canonical[1]})
            copies_of[canonical[0]].append({"doc": canonical[1], "file": key[0], "as_doc": key[1]})
    unique: Counter[str] = Counter(k[0] for k, c in copies.of.items() if k == c)
    inputs = []
    for entry in manifest.get("inputs") or ():
        name = entry.get("file")
        inputs.append(
            {
                **entry,
                "unique_documents": unique.get(name, 0),
                "duplicates": duplicates.get(name, []),
                "copies": copies_of.get(name, []),
            }
        )
    return {**manifest, "inputs": inputs, "unique_documents": sum(unique.values())}
