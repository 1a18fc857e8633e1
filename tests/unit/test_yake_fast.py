"""lib.yake_fast returns exactly what yake 0.7.3 returns (phrases, case, float scores, order)."""
import importlib.metadata
import os
import random
import re
from pathlib import Path

import pytest
import yake
from hypothesis import given, settings
from hypothesis import strategies as st
from segtok.segmenter import split_multi
from yake.data.utils import pre_filter, tokenize_sentences

from lib.analyse import yake_fast
from lib.analyse.yake_fast import YAKE_VERSION, extract

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
SEED_PATHS = sorted(SEEDS.glob("*.txt"))
FUZZ_EXAMPLES = int(os.environ.get("FRAMESCOPE_FUZZ_EXAMPLES", 100))

SEED_TEXTS = [path.read_text(encoding="utf-8") for path in SEED_PATHS]
SEED_SENTENCES = [
    s for text in SEED_TEXTS for s in re.split(r"(?<=[.!?”])\s+", text) if s.strip()
]
SEED_WORDS = sorted({w for text in SEED_TEXTS for w in text.split()})
# Shapes news text has that exercise yake's tagging and tokenising rules.
ODD_TOKENS = [
    "U.S.", "U.N.", "NATO", "FBI", "COVID-19", "F-16", "3D", "2024", "1,000", "3.5", "$100",
    "50%", "don't", "it's", "they’re", "Putin’s", "I'm", "can’t", "won't", "e.g.", "i.e.", "Dr.",
    "Mr.", "Jan.", "St.", "No.", "vs.", "et al.", "A.", "well-known", "Wi-Fi", "co-op", "—", "–",
    "-", "...", "…", "“", "”", "‘", "’", '"', "'", "(", ")", "[", "]", ",", ";", ":", "!", "?",
    ".", "&amp;", "http://example.com/a?b=c", "press@example.org", "Σ", "ΟΔΟΣ", "İstanbul", "ß",
    "café", "cafe\u0301", "naïve", "nai\u0308ve", "news", "houses", "house", "this", "thi", "was",
    "its", "s", "ss", "THE", "The", "the", "don&#39;t", "Putin&rsquo;s", "&quot;", "&#8212;",
]
STOPWORDS_ONLY = ["the", "of", "and", "to", "a", "in", "is", "it", "that", "was", "for", "on"]

_yake = yake.KeywordExtractor(lan="en", n=3, top=20, dedup_func="levs", dedup_lim=0.9,
                              window_size=1)


def yake_keywords(text, *, top=20, n=3):
    """yake's own answer, scores as plain floats (yake returns numpy floats)."""
    if (top, n) == (20, 3):
        extractor = _yake
    else:
        extractor = yake.KeywordExtractor(lan="en", n=n, top=top, dedup_func="levs",
                                          dedup_lim=0.9, window_size=1)
    return [(kw, float(score)) for kw, score in extractor.extract_keywords(text)]


def assert_same_as_yake(text, **options):
    assert extract(text, **options) == yake_keywords(text, **options), repr(text[:300])


def shuffled_texts(count, seed):
    """Texts built from the seeds' sentences and words, shuffled and roughed up reproducibly."""
    rng = random.Random(seed)
    separators = [" "] * 12 + ["\n", "\n\n", "  ", "\t", " - ", ", "]

    def roughen(word):
        roll = rng.random()
        if roll < 0.05:
            return word.upper()
        if roll < 0.10:
            return word.lower()
        if roll < 0.15:
            return word.capitalize()
        if roll < 0.25:
            return rng.choice(ODD_TOKENS)
        if roll < 0.28:
            return f"{word}-{rng.choice(SEED_WORDS)}"
        if roll < 0.31:
            return f"“{word}”" if rng.random() < 0.5 else f"'{word}'"
        if roll < 0.33:
            return f"{word}{rng.randint(0, 99)}"
        return word

    texts = []
    for index in range(count):
        shape = index % 5
        if shape == 0:  # whole shuffled sentences, untouched
            texts.append(" ".join(rng.sample(SEED_SENTENCES, rng.randint(1, 25))))
        elif shape == 1:  # shuffled sentences, words roughed up
            words = " ".join(rng.sample(SEED_SENTENCES, rng.randint(1, 12))).split()
            texts.append(" ".join(roughen(w) for w in words))
        elif shape == 2:  # a bag of words with random separators
            words = rng.choices(SEED_WORDS + ODD_TOKENS, k=rng.randint(1, 200))
            texts.append("".join(w + rng.choice(separators) for w in words))
        elif shape == 3:  # very short: one to four words
            words = rng.choices(SEED_WORDS, k=rng.randint(1, 4))
            texts.append(" ".join(roughen(w) for w in words))
        else:  # stopwords with an occasional content word
            words = rng.choices(STOPWORDS_ONLY, k=rng.randint(1, 40))
            if rng.random() < 0.5:
                words.insert(rng.randrange(len(words) + 1), rng.choice(SEED_WORDS))
            texts.append(" ".join(roughen(w) for w in words))
    return texts


# --- the pin -----------------------------------------------------------------------------------


def test_the_installed_yake_is_the_version_this_module_mirrors():
    # yake 0.7.3's own yake.__version__ still says "0.7.1"; the package metadata is the truth.
    # On an upgrade: re-read yake's source, update lib/yake_fast.py, then this pin.
    assert YAKE_VERSION == "0.7.3"
    assert importlib.metadata.version("yake") == YAKE_VERSION


