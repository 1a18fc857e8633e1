"""The names outlets give one event, found by what they are about (lib.framing.targets), on
invented articles: two outlets, an invented country annexing another."""
from __future__ import annotations

import pandas as pd

from lib import framing
from lib.framing import phrases, targets

ARTICLES = [
    ("a1", "Daily Ledger", "Norland's annexation of Verland began at dawn. Tanks crossed the river."),
    ("a2", "Daily Ledger", "Critics said the annexation of Verland by Norland broke every treaty. The history of "
                           "Verland is long. The Verland annexation was condemned."),
    ("b1", "Morning Post", "The reunification of Verland by Norland was celebrated in the capital. The Verland "
                           "crisis has calmed, officials said."),
    ("b2", "Morning Post", "Norland's reunification of Verland was welcomed. The people remember World War II and "
                           "the war in Verland."),
]


def frame() -> pd.DataFrame:
    return pd.DataFrame(ARTICLES, columns=["id", "outlet", "text"])


def found_sets() -> pd.DataFrame:
    return targets.target_sets(phrases.tokenise(frame()["text"]))


def test_the_words_that_name_what_was_done_to_one_target_are_one_set():
    sets = found_sets()
    assert set(sets["group"]) == {"annexation / reunification (Verland)"}
    variants = dict(zip(sets["term"], sets["variants"]))
    assert variants == {"annexation of verland": "annexation of verland; verland annexation",
                        "reunification of verland": "reunification of verland"}
    assert dict(zip(sets["term"], sets["count"])) == {"annexation of verland": 3, "reunification of verland": 2}


def test_a_head_no_one_is_ever_the_agent_of_is_left_out():
    terms = {term.split()[0] for term in found_sets()["term"]}
    assert "history" not in terms and "war" not in terms   # "the history of Verland", "the war in Verland"
    assert not any("crisis" in term for term in found_sets()["term"])   # only ever "the Verland crisis": the form a place's institutions take too


def test_a_target_nobody_acts_on_gives_no_set():
    quiet = pd.Series(["The history of Verland is long.", "The people of Verland voted. The Verland team won."])
    assert targets.target_sets(phrases.tokenise(quiet)).empty


def test_counts_are_the_linked_phrases_and_the_outlets_differ():
    sets, counts = framing.candidate_sets(frame())
    mine = counts[counts["group"].map(targets.is_target_group)]
    by_outlet = mine.assign(outlet=mine["article_id"].map(frame().set_index("id")["outlet"]))
    used = by_outlet.groupby(["outlet", "term"])["count"].sum().to_dict()
    assert used == {("Daily Ledger", "annexation of verland"): 3, ("Morning Post", "reunification of verland"): 2}
    shown = framing.suggestions(frame(), sets, counts)
    row = shown[shown["group"] == "annexation / reunification (Verland)"].iloc[0]
    assert row["outlets"] == 2 and set(row["terms"]) == {"annexation of verland", "reunification of verland"}


def test_too_few_uses_to_rank_still_come_out_after_the_ranked_sets_with_score_zero():
    few = frame().iloc[[0, 2]]   # one article per outlet: Cramér's V corrects to 0
    sets, counts = framing.candidate_sets(frame())
    shown = framing.suggestions(few, sets, counts)
    mine = shown[shown["group"].map(targets.is_target_group)]
    assert len(mine) == 1 and mine.iloc[0]["score"] == 0
    assert mine.index[0] == len(shown) - 1   # after every ranked set


def test_only_target_sets_are_named_with_their_target():
    assert targets.is_target_group("invasion / crisis (Ukraine)")
    assert not targets.is_target_group("illegal aliens / undocumented immigrants")
    assert not targets.is_target_group(None)


def test_a_set_taken_out_of_the_candidates_is_never_shown_from_its_counts():
    sets, counts = framing.candidate_sets(frame())
    kept = sets[~sets["group"].map(targets.is_target_group).astype(bool)]   # as when dismissed
    for articles in (frame(), frame().iloc[[0, 2]]):
        shown = framing.suggestions(articles, kept, counts)
        assert not any(targets.is_target_group(g) for g in shown["group"])


def test_one_head_used_for_two_targets_is_two_terms_and_a_taken_term_is_left_out():
    texts = pd.Series(["Critics condemned Norland's annexation of Verland. Then Norland's seizure of Verland was quick.",
                       "Allies feared Norland's annexation of Osterland. Then Norland's seizure of Osterland followed.",
                       "The annexation of Verland by Norland and the annexation of Osterland by Norland were one plan."])
    tokens = phrases.tokenise(texts)
    sets = targets.target_sets(tokens)
    assert set(sets["group"]) == {"annexation / seizure (Verland)", "annexation / seizure (Osterland)"}
    assert sets["term"].is_unique   # per-article counts are kept by term
    fewer = targets.target_sets(tokens, taken={"seizure of osterland"})
    assert set(fewer["group"]) == {"annexation / seizure (Verland)"}   # Osterland is left one head
