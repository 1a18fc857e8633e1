"""Stories: the articles about one event, across outlets, so that outlets are compared on the same news.

Similarity
    Each article is a vector of sublinear term frequencies (``1 + log tf``) of its clean text:
    lower-cased words of two or more letters or digits, scikit-learn's English stopwords removed,
    hashed into 2²⁰ features (``HashingVectorizer``, so there is no vocabulary to fit) and
    L2-normalised. The text similarity of two articles is the mean of two cosines: over the whole
    text and over its lede (the first ``LEDE_WORDS`` words), which names the event (who met whom,
    where) while the body carries background that every story on the topic shares. Measured
    (``bench/story_grouping.py``, NewsWCL50 with its own dates / BASIL / seeds, best threshold):
    whole text only 0.95 / 0.97 / 0.21 ARI; with the lede half 1.00 / 1.00 / 1.00. The lede is
    what tells the May 2024 Beijing seed from the May 2025 Moscow ones.

    No IDF, deliberately. IDF makes the similarity of two articles depend on what else is in the
    folder: a topic rare in the corpus (North Korea among 4,000 US-politics articles) gets heavy
    weight, so two events on that topic merge, and a threshold tuned on 25 articles fails on
    4,000. Measured with IDF: the best threshold was 0.14–0.16 for each corpus alone and 0.18–0.24
    for the same corpora mixed into the 3,915 Article-Bias-Prediction articles, and no single
    value kept NewsWCL50, BASIL and the seeds all above 0.75 in both settings. Without IDF an
    article's vector depends on its own text only, so the scores are the same alone or mixed, and
    an incremental run only has to vectorise the new articles and the stories they could join.

Dates
    Two dated articles more than ``max_days`` apart are never in one story, whatever their words
    (the same words a year apart are a different meeting). Within the window the similarity is
    discounted linearly with the gap, by up to ``DAY_DISCOUNT`` at ``max_days`` (so a wider window
    also fades more slowly). A pair where
    either article is undated is judged by text alone, discounted by ``UNDATED_WEIGHT``: without
    the date as evidence the words must say more. Such articles are flagged ``undated``.

Clustering
    Average linkage (scipy) on ``1 - combined similarity``, cut at ``1 - threshold``: two groups
    merge while their mean pairwise similarity is at least ``threshold``; a forbidden pair counts
    as an enormous distance, so no story ever holds two dated articles more than ``max_days``
    apart. Articles are sorted by id first, so the result does not depend on row order; there is
    no randomness.

Scale
    Never an n × n matrix: candidate pairs come from sparse products of date-sorted blocks (each
    dated article against the articles within ``max_days``; an undated one against everything),
    keeping pairs with combined similarity ≥ ``threshold``. Average linkage never merges two
    groups without such a pair between them, so the connected components of that graph are
    clustered one by one, exactly as a dense run would. Cost: dated articles O(n × articles per
    window), undated ones O(n) each (10,000 undated among 100,000 means 10⁹ pairs, minutes), and
    each component its size squared in memory (a topic covered every day for months can chain
    into one large component). Measured on the 3,915 Article-Bias-Prediction articles (371
    undated): first build 2.5 s (two thirds of it tokenising), largest component 98 articles,
    one article added incrementally 0.26 s; the same partition as a dense n × n run.

Incremental runs
    With ``previous`` (article_id, story), those articles keep their story. Each new article joins
    the existing story with the highest mean similarity to all its members, if that is at least
    ``threshold`` and none of its dated members is more than ``max_days`` away (ties: smallest
    story id). Each new article is judged against the existing stories only, not against the other
    new ones, so the order of arrival does not matter. New articles left over are clustered among
    themselves as above. Story ids: ``'s-'`` + the first 8 characters of the smallest member
    article id when the story is created (``'s-'`` + the whole id, then ``-2``, ``-3``, ... when
    that is taken); ids of ``previous`` are never reused, even when their articles are gone.
    Only the new articles and the stories they could join are vectorised; the similarity of the
    other stories is carried over from ``previous`` when it has that column (pass ``group``'s
    own output, made with the same ``max_days``). An incremental run can differ from a rebuild:
    new articles never merge two existing stories, and a group of new articles forms its own
    story rather than joining one as a group (on 20 single-article additions to the ABP sample
    the result equalled the rebuild every time).

Analyst overrides (``stories.csv`` beside the corpus)
    One row per decision, applied in file order after ``group``: ``move`` (article_id → story
    ``target``), ``merge`` (story → ``target``), ``split`` (article_id into a story of its own),
    ``rename`` (story → ``name``). Deleting a row undoes it, since ``group`` never sees the file.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix, csr_matrix, hstack
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, HashingVectorizer
from sklearn.preprocessing import normalize

from lib.coverage import outlet_names
from lib.distinctive import STOPWORDS as _NEWS_STOPWORDS
from lib.frames import empty as _empty
from lib.frames import require as _require
from lib.fsutil import atomic_write
from lib.text import sentence_spans

__all__ = [
    "ACTIONS", "DAY_DISCOUNT", "LEDE_WEIGHT", "LEDE_WORDS", "MAX_DAYS", "STORIES_FILE", "THRESHOLD",
    "UNDATED_WEIGHT", "apply_overrides", "coverage", "describe", "group", "omissions", "override_status",
    "read_overrides", "save_overrides",
]

# Chosen on NewsWCL50 (event_id), BASIL (triplet_uuid) and the seeds (bench/story_grouping.py), so
# in-sample: ARI (NewsWCL50 / BASIL / seeds) 0.75 / 0.97 / 1.00 at 0.18, 1.00 / 1.00 / 1.00 at 0.20,
# 1.00 / 0.99 / 1.00 at 0.22, 0.95 / 0.97 / 1.00 at 0.24. Lower merges NewsWCL50's two North Korea
# events (3 days apart); higher splits BASIL triplets whose outlets wrote very differently.
THRESHOLD = 0.20
# BASIL's outlets date one event up to 2 days apart, NewsWCL50's up to 1. The day discount is scaled
# to the window, so max_days also sets how fast similarity fades: measured ARI (same order as above)
# at 3 days 1.00 / 0.95 / 1.00, 5: 1.00 / 0.98 / 1.00, 7: 1.00 / 1.00 / 1.00, 10: 0.75 / 0.97 / 1.00.
MAX_DAYS = 7
LEDE_WORDS = 100          # 60–150 measured the same; 100 is about the first two paragraphs
LEDE_WEIGHT = 0.5         # share of the lede cosine in the text similarity
DAY_DISCOUNT = 0.6        # similarity × (1 − 0.6 · gap/max_days) for dated pairs within the window
UNDATED_WEIGHT = 0.6      # similarity × 0.6 when either article has no date

STORIES_FILE = "stories.csv"
ACTIONS = ("move", "merge", "split", "rename")
OVERRIDE_COLUMNS = ["action", "article_id", "story", "target", "name"]
# What each action needs filled in (the other fields are ignored).
_NEEDS = {"move": ("article_id", "target"), "merge": ("story", "target"), "split": ("article_id",),
          "rename": ("story", "name")}

_GROUP_COLUMNS = {"article_id": "str", "story": "str", "undated": "bool", "similarity": "float64"}
_FORBIDDEN = -np.inf
_FAR = 1e9                # distance standing for a forbidden pair: no average can bring it under 1
_EPS = 1e-9               # float slack between the sparse candidate test and the dense linkage
_CELLS = 4_000_000        # dense cells per block (32 MB of float64)
MAX_LINKAGE = 5_000       # members per dense average linkage: 5,000² distances are 200 MB


# --- group --------------------------------------------------------------------------------------

def group(articles: pd.DataFrame, *, previous: pd.DataFrame | None = None, threshold: float = THRESHOLD,
          max_days: int = MAX_DAYS) -> pd.DataFrame:
    """Cluster articles into stories from text similarity and date proximity (module docstring).

    ``articles`` has id (unique), text (clean), date (datetime64 or NaT); other columns are
    ignored. ``previous`` (article_id, story) is an earlier run's assignment: those articles keep
    their story and only the others are placed. ``threshold`` is the mean combined similarity
    (0..1) two groups need to merge; ``max_days`` the widest gap between two dated articles of
    one story.

    Returns article_id, story (stable id such as ``'s-a0fa8094'``), undated (True when the article
    has no date, so it was placed by text alone), similarity (0..1: its mean combined similarity
    to the other members of its story, date discounts included; 1.0 for a story of one). Sorted by
    story, then article_id; the same input in any row order gives the same frame.
    """
    _require(articles, {"id", "text", "date"}, "articles")
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")
    if max_days < 0:
        raise ValueError("max_days must be ≥ 0")
    ids = articles["id"].astype("str")
    if ids.isna().any() or ids.duplicated().any():
        raise ValueError("article ids must be present and unique")
    if articles.empty:
        return _empty(_GROUP_COLUMNS)
    order = np.argsort(ids.to_numpy(dtype=object), kind="stable")
    ids = ids.to_numpy(dtype=object)[order]
    texts = articles["text"].to_numpy(dtype=object)[order]
    days = _days(articles["date"]).to_numpy()[order]
    n = len(ids)

    stories: dict[int, list[int]] = {}   # key = smallest member index (ids sorted, so smallest id)
    story_id: dict[int, str] = {}
    taken: set[str] = set()
    carried: dict[int, float] = {}        # similarity from previous, for stories no article joins
    new = np.arange(n)
    if previous is not None:
        _require(previous, {"article_id", "story"}, "previous")
        kept, taken, carried_by_id = _previous(previous, ids)
        position = {a: i for i, a in enumerate(ids)}
        by_story: dict[str, list[int]] = {}
        for article_id, story in kept.items():
            by_story.setdefault(story, []).append(position[article_id])
        for story, members in by_story.items():
            members.sort()
            stories[members[0]], story_id[members[0]] = members, story
        carried = {position[a]: v for a, v in carried_by_id.items()}
        new = np.array([i for i, a in enumerate(ids) if a not in kept], dtype=int)
    # Vectors only where needed: every article on a first run; on a later one the new articles and
    # the stories they could join (an article's vector depends on its own text only, so the
    # similarities of the other stories cannot have changed).
    candidates = _reachable(stories, days, new, max_days)
    lacking = [k for k, ms in stories.items() if any(m not in carried for m in ms)]
    need = sorted(set(new.tolist()).union(*(stories[k] for k in set(candidates) | set(lacking))))
    space = _Space(_vectors(texts, need), days, max_days)
    touched = _join_existing(space, new, {k: stories[k] for k in candidates}, story_id, threshold)
    placed = {m for k in touched for m in stories[k]}
    new = np.array([i for i in new.tolist() if i not in placed], dtype=int)
    for members in _cluster(space, new, threshold):
        key = members[0]
        stories[key] = members
        story_id[key] = _new_id(ids[key], taken)
        taken.add(story_id[key])
        touched.add(key)

    rows = []
    for key, members in stories.items():
        if key in touched or any(m not in carried for m in members):
            sims = space.mean_similarity(np.array(members))
        else:
            sims = [carried[m] for m in members]
        rows.extend((ids[m], story_id[key], bool(np.isnan(days[m])), s) for m, s in zip(members, sims))
    out = pd.DataFrame(rows, columns=list(_GROUP_COLUMNS))
    return out.sort_values(["story", "article_id"], ignore_index=True).astype(_GROUP_COLUMNS)


def _reachable(stories: dict[int, list[int]], days: np.ndarray, new: np.ndarray, max_days: int) -> list[int]:
    """The existing stories a new article could join: every one if a new article is undated, else
    those with an undated member or a member within max_days of the new articles' dates."""
    if not len(new) or not stories:
        return []
    new_days = days[new]
    if np.isnan(new_days).any():
        return sorted(stories)
    lo, hi = new_days.min() - max_days, new_days.max() + max_days
    out = []
    for key, members in stories.items():
        member_days = days[members]
        if np.isnan(member_days).any() or ((member_days >= lo) & (member_days <= hi)).any():
            out.append(key)
    return sorted(out)


