"""YAKE keyphrases, several times faster, identical to ``yake`` 0.7.3 as Framescope configures it.

``extract(text)`` returns exactly what
``yake.KeywordExtractor(lan="en", n=3, top=20, dedup_func="levs", dedup_lim=0.9,
window_size=1).extract_keywords(text)`` returns (same phrases, same case, same float scores, same
order). yake 0.7.3 spends most of its ~40-80 ms per news article in pure-Python bookkeeping: a
networkx graph for co-occurrences, an object per word and per candidate, numpy medians per word.
This module does the same arithmetic in the same order on plain lists and dicts.

How yake 0.7.3 scores a text (what is mirrored here, step by step)
    1. Newlines become spaces; the text is prefixed with ``"\\n\\n"`` if it starts with a capital
       letter (after optional spaces), else with ``" "``; tabs become spaces.
    2. segtok ``split_multi`` cuts sentences; each non-blank sentence is tokenised with segtok
       ``web_tokenizer`` + ``split_contractions``; tokens starting with ``'`` (``'s``, ``'re``)
       are dropped. Blank-after-filtering sentences still count as sentences.
    3. Tokens made only of ASCII punctuation cut a sentence into blocks (n-grams and
       co-occurrences never cross them) but keep their slot in the sentence position.
    4. Each word gets a tag: ``d`` number, ``u`` unusual (letters and digits mixed, no letters
       nor digits, or 2+ punctuation marks: ``U.S.``, ``COVID-19``), ``a`` all caps, ``n``
       capitalised and not first in its sentence, ``p`` plain.
    5. A word's *term* is its lower case minus one trailing ``s`` when longer than 3 characters
       (``houses`` and ``house`` share a term). Whether the term is a stopword is fixed by the form
       that created it: in the stopword list before or after the ``s`` strip, or shorter than 3
       characters without punctuation.
    6. Co-occurrence (window 1): an edge from the previous word's term to this word's term when
       neither is ``u``/``d``.
    7. Candidates are 1..n-grams within a block, keyed by their lower-cased words joined by
       spaces; the first occurrence fixes the returned string (its original case) and its terms.
       A candidate is kept if some occurrence has no ``u``/``d`` word and its first and last
       terms are not stopwords.
    8. Term score H = TPos * TRel / (TCase + TFNorm / TRel + TSent / TRel) with
       TPos = ln(ln(3 + median of the *distinct sentence indices* it occurs in)),
       TRel = (0.5 + in-neighbours / in-weight * tf / max_tf) + (0.5 + out-neighbours /
       out-weight * tf / max_tf), TFNorm = tf / (mean + population std of non-stopword tfs),
       TSent = sentences with the term / sentences, TCase = max(tf_upper, tf_proper) / (1 + ln tf).
    9. Candidate score = prod / ((sum + 1) * candidate count), over its terms: a content term adds
       H to the sum and multiplies the product by H; a stopword inside (``rule of law``) uses the
       co-occurrence probabilities p = P(prev -> stop) * P(stop -> next), multiplying the product
       by ``2 - p`` and subtracting ``1 - p`` from the sum (with n >= 4, scores can go negative).
    10. Stable sort by score (ties keep first-occurrence order), then a greedy pass that drops a
        candidate whose lower-cased string has normalised Levenshtein similarity > 0.9 with one
        already kept, until ``top`` are kept (``top=0`` keeps all, as in yake).

Input handling: like yake, an empty string (or ``None``) gives ``[]``, whitespace-only or
punctuation-only text gives ``[]``, and an unexpected error inside the extraction is logged and
gives ``[]`` (yake swallows all errors). Unlike yake, a non-string raises ``TypeError``.

Exactness: scores are bit-identical to yake's (the float operations are the same, in the same
order; the tf mean/std still come from numpy so its pairwise summation is reproduced). Sentences
and tokens still come from segtok's own regexes; its splitter and word tokenizer are copied here
with exact shortcuts (plain ASCII words skip the regex, span splits are memoised, the
abbreviation test tries only a sentence's last 24 characters). ``tests/unit/test_yake_fast.py``
compares against yake itself; ``bench/yake_compare.py`` does it on a real corpus.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import re
import string
from html import unescape
from operator import itemgetter
from pathlib import Path

import numpy as np
import regex
from segtok.segmenter import (
    ABBREVIATIONS,
    BEFORE_LOWER,
    CONTINUATIONS,
    ENDS_IN_DATE_DIGITS,
    LONE_WORD,
    LOWER_WORD,
    MAY_CROSS_ONE_LINE,
    MIDDLE_INITIAL_END,
    MONTH,
    SENTENCE_TERMINALS,
    SHORT_SENTENCE_LENGTH,
    UPPER_CASE_END,
    UPPER_CASE_START,
    UPPER_WORD_START,
    _is_not_opened,
    _is_open,
)
from segtok.tokenizer import (
    APO_MATCHER,
    HYPHENATED_LINEBREAK,
    space_tokenizer,
    split_contractions,
    web_tokenizer,
    word_tokenizer,
)

__all__ = ["YAKE_VERSION", "extract"]

YAKE_VERSION = "0.7.3"
"""The yake release this module mirrors (``tests/unit/test_yake_fast.py`` pins it)."""

logger = logging.getLogger(__name__)

_DEDUP_LIM = 0.9
_EXCLUDE = frozenset(string.punctuation)  # yake's DataCore default ``exclude``
_BIG = 1 << 32  # edge key = left_term * _BIG + right_term
_CACHE_LIMIT = 100_000  # entries per memo (word -> facts, span -> tokens) before it is cleared


def _load_stopwords() -> frozenset[str]:
    """yake's own English list, read the way yake reads it (lower-cased, split on newlines).

    Located without importing yake (which imports networkx): the file ships inside the package.
    """
    spec = importlib.util.find_spec("yake")
    if spec is None or spec.origin is None:  # pragma: no cover
        raise ImportError("yake is not installed; lib.analyse.yake_fast reads yake's stopword list")
    path = Path(spec.origin).parent / "core" / "StopwordsList" / "stopwords_en.txt"
    return frozenset(path.read_text(encoding="utf-8").lower().split("\n"))


_STOPWORDS = _load_stopwords()

# --- tokenisation: segtok's own functions and regexes, with exact fast paths -------------------

# yake.data.utils.pre_filter: a text starting with a capital letter is prefixed with "\n\n".
_CAPITAL_START = re.compile(r"^(\s*([A-Z]))")
# str.split() also splits on \x1c-\x1f, segtok's regex \s+ does not (checked over all of Unicode).
_NOT_REGEX_SPACE = re.compile("[\x1c-\x1f]")
_LINEBREAK = re.compile("[\r\n\u2028]")  # HYPHENATED_LINEBREAK needs one of these
_WT_SPLIT = word_tokenizer.split
_WT_MATCH = word_tokenizer.match
_SPACE_SPLIT = space_tokenizer.split
_WEB_SPLIT = web_tokenizer.split

_span_tokens: dict[str, tuple[str, ...]] = {}  # memo: a space-free span -> word_tokenizer pieces


def _word_tokenizer(sentence: str) -> list[str]:
    """segtok.tokenizer.word_tokenizer, same result, fewer regex calls."""
    if _LINEBREAK.search(sentence):
        sentence = HYPHENATED_LINEBREAK.sub(r"\1\2", sentence)
    if _NOT_REGEX_SPACE.search(sentence):
        spans = [token for token in _SPACE_SPLIT(sentence) if token]
    else:
        spans = sentence.split()
    tokens: list[str] = []
    for span in spans:
        if span.isascii() and span.isalnum():  # the pattern's {alnum}+ takes the whole span
            tokens.append(span)
            continue
        pieces = _span_tokens.get(span)
        if pieces is None:
            if len(_span_tokens) > _CACHE_LIMIT:
                _span_tokens.clear()
            pieces = _span_tokens[span] = tuple(token for token in _WT_SPLIT(span) if token)
        tokens.extend(pieces)

    # From here on a copy of segtok 1.5.11 word_tokenizer (MIT licence, Florian Leitner).
    # splice the sentence terminal off the last word/token if it has any at its borders
    # only look for the sentence terminal in the last three tokens
    for idx, word in enumerate(reversed(tokens[-3:]), 1):
        if (_WT_MATCH(word) and not APO_MATCHER.match(word)) or any(
            t in word for t in SENTENCE_TERMINALS
        ):
            last = len(word) - 1
            if 0 == last or "..." == word:
                pass  # leave the token as it is
            elif any(word.rfind(t) == last for t in SENTENCE_TERMINALS):
                tokens[-idx] = word[:-1]
                tokens.insert(len(tokens) - idx + 1, word[-1])
            elif any(word.find(t) == 0 for t in SENTENCE_TERMINALS):
                tokens[-idx] = word[0]
                tokens.insert(len(tokens) - idx + 1, word[1:])
            break

    # keep splicing off any dangling commas and (semi-) colons
    if any(len(word) > 1 and word[-1] in ",;:" for word in tokens):
        dirty = True
        while dirty:
            dirty = False
            for idx, word in enumerate(reversed(tokens), 1):
                while len(word) > 1 and word[-1] in ",;:":
                    char = word[-1]
                    word = word[:-1]
                    tokens[-idx] = word
                    tokens.insert(len(tokens) - idx + 1, char)
                    idx += 1
                    dirty = True
                if dirty:
                    break
    return tokens


_contraction_pieces: dict[str, list[str]] = {}  # memo: token -> split_contractions([token])


def _split_contractions(tokens: list[str]) -> list[str]:
    """segtok's split_contractions, token by token (it never looks across tokens), memoised; an
    ASCII token without ``'`` cannot match its apostrophe pattern."""
    out: list[str] = []
    for token in tokens:
        if token.isascii() and "'" not in token:
            out.append(token)
            continue
        pieces = _contraction_pieces.get(token)
        if pieces is None:
            if len(_contraction_pieces) > _CACHE_LIMIT:
                _contraction_pieces.clear()
            pieces = _contraction_pieces[token] = split_contractions([token])
        out.extend(pieces)
    return out


