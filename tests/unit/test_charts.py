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


def a_coverage(stories: list[str], rows: list[tuple[str, str, int, int, str]]) -> pd.DataFrame:
    """(story, outlet, articles, in_window, status) rows as lib.stories.coverage returns them."""
    frame = pd.DataFrame(rows, columns=["story", "outlet", "articles", "in_window", "status"])
    return frame.assign(blindspot=frame["status"] == "blindspot")


def test_the_coverage_matrix_marks_only_blindspots_and_greys_outlets_that_had_no_articles_then():
    cover = a_coverage(["s1", "s2"], [("s1", "Old", 2, 2, "covered"), ("s1", "New", 0, 0, "no articles then"),
                                      ("s2", "Old", 0, 0, "no articles then"), ("s2", "New", 1, 3, "covered"),
                                      ("s2", "Daily", 0, 4, "blindspot"), ("s1", "Daily", 0, 0, "no articles then")])
    fig = charts.coverage_matrix(cover, names={"s1": "2013-03-01 · bridge (2)", "s2": "2018-06-01 · festival (1)"})
    grey, counts, crosses = fig.data[0], fig.data[1], fig.data[2]
    assert list(crosses.x) == ["Daily"] and list(crosses.y) == ["2018-06-01 · festival (1)"]
    assert counts.zmin == 0 and counts.colorbar.dtick == 1          # whole articles, from 0
    assert int((~pd.isna(pd.DataFrame(grey.z))).sum().sum()) == 3   # the three 'no articles then' cells
    assert any("no articles" in (t.name or "") for t in fig.data)   # and the legend says what grey means


def test_one_story_is_drawn_as_bars_from_zero_not_a_one_colour_block():
    cover = a_coverage(["s1"], [("s1", "A", 1, 1, "covered"), ("s1", "B", 1, 2, "covered"),
                                ("s1", "C", 0, 2, "blindspot"), ("s1", "D", 0, 0, "no articles then")])
    fig = charts.coverage_matrix(cover, names={"s1": "2018-06-01 · festival (2)"})
    assert fig.data[0].type == "bar" and set(fig.data[0].y) == {"A", "B", "C"}   # D published nothing then
    assert fig.layout.xaxis.range[0] < 0 < 1 <= fig.layout.xaxis.range[1] and fig.layout.xaxis.dtick == 1
    assert list(fig.data[1].y) == ["C"] and "1 outlet with no articles then" in fig.layout.xaxis.title.text


def test_the_coverage_matrix_keeps_room_under_slanted_outlet_names_for_the_legend():
    outlets = ["A", "The Very Long Name Of A Regional Outlet"]
    cover = a_coverage(["s1", "s2"], [(s, o, 1, 1, "covered") for s in ("s1", "s2") for o in outlets])
    fig = charts.coverage_matrix(cover, names={})
    depth = len(outlets[1]) * 12 * 0.5 * 0.7          # 45° labels: at least half an em a character, × sin 45°
    assert fig.layout.margin.b > depth + 40           # the labels, then the two legend lines
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert -fig.layout.legend.y * plot > depth        # the legend starts below the labels

def _as_dates(values):
    return [pd.Timestamp(v) for v in values]


def test_the_timeline_shows_where_most_articles_are_and_keeps_the_stray_one_in_its_data():
    from lib import coverage, timeline

    dates = pd.to_datetime(["2005-03-01"] + [f"{y}-{m:02d}-15" for y in (2018, 2019) for m in range(1, 13)])
    articles = pd.DataFrame({"outlet": "AP", "date": dates})
    counts, period = coverage.over_time(articles)
    assert period == "month" and counts["articles"].sum() == len(articles)  # the 2005 article is counted
    fig = charts.articles_over_time(counts, period=period, shown=timeline.core_range(articles["date"]))
    assert _as_dates(fig.layout.xaxis.range) == _as_dates(["2018-01-01", "2020-01-01"])


def test_daily_bins_get_daily_ticks_never_hours():
    counts = pd.DataFrame({"period": pd.to_datetime(["2025-05-08", "2025-05-09"]), "outlet": "AP", "articles": [2, 1]})
    fig = charts.articles_over_time(counts, period="day")
    assert fig.layout.xaxis.dtick == 86_400_000 and "%H" not in fig.layout.xaxis.tickformat
    assert _as_dates(fig.layout.xaxis.range) == _as_dates(["2025-05-08", "2025-05-10"])


@pytest.mark.parametrize(("period", "start", "end"), [("day", "2025-05-01", "2025-06-30"),
                                                       ("week", "2025-01-06", "2025-12-29"),
                                                       ("month", "2012-01-01", "2025-12-01")])
def test_ticks_step_by_whole_bins_and_stay_few(period, start, end):
    counts = pd.DataFrame({"period": pd.to_datetime([start, end]), "outlet": "AP", "articles": [1, 1]})
    axis = charts.articles_over_time(counts, period=period).layout.xaxis
    span_days = (pd.Timestamp(axis.range[1]) - pd.Timestamp(axis.range[0])).days
    if isinstance(axis.dtick, str):  # months: "M3"
        assert axis.dtick.startswith("M") and span_days / 30.4 / int(axis.dtick[1:]) <= charts.MAX_TICKS
        assert pd.Timestamp(axis.tick0).day == 1
    else:
        step = axis.dtick / 86_400_000
        assert step >= (7 if period == "week" else 1) and span_days / step <= charts.MAX_TICKS
        if step >= 7:
            assert pd.Timestamp(axis.tick0).weekday() == 0  # weeks start on Monday
    assert "%H" not in axis.tickformat and "%M" not in axis.tickformat


