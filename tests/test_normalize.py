"""Normalisation: a view of the raw text with an offset map back to it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from junheng.core.normalize import fold_char, normalize, to_simplified


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # seed 003: 。 as a decimal point
        ("生均教学及辅助用房小学3。74,达标学校30所", "生均教学及辅助用房小学3.74,达标学校30所"),
        ("入比上年增长比例分别为13。5%、14。5%、11。9", "入比上年增长比例分别为13.5%、14.5%、11.9"),
        ("以来,各级财政投入资金10。88亿元", "以来,各级财政投入资金10.88亿元"),
        # a sentence end after a number, then list numbering: not a decimal point
        ("辍学率为0。\n2、规模与班额", "辍学率为0。\n2、规模与班额"),
        ("共有学校12所。3、加强管理", "共有学校12所。3、加强管理"),
        ("建筑2。56。住校生全部在校用餐", "建筑2.56。住校生全部在校用餐"),
        # full-width forms
        ("生均３。７４平方米（小学）", "生均3.74平方米(小学)"),
        ("教师１２３人，学生４５６人", "教师123人,学生456人"),
        # years in a list are not decimals
        ("2019，2020年", "2019,2020年"),
        # seed 000: 臵 for 置
        ("优先发展的战略位臵,优化配臵教育资源", "优先发展的战略位置,优化配置教育资源"),
        # seed 002: a word broken over lines inside quotes, and a stray space
        ("推进义务教育“均\n\n衡发展”工作规划", "推进义务教育“均衡发展”工作规划"),
        ("努力解决义务教育择校 过度等热点", "努力解决义务教育择校过度等热点"),
        ("尤镇中心小学\n2013年2月20日", "尤镇中心小学\n2013年2月20日"),
        # seed 002: enclosed numbering
        ("⒈加强学习宣传", "1.加强学习宣传"),
        # seed 001: anti-scraping dots inside words, a real middle dot kept
        ("省政府教育督导委·员会", "省政府教育督导委员会"),
        ("“我的书屋·我的梦”", "“我的书屋·我的梦”"),
        # Traditional script
        ("學校佔地面積19980平方米,專任教師46人", "学校占地面积19980平方米,专任教师46人"),
        ("", ""),
        # pinyin ruby glosses (issue 14's invented examples), Simplified and Traditional
        ("生均预(yù)算内(nèi)公用经(jīng)费(fèi)为1200元", "生均预算内公用经费为1200元"),
        ("投入資金3200萬(wàn)元", "投入资金3200万元"),
        ("督導(dǎo)組對(duì)12個(gè)縣(區(qū))開展", "督导组对12个县(区)开展"),
        ("教育（jiào yù）均衡", "教育均衡"),
        # a gloss after a letter left by a damaged encoding; brackets that are no glosses stay
        ("出F(xiàn)了", "出F了"),
        ("某县(xxxx)路", "某县(xxxx)路"),
        ("小学(dang)建", "小学(dang)建"),
        ("(yù)算", "(yù)算"),
        # look-alike symbols (symbols.yaml); ㎡ stays for the extractor to read
        ("本学期入学率为99℅", "本学期入学率为99%"),
        ("师生比1∶11﹐生均12㎡", "师生比1:11,生均12㎡"),
        ("距县城5㎞", "距县城5公里"),
        # OCR's letters for digits inside a number, alone before a count's word, as a list mark
        ("资金l046万元,占地lo.6公顷,含l6个村", "资金1046万元,占地10.6公顷,含16个村"),
        ("九年制学校l所,毛入学率l7.5%,又投入lo万元", "九年制学校1所,毛入学率17.5%,又投入10万元"),
        ("\n  l、加大经费投入", "\n  1、加大经费投入"),
        # …but not in Latin words or terms
        ("O2O平台,CO2排放,ISO9001认证,No.1中学", "O2O平台,CO2排放,ISO9001认证,No.1中学"),
        ("Figure l所 and a l、b", "Figure l所 and a l、b"),
        # a sharing site's separator is a line break
        ("四、整改措施@#@一是加强领导", "四、整改措施\n一是加强领导"),
        # a flattened copy's space before list numbering stays (the lists read the mark by it);
        # before any other number it goes
        ("(一)入学情况 1.适龄儿童入学率 小学为100%", "(一)入学情况 1.适龄儿童入学率小学为100%"),
        ("现有 2、3年级学生 1.5万人", "现有2、3年级学生1.5万人"),
        # …and before a Chinese heading number run into the line before it; not inside words
        ("成员:王明 李华 二、存在问题:", "成员:王明李华 二、存在问题:"),
        ("学 生 共 三 个 班", "学生共三个班"),
        # a line break between a number and its unit, in text no page width wrapped; not one
        # before a word that only opens with a unit's character
        ("在校生(小学 620 人、初中 310\n人),教师 80 人", "在校生(小学620人、初中310人),教师80人"),
        ("全年完成 12\n个项目", "全年完成12\n个项目"),
    ],
)
def test_normalize_examples(raw: str, expected: str) -> None:
    text, offsets = normalize(raw)
    assert text == expected
    assert len(offsets.source) == len(text)


def test_normalize_offsets_point_at_source() -> None:
    raw = "生均图书册数小学为16。38册"
    text, offsets = normalize(raw)
    start = text.index("16.38")
    assert offsets.to_raw(start, start + 5) == (raw.index("16。38"), raw.index("16。38") + 5)


def test_normalize_gloss_spans_keep_the_gloss_in_the_source() -> None:
    raw = "公用经(jīng)费为1200元"
    text, offsets = normalize(raw)
    start = text.index("经费")
    raw_start, raw_end = offsets.to_raw(start, start + 2)
    assert raw[raw_start:raw_end] == "经(jīng)费"
    number = text.index("1200")
    assert raw[slice(*offsets.to_raw(number, number + 4))] == "1200"


def test_normalize_expanded_symbol_maps_to_its_one_source_character() -> None:
    raw = "距县城5㎞"
    text, offsets = normalize(raw)
    assert text == "距县城5公里"
    assert offsets.to_raw(4, 6) == (4, 5)


def test_normalize_traditional_keeps_source_text() -> None:
    raw = "專任教師46人"
    text, offsets = normalize(raw)
    start, end = offsets.to_raw(0, 4)
    assert text[:4] == "专任教师" and raw[start:end] == "專任教師"


_ALPHABET = st.sampled_from(
    list("教育均衡发展学校小学初中生师比率人所元万亿年月日")
    + list("0123456789０１２３")
    + list("。，,.、:：;（）()“”《》·% \n\t\u3000\u200b臵⒈⑴學專佔")
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80), st.data())
def test_normalize_span_maps_back_to_its_source(raw: str, data: st.DataObject) -> None:
    """Any span of the normalised text maps back to the raw characters it came from."""
    text, offsets = normalize(raw)
    source = list(offsets.source)
    assert len(source) == len(text)
    assert source == sorted(source), "the map is monotonic"
    assert all(0 <= s < len(raw) for s in source)
    for i, ch in enumerate(text):
        origin = raw[source[i]]
        images = fold_char(origin) + to_simplified(fold_char(origin))
        assert ch in images or (ch == "." and origin in "。，"), (i, ch, origin)
    # raw characters no normalised character points at were whitespace or invisible noise
    for j in set(range(len(raw))) - set(source):
        assert raw[j] in " \t\n\r\u3000\u200b\u00a0·•", (j, raw[j])
    if text:
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        raw_start, raw_end = offsets.to_raw(start, end)
        assert raw_start == source[start] and raw_end == source[end - 1] + 1
        piece, _ = normalize(raw[raw_start:raw_end])
        # the source slice, normalised alone, holds every character of the span in order, but
        # for a separator between digits: "0，000" reads a thousands comma, its slice "0，00" a
        # decimal point, so whether it is "," or "." depends on digits the slice may cut off
        contextual = {i for i in range(start, end) if text[i] in ".," and raw[source[i]] in "。，"}
        kept = iter(piece)
        assert all(
            any(text[i] == k for k in kept)
            for i in range(start, end)
            if text[i] != "." and i not in contextual
        )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("全市國小168所,國中40所。", "全市小学168所,初中40所。"),
        # not inside 全國中小學 / 我國中部, nor in a Simplified text
        ("全國中小學生", "全国中小学生"),
        ("我國中部地區", "我国中部地区"),
        ("全国中小学共有国小字样", "全国中小学共有国小字样"),
    ],
)
def test_normalize_taiwan_level_words(raw: str, expected: str) -> None:
    """A Traditional copy made by a Taiwan-phrase converter writes 國小/國中 for 小学/初中; each
    character keeps its own offset."""
    text, offsets = normalize(raw)
    assert text == expected
    for k in range(len(text)):
        assert offsets.to_raw(k, k + 1) == (k, k + 1)
