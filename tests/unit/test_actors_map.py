"""lib.actors.mapped: the actors table, labels and mention sentences from per-article map rows
must be what find_actors / analyse give on the texts (invented articles and people)."""
from __future__ import annotations

import pandas as pd
import pytest

from lib import actors
from lib.actors import mapped

TEXTS = {
    "n1": "Chilean President Alma Verdi said on Monday that talks would go on. Verdi told reporters "
          "the plan was ready. Her rival, Bo Strand, said nothing.",
    "n2": "President Verdi Meets Her Rival In Valparaiso\n"
          "Alma Verdi met Bo Strand in the capital. The Chilean leader said the deal was close, and "
          "Strand called Verdi a \u201creckless gambler\u201d on Tuesday.",
    "n3": "Mr. Strand, who leads the opposition, said Verdi\u2019s budget was late. Bo Strand told "
          "the paper he would vote no. Strand is a former mayor.",
    "n4": "Alma Verdi\u2019s office said the Chilean president would travel. President Verdi said she "
          "was ready; Strand said he was not.",
    "n5": "The weather was mild in the south, where harvest farmers said it was early. Nobody "
          "named in this story is famous.",
    "n6": "Former Mayor Bo Strand said the vote was close. Alma Verdi said, and the Chilean leader "
          "added, that the count was done.",
}


def articles(*ids: str) -> pd.DataFrame:
    chosen = ids or tuple(TEXTS)
    return pd.DataFrame({"id": list(chosen), "text": [TEXTS[i] for i in chosen]})


def concat(*maps: dict[str, pd.DataFrame], seed: int = 0) -> dict[str, pd.DataFrame]:
    """Map tables of several batches concatenated, rows shuffled."""
    return {name: pd.concat([m[name] for m in maps], ignore_index=True).sample(frac=1, random_state=seed)
            for name in maps[0]}