def test_time_chart_legends_sit_right_of_the_plot_clear_of_the_date_labels():
    counts = pd.DataFrame({"period": pd.to_datetime(["2025-05-08"] * 3), "outlet": ["A", "B", "C"], "articles": 1})
    fig = charts.articles_over_time(counts, period="day")
    assert fig.layout.legend.orientation == "v" and fig.layout.legend.x > 1


def tone(dates, compounds, outlet="AP"):
    from lib.analyse import sentiment

    return sentiment.over_time(pd.DataFrame({"outlet": outlet, "date": pd.to_datetime(dates), "compound": compounds}),
                               period="month")


def test_the_tone_line_breaks_at_months_without_articles():
    series = tone(["2017-01-05", "2017-02-05", "2022-06-05"], [0.1, 0.2, -0.3])
    fig = charts.sentiment_over_time(series, period="month")
    [line] = [t for t in fig.data if t.mode == "lines+markers"]
    assert [y is None or y != y for y in line.y] == [False, False, True, False]  # None/NaN: a break
    assert line.connectgaps is False
    assert fig.layout.legend.x > 1


def test_the_tone_hover_gives_the_articles_in_each_bin():
    series = tone(["2025-05-05", "2025-05-07", "2025-06-01"], [0.1, 0.3, -0.2])
    [line] = [t for t in charts.sentiment_over_time(series, period="month").data if t.mode == "lines+markers"]
    assert [str(row[0]) for row in line.customdata] == ["May 2025", "June 2025"]
    assert [int(row[1]) for row in line.customdata] == [2, 1]
    assert "articles in the bin" in line.hovertemplate


def test_the_tone_band_covers_bins_with_an_interval_and_never_a_gap():
    series = tone(["2025-01-05", "2025-01-06", "2025-02-05", "2025-02-06", "2025-09-05", "2025-09-06"],
                  [0.1, 0.3, -0.2, 0.0, 0.4, 0.5])
    fig = charts.sentiment_over_time(series, period="month", band=True)
    [band] = [t for t in fig.data if t.fill == "toself"]
    xs = list(band.x)
    assert xs.count(None) == 2  # two shapes: January–February, and September alone
    assert band.showlegend is False and band.legendgroup == "AP"  # hidden with its line
    assert not [t for t in charts.sentiment_over_time(series, period="month").data if t.fill == "toself"]


def test_a_smoothed_tone_line_keeps_each_bins_own_mean_as_faint_dots():
    from lib.analyse import sentiment

    articles = pd.DataFrame({"outlet": "AP", "date": pd.to_datetime(["2025-01-05", "2025-02-05", "2025-03-05"]),
                             "compound": [0.3, 0.0, -0.3]})
    series = sentiment.over_time(articles, period="month", smooth=3)
    fig = charts.sentiment_over_time(series, period="month", smooth=3)
    dots = next(t for t in fig.data if t.mode == "markers")
    line = next(t for t in fig.data if t.mode == "lines+markers")
    assert list(dots.y) == pytest.approx([0.3, 0.0, -0.3])
    assert list(line.y) == pytest.approx([0.15, 0.0, -0.15])
    assert "rolling mean of 3 months" in fig.layout.title.text


def test_the_keyword_heatmap_names_the_variants_merged_into_a_keyphrase_on_hover():
    ranked = pd.DataFrame({"outlet": ["A", "B"], "keyphrase": ["okonkwo", "ferry"], "share": [0.5, 0.2],
                           "also": ["governor <mira> okonkwo", ""]})
    heat = charts.keyword_heatmap(ranked, phrases=["okonkwo", "ferry"]).data[0]
    assert list(heat.customdata[0]) == ["<br>also: governor &lt;mira&gt; okonkwo", ""]
    assert "%{customdata}" in heat.hovertemplate


def test_a_chart_of_groups_says_group_where_it_said_outlet_and_keeps_the_names():
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=[1], y=["Outlet Weekly"], name="Outlet Weekly", hovertemplate="outlet %{y}<extra></extra>"))
    fig.update_layout(title="Tone by outlet: each outlet's articles", yaxis_title="Outlet", xaxis_title="Tone")
    fig.add_annotation(text="Outlets compared", x=0, y=0)
    shown = charts.relabel(fig, "group")
    assert shown.layout.title.text == "Tone by group: each group's articles"
    assert shown.layout.yaxis.title.text == "Group" and shown.layout.xaxis.title.text == "Tone"
    assert shown.layout.annotations[0].text == "Groups compared"
    assert shown.data[0].hovertemplate == "group %{y}<extra></extra>"
    assert shown.data[0].name == "Outlet Weekly" and list(shown.data[0].y) == ["Outlet Weekly"]
    assert fig.layout.title.text.startswith("Tone by outlet")  # the original is untouched