def _sentence_tokens(sentence: str) -> list[str]:
    """yake's tokens for one sentence: web_tokenizer, split_contractions, no ``'``-led tokens."""
    if "@" in sentence or "://" in sentence:  # web_tokenizer's URI/e-mail pattern needs one
        tokens: list[str] = []
        for i, span in enumerate(_WEB_SPLIT(sentence)):
            if i % 2:  # a URI or e-mail address, kept whole
                tokens.append(span)
            else:
                tokens.extend(_word_tokenizer(unescape(span)))
    else:  # web_tokenizer.split would return [sentence]
        tokens = _word_tokenizer(unescape(sentence))
    tokens = _split_contractions(tokens)  # on every sentence: &#39; may have become an apostrophe
    return [w for w in tokens if not (w.startswith("'") and len(w) > 1) and len(w) > 0]


# ABBREVIATIONS.search(span) is anchored at the span's end ($) but the regex engine tries every
# start position: 70 % of segtok's time on a news article. Apart from its two ^-anchored branches
# (a one-character span, an all-digit span) a match is at most 16 characters long ("Commander
# A.-B"; 17 with the newline $ may skip), so only the last _ABBR_TAIL characters need trying.
# The regex module's ``pos`` keeps the text before it visible to \b and look-behinds and does
# not let ^ match there, so the search from ``pos`` finds exactly the matches that start there
# or later.
_ABBR_TAIL = 24
_abbreviation_search = ABBREVIATIONS.search
_all_digits = regex.compile(r"^\d+$", regex.UNICODE | regex.VERBOSE).match  # the ^\d+ branch


