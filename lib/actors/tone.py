"""Tone about an actor: the VADER compound of the sentences that mention it, per article, then per
outlet (each article once).

    per_article = tone.by_article(mentions, results.compound_of(mentions["article_id"],
                                                                mentions["sentence"]), articles)
    tone.by_outlet(per_article)   # actor, outlet, articles, compound, sd, ci_low, ci_high

``mentions`` is ``lib.actors.mention_sentences`` (or part of it); the compounds are the stored
sentence scores of lib.analyse. Not imported by ``lib.actors`` itself: lib.analyse is more to
load than the actor heuristics need.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from lib.analyse import sentiment
from lib.frames import empty as _empty
from lib.frames import require as _require

_OUTLET_COLUMNS = {"actor": "str", "outlet": "str", "articles": "int64", "compound": "float64", "sd": "float64",
                   "ci_low": "float64", "ci_high": "float64"}


def by_article(mentions: pd.DataFrame, compound: np.ndarray | pd.Series | list[float],
               articles: pd.DataFrame) -> pd.DataFrame:
    """Tone of each article about each actor it mentions.

    ``mentions`` has article_id, actor (one row per sentence mentioning the actor, as
    ``mention_sentences`` returns); ``compound`` is the VADER compound (−1 … +1) of each of its
    rows' sentence, in row order, NaN where the sentence is not analysed (as
    ``lib.analyse.Results.compound_of(mentions["article_id"], mentions["sentence"])`` gives);
    ``articles`` has id, outlet.

    Returns actor, article_id, outlet and compound: the mean compound (−1 … +1) of the article's
    analysed sentences that mention the actor. One row per actor and article with at least one
    analysed sentence and a row in ``articles`` (one per row there), sorted by actor, then
    article_id.
    """
    _require(mentions, {"article_id", "actor"}, "mentions")
    _require(articles, {"id", "outlet"}, "articles")
    if len(compound) != len(mentions):
        raise ValueError(f"compound has {len(compound)} values for {len(mentions)} mention rows")
    scored = mentions.assign(compound=compound).dropna(subset=["compound"])
    means = scored.groupby(["actor", "article_id"], as_index=False)["compound"].mean()
    merged = means.merge(articles[["id", "outlet"]], left_on="article_id", right_on="id")
    return merged[["actor", "article_id", "outlet", "compound"]]


def by_outlet(per_article: pd.DataFrame) -> pd.DataFrame:
    """Tone per actor and outlet: ``lib.analyse.sentiment.by_outlet`` of each actor's articles.

    ``per_article`` has actor, outlet, compound (as ``by_article`` returns). Returns actor, outlet,
    articles (N), compound (mean, −1 … +1), sd, ci_low, ci_high (95% Student-t interval, NaN for
    an outlet with a single article); sorted by actor, then compound (most negative first). No
    rows when ``per_article`` has none.
    """
    _require(per_article, {"actor", "outlet", "compound"}, "per_article")
    parts = [sentiment.by_outlet(part).assign(actor=actor) for actor, part in per_article.groupby("actor")]
    if not parts:
        return _empty(_OUTLET_COLUMNS)
    return pd.concat(parts, ignore_index=True)[list(_OUTLET_COLUMNS)]
