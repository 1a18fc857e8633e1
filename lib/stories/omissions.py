"""Omissions: what some outlets on a story mention and the others never do.
"""
from __future__ import annotations

import re

import pandas as pd

from lib.actors.names import capitalised_names
from lib.coverage import outlet_names
from lib.frames import empty as _empty
from lib.frames import require as _require
from lib.stories.labels import story_stopwords
from lib.text import sentence_spans

_OMISSION_COLUMNS = {"item": "str", "kind": "str", "outlets_with": "str", "outlets_without": "str",
                     "mentions": "int64", "evidence": "str", "evidence_article": "str"}
_KINDS = ("actor", "entity", "term")
_TERM = re.compile(r"\b[A-Za-z][a-z'’-]*[a-z]\b")      # 'Sanctions' opening a sentence is 'sanctions'


def omissions(story_articles: pd.DataFrame, *, labels: pd.DataFrame | None = None, min_outlets: int = 2,
              top_terms: int = 20) -> pd.DataFrame:
    """What some outlets on a story mention and the others never do.

    ``story_articles``: the articles of one story (id, outlet, text). Items are actors (from
    ``labels``: article_id, actor, as lib.actors.labels returns; an article mentions the actor
    when it has a row for it), entities (runs of capitalised words such as 'Great Hall' or
    'Antony Blinken', and single capitalised words inside sentences such as 'Kremlin'; titles,
    days, months and nationality words are not entities; a single word that is part of exactly
    one longer name counts as a mention of that name) and terms (lower-case words, stopwords
    excluded, that no outlet writes capitalised: the ``top_terms`` with most mentions among those
    at least two outlets use or one outlet uses twice). Only items that at least one outlet never
    mentions, and only when the story has at least ``min_outlets`` outlets.

    Returns item, kind ('actor' | 'entity' | 'term'), outlets_with, outlets_without (sorted,
    '; '-joined), mentions (occurrences over the story's articles; for actors, label rows),
    evidence (the first sentence that mentions it, in the first outlet alphabetically that does),
    evidence_article (its id). Sorted by kind, then outlets_with (most first), mentions, item.
    """
    _require(story_articles, {"id", "outlet", "text"}, "story_articles")
    if min_outlets < 1 or top_terms < 0:
        raise ValueError("min_outlets must be ≥ 1 and top_terms ≥ 0")
    arts = pd.DataFrame({"id": story_articles["id"].astype("str"), "outlet": outlet_names(story_articles),
                         "text": story_articles["text"].where(story_articles["text"].map(type) == str, "")})
    arts = arts.sort_values(["outlet", "id"], ignore_index=True)
    outlets = sorted(arts["outlet"].unique())
    if len(outlets) < min_outlets or len(outlets) < 2:
        return _empty(_OMISSION_COLUMNS)
    found: list[tuple[str, str, dict[str, int], dict[str, tuple[int, int]]]] = []   # item, kind, counts, first hit
    if labels is not None:
        _require(labels, {"article_id", "actor"}, "labels")
        found.extend(_actor_items(arts, labels))
    spans = {a: sentence_spans(t) for a, t in zip(arts["id"], arts["text"])}   # once per article, not per item
    entities = _entity_items(arts, spans)
    found.extend(entities)
    found.extend(_term_items(arts, {w.casefold() for item, *_ in entities for w in item.split()}, top_terms))
    outlet_of = dict(zip(arts["id"], arts["outlet"]))
    text_of = dict(zip(arts["id"], arts["text"]))
    rows = []
    for item, kind, counts, first_hit in found:
        with_ = sorted({outlet_of[a] for a, n in counts.items() if n > 0})
        if not with_ or len(with_) == len(outlets):
            continue
        evidence_article = next(a for a in arts["id"] if counts.get(a, 0) > 0)
        start, end = first_hit.get(evidence_article, (0, 0))
        rows.append((item, kind, "; ".join(with_), "; ".join(o for o in outlets if o not in with_),
                     sum(counts.values()), _sentence_at(text_of[evidence_article], start, end, spans[evidence_article]),
                     evidence_article))
    out = pd.DataFrame(rows, columns=list(_OMISSION_COLUMNS))
    if out.empty:
        return _empty(_OMISSION_COLUMNS)
    out["_kind"] = out["kind"].map(_KINDS.index)
    out["_with"] = out["outlets_with"].str.count("; ") + 1
    out = out.sort_values(["_kind", "_with", "mentions", "item"], ascending=[True, False, False, True])
    return out.drop(columns=["_kind", "_with"]).reset_index(drop=True).astype(_OMISSION_COLUMNS)


