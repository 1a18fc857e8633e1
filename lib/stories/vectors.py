"""Story vectors as a map step: each article's hashed word counts (its whole text and its lede),
computed once with the analysis and kept in the store, so grouping a corpus that grew by one file
rebuilds the vectors it needs from stored counts instead of reading and hashing texts again.

``from_counts`` gives exactly ``grouping._vectors``: the same counts, the same sublinear weighting,
normalisation and layout ([√(1−w)·full, √w·lede], columns compacted to those in use).
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
from scipy.sparse import csr_matrix, hstack, vstack

from lib.frames import require as _require
from lib.stories import hashing

MAP_VERSION = 1
FULL, LEDE = 0, 1   # the part of the article a count is from
SCHEMAS = {"story_counts": pa.schema([("article_id", pa.string()), ("part", pa.int8()), ("feature", pa.int32()),
                                      ("count", pa.int32())])}


def map_articles(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per article (id, text), the hashed word counts of its text (part FULL) and of its first
    ``grouping.LEDE_WORDS`` words (part LEDE): one row per feature used, features ascending."""
    from lib.stories import grouping

    _require(articles, {"id", "text"}, "articles")
    ids = articles["id"].astype(str).to_numpy(dtype=object)
    clean = [t if isinstance(t, str) else "" for t in articles["text"].tolist()]
    parts = []
    for part, texts in ((FULL, clean), (LEDE, [" ".join(t.split()[:grouping.LEDE_WORDS]) for t in clean])):
        counts = hashing.counts(texts)
        rows = np.repeat(np.arange(len(ids)), np.diff(counts.indptr))
        parts.append(pd.DataFrame({"article_id": ids[rows], "part": np.int8(part), "feature": counts.indices.astype("int32"),
                                   "count": counts.data.astype("int32"), "_row": rows}))
    found = pd.concat(parts, ignore_index=True).sort_values(["_row", "part", "feature"], kind="stable")
    return {"story_counts": found.drop(columns="_row").reset_index(drop=True)}


CHUNK_ARTICLES = 10_000  # articles whose counts are read and turned into vectors at a time


def from_counts(counts: pd.DataFrame | Callable[[list[str]], pd.DataFrame], ids: np.ndarray, rows: list[int]) -> csr_matrix:
    """``grouping._vectors(texts, rows)`` from stored counts: ``ids`` are the articles in grouping
    order (one matrix row each), ``rows`` the positions that get a vector (the others stay empty).
    An article in ``rows`` without stored counts gets an empty vector, as an empty text does.
    ``counts``: the rows, or what gives those of a list of ids, then asked ``CHUNK_ARTICLES`` at a
    time (at 100,000 articles the 35 M rows and their copies at once peaked near 4 GB)."""
    from lib.stories import grouping

    n = len(ids)
    if not rows:
        return csr_matrix((n, 2 * grouping.FEATURES))
    if not callable(counts):
        return grouping._compact(_weighted(counts, ids[rows]), rows, n)
    parts = [_weighted(counts(ids[rows[at:at + CHUNK_ARTICLES]].tolist()), ids[rows[at:at + CHUNK_ARTICLES]])
             for at in range(0, len(rows), CHUNK_ARTICLES)]
    return grouping._compact(vstack(parts, format="csr") if len(parts) > 1 else parts[0], rows, n)


def _weighted(counts: pd.DataFrame, chosen: np.ndarray) -> csr_matrix:
    """One row per article of ``chosen`` (ids): [√(1−w)·full, √w·lede], each sublinear and
    L2-normalised, over all 2 × FEATURES columns."""
    from lib.stories import grouping

    width = grouping.FEATURES
    wanted = pd.Index(pd.Series(chosen, dtype=object).astype(str))
    column = counts["article_id"]
    at = wanted.get_indexer(column.astype(str) if not isinstance(column.dtype, pd.CategoricalDtype)
                            else column.cat.categories.astype(str))
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        at = np.where(codes >= 0, np.append(at, -1)[codes], -1)
    keep = at >= 0
    position, part = at[keep], counts["part"].to_numpy()[keep]
    feature, value = counts["feature"].to_numpy()[keep], counts["count"].to_numpy()[keep].astype(np.float64)

    def matrix(which: int) -> csr_matrix:
        chosen_rows = part == which
        built = csr_matrix((value[chosen_rows], (position[chosen_rows], feature[chosen_rows])), shape=(len(wanted), width))
        built.sum_duplicates()
        return grouping._sublinear(built)

    return hstack([np.sqrt(1 - grouping.LEDE_WEIGHT) * matrix(FULL),
                   np.sqrt(grouping.LEDE_WEIGHT) * matrix(LEDE)]).tocsr()