def _ends_in_abbreviation(span: str) -> bool:
    """``ABBREVIATIONS.search(span) is not None``, trying only the span's tail."""
    if len(span) <= _ABBR_TAIL:
        return _abbreviation_search(span) is not None
    if _abbreviation_search(span, len(span) - _ABBR_TAIL) is not None:
        return True
    return _all_digits(span) is not None


def _split_multi(text: str) -> list[str]:
    """segtok.segmenter.split_multi(text) (defaults), faster: copied from segtok 1.5.11 (MIT
    licence, Florian Leitner) with the abbreviation search above and cheap tests put first in
    ``and``/``or`` chains of side-effect-free regex tests."""
    spans = MAY_CROSS_ONE_LINE.split(text)
    sentences = []
    last = None
    short = SHORT_SENTENCE_LENGTH
    for current in _abbreviation_joiner(spans):
        if last is not None:
            if LOWER_WORD.match(current) and BEFORE_LOWER.match(last):
                last = "%s%s" % (last, current)
            elif (len(current) < short or len(last) < short) and _is_open(last) and (
                _is_not_opened(current)
                or last.endswith(" et al. ")
                or (UPPER_CASE_END.search(last) and UPPER_CASE_START.match(current))
            ):
                last = "%s%s" % (last, current)
            elif (len(current) < short or len(last) < short) and _is_open(last, "[]") and (
                _is_not_opened(current, "[]")
                or last.endswith(" et al. ")
                or (UPPER_CASE_END.search(last) and UPPER_CASE_START.match(current))
            ):
                last = "%s%s" % (last, current)
            elif CONTINUATIONS.match(current):
                last = "%s%s" % (last, current)
            else:
                sentences.append(last.strip())
                last = current
        else:
            last = current
    if last is not None:
        sentences.append(last.strip())
    return sentences