def _previous(previous: pd.DataFrame, ids: np.ndarray) -> tuple[dict[str, str], set[str], dict[str, float]]:
    """article_id → story for the articles still present, every story id ever given out, and
    article_id → similarity where previous has one."""
    prev = previous.dropna(subset=["article_id", "story"]).astype({"article_id": "str", "story": "str"})
    prev = prev.sort_values(["article_id", "story"]).drop_duplicates("article_id")  # order-independent
    present = set(ids)
    prev = prev[prev["article_id"].isin(present)]
    kept = dict(zip(prev["article_id"], prev["story"]))
    carried = {}
    if "similarity" in prev.columns:
        sims = pd.to_numeric(prev["similarity"], errors="coerce")
        carried = {a: float(v) for a, v in zip(prev["article_id"], sims) if not np.isnan(v)}
    return kept, set(previous["story"].dropna().astype("str")), carried


def _join_existing(space: _Space, new: np.ndarray, stories: dict[int, list[int]], story_id: dict[int, str],
                   threshold: float) -> set[int]:
    """Add each new article to the best existing story it qualifies for (module docstring); the
    lists in ``stories`` are extended in place. Returns the keys of the stories that grew."""
    if not len(new) or not stories:
        return set()
    owner = np.full(len(space.days), -1)
    for key, members in stories.items():
        owner[members] = key
    existing = np.flatnonzero(owner >= 0)
    joins: dict[int, int] = {}
    for rows, cols, sims in space.pairs(new, existing, threshold):
        for i in np.unique(rows):
            candidates = sorted({owner[c] for c in cols[rows == i]})
            best, best_key = -1.0, None
            for key in candidates:
                block = space.block(np.array([i]), np.array(stories[key]))[0]
                if np.isneginf(block).any():
                    continue                    # a dated member is more than max_days away
                mean = float(block.mean())
                if mean >= threshold - _EPS and (mean > best + _EPS or
                                                 (abs(mean - best) <= _EPS and story_id[key] < story_id[best_key])):
                    best, best_key = mean, key
            if best_key is not None:
                joins[int(i)] = best_key
    for i, key in joins.items():
        stories[key].append(i)
    for key in set(joins.values()):
        stories[key].sort()
    return set(joins.values())


