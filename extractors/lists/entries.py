"""The entries of one list region: numbering found, nesting resolved, leaves cut to their text."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from junheng.extractors.lists.markers import NOISE, Mark, accept, find_marks
from junheng.extractors.lists.vocab import vocabulary

MIN_CHARS = 6
TRIM = " \t\u3000\n。;；,，:：.、!！?？"
_TITLE_LIKE = re.compile(r"^[^,，;；:：]{1,24}$")
_HEADING_LINE = re.compile(r"^[^。;；!！?？:：]{1,48}$")
_BODY = re.compile(r"[^\n]{20}[^\n]*[,，。]")
_SENTENCE = re.compile(r"[。!！?？]+|\n+")
_SHORT_TITLE = re.compile(r"^[^,，;；:：]{2,10}$")
# A numbered or unnumbered entry may be as short as a shortfall or a task gets ("无门卫", "维修
# 围墙"): three characters of text. A piece of a sentence (an inline list's part, a piece split
# off an entry) needs ``MIN_CHARS``: "学校、家庭、社会" are topics, not three items.
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE = re.compile(r"[。!！?？;；]+|\n+")
# a label opening a line, the place or school its problems are of ("东街小学:")
_LINE_LABEL = re.compile(r"\s*[^,，;；:：。\d]{2,12}[:：]")
_NOISE_START = re.compile(NOISE)
_NOISE_END = re.compile(rf"{NOISE}$")


@dataclass(frozen=True, slots=True)
class Entry:
    """A leaf entry: its text ``[start, end)`` in the document, numbering stripped."""

    start: int
    end: int
    mark: str
    parent_start: int = -1  # the heading entry over this leaf, ``[parent_start, parent_end)``
    parent_end: int = -1


def parse_entries(
    text: str, start: int, end: int, *, free_start: bool = True, open_end: bool = True
) -> list[Entry]:
    """The leaf entries of ``text[start:end]`` in order (an entry with sub-points gives its
    sub-points, not itself). When the list runs to an ``open_end`` (the report's end, not the
    next heading), its last entry keeps only its first paragraph unless that paragraph is a short
    title over a body: what follows is the report's closing prose."""
    kept = accept(find_marks(text, start, end), free_start=free_start)
    entries: list[Entry] = []
    parents: dict[int, tuple[int, int]] = {}
    for i, (mark, depth) in enumerate(kept):
        following = kept[i + 1] if i + 1 < len(kept) else None
        if following is not None and following[1] > depth:
            parents[depth] = (mark.end, following[0].start)
            continue  # a heading over sub-points: the leaves are the items
        stop = following[0].start if following is not None else end
        if following is None and open_end:
            stop = _last_entry_end(text, mark.end, stop)
            if i and _clauses_in_a_sentence(text, kept[i - 1][0], mark):
                stop = _sentence_end(text, mark.end, stop)
        entry = _trim(text, mark, stop)
        entry = _below_heading(text, entry) if entry is not None else None
        if entry is not None:
            parent = parents.get(depth - 1, (-1, -1))
            entries.append(replace(entry, parent_start=parent[0], parent_end=parent[1]))
    return entries


