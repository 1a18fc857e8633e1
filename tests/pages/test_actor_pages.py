"""Actors, Compare and Article reader pages on the seed corpus."""
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


def test_actors_page_shows_who_calls_xi_an_autocrat_and_who_quotes_dear_friend(analysed):
    at = analysed("actors", actor="Xi Jinping")
    labels = table(at, "actor", "outlet", "label", "kind", "voice", "count")
    autocrat = labels[labels["label"] == "autocrat"].iloc[0]
    assert (autocrat["outlet"], autocrat["voice"]) == ("(unknown outlet)", "narrative")
    assert set(labels[labels["label"] == "dear friend"]["voice"]) == {"quoted"}
    heatmap = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "How each outlet labels Xi Jinping" in heatmap["layout"]["title"]["text"]


def test_an_actor_list_saved_with_the_corpus_replaces_the_found_one(analysed, seed_dir):
    (seed_dir / "actors.csv").write_text("actor,alias\nVladimir Putin,Vladimir Putin\nVladimir Putin,Putin\n")
    at = analysed("actors")
    options = at.selectbox(key="actor").options
    assert options and all(o.startswith("Vladimir Putin") for o in options)  # Xi is no longer an actor


def test_an_actor_list_saved_while_the_dashboard_runs_is_used_on_the_next_run(analysed, seed_dir):
    at = analysed("actors")
    assert any(o.startswith("Xi Jinping") for o in at.selectbox(key="actor").options)
    (seed_dir / "actors.csv").write_text("actor,alias\nVladimir Putin,Vladimir Putin\nVladimir Putin,Putin\n")
    at.run()
    options = at.selectbox(key="actor").options
    assert options and all(o.startswith("Vladimir Putin") for o in options)


def test_compare_page_puts_two_outlets_side_by_side(analysed):
    at = analysed("compare", side_a="UPI", side_b="Best Reviews By Consumers")
    labels = table(at, "A: UPI", "B: Best Reviews By Consumers")
    assert "dear friend" in labels.loc["Xi Jinping", "A: UPI"]
    assert at.get("plotly_chart")


def test_reader_marks_terms_quotes_and_labels_and_escapes_the_text(analysed, seed_dir):
    from lib.load import corpus

    article_id = corpus.load(seed_dir).records.set_index("file").loc[
        next(p.name for p in seed_dir.glob("000_*")), "id"]
    at = analysed("reader", article=article_id)
    html = at.get("html")[-1].proto.body
    assert 'title="Labels for leaders: autocrat"' in html
    assert 'class="fs-label" title="Xi Jinping: autocrat"' in html
    assert "fs-q" in html and "<script" not in html


def test_the_unknown_outlet_can_be_chosen_but_is_never_a_default_side_although_it_is_the_largest(analysed):
    at = analysed("compare")   # the seeds: 3 articles of unknown outlet, 1 each from UPI and Best Reviews
    side_a, side_b = at.multiselect(key="side_a"), at.multiselect(key="side_b")
    assert "(unknown outlet)" in side_a.options
    assert "(unknown outlet)" not in side_a.value + side_b.value and side_a.value and side_b.value
