"""Actors as a per-article MAP and a corpus-level REDUCE (issue 18; the map-step contract is in
lib/analyse/chunk.py).

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

Labels and mention sentences (``labels.analyse``) need the actor list, a corpus decision (or the
analyst's ``actors.csv``): ``map_labels(articles, actors)`` stores what each article gives for
that list (``labels._read``: mentions, labels next to names with their profile cues and roles,
descriptor and predicate candidates, each with voice and sentence) and ``reduce_labels`` builds
the profiles, resolves descriptors and keeps predicates from those rows, exactly as ``analyse``
does in one process. The label rows hold for one actor list (``labels_key``); when it changes
(a new actor or alias), ``stale_articles`` says which articles' label maps can differ (those with
a token starting like a changed alias) and only those need the label map again.

    actor_mentions     article_id, seq, start, actor, sentence
    actor_named        article_id, seq, actor, label, kind, start, end, voice, sentence, cues, roles
    actor_descriptors  article_id, seq, pos, start, end, label_start, label, cues, role, voice,
                       sentence, pos_sentence
    actor_predicates   article_id, seq, actor, label, start, end, voice, sentence

``seq`` keeps an article's rows in the order the article gave them; cues and roles are joined by
``|``. Articles given to ``reduce``/``reduce_labels`` twice (one id) count once.

Size: about 400 rows per article, nine in ten of them lower-case and capitalised words (the
lower-case ones are needed for find_actors' common-word tests of names seen in other articles).
The reduce asks the words only three questions (``lib.actors.word_rows``): over a stored corpus
DuckDB answers them from the Parquet files, so a 100,000-article reduce holds the other three
tables only (~3 M rows, read as categoricals). The label map reads ``LABEL_CHUNK`` texts at a time
and runs on the worker pool (``relabel``'s ``mapper``).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from lib.actors.descriptors import _Candidate as _DescriptorCandidate
from lib.actors.descriptors import _profiles
from lib.actors.labels import _ArticleLabels, _assembled, _read
from lib.actors.mentions import _alias_core, _exact_key, _Label, _Matcher
from lib.actors.names import _article_names, _Candidate, _chosen, _empty_actors, _NameStats, _texts
from lib.actors.tokens import _fold, _tokens
from lib.actors.word_rows import LOWER, PHRASE, TOKEN, FrameWords, Words
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
from lib.frames import among
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
    return _typed(SCHEMAS[name], data)


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


def reduce(tables: dict[str, pd.DataFrame], ids, *, min_articles: int = 2, top: int = 30,
           words: Callable[[pd.Index], Words] | None = None) -> pd.DataFrame:
    """``find_actors`` of the articles ``ids`` from their stored map rows (rows of other articles
    are ignored; any row order): actor, alias, articles. ``words(corpus)`` answers for the
    ``actor_words`` rows (``lib.actors.word_rows``; default: from ``tables["actor_words"]``), so
    a large corpus need not hold them."""
    if min_articles < 1 or top < 0:
        raise ValueError("min_articles must be ≥ 1 and top ≥ 0")
    corpus = pd.Index(pd.unique(pd.Series(list(ids), dtype="object").astype(str)))
    own = {name: _own_rows(tables[name], corpus) for name in SCHEMAS if name != "actor_words"}
    if top == 0 or own["actor_names"].empty:
        return _empty_actors()
    found = words(corpus) if words is not None else FrameWords(tables["actor_words"], corpus)
    stats = _stats(own, found)
    return _chosen(stats, lambda aliases: _alias_articles(aliases, found), min_articles=min_articles, top=top)


def _own_rows(frame: pd.DataFrame, corpus: pd.Index) -> pd.DataFrame:
    """The rows of the corpus's articles, with ``code`` (the article's position in ``corpus``)."""
    codes = corpus.get_indexer(frame["article_id"].astype(str))
    keep = codes >= 0
    return frame.loc[keep].assign(code=codes[keep])


def _stats(own: dict[str, pd.DataFrame], words: Words) -> _NameStats:
    """``_NameStats`` as reading the articles would leave it (no word_index: aliases are looked
    up in the stored words)."""
    stats = _NameStats()
    names = own["actor_names"]
    sums = names.groupby("key", sort=False)[["inside", "person", "strong", "place", "org"]].sum()
    forms = names[names["form"] != ""].groupby(["key", "form"], sort=False)["n"].sum()
    form_of: dict[str, Counter] = defaultdict(Counter)
    for (key, form), n in forms.items():
        form_of[key][form] = int(n)
    articles = _sets(names["key"], names["code"])
    for key, inside, person, strong, place, org in sums.itertuples():
        stats.candidates[key] = _Candidate(forms=form_of.get(key, Counter()), articles=articles[key],
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
    stats.lower.update(words.lower_counts())
    return stats


def _sets(keys: pd.Series, codes: pd.Series) -> dict:
    """key → set of article codes (a loop over the distinct pairs: groupby().unique() applies
    Python per group, ten times slower)."""
    out: dict = defaultdict(set)
    for key, code in zip(keys.tolist(), codes.tolist()):
        out[key].add(code)
    return out


def _alias_articles(aliases: list[str], words: Words) -> dict[str, set[int]]:
    """Each alias's articles (codes): one word, the articles with that token; several, those with
    the phrase and each of its words as a token (as ``names._alias_articles`` reads the texts)."""
    found = words.alias_articles(set(aliases))
    # a phrase's words are tokens of its articles (the map stores only such phrases)
    return {alias: set(found.get((TOKEN if len(alias.split()) == 1 else PHRASE, alias), set())) for alias in aliases}


# --- labels and mention sentences, given the actor list ------------------------------------------

_I, _STR = pa.int32(), pa.string()
LABEL_SCHEMAS: dict[str, pa.Schema] = {
    "actor_mentions": pa.schema([("article_id", _STR), ("seq", _I), ("start", _I), ("actor", _STR), ("sentence", _I)]),
    "actor_named": pa.schema([("article_id", _STR), ("seq", _I), ("actor", _STR), ("label", _STR), ("kind", _STR),
                              ("start", _I), ("end", _I), ("voice", _STR), ("sentence", _I), ("cues", _STR),
                              ("roles", _STR)]),
    "actor_descriptors": pa.schema([("article_id", _STR), ("seq", _I), ("pos", _I), ("start", _I), ("end", _I),
                                    ("label_start", _I), ("label", _STR), ("cues", _STR), ("role", _STR),
                                    ("voice", _STR), ("sentence", _I), ("pos_sentence", _I)]),
    "actor_predicates": pa.schema([("article_id", _STR), ("seq", _I), ("actor", _STR), ("label", _STR),
                                   ("start", _I), ("end", _I), ("voice", _STR), ("sentence", _I)]),
}
_SEP = "|"   # joins an actor label's cue keys and role nouns (lower-case words, never a bar)


def labels_key(actors: pd.DataFrame) -> str:
    """What the label map rows depend on besides the article: the actor list (actor, alias
    rows, in order). Stored label rows are valid for this key only."""
    data = actors[["actor", "alias"]].astype(str).to_csv(index=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def map_labels(articles: pd.DataFrame, actors: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """One frame per ``LABEL_SCHEMAS`` table: each article's actor mentions, labels next to names
    (with the cues and roles profiles are made of) and descriptor and predicate candidates, as
    ``labels._read`` gives them. Per-article independent for one actor list (``labels_key``): a
    different list needs the map again."""
    _require(articles, {"id", "text"}, "articles")
    _require(actors, {"actor", "alias"}, "actors")
    matcher = _Matcher(actors)
    rows: dict[str, list[tuple]] = {name: [] for name in LABEL_SCHEMAS}
    for article_id, text in _texts(articles):
        a = _read(article_id, text, matcher)
        rows["actor_mentions"].extend((article_id, q, s, actor, sn) for q, (s, actor, sn) in enumerate(a.mentions))
        rows["actor_named"].extend(
            (article_id, q, lb.actor, lb.label, lb.kind, lb.start, lb.end, v, sn, _SEP.join(cues), _SEP.join(roles))
            for q, (lb, v, sn, cues, roles) in enumerate(a.named))
        rows["actor_descriptors"].extend(
            (article_id, q, c.pos, c.start, c.end, c.label_start, c.label, _SEP.join(sorted(c.cues)), c.role, v, sn, ps)
            for q, (c, v, sn, ps) in enumerate(a.descriptors))
        rows["actor_predicates"].extend((article_id, q, lb.actor, lb.label, lb.start, lb.end, v, sn)
                                        for q, (lb, v, sn) in enumerate(a.predicates))
    return {name: _typed(LABEL_SCHEMAS[name], data) for name, data in rows.items()}


def reduce_labels(tables: dict[str, pd.DataFrame], ids, actors: pd.DataFrame,
                  previous: PreviousLabels | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``labels.analyse(articles, actors)`` (labels, mention sentences) of the articles ``ids``, in
    that order, from their ``map_labels`` rows made with this actor list (rows of other articles
    ignored; any row order). Articles with no rows (no mention) add nothing, as in analyse.

    With ``previous`` (the last reduce's result, made with the same list) only the articles whose
    result can differ are assembled again (``_stale_for_labels``): the new ones, and those with a
    descriptor and a mention of an actor whose profile the change of articles altered (a
    descriptor is resolved among the actors its article mentions, by their profiles). The others
    keep their rows; the result is the same as without ``previous``."""
    corpus = pd.Index(pd.unique(pd.Series(list(ids), dtype="object").astype(str)))
    profiles = _profiles_of(tables["actor_named"], corpus, actors)
    if previous is None or previous.labels is None or not _same_list(previous.actors, actors):
        return _assembled_in_parts(tables, corpus, actors, profiles)
    stale = among(corpus, _stale_for_labels(tables, corpus, previous, profiles))
    fresh_labels, fresh_mentions = _assembled_in_parts(tables, corpus, actors, profiles, stale)
    kept = corpus[~stale & among(corpus, previous.ids)]
    return _in_corpus_order(previous.labels, fresh_labels, kept, corpus), \
        _in_corpus_order(previous.mentions, fresh_mentions, kept, corpus)


