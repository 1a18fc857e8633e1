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
