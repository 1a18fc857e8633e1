"""Frames in, plotly figures out: one function per chart, no Streamlit.

Every chart gets the same look: a title that names the subject, outlet colours that stay the same
on every page, hover text that plotly escapes (never ``<`` markup from article text).
"""
from __future__ import annotations

import html
import re
import zlib
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lib import timeline
from lib.frames import OTHER, UNKNOWN

# Colour-blind-safe: Okabe-Ito followed by Paul Tol's muted scheme; grey is kept for "unknown".
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
UNKNOWN_COLOUR = "#9E9E9E"
OTHER_COLOUR = "#CFCFCF"
PERIOD_DAYS = {"day": 1, "week": 7, "month": 30.4}
XPERIOD = {"day": 86_400_000, "week": 7 * 86_400_000, "month": "M1"}  # bars centred on their period


def rank_outlets(outlets) -> tuple[str, ...]:
    """Every outlet of a corpus, most articles first (then by name): what ``outlet_colours``
    settles colours over. ``outlets`` has one entry per article."""
    counts = pd.Series(outlets if isinstance(outlets, pd.Series) else list(outlets), dtype="str").value_counts()
    return tuple(sorted(counts.index, key=lambda o: (-counts[o], o)))


def outlet_colours(outlets: list[str], *, corpus_outlets: Sequence[str] = ()) -> dict[str, str]:
    """A colour per outlet, stable for a given outlet name across pages, exports and sessions.

    Colours come from the outlet name's hash. When two outlets land on the same colour, the one
    with fewer articles in the corpus (``corpus_outlets``, from ``rank_outlets``; then the later
    name) moves to the next free colour, so the 16 largest outlets, which charts show first, never
    share a colour; beyond 16 outlets colours repeat. Collisions are settled over every outlet of
    the corpus, not just this chart's, so a chart showing a subset gives each outlet its colour
    everywhere else.
    """
    colours: dict[str, str] = {}
    used: set[str] = set()
    known = set(corpus_outlets)
    for outlet in (*corpus_outlets, *sorted(set(outlets) - known)):
        if outlet in (UNKNOWN, OTHER):
            colours[outlet] = UNKNOWN_COLOUR if outlet == UNKNOWN else OTHER_COLOUR
            continue
        start = zlib.crc32(outlet.encode("utf-8")) % len(PALETTE)
        for step in range(len(PALETTE)):
            colour = PALETTE[(start + step) % len(PALETTE)]
            if colour not in used or len(used) >= len(PALETTE):
                break
        colours[outlet] = colour
        used.add(colour)
    return {outlet: colours[outlet] for outlet in outlets}


def label(value: object) -> str:
    """Text from the corpus made safe for a plotly label: plotly renders a subset of HTML in
    titles, ticks and hovers, so ``<``/``>``/``&`` are escaped."""
    return html.escape(str(value), quote=False)


def articles_per_outlet(counts: pd.DataFrame, *, corpus_outlets: Sequence[str] = ()) -> go.Figure:
    """Horizontal bars; ``counts`` has columns outlet, articles (ints ≥ 0)."""
    data = counts.sort_values(["articles", "outlet"], ascending=[True, False])
    colours = outlet_colours(list(data["outlet"]), corpus_outlets=corpus_outlets)
    fig = go.Figure(go.Bar(
        x=data["articles"], y=[label(o) for o in data["outlet"]], orientation="h",
        marker_color=[colours[o] for o in data["outlet"]], text=data["articles"], textposition="outside",
        hovertemplate="%{y}: %{x} articles<extra></extra>", cliponaxis=False))
    if len(data) and data["articles"].max() <= 10:
        fig.update_xaxes(dtick=1)  # counts: no half articles on the axis
    return _style(fig, "Articles per outlet", height=max(260, 28 * len(data) + 120),
                  xaxis_title="articles", yaxis_title=None)


def articles_over_time(counts: pd.DataFrame, *, period: str, shown: tuple[pd.Timestamp, pd.Timestamp] | None = None,
                       corpus_outlets: Sequence[str] = ()) -> go.Figure:
    """Stacked bars of articles per period and outlet; ``counts`` has columns period (the bin's
    first day), outlet, articles. ``period`` names the bin ('day', 'week', 'month'); ``shown``
    (first, last day, from lib.timeline.core_range) is the x range, default every bin. A bin
    without articles has no bar: zero. Bars outside ``shown`` stay in the figure (autoscale
    shows them)."""
    colours = outlet_colours(list(counts["outlet"]), corpus_outlets=corpus_outlets)
    # Plotly sizes date bars by the closest two dates: with few, far-apart periods a week's bar
    # would span months. A bar is 80% of its period (milliseconds on a date axis).
    width = 0.8 * PERIOD_DAYS.get(period, 1) * 86_400_000
    totals = counts.groupby("period")["articles"].transform("sum") if len(counts) else counts["articles"]
    fig = go.Figure()
    for outlet, part in counts.groupby("outlet", sort=True):
        fig.add_bar(x=part["period"], y=part["articles"], name=label(outlet), marker_color=colours[outlet],
                    width=width, xperiod=XPERIOD.get(period), xperiodalignment="middle",
                    customdata=np.column_stack([_bin_names(part["period"], period), totals[part.index]]),
                    hovertemplate=f"{label(outlet)}<br>%{{customdata[0]}}: %{{y}} of %{{customdata[1]}} articles<extra></extra>")
    fig.update_layout(barmode="stack", legend_title_text="outlet")
    if len(counts) and counts.groupby("period")["articles"].sum().max() <= 10:
        fig.update_yaxes(dtick=1)
    _date_axis(fig, period=period, shown=shown or _span(counts["period"]))
    return _style(fig, f"Articles per {period}, by outlet", height=380, xaxis_title=None,
                  yaxis_title="articles", legend="right")


