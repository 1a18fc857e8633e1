"""Tokens of an article text, and the small word tests the actor heuristics share.

A token is a word (letters with inner hyphens or apostrophes, and at most one trailing dot), a
number or a punctuation mark; offsets are character indices, end exclusive. A word's trailing
dot is split off unless the word is an abbreviation (Mr., Sen., Jr.) or an initial before a name
(J. Edgar); dotted acronyms stay whole (U.S.). A token's key is the word lower-cased, dots and a
possessive 's removed, ’ as '.

Title Case lines (headlines) are ``lib.text.headline``'s, the rule every package uses;
``_fold`` makes a name key (lower-case, accent-free, hyphens as spaces, initials
and dots removed); ``_norm_label`` a label (lower-cased, whitespace collapsed, curly apostrophes
straight).
"""
from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from lib.actors.words import (
    _HONORIFICS,
    _ROLES,
    _SUFFIXES,
    _TITLE_ABBREVIATIONS,
)

_ABBREVIATIONS = frozenset({*_TITLE_ABBREVIATIONS, *_HONORIFICS, *_SUFFIXES, "st"})
# A word may take one trailing dot; _tokens() gives it back unless the word is an abbreviation
# (Mr., Sen., Jr.) or an initial before a name (J. Edgar). Dotted acronyms stay whole (U.S.).
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?|\d+(?:[.,:]\d+)*|[^\w\s]")
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
_POSSESSIVE_ENDINGS = ("'s", "’s", "'S", "’S")
_INITIAL = re.compile(r"[A-Z]\.$")


@dataclass
class _Tokens:
    starts: list[int]
    ends: list[int]
    words: list[str]
    keys: list[str]         # lower-case, dots and possessive 's removed, ’ as '
    possessive: list[bool]


def _tokens(text: str) -> _Tokens:
    starts: list[int] = []
    words: list[str] = []
    for m in _TOKEN.finditer(text):
        w, s = m.group(), m.start()
        if w[-1] == "." and len(w) > 1 and w[-2] != ".":
            base = w[:-1]
            if "." not in base and not (base.lower() in _ABBREVIATIONS or (
                    len(base) == 1 and base.isupper() and _CAPITAL_NEXT.match(text, s + 2))):
                starts.append(s)
                words.append(base)
                starts.append(s + len(base))
                words.append(".")
                continue
        starts.append(s)
        words.append(w)
    ends = [s + len(w) for s, w in zip(starts, words)]
    possessive = [len(w) > 2 and w.endswith(_POSSESSIVE_ENDINGS) for w in words]
    keys = []
    for w, p in zip(words, possessive):
        k = (w[:-2] if p else w).lower()
        if "." in k:
            k = k.replace(".", "")
        if "’" in k:
            k = k.replace("’", "'")
        keys.append(k)
    return _Tokens(starts, ends, words, keys, possessive)


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _is_word(word: str) -> bool:
    return word[:1].isalpha()


def _role(key: str) -> bool:
    """A role noun, also inside a hyphenated word (then-president, ex-director)."""
    return key in _ROLES or ("-" in key and key.rsplit("-", 1)[1] in _ROLES)


def _titleish(key: str) -> bool:
    return _role(key) or key in _TITLE_ABBREVIATIONS


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(spans, (pos, math.inf)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _norm_label(s: str) -> str:
    return " ".join(s.replace("’", "'").replace("‘", "'").lower().split())


def _fold(s: str) -> str:
    """Lower-case without accents, hyphens as spaces, initials and dots removed: a name key."""
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = s.lower().replace("-", " ").replace("’", "'")
    parts = [p for p in s.replace(".", ". ").split() if not re.fullmatch(r"[a-z]\.", p)]
    return " ".join(p.rstrip(".") for p in parts if p.rstrip("."))


def _sentence_start(text: str, pos: int) -> bool:
    """Does a sentence (or a line) start at pos, quotes and brackets before it aside?"""
    i = pos - 1
    while i >= 0 and (text[i].isspace() or text[i] in "\"'“‘(["):
        if text[i] in "\n\r":
            return True
        i -= 1
    return i < 0 or text[i] in ".!?:;—–-…"


def _joined(text: str, a_end: int, b_start: int) -> bool:
    """Is the gap between two tokens one or two whitespace characters, none a line break?"""
    gap = text[a_end:b_start]
    return gap == " " or (gap.isspace() and len(gap) <= 2 and "\n" not in gap and "\r" not in gap)


def _token_index(tok: _Tokens, pos: int) -> int:
    """Index of the first token starting at or after pos."""
    return bisect_left(tok.starts, pos)


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Does [s, e) overlap one of the sorted, non-overlapping (start, end) spans?"""
    i = bisect_left(spans, (s, -1))
    for j in (i - 1, i):
        if 0 <= j < len(spans) and spans[j][0] < e and s < spans[j][1]:
            return True
    return False
