"""Derived tables on disk: computed once per corpus version and input, read back identical."""
from pathlib import Path

import pandas as pd
import pytest

from lib import actors, framing
from lib.actors import mapped
from lib import pipeline
from lib.store import derived
from lib.frames import plain_ids
from lib.store.texts import Texts

ARTICLES = pd.DataFrame({
    "id": ["a1", "a2", "a3"],
    "text": ["President Joe Biden called it an invasion. Biden spoke in Kyiv.",
             "Joe Biden, the American president, said the “special military operation” was a war.",
             "The conflict went on. Joe Biden met Emmanuel Macron; Macron called it an invasion."],
})


def lexicon(*terms: str) -> pd.DataFrame:
    return pd.DataFrame({"group": "event", "term": list(terms), "variants": list(terms)})


def test_framing_matches_are_computed_once_and_read_back_equal(tmp_path, monkeypatch):
    first = pipeline.framing_matches(ARTICLES, lexicon("invasion", "war"), tmp_path)
    # ids come back as plain strings (object dtype): pages test them against the selection often
    pd.testing.assert_frame_equal(first, plain_ids(framing.matches(ARTICLES, lexicon("invasion", "war"))))
    monkeypatch.setattr(framing, "matches", lambda *a: pytest.fail("recomputed although stored"))
    again = pipeline.framing_matches(ARTICLES.iloc[::-1], lexicon("invasion", "war"), tmp_path)
    pd.testing.assert_frame_equal(again, first)


def test_articles_without_text_are_read_from_the_texts_only_when_computing(tmp_path):
    texts = Texts.from_pairs(ARTICLES["id"], ARTICLES["text"])
    first = pipeline.framing_matches(ARTICLES[["id"]], lexicon("invasion"), tmp_path, texts)
    assert list(first["article_id"]) == ["a1", "a3"]
    again = pipeline.framing_matches(ARTICLES[["id"]], lexicon("invasion"), tmp_path, None)  # stored: no text needed
    pd.testing.assert_frame_equal(again, first)
    with pytest.raises(ValueError, match="no text"):
        pipeline.framing_matches(ARTICLES[["id"]], lexicon("war"), tmp_path, None)


@pytest.mark.parametrize("change", ["lexicon", "articles"])
def test_a_changed_input_is_computed_afresh_and_replaces_the_old_entry(tmp_path, change):
    pipeline.framing_matches(ARTICLES, lexicon("invasion"), tmp_path)
    if change == "lexicon":
        found = pipeline.framing_matches(ARTICLES, lexicon("conflict"), tmp_path)
        assert set(found["term"]) == {"conflict"}
    else:
        found = pipeline.framing_matches(ARTICLES.iloc[:1], lexicon("invasion"), tmp_path)
        assert set(found["article_id"]) == {"a1"}
    assert len(list(derived.folder(tmp_path).iterdir())) == 1  # the older entry is gone


