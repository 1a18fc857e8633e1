"""The article × term matrix, built once per corpus: ``article_terms`` builds a ``TermMatrix``,
``counts_from_terms`` gives ``term_counts`` of any selection of its articles without tokenising
again. ``save_matrix`` and ``load_matrix`` keep it on disk (three NumPy arrays read back
memory-mapped, ids and terms as Parquet), ``release_matrix`` hands back the pages a sum has read.
"""
from __future__ import annotations

import mmap
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lib.distinctive.terms import (
    COUNT_COLUMNS,
    STOPWORDS,
    _check_ngrams,
    _empty,
    _encode,
    _names,
    _ngram_ids,
    _ngram_starts,
    _term_column,
)
from lib.frames import require as _require

if TYPE_CHECKING:
    import scipy.sparse


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


# --- on disk ------------------------------------------------------------------------------------

def save_matrix(tmp: Path, matrix: TermMatrix) -> None:
    """Write ``matrix`` into the folder ``tmp``: data, indices and indptr as ``.npy``, ids and
    terms as Parquet, the shape and options in ``shape.txt``."""
    counts = matrix.counts
    for name, values in (("data", counts.data), ("indices", counts.indices), ("indptr", counts.indptr)):
        np.save(tmp / f"{name}.npy", values, allow_pickle=False)
    pd.DataFrame({"id": matrix.ids}).to_parquet(tmp / "ids.parquet", index=False)
    pd.DataFrame({"term": matrix.terms}).to_parquet(tmp / "terms.parquet", index=False)
    (tmp / "shape.txt").write_text(f"{counts.shape[0]} {counts.shape[1]} {matrix.ngrams[0]} "
                                  f"{matrix.ngrams[1]} {matrix.min_count}")


def load_matrix(entry: Path) -> TermMatrix | None:
    """The matrix ``save_matrix`` wrote into ``entry``, its arrays memory-mapped; None when it
    cannot be read."""
    import scipy.sparse as sp

    try:
        rows, columns, low, high, min_count = (int(v) for v in (entry / "shape.txt").read_text().split())
        data, indices, indptr = (np.load(entry / f"{name}.npy", mmap_mode="r", allow_pickle=False)
                                 for name in ("data", "indices", "indptr"))
        counts = sp.csr_matrix((data, indices, indptr), shape=(rows, columns), copy=False)
        ids = pd.read_parquet(entry / "ids.parquet")["id"].to_numpy(dtype=object)
        terms = pd.read_parquet(entry / "terms.parquet")["term"].to_numpy(dtype=object)
    except (OSError, ValueError):
        return None
    return TermMatrix(ids, terms, counts, (low, high), min_count)


def release_matrix(matrix: TermMatrix) -> None:
    """Hand back the pages of a memory-mapped matrix that a sum has read (up to ~350 MB at 100k
    articles): they stay in the page cache for the next sum, but stop counting in this process's
    memory."""
    for values in (matrix.counts.data, matrix.counts.indices, matrix.counts.indptr):
        while values is not None and not isinstance(values, np.memmap):
            values = getattr(values, "base", None)
        mapped = getattr(values, "_mmap", None)
        if mapped is not None:
            mapped.madvise(mmap.MADV_DONTNEED)
