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
    n = st.slider("Outlets to chart (most articles first)", 2, min(total, 60), default, key=key,
                  help="Or choose outlets in the sidebar filter.")
    return coverage.top_outlets(articles, n)


def pending_note(pending: int) -> None:
    if pending:
        st.caption(f"{pending:,} article(s) are still being analysed and are not in these numbers yet.")