def test_actor_tables_follow_the_analysts_actor_list(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    found, labels, mentions = pipeline.actor_tables(root, ARTICLES, tmp_path / "cache")
    assert "Joe Biden" in set(found["actor"])
    expected_labels, expected_mentions = actors.analyse(ARTICLES, found)
    pd.testing.assert_frame_equal(labels, plain_ids(expected_labels))
    pd.testing.assert_frame_equal(mentions, plain_ids(expected_mentions))
    (root / "actors.csv").write_text("actor,alias\nEmmanuel Macron,Macron\n")
    listed, _, mentions = pipeline.actor_tables(root, ARTICLES, tmp_path / "cache")
    assert set(listed["actor"]) == {"Emmanuel Macron"}
    assert set(mentions["actor"]) == {"Emmanuel Macron"}


def test_actor_tables_of_a_grown_corpus_read_only_the_new_articles_and_equal_a_cold_run(tmp_path, monkeypatch):
    root, cache = tmp_path / "corpus", tmp_path / "cache"
    root.mkdir()
    (root / "actors.csv").write_text("actor,alias\nJoe Biden,Biden\n")
    grown = pd.concat([ARTICLES, pd.DataFrame({"id": ["a4"], "text": ["Biden and Macron spoke on Friday."]})],
                      ignore_index=True)
    pipeline.actor_tables(root, ARTICLES, cache)
    read: list[str] = []
    real = mapped.map_labels
    monkeypatch.setattr(mapped, "map_labels", lambda frame, people: (read.extend(frame["id"]), real(frame, people))[1])
    got = pipeline.actor_tables(root, grown, cache)
    assert read == ["a4"]   # labels: only the new article is read
    expected = pipeline.actor_tables(root, grown, None)
    for a, b in zip(got, expected):
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))
    # a changed list re-reads the articles its new alias can match (a3, a4 name Macron)
    (root / "actors.csv").write_text("actor,alias\nJoe Biden,Biden\nEmmanuel Macron,Macron\n")
    read.clear()
    got = pipeline.actor_tables(root, grown, cache)
    assert sorted(read) == ["a3", "a4"]
    assert set(got[2]["actor"]) == {"Joe Biden", "Emmanuel Macron"}
    for a, b in zip(got, pipeline.actor_tables(root, grown, None)):
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def test_a_decision_found_in_a_corpus_holds_until_a_tenth_of_it_changed():
    few = frozenset(str(i) for i in range(50))
    assert not derived.still_fresh(few, sorted(few))      # a small corpus: always found again (cheap)
    many = frozenset(str(i) for i in range(1000))
    assert derived.still_fresh(many, [str(i) for i in range(1100)])
    assert derived.still_fresh(many, [str(i) for i in range(900)])
    assert not derived.still_fresh(many, [str(i) for i in range(1101)])
    assert not derived.still_fresh(many, [str(i) for i in range(60, 1060)])  # 60 gone and 60 new


def test_the_actor_list_found_in_the_corpus_is_kept_while_the_corpus_changes_little(tmp_path, monkeypatch):
    root, cache = tmp_path / "corpus", tmp_path / "cache"
    root.mkdir()
    monkeypatch.setattr(derived, "ALWAYS_REFRESH", 0)
    monkeypatch.setattr(derived, "REFRESH_SHARE", 0.5)
    first, _, _ = pipeline.actor_tables(root, ARTICLES, cache)
    grown = pd.concat([ARTICLES, pd.DataFrame({"id": ["a4"], "text": ["Joe Biden and Macron spoke on Friday."]})],
                      ignore_index=True)
    real = mapped.reduce
    monkeypatch.setattr(mapped, "reduce", lambda *a, **k: pytest.fail("the list was found again"))
    kept, labels, mentions = pipeline.actor_tables(root, grown, cache)   # one article in three more
    pd.testing.assert_frame_equal(kept, first)
    assert "a4" in set(mentions["article_id"])                          # the new article is labelled
    expected = actors.analyse(grown, first)
    pd.testing.assert_frame_equal(labels.reset_index(drop=True), plain_ids(expected[0]).reset_index(drop=True))
    monkeypatch.setattr(mapped, "reduce", real)
    more = pd.concat([grown, pd.DataFrame({"id": ["a5", "a6"], "text": ["Emmanuel Macron won.", "Macron lost."]})],
                     ignore_index=True)
    again = pipeline.actor_tables(root, more, cache)                     # three of three more: found again
    for a, b in zip(again, pipeline.actor_tables(root, more, None)):
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def test_suggested_sets_are_kept_and_the_new_articles_counted_while_the_corpus_changes_little(tmp_path, monkeypatch):
    import json

    from lib.framing import suggest_map
    from tests.fixtures.wordings import write_corpus

    path = write_corpus(tmp_path / "corpus", per_outlet=8)
    corpus = pd.DataFrame([json.loads(line) for line in path.open()])[["id", "outlet", "text"]]
    monkeypatch.setattr(derived, "ALWAYS_REFRESH", 0)
    monkeypatch.setattr(derived, "REFRESH_SHARE", 0.25)
    old = corpus.iloc[:14]
    sets, _ = pipeline.suggestion_sets(old, tmp_path / "cache")
    grown, counts = pipeline.suggestion_sets(corpus, tmp_path / "cache")   # two in fourteen: kept
    pd.testing.assert_frame_equal(grown.drop(columns="count"), sets.drop(columns="count"))
    assert set(corpus["id"].iloc[14:]) <= set(counts["article_id"])
    assert grown["count"].sum() == counts["count"].sum()
    cold = suggest_map.reduce(suggest_map.map_articles(corpus), corpus["id"])
    assert not cold[0].equals(grown)   # (the fixture's sets do change with two articles more)
    monkeypatch.setattr(derived, "REFRESH_SHARE", 0.1)
    again, recounted = pipeline.suggestion_sets(corpus.iloc[:12], tmp_path / "cache")  # two of the fourteen gone: found again
    expected = suggest_map.reduce(suggest_map.map_articles(corpus.iloc[:12]), corpus["id"].iloc[:12])
    pd.testing.assert_frame_equal(again, expected[0], check_dtype=False)
    pd.testing.assert_frame_equal(recounted, expected[1], check_dtype=False)


