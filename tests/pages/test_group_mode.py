"""Compare by group: two outlets of one group are one bar; the switch is off without groups."""
import json

import pytest



@pytest.fixture
def grouped(app, seed_dir):
    from lib import analyse
    from lib.load import corpus

    # both named outlets of the seeds in one invented group; the unnamed ones stay without
    (seed_dir / "outlets.csv").write_text("alias,outlet,group\nUPI,UPI,Wire side\n"
                                          "Best Reviews By Consumers,Best Reviews By Consumers,Wire side\n",
                                          encoding="utf-8")
    loaded = corpus.load(seed_dir)
    analyse.analyze(analyse.analyzable(loaded.records), analyse.open_store(), texts=loaded.texts, workers=1)
    return app


def figure(at, index):
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def test_sentiment_by_group_merges_two_outlets(grouped):
    at = grouped("sentiment", compare_by="group")
    assert not at.radio(key="compare_by").disabled
    tone = figure(at, 0)["data"][0]
    assert sorted(tone["y"]) == ["(no group) (N=3)", "Wire side (N=2)"]


def test_framing_by_group_merges_two_outlets(grouped):
    at = grouped("framing", compare_by="group")
    assert not at.exception
    shown = {str(v) for frame in at.dataframe if "outlet" in frame.value.columns for v in frame.value["outlet"]}
    specs = " ".join(chart.proto.spec for chart in at.get("plotly_chart"))
    assert "Wire side" in specs or "Wire side" in shown
    assert "UPI" not in shown and "Best Reviews By Consumers" not in shown


def test_switch_is_disabled_without_groups(app):
    at = app("sentiment")
    switch = at.radio(key="compare_by")
    assert switch.disabled and switch.value == "outlet"
    assert "outlets.csv" in switch.help


def test_a_chart_of_groups_is_titled_by_group(grouped):
    at = grouped("sentiment", compare_by="group")
    title = figure(at, 0)["layout"]["title"]["text"]
    assert "by group" in title and "outlet" not in title.lower()
    at = grouped("sentiment")
    assert "by outlet" in figure(at, 0)["layout"]["title"]["text"]


@pytest.mark.parametrize("page", ["overview", "stories"])
def test_overview_and_story_coverage_count_groups_in_group_mode(grouped, page):
    at = grouped(page, compare_by="group")
    assert not at.exception, at.exception
    specs = " ".join(chart.proto.spec for chart in at.get("plotly_chart"))
    assert "Wire side" in specs and "UPI" not in specs


def test_page_headings_and_pickers_say_group_in_group_mode(grouped):
    at = grouped("distinctive", compare_by="group")
    assert not at.exception, at.exception
    assert at.selectbox(key="distinctive_outlet").label == "Group"
    headings = [h.value for h in at.subheader]
    assert "Top terms of every group, side by side" in headings
    at = grouped("keywords", compare_by="group")
    assert "Per group" in [h.value for h in at.subheader]
    at = grouped("distinctive")
    assert at.selectbox(key="distinctive_outlet").label == "Outlet"