def _abbreviation_joiner(spans: list[str]):
    """segtok.segmenter._abbreviation_joiner (segtok 1.5.11), with _ends_in_abbreviation."""
    segment = None
    total = len(spans)
    for pos in range(total):
        if pos and pos % 2:  # even => segment, uneven => (potential) terminal
            prev_s = spans[pos - 1]
            marker = spans[pos]
            next_s = spans[pos + 1] if pos + 1 < total else None
            if prev_s[-1:].isspace():
                pass  # join
            elif marker[0] == "." and _ends_in_abbreviation(prev_s):
                pass  # join
            elif marker[0] == "." and next_s and (
                LONE_WORD.match(next_s)
                or (MONTH.match(next_s) and ENDS_IN_DATE_DIGITS.search(prev_s))
                or (UPPER_WORD_START.match(next_s) and MIDDLE_INITIAL_END.search(prev_s))
            ):
                pass  # join
            else:
                yield "".join(spans[segment : pos + 1])
                segment = None
        elif segment is None:
            segment = pos
    if segment is not None:
        yield "".join(spans[segment:total])


def _sentences(text: str) -> list[list[str]]:
    """yake.data.utils ``tokenize_sentences(pre_filter(text))`` for a newline-free text."""
    sep = "\n\n" if _CAPITAL_START.match(text) else " "
    text = sep + text.replace("\t", " ")
    return [_sentence_tokens(s) for s in _split_multi(text) if len(s.strip()) > 0]


# --- words ------------------------------------------------------------------------------------


def _tag(word: str, i: int) -> str:
    """yake.data.utils.get_tag with ``exclude = string.punctuation``."""
    if word.replace(",", "").isdigit() or word.replace(",", "").replace(".", "", 1).isdigit():
        return "d"
    cdigit = calpha = cexclude = 0
    for c in word:
        if c.isdigit():
            cdigit += 1
        if c.isalpha():
            calpha += 1
        if c in _EXCLUDE:
            cexclude += 1
    if (cdigit > 0 and calpha > 0) or (cdigit == 0 and calpha == 0) or cexclude > 1:
        return "u"
    if word.isupper() and len(word) > 0:
        return "a"
    if len(word) > 1 and word[0].isupper() and i > 0:
        if sum(c.isupper() for c in word) == 1:
            return "n"
    return "p"


# memo: token -> None for punctuation-only tokens, else
# (tag at sentence start, tag elsewhere, lower case, term, stopword-if-it-creates-the-term)
_word_facts: dict[str, tuple[str, str, str, str, bool] | None] = {}


def _facts(word: str) -> tuple[str, str, str, str, bool] | None:
    if all(c in _EXCLUDE for c in word):
        facts = None
    else:
        lower = word.lower()
        # DataCore.get_term: the stopword test sees both the word and its s-stripped term
        term = lower[:-1] if lower.endswith("s") and len(lower) > 3 else lower
        letters = "".join(c for c in term if c not in _EXCLUDE)
        stopword = lower in _STOPWORDS or term in _STOPWORDS or len(letters) < 3
        facts = (_tag(word, 0), _tag(word, 1), lower, term, stopword)
    if len(_word_facts) > _CACHE_LIMIT:
        _word_facts.clear()
    _word_facts[word] = facts
    return facts


# --- dedup ------------------------------------------------------------------------------------


def _within(a: str, b: str, limit: int) -> bool:
    """Is the Levenshtein distance of ``a`` and ``b`` (over code points) at most ``limit``?

    Plain dynamic programming that stops once a whole row exceeds the limit (row minima never
    decrease). Not jellyfish: its distance counts grapheme clusters, not code points, so "é"
    written as e + combining accent would differ from yake's own Levenshtein.
    """
    if len(a) > len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        left = i
        for j, cb in enumerate(b, 1):
            diagonal = previous[j - 1] + (ca != cb)
            up = previous[j] + 1
            left = left + 1
            if up < left:
                left = up
            if diagonal < left:
                left = diagonal
            current.append(left)
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _too_similar(a: str, b: str) -> bool:
    """yake's ``levs(a, b) > 0.9``, i.e. ``1 - distance / longer length > 0.9``.

    The test is monotonic in the distance, so it holds exactly for distances up to the largest
    ``d`` that passes it. (yake's own distance returns the longer length when the lengths differ
    by more than 70 %; such pairs fail the test either way, as the distance is at least the
    length difference.)
    """
    la, lb = len(a), len(b)
    longer = la if la > lb else lb
    diff = la - lb if la > lb else lb - la
    if not 1 - diff / longer > _DEDUP_LIM:
        return False
    limit = diff
    while 1 - (limit + 1) / longer > _DEDUP_LIM:
        limit += 1
    return _within(a, b, limit)


