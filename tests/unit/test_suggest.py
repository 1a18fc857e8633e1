"""Suggested contested-term sets (lib.framing.suggest, lib.framing.suggested) on an invented corpus
where two outlets name one thing differently (tests/fixtures/wordings.py)."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from lib import framing
from lib.framing import phrases, suggest
from tests.fixtures.wordings import write_corpus


@pytest.fixture
def articles(tmp_path):
    path = write_corpus(tmp_path / "corpus")
    return pd.DataFrame([json.loads(line) for line in path.open()])


def best(articles, **options):
    sets, counts = framing.candidate_sets(articles)
    return framing.suggestions(articles, sets, counts, **options), sets


def test_two_outlets_names_for_one_thing_are_the_top_suggestion(articles):
    ranked, sets = best(articles)
    assert set(ranked.iloc[0]["terms"]) == {"undocumented immigrants", "illegal aliens"}
    assert ranked.iloc[0]["cramers_v"] > 0.9 and ranked.iloc[0]["n"] >= 30


def test_things_mentioned_together_are_not_one_set(articles):
    ranked, sets = best(articles, top=50)
    for terms in ranked["terms"]:
        assert not {"senators", "governors"} <= set(terms)
    together = sets.groupby("group")["term"].agg(set)
    assert not any({"senators", "governors"} <= terms for terms in together)


def test_a_word_both_outlets_use_alike_is_not_suggested(articles):
    ranked, _ = best(articles, top=50)
    assert not any("border" in term for terms in ranked["terms"] for term in terms)


def test_a_phrase_cut_out_of_names_is_no_wording():
    # the Ledger writes "Leader Ann Roe", the Courier "Representative Ann Roe": two titles of one
    # person, but "leader ann" / "representative ann" stop inside her name
    rows = []
    for outlet, title in (("The Ledger", "Leader"), ("The Courier", "Representative")):
        for number in range(8):
            text = (f"{title} Ann Roe spoke to the council on day {number}. Later {title} Ann Roe said "
                    f"the budget would pass. Critics of {title} Ann Roe disagreed with the plan.")
            rows.append({"id": f"{outlet}-{number}", "outlet": outlet, "text": text})
    sets, _ = framing.candidate_sets(pd.DataFrame(rows))
    assert not any(term.endswith(" ann") for term in sets["term"])


def test_units_after_numbers_are_no_wording():
    # the Ledger counts in tons, the Courier in pounds: a unit, not a name for the waste
    rows = []
    for outlet, unit in (("The Ledger", "tons"), ("The Courier", "pounds")):
        for number in range(8):
            text = (f"The plant dumped {number + 3} {unit} of waste into the river on day {number}. "
                    f"Inspectors found {number + 40} {unit} more near the dam. About {number + 7} million "
                    f"{unit} of waste sit in the valley, the report said.")
            rows.append({"id": f"{outlet}-{number}", "outlet": outlet, "text": text})
    sets, _ = framing.candidate_sets(pd.DataFrame(rows))
    assert not ({"tons", "pounds"} & set(sets["term"]))


def test_singular_and_plural_are_one_term():
    text = ("Officials met the undocumented immigrant and his lawyer. Many undocumented immigrants work here. "
            "The undocumented immigrants said no. An undocumented immigrant spoke.")
    frame = pd.DataFrame({"id": ["a", "b"], "text": [text, text]})
    tokens = phrases.tokenise(frame["text"])
    found = phrases.merge_inflections(phrases.frequent(tokens, 2))
    row = found[found["variants"].map(lambda forms: "undocumented immigrant" in forms
                                                    or "undocumented immigrants" in forms)]
    assert len(row) == 1
    assert set(row.iloc[0]["variants"]) == {"undocumented immigrant", "undocumented immigrants"}


def test_the_voice_decides_which_uses_count(tmp_path):
    path = write_corpus(tmp_path / "quoted", quoted_by_ledger="illegal aliens")
    articles = pd.DataFrame([json.loads(line) for line in path.open()])
    sets, counts = framing.candidate_sets(articles)
    group = sets.loc[sets["term"] == "illegal aliens", "group"].iloc[0]
    found = framing.matches(articles, suggest.as_lexicon(sets[sets["group"] == group]))
    own = framing.shares(found, articles, voices=("narrative", "scare"))
    quoted = framing.shares(found, articles, voices=("quoted",))
    ledger_own = own[(own["outlet"] == "The Ledger") & (own["term"] == "illegal aliens")]["share"].iloc[0]
    ledger_quoted = quoted[(quoted["outlet"] == "The Ledger") & (quoted["term"] == "illegal aliens")]["share"].iloc[0]
    assert ledger_own == 0 and ledger_quoted == 1


def test_an_empty_or_wordless_corpus_gives_no_sets():
    for texts in ([], ["", "  "], ["12 34 56"]):
        sets, counts = framing.candidate_sets(pd.DataFrame({"id": [str(i) for i in range(len(texts))], "text": texts}))
        assert sets.empty and counts.empty
        assert list(sets.columns) == suggest.CANDIDATE_COLUMNS


def test_evidence_names_the_outlet_and_the_match_within_its_sentence(articles):
    ranked, sets = best(articles)
    group = ranked.iloc[0]["group"]
    found = framing.matches(articles, suggest.as_lexicon(sets[sets["group"] == group]))
    shown = framing.evidence(found, articles, per_term=1)
    assert set(shown["term"]) == {"undocumented immigrants", "illegal aliens"}
    for row in shown.itertuples():
        assert row.sentence[row.start:row.end].lower() == row.term


def test_add_to_lexicon_appends_the_set_and_keeps_the_rest(tmp_path, articles):
    ranked, sets = best(articles)
    group = ranked.iloc[0]["group"]
    folder = tmp_path / "corpus"
    before = framing.read_lexicon(folder)[0]
    framing.add_to_lexicon(folder, sets, group)
    after = framing.read_lexicon(folder)[0]
    assert set(after["group"]) == set(before["group"]) | {group}
    assert len(after) == len(before) + 2
    framing.add_to_lexicon(folder, sets, group)  # a second click adds nothing
    assert len(framing.read_lexicon(folder)[0]) == len(after)
    assert framing.without_known(sets, after, set())["group"].ne(group).all()


def test_dismissed_sets_are_remembered_and_hidden(tmp_path, articles):
    ranked, sets = best(articles)
    group = ranked.iloc[0]["group"]
    folder = tmp_path / "corpus"
    framing.dismiss(folder, group)
    framing.dismiss(folder, group)
    assert framing.read_dismissed(folder) == {group}
    kept = framing.without_known(sets, framing.read_lexicon(folder)[0], framing.read_dismissed(folder))
    assert group not in set(kept["group"]) and len(kept) == len(sets) - 2


def test_bias_corrected_v_is_near_zero_for_a_table_independence_explains():
    cells = pd.DataFrame({"group": ["g"] * 4, "outlet": ["a", "a", "b", "b"], "term": ["x", "y", "x", "y"],
                          "o": [50, 50, 50, 50]})
    assert suggest.association(cells).loc["g", "cramers_v"] == 0
    split = cells.assign(o=[50, 0, 0, 50])[lambda f: f["o"] > 0]
    assert suggest.association(split).loc["g", "cramers_v"] > 0.95


def test_quoted_uses_count_only_in_the_quoted_voice(tmp_path):
    path = write_corpus(tmp_path / "quoted", quoted_by_ledger="illegal aliens")
    articles = pd.DataFrame([json.loads(line) for line in path.open()])
    sets, counts = framing.candidate_sets(articles)
    quoted = counts[counts["quoted"]]
    assert set(quoted["article_id"].str.split("-").str[0]) == {"ledger"}  # the Courier quotes no one
    ledger = counts[counts["article_id"].str.startswith("ledger") & (counts["term"] == "illegal aliens")]
    assert len(ledger) == 12 and ledger["quoted"].all()  # the Ledger writes it only inside a quotation
