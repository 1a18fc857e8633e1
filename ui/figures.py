"""Charts on a page, each with its downloads: PNG, SVG, PDF, interactive HTML and the data as CSV.

Files are made only when a button is clicked (Streamlit runs the callable then), so drawing a page
costs nothing extra; static images share one kaleido browser kept alive by ``ui.cache``.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib import export
from ui import cache

_MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "html": "text/html",
         "csv": "text/csv"}


def source_line(current) -> str:
    """Corpus folder, date range of the selection and the day the file was made, for exports."""
    dates = current.articles["date"].dropna()
    span = f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "undated"
    return f"Framescope · corpus {current.corpus.root.name} · {span} · generated {dt.date.today():%Y-%m-%d}"


def show(fig: go.Figure, *, key: str, data: pd.DataFrame | None = None, source: str = "",
         subtitle: str = "", where=None) -> None:
    """Draw ``fig`` (in the container ``where``, default the page) and a Download menu for it and
    for ``data``, the numbers behind it."""
    target = where or st
    target.plotly_chart(fig, key=key)
    title = fig.layout.title.text or key
    with target.popover("Download", icon=":material/download:"):
        for fmt in ("png", "svg", "pdf", "html"):
            st.download_button(fmt.upper(), data=_maker(fig, fmt, source, subtitle), mime=_MIME[fmt],
                               file_name=export.filename(title, fmt), key=f"{key}_{fmt}", on_click="ignore")
        if data is not None:
            st.download_button("CSV (the data)", data=lambda: export.frame_csv(data), mime=_MIME["csv"],
                               file_name=export.filename(title, "csv"), key=f"{key}_csv", on_click="ignore")


def _maker(fig: go.Figure, fmt: str, source: str, subtitle: str):
    def make() -> bytes:
        if fmt in ("png", "svg", "pdf"):
            cache.image_server()
        return export.figure_bytes(fig, fmt, source=source, subtitle=subtitle)
    return make