# Ticks step by whole bins and are labelled to the bin's precision: a day's bins never get plotly's
# own choice on a short range, 12-hourly ticks (00:00, 12:00). Steps in days for days and weeks
# (weeks from a Monday), in months for months (from the 1st; years from a round year).
_DAY_STEPS = {"day": (1, 2, 7, 14), "week": (7, 14), "month": ()}
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
MAX_TICKS = 6  # a half-width chart fits six two-line date labels


def _date_axis(fig: go.Figure, *, period: str, shown: tuple[pd.Timestamp, pd.Timestamp] | None) -> None:
    # The x range is the shown bins, edge to edge, with at most MAX_TICKS ticks.
    if shown is None:
        return
    first, last = timeline.bins(pd.Series(list(shown)), period)
    end = last + pd.tseries.frequencies.to_offset({"day": "D", "week": "7D", "month": "MS"}[period])
    days = max((end - first).days, 1)
    step_days = next((d for d in _DAY_STEPS[period] if days / d <= MAX_TICKS), None)
    if step_days is not None:
        monday = first - pd.Timedelta(days=first.weekday())
        fig.update_xaxes(dtick=step_days * 86_400_000, tick0=first if step_days < 7 else monday,
                         tickformat="%-d %b<br>%Y")
    else:
        months = next((m for m in _MONTH_STEPS if days / 30.4 / m <= MAX_TICKS), _MONTH_STEPS[-1])
        years = months // 12
        fig.update_xaxes(dtick=f"M{months}", tickformat="%Y" if years else "%b<br>%Y",
                         tick0=pd.Timestamp(first.year - first.year % years, 1, 1) if years else first.replace(day=1))
    fig.update_xaxes(type="date", range=[first, end])


