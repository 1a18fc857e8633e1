"""Finding the lexicon's variants in articles, each match with its offsets, sentence and voice."""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from lib import text
from lib.frames import among
from lib.framing.lexicon import (
    _APOSTROPHES,
    _cell,
    _rows,
    _split_variants,
    _variant_key,
    validate,
)

_MATCH_COLUMNS = {"article_id": "str", "group": "str", "term": "str", "text": "str", "start": "int64",
                  "end": "int64", "voice": "str", "sentence": "int64"}
# Between the words of a variant: spaces, or a hyphen with optional spaces ("hard -won"), or an
# unspaced en dash (typographers write "China–Russia"). Never a line break: lib.text ends a sentence
# at every line break, and a headline is not the first half of the next line's phrase.
_SPACE = r"[^\S\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]"
_JOIN = rf"(?:{_SPACE}*[-‐‑]{_SPACE}*|{_SPACE}+|–)"
# ---------------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Variants:
    """The variants of one group that start with one character, as one anchored alternation."""

    group: str
    source: str  # the alternation; capturing group k is terms[k - 1]
    terms: tuple[str, ...]

    @functools.cached_property
    def pattern(self) -> re.Pattern:
        """For .match(text, pos). Compiled when first tried: compiling every group's alternations
        takes 0.15 s for the shipped lexicon, and a new file's few articles try only a few."""
        return re.compile(self.source, re.IGNORECASE)


@dataclass(frozen=True)
class _Matcher:
    # On the lower-cased text, case-sensitive: each alternative starts with a literal character,
    # which lets the regex engine jump between candidate characters in C (an IGNORECASE pattern, or
    # one starting with a lookbehind, is tried at every position: 2.5x slower).
    lower_scanner: re.Pattern
    scanner: re.Pattern  # IGNORECASE, for text whose lower() changes length (e.g. 'İ')
    buckets: dict[str, tuple[_Variants, ...]]  # by the lower-cased first character


def matches(articles: pd.DataFrame, lexicon: pd.DataFrame) -> pd.DataFrame:
    """Every place a lexicon variant occurs in the articles, with its voice and sentence.

    ``articles`` has columns id and text (clean text; missing text gives no rows). ``lexicon`` is
    validated first (ValueError with the problems). Returns one row per match: article_id, group,
    term, text (as found), start, end (char offsets into the article's text, end exclusive, so
    ``text[start:end]`` gives the match back), voice ('narrative' | 'quoted' | 'scare', from
    lib.text.quotes and lib.text.voice) and sentence (0-based index of the sentence containing the
    match's start, from lib.text.sentence_spans). In article order, then by start. Within a group,
    overlapping matches keep the longest; across groups overlaps are kept.
    """
    missing = {"id", "text"} - set(articles.columns)
    if missing:
        raise ValueError(f"articles is missing column(s): {', '.join(sorted(missing))}")
    problems = validate(lexicon)
    if problems:
        raise ValueError("the framing lexicon has problems:\n" + "\n".join(problems))
    matcher = _compile(_rows(lexicon))
    cols: dict[str, list] = {name: [] for name in _MATCH_COLUMNS}
    for article_id, body in zip(articles["id"].tolist(), articles["text"].tolist()):
        if not isinstance(body, str):
            if body is None or body is pd.NA or (isinstance(body, float) and math.isnan(body)):
                continue
            body = str(body)
        found = _find(body, matcher)
        if found:
            _add_rows(str(article_id), body, found, cols)
    return pd.DataFrame(cols).astype(_MATCH_COLUMNS)


def rematch(ids: Sequence[str], lexicon: pd.DataFrame, texts_of: Callable[[list[str]], pd.DataFrame],
            previous: PreviousMatches | None = None) -> pd.DataFrame:
    """``matches`` of ``lexicon`` in the articles ``ids`` (in that order), reusing ``previous``:
    the articles it covered are read only for the lexicon groups that changed since, and every
    group is looked for only in the articles it did not cover. A group is the unit because
    overlaps are resolved within a group: a term added to one group can change that group's
    other matches, never another group's. ``texts_of(ids)`` gives those articles' id and text.
    Equal to ``matches(texts_of(ids), lexicon)``."""
    if previous is None:
        return matches(texts_of(list(ids)), lexicon)
    problems = validate(lexicon)
    if problems:
        raise ValueError("the framing lexicon has problems:\n" + "\n".join(problems))
    unchanged = _groups(lexicon).items() & _groups(previous.lexicon).items()
    same = {group for group, _ in unchanged}
    wanted = [str(i) for i in ids]
    new_ids = [i for i in wanted if i not in previous.ids]
    old = previous.matches
    parts = [old[old["group"].isin(same) & among(old["article_id"], wanted)]]
    kept_group = lexicon["group"].map(_cell).isin(same)
    if not kept_group.all():
        parts.append(matches(texts_of(wanted), lexicon[~kept_group]))
    if new_ids and kept_group.any():
        parts.append(matches(texts_of(new_ids), lexicon[kept_group]))
    found = pd.concat(parts, ignore_index=True).astype(_MATCH_COLUMNS)
    order = pd.Series(range(len(wanted)), index=wanted)
    found = found.assign(_at=found["article_id"].map(order).to_numpy(), _len=found["start"] - found["end"])
    return (found.sort_values(["_at", "start", "_len", "group"], kind="stable")
            .drop(columns=["_at", "_len"]).reset_index(drop=True))


