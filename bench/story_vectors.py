"""Experiment (issue 18): can stored per-article term counts stand in for lib.stories.grouping._vectors?

Prints only (not a ``run()`` benchmark). Run: ``python -m bench.story_vectors``.

Variants (monkeypatched _vectors; positions are the articles sorted by id, as group() sorts them):
  today      : HashingVectorizer on the text (full + lede 100 words), sublinear tf, L2, 0.5/0.5
  terms-uni  : full = lib.distinctive.mapped rows, unigrams only; lede from the text (today's)
  terms-all  : full = lib.distinctive.mapped rows, unigrams + bigrams; lede from the text
  terms-only : full = lib.distinctive.mapped unigrams, no lede (LEDE_WEIGHT 0: nothing from the text at all)
  stored-hash: today's hashed counts (full and lede) computed once per article and stored, vectors
               rebuilt from them (exact by construction): time of the rebuild vs today's _vectors
"""

import time

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix, hstack
from sklearn.preprocessing import normalize

from bench import story_grouping as sg
from lib import stories
from lib.distinctive import mapped
from lib.stories import grouping as g
from lib.stories import hashing

ORIG = g._vectors


def sub(counts):
    counts = counts.tocsr(copy=True).astype(np.float64)
    counts.data = 1.0 + np.log(counts.data)
    return normalize(counts)


def compact(both, rows, n):
    used, comp = np.unique(both.indices, return_inverse=True)
    both = csr_matrix((both.data, comp.ravel(), both.indptr), shape=(len(rows), max(len(used), 1)))
    scatter = csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(n, len(rows)))
    return (scatter @ both).tocsr()


def terms_space(articles, unigrams_only):
    ids = np.sort(articles["id"].astype(str).to_numpy(dtype=object))
    table = mapped.map_articles(articles[["id", "text"]])[mapped.TABLE]
    if unigrams_only:
        table = table[~table["term"].str.contains(" ", regex=False)]
    pos = pd.Index(ids).get_indexer(table["article_id"])
    codes, _ = pd.factorize(table["term"])
    full = csr_matrix((table["count"].to_numpy(), (pos, codes)), shape=(len(ids), codes.max() + 1))
    return full


def make_vectors(full_all, lede_weight):
    def vectors(texts, rows):
        n = len(texts)
        if not rows:
            return csr_matrix((n, 1))
        full = sub(full_all[rows])
        if lede_weight == 0:
            return compact(full, rows, n)
        clean = [texts[i] if isinstance(texts[i], str) else "" for i in rows]
        lede = sub(hashing.counts([" ".join(t.split()[:g.LEDE_WORDS]) for t in clean]))
        both = hstack([np.sqrt(1 - lede_weight) * full, np.sqrt(lede_weight) * lede]).tocsr()
        return compact(both, rows, n)
    return vectors


def run_variant(articles, variant):
    if variant == "today":
        g._vectors = ORIG
    else:
        full = terms_space(articles, unigrams_only=variant != "terms-all")
        g._vectors = make_vectors(full, 0.0 if variant == "terms-only" else g.LEDE_WEIGHT)
    try:
        t = time.perf_counter()
        out = stories.group(articles)
        return out, time.perf_counter() - t
    finally:
        g._vectors = ORIG


def partition_same(a, b):
    m = a.merge(b, on="article_id")
    return sg.adjusted_rand_score(m["story_x"], m["story_y"])


def main():
    sets = {}
    nw = sg.load("newswcl50", "event_id", None)
    sets["NewsWCL50 (loaded dates)"] = nw
    sets["NewsWCL50 (own dates)"] = nw.assign(date=nw["own_date"])
    b = sg.load("basil", "triplet_uuid", None)
    sets["BASIL"] = b
    sets["BASIL one undated per event"] = sg.mask_one_per_event(b)
    sets["Seeds"] = sg.seeds()
    for name, arts in sets.items():
        base, _ = run_variant(arts, "today")
        line = [f"{name}: today ARI {sg.ari(arts, base):.3f}"]
        for v in ("terms-uni", "terms-all", "terms-only"):
            out, _ = run_variant(arts, v)
            line.append(f"{v} {sg.ari(arts, out):.3f} (same partition ARI {partition_same(base, out):.3f})")
        print("; ".join(line), flush=True)
    abp = sg.load("article_bias_prediction", "topic", None)
    base, t0 = run_variant(abp, "today")
    print(f"ABP {len(abp)}: today group {t0:.2f} s, {base['story'].nunique()} stories", flush=True)
    for v in ("terms-uni", "terms-only"):
        out, t1 = run_variant(abp, v)
        print(f"  {v}: group {t1:.2f} s (vectors from precomputed rows), {out['story'].nunique()} stories, "
              f"ARI vs today {partition_same(base, out):.3f}", flush=True)
    # stored hashed counts: today's vectors exactly, tokenising moved to the map
    texts = [t if isinstance(t, str) else "" for t in abp["text"]]
    t = time.perf_counter()
    full_c = hashing.counts(texts)
    lede_c = hashing.counts([" ".join(x.split()[:g.LEDE_WORDS]) for x in texts])
    map_s = time.perf_counter() - t
    rows = list(range(len(texts)))
    t = time.perf_counter()
    want = ORIG(np.array(texts, dtype=object), rows)
    vec_s = time.perf_counter() - t
    t = time.perf_counter()
    both = hstack([np.sqrt(1 - g.LEDE_WEIGHT) * sub(full_c), np.sqrt(g.LEDE_WEIGHT) * sub(lede_c)]).tocsr()
    got = compact(both, rows, len(texts))
    red_s = time.perf_counter() - t
    same = (want != got).nnz == 0
    print(f"  stored-hash: today's _vectors {vec_s:.2f} s; from stored counts {red_s:.3f} s; identical {same}; "
          f"map (hashing) {1000 * map_s / len(texts):.2f} ms/article; "
          f"rows/article full {full_c.nnz / len(texts):.0f} lede {lede_c.nnz / len(texts):.0f}", flush=True)


if __name__ == "__main__":
    main()
