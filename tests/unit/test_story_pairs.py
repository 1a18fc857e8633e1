"""lib.stories.grouping's candidate pairs: asked in one direction per pair, they are the same pairs."""
import numpy as np
from scipy.sparse import random as sparse_random

from lib.stories.grouping import _Space


def pair_set(found):
    return {(int(r), int(c)) for rows, cols, _ in found for r, c in zip(rows, cols)}


def test_one_direction_per_pair_finds_every_pair_dated_and_undated():
    rng = np.random.default_rng(3)
    vectors = sparse_random(60, 40, density=0.3, format="csr", random_state=4)
    vectors = vectors.multiply(1 / np.sqrt(vectors.multiply(vectors).sum(axis=1))).tocsr()
    days = rng.integers(0, 30, 60).astype(float)
    days[rng.choice(60, 12, replace=False)] = np.nan     # a fifth undated
    space, every = _Space(vectors, days, 7), np.arange(60)
    both = pair_set(space.pairs(every, every, 0.2))
    one = pair_set(space.pairs(every, every, 0.2, symmetric=True))
    assert len(both) > 50 and any(np.isnan(days[r]) != np.isnan(days[c]) for r, c in both)  # not a trivial case
    assert one < both                                      # fewer computed...
    assert one | {(c, r) for r, c in one} == both          # ...yet every pair, one way or the other
