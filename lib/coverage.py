"""Who published how much, when, and what the corpus does not know: the Overview's numbers."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from lib import timeline
from lib.frames import OTHER as OTHER_OUTLETS
from lib.frames import UNKNOWN


@dataclass(frozen=True)
class Selection:
    """The shared sidebar filters. Empty ``outlets`` means every outlet; dates are inclusive."""

    outlets: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    include_undated: bool = True
    story: str | None = None  # a story id (lib.stories); None = every story


def outlet_names(articles: pd.DataFrame) -> pd.Series:
    """The outlet of each article, with missing outlets named ``(unknown outlet)``."""
    return articles["outlet"].fillna(UNKNOWN).replace("", UNKNOWN)


def select(articles: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """The articles matching the selection (outlet in the list, date within the range)."""
    keep = pd.Series(True, index=articles.index)
    if selection.outlets:
        keep &= outlet_names(articles).isin(selection.outlets)
    dates = articles["date"]
    in_range = pd.Series(True, index=articles.index)
    if selection.start:
        in_range &= dates >= pd.Timestamp(selection.start)
    if selection.end:
        in_range &= dates < pd.Timestamp(selection.end) + pd.Timedelta(days=1)
    keep &= (in_range & dates.notna()) | (dates.isna() & selection.include_undated)
    return articles[keep]


def by_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """Columns outlet, articles (count), words (total), dated (articles with a date), first, last."""
    frame = articles.assign(outlet=outlet_names(articles))
    grouped = frame.groupby("outlet", sort=True)
    out = pd.DataFrame({
        "articles": grouped.size(),
        "words": grouped["words"].sum().astype("int64"),
        "dated": grouped["date"].count(),
        "first": grouped["date"].min(),
        "last": grouped["date"].max(),
    }).reset_index()
    return out.sort_values(["articles", "outlet"], ascending=[False, True], ignore_index=True)


TIMELINE_OUTLETS = 8  # outlets stacked in a timeline; the rest as one grey band


def over_time(articles: pd.DataFrame, *, top: int | None = None, period: str = "auto") -> tuple[pd.DataFrame, str]:
    """Articles per period and outlet. ``period`` is 'day', 'week' (from Monday), 'month', or
    'auto': the finest with at most ``timeline.AUTO_BINS`` bins over the dates most articles
    fall in (``timeline.core_range``). Returns (frame with columns period (the bin's first day),
    outlet, articles; the period used). Only bins with articles have a row; every dated article
    is counted, also those outside the core range. Undated articles are left out. With ``top``,
    outlets beyond the ``top`` with most articles are counted together as ``OTHER_OUTLETS`` (a
    stack of 100 colours reads as noise)."""
    dated = articles[articles["date"].notna()]
    if dated.empty:
        return pd.DataFrame(columns=["period", "outlet", "articles"]), "day" if period == "auto" else period
    period = timeline.resolve(period, dated["date"])
    outlets = outlet_names(dated)
    if top is not None and outlets.nunique() > top:
        outlets = outlets.where(outlets.isin(top_outlets(dated, top)), OTHER_OUTLETS)
    counts = (dated.assign(period=timeline.bins(dated["date"], period), outlet=outlets)
              .groupby(["period", "outlet"]).size().rename("articles").reset_index())
    return counts, period


def unknown_fields(articles: pd.DataFrame) -> pd.DataFrame:
    """How many articles lack each field: columns field, missing, share (0..1)."""
    total = max(len(articles), 1)
    rows = [(name, int(articles[name].isna().sum() + (articles[name].astype("string") == "").sum()))
            for name in ("outlet", "date", "title", "url")]
    return pd.DataFrame([(f, m, m / total) for f, m in rows], columns=["field", "missing", "share"])


def top_outlets(articles: pd.DataFrame, n: int) -> list[str]:
    """The ``n`` outlets with the most articles (ties by name), for charts that cannot show all;
    most articles first, but ``(unknown outlet)`` last: shown, never the first panel or a default."""
    counts = outlet_names(articles).value_counts()
    ordered = [outlet for outlet, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:n]
    return [o for o in ordered if o != UNKNOWN] + [o for o in ordered if o == UNKNOWN]


def known_outlets(outlets: pd.Series) -> int:
    """How many outlets these names are, ``(unknown outlet)`` not counted: it is no outlet."""
    return int(outlets[outlets != UNKNOWN].nunique())
