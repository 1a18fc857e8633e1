"""The article × term matrix as a per-article MAP and a corpus-level REDUCE (issue 18; the
map-step contract is in lib/analyse/chunk.py).

``article_terms`` tokenises every text of the corpus whenever the article set changes. Its only
corpus-level step is the vocabulary: a term is a column when the corpus uses it at least
``min_count`` (3) times. Everything else is per article: bigrams never cross a text, tokens are
normalised one distinct token at a time, and each row of the matrix counts one text. So

* ``map_articles`` stores each article's terms with their counts, every term (min_count 1);
* ``reduce`` sums the counts of the corpus's articles per term, keeps the terms reaching
  ``min_count`` and builds the same ``TermMatrix`` from the stored rows: ids in the given order,
  terms in code-point order, the same counts. Exact, not approximate: a term's total over the
  corpus is the sum of its per-article counts.

Map table (one row per article and term; ``article_id`` first):

    article_terms  article_id, term, count
        term as in ``term_counts`` (unigrams and bigrams, n-gram tokens joined by one space),
        count = its occurrences in the article (int32, ≥ 1); an article without terms has no row.

Measured (``bench/terms_map.py``; dev corpus, 4,000 articles, 2 cores; article_terms 4.0-4.3 s):
identical matrices (ids, terms, every count) on the dev corpus and on narrative_frames. Map
1.8-2.5 ms per article in chunks of 8; 482 rows per article, 2.4 MB of Parquet (zstd, dictionary)
per 1,000 articles. ``reduce`` on the rows in memory 0.5-0.6 s; from Parquet ~0.9 s read
(dictionaries unified) + 0.27 s; ``reduce_parquet`` (DuckDB) 0.5 s warm, 0.9 s as the first call of
a process (import included), peak 218 MB. At 100k articles (the 4k rows copied 25 times, every 4k
hapax renamed per copy: 48 M rows, 250 MB on disk, up to 11 M distinct terms) the pandas route
needs 43 s and 4.9 GB (reading 48 M rows and unifying millions of dictionary strings), DuckDB
12.2 s and 963 MB: so the reduce of stored files should be ``reduce_parquet``; ``reduce`` (the
contract's frames) is for what is already in memory. Tried and dropped: a file-by-file pyarrow +
NumPy reduce (83 s, 1.8 GB at 100k: merging per-file totals of millions of strings), and DuckDB
fetching all entries at once (0.39 s at 4k but 1.1 GB at 100k: entries and matrix held together).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from lib.distinctive.matrix import TermMatrix, _warm, article_terms
from lib.frames import require as _require
from lib.store import sql

MAP_VERSION = 1
TABLE = "article_terms"
NGRAMS = (1, 2)      # article_terms' defaults, which lib.pipeline.term_matrix uses
MIN_COUNT = 3

SCHEMAS: dict[str, pa.Schema] = {
    TABLE: pa.schema([("article_id", pa.string()), ("term", pa.string()), ("count", pa.int32())]),
}


def map_articles(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every term of each article with its count: ``{"article_terms": frame}``.

    ``articles`` has columns id (str) and text (str; missing counts as empty). Rows follow the
    articles' order, then the terms' text (code-point order) within an article, so the result for
    A ∪ B is the concatenation of the results for A and for B. ~2 ms per news article in chunks of 8.
    """
    _require(articles, ("id", "text"), "articles")
    matrix = article_terms(articles[["id", "text"]], ngrams=NGRAMS, min_count=1)
    counts = matrix.counts
    row = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    frame = pd.DataFrame({
        "article_id": pd.array(matrix.ids.astype(str)[row] if len(row) else [], dtype="str"),
        "term": pd.array(matrix.terms[counts.indices] if len(row) else [], dtype="str"),
        "count": counts.data.astype("int32"),
    })
    return {TABLE: frame}