def _span(periods: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    return (periods.min(), periods.max()) if len(periods) else None


def _bin_names(periods: pd.Series, period: str) -> list[str]:
    # The bin in words for a hover ("week of 5 May 2025"): plotly's %{x} on a period-aligned
    # trace is the bin's middle, not the day it starts.
    if period == "day":
        return [f"{p:%a} {p.day} {p:%b %Y}" for p in periods]
    if period == "week":
        return [f"week of {p.day} {p:%b %Y}" for p in periods]
    return [f"{p:%B %Y}" for p in periods]


def _style(fig: go.Figure, title: str, *, height: int, legend: str = "below", **axes: str | None) -> go.Figure:
    # The legend sits under the x-axis title: its offset is in pixels, whatever the chart height.
    # On a date axis (two-line ticks) it goes to the right instead, where it can cover nothing.
    legend_entries = sum(1 for trace in fig.data if trace.name and trace.showlegend is not False)
    below = legend == "below"
    bottom = 60 + (30 * (1 + legend_entries // 5) if legend_entries > 1 and below else 0)
    plot_height = max(height - 60 - bottom, 80)
    place = ({"orientation": "h", "yanchor": "top", "y": -(62 if axes.get("xaxis_title") else 30) / plot_height,
              "xanchor": "left", "x": 0} if below else
             {"orientation": "v", "yanchor": "top", "y": 1, "xanchor": "left", "x": 1.02})
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "pad": {"l": 12}}, height=height, template="plotly_white",
        margin={"l": 10, "r": 30, "t": 60, "b": bottom}, font={"size": 14},
        xaxis_title=axes.get("xaxis_title"), yaxis_title=axes.get("yaxis_title"), legend=place,
    )
    fig.update_yaxes(automargin=True)
    return fig


SMALL_N = 5  # outlets with fewer articles are drawn as open circles: their interval is mostly noise


def sentiment_by_outlet(summary: pd.DataFrame, *, corpus_outlets: Sequence[str] = ()) -> go.Figure:
    """Mean article tone per outlet with its 95% interval; ``summary`` is sentiment.by_outlet's
    frame (outlet, articles, compound, ci_low, ci_high). Outlets with one article have no bar;
    outlets with fewer than ``SMALL_N`` are open circles. The axis is the measure's range, -1..1,
    whatever an interval says, so one small outlet never squashes the others onto zero."""
    data = summary.sort_values("compound")
    colours = outlet_colours(list(data["outlet"]), corpus_outlets=corpus_outlets)
    names = [f"{label(o)} (N={n})" for o, n in zip(data["outlet"], data["articles"])]
    small = data["articles"] < SMALL_N
    fig = go.Figure(go.Scatter(
        x=data["compound"], y=names, mode="markers",
        marker={"size": 12, "color": [colours[o] for o in data["outlet"]], "line": {"width": 1.5, "color": "#333"},
                "symbol": ["circle-open" if s else "circle" for s in small]},
        # No interval (one article) is left missing, not 0: plotly draws a 0 as a cap through the dot.
        error_x={"type": "data", "symmetric": False, "array": data["ci_high"] - data["compound"],
                 "arrayminus": data["compound"] - data["ci_low"], "color": "#555", "thickness": 1.5},
        customdata=data[["articles", "ci_low", "ci_high"]],
        hovertemplate="%{y}<br>mean compound %{x:+.3f}<br>95% CI %{customdata[1]:+.3f} … %{customdata[2]:+.3f}<extra></extra>"))
    fig.add_vline(x=0, line_width=1, line_color="#888")
    fig.update_xaxes(range=[-1.05, 1.05])
    title = "VADER compound (−1 negative … +1 positive)"
    if small.any():
        title += f"; open circle: fewer than {SMALL_N} articles"
    return _style(fig, "Tone by outlet: mean sentence sentiment per article", height=max(280, 34 * len(data) + 120),
                  xaxis_title=title, yaxis_title=None)


DISTRIBUTION_POINTS = 2000  # above this many articles an outlet's box is drawn without its points


def sentiment_distribution(articles: pd.DataFrame, *, corpus_outlets: Sequence[str] = ()) -> go.Figure:
    """Each article's tone as a point, a box per outlet (outlets with over DISTRIBUTION_POINTS
    articles: the box alone); ``articles`` has outlet and compound."""
    order = articles.groupby("outlet")["compound"].median().sort_values().index
    colours = outlet_colours(list(order), corpus_outlets=corpus_outlets)
    fig = go.Figure()
    for outlet, part in articles.groupby("outlet")["compound"]:
        if len(part) <= DISTRIBUTION_POINTS:
            fig.add_box(x=part, name=label(outlet), marker_color=colours[outlet], boxpoints="all",
                        jitter=0.4, pointpos=0, orientation="h", line_width=1.5,
                        hovertemplate=f"{label(outlet)}: %{{x:+.3f}}<extra></extra>")
            continue
        # Thousands of SVG points draw slowly and read as a smear: the box from precomputed
        # quartiles (Tukey fences at 1.5 × IQR, as plotly draws them), without the points.
        q1, median, q3 = part.quantile([0.25, 0.5, 0.75]).tolist()
        low = part[part >= q1 - 1.5 * (q3 - q1)].min()
        high = part[part <= q3 + 1.5 * (q3 - q1)].max()
        fig.add_box(y=[label(outlet)], q1=[q1], median=[median], q3=[q3], lowerfence=[low], upperfence=[high],
                    name=label(outlet), marker_color=colours[outlet], orientation="h", line_width=1.5,
                    boxpoints=False, hoverinfo="x+name")
    fig.update_yaxes(categoryorder="array", categoryarray=[label(o) for o in order])
    fig.add_vline(x=0, line_width=1, line_color="#888")
    fig.update_layout(showlegend=False)
    return _style(fig, "Spread of article tone within each outlet", height=max(280, 34 * len(order) + 120),
                  xaxis_title="article tone (mean sentence compound)", yaxis_title=None)


def sentiment_over_time(series: pd.DataFrame, *, period: str, shown: tuple[pd.Timestamp, pd.Timestamp] | None = None,
                        band: bool = False, smooth: int = 1, corpus_outlets: Sequence[str] = ()) -> go.Figure:
    """Mean article tone per outlet and bin, a line per outlet; ``series`` is
    sentiment.over_time's frame (outlet, period, articles, bin_compound, window_articles,
    compound, ci_low, ci_high). The line breaks at bins without articles (a missing value, see
    lib.timeline.with_gaps); ``band`` adds each outlet's 95% interval as a shaded band (not
    where a bin's interval is missing: one article); with ``smooth`` > 1 the line is the
    rolling mean and each bin's own mean is a faint dot. ``shown``: the x range (core_range)."""
    colours = outlet_colours(list(series["outlet"]), corpus_outlets=corpus_outlets)
    drawn = timeline.with_gaps(series, period=period)
    fig = go.Figure()
    for outlet, part in drawn.groupby("outlet", sort=True):
        name, colour = label(outlet), colours[outlet]
        if band:
            _band(fig, part, colour=colour, group=name, period=period)
        if smooth > 1:
            fig.add_scatter(x=part["period"], y=part["bin_compound"], mode="markers", name=name, legendgroup=name,
                            showlegend=False, marker={"color": colour, "size": 5, "opacity": 0.35},
                            xperiod=XPERIOD.get(period), xperiodalignment="middle", hoverinfo="skip")
        hover = "%{customdata[0]}: %{y:+.3f}<br>%{customdata[1]} articles in the bin"
        if smooth > 1:
            hover += f"<br>mean of {smooth} bins: %{{customdata[2]}} articles"
        fig.add_scatter(x=part["period"], y=part["compound"], mode="lines+markers", name=name, legendgroup=name,
                        line={"color": colour, "width": 2}, marker={"size": 6}, connectgaps=False,
                        xperiod=XPERIOD.get(period), xperiodalignment="middle",
                        customdata=np.column_stack([_bin_names(part["period"], period),
                                                    part["articles"].astype("object").fillna(0),
                                                    part["window_articles"].astype("object").fillna(0)]),
                        hovertemplate=f"{name}<br>{hover}<extra></extra>")
    fig.add_hline(y=0, line_width=1, line_color="#888")
    _date_axis(fig, period=period, shown=shown or _span(series["period"]))
    title = f"Tone over time, per {period}" + (f" (rolling mean of {smooth} {period}s)" if smooth > 1 else "")
    return _style(fig, title, height=420, xaxis_title=None, yaxis_title="mean article tone", legend="right")


def _band(fig: go.Figure, part: pd.DataFrame, *, colour: str, group: str, period: str) -> None:
    # One closed shape per run of consecutive bins with an interval: a band never spans a gap or
    # a one-article bin. A run of one bin is a short vertical bar at its middle.
    valid = part["ci_low"].notna() & part["ci_high"].notna()
    runs = (valid != valid.shift()).cumsum()[valid]
    xs: list = []
    ys: list = []
    for _, run in part[valid].groupby(runs):
        x = list(run["period"])
        xs += x + x[::-1] + [None]
        ys += list(run["ci_high"]) + list(run["ci_low"])[::-1] + [None]
    if xs:
        fig.add_scatter(x=xs, y=ys, fill="toself", mode="lines", line={"width": 0.5, "color": colour},
                        fillcolor=_translucent(colour), opacity=1, name=group, legendgroup=group, showlegend=False,
                        xperiod=XPERIOD.get(period), xperiodalignment="middle", hoverinfo="skip")


def _translucent(colour: str, alpha: float = 0.18) -> str:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def sentiment_by_voice(summary: pd.DataFrame) -> go.Figure:
    """Narrative vs quoted tone per outlet; ``summary`` is sentiment.by_voice's frame."""
    fig = go.Figure()
    styles = {"narrative": ("circle", "#0072B2"), "quoted": ("diamond-open", "#D55E00")}
    for voice, part in summary.groupby("voice", sort=True):
        symbol, colour = styles.get(voice, ("square", "#999"))
        fig.add_scatter(
            x=part["compound"], y=[label(o) for o in part["outlet"]], mode="markers", name=voice,
            marker={"symbol": symbol, "size": 12, "color": colour, "line": {"width": 2, "color": colour}},
            customdata=part[["articles"]],
            hovertemplate=f"%{{y}} · {voice}: %{{x:+.3f}} (%{{customdata[0]}} articles)<extra></extra>")
    fig.add_vline(x=0, line_width=1, line_color="#888")
    outlets = summary["outlet"].nunique()
    return _style(fig, "The outlet's own voice vs the voices it quotes", height=max(280, 34 * outlets + 140),
                  xaxis_title="mean compound of the article's sentences in that voice", yaxis_title=None)


def keywords_side_by_side(ranked: pd.DataFrame, *, per_outlet: int = 10,
                          corpus_outlets: Sequence[str] = ()) -> go.Figure:
    """One panel per outlet with its top keyphrases; ``ranked`` is keywords.by_outlet's frame,
    optionally with ``also`` (the variants merged into each keyphrase, keywords.merge_variants),
    shown on hover. Bar length: share of the outlet's articles with the phrase in their top k."""
    from plotly.subplots import make_subplots

    outlets = list(dict.fromkeys(ranked["outlet"]))
    if not outlets:
        return _style(go.Figure(), "Top keyphrases per outlet", height=300)
    columns = min(len(outlets), 3)
    rows = -(-len(outlets) // columns)
    colours = outlet_colours(outlets, corpus_outlets=corpus_outlets)
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=[label(o) for o in outlets],
                        horizontal_spacing=0.22, vertical_spacing=0.08 if rows > 1 else 0.1)
    for i, outlet in enumerate(outlets):
        part = ranked[ranked["outlet"] == outlet].head(per_outlet).iloc[::-1]
        fig.add_bar(x=part["share"], y=[label(k) for k in part["keyphrase"]], orientation="h",
                    marker_color=colours[outlet], row=i // columns + 1, col=i % columns + 1, showlegend=False,
                    customdata=np.column_stack([part[["articles", "outlet_articles", "mean_rank"]].to_numpy(object),
                                                _also(part)]),
                    hovertemplate="%{y}%{customdata[3]}<br>in the top k of %{customdata[0]} of %{customdata[1]} articles"
                                  "<br>mean rank %{customdata[2]:.1f}<extra></extra>")
    fig.update_xaxes(tickformat=".0%", rangemode="tozero")
    fig.update_yaxes(automargin=True, tickfont={"size": 12})
    return _style(fig, "Top keyphrases per outlet (share of its articles)", height=max(360, rows * (24 * per_outlet + 90)))


def keyword_heatmap(ranked: pd.DataFrame, *, phrases: list[str]) -> go.Figure:
    """Outlet × keyphrase: the share of each outlet's articles with the phrase in their top k; the
    variants merged into a keyphrase (``ranked``'s optional ``also``) on hover."""
    table = (ranked[ranked["keyphrase"].isin(phrases)]
             .pivot_table(index="outlet", columns="keyphrase", values="share", fill_value=0.0)
             .reindex(columns=phrases, fill_value=0.0))
    also = _also(ranked.drop_duplicates("keyphrase").set_index("keyphrase").reindex(table.columns))
    fig = go.Figure(go.Heatmap(
        z=table.values, x=[label(p) for p in table.columns], y=[label(o) for o in table.index],
        colorscale="Blues", zmin=0, zmax=max(float(table.values.max()) if table.size else 1.0, 0.01),
        colorbar={"title": "share", "tickformat": ".0%"}, customdata=np.tile(also, (len(table), 1)),
        hovertemplate="%{y} · %{x}: %{z:.0%} of its articles%{customdata}<extra></extra>"))
    fig.update_xaxes(tickangle=-40)
    return _style(fig, "Which outlets feature which keyphrases", height=max(320, 30 * len(table) + 220),
                  xaxis_title=None, yaxis_title=None)


def _also(frame: pd.DataFrame) -> np.ndarray:
    # "<br>also: obama, president obama" per row, or "" (no ``also`` column, or no variant)
    if "also" not in frame.columns:
        return np.full(len(frame), "", dtype=object)
    return np.array([f"<br>also: {label(v)}" if isinstance(v, str) and v else "" for v in frame["also"]], dtype=object)


TERM_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288",
                "#117733", "#882255", "#44AA99", "#999933")
