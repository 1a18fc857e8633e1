"""Terms that distinguish one outlet from the others: Monroe, Colaresi & Quinn's "Fightin' Words".

Monroe, Colaresi & Quinn (2008), *Fightin' Words: Lexical Feature Selection and Evaluation for
Identifying the Content of Political Conflict*, Political Analysis 16(4). For a term w, a group i
(one outlet or several) and the rest j, with counts y_w, totals n and an informative Dirichlet prior
α_w = α0 · (corpus count of w / corpus total), so that α0 = Σ α_w:

    δ_w = log((y_w^i + α_w) / (n^i + α0 − y_w^i − α_w)) − log((y_w^j + α_w) / (n^j + α0 − y_w^j − α_w))
    var(δ_w) ≈ 1 / (y_w^i + α_w) + 1 / (y_w^j + α_w)
    z_w = δ_w / √var(δ_w)

δ > 0 means the term is more typical of the group; z weighs that difference by the evidence, so a
term said 50 times by one outlet and never by the others outranks one said once. Raw frequency
ratios do the opposite: they put every one-off term at the top.

Two simplifications, both the common practice:
* n is the number of *counted* term occurrences (the sum of the ``count`` column, unigrams and
  bigrams together, after stopwords and ``min_count``), not the raw number of words. Unigrams and
  bigrams are treated as one multinomial although they overlap.
* The prior comes from the frame you pass (every outlet in it), also for a pairwise comparison, so
  filter the frame to change the reference corpus.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lib.frames import require as _require

if TYPE_CHECKING:
    import scipy.sparse

__all__ = ["DEFAULT_PRIOR_SIZE", "STOPWORDS", "TOKEN_PATTERN", "TermMatrix", "article_terms", "counts_from_terms",
           "log_odds", "one_vs_rest", "term_counts"]

COUNT_COLUMNS = ["outlet", "term", "count"]
LOG_ODDS_COLUMNS = ["term", "count_group", "count_rest", "freq_group", "freq_rest", "delta", "z"]
ONE_VS_REST_COLUMNS = ["outlet", "term", "z", "delta", "count_group", "count_rest", "rank"]

# α0 when ``prior_size`` is None: a fixed 10,000 pseudo-occurrences rather than the corpus size.
# * Fixed, so an outlet's result does not change strength as the dashboard's filters change.
# * Not the corpus size (α_w = the corpus count, ConvoKit's FightingWords default): then an outlet
#   with 1 % of the tokens is pulled ~99 % of the way to the corpus rates; on the AllSides sample
#   (185 outlets, 2.3 M counted terms) 36 outlets got no term with z ≥ 1.96 at all.
# * Not much smaller: the rest side of a term only one outlet uses is pure prior (α_w), and with
#   α0 = 1,000 its variance 1/α_w is so large that house words used 20-40 times by one outlet and
#   never by the others (BASIL: "huffpost", "president donald", "asylum") drop out of the top 10.
# Between 1,000 and 100,000 the order of shared terms barely moves for outlets with 20,000+
# counted terms; what the choice moves is the terms one outlet uses exclusively.
DEFAULT_PRIOR_SIZE = 10_000.0

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

# --- stopwords ----------------------------------------------------------------------------------
# English function words, contractions (with a straight apostrophe; "it's", "he's", "let's" lose
# their "'s" and meet "it", "he", "let"), and four kinds of news-speak that differ between outlets
# by house style rather than by framing: the neutral reporting verbs (said, says, say, told,
# according), courtesy titles (the New York Times writes "Mr. Biden" on second reference, most
# outlets do not), "a.m."/"p.m.", and "also". Loaded reporting verbs ("claimed", "insisted",
# "admitted") are deliberately *not* stopwords: choosing them is framing. Nor are "new" (New York),
# "first" (first lady), "white", "house" or number words other than "one": they head useful bigrams.
STOPWORDS: frozenset[str] = frozenset("""
a about above across after again against all almost along already also although always am among
an and another any anyone anything are around as at be because been before being below between
both but by can cannot could did do does doing done down during each either else even ever every
everyone everything few for from further had has have having he her here hers herself him himself
his how however i if in into is it its itself just least less let many may me might more most much
must my myself neither no nobody none nor not nothing now of off often on once one only onto or
other others otherwise ought our ours ourselves out over own per perhaps quite rather same shall
she should since so some someone something still such than that the their theirs them themselves
then there these they this those though through thus to too toward towards under unless until up
upon us very via was we well were what whatever when whenever where whether which while who whoever
whom whose why will with within without would yet you your yours yourself yourselves
aren't can't couldn't didn't doesn't don't hadn't hasn't haven't isn't mustn't shan't shouldn't
wasn't weren't won't wouldn't i'm i've i'll i'd you're you've you'll you'd we're we've we'll we'd
they're they've they'll they'd he'd he'll she'd she'll it'll that'll there'll who'd who'll
said says say saying told according mr mrs ms a.m p.m
""".split())


def term_counts(articles: pd.DataFrame, *, ngrams: tuple[int, int] = (1, 2), min_count: int = 3,
                stopwords: frozenset[str] | None = None) -> pd.DataFrame:
    """How often each outlet uses each term (a unigram or an n-gram).

    ``articles`` has columns outlet and text (id is not needed); rows without an outlet are
    ignored, missing text counts as empty. Feed it cleaned text (``lib.cleaning``): boilerplate
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


