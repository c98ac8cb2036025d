"""claim_unsupported on seed 001's last report: a 60-metre track does not fix 无100米直跑道."""

from __future__ import annotations

from junheng.core.model import Item, ItemKind, ItemLink, Span
from junheng.ingest.limits import DEFAULT_LIMITS
from junheng.ingest.txt import read
from junheng.validate import validate_document

PROBLEM = "1.运动场不达标,无 100米直跑道。"
OUTCOME = "1.针对运动场不达标,无 100米直跑道,学校联系村委会,已修建5米宽60米长水泥直跑道。"
BOOKS_OK = "3.近期联系图书富裕学校援助图书600册,生均图书已达标。"


def _doc(text):
    return read(text.encode("utf-8"), "case.txt", DEFAULT_LIMITS)


def test_validate_claims_sentence_track():
    found = validate_document(_doc(OUTCOME), [], [], rules={"claim_unsupported"})
    assert len(found) == 1
    assert found[0].values == (100.0, 60.0) and "100米" in found[0].message


def test_validate_claims_items_linked():
    text = "一、存在的问题\n" + PROBLEM + "\n三、整改情况\n1.学校已修建60米长直跑道。\n"
    doc = _doc(text)
    p_start = doc.text.index("运动场")
    o_start = doc.text.index("学校已修建")
    problem = Item(
        0,
        ItemKind.PROBLEM,
        1,
        "运动场不达标,无 100米直跑道",
        "办学条件",
        Span(p_start, doc.text.index("。", p_start)),
        links=(ItemLink(ItemKind.OUTCOME, 1),),
    )
    outcome = Item(
        0,
        ItemKind.OUTCOME,
        1,
        "学校已修建60米长直跑道",
        "办学条件",
        Span(o_start, doc.text.index("。", o_start)),
    )
    found = validate_document(doc, [], [], [problem, outcome], rules={"claim_unsupported"})
    assert [f.values for f in found] == [(100.0, 60.0)]


def test_validate_claims_books_enough():
    text = "3.生均图书不足,缺600册。\n" + BOOKS_OK
    assert validate_document(_doc(text), [], [], rules={"claim_unsupported"}) == []
