"""Line breaks that a fixed page width put into a paragraph (text copied out of a PDF or a
document-sharing site's page view).

Such a copy breaks every line of a paragraph at about the same width, wherever the line is full:
inside a sentence, between a number and its unit (``累计 8316⏎万元``), inside a word. A reader
that takes a line for a unit of text then loses the number's unit and the clause's subject.

:func:`wrap_edits` finds the width a text is wrapped at — the narrow band of widths that many of
its lines share — and removes the break after each line of that width that does not end a
sentence, unless the next line opens a new paragraph (indented, or with a heading or list mark)
or either line is a row of a table. Ordinary web text, whose lines are whole paragraphs of every
length, has no such band and is left alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import pairwise

# An edit replaces text[start:end] by a replacement (the same shape as normalize's).
Edit = tuple[int, int, str]

_MIN_WIDTH = 30  # display columns: a wrap width narrower than 15 Chinese characters is not a page's
_BAND = 0.82  # a full line is at least this share of the wrap width
_MIN_FULL = 6  # lines in the band, at least
_MIN_SHARE = 0.4  # of the text's lines of at least _MIN_WIDTH columns
_MIN_UNFINISHED = 0.6  # of the lines in the band, at least, stop inside a sentence
_MAX_MARKED = 0.5  # of the lines in the band, at most, open with a list mark
_MIN_CLAUSED = 0.6  # of the lines in the band, at least, hold a comma or another clause mark
_MIN_WIDE = 0.4  # share of Chinese characters and punctuation in a line that is prose

# What may end a paragraph (a semicolon stops a clause inside one; a colon ends a lead-in line).
_PARAGRAPH_END = tuple("。!?:\uff01\uff1f\uff1a")
# What opens a line of its own: a heading or list mark, or a paragraph's indent.
_OPENS_LINE = re.compile(
    r"[ \t\u3000]{2}|[一二三四五六七八九十]+[、.\uff0e]|[(\uff08][一二三四五六七八九十\d]+[)\uff09]"
    r"|\d{1,2}[、.\uff0e)\uff09](?!\d)|第[一二三四五六七八九十\d]+[章节条部分]|[-#*•●■◆|]"
)
_CLAUSE_MARK = re.compile("[,，、;；。]")
# a page's metadata field, on a line of its own under the title ("…的通报⏎⏎发布时间:2016-12-07")
_FIELD = re.compile(
    r"\s*(?:发布时间|发布日期|发文日期|信息来源|来源|作者|日期|时间|浏览次数|点击数|字号|责任编辑|编辑)"
    r"\s*[:\uff1a]"
)
_TABLE_ROW = re.compile(r"\d[%\uff05]?[ \t\u3000]+-?\d+(?:\.\d+)?[%\uff05]?[ \t\u3000]+-?\d")


def width(line: str) -> int:
    """Display columns: a wide (Chinese, full-width) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _unfinished(line: str) -> bool:
    """A line that stops inside a paragraph (not after a sentence's end, nor at a table cell's
    bar)."""
    return not line.endswith((*_PARAGRAPH_END, "|"))


def wrap_width(lines: list[str]) -> int | None:
    """The width the text is wrapped at, or None: the top of the band of widths (each band
    ``[w·_BAND, w]``) that holds the most lines, when it holds enough of them and most of them
    stop inside a sentence (a page's width cuts sentences; a web page's paragraphs end them)."""
    long = sorted((width(line), line) for line in lines if width(line) >= _MIN_WIDTH)
    if len(long) < _MIN_FULL:
        return None
    best, best_count, low = 0, 0, 0
    for high, (top, _) in enumerate(long):
        while long[low][0] < top * _BAND:
            low += 1
        if high - low + 1 >= best_count:
            best, best_count = top, high - low + 1
    band = [line for w, line in long if w >= best * _BAND]
    if best_count < _MIN_FULL or best_count < _MIN_SHARE * len(long):
        return None
    if sum(map(_unfinished, band)) < _MIN_UNFINISHED * len(band):
        return None
    # …and they are a paragraph's lines: mostly not opened by a list mark (a list of short
    # entries, "- 幼儿园28.12万所,比上年增长5.44%", has widths alike too), and cut from sentences
    # with their commas (not file names or captions).
    if sum(bool(_OPENS_LINE.match(line)) for line in band) > _MAX_MARKED * len(band):
        return None
    if sum(bool(_CLAUSE_MARK.search(line)) for line in band) < _MIN_CLAUSED * len(band):
        return None
    return best