@dataclass(frozen=True)
class PreviousMatches:
    """What ``rematch`` reuses: the ``matches`` of ``lexicon`` in the articles ``ids``."""

    matches: pd.DataFrame
    lexicon: pd.DataFrame
    ids: frozenset[str]


def _groups(lexicon: pd.DataFrame) -> dict[str, tuple]:
    """Each group's (term, variants) rows in order: equal tuples, equal matches."""
    by_group: dict[str, list] = {}
    for group, term, cells in _rows(lexicon):
        by_group.setdefault(group, []).append((term, cells))
    return {group: tuple(rows) for group, rows in by_group.items()}


def _find(body: str, matcher: _Matcher) -> list[tuple[int, int, str, str]]:
    """(start, end, group, term) of the kept matches, sorted by start."""
    lowered = body.lower()
    if len(lowered) == len(body):  # lower() never shrinks a character: same length, same offsets
        hits, first = matcher.lower_scanner.finditer(lowered), lowered
    else:
        hits, first = matcher.scanner.finditer(body), None
    by_group: dict[str, list[tuple[int, int, str]]] = {}
    for hit in hits:
        p = hit.start()
        key = first[p] if first is not None else body[p].lower()
        for variants in matcher.buckets.get(key, ()):
            m = variants.pattern.match(body, p)
            if m:
                k = m.lastindex  # the first alternative that matched: the longest, by ordering
                by_group.setdefault(variants.group, []).append((p, m.end(k), variants.terms[k - 1]))
    kept: list[tuple[int, int, str, str]] = []
    for group, candidates in by_group.items():
        # At one start the alternation prefers the longest variant; a longer match can still start
        # a word later ("Russia's invasion" vs "invasion of Ukraine by Russia"), so resolve
        # overlaps longest first, earlier first on ties.
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        starts: list[int] = []
        ends: list[int] = []
        for start, end, term in candidates:
            i = bisect_left(starts, start)
            if (i > 0 and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
                continue
            starts.insert(i, start)
            ends.insert(i, end)
            kept.append((start, end, group, term))
    kept.sort(key=lambda m: (m[0], -m[1], m[2]))   # the order rematch restores: start, longer first, group
    return kept


def _add_rows(article_id: str, body: str, found: list, cols: dict[str, list]) -> None:
    # Quotes and sentences cost far more than the regexes: only for articles with a match.
    quote_list = text.quotes(body)
    sentence_starts = [s for s, _ in text.sentence_spans(body)]
    for start, end, group, term in found:
        cols["article_id"].append(article_id)
        cols["group"].append(group)
        cols["term"].append(term)
        cols["text"].append(body[start:end])
        cols["start"].append(start)
        cols["end"].append(end)
        cols["voice"].append(text.voice(quote_list, start, end))
        cols["sentence"].append(max(bisect_right(sentence_starts, start) - 1, 0))


@lru_cache(maxsize=8)
def _compile(rows: tuple[tuple[str, str, str], ...]) -> _Matcher:
    """A scanner for the variants' first words and, per first character, one anchored alternation
    per group.

    Trying every group's whole alternation at every word start costs ~8 ms per article; the
    scanner finds the few word starts where some variant's first word begins (~0.2 ms), and only
    the variants sharing that first character are tried there. A scanner hit consumes one
    character, so a match overlapping an earlier one (a word later) is still seen; ``_find``
    resolves overlaps.
    """
    by_char: dict[str, dict[str, dict[str, str]]] = {}
    for group, term, cells in rows:
        for variant in _split_variants(cells):
            key = _variant_key(variant)
            # The first term listed wins a repeated variant (validate() rejects it across terms).
            by_char.setdefault(key[0], {}).setdefault(group, {}).setdefault(key, term)
    lower_parts, parts = [], []
    buckets: dict[str, tuple[_Variants, ...]] = {}
    for char in sorted(by_char):
        groups = by_char[char]
        rests = sorted({_first_word_rest(key) for keys in groups.values() for key in keys}, key=lambda w: (-len(w), w))
        head = _word_regex(char)
        lower_parts.append(rf"{head}(?<!\w.)(?=(?:{'|'.join(rests)}))")
        parts.append(rf"(?<!\w){head}(?=(?:{'|'.join(rests)}))")
        bucket = []
        for group, keys in groups.items():
            # More words first: at one start, a variant with more words ends later. Then longer
            # first, so "hegemonism" is tried before "hegemon".
            ordered = sorted(keys.items(), key=lambda kv: (-len(kv[0].split()), -len(kv[0]), kv[0]))
            source = "|".join(f"({_variant_regex(key)})" for key, _ in ordered)
            bucket.append(_Variants(group, source, tuple(term for _, term in ordered)))
        for alias in (_APOSTROPHES if char == "'" else char):
            buckets[alias] = tuple(bucket)
    return _Matcher(re.compile("|".join(lower_parts)), re.compile("|".join(parts), re.IGNORECASE), buckets)


def _first_word_rest(key: str) -> str:
    """The scanner's pattern for a variant's first word after its first character: whole word, or
    a prefix for a word ending in *."""
    word = key.split()[0]
    return _word_regex(word[1:]) if word.endswith("*") else _word_regex(word[1:]) + r"(?!\w)"


def _variant_regex(key: str) -> str:
    return _JOIN.join(_word_regex(word) for word in key.split()) + r"(?!\w)"


def _word_regex(word: str) -> str:
    star = word.endswith("*")
    core = word[:-1] if star else word
    out = "".join(f"[{_APOSTROPHES}]" if ch == "'" else re.escape(ch) for ch in core)
    return out + (r"\w*" if star else "")


