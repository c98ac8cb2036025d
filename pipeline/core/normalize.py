"""The normalised view of a document's raw text, with an offset map back to it.

The reports' own text is never rewritten: :func:`normalize` returns a new string plus, for each of
its characters, the index of the raw character it came from. What the view changes:

* full-width ASCII forms (``１２３``, ``Ａ``, ``，``, ``（``) become ASCII; ideographic and
  no-break spaces become spaces; enclosed numbering (``⒈`` → ``1.``, ``⑴`` → ``(1)``) is spelt out;
* look-alike symbols (``℅`` → ``%``, ``∶`` → ``:``, ``㎞`` → ``公里``, from ``symbols.yaml``) and
  variant characters (``臵`` → ``置``, from ``variants.yaml``);
* Traditional characters become Simplified (OpenCC ``t2s``, kept only where it maps one character
  to one character), so ``學校佔地面積`` matches the same rules as ``学校占地面积``;
* ``。`` or ``，`` between digits used as a decimal point (``3。74`` → ``3.74``), but not a sentence
  end followed by list numbering (``共12所。3、…``) nor a list of years (``2019，2020年``);
* the letters an OCR'd copy reads for digits inside a number (``l058万元`` → ``1058万元``,
  ``lo.2`` → ``10.2``, ``完中校l所`` → ``完中校1所``), never in a Latin word (``O2O``, ``CO2``);
* what a web copy adds (:mod:`junheng.core.webcopy`): pinyin ruby glosses are dropped
  (``預(yù)算`` → ``預算``) and sharing-site separators (``@#@``) become line breaks;
* dropped: zero-width characters, spaces inside Chinese text (``择校 过度``, ``学 校 共 54 个 ,``),
  line breaks inside a word that a web copy broke (``“均\\n\\n衡发展”``), the line breaks a fixed
  page width put inside a paragraph (:mod:`junheng.core.wrap`), and anti-scraping dots inside a
  word (``督导委·员会``).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from junheng.core.model import OffsetMap
from junheng.core.page_marks import page_mark_edits
from junheng.core.scan import scan
from junheng.core.webcopy import web_copy_edits
from junheng.core.words import is_word
from junheng.core.wrap import unit_break_edits, wrap_edits
from junheng.core.yamldata import package_yaml

# An edit replaces raw[start:end] of the current text by `replacement`.
Edit = tuple[int, int, str]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORDISH = f"{_CJK}0-9A-Za-z%"


@cache
def _variants() -> dict[str, str]:
    table: dict[str, str] = package_yaml("junheng.core", "data/variants.yaml")["variants"]
    return {k: v for k, v in table.items() if len(k) == 1}


@cache
def _symbols() -> dict[str, str]:
    table: dict[str, str] = package_yaml("junheng.core", "data/symbols.yaml")["symbols"]
    return {k: v for k, v in table.items() if len(k) == 1 and v}


@cache
def _fold_table() -> dict[int, str]:
    """Character-level folds: full-width forms, spaces, enclosed numbers, symbols, variants."""
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # FULLWIDTH ! .. ~
        table[code] = chr(code - 0xFEE0)
    for ch in "\u3000\u00a0\u2002\u2003\u2009\u202f":
        table[ord(ch)] = " "
    for i in range(20):
        table[0x2488 + i] = f"{i + 1}."  # ⒈ .. ⒛
        table[0x2474 + i] = f"({i + 1})"  # ⑴ .. ⒇
    for i, numeral in enumerate("一二三四五六七八九十"):
        table[0x3220 + i] = f"({numeral})"  # ㈠ .. ㈩
    table[0xFE4F] = "_"
    for src, dst in _symbols().items():
        table[ord(src)] = dst
    for src, dst in _variants().items():
        table[ord(src)] = dst
    return table


def fold_char(ch: str) -> str:
    """What the character-level folds make of one character (Traditional script excluded)."""
    return ch.translate(_fold_table())


_DROP_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DROP_RE = re.compile(f"[{_DROP_CHARS}]")
# Spaces between two Chinese characters, or between a Chinese character and a digit: a web copy's
# or a PDF's artefact, never meaningful in Chinese prose. Letter-spaced copies (学 校 当 前 …)
# also space the punctuation inside Chinese text (教学班 ,学生总数): those spaces go too.
_CN_PUNCT = ",;:!?。、)”》"
_CN_OPEN = ",;:!?。、(“《"
# (Not the space before list numbering, "…普及程度 1.适龄儿童入学率 小学阶段…", "…成员:张华 一、安全
# 隐患问题:": a copy that flattened its lines keeps them apart only by it, and the lists read the
# numbering by it.)
_SPACE_RE = re.compile(
    f"(?<=[{_CJK}0-9%])[ \t]{{1,3}}(?=[{_CJK}])(?![一二三四五六七八九十]{{1,3}}、[{_CJK}])"
    f"|(?<=[{_CJK}])[ \t]{{1,3}}(?=[0-9])(?!\\d{{1,2}}(?:、|[.．](?!\\d))[{_CJK}])"
    f"|(?<=[{_CJK}0-9%])[ \t]{{1,3}}(?=[{_CN_PUNCT}][{_CJK}0-9])"
    f"|(?<=[{_CJK}][{_CN_OPEN}])[ \t]{{1,3}}(?=[{_CJK}0-9])"
)
_DOT_RE = re.compile(f"(?<=[{_CJK}])[·•](?=[{_CJK}])")
# A decimal point written 。 or ， between digits. Not when the digits after it are list numbering
# (3、 3. 3) 3．) or when the comma separates two years (2019，2020).
_DECIMAL_RE = re.compile(r"(?<=\d)[。，,](?=\d)")
_NUMBERING_AFTER = re.compile(r"\d{1,2}(?:[、)）]|[.．](?!\d))")
_OPENERS = {"“": "”", "《": "》", "(": ")", "「": "」", "『": "』", "【": "】", "‘": "’"}
# A line break (with the spaces around it) between two Chinese characters.
_LINE_BREAK_RE = re.compile(rf"(?<=[{_CJK}])[ \t]*(?:\r?\n[ \t]*){{1,3}}(?=[{_CJK}])")


def _decimal_edits(text: str) -> Iterable[Edit]:
    for match in _DECIMAL_RE.finditer(text):
        pos = match.start()
        after = text[pos + 1 : pos + 8]
        before = re.search(r"\d+$", text[max(0, pos - 8) : pos])
        digits_after = re.match(r"\d+", after)
        if digits_after is None or before is None:
            continue
        if match.group() in "。，" and _NUMBERING_AFTER.match(after):
            continue
        if match.group() == "," or (len(before.group()) >= 4 and len(digits_after.group()) >= 4):
            # 1,200 is a thousands separator; 2019，2020 two years: neither is a decimal point.
            continue
        if match.group() == "，" and len(digits_after.group()) >= 3:
            continue  # 12，345 is a list or thousands, not a decimal
        yield pos, pos + 1, "."


def _dot_edits(text: str) -> Iterable[Edit]:
    for match in _DOT_RE.finditer(text):
        pos = match.start()
        if is_word(text[pos - 1] + text[pos + 1]):
            yield pos, pos + 1, ""


def _open_bracket_before(text: str, pos: int, window: int = 40) -> bool:
    """True when the line before ``pos`` leaves a quote or bracket open that the next one closes."""
    line_start = text.rfind("\n", 0, pos) + 1
    head = text[max(line_start, pos - window) : pos]
    stack: list[str] = []
    for ch in head:
        if ch in _OPENERS:
            stack.append(_OPENERS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
    if not stack:
        return False
    return stack[-1] in text[pos : pos + window].lstrip()


def _line_break_edits(text: str) -> Iterable[Edit]:
    """A line break inside a word: between two Chinese characters, inside an open quote/bracket."""
    for match in scan(_LINE_BREAK_RE, text):
        start, end = match.span()
        if _open_bracket_before(text, start):
            yield start, end, ""


def _regex_edits(pattern: re.Pattern[str], replacement: str) -> Callable[[str], Iterable[Edit]]:
    def edits(text: str) -> Iterable[Edit]:
        for match in scan(pattern, text):
            yield match.start(), match.end(), replacement

    return edits


def _apply(text: str, source: list[int], edits: Iterable[Edit]) -> tuple[str, list[int]]:
    """Apply sorted, non-overlapping edits; each new character keeps a source index."""
    pieces: list[str] = []
    new_source: list[int] = []
    cursor = 0
    for start, end, replacement in edits:
        if start < cursor:
            continue
        pieces.append(text[cursor:start])
        new_source.extend(source[cursor:start])
        if replacement:
            anchor = source[start] if start < len(source) else (source[-1] + 1 if source else 0)
            for k in range(len(replacement)):
                index = start + k if k < end - start else start
                new_source.append(source[index] if index < len(source) else anchor)
            pieces.append(replacement)
        cursor = end
    if cursor == 0:
        return text, source
    pieces.append(text[cursor:])
    new_source.extend(source[cursor:])
    return "".join(pieces), new_source


@cache
def _expanding() -> re.Pattern[str]:
    """The characters whose fold is not exactly one character (expansions such as ⒈ → 1.)."""
    chars = sorted(chr(code) for code, folded in _fold_table().items() if len(folded) != 1)
    return re.compile("[" + "".join(map(re.escape, chars)) + "]")


def _fold_edits(text: str) -> Iterable[Edit]:
    table = _fold_table()
    for match in _expanding().finditer(text):
        yield match.start(), match.end(), table[ord(match.group())]


@cache
def _taiwan() -> tuple[re.Pattern[str], dict[str, str]]:
    data = package_yaml("junheng.core", "data/variants.yaml")
    words: dict[str, str] = data["taiwan_words"]
    alternation = "|".join(map(re.escape, words))
    return re.compile(f"(?<![{data['taiwan_not_after']}])(?:{alternation})"), words


def _taiwan_edits(traditional: str) -> Iterator[Edit]:
    """国小 → 小学, 国中 → 初中 where the source writes 國小/國中, one character at a time (the
    offsets stay exact)."""
    pattern, words = _taiwan()
    for match in pattern.finditer(traditional):
        for k, char in enumerate(words[match.group()]):
            yield match.start() + k, match.start() + k + 1, char


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified, character for character (same length as the input)."""
    if text.isascii():
        return text
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := _t2s().convert(ch)) == 1 else ch for ch in text)


