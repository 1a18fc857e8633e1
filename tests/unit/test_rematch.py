"""Framing matches kept up to date without reading every article again (lib.framing.rematch)."""
import pandas as pd
import pytest

from lib import framing

TEXTS = {
    "a1": "The invasion began at dawn. Officials called it a special operation.",
    "a2": "Critics said the \"special operation\" was an invasion.",
    "a3": "Ministers discussed the carbon tax and the climate levy.",
    "a4": "A new invasion of privacy, said the union, and a carbon tax too.",
}
LEXICON = pd.DataFrame({"group": ["war", "war", "climate"], "term": ["invasion", "operation", "tax"],
                        "variants": ["invasion", "special operation", "carbon tax"]})


class Reader:
    """texts_of for rematch that remembers which articles were asked for."""

    def __init__(self):
        self.asked: list[str] = []

    def __call__(self, ids):
        self.asked += list(ids)
        return pd.DataFrame({"id": list(ids), "text": [TEXTS[i] for i in ids]})


def full(ids, lexicon):
    return framing.matches(pd.DataFrame({"id": ids, "text": [TEXTS[i] for i in ids]}), lexicon)


def previous_of(ids, lexicon):
    return framing.PreviousMatches(full(ids, lexicon), lexicon, frozenset(ids))


def test_a_new_article_is_the_only_one_read_and_the_result_is_what_a_full_scan_gives():
    reader = Reader()
    found = framing.rematch(["a1", "a2", "a3"], LEXICON, reader, previous_of(["a1", "a2"], LEXICON))
    assert reader.asked == ["a3"]
    pd.testing.assert_frame_equal(found, full(["a1", "a2", "a3"], LEXICON))


def test_a_removed_article_loses_its_matches_without_reading_anything():
    reader = Reader()
    found = framing.rematch(["a2"], LEXICON, reader, previous_of(["a1", "a2"], LEXICON))
    assert reader.asked == []
    assert set(found["article_id"]) == {"a2"}
    pd.testing.assert_frame_equal(found, full(["a2"], LEXICON))


def test_a_term_added_to_one_group_rereads_that_group_only_and_can_change_its_old_matches():
    # "invasion of privacy" is longer than "invasion" at the same place: within its group it wins
    edited = pd.concat([LEXICON, pd.DataFrame({"group": ["war"], "term": ["privacy"],
                                               "variants": ["invasion of privacy"]})], ignore_index=True)
    ids = ["a1", "a2", "a3", "a4"]
    found = framing.rematch(ids, edited, Reader(), previous_of(ids, LEXICON))
    pd.testing.assert_frame_equal(found, full(ids, edited))
    a4 = found[found["article_id"] == "a4"]
    assert "privacy" in set(a4["term"]) and "invasion" not in set(a4["term"])
    assert set(a4.loc[a4["group"] == "climate", "term"]) == {"tax"}


def test_an_unchanged_group_keeps_its_rows_when_another_group_is_deleted():
    ids = ["a1", "a3", "a4"]
    reader = Reader()
    found = framing.rematch(ids, LEXICON[LEXICON["group"] == "climate"], reader, previous_of(ids, LEXICON))
    assert reader.asked == []
    assert set(found["group"]) == {"climate"}
    pd.testing.assert_frame_equal(found, full(ids, LEXICON[LEXICON["group"] == "climate"]))


def test_rematch_refuses_a_broken_lexicon_like_matches_does():
    broken = pd.DataFrame({"group": ["war"], "term": [""], "variants": ["invasion"]})
    with pytest.raises(ValueError, match="problems"):
        framing.rematch(["a1"], broken, Reader(), previous_of(["a1"], LEXICON))
