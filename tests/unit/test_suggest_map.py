"""The suggestion sets' per-article map and corpus-level reduce (lib.framing.suggest_map) on the
invented two-outlet corpus of tests/fixtures/wordings.py."""
from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pytest

from lib import framing
from lib.framing import suggest_map
from tests.fixtures.wordings import write_corpus



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


def test_the_reduce_gives_the_sets_and_counts_of_candidate_sets(articles):
    reduced = suggest_map.reduce(suggest_map.map_articles(articles), articles["id"])
    same(framing.candidate_sets(articles), reduced)
    assert {"undocumented immigrants", "illegal aliens"} <= set(reduced[0]["term"])
    counted = reduced[1].groupby("term")["count"].sum()
    assert counted["undocumented immigrants"] == reduced[0].set_index("term").at["undocumented immigrants", "count"]


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


class Reads:
    """A reader of map rows (suggest_map.Reader) over ``tables`` that records what it was asked for."""

    def __init__(self, tables):
        self.tables, self.asked = tables, []

    def __call__(self, ids, only):
        self.asked.append((set(ids), only))
        keep = set(ids)
        return {name: frame[frame["article_id"].isin(keep)] for name, frame in self.tables.items()
                if only is None or name in only}

    def token_reads(self):
        return set().union(*(ids for ids, only in self.asked if only is None))


def test_counting_the_sets_terms_in_the_stored_streams_gives_the_reduces_counts(articles):
    tables = suggest_map.map_articles(articles)
    sets, counts = suggest_map.reduce(tables, articles["id"])
    assert len(counts)
    stream = suggest_map.tokens(tables, articles["id"])
    recounted = suggest_map.count_terms(stream, articles["id"].to_numpy(), sets)
    pd.testing.assert_frame_equal(recounted, counts, check_dtype=False)


def test_new_articles_are_counted_against_the_sets_already_found(articles):
    old, new = articles.iloc[:14], articles.iloc[14:]
    tables = suggest_map.map_articles(articles)
    first = suggest_map.suggested(old["id"], Reads(tables))
    pd.testing.assert_frame_equal(first.sets, suggest_map.reduce(tables, old["id"])[0])
    previous = suggest_map.PreviousSets(first.sets, first.counts, frozenset(old["id"]), frozenset(old["id"]))
    reads = Reads(tables)
    grown = suggest_map.suggested(articles["id"], reads, previous)
    assert reads.token_reads() == set(new["id"])          # only the new articles' tokens were read
    assert list(grown.sets["term"]) == list(first.sets["term"]) and grown.found_in == sorted(old["id"])
    mine = grown.counts[grown.counts["article_id"].isin(set(new["id"]))].reset_index(drop=True)
    whole = suggest_map.count_terms(suggest_map.tokens(tables, articles["id"]), articles["id"].to_numpy(), first.sets)
    expected = whole[whole["article_id"].isin(set(new["id"]))].reset_index(drop=True)
    assert len(expected)
    pd.testing.assert_frame_equal(mine, expected, check_dtype=False)  # as counting the grown corpus would
    assert grown.sets["count"].sum() == grown.counts["count"].sum() > first.counts["count"].sum()
    # an article removed: its counts go, nothing is read again
    previous = suggest_map.PreviousSets(grown.sets, grown.counts, frozenset(old["id"]), frozenset(articles["id"]))
    reads = Reads(tables)
    shrunk = suggest_map.suggested(articles["id"].iloc[1:], reads, previous)
    assert reads.asked == [] and articles["id"].iloc[0] not in set(shrunk.counts["article_id"])
    # without previous sets: found again, as a cold run finds them
    again = suggest_map.suggested(articles["id"], Reads(tables))
    same((again.sets, again.counts), suggest_map.reduce(tables, articles["id"]))
    assert again.found_in == list(articles["id"])


