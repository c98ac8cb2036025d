"""A sharing site's page numbers inside a paragraph (pipeline/core/page_marks.py)."""

from __future__ import annotations

import pytest
from junheng.core.normalize import normalize

_PAGE = "学校现有教学班18个,在校学生812人,教职工56人。" * 8  # a page's worth of text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # the page cut a word: the number dropped, the word joined again
        (
            _PAGE + "图书采购项目12项(另有8项为改造中的采购项,实际共有图\n\n2、书采购项20项)。",
            _PAGE + "图书采购项目12项(另有8项为改造中的采购项,实际共有图书采购项20项)。",
        ),
        (
            _PAGE + "学校占地面积6000平方米,生均用地14平方米;建筑\n3、总面积3105平方米。",
            _PAGE + "学校占地面积6000平方米,生均用地14平方米;建筑总面积3105平方米。",
        ),
        # the page cut a number, or came right after one: the digits joined again
        (
            _PAGE + "校舍总面积2297万平方米,增长1.3%;图书7527万册,增长4.\n\n2、2%。教师1719人。",
            _PAGE + "校舍总面积2297万平方米,增长1.3%;图书7527万册,增长4.2%。教师1719人。",
        ),
        (
            _PAGE + "校舍总面积2160.4万平方米,仪器设备值18.57亿元,增长3.6%\n\n3、;图书51万册。",
            _PAGE + "校舍总面积2160.4万平方米,仪器设备值18.57亿元,增长3.6%;图书51万册。",
        ),
    ],
)
def test_page_marks_a_page_number_inside_a_word_is_dropped(raw: str, clean: str) -> None:
    text, offsets = normalize(raw)
    assert text == clean
    start = text.index("书采购项20" if "书采购项20" in clean else "总面积")
    start = text.index("2%。教师") + 1 if "增长4.2%" in clean else start
    assert raw[slice(*offsets.to_raw(start, start + 1))] == text[start]  # offsets stay exact


@pytest.mark.parametrize(
    "raw",
    [
        # a list's next entry, its 1、 just above
        "存在的问题\n1、音乐器材配备不足,图书室面积偏小,藏书更新较慢\n2、教师年龄结构老化。",
        # an entry with its own topic
        _PAGE + "学校占地面积20000平方米,校舍建筑面积8000平方米,有教学\n2、体育器材:配备不足。",
        # a heading line before it (no comma: not prose running on)
        _PAGE + "\n二、存在的主要问题及原因分析\n2、师资结构不合理。",
        # a list's entry that opens with a number after an entry that ends with one
        "存在的问题\n1、学校占地面积20000平方米,生均用地不足10\n2、3所学校没有运动场。",
        # the line before ends its sentence
        _PAGE + "学校占地面积20000平方米,校舍建筑面积8000平方米。\n2、体育器材配备不足。",
    ],
)
def test_page_marks_a_lists_mark_is_kept(raw: str) -> None:
    assert "\n2、" in normalize(raw)[0]
