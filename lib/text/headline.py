"""The one headline rule: is a line written in Title Case, as headlines and subheads are?

Used wherever a headline must be told from prose: actor names are not read from headlines (every
word of one is capitalised), a story's omissions do not count a headline's capitalised words as
names, and cleaning drops a trailing Title Case headline about something else.

A line is Title Case when it is at most ``MAX_CHARS`` characters, has at least ``MIN_WORDS``
content words (words starting with a letter, not one of ``SMALL_WORDS``), at least
``CAPITALISED_SHARE`` of them capitalised, and either does not end like a sentence or writes a
small word capitalised after its first word (``... Met With North Korean Leader.``): a prose
sentence packed with names (``President Joe Biden met Senator Mitch McConnell.``) is not one.
"""
from __future__ import annotations

import re

MAX_CHARS = 300
MIN_WORDS = 3
CAPITALISED_SHARE = 0.75
# Words a headline writer may leave in lower case ("War and Peace in the Age of ...").
SMALL_WORDS = frozenset("a an the and or nor but of in on at to for by with from as vs via into over "
                        "up out off per than".split())
SENTENCE_END = ".!?…:"
_CLOSERS = "\"”’'»)]"
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LINE = re.compile(r"[^\n\r]+")


def is_title_case(line: str) -> bool:
    """Whether ``line`` reads as a Title Case headline (rule in the module docstring)."""
    body = line.strip()
    if not body or len(body) > MAX_CHARS:
        return False
    words = [w.strip("'’-") for w in _WORD.findall(body)]
    content = [w for w in words[:1] + [w for w in words[1:] if w.casefold() not in SMALL_WORDS] if w]
    capitalised = sum(w[0].isupper() for w in content)
    if len(content) < MIN_WORDS or capitalised < CAPITALISED_SHARE * len(content):
        return False
    if body.rstrip(_CLOSERS)[-1:] not in SENTENCE_END:
        return True
    return any(w[0].isupper() and w.casefold() in SMALL_WORDS for w in words[1:])


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the lines of ``text`` that are Title Case, in order."""
    return [line.span() for line in _LINE.finditer(text) if is_title_case(line.group())]