def reduce(tables: dict[str, pd.DataFrame], ids, *, min_count: int = MIN_COUNT) -> TermMatrix:
    """``article_terms`` of the articles ``ids`` (their ids in corpus order), from their stored rows.

    ``tables[TABLE]`` holds the map rows of any articles in any order; rows of articles not in
    ``ids`` are ignored, an id without rows is an article without terms (a row of zeros). Each
    article's rows are expected once (the store keeps an article once): rows repeated for an
    article add up, as its text repeated would. An id given twice is two rows of the matrix whose
    counts both reach the totals, as ``article_terms`` counts a text given twice.

    Term and article id columns may be str or categorical (read faster: no hashing of strings).
    Memory: ~12 bytes per stored row in flight besides the frame itself.
    """
    import scipy.sparse as sp

    rows = tables[TABLE]
    _require(rows, ("article_id", "term", "count"), TABLE)
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, got {min_count}")
    ids = pd.Series(ids, dtype=object).to_numpy(dtype=object, copy=True)
    position, stored = _positions(rows["article_id"], ids)
    term_codes, names = _codes(rows["term"])
    count = rows["count"].to_numpy()
    if stored is not None:   # some ids given more than once: their rows count once per copy
        term_codes, count = term_codes[stored], count[stored]
    else:
        kept_rows = position >= 0
        if not kept_rows.all():
            position, term_codes, count = position[kept_rows], term_codes[kept_rows], count[kept_rows]
    totals = np.bincount(term_codes, weights=count, minlength=len(names))
    kept = np.flatnonzero(totals >= min_count)
    if len(kept) == 0:
        return _warm(TermMatrix(ids, np.empty(0, dtype=object), sp.csr_matrix((len(ids), 0), dtype="int32"),
                                NGRAMS, min_count))
    # only the kept names become Python strings (at 100k articles most distinct terms are not kept)
    terms = pd.Index(names).take(kept).to_numpy(dtype=object)
    order = np.argsort(terms, kind="stable")   # code-point order, as article_terms sorts its terms
    column = np.full(len(names), -1, dtype="int32")
    column[kept[order]] = np.arange(len(kept), dtype="int32")
    column = column[term_codes]
    used = column >= 0
    return _warm(TermMatrix(ids, terms[order], _csr(position[used], column[used], count[used], len(ids), len(kept)),
                            NGRAMS, min_count))


def reduce_parquet(paths: Sequence[Path | str], ids, *, min_count: int = MIN_COUNT,
                   memory_limit: str = "1GB", threads: int = 2) -> TermMatrix:
    """``reduce`` run in DuckDB over Parquet files of ``article_terms`` rows (SCHEMAS[TABLE]):
    the same TermMatrix, without loading the rows into pandas. Joined to the ids (their positions),
    totals per term, the terms reaching ``min_count`` numbered in code-point order (DuckDB's
    default binary collation), the entries per matrix row counted, then the kept entries streamed
    in batches straight into the CSR arrays. ``memory_limit`` bounds DuckDB's own buffers (the
    matrix, 8 bytes per entry, comes on top). Ids given more than once: each copy gets the rows.

    As in ``reduce``, each article's rows must be in the files once: an article stored in two
    batches has its counts summed (the caller picks one batch per article, e.g. the store's first)."""
    import scipy.sparse as sp

    ids = pd.Series(ids, dtype=object).to_numpy(dtype=object, copy=True)
    files = [str(p) for p in paths]
    with sql.connection(memory_limit=memory_limit, threads=threads) as con:
        wanted = pd.DataFrame({"id": pd.array(ids.astype(str), dtype="str"),
                               "pos": np.arange(len(ids), dtype="int32")})
        con.register("wanted", wanted)
        # the files are read twice rather than their 48 M rows (at 100k) held as one DuckDB table
        rows = "read_parquet(?) t JOIN wanted w ON t.article_id = w.id"
        con.execute("CREATE TEMP TABLE v AS SELECT term, (row_number() OVER (ORDER BY term) - 1)::INTEGER AS col "
                    f"FROM (SELECT term FROM {rows} GROUP BY term HAVING sum(count) >= ?)", [files, min_count])
        terms = con.execute("SELECT term FROM v ORDER BY col").fetchnumpy()["term"]
        if len(terms) == 0:
            return _warm(TermMatrix(ids, np.empty(0, dtype=object), sp.csr_matrix((len(ids), 0), dtype="int32"),
                                    NGRAMS, min_count))
        entries = f"{rows} JOIN v ON t.term = v.term"
        # Entries per row first, then the entries streamed in batches straight into the CSR arrays:
        # fetching all of them (12 bytes each) and copying them into a matrix would hold both.
        per = con.execute(f"SELECT w.pos, count(*) AS n FROM {entries} GROUP BY w.pos", [files]).fetchnumpy()
        per_row = np.zeros(len(ids), dtype="int64")
        per_row[np.asarray(per["pos"])] = np.asarray(per["n"])
        indptr = np.concatenate([[0], np.cumsum(per_row)])
        indices, data = np.empty(indptr[-1], dtype="int32"), np.empty(indptr[-1], dtype="int32")
        fill = indptr[:-1].copy()
        reader = con.sql(f"SELECT w.pos, v.col, t.count FROM {entries}", params=[files]).to_arrow_reader(1 << 20)
        for batch in reader:   # unordered: an ORDER BY of every entry cost more than all the rest
            row, column, count = (batch.column(k).to_numpy() for k in range(3))
            if len(row) == 0:
                continue
            order = np.argsort(row, kind="stable")
            row, column, count = row[order], column[order], count[order]
            starts = np.flatnonzero(np.r_[True, row[1:] != row[:-1]])
            sizes = np.diff(np.r_[starts, len(row)])
            at = fill[row] + (np.arange(len(row)) - np.repeat(starts, sizes))
            indices[at], data[at] = column, count
            fill[row[starts]] += sizes
    matrix = sp.csr_matrix((data, indices, indptr), shape=(len(ids), len(terms)))
    matrix.has_sorted_indices = False
    matrix.sum_duplicates()   # sorts each row's columns (and sums an article stored twice)
    return _warm(TermMatrix(ids, np.asarray(terms, dtype=object), matrix, NGRAMS, min_count))


