"""Sentiment with VADER, scored per sentence and aggregated upwards.

VADER's compound is normalised from a sum, so it saturates on long inputs (vaderSentiment #151),
and its "but" rule and ``!``/``?`` amplifiers act across the whole input: it is only meaningful on
a sentence. An article's score is the mean of its sentence compounds; an outlet's is the mean over
its articles, each article weighted once.
"""
from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd

from lib import timeline

VADER_VERSION = "3.3.2"
SCORE_COLUMNS = ("neg", "neu", "pos", "compound")
# Voices of lib.text folded for tone: scare quotes are the outlet's own framing.
VOICE_GROUP = {"narrative": "narrative", "scare": "narrative", "quoted": "quoted", "mixed": "mixed"}
# Two-sided 95% Student t critical values for 1..30 degrees of freedom; 1.96 beyond.
_T95 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042)


@lru_cache(maxsize=1)
def analyzer():
    """One VADER analyzer per process: building it reads the lexicon (~30 ms)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def score(sentence: str) -> tuple[float, float, float, float]:
    """VADER (neg, neu, pos, compound) of one sentence; neg/neu/pos in 0..1, compound in -1..1.
    Empty or non-text input scores (0, 0, 0, 0) instead of raising (VADER raises on NaN)."""
    if not isinstance(sentence, str) or not sentence.strip():
        return 0.0, 0.0, 0.0, 0.0
    s = analyzer().polarity_scores(sentence)
    return s["neg"], s["neu"], s["pos"], s["compound"]


def score_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences frame with neg, neu, pos, compound added (one VADER call per sentence)."""
    scores = [score(t) for t in sentences["text"]]
    columns = pd.DataFrame(scores, columns=list(SCORE_COLUMNS), index=sentences.index, dtype="float64")
    return pd.concat([sentences, columns], axis=1)


def by_article(scored: pd.DataFrame) -> pd.DataFrame:
    """Per article: article_id, sentences (count), compound (mean sentence compound, -1..1),
    positive/negative (share of sentences above +0.05 / below -0.05)."""
    flagged = scored.assign(positive=scored["compound"] > 0.05, negative=scored["compound"] < -0.05)
    return (flagged.groupby("article_id", sort=False)
            .agg(sentences=("compound", "size"), compound=("compound", "mean"),
                 positive=("positive", "mean"), negative=("negative", "mean"))
            .reset_index())


def by_outlet(articles: pd.DataFrame, *, value: str = "compound") -> pd.DataFrame:
    """Mean of the articles' ``value`` per outlet, each article weighted once, with a 95% Student-t
    confidence interval. ``articles`` has columns outlet and ``value``.

    Returns outlet, articles (N), compound (mean, -1..1), sd, ci_low, ci_high; the interval is
    NaN for an outlet with a single article, and clipped to the measure's range -1..1 (a t
    interval on two articles can reach ±5, which says nothing a reader can use but "few
    articles"). Sorted by compound, most negative first.
    """
    columns = ["outlet", "articles", "compound", "sd", "ci_low", "ci_high"]
    data = articles.dropna(subset=[value])
    if data.empty:
        return pd.DataFrame(columns=columns)
    grouped = data.groupby("outlet", sort=True)[value]
    out = pd.DataFrame({"articles": grouped.size(), "compound": grouped.mean(),
                        "sd": grouped.std(ddof=1)}).reset_index()
    half = [_t95(n - 1) * sd / math.sqrt(n) if n > 1 else math.nan
            for n, sd in zip(out["articles"], out["sd"])]
    out["ci_low"] = (out["compound"] - half).clip(-1.0, 1.0)
    out["ci_high"] = (out["compound"] + half).clip(-1.0, 1.0)
    return out[columns].sort_values("compound", ignore_index=True)


