import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import framing
from lib.store.atomic import version
from tests.conftest import seed_text

FUZZ_EXAMPLES = int(os.environ.get("FRAMESCOPE_FUZZ_EXAMPLES", 100))


def lexicon(*rows):
    """A lexicon from (group, term, variants) tuples."""
    return pd.DataFrame(list(rows), columns=["group", "term", "variants"])


def articles(*texts):
    return pd.DataFrame({"id": [f"a{i}" for i in range(len(texts))], "text": list(texts)})


def found_in(body, lex):
    return framing.matches(articles(body), lex)


WAR = lexicon(("war", "full-scale invasion", "full-scale invasion*"),
              ("war", "invasion", "invasion; invasion of Ukraine; Russia's invasion"),
              ("war", "war", "war; wars"))


# --- the seeds --------------------------------------------------------------------------------

def seed_matches(prefix):
    return framing.matches(pd.DataFrame({"id": [prefix], "text": [seed_text(prefix)]}), framing.default_lexicon())


def test_seed_000_calls_xi_an_autocrat_in_the_outlets_own_voice():
    autocrat = seed_matches("000").query("term == 'autocrat'")
    assert len(autocrat) == 2
    assert set(autocrat["group"]) == {"Labels for leaders"}
    assert set(autocrat["voice"]) == {"narrative"}


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_dear_friend_is_putins_quoted_word_in_seeds_001_and_002(prefix):
    [row] = seed_matches(prefix).query("term == 'dear friend'").itertuples()
    assert row.voice == "quoted"
    assert row.text.lower() == "dear friend"


def test_seed_003_names_the_war_a_military_intervention_and_seed_004_an_invasion():
    war_003 = seed_matches("003").query("group == 'Naming the war in Ukraine'")
    war_004 = seed_matches("004").query("group == 'Naming the war in Ukraine'")
    assert "military intervention" in set(war_003["term"])
    assert "invasion" not in set(war_003["term"])
    assert (war_004["term"] == "invasion").sum() == 2
    assert "military intervention" not in set(war_004["term"])


def test_the_seeds_scare_quotes_count_as_the_outlets_own_voice():
    found = seed_matches("000")
    partnership = found.query("term == 'strategic partnership'")
    assert list(partnership["voice"]) == ["scare", "quoted", "scare"]  # the middle one is the Kremlin's words
    hegemonic = seed_matches("002").query("term == 'hegemony'")
    assert list(hegemonic["voice"]) == ["scare"]


def test_world_war_ii_is_not_a_name_for_the_war_in_ukraine():
    # Every seed mentions World War II; the default counts "war" only when tied to Ukraine or Russia.
    found = seed_matches("002").query("group == 'Naming the war in Ukraine'")
    assert sorted(found["text"]) == ["Russia’s war", "war in Ukraine"]


# --- matching rules ---------------------------------------------------------------------------

def test_war_matches_whole_words_only_never_warm_or_warning():
    found = found_in("A warm welcome, a warning, a warlord, prewar talks; then war, wars and (war).", WAR)
    assert list(found["text"]) == ["war", "wars", "war"]


def test_matching_ignores_case():
    found = found_in("INVASION, Invasion and invasion.", WAR)
    assert list(found["text"]) == ["INVASION", "Invasion", "invasion"]
    assert set(found["term"]) == {"invasion"}


def test_words_of_a_variant_may_be_joined_by_spaces_or_hyphens_but_not_a_line_break():
    body = "full-scale invasion. full scale invasion. full - scale invasion. full–scale invasion. full\nscale invasion"
    found = found_in(body, WAR)
    assert list(found["term"]) == ["full-scale invasion"] * 4 + ["invasion"]
    assert list(found["text"])[:2] == ["full-scale invasion", "full scale invasion"]


def test_text_whose_lower_case_is_longer_keeps_its_offsets():
    body = "İstanbul İİ: the WAR goes on"  # 'İ'.lower() is two characters
    [row] = found_in(body, WAR).itertuples()
    assert body[row.start:row.end] == row.text == "WAR"


