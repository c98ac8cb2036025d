"""The development-corpus gold (corpus/gold/dev/*.json) against its texts in ../shared: every
offset cuts out what the gold says is there, every enum is one of its values
(corpus/check_dev_gold.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEVCORPUS = ROOT.parent / "shared" / "devcorpus"

pytestmark = pytest.mark.skipif(
    not DEVCORPUS.is_dir(),
    reason=f"the development corpus's texts are not at {DEVCORPUS} (the gold points into them)",
)


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_dev_gold", ROOT / "corpus" / "check_dev_gold.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gold_dev_offsets_and_enums_check() -> None:
    problems = _checker().check_all()
    assert not problems, "\n".join(problems)


def test_gold_dev_has_fifty_files_and_the_heldout_list() -> None:
    names = sorted(p.name for p in (ROOT / "corpus" / "gold" / "dev").glob("d*.json"))
    assert len(names) == 50
    heldout = (ROOT / "corpus" / "gold" / "dev" / "heldout.txt").read_text("utf-8").split()
    assert len(heldout) == 15 and {f"{h}.json" for h in heldout} <= set(names)