def test_a_corpus_over_the_sample_cap_finds_its_sets_in_a_sample_and_counts_them_everywhere(articles, monkeypatch):
    monkeypatch.setattr(suggest_map, "SAMPLE_CAP", 10)
    monkeypatch.setattr(suggest_map, "COUNT_CHUNK", 3)
    tables = suggest_map.map_articles(articles)
    chosen = suggest_map.sample(articles["id"])
    assert len(chosen) == 10 and list(chosen) == [i for i in articles["id"] if i in set(chosen)]
    assert list(suggest_map.sample(articles["id"].iloc[::-1])) == [i for i in articles["id"].iloc[::-1] if i in set(chosen)]
    reads = Reads(tables)
    found = suggest_map.suggested(articles["id"], reads)
    assert max(len(ids) for ids, only in reads.asked if only is None) == 10  # never the whole corpus's tokens
    assert {"undocumented immigrants", "illegal aliens"} <= set(found.sets["term"])
    # every article is counted, sampled or not, exactly as counting the whole corpus would
    repeated = suggest_map.repeated_keys(tables["suggest_sentences"], articles["id"])
    whole = suggest_map.count_terms(suggest_map.tokens(tables, articles["id"], repeated=repeated),
                                    articles["id"].to_numpy(), found.sets)
    pd.testing.assert_frame_equal(found.counts, whole, check_dtype=False)
    assert set(found.counts["article_id"]) - set(chosen)
    assert found.sets["count"].sum() == found.counts["count"].sum()


def test_duckdb_counts_the_articles_holding_each_sentence_as_pandas_does(tmp_path):
    line = "The harbour board approved the new ferry timetable yesterday."
    texts = {"a": f"Gulls circled the quay. {line} {line}", "b": f"Rain fell on the pier. {line}",
             "c": f"Boats waited offshore. {line}", "d": "Nothing else happened at the marina."}
    tables = suggest_map.map_articles(pd.DataFrame({"id": list(texts), "text": list(texts.values())}))
    sentences = tables["suggest_sentences"]
    paths = []
    for number, part in enumerate((sentences.iloc[:3], sentences.iloc[3:])):  # two batches, as the store writes
        paths.append(tmp_path / f"batch{number}.parquet")
        part.to_parquet(paths[-1], index=False)
    for ids in (["a", "b", "c", "d"], ["a", "d"]):
        expected = suggest_map.key_articles(sentences, ids).sort_index()
        found = suggest_map.key_articles_parquet(paths, ids).sort_index()
        pd.testing.assert_series_equal(found, expected, check_names=False, check_index_type=False)
    assert suggest_map.key_articles(sentences, ["a", "b", "c", "d"]).max() == 3  # the repeated line, once per article
    few = sentences["key"].to_numpy()[:2]
    assert set(suggest_map.key_articles_parquet(paths, ["a", "b", "c"], few).index) == set(few[few != 0])


def test_new_articles_are_counted_against_target_sets_too(articles):
    """Names of one event by their target (lib.framing.targets) share heads across targets; their
    terms stay one set's each, so counting new articles against kept sets works as for the others."""
    extra = pd.DataFrame({"id": ["t1", "t2", "t3", "t4"], "outlet": ["The Ledger", "The Courier", "The Ledger",
                                                                     "The Courier"], "text": [
        "Critics condemned Norland's annexation of Verland. Then Norland's seizure of Verland was quick.",
        "Allies feared Norland's annexation of Osterland. Then Norland's seizure of Osterland followed.",
        "The annexation of Verland by Norland and the seizure of Osterland by Norland were one plan.",
        "Observers saw Norland's annexation of Verland and then Norland's seizure of Osterland."]})
    grown = pd.concat([articles, extra], ignore_index=True)
    tables = suggest_map.map_articles(grown)
    old = grown.iloc[:-1]
    first = suggest_map.suggested(old["id"], Reads(tables))
    assert {g.rsplit(" ", 1)[-1] for g in first.sets["group"] if g.endswith(")")} == {"(Verland)", "(Osterland)"}
    assert first.sets["term"].is_unique
    previous = suggest_map.PreviousSets(first.sets, first.counts, frozenset(old["id"]), frozenset(old["id"]))
    later = suggest_map.suggested(grown["id"], Reads(tables), previous)
    whole = suggest_map.count_terms(suggest_map.tokens(tables, grown["id"]), grown["id"].to_numpy(), first.sets)
    mine = later.counts[later.counts["article_id"] == "t4"].reset_index(drop=True)
    expected = whole[whole["article_id"] == "t4"].reset_index(drop=True)
    assert len(expected) and set(expected["term"]) >= {"annexation of verland", "seizure of osterland"}
    pd.testing.assert_frame_equal(mine, expected, check_dtype=False)
