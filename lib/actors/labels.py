"""The labels each outlet attaches to the actors: ``labels``, ``mention_sentences``, ``analyse``
(both in one reading of the articles) and ``by_outlet``.

Every ``label`` is ``text[start:end]`` lower-cased, whitespace collapsed, curly apostrophes
straight; offsets are character indices into the article's text, end exclusive. The kinds
(``KINDS``), each with its rules in its module's docstring:

    title, modifier, appositive
        the words before a name mention, or a role noun phrase beside it (``lib.actors.titles``)
    descriptor
        a role noun with no name after it, resolved to an actor (``lib.actors.descriptors``)
    predicate
        what a naming verb or a copula says the actor is (``lib.actors.predicates``)

The articles are read once: each gives its mentions, its labels next to names and its descriptor
and predicate candidates (``_read``, kept as a few rows per article, which ``lib.actors.mapped``
stores); every actor's profile then comes from the title, modifier and appositive labels of the
whole corpus, descriptors are resolved against it and predicates overlapping a label dropped
(``_assembled``).

Voice is lib.text's ``voice`` over the label's own span (``quoted``, ``scare`` or
``narrative``); ``sentence`` indexes ``lib.text.sentence_spans`` at the label's start. A label in
reported speech without quotation marks (``Democrats are suggesting Romney is a fat cat``) is in
the narrative voice.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import pandas as pd

from lib.actors.descriptors import _Candidate, _cues_and_roles, _joint, _profiles, _resolved
from lib.actors.descriptors import _candidates as _descriptor_candidates
from lib.actors.mentions import _Article, _Label, _Matcher
from lib.actors.names import _texts
from lib.actors.predicates import _accepted
from lib.actors.predicates import _candidates as _predicate_candidates
from lib.actors.titles import _named_labels
from lib.actors.tokens import _overlaps, _tokens
from lib.frames import empty as _empty
from lib.frames import require as _require
from lib.text import quotes, sentence_spans, voice
from lib.text.headline import title_case_lines

KINDS = ("title", "modifier", "appositive", "descriptor", "predicate")


_LABEL_COLUMNS = {"article_id": "str", "actor": "str", "label": "str", "kind": "str", "start": "int64",
                  "end": "int64", "voice": "str", "sentence": "int64"}


def labels(articles: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """One row per label attached to an actor mention (rules in the kinds' modules).

    ``articles`` has id, text (clean); ``actors`` has actor, alias (as ``find_actors`` returns).
    Returns article_id, actor, label (lower-cased descriptor: 'chinese president', 'autocrat',
    "china's", 'dear friend'), kind ('title' | 'modifier' | 'appositive' | 'descriptor' |
    'predicate'), start, end (char offsets of the label text), voice ('narrative' | 'quoted' |
    'scare', from lib.text) and sentence (0-based index in ``lib.text.sentence_spans``). Sorted by
    article (input order), then start.
    """
    return analyse(articles, actors)[0]


def mention_sentences(articles: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """article_id, actor, sentence: every sentence (index in ``lib.text.sentence_spans``) that
    mentions an actor by an alias or by a descriptor resolved to it, once per actor and sentence.
    Join it with sentence compounds for tone per actor and outlet."""
    return analyse(articles, actors)[1]


def analyse(articles: pd.DataFrame, actors: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(``labels``, ``mention_sentences``) in one reading of the articles: tokenising and
    resolving descriptors is most of the cost, and both need it."""
    return _analyse(articles, actors)


def by_outlet(found: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Labels per outlet: ``found`` from ``labels``; ``articles`` has id, outlet.

    Returns actor, outlet, label, kind, voice, count (label rows), articles (distinct articles
    using it), sorted by actor, outlet, count (desc), then label, kind, voice.
    """
    _require(found, {"article_id", "actor", "label", "kind", "voice"}, "found")
    _require(articles, {"id", "outlet"}, "articles")
    columns = {"actor": "str", "outlet": "str", "label": "str", "kind": "str", "voice": "str",
               "count": "int64", "articles": "int64"}
    outlets = articles[["id", "outlet"]].drop_duplicates("id").astype({"id": "str"})
    merged = found.astype({"article_id": "str"}).merge(outlets, left_on="article_id", right_on="id", how="inner")
    if merged.empty:
        return _empty(columns)
    out = (merged.groupby(["actor", "outlet", "label", "kind", "voice"], sort=False)
           .agg(count=("article_id", "size"), articles=("article_id", "nunique")).reset_index())
    out = out.sort_values(["actor", "outlet", "count", "label", "kind", "voice"],
                          ascending=[True, True, False, True, True, True]).reset_index(drop=True)
    return out.astype(columns)[list(columns)]


def _analyse(articles: pd.DataFrame, actors: pd.DataFrame):
    _require(articles, {"id", "text"}, "articles")
    _require(actors, {"actor", "alias"}, "actors")
    matcher = _Matcher(actors)
    # One reading: each article's mentions, labels next to names and descriptor and predicate
    # candidates are kept (a few rows per article, not its tokens), then the corpus's profiles
    # resolve the descriptors.
    return _assembled([_read(article_id, text, matcher) for article_id, text in _texts(articles)], actors)


@dataclass(frozen=True)
class _Seen:
    """A mention as descriptor resolution reads it."""
    start: int
    actor: str


@dataclass
class _ArticleLabels:
    """What one article gives ``analyse`` before the corpus resolves its descriptors."""
    article_id: str
    mentions: list[tuple[int, str, int]]                                 # start, actor, sentence
    named: list[tuple[_Label, str, int, tuple[str, ...], list[str]]]     # label, voice, sentence, cues, roles
    descriptors: list[tuple[_Candidate, str, int, int]]   # candidate, voice, sentence (label, determiner)
    predicates: list[tuple[_Label, str, int]]             # label, voice, sentence


def _read(article_id: str, text: str, matcher: _Matcher) -> _ArticleLabels:
    """An article's mentions and label candidates (rules in the kinds' modules)."""
    art = _parsed(article_id, text, matcher)
    starts = art.sentence_starts

    def sentence(pos: int) -> int:
        return max(bisect_right(starts, pos) - 1, 0)

    quote_list = quotes(art.text)
    taken = sorted((lb.start, lb.end) for lb in art.labels)   # labels next to names come first
    art.labels.extend(lb for lb in _joint(art) if not _overlaps(taken, lb.start, lb.end))
    named = []
    for lb in art.labels:
        cues, roles = _cues_and_roles(art.text[lb.start:lb.end])
        named.append((lb, voice(quote_list, lb.start, lb.end), sentence(lb.start), tuple(sorted(cues)), roles))
    descriptors = [(c, voice(quote_list, c.label_start, c.end), sentence(c.label_start), sentence(c.pos))
                   for c in _descriptor_candidates(art)]
    predicates = [(lb, voice(quote_list, lb.start, lb.end), sentence(lb.start))
                  for lb in _predicate_candidates(art, starts)]
    return _ArticleLabels(article_id, [(m.start, m.actor, sentence(m.start)) for m in art.mentions], named,
                          descriptors, predicates)


def _assembled(read: list[_ArticleLabels], actors: pd.DataFrame,
               profiles: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(labels, mention sentences) of the articles read, in that order: the profiles from every
    article's labels next to names (or ``profiles``, the corpus's, when these are a few of its
    articles), then each article's descriptors resolved and predicates kept."""
    if profiles is None:
        profiles = _profiles(((lb.actor, cues, roles) for a in read for lb, _, _, cues, roles in a.named), actors)
    label_cols: dict[str, list] = {c: [] for c in _LABEL_COLUMNS}
    mention_rows: set[tuple[int, str, int]] = set()
    for order, a in enumerate(read):
        labels = [lb for lb, *_ in a.named]
        where = {(lb.start, lb.end): (v, sn) for lb, v, sn, _, _ in a.named}
        where.update(((c.label_start, c.end), (v, sn)) for c, v, sn, _ in a.descriptors)
        where.update(((lb.start, lb.end), (v, sn)) for lb, v, sn in a.predicates)
        at = {c.pos: ps for c, _, _, ps in a.descriptors}
        described = _resolved(labels, [_Seen(s, actor) for s, actor, _ in a.mentions],
                              [c for c, *_ in a.descriptors], profiles)
        mention_rows.update((order, actor, sn) for _, actor, sn in a.mentions)
        mention_rows.update((order, actor, at[pos]) for pos, actor in described)
        _accepted(labels, [lb for lb, _, _ in a.predicates])
        labels.sort(key=lambda lb: (lb.start, lb.end, lb.kind, lb.actor))
        for lb in labels:
            v, sn = where[(lb.start, lb.end)]
            label_cols["article_id"].append(a.article_id)
            label_cols["actor"].append(lb.actor)
            label_cols["label"].append(lb.label)
            label_cols["kind"].append(lb.kind)
            label_cols["start"].append(lb.start)
            label_cols["end"].append(lb.end)
            label_cols["voice"].append(v)
            label_cols["sentence"].append(sn)
    found = pd.DataFrame(label_cols).astype(_LABEL_COLUMNS) if label_cols["start"] else _empty(_LABEL_COLUMNS)
    ordered = sorted(mention_rows)
    ids = [a.article_id for a in read]
    mentions = pd.DataFrame({"article_id": pd.Series([ids[o] for o, _, _ in ordered], dtype="str"),
                             "actor": pd.Series([a for _, a, _ in ordered], dtype="str"),
                             "sentence": pd.Series([s for _, _, s in ordered], dtype="int64")})
    return found, mentions


def _parsed(article_id: str, text: str, matcher: _Matcher) -> _Article:
    """An article tokenised, with its actor mentions and the labels next to names."""
    tok = _tokens(text)
    art = _Article(article_id, text, tok, matcher.mentions(text, tok), title_case_lines(text),
                   [s for s, _ in sentence_spans(text)])
    _named_labels(art)
    return art