def _prose(line: str) -> bool:
    """Chinese text (not a line of Latin letters and digits), and not a table's row or header
    (short tokens spaced apart)."""
    tokens = line.split()
    if len(tokens) >= 4 and max(map(len, tokens)) <= 5 and not _CLAUSE_MARK.search(line):
        return False  # 学校数 招生数 毕业生数 在校学生数: a header, words without a comma
    written = "".join(tokens)
    wide = sum(1 for ch in written if not ch.isascii())
    return wide >= _MIN_WIDE * len(written) and not _TABLE_ROW.search(line)


def _joiner(before: str, after: str) -> str:
    """What replaces the break between two characters: a space between two Latin words, else
    nothing (a number the width broke, 4⏎120, is one number again)."""
    if before.isascii() and before.isalpha() and after.isascii() and after.isalpha():
        return " "
    return ""


def wrap_edits(text: str) -> Iterator[Edit]:
    """The edits that join the lines a page width broke (see the module's docstring)."""
    lines: list[tuple[int, str]] = []
    cursor = 0
    for line in text.split("\n"):
        lines.append((cursor, line))
        cursor += len(line) + 1
    widths = [width(line.strip()) for _, line in lines]
    wrap = wrap_width([line.strip() for _, line in lines])
    if wrap is None:
        return
    content = [k for k, w in enumerate(widths) if w]
    for here, there in pairwise(content):
        start, line = lines[here]
        next_start, next_line = lines[there]
        if there - here > 2 or not wrap * _BAND <= widths[here] <= wrap:
            continue  # a blank line between (a copy may double every break), but not two
        body = line.rstrip()
        if not _unfinished(body) or _OPENS_LINE.match(next_line) or _FIELD.match(next_line):
            continue
        if not _prose(body) or _TABLE_ROW.search(next_line):
            continue
        joiner = _joiner(body[-1], next_line.lstrip()[0])
        end_of_body = start + len(body)
        yield end_of_body, next_start + len(next_line) - len(next_line.lstrip()), joiner


# A line break between a number and its unit, whatever the widths (…初中 5915⏎人),…): the line
# cannot end there, so the break is joined even in text that no page width wrapped.
_NUMBER_THEN_UNIT = re.compile(
    r"(?<=\d)[ \t]*\n[ \t]*"
    r"(?=(?:万元|亿元|平方米|元|人|名|所|个|台|册|本|间|项|%|％|㎡)(?:[,，。;；、)）\s]|$))"
)


_UNITS = r"(?:万元|亿元|平方米|元|人|名|所|个|台|册|本|间|项|%|％|㎡)"
# …and one between the words before a number and the number, when the words' line is a clause's
# end inside a paragraph (it holds a clause mark, and stops on a word) and the number's unit
# follows it on its line or the next (学校占地面积⏎15600⏎㎡,生均面积⏎26㎡,…): not a heading line
# over a body that opens with a number (学校概况⏎12个教学班…).
_WORDS_THEN_NUMBER = re.compile(
    r"(?<=[\u4e00-\u9fff])[ \t]*\n[ \t]*"
    rf"(?=\d[\d.]*[ \t]*(?:\n[ \t]*)?{_UNITS}(?:[,，。;；、)）\s]|$))"
)
_CLAUSE_MARKS = frozenset(",，。;；、")


def unit_break_edits(text: str) -> Iterator[Edit]:
    """The edits that join a number to its unit on the next line, and to the words before it."""
    found = [(m.start(), m.end()) for m in _NUMBER_THEN_UNIT.finditer(text)]
    for m in _WORDS_THEN_NUMBER.finditer(text):
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        if _CLAUSE_MARKS.intersection(line):
            found.append((m.start(), m.end()))
    for start, end in sorted(found):
        yield start, end, ""