# --- counting once per corpus -------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class TermMatrix:
    """How often each article uses each term: ``article_terms`` builds it once per corpus,
    ``counts_from_terms`` sums its rows for any selection of articles.

    * ``ids``: the article ids (object array), one per row, in the order they were given. An id
      given more than once stands for its first row.
    * ``terms``: the terms (object array of str, as in ``term_counts``), one per column, sorted by
      their text (code-point order).
    * ``counts``: CSR matrix, rows = articles, columns = terms, int32 data: occurrences of the term
      in the article (≥ 1; absent = 0). Only terms used at least ``min_count`` times in all the
      articles together are columns.
    * ``ngrams``, ``min_count``: the options it was built with (``stopwords`` is not recorded).

    ``rows_of(ids)`` gives the row of each id (-1 when absent). Memory: 8 bytes per non-zero
    (~45 M, 350 MB, for 100k news articles with the default options).
    """

    ids: np.ndarray
    terms: np.ndarray
    counts: scipy.sparse.csr_matrix
    ngrams: tuple[int, int] = (1, 2)
    min_count: int = 3

    def rows_of(self, ids) -> np.ndarray:
        """The matrix row of each id (int64), -1 where the id is not in the matrix."""
        index, first_row, _ = self._lookup
        found = index.get_indexer(ids)
        if len(first_row) == 0:
            return found.astype("int64")
        return np.where(found >= 0, first_row[found], -1)

    @cached_property
    def _lookup(self) -> tuple[pd.Index, np.ndarray, np.ndarray]:
        """The distinct ids, the first row of each, and per row how many rows share its id (a
        cached_property works on a frozen dataclass: it writes the instance's __dict__ directly)."""
        codes, distinct = pd.factorize(self.ids, use_na_sentinel=False)
        # ids are numbered in order of first occurrence: a row is the first of its id where its
        # number exceeds every number before it
        seen = np.maximum.accumulate(codes)
        first_row = np.flatnonzero(np.r_[len(codes) > 0, codes[1:] > seen[:-1]][:len(codes)])
        copies = np.zeros(len(self.ids), dtype="int64")
        copies[first_row] = np.bincount(codes, minlength=len(distinct))
        return pd.Index(self.ids[first_row]), first_row, copies

    @cached_property
    def _total(self) -> int:
        """All counted term occurrences: bounds any sum of rows that takes each row once."""
        return int(self.counts.data.sum(dtype="int64"))

    @cached_property
    def _term_array(self):
        return pd.array(self.terms, dtype="str")