# Hatching keeps the stacked segments apart in grayscale print.
TERM_PATTERNS = ("", "/", ".", "x", "-", "\\", "+", "|", "", "/", ".", "x")


def term_shares(shares: pd.DataFrame, *, group: str, terms: list[str], voice: str) -> go.Figure:
    """100% stacked bars: for each outlet, the share of each alternative of one contested-term set.
    ``shares`` is framing.shares' frame for one group (outlet, term, matches, group_matches,
    share, ci_low, ci_high); ``terms`` fixes the stacking order and colours."""
    data = shares[shares["group"] == group]
    totals = data.groupby("outlet")["group_matches"].first().sort_values()
    names = {o: f"{label(o)} (n={int(n)})" for o, n in totals.items()}
    fig = go.Figure()
    for i, term in enumerate(terms):
        part = data[data["term"] == term].set_index("outlet").reindex(totals.index)
        fig.add_bar(
            x=part["share"].fillna(0), y=[names[o] for o in totals.index], orientation="h", name=label(term),
            marker={"color": TERM_PALETTE[i % len(TERM_PALETTE)], "pattern": {"shape": TERM_PATTERNS[i % 12]},
                    "line": {"color": "white", "width": 1}},
            customdata=part[["matches", "group_matches", "ci_low", "ci_high"]].fillna(0).values,
            hovertemplate=(f"%{{y}}<br><b>{label(term)}</b>: %{{x:.0%}} (%{{customdata[0]}} of %{{customdata[1]}})"
                           "<br>95% CI %{customdata[2]:.0%} … %{customdata[3]:.0%}<extra></extra>"))
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    return _style(fig, f"{label(group)}: each outlet's choice of words ({voice} voice)",
                  height=max(300, 40 * len(totals) + 160), xaxis_title="share of the set's matches", yaxis_title=None)


