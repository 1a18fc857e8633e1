import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.load import corpus
from lib import stories
from lib.store.atomic import version
from lib.stories import STORIES_FILE, apply_overrides, coverage, describe, group, omissions

FUZZ_EXAMPLES = int(os.environ.get("FRAMESCOPE_FUZZ_EXAMPLES", 50))

# The seeds' events (tests/fixtures/seeds, by file-name prefix).
EVENTS = {"000": "Moscow, May 2025", "001": "Moscow, May 2025", "002": "Moscow, May 2025",
          "003": "Beijing, May 2024", "004": "Beijing, September 2025"}

BREAD = ("Bakers across the county entered the annual sourdough contest on Saturday. The winning loaf used "
         "a starter kept alive for forty years, the judges said, praising its crust and open crumb.")


def seed_articles(seed_dir: Path) -> pd.DataFrame:
    """The seeds as lib.corpus loads them, with the event each one reports."""
    loaded = corpus.load(seed_dir)
    articles = loaded.with_text(loaded.articles).reset_index(drop=True)
    return articles.assign(event=articles["file"].str[:3].map(EVENTS))


def frame(*rows: tuple) -> pd.DataFrame:
    """(id, outlet, date or None, text) rows as an articles frame."""
    return pd.DataFrame({"id": [r[0] for r in rows], "outlet": [r[1] for r in rows],
                         "date": pd.to_datetime([r[2] for r in rows]), "text": [r[3] for r in rows]})


def story_of(assignments: pd.DataFrame, article_id: str) -> str:
    return assignments.set_index("article_id").loc[article_id, "story"]


def partition(assignments: pd.DataFrame) -> set[frozenset[str]]:
    return {frozenset(g) for _, g in assignments.groupby("story")["article_id"]}


# --- grouping -----------------------------------------------------------------------------------

def test_the_seeds_form_three_stories_one_per_event(seed_dir):
    articles = seed_articles(seed_dir)
    out = group(articles)
    expected = {frozenset(g) for _, g in articles.groupby("event")["id"]}
    assert partition(out) == expected
    assert list(out.columns) == ["article_id", "story", "undated", "similarity"]


def test_undated_seeds_are_flagged_as_joined_by_text_alone(seed_dir):
    articles = seed_articles(seed_dir)
    out = group(articles).merge(articles[["id", "file"]], left_on="article_id", right_on="id")
    flagged = set(out.loc[out["undated"], "file"].str[:3])
    assert flagged == {"002", "003"}


def test_story_ids_come_from_the_smallest_member_id(seed_dir):
    out = group(seed_articles(seed_dir))
    for story, members in out.groupby("story")["article_id"]:
        assert story == "s-" + min(members)[:8]


def test_similarity_is_between_zero_and_one_and_one_for_a_story_of_one(seed_dir):
    out = group(seed_articles(seed_dir))
    assert out["similarity"].between(0, 1).all()
    sizes = out.groupby("story")["article_id"].transform("size")
    assert (out.loc[sizes == 1, "similarity"] == 1.0).all()


def test_shuffled_rows_give_the_same_stories_and_ids(seed_dir):
    articles = seed_articles(seed_dir)
    first = group(articles)
    for seed in range(3):
        shuffled = articles.sample(frac=1, random_state=seed)
        pd.testing.assert_frame_equal(group(shuffled), first)


def test_the_same_words_a_year_apart_are_two_stories_but_two_days_apart_one():
    text = "The senate passed the farm bill after a long night of votes on crop insurance and subsidies."
    far = group(frame(("a", "X", "2020-03-01", text), ("b", "Y", "2021-03-01", text)))
    near = group(frame(("a", "X", "2020-03-01", text), ("b", "Y", "2020-03-03", text)))
    assert far["story"].nunique() == 2
    assert near["story"].nunique() == 1


def test_a_story_never_spans_more_than_max_days_between_dated_articles():
    text = "Flooding closed the river road again as rain fell for a third day across the valley towns."
    days = ["2021-01-01", "2021-01-04", "2021-01-07", "2021-01-10", "2021-01-13"]
    articles = frame(*[(f"a{i}", "X", d, text) for i, d in enumerate(days)])
    out = group(articles, max_days=5).merge(articles, left_on="article_id", right_on="id")
    spans = out.groupby("story")["date"].agg(lambda d: (d.max() - d.min()).days)
    assert (spans <= 5).all()


