import pandas as pd
import pytest

from lib.analyse import keywords
from tests.conftest import seed_text


def test_yake_output_is_pinned_on_a_seed_article():
    # Golden values for yake 0.7.3 with Framescope's settings: an upgrade must fail loudly.
    found = keywords.extract(seed_text("002"))
    assert len(found) == 20
    assert found[:5] == [
        ("russian president vladimir", pytest.approx(0.0017180605840087894, rel=1e-12)),
        ("vladimir putin showcased", pytest.approx(0.0025754455653726467, rel=1e-12)),
        ("president vladimir putin", pytest.approx(0.004578967361977111, rel=1e-12)),
        ("jinping and russian", pytest.approx(0.004697543859208173, rel=1e-12)),
        ("challenging western dominance", pytest.approx(0.0067837524047491046, rel=1e-12)),
    ]


def test_keyphrases_are_lower_cased_and_best_first():
    found = keywords.extract(seed_text("004"))
    assert all(p == p.lower() for p, _ in found)
    assert [s for _, s in found] == sorted(s for _, s in found)


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_text_has_no_keyphrases(text):
    assert keywords.extract(text) == []


def test_outlets_are_compared_by_how_many_articles_rank_a_phrase_not_by_score():
    kw = pd.DataFrame({"article_id": ["a1", "a1", "a2", "a3", "b1"],
                       "rank": [1, 2, 5, 1, 1],
                       "keyphrase": ["invasion", "war", "invasion", "war", "conflict"]})
    articles = pd.DataFrame({"id": ["a1", "a2", "a3", "b1"], "outlet": ["A", "A", "A", "B"]})
    out = keywords.by_outlet(kw, articles, top_k=3)
    a = out[out["outlet"] == "A"].set_index("keyphrase")
    assert a.loc["war", "articles"] == 2 and a.loc["war", "share"] == pytest.approx(2 / 3)
    assert "invasion" in a.index and a.loc["invasion", "articles"] == 1  # rank 5 is outside the top 3
    assert list(a.index) == ["war", "invasion"]
    assert out[out["outlet"] == "B"]["keyphrase"].tolist() == ["conflict"]


def test_the_fast_extractor_gives_exactly_what_yake_gives_on_every_seed():
    from tests.conftest import SEEDS

    for path in sorted(SEEDS.glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        assert keywords.extract(body) == keywords.extract_with_yake(body), path.name


# --- one name, several keyphrases -----------------------------------------------------------

def _listed(*articles: list[str]) -> pd.DataFrame:
    """Keyphrase rows for invented articles: each a list of keyphrases, best first."""
    return pd.DataFrame([{"article_id": f"a{i}", "rank": rank, "keyphrase": phrase}
                         for i, phrases in enumerate(articles) for rank, phrase in enumerate(phrases, start=1)])


def test_the_forms_of_one_name_become_one_keyphrase_shown_as_its_most_listed_form():
    found = _listed(["governor mira okonkwo", "governor mira", "harbour bill"], ["governor mira okonkwo", "governor mira"],
                    ["governor mira okonkwo", "governor mira", "okonkwo"], ["mira okonkwo", "harbour bill"],
                    ["governor okonkwo", "okonkwo"], ["okonkwo", "ferry strike"], ["okonkwo"])
    merged, also = keywords.merge_variants(found)
    overall = keywords.overall(merged).set_index("keyphrase")
    assert overall.loc["okonkwo", "articles"] == 7          # every article naming her, once each
    assert set(overall.index) == {"okonkwo", "harbour bill", "ferry strike"}
    assert set(also["okonkwo"].split(", ")) == {"governor mira okonkwo", "mira okonkwo", "governor okonkwo",
                                                "governor mira"}
    ranks = merged[merged["article_id"] == "a4"]
    assert list(ranks["keyphrase"]) == ["okonkwo"] and list(ranks["rank"]) == [1]  # best rank kept, no duplicate row


def test_a_surname_shared_by_two_people_stays_apart_unless_one_clearly_dominates():
    found = _listed(["dana velez"], ["dana velez"], ["marco velez"], ["marco velez"], ["velez"], ["velez"])
    merged, also = keywords.merge_variants(found)
    assert set(merged["keyphrase"]) == {"dana velez", "marco velez", "velez"} and also.empty


def test_a_common_word_is_not_merged_into_a_rare_phrase_that_ends_with_it():
    found = _listed(*[["council"]] * 8, ["lantern town council", "council"])
    merged, _ = keywords.merge_variants(found)
    assert "lantern town council" in set(merged["keyphrase"]) and "council" in set(merged["keyphrase"])


def test_phrases_that_only_share_a_word_in_another_place_stay_apart():
    # "harbour" is not the head of "harbour bill", and most articles about the harbour do not list the bill
    found = _listed(["harbour", "harbour bill"], ["harbour"], ["harbour"], ["harbour bill"])
    merged, also = keywords.merge_variants(found)
    assert set(merged["keyphrase"]) == {"harbour", "harbour bill"} and also.empty


def test_merging_nothing_returns_the_keyphrases_unchanged():
    found = _listed(["ferry strike", "tide tables"])
    merged, also = keywords.merge_variants(found)
    assert merged.equals(found) and also.empty
    empty, none = keywords.merge_variants(found.iloc[:0])
    assert empty.empty and none.empty