def test_a_trailing_star_matches_any_ending_of_the_word():
    lex = lexicon(("leaders", "autocrat", "autocrat*"))
    found = found_in("An autocrat, two autocrats, autocratic rule; but autocracy and xautocrat are not.", lex)
    assert list(found["text"]) == ["autocrat", "autocrats", "autocratic"]


def test_straight_and_curly_apostrophes_are_the_same():
    found = found_in("Russia's invasion and Russia’s invasion", WAR)
    assert list(found["text"]) == ["Russia's invasion", "Russia’s invasion"]


def test_within_a_group_the_longest_overlapping_match_wins():
    found = found_in("Russia's full-scale invasion of Ukraine began.", WAR)
    assert list(found["term"]) == ["full-scale invasion"]
    # A longer match one word later beats a shorter one that starts first.
    found = found_in("after Russia's invasion of Ukraine", WAR)
    assert list(found["text"]) == ["invasion of Ukraine"]


def test_across_groups_overlapping_matches_are_both_kept():
    lex = lexicon(("war", "invasion", "invasion of Taiwan"), ("Taiwan", "invasion", "invasion of Taiwan"))
    found = found_in("an invasion of Taiwan", lex)
    assert list(found["group"]) == ["war", "Taiwan"] or list(found["group"]) == ["Taiwan", "war"]
    assert set(found["start"]) == {3}


def test_each_match_has_offsets_its_voice_and_its_sentence():
    body = 'The war began.\nPutin called it a "special operation" and said "this war is just".'
    lex = lexicon(("war", "war", "war"), ("war", "special military operation", "special operation"))
    found = found_in(body, lex)
    assert list(found.columns) == ["article_id", "group", "term", "text", "start", "end", "voice", "sentence"]
    assert [body[s:e] for s, e in zip(found["start"], found["end"])] == list(found["text"])
    assert list(found["voice"]) == ["narrative", "quoted", "quoted"]
    assert list(found["sentence"]) == [0, 1, 1]
    assert str(found["start"].dtype) == "int64" and str(found["sentence"].dtype) == "int64"


def test_articles_without_text_give_no_rows_and_no_articles_give_an_empty_frame():
    frame = pd.DataFrame({"id": ["a", "b", "c"], "text": [None, float("nan"), "war"]})
    assert list(framing.matches(frame, WAR)["article_id"]) == ["c"]
    empty = framing.matches(frame.iloc[:0], WAR)
    assert empty.empty and list(empty.columns)[:3] == ["article_id", "group", "term"]


def test_matching_with_an_invalid_lexicon_raises_with_the_problems():
    with pytest.raises(ValueError, match="the"):
        framing.matches(articles("war"), lexicon(("war", "war", "the")))


# --- usage and shares ---------------------------------------------------------------------------

def outlet_articles():
    return pd.DataFrame({"id": ["a1", "a2", "b1"], "outlet": ["A", "A", "B"], "words": [1000, 1000, 500]})


def outlet_found(rows):
    """rows: (article_id, term, voice), all in group 'war'."""
    return pd.DataFrame([{"article_id": a, "group": "war", "term": t, "voice": v} for a, t, v in rows])


def test_usage_counts_each_term_per_outlet_with_a_rate_per_thousand_words():
    found = outlet_found([("a1", "invasion", "narrative"), ("a1", "invasion", "quoted"),
                          ("a2", "invasion", "narrative"), ("b1", "conflict", "narrative")])
    out = framing.usage(found, outlet_articles()).set_index(["outlet", "term"])
    assert out.loc[("A", "invasion"), "matches"] == 3  # all voices
    assert out.loc[("A", "invasion"), "articles_using"] == 2
    assert out.loc[("A", "invasion"), "per_1000_words"] == pytest.approx(1.5)  # 3 in 2,000 words
    assert out.loc[("A", "invasion"), "outlet_articles"] == 2
    assert out.loc[("B", "invasion"), "matches"] == 0  # listed, so the outlets can be compared
    assert out.loc[("B", "conflict"), "per_1000_words"] == pytest.approx(2.0)