def test_an_empty_frame_gives_an_empty_assignment():
    out = group(frame())
    assert out.empty and list(out.columns) == ["article_id", "story", "undated", "similarity"]


def test_duplicate_article_ids_are_refused():
    with pytest.raises(ValueError, match="unique"):
        group(frame(("a", "X", None, "one"), ("a", "Y", None, "two")))


# --- incremental runs ---------------------------------------------------------------------------

def test_a_new_article_close_to_a_story_joins_it_and_the_others_keep_their_ids(seed_dir):
    articles = seed_articles(seed_dir)
    newcomer = articles.loc[articles["file"].str.startswith("001"), "id"].item()
    before = group(articles[articles["id"] != newcomer])
    after = group(articles, previous=before)
    kept = after[after["article_id"] != newcomer].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept[["article_id", "story"]], before[["article_id", "story"]])
    moscow = articles.loc[articles["file"].str.startswith("000"), "id"].item()
    assert story_of(after, newcomer) == story_of(before, moscow)


def test_an_unrelated_article_starts_a_new_story_and_nothing_else_moves(seed_dir):
    articles = seed_articles(seed_dir)
    before = group(articles)
    bread = pd.DataFrame({"id": ["zz-bread"], "text": [BREAD], "date": pd.to_datetime(["2025-05-08"]),
                          "outlet": ["Gazette"]})
    after = group(pd.concat([articles, bread], ignore_index=True), previous=before)
    assert story_of(after, "zz-bread") == "s-zz-bread"
    assert story_of(after, "zz-bread") not in set(before["story"])
    pd.testing.assert_frame_equal(after[after["article_id"] != "zz-bread"].reset_index(drop=True), before)


def test_stories_no_new_article_joins_keep_their_similarity_without_their_vectors_built(seed_dir, monkeypatch, tmp_path):
    from lib.store import stories as storystate
    from lib.stories import grouping

    articles = seed_articles(seed_dir)
    before = group(articles)
    storystate.save(tmp_path, seed_dir, before)
    kept = storystate.load(tmp_path, seed_dir)            # what a restart starts from: similarity too
    pd.testing.assert_frame_equal(kept, before[["article_id", "story", "similarity"]])
    bread = pd.DataFrame({"id": ["zz-bread"], "text": [BREAD], "date": pd.to_datetime(["2031-05-08"]),
                          "outlet": ["Gazette"]})
    grown = pd.concat([articles, bread], ignore_index=True)
    built: list[list[int]] = []
    real = grouping._vectors
    monkeypatch.setattr(grouping, "_vectors", lambda texts, rows: (built.append(list(rows)), real(texts, rows))[1])
    carried = group(grown, previous=kept)
    assert len(built[0]) < len(grown)                     # not every article's vector
    without = group(grown, previous=kept[["article_id", "story"]])
    assert len(built[1]) == len(grown)                    # without similarities: every story measured again
    pd.testing.assert_frame_equal(carried, without)


def test_previous_assignments_win_over_the_words(seed_dir):
    articles = seed_articles(seed_dir)
    previous = pd.DataFrame({"article_id": articles["id"], "story": "s-everything"})
    out = group(articles, previous=previous)
    assert set(out["story"]) == {"s-everything"}


def test_story_ids_of_a_previous_run_are_never_reused():
    text = "The city council voted to rebuild the old harbour bridge after years of delays."
    previous = pd.DataFrame({"article_id": ["gone"], "story": ["s-a"]})
    out = group(frame(("a", "X", "2020-01-01", text)), previous=previous)
    assert out["story"].item() == "s-a-2"      # 's-a' belonged to a story whose article is gone


def test_an_incremental_join_matches_a_full_rebuild():
    base = "Ministers from both countries met in Geneva to discuss the grain export corridor and shipping."
    rows = [("a", "X", "2022-07-01", base), ("b", "Y", "2022-07-01", base + " Talks continue."),
            ("c", "Z", "2022-07-02", "Ministers met in Geneva on grain exports and the shipping corridor."),
            ("d", "X", "2022-07-01", BREAD)]
    articles = frame(*rows)
    full = group(articles)
    incremental = group(articles, previous=group(articles[articles["id"] != "c"]))
    assert partition(incremental) == partition(full)



