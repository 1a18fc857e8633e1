"""Labels of stories: ``describe`` gives one row per story, named by its keyphrases or its
distinctive words and its date span.
"""
from __future__ import annotations

import functools

import re

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from lib.coverage import outlet_names
from lib.text.stopwords import STOPWORDS, scikit_learn_english
from lib.frames import empty as _empty
from lib.frames import require as _require

_DESCRIBE_COLUMNS = {"story": "str", "label": "str", "title": "str", "first": "datetime64[us]", "last": "datetime64[us]",
                     "articles": "int64", "outlets": "int64", "outlet_list": "str", "undated": "int64"}


@functools.cache
def story_stopwords() -> frozenset[str]:
    """scikit-learn's list and ours (lib.text.stopwords): story labels and omissions leave both
    out."""
    return scikit_learn_english() | STOPWORDS
_LABEL_TOKENS = r"(?u)\b[^\W\d_][\w'’-]*[^\W_]\b"   # words of 2+ characters starting with a letter


def describe(assignments: pd.DataFrame, articles: pd.DataFrame, keywords: pd.DataFrame | None = None, *,
             terms: int = 3) -> pd.DataFrame:
    """One row per story, largest first.

    ``assignments`` from ``group`` or ``apply_overrides`` (a non-empty ``name`` replaces the
    label); ``articles`` has id, text, date, outlet; ``keywords`` (article_id, rank, keyphrase, as
    lib.analyse.keywords stores them) when given. Returns story, label ('xi jinping · moscow · victory day
    (2025-05-08)': ``terms`` keyphrases, those in the top 10 of most member articles, then by mean
    rank, or else the story's top TF-IDF words and bigrams, plus the date span or 'undated'),
    title (the label without its dates: 'xi jinping · moscow · victory day'), first, last (dates, NaT when no member is dated), articles, outlets (distinct), outlet_list
    (sorted, '; '-joined), undated (members without a date).
    """
    _require(assignments, {"article_id", "story"}, "assignments")
    _require(articles, {"id", "date", "outlet"}, "articles")
    info = articles.assign(outlet=outlet_names(articles), id=articles["id"].astype("str"))[["id", "date", "outlet"]]
    merged = assignments.astype({"article_id": "str"}).merge(info, left_on="article_id", right_on="id", how="inner")
    if merged.empty:
        return _empty(_DESCRIBE_COLUMNS)
    merged["date"] = pd.to_datetime(merged["date"], errors="coerce")
    merged["no_date"] = merged["date"].isna().astype("int64")
    stats = (merged.groupby("story", sort=True)
             .agg(first=("date", "min"), last=("date", "max"), articles=("article_id", "size"),
                  outlets=("outlet", "nunique"), undated=("no_date", "sum"))
             .reset_index())
    # each story's outlets, sorted and joined: one pass over the distinct pairs, not a lambda per story
    pairs = merged[["story", "outlet"]].dropna().drop_duplicates().sort_values(["story", "outlet"])
    listed = {story: "; ".join(names) for story, names in _runs(pairs["story"].to_numpy(dtype=object),
                                                               pairs["outlet"].astype("str").to_numpy(dtype=object))}
    stats["outlet_list"] = [listed.get(story, "") for story in stats["story"]]
    if keywords is not None and not keywords.empty:
        _require(keywords, {"article_id", "rank", "keyphrase"}, "keywords")
        phrases = _keyphrase_labels(merged[["article_id", "story"]], keywords, terms)
    else:
        _require(articles, {"text"}, "articles")
        phrases = _term_labels(merged[["article_id", "story"]], articles, terms)
    names = {}
    if "name" in assignments.columns:
        named = assignments.dropna(subset=["name"])
        names = {s: n for s, n in zip(named["story"], named["name"].astype("str")) if n.strip()}
    stats["title"] = [names.get(s) or " · ".join(phrases.get(s, [])) or "(no words)" for s in stats["story"]]
    stats["label"] = [names.get(s) or _label(phrases.get(s, []), f, l)
                      for s, f, l in zip(stats["story"], stats["first"], stats["last"])]
    stats = stats.sort_values(["articles", "first", "story"], ascending=[False, True, True], ignore_index=True)
    return stats.astype(_DESCRIBE_COLUMNS)[list(_DESCRIBE_COLUMNS)]


