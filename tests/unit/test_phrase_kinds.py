"""Which phrases can name a thing (lib.framing.phrase_kinds) and what that keeps out of the
suggested sets (lib.framing.suggest), on small invented corpora where two outlets differ in one
slot of otherwise equal sentences: without the rule, the two fillers would be a set."""
from __future__ import annotations

import pandas as pd
import pytest

from lib import framing
from lib.framing import phrase_kinds, phrases, suggest

_FRAME = [
    "On the first day {x} and the council met in hall {n}.",
    "Residents of ward {n} said {x} had changed the mood of the town.",
    "A long report about {x} was read aloud at meeting {n}.",
    "Nobody expected {x} to matter so much to budget {n}.",
    "The paper wrote about {x} again in its edition {n}.",
]


def two_outlets(ledger: list[str], courier: list[str], per_outlet: int = 8) -> pd.DataFrame:
    """Articles of two outlets: each writes every sentence of ``ledger`` / ``courier`` (their own
    wordings), in a rotating order, ``per_outlet`` times; "{n}" in a sentence is the article's
    number (a sentence repeated word for word across articles is boilerplate, left out)."""
    rows = []
    for outlet, sentences in (("The Ledger", ledger), ("The Courier", courier)):
        for number in range(per_outlet):
            turn = number % len(sentences)
            written = [t.replace("{n}", str(number + 1)) for t in sentences[turn:] + sentences[:turn]]
            rows.append({"id": f"{outlet[4:].lower()}-{number}", "outlet": outlet, "text": " ".join(written)})
    return pd.DataFrame(rows)


def suggested_terms(articles: pd.DataFrame) -> list[set[str]]:
    sets, counts = framing.candidate_sets(articles)
    ranked = framing.suggestions(articles, sets, counts, top=50)
    return [set(terms) for terms in ranked["terms"]]


def filled(x: str, y: str) -> tuple[list[str], list[str]]:
    return [t.replace("{x}", x) for t in _FRAME], [t.replace("{x}", y) for t in _FRAME]


def test_two_names_for_one_thing_in_the_frame_are_a_set():
    # the frame itself works: the positive case the tests below turn negative
    assert {"jobless aid", "unemployment benefits"} in suggested_terms(two_outlets(*filled("jobless aid", "unemployment benefits")))


def test_two_verbs_are_not_a_set(monkeypatch):
    frame = ["The mayor {v} that the taxes would rise in ward {n}.", "She {v} the council about budget {n}.",
             "He {v} that nobody had read report {n}.", "They {v} reporters at town hall {n}.",
             "Officials who {v} board {n} were thanked by the chair."]
    articles = two_outlets([t.replace("{v}", "warned") for t in frame], [t.replace("{v}", "cautioned") for t in frame])
    assert not any({"warned", "cautioned"} <= terms for terms in suggested_terms(articles))
    monkeypatch.setattr(suggest, "VERB", 2.0)  # without the rule they would be
    assert any({"warned", "cautioned"} <= terms for terms in suggested_terms(articles))


def test_verb_shares_tell_a_verb_from_a_noun():
    texts = [f"She warned the council in ward {n}. He warned them {n} times. Council {n} met." for n in range(3)]
    tokens = phrases.tokenise(pd.Series(texts))
    found = phrases.merge_inflections(phrases.frequent(tokens, 2))
    share = dict(zip(found["phrase"], phrase_kinds.verb_shares(tokens, found)))
    assert share["warned"] > suggest.VERB > share["council"]


def test_a_cue_word_written_as_a_name_is_no_verb_cue():
    # "WHO" the agency before a noun, not "who" before a verb; "Ann Roe" before a noun is no clause
    texts = [f"The WHO guidance for ward {n} was read. The WHO guidance changed in week {n}. "
             f"Officials said the Ann Roe guidance for year {n} stood." for n in range(4)]
    tokens = phrases.tokenise(pd.Series(texts))
    found = phrases.merge_inflections(phrases.frequent(tokens, 2))
    share = dict(zip(found["phrase"], phrase_kinds.verb_shares(tokens, found)))
    assert share["guidance"] < suggest.VERB and share["roe guidance"] < suggest.VERB


def test_words_of_time_are_not_a_set(monkeypatch):
    articles = two_outlets(*filled("tuesday afternoon", "wednesday evening"))
    assert not any("tuesday afternoon" in terms for terms in suggested_terms(articles))
    assert phrase_kinds.is_time_or_count("last week") and phrase_kinds.is_time_or_count("first-ever")
    assert not phrase_kinds.is_time_or_count("climate week")


def test_march_is_a_month_only_when_written_with_a_capital():
    assert phrase_kinds.is_time_or_count("march", capitalised=True)
    assert not phrase_kinds.is_time_or_count("march")


