"""Charts: one colour per outlet everywhere, corpus text never becomes markup, readable bars."""
import pandas as pd
import pytest

from lib.present import charts

MANY = [f"Outlet {i}" for i in range(14)]


RANKED = charts.rank_outlets(MANY)


def test_an_outlet_keeps_its_colour_whichever_outlets_share_the_chart():
    everything = charts.outlet_colours(MANY, corpus_outlets=RANKED)
    for subset in (MANY[:2], MANY[5:9], MANY[::-3], [MANY[13]]):
        assert charts.outlet_colours(subset, corpus_outlets=RANKED) == {o: everything[o] for o in subset}


def test_outlets_of_a_corpus_with_fewer_outlets_than_colours_never_share_one():
    assert len(set(charts.outlet_colours(MANY, corpus_outlets=RANKED).values())) == len(MANY)


def test_colours_come_from_the_colour_blind_safe_palette_and_unknown_is_grey():
    colours = charts.outlet_colours([*MANY[:3], charts.UNKNOWN], corpus_outlets=RANKED)
    assert colours[charts.UNKNOWN] == charts.UNKNOWN_COLOUR
    assert {colours[o] for o in MANY[:3]} <= set(charts.PALETTE)


def test_outlet_names_from_files_are_escaped_in_labels_and_hovers():
    counts = pd.DataFrame({"outlet": ["<b onmouseover=x>Evil</b>", "AP"], "articles": [2, 1]})
    fig = charts.articles_per_outlet(counts)
    assert "&lt;b onmouseover=x&gt;Evil&lt;/b&gt;" in list(fig.data[0].y)
    assert "<b onmouseover" not in fig.to_json()


def test_a_weekly_bar_is_a_week_wide_even_when_weeks_are_months_apart():
    counts = pd.DataFrame({"period": pd.to_datetime(["2025-05-05", "2025-09-01"]), "outlet": ["AP", "UPI"],
                           "articles": [2, 1]})
    fig = charts.articles_over_time(counts, period="week")
    assert {bar.width for bar in fig.data} == {0.8 * 7 * 86_400_000}


def test_slanted_labels_get_room_below_the_heatmap():
    table = pd.DataFrame({"outlet": ["AP", "UPI"], "label": ["chinese president", "a very long descriptive label"],
                          "count": [2, 1]})
    fig = charts.label_heatmap(table, actor="Xi Jinping", labels=["chinese president", "a very long descriptive label"])
    assert fig.layout.margin.b >= 40 + 5 * len("a very long descriptive label")


def test_the_timeline_stacks_the_largest_outlets_and_counts_the_rest_together():
    from lib import coverage

    dates = pd.to_datetime(["2024-01-01"] * 6 + ["2024-01-02"] * 3)
    articles = pd.DataFrame({"outlet": ["A", "A", "A", "B", "B", "C", "A", "D", "E"], "date": dates})
    counts, period = coverage.over_time(articles, top=2)
    assert period == "day"
    assert set(counts["outlet"]) == {"A", "B", charts.OTHER}
    assert counts["articles"].sum() == len(articles)  # nothing dropped
    assert counts.loc[counts["outlet"] == charts.OTHER, "articles"].sum() == 3
    fig = charts.articles_over_time(counts, period=period)
    other = next(trace for trace in fig.data if trace.name == charts.OTHER)
    assert other.marker.color == charts.OTHER_COLOUR


def test_a_large_outlets_tone_box_is_drawn_from_quartiles_not_from_every_point():
    import numpy as np

    rng = np.random.default_rng(0)
    big = pd.DataFrame({"outlet": "Big", "compound": rng.uniform(-1, 1, charts.DISTRIBUTION_POINTS + 1)})
    small = pd.DataFrame({"outlet": "Small", "compound": [0.1, 0.2, -0.3]})
    fig = charts.sentiment_distribution(pd.concat([big, small]))
    by_name = {trace.name: trace for trace in fig.data if trace.type == "box"}
    assert by_name["Small"].boxpoints == "all" and len(by_name["Small"].x) == 3
    assert by_name["Big"].x is None and by_name["Big"].boxpoints is False
    assert by_name["Big"].median[0] == pytest.approx(big["compound"].median())


def test_distinctive_scatter_splits_terms_by_side_and_says_so_in_the_legend():
    scored = pd.DataFrame({"term": ["<i>tyrant</i>", "border", "weather", "cheer"], "count_group": [40, 2, 5, 30],
                           "count_rest": [1, 50, 5, 3], "z": [4.0, -3.0, 0.1, 2.5]})
    fig = charts.distinctive_scatter(scored, title="t", group="<b>Fox</b>", rest="the other outlets")
    sides = {trace.name: sorted(trace.text) for trace in fig.data}
    assert sides == {"more typical of &lt;b&gt;Fox&lt;/b&gt; (z > 1.96)": ["&lt;i&gt;tyrant&lt;/i&gt;", "cheer"],
                     "more typical of the other outlets (z < −1.96)": ["border"],
                     "no clear difference": ["weather"]}
    assert "<i>tyrant" not in fig.to_json() and "<b>Fox" not in fig.to_json()
    assert sorted(shape.y0 for shape in fig.layout.shapes) == [-1.96, 1.96]


