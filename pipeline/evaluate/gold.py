"""Reading gold: the seed gold (corpus/gold/*.json, texts quoted) and the development-corpus gold
(corpus/gold/dev/dNNN.json, offsets into ../shared/devcorpus/docs/dNNN.txt; see that folder's
README.md).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Gold = dict[str, Any]

HELDOUT_FILE = "heldout.txt"
# Where the development corpus's texts live, relative to the repository root.
DEV_TEXTS = Path("..") / "shared" / "devcorpus" / "docs"


def read_json(path: Path) -> Gold:
    data: Gold = json.loads(path.read_text(encoding="utf-8"))
    return data


def seed_gold(gold_dir: Path) -> list[Gold]:
    """The seed gold files of ``gold_dir``, in name order."""
    return [read_json(path) for path in sorted(gold_dir.glob("*.json"))]


def gold_records(gold: Gold) -> list[dict[str, Any]]:
    """The gold items: ``item_records`` when present, else the plain ``items`` lists."""
    if gold.get("item_records") is not None:
        return list(gold["item_records"])
    records: list[dict[str, Any]] = []
    for kind, texts in (gold.get("items") or {}).items():
        records += [
            {"doc": None, "kind": kind, "index": i, "text": t} for i, t in enumerate(texts, 1)
        ]
    return records


def is_offset_gold(gold: Gold) -> bool:
    """A gold file that points into its text (the dev corpus) rather than quoting it."""
    return "sha256" in gold or any("start" in r for r in gold.get("reports", []))


def is_dev_dir(gold_dir: Path) -> bool:
    """``gold_dir`` holds the development-corpus gold (its files point into ../shared)."""
    if (gold_dir / HELDOUT_FILE).is_file():
        return True
    first = next(iter(sorted(gold_dir.glob("*.json"))), None)
    return first is not None and is_offset_gold(read_json(first))


def repo_root(start: Path) -> Path | None:
    """The repository a gold folder sits in: the nearest folder up with a pyproject.toml."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    return None


def dev_texts_dir(gold_dir: Path) -> Path:
    """../shared/devcorpus/docs relative to the repository root of ``gold_dir``."""
    root = repo_root(gold_dir) or Path(__file__).resolve().parents[2]
    return (root / DEV_TEXTS).resolve()


def heldout_names(gold_dir: Path) -> frozenset[str]:
    """The held-out pages (``d003`` … in heldout.txt) as file names ``d003.txt``."""
    path = gold_dir / HELDOUT_FILE
    if not path.is_file():
        return frozenset()
    names = (line.split("#")[0].strip() for line in path.read_text("utf-8").splitlines())
    return frozenset(n if n.endswith(".txt") else f"{n}.txt" for n in names if n)


@dataclass(frozen=True)
class DevGold:
    """One dev gold file with the text its offsets count in."""

    name: str  # the text's file name, dNNN.txt
    data: Gold
    text: str
    heldout: bool

    def cut(self, start: int, end: int) -> str:
        return self.text[start:end]

    @property
    def split(self) -> str:
        return "heldout" if self.heldout else "tuning"


@dataclass
class DevCorpus:
    texts_dir: Path
    files: list[DevGold] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # files left out, and why
    missing: str | None = None  # why nothing could be scored


def read_text(path: Path) -> str:
    """A page's text as the gold's offsets count it: UTF-8, no newline translation."""
    return path.read_bytes().decode("utf-8")


def load_dev(gold_dir: Path, texts_dir: Path | None = None) -> DevCorpus:
    """The dev gold of ``gold_dir`` with each file's text (from ``texts_dir``, by default
    ../shared/devcorpus/docs next to the repository). A file whose text is absent or has another
    sha256 than the gold's is left out with a note; no texts at all: ``missing`` says so."""
    folder = texts_dir or dev_texts_dir(gold_dir)
    corpus = DevCorpus(texts_dir=folder)
    if not folder.is_dir():
        corpus.missing = (
            f"the development corpus's texts are not at {folder} (the gold points into them: "
            "dev gold skipped)"
        )
        return corpus
    heldout = heldout_names(gold_dir)
    for path in sorted(gold_dir.glob("*.json")):
        data = read_json(path)
        name = data.get("file") or f"{path.stem}.txt"
        source = folder / name
        if not source.is_file():
            corpus.notes.append(f"{path.name}: text {name} not found in {folder}, left out")
            continue
        raw = source.read_bytes()
        if data.get("sha256") and hashlib.sha256(raw).hexdigest() != data["sha256"]:
            corpus.notes.append(f"{path.name}: {name} is not the text the gold was made on "
                                "(sha256 differs), left out")
            continue
        corpus.files.append(DevGold(name, data, raw.decode("utf-8"), name in heldout))
    if not corpus.files:
        corpus.missing = f"no dev gold file could be scored ({len(corpus.notes)} left out)"
    return corpus