def distinctive_scatter(scored: pd.DataFrame, *, title: str, labelled: int = 12, group: str = "the group",
                        rest: str = "the rest") -> go.Figure:
    """Scattertext-style view of a log_odds frame: x = how often a term is used overall (log
    scale, ticks at 1, 10, 100, ...), y = z-score (up = typical of ``group``, down = of ``rest``).
    The ``labelled`` most distinctive terms of each side are labelled where a label fits without
    covering another (beside the point, above or below it, where it covers the fewest other
    points); every term is on hover. Large
    frames are thinned to the 3,000 most extreme terms to keep the page light."""
    data = scored.assign(total=scored["count_group"] + scored["count_rest"])
    if len(data) > 3000:
        data = data.loc[data["z"].abs().nlargest(3000).index]
    fig = go.Figure()
    # One trace per colour, not a list of 3,000 colours: plotly checks each colour of a list
    # (0.1 s), and the legend now says what the colours mean.
    for name, colour, part in ((f"more typical of {label(group)} (z > 1.96)", "#0072B2", data["z"] > 1.96),
                               (f"more typical of {label(rest)} (z < −1.96)", "#D55E00", data["z"] < -1.96),
                               ("no clear difference", "#BBBBBB", data["z"].abs() <= 1.96)):
        points = data[part]
        fig.add_trace(go.Scattergl(
            x=points["total"], y=points["z"], mode="markers", name=name,
            marker={"color": colour, "size": 6, "opacity": 0.7},
            text=[label(t) for t in points["term"]], customdata=points[["count_group", "count_rest"]],
            hovertemplate="%{text}<br>z %{y:.2f}<br>%{customdata[0]} vs %{customdata[1]} uses<extra></extra>"))
    significant = data[data["z"].abs() > 1.96]
    pool = significant if len(significant) >= 4 else data
    few = labelled if pool is significant else 5
    ends = pd.concat([pool[pool["z"] > 0].nlargest(few, "z"), pool[pool["z"] < 0].nsmallest(few, "z")])
    decades = _log_ticks(data["total"])
    y_range = (float(min(data["z"].min(), -1.96)) - 0.5, float(max(data["z"].max(), 1.96)) + 0.5) if len(data) else (-3, 3)
    # One layout update, not add_annotation per label or add_hline per line: plotly validates and
    # copies the whole list on each call (0.2 s for 30 labels).
    fig.update_layout(
        annotations=_placed_labels(ends, x_range=(np.log10(decades[0]), np.log10(decades[-1])), y_range=y_range,
                                   points=data),
        shapes=[{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": y, "y1": y,
                 "line": {"dash": "dot", "color": "#999", "width": 1}} for y in (1.96, -1.96)])
    # Ticks at the powers of ten only: plotly's log axis labels the minor ticks too, "2 3 4 … 9"
    # after 10, which read as 2, 3, 4 rather than 20, 30, 40.
    fig.update_xaxes(type="log", tickvals=decades, ticktext=[f"{v:,}" for v in decades],
                     range=[np.log10(decades[0]), np.log10(decades[-1])], minor={"showgrid": False, "ticks": ""})
    fig.update_yaxes(range=list(y_range))
    return _style(fig, title, height=_SCATTER_HEIGHT, xaxis_title="uses in both groups (log scale)",
                  yaxis_title="z-score (log-odds, informative prior)")


_SCATTER_HEIGHT = 560
_PLOT_PIXELS = (900, 400)  # the plot area's likely size (wide layout, height above less margins)


def _log_ticks(totals: pd.Series) -> list[int]:
    # 1, 10, 100, ... from the decade at or below the smallest count to the one above the largest.
    low = max(float(totals.min()) if len(totals) else 1.0, 1.0)
    high = max(float(totals.max()) if len(totals) else 10.0, low * 1.5)
    return [10 ** k for k in range(int(np.floor(np.log10(low))), int(np.ceil(np.log10(high))) + 1)]


