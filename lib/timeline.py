"""The time axis every timeline shares: the dates most articles fall in, the bin (day, week,
month), and breaks where no article was published (smoothing over bins: sentiment.over_time).

A corpus often has a few articles dated years away from the rest (an archive piece, a wrongly
parsed date); drawn to scale they squeeze everything else into a sliver. ``core_range`` finds the
shortest range that holds nearly every article, so a chart can show that range and name the
articles outside it (``outside`` and ``outside_note``) instead of dropping them silently.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

PERIODS = ("day", "week", "month")
AUTO = "auto"
CHOICES = (AUTO, *PERIODS)  # what a granularity control offers
FREQ = {"day": "D", "week": "W-SUN", "month": "M"}  # weeks run Monday to Sunday
PERIOD_DAYS = {"day": 1, "week": 7, "month": 30.4}
MAX_OUTSIDE = 0.05     # at most 5% of the dated articles are left off a chart's range
MIN_GAIN = 3.0         # and only when they would stretch it to three times its length or more
MIN_AWAY_DAYS = 31     # each more than a month beyond it: dates within a month are never left off
AUTO_BINS = 62         # "auto" picks the finest period with at most this many bins


def core_range(dates: pd.Series, *, max_outside: float = MAX_OUTSIDE, min_gain: float = MIN_GAIN,
               min_away_days: int = MIN_AWAY_DAYS) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day (inclusive, midnight) of the dates most articles fall in; None when
    no date is given. Missing dates are ignored.

    That is the shortest range holding all but at most ``max_outside`` of the dated articles
    (rounded down: a corpus of fewer than 20 dated articles is always shown whole), used only
    when the full span is at least ``min_gain`` times as long (a stray date must squeeze the rest
    for it to matter) and each article left off lies more than ``min_away_days`` beyond it. A day
    is never split (its articles are all shown or all left off), so a real part of the corpus
    dated far away, or two far-apart clusters, stay on the chart, with the gap between them.
    """
    days = pd.to_datetime(dates.dropna()).dt.normalize()
    if days.empty:
        return None
    values = np.sort(days.to_numpy(dtype="datetime64[D]").astype("int64"))  # days since 1970
    n, limit = len(values), math.floor(max_outside * len(values))
    first, last = _shortest(values, limit=min(limit, n - 1), away=min_away_days)
    if (values[-1] - values[0]) < min_gain * max(last - first, 1):
        first, last = values[0], values[-1]
    return pd.Timestamp(np.datetime64(int(first), "D")), pd.Timestamp(np.datetime64(int(last), "D"))


def _shortest(values: np.ndarray, *, limit: int, away: int) -> tuple[int, int]:
    # Leaving off the first p and the last q sorted dates (p + q <= limit) is allowed where the
    # cut falls in a gap of more than ``away`` days (so it never splits a day either). For each p,
    # the largest allowed q that fits gives the shortest range: O(limit), not O(limit²).
    n = len(values)
    low_ok = np.r_[True, np.diff(values[:limit + 1]) > away]             # cut after the first p
    high_ok = np.r_[True, np.diff(values[::-1][:limit + 1]) < -away]    # cut before the last q
    best_q = np.maximum.accumulate(np.where(high_ok, np.arange(limit + 1), 0))
    p = np.flatnonzero(low_ok)
    q = best_q[limit - p]
    pick = np.argmin(values[n - 1 - q] - values[p])
    return values[p[pick]], values[n - 1 - q[pick]]


def outside(articles: pd.DataFrame, shown: tuple[pd.Timestamp, pd.Timestamp] | None) -> pd.DataFrame:
    """The dated rows of ``articles`` (column date) outside ``shown`` (first, last day inclusive),
    earliest first. Undated rows are never outside: they are on no timeline."""
    if shown is None:
        return articles.iloc[:0]
    dates = articles["date"]
    out = dates.notna() & ((dates < shown[0]) | (dates >= shown[1] + pd.Timedelta(days=1)))
    return articles[out].sort_values("date", kind="stable")


