"""Keywords and Sentiment pages on the seed corpus (analysed once for the module)."""
import json

import pytest

from tests.pages.conftest import table


@pytest.fixture
def analysed(app, seed_dir):
    from lib import analyse
    from lib.load import corpus

    loaded = corpus.load(seed_dir)
    analyse.analyze(analyse.analyzable(loaded.records), analyse.open_store(), texts=loaded.texts, workers=1)
    return app


def figure(at, index):
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def test_keywords_page_shows_each_outlets_keyphrases_side_by_side(analysed):
    at = analysed("keywords")
    panels = figure(at, 0)["data"]
    assert len(panels) == 3  # UPI, Best Reviews By Consumers, unknown
    assert any("vladimir putin" in trace["y"] for trace in panels)
    assert not any("president vladimir putin" in trace["y"] for trace in panels)  # one name, one keyphrase
    per_outlet = table(at, "outlet", "keyphrase", "share")
    assert set(per_outlet["outlet"]) == {"UPI", "Best Reviews By Consumers", "(unknown outlet)"}
    assert any("president vladimir putin" in a for a in per_outlet.loc[per_outlet["keyphrase"] == "vladimir putin", "also"])


def test_choosing_a_keyphrase_lists_the_articles_that_have_it(analysed):
    at = analysed("keywords")
    at.selectbox(key="keyphrase").set_value("vladimir putin").run()
    hits = table(at, "outlet", "date", "title", "file", "rank")
    assert len(hits) >= 2 and hits["rank"].between(1, 10).all()


def test_sentiment_page_charts_tone_with_n_per_outlet(analysed):
    at = analysed("sentiment")
    tone = figure(at, 0)["data"][0]
    assert sorted(tone["y"]) == ["(unknown outlet) (N=3)", "Best Reviews By Consumers (N=1)", "UPI (N=1)"]
    extremes = table(at, "compound", "sentence", "voice", "outlet", "file")
    assert len(extremes) == 16 and extremes["sentence"].str.len().gt(10).all()


def test_the_outlet_filter_narrows_the_sentiment_page(analysed):
    at = analysed("sentiment", outlet="UPI")
    assert figure(at, 0)["data"][0]["y"] == ["UPI (N=1)"]


def test_overview_adds_tone_and_top_keyphrases(analysed):
    at = analysed()
    keyphrases = table(at, "outlet", "keyphrases")
    assert len(keyphrases) == 3


def test_a_page_opened_before_analysis_says_what_is_pending(app):
    at = app("sentiment")  # the background job starts; nothing stored yet or only part of it
    assert not at.exception


def chart(at, title_start):
    """The figure on the page whose title starts with ``title_start``."""
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        if spec["layout"]["title"]["text"].startswith(title_start):
            return spec
    raise LookupError(title_start)


def test_tone_over_time_compares_the_largest_known_outlets_whatever_the_sidebar_chose(analysed):
    at = analysed("sentiment", outlet="UPI")
    compared = at.multiselect(key="tone_outlets")
    assert compared.value == ["Best Reviews By Consumers", "UPI"]  # never "(unknown outlet)" by default
    assert "(unknown outlet)" in compared.options
    lines = [t for t in chart(at, "Tone over time")["data"] if t.get("mode") == "lines+markers"]
    assert sorted(t["name"] for t in lines) == ["Best Reviews By Consumers", "UPI"]
    assert figure(at, 0)["data"][0]["y"] == ["UPI (N=1)"]  # the rest of the page still follows the sidebar


def test_tone_over_time_follows_the_chosen_bin_and_smoothing(analysed):
    at = analysed("sentiment")
    at.radio(key="tone_bin").set_value("day").run()
    at.selectbox(key="tone_smooth").set_value(3).run()
    spec = chart(at, "Tone over time")
    assert spec["layout"]["title"]["text"] == "Tone over time, per day (rolling mean of 3 days)"
    axis = spec["layout"]["xaxis"]
    assert "%H" not in axis["tickformat"]  # ticks of days or months, never 00:00 / 12:00
    assert spec["layout"]["legend"]["x"] > 1  # right of the plot, clear of the date labels


def test_a_shared_link_reopens_the_tone_comparison_as_it_was(analysed):
    at = analysed("sentiment", tone_outlets="UPI", tone_bin="week", tone_smooth="3 bins", tone_band="true")
    assert at.multiselect(key="tone_outlets").value == ["UPI"]
    assert (at.radio(key="tone_bin").value, at.selectbox(key="tone_smooth").value) == ("week", 3)
    assert at.checkbox(key="tone_band").value is True
    assert chart(at, "Tone over time")["layout"]["title"]["text"] == "Tone over time, per week (rolling mean of 3 weeks)"