def _placed_labels(ends: pd.DataFrame, *, x_range: tuple[float, float], y_range: tuple[float, float],
                   points: pd.DataFrame | None = None) -> list[dict]:
    """Annotations for the terms in ``ends``, most extreme first, each placed right, left, above
    or below its point where its box (estimated from the text's length at 11 px) covers no label
    placed before, preferring a place that covers the fewest of the other ``points`` (columns
    total, z) too; a term with no free place is left to the hover."""
    width, height = _PLOT_PIXELS
    px_x = width / max(x_range[1] - x_range[0], 1e-9)
    px_y = height / max(y_range[1] - y_range[0], 1e-9)
    dots = points if points is not None else ends
    dot_x = np.log10(np.maximum(dots["total"].to_numpy(float), 1)) * px_x
    dot_y = dots["z"].to_numpy(float) * px_y
    taken: list[tuple[float, float, float, float]] = []
    placed = []
    for row in ends.reindex(ends["z"].abs().sort_values(ascending=False).index).itertuples():
        x, y = float(np.log10(max(row.total, 1))) * px_x, float(row.z) * px_y  # in pixels
        w, h = 6.2 * len(str(row.term)) + 4, 14
        away = 1 if row.z > 0 else -1  # away from the zero line, where the points thin out
        spots = [(("left", 6, 0), (x + 6, x + 6 + w, y - h / 2, y + h / 2)),
                 (("right", -6, 0), (x - 6 - w, x - 6, y - h / 2, y + h / 2)),
                 (("center", 0, 10 * away), (x - w / 2, x + w / 2, *sorted((y + 4 * away, y + (4 + h) * away))))]
        # then further out with a leader line: dense clusters leave no room right beside a point
        spots += [(("arrow", dx, -dy * away), (x + dx - w / 2, x + dx + w / 2,
                                               *sorted((y + (dy - h / 2) * away, y + (dy + h / 2) * away))))
                  for dy in (26, 44) for dx in (w / 2 + 8, -w / 2 - 8, 0)]
        free = [(int(((dot_x > b[0] - 3) & (dot_x < b[1] + 3) & (dot_y > b[2] - 3) & (dot_y < b[3] + 3)).sum()), i)
                for i, (_, b) in enumerate(spots)
                if not any(b[0] < t[1] and t[0] < b[1] and b[2] < t[3] and t[2] < b[3] for t in taken)]
        if not free:
            continue
        (anchor, xshift, yshift), box = spots[min(free)[1]]
        taken.append(box)
        colour = "#0072B2" if row.z > 0 else "#D55E00"
        at = {"x": float(np.log10(max(row.total, 1))), "y": row.z, "text": label(row.term),
              "font": {"size": 11, "color": colour}}
        if anchor == "arrow":  # ax/ay: the label's offset in pixels (ay grows downwards)
            at |= {"showarrow": True, "ax": xshift, "ay": yshift, "arrowhead": 0, "arrowwidth": 1,
                   "arrowcolor": "#888", "standoff": 3}
        else:
            at |= {"showarrow": False, "xanchor": anchor, "xshift": xshift, "yshift": yshift}
        placed.append(at)
    return placed


def label_heatmap(table: pd.DataFrame, *, actor: str, labels: list[str]) -> go.Figure:
    """Outlet × label counts for one actor; ``table`` has outlet, label, count."""
    grid = (table[table["label"].isin(labels)].pivot_table(index="outlet", columns="label", values="count",
                                                           aggfunc="sum", fill_value=0)
            .reindex(columns=labels, fill_value=0))
    fig = go.Figure(go.Heatmap(
        z=grid.values, x=[label(c) for c in grid.columns], y=[label(o) for o in grid.index], colorscale="Purples",
        text=grid.values, texttemplate="%{text}", colorbar={"title": "uses"},
        hovertemplate="%{y} calls " + label(actor) + " “%{x}”: %{z} times<extra></extra>"))
    fig.update_xaxes(tickangle=-35)
    fig = _style(fig, f"How each outlet labels {label(actor)}", height=max(320, 32 * len(grid) + 240),
                 xaxis_title=None, yaxis_title=None)
    # Slanted labels hang below the plot: reserve their depth (~5 px a character at 35°), so the
    # source line of an export sits under them, not across them.
    longest = max((len(str(c)) for c in grid.columns), default=0)
    fig.update_layout(margin_b=min(40 + 5 * longest, 260))
    return fig


BLIND_COLOUR, QUIET_COLOUR = "#D55E00", "#E4E4E4"


