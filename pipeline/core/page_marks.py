"""Page numbers a document-sharing site's page view leaves inside a paragraph.

A preview copied page by page opens each page with its number as a list mark (``1、`` ``2、``
``3、`` …), wherever the page cut the text, so a word or a bracket may be split by a stray mark:
"…实际共有图⏎⏎2、书采购项20项),…". :func:`page_mark_edits` drops such a mark and the break
before it when everything shows it is a page's and not a list's: the line before runs on (prose
with a comma, stopped inside a sentence after a Chinese character), the mark is no list's next
entry (no line-start mark one lower within a page's length before it), and the words after it
go on without a topic of their own (no ``体育器材:`` label). A mark may cut a number too
("…增长4.⏎⏎2、2%", the digits joined again). A list's ``2、`` after its ``1、``
a few lines up, or after a heading line, is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Edit = tuple[int, int, str]

_MARK = re.compile(
    r"\n(?:[ \t\u3000]*\n)*[ \t\u3000]*(?P<n>\d{1,2})[ \t]*、[ \t]*"
    r"(?=[\u4e00-\u9fff]|(?P<rest>\d|[;；,，%]))"
)
_LINE_MARK = re.compile(r"(?m)^[ \t\u3000]*(?P<n>\d{1,2})[ \t]*、")
_PAGE = 300  # characters: a page's text at least, between two page numbers
_RUN_ON = 20  # characters: the line before is prose this long at least
_TOPIC = re.compile(r"[^,，。;；:：\n]{1,10}[:：]")  # "体育器材:…": an entry's own topic


def page_mark_edits(text: str) -> Iterator[Edit]:
    """The edits that drop a page number run into a paragraph (see the module)."""
    if "、" not in text:
        return
    line_marks = [(m.start(), int(m.group("n"))) for m in _LINE_MARK.finditer(text)]
    for match in _MARK.finditer(text):
        number = int(match.group("n"))
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()].rstrip()
        if number < 2 or len(before) < _RUN_ON or not _runs_on(before, match["rest"] is not None):
            continue
        if _TOPIC.match(text, match.end()):
            continue
        previous = [at for at, n in line_marks if n == number - 1 and at < match.start()]
        if previous and match.start() - previous[-1] < _PAGE:
            continue  # a list's next entry: its 1、 just above
        yield line_start + len(before), match.end(), ""


def _runs_on(line: str, number_goes_on: bool = False) -> bool:
    """A line of prose that stops inside a sentence, after a Chinese character; or, when the
    words after the mark go on with a digit or a clause's punctuation (``number_goes_on``), inside
    a number or right after it ("…增长4.⏎⏎2、2%", "…增长3.6%⏎⏎3、;图书…")."""
    if not re.search(r"[,，、]", line):
        return False
    if number_goes_on:
        return bool(re.search(r"\d\.?$|\d%$", line))
    return "\u4e00" <= line[-1] <= "\u9fff"