def test_a_modifier_alone_is_not_a_set_but_its_phrase_is():
    ledger, courier = filled("former staff", "previous staff")
    articles = two_outlets(ledger, courier)
    tokens = phrases.tokenise(articles["text"])
    found = phrases.merge_inflections(phrases.frequent(tokens, 3))
    share = dict(zip(found["phrase"], phrase_kinds.modifier_shares(tokens, found)))
    assert share["former"] >= suggest.MODIFIER > share["former staff"]
    terms = suggested_terms(articles)
    assert {"former staff", "previous staff"} in terms and {"former", "previous"} not in terms


def test_two_people_who_share_a_first_name_are_not_a_set():
    articles = two_outlets(*filled("Ann Roe", "Ann Lee"))
    assert not any({"ann roe", "ann lee"} <= terms for terms in suggested_terms(articles))


def test_a_title_and_a_first_name_for_one_person_are_a_set():
    # "Mayor" is written lower case elsewhere ("the mayor"), so it is a title, not a name
    ledger, courier = filled("Mayor Roe", "Ann Roe")
    ledger += ["The mayor spoke first at event {n}, then the mayor left."]
    courier += ["The mayor spoke first at event {n}, then the mayor left."]
    assert {"mayor roe", "ann roe"} in suggested_terms(two_outlets(ledger, courier))


@pytest.mark.parametrize("a, b, expected", [
    ("legal immigrants", "illegal immigrants", True), ("favorable", "unfavorable", True),
    ("illegal immigrants", "undocumented immigrants", False), ("intervention", "invasion", False),
    ("illegal migrants", "illegal immigrants", False), ("come", "income", False)])
def test_a_negated_word_is_an_opposite(a, b, expected):
    assert phrase_kinds.negates(a, b) is expected


def test_things_joined_by_and_are_no_wording():
    assert phrase_kinds.is_coordination("trade and tariffs")
    assert not phrase_kinds.is_coordination("trade war")


def test_a_quality_is_not_a_set(monkeypatch):
    frame = ["The plan for ward {n} is {q} to the council.", "Officials called budget {n} very {q} indeed.",
             "The vote on bill {n} was {q}, the mayor said.", "Nobody thought road {n} was so {q} before."]
    articles = two_outlets([t.replace("{q}", "important") for t in frame], [t.replace("{q}", "crucial") for t in frame])
    assert not any({"important", "crucial"} <= terms for terms in suggested_terms(articles))
    monkeypatch.setattr(suggest, "PREDICATE", 2.0)  # without the rule they would be
    assert any({"important", "crucial"} <= terms for terms in suggested_terms(articles))


def test_the_tail_of_a_longer_phrase_gives_way_to_it():
    # "rate relief" is always "water rate relief": the longer phrase is the wording
    articles = two_outlets(*filled("water rate relief", "water rate rebates"))
    tokens = phrases.tokenise(articles["text"])
    found = phrases.merge_inflections(phrases.frequent(tokens, 3))
    share = dict(zip(found["phrase"], phrase_kinds.preceded_shares(tokens, found)))
    assert share["rate relief"] >= suggest.TAIL > share["water rate relief"]
    terms = suggested_terms(articles)
    assert {"water rate relief", "water rate rebates"} in terms
    assert not any("rate relief" in t for t in terms)


def test_a_set_with_fewer_than_five_matches_is_not_ranked():
    cells = pd.DataFrame({"group": ["a / b"] * 2 + ["c / d"] * 4, "outlet": ["X", "Y", "X", "X", "Y", "Y"],
                          "term": ["a", "b", "c", "d", "c", "d"], "o": [2, 2, 6, 1, 1, 6]})
    candidates = pd.DataFrame({"group": ["a / b", "c / d"], "similarity": [0.2, 0.2]})
    ranked = suggest._ranked(cells, candidates, 2)
    assert list(ranked["group"]) == ["c / d"]   # 4 matches of a / b, each outlet keeping to one term


def test_names_of_one_target_used_too_rarely_to_rank_still_come_after_the_ranked_sets():
    # two outlets, one name each, twice: too few matches to rank, yet they name one target
    from lib.framing import targets

    group = "invasion / intervention (Ruritania)"
    candidates = pd.DataFrame({"group": [group] * 2, "term": ["invasion", "intervention"],
                               "variants": ["invasion", "intervention"], "count": [2, 2], "similarity": [0.1, 0.1]})
    counts = pd.DataFrame({"article_id": ["a", "b"], "group": [group] * 2, "term": ["invasion", "intervention"],
                           "quoted": [False, False], "count": [2, 2]})
    articles = pd.DataFrame({"id": ["a", "b"], "outlet": ["The Ledger", "The Courier"]})
    assert targets.target_groups(pd.Series([group])).all()
    ranked = suggest.suggestions(articles, candidates, counts)
    assert list(ranked["group"]) == [group] and ranked["score"].iloc[0] == 0
