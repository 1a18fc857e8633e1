"""Actors as a per-article MAP and a corpus-level REDUCE (issue 18, /work/notes/mapcontract.md).

``find_actors`` reads every text of the corpus whenever the article set changes. Here the part
knowable from one article alone is computed once per article (``map_articles``: the name runs
and lone name words with their cues, as ``names._article_names`` counts them, and the words an
alias can be looked up by), and ``reduce`` turns the stored rows of a corpus's articles into
exactly what ``find_actors`` returns, by aggregation: the same ``_NameStats`` rules
(``merge_variants``, acceptance, surnames, titles) run on counts summed from the rows, and an
alias's articles come from the stored words instead of a search of the texts.

Map tables (one row per article and key; ``article_id`` first):

    actor_names  article_id, key, form, n, inside, person, strong, place, org
        one row per name run key (``george w bush``) and spelling in an article (form "" when the
        spelling repeats a word): occurrences and the cue counts find_actors sums
    actor_solo   article_id, word, n, place
        a name word standing alone, and how often right after in/at/from/near/to
    actor_cues   article_id, key, kind, value, n
        titles right before a name or lone word (kind "title") and its possessive endings
        (kind "possessive": 's or ’s)
    actor_words  article_id, word, kind
        kind 0: a word used in lower case (find_actors' common-word tests), without the words
        no name key can equal (with a hyphen, dot or ’; function words, roles, modifiers: see
        ``_NEVER_NAME_PART``); kind 1: a capitalised token (a one-word alias is in the article
        when its token is); kind 2: a phrase of 2–8 capitalised words, single spaces between,
        as a whole-word search would find it, each word a token of the article (a several-word
        alias is in the article when the phrase is)

Known differences, none seen on the dev corpus: an alias of more than ``MAX_PHRASE_WORDS`` words
is never found (find_actors makes none longer than 6: three name words, initials, a suffix); a
name whose every word is common in lower case and one of them a function word, role or modifier
reached only through a hyphen or an accent (``Président-Directeur``) may pass the common-words
test it would fail.

Labels and mention sentences (``labels.analyse``) are not mapped: see ``analyse_reduced``.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import pandas as pd
import pyarrow as pa

from lib.actors.labels import analyse as _analyse
from lib.actors.names import _article_names, _Candidate, _chosen, _empty_actors, _NameStats, _texts
from lib.actors.tokens import _tokens
from lib.actors.words import (
    _FUNCTION,
    _HONORIFICS,
    _MODIFIERS,
    _MONTHS,
    _MONTHS_DAYS,
    _NOT_NAME,
    _PLACE_WORDS,
    _PLACES,
    _ROLES,
    _SUFFIXES,
    _TITLE_ABBREVIATIONS,
)
from lib.frames import require as _require

MAP_VERSION = 1
MAX_PHRASE_WORDS = 8

_S, _I32 = pa.string(), pa.int32()
SCHEMAS: dict[str, pa.Schema] = {
    "actor_names": pa.schema([("article_id", _S), ("key", _S), ("form", _S), ("n", _I32), ("inside", _I32),
                              ("person", _I32), ("strong", _I32), ("place", _I32), ("org", _I32)]),
    "actor_solo": pa.schema([("article_id", _S), ("word", _S), ("n", _I32), ("place", _I32)]),
    "actor_cues": pa.schema([("article_id", _S), ("key", _S), ("kind", _S), ("value", _S), ("n", _I32)]),
    "actor_words": pa.schema([("article_id", _S), ("word", _S), ("kind", pa.int16())]),
}
LOWER, TOKEN, PHRASE = 0, 1, 2

_CHUNK = re.compile(r"\S+")
# where an alias may begin inside a chunk: a letter no word character, apostrophe or hyphen precedes
_ALIAS_START = re.compile(r"(?<![\w'’-])[^\W\d_]")
_NOT_IN_NAME_KEY = re.compile(r"[-.’]")
# Lower-case words no name word can be (names._name_word turns them down, and _common_first_ok
# admits only _NOT_NAME words): their lower-case uses are never looked up, so not stored. Only a
# part of a hyphenated or accented name (Jean-Marie → marie) can still be one of them.
_NEVER_NAME_PART = frozenset(
    w for w in _FUNCTION | _MONTHS_DAYS | _HONORIFICS | _TITLE_ABBREVIATIONS | _ROLES | _MODIFIERS | _PLACE_WORDS
    if w not in _NOT_NAME and w not in _MONTHS and w not in _SUFFIXES and w not in _PLACES)


def map_articles(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """One frame per ``SCHEMAS`` table for these articles (columns id, text; a missing text gives
    no rows). Per-article independent: no state is shared between articles."""
    _require(articles, {"id", "text"}, "articles")
    rows: dict[str, list[tuple]] = {name: [] for name in SCHEMAS}
    for article_id, text in _texts(articles):
        _map_one(article_id, text, rows)
    return {name: _frame(name, data) for name, data in rows.items()}


def _map_one(article_id: str, text: str, rows: dict[str, list[tuple]]) -> None:
    tok = _tokens(text)
    found = _article_names(text, tok)
    names, solo, cues, words = rows["actor_names"], rows["actor_solo"], rows["actor_cues"], rows["actor_words"]
    for (key, form), counts in found.runs.items():
        names.append((article_id, key, form, *counts))
    for word, n in found.solo.items():
        solo.append((article_id, word, n, found.solo_place.get(word, 0)))
    for kind, table in (("title", found.before), ("possessive", found.possessive)):
        for key, values in table.items():
            cues.extend((article_id, key, kind, value, n) for value, n in values.items())
    vocabulary = set(tok.words)
    lower = {w.lower() for w in vocabulary if w[:1].islower()}
    words.extend((article_id, w, LOWER) for w in sorted(lower)
                 if w not in _NEVER_NAME_PART and not _NOT_IN_NAME_KEY.search(w))
    capitalised = {w for w in vocabulary if w[:1].isupper()}
    words.extend((article_id, w, TOKEN) for w in sorted(capitalised))
    # a several-word alias also needs each of its words to be a token of the article
    words.extend((article_id, p, PHRASE) for p in sorted(_phrases(text)) if all(w in capitalised for w in p.split()))


def _frame(name: str, data: list[tuple]) -> pd.DataFrame:
    schema = SCHEMAS[name]
    columns = schema.names
    frame = pd.DataFrame(data, columns=columns)
    dtypes = {f.name: ("str" if pa.types.is_string(f.type) else f.type.to_pandas_dtype()) for f in schema}
    return frame.astype(dtypes)


def _phrases(text: str) -> set[str]:
    """Every phrase of 2–``MAX_PHRASE_WORDS`` capitalised words a whole-word search for a
    several-word alias could find (``names._bounded``): words joined by exactly one space, the
    first starting at a capital that no word character, apostrophe or hyphen precedes, the
    middle ones whole chunks, the last a capitalised prefix of its chunk that no word character
    or hyphen follows. Every word but the last ends in a letter, digit or dot, as alias words do."""
    chunks = [(m.start(), m.group()) for m in _CHUNK.finditer(text)]
    out: set[str] = set()
    n = len(chunks)
    for a in range(n - 1):
        s0, c0 = chunks[a]
        if not _spaced(text, chunks, a + 1):
            continue
        firsts = [c0[m.start():] for m in _ALIAS_START.finditer(c0) if c0[m.start()].isupper()]
        firsts = [f for f in firsts if _word_end(f[-1])]
        if not firsts:
            continue
        middle: list[str] = []
        b = a + 1
        while b < n and b - a < MAX_PHRASE_WORDS and _spaced(text, chunks, b):
            cb = chunks[b][1]
            for last in _prefixes(cb):
                out.update(" ".join([f, *middle, last]) for f in firsts)
            if not _word_end(cb[-1]):
                break
            middle.append(cb)
            b += 1
    return out


def _spaced(text: str, chunks: list[tuple[int, str]], b: int) -> bool:
    """Is chunk b capitalised and one plain space after chunk b - 1?"""
    (ps, pc), (sb, cb) = chunks[b - 1], chunks[b]
    return sb == ps + len(pc) + 1 and text[sb - 1] == " " and cb[:1].isupper()


def _word_end(c: str) -> bool:
    return c.isalnum() or c == "."


def _prefixes(chunk: str) -> list[str]:
    """The prefixes of a chunk a whole-word search can end at (no word character or hyphen after
    them) that end as an alias word does (a letter, digit or dot)."""
    out = []
    for e in range(1, len(chunk) + 1):
        if (e == len(chunk) or not (chunk[e].isalnum() or chunk[e] in "_-")) and _word_end(chunk[e - 1]):
            out.append(chunk[:e])
    return out


def reduce(tables: dict[str, pd.DataFrame], ids, *, min_articles: int = 2, top: int = 30) -> pd.DataFrame:
    """``find_actors`` of the articles ``ids`` from their stored map rows (rows of other articles
    are ignored; any row order): actor, alias, articles."""
    if min_articles < 1 or top < 0:
        raise ValueError("min_articles must be ≥ 1 and top ≥ 0")
    corpus = pd.Index(pd.unique(pd.Series(list(ids), dtype="object").astype(str)))
    own = {name: _own_rows(tables[name], corpus) for name in SCHEMAS}
    if top == 0 or own["actor_names"].empty:
        return _empty_actors()
    stats = _stats(own)
    words = own["actor_words"]
    return _chosen(stats, lambda aliases: _alias_articles(aliases, words), min_articles=min_articles, top=top)


def _own_rows(frame: pd.DataFrame, corpus: pd.Index) -> pd.DataFrame:
    """The rows of the corpus's articles, with ``code`` (the article's position in ``corpus``)."""
    codes = pd.Categorical(frame["article_id"].astype(str), categories=corpus).codes
    keep = codes >= 0
    return frame.loc[keep].assign(code=codes[keep])


def _stats(own: dict[str, pd.DataFrame]) -> _NameStats:
    """``_NameStats`` as reading the articles would leave it (no word_index: aliases are looked
    up in the stored words)."""
    stats = _NameStats()
    names = own["actor_names"]
    sums = names.groupby("key", sort=False)[["inside", "person", "strong", "place", "org"]].sum()
    forms = names[names["form"] != ""].groupby(["key", "form"], sort=False)["n"].sum()
    form_of: dict[str, Counter] = defaultdict(Counter)
    for (key, form), n in forms.items():
        form_of[key][form] = int(n)
    articles = names.groupby("key", sort=False)["code"].unique()
    for key, inside, person, strong, place, org in sums.itertuples():
        stats.candidates[key] = _Candidate(forms=form_of.get(key, Counter()), articles=set(articles[key].tolist()),
                                           person=int(person), place=int(place), inside=int(inside), org=int(org),
                                           strong=int(strong))
    first = names.groupby(names["key"].str.split(" ", n=1).str[0], sort=False)["n"].sum()
    stats.first_word.update({k: int(v) for k, v in first.items()})
    solo = own["actor_solo"].groupby("word", sort=False)[["n", "place"]].sum()
    stats.solo.update({w: int(n) for w, n in solo["n"].items()})
    stats.solo_place.update({w: int(n) for w, n in solo["place"].items() if n})
    cues = own["actor_cues"].groupby(["kind", "key", "value"], sort=False)["n"].sum()
    for (kind, key, value), n in cues.items():
        (stats.before if kind == "title" else stats.possessive_forms)[key][value] += int(n)
    words = own["actor_words"]
    lower = words.loc[words["kind"] == LOWER, "word"].value_counts(sort=False)
    stats.lower.update({w: int(n) for w, n in lower.items()})
    return stats


def _alias_articles(aliases: list[str], words: pd.DataFrame) -> dict[str, set[int]]:
    """Each alias's articles (codes): one word, the articles with that token; several, those with
    the phrase and each of its words as a token (as ``names._alias_articles`` reads the texts)."""
    hits = words[words["word"].isin(set(aliases)) & (words["kind"] != LOWER)]
    found: dict[tuple[int, str], set[int]] = {
        (int(kind), word): set(codes.tolist())
        for (kind, word), codes in hits.groupby(["kind", "word"], sort=False)["code"].unique().items()}
    out: dict[str, set[int]] = {}
    for alias in aliases:
        parts = alias.split()
        if len(parts) == 1:
            out[alias] = set(found.get((TOKEN, alias), set()))
            continue
        out[alias] = set(found.get((PHRASE, alias), set()))   # its words are tokens there (map)
    return out


def analyse_reduced(articles: pd.DataFrame, actors: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``labels.analyse`` (labels, mention sentences): not mapped yet, it reads the texts."""
    return _analyse(articles, actors)