ASSEMBLE_CHUNK = 5_000  # articles whose label rows are Python objects at once (~1.5 M rows at 100k)


def _assembled_in_parts(tables: dict[str, pd.DataFrame], corpus: pd.Index, actors: pd.DataFrame, profiles: dict,
                        wanted: np.ndarray | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``labels._assembled`` of the corpus's articles (those ``wanted``, a mask over ``corpus``)
    with the corpus's ``profiles``, ``ASSEMBLE_CHUNK`` articles at a time: each article's rows
    depend on its own rows and the profiles only, so the parts in corpus order are the whole."""
    own = {name: _own_rows(tables[name], corpus).sort_values(["code", "seq"], kind="stable") for name in LABEL_SCHEMAS}
    chosen = np.ones(len(corpus), dtype=bool) if wanted is None else np.asarray(wanted, dtype=bool)
    parts = []
    for low in range(0, max(len(corpus), 1), ASSEMBLE_CHUNK):
        part = np.zeros(len(corpus), dtype=bool)
        part[low:low + ASSEMBLE_CHUNK] = chosen[low:low + ASSEMBLE_CHUNK]
        if part.any() or not parts:
            parts.append(_assembled(_article_labels(own, corpus, part), actors, profiles))
    if len(parts) == 1:
        return parts[0]
    return tuple(pd.concat([p[k] for p in parts], ignore_index=True) for k in (0, 1))


def _article_labels(own: dict[str, pd.DataFrame], corpus: pd.Index, wanted: np.ndarray) -> list[_ArticleLabels]:
    """The corpus's articles ``wanted`` (a mask over ``corpus``) as ``labels._assembled`` reads
    them, in corpus order: from their ``map_labels`` rows (``own``: with ``code``, sorted)."""
    own = {name: frame[wanted[frame["code"].to_numpy()]] for name, frame in own.items()}
    read: dict[int, _ArticleLabels] = {}

    def article(code: int) -> _ArticleLabels:
        if code not in read:
            read[code] = _ArticleLabels(corpus[code], [], [], [], [])
        return read[code]

    m = own["actor_mentions"]
    for code, s, actor, sn in zip(m["code"].tolist(), m["start"].tolist(), m["actor"].tolist(), m["sentence"].tolist()):
        article(code).mentions.append((s, actor, sn))
    n = own["actor_named"]
    for code, actor, label, kind, s, e, v, sn, cues, roles in zip(*(n[c].tolist() for c in (
            "code", "actor", "label", "kind", "start", "end", "voice", "sentence", "cues", "roles"))):
        article(code).named.append((_Label(actor, label, kind, s, e), v, sn, _split(cues), list(_split(roles))))
    d = own["actor_descriptors"]
    for code, pos, s, e, ls, label, cues, role, v, sn, ps in zip(*(d[c].tolist() for c in (
            "code", "pos", "start", "end", "label_start", "label", "cues", "role", "voice", "sentence",
            "pos_sentence"))):
        article(code).descriptors.append((_DescriptorCandidate(pos, s, e, ls, label, frozenset(_split(cues)), role),
                                          v, sn, ps))
    q = own["actor_predicates"]
    for code, actor, label, s, e, v, sn in zip(*(q[c].tolist() for c in (
            "code", "actor", "label", "start", "end", "voice", "sentence"))):
        article(code).predicates.append((_Label(actor, label, "predicate", s, e), v, sn))
    return [read[c] for c in sorted(read)]


def _profiles_of(named: pd.DataFrame, corpus: pd.Index, actors: pd.DataFrame) -> dict:
    """The descriptor profiles of the corpus (``descriptors._profiles``) from its articles'
    ``actor_named`` rows: their actor, cues and roles only (the order of rows does not matter)."""
    own = named[among(named["article_id"], corpus)]
    return _profiles(((actor, _split(cues), list(_split(roles))) for actor, cues, roles in zip(
        own["actor"].tolist(), own["cues"].tolist(), own["roles"].tolist())), actors)


def _stale_for_labels(tables: dict[str, pd.DataFrame], corpus: pd.Index, previous: PreviousLabels,
                      profiles: dict) -> set[str]:
    """The corpus's articles whose labels the last reduce (``previous``) cannot give: those it did
    not cover, and those with a descriptor candidate that mention an actor whose profile is not
    what it was (another actor's profile never decides their descriptors)."""
    before = _profiles_of(previous.tables["actor_named"], pd.Index(sorted(previous.ids)), previous.actors)
    changed = {actor for actor in profiles.keys() | before.keys() if profiles.get(actor) != before.get(actor)}
    stale = set(corpus[~among(corpus, previous.ids)])
    if changed:
        described = set(tables["actor_descriptors"]["article_id"].astype(str))
        mentions = tables["actor_mentions"]
        touched = set(mentions.loc[among(mentions["actor"], changed), "article_id"].astype(str))
        stale |= described & touched & set(corpus)
    return stale


def _in_corpus_order(kept_from: pd.DataFrame, fresh: pd.DataFrame, kept: pd.Index, corpus: pd.Index) -> pd.DataFrame:
    """The rows of the ``kept`` articles from an earlier result with the ``fresh`` rows, ordered
    as the corpus orders its articles (each article's own rows in their order)."""
    old = kept_from[among(kept_from["article_id"], kept)].astype(fresh.dtypes.to_dict())
    both = pd.concat([old, fresh], ignore_index=True) if len(old) else fresh
    at = corpus.get_indexer(both["article_id"].astype(str))
    return both.iloc[np.argsort(at, kind="stable")].reset_index(drop=True)


def _same_list(before: pd.DataFrame, after: pd.DataFrame) -> bool:
    columns = ["actor", "alias"]
    return before[columns].astype(str).reset_index(drop=True).equals(after[columns].astype(str).reset_index(drop=True))


def _split(joined: str) -> tuple[str, ...]:
    return tuple(joined.split(_SEP)) if joined else ()


def _typed(schema: pa.Schema, data: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(data, columns=schema.names)
    return frame.astype({f.name: ("str" if pa.types.is_string(f.type) else f.type.to_pandas_dtype()) for f in schema})


def stale_articles(tables: dict[str, pd.DataFrame] | Callable[[], dict[str, pd.DataFrame]] | None, ids,
                   before: pd.DataFrame, after: pd.DataFrame,
                   texts_of: Callable[[list[str]], pd.DataFrame] | None = None, *,
                   words: Words | None = None) -> list[str]:
    """The articles (of ``ids``, in that order) whose ``map_labels`` rows made with the actor list
    ``before`` may differ with ``after``: map those again, keep the rest. ``tables`` are the
    ``map_articles`` tables (their capitalised tokens), or what gives them: read only when some
    alias changed; or ``words``, which answers for those tokens (``lib.actors.word_rows``).

    An article's label rows depend on the list only through its mentions, and a changed alias
    (added, dropped, given to another actor, or of an actor whose honorific gender changed) can
    only change the mentions of an article where it could match: where a token starts with the
    letters its name begins with (the matcher matches the first word case-sensitively at a word
    start). An alias whose name does not begin with a capital letter ("the growth bench alias")
    has no stored token to look up: the articles whose text holds its longest word, in any case
    (every match holds each of its words), are stale, found with ``texts_of`` (id, text); without
    it, every article is."""
    corpus = list(pd.unique(pd.Series(list(ids), dtype="object").astype(str)))
    cores = _changed_cores(before, after)
    starts = _starts(cores)
    if starts is None:
        return corpus if texts_of is None else _holding(corpus, cores, texts_of)
    if not starts:
        return []
    if words is None:
        words = FrameWords((tables() if callable(tables) else tables)["actor_words"], pd.Index(corpus))
    hit = words.token_articles(starts)
    return [i for i in corpus if i in hit]


_TEXTS_AT_ONCE = 2_000  # articles' texts held at once while looking for a lower-case alias


def _holding(corpus: list[str], cores: set[str], texts_of: Callable[[list[str]], pd.DataFrame]) -> list[str]:
    """The articles of ``corpus`` whose text holds the longest word of one of the alias ``cores``,
    matched as the alias matcher matches its later words (re.IGNORECASE), anywhere in a word."""
    longest = {max(re.split(r"[\s-]+", core), key=len) for core in cores}
    search = re.compile("|".join(re.escape(word) for word in sorted(longest)), re.IGNORECASE).search
    hit: set[str] = set()
    for at in range(0, len(corpus), _TEXTS_AT_ONCE):
        frame = texts_of(corpus[at:at + _TEXTS_AT_ONCE])
        hit.update(str(i) for i, text in zip(frame["id"], frame["text"]) if isinstance(text, str) and search(text))
    return [i for i in corpus if i in hit]


@dataclass(frozen=True)
class PreviousLabels:
    """What ``relabel`` reuses: the ``map_labels`` rows (``LABEL_SCHEMAS`` tables) made with the
    actor list ``actors`` for the articles ``ids`` (those with no mention have no rows);
    ``found_in``: the articles that list was found in (``reduce``), None for the analyst's list."""

    tables: dict[str, pd.DataFrame]
    actors: pd.DataFrame
    ids: frozenset[str]
    found_in: frozenset[str] | None = None
    labels: pd.DataFrame | None = None    # what reduce_labels gave from those rows
    mentions: pd.DataFrame | None = None


def relabel(ids: Sequence[str], actors: pd.DataFrame,
            names: dict[str, pd.DataFrame] | Callable[[], dict[str, pd.DataFrame]] | None,
            texts_of: Callable[[list[str]], pd.DataFrame],
            previous: PreviousLabels | None = None, *, words: Words | None = None,
            mapper: Mapper = map) -> dict[str, pd.DataFrame]:
    """``map_labels`` rows of the articles ``ids`` for the actor list ``actors``, reusing
    ``previous``: only the articles it did not cover, and those whose mentions the change of
    actor list can alter (``stale_articles``, from the ``map_articles`` tables ``names`` or what
    gives them, or ``words``), are read (``texts_of(ids)`` gives their id and text), ``LABEL_CHUNK``
    at a time, each chunk mapped by ``mapper`` (``map``, or a process pool's, ``lib.analyse.run.in_pool``).
    Equal to ``map_labels(texts_of(ids), actors)`` up to row order, which ``reduce_labels`` does
    not depend on."""
    wanted = list(pd.unique(pd.Series(list(ids), dtype="object").astype(str)))
    if previous is None:
        return _labels_of(wanted, actors, texts_of, mapper)
    covered = [i for i in wanted if i in previous.ids]
    again = set(stale_articles(names, covered, previous.actors, actors, texts_of, words=words))
    read = [i for i in wanted if i not in previous.ids or i in again]
    kept = set(covered) - again
    fresh = _labels_of(read, actors, texts_of, mapper)
    out = {}
    for name in LABEL_SCHEMAS:
        old = previous.tables[name]
        old = old[among(old["article_id"], kept)]
        out[name] = pd.concat([old.astype({"article_id": str}), fresh[name]], ignore_index=True) if len(old) else fresh[name]
    return out


LABEL_CHUNK = 200   # articles whose texts one label-map task holds
Mapper = Callable[[Callable, Iterable], Iterable]   # map(function, tasks): results in task order


def map_labels_task(task: tuple[pd.DataFrame, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``map_labels(articles, actors)`` of one task: what a worker process runs."""
    return map_labels(*task)


def _labels_of(ids: list[str], actors: pd.DataFrame, texts_of: Callable[[list[str]], pd.DataFrame],
               mapper: Mapper) -> dict[str, pd.DataFrame]:
    """``map_labels`` of the articles ``ids``, their texts read a chunk at a time."""
    tasks = ((texts_of(ids[at:at + LABEL_CHUNK])[["id", "text"]], actors) for at in range(0, len(ids), LABEL_CHUNK))
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in LABEL_SCHEMAS}
    for found in mapper(map_labels_task, tasks):
        for name, frame in found.items():
            if len(frame):
                parts[name].append(frame)
    return {name: pd.concat(frames, ignore_index=True) if frames else _typed(LABEL_SCHEMAS[name], [])
            for name, frames in parts.items()}


def _changed_cores(before: pd.DataFrame, after: pd.DataFrame) -> set[str]:
    """The name part of every alias whose matching differs between two actor lists."""
    old, new = _Matcher(before), _Matcher(after)
    rows = {m: set(zip(f["actor"].tolist(), f["alias"].tolist())) for m, f in ((old, before), (new, after))}
    moved = rows[old] ^ rows[new]   # added or dropped, or given to another actor
    changed: set[str] = set()
    for this, other in ((old, new), (new, old)):
        for actor, alias in rows[this]:
            if not isinstance(alias, str) or not isinstance(actor, str):
                continue
            core = _alias_core(alias)
            key = _fold(core) if core else ""
            if not key:
                continue
            same = ((actor, alias) not in moved
                    and other.key_actor.get(key) == this.key_actor.get(key)
                    and other.exact_actor.get(_exact_key(core)) == this.exact_actor.get(_exact_key(core))
                    and (key in other.single) == (key in this.single)
                    and other.gender.get(actor, set()) == this.gender.get(actor, set()))
            if not same:
                changed.add(core)
    return changed


def _starts(cores: set[str]) -> set[str] | None:
    """The leading letters of each core's name, or None when one does not begin with a capital."""
    out: set[str] = set()
    for core in cores:
        parts = re.split(r"[\s-]+", core)
        for first in ([parts[0]] if len(parts) > 1 else [core, core.upper()]):
            lead = re.match(r"[^\W\d_]+", first)
            if lead is None or not lead.group()[:1].isupper():
                return None
            out.add(lead.group())
    return out
