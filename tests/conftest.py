"""Fixtures that several test files share: the seed corpus and the draft fixture folder.

Slow tests (more than about half a second: subprocess and whole-corpus runs, hypothesis tests with
hundreds of examples) are marked ``@pytest.mark.slow``; ``pytest -m "not slow"`` leaves them out
for a quick run while developing, ``pytest`` runs everything.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from junheng.core.model import Document

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
DRAFT_FIXTURE = Path(__file__).resolve().parent / "data" / "draft" / "OUT"


@pytest.fixture(scope="session")
def seeds() -> Path:
    """corpus/seeds: the five seed reports, each as .txt and as the .docx and .pdf made from it."""
    return SEEDS


@pytest.fixture(scope="session")
def seed_doc() -> Callable[[str], Document]:
    """``seed_doc(name)``: the seed ``corpus/seeds/<name>`` read with ``read_file``, once per
    session (a Document is frozen, so tests can share it)."""
    from junheng.ingest import read_file

    @cache
    def read(name: str) -> Document:
        return read_file(SEEDS / name)

    return read


@pytest.fixture
def draft_out(tmp_path: Path) -> Path:
    """A fresh copy of tests/data/draft/OUT (a run's outputs, no drafts yet) to write into."""
    out = tmp_path / "OUT"
    shutil.copytree(DRAFT_FIXTURE, out)
    return out


@pytest.fixture(scope="session")
def drafted_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of tests/data/draft/OUT with its drafts written by ``draft``, once per session;
    read it, do not write into it (use ``draft_out`` for that)."""
    from junheng.draft import draft

    out = tmp_path_factory.mktemp("draft") / "OUT"
    shutil.copytree(DRAFT_FIXTURE, out)
    draft(out)
    return out
