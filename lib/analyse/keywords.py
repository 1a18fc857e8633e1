"""Keyphrases with YAKE, extracted per article and aggregated per outlet by rank.

Extraction runs ``lib.analyse.yake_fast``, a lean implementation of yake 0.7.3's algorithm that returns the
same keyphrases and scores about ten times faster (tests/unit/test_yake_fast.py compares both);
yake itself stays the reference and is pinned.

YAKE scores compare only within one document (lower = more relevant), so outlets are compared by
rank: in how many of an outlet's articles a keyphrase makes the top k, and its mean rank there.
YAKE is never run on an outlet's articles glued together: its position feature favours the start.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from lib.analyse import yake_fast

YAKE_VERSION = "0.7.3"
# The one configuration Framescope uses; part of the analysis store's key.
SETTINGS = {"lan": "en", "n": 3, "top": 20, "dedup_func": "levs", "dedup_lim": 0.9, "window_size": 1}


@lru_cache(maxsize=1)
def extractor():
    """One YAKE extractor per process. Only snake_case options take effect in yake 0.7.3; the
    README's camelCase names are silently ignored."""
    import yake

    return yake.KeywordExtractor(**SETTINGS)


def extract(text: str) -> list[tuple[str, float]]:
    """Top keyphrases of one article, best first: (lower-cased phrase, YAKE score ≥ 0, lower is
    better). Returns [] for empty text (yake swallows errors and also returns [] then). Case is
    lowered here because yake's depends on its dedup settings."""
    if not isinstance(text, str) or not text.strip():
        return []
    found = yake_fast.extract(text, top=SETTINGS["top"], n=SETTINGS["n"])
    return [(phrase.lower(), float(score)) for phrase, score in found]


def extract_with_yake(text: str) -> list[tuple[str, float]]:
    """The same through yake itself: the reference (tests and benchmarks)."""
    if not isinstance(text, str) or not text.strip():
        return []
    return [(phrase.lower(), float(score)) for phrase, score in extractor().extract_keywords(text)]


def by_outlet(keywords: pd.DataFrame, articles: pd.DataFrame, *, top_k: int = 10) -> pd.DataFrame:
    """Rank-aggregated keyphrases per outlet.

    ``keywords`` has article_id, rank (1 = best), keyphrase; ``articles`` has id, outlet.
    Returns outlet, keyphrase, articles (how many of the outlet's articles have it in their top
    ``top_k``), share (articles / the outlet's articles, 0..1), mean_rank (1..top_k, over those
    articles), outlet_articles. Sorted per outlet by articles (desc), then mean_rank.
    """
    columns = ["outlet", "keyphrase", "articles", "share", "mean_rank", "outlet_articles"]
    sizes = articles.groupby("outlet").size().rename("outlet_articles")
    # Each keyphrase row's outlet by lookup, not a merge: at 100k articles the top keyphrases
    # are 1 M rows, and a categorical article_id maps its 100k categories only.
    outlet_of = articles.drop_duplicates("id").set_index("id")["outlet"]
    top = keywords[(keywords["rank"] <= top_k) & keywords["article_id"].isin(outlet_of.index)]
    top = top[["article_id", "keyphrase", "rank"]].assign(outlet=top["article_id"].map(outlet_of).astype(object))
    top = top[top["outlet"].notna()]
    if top.empty:
        return pd.DataFrame(columns=columns)
    out = (top.groupby(["outlet", "keyphrase"], observed=True)
           .agg(articles=("article_id", "nunique"), mean_rank=("rank", "mean")).reset_index()
           .join(sizes, on="outlet"))
    out["share"] = out["articles"] / out["outlet_articles"]
    return (out.sort_values(["outlet", "articles", "mean_rank", "keyphrase"], ascending=[True, False, True, True])
            [columns].reset_index(drop=True))


def overall(keywords: pd.DataFrame, *, top_k: int = 10) -> pd.DataFrame:
    """Keyphrases across the whole selection: keyphrase, articles (in the top k of), mean_rank."""
    top = keywords[keywords["rank"] <= top_k]
    return (top.groupby("keyphrase").agg(articles=("article_id", "nunique"), mean_rank=("rank", "mean"))
            .reset_index().sort_values(["articles", "mean_rank", "keyphrase"], ascending=[False, True, True],
                                       ignore_index=True))
