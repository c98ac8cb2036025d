"""The two-character words of jieba's dictionary, read straight from its ``dict.txt``.

The anti-scraping rule of :mod:`junheng.core.normalize` drops a dot between two Chinese characters
when the two make a word (``教·育`` → ``教育``). jieba answers that only after building its whole
prefix dictionary, some 0.6 s in every process that meets a dotted word; the same file's
two-character entries are read in about a tenth of that. The answer is the one jieba's default
dictionary gives (an entry with a frequency above 0), whatever words a caller has added to jieba.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from functools import cache
from pathlib import Path

_TWO_CHAR_ENTRY = re.compile(r"^(\S\S) (\d+)", re.MULTILINE)


def _dictionary_file() -> Path:
    """jieba's ``dict.txt``, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


@cache
def two_char_words() -> frozenset[str]:
    """Every two-character word with a frequency above 0 (a later entry overrides an earlier
    one, as in jieba)."""
    text = _dictionary_file().read_text(encoding="utf-8")
    frequency = dict(_TWO_CHAR_ENTRY.findall(text))
    return frozenset(word for word, count in frequency.items() if int(count) > 0)


def is_word(pair: str) -> bool:
    """Whether the two characters ``pair`` are a word of jieba's dictionary."""
    return pair in two_char_words()


def is_person_name(words: str) -> bool:
    """Whether ``words`` are one person's name (刘小刚, 王丽), by jieba's part-of-speech tagger
    (``nr``). It builds its dictionary on first use, so callers ask only of a few candidates."""
    from junheng.core.jieba_import import import_jieba

    import_jieba().setLogLevel(logging.WARNING)
    import jieba.posseg

    tagged = list(jieba.posseg.cut(words))
    return len(tagged) == 1 and tagged[0].word == words and tagged[0].flag == "nr"