# A run of digits and the letters OCR reads for them (l, I for 1; o for 0) that no other Latin
# letter touches: "l058万元", "lo.2平方公里", "2l9.6", "完中校l所", "l、加大经费投入". (An
# upper-case O is left alone: O2O is a word.)
_OCR_RUN_RE = re.compile(r"(?<![A-Za-z0-9.])[0-9lIo][0-9lIo.]*(?<!\.)(?![A-Za-z0-9])")
_OCR_DIGITS = str.maketrans("lIo", "110")
# …a run of letters only is a number where a count's word or a list mark follows it, with Chinese
# text or nothing but spaces before it on its line
_OCR_FOLLOWS = re.compile(r"[万亿所个人名间元%、]")
_OCR_AFTER_WORDS = re.compile(f"[{_CJK}]")
# codes of letters and a digit beside the run (P1, EP6, SG1): a series of names such as grades
_CODES_NEAR = re.compile(r"(?<![A-Za-z0-9])[A-HJ-KM-NP-Z][A-Z]{0,2}\d{1,2}(?![A-Za-z0-9])")
_CODE_REACH = 24
# (looked for in the 9 characters before the run only: no scan back over a long line)
_OCR_LINE_START = re.compile(r"(?:^|\n)[ \t]{0,8}\Z")


