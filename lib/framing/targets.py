"""Suggested sets of the names outlets give one event: the words that head a phrase about the
same named target ("the invasion of Ukraine", "Russia's military intervention in Ukraine", "the
Ukraine crisis"). Distributional substitutes (``lib.framing.suggest``) need a phrase to recur;
an event's names are often each used once or twice, yet all of them are about the same target.

Found on the corpus's token stream (``lib.framing.tokens``), in two forms:

* **head + preposition + name**: a lower-case word, then of / in / on / against / into / over /
  toward(s), then a one-word name ("invasion of Ukraine", "offensive in Ukraine");
* **the + name + head**: "the Ukraine crisis", "the Gaza war".

A name is a word capitalised in at least half of its uses inside a sentence, not a month or
day; the phrase ends with it (no content word follows). A head is a singular common noun by its
shape (not capitalised, not a function word, a person's role or an irregular past tense, not
ending in -ed, -ing or a plural -s). Only heads that are sometimes given an **agent** make a set: a possessive
name right before the head (or before its one modifier: "Russia's military intervention in"),
or "by" and a name after the target ("the invasion of Ukraine by Russia"). The agent is what
makes the head an action or event someone carries out, not a relation or a place ("the people
of Ukraine", "a trip of ..." still can be, and the outlet shares then rank them low).

A target's set holds the heads given an agent with this target (a head only ever seen in the
"the + name + head" form is too often a place's institution: "the Iowa caucus", "the Facebook
page"; that form is a variant of a head that has an agent): at least two heads, used in at
least two articles, at most ``MAX_TERMS`` (the most used). Each term's variants are the
linked phrases ("invasion of ukraine"; "ukraine crisis"), so a count never includes the word's
other uses ("war" in "World War II").
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from lib.framing.tokens import BREAK, SENTENCE_END, Tokens
from lib.text.english import IRREGULAR_VERBS, MONTHS_DAYS, ROLES
from lib.text.stopwords import STOPWORDS

PREPOSITIONS = ("of", "in", "on", "against", "into", "over", "toward", "towards")
MAX_TERMS = 4          # the most heads in one set (as lib.framing.suggest)
MIN_ARTICLES = 2       # the set's uses come from at least this many articles
PROPER_SHARE = 0.5     # a word capitalised in this share of its mid-sentence uses is a name
FEW_USES_SHOWN = 3     # target sets shown after the ranked ones though too rare to rank
SIMILARITY = 0.1       # the ranking's weight when the corpus has no substitute sets to take it from
COLUMNS = ["group", "term", "variants", "count", "similarity"]


def target_sets(tokens: Tokens, taken: set[str] = frozenset()) -> pd.DataFrame:
    """The corpus's target sets (module docstring) as ``suggest`` candidates: group ("invasion /
    intervention / offensive (Ukraine)": heads and target), term (the head's most used linked
    phrase, "invasion of ukraine": a term belongs to one set only, so "invasion" of Ukraine and of
    Iraq are two terms), variants (its linked phrases, "; "-joined), count (linked uses in the
    corpus) and similarity (``SIMILARITY``). A term in ``taken`` (another set's) is left out.
    No row when none is found."""
    uses = _linked_uses(tokens)
    rows = []
    for target, linked in (uses.groupby("target", sort=True) if len(uses) else ()):
        anchored = set(linked.loc[linked["agent"], "head"])
        if not anchored:
            continue
        eligible = linked[linked["head"].isin(anchored)]
        if eligible["article"].nunique() < MIN_ARTICLES:
            continue
        by_head = eligible.groupby("head").agg(count=("variant", "size"), articles=("article", "nunique"))
        by_head = by_head.sort_values(["count", "articles"], ascending=False, kind="stable")
        picked = []
        for head, count in zip(by_head.index, by_head["count"]):
            forms = eligible.loc[eligible["head"] == head, "variant"].value_counts()
            term = sorted(forms.index, key=lambda v: (-forms[v], v))[0]
            if term not in taken and len(picked) < MAX_TERMS:
                picked.append((head, term, "; ".join(sorted(forms.index)), int(count)))
        if len(picked) < 2:
            continue
        name = f"{' / '.join(head for head, *_ in picked)} ({_shown(target)})"
        rows += [{"group": name, "term": term, "variants": variants, "count": count, "similarity": SIMILARITY}
                 for _, term, variants, count in picked]
    return pd.DataFrame(rows, columns=COLUMNS).astype(
        {"group": "str", "term": "str", "variants": "str", "count": "int64", "similarity": "float64"})


def _linked_uses(tokens: Tokens) -> pd.DataFrame:
    """Every use of a head linked to a one-word name: article, head, target (the name, lower
    case), variant (the phrase as the lexicon matches it) and agent (a possessive name before it,
    or "by" + a name after; never for the "the + name + head" form)."""
    codes, vocab = tokens.codes, tokens.vocabulary
    n = len(codes)
    if n < 4:
        return pd.DataFrame(columns=["article", "head", "target", "variant", "agent"])
    name = _names(tokens)
    words = pd.Series(vocab, dtype="object").astype(str)
    possessive_word = words.str.endswith("'s").to_numpy()
    head_word = _head_shaped(words)
    prep_word = words.isin(PREPOSITIONS).to_numpy()
    head = head_word[codes] & ~tokens.capital
    plain_name = name & ~possessive_word[codes]
    owner = name & possessive_word[codes]
    is_the, is_by = (vocab == "the")[codes], (vocab == "by")[codes]

    def at(mask: np.ndarray, shift: int) -> np.ndarray:
        # mask[i + shift] at position i (False past either end)
        out = np.zeros(n, dtype=bool)
        if shift >= 0:
            out[:n - shift] = mask[shift:]
        else:
            out[-shift:] = mask[:n + shift]
        return out

    # a noun phrase ends at the name (or head): no name or noun after it ("the investigation into
    # Russian meddling" is about the meddling, "the Benghazi select committee"); a verb may follow
    nounish = (head_word | words.str.endswith("ing").to_numpy())[codes] & ~tokens.capital
    content = nounish | name
    linked = head & at(prep_word[codes], 1) & at(plain_name, 2) & ~at(content, 3)
    modifier = at(head_word[codes] & ~tokens.capital, -1)
    agent_before = at(owner, -1) | (modifier & at(owner, -2))
    agent_after = at(is_by, 3) & at(name, 4)
    compound = is_the & at(plain_name, 1) & at(head, 2) & ~at(content, 3)

    def uses(starts: np.ndarray, head: int, target: int, variants: list[str], agent) -> pd.DataFrame:
        # the heads and targets at these offsets from each start
        return pd.DataFrame({"article": tokens.article[starts], "head": vocab[codes[starts + head]],
                             "target": vocab[codes[starts + target]], "variant": variants, "agent": agent})

    at_prep, at_compound = np.flatnonzero(linked), np.flatnonzero(compound)
    return pd.concat([
        uses(at_prep, 0, 2, [" ".join(w) for w in zip(*(vocab[codes[at_prep + k]] for k in range(3)))],
             (agent_before | agent_after)[at_prep]),
        uses(at_compound, 2, 1, [f"{t} {h}" for t, h in zip(vocab[codes[at_compound + 1]], vocab[codes[at_compound + 2]])],
             False)], ignore_index=True)


def _names(tokens: Tokens) -> np.ndarray:
    """Per token: a name (capitalised inside a sentence, and so in ``PROPER_SHARE`` of the
    word's uses inside sentences)."""
    codes, vocab = tokens.codes, tokens.vocabulary
    ends = np.isin(vocab, [BREAK, *SENTENCE_END])[codes]
    calendar = np.isin(vocab, list(MONTHS_DAYS))  # "the invasion in February": when, not what
    letter = pd.Series(vocab, dtype="object").astype(str).str.len().to_numpy() < 2  # "U" of "U.S."
    inside = np.concatenate([[False], ~ends[:-1]]) & ~ends
    used = np.bincount(codes[inside], minlength=len(vocab))
    capitalised = np.bincount(codes[inside & tokens.capital], minlength=len(vocab))
    proper = capitalised >= PROPER_SHARE * np.maximum(used, 1)
    return inside & tokens.capital & (proper & ~calendar & ~letter)[codes] & tokens.is_phrase_word[codes] & (used > 0)[codes]


def _head_shaped(words: pd.Series) -> np.ndarray:
    """Per vocabulary word: shaped like a singular common noun (letters only, 3+ of them, not a
    function word, not -ed / -ing, no plural -s; -ss, -is, -us are singular)."""
    letters = words.str.fullmatch(r"[a-z][a-z\-]{2,}")
    verbish = words.str.endswith(("ed", "ing"))
    plural = words.str.endswith("s") & ~words.str.endswith(("ss", "is", "us"))
    # a person's role ("the ambassador to Russia") is an actor label, and "met" a verb
    other = words.isin(STOPWORDS | ROLES | IRREGULAR_VERBS)
    return (letters & ~verbish & ~plural & ~other).to_numpy()


def target_groups(groups: pd.Series) -> np.ndarray:
    """``is_target_group`` of each set name, as a bool array."""
    return np.fromiter((is_target_group(g) for g in groups.tolist()), dtype=bool, count=len(groups))


def is_target_group(group: object) -> bool:
    """Whether a set's name is a target set's ("invasion / crisis (Ukraine)"): other sets are
    named by their phrases alone, and a phrase never holds a parenthesis."""
    return isinstance(group, str) and group.endswith(")") and " (" in group


def _shown(target: str) -> str:
    return target[:1].upper() + target[1:]
