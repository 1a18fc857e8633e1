"""What kind of phrase a suggestion candidate is, read from its uses in the corpus's token stream
(``lib.framing.tokens``): a name, a piece cut out of a name, a unit, a verb or clause, a modifier
cut out of a longer phrase. Each ``*_shares`` function gives one share per row of ``phrases``
(columns words, starts and lengths: word codes, token positions and word counts of its uses),
0..1; ``lib.framing.suggest`` sets the thresholds. The evidence is the corpus's own statistics
and general English (which words a verb follows, words of time and count), never a list of
one story's words."""
from __future__ import annotations

import numpy as np
import pandas as pd

from lib.framing.tokens import BREAK, NUMBER, SENTENCE_END, Tokens

NAME_WORD = 0.9  # a word capitalised in this share of its uses inside a sentence is a name


def name_fragment_shares(tokens: Tokens, phrases: pd.DataFrame) -> np.ndarray:
    """Per phrase: the share of its uses that stop inside a name, their last word and the next
    one capitalised ("Representative Kevin" before "McCarthy", "Leader Kevin"): 0..1. A phrase
    cut out of names is no wording of anyone's."""
    capital, n = tokens.capital, len(tokens.codes)
    out = np.zeros(len(phrases))
    for row, (starts, lengths) in enumerate(zip(phrases["starts"], phrases["lengths"])):
        ends = starts + lengths   # the token after each use
        inside = ends < n
        if inside.any():
            last, after = ends[inside] - 1, ends[inside]
            cut = capital[last] & capital[after] & (tokens.sentence[after] == tokens.sentence[last])
            out[row] = float(cut.sum()) / len(starts)
    return out


_QUANTITY_WORDS = ("hundred", "thousand", "million", "billion", "trillion", "dozen")


def after_number_shares(tokens: Tokens, phrases: pd.DataFrame) -> np.ndarray:
    """Per phrase: the share of its uses right after a number ("40 tons", "2 million pounds",
    "12-year-old"): 0..1. A phrase nearly always counted is a unit, what is measured rather than
    a wording for it."""
    after_number = np.isin(tokens.vocabulary, [NUMBER, *_QUANTITY_WORDS])[tokens.codes]
    return np.array([float(after_number[starts[starts > 0] - 1].sum()) / len(starts) if len(starts) else 0.0
                     for starts in phrases["starts"]])


def proper_shares(tokens: Tokens, phrases: pd.DataFrame) -> np.ndarray:
    """Per phrase: the share of its uses not at a sentence's start whose first and last words are
    capitalised (0..1; a name is near 1, a common noun near 0; NaN when every use starts a
    sentence)."""
    breaks = np.isin(tokens.vocabulary, [BREAK, *SENTENCE_END])[tokens.codes]
    out = np.full(len(phrases), np.nan)
    for row, (starts, lengths) in enumerate(zip(phrases["starts"], phrases["lengths"])):
        inside = starts[(starts > 0) & ~breaks[np.maximum(starts - 1, 0)]]
        if len(inside):
            ends = inside + lengths[(starts > 0) & ~breaks[np.maximum(starts - 1, 0)]] - 1
            out[row] = float(np.mean(tokens.capital[inside] & tokens.capital[ends]))
    return out


# Words after which English puts a verb: a subject pronoun, "who", a modal or auxiliary (not
# "has"/"have"/"had", which as often take an object: "has concerns").
_VERB_CUES = frozenset("""
he she they we i who will would can could should may might must shall did does do didn't doesn't
don't won't wouldn't can't couldn't hasn't haven't hadn't it also
""".split())