def test_labels_and_mentions_in_one_pass_equal_the_separate_calls():
    people = actors.find_actors(ARTICLES)
    labels, mentions = actors.analyse(ARTICLES, people)
    pd.testing.assert_frame_equal(labels, actors.labels(ARTICLES, people))
    pd.testing.assert_frame_equal(mentions, actors.mention_sentences(ARTICLES, people))


def test_an_unreadable_entry_is_recomputed(tmp_path):
    first = pipeline.framing_matches(ARTICLES, lexicon("invasion"), tmp_path)
    (entry,) = derived.folder(tmp_path).iterdir()
    (entry / "matches.parquet").write_bytes(b"not parquet")
    pd.testing.assert_frame_equal(pipeline.framing_matches(ARTICLES, lexicon("invasion"), tmp_path), first)


def test_a_cache_that_cannot_be_written_still_gives_the_tables(tmp_path: Path):
    cache = tmp_path / "not-a-folder"
    cache.write_text("a file where the cache folder should be")  # mkdir fails, even for root
    found = pipeline.framing_matches(ARTICLES, lexicon("invasion"), cache)
    assert len(found) == 2 and cache.read_text().startswith("a file")


def test_the_term_matrix_is_stored_and_read_back_memory_mapped_with_the_same_counts(tmp_path, monkeypatch):
    from lib import distinctive

    built = pipeline.term_matrix(ARTICLES, tmp_path)
    monkeypatch.setattr(distinctive, "article_terms", lambda *a, **k: pytest.fail("recomputed although stored"))
    read = pipeline.term_matrix(ARTICLES, tmp_path)
    assert (read.counts != built.counts).nnz == 0 and list(read.terms) == list(built.terms)
    selection = ARTICLES.assign(outlet=["X", "Y", "X"])
    counted = distinctive.counts_from_terms(read, selection, min_count=3)
    assert "biden" in set(counted["term"])
    pd.testing.assert_frame_equal(counted, distinctive.term_counts(selection))


def test_the_term_matrix_of_a_changed_corpus_is_updated_from_the_last_one_and_equals_a_cold_one(tmp_path, monkeypatch):
    from lib.distinctive import mapped as terms

    grown = pd.concat([ARTICLES, pd.DataFrame({"id": ["a4"], "text": ["Biden said the invasion was a war. Biden."]})],
                      ignore_index=True)
    shrunk = grown.iloc[1:]
    cold = [pipeline.term_matrix(corpus, None) for corpus in (grown, shrunk)]
    pipeline.term_matrix(ARTICLES, tmp_path)
    for name in ("reduce", "reduce_parquet"):
        monkeypatch.setattr(terms, name, lambda *a, **k: pytest.fail("summed again from every article"))
    added, removed = pipeline.term_matrix(grown, tmp_path), pipeline.term_matrix(shrunk, tmp_path)
    assert terms.same_matrix(added, cold[0]) and terms.same_matrix(removed, cold[1])
    assert "invasion" in set(added.terms) and "invasion" not in set(removed.terms)  # three uses, then two