def updated(previous: TermMatrix, ids, added: pd.DataFrame, rows_with: Callable[[np.ndarray], pd.DataFrame], *,
            min_count: int = MIN_COUNT) -> TermMatrix | None:
    """``reduce`` of the articles ``ids`` (corpus order) from the matrix of an earlier corpus, so
    that a new or removed file costs its own rows: the earlier matrix's rows of the articles still
    there (a removed article's row is dropped, its counts leave the totals), ``added`` (the map rows
    of the articles the earlier matrix lacks) and, for the terms those bring that were not columns,
    ``rows_with(terms)`` (the map rows of those terms in any articles; rows outside ``ids`` are
    ignored). A column whose total falls under ``min_count`` goes, a new term reaching it comes in.
    The same matrix as ``reduce`` (``same_matrix``); None where it does not apply: an id given
    twice, or an earlier matrix built with other options."""
    import scipy.sparse as sp

    ids = np.asarray([str(i) for i in ids], dtype=object)
    if (previous.min_count != min_count or tuple(previous.ngrams) != NGRAMS or len(pd.unique(ids)) != len(ids)
            or len(pd.unique(previous.ids)) != len(previous.ids)):
        return None
    position = pd.Index(ids)
    old_row = previous.rows_of(ids)
    stayed = np.flatnonzero(old_row >= 0)                 # their rows in the new matrix, ascending
    taken = old_row[stayed]
    # those rows, in that order (the usual case, rows kept in their order: no copy of the arrays)
    in_order = len(taken) == previous.counts.shape[0] and bool(np.all(taken == np.arange(len(taken))))
    base = previous.counts if in_order else previous.counts[taken]
    vocabulary = pd.Index(previous.terms)
    added_ids = added["article_id"].to_numpy(dtype=object).astype(str)
    added = added[pd.Index(added_ids).isin(ids[old_row < 0])]
    added_at = position.get_indexer(added["article_id"].to_numpy(dtype=object).astype(str))
    added_terms = added["term"].to_numpy(dtype=object).astype(str).astype(object)
    added_column = vocabulary.get_indexer(added_terms)
    added_count = added["count"].to_numpy(dtype="int64")
    old = added_column >= 0
    totals = np.bincount(base.indices, weights=base.data, minlength=len(vocabulary)) + \
        np.bincount(added_column[old], weights=added_count[old], minlength=len(vocabulary))
    extra = rows_with(np.unique(added_terms[~old]))
    extra_ids = extra["article_id"].to_numpy(dtype=object).astype(str)
    extra_terms = extra["term"].to_numpy(dtype=object).astype(str).astype(object)
    inside = position.get_indexer(extra_ids) >= 0
    extra_totals = pd.Series(extra["count"].to_numpy(dtype="int64")[inside]).groupby(extra_terms[inside]).sum()
    coming = extra_totals.index[extra_totals.to_numpy() >= min_count].to_numpy(dtype=object)
    staying = totals >= min_count
    # The earlier terms are sorted (code-point order): the few coming ones are merged in by binary
    # search, and an earlier column's new column grows with it, so the earlier rows' sorted indices
    # stay sorted and their arrays are reused as they are.
    coming = np.sort(coming)
    before = np.searchsorted(previous.terms, coming)                  # earlier terms below each
    below = np.cumsum(staying) - staying                             # staying terms below each earlier one
    moved = np.where(staying, below + np.searchsorted(coming, previous.terms), -1).astype("int64") \
        if len(vocabulary) else np.zeros(0, dtype="int64")
    terms = np.empty(int(staying.sum()) + len(coming), dtype=object)
    terms[moved[staying]] = previous.terms[staying]
    terms[(np.concatenate([[0], np.cumsum(staying)])[before] + np.arange(len(coming))).astype("int64")] = coming
    column_of = pd.Index(terms)
    lengths = np.zeros(len(ids), dtype="int64")
    if staying.all() and not len(coming):                # the same columns: the arrays as they are
        data, columns = base.data, base.indices
        lengths[stayed] = np.diff(base.indptr)
    else:
        columns = moved[base.indices]
        kept = columns >= 0
        running = np.concatenate([[0], np.cumsum(kept)])  # entries kept up to each point, per row below
        lengths[stayed] = running[base.indptr[1:]] - running[base.indptr[:-1]]
        data, columns = base.data[kept], columns[kept]
    # copied: the earlier arrays are memory-mapped from an entry that the new one replaces
    earlier = sp.csr_matrix((np.array(data, dtype="int32"), np.array(columns, dtype="int32"),
                             np.concatenate([[0], np.cumsum(lengths)])), shape=(len(ids), len(terms)))
    wanted = inside & pd.Index(extra_terms).isin(coming)
    rows = np.concatenate([added_at[old], position.get_indexer(extra_ids[wanted])])
    cells = np.concatenate([moved[added_column[old]], column_of.get_indexer(extra_terms[wanted])])
    data = np.concatenate([added_count[old], extra["count"].to_numpy(dtype="int64")[wanted]])
    fresh = _csr(rows[cells >= 0], cells[cells >= 0], data[cells >= 0], len(ids), len(terms))
    counts = (earlier + fresh).astype("int32") if fresh.nnz else earlier
    counts.sort_indices()
    return _warm(TermMatrix(ids, terms, counts, NGRAMS, min_count))


