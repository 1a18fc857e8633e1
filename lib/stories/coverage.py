"""Coverage of stories by outlet: articles per story and outlet, and the blindspots.

A zero is a blindspot only when the outlet was publishing at the time: a corpus often holds
outlets from different periods (one outlet's 2013 articles, another's from 2018), and an outlet
with no article at all in a story's weeks says nothing about that story.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from lib.coverage import outlet_names
from lib.frames import UNKNOWN
from lib.frames import empty as _empty
from lib.frames import require as _require
from lib.stories.grouping import MAX_DAYS

# Days either side of a story's first and last article in which an outlet's other articles show it
# was publishing: the grouping's own window (articles up to MAX_DAYS apart can join one story).
WINDOW_DAYS = MAX_DAYS
COVERED, BLINDSPOT, QUIET, UNATTRIBUTED = "covered", "blindspot", "no articles then", "unknown outlet"
_COLUMNS = {"story": "str", "outlet": "str", "articles": "int64", "in_window": "int64", "status": "str",
            "blindspot": "bool"}


def coverage(assignments: pd.DataFrame, articles: pd.DataFrame, *, published: pd.DataFrame | None = None,
             window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    """Articles per story and outlet, zeros included, each zero told apart: a blindspot or not.

    ``assignments``: article_id, story; ``articles``: id, outlet, date (the stories' articles);
    ``published``: id, outlet, date, the articles that show when each outlet was publishing
    (default ``articles``; pass the whole selection when ``articles`` holds one story only).
    A story's window is its first to last dated article ± ``window_days``; a story with no
    dated article is compared with the outlets' undated articles.

    Returns story, outlet, articles (the outlet's articles on the story, ≥ 0), in_window (the
    outlet's articles in ``published`` within the story's window, any story, ≥ 0), status
    ('covered'; 'blindspot': none on the story although it published in the window; 'no
    articles then': nothing in the window, so no claim; 'unknown outlet': '(unknown outlet)'
    with none on it, never a blindspot) and blindspot (status == 'blindspot'). Every story ×
    every outlet of both frames; sorted by story, outlet.
    """
    _require(assignments, {"article_id", "story"}, "assignments")
    _require(articles, {"id", "outlet", "date"}, "articles")
    if window_days < 0:
        raise ValueError("window_days must be ≥ 0")
    reference = articles if published is None else published
    _require(reference, {"id", "outlet", "date"}, "published")
    members = assignments[["article_id", "story"]].astype("str").merge(_info(articles), on="article_id", how="inner")
    if members.empty:
        return _empty(_COLUMNS)
    known = _info(reference)
    stories = sorted(members["story"].unique())
    outlets = sorted(set(members["outlet"]) | set(known["outlet"]))
    counts = members.groupby(["story", "outlet"]).size()
    full = pd.MultiIndex.from_product([stories, outlets], names=["story", "outlet"])
    out = counts.reindex(full, fill_value=0).rename("articles").reset_index()
    out["in_window"] = _in_window(members, known, stories, outlets, window_days).ravel()
    out["status"] = np.select(
        [out["articles"] > 0, out["outlet"] == UNKNOWN, out["in_window"] > 0],
        [COVERED, UNATTRIBUTED, BLINDSPOT], default=QUIET)
    out["blindspot"] = out["status"] == BLINDSPOT
    return out.astype(_COLUMNS)


def _info(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"article_id": frame["id"].astype("str").to_numpy(),
                         "outlet": outlet_names(frame).astype("str").to_numpy(),
                         "date": pd.to_datetime(frame["date"], errors="coerce").dt.normalize().to_numpy()})


def _in_window(members: pd.DataFrame, known: pd.DataFrame, stories: list[str], outlets: list[str],
               window_days: int) -> np.ndarray:
    """stories × outlets: each outlet's articles within each story's window (undated stories:
    its undated articles)."""
    spans = members.groupby("story")["date"].agg(["min", "max"]).reindex(stories)
    margin = np.timedelta64(window_days, "D")
    low = (spans["min"] - margin).to_numpy(dtype="datetime64[us]")
    high = (spans["max"] + margin).to_numpy(dtype="datetime64[us]")
    undated_story = spans["min"].isna().to_numpy()
    grid = np.zeros((len(stories), len(outlets)), dtype="int64")
    column = {outlet: j for j, outlet in enumerate(outlets)}
    for outlet, part in known.groupby("outlet", sort=True):
        dates = np.sort(part["date"].dropna().to_numpy(dtype="datetime64[us]"))
        within = np.searchsorted(dates, high, side="right") - np.searchsorted(dates, low, side="left")
        grid[:, column[outlet]] = np.where(undated_story, int(part["date"].isna().sum()), within)
    return grid
