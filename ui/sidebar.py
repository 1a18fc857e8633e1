"""The shared sidebar filters: outlet and date range, kept across pages and in the URL.

The widgets are drawn by ``dashboard.py`` on every run, whatever the page, so their state survives
page switches. ``bind="query-params"`` keeps each in the URL (``?outlet=UPI&dates=...``), so a
copied link reproduces the view; the widget key is the parameter name. The story picker writes
the story's id there itself (its shown name changes as files are added).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from lib.coverage import Selection, outlet_names


def filters(articles: pd.DataFrame, *, stories: pd.DataFrame | None = None) -> Selection:
    """Draw the filters for these articles (and their stories) and return the current selection."""
    outlets = sorted(outlet_names(articles).unique())
    dates = articles["date"].dropna()
    low = dates.min().date() if len(dates) else None
    high = dates.max().date() if len(dates) else None
    with st.sidebar:
        st.markdown("**Filters** (shared by every page)")
        _drop_vanished(outlets)
        chosen = st.multiselect("Outlets", outlets, key="outlet", placeholder="All outlets",
                                bind="query-params")
        start, end = None, None
        if low and high:
            _follow_full_range(low, high)
            _clamp_dates(low, high)
            picked = st.date_input("Dates", value=(low, high), min_value=low, max_value=high,
                                   key="dates", format="YYYY-MM-DD", bind="query-params")
            start, end = _range(picked, low, high)
        undated = st.checkbox("Include undated articles", value=True, key="undated", bind="query-params")
        story = _story_filter(stories)
        compare_by(articles)
    return Selection(outlets=tuple(chosen), start=start if start != low else None,
                     end=end if end != high else None, include_undated=undated, story=story)


NO_GROUP = "(no group)"
_GROUP_HELP = ("Group outlets (left vs right, state media vs independent, countries): add a `group` column "
               "to outlets.csv in the corpus folder (columns alias, outlet, group), or a group, bias, leaning, "
               "side or country field in the export.")


def compare_by(articles: pd.DataFrame) -> str:
    """The "Compare by: outlet | group" switch, kept in the URL (``?compare_by=group``); disabled,
    and "outlet", when no article has a group."""
    has_groups = "group" in articles and bool(articles["group"].notna().any())
    if not has_groups and st.session_state.get("compare_by") == "group":
        st.session_state["compare_by"] = "outlet"
    picked = st.radio("Compare by", ["outlet", "group"], key="compare_by", horizontal=True,
                      disabled=not has_groups, bind="query-params",
                      help="Every chart that compares outlets compares their groups instead." if has_groups
                      else "No article has a group. " + _GROUP_HELP)
    return picked if has_groups else "outlet"


def by_group() -> bool:
    """Whether the switch says "group" (set by ``compare_by`` earlier in this run)."""
    return st.session_state.get("compare_by") == "group"


def unit() -> str:
    """What the pages compare: "group" when the switch says so, else "outlet" (for their words)."""
    return "group" if by_group() else "outlet"


def _story_filter(stories: pd.DataFrame | None) -> str | None:
    """The story picker: type to search, each story as 'date · keyphrases (articles)' (the
    pipeline's ``short`` name, short enough for the sidebar), oldest first, undated last.

    The URL holds the story's id (``?story=s-1a2b3c4d``), not its name: the name carries the
    article count and dates, which change when files are added, and a shared link must still
    open the same story. A link holding a story's shown label (older links) is understood too.
    """
    if stories is None or stories.empty:
        return None
    names = dict(zip(stories["story"], stories["short"]))
    # pandas 3 turns NaT into NaN under astype(str): format explicitly, undated stories last.
    first = dict(zip(stories["story"], stories["first"].dt.strftime("%Y-%m-%d").fillna("9999")))
    size = dict(zip(stories["story"], stories["articles"]))
    options = ["", *sorted(names, key=lambda s: (first[s], -size[s], s))]
    if "story" not in st.session_state:   # a new session: seed the picker from the link
        wanted = st.query_params.get("story", "")
        by_label = dict(zip(stories["shown"], stories["story"]))
        st.session_state["story"] = wanted if wanted in names else by_label.get(wanted, "")
    # Set, not only kept: a page drawn without the router makes the picker a new widget, which takes
    # a value set in session state but not the value the previous page's picker held.
    st.session_state["story"] = st.session_state["story"] if st.session_state["story"] in options else ""
    picked = st.selectbox("Story", options, key="story", filter_mode="contains",
                          format_func=lambda s: "All stories" if not s else names[s],
                          help="Narrow every page to one story (see the Stories page). Each story: the date of "
                               "its first article · its keyphrases (articles). Type a word or a date to search.")
    if picked:
        st.query_params["story"] = picked
    elif "story" in st.query_params:
        del st.query_params["story"]
    return picked or None


def _drop_vanished(outlets: list[str]) -> None:
    # An outlet whose files were removed since it was chosen: drop it instead of failing.
    chosen = st.session_state.get("outlet")
    if chosen and any(o not in outlets for o in chosen):
        st.session_state["outlet"] = [o for o in chosen if o in outlets]


def _follow_full_range(low: dt.date, high: dt.date) -> None:
    # A session that shows every date keeps showing every date when files with earlier or later
    # dates arrive; a range the analyst narrowed is kept as it is.
    previous = st.session_state.get("_dates_full")
    kept = st.session_state.get("dates")
    if previous and isinstance(kept, (tuple, list)) and tuple(kept) == previous and previous != (low, high):
        st.session_state["dates"] = (low, high)
    st.session_state["_dates_full"] = (low, high)


def _clamp_dates(low: dt.date, high: dt.date) -> None:
    kept = st.session_state.get("dates")
    if isinstance(kept, (tuple, list)) and kept and any(d < low or d > high for d in kept if d):
        st.session_state["dates"] = tuple(min(max(d, low), high) for d in kept if d)


def _range(picked: object, low: dt.date, high: dt.date) -> tuple[dt.date, dt.date]:
    # While the analyst is picking, the widget holds a 1-tuple: treat it as an open end.
    if isinstance(picked, (tuple, list)):
        if len(picked) == 2:
            return picked[0], picked[1]
        if len(picked) == 1:
            return picked[0], high
        return low, high
    return (picked, picked) if isinstance(picked, dt.date) else (low, high)
