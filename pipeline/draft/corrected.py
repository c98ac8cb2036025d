"""OUT as corrected: the corrections kept in the store laid over the rows a run extracted, so
that every draft holds them — ``junheng run``'s own (:mod:`junheng.api`), ``junheng draft``'s
(:mod:`junheng.draft.cli`) and 「重新生成」's (:mod:`junheng.review.redraft`) alike.

Each of them drafts in these steps:

1. :func:`apply`: the rows as the run wrote them are kept aside once per run
   (``OUT/.junheng-review/extracted/``, :func:`keep_extracted`); the corrections that hold
   (:func:`junheng.draft.corrections.sort`: an unchanged file's, on a span that still holds what
   the person saw) are laid over them into OUT/figures.jsonl and OUT/items.jsonl; the findings'
   corrections (confirmed, dismissed) are noted in ``applied.json`` for the next step. The others
   stay *to check again* (the app lists them under 待复核);
2. ``draft(OUT, recheck=True)``: the findings are made again where a file's rows changed
   (:func:`junheng.draft.recheck.recheck`), the dismissed ones leave findings.jsonl for
   ``dismissed.jsonl``, and the drafts are written;
3. :func:`mark_drafted` (:func:`after_draft`): the drafts hold the corrections that hold now
   (:func:`settled`; the app then says nothing is behind).

Rows a person edited by hand in OUT/figures.jsonl or OUT/items.jsonl since junheng last wrote
them are kept: the corrections are laid over those rows instead of the ones kept aside (rows
already carrying a correction are left as they stand). An OUT without a single correction, now
or before in this run, is left as it is: nothing is written, no folder made.

The per-file digest of the rows (:func:`rows_digest`, :func:`digests`) tells the recheck which
files' findings can stand: ``junheng run`` writes each file's into manifest.json
(``rows_digest``), the recheck its own into ``checked.json``.

>>> applied = apply(Path("out"), Path("out/.junheng-store.sqlite"))  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from junheng.core.codec import encode_row, read_jsonl, write_json
from junheng.draft.corrections import (
    Sorted,
    Where,
    figure_where,
    figures,
    finding_key,
    finding_where,
    fingerprint,
    item_where,
    items,
    sort,
)
from junheng.draft.overlay import Correction, stored

REVIEW_DIR = ".junheng-review"
EDITED = ("figures", "items")
"""The outputs whose rows a person corrects (kept aside as the run wrote them)."""
DIGESTED = ("reports", "figures", "items")
"""The outputs a file's findings are made from (with its text, which its hash stands for)."""
APPLIED = "applied.json"
DRAFTED = "drafted.json"

Row = dict[str, Any]


def review_dir(out: Path) -> Path:
    return out / REVIEW_DIR


def run_stamp(out: Path) -> dict[str, Any]:
    """Which run wrote OUT: manifest.json's ``started``, ``finished`` and ``version``."""
    manifest = out / "manifest.json"
    if not manifest.is_file():
        return {}
    data = json.loads(manifest.read_text("utf-8"))
    return {k: data.get(k) for k in ("started", "finished", "version")}


def inputs(out: Path) -> list[Row]:
    """manifest.json's ``inputs`` (none without a manifest)."""
    manifest = out / "manifest.json"
    if not manifest.is_file():
        return []
    return list(json.loads(manifest.read_text("utf-8")).get("inputs") or ())


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data = json.loads(path.read_text("utf-8"))
    return data if isinstance(data, dict) else {}


def _sha(path: Path) -> str | None:
    if not path.is_file():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def keep_extracted(out: Path) -> Path:
    """Copy OUT's figures and items rows aside unless the copy is of this very run; return the
    folder of the copy."""
    folder = review_dir(out) / "extracted"
    stamp = run_stamp(out)
    stamp_path = folder / "stamp.json"
    kept = all((folder / f"{name}.jsonl").is_file() for name in EDITED)
    if kept and _read_json(stamp_path) == stamp:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for name in EDITED:
        source, target = out / f"{name}.jsonl", folder / f"{name}.jsonl"
        tmp = target.with_name(f".{target.name}.tmp")
        if source.is_file():
            shutil.copyfile(source, tmp)
        else:
            tmp.write_text("", encoding="utf-8")
        os.replace(tmp, target)
    write_json(stamp_path, stamp)
    (review_dir(out) / "dismissed.jsonl").unlink(missing_ok=True)  # of the run before
    return folder


