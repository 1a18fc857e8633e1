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
