import math
import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import distinctive
from lib.distinctive import STOPWORDS, log_odds, one_vs_rest, term_counts

FUZZ_EXAMPLES = int(os.environ.get("FRAMESCOPE_FUZZ_EXAMPLES", 100))


def articles(*rows: tuple[str, str]) -> pd.DataFrame:
    """(outlet, text) pairs as an articles frame."""
    return pd.DataFrame({"id": [f"a{i}" for i in range(len(rows))],
                         "outlet": [o for o, _ in rows], "text": [t for _, t in rows]})


def counts(table: dict[str, dict[str, int]]) -> pd.DataFrame:
    """{outlet: {term: count}} as a term_counts frame."""
    rows = [(o, t, c) for o, terms in table.items() for t, c in terms.items()]
    return pd.DataFrame(rows, columns=["outlet", "term", "count"])


WAR_AND_PEACE = counts({"A": {"war": 10, "peace": 2, "tax": 8},
                        "B": {"war": 4, "peace": 12, "tax": 4}})


# --- the statistic ------------------------------------------------------------------------------

def test_the_statistic_matches_a_small_example_worked_by_hand():
    # A: war 10, peace 2, tax 8 (n_A = 20);  B: war 4, peace 12, tax 4 (n_B = 20).
    # Corpus: war 14, peace 14, tax 12 of N = 40.  Prior size α0 = 10, so
    #   α_war = 10 · 14/40 = 3.5,  α_peace = 10 · 14/40 = 3.5,  α_tax = 10 · 12/40 = 3.0  (Σ = 10).
    # δ = log((y_A + α) / (n_A + α0 − y_A − α)) − log((y_B + α) / (n_B + α0 − y_B − α))
    #   war:   log((10 + 3.5) / (20 + 10 − 10 − 3.5)) − log((4 + 3.5) / (20 + 10 − 4 − 3.5))
    #        = log(13.5 / 16.5) − log(7.5 / 22.5)
    #   peace: log((2 + 3.5) / (20 + 10 − 2 − 3.5)) − log((12 + 3.5) / (20 + 10 − 12 − 3.5))
    #        = log(5.5 / 24.5) − log(15.5 / 14.5)
    #   tax:   log((8 + 3) / (20 + 10 − 8 − 3)) − log((4 + 3) / (20 + 10 − 4 − 3))
    #        = log(11 / 19) − log(7 / 23)
    # var = 1/(y_A + α) + 1/(y_B + α):  war 1/13.5 + 1/7.5,  peace 1/5.5 + 1/15.5,  tax 1/11 + 1/7
    delta = {"war": math.log(13.5 / 16.5) - math.log(7.5 / 22.5),
             "peace": math.log(5.5 / 24.5) - math.log(15.5 / 14.5),
             "tax": math.log(11 / 19) - math.log(7 / 23)}
    var = {"war": 1 / 13.5 + 1 / 7.5, "peace": 1 / 5.5 + 1 / 15.5, "tax": 1 / 11 + 1 / 7}
    z = {t: delta[t] / math.sqrt(var[t]) for t in delta}

    out = log_odds(WAR_AND_PEACE, group="A", prior_size=10).set_index("term")

    for term in delta:
        assert out.loc[term, "delta"] == pytest.approx(delta[term], abs=1e-9)
        assert out.loc[term, "z"] == pytest.approx(z[term], abs=1e-9)
    assert list(out.index) == ["war", "tax", "peace"]            # z descending: 1.97, 1.33, −3.14
    assert out.loc["war", ["count_group", "count_rest"]].tolist() == [10, 4]
    assert out.loc["war", "freq_group"] == pytest.approx(500.0)  # 10 of 20 counted terms, per 1,000
    assert out.loc["peace", "freq_rest"] == pytest.approx(600.0)


def test_swapping_the_sides_negates_delta_and_z():
    ab = log_odds(WAR_AND_PEACE, group="A", rest="B", prior_size=10).set_index("term").sort_index()
    ba = log_odds(WAR_AND_PEACE, group="B", rest="A", prior_size=10).set_index("term").sort_index()
    np.testing.assert_allclose(ab["delta"], -ba["delta"], atol=1e-12)
    np.testing.assert_allclose(ab["z"], -ba["z"], atol=1e-12)
    assert (ab["count_group"] == ba["count_rest"]).all()