def article_terms(articles: pd.DataFrame, *, ngrams: tuple[int, int] = (1, 2), min_count: int = 3,
                  stopwords: frozenset[str] | None = None) -> TermMatrix:
    """Count every term of ``term_counts`` per article instead of per outlet, once per corpus.

    ``articles`` has columns id and text (missing text counts as empty); every row is a row of the
    matrix, whatever its outlet. ``ngrams`` and ``stopwords`` mean what they mean in
    ``term_counts``. Terms used fewer than ``min_count`` times in all the articles together are
    not kept: exact for any selection counted with ``counts_from_terms(..., min_count ≥ this)``,
    since no selection uses a term more often than the whole does.

    Texts are tokenised a block of articles at a time (~4 M characters) and kept only as integer
    token codes, never all the tokens as Python strings at once: on 100k news articles (~90 M
    tokens) building takes ~85 s and ~2 GB at its peak, and the matrix ~350 MB.
    """
    import scipy.sparse as sp

    _require(articles, ("id", "text"), "articles")
    low, high = _check_ngrams(ngrams)
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, got {min_count}")
    stop = STOPWORDS if stopwords is None else frozenset(stopwords)
    ids = articles["id"].to_numpy(dtype=object, copy=True)
    codes, vocabulary, is_stop, joins, lengths = _encode(articles["text"], stop)
    offsets = np.concatenate([[0], np.cumsum(lengths)])   # row r holds tokens offsets[r]:offsets[r + 1]

    blocks, names = [], []
    for n in range(low, high + 1):
        starts = _ngram_starts(codes, is_stop, joins, n)
        if len(starts) == 0:
            continue
        term_ids, first = _ngram_ids(codes, starts, n, len(vocabulary))
        kept = np.flatnonzero(np.bincount(term_ids) >= min_count)
        if len(kept) == 0:
            continue
        column = np.full(len(first), -1, dtype="int32")   # int32 and del: these are one per occurrence
        column[kept] = np.arange(len(kept), dtype="int32")
        column = column[term_ids]
        del term_ids
        used = column >= 0
        if not used.all():
            starts, column = starts[used], column[used]
        del used
        # starts ascend and no n-gram crosses a text, so each row's n-grams are one slice
        indptr = np.searchsorted(starts, offsets)
        del starts
        block = sp.csr_matrix((np.ones(len(column), dtype="int32"), column, indptr), shape=(len(ids), len(kept)))
        del column
        block.sum_duplicates()
        blocks.append(block)
        names.append(_names(codes, vocabulary, first[kept], n))
    if not blocks:
        return _warm(TermMatrix(ids, np.empty(0, dtype=object), sp.csr_matrix((len(ids), 0), dtype="int32"),
                                (low, high), min_count))

    del codes, joins, is_stop   # counted: from here on only the blocks, one value per (article, term)
    terms = np.concatenate(names)
    order = np.argsort(terms, kind="stable")   # distinct strings: unigrams have no space, n-grams n − 1
    counts = blocks[0] if len(blocks) == 1 else sp.hstack(blocks, format="csr")
    blocks.clear()
    rank = np.empty(len(terms), dtype=counts.indices.dtype)   # column → its place in term order
    rank[order] = np.arange(len(terms))
    step = 1 << 22   # renumber the columns in place, a slice at a time (no second index array)
    for begin in range(0, counts.nnz, step):
        counts.indices[begin:begin + step] = rank[counts.indices[begin:begin + step]]
    counts.has_sorted_indices = False
    counts.sort_indices()
    return _warm(TermMatrix(ids, terms[order], counts, (low, high), min_count))


def _warm(matrix: TermMatrix) -> TermMatrix:
    """Build the id lookup and the terms as pandas strings now, not in the first selection's call."""
    matrix._lookup, matrix._total, matrix._term_array   # noqa: B018 - cached properties
    return matrix


