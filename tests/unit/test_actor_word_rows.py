"""lib.actors.word_rows: the actor map's word rows answered from memory and by DuckDB over
Parquet files give the same answers, so a large corpus's reduce need not hold the rows; and the
label map read a chunk at a time, in a process pool, gives the rows of one pass."""
from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lib import actors, analyse, pipeline
from lib.actors import mapped
from lib.actors.word_rows import FrameWords, ParquetWords
from tests.unit.test_actors_map import TEXTS, articles


def parquet_batches(tmp_path, tables: dict[str, pd.DataFrame], groups: list[list[str]]) -> list[str]:
    """The actor_words rows written as one Parquet file per group of articles (a store's batches)."""
    files = []
    for n, ids in enumerate(groups):
        rows = tables["actor_words"][tables["actor_words"]["article_id"].isin(ids)]
        file = tmp_path / f"batch-{n}.parquet"
        pq.write_table(pa.Table.from_pandas(rows, schema=mapped.SCHEMAS["actor_words"], preserve_index=False), file)
        files.append(str(file))
    return files


@pytest.fixture()
def stored(tmp_path):
    tables = mapped.map_articles(articles())
    return tables, parquet_batches(tmp_path, tables, [["n1", "n2", "n3"], ["n4", "n5", "n6"]])


def test_both_readers_give_the_same_answers_for_the_corpus_articles_only(stored):
    tables, files = stored
    corpus = pd.Index(["n6", "n2", "n1", "n5"])      # n3, n4 are stored but not in this corpus
    memory, duck = FrameWords(tables["actor_words"], corpus), ParquetWords(files, corpus)
    lower = memory.lower_counts()
    assert lower == duck.lower_counts()
    assert lower["close"] == 2                           # n2 and n6 (n4, outside, has no "close")
    aliases = {"Verdi", "Alma Verdi", "Strand", "Bo Strand", "Mr. Strand"}
    hits = memory.alias_articles(aliases)
    assert hits == duck.alias_articles(aliases)
    assert hits[(mapped.TOKEN, "Verdi")] == {1, 2, 0}    # positions of n2, n1, n6 in the corpus
    assert hits[(mapped.TOKEN, "Strand")] == {0, 1, 2}  # not n3 or n4: outside the corpus
    assert hits[(mapped.PHRASE, "Bo Strand")] == {0, 1, 2}
    assert memory.token_articles({"Bo"}) == duck.token_articles({"Bo"}) == {"n1", "n2", "n6"}


def test_the_reduce_by_duckdb_equals_find_actors(stored):
    tables, files = stored
    ids = list(TEXTS)
    names_only = {name: frame for name, frame in tables.items() if name != "actor_words"}
    got = mapped.reduce(names_only, ids, words=lambda corpus: ParquetWords(files, corpus))
    pd.testing.assert_frame_equal(got, actors.find_actors(articles()))


def test_stale_articles_by_duckdb_equal_those_from_the_rows(stored):
    tables, files = stored
    ids = list(TEXTS)
    before = actors.find_actors(articles())
    after = pd.concat([before, pd.DataFrame({"actor": ["Alma Verdi"], "alias": ["Chilean President"],
                                             "articles": [0]})], ignore_index=True)
    from_rows = mapped.stale_articles(tables, ids, before, after)
    assert from_rows and set(from_rows) < set(ids)       # only the articles the new alias can match
    assert mapped.stale_articles(None, ids, before, after, words=ParquetWords(files, pd.Index(ids))) == from_rows


def test_the_label_map_in_chunks_on_a_pool_equals_one_pass(monkeypatch):
    people = actors.find_actors(articles())
    texts = articles()
    monkeypatch.setattr(mapped, "LABEL_CHUNK", 1)        # six tasks: a real pool of two workers
    chunked = mapped.relabel(list(TEXTS), people, None, lambda ids: texts[texts["id"].isin(ids)],
                             mapper=lambda function, tasks: analyse.in_pool(function, tasks, workers=2))
    whole = mapped.map_labels(texts, people)
    for name in mapped.LABEL_SCHEMAS:
        pd.testing.assert_frame_equal(chunked[name].reset_index(drop=True), whole[name])


def test_the_pool_takes_only_a_few_tasks_ahead_of_its_results():
    taken = []

    def tasks():
        for n in range(40):
            taken.append(n)
            yield n

    results = analyse.in_pool(abs, tasks(), workers=2)
    assert next(results) == 0
    assert len(taken) <= 2 * analyse.run.AHEAD_PER_WORKER + 1   # not all 40 read before the first result
    assert list(results) == list(range(1, 40))


def test_the_pipeline_reduces_a_stored_corpus_by_duckdb_and_equals_a_run_without_store(tmp_path, monkeypatch):
    root, cache = tmp_path / "corpus", tmp_path / "cache"
    root.mkdir()
    corpus = articles()
    analyse.analyze(corpus, analyse.open_store(cache), workers=1)
    asked = []
    real = ParquetWords.lower_counts
    monkeypatch.setattr(ParquetWords, "lower_counts", lambda self: (asked.append(1), real(self))[1])
    got = pipeline.actor_tables(root, corpus, cache)
    assert asked                                          # the words stayed on disk
    for a, b in zip(got, pipeline.actor_tables(root, corpus, None)):
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))
