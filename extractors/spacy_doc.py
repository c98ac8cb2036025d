"""junheng's figures in spaCy's Doc/Span model, for people who work on in spaCy.

``nlp()`` is a blank Chinese pipeline with the jieba segmenter, where jieba knows every wording of
the catalogue as one word (生均教学及辅助用房 is one token, not six) and a ``PhraseMatcher`` labels
the wordings with their indicator. ``to_spacy(doc, figures)`` gives the document's normalised text
as a spaCy ``Doc`` with ``doc.spans["figures"]`` (label: indicator id; ``span._.value``, ``.level``,
``.year``, ``.kind``, ``.unit``) and ``doc.spans["wordings"]``. Offsets are the same characters
as junheng's own spans, so nothing is lost either way.

spaCy is an optional dependency (``pip install 'junheng[spacy]'``): nothing of ``junheng run``
needs it. The extractor itself works on the text with compiled patterns: measured on the seed
corpus, spaCy's jieba tokenisation alone runs at about 230,000 characters per second, below what
the figure extractor must reach on its own (200,000/s for the whole extraction), so spaCy is the
model to hand results on in, not the engine that finds them.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, cast

from junheng.core.jieba_import import import_jieba
from junheng.core.model import Document, Figure
from junheng.extractors.catalogue import load_catalogue

if TYPE_CHECKING:
    from spacy.lang.zh import ChineseTokenizer
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

_OPTIONAL = re.compile(r"\(\?:([^()]*)\)\?")
_META = re.compile(r"[\\\[\]{}*+.^$|()]")
_OPTIONAL_CHAR = re.compile(r"([^\\\[\]{}*+.^$|()?])\?")  # 比例? is 比(?:例)?


def literal_wordings(pattern: str) -> Iterator[str]:
    """The plain strings a catalogue wording stands for: ``生均(?:校园)?占地面积`` gives
    ``生均占地面积`` and ``生均校园占地面积``; one optional character (``师生比例?``) counts as an
    optional group; patterns beyond optional groups give nothing."""
    parts = _OPTIONAL.split(_OPTIONAL_CHAR.sub(r"(?:\1)?", pattern))
    fixed, optional = parts[0::2], parts[1::2]
    for choice in itertools.product(*[("", *opt.split("|")) for opt in optional]):
        word = "".join(
            itertools.chain.from_iterable(itertools.zip_longest(fixed, choice, fillvalue=""))
        )
        if word and not _META.search(word):
            yield word


def catalogue_words() -> dict[str, str]:
    """Every literal wording of the catalogue → its indicator id (the longest owner wins)."""
    words: dict[str, str] = {}
    for indicator in load_catalogue().indicators:
        for pattern in indicator.wordings:
            for word in literal_wordings(pattern):
                words.setdefault(word, indicator.id)
    return words


@cache
def nlp() -> Language:
    """Blank ``zh`` with jieba; the catalogue's wordings are jieba words and matcher patterns."""
    try:
        import spacy
        from spacy.tokens import Span
    except ImportError as exc:  # spaCy is an extra: only this adapter needs it
        raise ImportError("the spaCy view needs spaCy: pip install 'junheng[spacy]'") from exc

    jieba = import_jieba()
    jieba.setLogLevel(logging.WARNING)
    words = catalogue_words()
    for word in words:
        jieba.add_word(word, freq=1_000_000)
    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    for name in ("value", "level", "year", "kind", "unit"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    return pipeline


@cache
def wordings_matcher() -> PhraseMatcher:
    """A PhraseMatcher labelling each catalogue wording with its indicator id."""
    from spacy.matcher import PhraseMatcher

    pipeline = nlp()
    # spaCy types Language.tokenizer as a bare callable; nlp()'s (blank zh) is a ChineseTokenizer
    tokenizer = cast("ChineseTokenizer", pipeline.tokenizer)
    matcher = PhraseMatcher(pipeline.vocab)
    by_indicator: dict[str, list[str]] = {}
    for word, indicator in catalogue_words().items():
        by_indicator.setdefault(indicator, []).append(word)
    for indicator, group in by_indicator.items():
        matcher.add(indicator, list(tokenizer.pipe(group)))
    return matcher


def to_spacy(doc: Document, figures: Sequence[Figure] | Iterable[Figure]) -> Doc:
    """``doc``'s normalised text as a spaCy Doc with its figures and wordings as span groups."""
    pipeline = nlp()
    sdoc = pipeline.make_doc(doc.text)
    spans = []
    for figure in figures:
        span = sdoc.char_span(
            figure.span.start, figure.span.end, label=figure.indicator, alignment_mode="expand"
        )
        if span is None:
            continue
        span._.value, span._.level, span._.year = figure.value, figure.level, figure.year
        span._.kind, span._.unit = str(figure.kind), figure.unit
        spans.append(span)
    sdoc.spans["figures"] = spans
    sdoc.spans["wordings"] = wordings_matcher()(sdoc, as_spans=True)
    return sdoc
