"""Links (extractors/lists/links.py) on invented lists: an answer goes to the problem it is about,
not to every problem that shares a word with it."""

from __future__ import annotations

import pytest
from junheng.core.model import Item, ItemKind, Span
from junheng.extractors.lists.links import link_items, opening_clause
from junheng.extractors.lists.vocab import category, vocabulary


def _items(problems: list[str], answers: list[str], kind: ItemKind) -> list[Item]:
    """Items of one report: the problems first, then the answers, at consecutive offsets."""
    items: list[Item] = []
    at = 0
    for index, text in enumerate(problems, 1):
        items.append(_item(ItemKind.PROBLEM, index, text, at))
        at += len(text) + 1
    for index, text in enumerate(answers, 1):
        items.append(_item(kind, index, text, at))
        at += len(text) + 1
    return items


def _item(kind: ItemKind, index: int, text: str, at: int) -> Item:
    return Item(
        doc=0,
        kind=kind,
        index=index,
        text=text,
        category=category(text),
        span=Span(at, at + len(text), None),
    )


def _links(items: list[Item]) -> dict[int, set[int]]:
    """Each problem's index → the indexes of the answers it links to."""
    return {
        item.index: {link.index for link in item.links if link.kind is not ItemKind.PROBLEM}
        for item in items
        if item.kind is ItemKind.PROBLEM
    }


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("完善实验室管理,对物理、化学、生物实验室进行了整理", "完善实验室管理"),
        ("一是,加强队伍建设", "一是,加强队伍建设"),
        ("增加图书", "增加图书"),
    ],
)
def test_lists_links_opening_clause(text: str, clause: str) -> None:
    assert opening_clause(text) == clause


def test_lists_links_rooms_listed_in_passing_stay_with_their_own_answers() -> None:
    """An outcome about managing the rooms, which names the rooms in passing, answers the
    management problem, not the rooms' problems that have outcomes of their own."""
    problems = [
        "卫生保健室药品不全",
        "心理咨询室没有专用桌椅",
        "功能室管理制度不健全",
    ]
    outcomes = [
        "卫生保健室补充了常用药品",
        "心理咨询室添置了专用桌椅",
        "健全功能室管理制度,对卫生保健室、心理咨询室、音乐教室等各室制度进行了上墙",
    ]
    links = _links(link_items(_items(problems, outcomes, ItemKind.OUTCOME)))
    assert links == {1: {1}, 2: {2}, 3: {3}}


def test_lists_links_one_common_word_is_no_link() -> None:
    """A short measure whose only domain word is common (教学) links to the problem it is about,
    not to every problem holding that word."""
    problems = [
        "部分村小教学设备陈旧,教学效果受到影响",
        "教师评价办法不完善,难以反映教师的教学实绩",
        "学校图书室藏书偏少",
    ]
    measures = [
        "完善教师评价办法,把教学实绩作为评价的主要内容",
        "为村小更新教学设备",
        "每年为学校图书室补充藏书",
    ]
    links = _links(link_items(_items(problems, measures, ItemKind.MEASURE)))
    assert links[1] == {2}
    assert links[2] == {1}
    assert links[3] == {3}


def test_lists_links_answer_covering_two_subjects() -> None:
    """A measure that names two subjects answers a second problem when no other measure does."""
    problems = ["音体美器材配备不足", "生均图书不足", "校园文化氛围不浓"]
    measures = ["积极争取专项资金,配齐音体美器材,补充图书", "加强校园文化建设"]
    links = _links(link_items(_items(problems, measures, ItemKind.MEASURE)))
    assert 1 in links[1]
    assert links[3] == {2}


@pytest.mark.parametrize(
    ("text", "every"),
    [
        ("全体教师利用周末加班,整改存在的问题", True),
        ("制定整改方案,明确责任人和时限,逐项整改落实", True),
        ("为村小更新教学设备", False),
        ("针对图书不足的问题,补充图书", False),
    ],
)
def test_lists_links_answers_all_pattern(text: str, every: bool) -> None:
    assert bool(vocabulary().answers_all.search(text)) is every


def test_lists_links_generic_measure_takes_no_category_link() -> None:
    """A measure that answers every problem at once is linked to none: not by its words (教师),
    not by the category fallback to an unanswered problem of its category."""
    problems = ["缺少专职音乐教师", "学校围墙破损"]
    measures = ["全体教师利用周末加班,整改存在的问题", "尽快修缮学校围墙"]
    items = _items(problems, measures, ItemKind.MEASURE)
    links = _links(link_items(items))
    assert 1 not in links[1]
    assert links[2] == {2}
