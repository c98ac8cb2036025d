"""The spaCy view of figures: same characters, wordings as tokens, span groups labelled."""

from __future__ import annotations

import pytest
from junheng.core.document import build_document
from junheng.core.model import Block, BlockKind
from junheng.extractors.figures import extract
from junheng.extractors.spacy_doc import literal_wordings, to_spacy
from junheng.segment import segment


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("生均(?:校园)?占地面积", {"生均占地面积", "生均校园占地面积"}),
        ("年辍学率", {"年辍学率"}),
        ("教师(?=\\d)", set()),
        ("师生比例?", {"师生比", "师生比例"}),
        ("学生与教师之?比", {"学生与教师比", "学生与教师之比"}),
    ],
)
def test_spacy_doc_literal_wordings(pattern: str, words: set[str]) -> None:
    assert set(literal_wordings(pattern)) == words


@pytest.mark.slow
def test_spacy_doc_figures_as_span_group() -> None:
    text = "学校占地面积19980平方米,生均占地面积40平方米。全校学生510人,师生比1:11。"
    doc = build_document("t.txt", "txt", [Block(BlockKind.PARAGRAPH, text)])
    figures = extract(doc, segment(doc))
    sdoc = to_spacy(doc, figures)
    spans = list(sdoc.spans["figures"])
    assert [s.label_ for s in spans] == [f.indicator for f in figures]
    assert [(s.start_char, s._.value) for s in spans] == [(f.span.start, f.value) for f in figures]
    assert "生均占地面积" in [t.text for t in sdoc]  # jieba knows the wording as one word
    labels = {s.label_ for s in sdoc.spans["wordings"]}
    assert {"land_area_per_student", "student_teacher_ratio"} <= labels