def _cluster(space: _Space, subset: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage clusters of ``subset`` (indices), each a sorted list, sorted by first member."""
    if not len(subset):
        return []
    rows, cols = [], []
    for r, c, _ in space.pairs(subset, subset, threshold):
        rows.append(r)
        cols.append(c)
    local = {g: k for k, g in enumerate(subset)}
    r = np.array([local[g] for g in np.concatenate(rows)], dtype=int) if rows else np.zeros(0, int)
    c = np.array([local[g] for g in np.concatenate(cols)], dtype=int) if cols else np.zeros(0, int)
    graph = coo_matrix((np.ones(len(r)), (r, c)), shape=(len(subset), len(subset)))
    _, component = connected_components(graph, directed=False)
    clusters: list[list[int]] = []
    for comp in np.unique(component):
        members = np.sort(subset[component == comp])
        for part in _linkable_parts(space, members):
            clusters.extend(_linkage(space, part, threshold))
    return sorted(clusters, key=lambda m: m[0])


def _linkable_parts(space: _Space, members: np.ndarray) -> list[np.ndarray]:
    """The members in parts small enough for a dense linkage (MAX_LINKAGE, ~200 MB of distances).

    A component chained over weeks of near-copies can hold tens of thousands of articles, and its
    dense matrix would need tens of GB. Such a component is cut into runs of consecutive dates
    (undated members in runs of their own): pairs more than ``max_days`` apart never join anyway,
    so only stories straddling a cut are split, and each part is still clustered exactly.
    """
    if len(members) <= MAX_LINKAGE:
        return [members]
    days = space.days[members]
    dated = members[~np.isnan(days)][np.argsort(days[~np.isnan(days)], kind="stable")]
    undated = members[np.isnan(days)]
    return [np.sort(run[i:i + MAX_LINKAGE]) for run in (dated, undated) for i in range(0, len(run), MAX_LINKAGE)]


def _linkage(space: _Space, members: np.ndarray, threshold: float) -> list[list[int]]:
    if len(members) == 1:
        return [[int(members[0])]]
    distance = 1.0 - space.block(members, members)
    distance[np.isinf(distance)] = _FAR
    np.fill_diagonal(distance, 0.0)
    distance = np.maximum(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, 1.0 - threshold + _EPS, criterion="distance")
    return [sorted(int(m) for m in members[labels == label]) for label in np.unique(labels)]


def _new_id(article_id: str, taken: set[str]) -> str:
    for candidate in (f"s-{article_id[:8]}", f"s-{article_id}"):
        if candidate not in taken:
            return candidate
    n = 2
    while f"s-{article_id}-{n}" in taken:
        n += 1
    return f"s-{article_id}-{n}"


class _Space:
    """Article vectors and days, and the combined similarity of any two sets of them."""

    def __init__(self, vectors: csr_matrix, days: np.ndarray, max_days: int):
        self.vectors, self.days, self.max_days = vectors, days, max_days

    def block(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Dense combined similarity, rows × cols; −inf for pairs more than max_days apart."""
        text = (self.vectors[rows] @ self.vectors[cols].T).toarray()
        gap = np.abs(self.days[rows][:, None] - self.days[cols][None, :])
        undated = np.isnan(gap)
        gap = np.where(undated, 0.0, gap)
        weight = np.where(undated, UNDATED_WEIGHT,
                          1.0 - DAY_DISCOUNT * np.minimum(gap, self.max_days) / max(self.max_days, 1))
        return np.where(gap > self.max_days, _FORBIDDEN, np.clip(text, 0.0, 1.0) * weight)

    def pairs(self, rows: np.ndarray, cols: np.ndarray, threshold: float):
        """Yield (row indices, col indices, similarity) of pairs with combined similarity ≥ threshold,
        computing only blocks that can hold such a pair (dated rows: cols within the date window)."""
        rows, cols = np.asarray(rows, dtype=int), np.asarray(cols, dtype=int)
        dated_cols = cols[~np.isnan(self.days[cols])]
        dated_cols = dated_cols[np.argsort(self.days[dated_cols], kind="stable")]
        col_days = self.days[dated_cols]
        undated_cols = cols[np.isnan(self.days[cols])]
        dated_rows = rows[~np.isnan(self.days[rows])]
        dated_rows = dated_rows[np.argsort(self.days[dated_rows], kind="stable")]
        undated_rows = rows[np.isnan(self.days[rows])]
        step = 512
        for start in range(0, len(dated_rows), step):
            chunk = dated_rows[start:start + step]
            lo = np.searchsorted(col_days, self.days[chunk[0]] - self.max_days, "left")
            hi = np.searchsorted(col_days, self.days[chunk[-1]] + self.max_days, "right")
            yield from self._above(chunk, np.concatenate([dated_cols[lo:hi], undated_cols]), threshold)
        if len(undated_rows):
            step = max(1, _CELLS // max(len(cols), 1))
            for start in range(0, len(undated_rows), step):
                yield from self._above(undated_rows[start:start + step], cols, threshold)

    def _above(self, rows: np.ndarray, cols: np.ndarray, threshold: float):
        if not len(rows) or not len(cols):
            return
        sims = self.block(rows, cols)
        r, c = np.nonzero(sims >= threshold - _EPS)
        keep = rows[r] != cols[c]
        yield rows[r[keep]], cols[c[keep]], sims[r[keep], c[keep]]

    def mean_similarity(self, members: np.ndarray) -> np.ndarray:
        """Each member's mean combined similarity to the others (forbidden pairs count 0)."""
        if len(members) == 1:
            return np.ones(1)
        sims = np.where(np.isneginf(block := self.block(members, members)), 0.0, block)
        np.fill_diagonal(sims, 0.0)
        return np.clip(sims.sum(axis=1) / (len(members) - 1), 0.0, 1.0)


def _vectors(texts: np.ndarray, rows: list[int]) -> csr_matrix:
    """One row per text (empty rows except ``rows``): [√(1−w)·full, √w·lede], each L2-normalised, so
    the dot product of two rows is the weighted mean of the two cosines. Hashed features (2²⁰, no
    vocabulary): a row depends on its own text only, so any subset can be vectorised alone."""
    n = len(texts)
    if not rows:
        return csr_matrix((n, 2 * _HASHER.n_features))
    clean = [texts[i] if isinstance(texts[i], str) else "" for i in rows]
    full = _sublinear(_HASHER.transform(clean))
    lede = _sublinear(_HASHER.transform([" ".join(t.split()[:LEDE_WORDS]) for t in clean]))
    both = hstack([np.sqrt(1 - LEDE_WEIGHT) * full, np.sqrt(LEDE_WEIGHT) * lede]).tocsr()
    # Keep only the columns in use: products with a 2²¹-column matrix convert its transpose at a
    # cost proportional to the width, which made every block 5× slower.
    used, compact = np.unique(both.indices, return_inverse=True)
    both = csr_matrix((both.data, compact.ravel(), both.indptr), shape=(len(rows), max(len(used), 1)))
    scatter = csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(n, len(rows)))
    return (scatter @ both).tocsr()


# Counts of lower-cased words of 2+ letters/digits, English stopwords out; no IDF (module docstring).
_HASHER = HashingVectorizer(stop_words="english", alternate_sign=False, norm=None, n_features=2 ** 20,
                            dtype=np.float64)


def _sublinear(counts: csr_matrix) -> csr_matrix:
    counts = counts.tocsr(copy=True)
    counts.data = 1.0 + np.log(counts.data)
    return normalize(counts)


def _days(dates: pd.Series) -> pd.Series:
    """Days since 1970 as floats, NaN when undated (strings are parsed; unparseable → NaN)."""
    parsed = pd.to_datetime(dates, errors="coerce")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    day = parsed.dt.floor("D")
    out = (day - pd.Timestamp("1970-01-01")).dt.days.astype("float64")
    return out.where(day.notna(), np.nan)


# --- describe -----------------------------------------------------------------------------------

_DESCRIBE_COLUMNS = {"story": "str", "label": "str", "first": "datetime64[us]", "last": "datetime64[us]",
                     "articles": "int64", "outlets": "int64", "outlet_list": "str", "undated": "int64"}
_LABEL_STOPWORDS = sorted(set(ENGLISH_STOP_WORDS) | set(_NEWS_STOPWORDS))
_LABEL_TOKENS = r"(?u)\b[^\W\d_][\w'’-]*[^\W_]\b"   # words of 2+ characters starting with a letter


def describe(assignments: pd.DataFrame, articles: pd.DataFrame, keywords: pd.DataFrame | None = None, *,
             terms: int = 3) -> pd.DataFrame:
    """One row per story, largest first.

    ``assignments`` from ``group`` or ``apply_overrides`` (a non-empty ``name`` replaces the
    label); ``articles`` has id, text, date, outlet; ``keywords`` (article_id, rank, keyphrase, as
    lib.keywords stores them) when given. Returns story, label ('xi jinping · moscow · victory day
    (2025-05-08)': ``terms`` keyphrases, those in the top 10 of most member articles, then by mean
    rank, or else the story's top TF-IDF words and bigrams, plus the date span or 'undated'),
    first, last (dates, NaT when no member is dated), articles, outlets (distinct), outlet_list
    (sorted, '; '-joined), undated (members without a date).
    """
    _require(assignments, {"article_id", "story"}, "assignments")
    _require(articles, {"id", "date", "outlet"}, "articles")
    info = articles.assign(outlet=outlet_names(articles), id=articles["id"].astype("str"))[["id", "date", "outlet"]]
    merged = assignments.astype({"article_id": "str"}).merge(info, left_on="article_id", right_on="id", how="inner")
    if merged.empty:
        return _empty(_DESCRIBE_COLUMNS)
    merged["date"] = pd.to_datetime(merged["date"], errors="coerce")
    stats = (merged.groupby("story", sort=True)
             .agg(first=("date", "min"), last=("date", "max"), articles=("article_id", "size"),
                  outlets=("outlet", "nunique"), undated=("date", lambda d: int(d.isna().sum())),
                  outlet_list=("outlet", lambda o: "; ".join(sorted(set(o)))))
             .reset_index())
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
    return {story: _pick(list(g["keyphrase"]), terms) for story, g in ranked.groupby("story", sort=False)}


def _term_labels(members: pd.DataFrame, articles: pd.DataFrame, terms: int) -> dict[str, list[str]]:
    """Per story, words and bigrams scored by (share of its articles using it) × ln((1+n)/(1+df)),
    df over all n articles given: IDF is the point here (what sets this story apart), and without
    the usual +1 a word every article uses scores 0. A word is shown as the bigram it nearly always
    comes in ('jinping' → 'xi jinping')."""
    text_of = dict(zip(articles["id"].astype("str"), articles["text"]))
    members = members[members["article_id"].isin(text_of)]
    texts = [text_of[a] if isinstance(text_of[a], str) else "" for a in members["article_id"]]
    vectorizer = CountVectorizer(ngram_range=(1, 2), stop_words=_LABEL_STOPWORDS, token_pattern=_LABEL_TOKENS,
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


# --- analyst overrides --------------------------------------------------------------------------

def read_overrides(folder: Path) -> pd.DataFrame:
    """The analyst's ``stories.csv`` in ``folder``: action, article_id, story, target, name (str,
    '' when empty), in file order. A missing file gives an empty frame. A file that cannot be read
    gives an empty frame too, and rows that are not valid (unknown action, a needed field empty)
    are left out; either way ``frame.attrs["problem"]`` says what was wrong (None when nothing was).
    """
    path = Path(folder) / STORIES_FILE
    empty = pd.DataFrame({c: pd.Series(dtype="str") for c in OVERRIDE_COLUMNS})
    empty.attrs["problem"] = None
    if not path.is_file():
        return empty
    try:
        raw = path.read_bytes().decode("utf-8-sig")
        frame = pd.read_csv(io.StringIO(raw), dtype="str", keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        empty.attrs["problem"] = f"{STORIES_FILE} could not be read ({type(exc).__name__}): it is ignored"
        return empty
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if "action" not in frame.columns:
        empty.attrs["problem"] = f"{STORIES_FILE} has no 'action' column: it is ignored"
        return empty
    for column in OVERRIDE_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame[OVERRIDE_COLUMNS].fillna("").astype("str").apply(lambda col: col.str.strip())
    frame["action"] = frame["action"].str.lower()
    bad = [i for i, row in enumerate(frame.itertuples(index=False)) if _row_problem(row._asdict())]
    out = frame.drop(index=frame.index[bad]).reset_index(drop=True)
    out.attrs["problem"] = (f"{STORIES_FILE}: line(s) {', '.join(str(i + 2) for i in bad)} are not valid "
                            f"overrides and are ignored") if bad else None
    return out


def save_overrides(folder: Path, overrides: pd.DataFrame) -> Path:
    """Write ``overrides`` (columns as ``read_overrides`` returns; missing optional ones are left
    empty) to ``folder/stories.csv`` atomically, keeping the previous version as
    ``.stories.csv.previous``. Raises ValueError, writing nothing, when a row has an unknown
    action or lacks a field its action needs. Returns the path written."""
    _require(overrides, {"action"}, "overrides")
    frame = overrides.copy()
    for column in OVERRIDE_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame[OVERRIDE_COLUMNS].fillna("").astype("str").apply(lambda col: col.str.strip())
    frame["action"] = frame["action"].str.lower()
    for i, row in enumerate(frame.itertuples(index=False)):
        if problem := _row_problem(row._asdict()):
            raise ValueError(f"override {i + 1}: {problem}")
    path = Path(folder) / STORIES_FILE
    atomic_write(path, frame.to_csv(index=False, lineterminator="\n").encode("utf-8"), keep_previous=True)
    return path


def _row_problem(row: dict[str, str]) -> str | None:
    action = row.get("action", "")
    if action not in _NEEDS:
        return f"unknown action {action!r} (expected one of {', '.join(ACTIONS)})"
    missing = [f for f in _NEEDS[action] if not row.get(f, "")]
    return f"'{action}' needs {' and '.join(missing)}" if missing else None


def apply_overrides(assignments: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """``assignments`` (from ``group``) with the analyst's overrides applied in order.

    move: article_id → story ``target`` (created when new); merge: every article of ``story`` →
    ``target`` (an existing story); split: article_id into a story of its own (id from the
    article, as ``group`` makes them); rename: ``story`` gets ``name``. An override whose article
    or story is not there (any more) is skipped. Returns the assignment columns plus name (the
    analyst's label or None) and manual (True for articles an override moved; their similarity
    is NaN, as it was not measured), sorted like ``group``'s. ``attrs["skipped"]`` counts the
    skipped overrides; ``override_status`` says which and why.
    """
    out, _ = _apply(assignments, overrides)
    return out


def override_status(assignments: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """The overrides with a status column: 'applied' or 'skipped: <why>' (for the analyst to tidy up
    ``stories.csv``)."""
    _, status = _apply(assignments, overrides)
    return overrides.reset_index(drop=True).assign(status=status)


def _apply(assignments: pd.DataFrame, overrides: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    _require(assignments, {"article_id", "story"}, "assignments")
    out = assignments.copy().reset_index(drop=True).astype({"article_id": "str", "story": "str"})
    story = dict(zip(out["article_id"], out["story"]))
    manual: set[str] = set()
    names: dict[str, str] = {}
    status: list[str] = []
    rows = overrides.fillna("").astype("str").to_dict("records") if overrides is not None else []
    for row in rows:
        row = {k: str(row.get(k, "")).strip() for k in OVERRIDE_COLUMNS}
        action = row["action"].lower()
        if problem := _row_problem({**row, "action": action}):
            status.append(f"skipped: {problem}")
            continue
        present = set(story.values())
        if action in ("move", "split") and row["article_id"] not in story:
            status.append(f"skipped: article {row['article_id']} is not in the corpus")
            continue
        if action in ("merge", "rename") and row["story"] not in present:
            status.append(f"skipped: story {row['story']} does not exist")
            continue
        if action == "merge" and row["target"] not in present:
            status.append(f"skipped: target story {row['target']} does not exist")
            continue
        if action == "move":
            story[row["article_id"]] = row["target"]
            manual.add(row["article_id"])
        elif action == "merge":
            for article_id, s in story.items():
                if s == row["story"]:
                    story[article_id] = row["target"]
                    manual.add(article_id)
        elif action == "split":
            taken = present | set(names) | set(assignments["story"].astype("str"))
            story[row["article_id"]] = _new_id(row["article_id"], taken)
            manual.add(row["article_id"])
        else:
            names[row["story"]] = row["name"]
        status.append("applied")
    out["story"] = out["article_id"].map(story)
    out["manual"] = out["article_id"].isin(manual)
    if "similarity" in out.columns:
        out["similarity"] = out["similarity"].astype("float64").where(~out["manual"], np.nan)
    out["name"] = out["story"].map(names).astype("object").where(out["story"].isin(names), None)
    out = out.sort_values(["story", "article_id"], ignore_index=True)
    out.attrs["skipped"] = sum(s.startswith("skipped") for s in status)
    return out, status


# --- coverage -----------------------------------------------------------------------------------

def coverage(assignments: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per story and outlet, zeros included.

    Returns story, outlet, articles (count, ≥ 0), blindspot (True when the outlet published
    nothing on this story although it is in the corpus with other stories; never for '(unknown
    outlet)'). Every story × every outlet of the articles given; sorted by story, outlet.
    """
    _require(assignments, {"article_id", "story"}, "assignments")
    _require(articles, {"id", "outlet"}, "articles")
    columns = {"story": "str", "outlet": "str", "articles": "int64", "blindspot": "bool"}
    info = pd.DataFrame({"article_id": articles["id"].astype("str"), "outlet": outlet_names(articles)})
    merged = assignments[["article_id", "story"]].astype("str").merge(info, on="article_id", how="inner")
    if merged.empty:
        return _empty(columns)
    counts = merged.groupby(["story", "outlet"]).size()
    full = pd.MultiIndex.from_product([sorted(merged["story"].unique()), sorted(merged["outlet"].unique())],
                                      names=["story", "outlet"])
    out = counts.reindex(full, fill_value=0).rename("articles").reset_index()
    out["blindspot"] = (out["articles"] == 0) & (out["outlet"] != outlet_names(pd.DataFrame({"outlet": [None]}))[0])
    return out.astype(columns)


# --- omissions ----------------------------------------------------------------------------------

_OMISSION_COLUMNS = {"item": "str", "kind": "str", "outlets_with": "str", "outlets_without": "str",
                     "mentions": "int64", "evidence": "str", "evidence_article": "str"}
_KINDS = ("actor", "entity", "term")
_CAP_WORD = r"(?:[A-Z][\w'’.-]*[A-Za-z0-9]|[A-Z])"
_NAME_RUN = re.compile(rf"\b{_CAP_WORD}(?:[ \t]+{_CAP_WORD})*\b")
# Capitalised words that are not names: titles, days, months, and words that open sentences.
_NOT_NAMES = frozenset("""
mr mrs ms dr sen rep gov gen lt col sgt st president vice prime minister secretary senator
representative governor general chancellor king queen prince princess leader director chief judge
justice attorney speaker chairman chairwoman ceo spokesman spokeswoman officials official minister
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december the a an and but or if in on at for to of by with as
it its he she they we i you this that these those his her their our my there here when while after
before since during according read more photo image news advertisement dear
""".split())
_CONTRACTION = re.compile(r"^I[’'](?:m|d|ll|ve)$")
_POSSESSIVE = re.compile(r"[’']s$")
_MINOR_WORDS = frozenset("a an the and or but of in on at to for by with as from vs via".split())
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese|ish|ic|i)$")
_TERM = re.compile(r"\b[A-Za-z][a-z'’-]*[a-z]\b")      # 'Sanctions' opening a sentence is 'sanctions'
_TERM_STOPWORDS = frozenset(ENGLISH_STOP_WORDS) | frozenset(_NEWS_STOPWORDS)


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
        for name, span in _names(text, starts):
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


def _names(text: str, sentence_starts: set[int]):
    headlines = _title_case_lines(text)
    for match in _NAME_RUN.finditer(text):
        if any(a <= match.start() < b for a, b in headlines):
            continue                            # every word of a headline or subhead is capitalised
        words = [(m.group(), match.start() + m.start()) for m in re.finditer(r"\S+", match.group())]
        # Split the run at titles and other non-name words ('Russian President Vladimir Putin'),
        # and after a possessive ("Japan’s World War II" is Japan, then World War II).
        part: list[tuple[str, int]] = []
        for word, pos in words + [("", -1)]:
            bare = word.strip(".’'").casefold().removesuffix("’s").removesuffix("'s")
            if word and bare not in _NOT_NAMES and not _CONTRACTION.match(word):
                part.append((word, pos))
                if not _POSSESSIVE.search(word):
                    continue
            if part:
                yield from _name_part(text, part, sentence_starts)
            part = []


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Lines of 2+ words, most capitalised, not ending like a sentence: headlines and subheads."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        words = re.findall(r"[^\W\d_][\w'’-]*", line.group())
        if len(words) >= 2 and not line.group().rstrip().endswith((".", "?", "!", ":", "”", '"')):
            capitalised = sum(w[0].isupper() for w in words if w.casefold() not in _MINOR_WORDS)
            content = sum(w.casefold() not in _MINOR_WORDS for w in words)
            if content and capitalised / content >= 0.7:
                out.append(line.span())
    return out


def _name_part(text: str, part: list[tuple[str, int]], sentence_starts: set[int]):
    start = part[0][1]
    end = part[-1][1] + len(part[-1][0])
    name = re.sub(r"(?:’s|'s)$", "", text[start:end]).rstrip(".")
    if len(part) == 1:
        # One capitalised word: a name only inside a sentence, and not a nationality word.
        at_start = start in sentence_starts or not text[:start].strip() or text[:start].rstrip()[-1:] in ".!?\"“”"
        if at_start or _DEMONYM.match(name) or len(name) < 2 or name.isupper() and len(name) < 3:
            return
    yield name, (start, end)


def _term_items(arts: pd.DataFrame, name_words: set[str], top_terms: int):
    if top_terms == 0:
        return
    counts: dict[str, dict[str, int]] = {}
    first: dict[str, dict[str, tuple[int, int]]] = {}
    for article_id, text in zip(arts["id"], arts["text"]):
        for match in _TERM.finditer(text):
            word = match.group().lower().replace("’", "'")
            if word in _TERM_STOPWORDS or word in name_words or len(word) < 3:
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
