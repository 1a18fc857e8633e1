import os
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import actors
from lib.text import VOICES, sentence_spans

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
FUZZ_EXAMPLES = int(os.environ.get("FRAMESCOPE_FUZZ_EXAMPLES", 100))

CAST = {
    "Xi Jinping": ["Xi Jinping", "Xi"],
    "Vladimir Putin": ["Vladimir Putin", "Putin"],
    "Kim Jong Un": ["Kim Jong Un", "Kim", "Mr. Kim"],
    "Donald Trump": ["Donald Trump", "Trump", "Mr. Trump"],
    "Barack Obama": ["Barack Obama", "Obama", "Mr. Obama"],
    "Emmanuel Macron": ["Emmanuel Macron", "Macron"],
}


def seed(number: str) -> str:
    """A seed's body as the loader passes it: the ` date …` header of seeds 000/001 removed."""
    text = next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8")
    return text.split("\n", 1)[1] if text.lstrip().startswith("date ") else text


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    numbers = sorted(p.name[:3] for p in SEEDS.glob("*.txt"))
    return pd.DataFrame({"id": numbers, "text": [seed(n) for n in numbers],
                         "outlet": ["NY Post", "UPI", "Outlet C", "Outlet D", "Outlet E"]})


@pytest.fixture(scope="module")
def seed_actors(seeds) -> pd.DataFrame:
    return actors.find_actors(seeds)


@pytest.fixture(scope="module")
def seed_labels(seeds, seed_actors) -> pd.DataFrame:
    return actors.labels(seeds, seed_actors)


def cast(names=None) -> pd.DataFrame:
    rows = [(actor, alias) for actor, aliases in CAST.items() if names is None or actor in names
            for alias in aliases]
    return pd.DataFrame(rows, columns=["actor", "alias"])