def _cued_shares(tokens: Tokens, cues: frozenset[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per vocabulary entry: (share of its uses right after one of ``cues``, smoothed as
    cued / (uses + 4); its uses). A cue written with a capital inside a sentence is a name, not
    the cue ("WHO guidance", "May" the month, "Will" a person)."""
    codes = tokens.codes
    size = len(tokens.vocabulary)
    uses = np.bincount(codes, minlength=size).astype("float64")
    if len(codes) < 2:
        return np.zeros(size), uses
    cue = np.isin(tokens.vocabulary, list(cues))[codes[:-1]] & ~(tokens.capital[:-1] & ~_sentence_starts(tokens)[:-1])
    cued = np.bincount(codes[1:][cue], minlength=size)
    return cued / (uses + 4), uses


def _sentence_starts(tokens: Tokens) -> np.ndarray:
    """Per token: whether it opens a sentence (first of the stream or right after a break)."""
    first = np.ones(len(tokens.codes), dtype=bool)
    first[1:] = np.isin(tokens.vocabulary, [BREAK, *SENTENCE_END])[tokens.codes[:-1]]
    return first


def word_verb_shares(tokens: Tokens) -> tuple[np.ndarray, np.ndarray]:
    """Per vocabulary entry: (verb share, past form). The verb share is the share of the word's
    uses in the corpus right after a verb cue ("he warned", "who promised", "will suspend"),
    smoothed as cued / (uses + 4), 0..1: nouns stay low (a noun after "they" or "will" is rare),
    verbs reach 0.15 to 0.4 on news text. A past form ends in -ed ("announced", "sued"); a noun
    in -ed ("hatred") shows itself by many uses after no cue, and a name ("Mohammed") by its
    capital: neither is one."""
    share, uses = _cued_shares(tokens, _VERB_CUES)
    past = (pd.Series(tokens.vocabulary, dtype="object").str.fullmatch(r"[^\W\d_]{2,}(?<!e)ed").fillna(False).to_numpy(dtype=bool)
            & ~((uses >= 20) & (share < 0.02)) & (word_capital_shares(tokens) < NAME_WORD))
    return share, past


def verb_shares(tokens: Tokens, phrases: pd.DataFrame) -> np.ndarray:
    """Per phrase: how much it reads as a verb or a clause, 0..1. A phrase scores its first
    word's verb share (``word_verb_shares``: "plans to close", "leaked classified information"),
    or, right after a name word (one capitalised in nine in ten of its uses inside a sentence),
    a middle word's share or 1 for a last word in -ed ("Trump told reporters", "Trump tweeted":
    a clause). Not any later word: "change" is a verb as often as a noun, "climate change" a
    name, and "Muslim ban" a name too. A past form alone ("announced") scores 1 however few its
    uses; before a noun ("undocumented immigrants") it is the phrase's modifier. A verb names an
    act or a way of saying, not the thing named."""
    share, past = word_verb_shares(tokens)
    name = word_capital_shares(tokens) >= NAME_WORD
    out = np.zeros(len(phrases))
    for row, words in enumerate(phrases["words"]):
        if not len(words):
            continue
        out[row] = share[words[0]] if len(words) > 1 or not past[words[0]] else 1.0
        for k in range(1, len(words)):
            if not name[words[k - 1]]:
                continue
            later = share[words[k]] if k < len(words) - 1 else (1.0 if past[words[k]] else 0.0)
            out[row] = max(out[row], later)
    return out


VERB_WORD = 0.12  # a word whose verb share (``word_verb_shares``) reaches this is a verb

# Words after which English puts a quality or an ongoing act: a copula or an adverb of degree
# ("is important", "was detained", "are running", "very clear"). Not "more"/"most": "more guns".
_PREDICATE_CUES = frozenset("is was are were be been being very too quite extremely increasingly fairly deeply highly".split())


def predicate_shares(tokens: Tokens, phrases: pd.DataFrame) -> np.ndarray:
    """Per phrase of one word: the share of its uses right after a copula or an adverb of
    degree, smoothed as cued / (uses + 4), 0..1 ("important", "likely", "running", "expected"
    reach 0.15 and more; nouns stay under 0.1, as a noun after "is" needs an article). 0 for
    longer phrases: "illegal immigrants" is a name though "illegal" alone is a quality."""
    share, _ = _cued_shares(tokens, _PREDICATE_CUES)
    return np.array([float(share[words[0]]) if len(words) == 1 else 0.0 for words in phrases["words"]])


def modifier_shares(tokens: Tokens, phrases: pd.DataFrame) -> np.ndarray:
    """Per phrase: the share of its uses followed directly by another content word that is not
    a name or a verb ("former" before "director" or "President", "long-range" before "missiles"): 0..1. A
    phrase nearly always followed so is a modifier cut out of a longer phrase; the longer phrase
    is the candidate. A descriptor before a name ("the North Korean dictator Kim") is a wording
    of its own. A name word is one capitalised in nine in ten of its uses inside a sentence."""
    codes, n = tokens.codes, len(tokens.codes)
    name = word_capital_shares(tokens) >= NAME_WORD
    share, past = word_verb_shares(tokens)
    # a verb after the phrase makes it a subject ("Director Comey testified"), not a modifier
    follows = tokens.is_edge_word[codes] & ~name[codes] & ~(past | (share >= VERB_WORD))[codes]
    out = np.zeros(len(phrases))
    for row, (starts, lengths) in enumerate(zip(phrases["starts"], phrases["lengths"])):
        ends = starts + lengths
        if len(starts):
            out[row] = float(follows[ends[ends < n]].sum()) / len(starts)
    return out


def preceded_shares(tokens: Tokens, phrases: pd.DataFrame) -> np.ndarray:
    """Per phrase: the share of its uses right after its most frequent preceding content word
    ("korean leader" after "north", "warming" after "global"): 0..1. A phrase nearly always
    preceded by one word is the tail of a longer phrase, which is the candidate; a head noun
    after varied modifiers ("immigrants" after "illegal", "undocumented") stays low."""
    codes = tokens.codes
    edge = tokens.is_edge_word
    out = np.zeros(len(phrases))
    for row, starts in enumerate(phrases["starts"]):
        before = starts[starts > 0] - 1
        words = codes[before]
        words = words[edge[words]]
        if len(words) and len(starts):
            out[row] = float(np.unique(words, return_counts=True)[1].max()) / len(starts)
    return out


def word_capital_shares(tokens: Tokens) -> np.ndarray:
    """Per vocabulary entry: the share of its uses not at a sentence's start that are
    capitalised, 0..1 (0 for a word only ever seen first)."""
    codes = tokens.codes
    first = _sentence_starts(tokens)
    size = len(tokens.vocabulary)
    inside = np.bincount(codes[~first], minlength=size).astype("float64")
    capital = np.bincount(codes[~first & tokens.capital], minlength=size)
    return np.divide(capital, inside, out=np.zeros(size), where=inside > 0)


# General English words of time and count: a phrase made of these alone ("last week", "two
# days", "Tuesday afternoon", "first-ever") dates or counts something, it names nothing. "March"
# only capitalised (``is_time_or_count``): a protest march is a wording.
_TIME_AND_COUNT = frozenset("""
today yesterday tomorrow tonight morning afternoon evening night day days week weeks weekend month
months year years decade decades century hour hours minute minutes time times moment ago
monday tuesday wednesday thursday friday saturday sunday january february april june july
august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
last next past recent recently earlier later previous early late latest current annual daily weekly
zero two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred
first second third fourth fifth sixth seventh eighth ninth tenth half several few ever
""".split())
JOINERS = frozenset({"and", "or", "nor", "versus", "vs", "&"})  # words that join two things


def is_time_or_count(phrase: str, capitalised: bool = False) -> bool:
    """Whether every content word of ``phrase`` (hyphens split words) is a word of time or count;
    "march" only when the phrase is written ``capitalised`` (the month, not a protest)."""
    from lib.text.stopwords import STOPWORDS

    words = [w for w in phrase.replace("-", " ").split() if w not in STOPWORDS]
    time_words = _TIME_AND_COUNT | ({"march"} if capitalised else set())
    return bool(words) and all(w in time_words for w in words)


def is_coordination(phrase: str) -> bool:
    """Whether ``phrase`` joins two things ("trump and macron"): two referents, not one wording."""
    return any(w in JOINERS for w in phrase.split())


# Not "in"/"im": "migrants" / "immigrants", "come" / "income" are no opposites.
_NEGATING_PREFIXES = ("un", "il", "ir", "non", "non-", "dis", "anti", "anti-")


def negates(a: str, b: str) -> bool:
    """Whether one phrase is the other with a word negated by a prefix ("legal immigrants" /
    "illegal immigrants", "favorable" / "unfavorable"): opposites, not two wordings of one thing."""
    first, second = a.split(), b.split()
    if len(first) != len(second):
        return False
    differ = [(x, y) for x, y in zip(first, second) if x != y]
    if len(differ) != 1:
        return False
    short, long = sorted(differ[0], key=len)
    return any(long == prefix + short for prefix in _NEGATING_PREFIXES)