# Invented reports of one event (a ferry aground) by four outlets, and two unrelated ones.
FERRY = ("The harbour ferry Maribel ran aground on a sandbank outside Port Lennox on Tuesday morning. "
         "All ninety passengers were taken ashore by lifeboats and the coastguard said nobody was hurt. "
         "The operator blamed a faulty rudder and cancelled crossings for the week.")
FERRY_AGAIN = ("Ninety passengers were rescued by lifeboats after the ferry Maribel grounded on a sandbank near "
               "Port Lennox. The coastguard reported no injuries. Crossings are cancelled while engineers "
               "inspect the rudder, the operator said.")
FERRY_LOCALS = ("Port Lennox residents watched lifeboats bring passengers off the stranded Maribel. Locals have "
                "long warned that the sandbank shifts every winter and that the harbour needs dredging, and the "
                "council promised a review of the channel markers.")
FERRY_COUNCIL = ("The council of Port Lennox will review the channel markers after the Maribel ran onto the "
                 "sandbank. Residents said the harbour has needed dredging for years and that the sandbank "
                 "shifts each winter.")
SNOW = ("Heavy snow closed the mountain pass for the second time this month and stranded lorries waited "
        "overnight at the border while ploughs cleared drifts two metres deep.")


def ferry_week() -> list[tuple]:
    return [("f1", "Coast Post", "2023-03-07", FERRY), ("f2", "Daily Wire Co", "2023-03-07", FERRY_AGAIN),
            ("b1", "Coast Post", "2023-03-08", BREAD), ("s1", "Hill Times", "2023-03-09", SNOW)]


def test_an_undated_article_that_clearly_reports_a_dated_story_joins_it():
    articles = frame(*ferry_week(), ("u1", "Harbour Voice", None, FERRY_LOCALS))
    out = group(articles)
    assert story_of(out, "u1") == story_of(out, "f1") == story_of(out, "f2")
    assert out.set_index("article_id").loc["u1", "undated"]
    before = group(articles, undated_margin=None)  # the discounted similarity alone: a story of one
    assert (before["story"] == story_of(before, "u1")).sum() == 1


def test_an_undated_article_unlike_everything_stays_alone():
    articles = frame(*ferry_week()[:2], ("s1", "Hill Times", "2023-03-09", SNOW),
                     ("u1", "Harbour Voice", None, BREAD))
    out = group(articles)
    assert (out["story"] == story_of(out, "u1")).sum() == 1


def test_two_outlets_undated_articles_on_one_event_form_one_story_with_its_dated_reports():
    undated = [("u1", "Harbour Voice", None, FERRY_LOCALS), ("u2", "Lennox Herald", None, FERRY_COUNCIL)]
    alone = group(frame(("s1", "Hill Times", "2023-03-09", SNOW), *undated))
    assert story_of(alone, "u1") == story_of(alone, "u2") != story_of(alone, "s1")
    together = group(frame(*ferry_week(), *undated))
    assert len({story_of(together, a) for a in ("f1", "f2", "u1", "u2")}) == 1
    assert (together["story"] == story_of(together, "f1")).sum() == 4


def test_an_undated_article_matching_two_stories_about_as_well_joins_neither():
    # The same ferry event reported a second time a month later: text alone cannot tell which.
    later = [("g1", "Coast Post", "2023-04-11", FERRY), ("g2", "Daily Wire Co", "2023-04-11", FERRY_AGAIN)]
    out = group(frame(*ferry_week(), *later, ("u1", "Harbour Voice", None, FERRY_LOCALS)))
    assert story_of(out, "f1") != story_of(out, "g1")
    assert (out["story"] == story_of(out, "u1")).sum() == 1


def test_an_undated_article_added_later_joins_the_story_a_rebuild_puts_it_in():
    articles = frame(*ferry_week(), ("u1", "Harbour Voice", None, FERRY_LOCALS))
    previous = group(articles[articles["id"] != "u1"])
    incremental = group(articles, previous=previous)
    assert partition(incremental) == partition(group(articles))
    assert story_of(incremental, "u1") == story_of(previous, "f1")