def labels_of(*texts: str, actor_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    articles = pd.DataFrame({"id": [f"a{i}" for i in range(len(texts))], "text": list(texts)})
    return actors.labels(articles, cast() if actor_frame is None else actor_frame)


def triples(found: pd.DataFrame) -> list[tuple[str, str, str]]:
    return list(zip(found["actor"], found["label"], found["kind"]))


# --- the seeds -------------------------------------------------------------------------------------


def test_the_seeds_two_leaders_are_found_with_surname_and_possessive_aliases(seed_actors):
    aliases = seed_actors.groupby("actor")["alias"].agg(list).to_dict()
    assert set(aliases) == {"Xi Jinping", "Vladimir Putin"}
    assert aliases["Xi Jinping"][:2] == ["Xi Jinping", "Xi"]   # the surname comes first in Chinese
    assert aliases["Vladimir Putin"][:2] == ["Vladimir Putin", "Putin"]
    assert "Xi’s" in aliases["Xi Jinping"] and "Putin’s" in aliases["Vladimir Putin"]
    assert (seed_actors.loc[seed_actors["alias"] == "Xi Jinping", "articles"] == 5).all()


def test_the_chinese_autocrat_in_seed_000_is_a_narrative_label_of_xi(seed_labels):
    rows = seed_labels[(seed_labels["article_id"] == "000") & (seed_labels["label"] == "autocrat")]
    assert len(rows) == 2   # "the Chinese autocrat" twice, no name in either sentence
    assert set(rows["actor"]) == {"Xi Jinping"}
    assert set(rows["kind"]) == {"descriptor"}
    assert set(rows["voice"]) == {"narrative"}


def test_putins_dear_friend_is_a_quoted_label_of_xi_in_seeds_001_and_002(seed_labels):
    rows = seed_labels[seed_labels["label"] == "dear friend"]
    assert sorted(rows["article_id"]) == ["001", "002"]
    assert set(rows["actor"]) == {"Xi Jinping"}   # 'Putin called him' / 'Putin greeted Xi as'
    assert set(rows["kind"]) == {"predicate"}
    assert set(rows["voice"]) == {"quoted"}


def test_chinese_president_is_a_title_of_xi_in_four_seeds(seed_labels):
    rows = seed_labels[seed_labels["label"] == "chinese president"]
    assert set(rows["actor"]) == {"Xi Jinping"}
    assert set(rows["kind"]) == {"title"}
    assert sorted(set(rows["article_id"])) == ["000", "001", "002", "004"]


def test_bidens_dictator_is_attached_to_xi_and_killer_to_putin_in_seed_003(seed_labels):
    rows = seed_labels[seed_labels["article_id"] == "003"].set_index("label")
    assert rows.loc["dictator", "actor"] == "Xi Jinping"
    assert rows.loc["killer", "actor"] == "Vladimir Putin"
    assert rows.loc["dictator", "kind"] == "predicate"
    # lib.text reads 'characterization of X as a “dictator”' as scare quotes (it names no speaker
    # verb); the label keeps whatever voice lib.text gives it
    assert rows.loc["dictator", "voice"] in VOICES


def test_the_seed_labels_are_pinned(seed_labels):
    # The heuristics' whole output on the seeds: a rule change that alters it must show up here.
    got = sorted(set(zip(seed_labels["article_id"], seed_labels["actor"], seed_labels["label"],
                         seed_labels["kind"])))
    assert got == [
        ("000", "Vladimir Putin", "russian president", "title"),
        ("000", "Xi Jinping", "autocrat", "descriptor"),
        ("000", "Xi Jinping", "chief", "descriptor"),
        ("000", "Xi Jinping", "chinese president", "title"),
        ("001", "Vladimir Putin", "russian president", "title"),
        ("001", "Xi Jinping", "chinese president", "title"),
        ("001", "Xi Jinping", "dear friend", "predicate"),
        ("002", "Vladimir Putin", "both leaders", "descriptor"),
        ("002", "Vladimir Putin", "russian president", "title"),
        ("002", "Xi Jinping", "both leaders", "descriptor"),
        ("002", "Xi Jinping", "chinese president", "title"),
        ("002", "Xi Jinping", "dear friend", "predicate"),
        ("003", "Vladimir Putin", "both leaders", "descriptor"),
        ("003", "Vladimir Putin", "killer", "predicate"),
        ("003", "Vladimir Putin", "russia's", "modifier"),
        ("003", "Xi Jinping", "both leaders", "descriptor"),
        ("003", "Xi Jinping", "china's", "modifier"),
        ("003", "Xi Jinping", "dictator", "predicate"),
        ("004", "Vladimir Putin", "both leaders", "descriptor"),
        ("004", "Vladimir Putin", "russian president", "title"),
        ("004", "Vladimir Putin", "two leaders", "descriptor"),
        ("004", "Xi Jinping", "both leaders", "descriptor"),
        ("004", "Xi Jinping", "chinese leader", "title"),
        ("004", "Xi Jinping", "chinese president", "title"),
        ("004", "Xi Jinping", "two leaders", "descriptor"),
    ]


def test_every_label_is_its_own_span_lower_cased(seeds, seed_labels):
    texts = seeds.set_index("id")["text"]
    for row in seed_labels.itertuples():
        span = texts[row.article_id][row.start:row.end]
        assert row.label == " ".join(span.replace("’", "'").lower().split())


def test_sentences_mentioning_xi_include_descriptor_and_capitalised_xi_sentences(seeds, seed_actors):
    found = actors.mention_sentences(seeds, seed_actors)
    text = seeds.set_index("id").loc["000", "text"]
    spans = sentence_spans(text)
    xi = set(found[(found["article_id"] == "000") & (found["actor"] == "Xi Jinping")]["sentence"])
    autocrat = next(i for i, (s, e) in enumerate(spans) if "has made a hit" in text[s:e])
    wrote = next(i for i, (s, e) in enumerate(spans) if "XI wrote" in text[s:e])
    assert {autocrat, wrote} <= xi
    assert not found.duplicated().any()
    assert list(found.columns) == ["article_id", "actor", "sentence"]


def test_labels_per_outlet_count_rows_and_articles_sorted_by_count(seeds, seed_labels):
    out = actors.by_outlet(seed_labels, seeds)
    assert list(out.columns) == ["actor", "outlet", "label", "kind", "voice", "count", "articles"]
    row = out[(out["outlet"] == "NY Post") & (out["label"] == "autocrat")].iloc[0]
    assert (row["actor"], row["count"], row["articles"]) == ("Xi Jinping", 2, 1)
    for _, group in out.groupby(["actor", "outlet"]):
        assert list(group["count"]) == sorted(group["count"], reverse=True)
    assert list(out["actor"]) == sorted(out["actor"])


# --- each kind on a small text ---------------------------------------------------------------------


def test_a_title_and_nationality_before_the_name_is_a_title():
    found = labels_of("Russian President Vladimir Putin met former U.S. President Barack Obama.")
    assert triples(found) == [("Vladimir Putin", "russian president", "title"),
                              ("Barack Obama", "former u.s. president", "title")]


def test_a_possessive_place_before_the_name_is_a_modifier():
    assert triples(labels_of("China's Xi Jinping says the talks went well.")) == \
        [("Xi Jinping", "china's", "modifier")]


def test_an_honorific_is_never_a_label():
    assert labels_of("Mr. Kim said the talks went well.").empty


def test_appositives_after_and_before_the_name_are_found():
    found = labels_of("Xi Jinping, China's leader, met reporters. "
                      "North Korea welcomed the country's top diplomat, North Korea's envoy, Kim Jong Un, home.")
    assert triples(found) == [("Xi Jinping", "china's leader", "appositive"),
                              ("Kim Jong Un", "north korea's envoy", "appositive")]


def test_an_appositive_that_says_neither_whose_nor_where_is_dropped_and_given_to_nobody():
    # measured far less precise than titles on NewsWCL50; the phrase is that person's, so it
    # must not turn into another actor's descriptor either
    found = labels_of("Xi Jinping, China's leader, met reporters. "
                      "North Korea welcomed its leader, Kim Jong Un, home, and Obama, the top Democrat, waved. "
                      "Putin, the former Leningrad official, smiled.")
    # a proper noun other than a role says which: kept
    assert triples(found) == [("Xi Jinping", "china's leader", "appositive"),
                              ("Vladimir Putin", "former leningrad official", "appositive")]


def test_an_appositive_keeps_a_place_tail_and_ends_at_its_role_word():
    found = labels_of("Shinzo Abe met Macron, the president of France, and Obama, a key American diplomat "
                      "engaged in the talks.")
    assert ("Emmanuel Macron", "president of france", "appositive") in triples(found)
    assert ("Barack Obama", "key american diplomat", "appositive") in triples(found)


def test_a_descriptor_resolves_to_the_actor_whose_titles_share_its_nationality():
    found = labels_of("Chinese President Xi Jinping and Russian President Vladimir Putin met. "
                      "The Russian leader praised the talks and the Chinese autocrat agreed.")
    descriptors = found[found["kind"] == "descriptor"]
    assert triples(descriptors) == [("Vladimir Putin", "leader", "descriptor"),
                                    ("Xi Jinping", "autocrat", "descriptor")]


def test_the_two_leaders_labels_both_actors_named_just_before():
    found = labels_of("Chinese President Xi Jinping met Russian President Vladimir Putin on Thursday. "
                      "The two leaders signed a statement, and both presidents praised the two authoritarian "
                      "strongmen's friendship.")
    joint = found[found["kind"] == "descriptor"]
    assert triples(joint) == [("Vladimir Putin", "two leaders", "descriptor"), ("Xi Jinping", "two leaders", "descriptor"),
                              ("Vladimir Putin", "both presidents", "descriptor"),
                              ("Xi Jinping", "both presidents", "descriptor")]


@pytest.mark.parametrize("sentence", [
    "The two leaders, Kim Jong Un and Moon Jae-in, met.",    # the names follow: theirs
    "Both men smiled.",                                      # 'men' points to anyone
    "Both of the leaders smiled.",
    "The two Kremlin aides smiled.",                         # a name word before the head: someone else
])
def test_plural_phrases_that_do_not_stand_for_the_two_actors_give_no_label(sentence):
    found = labels_of("Chinese President Xi Jinping met Russian President Vladimir Putin. " + sentence)
    assert list(found["kind"]) == ["title", "title"]


def test_the_two_leaders_needs_both_actors_named_in_the_sentences_just_before():
    found = labels_of("Chinese President Xi Jinping spoke. The rain fell. The roads flooded. The river rose. "
                      "Russian President Vladimir Putin arrived. The two leaders met.")
    assert list(found["kind"]) == ["title", "title"]


def test_his_counterpart_with_a_nationality_is_the_actor_of_that_country():
    found = labels_of("Chinese President Xi Jinping met Russian President Vladimir Putin. "
                      "Xi praised his Russian counterpart, and Putin thanked his counterpart and his chief of staff.")
    descriptors = found[found["kind"] == "descriptor"]
    assert triples(descriptors) == [("Vladimir Putin", "counterpart", "descriptor")]   # no cue: nobody said


def test_a_descriptor_nobody_fits_is_dropped():
    found = labels_of("Chinese President Xi Jinping met reporters. The Brazilian leader stayed home.")
    assert list(found["kind"]) == ["title"]


def test_a_role_before_an_unknown_name_is_not_a_descriptor():
    found = labels_of("Chinese President Xi Jinping visited the residence of the Chinese leader Zhongnanhai.")
    assert list(found["label"]) == ["chinese president"]


def test_the_bare_president_goes_to_the_actor_titled_president_without_a_nationality():
    found = labels_of("President Trump met French President Emmanuel Macron. "
                      "The French president smiled; the president waved.")
    descriptors = found[found["kind"] == "descriptor"]
    assert list(descriptors["actor"]) == ["Emmanuel Macron", "Donald Trump"]


def test_an_anonymous_official_is_never_resolved():
    found = labels_of("President Trump spoke. The official said nothing.")
    assert list(found["kind"]) == ["title"]


def test_naming_verbs_and_the_copula_give_predicates_with_the_quoted_voice_inside_quotes():
    found = labels_of("Xi Jinping arrived. Putin called him a “dear friend” at the dinner. "
                      'Later Putin said Xi is a "true partner". Trump is a businessman. '
                      "Obama was the big winner among voters.")
    preds = found[found["kind"] == "predicate"]
    # after a copula bare words need a role: 'the big winner among voters' is no label of Obama
    assert triples(preds) == [("Xi Jinping", "dear friend", "predicate"),
                              ("Xi Jinping", "true partner", "predicate"),
                              ("Donald Trump", "businessman", "predicate")]
    assert list(preds["voice"])[:2] == ["quoted", "quoted"]
    assert list(preds["voice"])[2] == "narrative"


def test_a_coordinated_characterization_labels_both_actors():
    found = labels_of("Biden's characterization of Xi Jinping as a “dictator” and Putin as a “killer” "
                      "strained ties.")
    assert triples(found) == [("Xi Jinping", "dictator", "predicate"),
                              ("Vladimir Putin", "killer", "predicate")]


def test_him_is_not_resolved_past_a_person_we_do_not_track():
    found = labels_of("Obama spoke about Edward Snowden, labeling him a traitor.")
    assert found.empty


def test_a_past_tense_verb_before_a_name_is_never_a_label():
    found = labels_of("Weeks later, when he fired Barack Obama, the mood soured. Trump ousted Putin at once. "
                      "The fired Obama said little; ousted leader Kim Jong Un left.")
    # after a subject it is the verb; where a noun phrase begins it is a modifier
    assert triples(found) == [("Barack Obama", "fired", "modifier"), ("Kim Jong Un", "ousted leader", "title")]


def test_a_title_in_apposition_to_someone_untracked_is_no_descriptor_of_an_actor():
    # Trump is titled 'President' and the bare 'the president' would go to him; here it is the
    # steel maker's own title, in apposition to his name
    found = labels_of("President Trump met the steel makers. Tom Quayle, the president and chief executive "
                      "of Orbit Metals, said prices rose. Later the president waved.")
    assert triples(found) == [("Donald Trump", "president", "title"), ("Donald Trump", "president", "descriptor")]
    assert found["start"].iloc[1] > 100   # 'Later the president', not Quayle's own title


def test_a_surname_after_someone_elses_first_name_and_initial_is_no_mention():
    brown = pd.DataFrame({"actor": ["Scott Brown", "Scott Brown"], "alias": ["Scott Brown", "Brown"]})
    found = labels_of("Scott Brown won. Peter A. Brown, the poll's assistant director, said so.", actor_frame=brown)
    assert found.empty


def test_a_name_used_as_an_attribute_gets_no_label():
    assert labels_of("A senior Obama economic adviser and a longtime Trump aide disagreed.").empty


def test_a_surname_inside_another_persons_name_or_after_the_other_honorific_is_no_mention():
    articles = pd.DataFrame({"id": ["a"], "text": ["Melania Trump smiled. Mrs. Obama waved. Mr. Obama laughed."]})
    found = actors.mention_sentences(articles, cast())
    assert list(zip(found["actor"], found["sentence"])) == [("Barack Obama", 2)]


def test_all_caps_surnames_are_mentions_but_roman_numerals_in_a_name_are_not():
    articles = pd.DataFrame({"id": ["a"], "text": ["XI met Putin. Pope Pius XI died in 1939."]})
    found = actors.mention_sentences(articles, cast(["Xi Jinping", "Vladimir Putin"]))
    assert sorted(zip(found["actor"], found["sentence"])) == [("Vladimir Putin", 0), ("Xi Jinping", 0)]


# --- find_actors -----------------------------------------------------------------------------------


def test_actor_names_need_a_person_cue_enough_articles_and_a_use_inside_a_sentence():
    articles = pd.DataFrame({"id": ["a", "b", "c"], "text": [
        "President Joe Biden visited New York. Biden said he liked Hong Kong too.",
        "Joe Biden told reporters about New York. Mr. Biden smiled.",
        "On Monday Angela Merkel said hello from New York. Boris Johnson said hi."]})
    found = actors.find_actors(articles)
    assert set(found["actor"]) == {"Joe Biden"}   # Merkel is in one article; New York is a place
    assert list(found["alias"])[:2] == ["Joe Biden", "Biden"]
    assert "Mr. Biden" in set(found["alias"])
    # with one article enough, Merkel counts; Johnson only ever opens a sentence
    assert set(actors.find_actors(articles, min_articles=1)["actor"]) == {"Joe Biden", "Angela Merkel"}


def test_the_start_of_an_organisation_or_treaty_name_is_no_person():
    articles = pd.DataFrame({"id": ["a", "b", "c"], "text": [
        "Ruritania's Solar Power organization said it would comply. Under the Northern Fair Commerce "
        "Agreement, tariffs fall. President Joe Biden agreed.",
        "Officials of Ruritania's Solar Power organization met. Joe Biden said the Fair Commerce Agreement "
        "stands, and Ruritania's Solar Power Agency agreed.",
        "Fair Commerce said nothing. Mr. Biden smiled."]})
    assert set(actors.find_actors(articles)["actor"]) == {"Joe Biden"}


def test_a_name_of_common_words_needs_a_cue_only_a_person_gets():
    articles = pd.DataFrame({"id": ["a", "b", "c"], "text": [
        "Officials praised Ruritania's Clean Water rules. The water was clean. Later Rosa Hollis said so.",
        "Critics of Ruritania's Clean Water push said the water is not clean. Officials said Rosa Hollis agreed.",
        "Keeping water clean matters, said Joe Biden. Mr. Biden spoke."]})
    # 'clean' and 'water' are lower-case words in more articles than the name; only possessives precede it
    assert set(actors.find_actors(articles)["actor"]) == {"Rosa Hollis"}


def test_people_named_with_a_month_word_are_found_but_dates_are_not_names():
    articles = pd.DataFrame({"id": ["a", "b"], "text": [
        "Prime Minister Clara May said on Tuesday that talks would go on. The vote is in May. "
        "Reporter April Dunmore said the minister may return.",
        "Clara May told reporters she may resign by May 3. In May Biden said nothing. "
        "April Dunmore wrote that Mrs. May agreed."]})
    found = actors.find_actors(articles)
    assert set(found["actor"]) == {"Clara May", "April Dunmore"}
    assert "May" not in set(found["alias"])   # the lower-case 'may' outnumbers it: no surname alias


def test_a_person_whose_first_name_is_a_common_word_is_found_but_offices_are_not():
    articles = pd.DataFrame({"id": ["a", "b"], "text": [
        "Former President Bill Clinton said he would campaign. Clinton smiled. House Republicans said no, "
        "and Senate Majority leader Ann Vole agreed with Capitol Hill.",
        "Bill Clinton told reporters he was tired. Mr. Clinton left. House Republicans said yes; "
        "Senate Majority leader Ann Vole said so on Capitol Hill."]})
    found = actors.find_actors(articles)
    assert set(found["actor"]) == {"Bill Clinton", "Ann Vole"}


def test_a_title_seen_only_before_the_surname_is_no_alias():
    # 'President Clinton' here is Bill, never written before Hillary's full name
    articles = pd.DataFrame({"id": ["a", "b"], "text": [
        "Secretary Hillary Clinton said yes. Secretary Clinton smiled. President Clinton waved.",
        "Hillary Clinton told us. Mrs. Clinton agreed."]})
    aliases = set(actors.find_actors(articles)["alias"])
    assert {"Secretary Clinton", "Mrs. Clinton"} <= aliases
    assert "President Clinton" not in aliases


def test_the_surname_of_an_east_asian_name_is_its_first_word():
    text = "North Korean leader Kim Jong Un said so. Kim later met Moon Jae-in, who said Moon agreed."
    articles = pd.DataFrame({"id": ["a", "b"], "text": [text, text.replace("said so", "told us")]})
    aliases = actors.find_actors(articles).groupby("actor")["alias"].agg(list)
    assert "Kim" in aliases["Kim Jong Un"]
    assert "Moon" in aliases["Moon Jae-in"]


def test_a_given_name_shared_by_several_actors_is_never_a_surname():
    articles = pd.DataFrame({"id": ["a", "b"], "text": [
        "Speaker John Boehner said no. Senator John McCain said yes. John spoke. Boehner left.",
        "John Boehner told us. John McCain told them. John smiled. McCain left."]})
    aliases = set(actors.find_actors(articles)["alias"])
    assert "John" not in aliases
    assert {"Boehner", "McCain"} <= aliases


def test_different_middle_initials_are_different_people_and_one_initial_is_a_spelling():
    articles = pd.DataFrame({"id": list("abc"), "text": [
        "President George W. Bush said yes. President Vladimir Putin said no.",
        "George W. Bush said no. Former President George H. W. Bush smiled.",
        "George H. W. Bush said hi. Then Vladimir V. Putin said so."]})
    found = actors.find_actors(articles, min_articles=1)
    assert set(found["actor"]) == {"George W. Bush", "George H. W. Bush", "Vladimir Putin"}
    assert "Vladimir V. Putin" in set(found.loc[found["actor"] == "Vladimir Putin", "alias"])
    assert triples(actors.labels(articles, found)) == [
        ("George W. Bush", "president", "title"), ("Vladimir Putin", "president", "title"),
        ("George H. W. Bush", "former president", "title")]


def test_find_actors_is_deterministic_and_respects_top():
    articles = pd.DataFrame({"id": list("abcd"), "text": [
        "President Joe Biden met Senator Mitch McConnell.", "Joe Biden said Mitch McConnell agreed.",
        "Mitch McConnell told Joe Biden no.", "Joe Biden said yes."]})
    first = actors.find_actors(articles)
    assert first.equals(actors.find_actors(articles))
    assert first.equals(actors.find_actors(articles.iloc[::-1].reset_index(drop=True)))
    assert list(actors.find_actors(articles, top=1)["actor"].unique()) == ["Joe Biden"]


# --- input handling --------------------------------------------------------------------------------


def test_empty_or_missing_input_gives_empty_frames_with_the_documented_columns():
    empty = pd.DataFrame({"id": pd.Series(dtype="str"), "text": pd.Series(dtype="str")})
    assert list(actors.find_actors(empty).columns) == ["actor", "alias", "articles"]
    found = actors.labels(empty, cast())
    assert list(found.columns) == ["article_id", "actor", "label", "kind", "start", "end", "voice", "sentence"]
    assert actors.labels(pd.DataFrame({"id": ["a"], "text": [None]}), cast()).empty
    assert actors.labels(pd.DataFrame({"id": ["a"], "text": ["Xi spoke."]}), cast().iloc[:0]).empty
    assert actors.by_outlet(found, pd.DataFrame({"id": [], "outlet": []})).empty
    with pytest.raises(ValueError, match="text"):
        actors.labels(pd.DataFrame({"id": ["a"]}), cast())
    with pytest.raises(ValueError, match="alias"):
        actors.labels(pd.DataFrame({"id": ["a"], "text": ["x"]}), pd.DataFrame({"actor": ["X"]}))


# --- fuzz ------------------------------------------------------------------------------------------

SEED_WORDS = sorted(set(re.findall(r"\S+", " ".join(seed(n) for n in ("000", "001", "002", "003", "004")))))
PIECES = st.one_of(
    st.sampled_from(SEED_WORDS),
    st.sampled_from(["Xi", "XI", "Putin", "Xi Jinping", "Mr.", "the", "Chinese", "leader", "President", "called",
                     "him", "a", "as", "“", "”", '"', "’s", "'s", ",", ".", "—", "\n", "\r\n", "of", "its",
                     "is", "U.S.", "J.", "Kim Jong-un", "characterization"]),
    st.text(max_size=4),
)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(st.lists(PIECES, max_size=60), st.lists(st.sampled_from([" ", "", "  ", "\n"]), max_size=60))
def test_fuzz_labels_never_raise_and_offsets_are_valid(pieces, gaps):
    text = "".join(p + (gaps[i] if i < len(gaps) else " ") for i, p in enumerate(pieces))
    articles = pd.DataFrame({"id": ["a", "b"], "text": [text, text.upper()]})
    found_actors = actors.find_actors(articles, min_articles=1)
    frame = pd.concat([found_actors[["actor", "alias"]], cast(["Xi Jinping", "Vladimir Putin"])])
    for found in (actors.labels(articles, frame), actors.labels(articles, found_actors)):
        n_sentences = {i: len(sentence_spans(t)) for i, t in zip(articles["id"], articles["text"])}
        for row in found.itertuples():
            body = text if row.article_id == "a" else text.upper()
            assert 0 <= row.start < row.end <= len(body)
            span = body[row.start:row.end].replace("’", "'").replace("‘", "'")
            assert row.label == " ".join(span.lower().split())
            assert row.kind in actors.KINDS
            assert row.voice in VOICES
            assert 0 <= row.sentence < max(n_sentences[row.article_id], 1)
    mentions = actors.mention_sentences(articles, frame)
    assert not mentions.duplicated().any()