def rows_with_parquet(paths: Sequence[Path | str], ids, terms: np.ndarray) -> pd.DataFrame:
    """The ``article_terms`` rows of these ``terms`` in the articles ``ids``, read by DuckDB from
    Parquet files of such rows (``updated``'s ``rows_with``): one pass over the files that keeps
    only a few terms, not the millions of rows ``reduce_parquet`` sums."""
    if not len(terms):
        return SCHEMAS[TABLE].empty_table().to_pandas()
    with sql.connection() as con:
        con.register("wanted_ids", pd.DataFrame({"article_id": pd.array(np.asarray(ids, dtype=str), dtype="str")}))
        con.register("wanted_terms", pd.DataFrame({"term": pd.array(np.asarray(terms, dtype=str), dtype="str")}))
        return con.execute("SELECT t.article_id, t.term, t.count FROM read_parquet(?) t SEMI JOIN wanted_ids "
                           "USING (article_id) SEMI JOIN wanted_terms USING (term)", [[str(p) for p in paths]]).df()


def same_matrix(a: TermMatrix, b: TermMatrix) -> bool:
    """Whether two TermMatrix hold the same ids, terms, counts (structure and int32 data) and options."""
    if (a.ngrams, a.min_count) != (b.ngrams, b.min_count) or a.counts.shape != b.counts.shape:
        return False
    if not (np.array_equal(a.ids, b.ids) and np.array_equal(a.terms, b.terms)):
        return False
    x, y = a.counts, b.counts
    return (x.data.dtype == y.data.dtype and np.array_equal(x.indptr, y.indptr)
            and np.array_equal(x.indices, y.indices) and np.array_equal(x.data, y.data))


# --- helpers ------------------------------------------------------------------------------------

def _codes(column: pd.Series) -> tuple[np.ndarray, Iterable]:
    """(int code per row, the distinct values) of a str or categorical column."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy().astype("int32", copy=False), column.cat.categories
    codes, distinct = pd.factorize(column, use_na_sentinel=False)
    return codes.astype("int32", copy=False), distinct


def _positions(article_ids: pd.Series, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The matrix row of each stored row (-1: not in ``ids``) and None; or, when an id is given
    more than once, one position per (stored row of the id, copy of the id) and that stored row."""
    codes, names = _codes(article_ids)
    id_codes, distinct = pd.factorize(ids, use_na_sentinel=False)   # codes in order of first occurrence
    name_at = pd.Index(distinct).get_indexer(pd.Index(names))      # stored article → distinct id, -1
    row_id = name_at[codes].astype("int32") if len(codes) else np.zeros(0, dtype="int32")
    if len(distinct) == len(ids):   # the usual case: the code of an id is its position
        return row_id, None
    copies = np.bincount(id_codes, minlength=len(distinct))
    by_id = np.argsort(id_codes, kind="stable")   # positions, grouped by id, each group ascending
    starts = np.cumsum(copies) - copies
    stored = np.flatnonzero(row_id >= 0)
    times = copies[row_id[stored]]
    stored = np.repeat(stored, times)
    within = np.arange(len(stored)) - np.repeat(np.cumsum(times) - times, times)
    return by_id[starts[row_id[stored]] + within].astype("int32"), stored


def _csr(row: np.ndarray, column: np.ndarray, data: np.ndarray, n_rows: int, n_columns: int):
    """CSR int32 matrix of (row, column, value) triples, duplicates summed, indices sorted."""
    import scipy.sparse as sp

    matrix = sp.coo_matrix((np.asarray(data, dtype="int32"), (row, column)), shape=(n_rows, n_columns)).tocsr()
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix
