"""Per outlet: how often each alternative is used, and its share of its group with a 95% Wilson interval."""
from __future__ import annotations

import math

import pandas as pd

from lib.coverage import outlet_names
from lib.frames import require as _require

VOICES = ("narrative", "quoted", "scare")
_Z95 = 1.959963984540054
_USAGE_COLUMNS = ["outlet", "group", "term", "matches", "articles_using", "per_1000_words", "outlet_articles"]
_SHARE_COLUMNS = ["outlet", "group", "term", "matches", "group_matches", "share", "ci_low", "ci_high",
                  "articles_using"]

# ---------------------------------------------------------------------------------------------
# Aggregates
# ---------------------------------------------------------------------------------------------

def usage(found: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """How often each outlet uses each alternative, in any voice.

    ``found`` is matches()'s frame; ``articles`` has id, outlet, words (the article's word count).
    Returns one row per outlet × (group, term) for every outlet in ``articles`` and every
    (group, term) in ``found`` (zero when the outlet never uses it): outlet, group, term, matches,
    articles_using (articles with at least one match), per_1000_words (matches per 1,000 words of
    all the outlet's articles; NaN when they have no words), outlet_articles. Sorted by outlet,
    group, term.
    """
    _require(articles, {"id", "outlet", "words"}, "articles")
    _require(found, {"article_id", "group", "term", "voice"}, "found")
    outlets = _outlets(articles)
    if found.empty or outlets.empty:
        return _empty(_USAGE_COLUMNS)
    joined = _with_outlet(found, articles)
    counts = (joined.groupby(["outlet", "group", "term"])
              .agg(matches=("article_id", "size"), articles_using=("article_id", "nunique")))
    grid = _grid(outlets.index, found)
    out = grid.join(counts).fillna({"matches": 0, "articles_using": 0}).reset_index()
    out = out.merge(outlets, left_on="outlet", right_index=True)
    words = out["outlet_words"].where(out["outlet_words"] > 0)
    out["per_1000_words"] = out["matches"] * 1000 / words
    out = out.astype({"matches": "int64", "articles_using": "int64", "outlet_articles": "int64",
                      "per_1000_words": "float64"})
    return out[_USAGE_COLUMNS].sort_values(["outlet", "group", "term"], ignore_index=True)


def shares(found: pd.DataFrame, articles: pd.DataFrame, *, voices=("narrative", "scare")) -> pd.DataFrame:
    """Each alternative's share of its group's matches, per outlet, counting only ``voices``.

    The default voices are the outlet's own (narrative text and its scare quotes); pass
    ``("quoted",)`` for the words of the people it quotes. ``found`` is matches()'s frame;
    ``articles`` has id, outlet. Returns outlet, group, term, matches, group_matches (the outlet's
    matches of any term of the group), share (matches / group_matches, 0..1; the shares of an
    outlet × group sum to 1), ci_low, ci_high (95% Wilson score interval for the share, 0..1) and
    articles_using. Every (group, term) found for any outlet is listed with zero for the outlets
    that use another term of the group; an outlet × group without matches is left out (no share).
    Sorted by outlet, group, term.
    """
    if isinstance(voices, str):
        voices = (voices,)
    voices = tuple(voices)
    unknown = sorted(set(voices) - set(VOICES))
    if unknown or not voices:
        raise ValueError(f"voices must be some of {', '.join(VOICES)}; got {', '.join(unknown) or 'none'}")
    _require(articles, {"id", "outlet"}, "articles")
    _require(found, {"article_id", "group", "term", "voice"}, "found")
    joined = _with_outlet(found[found["voice"].isin(voices)], articles)
    if joined.empty:
        return _empty(_SHARE_COLUMNS)
    counts = (joined.groupby(["outlet", "group", "term"])
              .agg(matches=("article_id", "size"), articles_using=("article_id", "nunique")))
    grid = _grid(sorted(joined["outlet"].unique()), found)
    out = grid.join(counts).fillna({"matches": 0, "articles_using": 0}).reset_index()
    out["group_matches"] = out.groupby(["outlet", "group"])["matches"].transform("sum")
    out = out[out["group_matches"] > 0].astype({"matches": "int64", "articles_using": "int64",
                                                "group_matches": "int64"})
    out["share"] = out["matches"] / out["group_matches"]
    bounds = [wilson(k, n) for k, n in zip(out["matches"], out["group_matches"])]
    out["ci_low"] = [low for low, _ in bounds]
    out["ci_high"] = [high for _, high in bounds]
    return out[_SHARE_COLUMNS].sort_values(["outlet", "group", "term"], ignore_index=True)


def wilson(successes: int, n: int, *, z: float = _Z95) -> tuple[float, float]:
    """Wilson score interval (low, high) for a proportion successes/n, within 0..1; (NaN, NaN)
    for n = 0. Unlike the normal approximation it stays inside 0..1 and is not zero-width at 0 or n."""
    if n <= 0:
        return math.nan, math.nan
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # At 0 and n the bounds are exactly 0 and 1; the formula gives them with rounding noise (5e-17).
    low = 0.0 if successes <= 0 else max(0.0, centre - half)
    high = 1.0 if successes >= n else min(1.0, centre + half)
    return low, high




def _outlets(articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: outlet_articles, outlet_words (missing word counts count as 0)."""
    known = articles.assign(outlet=outlet_names(articles))  # no outlet: "(unknown outlet)", as on every page
    return (known.assign(words=pd.to_numeric(known["words"], errors="coerce").fillna(0))
            .groupby("outlet").agg(outlet_articles=("id", "size"), outlet_words=("words", "sum")))


def _with_outlet(found: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    # Ids are compared as text: matches() writes article_id as str whatever the id's dtype was.
    ids = articles[["id"]].assign(id=articles["id"].astype("str"), outlet=outlet_names(articles))
    ids = ids.dropna(subset=["id"]).drop_duplicates("id")
    return found.assign(article_id=found["article_id"].astype("str")).merge(
        ids, left_on="article_id", right_on="id", how="inner")


def _grid(outlets, found: pd.DataFrame) -> pd.DataFrame:
    """An empty frame indexed by every outlet × (group, term) pair seen in ``found``."""
    pairs = found[["group", "term"]].drop_duplicates().sort_values(["group", "term"])
    index = pd.MultiIndex.from_tuples(
        [(outlet, group, term) for outlet in outlets for group, term in pairs.itertuples(index=False)],
        names=["outlet", "group", "term"])
    return pd.DataFrame(index=index)


def _empty(columns: list[str]) -> pd.DataFrame:
    dtypes = {"outlet": "str", "group": "str", "term": "str", "per_1000_words": "float64", "share": "float64",
              "ci_low": "float64", "ci_high": "float64"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "int64")) for c in columns})
