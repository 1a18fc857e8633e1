"""The token stream that suggested sets are found in (``lib.framing.suggest``): each article's
tokens from its own text alone (``article_tokens``, the per-article map that
``lib.framing.suggest_map`` stores), and the corpus's stream assembled from them (``assemble``).

A token is a word (letters, inner apostrophes or hyphens, folded to lower case), a number
(``NUMBER``) or punctuation; a sentence, line or clause boundary is ``BREAK``. Per token: whether
it is written with a capital and whether it lies inside someone's quoted words.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.text.stopwords import STOPWORDS

# A token: a word (letters, inner apostrophes or hyphens); a number; or punctuation that ends a
# phrase. Words are folded to lower case; curly apostrophes become straight ones.
TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d[\d,.]*|[.!?;:,()\[\]\"“”«»—–/|]")
# A sentence or clause boundary, never part of a phrase. "" rather than a control character: numpy
# strips trailing NULs, so a "\x00" here was compared (and stored by Series.where) as "" anyway.
BREAK = ""
NUMBER = "\x01"  # any number: context, never part of a phrase
# Quantity words: "million" / "billion" fill the same slots everywhere and are never a wording.
QUANTITIES = frozenset("hundred hundreds thousand thousands million millions billion billions trillion "
                        "trillions percent per cent dozen dozens".split())
SENTENCE_END = frozenset({".", "!", "?", BREAK})


@dataclass(frozen=True)
class Tokens:
    """The corpus as one token stream: codes into ``vocabulary``; ``article`` gives each token's
    article (row number), ``sentence`` a corpus-wide sentence number."""

    codes: np.ndarray
    article: np.ndarray
    sentence: np.ndarray
    vocabulary: np.ndarray
    is_phrase_word: np.ndarray  # per vocabulary entry: may be inside a phrase
    is_edge_word: np.ndarray    # per vocabulary entry: may start or end a phrase
    capital: np.ndarray         # per token: written with a capital first letter
    quoted: np.ndarray          # per token: inside someone's quoted words (lib.text.quotes)


@dataclass(frozen=True)
class ArticleTokens:
    """One article's tokens, as ``article_tokens`` finds them (the per-article map): ``words``
    the lower-cased tokens, a piece of text (sentence or line) starting with ``BREAK``,
    punctuation as ``BREAK``, numbers as ``NUMBER``; ``capital`` and ``quoted`` per token; per
    piece that could be a repeated sentence (``_MIN_REPEATED_WORDS`` tokens or more): its token
    range [start, stop), the key it is counted under and the key it is looked up by (the two
    differ only where lower-casing changes how a text splits into tokens; "" when that key is
    too short to count)."""

    words: list[str]
    capital: list[bool]
    quoted: list[bool]
    pieces: list[tuple[int, int, str, str]]


def article_tokens(body: str) -> ArticleTokens:
    """``ArticleTokens`` of one article's text: nothing here depends on any other article."""
    from lib.text.quotes import quotes

    words: list[str] = []
    capital: list[bool] = []
    quoted: list[bool] = []
    pieces: list[tuple[int, int, str, str]] = []
    # someone's quoted words (not the outlet's scare quotes) as sorted [start, end) spans
    spans = [(q.start, q.end) for q in quotes(body) if q.kind == "quoted"]
    starts = [a for a, _ in spans]
    body = body.replace("’", "'")  # one character for one: offsets stay valid
    for offset, sentence in _pieces(body):
        found = list(TOKEN.finditer(sentence))
        lowered = [m.group().lower() for m in found]
        # a sentence found in several articles is boilerplate or syndicated copy: the reduce
        # leaves it out (it needs every article to know), by these keys
        counted, looked_up = _sentence_key(sentence), " ".join(lowered)
        long_counted = counted.count(" ") + 1 >= _MIN_REPEATED_WORDS
        if long_counted or len(lowered) >= _MIN_REPEATED_WORDS:
            pieces.append((len(words), len(words) + len(found) + 1, counted if long_counted else "",
                           looked_up if len(lowered) >= _MIN_REPEATED_WORDS else ""))
        words.append(BREAK)
        words.extend(t if _WORD_START.match(t) else NUMBER if _DIGIT_START.match(t) else BREAK for t in lowered)
        capital.append(False)
        capital.extend(m.group()[:1].isupper() for m in found)
        quoted.append(False)
        quoted.extend(_within(spans, starts, offset + m.start()) for m in found)
    return ArticleTokens(words, capital, quoted, pieces)


_WORD_START = re.compile(r"[^\W\d_]")
_DIGIT_START = re.compile(r"\d")


def assemble(codes: np.ndarray, vocabulary: np.ndarray, article: np.ndarray, capital: np.ndarray,
              quoted: np.ndarray) -> Tokens:
    """``Tokens`` of the corpus's token stream: ``codes`` (int32) into ``vocabulary`` (the
    tokens as ``article_tokens`` writes them, in order of first use), each token's article
    number, capital and quoted flags."""
    if not len(codes):
        return Tokens(*(np.zeros(0, dtype="int32") for _ in range(3)), np.zeros(0, dtype="object"),
                       *(np.zeros(0, dtype="bool") for _ in range(4)))
    vocabulary = np.asarray(vocabulary, dtype="object")
    codes = np.asarray(codes, dtype="int32")
    lowered = pd.Series(vocabulary)
    is_word = (vocabulary != BREAK) & (vocabulary != NUMBER)
    # "d-calif", "r-ohio": party and state, a style of attribution, never a wording
    designation = lowered.str.match(r"^[^\W\d_]-").to_numpy()
    is_edge = is_word & ~lowered.isin(STOPWORDS | QUANTITIES).to_numpy() & (lowered.str.len() >= 2).to_numpy() & ~designation
    ends = np.isin(vocabulary, [BREAK, *SENTENCE_END])[codes]
    sentence = np.cumsum(ends).astype("int32")
    return Tokens(codes, np.asarray(article, dtype="int32"), sentence, vocabulary, is_word, is_edge,
                   np.asarray(capital, dtype="bool"), np.asarray(quoted, dtype="bool"))


def _pieces(body: str):
    """(offset, text) of each sentence-like piece of ``body`` (split as _SENTENCE_SPLIT does)."""
    position = 0
    for match in _SENTENCE_SPLIT.finditer(body):
        yield position, body[position:match.start()]
        position = match.end()
    yield position, body[position:]


def _within(spans: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    k = bisect_right(starts, at) - 1
    return k >= 0 and at < spans[k][1]


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
_MIN_REPEATED_WORDS = 4  # shorter sentences ("He said no.") recur by chance


def _sentence_key(sentence: str) -> str:
    return " ".join(TOKEN.findall(sentence.lower()))