def test_one_vs_rest_is_log_odds_of_each_outlet_against_all_the_others():
    corpus = term_counts(articles(
        ("Left", "Climate crisis hits coastal towns. The climate crisis worsens. Tax the rich."),
        ("Left", "Voters fear the climate crisis; renewable energy jobs grow."),
        ("Right", "Illegal immigration surges at the border. Border security now. Tax cuts work."),
        ("Right", "Border wall funding stalls; illegal immigration continues."),
        ("Centre", "Congress debates tax policy and border funding. Energy prices rise."),
        ("Centre", "Energy prices and tax policy dominate the debate in Congress."),
    ), min_count=1)
    table = one_vs_rest(corpus, top=5, min_z=0.5, prior_size=50)
    assert set(table["outlet"]) == {"Centre", "Left", "Right"}
    for outlet, got in table.groupby("outlet"):
        expected = log_odds(corpus, group=outlet, prior_size=50)
        expected = expected[expected["z"] >= 0.5].head(5)
        assert got["term"].tolist() == expected["term"].tolist()
        np.testing.assert_allclose(got["z"], expected["z"], rtol=1e-12)
        np.testing.assert_allclose(got["delta"], expected["delta"], rtol=1e-12)
        assert got["count_group"].tolist() == expected["count_group"].tolist()
        assert got["count_rest"].tolist() == expected["count_rest"].tolist()
        assert got["rank"].tolist() == list(range(1, len(got) + 1))


def test_a_term_only_one_outlet_uses_gets_the_top_z_there():
    shared = "budget vote senate house committee hearing "
    corpus = term_counts(articles(("A", shared * 5 + "zebra " * 6), ("B", shared * 5), ("C", shared * 6)))
    top = one_vs_rest(corpus, min_z=0)
    assert top[top["outlet"] == "A"].iloc[0][["term", "rank", "count_rest"]].tolist() == ["zebra", 1, 0]
    assert "zebra" not in set(top.loc[top["outlet"] != "A", "term"])


def test_the_prior_shrinks_rare_terms():
    # "once" is 1 vs 0 and "often" 50 vs 0: both used by A only, but only "often" is good evidence.
    frame = counts({"A": {"once": 1, "often": 50, "filler": 500}, "B": {"filler": 550}})
    out = log_odds(frame, group="A", prior_size=100).set_index("term")
    assert abs(out.loc["once", "z"]) < abs(out.loc["often", "z"])
    assert out.loc["once", "count_rest"] == 0 and np.isfinite(out["z"]).all()


def test_a_larger_prior_pulls_z_towards_zero_for_a_small_outlet():
    frame = counts({"Small": {"rare": 3, "filler": 30}, "Big": {"rare": 1, "filler": 5000}})
    z = [log_odds(frame, group="Small", prior_size=size).set_index("term").loc["rare", "z"]
         for size in (100, 10_000, 1_000_000)]
    assert z[0] > z[1] > z[2] > 0


def test_pairwise_comparison_ignores_terms_only_a_third_outlet_uses():
    frame = counts({"A": {"war": 5, "tax": 2}, "B": {"war": 1, "peace": 3}, "C": {"ocean": 9}})
    out = log_odds(frame, group="A", rest="B")
    assert set(out["term"]) == {"war", "tax", "peace"}
    assert out.set_index("term").loc["tax", "count_rest"] == 0
    assert np.isfinite(out[["delta", "z"]].to_numpy()).all()


def test_a_group_can_be_several_outlets():
    frame = counts({"A": {"war": 5}, "B": {"war": 3, "tax": 1}, "C": {"tax": 6, "war": 1}})
    out = log_odds(frame, group={"A", "B"}).set_index("term")
    assert out.loc["war", ["count_group", "count_rest"]].tolist() == [8, 1]
    assert out.loc["war", "z"] > 0 > out.loc["tax", "z"]


def test_overlapping_group_and_rest_are_refused():
    with pytest.raises(ValueError, match="overlap"):
        log_odds(WAR_AND_PEACE, group={"A", "B"}, rest="B")


@pytest.mark.parametrize("size", [0, -1, float("nan")])
def test_the_prior_size_must_be_positive(size):
    with pytest.raises(ValueError, match="prior_size"):
        log_odds(WAR_AND_PEACE, group="A", prior_size=size)


def test_one_vs_rest_accepts_only_the_prior_size_as_an_extra_option():
    with pytest.raises(TypeError, match="rest"):
        one_vs_rest(WAR_AND_PEACE, rest="B")


