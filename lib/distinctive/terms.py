"""Terms of news text: the tokeniser, the stopword list, and ``term_counts`` (how often each outlet
uses each unigram and n-gram).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from lib.text.stopwords import STOPWORDS

from lib.frames import require as _require

COUNT_COLUMNS = ["outlet", "term", "count"]

# --- tokens -------------------------------------------------------------------------------------
# A token is a dotted acronym ("u.s.", "f.b.i.") or a run of letters and digits with internal
# hyphens or apostrophes ("anti-abortion", "o'rourke", "trump's"). What lies between two tokens
# decides whether they can form a bigram: only spaces may, so "Washington, Republicans" or
# "... on Tuesday. Democrats" never make one, and neither do words across a line break.
# Underscores separate tokens.
TOKEN_PATTERN = r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['\-][^\W_]+)*"
_SPLIT = re.compile(f"({TOKEN_PATTERN})")   # one capturing group: re.split keeps the tokens
_JOINING = r"[^\S\r\n]+"      # spaces only (incl. no-break spaces), no line break
# Middle initials ("Donald J. Trump") are dropped before tokenising so that "donald trump" is one
# bigram wherever an outlet uses the initial; "U.S." is untouched (its "S." follows a dot).
_INITIAL = re.compile(r"(?<![\w.])[A-Z]\.(?=[ \t]+[A-Z])")
# Curly apostrophes and Unicode hyphens would split the same word into two terms across outlets.
_FOLD = (("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u2010", "-"), ("\u2011", "-"))

# --- stopwords: lib.text.stopwords.STOPWORDS (re-exported here as the default) -------------------


def term_counts(articles: pd.DataFrame, *, ngrams: tuple[int, int] = (1, 2), min_count: int = 3,
                stopwords: frozenset[str] | None = None) -> pd.DataFrame:
    """How often each outlet uses each term (a unigram or an n-gram).

    ``articles`` has columns outlet and text (id is not needed); rows without an outlet are
    ignored, missing text counts as empty. Feed it cleaned text (``lib.load.cleaning``): boilerplate
    such as "Hide caption" or "Sign up for Daily Newsletters" is very distinctive of its outlet.

    Text is lower-cased and tokenised with ``TOKEN_PATTERN``: letters and digits with internal
    hyphens/apostrophes, or a dotted acronym. Curly apostrophes and Unicode hyphens become ASCII,
    a trailing possessive "'s" is removed ("trump's" → "trump"), middle initials are dropped
    ("Donald J. Trump" → "donald trump"), and dotted acronyms of three letters or more lose their
    dots ("F.B.I." → "fbi"; "u.s", "a.m" keep theirs). ``ngrams`` = (shortest, longest) n, inclusive, like
    scikit-learn's ``ngram_range``. ``stopwords`` defaults to ``STOPWORDS``; pass ``frozenset()``
    to keep every word. Tokens of one character and tokens without a letter ("2020", "9-11") are
    treated as stopwords.

    * A unigram is any token that is not a stopword.
    * An n-gram is n tokens separated only by spaces (never across punctuation or a line break)
      whose first and last tokens are not stopwords. A bigram therefore has no stopword at all;
      from trigrams on, stopwords *inside* are kept ("rule of law", "secretary of state").

    Returns columns outlet (str), term (categorical of str: n-gram tokens joined by one space; the
    categories are the terms present, in code-point order, so that ``log_odds`` and ``one_vs_rest``
    read term codes instead of hashing ~600k strings again), count (int ≥ 1,
    occurrences of the term in the outlet's articles), one row per outlet and term used by it,
    sorted by outlet, then count descending, then term (code-point order, so the result does not
    depend on the order of the rows). Terms used fewer than ``min_count`` times in the whole frame
    are dropped.

    To count many selections of one corpus, build ``article_terms`` once and use
    ``counts_from_terms``: same result, without tokenising again.
    """
    _require(articles, ("outlet", "text"), "articles")
    low, high = _check_ngrams(ngrams)
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, got {min_count}")
    stop = STOPWORDS if stopwords is None else frozenset(stopwords)
    rows = articles[articles["outlet"].notna()]
    if rows.empty:
        return _empty(COUNT_COLUMNS)

    outlet_codes, outlets = pd.factorize(rows["outlet"].astype(str), sort=True)
    tokens, separators, lengths = _tokenise(rows["text"])
    if len(tokens) == 0:
        return _empty(COUNT_COLUMNS)
    token_outlet = np.repeat(outlet_codes, lengths)
    codes, vocabulary, is_stop = _vocabulary(tokens, stop)
    joins = _joins(separators, lengths)

    parts = []
    for n in range(low, high + 1):
        starts = _ngram_starts(codes, is_stop, joins, n)
        if len(starts) == 0:
            continue
        term_ids, first = _ngram_ids(codes, starts, n, len(vocabulary))
        parts.append(_count(token_outlet[starts], term_ids, first, codes, vocabulary, n, min_count))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return _empty(COUNT_COLUMNS)
    counts = pd.concat(parts, ignore_index=True)
    distinct, term = np.unique(counts["term"].to_numpy(dtype=object), return_inverse=True)  # code-point order
    count = counts["count"].to_numpy(dtype="int64")
    order = np.lexsort((term, -count, counts["outlet_code"].to_numpy()))
    return pd.DataFrame({"outlet": pd.array(outlets[counts["outlet_code"].to_numpy()[order]], dtype="str"),
                         "term": _term_column(term[order], pd.array(distinct, dtype="str")),
                         "count": count[order]})


def _term_column(codes: np.ndarray, terms) -> pd.Categorical:
    """The term column of a counts frame: ``codes`` into ``terms`` (distinct, code-point order)."""
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(pd.Index(terms, dtype="str")))


# --- tokenising ---------------------------------------------------------------------------------

def _tokenise(texts: pd.Series) -> tuple[list[str], list[str], np.ndarray]:
    """All tokens of all texts in order, the separator after each, and the token count per text.

    ``re.split`` with one capturing group alternates [text before, token, separator, token, ...,
    separator], so both lists are C-level slices: ~4x faster than ``findall`` with two groups.
    """
    tokens: list[str] = []
    separators: list[str] = []
    lengths = np.zeros(len(texts), dtype="int64")
    for i, text in enumerate(texts):
        if not isinstance(text, str) or not text:
            continue
        parts = _SPLIT.split(_fold(text))
        tokens.extend(parts[1::2])
        separators.extend(parts[2::2])
        lengths[i] = len(parts) // 2
    return tokens, separators, lengths


# Characters of text article_terms tokenises at a time: ~700 k tokens of news, whose Python strings,
# lists and hash tables take ~100 MB at once (~140 bytes a token).
_ENCODE_CHARS = 4_000_000


def _encode(texts: pd.Series, stop: frozenset[str]):
    """``_tokenise`` + ``_vocabulary`` + ``_joins`` over all texts, a block of texts at a time
    (``_ENCODE_CHARS`` characters, at least one text), so that only one block's tokens exist as
    Python strings. Returns token codes (int32), the vocabulary (object array, in order of first
    occurrence, as ``_vocabulary`` of all the tokens at once would give), is_stop per vocabulary
    entry, joins per token and the token count per text."""
    index: dict[str, int] = {}
    words: list[str] = []
    stops: list[bool] = []
    code_blocks, join_blocks, length_blocks = [], [], []
    for begin, end in _blocks(texts, _ENCODE_CHARS):
        tokens, separators, lengths = _tokenise(texts.iloc[begin:end])
        length_blocks.append(lengths)
        if not tokens:
            continue
        local, vocabulary, is_stop = _vocabulary(tokens, stop)
        join_blocks.append(_joins(separators, lengths))
        del tokens, separators
        to_global = np.empty(len(vocabulary), dtype="int64")
        for k, word in enumerate(vocabulary):
            code = index.get(word)
            if code is None:
                code = index[word] = len(words)
                words.append(word)
                stops.append(bool(is_stop[k]))
            to_global[k] = code
        code_blocks.append(to_global[local].astype("int32"))
    lengths = np.concatenate(length_blocks) if length_blocks else np.zeros(0, dtype="int64")
    codes = np.concatenate(code_blocks) if code_blocks else np.zeros(0, dtype="int32")
    del code_blocks
    joins = np.concatenate(join_blocks) if join_blocks else np.zeros(0, dtype=bool)
    return codes, np.asarray(words, dtype=object), np.asarray(stops, dtype=bool), joins, lengths


def _blocks(texts: pd.Series, budget: int):
    """(begin, end) positions of consecutive texts holding about ``budget`` characters each."""
    begin, size = 0, 0
    for i, text in enumerate(texts):
        size += len(text) if isinstance(text, str) else 0
        if size >= budget:
            yield begin, i + 1
            begin, size = i + 1, 0
    if begin < len(texts):
        yield begin, len(texts)


def _fold(text: str) -> str:
    """Lower-cased text without middle initials, with curly apostrophes and Unicode hyphens made
    ASCII (chained ``str.replace`` is ~10x faster than ``str.translate`` with a dict)."""
    text = _INITIAL.sub("", text)
    for before, after in _FOLD:
        if before in text:
            text = text.replace(before, after)
    return text.lower()


def _vocabulary(tokens: list[str], stop: frozenset[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Normalised token codes, the distinct normalised tokens, and whether each is a stopword.
    Normalising works on the distinct raw tokens (tens of thousands), never on every token."""
    raw_codes, raw = pd.factorize(np.asarray(tokens, dtype=object))
    normal = pd.Series(raw, dtype=object).str.replace(r"'s$", "", regex=True)
    # "F.B.I." and "FBI" are one term (house style, not framing); "U.S." keeps its dot because
    # "us" is a pronoun, and so do "a.m."/"p.m.".
    dotted = normal.str.endswith(".")
    normal = normal.where(~dotted, normal.str.rstrip("."))
    long_acronym = dotted & (normal.str.len() >= 5)
    normal = normal.where(~long_acronym, normal.str.replace(".", "", regex=False))
    norm_codes, vocabulary = pd.factorize(normal)
    words = pd.Series(vocabulary, dtype=object)
    # str.isalpha, not a regex: re's [^\W\d] also takes "¹" or "½" (numbers outside Nd) for letters.
    has_letter = words.map(lambda w: any(ch.isalpha() for ch in w)).to_numpy(dtype=bool)
    is_stop = (words.isin(stop) | (words.str.len() <= 1)).to_numpy(dtype=bool) | ~has_letter
    return norm_codes[raw_codes].astype("int64"), np.asarray(vocabulary, dtype=object), is_stop


def _joins(separators: list[str], lengths: np.ndarray) -> np.ndarray:
    """joins[k]: token k and token k + 1 stand in one phrase (spaces only between them, same text)."""
    sep_codes, distinct = pd.factorize(np.asarray(separators, dtype=object))
    joining = pd.Series(distinct, dtype=object).str.fullmatch(_JOINING).to_numpy(dtype=bool)
    joins = joining[sep_codes]
    ends = np.cumsum(lengths)[lengths > 0] - 1
    joins[ends] = False   # the last token of a text never joins the next text's first
    return joins


def _ngram_starts(codes: np.ndarray, is_stop: np.ndarray, joins: np.ndarray, n: int) -> np.ndarray:
    """Positions where a valid n-gram starts: edges not stopwords, n − 1 joins in a row."""
    size = len(codes) - n + 1
    if size <= 0:
        return np.empty(0, dtype="int64")
    stop = is_stop[codes]
    ok = ~stop[:size] & ~stop[n - 1:]
    for k in range(n - 1):
        ok &= joins[k:k + size]
    return np.flatnonzero(ok)


def _ngram_ids(codes: np.ndarray, starts: np.ndarray, n: int, vocabulary_size: int):
    """A dense id per distinct n-gram for each start, and one start position per id (one of its
    occurrences, where ``_names`` reads its tokens). Unigram ids follow the token codes, n-gram
    ids the first occurrence. Ids are re-factorised after each extra token so the combined key
    stays far below 2**63. Hash-based, O(starts): no sort of every occurrence, and in place where
    it can (at 100k articles every array here is one value per occurrence, tens of millions)."""
    key = codes[starts]
    if n == 1:   # unigram ids keep the codes' integer type
        present = np.zeros(vocabulary_size, dtype=bool)
        present[key] = True
        key = (np.cumsum(present) - 1).astype(key.dtype)[key]
    else:
        key = key.astype("int64")
    for k in range(1, n):
        key *= vocabulary_size
        key += codes[starts + k]
        key, _ = pd.factorize(key)
        key = key.astype("int64", copy=False)
    first = np.empty(int(key.max()) + 1 if len(key) else 0, dtype="int64")
    first[key] = starts   # any occurrence will do: all of an id's occurrences have the same tokens
    return key, first


def _count(outlet_codes, term_ids, first, codes, vocabulary, n, min_count) -> pd.DataFrame:
    """outlet_code, term, count for the n-grams whose total reaches min_count."""
    totals = np.bincount(term_ids)
    kept = totals >= min_count
    if not kept.any():
        return pd.DataFrame({"outlet_code": [], "term": [], "count": []})
    mask = kept[term_ids]
    width = int(term_ids.max()) + 1
    pair, count = np.unique(outlet_codes[mask].astype("int64") * width + term_ids[mask], return_counts=True)
    outlet, term = np.divmod(pair, width)
    names = _names(codes, vocabulary, first, n)
    return pd.DataFrame({"outlet_code": outlet, "term": names[term], "count": count})


def _names(codes, vocabulary, first, n) -> np.ndarray:
    """The text of each n-gram id: its tokens at its first occurrence, joined by spaces."""
    text = pd.Series(vocabulary[codes[first]], dtype=object)
    for k in range(1, n):
        text = text + " " + pd.Series(vocabulary[codes[first + k]], dtype=object)
    return text.to_numpy(dtype=object)


def _check_ngrams(ngrams) -> tuple[int, int]:
    if isinstance(ngrams, (str, bytes)):   # "12" would unpack into two digits
        raise ValueError(f"ngrams must be (shortest, longest), got {ngrams!r}")
    try:
        low, high = (int(v) for v in ngrams)
    except (TypeError, ValueError):
        raise ValueError(f"ngrams must be (shortest, longest), got {ngrams!r}") from None
    if not 1 <= low <= high:
        raise ValueError(f"ngrams must satisfy 1 <= shortest <= longest, got {ngrams!r}")
    return low, high


def _empty(columns: list[str]) -> pd.DataFrame:
    dtypes = {"outlet": "str", "term": "str", "count": "int64", "count_group": "int64",
              "count_rest": "int64", "rank": "int64"}
    if columns == COUNT_COLUMNS:   # a counts frame's terms are categorical, even when there are none
        dtypes["term"] = pd.CategoricalDtype(pd.Index([], dtype="str"))
    return pd.DataFrame({c: pd.Series([], dtype=dtypes.get(c, "float64")) for c in columns})