def parse_paragraph(
    text: str, start: int, end: int, *, open_end: bool = True, clauses: bool = False
) -> list[Entry]:
    """The entries of an unnumbered list paragraph (seed 003 (七)改进措施: ``继续大力推进…。
    努力建设好…。抓好教学思想转变。要与时俱进…。``): one entry per sentence, a short title
    sentence (no comma, a few characters) keeping the sentence after it as its body. With an
    ``open_end`` only the first paragraph counts (what follows is the report's closing prose).
    With ``clauses`` (the shortfalls of an unnumbered problem section: ``校门口无减速带;无门卫。``)
    a ;-clause is an entry too, and a label opening a line (``东街小学:``, whose problems follow)
    is none."""
    while start < end and text[start] in TRIM:
        start += 1
    if open_end:
        newline = text.find("\n", start, end)
        end = newline if newline >= 0 else end
    entries: list[Entry] = []
    begin = start
    title = False
    for found in (_CLAUSE if clauses else _SENTENCE).finditer(text, start, end):
        if clauses and (begin == start or text[begin - 1] == "\n"):
            label = _LINE_LABEL.match(text, begin, found.start())
            begin = label.end() if label else begin
        sentence = text[begin : found.start()].strip(TRIM)
        if not title and not clauses and _SHORT_TITLE.match(sentence):
            title = True  # the next sentence is this title's body
            continue
        entry = _trim(text, Mark("para", 0, begin, begin, True), found.end())
        if entry is not None:
            entries.append(entry)
        begin, title = found.end(), False
    if text[begin:end].strip(TRIM):
        entry = _trim(text, Mark("para", 0, begin, begin, True), end)
        if entry is not None:
            entries.append(entry)
    return entries


def problem_sentences(text: str, start: int, end: int) -> list[Entry]:
    """The entries of problems said one sentence each (``find.sentence_regions``): every
    sentence, but a paragraph's opening sentence that only names the area the sentences after
    it go into (``办学条件还存在薄弱环节。``: a few words, no comma, more sentences after it in its
    paragraph); a short sentence inside a paragraph keeps the one after it as its body."""
    entries: list[Entry] = []
    cursor = start
    while cursor < end:
        stop = text.find("\n", cursor, end)
        stop = end if stop < 0 else stop
        body = cursor
        first = _SENTENCE.search(text, cursor, stop)
        if first is not None and first.end() < stop:
            opening = text[cursor : first.start()].strip(TRIM)
            if _AREA_SENTENCE.match(opening) and text[first.end() : stop].strip(TRIM):
                body = first.end()  # the area's name, then its problems
        entries += parse_paragraph(text, body, stop, open_end=False)
        cursor = stop + 1
    return entries


# a paragraph's opening words that name an area of problems: a few words, no comma
_AREA_SENTENCE = re.compile(r"^[^,，;；:：]{4,16}$")


def _clauses_in_a_sentence(text: str, previous: Mark, last: Mark) -> bool:
    """Whether the last two marks open clauses of one sentence: the last mark inside its line,
    right after a semicolon that closes the entry before it ("…:(1)A;(2)B;(3)C。希望…")."""
    line_start = text.rfind("\n", 0, last.start) + 1
    if previous.start < line_start or not text[line_start : last.start].strip():
        return False
    return text[previous.end : last.start].rstrip(" \t\u3000").endswith((";", "；"))


def _sentence_end(text: str, begin: int, stop: int) -> int:
    """The end of the sentence that ``begin`` is in, within ``stop``: the list's last clause ends
    with it, and what follows in the paragraph is prose (希望县政府高度重视…)."""
    found = re.search(r"[。!！?？]", text[begin:stop])
    return begin + found.end() if found else stop


def _last_entry_end(text: str, begin: int, stop: int) -> int:
    """Where the last entry of a list ends: after its first paragraph, or after its body when
    that paragraph is a short title (``13.大力推动享受教育机会均衡发展。``) or a heading line
    without a sentence's end (``三、强化培训,提升素质``) and the next paragraph is a body (a
    sentence of some length, not a signature such as ``白云乡中心学校``)."""
    first_break = text.find("\n", begin, stop)
    if first_break < 0:
        return stop
    first = text[begin:first_break].strip(TRIM)
    second = text.find("\n", first_break + 1, stop)
    second = stop if second < 0 else second
    raw_first = text[begin:first_break].rstrip(" \t\u3000")
    titled = _TITLE_LIKE.match(first) or _HEADING_LINE.match(raw_first)
    if titled and _BODY.search(text, first_break + 1, second):
        return second
    return first_break