def test_distinctive_scatter_thins_a_large_frame_to_its_most_extreme_terms():
    z = [float(i - 2500) / 100 for i in range(5000)]
    scored = pd.DataFrame({"term": [f"t{i}" for i in range(5000)], "count_group": 3, "count_rest": 3, "z": z})
    fig = charts.distinctive_scatter(scored, title="t")
    shown = [y for trace in fig.data for y in trace.y]
    assert len(shown) == 3000 and min(abs(y) for y in shown) >= 9.99


def test_distinctive_scatter_labels_its_log_axis_at_powers_of_ten_only():
    scored = pd.DataFrame({"term": ["a", "b", "c"], "count_group": [1, 30, 900], "count_rest": [2, 10, 600],
                           "z": [3.0, -2.5, 0.5]})
    axis = charts.distinctive_scatter(scored, title="t").layout.xaxis
    assert axis.type == "log"
    assert list(axis.tickvals) == [1, 10, 100, 1000, 10000]
    assert list(axis.ticktext) == ["1", "10", "100", "1,000", "10,000"]   # no bare "2 3 4" between them


def test_distinctive_scatter_labels_only_the_most_distinctive_terms_and_never_one_over_another():
    # 40 terms on each side crowded at the same frequency: labels must not pile up
    rows = [{"term": f"{side}term{i}", "count_group": 50, "count_rest": 50, "z": sign * (3 + i / 100)}
            for side, sign in (("up", 1), ("down", -1)) for i in range(40)]
    fig = charts.distinctive_scatter(pd.DataFrame(rows), title="t", labelled=10)
    labels = [a.text for a in fig.layout.annotations]
    assert 0 < sum(t.startswith("up") for t in labels) <= 10 and 0 < sum(t.startswith("down") for t in labels) <= 10
    assert "upterm39" in labels and "downterm39" in labels                 # the most extreme of each side
    spots = [(round(a.y, 1), a.xanchor, a.yshift, a.ax, a.ay) for a in fig.layout.annotations]
    assert len(spots) == len(set(spots))   # crowded points: each label in a place of its own (the others on hover)
    assert len(labels) < 20


def test_the_largest_outlets_of_a_corpus_with_more_outlets_than_colours_never_share_one():
    sizes = {f"Outlet {i}": 100 - i for i in range(40)}
    ranked = charts.rank_outlets([o for o, n in sizes.items() for _ in range(n)])
    largest = list(sizes)[:len(charts.PALETTE)]
    assert len(set(charts.outlet_colours(largest, corpus_outlets=ranked).values())) == len(largest)
    assert charts.outlet_colours(largest[:8], corpus_outlets=ranked) == \
        {o: charts.outlet_colours(largest, corpus_outlets=ranked)[o] for o in largest[:8]}


def test_tone_by_outlet_keeps_the_measures_range_and_marks_outlets_with_few_articles():
    summary = pd.DataFrame({"outlet": ["A", "B"], "articles": [2, 40], "compound": [0.4, 0.1],
                            "ci_low": [-1.0, 0.05], "ci_high": [1.0, 0.15]})
    fig = charts.sentiment_by_outlet(summary)
    assert tuple(fig.layout.xaxis.range) == (-1.05, 1.05)
    symbols = dict(zip(fig.data[0].y, fig.data[0].marker.symbol))
    assert symbols == {"A (N=2)": "circle-open", "B (N=40)": "circle"}
    assert "fewer than 5 articles" in fig.layout.xaxis.title.text


def test_an_outlet_with_one_article_gets_no_interval_bar_not_a_zero_width_one():
    summary = pd.DataFrame({"outlet": ["A", "B"], "articles": [1, 40], "compound": [0.4, 0.1],
                            "ci_low": [float("nan"), 0.05], "ci_high": [float("nan"), 0.15]})
    trace = charts.sentiment_by_outlet(summary).data[0]
    by_outlet = dict(zip(trace.y, zip(trace.error_x.array, trace.error_x.arrayminus)))
    assert all(pd.isna(v) for v in by_outlet["A (N=1)"])          # missing: plotly draws nothing
    assert by_outlet["B (N=40)"] == pytest.approx((0.05, 0.05))


def test_the_keyword_heatmap_names_the_variants_merged_into_a_keyphrase_on_hover():
    ranked = pd.DataFrame({"outlet": ["A", "B"], "keyphrase": ["okonkwo", "ferry"], "share": [0.5, 0.2],
                           "also": ["governor <mira> okonkwo", ""]})
    heat = charts.keyword_heatmap(ranked, phrases=["okonkwo", "ferry"]).data[0]
    assert list(heat.customdata[0]) == ["<br>also: governor &lt;mira&gt; okonkwo", ""]
    assert "%{customdata}" in heat.hovertemplate