def _label(phrases: list[str], first: pd.Timestamp, last: pd.Timestamp) -> str:
    if pd.isna(first):
        span = "undated"
    elif first.normalize() == last.normalize():
        span = f"{first:%Y-%m-%d}"
    else:
        span = f"{first:%Y-%m-%d} – {last:%Y-%m-%d}"
    return f"{' · '.join(phrases) or '(no words)'} ({span})"


def _pick(candidates: list[str], terms: int) -> list[str]:
    """The first ``terms`` candidates, skipping any that shares a word with one already picked
    ('xi jinping' after 'xi' says nothing new)."""
    picked: list[str] = []
    words: set[str] = set()
    for phrase in candidates:
        own = set(phrase.split())
        if own & words:
            continue
        picked.append(phrase)
        words |= own
        if len(picked) == terms:
            break
    return picked


def _keyphrase_labels(members: pd.DataFrame, keywords: pd.DataFrame, terms: int) -> dict[str, list[str]]:
    top = keywords[keywords["rank"] <= 10].astype({"article_id": "str"}).merge(members, on="article_id")
    ranked = (top.groupby(["story", "keyphrase"]).agg(articles=("article_id", "nunique"), mean_rank=("rank", "mean"))
              .reset_index().sort_values(["story", "articles", "mean_rank", "keyphrase"],
                                         ascending=[True, False, True, True]))
    return {story: _pick(phrases, terms) for story, phrases in
            _runs(ranked["story"].to_numpy(dtype=object), ranked["keyphrase"].to_numpy(dtype=object))}


def _runs(keys: np.ndarray, values: np.ndarray):
    """(key, list of its values in order) for each run of equal ``keys`` (sorted by key)."""
    if not len(keys):
        return
    cuts = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    for start, stop in zip(np.concatenate([[0], cuts]), np.concatenate([cuts, [len(keys)]])):
        yield keys[start], values[start:stop].tolist()


def _term_labels(members: pd.DataFrame, articles: pd.DataFrame, terms: int) -> dict[str, list[str]]:
    """Per story, words and bigrams scored by (share of its articles using it) × ln((1+n)/(1+df)),
    df over all n articles given: IDF is the point here (what sets this story apart), and without
    the usual +1 a word every article uses scores 0. A word is shown as the bigram it nearly always
    comes in ('jinping' → 'xi jinping')."""
    text_of = dict(zip(articles["id"].astype("str"), articles["text"]))
    members = members[members["article_id"].isin(text_of)]
    texts = [text_of[a] if isinstance(text_of[a], str) else "" for a in members["article_id"]]
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(ngram_range=(1, 2), stop_words=sorted(story_stopwords()), token_pattern=_LABEL_TOKENS,
                                 preprocessor=_label_text)
    try:
        counts = vectorizer.fit_transform(texts).tocsr()
    except ValueError:                 # no article has a countable word
        return {}
    present = counts.copy()
    present.data[:] = 1.0
    vocabulary = vectorizer.get_feature_names_out()
    n = len(texts)
    idf = np.log((1 + n) / (1 + np.asarray(present.sum(axis=0)).ravel()))
    story_codes, story_names = pd.factorize(members["story"])
    sizes = np.bincount(story_codes, minlength=len(story_names)).astype(float)
    share = csr_matrix((1.0 / sizes[story_codes], (story_codes, np.arange(n))), shape=(len(story_names), n))
    scores = (share @ present).tocsr().multiply(idf).tocsr()
    totals = (csr_matrix((np.ones(n), (story_codes, np.arange(n))), shape=(len(story_names), n)) @ counts).tocsr()
    out: dict[str, list[str]] = {}
    for k, story in enumerate(story_names):
        row, total_row = scores.getrow(k), totals.getrow(k)
        total = dict(zip(total_row.indices, total_row.data))
        keep = row.data > 0
        if keep.sum() > terms * 10:
            # Only the leading 10 × terms words can be shown, and a bigram replaces one of them
            # only when it scores ≥ 90 % as well: everything below that cannot matter.
            floor = np.partition(row.data[keep], -terms * 10)[-terms * 10]
            keep &= row.data >= 0.9 * floor - 1e-12
        index, score = row.indices[keep], row.data[keep]
        # Ties (common in small folders) go to the term the story uses most, then alphabetically.
        order = np.lexsort((vocabulary[index], -np.array([total[i] for i in index]), -np.round(score, 9)))
        out[story] = _pick(_as_bigrams([(vocabulary[index[j]], score[j]) for j in order], terms), terms)
    return out


