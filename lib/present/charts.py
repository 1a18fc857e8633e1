"""Frames in, plotly figures out: one function per chart, no Streamlit.

Every chart gets the same look: a title that names the subject, outlet colours that stay the same
on every page, hover text that plotly escapes (never ``<`` markup from article text).
"""
from __future__ import annotations

import html
import zlib
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

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


def articles_over_time(counts: pd.DataFrame, *, period: str, corpus_outlets: Sequence[str] = ()) -> go.Figure:
    """Stacked bars of articles per period and outlet; ``counts`` has columns period (datetime),
    outlet, articles. ``period`` names the bin ('day', 'week', 'month') for the title."""
    colours = outlet_colours(list(counts["outlet"]), corpus_outlets=corpus_outlets)
    # Plotly sizes date bars by the closest two dates: with few, far-apart periods a week's bar
    # would span months. A bar is 80% of its period (milliseconds on a date axis).
    width = 0.8 * PERIOD_DAYS.get(period, 1) * 86_400_000
    fig = go.Figure()
    for outlet, part in counts.groupby("outlet", sort=True):
        fig.add_bar(x=part["period"], y=part["articles"], name=label(outlet), marker_color=colours[outlet],
                    width=width, xperiod=XPERIOD.get(period), xperiodalignment="middle", hovertemplate=f"{label(outlet)}<br>%{{x|%Y-%m-%d}}: %{{y}} articles<extra></extra>")
    fig.update_layout(barmode="stack", legend_title_text="outlet")
    if len(counts) and counts.groupby("period")["articles"].sum().max() <= 10:
        fig.update_yaxes(dtick=1)
    return _style(fig, f"Articles per {period}, by outlet", height=380, xaxis_title=None,
                  yaxis_title="articles")


def _style(fig: go.Figure, title: str, *, height: int, **axes: str | None) -> go.Figure:
    # The legend sits under the x-axis title: its offset is in pixels, whatever the chart height.
    legend_entries = sum(1 for trace in fig.data if trace.name and trace.showlegend is not False)
    bottom = 60 + (30 * (1 + legend_entries // 5) if legend_entries > 1 else 0)
    plot_height = max(height - 60 - bottom, 80)
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "pad": {"l": 12}}, height=height, template="plotly_white",
        margin={"l": 10, "r": 30, "t": 60, "b": bottom}, font={"size": 14},
        xaxis_title=axes.get("xaxis_title"), yaxis_title=axes.get("yaxis_title"),
        legend={"orientation": "h", "yanchor": "top", "y": -(62 if axes.get("xaxis_title") else 30) / plot_height,
                "xanchor": "left", "x": 0},
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


def sentiment_over_time(series: pd.DataFrame, *, period: str, corpus_outlets: Sequence[str] = ()) -> go.Figure:
    """Mean article tone per outlet and period; ``series`` has outlet, period, articles, compound."""
    colours = outlet_colours(list(series["outlet"]), corpus_outlets=corpus_outlets)
    fig = go.Figure()
    for outlet, part in series.groupby("outlet", sort=True):
        fig.add_scatter(x=part["period"], y=part["compound"], mode="lines+markers", name=label(outlet),
                        line={"color": colours[outlet], "width": 2}, customdata=part[["articles"]],
                        hovertemplate=f"{label(outlet)}<br>%{{x|%Y-%m-%d}}: %{{y:+.3f}} (%{{customdata[0]}} articles)<extra></extra>")
    fig.add_hline(y=0, line_width=1, line_color="#888")
    return _style(fig, f"Tone over time, per {period}", height=400, xaxis_title=None, yaxis_title="mean article tone")


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


def coverage_matrix(cover: pd.DataFrame, *, names: dict[str, str]) -> go.Figure:
    """Outlet × story article counts; ``cover`` has story, outlet, articles, blindspot. Blindspots
    (an outlet that covered other stories but not this one) are marked with a cross."""
    stories = list(dict.fromkeys(cover["story"]))
    grid = cover.pivot_table(index="outlet", columns="story", values="articles", fill_value=0).reindex(columns=stories)
    fig = go.Figure(go.Heatmap(
        z=grid.values, x=[label(names.get(s, s))[:40] for s in grid.columns], y=[label(o) for o in grid.index],
        colorscale=[[0, "#FFFFFF"], [0.001, "#DCEBF7"], [1, "#08519C"]], colorbar={"title": "articles"},
        hovertemplate="%{y}<br>%{x}<br>%{z} article(s)<extra></extra>", xgap=2, ygap=2))
    blind = cover[cover["blindspot"]]
    fig.add_scatter(x=[label(names.get(s, s))[:40] for s in blind["story"]], y=[label(o) for o in blind["outlet"]],
                    mode="markers", marker={"symbol": "x-thin", "size": 12, "line": {"width": 2, "color": "#D55E00"}},
                    name="blindspot: not covered", hovertemplate="%{y} did not cover<br>%{x}<extra></extra>")
    fig.update_xaxes(tickangle=-35)
    return _style(fig, "Who covered which story (× = a blindspot)", height=max(320, 30 * len(grid) + 300),
                  xaxis_title=None, yaxis_title=None)