def test_one_vs_rest_keeps_at_most_top_terms_with_z_at_least_min_z():
    frame = counts({"A": {f"a{i}": 20 + i for i in range(30)} | {"shared": 40},
                    "B": {f"b{i}": 20 + i for i in range(30)} | {"shared": 40}})
    table = one_vs_rest(frame, top=7, min_z=1.96)
    assert table.groupby("outlet").size().to_dict() == {"A": 7, "B": 7}
    assert (table["z"] >= 1.96).all() and "shared" not in set(table["term"])
    assert list(table.columns) == ["outlet", "term", "z", "delta", "count_group", "count_rest", "rank"]
    assert table.groupby("outlet")["z"].apply(lambda z: z.is_monotonic_decreasing).all()


# --- empty and degenerate input -----------------------------------------------------------------

def test_empty_input_gives_empty_frames_with_the_columns():
    empty = term_counts(articles())
    assert list(empty.columns) == ["outlet", "term", "count"] and empty.empty
    assert list(log_odds(empty, group="A").columns) == distinctive.LOG_ODDS_COLUMNS
    assert list(one_vs_rest(empty).columns) == distinctive.ONE_VS_REST_COLUMNS
    assert term_counts(articles(("A", ""), ("B", None), ("C", "the of and 2020"))).empty


def test_a_single_outlet_has_nothing_to_be_distinctive_against():
    frame = counts({"Only": {"war": 3, "peace": 4}})
    assert log_odds(frame, group="Only").empty
    assert one_vs_rest(frame, min_z=-100).empty


def test_an_outlet_missing_from_the_counts_has_no_evidence():
    assert log_odds(WAR_AND_PEACE, group="Nobody").empty
    assert log_odds(WAR_AND_PEACE, group="A", rest="Nobody").empty


def test_a_vocabulary_of_one_term_is_no_difference_rather_than_nan():
    out = log_odds(counts({"A": {"war": 3}, "B": {"war": 7}}), group="A")
    assert out[["delta", "z"]].to_numpy().tolist() == [[0.0, 0.0]]


# --- counting terms -----------------------------------------------------------------------------

def test_stopwords_and_numbers_never_become_terms():
    corpus = term_counts(articles(
        ("A", "The mayor said 2020 was the year of 1,000 fires and 9-11 memorials, says Mr. Smith."),
        ("B", "In 2020 the mayor told us that 3 fires in 2019 were the worst, according to Ms. Jones.")),
        min_count=1)
    tokens = {tok for term in corpus["term"] for tok in term.split()}
    assert not tokens & STOPWORDS
    assert not [t for t in tokens if not any(c.isalpha() for c in t)]
    assert {"mayor", "fires", "memorials"} <= tokens


def test_bigrams_never_start_or_end_with_a_stopword_and_never_cross_punctuation():
    corpus = term_counts(articles(
        ("A", "The tax cut passed. Tax cut critics, however, warned the tax cut would fail.\n"
              "Senate Democrats voted against the tax cut"),
        ("B", "Senate Democrats and House Democrats: the tax cut stalled in the Senate")), min_count=1)
    bigrams = [t.split() for t in corpus["term"] if " " in t]
    assert bigrams and all(len(b) == 2 for b in bigrams)
    assert not [b for b in bigrams if b[0] in STOPWORDS or b[-1] in STOPWORDS]
    terms = set(corpus["term"])
    assert {"tax cut", "senate democrats", "house democrats", "cut critics"} <= terms
    assert "passed tax" not in terms             # "passed. Tax": a full stop between them
    assert "critics warned" not in terms         # commas between them
    assert "fail senate" not in terms            # a line break between them
    assert "stalled senate" not in terms         # "in the" between them: no skip-grams


def test_trigrams_keep_stopwords_inside_but_not_at_the_edges():
    corpus = term_counts(articles(("A", "The rule of law matters. Rule of law, always the rule of law.")),
                         ngrams=(1, 3), min_count=1)
    terms = dict(zip(corpus["term"], corpus["count"]))
    assert terms["rule of law"] == 3
    assert "of law" not in terms and "the rule of" not in terms
    assert term_counts(articles(("A", "rule of law")), ngrams=(3, 3), min_count=1)["term"].tolist() == ["rule of law"]


def test_min_count_is_applied_to_the_corpus_total_not_per_outlet():
    corpus = term_counts(articles(("A", "apple apple banana cherry"), ("B", "apple banana cherry cherry")),
                         ngrams=(1, 1), min_count=3)
    assert set(corpus["term"]) == {"apple", "cherry"}   # banana: 2 in total
    assert corpus.groupby("term")["count"].sum().min() >= 3
    assert dict(zip(zip(corpus["outlet"], corpus["term"]), corpus["count"]))[("B", "apple")] == 1


