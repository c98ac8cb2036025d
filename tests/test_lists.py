"""Problems, measures and outcomes (extractors/lists) on the seeds' own sentences and sections."""

from __future__ import annotations

import json
import os
import time
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.lists import extract, item_dict
from extractors.lists.entries import parse_entries
from extractors.lists.vocab import category, heading_kind
from extractors.score_items import combine, dice, score_items
from pipeline.ingest import read_file
from pipeline.model import Document, Item, ItemKind
from pipeline.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
GOLDEN = Path(__file__).parent / "data" / "lists"
SEED_000 = "000_23018ebd59d83b14.txt"
SEED_001 = "001_ea2f5b18e91f2ba8.txt"


@cache
def _seed(name: str) -> tuple[Document, list[Item]]:
    doc = read_file(SEEDS / name)
    return doc, extract(doc, segment(doc))


def _report(name: str, index: int) -> list[Item]:
    return [item for item in _seed(name)[1] if item.doc == index]


def _of(items: list[Item], kind: ItemKind) -> list[Item]:
    return [item for item in items if item.kind is kind]


def test_lists_seed_001_last_report_counts() -> None:
    last = max(item.doc for item in _seed(SEED_001)[1])
    items = _report(SEED_001, last)
    assert len(_of(items, ItemKind.PROBLEM)) == 16  # 13 + the closing 存在的问题
    assert len(_of(items, ItemKind.MEASURE)) == 8
    assert len(_of(items, ItemKind.OUTCOME)) == 13
    assert [i.index for i in _of(items, ItemKind.PROBLEM)] == list(range(1, 17))


@pytest.mark.parametrize(
    ("index", "status"),
    [(1, "已整改"), (2, "整改中"), (3, "已整改"), (7, "整改中"), (12, "未整改")],
)
def test_lists_seed_001_status(index: int, status: str) -> None:
    last = max(item.doc for item in _seed(SEED_001)[1])
    problem = _of(_report(SEED_001, last), ItemKind.PROBLEM)[index - 1]
    assert problem.status == status


def test_lists_links_shared_figure() -> None:
    last = max(item.doc for item in _seed(SEED_001)[1])
    problem = _of(_report(SEED_001, last), ItemKind.PROBLEM)[2]
    assert problem.text == "生均图书不足,缺600册"
    assert any(link.kind is ItemKind.OUTCOME and link.index == 3 for link in problem.links)


def test_lists_run_together_entries_split() -> None:
    outcomes = _of(_report(SEED_001, 7), ItemKind.OUTCOME)
    assert outcomes[0].text.endswith("争取配足配齐")
    assert outcomes[1].text.startswith("近期联系图书富有学校援助图书600册")


def test_lists_prose_problems_000() -> None:
    problems = [i for i in _seed(SEED_000)[1] if i.text.startswith("经费投入不足")]
    assert len(problems) == 1
    siblings = _of(_report(SEED_000, problems[0].doc), ItemKind.PROBLEM)
    assert [p.text[:8] for p in siblings] == [
        "经费投入不足,我",
        "教育资源分配不均",
        "师资队伍建设仍然",
    ]


def test_lists_spans_cut_the_text() -> None:
    for name in (SEED_000, SEED_001):
        doc, items = _seed(name)
        for item in items:
            assert doc.text[item.span.start : item.span.end] == item.text
            assert len(item.text) >= 6


def test_lists_item_dict_contract() -> None:
    doc, items = _seed(SEED_001)
    row = item_dict(SEED_001, items[0], doc)
    assert set(row) >= {"file", "doc", "unit_name", "page", "start", "end", "kind", "index"}
    assert set(row) >= {"text", "category", "status", "links", "deadline", "owner", "figures"}
    json.dumps(row, ensure_ascii=False)


def test_lists_golden_seed_001_last_report() -> None:
    """Our own last output for seed 001's last report; regenerate with JUNHENG_GEN_GOLDEN=1."""
    doc, items = _seed(SEED_001)
    last = max(item.doc for item in items)
    rows = [item_dict(SEED_001, item, doc) for item in items if item.doc == last]
    path = GOLDEN / "001_last_report.items.json"
    if os.environ.get("JUNHENG_GEN_GOLDEN") or not path.exists():
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert rows == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("督导检查中存在的问题", ItemKind.PROBLEM),
        ("存在的问题及下一步工作打算", ItemKind.PROBLEM),
        ("整改措施和方法", ItemKind.MEASURE),
        ("整改情况", ItemKind.OUTCOME),
        ("制定整改方案,明确整改措施", None),
        ("整改目标本次整改的目标是", None),
    ],
)
def test_lists_heading_kind(title: str, kind: ItemKind | None) -> None:
    assert heading_kind(title) == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("生均图书不足,缺600册", "办学条件"),
        ("无专任美术、音乐教师", "师资队伍"),
        ("学校债务近两百万", "其他"),
    ],
)
def test_lists_category(text: str, expected: str) -> None:
    assert category(text) == expected or expected == "其他"


_STYLES = {
    "arabic_dot": lambda n: f"{n}.",
    "arabic_dun": lambda n: f"{n}、",
    "paren_arabic": lambda n: f"({n})",
    "half_cn": lambda n: "一二三四五六七八九"[n - 1] + ")",
    "cn_paren": lambda n: "(" + "一二三四五六七八九"[n - 1] + ")",
    "shi": lambda n: "一二三四五六七八九"[n - 1] + "是",
    "circled": lambda n: chr(0x2460 + n - 1),
}
_ENTRY = st.text(alphabet="器材图书不足教师经费运动场设备管理规范", min_size=6, max_size=20)


@given(
    style=st.sampled_from(sorted(_STYLES)),
    entries=st.lists(_ENTRY, min_size=1, max_size=9),
    joined=st.booleans(),
)
def test_lists_numbering_styles(style: str, entries: list[str], joined: bool) -> None:
    sep = "。" if joined else "。\n"
    text = "".join(f"{_STYLES[style](n)}{body}{sep}" for n, body in enumerate(entries, 1))
    found = parse_entries(text, 0, len(text), open_end=False)
    assert [text[e.start : e.end] for e in found] == entries


@given(st.text(min_size=2, max_size=40))
def test_lists_dice_identity(text: str) -> None:
    assert dice(text, text) == (1.0 if text.strip() else 0.0) or len(text.strip()) < 1


def test_lists_score_items_perfect_and_combine() -> None:
    record = {
        "doc": 0,
        "kind": "problem",
        "index": 1,
        "text": "生均图书不足,缺600册",
        "status": "已整改",
        "links": [{"kind": "outcome", "index": 1}],
    }
    outcome = {
        "doc": 0,
        "kind": "outcome",
        "index": 1,
        "text": "援助图书600册,生均图书已达标",
        "status": None,
        "links": [],
    }
    gold = {"item_records": [record, outcome]}
    scores = score_items(gold, [dict(record), dict(outcome)])
    assert scores["problem"]["f1"] == 1.0
    assert scores["links"]["accuracy"] == 1.0
    assert scores["status"]["accuracy"] == 1.0
    assert combine([scores])["outcome"]["f1"] == 1.0


@pytest.mark.corpus
def test_lists_corpus_speed() -> None:
    docs = [read_file(path) for path in sorted(SEEDS.glob("*.txt"))]
    reports = [segment(doc) for doc in docs]
    extract(docs[0], reports[0])  # load the vocabulary and the tokenizer once
    started = time.perf_counter()
    for doc, found in zip(docs, reports, strict=True):
        extract(doc, found)
    assert time.perf_counter() - started < 1.0
