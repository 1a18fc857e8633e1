"""The map steps run with the analysis and their stored rows feed the corpus-level reduce."""
import pandas as pd
import pytest

from lib import analyse, pipeline
from lib.analyse import chunk
from lib.load import corpus
from tests.fixtures import word_map


@pytest.fixture
def word_step(monkeypatch):
    monkeypatch.setitem(chunk.MAP_STEPS, "words", "tests.fixtures.word_map")
    word_map.CALLS.clear()
    return "words"


def full_count(articles):
    return word_map.reduce(word_map.map_articles(articles), articles["id"])


def test_the_analysis_stores_the_map_rows_and_the_reduce_reads_them_without_mapping_again(seed_dir, tmp_path, word_step):
    cache = tmp_path / "cache"
    loaded = corpus.load(seed_dir)
    articles = pipeline.analysable(loaded)
    analyse.analyze(articles, analyse.open_store(cache), texts=loaded.texts, workers=1)
    assert sum(map(len, word_map.CALLS)) == len(articles)
    word_map.CALLS.clear()
    tables = pipeline.mapped(word_step, articles, cache, loaded.texts)
    assert word_map.CALLS == []
    expected = full_count(loaded.with_text(articles))
    word_map.CALLS.clear()
    pd.testing.assert_series_equal(word_map.reduce(tables, articles["id"]), expected)


def test_an_article_the_store_lacks_is_mapped_on_the_spot_and_nothing_else_is(seed_dir, tmp_path, word_step):
    cache = tmp_path / "cache"
    loaded = corpus.load(seed_dir)
    articles = pipeline.analysable(loaded)
    analyse.analyze(articles.iloc[:-1], analyse.open_store(cache), texts=loaded.texts, workers=1)
    word_map.CALLS.clear()
    tables = pipeline.mapped(word_step, articles, cache, loaded.texts)
    assert word_map.CALLS == [[str(articles["id"].iloc[-1])]]
    assert set(tables["test_words"]["article_id"]) == set(articles["id"].astype(str))


def test_without_a_cache_every_article_is_mapped(seed_dir, word_step):
    loaded = corpus.load(seed_dir)
    articles = pipeline.analysable(loaded)
    tables = pipeline.mapped(word_step, articles, None, loaded.texts)
    assert set(tables["test_words"]["article_id"]) == set(articles["id"].astype(str))


@pytest.mark.parametrize("analysed", ["all", "all but one", "none"])
def test_the_term_matrix_from_stored_counts_is_the_one_built_from_the_texts(seed_dir, tmp_path, analysed):
    from lib import distinctive
    from lib.distinctive import mapped

    cache = tmp_path / "cache"
    loaded = corpus.load(seed_dir)
    articles = pipeline.analysable(loaded)
    chosen = {"all": articles, "all but one": articles.iloc[:-1], "none": articles.iloc[:0]}[analysed]
    if len(chosen):
        analyse.analyze(chosen, analyse.open_store(cache), texts=loaded.texts, workers=1)
    found = pipeline.term_matrix(articles, cache, loaded.texts)
    expected = distinctive.article_terms(loaded.with_text(articles))
    assert mapped.same_matrix(found, expected)
    assert len(found.terms) > 50