def test_tokens_fold_case_apostrophes_possessives_initials_and_dotted_acronyms():
    corpus = term_counts(articles(("A", "Donald J. Trump’s F.B.I. director met the FBI’s lawyers in the U.S. "
                                        "Anti-abortion groups and anti-abortion voters, O’Rourke's aides.")),
                         min_count=1)
    terms = set(corpus["term"])
    counted = dict(zip(corpus["term"], corpus["count"]))
    assert counted["fbi"] == 2 and counted["trump"] == 1 and counted["anti-abortion"] == 2
    assert {"donald trump", "u.s", "o'rourke", "fbi director"} <= terms
    assert not {"j", "trump's", "f.b.i", "s"} & terms


def test_custom_stopwords_replace_the_default_list():
    corpus = term_counts(articles(("A", "the war said the general")), ngrams=(1, 1), min_count=1,
                         stopwords=frozenset({"war"}))
    assert set(corpus["term"]) == {"the", "said", "general"}


def test_articles_without_an_outlet_are_ignored():
    corpus = term_counts(articles(("A", "budget budget"), (None, "budget budget budget")),
                         ngrams=(1, 1), min_count=1)
    assert corpus.to_dict("list") == {"outlet": ["A"], "term": ["budget"], "count": [2]}


@pytest.mark.parametrize("ngrams", [(0, 2), (2, 1), (1,), "12"])
def test_ngrams_must_be_a_shortest_longest_pair(ngrams):
    with pytest.raises(ValueError, match="ngrams"):
        term_counts(articles(("A", "text")), ngrams=ngrams)


def test_the_stopword_list_is_a_sensible_size_and_lower_case():
    assert 150 <= len(STOPWORDS) <= 300
    assert all(w == w.lower() and " " not in w for w in STOPWORDS)
    assert {"said", "mr", "the", "don't"} <= STOPWORDS
    assert not {"new", "white", "house", "first", "claimed"} & STOPWORDS


# --- fuzz ---------------------------------------------------------------------------------------

WORDS = ["war", "peace", "tax", "border", "climate", "the", "of", "said", "mr", "2020", "9-11", "U.S.",
         "O’Rourke's", "anti-abortion", "J.", "a", "crisis", "Senate", "é", "_", "über"]
GLUE = [" ", " ", " ", ", ", ". ", "\n", "\n\n", " — ", "'", "-", "’", "  "]
text = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GLUE)), max_size=40).map(
    lambda pairs: "".join(w + g for w, g in pairs))
corpora = st.lists(st.tuples(st.sampled_from(["A", "B", "C", "D"]), st.one_of(text, st.none(), st.text(max_size=60))),
                   max_size=12)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(corpora, st.integers(1, 3), st.integers(1, 3), st.floats(0.5, 1e5))
def test_fuzz_random_corpora_never_raise_and_give_finite_z(rows, min_count, longest, prior_size):
    corpus = term_counts(articles(*rows), ngrams=(1, longest), min_count=min_count)
    assert list(corpus.columns) == ["outlet", "term", "count"]
    assert (corpus["count"] >= 1).all()
    assert (corpus.groupby("term")["count"].sum() >= min_count).all()
    for term in corpus["term"]:
        tokens = term.split(" ")
        assert 1 <= len(tokens) <= longest
        assert tokens[0] not in STOPWORDS and tokens[-1] not in STOPWORDS
        assert any(c.isalpha() for c in tokens[0]) and len(tokens[0]) > 1

    table = one_vs_rest(corpus, top=5, min_z=-np.inf, prior_size=prior_size)
    assert np.isfinite(table[["z", "delta"]].to_numpy()).all()
    for outlet in corpus["outlet"].unique():
        out = log_odds(corpus, group=outlet, prior_size=prior_size)
        assert np.isfinite(out[["z", "delta", "freq_group", "freq_rest"]].to_numpy()).all()
        assert ((out["count_group"] + out["count_rest"]) > 0).all()
        assert out["z"].is_monotonic_decreasing


def test_terms_as_categories_in_any_order_score_as_plain_strings():
    corpus = term_counts(articles(("A", "tax cuts tax cuts border wall"), ("B", "border wall border climate crisis"),
                                  ("C", "climate crisis tax")), min_count=1)
    plain = corpus.assign(term=corpus["term"].astype("str"))
    shuffled = corpus.assign(term=corpus["term"].cat.reorder_categories(corpus["term"].cat.categories[::-1]))
    expected = log_odds(plain, group="A")
    for counts in (corpus, shuffled):
        pd.testing.assert_frame_equal(log_odds(counts, group="A"), expected)
        pd.testing.assert_frame_equal(one_vs_rest(counts, top=3, min_z=-10), one_vs_rest(plain, top=3, min_z=-10))
