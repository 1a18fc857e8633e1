"""Small widgets several pages share."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import coverage
from lib.frames import plural


def outlet_limit(articles: pd.DataFrame, *, key: str, default: int = 12) -> list[str]:
    """When there are many outlets, a slider for how many to chart (the biggest first).
    Returns the outlets to show. Pick specific outlets with the sidebar filter instead."""
    total = articles["outlet"].nunique()
    if total <= default:
        return coverage.top_outlets(articles, total)
    n = st.slider("Outlets to chart (most articles first)", 2, min(total, 60), default, key=key, bind="query-params",
                  help="Or choose outlets in the sidebar filter.")
    return coverage.top_outlets(articles, n)


def pending_note(pending: int) -> None:
    if pending:
        st.caption(f"{plural(pending, 'article is', 'articles are')} still being analysed and "
                   "not in these numbers yet.")


MISSING = "—"  # how a table shows a missing value (Streamlit's default is "None")


def table(frame: pd.DataFrame, *, key: str | None = None, where=None, labels: dict[str, str] | None = None,
          config: dict | None = None, headers: bool = True, hide_index: bool = True, **options):
    """``st.dataframe`` as every page shows a table: column names in words (``outlets_with`` is
    headed "outlets with"; ``labels`` for better ones; ``headers=False`` when the columns are data,
    such as outlet names), a missing value as "—" rather than "None". ``config`` is
    ``column_config`` for some columns, ``where`` a container (default: the page)."""
    column_config = {str(c): (labels or {}).get(str(c), str(c).replace("_", " ")) for c in frame.columns} if headers else {}
    column_config |= config or {}
    return (where or st).dataframe(frame, hide_index=hide_index, key=key, column_config=column_config or None,
                                   placeholder=MISSING, **options)


def metadata_table(article: pd.Series, *, key: str) -> None:
    """An article's outlet, date, title and url with where each came from."""
    rows = []
    for field in ("outlet", "date", "title", "url"):
        value = article.get(field)
        if field == "date" and pd.notna(value):
            value = pd.Timestamp(value).date().isoformat()
        rows.append((field, "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value),
                     article.get(f"{field}_source") or "unknown"))
    table(pd.DataFrame(rows, columns=["field", "value", "from"]), key=key)


_MARKDOWN_SPECIAL = "\\`*_{}[]()<>#+-.!|~:$"


def plain(value: object) -> str:
    """Text from a file (a name, a query, an outlet) made inert inside Streamlit markdown: every
    markdown character is backslash-escaped, so it cannot become a link, an image or emphasis."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(value))


LISTED = 1000  # articles a pick-list shows at once: more would reach the browser on every click


def pick_article(labels: pd.Series, *, key: str, search_label: str, searched: pd.Series | None = None,
                 wanted: object = None) -> object | None:
    """A select box over ``labels`` (index: the values picked, values: what is shown), with a
    search box first when there are more than ``LISTED``: 100,000 options would be sent to the
    browser on every click. ``searched`` (same index) is the text the search looks in (default:
    the labels); ``wanted`` is preselected and listed even beyond the first ``LISTED``. Returns
    the picked value, or None (with a note) when nothing matches."""
    find = st.text_input(search_label, key=f"{key}_find") if len(labels) > LISTED else ""
    text = labels if searched is None else searched
    values = labels.index[text.str.contains(find, case=False, regex=False).to_numpy()] if find else labels.index
    if len(values) > LISTED:
        st.caption(f"{len(values):,} articles match: the first {LISTED:,} are listed; narrow the search.")
    options = list(values[:LISTED])
    if wanted is not None and wanted in labels.index and wanted not in options:
        options.append(wanted)
    if not options:
        st.info("No article matches.")
        return None
    return st.selectbox("Article", options, index=options.index(wanted) if wanted in options else 0,
                        format_func=lambda value: labels[value], key=key)