# --- analyst overrides --------------------------------------------------------------------------

def save(folder, rows):
    """Save as an editor that has just read the file does."""
    return stories.save_overrides(folder, rows, expected=version(folder / STORIES_FILE))


def overrides(*rows: tuple[str, str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=stories.OVERRIDE_COLUMNS)


def test_manual_overrides_survive_a_rerun_with_new_files(seed_dir, tmp_path):
    articles = seed_articles(seed_dir)
    ids = dict(zip(articles["file"].str[:3], articles["id"]))
    first = group(articles)
    moscow, beijing24, beijing25 = (story_of(first, ids[k]) for k in ("000", "003", "004"))
    save(tmp_path, overrides(
        ("move", ids["002"], "", beijing24, ""),          # analyst disagrees: 002 belongs with 003
        ("merge", "", beijing24, beijing25, ""),          # and both Beijing visits are one "story"
        ("split", ids["001"], "", "", ""),
        ("rename", "", moscow, "", "Xi in Moscow")))

    def analysed(assignments):
        return apply_overrides(assignments, stories.read_overrides(tmp_path))

    once = analysed(first)
    bread = pd.DataFrame({"id": ["zz-bread"], "text": [BREAD], "date": pd.NaT, "outlet": ["Gazette"]})
    twice = analysed(group(pd.concat([articles, bread], ignore_index=True), previous=first))
    for result in (once, twice):
        assert story_of(result, ids["002"]) == beijing25 == story_of(result, ids["003"])
        assert story_of(result, ids["001"]) not in {moscow, beijing24, beijing25}
        assert result.set_index("article_id").loc[ids["000"], "name"] == "Xi in Moscow"
        assert result.attrs["skipped"] == 0
    assert once.set_index("article_id").loc[ids["002"], "manual"]
    assert np.isnan(once.set_index("article_id").loc[ids["002"], "similarity"])
    label = describe(once, articles).set_index("story").loc[moscow, "label"]
    assert label == "Xi in Moscow"


def test_removing_an_override_undoes_it(seed_dir, tmp_path):
    articles = seed_articles(seed_dir)
    ids = dict(zip(articles["file"].str[:3], articles["id"]))
    assignments = group(articles)
    move = ("move", ids["004"], "", story_of(assignments, ids["000"]), "")
    rename = ("rename", "", story_of(assignments, ids["003"]), "", "Putin in Beijing")
    save(tmp_path, overrides(move, rename))
    moved = apply_overrides(assignments, stories.read_overrides(tmp_path))
    assert story_of(moved, ids["004"]) == story_of(assignments, ids["000"])
    save(tmp_path, overrides(rename))
    undone = apply_overrides(assignments, stories.read_overrides(tmp_path))
    assert undone[["article_id", "story"]].equals(assignments[["article_id", "story"]])
    assert not undone["manual"].any()


def test_overrides_about_articles_or_stories_that_are_gone_are_skipped_and_counted(seed_dir):
    assignments = group(seed_articles(seed_dir))
    stale = overrides(("move", "no-such-article", "", "s-x", ""), ("merge", "", "s-gone", "s-x", ""),
                      ("rename", "", "s-gone", "", "Old"), ("split", "no-such-article", "", "", ""))
    out = apply_overrides(assignments, stale)
    assert out.attrs["skipped"] == 4
    assert out[["article_id", "story"]].equals(assignments[["article_id", "story"]])
    status = stories.override_status(assignments, stale)["status"]
    assert status.str.startswith("skipped").all()


def test_a_move_to_a_new_story_id_creates_it():
    articles = frame(("a", "X", None, BREAD), ("b", "Y", None, BREAD))
    out = apply_overrides(group(articles), overrides(("move", "b", "", "s-mine", "")))
    assert story_of(out, "b") == "s-mine"



def test_merging_two_edits_of_the_fixes_keeps_their_rows_then_adds_mine():
    rename = ("rename", "", "s-1", "", "Xi in Moscow")
    move = ("move", "a", "", "s-2", "")
    theirs_new = ("split", "b", "", "", "")
    mine_new = ("merge", "", "s-3", "s-2", "")
    merged = stories.merge_overrides(overrides(rename, move), overrides(rename, move, mine_new),
                                     overrides(rename, move, theirs_new))
    assert [tuple(r) for r in merged.values.tolist()] == [rename, move, theirs_new, mine_new]


def test_a_fix_i_deleted_while_a_colleague_added_one_stays_deleted():
    rename = ("rename", "", "s-1", "", "Xi in Moscow")
    move = ("move", "a", "", "s-2", "")
    split = ("split", "b", "", "", "")
    merged = stories.merge_overrides(overrides(rename, move, rename), overrides(rename, move),  # one rename undone
                                     overrides(rename, move, rename, split))
    assert [tuple(r) for r in merged.values.tolist()] == [move, rename, split]


def test_save_overrides_refuses_invalid_rows_and_writes_nothing(tmp_path):
    with pytest.raises(ValueError, match="unknown action"):
        save(tmp_path, overrides(("delete", "a", "", "", "")))
    with pytest.raises(ValueError, match="needs target"):
        save(tmp_path, overrides(("move", "a", "", "", "")))
    assert not (tmp_path / STORIES_FILE).exists()


def test_save_overrides_is_atomic_and_keeps_the_previous_version(tmp_path):
    first = overrides(("rename", "", "s-1", "", "First"))
    second = overrides(("rename", "", "s-1", "", "Second"), ("split", "a", "", "", ""))
    path = save(tmp_path, first)
    save(tmp_path, second)
    assert path == tmp_path / STORIES_FILE
    assert "Second" in path.read_text() and "First" in (tmp_path / f".{STORIES_FILE}.previous").read_text()
    assert not list(tmp_path.glob(".framescope-*.tmp"))
    back = stories.read_overrides(tmp_path)
    assert back.to_dict("records") == second.to_dict("records")
    assert back.attrs["problem"] is None


def test_a_missing_stories_file_means_no_overrides(tmp_path):
    out = stories.read_overrides(tmp_path)
    assert out.empty and list(out.columns) == stories.OVERRIDE_COLUMNS and out.attrs["problem"] is None


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"no,header,here\n1,2,3\n", b'action\n"unterminated\n'])
def test_a_broken_stories_file_gives_no_overrides_and_a_problem_instead_of_crashing(tmp_path, content):
    (tmp_path / STORIES_FILE).write_bytes(content)
    out = stories.read_overrides(tmp_path)
    assert out.empty and out.attrs["problem"]