def frames_equal(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    assert set(a) == set(b)
    for name in a:
        pd.testing.assert_frame_equal(a[name].reset_index(drop=True), b[name].reset_index(drop=True))


@pytest.fixture(scope="module")
def today() -> pd.DataFrame:
    return actors.find_actors(articles())


def test_the_fixture_finds_both_people_with_surname_and_title_aliases(today):
    # guards the other tests: they compare something that is not empty
    aliases = today.groupby("actor")["alias"].agg(list).to_dict()
    assert set(aliases) == {"Alma Verdi", "Bo Strand"}
    assert {"Verdi", "President Verdi", "Verdi’s"} <= set(aliases["Alma Verdi"])
    assert "Strand" in aliases["Bo Strand"]


def test_map_tables_have_the_schema_columns_and_article_id_first():
    found = mapped.map_articles(articles())
    assert set(found) == set(mapped.SCHEMAS)
    for name, frame in found.items():
        assert list(frame.columns) == mapped.SCHEMAS[name].names
        assert mapped.SCHEMAS[name].names[0] == "article_id"
    labelled = mapped.map_labels(articles(), actors.find_actors(articles()))
    for name, frame in labelled.items():
        assert list(frame.columns) == mapped.LABEL_SCHEMAS[name].names


def test_the_map_is_per_article_independent(today):
    whole = mapped.map_articles(articles())
    halves = [mapped.map_articles(articles("n1", "n2", "n3")), mapped.map_articles(articles("n4", "n5", "n6"))]
    frames_equal(whole, {n: pd.concat([h[n] for h in halves], ignore_index=True) for n in whole})
    whole = mapped.map_labels(articles(), today)
    halves = [mapped.map_labels(articles("n1", "n2", "n3"), today), mapped.map_labels(articles("n4", "n5", "n6"), today)]
    frames_equal(whole, {n: pd.concat([h[n] for h in halves], ignore_index=True) for n in whole})


def test_reduce_gives_find_actors(today):
    ids = articles()["id"]
    pd.testing.assert_frame_equal(mapped.reduce(mapped.map_articles(articles()), ids), today)


@pytest.mark.parametrize("chunk", [mapped.ASSEMBLE_CHUNK, 1, 4])   # in one part, or a few articles at a time
def test_reduce_labels_gives_analyse(today, chunk, monkeypatch):
    monkeypatch.setattr(mapped, "ASSEMBLE_CHUNK", chunk)
    labels, mentions = actors.analyse(articles(), today)
    assert "descriptor" in set(labels["kind"]) and "predicate" in set(labels["kind"])
    got_labels, got_mentions = mapped.reduce_labels(mapped.map_labels(articles(), today), articles()["id"], today)
    pd.testing.assert_frame_equal(got_labels, labels)
    pd.testing.assert_frame_equal(got_mentions, mentions)


def test_reduce_over_two_halves_in_shuffled_row_order_gives_the_union():
    union = articles("n2", "n5", "n1", "n6", "n3", "n4")
    people = actors.find_actors(union)
    first, second = union.iloc[:3], union.iloc[3:]
    tables = concat(mapped.map_articles(second), mapped.map_articles(first), seed=3)
    pd.testing.assert_frame_equal(mapped.reduce(tables, union["id"]), people)
    label_tables = concat(mapped.map_labels(second, people), mapped.map_labels(first, people), seed=5)
    labels, mentions = actors.analyse(union, people)
    got_labels, got_mentions = mapped.reduce_labels(label_tables, union["id"], people)
    pd.testing.assert_frame_equal(got_labels, labels)   # in the corpus's article order
    pd.testing.assert_frame_equal(got_mentions, mentions)


def test_rows_of_articles_not_in_ids_are_ignored():
    kept = articles("n1", "n2", "n4")
    alone = actors.find_actors(kept)
    assert not alone.equals(actors.find_actors(articles()))   # the extra articles would change it
    tables = mapped.map_articles(articles())
    pd.testing.assert_frame_equal(mapped.reduce(tables, kept["id"]), alone)
    people = actors.find_actors(articles())
    labels, mentions = actors.analyse(kept, people)
    got_labels, got_mentions = mapped.reduce_labels(mapped.map_labels(articles(), people), kept["id"], people)
    pd.testing.assert_frame_equal(got_labels, labels)
    pd.testing.assert_frame_equal(got_mentions, mentions)


def test_a_title_alias_counts_the_article_that_has_it_only_in_a_headline(today):
    # 'President Verdi' in n2 is in a Title Case line that find_actors does not read for names,
    # yet its whole-word search counts n2; the stored phrases must too
    tables = mapped.map_articles(articles())
    got = mapped.reduce(tables, articles()["id"]).set_index("alias")["articles"]
    assert got["President Verdi"] == today.set_index("alias").loc["President Verdi", "articles"] == 2


def test_an_alias_glued_to_a_hyphen_or_letter_is_not_counted():
    texts = {"h1": "President Alma Verdi said the plan was ready. President Verdi told aides so.",
             "h2": "Alma Verdi said so, Verdi said. President Verdi-Ochoa spoke. Mr. Verdi said no.",
             "h3": "President Verdis said nothing. Alma Verdi said she agreed, Verdi said."}
    frame = pd.DataFrame({"id": list(texts), "text": list(texts.values())})
    today = actors.find_actors(frame)
    assert today.set_index("alias").loc["President Verdi", "articles"] == 1   # only h1
    pd.testing.assert_frame_equal(mapped.reduce(mapped.map_articles(frame), frame["id"]), today)


def test_an_analysts_actor_list_maps_to_the_same_labels():
    listed = pd.DataFrame({"actor": ["Alma Verdi", "Alma Verdi", "Bo Strand"],
                           "alias": ["Alma Verdi", "Verdi", "Strand"]})
    labels, mentions = actors.analyse(articles(), listed)
    assert len(mentions) > 0
    got_labels, got_mentions = mapped.reduce_labels(mapped.map_labels(articles(), listed), articles()["id"], listed)
    pd.testing.assert_frame_equal(got_labels, labels)
    pd.testing.assert_frame_equal(got_mentions, mentions)
    assert mapped.labels_key(listed) != mapped.labels_key(listed.iloc[:2])


def test_no_articles_give_empty_tables_of_the_same_shape():
    empty = pd.DataFrame({"id": pd.Series([], dtype="str"), "text": pd.Series([], dtype="str")})
    pd.testing.assert_frame_equal(mapped.reduce(mapped.map_articles(empty), []), actors.find_actors(empty))


def test_after_the_actor_list_changes_only_stale_articles_need_the_label_map_again():
    before = pd.DataFrame({"actor": ["Alma Verdi", "Alma Verdi"], "alias": ["Alma Verdi", "Verdi"]})
    after = pd.concat([before, pd.DataFrame({"actor": ["Bo Strand"] * 2, "alias": ["Bo Strand", "Strand"]})],
                      ignore_index=True)
    ids = articles()["id"]
    stale = mapped.stale_articles(mapped.map_articles(articles()), ids, before, after)
    assert stale == ["n1", "n2", "n3", "n4", "n6"]   # n5 names nobody
    assert mapped.stale_articles(mapped.map_articles(articles()), ids, after, after) == []
    kept = {k: v[~v["article_id"].isin(stale)] for k, v in mapped.map_labels(articles(), before).items()}
    fresh = mapped.map_labels(articles(*stale), after)
    labels, mentions = actors.analyse(articles(), after)
    assert "Bo Strand" in set(mentions["actor"])
    got_labels, got_mentions = mapped.reduce_labels(concat(kept, fresh), ids, after)
    pd.testing.assert_frame_equal(got_labels, labels)
    pd.testing.assert_frame_equal(got_mentions, mentions)


def test_an_alias_not_starting_with_a_capital_makes_every_article_stale():
    before = pd.DataFrame({"actor": ["Alma Verdi"], "alias": ["Alma Verdi"]})
    after = pd.concat([before, pd.DataFrame({"actor": ["Alma Verdi"], "alias": ["verdi"]})], ignore_index=True)
    ids = articles()["id"]
    assert mapped.stale_articles(mapped.map_articles(articles()), ids, before, after) == list(ids)


def test_relabel_reads_only_new_articles_and_those_a_changed_actor_list_can_touch():
    before = pd.DataFrame({"actor": ["Bo Strand", "Bo Strand"], "alias": ["Bo Strand", "Strand"]})
    after = pd.concat([before, pd.DataFrame({"actor": ["Alma Verdi"] * 2, "alias": ["Alma Verdi", "Verdi"]})],
                      ignore_index=True)
    old_ids = ["n1", "n3", "n5"]
    previous = mapped.PreviousLabels(mapped.map_labels(articles(*old_ids), before), before, frozenset(old_ids))
    read: list[str] = []

    def texts_of(ids):
        read.extend(ids)
        return articles(*ids)

    ids = list(TEXTS)
    rows = mapped.relabel(ids, after, mapped.map_articles(articles()), texts_of, previous)
    # n2, n4, n6 are new; n1 and n3 name Verdi, the actor added; n5, covered and naming nobody, is kept
    assert sorted(read) == ["n1", "n2", "n3", "n4", "n6"]
    labels, mentions = actors.analyse(articles(), after)
    got_labels, got_mentions = mapped.reduce_labels(rows, ids, after)
    pd.testing.assert_frame_equal(got_labels, labels)
    pd.testing.assert_frame_equal(got_mentions, mentions)


def test_a_lower_case_alias_makes_stale_only_the_articles_whose_text_holds_its_words():
    before = actors.find_actors(articles())
    after = pd.concat([before, pd.DataFrame({"actor": ["Bo Strand"], "alias": ["harvest farmers"]})], ignore_index=True)
    assert mapped._starts(mapped._changed_cores(before, after)) is None   # no capital to look up
    ids = list(TEXTS)
    searched: list[str] = []

    def texts_of(wanted):
        searched.extend(wanted)
        return articles(*wanted)

    names = mapped.map_articles(articles())
    assert mapped.stale_articles(names, ids, before, after, texts_of) == ["n5"]   # only n5 says "farmers"
    assert sorted(searched) == sorted(ids)
    assert mapped.stale_articles(names, ids, before, after) == ids   # no texts to search: every article
    previous = mapped.PreviousLabels(mapped.map_labels(articles(), before), before, frozenset(ids))
    rows = mapped.relabel(ids, after, names, articles_of, previous)
    labels, mentions = actors.analyse(articles(), after)
    got_labels, got_mentions = mapped.reduce_labels(rows, ids, after)
    pd.testing.assert_frame_equal(got_labels, labels)
    pd.testing.assert_frame_equal(got_mentions, mentions)
    assert not mentions.equals(actors.analyse(articles(), before)[1])   # the alias did change n5's mentions


def articles_of(ids):
    return articles(*ids)


LISTED = pd.DataFrame({"actor": ["Alma Verdi"] * 3 + ["Bo Strand"] * 3,
                       "alias": ["Alma Verdi", "Verdi", "President Verdi", "Bo Strand", "Strand", "President Strand"]})
FLIP = {"x": "Alma Verdi met Bo Strand in the port on Monday. The president said the talks went well.",
        "v": "President Alma Verdi said on Sunday that the budget was ready.",
        "y1": "President Bo Strand said the vote would be close. President Strand thanked the voters.",
        "y2": "President Bo Strand visited the harbour on Friday and President Strand spoke to the crowd.",
        "w": "The weather in the south was mild, and Bo Strand said nothing about it."}


def flip_articles(*ids: str) -> pd.DataFrame:
    return pd.DataFrame({"id": list(ids), "text": [FLIP[i] for i in ids]})


def previous_reduce(ids: list[str]) -> mapped.PreviousLabels:
    rows = mapped.map_labels(flip_articles(*ids), LISTED)
    labels, mentions = mapped.reduce_labels(rows, ids, LISTED)
    return mapped.PreviousLabels(rows, LISTED, frozenset(ids), None, labels, mentions)


@pytest.mark.parametrize("before, after", [(["x", "v"], ["x", "v", "y1", "y2"]),      # a profile changes
                                           (["x", "v", "y1", "y2"], ["x", "v"]),      # and back, by removal
                                           (["x", "v"], ["w", "x", "v"]),             # nothing old changes
                                           (["x", "v", "w"], ["v", "w", "y1", "x"])])  # reordered, mixed
def test_reducing_from_the_last_result_gives_the_full_reduce(before, after, monkeypatch):
    monkeypatch.setattr(mapped, "ASSEMBLE_CHUNK", 2)
    rows = mapped.map_labels(flip_articles(*after), LISTED)
    expected = mapped.reduce_labels(rows, after, LISTED)
    found = mapped.reduce_labels(rows, after, LISTED, previous_reduce(before))
    pd.testing.assert_frame_equal(found[0], expected[0])
    pd.testing.assert_frame_equal(found[1], expected[1])


def test_a_new_article_that_changes_an_actors_profile_relabels_an_old_article_with_a_descriptor():
    after = ["x", "v", "y1", "y2"]
    labels, _ = mapped.reduce_labels(mapped.map_labels(flip_articles(*after), LISTED), after, LISTED,
                                     previous_reduce(["x", "v"]))
    old, _ = mapped.reduce_labels(mapped.map_labels(flip_articles("x", "v"), LISTED), ["x", "v"], LISTED)
    described = {"old": old, "new": labels}
    who = {k: f.loc[(f["article_id"] == "x") & (f["kind"] == "descriptor"), "actor"].tolist() for k, f in described.items()}
    assert who == {"old": ["Alma Verdi"], "new": ["Bo Strand"]}   # "the president": now the one more often so titled


def test_only_articles_a_changed_profile_can_touch_are_assembled_again(monkeypatch):
    previous = previous_reduce(["x", "v", "w"])
    after = ["x", "v", "w", "y1"]
    assembled = []
    real = mapped._assembled
    monkeypatch.setattr(mapped, "_assembled", lambda read, *a: assembled.append([r.article_id for r in read]) or real(read, *a))
    mapped.reduce_labels(mapped.map_labels(flip_articles(*after), LISTED), after, LISTED, previous)
    assert assembled == [["x", "y1"]]   # y1 is new; x has a descriptor and mentions Strand, whose profile grew
