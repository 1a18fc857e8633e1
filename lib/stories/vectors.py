"""Story vectors as a map step: each article's hashed word counts (its whole text and its lede),
computed once with the analysis and kept in the store, so grouping a corpus that grew by one file
rebuilds the vectors it needs from stored counts instead of reading and hashing texts again.

``from_counts`` gives exactly ``grouping._vectors``: the same counts, the same sublinear weighting,
normalisation and layout ([√(1−w)·full, √w·lede], columns compacted to those in use).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
from scipy.sparse import csr_matrix, hstack

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


def from_counts(counts: pd.DataFrame, ids: np.ndarray, rows: list[int]) -> csr_matrix:
    """``grouping._vectors(texts, rows)`` from stored counts: ``ids`` are the articles in grouping
    order (one matrix row each), ``rows`` the positions that get a vector (the others stay empty).
    An article in ``rows`` without stored counts gets an empty vector, as an empty text does."""
    from lib.stories import grouping

    n, width = len(ids), grouping.FEATURES
    if not rows:
        return csr_matrix((n, 2 * width))
    wanted = pd.Index(pd.Series(ids[rows], dtype=object).astype(str))
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
        chosen = part == which
        built = csr_matrix((value[chosen], (position[chosen], feature[chosen])), shape=(len(rows), width))
        built.sum_duplicates()
        return grouping._sublinear(built)

    both = hstack([np.sqrt(1 - grouping.LEDE_WEIGHT) * matrix(FULL),
                   np.sqrt(grouping.LEDE_WEIGHT) * matrix(LEDE)]).tocsr()
    return grouping._compact(both, rows, n)