# --- the algorithm ----------------------------------------------------------------------------


def extract(text: str, *, top: int = 20, n: int = 3) -> list[tuple[str, float]]:
    """Exactly yake 0.7.3 ``KeywordExtractor(lan='en', n=n, top=top, dedup_func='levs',
    dedup_lim=0.9, window_size=1).extract_keywords(text)``.

    Returns ``(keyphrase, score)`` pairs, best (lowest score) first; the keyphrase keeps the case
    of its first occurrence. Empty, blank or punctuation-only text gives ``[]``.
    """
    if not text:
        return []
    if not isinstance(text, str):
        raise TypeError(f"extract() takes a str, not {type(text).__name__}")
    try:
        return _extract(text.replace("\n", " "), top, n)
    except Exception:  # yake's extract_keywords swallows every error and returns []
        logger.warning("YAKE extraction failed; returning no keyphrases", exc_info=True)
        return []


def _extract(text: str, top: int, n: int) -> list[tuple[str, float]]:
    sentences = _sentences(text)
    facts_of = _word_facts
    term_ids: dict[str, int] = {}
    tf: list[int] = []
    tf_upper: list[int] = []
    tf_proper: list[int] = []
    stop: list[bool] = []
    sentence_ids: list[list[int]] = []  # distinct sentences each term occurs in, ascending
    edges: dict[int, int] = {}  # left * _BIG + right -> co-occurrences
    # Candidates whose first or last term is a stopword are never valid and are not recorded.
    # (yake records them, but the key is the words joined by spaces and only a URL token can hold
    # a space; such a token is always "u", so no valid candidate can share a key with them.)
    # key -> [text of first occurrence, its terms, count, some occurrence has no u/d word]
    candidates: dict[str, list] = {}
    longest = n - 1

    for sid, tokens in enumerate(sentences):
        b_terms: list[int] = []  # the current block (words between punctuation tokens)
        b_clean: list[bool] = []
        b_lower: list[str] = []
        b_words: list[str] = []
        for pos, word in enumerate(tokens):
            try:
                facts = facts_of[word]
            except KeyError:
                facts = _facts(word)
            if facts is None:  # punctuation: closes the block
                if b_terms:
                    b_terms, b_clean, b_lower, b_words = [], [], [], []
                continue
            tag0, tag1, lower, term, new_is_stop = facts
            tag = tag1 if pos else tag0
            tid = term_ids.get(term)
            if tid is None:
                tid = term_ids[term] = len(tf)
                tf.append(1)
                tf_upper.append(0)
                tf_proper.append(0)
                stop.append(new_is_stop)
                sentence_ids.append([sid])
            else:
                tf[tid] += 1
                sids = sentence_ids[tid]
                if sids[-1] != sid:
                    sids.append(sid)
            if tag == "a":
                tf_upper[tid] += 1
            elif tag == "n":
                tf_proper[tid] += 1
            clean = tag != "u" and tag != "d"
            if clean and b_clean and b_clean[-1]:
                key = b_terms[-1] * _BIG + tid
                edges[key] = edges.get(key, 0) + 1

            if not stop[tid]:  # n-grams ending on this word: itself, then longer to the left
                key = lower
                entry = candidates.get(key)
                if entry is None:
                    candidates[key] = [word, (tid,), 1, clean]
                else:
                    entry[2] += 1
                    if clean:
                        entry[3] = True
                size = len(b_terms)
                first = size - longest if size > longest else 0
                all_clean = clean
                for j in range(size - 1, first - 1, -1):
                    key = b_lower[j] + " " + key
                    all_clean = all_clean and b_clean[j]
                    if stop[b_terms[j]]:
                        continue
                    entry = candidates.get(key)
                    if entry is None:
                        candidates[key] = [
                            " ".join(b_words[j:]) + " " + word,
                            tuple(b_terms[j:]) + (tid,),
                            1,
                            all_clean,
                        ]
                    else:
                        entry[2] += 1
                        if all_clean:
                            entry[3] = True
            b_terms.append(tid)
            b_clean.append(clean)
            b_lower.append(lower)
            b_words.append(word)

    content_tf = [f for f, s in zip(tf, stop) if not s]
    if not content_tf:  # yake: no term features at all, so no valid candidate
        return []
    scores = _term_scores(tf, tf_upper, tf_proper, stop, sentence_ids, edges, len(sentences),
                          content_tf)
    ranked = sorted(
        (
            (_candidate_score(terms, count, scores, stop, tf, edges), key, kw)
            for key, (kw, terms, count, clean) in candidates.items()
            if clean
        ),
        key=itemgetter(0),
    )
    return _dedup(ranked, top)