def _below_heading(text: str, entry: Entry) -> Entry | None:
    """An entry whose first line is a section's title (``section_title`` in lists.yaml: "(一)…
    问题的整改落实情况\n对照…"): the entry is the body under it. A short title of the entry
    ("加强领导,提高认识\n成立了…") stays."""
    first_break = text.find("\n", entry.start, entry.end)
    if first_break < 0:
        return entry
    first = text[entry.start : first_break].strip()
    if re.search("[。;；!！?？,，]", first) or not vocabulary().section_title.search(first):
        return entry
    begin, end = trim_span(text, first_break, entry.end)
    if not _BODY.match(text, begin, end):
        return entry
    return replace(entry, start=begin, end=end)


def trim_span(text: str, begin: int, end: int) -> tuple[int, int]:
    """``[begin, end)`` without the punctuation and spaces around it, nor a web-copy marker
    (``‹正>``) left at either end."""
    while True:
        while begin < end and text[begin] in TRIM:
            begin += 1
        while end > begin and text[end - 1] in TRIM:
            end -= 1
        head = _NOISE_START.match(text, begin, end)
        tail = _NOISE_END.search(text, begin, end)
        if head is None and tail is None:
            return _unquoted(text, begin, end)
        begin = head.end() if head is not None else begin
        end = tail.start() if tail is not None and tail.start() >= begin else end


_OPEN_QUOTES, _CLOSE_QUOTES = "“‘「『", "”’」』"


def _unquoted(text: str, begin: int, end: int) -> tuple[int, int]:
    """Without a quotation mark at either end that the span does not close or open (the first
    and last items of a quoted list: 应“进一步完善…,进一步加快…”); a quote the entry holds whole
    stays (“三个一”工程…)."""
    body = text[begin:end]
    opened = sum(body.count(q) for q in _OPEN_QUOTES)
    closed = sum(body.count(q) for q in _CLOSE_QUOTES)
    if body[:1] in _OPEN_QUOTES and opened > closed:
        begin += 1
    elif body[-1:] in _CLOSE_QUOTES and closed > opened:
        end -= 1
    return begin, end


def _trim(text: str, mark: Mark, stop: int) -> Entry | None:
    begin, end = trim_span(text, mark.end, stop)
    body = text[begin:end]
    short = len(body) < MIN_CHARS if mark.family == "inline" else len(_HAN.findall(body)) < 3
    if short or vocabulary().boilerplate.search(body):
        return None
    return Entry(begin, end, text[mark.start : mark.end].strip())


def split_inline(text: str, start: int, end: int) -> list[Entry]:
    """The entries of a list written inside one sentence: split at semicolons when it has them
    (``A,a1;B,b1;C``), else at commas (``城乡教育资源不平衡,教师优质资源倾向城市,学校教学水平
    不高等``), else at 、 (``教育资源分配不均、师资力量薄弱、教育质量参差不齐等``); a closing
    等/等问题 dropped, an item after it with 此外/另外 kept (``A、B等方面,此外D``). Fewer than
    two parts is not a list."""
    vocab = vocabulary()
    also = vocab.enum_also.search(text, start, end)
    if also is not None:  # "A、B、C等方面,此外D": D is one more item
        head = split_inline(text, start, also.start())
        tail = _trim(text, Mark("inline", 0, also.end(), also.end(), False), end)
        return [*head, tail] if head and tail is not None else head
    body = text[start:end]
    cut = vocab.enum_closing.search(body.rstrip(TRIM))
    if cut is not None:
        end = start + cut.start()
        body = text[start:end]
    separator = next((s for s in ("[;；]", "[,，]") if re.search(s, body)), "、")
    entries: list[Entry] = []
    begin = start
    for found in [*re.finditer(separator, body), None]:
        stop = start + found.start() if found is not None else end
        entry = _trim(text, Mark("inline", 0, begin, begin, False), stop)
        if entry is not None:
            entries.append(entry)
        begin = start + found.end() if found is not None else end
    return entries if len(entries) >= 2 else []
