"""The analysis store: computed once, reused, invalidated and repaired."""
import shutil

import pandas as pd
import pytest

from lib import analyse
from lib.analyse import run as analysis_run
from lib.store import Store
from lib.load import corpus


@pytest.fixture
def store(tmp_path):
    return analyse.open_store(tmp_path / "cache")


def articles_of(seed_dir):
    """The seeds' analysable articles, each with its text (columns id, text)."""
    loaded = corpus.load(seed_dir)
    return loaded.with_text(analyse.analyzable(loaded.records))


def test_a_second_run_with_nothing_changed_computes_nothing(seed_dir, store):
    wanted = articles_of(seed_dir)
    first = analyse.analyze(wanted, store, workers=1)
    second = analyse.analyze(wanted, store, workers=1)
    assert (first.analyzed, first.reused) == (5, 0)
    assert (second.analyzed, second.reused) == (0, 5)


def test_a_new_or_changed_file_is_the_only_thing_analysed(seed_dir, store):
    analyse.analyze(articles_of(seed_dir), store, workers=1)
    (seed_dir / "new.txt").write_text("A new article about the talks between the two presidents in Beijing.")
    path = next(seed_dir.glob("003_*"))
    path.write_text(path.read_text() + "\nA sentence added later changes the article.")
    stats = analyse.analyze(articles_of(seed_dir), store, workers=1)
    assert (stats.analyzed, stats.reused) == (2, 4)


def test_a_removed_file_disappears_from_the_results(seed_dir, store):
    analyse.analyze(articles_of(seed_dir), store, workers=1)
    next(seed_dir.glob("004_*")).unlink()
    found = analyse.results(corpus.load(seed_dir).articles, store)
    assert len(found.articles) == 4 and found.pending == 0
    assert "Best Reviews By Consumers" not in set(found.articles["outlet"])
    assert set(found.sentences["article_id"]) == set(found.articles["id"])


def test_a_damaged_batch_is_detected_and_its_articles_analysed_again(seed_dir, store):
    wanted = articles_of(seed_dir)
    analyse.analyze(wanted, store, workers=1)
    [batch] = store.batches()
    (batch / "sentences.parquet").write_bytes(b"not parquet at all")
    assert analyse.results(corpus.load(seed_dir).articles, store).pending == 5
    assert analyse.analyze(wanted, store, workers=1).analyzed == 5
    assert len(analyse.results(corpus.load(seed_dir).articles, store).articles) == 5


def test_a_half_written_batch_left_by_a_killed_run_is_ignored_and_cleaned(seed_dir, store):
    analyse.analyze(articles_of(seed_dir), store, workers=1)
    [batch] = store.batches()
    shutil.copytree(batch, store.path / "batch-killed.tmp")
    assert len(store.batches()) == 1
    analyse.analyze(articles_of(seed_dir), store, workers=1)
    assert not list(store.path.glob("*.tmp"))


def test_other_settings_get_a_store_of_their_own(tmp_path):
    a = analyse.open_store(tmp_path)
    b = Store(tmp_path, {**analyse.SETTINGS, "analyser": -1})
    assert a.path != b.path


def test_results_per_article_are_the_same_in_a_pool_and_in_one_process(seed_dir, tmp_path):
    wanted = articles_of(seed_dir)
    one, pool = analyse.open_store(tmp_path / "one"), analyse.open_store(tmp_path / "pool")
    analyse.analyze(wanted, one, workers=1)
    analysis_run.CHUNK_ARTICLES, saved = 1, analysis_run.CHUNK_ARTICLES  # five chunks: the pool is used
    try:
        analyse.analyze(wanted, pool, workers=2)
    finally:
        analysis_run.CHUNK_ARTICLES = saved
    for name in ("articles", "sentences", "keywords", "frame_sentences"):
        left = one.load()[name].sort_values(list(one.load()[name].columns[:2])).reset_index(drop=True)
        right = pool.load()[name].sort_values(list(pool.load()[name].columns[:2])).reset_index(drop=True)
        pd.testing.assert_frame_equal(left, right)


def test_article_tone_in_the_store_is_the_mean_of_its_sentences(seed_dir, store):
    analyse.analyze(articles_of(seed_dir), store, workers=1)
    stored = store.load()
    means = stored["sentences"].groupby("article_id")["compound"].mean()
    tone = stored["articles"].set_index("article_id")["compound"]
    pd.testing.assert_series_equal(tone.sort_index(), means.sort_index(), check_names=False)