def counts_from_terms(matrix: TermMatrix, articles: pd.DataFrame, *, min_count: int = 3) -> pd.DataFrame:
    """``term_counts`` of a selection of articles, from their rows of ``matrix``.

    ``articles`` has columns id and outlet (text is not needed): rows without an outlet are
    ignored, ids not in the matrix count as articles without text, and an id given twice counts
    twice, as ``term_counts`` counts every row. Returns exactly ``term_counts`` of the same rows
    with their text, with the options ``matrix`` was built with: columns outlet, term, count,
    sorted by outlet, count descending, term. ``min_count`` applies to the selection's totals and
    must be at least the matrix's own (the terms below that are not in the matrix).

    Repeating an id more often than the matrix holds it could lift a term the matrix dropped to
    ``min_count``; that raises ValueError unless it cannot happen (the matrix has min_count 1, or
    ``min_count`` > repeats × (the matrix's min_count − 1)).
    """
    import scipy.sparse as sp

    _require(articles, ("id", "outlet"), "articles")
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, got {min_count}")
    if min_count < matrix.min_count:
        raise ValueError(f"min_count must be at least the matrix's min_count ({matrix.min_count}), got {min_count}")
    rows = articles[articles["outlet"].notna()]
    if rows.empty:
        return _empty(COUNT_COLUMNS)

    outlet_codes, outlets = pd.factorize(rows["outlet"].astype(str), sort=True)
    at = matrix.rows_of(rows["id"])
    found = at >= 0
    at, outlet_codes = at[found], outlet_codes[found]
    if len(at) == 0:
        return _empty(COUNT_COLUMNS)
    times = np.bincount(at)   # how often the selection holds each row
    _check_repeats(matrix, at, times, min_count)
    if matrix.counts.shape[1] == 0:
        return _empty(COUNT_COLUMNS)
    # No sum can exceed the whole's total times the most repeated row, so int32 is safe below
    # 2**31 (the usual case) and the matrix's data is not copied to int64 for the product.
    dtype = "int32" if matrix._total * int(times.max()) < 2**31 else "int64"
    pick = sp.csr_matrix((np.ones(len(at), dtype=dtype), (outlet_codes, at)),
                         shape=(len(outlets), matrix.counts.shape[0]))   # duplicates are summed
    sums = (pick @ matrix.counts).tocsr()   # outlets × terms; a product holds no duplicates or zeros
    totals = np.bincount(sums.indices, weights=sums.data, minlength=sums.shape[1])   # exact below 2**53
    keep = totals[sums.indices] >= min_count
    outlet = np.repeat(np.arange(sums.shape[0], dtype="int64"), np.diff(sums.indptr))[keep]
    term, count = sums.indices[keep].astype("int64"), sums.data[keep].astype("int64")
    if len(count) == 0:
        return _empty(COUNT_COLUMNS)
    outlet, term, count = _by_outlet_count_term(outlet, term, count, len(outlets), sums.shape[1])
    used, term = np.unique(term, return_inverse=True)   # the matrix's terms are in code-point order
    return pd.DataFrame({"outlet": pd.array(outlets, dtype="str").take(outlet),
                         "term": _term_column(term, matrix._term_array.take(used)),
                         "count": count})


def _by_outlet_count_term(outlet, term, count, n_outlets: int, n_terms: int):
    """The entries sorted by outlet, count descending, term (int64 arrays): one sort of a single
    int64 key when outlet, count and term fit in one (~3x faster than lexsort), else lexsort."""
    top = int(count.max())
    if n_outlets * (top + 1) * n_terms < 2**63:
        key = (outlet * (top + 1) + (top - count)) * n_terms + term
        key.sort()
        rest, term = np.divmod(key, n_terms)
        outlet, down = np.divmod(rest, top + 1)
        return outlet, term, top - down
    order = np.lexsort((term, -count, outlet))
    return outlet[order], term[order], count[order]


def log_odds(counts: pd.DataFrame, *, group: set[str] | str, rest: set[str] | str | None = None,
             prior_size: float | None = None) -> pd.DataFrame:
    """Fightin' Words log-odds of every term, ``group`` against ``rest``.

    ``counts`` is a ``term_counts`` frame (outlet, term, count). ``group`` is one outlet or a set;
    ``rest`` defaults to every other outlet in the frame (one-vs-rest) or names another set of
    outlets (pairwise; it must not overlap ``group``). Outlets named but absent from the frame count
    as having used no term. The prior is α_w = α0 · (count of w in the whole frame / frame total)
    with α0 = ``prior_size`` (default ``DEFAULT_PRIOR_SIZE``, 10,000 pseudo-occurrences).

    Returns columns term, count_group and count_rest (occurrences, int ≥ 0), freq_group and
    freq_rest (occurrences per 1,000 counted term occurrences of that side), delta (log-odds ratio,
    unbounded, > 0 = more typical of the group), z (delta over its standard error; |z| > 1.96 is
    the usual 5 % threshold, not corrected for testing thousands of terms), one row per term used
    by either side, sorted by z descending. Empty when either side has no counted terms, e.g. a
    frame with a single outlet has no rest to compare with.
    """
    _require(counts, COUNT_COLUMNS, "counts")
    group_set = _outlet_set(group, "group")
    rest_set = None if rest is None else _outlet_set(rest, "rest")
    if rest_set is not None and group_set & rest_set:
        raise ValueError(f"group and rest overlap: {sorted(group_set & rest_set)}")
    alpha0 = _prior_size(prior_size)
    table = _table(counts)
    if table is None:
        return _empty(LOG_ODDS_COLUMNS)
    term_codes, terms, outlet_codes, outlets, values, corpus = table

    in_group = np.isin(outlets, list(group_set))[outlet_codes]
    in_rest = ~in_group if rest_set is None else np.isin(outlets, list(rest_set))[outlet_codes]
    y_group = np.bincount(term_codes[in_group], weights=values[in_group], minlength=len(terms))
    y_rest = np.bincount(term_codes[in_rest], weights=values[in_rest], minlength=len(terms))
    n_group, n_rest = y_group.sum(), y_rest.sum()
    if n_group == 0 or n_rest == 0:
        return _empty(LOG_ODDS_COLUMNS)

    alpha = alpha0 * corpus / corpus.sum()
    delta, z = _fightin(y_group, y_rest, n_group, n_rest, alpha, alpha0)
    used = np.flatnonzero((y_group + y_rest) > 0)
    at = used[np.lexsort((used, -z[used]))]   # z descending, then term: codes are in text order
    return pd.DataFrame({"term": terms.take(at),
                         "count_group": y_group[at].astype("int64"), "count_rest": y_rest[at].astype("int64"),
                         "freq_group": 1000.0 * y_group[at] / n_group, "freq_rest": 1000.0 * y_rest[at] / n_rest,
                         "delta": delta[at], "z": z[at]})