def by_voice(scored: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Outlet tone split by voice: the outlet's own narrative (incl. scare quotes) vs quoted
    speech. Per article, the mean compound of its sentences in that voice; then by_outlet.

    ``scored`` has article_id, voice, compound; ``articles`` has id, outlet. Returns by_outlet's
    columns plus voice ('narrative' | 'quoted'); mixed sentences are left out of both.
    """
    return by_voice_means(voice_means(scored), articles)


def voice_means(scored: pd.DataFrame) -> pd.DataFrame:
    """Per article and voice ('narrative' | 'quoted'), the mean compound of its sentences in that
    voice: article_id, voice, compound. Mixed sentences are left out. Small (two rows an article
    at most), so it can be computed once for the whole corpus and filtered."""
    if scored.empty:  # an empty store's frame may lack the columns
        return pd.DataFrame({"article_id": pd.Series(dtype="str"), "voice": pd.Series(dtype="str"),
                             "compound": pd.Series(dtype="float64")})
    grouped = scored[["article_id", "voice", "compound"]].assign(voice=scored["voice"].map(VOICE_GROUP))
    grouped = grouped[grouped["voice"].isin(["narrative", "quoted"])]
    return grouped.groupby(["article_id", "voice"], sort=False)["compound"].mean().reset_index()


def by_voice_means(means: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``by_voice`` from ``voice_means`` (any superset of the articles' rows)."""
    per_article = means.merge(articles[["id", "outlet"]], left_on="article_id", right_on="id")
    parts = [by_outlet(part).assign(voice=voice) for voice, part in per_article.groupby("voice")]
    if not parts:
        return pd.DataFrame(columns=["outlet", "articles", "compound", "sd", "ci_low", "ci_high", "voice"])
    return pd.concat(parts, ignore_index=True)


OVER_TIME_COLUMNS = ["outlet", "period", "articles", "bin_compound", "window_articles", "compound",
                     "ci_low", "ci_high"]


def over_time(articles: pd.DataFrame, *, period: str = "month", smooth: int = 1,
              value: str = "compound") -> pd.DataFrame:
    """Mean article tone per outlet and bin, each article weighted once.

    ``articles`` has outlet, date and ``value``; ``period`` is 'day', 'week' (from Monday) or
    'month'. Returns one row per outlet and bin that has articles: outlet, period (the bin's
    first day), articles (N in the bin), bin_compound (their mean, -1..1), and compound, ci_low,
    ci_high: the mean with its 95% Student-t interval (clipped to -1..1, NaN on one article) over
    the ``smooth`` bins centred on this one (1: the bin alone; an odd number), counting
    window_articles articles. The window runs over calendar bins, so it never reaches across an
    empty stretch longer than itself; empty bins get no row (a line breaks there, see
    lib.timeline.with_gaps). Undated articles are left out.
    """
    if smooth < 1 or smooth % 2 == 0:
        raise ValueError(f"smooth must be an odd number of bins (1, 3, 5, ...), got {smooth}")
    dated = articles.dropna(subset=["date", value])
    if dated.empty:
        return pd.DataFrame(columns=OVER_TIME_COLUMNS)
    frame = dated.assign(period=timeline.bins(dated["date"], period), _square=dated[value] ** 2)
    grouped = frame.groupby(["outlet", "period"])
    sums = pd.DataFrame({"articles": grouped.size(), "total": grouped[value].sum(),
                         "squares": grouped["_square"].sum()}).reset_index()
    sums["bin_compound"] = sums["total"] / sums["articles"]
    if smooth > 1:
        sums = _rolling_sums(sums, period=period, smooth=smooth)
    else:
        sums["window_articles"] = sums["articles"]
    n = sums["window_articles"]
    mean = sums["total"] / n
    # the sample variance from the sums: (Σx² − n·mean²) / (n − 1); rounding can make it −0.0
    sd = ((sums["squares"] - n * mean ** 2) / (n - 1)).clip(lower=0) ** 0.5
    half = pd.Series([_t95(int(k) - 1) if k > 1 else math.nan for k in n], index=sums.index) * sd / n ** 0.5
    out = sums.assign(compound=mean, ci_low=(mean - half).clip(-1.0, 1.0), ci_high=(mean + half).clip(-1.0, 1.0))
    return out[OVER_TIME_COLUMNS].sort_values(["outlet", "period"], ignore_index=True)


def _rolling_sums(sums: pd.DataFrame, *, period: str, smooth: int) -> pd.DataFrame:
    # Each outlet's bins made consecutive (empty ones as zeros), so a window of k rows is k bins of
    # the calendar; then the sums over the window, kept only where the bin itself has articles.
    parts = []
    for outlet, part in sums.groupby("outlet", sort=True):
        full = timeline.complete(part.set_index("period"), period=period)
        window = full[["articles", "total", "squares"]].fillna(0).rolling(smooth, center=True, min_periods=1).sum()
        kept = full["articles"].notna()
        parts.append(pd.DataFrame({
            "outlet": outlet, "period": full.index[kept], "articles": full.loc[kept, "articles"].astype("int64"),
            "bin_compound": full.loc[kept, "bin_compound"], "window_articles": window.loc[kept, "articles"].astype("int64"),
            "total": window.loc[kept, "total"], "squares": window.loc[kept, "squares"]}))
    return pd.concat(parts, ignore_index=True)


def _t95(df: int) -> float:
    return _T95[df - 1] if 1 <= df <= len(_T95) else 1.96