def test_shares_sum_to_one_for_each_outlet_and_group():
    found = outlet_found([("a1", "invasion", "narrative"), ("a1", "invasion", "scare"),
                          ("a2", "invasion", "narrative"), ("a2", "conflict", "narrative"),
                          ("b1", "conflict", "narrative"), ("b1", "war", "quoted")])
    out = framing.shares(found, outlet_articles())
    assert out.groupby(["outlet", "group"])["share"].sum().tolist() == pytest.approx([1.0, 1.0])
    assert ((out["ci_low"] <= out["share"]) & (out["share"] <= out["ci_high"])).all()
    assert out["ci_low"].between(0, 1).all() and out["ci_high"].between(0, 1).all()
    a = out[out["outlet"] == "A"].set_index("term")
    assert a.loc["invasion", "matches"] == 3 and a.loc["invasion", "group_matches"] == 4
    assert a.loc["invasion", "articles_using"] == 2
    assert a.loc["war", "matches"] == 0  # the quoted "war" is not the outlet's own word


def test_the_wilson_interval_matches_a_hand_computed_example():
    found = outlet_found([("a1", "invasion", "narrative")] * 3 + [("a2", "conflict", "narrative")])
    row = framing.shares(found, outlet_articles()).set_index("term").loc["invasion"]
    # p = 3/4, z = 1.96: centre (0.75 + 3.8415/8) / (1 + 3.8415/4) = 0.6275,
    # half-width 1.96 * sqrt(0.75 * 0.25 / 4 + 3.8415 / 64) / 1.9604 = 0.3269
    assert row["share"] == 0.75
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((0.3006, 0.9544), abs=1e-4)
    assert framing.wilson(0, 3) == (0.0, pytest.approx(0.5615, abs=1e-4))
    assert framing.wilson(3, 3) == (pytest.approx(0.4385, abs=1e-4), 1.0)


def test_shares_can_count_the_quoted_voice_instead():
    found = outlet_found([("a1", "invasion", "narrative"), ("a1", "conflict", "quoted"), ("a2", "war", "quoted")])
    out = framing.shares(found, outlet_articles(), voices=("quoted",)).set_index("term")
    assert out.loc["conflict", "share"] == 0.5 and out.loc["invasion", "share"] == 0
    with pytest.raises(ValueError, match="voices"):
        framing.shares(found, outlet_articles(), voices=("mixed",))


def test_usage_and_shares_on_the_seeds_cover_every_outlet():
    frame = pd.DataFrame({"id": ["000", "001", "002", "003", "004"],
                          "text": [seed_text(p) for p in ["000", "001", "002", "003", "004"]]})
    frame["outlet"] = ["X", "X", "Y", "Y", "Y"]
    frame["words"] = frame["text"].str.split().str.len()
    found = framing.matches(frame, framing.default_lexicon())
    assert set(framing.usage(found, frame)["outlet"]) == {"X", "Y"}
    sums = framing.shares(found, frame).groupby(["outlet", "group"])["share"].sum()
    assert sums.tolist() == pytest.approx([1.0] * len(sums))


# --- validation -------------------------------------------------------------------------------

@pytest.mark.parametrize("rows, message", [
    ([("war", "", "invasion")], "row 1: the term is empty"),
    ([("", "invasion", "invasion")], "row 1: the group is empty"),
    ([("war", "invasion", " ; ")], "no variants"),
    ([("war", "invasion", "invasion; *")], "'*' has no letters or digits"),
    ([("war", "invasion", "inva*sion")], "not at the end of a word"),
    ([("war", "invasion", "in*")], "at least three letters"),
    ([("war", "invasion", "the")], "'the' is too common"),
    ([("war", "invasion", "invasion (of Ukraine")], "not regular expressions"),
    ([("war", "invasion", "invasion|war")], "not regular expressions"),
    ([("war", "invasion", "invasion"), ("war", "Invasion", "invade")], "rows 1 and 2: the term 'Invasion' is listed twice"),
    ([("war", "invasion", "invasion"), ("war", "conflict", "Invasion")], "listed under both 'invasion' and 'conflict'"),
])
def test_validation_names_each_problem_in_plain_words(rows, message):
    problems = framing.validate(lexicon(*rows))
    assert any(message in p for p in problems), problems