def coverage_matrix(cover: pd.DataFrame, *, names: dict[str, str], window_days: int = 7) -> go.Figure:
    """Story × outlet article counts; ``cover`` is lib.stories.coverage's frame (story, outlet,
    articles, in_window, status), its stories in the order to show them (top first); ``names``:
    story → its short name ('2018-03-02 · withdrawal · syria (8)'), ``window_days`` the margin
    the coverage used (for the legend). Covered cells are blue by count (from 0, whole numbers),
    blindspots (the outlet published within the story's window, none on it) white with a ×,
    outlets with no article then grey: that zero says nothing. One story: ``coverage_bars``."""
    stories = list(dict.fromkeys(cover["story"]))
    if len(stories) == 1:
        return coverage_bars(cover, name=names.get(stories[0], stories[0]), window_days=window_days)
    outlets = sorted(cover["outlet"].unique())
    rows = _unique_labels([names.get(s, s) for s in stories], stories)
    cells = cover.set_index(["story", "outlet"]).reindex(pd.MultiIndex.from_product([stories, outlets]))
    shape = (len(stories), len(outlets))
    count = cells["articles"].fillna(0).to_numpy().reshape(shape)
    status = cells["status"].fillna("no articles then").to_numpy().reshape(shape)
    in_window = cells["in_window"].fillna(0).to_numpy().reshape(shape)
    covered, blind = status == "covered", status == "blindspot"
    x, y = [label(o) for o in outlets], [label(r) for r in rows]
    hover = np.empty(shape, dtype=object)
    for i, j in np.ndindex(shape):
        n, w = int(count[i, j]), int(in_window[i, j])
        hover[i, j] = (f"{n} article{'s' * (n != 1)} on this story" if covered[i, j] else
                       f"blindspot: {w} article{'s' * (w != 1)} within ±{window_days} days, none on this story"
                       if blind[i, j] else "no article of unknown outlet on this story" if status[i, j] == "unknown outlet"
                       else f"no articles from this outlet within ±{window_days} days: not a blindspot")
    top = int(count.max()) if covered.any() else 1
    fig = go.Figure()
    fig.add_heatmap(z=np.where(covered, np.nan, np.where(blind, np.nan, 1.0)), x=x, y=y, text=hover, showscale=False,
                    colorscale=[[0, QUIET_COLOUR], [1, QUIET_COLOUR]], xgap=2, ygap=2, hoverongaps=False,
                    hovertemplate="%{x}<br>%{y}<br>%{text}<extra></extra>")
    fig.add_heatmap(z=np.where(covered, count, np.nan), x=x, y=y, text=hover, zmin=0, zmax=max(top, 2),
                    colorscale=[[0, "#F2F7FC"], [0.5, "#6BAED6"], [1, "#08519C"]], xgap=2, ygap=2, hoverongaps=False,
                    colorbar={"title": "articles", "dtick": 1 if top <= 10 else None, "len": min(1.0, 300 / (26 * len(rows) + 1)),
                              "y": 1, "yanchor": "top"},
                    hovertemplate="%{x}<br>%{y}<br>%{text}<extra></extra>")
    marks = np.argwhere(blind)
    fig.add_scatter(x=[x[j] for _, j in marks], y=[y[i] for i, _ in marks], mode="markers", text=[hover[i, j] for i, j in marks],
                    marker={"symbol": "x-thin", "size": 11, "line": {"width": 2, "color": BLIND_COLOUR}},
                    name=f"× blindspot: published within ±{window_days} days of the story, not on it",
                    hovertemplate="%{x}<br>%{y}<br>%{text}<extra></extra>")
    fig.add_scatter(x=[None], y=[None], mode="markers", name=f"grey: no articles from the outlet within ±{window_days} days",
                    marker={"symbol": "square", "size": 14, "color": QUIET_COLOUR})
    # Outlet names are slanted (upright when columns are too narrow for 45°): reserve their depth
    # below the plot, then the legend under them, so neither the legend nor an export's source line
    # is drawn across them. Every outlet is labelled (plotly would skip every other one).
    angle = 45 if len(outlets) <= 24 else 90
    depth = _slanted_depth(x, angle=angle, size=12)
    fig.update_xaxes(tickangle=-angle, tickfont={"size": 12}, side="bottom", showgrid=False, dtick=1)
    fig.update_yaxes(autorange="reversed", tickfont={"size": 12}, showgrid=False)
    plot = 26 * len(rows)
    fig = _style(fig, "Who covered which story (× = a blindspot, grey = no articles then)", height=60 + plot + depth + 70,
                 xaxis_title=None, yaxis_title=None)
    fig.update_layout(margin_b=depth + 70, legend={"orientation": "v", "y": -(depth + 6) / plot, "yanchor": "top"})
    return fig


def coverage_bars(cover: pd.DataFrame, *, name: str, window_days: int = 7) -> go.Figure:
    """One story's coverage: a bar per outlet that covered it (articles, axis from 0, whole
    numbers) and a × at 0 for each blindspot; outlets with no article then are left out, and
    counted in the axis title. ``cover``: lib.stories.coverage's rows for the story."""
    shown = cover[cover["status"].isin(["covered", "blindspot"])].sort_values(["articles", "outlet"], ascending=[True, False])
    quiet = int((cover["status"] == "no articles then").sum())
    y = [label(o) for o in shown["outlet"]]
    fig = go.Figure(go.Bar(x=shown["articles"], y=y, orientation="h", marker_color="#4292C6", text=shown["articles"],
                           textposition="outside", cliponaxis=False, name="articles on the story", showlegend=False,
                           hovertemplate="%{y}: %{x} article(s) on this story<extra></extra>"))
    blind = shown[shown["status"] == "blindspot"]
    if len(blind):
        fig.add_scatter(x=[0] * len(blind), y=[label(o) for o in blind["outlet"]], mode="markers",
                        marker={"symbol": "x-thin", "size": 12, "line": {"width": 2, "color": BLIND_COLOUR}},
                        customdata=blind[["in_window"]], name="× blindspot", showlegend=False, cliponaxis=False,
                        hovertemplate=f"%{{y}}: blindspot, %{{customdata[0]}} article(s) within ±{window_days} days, "
                                      "none on this story<extra></extra>")
    top = int(shown["articles"].max()) if len(shown) else 1
    fig.update_xaxes(range=[-0.3, max(top, 1) * 1.15 + 0.3], dtick=1 if top <= 10 else None)
    axis = f"articles on the story; × = blindspot (published within ±{window_days} days, not on it)"
    if quiet:
        axis += f"<br>{quiet} outlet{'s' * (quiet != 1)} with no articles then left out"
    return _style(fig, f"Who covered {label(name)}", height=max(260, 30 * len(shown) + 160),
                  xaxis_title=axis, yaxis_title=None)