def _actor_items(arts: pd.DataFrame, labels: pd.DataFrame):
    rows = labels.astype({"article_id": "str"})
    rows = rows[rows["article_id"].isin(set(arts["id"]))]
    text_of = dict(zip(arts["id"], arts["text"]))
    for actor, group_ in rows.groupby("actor", sort=True):
        per_article = group_.groupby("article_id")
        counts = per_article.size().to_dict()
        # the earliest labelled position per article; articles without one are searched by name
        earliest = per_article["start"].min().dropna().to_dict() if "start" in group_.columns else {}
        first_hit = {}
        for article_id in counts:
            if article_id in earliest:
                first_hit[article_id] = (int(earliest[article_id]), int(earliest[article_id]) + 1)
            else:
                first_hit[article_id] = _find_name(text_of[article_id], str(actor)) or (0, 0)
        yield str(actor), "actor", counts, first_hit


def _find_name(text: str, name: str) -> tuple[int, int] | None:
    for candidate in (name, name.split()[-1] if name.split() else name):
        match = re.search(rf"\b{re.escape(candidate)}\b", text, flags=re.IGNORECASE)
        if match:
            return match.span()
    return None


def _entity_items(arts: pd.DataFrame, spans: dict[str, list[tuple[int, int]]]):
    """Capitalised names per article: (key → counts per article, first span per article, forms).
    ``spans``: each article's sentence spans, by id."""
    counts: dict[str, dict[str, int]] = {}
    first: dict[str, dict[str, tuple[int, int]]] = {}
    forms: dict[str, dict[str, int]] = {}
    for article_id, text in zip(arts["id"], arts["text"]):
        starts = {s for s, _ in spans[article_id]} | {m.end() for m in re.finditer(r"\n", text)}
        for name, span in capitalised_names(text, starts):
            key = name.casefold()
            counts.setdefault(key, {}).setdefault(article_id, 0)
            counts[key][article_id] += 1
            first.setdefault(key, {}).setdefault(article_id, span)
            forms.setdefault(key, {}).setdefault(name, 0)
            forms[key][name] += 1
    multi = [k for k in counts if " " in k]
    for key in [k for k in counts if " " not in k]:
        owners = [m for m in multi if key in m.split()]
        if len(owners) == 1:                    # 'Blinken' counts as 'Antony Blinken'
            owner = owners[0]
            for article_id, n in counts.pop(key).items():
                counts[owner][article_id] = counts[owner].get(article_id, 0) + n
                first[owner].setdefault(article_id, first[key][article_id])
    for key in sorted(counts):
        form = sorted(forms[key].items(), key=lambda fc: (-fc[1], fc[0]))[0][0]
        yield form, "entity", counts[key], first[key]


def _term_items(arts: pd.DataFrame, name_words: set[str], top_terms: int):
    if top_terms == 0:
        return
    counts: dict[str, dict[str, int]] = {}
    first: dict[str, dict[str, tuple[int, int]]] = {}
    stopwords = story_stopwords()
    for article_id, text in zip(arts["id"], arts["text"]):
        for match in _TERM.finditer(text):
            word = match.group().lower().replace("’", "'")
            if word in stopwords or word in name_words or len(word) < 3:
                continue
            counts.setdefault(word, {}).setdefault(article_id, 0)
            counts[word][article_id] += 1
            first.setdefault(word, {}).setdefault(article_id, match.span())
    outlet_of = dict(zip(arts["id"], arts["outlet"]))
    eligible = []
    for word, per_article in counts.items():
        per_outlet: dict[str, int] = {}
        for article_id, n in per_article.items():
            per_outlet[outlet_of[article_id]] = per_outlet.get(outlet_of[article_id], 0) + n
        if len(per_outlet) >= 2 or max(per_outlet.values()) >= 2:
            eligible.append((-sum(per_article.values()), word))
    outlets = set(arts["outlet"])
    kept = 0
    for _, word in sorted(eligible):
        if {outlet_of[a] for a in counts[word]} == outlets:
            continue                            # every outlet uses it: not an omission
        yield word, "term", counts[word], first[word]
        kept += 1
        if kept == top_terms:
            return


def _sentence_at(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    for s, e in spans:
        if s <= start < e:
            return text[s:e]
    return text[start:end]