def findings_shown(out: Path, files: set[str] | None = None) -> list[Row]:
    """The findings of OUT as last made: findings.jsonl and the dismissed ones not in it (only
    those of ``files``, when given)."""

    def read(path: Path) -> Iterable[Row]:
        return read_jsonl(path) if files is None else rows_of(path, files)

    rows = list(read(out / "findings.jsonl"))
    seen = {finding_key(f) for f in rows}
    for row in read(review_dir(out) / "dismissed.jsonl"):
        if finding_key(row) not in seen:
            rows.append(row)
            seen.add(finding_key(row))
    return rows


# --- which files' rows changed --------------------------------------------------------------

_FILE = re.compile(rb'^\{"file": ("(?:[^"\\]|\\.)*")')


def _digest(sha256: str, parts: Mapping[str, bytes]) -> str:
    digest = hashlib.sha256(f"{sha256}\n".encode())
    for name in DIGESTED:
        data = parts.get(name, b"")
        digest.update(f"{name} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def rows_digest(sha256: str | None, lines: Mapping[str, str]) -> str:
    """The digest of one file's rows: its hash and, per output of :data:`DIGESTED`, its lines
    as written to OUT (``lines``: output name → the lines joined, as a worker encodes them)."""
    return _digest(sha256 or "", {n: lines.get(n, "").encode() for n in DIGESTED})


def file_of(line: bytes) -> str:
    """The ``file`` of one jsonl line (junheng writes it first; a hand-edited row is parsed)."""
    found = _FILE.match(line)
    if found:
        return str(json.loads(found.group(1)))
    return str(json.loads(line).get("file") or "")


def lines_by_file(path: Path) -> Iterator[tuple[str, bytes]]:
    """Each line of a jsonl file with the file it is of."""
    if not path.is_file():
        return
    with path.open("rb") as handle:
        for line in handle:
            if not line.isspace():
                yield file_of(line), line


def digests(out: Path) -> dict[str, str]:
    """:func:`rows_digest` of every input file of OUT, from OUT's rows as they stand now."""
    parts: dict[str, dict[str, list[bytes]]] = {}
    for name in DIGESTED:
        for file, line in lines_by_file(out / f"{name}.jsonl"):
            parts.setdefault(file, {}).setdefault(name, []).append(line)
    shas = {str(i.get("file")): str(i.get("sha256") or "") for i in inputs(out)}
    files = dict.fromkeys([*shas, *parts])
    return {
        file: _digest(
            shas.get(file, ""), {n: b"".join(ls) for n, ls in parts.get(file, {}).items()}
        )
        for file in files
    }


# --- laying the corrections over OUT --------------------------------------------------------


@dataclass
class Applied:
    """What :func:`apply` did: the corrections that hold and those to check again, with why."""

    holding: dict[Where, Correction] = field(default_factory=dict)
    recheck: list[tuple[Correction, str]] = field(default_factory=list)
    written: bool = False
    """Whether OUT's figures and items were written again (False: OUT had no correction)."""

    @property
    def corrected(self) -> int:
        """How many figures and items the drafts now say otherwise than extracted."""
        return sum(1 for c in self.holding.values() if c.action in ("correct", "reject"))


def present(
    figure_rows: Iterable[Row], item_rows: Iterable[Row], findings: Iterable[Row]
) -> set[Where]:
    """The places the rows stand on (where a correction can hold)."""
    places: set[Where] = set()
    places.update(figure_where(r) for r in figure_rows)
    places.update(item_where(r) for r in item_rows)
    places.update(finding_where(r) for r in findings)
    return places


def _edited(out: Path, name: str, done: Mapping[str, Any], extracted: Path) -> bool:
    """Whether OUT/NAME.jsonl was edited by hand since junheng wrote it."""
    now = _sha(out / f"{name}.jsonl")
    return now is not None and now not in (done.get(name), _sha(extracted / f"{name}.jsonl"))


def apply(out: Path, store: Path) -> Applied:
    """Lay the corrections kept in ``store`` over OUT's rows (see the module's docstring). The
    rows of files without a correction are copied as they are, line for line."""
    corrections = stored(store)
    stamp = run_stamp(out)
    done = _read_json(review_dir(out) / APPLIED)
    if done.get("run") != stamp:
        done = {}
    if not corrections and not done:
        return Applied()
    extracted = keep_extracted(out)
    files = {c.key.file for c in corrections}
    shas = {str(i.get("file")): str(i.get("sha256")) for i in inputs(out)}
    places = present(
        rows_of(extracted / "figures.jsonl", files),
        rows_of(extracted / "items.jsonl", files),
        findings_shown(out, files),
    )
    found = sort(corrections, shas, places)
    for name, lay in (("figures", figures), ("items", items)):
        source = out if _edited(out, name, done, extracted) else extracted
        _rewrite(source / f"{name}.jsonl", out / f"{name}.jsonl", files, lay, found.holding)
    held = [c.row() for where, c in found.holding.items() if where[0] == "finding"]
    write_json(
        review_dir(out) / APPLIED,
        {
            "run": stamp,
            **{name: _sha(out / f"{name}.jsonl") for name in EDITED},
            "findings": held,
        },
    )
    return Applied(found.holding, found.recheck, written=True)


Lay = Callable[[list[Row], Mapping[Where, Correction]], list[Row]]


def _rewrite(
    source: Path, target: Path, files: set[str], lay: Lay, holding: Mapping[Where, Correction]
) -> None:
    """``target`` written from ``source``: each run of one file's lines with ``lay`` over its
    rows when the file is one of ``files``, else the lines as they are."""
    tmp = target.with_name(f".{target.name}.tmp")
    with tmp.open("wb") as handle:
        for file, lines in itertools.groupby(lines_by_file(source), key=itemgetter(0)):
            if file in files:
                rows = lay([json.loads(line) for _, line in lines], holding)
                handle.write("".join(map(encode_row, rows)).encode())
            else:
                handle.writelines(line for _, line in lines)
    os.replace(tmp, target)


def rows_of(path: Path, files: set[str]) -> Iterator[Row]:
    """The rows of a jsonl file that are of ``files`` (the others are not parsed)."""
    return (json.loads(line) for file, line in lines_by_file(path) if file in files)


def held_findings(out: Path) -> dict[Where, Correction]:
    """The corrections of findings (confirmed, dismissed) that held when :func:`apply` last laid
    the corrections over this run's rows."""
    done = _read_json(review_dir(out) / APPLIED)
    if done.get("run") != run_stamp(out):
        return {}
    held = (Correction.from_row(row) for row in done.get("findings") or ())
    return {c.key.where: c for c in held}


def settled(out: Path, store: Path) -> Sorted:
    """The corrections as they hold over OUT as it stands (after drafting: the findings made
    again), as the app sorts them when it loads OUT."""
    folder = review_dir(out) / "extracted"
    source = folder if all((folder / f"{n}.jsonl").is_file() for n in EDITED) else out
    shas = {str(i.get("file")): str(i.get("sha256")) for i in inputs(out)}
    places = present(
        read_jsonl(source / "figures.jsonl"),
        read_jsonl(source / "items.jsonl"),
        findings_shown(out),
    )
    return sort(stored(store), shas, places)


def mark_drafted(out: Path, fingerprint_: str) -> None:
    """Note that OUT's drafts hold the corrections of this fingerprint
    (:func:`junheng.draft.corrections.fingerprint` of those that hold: :func:`settled`)."""
    write_json(review_dir(out) / DRAFTED, {"run": run_stamp(out), "fingerprint": fingerprint_})


def after_draft(out: Path, store: Path, applied: Applied) -> None:
    """:func:`mark_drafted` after ``junheng run`` or ``junheng draft`` (nothing to note for an
    OUT that never had a correction)."""
    if applied.written or review_dir(out).is_dir():
        mark_drafted(out, fingerprint(settled(out, store).holding.values()))


def drafted(out: Path) -> dict[str, Any]:
    """What :func:`mark_drafted` noted last: the run and the corrections' fingerprint."""
    return _read_json(review_dir(out) / DRAFTED)