def test_invalid_rows_of_a_stories_file_are_left_out_and_reported(tmp_path):
    (tmp_path / STORIES_FILE).write_text("action,article_id,story,target,name\nmove,a,,s-1,\nfly,a,,,\nrename,,s-1,,\n")
    out = stories.read_overrides(tmp_path)
    assert out["action"].tolist() == ["move"]
    assert "3, 4" in out.attrs["problem"]


# --- describe and coverage ----------------------------------------------------------------------

def test_describe_gives_one_readable_row_per_story(seed_dir):
    articles = seed_articles(seed_dir)
    out = describe(group(articles), articles)
    assert len(out) == 3 and out["articles"].sum() == 5
    moscow = out.iloc[0]
    assert moscow["articles"] == 3 and moscow["undated"] == 1
    assert moscow["label"].endswith("(2025-05-08)")
    assert moscow["outlet_list"] == "(unknown outlet); UPI" and moscow["outlets"] == 2
    assert out.set_index("articles").loc[1, "label"].str.endswith("(undated)").any()


def test_describe_labels_from_keyphrases_by_rank_when_given():
    articles = frame(("a", "X", "2024-01-01", BREAD), ("b", "Y", "2024-01-02", BREAD + " Crowds came."))
    assignments = group(articles)
    keywords = pd.DataFrame({"article_id": ["a", "a", "a", "b", "b", "b"], "rank": [1, 2, 3, 1, 2, 3],
                             "keyphrase": ["sourdough contest", "starter", "crust", "sourdough contest", "judges",
                                           "open crumb"]})
    label = describe(assignments, articles, keywords)["label"].item()
    assert label.startswith("sourdough contest · ") and label.endswith("(2024-01-01 – 2024-01-02)")


