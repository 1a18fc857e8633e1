"""The Frames page on five invented articles, one written for each generic news frame."""
import json
import shutil

import pytest

from tests.pages.conftest import ROOT, table

INVENTED = ROOT / "tests" / "fixtures" / "frames" / "articles.jsonl"


@pytest.fixture
def frames_app(app, tmp_path, monkeypatch):
    from lib import analyse
    from lib.load import corpus

    folder = tmp_path / "invented"
    folder.mkdir()
    shutil.copy(INVENTED, folder / "articles.jsonl")
    loaded = corpus.load(folder)
    analyse.analyze(analyse.analyzable(loaded.records), analyse.open_store(), texts=loaded.texts, workers=1)
    monkeypatch.setenv("FRAMESCOPE_DATA", str(folder))
    return app


def test_frames_page_charts_each_outlets_share_of_every_frame_with_n(frames_app):
    at = frames_app("frames")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(spec["data"]) == 5  # one panel per frame
    assert {y for trace in spec["data"] for y in trace["y"]} == {"Daily Bugle (N=2)", "Morning Star (N=3)"}
    shares = table(at, "outlet", "frame", "share", "ci_low", "ci_high")
    bugle = shares[(shares["outlet"] == "Daily Bugle") & (shares["frame"] == "economic")].iloc[0]
    assert (bugle["present"], bugle["articles"]) == (1, 2) and bugle["ci_low"] < 0.5 < bugle["ci_high"]
    assert "How this is measured" in [e.label for e in at.expander]


def test_evidence_lists_the_sentences_that_drove_the_chosen_frame_as_plain_text(frames_app):
    at = frames_app("frames")
    at.selectbox(key="frames_frame").set_value("moral").run()
    evidence = table(at, "outlet", "score", "sentence")
    assert set(evidence["outlet"]) == {"Morning Star"}
    assert evidence["sentence"].str.contains("moral|sin|God", regex=True).any()


def test_the_sidebar_outlet_filter_narrows_the_chart(frames_app):
    at = frames_app("frames", outlet=["Morning Star"])
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {y for trace in spec["data"] for y in trace["y"]} == {"Morning Star (N=3)"}