def test_validation_reports_missing_columns_and_an_empty_lexicon():
    assert framing.validate(pd.DataFrame({"group": ["war"], "term": ["war"]})) == [
        "the columns group, term and variants are needed; missing: variants"]
    assert "no terms" in framing.validate(lexicon())[0]


def test_the_same_variant_may_appear_in_two_groups_or_twice_under_one_term():
    assert framing.validate(lexicon(("war", "invasion", "invasion; Invasion"), ("Taiwan", "invasion", "invasion"))) == []


def test_the_shipped_lexicon_is_valid_with_five_groups():
    default = framing.default_lexicon()
    assert framing.validate(default) == []
    assert list(default.columns) == ["group", "term", "variants"]
    assert default["group"].nunique() == 5
    war = set(default.query("group == 'Naming the war in Ukraine'")["term"])
    assert {"full-scale invasion", "invasion", "war", "special military operation", "military intervention",
            "conflict", "crisis", "offensive"} == war


# --- files ------------------------------------------------------------------------------------

def save(folder, lexicon):
    """Save as an editor that has just read the file does."""
    return framing.save_lexicon(folder, lexicon, expected=version(folder / framing.LEXICON_FILE))


def test_saving_writes_the_file_and_keeps_the_previous_version(tmp_path):
    first = lexicon(("war", "invasion", "invasion"))
    second = lexicon(("war", "conflict", "conflict"))
    path = save(tmp_path, first)
    assert path == tmp_path / "framing.csv"
    save(tmp_path, second)
    lex, problem = framing.read_lexicon(tmp_path)
    assert problem is None and lex.equals(second)
    previous = pd.read_csv(tmp_path / ".framing.csv.previous", dtype=str)
    assert previous.equals(first)


def test_a_bad_save_raises_and_leaves_the_previous_file_untouched(tmp_path):
    save(tmp_path, lexicon(("war", "invasion", "invasion")))
    before = (tmp_path / "framing.csv").read_bytes()
    with pytest.raises(ValueError, match="'the' is too common"):
        save(tmp_path, lexicon(("war", "invasion", "the")))
    assert (tmp_path / "framing.csv").read_bytes() == before
    assert not (tmp_path / ".framing.csv.previous").exists()


def test_a_save_interrupted_midway_leaves_the_old_file_whole(tmp_path, monkeypatch):
    save(tmp_path, lexicon(("war", "invasion", "invasion")))
    before = (tmp_path / "framing.csv").read_bytes()
    real_replace = os.replace

    def crash_on_the_final_rename(src, dst):
        if Path(dst).name == "framing.csv":
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr("lib.store.atomic.os.replace", crash_on_the_final_rename)
    with pytest.raises(OSError):
        save(tmp_path, lexicon(("war", "conflict", "conflict")))
    assert (tmp_path / "framing.csv").read_bytes() == before
    assert not list(tmp_path.glob(".framescope-*.tmp"))



def test_merging_two_edits_keeps_their_changes_and_applies_mine_on_top():
    base = lexicon(("war", "invasion", "invasion"), ("war", "conflict", "conflict"), ("leaders", "autocrat", "autocrat*"))
    theirs = lexicon(("war", "invasion", "invasion; Russia's invasion"),   # they widened invasion
                     ("war", "conflict", "conflict"),
                     ("leaders", "strongman", "strongman"))              # and replaced autocrat
    mine = lexicon(("war", "invasion", "invasion"),
                   ("war", "conflict", "conflict; war in Ukraine"),      # I widened conflict
                   ("leaders", "autocrat", "autocrat*"),
                   ("taiwan", "reunification", "reunification"))         # and added a set
    merged = framing.merge_lexicons(base, mine, theirs)
    assert merged.values.tolist() == [["war", "invasion", "invasion; Russia's invasion"],
                                      ["war", "conflict", "conflict; war in Ukraine"],
                                      ["leaders", "strongman", "strongman"],
                                      ["taiwan", "reunification", "reunification"]]
    assert framing.validate(merged) == []