def one_vs_rest(counts: pd.DataFrame, *, top: int = 20, min_z: float = 1.96, **kw) -> pd.DataFrame:
    """The most distinctive terms of every outlet against all the others, in one vectorised pass.

    Equivalent to ``log_odds(counts, group=outlet, **kw)`` for each outlet, keeping its ``top``
    terms with z ≥ ``min_z``; ``kw`` may only be ``prior_size``. Only terms the outlet uses are
    candidates: a term it never uses always has delta < 0, so this changes nothing for min_z ≥ 0.

    Returns columns outlet, term, z, delta (as in ``log_odds``), count_group (the outlet's
    occurrences), count_rest (all other outlets' occurrences), rank (1 = most distinctive, up to
    ``top``), sorted by outlet then rank. An outlet may have fewer than ``top`` rows, or none; the
    frame is empty when ``counts`` holds fewer than two outlets.
    """
    _require(counts, COUNT_COLUMNS, "counts")
    unknown = set(kw) - {"prior_size"}
    if unknown:
        raise TypeError(f"one_vs_rest() got unexpected keyword arguments {sorted(unknown)}")
    if top < 1:
        raise ValueError(f"top must be at least 1, got {top}")
    alpha0 = _prior_size(kw.get("prior_size"))
    table = _table(counts)
    if table is None:
        return _empty(ONE_VS_REST_COLUMNS)
    term_codes, terms, outlet_codes, outlet_names, values, corpus = table

    # One row per (outlet, term) used: its own count is y_group, the corpus count minus it y_rest.
    pairs = pd.DataFrame({"o": outlet_codes, "t": term_codes, "y": values})
    pairs = pairs.groupby(["o", "t"], sort=False, as_index=False)["y"].sum()
    o, t, y_group = pairs["o"].to_numpy(), pairs["t"].to_numpy(), pairs["y"].to_numpy(dtype="float64")
    sizes = np.bincount(o, weights=y_group, minlength=len(outlet_names))
    total = corpus.sum()
    n_group = sizes[o]
    n_rest = total - n_group
    y_rest = corpus[t] - y_group
    alpha = alpha0 * corpus[t] / total
    delta, z = _fightin(y_group, y_rest, n_group, n_rest, alpha, alpha0)
    keep = np.flatnonzero((n_rest > 0) & (z >= min_z))
    if not len(keep):
        return _empty(ONE_VS_REST_COLUMNS)

    at = keep[np.lexsort((t[keep], -z[keep], o[keep]))]   # outlet, z descending, term (in text order)
    first = np.flatnonzero(np.r_[True, o[at][1:] != o[at][:-1]])   # where each outlet's rows begin
    rank = np.arange(len(at)) - np.repeat(first, np.diff(np.r_[first, len(at)])) + 1
    at, rank = at[rank <= top], rank[rank <= top]
    return pd.DataFrame({"outlet": pd.array(outlet_names, dtype="str").take(o[at]), "term": terms.take(t[at]),
                         "z": z[at], "delta": delta[at], "count_group": y_group[at].astype("int64"),
                         "count_rest": y_rest[at].astype("int64"), "rank": rank.astype("int64")})


# --- the statistic ------------------------------------------------------------------------------

