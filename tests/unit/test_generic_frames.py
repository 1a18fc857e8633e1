"""Generic news frames: indicator matches per sentence, the per-article decision, its evidence,
and shares per outlet with Wilson intervals (lib.framing.generic)."""
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from lib import framing, text
from lib.framing import generic

INVENTED = Path(__file__).resolve().parents[1] / "fixtures" / "frames" / "articles.jsonl"
WRITTEN_FOR = {"conflict": "conflict", "economic": "economic", "human": "human_interest", "moral": "moral",
               "resolution": "resolution"}


@pytest.fixture(scope="module")
def invented() -> pd.DataFrame:
    return pd.DataFrame([json.loads(line) for line in INVENTED.read_text().splitlines()])


@pytest.fixture(scope="module")
def scored(invented):
    return generic.score_frames(text.sentences(invented[["id", "text"]]))


def hits(*sentences, voices=None):
    return generic.sentence_hits(list(sentences), voices)


def test_each_invented_article_has_the_frame_it_was_written_for_and_no_other(scored):
    articles, _ = scored
    for row in articles.itertuples():
        present = {f for f in generic.FRAMES if getattr(row, f"frame_{f}")}
        assert present == {WRITTEN_FOR[row.article_id]}, row.article_id


def test_scores_are_between_0_and_1_and_present_means_at_or_above_the_threshold(scored):
    articles, _ = scored
    for frame in generic.FRAMES:
        score = articles[f"frame_{frame}_score"]
        assert score.between(0, 1).all()
        assert (articles[f"frame_{frame}"] == (score >= generic.MODEL[frame][2])).all()


@pytest.mark.parametrize("frame, present, absent", [
    ("conflict", "Critics accused the mayor of lying, and her rivals slammed the deal.",
     "The mayor opened the new library on Tuesday."),
    ("economic", "The project will cost taxpayers $40 million and 300 jobs.", "The library has a blue door."),
    ("human_interest", "The 34-year-old mother cried as she described her grief.", "The report has ten chapters."),
    ("moral", "The bishop said it was a sin and morally wrong.", "The bus leaves at noon."),
    ("resolution", "Lawmakers proposed legislation to solve the problem.", "It rained all afternoon."),
])
def test_a_sentence_with_the_frames_indicators_counts_and_a_plain_one_does_not(frame, present, absent):
    found = hits(present, absent)[frame]
    assert found[0] >= 2 and found[1] == 0


def test_indicators_match_whole_words_only():
    assert hits("The costume party was fun.")["economic"] == [0]   # "cost" is listed, not "cost*"
    assert hits("The signal was significant.")["resolution"] == [0]  # "signed", not "sign*"


def test_first_person_words_count_for_human_interest_only_inside_a_quotation():
    sentences = ['"My house is gone," she said.', "My colleague wrote this report."]
    quoted = hits(*sentences, voices=["quoted", "narrative"])["human_interest"]
    assert quoted == [1, 0]
    assert hits(*sentences)["human_interest"] == [0, 0]  # no voices given: no testimony indicator


def test_curly_apostrophes_match_like_straight_ones():
    assert hits("It’s wrong, we must stop.")["moral"] == hits("It's wrong, we must stop.")["moral"]


def test_evidence_lists_the_sentences_with_the_most_matches_first(scored, invented):
    _, evidence = scored
    conflict = evidence[(evidence["article_id"] == "conflict") & (evidence["frame"] == "conflict")]
    assert 1 <= len(conflict) <= generic.EVIDENCE
    assert conflict["hits"].is_monotonic_decreasing and (conflict["hits"] >= 1).all()
    sentences = text.sentences(invented[invented["id"] == "conflict"][["id", "text"]]).set_index("sentence")
    top = sentences.loc[conflict["sentence"].iloc[0], "text"]
    assert generic.sentence_hits([top])["conflict"][0] == conflict["hits"].iloc[0]


def test_no_sentences_give_typed_empty_frames():
    articles, evidence = generic.score_frames(text.sentences(pd.DataFrame({"id": [], "text": []})))
    assert articles.empty and evidence.empty
    assert {"article_id", "frame_conflict", "frame_moral_score"} <= set(articles.columns)
    assert list(evidence.columns) == ["article_id", "frame", "sentence", "hits"]


def test_the_indicators_name_no_topic():
    # The frames must work on any story: none of the tuning corpus's topic words is an indicator.
    words = {w for frame in generic.FRAMES for _, ws in generic.INDICATORS[frame] for w in ws}
    topical = re.compile(r"climat|warming|carbon|emission|fossil|coal|renewable|greenhouse|paris|epa|trump")
    assert not [w for w in words if topical.search(w)]


def framed(rows):
    """Articles with frame columns from (id, outlet, conflict?, conflict score) rows; other frames absent."""
    out = pd.DataFrame(rows, columns=["id", "outlet", "frame_conflict", "frame_conflict_score"])
    for frame in generic.FRAMES[1:]:
        out[f"frame_{frame}"] = False
        out[f"frame_{frame}_score"] = 0.1
    return out