# --- identical output --------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name[:3])
def test_fast_yake_matches_yake_on_the_seed_articles(path):
    text = path.read_text(encoding="utf-8")
    keyphrases = extract(text)
    assert len(keyphrases) == 20
    assert keyphrases == yake_keywords(text)


@pytest.mark.parametrize("seed", range(4))
def test_fast_yake_matches_yake_on_shuffled_and_roughed_up_seed_text(seed):
    for text in shuffled_texts(80, seed):
        assert_same_as_yake(text)


@pytest.mark.parametrize("text", [
    "Putin", "putin", "PUTIN", "Putin.", "U.S.", "2024", "COVID-19", "don't", "’s", "Xi’s",
    "Putin Putin Putin", "Putin met Xi.", "Xi met Putin. Putin met Xi.", "the", "the of and",
    "The the THE", "this thi this", "houses house", ". , ; :", "— … –", "“”", "a b c d e f",
    "Rule of law. The rule of law. Rule of the law.", "http://example.com/x y@x.org",
    "ΟΔΟΣ ΣΑΣ οδος", "İstanbul istanbul", "Ünïcödé wörds", "tab\tseparated\twords",
    "line\nbreaks\r\nand\rcarriage", "\x1cfile\x1dseparators\x1e", "A.", "Dr. Who met Mr. Smith.",
    "Officials don&#39;t know the President&rsquo;s plan. The President&rsquo;s plan &amp; aims.",
])
def test_fast_yake_matches_yake_on_very_short_and_odd_texts(text):
    assert_same_as_yake(text)


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n", ".", "the of and to", "' ' '"])
def test_empty_blank_and_stopword_only_texts_give_no_keyphrases(text):
    assert extract(text) == [] == yake_keywords(text)


def test_none_gives_no_keyphrases_and_a_non_string_is_refused():
    assert extract(None) == []
    with pytest.raises(TypeError):
        extract(b"bytes are not text")


@pytest.mark.parametrize("top, n", [(5, 3), (1, 3), (50, 3), (20, 1), (20, 2), (20, 4)])
def test_top_and_n_mean_what_they_mean_in_yake(top, n):
    for text in SEED_TEXTS[:2] + shuffled_texts(10, 99):
        assert_same_as_yake(text, top=top, n=n)


def test_top_zero_keeps_every_deduplicated_candidate_as_in_yake():
    text = " ".join(SEED_SENTENCES[:8])
    assert len(extract(text, top=0)) > 20
    assert_same_as_yake(text, top=0)


def test_keyphrases_are_distinct_plain_floats_best_first():
    keyphrases = extract(SEED_TEXTS[0])
    scores = [score for _, score in keyphrases]
    assert all(type(score) is float for score in scores)
    assert scores == sorted(scores)
    assert len({kw.lower() for kw, _ in keyphrases}) == len(keyphrases)


# --- the exact fast paths in tokenising -----------------------------------------------------


def test_sentence_splitting_matches_segtok_including_abbreviations_far_from_the_cut():
    texts = SEED_TEXTS + shuffled_texts(40, 7) + [
        "x" * 40 + " by Professor A.-B. Smith said so. " + "y " * 30 + "Commander A. Next.",
        "1" * 80 + ". Then a sentence. " + "word " * 20 + "Smith, and A. Jones. More.",
        "The " + "long " * 30 + "U.S. The next one. In Jan. 5 of 2020. (" + "w " * 20 + "A. B.",
    ]
    for text in texts:
        prepared = pre_filter(text.replace("\n", " "))
        assert yake_fast._split_multi(prepared) == list(split_multi(prepared))
        assert yake_fast._sentences(text.replace("\n", " ")) == tokenize_sentences(prepared)


def test_near_duplicates_are_judged_on_code_points_like_yake_not_on_graphemes():
    # "é" as e + combining accent is two code points: yake's distance is 2 here, not 1
    decomposed, composed = "resume writer" + "e\u0301", "resume writer" + "é"
    assert yake_fast._too_similar(decomposed, composed) is False
    rng = random.Random(3)
    alphabet = ["a", "b", "e", "é", "e\u0301", "ß", " ", "中", "\u200d", "👍🏽"]
    for _ in range(2000):
        a = "".join(rng.choices(alphabet, k=rng.randint(1, 25)))
        b = list(a)
        for _ in range(rng.randint(0, 3)):
            b.insert(rng.randrange(len(b) + 1), rng.choice(alphabet))
        b = "".join(b)
        assert yake_fast._too_similar(a, b) == (_yake.levs(a, b) > 0.9), (a, b)


# --- fuzz --------------------------------------------------------------------------------------

VOCABULARY = SEED_WORDS[:400] + ODD_TOKENS + STOPWORDS_ONLY
SEPARATORS = [" ", " ", " ", " ", "\n", "", ". ", ", "]


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(SEPARATORS)),
                max_size=150))
def test_fuzz_fast_yake_equals_yake_on_word_salad(parts):
    assert_same_as_yake("".join(word + sep for word, sep in parts))


def test_the_segtok_version_the_fast_extractor_copies_from_is_pinned():
    # lib.yake_fast mirrors segtok 1.5.11's splitter and tokenizer: an upgrade must be re-checked.
    assert importlib.metadata.version("segtok") == "1.5.11"