def test_a_term_both_changed_gets_my_variants_and_one_i_deleted_stays_deleted():
    base = lexicon(("war", "invasion", "invasion"), ("war", "conflict", "conflict"))
    theirs = lexicon(("war", "invasion", "invasion; Russia's invasion"), ("war", "conflict", "conflict; clash"))
    mine = lexicon(("war", "invasion", "invasion of Ukraine"))
    assert framing.merge_lexicons(base, mine, theirs).values.tolist() == [["war", "invasion", "invasion of Ukraine"]]


def test_without_a_file_the_shipped_lexicon_is_used(tmp_path):
    lex, problem = framing.read_lexicon(tmp_path)
    assert problem is None and lex.equals(framing.default_lexicon())
    assert framing.read_lexicon(None)[1] is None


def test_a_broken_file_falls_back_to_the_shipped_lexicon_with_a_message(tmp_path):
    (tmp_path / "framing.csv").write_text("group,term,variants\nwar,invasion,*\n", encoding="utf-8")
    lex, problem = framing.read_lexicon(tmp_path)
    assert lex.equals(framing.default_lexicon())
    assert "framing.csv has problems" in problem and "'*'" in problem and "built-in" in problem


def test_a_file_with_a_repeated_column_is_reported_not_guessed(tmp_path):
    (tmp_path / "framing.csv").write_text("group,term,term,variants\nwar,invasion,war,invasion\n", encoding="utf-8")
    lex, problem = framing.read_lexicon(tmp_path)
    assert lex.equals(framing.default_lexicon())
    assert problem.startswith("framing.csv has the column term more than once")


def test_a_broken_file_falls_back_to_the_last_version_that_worked(tmp_path):
    good = lexicon(("war", "invasion", "invasion"))
    save(tmp_path, good)
    save(tmp_path, lexicon(("war", "conflict", "conflict")))
    (tmp_path / "framing.csv").write_bytes(b"\x00\x01\x02\x03" * 100)  # not text at all
    lex, problem = framing.read_lexicon(tmp_path)
    assert lex.equals(good)
    assert "could not be read" in problem and ".framing.csv.previous" in problem


def test_a_spreadsheet_export_with_a_bom_crlf_and_capitalised_headers_is_read(tmp_path):
    data = "\ufeffGroup,Term,Variants,Notes\r\nwar,invasion,invasion; invade\r\n,,,\r\n".encode("utf-8")
    (tmp_path / "framing.csv").write_bytes(data)
    lex, problem = framing.read_lexicon(tmp_path)
    assert problem is None
    assert lex.to_dict("records") == [{"group": "war", "term": "invasion", "variants": "invasion; invade"}]


# --- fuzz -------------------------------------------------------------------------------------

_PIECES = ["war", "War", "warm", "invasion", "full-scale", "full", "scale", "Russia's", "Russia’s", "of",
           "Ukraine", "autocrat", "autocratic", "dear friend", "“", "”", '"', "'", "‘", "’", "-", "–", "—",
           ".", ",", " ", "  ", "\n", "\r\n", "İ", "ß", "K", "\u00a0", "*", "(", ")"]
FUZZ_LEXICON = pd.concat([WAR, framing.default_lexicon()], ignore_index=True)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=40).map("".join))
def test_fuzz_matches_never_raises_and_offsets_slice_back_to_the_match(body):
    found = framing.matches(pd.DataFrame({"id": ["x"], "text": [body]}), FUZZ_LEXICON)
    for row in found.itertuples():
        assert body[row.start:row.end] == row.text and row.end > row.start
        assert row.voice in {"narrative", "quoted", "scare"}
        assert row.sentence >= 0
    for _, group in found.groupby("group"):
        spans = sorted(zip(group["start"], group["end"]))
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))  # no overlaps