def _unique_labels(labels: list[str], keys: list[str]) -> list[str]:
    # Two stories with the same short name would share one heatmap row: tell them apart by id.
    seen = pd.Series(labels).duplicated(keep=False).tolist()
    return [f"{text} [{key}]" if twice else text for text, key, twice in zip(labels, keys, seen)]


def _slanted_depth(labels: list[str], *, angle: float, size: int) -> int:
    """Pixels that tick labels slanted by ``angle`` degrees hang below the axis, at font ``size``:
    a generous 0.62 em a character (wide fonts, capitals), so the estimate errs on the roomy side."""
    longest = max((len(t) for t in labels), default=0)
    radians = np.radians(angle)
    return int(longest * 0.62 * size * np.sin(radians) + size * np.cos(radians) + 12)


def generic_frames_by_outlet(shares: pd.DataFrame, *, corpus_outlets: Sequence[str] = ()) -> go.Figure:
    """One panel per generic news frame: each outlet's share of articles with the frame, with its
    95% Wilson interval. ``shares`` is ``framing.frame_shares``' frame (group = the outlet, frame,
    articles, present, share, ci_low, ci_high). Outlets keep one row order in every panel (most
    articles first, from the top) and their colour from ``outlet_colours``; outlets with fewer
    than ``SMALL_N`` articles are open circles. Every axis is 0..100%."""
    from plotly.subplots import make_subplots

    from lib.framing.generic import FRAMES, LABELS

    sizes = shares.groupby("group")["articles"].first()
    # most articles first from the top (then by name); plotly draws the first y value at the bottom
    order = sorted(sizes.index, key=lambda o: (-sizes[o], str(o)))[::-1]
    names = {o: f"{label(o)} (N={int(sizes[o])})" for o in order}
    colours = outlet_colours(list(order), corpus_outlets=corpus_outlets)
    fig = make_subplots(rows=1, cols=len(FRAMES), shared_yaxes=True, horizontal_spacing=0.035,
                        subplot_titles=[LABELS[f] for f in FRAMES])
    for column, frame in enumerate(FRAMES, start=1):
        data = shares[shares["frame"] == frame].set_index("group").reindex(order)
        small = data["articles"] < SMALL_N
        fig.add_scatter(
            x=data["share"], y=[names[o] for o in order], mode="markers", showlegend=False, row=1, col=column,
            marker={"size": 11, "color": [colours[o] for o in order], "line": {"width": 1.5, "color": "#333"},
                    "symbol": ["circle-open" if s else "circle" for s in small]},
            error_x={"type": "data", "symmetric": False, "array": data["ci_high"] - data["share"],
                     "arrayminus": data["share"] - data["ci_low"], "color": "#555", "thickness": 1.2},
            customdata=data[["present", "articles", "ci_low", "ci_high"]].values,
            hovertemplate=(f"%{{y}}<br><b>{LABELS[frame]}</b>: %{{x:.0%}} of articles "
                           "(%{customdata[0]} of %{customdata[1]})<br>95% CI %{customdata[2]:.0%} … "
                           "%{customdata[3]:.0%}<extra></extra>"))
        # "0" rather than "0%": the first tick of a panel sits next to the last of the one before
        fig.update_xaxes(range=[-0.04, 1.04], tickvals=[0, 0.5, 1], ticktext=["0", "50%", "100%"], row=1,
                         col=column, showgrid=True, gridcolor="#E5E5E5", tickfont={"size": 12})
    fig.update_annotations(font_size=14)
    title = "Share of articles with each frame (dots), 95% interval (bars)"
    if (sizes < SMALL_N).any():
        title += f"; open circle: fewer than {SMALL_N} articles"
    fig = _style(fig, "Generic news frames by outlet: share of each outlet's articles",
                 height=max(300, 30 * len(order) + 170), xaxis_title=None, yaxis_title=None)
    fig.add_annotation(text=title, xref="paper", yref="paper", x=0.5, y=0, yshift=-50, showarrow=False,
                       font={"size": 13, "color": "#444"})
    fig.update_layout(margin_b=80)
    return fig


_OUTLET_WORD = re.compile(r"\b([Oo])utlet(s?)\b")


def relabel(fig: go.Figure, unit: str) -> go.Figure:
    """A copy of ``fig`` whose title, axis titles, annotations (facet titles), legend title and
    hover texts say ``unit`` (e.g. "group") where they say "outlet": the charts aggregate by
    whatever the articles' outlet column holds, groups in Compare by group. Trace names (the
    outlets or groups themselves) are left as they are."""
    def say(text: object) -> object:
        if not isinstance(text, str):
            return text
        return _OUTLET_WORD.sub(lambda m: (unit.capitalize() if m.group(1) == "O" else unit) + m.group(2), text)

    out = go.Figure(fig)
    out.layout.title.text = say(out.layout.title.text)
    out.layout.legend.title.text = say(out.layout.legend.title.text)
    for axis in (name for name in out.layout if name.startswith(("xaxis", "yaxis"))):
        out.layout[axis].title.text = say(out.layout[axis].title.text)
    for annotation in out.layout.annotations:
        annotation.text = say(annotation.text)
    for trace in out.data:
        if getattr(trace, "hovertemplate", None):
            trace.hovertemplate = say(trace.hovertemplate)
    return out
