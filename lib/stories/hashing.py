"""Hashed word counts for story vectors, without importing scikit-learn.

``counts(texts)`` equals ``HashingVectorizer(stop_words="english", alternate_sign=False,
norm=None, n_features=FEATURES).transform(texts)`` (scikit-learn 1.x): lower-cased words of two or
more letters or digits (``(?u)\\b\\w\\w+\\b``), scikit-learn's English stopwords left out, each word
hashed with MurmurHash3 (x86, 32 bits, seed 0: the ``mmh3`` package is the same C code) to
``|h| mod FEATURES``, colliding words summed. Importing scikit-learn takes about a second, which was
most of the time to analyse one new file; ``mmh3`` imports in a millisecond. The vectors stored by
earlier versions stay valid because the features are the same (tests compare with scikit-learn).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

import mmh3
import numpy as np
from scipy.sparse import csr_matrix

from lib.text.stopwords import scikit_learn_english

FEATURES = 2 ** 20  # hashed word features per part (full text, lede)
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_INT32_MIN = -(2 ** 31)
_MEMO_WORDS = 400_000  # words whose column is remembered (~50 MB), then forgotten and hashed again


def counts(texts: Iterable[str], n_features: int = FEATURES) -> csr_matrix:
    """One row per text: how often each hashed feature's words occur (float64, indices ascending
    within a row, explicit zeros never stored). A text that is not a string counts as empty."""
    texts = list(texts)
    column = _columns(n_features)
    indptr, indices, data = [0], [], []
    for text in texts:
        row: dict[int, int] = {}
        for word, n in (Counter(_TOKEN.findall(text.lower())) if isinstance(text, str) else {}).items():
            feature = column.get(word)
            if feature is None:
                if len(column) >= _MEMO_WORDS:
                    column.clear()
                feature = column[word] = _column(word, n_features)
            if feature >= 0:
                row[feature] = row.get(feature, 0) + n
        for feature in sorted(row):
            indices.append(feature)
            data.append(row[feature])
        indptr.append(len(indices))
    return csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int32),
                       np.asarray(indptr, dtype=np.int64)), shape=(len(texts), n_features))


def feature_index(signed_hash: int, n_features: int = FEATURES) -> int:
    """scikit-learn's column for a word whose signed 32-bit MurmurHash3 is ``signed_hash``:
    |h| mod n, with |−2³¹| taken as 2³¹ − 1 − (n − 1) as its ``_hashing_fast`` does."""
    if signed_hash == _INT32_MIN:
        return (2 ** 31 - 1 - (n_features - 1)) % n_features
    return abs(signed_hash) % n_features


@cache
def _columns(n_features: int) -> dict[str, int]:
    # Words repeat across articles: each is hashed once per process (-1: a stopword).
    return {}


def _column(word: str, n_features: int) -> int:
    if word in scikit_learn_english():
        return -1
    return feature_index(mmh3.hash(word, 0, signed=True), n_features)
