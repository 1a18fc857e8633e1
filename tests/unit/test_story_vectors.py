"""Stories grouped from stored word counts are the stories grouped from the texts."""
import numpy as np
import pandas as pd

from lib import stories
from lib.stories import grouping, vectors

TEXTS = {
    "a": "The harbour council voted on Tuesday to build the new bridge across the estuary.",
    "b": "Harbour councillors approved the estuary bridge on Tuesday after a long debate.",
    "c": "Teachers in the valley towns accepted the pay offer and ended the strike.",
    "d": "The valley teachers' strike is over: they voted to accept the offer.",
    "e": "",
}


def frame(ids):
    return pd.DataFrame({"id": ids, "text": [TEXTS[i] for i in ids],
                         "date": pd.to_datetime(["2024-03-05", "2024-03-05", "2024-04-01", None, None][:len(ids)])})


def test_vectors_from_stored_counts_equal_the_vectors_of_the_texts():
    ids = np.array(sorted(TEXTS), dtype=object)
    counts = vectors.map_articles(frame(list(ids)))["story_counts"]
    rows = [0, 2, 3, 4]
    expected = grouping._vectors(np.array([TEXTS[i] for i in ids], dtype=object), rows)
    found = vectors.from_counts(counts.sample(frac=1, random_state=1), ids, rows)   # stored in any order
    assert found.shape == expected.shape
    assert abs(found - expected).max() < 1e-12
    categorical = counts.astype({"article_id": "category"})
    assert abs(vectors.from_counts(categorical, ids, rows) - expected).max() < 1e-12


def test_vectors_read_a_few_articles_at_a_time_equal_those_read_at_once(monkeypatch):
    ids = np.array(sorted(TEXTS), dtype=object)
    counts = vectors.map_articles(frame(list(ids)))["story_counts"]
    asked = []

    def read(some):
        asked.append(list(some))
        return counts[counts["article_id"].isin(some)]

    monkeypatch.setattr(vectors, "CHUNK_ARTICLES", 2)
    for rows in ([0, 2, 3, 4], list(range(len(ids)))):           # some rows; every row in order
        asked.clear()
        expected = grouping._vectors(np.array([TEXTS[i] for i in ids], dtype=object), rows)
        found = vectors.from_counts(read, ids, rows)
        assert found.shape == expected.shape and abs(found - expected).max() < 1e-12
        assert max(map(len, asked)) == 2 and sum(map(len, asked)) == len(rows)


def test_grouping_from_counts_gives_the_stories_grouping_from_text_gives():
    articles = frame(list(TEXTS)[:4])
    counts = vectors.map_articles(articles)["story_counts"]
    from_text = stories.group(articles)
    from_counts = stories.group(articles.drop(columns="text"), counts=counts)
    pd.testing.assert_frame_equal(from_text, from_counts)
    assert from_text.groupby("story")["article_id"].apply(sorted).tolist() == [["a", "b"], ["c", "d"]]


def test_each_articles_counts_come_from_its_own_text_alone():
    both = vectors.map_articles(frame(["a", "c"]))["story_counts"]
    alone = pd.concat([vectors.map_articles(frame(["a"]))["story_counts"],
                       vectors.map_articles(pd.DataFrame({"id": ["c"], "text": [TEXTS["c"]]}))["story_counts"]],
                      ignore_index=True)
    pd.testing.assert_frame_equal(both, alone)


def test_hashed_counts_are_scikit_learns_hashing_vectorizer():
    """Stored story counts made with scikit-learn stay comparable with new ones: same features."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer

    from lib.stories import hashing
    from lib.text.stopwords import scikit_learn_english

    texts = [*TEXTS.values(), "İstanbul ÇAĞRI straße ﬁne naïve 東京タワー x1 _a_ __ 12 3 The THE and AND",
             "harbour harbour HARBOUR bridge, bridge.", None]
    reference = HashingVectorizer(stop_words="english", alternate_sign=False, norm=None,
                                  n_features=hashing.FEATURES, dtype=np.float64)
    expected = reference.transform([t if isinstance(t, str) else "" for t in texts])
    expected.sum_duplicates()
    expected.sort_indices()
    found = hashing.counts(texts)
    assert found.shape == expected.shape
    assert np.array_equal(found.indptr, expected.indptr) and np.array_equal(found.indices, expected.indices)
    assert np.array_equal(found.data, expected.data)
    assert found[len(TEXTS) + 1].sum() == 5  # harbour ×3, bridge ×2: case folded, punctuation split
    assert scikit_learn_english() == frozenset(ENGLISH_STOP_WORDS)


def test_colliding_words_add_up_and_the_lowest_hash_has_a_column():
    from lib.stories import hashing

    small = hashing.counts(["alpha beta gamma delta epsilon zeta"], n_features=2)
    assert small.shape == (1, 2) and small.sum() == 6 and small.nnz <= 2
    assert hashing.feature_index(-(2 ** 31), 2 ** 20) == (2 ** 31 - 1 - (2 ** 20 - 1)) % 2 ** 20
    assert hashing.feature_index(-5, 4) == 1 and hashing.feature_index(5, 4) == 1


def test_a_later_run_asks_only_for_the_counts_of_the_new_article_and_the_stories_it_can_reach():
    later = pd.DataFrame({"id": ["a", "b", "c", "d", "f"],
                          "text": [TEXTS["a"], TEXTS["b"], TEXTS["c"], TEXTS["c"], TEXTS["a"]],
                          "date": pd.to_datetime(["2024-03-05", "2024-03-05", "2024-09-01", "2024-09-02", "2024-03-06"])})
    stored = vectors.map_articles(later)["story_counts"]
    first = stories.group(later[later["id"] != "f"].drop(columns="text"), counts=stored)
    asked = []

    def counts_of(ids):
        asked.append(sorted(ids))
        return stored[stored["article_id"].isin(ids)]

    again = stories.group(later.drop(columns="text"), previous=first, counts=counts_of)
    assert asked == [["a", "b", "f"]]   # c and d are months away: their story cannot take f
    pd.testing.assert_frame_equal(again, stories.group(later.drop(columns="text"), previous=first, counts=stored))
    assert again.set_index("article_id")["story"]["f"] == again.set_index("article_id")["story"]["a"]