def test_non_english_articles_are_not_analysed(tmp_path, store):
    (tmp_path / "fr.txt").write_text(
        "Le président chinois Xi Jinping a rencontré jeudi à Moscou son homologue russe Vladimir "
        "Poutine pour des entretiens sur la guerre en Ukraine et le partenariat stratégique.")
    assert analyse.analyzable(corpus.load(tmp_path).records).empty


def test_progress_is_reported_up_to_the_total(seed_dir, store):
    seen = []
    analyse.analyze(articles_of(seed_dir), store, workers=1, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)


def test_two_callers_at_once_never_analyse_the_same_article_twice(seed_dir, store):
    import threading

    wanted, stats = articles_of(seed_dir), []
    threads = [threading.Thread(target=lambda: stats.append(analyse.analyze(wanted, store, workers=1)))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(s.analyzed for s in stats) == [0, 5]
    assert len(store.load()["articles"]) == 5


def test_sentences_of_some_articles_are_those_a_full_scan_finds(seed_dir, store):
    loaded = corpus.load(seed_dir)
    analyse.analyze(analyse.analyzable(loaded.articles), store, texts=loaded.texts, workers=1)
    found = analyse.results(loaded.articles, store)
    ids = found.articles["id"].tolist()
    for wanted in ([ids[2], ids[0]], ids, [], ["not-an-article", ids[1], ids[1]]):
        expected = found.sentences[found.sentences["article_id"].isin(wanted)]
        got = found.sentences_of(wanted)
        assert sorted(map(tuple, got[["article_id", "sentence"]].to_numpy())) == \
            sorted(map(tuple, expected[["article_id", "sentence"]].to_numpy()))
    assert len(found.sentences_of([ids[0]])) > 3


def test_the_compound_of_a_sentence_is_found_by_position_as_a_join_finds_it(seed_dir, store):
    loaded = corpus.load(seed_dir)
    analyse.analyze(analyse.analyzable(loaded.articles), store, texts=loaded.texts, workers=1)
    found = analyse.results(loaded.articles, store)
    stored = found.sentences.sample(frac=1.0, random_state=1)  # any order
    keys = pd.concat([stored[["article_id", "sentence"]],
                      pd.DataFrame({"article_id": ["missing", stored["article_id"].iloc[0]], "sentence": [0, 10_000]})])
    expected = keys.merge(found.sentences[["article_id", "sentence", "compound"]], how="left")["compound"]
    got = found.compound_of(keys["article_id"], keys["sentence"])
    assert pd.isna(got[-2:]).all()  # no such article, no such sentence
    pd.testing.assert_series_equal(pd.Series(got), expected.reset_index(drop=True), check_names=False)


def test_an_article_stored_in_two_batches_keeps_the_first_batchs_rows_in_every_table(tmp_path):
    import pyarrow as pa

    from lib.store import Store

    store = Store(tmp_path, {"test": 1})

    def batch(ids, marker):
        rows = {"article_id": ids, "rank": [1] * len(ids), "keyphrase": [marker] * len(ids), "score": [0.1] * len(ids)}
        extra = pa.table({"article_id": [i for i in ids for _ in range(2)], "term": [marker] * (2 * len(ids))})
        return {"articles": pa.table({"article_id": ids}), "sentences": pa.table({"article_id": pa.array([], pa.string())}),
                "keywords": pa.table(rows), "frame_sentences": pa.table({"article_id": pa.array([], pa.string())}),
                "step_rows": extra}

    store.write(batch(["a", "b"], "first"))
    store.write(batch(["b", "c"], "second"))
    loaded = store.load(tables=("articles", "keywords", "step_rows"))
    per_article = loaded["step_rows"].groupby("article_id")["term"].agg(lambda t: sorted(set(t)))
    # batch names are random: whichever batch is read first owns b, the same one in every table
    b_marker = loaded["keywords"].set_index("article_id").loc["b", "keyphrase"]
    assert per_article["b"] == [b_marker]
    assert len(loaded["step_rows"][loaded["step_rows"]["article_id"] == "b"]) == 2
    assert sorted(loaded["articles"]["article_id"]) == ["a", "b", "c"]
    assert set(store.load({"c"}, tables=("step_rows",))["step_rows"]["article_id"]) == {"c"}
