import pandas as pd

from lib import concordance, text
from tests.conftest import seed_text


def frame(*texts):
    return pd.DataFrame({"id": [f"a{i}" for i in range(len(texts))], "text": list(texts),
                         "outlet": "X", "date": pd.NaT, "file": "f.txt"})


def test_every_occurrence_comes_with_left_and_right_context():
    lines = concordance.kwic(frame("Russia's invasion of Ukraine. The invasion began in 2022."), "invasion", width=12)
    assert list(lines["match"]) == ["invasion", "invasion"]
    assert lines["left"].iloc[1].endswith("The ") and lines["right"].iloc[0].startswith(" of")


def test_phrases_match_across_hyphens_and_case_and_stars_match_endings():
    body = "A Full-Scale Invasion. The autocrats met; autocratic rule. Warm words, no war."
    assert list(concordance.kwic(frame(body), "full scale invasion")["match"]) == ["Full-Scale Invasion"]
    assert list(concordance.kwic(frame(body), "autocrat*")["match"]) == ["autocrats", "autocratic"]
    assert list(concordance.kwic(frame(body), "war")["match"]) == ["war"]


def test_each_occurrence_knows_its_voice_and_sentence():
    lines = concordance.kwic(frame(seed_text("001")), "dear friend")
    assert list(lines["voice"]) == ["quoted"]
    body = seed_text("000")
    seed000 = concordance.kwic(frame(body), "autocrat")
    assert seed000["voice"].iloc[0] == "narrative"
    start, end = text.sentence_spans(body)[seed000["sentence"].iloc[0]]
    assert "signed a “strategic partnership” – one day after the Chinese autocrat" in body[start:end]


def test_sentence_tone_is_joined_from_the_store():
    lines = concordance.kwic(frame("Calm day. The war was terrible."), "war")
    tone = pd.DataFrame({"article_id": ["a0", "a0"], "sentence": [0, 1], "compound": [0.0, -0.5]})
    assert concordance.with_sentiment(lines, tone)["compound"].tolist() == [-0.5]


def test_an_empty_query_finds_nothing():
    assert concordance.kwic(frame("text"), "  ").empty


def test_sentences_placed_from_stored_offsets_match_splitting_the_article_again():
    from lib.analyse import sentiment

    articles = frame(seed_text("000"), seed_text("001"), "Calm day. The war was terrible. War again.")
    stored = sentiment.score_sentences(text.sentences(articles[["id", "text"]])).astype({"start": "int32"})  # as stored
    for query in ("war", "autocrat*", "president", "dear friend"):
        split = concordance.with_sentiment(concordance.kwic(articles, query), stored)
        placed = concordance.with_sentiment(concordance.kwic(articles, query, sentence_index=False), stored)
        assert len(split), query
        pd.testing.assert_frame_equal(placed, split[placed.columns])
