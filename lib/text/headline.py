"""Headlines told from prose: the one place for what a headline looks like.

``reads_as_headline``: can a file's first line be its headline? 3 to 25 words, starting with a
capital or digit (not ``By ...``, a byline), not ending like a sentence (``. ! ? …``, or a clause
mark ``, : ;``; a closing quote after a letter is fine). Headlines in sentence case pass:
``lib.load.inference`` asks it of a bare text file's first line.

``is_title_case``: is a line written in Title Case, as headlines and subheads are? Actor names are
not read from such lines (every word of one is capitalised), a story's omissions do not count
their capitalised words as names, and cleaning drops a trailing Title Case headline about
something else.

A line is Title Case when it is at most ``MAX_CHARS`` characters, has at least ``MIN_WORDS``
content words (words starting with a letter, not one of ``SMALL_WORDS``), at least
``CAPITALISED_SHARE`` of them capitalised, and either does not end like a sentence or writes a
stop word capitalised after its first word, as only headlines do (``... Met With North Korean
Leader.``, ``... Leader Says ...``; courtesy titles such as ``Mr.`` do not count): a prose sentence
packed with names (``President Joe Biden met Senator Mitch McConnell.``) is not one.
"""
from __future__ import annotations

import re

from lib.text.stopwords import STOPWORDS

MAX_CHARS = 300
MIN_WORDS = 3
CAPITALISED_SHARE = 0.75
# Words a headline writer may leave in lower case ("War and Peace in the Age of ...").
SMALL_WORDS = frozenset("a an the and or nor but of in on at to for by with from as vs via into over "
                        "up out off per than".split())
FIRST_LINE_WORDS = (3, 25)
_TERMINAL = ".!?…"
_CLOSING_QUOTES = "’”'\"»)"
# Stop words that prose capitalises only at a sentence start; Mr. and a.m. are capitalised anywhere.
_HEADLINE_CAPITALS = STOPWORDS - {"mr", "mrs", "ms", "a.m", "p.m"}
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
    if not ends_like_sentence(body):
        return True
    return any(w[0].isupper() and w.casefold().replace("’", "'") in _HEADLINE_CAPITALS for w in words[1:])


def reads_as_headline(line: str) -> bool:
    """Whether ``line`` (a first line, scraper markers removed) can be a headline (rule above)."""
    words = line.split()
    if not FIRST_LINE_WORDS[0] <= len(words) <= FIRST_LINE_WORDS[1]:
        return False
    first = next((c for c in line if c.isalnum()), "")
    if not first or first.islower() or words[0].lower() == "by":  # "By Jane Doe" is a byline
        return False
    return not ends_like_sentence(line)


def ends_like_sentence(text: str) -> bool:
    """Whether ``text`` ends like a sentence or a clause: ``. ! ? … , : ;``, or a closing quote
    after a sentence end (``…now.’`` is a quoted sentence; ``…now’`` a headline ending in a quote)."""
    end = text.rstrip()
    if not end:
        return False
    if end[-1] in ",:;" + _TERMINAL:
        return True
    stripped = end.rstrip(_CLOSING_QUOTES)
    return stripped != end and bool(stripped) and stripped[-1] in _TERMINAL


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the lines of ``text`` that are Title Case, in order."""
    return [line.span() for line in _LINE.finditer(text) if is_title_case(line.group())]
