"""Article texts kept apart from the corpus frames (lib.texts): looked up by id, kept in the cache."""
import random

import pandas as pd
import pytest

from lib.load import corpus
from lib.store import texts as textstore
from lib.store.texts import Texts

HARBOUR = ("The harbour council met on Tuesday to argue about the new bridge, and the mayor said the "
           "budget would hold until the spring.")
FISHERMEN = ("Fishermen in the northern port said on Friday that the winter catch was the smallest in a "
             "decade, and the regional minister promised a review of the quotas.")
SCHOOL = ("Parents crowded the school hall on Monday evening to hear why the village school will close "
          "its doors next summer, and the head teacher promised a new bus route.")


def texts_by_file(loaded: corpus.Corpus) -> dict[str, str]:
    """What a reader of the corpus sees: each loaded file's clean text."""
    records = loaded.with_text(loaded.records)
    return dict(zip(records["file"], records["text"]))


def kept_file(cache, loaded: corpus.Corpus):
    """Where the cache keeps the texts of this version of the corpus."""
    return textstore.path(cache, loaded.root, loaded.fingerprint)


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "harbour.txt").write_text(HARBOUR)
    (root / "fishermen.txt").write_text(FISHERMEN)
    return root


def test_texts_are_looked_up_by_id_in_any_order():
    texts = Texts.from_pairs(["a", "b", "c"], ["alpha", "beta", "gamma"])
    assert texts.get("b") == "beta"
    assert texts.of(["c", "a", "b", "a"]) == ["gamma", "alpha", "beta", "alpha"]
    frame = pd.DataFrame({"id": ["c", "a"]}, index=[10, 20])
    assert texts.attach(frame)["text"].to_dict() == {10: "gamma", 20: "alpha"}


def test_an_unknown_id_or_a_record_without_id_gives_an_empty_text():
    texts = Texts.from_pairs(["a"], ["alpha"])
    assert texts.get("nope") == ""
    assert texts.of(["nope", "a"]) == ["", "alpha"]
    assert list(texts.attach(pd.DataFrame({"id": ["a", None]}))["text"]) == ["alpha", ""]


def test_iterating_over_more_than_256_ids_gives_the_same_texts_as_of():
    ids = [f"id-{n}" for n in range(700)]
    texts = Texts.from_pairs(ids, [f"text number {n}" for n in range(700)])
    wanted = ids + ["unknown"] * 3
    random.Random(3).shuffle(wanted)
    assert list(texts.iter(wanted)) == texts.of(wanted)
    assert len(texts.of(wanted)) == 703


def test_a_corpus_loaded_with_a_cache_keeps_its_texts_under_cache_texts(folder, tmp_path):
    cache = tmp_path / "cache"
    loaded = corpus.load(folder, cache=cache)
    assert texts_by_file(loaded) == {"harbour.txt": HARBOUR, "fishermen.txt": FISHERMEN}
    assert kept_file(cache, loaded).parent == cache / "texts"
    assert kept_file(cache, loaded).is_file()


def test_loading_the_same_unchanged_folder_again_gives_the_same_texts(folder, tmp_path):
    cache = tmp_path / "cache"
    first = corpus.load(folder, cache=cache)
    second = corpus.load(folder, cache=cache)
    assert kept_file(cache, second) == kept_file(cache, first)
    assert texts_by_file(second) == texts_by_file(first) == {"harbour.txt": HARBOUR, "fishermen.txt": FISHERMEN}


def test_after_a_file_is_added_its_text_is_there_and_the_old_ones_still_are(folder, tmp_path):
    cache = tmp_path / "cache"
    before = corpus.load(folder, cache=cache)
    (folder / "school.txt").write_text(SCHOOL)
    again = corpus.load(folder, cache=cache)
    assert texts_by_file(again) == {"harbour.txt": HARBOUR, "fishermen.txt": FISHERMEN, "school.txt": SCHOOL}
    assert kept_file(cache, again).is_file()
    assert not kept_file(cache, before).exists()  # the older version is dropped: the cache does not grow


def test_a_new_process_reads_unchanged_texts_from_the_last_version_not_the_parse_cache(folder, tmp_path, monkeypatch):
    from lib.store import parsed

    cache = tmp_path / "cache"
    corpus.load(folder, cache=cache)
    (folder / "school.txt").write_text(SCHOOL)
    monkeypatch.setattr(corpus, "_TEXTS", {})   # as after a restart: nothing in this process's memory
    monkeypatch.setattr(corpus, "_CACHE", {})
    asked = []
    real_get = parsed.get
    monkeypatch.setattr(parsed, "get", lambda *args, **kw: asked.append(kw.get("without", ())) or real_get(*args, **kw))
    again = corpus.load(folder, cache=cache)
    assert texts_by_file(again) == {"harbour.txt": HARBOUR, "fishermen.txt": FISHERMEN, "school.txt": SCHOOL}
    assert asked and all("text" in without for without in asked)  # no text read back from the parse cache
    (folder / "harbour.txt").write_text(HARBOUR + " The vote is on Friday.")  # a changed file: read again
    monkeypatch.setattr(corpus, "_TEXTS", {})
    third = corpus.load(folder, cache=cache)
    assert texts_by_file(third)["harbour.txt"].endswith("The vote is on Friday.")
    assert texts_by_file(third)["school.txt"] == SCHOOL


@pytest.mark.parametrize("blocked", ["a file instead of the cache", "a file instead of cache/texts"])
def test_a_cache_that_cannot_be_written_still_gives_the_texts(folder, tmp_path, blocked):
    cache = tmp_path / "cache"
    if blocked == "a file instead of the cache":
        cache.write_text("not a folder")
    else:
        cache.mkdir()
        (cache / "texts").write_text("not a folder")
    loaded = corpus.load(folder, cache=cache)
    assert texts_by_file(loaded) == {"harbour.txt": HARBOUR, "fishermen.txt": FISHERMEN}