def test_shares_per_outlet_have_n_and_a_wilson_interval_around_the_share():
    articles = framed([("a", "Bugle", True, 0.9), ("b", "Bugle", True, 0.8), ("c", "Bugle", False, 0.2),
                       ("d", "Star", False, 0.1), ("e", None, True, 0.9)])
    shares = framing.frame_shares(articles, by="outlet")
    assert list(shares.columns) == ["group", "frame", "articles", "present", "share", "ci_low", "ci_high",
                                    "mean_score"]
    assert len(shares) == 2 * len(generic.FRAMES)  # the article without an outlet is left out
    bugle = shares[(shares["group"] == "Bugle") & (shares["frame"] == "conflict")].iloc[0]
    assert (bugle["articles"], bugle["present"]) == (3, 2) and bugle["share"] == pytest.approx(2 / 3)
    assert 0 < bugle["ci_low"] < bugle["share"] < bugle["ci_high"] < 1
    star = shares[(shares["group"] == "Star") & (shares["frame"] == "conflict")].iloc[0]
    assert star["share"] == 0 and star["ci_low"] == 0 and 0 < star["ci_high"] < 1
    assert list(shares[shares["group"] == "Bugle"]["frame"]) == list(generic.FRAMES)


def test_shares_can_be_grouped_by_story_and_an_empty_selection_gives_an_empty_table():
    articles = framed([("a", "Bugle", True, 0.9), ("b", "Star", False, 0.2)]).assign(story=["s1", "s1"])
    by_story = framing.frame_shares(articles, by="story")
    assert set(by_story["group"]) == {"s1"} and by_story["articles"].eq(2).all()
    assert framing.frame_shares(articles.iloc[0:0], by="outlet").empty
    with pytest.raises(ValueError, match="missing"):
        framing.frame_shares(articles.drop(columns=["frame_moral"]))


@pytest.mark.parametrize("frame, question, sentence", [
    ("human_interest", "how individuals and groups are affected",
     "Farmers and their children were displaced when the river rose."),
    ("human_interest", "the private or personal lives of the actors",
     "The senator, recently diagnosed with an illness, married his girlfriend in her hometown."),
    ("moral", "how one should behave", "We should not look away; each of us owes the stranger help."),
    ("resolution", "an individual, group or government is responsible",
     "The agency failed to inspect the dam and is to blame for the collapse."),
])
def test_each_codebook_question_has_its_own_count(frame, question, sentence):
    index = [q for q, _ in generic.INDICATORS[frame]].index(question)
    counts = generic.question_hits([sentence, "The bus leaves at noon."])[frame]
    assert counts[index][0] >= 2 and all(row[1] == 0 for row in counts)


def test_sentence_hits_are_the_question_counts_added_up():
    sentences = ["Critics slammed the $40 million plan.", "She wept at her son's funeral.", "It rained."]
    questions = generic.question_hits(sentences)
    totals = generic.sentence_hits(sentences)
    for frame in generic.FRAMES:
        assert totals[frame] == [sum(column) for column in zip(*questions[frame])]
    assert totals["economic"][0] >= 2 and totals["economic"][2] == 0


def test_the_lead_feature_counts_only_the_headline_and_first_two_sentences():
    plain, costly = "The library has a blue door.", "The bridge will cost taxpayers $40 million."
    early = generic.features(generic.question_hits([costly, plain, plain, plain]))["economic"]
    late = generic.features(generic.question_hits([plain, plain, plain, costly]))["economic"]
    lead = generic.FEATURES["economic"].index("log_lead_hits")
    assert early[lead] > 0 and late[lead] == 0
    assert early[:lead] == late[:lead]  # the same matches otherwise


def test_an_indicator_sentence_in_place_of_a_plain_one_never_lowers_a_frames_score():
    plain = "The library has a blue door."
    framed_sentences = {"conflict": "Critics accused the mayor and her rivals slammed the deal.",
                        "economic": "The project will cost taxpayers $40 million and 300 jobs.",
                        "human_interest": "The 34-year-old mother cried as she described her grief.",
                        "moral": "The bishop said it was a sin and morally wrong.",
                        "resolution": "Lawmakers proposed legislation to solve the problem."}
    for frame, sentence in framed_sentences.items():
        before, _ = generic.score_article([plain] * 6)
        after, _ = generic.score_article([sentence] + [plain] * 5)
        assert after[frame][0] > before[frame][0], frame


def test_the_stored_model_has_one_weight_per_feature_and_none_negative_but_length():
    for frame in generic.FRAMES:
        _, weights, threshold = generic.MODEL[frame]
        assert len(weights) == len(generic.FEATURES[frame]) and 0 < threshold < 1
        assert generic.FEATURES[frame][-1] == "log_sentences" and min(weights[:-1]) >= 0