def _as_bigrams(ranked: list[tuple[str, float]], terms: int) -> list[str]:
    """The leading candidates, each word replaced by the best bigram containing it when that scores
    at least 90 % as well."""
    best_bigram: dict[str, tuple[str, float]] = {}
    for term, score in ranked:                 # best first, so the first bigram seen per word wins
        if " " in term:
            for word in term.split():
                best_bigram.setdefault(word, (term, score))
    out: list[str] = []
    for term, score in ranked[:terms * 10]:
        if " " not in term and term in best_bigram and best_bigram[term][1] >= 0.9 * score:
            term = best_bigram[term][0]
        if term not in out:
            out.append(term)
    return out


def _label_text(text: str) -> str:
    # Possessives would make "putin’s" a word of its own next to "putin".
    return re.sub(r"[’']s\b", "", text.lower())


OPTION_CHARS = 40   # a story's name in a picker at most: what a sidebar select box shows uncut


def option_names(described: pd.DataFrame, *, chars: int = OPTION_CHARS) -> pd.Series:
    """A short name per story for a picker, its date first: '2018-03-02 · withdrawal · syria (8)'.

    ``described`` from ``describe`` (story, title, first, articles). The first date (or 'undated'),
    the title's leading keyphrases that fit in ``chars`` (whole phrases; the first one cut at a
    word with '…' when even it does not fit), then the number of articles. Indexed by story.
    """
    _require(described, {"story", "title", "first", "articles"}, "described")
    titles = described["title"].astype("str")   # the analyst's name when the story has one
    dates = described["first"].dt.strftime("%Y-%m-%d").fillna("undated")
    names = [_fit(date, title, int(n), chars) for date, title, n in zip(dates, titles, described["articles"])]
    return pd.Series(names, index=described["story"].to_numpy(), dtype="str")


def _fit(date: str, title: str, articles: int, chars: int) -> str:
    head, tail = f"{date} · ", f" ({articles})"
    room = max(chars - len(head) - len(tail), 8)
    phrases = [p for p in title.split(" · ") if p] or [title]
    kept = phrases[0]
    for phrase in phrases[1:]:
        if len(kept) + 3 + len(phrase) > room:
            break
        kept += " · " + phrase
    if len(kept) > room:
        cut = kept[:room - 1].rsplit(" ", 1)[0] if " " in kept[:room - 1] else kept[:room - 1]
        kept = cut.rstrip(" ·,") + "…"
    return head + kept + tail


def with_labels(frame: pd.DataFrame, described: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the story's label and dates right after its ``story`` column, so a table
    read outside the app (CSV, Excel) names stories by more than an id.

    Adds story_label (``shown`` when ``described`` has it, else ``label``), story_first,
    story_last (dates, NaT when undated); a story ``described`` does not know gets empty cells.
    """
    _require(frame, {"story"}, "frame")
    _require(described, {"story", "label", "first", "last"}, "described")
    names = described.set_index("story")
    shown = names["shown"] if "shown" in names.columns else names["label"]
    added = {"story_label": frame["story"].map(shown).astype("str"),
             "story_first": frame["story"].map(names["first"]), "story_last": frame["story"].map(names["last"])}
    out = frame.drop(columns=[c for c in added if c in frame.columns])
    at = list(out.columns).index("story") + 1
    for offset, (name, values) in enumerate(added.items()):
        out.insert(at + offset, name, values)
    return out