def _term_scores(tf, tf_upper, tf_proper, stop, sentence_ids, edges, number_of_sentences,
                 content_tf) -> list[float]:
    """SingleWord.update_h for every content term (stopwords keep 0.0; yake never reads it)."""
    count = len(tf)
    out_n = [0] * count
    out_w = [0] * count
    in_n = [0] * count
    in_w = [0] * count
    for key, weight in edges.items():
        left, right = divmod(key, _BIG)
        out_n[left] += 1
        out_w[left] += weight
        in_n[right] += 1
        in_w[right] += weight
    # numpy, as in yake, so the pairwise summation of the std is the same
    content = np.array(content_tf, dtype=float)
    tf_norm = float(content.mean()) + float(content.std())
    max_tf = float(max(tf))
    log, median_of = math.log, _median
    scores = [0.0] * count
    for t in range(count):
        if stop[t]:
            continue
        f = tf[t]
        pwl = in_n[t] / in_w[t] if in_w[t] else 0
        pwr = out_n[t] / out_w[t] if out_w[t] else 0
        wrel = (0.5 + (pwl * (f / max_tf))) + (0.5 + (pwr * (f / max_tf)))
        wfreq = f / tf_norm
        sids = sentence_ids[t]
        wspread = len(sids) / number_of_sentences
        upper, proper = tf_upper[t], tf_proper[t]
        wcase = (upper if upper > proper else proper) / (1.0 + log(f))
        wpos = log(log(3.0 + median_of(sids)))
        scores[t] = (wpos * wrel) / (wcase + (wfreq / wrel) + (wspread / wrel))
    return scores


def _median(values: list[int]) -> float:
    """np.median of ascending ints: the middle one, or the mean of the two middle ones."""
    size = len(values)
    half = size // 2
    if size % 2:
        return float(values[half])
    return (values[half - 1] + values[half]) / 2


def _candidate_score(terms, count, scores, stop, tf, edges) -> float:
    """ComposedWord.update_h with yake's default "bi" stopword weighting."""
    if len(terms) == 1:  # sum = 0.0 + h and prod = 1.0 * h are both exactly h
        h = scores[terms[0]]
        return h / ((h + 1) * count)
    sum_h = 0.0
    prod_h = 1.0
    last = len(terms) - 1
    for t, term in enumerate(terms):
        if not stop[term]:
            h = scores[term]
            sum_h += h
            prod_h *= h
        else:
            prob_t1 = 0.0
            if t > 0:
                prev = terms[t - 1]
                weight = edges.get(prev * _BIG + term)
                if weight is not None:
                    prob_t1 = weight / tf[prev]
            prob_t2 = 0.0
            if t < last:
                nxt = terms[t + 1]
                weight = edges.get(term * _BIG + nxt)
                if weight is not None:
                    prob_t2 = weight / tf[nxt]
            prob = prob_t1 * prob_t2
            prod_h *= 1 + (1 - prob)
            sum_h -= 1 - prob
    denominator = (sum_h + 1) * count
    if denominator == 0:  # yake's numbers are numpy floats here: x / 0 is ±inf, not an error
        with np.errstate(divide="ignore", invalid="ignore"):
            return float(np.float64(prod_h) / np.float64(denominator))
    return prod_h / denominator


def _dedup(ranked, top: int) -> list[tuple[str, float]]:
    """yake's greedy dedup: skip a phrase too similar to one already kept; stop at ``top``."""
    kept: list[tuple[float, str, str]] = []
    for item in ranked:
        key = item[1]
        if any(_too_similar(key, other[1]) for other in kept):
            continue
        kept.append(item)
        if len(kept) == top:
            break
    return [(kw, score) for score, _, kw in kept]
