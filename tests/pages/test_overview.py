from tests.pages.conftest import table
import json

import numpy as np



def figures(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def bar_values(trace):
    x = trace["x"]
    if isinstance(x, dict):  # plotly 7 packs numeric arrays as base64
        import base64
        return list(np.frombuffer(base64.b64decode(x["bdata"]), dtype=x["dtype"]))
    return list(x)


def test_overview_counts_articles_and_names_the_inferred_outlets(app):
    at = app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Articles"] == "5"
    assert metrics["Outlets"] == "2"
    per_outlet = figures(at)[0]["data"][0]
    assert set(per_outlet["y"]) == {"UPI", "Best Reviews By Consumers", "(unknown outlet)"}
    assert sorted(bar_values(per_outlet)) == [1, 1, 3]


def test_overview_shows_what_is_unknown(app):
    at = app()
    missing = table(at, "field", "missing").set_index("field")["missing"]
    assert missing["outlet"] == 3 and missing["date"] == 2


def test_the_outlet_filter_narrows_the_overview_and_lives_in_the_url(app):
    at = app()
    at.multiselect(key="outlet").select("UPI").run()
    assert {m.label: m.value for m in at.metric}["Articles"] == "1"
    assert at.query_params["outlet"] in (["UPI"], "UPI")


def test_a_shared_link_reproduces_the_filtered_view(app):
    at = app(outlet="Best Reviews By Consumers")
    assert at.multiselect(key="outlet").value == ["Best Reviews By Consumers"]
    assert {m.label: m.value for m in at.metric}["Articles"] == "1"


def test_the_filter_persists_when_switching_pages(app):
    at = app()
    at.multiselect(key="outlet").select("UPI").run()
    at.switch_page("pages/corpus.py").run()
    at.switch_page("pages/overview.py").run()
    assert at.multiselect(key="outlet").value == ["UPI"]
    assert {m.label: m.value for m in at.metric}["Articles"] == "1"


def test_an_empty_corpus_gets_a_helpful_message(app, seed_dir):
    for path in seed_dir.iterdir():
        path.unlink()
    at = app()
    assert any("No articles" in i.value for i in at.info)


def timeline_chart(at):
    return next(f for f in figures(at) if f["layout"]["title"]["text"].endswith(", by outlet"))


def test_the_timeline_bin_can_be_chosen_and_a_link_reopens_it(app):
    # (AppTest does not write a page's bound widgets back to its URL; a browser does)
    at = app()
    assert timeline_chart(at)["layout"]["title"]["text"] == "Articles per week, by outlet"  # auto: May–September
    at.radio(key="time_bin").set_value("month").run()
    assert timeline_chart(at)["layout"]["title"]["text"] == "Articles per month, by outlet"
    shared = app(time_bin="day")
    assert shared.radio(key="time_bin").value == "day"
    daily = timeline_chart(shared)
    assert daily["layout"]["title"]["text"] == "Articles per day, by outlet"
    assert "%H" not in daily["layout"]["xaxis"]["tickformat"]  # daily bars, never 00:00 / 12:00 ticks


def test_an_article_dated_years_away_is_named_under_the_timeline_not_stretched_across_it(app, seed_dir):
    for day in range(10, 28):  # 21 dated articles in May–September 2025, and one from 2005
        (seed_dir / f"may_{day}.txt").write_text(
            f"date 2025-05-{day}\n\nCouncil meeting number {day}\n\nThe council met on day {day} and voted "
            f"on item {day * 7} of the budget after a debate about roads, schools and parks.\n", encoding="utf-8")
    (seed_dir / "archive.txt").write_text(
        "date 2005-03-01\n\nAn old archive piece\n\nTwenty years ago the council argued about a bridge "
        "that was never built, and the plans were filed away.\n", encoding="utf-8")
    at = app()
    assert {m.label: m.value for m in at.metric}["Articles"] == "24"  # counted like any other
    axis = timeline_chart(at)["layout"]["xaxis"]
    assert axis["range"][0].startswith("2025-05")
    notes = [c.value for c in at.caption if "outside the range shown" in c.value]
    assert notes == ["1 article outside the range shown\\: 2005\\-03\\-01 \\(archive\\.txt\\)\\."]  # escaped: a file name is no markup
