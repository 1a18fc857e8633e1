"""Small widgets several pages share."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import coverage


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
        st.caption(f"{pending:,} article(s) are still being analysed and are not in these numbers yet.")


def metadata_table(article: pd.Series, *, key: str) -> None:
    """An article's outlet, date, title and url with where each came from."""
    rows = []
    for field in ("outlet", "date", "title", "url"):
        value = article.get(field)
        if field == "date" and pd.notna(value):
            value = pd.Timestamp(value).date().isoformat()
        rows.append((field, "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value),
                     article.get(f"{field}_source") or "unknown"))
    st.dataframe(pd.DataFrame(rows, columns=["field", "value", "from"]), hide_index=True, key=key)


_MARKDOWN_SPECIAL = "\\`*_{}[]()<>#+-.!|~:$"


def plain(value: object) -> str:
    """Text from a file (a name, a query, an outlet) made inert inside Streamlit markdown: every
    markdown character is backslash-escaped, so it cannot become a link, an image or emphasis."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(value))