def outside_note(away: pd.DataFrame, *, named: int = 5) -> str:
    """'2 articles outside the range shown: 2001-09-11 (old.txt), 2031-01-01 (a.csv, row 3).' for
    under a chart; '' when there are none. ``away`` is ``outside``'s frame (date, file, maybe
    row); the first ``named`` are named, the rest counted."""
    if away.empty:
        return ""
    rows = away.head(named)
    where = rows["file"].astype("str") if "file" in rows else pd.Series("", index=rows.index)
    if "row" in rows:
        where = [f"{f}, row {int(r)}" if pd.notna(r) else f for f, r in zip(where, rows["row"])]
    names = [f"{d:%Y-%m-%d} ({w})" if w else f"{d:%Y-%m-%d}" for d, w in zip(rows["date"], where)]
    more = f", and {len(away) - named} more" if len(away) > named else ""
    noun = "article" if len(away) == 1 else "articles"
    return f"{len(away)} {noun} outside the range shown: {', '.join(names)}{more}."


def bins(dates: pd.Series, period: str) -> pd.Series:
    """The first day of the ``period`` ('day', 'week' from Monday, 'month') each date falls in."""
    return dates.dt.to_period(FREQ[period]).dt.start_time


def bin_count(shown: tuple[pd.Timestamp, pd.Timestamp], period: str) -> int:
    """How many bins of ``period`` the range (first, last day) spans, both ends' bins included."""
    first, last = bins(pd.Series(list(shown)), period)
    return len(pd.period_range(first, last, freq=FREQ[period]))


def choose_period(dates: pd.Series, *, max_bins: int = AUTO_BINS, groups: pd.Series | None = None,
                  min_articles: float = 1) -> str:
    """The finest period ('day', 'week', 'month') with at most ``max_bins`` bins over the dates'
    ``core_range`` and, on median, at least ``min_articles`` articles in a bin that has any
    (per ``groups``, e.g. the outlet, when given: a tone line needs a few articles a point).
    'month' when none qualifies or there are no dates."""
    shown = core_range(dates)
    if shown is None:
        return "month"
    dated = dates.notna()
    for period in PERIODS[:-1]:
        if bin_count(shown, period) > max_bins:
            continue
        keys = [bins(dates[dated], period)] + ([groups[dated]] if groups is not None else [])
        if pd.Series(1, index=dates[dated].index).groupby(keys).size().median() >= min_articles:
            return period
    return "month"


def resolve(period: str, dates: pd.Series, **auto: object) -> str:
    """``period`` itself, or for 'auto' the one ``choose_period`` picks (``auto``: its options)."""
    if period == AUTO:
        return choose_period(dates, **auto)
    if period not in PERIODS:
        raise ValueError(f"period must be 'auto' or one of {', '.join(PERIODS)}, got {period!r}")
    return period


def with_gaps(series: pd.DataFrame, *, period: str, by: str = "outlet", at: str = "period") -> pd.DataFrame:
    """``series`` (one row per ``by`` and bin start ``at``) with a row of missing values in the
    first empty bin after each run of consecutive bins, so a line drawn through it breaks where
    nothing was published instead of running straight across the gap. Sorted by ``by``, ``at``."""
    if series.empty:
        return series
    data = series.sort_values([by, at], ignore_index=True)
    step = pd.tseries.frequencies.to_offset(_start_freq(period))
    following = data[at] + step
    last_of_run = following.ne(data.groupby(by)[at].shift(-1)) & data[by].eq(data[by].shift(-1))
    breaks = data.loc[last_of_run, [by]].assign(**{at: following[last_of_run]})
    return pd.concat([data, breaks], ignore_index=True).sort_values([by, at], ignore_index=True)


def complete(series: pd.DataFrame, *, period: str) -> pd.DataFrame:
    """``series`` indexed by bin start, reindexed to every bin from its first to its last (the
    missing ones as rows of NaN): consecutive rows are then consecutive bins of the calendar."""
    if series.empty:
        return series
    return series.reindex(pd.date_range(series.index.min(), series.index.max(), freq=_start_freq(period),
                                        name=series.index.name))


def _start_freq(period: str) -> str:
    # The step from one bin's first day to the next: a day, a week (from Monday), a month start.
    return {"day": "D", "week": "W-MON", "month": "MS"}[period]