def test_coverage_marks_outlets_missing_from_a_story_as_blindspots():
    articles = frame(("a", "Left", "2024-01-01", BREAD), ("b", "Right", "2024-01-01", BREAD),
                     ("c", "Left", "2024-01-01", "The harbour bridge reopened to traffic after repairs."),
                     ("d", None, "2024-01-01", "An unsigned note about the weather, mild and grey."))
    assignments = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "story": ["s-a", "s-a", "s-c", "s-d"]})
    out = coverage(assignments, articles).set_index(["story", "outlet"])
    assert out.loc[("s-c", "Right"), "articles"] == 0 and out.loc[("s-c", "Right"), "blindspot"]
    assert out.loc[("s-a", "Left"), "articles"] == 1 and not out.loc[("s-a", "Left"), "blindspot"]
    assert not out.loc[("s-a", "(unknown outlet)"), "blindspot"]
    assert len(out) == 3 * 3



def two_periods() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Old publishes in 2013 only; New and Daily in June 2018. Stories: s-old (2013), s-fest
    (New and Daily, 1-2 June 2018), s-bake (Daily, 3 June 2018), s-none (undated, by Daily)."""
    articles = frame(("o1", "Old", "2013-03-01", BREAD), ("o2", "Old", "2013-03-02", BREAD),
                     ("n1", "New", "2018-06-01", BREAD), ("d1", "Daily", "2018-06-02", BREAD),
                     ("d2", "Daily", "2018-06-03", BREAD), ("d3", "Daily", None, BREAD))
    assignments = pd.DataFrame({"article_id": ["o1", "o2", "n1", "d1", "d2", "d3"],
                                "story": ["s-old", "s-old", "s-fest", "s-fest", "s-bake", "s-none"]})
    return assignments, articles


def test_an_outlet_with_no_articles_in_a_storys_days_is_not_a_blindspot():
    assignments, articles = two_periods()
    out = coverage(assignments, articles).set_index(["story", "outlet"])
    assert out.loc[("s-fest", "Old"), "status"] == "no articles then" and not out.loc[("s-fest", "Old"), "blindspot"]
    assert out.loc[("s-old", "New"), "status"] == "no articles then"
    # New published on 1 June, two days before the baking story: skipping it is a blindspot.
    assert out.loc[("s-bake", "New"), "blindspot"] and out.loc[("s-bake", "New"), "in_window"] == 1
    assert out.loc[("s-fest", "Daily"), "status"] == "covered"
    assert int(out["blindspot"].sum()) == 1


def test_the_window_is_the_storys_days_give_or_take_the_margin():
    assignments, articles = two_periods()
    tight = coverage(assignments, articles, window_days=1).set_index(["story", "outlet"])
    assert tight.loc[("s-bake", "New"), "status"] == "no articles then"     # 1 June is 2 days before 3 June
    wide = coverage(assignments, articles, window_days=365 * 6).set_index(["story", "outlet"])
    assert wide.loc[("s-fest", "Old"), "blindspot"]


def test_one_story_is_judged_against_everything_published_then():
    assignments, articles = two_periods()
    bake = articles[articles["id"] == "d2"]
    alone = coverage(assignments[assignments["story"] == "s-bake"], bake)
    assert set(alone["outlet"]) == {"Daily"}                                # nobody else to judge
    judged = coverage(assignments[assignments["story"] == "s-bake"], bake, published=articles).set_index("outlet")
    assert judged.loc["New", "blindspot"] and judged.loc["Old", "status"] == "no articles then"


def test_an_undated_story_is_compared_with_the_outlets_undated_articles():
    assignments, articles = two_periods()
    undated = coverage(assignments, articles).set_index(["story", "outlet"]).loc["s-none"]
    assert undated.loc["Daily", "status"] == "covered"
    assert set(undated.loc[["New", "Old"], "status"]) == {"no articles then"}


def test_a_picker_name_puts_the_date_first_and_fits_the_sidebar():
    described = pd.DataFrame({"story": ["s1", "s2", "s3"], "title": [
        "adds haltom · linton special · showing wildmon", "a remarkably long first keyphrase about everything",
        "Xi in Moscow"], "first": pd.to_datetime(["2018-03-02", "2019-01-01", None]), "articles": [12, 1, 3]})
    names = stories.option_names(described)
    assert names["s1"] == "2018-03-02 · adds haltom (12)"   # whole phrases only: the next would not fit
    assert stories.option_names(described, chars=60)["s1"] == "2018-03-02 · adds haltom · linton special (12)"
    assert names["s2"].startswith("2019-01-01 · a remarkably") and names["s2"].endswith("… (1)")
    assert names["s3"] == "undated · Xi in Moscow (3)"
    assert all(len(n) <= stories.OPTION_CHARS for n in names)


def test_describe_gives_a_title_without_the_dates_and_the_analysts_name_wins():
    articles = frame(("a", "X", "2024-01-01", BREAD), ("b", "Y", "2024-01-02", BREAD))
    assignments = group(articles)
    out = describe(assignments, articles)
    assert out["label"].item().startswith(out["title"].item()) and "2024" not in out["title"].item()
    named = describe(assignments.assign(name="Bread contest"), articles)
    assert named["title"].item() == "Bread contest"


def test_a_table_with_a_story_column_gets_its_label_and_dates_beside_the_id():
    described = pd.DataFrame({"story": ["s1"], "label": ["bread (2024-01-01)"], "shown": ["Bread contest"],
                              "first": pd.to_datetime(["2024-01-01"]), "last": pd.to_datetime(["2024-01-02"])})
    out = stories.with_labels(pd.DataFrame({"story": ["s1", "s-gone"], "articles": [2, 1]}), described)
    assert list(out.columns) == ["story", "story_label", "story_first", "story_last", "articles"]
    assert out.loc[0, "story_label"] == "Bread contest" and str(out.loc[0, "story_last"].date()) == "2024-01-02"
    assert pd.isna(out.loc[1, "story_first"])


# --- omissions ----------------------------------------------------------------------------------

STORY = frame(
    ("a1", "Daily", "2024-05-16", "Putin arrived in Beijing on Thursday. He met Xi Jinping at the Great Hall "
                                  "of the People. Antony Blinken had visited weeks earlier. Sanctions loomed."),
    ("b1", "Herald", "2024-05-16", "Xi Jinping welcomed Putin to Beijing. The talks at the Great Hall covered "
                                   "trade. Officials spoke of sanctions twice: sanctions again."),
    ("c1", "Courier", "2024-05-16", "Putin and Xi Jinping met in Beijing and praised their friendship."))


def test_omissions_name_what_some_outlets_leave_out_with_a_quoted_sentence():
    out = omissions(STORY).set_index("item")
    hall = out.loc["Great Hall"]
    assert hall["kind"] == "entity"
    assert hall["outlets_with"] == "Daily; Herald" and hall["outlets_without"] == "Courier"
    assert hall["evidence"] == "He met Xi Jinping at the Great Hall of the People."
    assert hall["evidence_article"] == "a1"
    assert out.loc["Antony Blinken", "outlets_without"] == "Courier; Herald"
    assert out.loc["sanctions", "kind"] == "term" and out.loc["sanctions", "mentions"] == 3
    assert "Xi Jinping" not in out.index and "Beijing" not in out.index       # everyone has them
    assert "Thursday" not in out.index


def test_omissions_use_actor_labels_when_given():
    labels = pd.DataFrame({"article_id": ["a1", "b1"], "actor": ["Vladimir Putin", "Vladimir Putin"],
                           "label": ["russian president", "leader"]})
    out = omissions(STORY, labels=labels)
    actor = out[out["kind"] == "actor"].iloc[0]
    assert actor["item"] == "Vladimir Putin" and actor["outlets_without"] == "Courier"
    assert actor["evidence"].startswith("Putin arrived in Beijing")
    assert out["kind"].tolist()[0] == "actor"


def test_omissions_need_at_least_min_outlets():
    assert omissions(STORY[STORY["outlet"] == "Daily"]).empty
    assert omissions(STORY, min_outlets=4).empty


# --- fuzz ---------------------------------------------------------------------------------------

WORDS = ["senate", "vote", "harbour", "bridge", "flood", "river", "Putin", "Xi", "Beijing", "bread", "the", "a",
         "Sanctions", "court", "ruling", "é", "", "\n", "2024", "U.S.", "’s"]


@st.composite
def corpora(draw):
    n = draw(st.integers(min_value=0, max_value=8))
    ids = draw(st.lists(st.text(alphabet="abcdef0123", min_size=1, max_size=10), min_size=n, max_size=n, unique=True))
    texts = [" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=30))) for _ in range(n)]
    dates = [draw(st.one_of(st.none(), st.dates(min_value=pd.Timestamp("2020-01-01").date(),
                                                  max_value=pd.Timestamp("2020-03-01").date()))) for _ in range(n)]
    outlets = [draw(st.sampled_from(["A", "B", "C", None])) for _ in range(n)]
    return pd.DataFrame({"id": ids, "text": texts, "date": pd.to_datetime(pd.Series(dates, dtype="object")),
                         "outlet": outlets})


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(corpora(), st.floats(min_value=0.05, max_value=1.0), st.integers(min_value=0, max_value=10),
       st.integers(min_value=0, max_value=8))
def test_fuzz_random_small_corpora_never_raise_and_every_article_gets_one_story(articles, threshold, max_days, cut):
    out = group(articles, threshold=threshold, max_days=max_days)
    assert sorted(out["article_id"]) == sorted(articles["id"])
    assert out["similarity"].between(0, 1).all()
    again = group(articles, previous=out.iloc[:cut], threshold=threshold, max_days=max_days)
    assert sorted(again["article_id"]) == sorted(articles["id"])
    kept = out.iloc[:cut].set_index("article_id")["story"]
    assert (again.set_index("article_id").loc[kept.index, "story"] == kept).all()
    describe(out, articles)
    coverage(out, articles)
    for _, members in out.groupby("story")["article_id"]:
        omissions(articles[articles["id"].isin(members)])


def test_a_component_too_big_for_one_dense_linkage_is_cut_into_runs_of_consecutive_dates(monkeypatch):
    """A chain of near-copies over weeks would need a dense matrix of tens of GB: it is cut at
    MAX_LINKAGE members along the dates, and every article still gets exactly one story."""
    import numpy as np
    import pandas as pd

    from lib import stories
    from lib.stories import grouping

    monkeypatch.setattr(grouping, "MAX_LINKAGE", 4)
    words = "summit leaders trade energy pipeline gas deal signed moscow beijing".split()
    rows = []
    for i in range(12):   # one article a day, each sharing most words with the next: one chain
        text = " ".join(words[(i % 3):] + words[:(i % 3)] + [f"day{i}"]) * 5
        rows.append({"id": f"a{i:02d}", "text": text, "date": pd.Timestamp("2025-01-01") + pd.Timedelta(days=i)})
    rows.append({"id": "u1", "text": " ".join(words) * 5, "date": pd.NaT})
    grouped = stories.group(pd.DataFrame(rows))
    assert sorted(grouped["article_id"]) == sorted(r["id"] for r in rows)
    assert grouped["story"].notna().all()
    spans = pd.DataFrame(rows).merge(grouped, left_on="id", right_on="article_id").groupby("story")["date"]
    # No story holds more than MAX_LINKAGE dated members, so none spans more than four days here.
    assert (spans.max() - spans.min()).dropna().max() <= pd.Timedelta(days=3)
    assert np.isfinite(grouped["similarity"].fillna(0)).all()


def test_editing_the_lexicon_or_actors_keeps_the_stories_but_stories_csv_or_an_article_does_not(seed_dir):
    from lib import pipeline
    from lib.load import corpus

    before = pipeline.stories_fingerprint(corpus.load(seed_dir))
    (seed_dir / "framing.csv").write_text("group,term,variants\nwar,invasion,invasion\n", encoding="utf-8")
    (seed_dir / "actors.csv").write_text("actor,alias\nXi Jinping,Xi\n", encoding="utf-8")
    assert pipeline.stories_fingerprint(corpus.load(seed_dir)) == before
    (seed_dir / "stories.csv").write_text("action,article_id,story,target,name\n", encoding="utf-8")
    with_overrides = pipeline.stories_fingerprint(corpus.load(seed_dir))
    assert with_overrides != before
    (seed_dir / "new.txt").write_text("A new article about a new event, long enough to be read as one.\n" * 3,
                                      encoding="utf-8")
    assert pipeline.stories_fingerprint(corpus.load(seed_dir)) != with_overrides
    assert pipeline.stories_fingerprint(corpus.load(seed_dir), pending=2) != pipeline.stories_fingerprint(corpus.load(seed_dir))
