"""Frames in, plotly figures out: one function per chart, no Streamlit.

Every chart gets the same look: a title that names the subject, outlet colours that stay the same
on every page, hover text that plotly escapes (never ``<`` markup from article text).
"""
from __future__ import annotations

import html
import zlib

import pandas as pd
import plotly.graph_objects as go

UNKNOWN = "(unknown outlet)"
# Colour-blind-safe: Okabe-Ito followed by Paul Tol's muted scheme; grey is kept for "unknown".
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
UNKNOWN_COLOUR = "#9E9E9E"


def outlet_colours(outlets: list[str]) -> dict[str, str]:
    """A colour per outlet, stable for a given outlet name across pages, sessions and corpora.

    Colours come from the outlet name's hash; when two outlets of the list land on the same colour
    the later one (in sorted order) moves to the next free colour.
    """
    colours: dict[str, str] = {}
    used: set[str] = set()
    for outlet in sorted(set(outlets)):
        if outlet == UNKNOWN:
            colours[outlet] = UNKNOWN_COLOUR
            continue
        start = zlib.crc32(outlet.encode("utf-8")) % len(PALETTE)
        for step in range(len(PALETTE)):
            colour = PALETTE[(start + step) % len(PALETTE)]
            if colour not in used or len(used) >= len(PALETTE):
                break
        colours[outlet] = colour
        used.add(colour)
    return colours


def label(value: object) -> str:
    """Text from the corpus made safe for a plotly label: plotly renders a subset of HTML in
    titles, ticks and hovers, so ``<``/``>``/``&`` are escaped."""
    return html.escape(str(value), quote=False)


def articles_per_outlet(counts: pd.DataFrame) -> go.Figure:
    """Horizontal bars; ``counts`` has columns outlet, articles (ints ≥ 0)."""
    data = counts.sort_values(["articles", "outlet"], ascending=[True, False])
    colours = outlet_colours(list(data["outlet"]))
    fig = go.Figure(go.Bar(
        x=data["articles"], y=[label(o) for o in data["outlet"]], orientation="h",
        marker_color=[colours[o] for o in data["outlet"]], text=data["articles"], textposition="outside",
        hovertemplate="%{y}: %{x} articles<extra></extra>", cliponaxis=False))
    return _style(fig, "Articles per outlet", height=max(260, 28 * len(data) + 120),
                  xaxis_title="articles", yaxis_title=None)


def articles_over_time(counts: pd.DataFrame, *, period: str) -> go.Figure:
    """Stacked bars of articles per period and outlet; ``counts`` has columns period (datetime),
    outlet, articles. ``period`` names the bin ('day', 'week', 'month') for the title."""
    colours = outlet_colours(list(counts["outlet"]))
    fig = go.Figure()
    for outlet, part in counts.groupby("outlet", sort=True):
        fig.add_bar(x=part["period"], y=part["articles"], name=label(outlet), marker_color=colours[outlet],
                    hovertemplate=f"{label(outlet)}<br>%{{x|%Y-%m-%d}}: %{{y}} articles<extra></extra>")
    fig.update_layout(barmode="stack", legend_title_text="outlet")
    return _style(fig, f"Articles per {period}, by outlet", height=380, xaxis_title=None,
                  yaxis_title="articles")


def _style(fig: go.Figure, title: str, *, height: int, **axes: str | None) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"}, height=height, template="plotly_white",
        margin={"l": 10, "r": 30, "t": 60, "b": 40}, font={"size": 14},
        xaxis_title=axes.get("xaxis_title"), yaxis_title=axes.get("yaxis_title"),
        legend={"orientation": "h", "yanchor": "bottom", "y": -0.3, "x": 0},
    )
    fig.update_yaxes(automargin=True)
    return fig
