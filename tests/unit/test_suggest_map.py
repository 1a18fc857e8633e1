"""The suggestion sets' per-article map and corpus-level reduce (lib.framing.suggest_map) on the
invented two-outlet corpus of tests/fixtures/wordings.py."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from lib import framing
from lib.framing import suggest_map
from tests.fixtures.wordings import write_corpus

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def articles(tmp_path):
    path = write_corpus(tmp_path / "corpus", per_outlet=8, quoted_by_ledger="illegal aliens")
    return pd.DataFrame([json.loads(line) for line in path.open()])[["id", "outlet", "text"]]


def same(found, expected):
    candidates, counts = found
    pd.testing.assert_frame_equal(candidates, expected[0], check_dtype=False)
    pd.testing.assert_frame_equal(counts, expected[1], check_dtype=False)


def test_each_articles_rows_come_from_its_own_text_alone(articles):
    first, second = articles.iloc[:5], articles.iloc[5:]
    whole = suggest_map.map_articles(articles)
    parts = suggest_map.map_articles(first), suggest_map.map_articles(second)
    for table, schema in suggest_map.SCHEMAS.items():
        joined = pd.concat([parts[0][table], parts[1][table]], ignore_index=True)
        pd.testing.assert_frame_equal(whole[table], joined)
        assert list(whole[table].columns) == schema.names and schema.names[0] == "article_id"
        pa.Table.from_pandas(whole[table], schema=schema, preserve_index=False)  # storable as declared
    assert set(whole["suggest_tokens"]["article_id"]) == set(articles["id"])


def test_the_reduce_gives_the_sets_and_counts_candidate_sets_gave_before_the_split(articles):
    # written by candidate_sets as it was before the map/reduce split (one corpus-wide tokeniser)
    sets = pd.read_csv(FIXTURES / "suggest_before_split_sets.csv")
    counts = pd.read_csv(FIXTURES / "suggest_before_split_counts.csv", dtype={"article_id": str})
    reduced = suggest_map.reduce(suggest_map.map_articles(articles), articles["id"])
    same(reduced, (sets, counts))
    same(framing.candidate_sets(articles), (sets, counts))
    assert {"undocumented immigrants", "illegal aliens"} <= set(reduced[0]["term"])


def test_maps_made_in_two_halves_and_read_in_shuffled_order_reduce_to_the_whole(articles):
    halves = suggest_map.map_articles(articles.iloc[::2]), suggest_map.map_articles(articles.iloc[1::2])
    tables = {t: pd.concat([halves[1][t], halves[0][t]]).sample(frac=1, random_state=3) for t in suggest_map.SCHEMAS}
    same(suggest_map.reduce(tables, articles["id"]), framing.candidate_sets(articles))


def test_rows_of_articles_outside_the_corpus_are_ignored(articles, tmp_path):
    others = articles.assign(id="other-" + articles["id"],
                             text=articles["text"].str.replace("illegal aliens", "unlawful migrants"))
    chosen = articles[articles["outlet"] == "The Ledger"].iloc[:4]
    assert len(chosen) < len(articles)
    tables = suggest_map.map_articles(pd.concat([others, articles]))
    reduced = suggest_map.reduce(tables, articles["id"])
    same(reduced, framing.candidate_sets(articles))
    assert "unlawful migrants" not in set(reduced[0]["term"])
    # and a corpus of four articles is not the eight-article corpus
    small = suggest_map.reduce(tables, chosen["id"])
    same(small, framing.candidate_sets(chosen))
    assert set(small[1]["article_id"]) <= set(chosen["id"])


def test_a_sentence_in_three_articles_is_left_out_and_in_two_it_stays():
    line = "The harbour board approved the new ferry timetable yesterday."
    texts = {"a": f"Gulls circled the quay. {line}", "b": f"Rain fell on the pier. {line}",
             "c": f"Boats waited offshore. {line}", "d": "Nothing else happened at the marina."}
    frame = pd.DataFrame({"id": list(texts), "text": list(texts.values())})
    tables = suggest_map.map_articles(frame)

    def words(ids):
        stream = suggest_map.tokens(tables, ids)
        return set(stream.vocabulary[stream.codes])

    assert "ferry" not in words(["a", "b", "c", "d"])       # three articles: boilerplate
    assert "ferry" in words(["a", "b", "d"])                # two: an ordinary sentence
    assert {"gulls", "rain", "boats"} <= words(["a", "b", "c", "d"])  # the rest of each article stays


def test_an_empty_or_wordless_corpus_reduces_to_no_sets():
    for texts in ([], ["", "  "], ["12 34 56"]):
        frame = pd.DataFrame({"id": [str(i) for i in range(len(texts))], "text": texts})
        candidates, counts = suggest_map.reduce(suggest_map.map_articles(frame), frame["id"])
        assert candidates.empty and counts.empty
        assert list(candidates.columns) == framing.suggest.CANDIDATE_COLUMNS