def _fightin(y_i, y_j, n_i, n_j, alpha, alpha0) -> tuple[np.ndarray, np.ndarray]:
    """δ and z of Monroe et al. (2008), section 3.5, elementwise.

    α_w > 0 for every term of the frame (its corpus count is ≥ 1), and n − y ≥ 0, α0 − α_w > 0
    unless the frame holds a single term: then that term is everything both sides said, its odds
    are infinite on both sides, and δ = z = 0 (no difference) instead of inf − inf.
    """
    rest_i = n_i - y_i + (alpha0 - alpha)
    rest_j = n_j - y_j + (alpha0 - alpha)
    defined = (rest_i > 0) & (rest_j > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log(y_i + alpha) - np.log(rest_i) - np.log(y_j + alpha) + np.log(rest_j)
        z = delta / np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
    return np.where(defined, delta, 0.0), np.where(defined, z, 0.0)


def _table(counts: pd.DataFrame):
    """(term code per row, terms (str array, code-point order, so codes sort as the text),
    outlet code per row, outlets (object array, sorted), count per row, corpus count per term
    code) of the rows with an outlet, a term and a positive count, or None when there are none."""
    values = pd.to_numeric(counts["count"]).to_numpy(dtype="float64")
    keep = counts["outlet"].notna().to_numpy() & counts["term"].notna().to_numpy() & (values > 0)
    if not keep.any():
        return None
    # codes of every row, then the rows kept: cheaper than copying a filtered 600k-row frame
    term_codes, terms = _term_codes(counts["term"])
    outlet_codes, outlets = pd.factorize(counts["outlet"].astype("str"), sort=True)   # few outlets: Arrow is quick
    term_codes, outlet_codes, values = term_codes[keep], outlet_codes[keep], values[keep]
    corpus = np.bincount(term_codes, weights=values, minlength=len(terms))
    return term_codes, terms, outlet_codes, np.asarray(outlets, dtype=object), values, corpus


def _term_codes(terms: pd.Series) -> tuple[np.ndarray, pd.api.extensions.ExtensionArray]:
    """(code per row, the distinct terms in code-point order as a str array). A ``term_counts``
    frame's categorical column is read as it is (0.1 s saved per 600k rows); other terms,
    categories in another order included, are factorised."""
    if isinstance(terms.dtype, pd.CategoricalDtype) and terms.cat.categories.is_monotonic_increasing:
        return terms.cat.codes.to_numpy().astype("int64"), pd.array(terms.cat.categories, dtype="str")
    codes, distinct = pd.factorize(terms.astype("str").to_numpy(dtype=object), sort=True)   # NaN: code -1
    return codes, pd.array(distinct, dtype="str")


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


# --- validation ---------------------------------------------------------------------------------



def _check_repeats(matrix: TermMatrix, at: np.ndarray, times: np.ndarray, min_count: int) -> None:
    """Refuse a selection that repeats articles so often that a term the matrix dropped (used
    fewer than its min_count times in the whole) could reach ``min_count``. ``at``: the matrix
    row of each selected article; ``times``: how often each row is selected."""
    if matrix.min_count == 1 or times.max() == 1:
        return
    repeats = int(np.max(-(-times[at] // matrix._lookup[2][at])))   # the whole's count, at most, per term
    if repeats > 1 and min_count <= repeats * (matrix.min_count - 1):
        raise ValueError(f"the selection repeats an article {repeats} times: with min_count={min_count} it could use "
                         f"a term the matrix dropped (fewer than {matrix.min_count} times in all) often enough "
                         f"to count; build the matrix with min_count=1 or ask for min_count > "
                         f"{repeats * (matrix.min_count - 1)}")


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


def _outlet_set(value: set[str] | str, name: str) -> frozenset[str]:
    outlets = frozenset([value] if isinstance(value, str) else (str(v) for v in value))
    if not outlets:
        raise ValueError(f"{name} names no outlet")
    return outlets


def _prior_size(prior_size: float | None) -> float:
    alpha0 = DEFAULT_PRIOR_SIZE if prior_size is None else float(prior_size)
    if not math.isfinite(alpha0) or alpha0 <= 0:
        raise ValueError(f"prior_size must be a positive number, got {prior_size!r}")
    return alpha0


def _empty(columns: list[str]) -> pd.DataFrame:
    dtypes = {"outlet": "str", "term": "str", "count": "int64", "count_group": "int64",
              "count_rest": "int64", "rank": "int64"}
    if columns == COUNT_COLUMNS:   # a counts frame's terms are categorical, even when there are none
        dtypes["term"] = pd.CategoricalDtype(pd.Index([], dtype="str"))
    return pd.DataFrame({c: pd.Series([], dtype=dtypes.get(c, "float64")) for c in columns})
