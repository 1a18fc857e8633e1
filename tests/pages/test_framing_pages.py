"""Framing, Distinctive terms and Concordance pages on the seed corpus."""
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


def shares_chart(at):
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_framing_page_shows_each_outlets_name_for_the_war(analysed):
    at = analysed("framing", group="Naming the war in Ukraine")
    traces = {t["name"]: t for t in shares_chart(at)["data"]}
    assert set(traces) >= {"invasion", "military intervention", "conflict"}
    assert any(name.startswith("Best Reviews By Consumers") for name in traces["invasion"]["y"])
    usage = table(at, "outlet", "group", "term", "matches", "per_1000_words")
    unknown = usage[(usage["outlet"] == "(unknown outlet)") & (usage["term"] == "military intervention")]
    assert unknown["matches"].iloc[0] == 1


def test_the_quoted_voice_shows_the_dear_friend_label(analysed):
    at = analysed("framing", group="Labels for leaders", voice="quoted")
    names = [t["name"] for t in shares_chart(at)["data"] if t["x"]]
    assert "dear friend" in names


def test_a_broken_lexicon_file_is_reported_and_the_default_used(analysed, seed_dir):
    (seed_dir / "framing.csv").write_text("group,term\nonly two columns,x\n")
    at = analysed("framing")
    assert any("framing.csv" in w.value for w in at.warning)
    assert at.get("plotly_chart")


def test_concordance_lists_every_occurrence_with_its_voice(analysed):
    at = analysed("concordance", q="dear friend")
    lines = table(at, "outlet", "left", "match", "right", "voice")
    assert len(lines) == 2 and set(lines["voice"]) == {"quoted"}
    assert at.get("download_button")
    # voice and tone come before the context columns, which used to push them off-screen
    assert list(lines.columns[:7]) == ["outlet", "date", "voice", "compound", "left", "match", "right"]


def test_tables_show_headers_in_words_and_missing_values_as_a_dash(analysed):
    at = analysed("concordance", q="dear friend")
    [kwic] = [frame for frame in at.dataframe if "left" in frame.value.columns]
    config = json.loads(kwic.proto.columns)
    assert config["article_id"]["label"] == "article id" and config["compound"]["label"] == "tone"
    assert kwic.proto.placeholder == "—"


def test_distinctive_page_draws_the_log_odds_chart(analysed):
    at = analysed("distinctive", distinctive_outlet="UPI")
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "What sets UPI apart" in figure["layout"]["title"]["text"]


def test_distinctive_terms_open_on_a_known_outlet_and_keep_the_unknown_one_in_the_list(analysed):
    at = analysed("distinctive")
    picked = at.selectbox(key="distinctive_outlet")
    assert picked.value != "(unknown outlet)" and "(unknown outlet)" in picked.options


def test_the_usage_table_lists_only_the_outlets_that_use_the_set(analysed):
    # of the seeds' outlets, only the articles without an outlet name Taiwan's status
    at = analysed("framing", group="Taiwan")
    usage = table(at, "outlet", "group", "term", "matches")
    assert set(usage["outlet"]) == {"(unknown outlet)"} and usage["matches"].sum() > 0
