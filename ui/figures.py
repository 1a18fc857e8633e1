"""Charts on a page, each with its filters and N, its method card, its downloads and "Add to briefing".

Downloads: PNG, SVG, PDF, interactive HTML, and the data as CSV and Excel; every file carries the
chart's subtitle (filters, N per outlet) and source line, and the Excel file the method card. Files
are made only when a button is clicked (Streamlit runs the callable then), so drawing a page costs
nothing extra; static images share one kaleido browser kept alive by ``ui.cache``.
"""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib.present import charts, export, methods
from lib.present.briefing import Item
from ui import briefing, cache, sidebar, widgets

_MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "html": "text/html",
         "csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "txt": "text/plain"}


def card(kind: str, current, articles: pd.DataFrame, **extra: object) -> methods.Card:
    """The method card of a chart of ``kind`` drawn from ``articles`` in the view ``current``."""
    story = None
    if current.selection.story and current.described is not None:
        names = current.described.set_index("story")["shown"]
        story = names.get(current.selection.story)
    return methods.card(kind, articles, corpus=current.corpus.root.name, selection=current.selection,
                        story=story, **extra)


def show(fig: go.Figure, *, key: str, card: methods.Card, data: pd.DataFrame | None = None, where=None,
         note: str = "") -> None:
    """Draw ``fig`` (in the container ``where``, default the page) with its filters and N under it,
    and a row of: Download menu, method card, Add to briefing. ``data``: the numbers behind it;
    ``note``: a line right under the chart (plain text, e.g. the articles outside its range)."""
    target = where or st
    if sidebar.by_group():  # the charts aggregate groups then: they say so
        fig = charts.relabel(fig, "group")
    target.plotly_chart(fig, key=key)
    if note:
        target.caption(widgets.plain(note))
    target.caption("  \n".join(widgets.plain(line) for line in card.subtitle().splitlines()))
    title = html.unescape(fig.layout.title.text or key)
    row = target.container(horizontal=True)
    with row.popover("Download", icon=":material/download:"):
        _downloads(fig, key=key, title=title, card=card, data=data)
    with row.popover("Method", icon=":material/info:"):
        st.markdown("  \n".join(widgets.plain(line) for line in card.lines()))
    row.button("Add to briefing", key=f"{key}_brief", icon=":material/playlist_add:", on_click=briefing.add,
               args=(Item(title=title, figure=fig, card=card, data=data),))


def _downloads(fig: go.Figure, *, key: str, title: str, card: methods.Card, data: pd.DataFrame | None) -> None:
    for fmt in ("png", "svg", "pdf", "html"):
        st.download_button(fmt.upper(), data=_maker(fig, fmt, card), mime=_MIME[fmt],
                           file_name=export.filename(title, fmt), key=f"{key}_{fmt}", on_click="ignore")
    if data is not None:
        st.download_button("CSV (the data)", data=lambda: export.frame_csv(data), mime=_MIME["csv"],
                           file_name=export.filename(title, "csv"), key=f"{key}_csv", on_click="ignore")
        st.download_button("Excel (data + method)", data=lambda: export.frame_xlsx(data, method=card.lines()),
                           mime=_MIME["xlsx"], file_name=export.filename(title, "xlsx"), key=f"{key}_xlsx",
                           on_click="ignore")
    st.download_button("Method card (TXT)", data=card.text(), mime=_MIME["txt"],
                       file_name=export.filename(f"{title} method", "txt"), key=f"{key}_txt", on_click="ignore")


def table_downloads(frame: pd.DataFrame, *, key: str, title: str, card: methods.Card | None = None) -> None:
    """CSV and Excel buttons for a table shown on a page."""
    row = st.container(horizontal=True)
    row.download_button("CSV", data=lambda: export.frame_csv(frame), mime=_MIME["csv"], icon=":material/download:",
                        file_name=export.filename(title, "csv"), key=f"{key}_csv", on_click="ignore")
    row.download_button("Excel", data=lambda: export.frame_xlsx(frame, method=card.lines() if card else None),
                        mime=_MIME["xlsx"], icon=":material/download:", file_name=export.filename(title, "xlsx"),
                        key=f"{key}_xlsx", on_click="ignore")


def _maker(fig: go.Figure, fmt: str, card: methods.Card):
    def make() -> bytes:
        if fmt in ("png", "svg", "pdf"):
            cache.image_server()
        body = export.figure_bytes(fig, fmt, source=card.source(), subtitle=card.subtitle())
        if fmt == "html":  # the interactive file carries the whole card under the chart
            body = body.replace(b"</body>", _card_html(card) + b"</body>", 1)
        return body
    return make


def _card_html(card: methods.Card) -> bytes:
    lines = "".join(f"<p style=\"margin:2px 0\">{html.escape(line)}</p>" for line in card.lines())
    return f'<div style="font:13px sans-serif;color:#333;margin:8px 16px">{lines}</div>'.encode("utf-8")