def _ocr_digit_edits(text: str) -> Iterator[Edit]:
    """The letters of a number read by OCR as the digits they stand for (see ``_OCR_RUN_RE``)."""
    for match in _OCR_RUN_RE.finditer(text):
        run, (start, end) = match.group(), match.span()
        if run.replace(".", "").isdigit():
            continue
        if _CODES_NEAR.search(text, max(0, start - _CODE_REACH), end + _CODE_REACH):
            continue  # "I1 I2 I3 P1 P2": grade codes of a table's header, not OCR'd numbers
        if not any(c.isdigit() for c in run):
            if len(run) > 3 or not _OCR_FOLLOWS.match(text, end):
                continue
            after_words = start > 0 and _OCR_AFTER_WORDS.match(text, start - 1) is not None
            line_start = _OCR_LINE_START.search(text, max(0, start - 9), start) is not None
            if not (after_words or line_start):
                continue
        for k, char in enumerate(run):
            if char in "lIo":
                yield start + k, start + k + 1, char.translate(_OCR_DIGITS)


# Run after the character folds (ASCII punctuation, Simplified script).
_EDIT_PASSES: tuple[Callable[[str], Iterable[Edit]], ...] = (
    _ocr_digit_edits,
    _regex_edits(_DROP_RE, ""),
    _line_break_edits,
    _regex_edits(_SPACE_RE, ""),
    _dot_edits,
)


def normalize(raw: str) -> tuple[str, OffsetMap]:
    """The normalised view of ``raw`` and its offset map.

    >>> text, offsets = normalize("生均３。７４平方米")
    >>> text, offsets.to_raw(2, 6)
    ('生均3.74平方米', (2, 6))
    """
    source = list(range(len(raw)))
    # Glosses and separators first, on the text as written, so no later pass sees them (and the
    # Traditional → Simplified conversion reads 經(jīng)費 as the one word 經費).
    text, source = _apply(raw, source, web_copy_edits(raw))
    # A sharing site's page numbers inside a paragraph (…实际共有图⏎2、书采购项…) go before the
    # wrapped lines are joined: the page's last line is one of them.
    text, source = _apply(text, source, list(page_mark_edits(text)))
    # A page width's line breaks are found where the widths are still as written (full-width
    # punctuation not yet folded to ASCII).
    text, source = _apply(text, source, list(wrap_edits(text)))
    text, source = _apply(text, source, list(unit_break_edits(text)))
    # The decimal point is read before folding, where a Chinese 。/， is still told from a ",".
    text, source = _apply(text, source, list(_decimal_edits(text)))
    text, source = _apply(text, source, list(_fold_edits(text)))
    folded = text.translate(_fold_table())
    text = to_simplified(folded)
    text, source = _apply(text, source, list(_taiwan_edits(folded)))
    for edits in _EDIT_PASSES:
        text, source = _apply(text, source, list(edits(text)))
    return text, OffsetMap(array("l", source), len(raw))
