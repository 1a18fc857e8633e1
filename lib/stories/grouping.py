"""Grouping articles into stories: ``group`` clusters them from text similarity and date proximity.

Similarity
    Each article is a vector of sublinear term frequencies (``1 + log tf``) of its clean text:
    lower-cased words of two or more letters or digits, scikit-learn's English stopwords removed,
    hashed into 2²⁰ features (``lib.stories.hashing``, scikit-learn's ``HashingVectorizer`` without
    importing it: there is no vocabulary to fit) and
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

Undated articles left alone
    The discount alone leaves many undated articles in stories of their own although their text
    plainly reports a dated story (ABP: 86% of undated articles alone against 53% of dated ones).
    So, after the clustering, each story this run made of undated articles only (usually one)
    joins the story its members are most similar to by text alone, undiscounted (mean over all
    pairs, as average linkage counts): when that mean is at least ``threshold`` and at least
    ``UNDATED_MARGIN`` above the next best story. The margin is what the date would have said: a
    topic covered week after week matches several stories, and then the article stays alone.
    Measured (``bench/story_grouping.py``): BASIL with one article per event made undated 0.871 →
    0.951 ARI; margin chosen on half of the events, other half 0.867 → 0.967; ABP undated left alone
    86% → 76% (dated 53% → 52%). Such a story is judged against the others as they stand, never against
    another undated-only story, so the order does not matter; its members' ``similarity`` stays the
    discounted one.

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
    the result equalled the rebuild every time). Only the undated-only stories made in this run
    move into another story (any story, old or new): an earlier run's story of one undated article
    keeps it even when a new dated article would now attract it (a rebuild would move it).
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix, csr_matrix, hstack
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

from lib.frames import among
from lib.frames import empty as _empty
from lib.frames import require as _require
from lib.stories import hashing
from lib.stories.hashing import FEATURES

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
# An undated article left alone joins the story its text is most similar to (mean text similarity
# to the members, undiscounted) when that is at least the threshold and beats the next best story
# by this much: on a topic covered week after week, text alone matches several stories.
UNDATED_MARGIN = 0.05

_GROUP_COLUMNS = {"article_id": "str", "story": "str", "undated": "bool", "similarity": "float64"}
_FORBIDDEN = -np.inf
_FAR = 1e9                # distance standing for a forbidden pair: no average can bring it under 1
_EPS = 1e-9               # float slack between the sparse candidate test and the dense linkage
_CELLS = 4_000_000        # dense cells per block (32 MB of float64)
MAX_LINKAGE = 5_000       # members per dense average linkage: 5,000² distances are 200 MB


def group(articles: pd.DataFrame, *, previous: pd.DataFrame | None = None, threshold: float = THRESHOLD,
          max_days: int = MAX_DAYS, undated_margin: float | None = UNDATED_MARGIN,
          counts: pd.DataFrame | Callable[[list[str]], pd.DataFrame] | None = None) -> pd.DataFrame:
    """Cluster articles into stories from text similarity and date proximity (module docstring).

    ``articles`` has id (unique), text (clean), date (datetime64 or NaT); other columns are
    ignored. ``previous`` (article_id, story) is an earlier run's assignment: those articles keep
    their story and only the others are placed. ``threshold`` is the mean combined similarity
    (0..1) two groups need to merge; ``max_days`` the widest gap between two dated articles of
    one story; ``undated_margin`` (≥ 0, or None to leave them alone) how much
    better than the next best story an undated article left alone must match a story to join it
    (module docstring, Undated articles left alone). ``counts``: the articles' stored word counts
    (``lib.stories.vectors``), or what gives those of a list of ids (only the articles that need a
    vector are asked for: on a later run, the new ones and the stories they can join); with them
    no text is read (the text column may be absent).

    Returns article_id, story (stable id such as ``'s-a0fa8094'``), undated (True when the article
    has no date, so it was placed by text alone), similarity (0..1: its mean combined similarity
    to the other members of its story, date discounts included; 1.0 for a story of one). Sorted by
    story, then article_id; the same input in any row order gives the same frame.
    """
    _require(articles, {"id", "date"} if counts is not None else {"id", "text", "date"}, "articles")
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")
    if max_days < 0:
        raise ValueError("max_days must be ≥ 0")
    if undated_margin is not None and undated_margin < 0:
        raise ValueError("undated_margin must be ≥ 0")
    ids = articles["id"].astype("str")
    if ids.isna().any() or ids.duplicated().any():
        raise ValueError("article ids must be present and unique")
    if articles.empty:
        return _empty(_GROUP_COLUMNS)
    order = np.argsort(ids.to_numpy(dtype=object), kind="stable")
    ids = ids.to_numpy(dtype=object)[order]
    texts = articles["text"].to_numpy(dtype=object)[order] if counts is None else None
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
    if counts is None:
        vectors = _vectors(texts, need)
    else:
        from lib.stories.vectors import from_counts

        vectors = from_counts(counts, ids, need)
    space = _Space(vectors, days, max_days)
    touched = _join_existing(space, new, {k: stories[k] for k in candidates}, story_id, threshold)
    placed = {m for k in touched for m in stories[k]}
    new = np.array([i for i in new.tolist() if i not in placed], dtype=int)
    created: set[int] = set()
    for members in _cluster(space, new, threshold):
        key = members[0]
        stories[key] = members
        story_id[key] = _new_id(ids[key], taken)
        taken.add(story_id[key])
        touched.add(key)
        created.add(key)
    if undated_margin is not None:
        moves = _rescue_undated(space, stories, created, threshold, undated_margin)
        touched = (touched - set(moves)) | set(moves.values())

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
    prev = prev[among(prev["article_id"], present)]
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


def _rescue_undated(space: _Space, stories: dict[int, list[int]], created: set[int], threshold: float,
                    margin: float) -> dict[int, int]:
    """Merge each story this run made of undated articles only into the story its text is most
    similar to: the mean text similarity (undiscounted) of its members to that story's members must
    be at least ``threshold`` and beat every other story's by ``margin``. Each is judged against the
    other stories as they stand before any of them moves (so the order does not matter), never
    against another such story. ``stories`` is changed in place (a target keeps its key even when
    the newcomers have smaller ids); returns merged story key → the key of the story it joined."""
    def undated_only(key: int) -> bool:
        return bool(np.isnan(space.days[stories[key]]).all())

    movable = sorted(k for k in created if undated_only(k))
    targets = {k: ms for k, ms in stories.items() if k not in set(movable)}
    if not movable or not targets:
        return {}
    owner = np.full(len(space.days), -1)
    for key, members in targets.items():
        owner[members] = key
    existing = np.flatnonzero(owner >= 0)
    keys = sorted(targets)
    column = {k: j for j, k in enumerate(keys)}
    # member → story indicator scaled by 1/size: text similarities @ it = mean similarity per story
    share = csr_matrix((1.0 / np.array([len(targets[owner[m]]) for m in existing]),
                        (np.arange(len(existing)), [column[owner[m]] for m in existing])),
                       shape=(len(existing), len(keys)))
    # Every movable member against every target member once, a few movable stories at a time
    # (their means per target story, movable × targets, would be GBs at once), averaged per story.
    columns = space.columns(existing)
    step = max(1, _CELLS // max(len(existing), 1))
    moves: dict[int, int] = {}
    for key, means in _story_means(space, stories, movable, columns, share, step):
        order = np.lexsort((np.arange(len(keys)), -means))   # best first; ties: the earlier story
        best = means[order[0]]
        second = means[order[1]] if len(keys) > 1 else -np.inf
        if best >= threshold - _EPS and best - second >= margin - _EPS:
            moves[key] = keys[order[0]]
    for key, target in moves.items():
        stories[target] = sorted(stories[target] + stories.pop(key))
    return moves


def _story_means(space: _Space, stories: dict[int, list[int]], movable: list[int], columns: csr_matrix,
                 share: csr_matrix, step: int):
    """(key, mean text similarity to each target story) of each movable story, in order, computed
    for about ``step`` members at a time (a story's members always together)."""
    at = 0
    while at < len(movable):
        keys, size = [], 0
        while at < len(movable) and (not keys or size + len(stories[movable[at]]) <= step):
            keys.append(movable[at])
            size += len(stories[movable[at]])
            at += 1
        members = np.concatenate([stories[k] for k in keys])
        per_member = np.clip((space.vectors[members] @ columns).toarray(), 0.0, 1.0) @ share
        starts = np.cumsum([0] + [len(stories[k]) for k in keys[:-1]])
        sizes = np.array([len(stories[k]) for k in keys], dtype=float)
        yield from zip(keys, np.add.reduceat(per_member, starts, axis=0) / sizes[:, None])


def _cluster(space: _Space, subset: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage clusters of ``subset`` (indices), each a sorted list, sorted by first member."""
    if not len(subset):
        return []
    rows, cols = [], []
    for r, c, _ in space.pairs(subset, subset, threshold, symmetric=True):
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
    distance = space.block(members, members)
    np.subtract(1.0, distance, out=distance)
    distance[np.isinf(distance)] = _FAR
    np.fill_diagonal(distance, 0.0)
    np.maximum(distance, 0.0, out=distance)
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

    def block(self, rows: np.ndarray, cols: np.ndarray, transposed: csr_matrix | None = None) -> np.ndarray:
        """Dense combined similarity, rows × cols; −inf for pairs more than max_days apart.
        ``transposed``: ``columns(cols)``, when many blocks share these cols."""
        text = (self.vectors[rows] @ (self.columns(cols) if transposed is None else transposed)).toarray()
        # In place, two dense arrays at a time: a 5,000-member linkage block is 200 MB per array,
        # and the seven temporaries of the plain expression peaked at 2 GB more at 100k articles.
        gap = np.abs(self.days[rows][:, None] - self.days[cols][None, :])
        forbidden, undated = gap > self.max_days, np.isnan(gap)
        np.minimum(gap, self.max_days, out=gap)
        gap *= DAY_DISCOUNT
        gap /= max(self.max_days, 1)
        weight = np.subtract(1.0, gap, out=gap)
        weight[undated] = UNDATED_WEIGHT
        np.clip(text, 0.0, 1.0, out=text)
        text *= weight
        text[forbidden] = _FORBIDDEN
        return text

    def columns(self, cols: np.ndarray) -> csr_matrix:
        """The vectors of ``cols`` as the right-hand side of a product: transposed, in CSR. A
        transposed CSR is CSC, which scipy converts to CSR on every product: at 100,000 articles
        that conversion of the same columns again and again was a third of the grouping's time."""
        return self.vectors[cols].T.tocsr()

    def pairs(self, rows: np.ndarray, cols: np.ndarray, threshold: float, *, symmetric: bool = False):
        """Yield (row indices, col indices, similarity) of pairs with combined similarity ≥ threshold,
        computing only blocks that can hold such a pair (dated rows: cols within the date window).
        ``symmetric``: rows and cols are one set and a pair is wanted in one direction only, so a
        dated row is not compared with the undated cols (each undated row meets every col): at
        100,000 articles with 9% undated that halves the undated pairs, most of the grouping's cost."""
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
            against = dated_cols[lo:hi] if symmetric and len(undated_rows) else \
                np.concatenate([dated_cols[lo:hi], undated_cols])
            yield from self._above(chunk, against, threshold)
        if len(undated_rows) and len(cols):
            step = max(1, _CELLS // max(len(cols), 1))
            transposed = self.columns(cols)
            for start in range(0, len(undated_rows), step):
                yield from self._above(undated_rows[start:start + step], cols, threshold, transposed)

    def _above(self, rows: np.ndarray, cols: np.ndarray, threshold: float, transposed: csr_matrix | None = None):
        if not len(rows) or not len(cols):
            return
        sims = self.block(rows, cols, transposed)
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
        return csr_matrix((n, 2 * FEATURES))
    clean = [texts[i] if isinstance(texts[i], str) else "" for i in rows]
    full = _sublinear(hashing.counts(clean))
    lede = _sublinear(hashing.counts([" ".join(t.split()[:LEDE_WORDS]) for t in clean]))
    both = hstack([np.sqrt(1 - LEDE_WEIGHT) * full, np.sqrt(LEDE_WEIGHT) * lede]).tocsr()
    return _compact(both, rows, n)


def _compact(both: csr_matrix, rows: list[int], n: int) -> csr_matrix:
    """The vectors of ``rows`` placed in an n-row matrix, only the columns in use kept (in their
    order): products with a 2²¹-column matrix convert its transpose at a cost proportional to the
    width, which made every block 5× slower."""
    used = np.zeros(both.shape[1] + 1, dtype=bool)
    used[both.indices] = True
    renumber = np.cumsum(used, dtype=np.int64) - 1    # column → its rank among the used ones
    width = max(int(used.sum()), 1)
    both = csr_matrix((both.data, renumber[both.indices].astype(np.int32), both.indptr), shape=(len(rows), width))
    if len(rows) == n and np.array_equal(rows, np.arange(n)):
        return both    # every row, in order (a first run): no scatter, no copy
    scatter = csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(n, len(rows)))
    return (scatter @ both).tocsr()


def _sublinear(counts: csr_matrix) -> csr_matrix:
    """1 + ln(count), each row scaled to unit length (an empty row stays empty)."""
    counts = counts.tocsr(copy=True)
    counts.data = 1.0 + np.log(counts.data)
    lengths = np.diff(counts.indptr)
    filled = lengths > 0
    squares = np.ones(counts.shape[0])
    if counts.nnz:
        squares[filled] = np.add.reduceat(counts.data ** 2, counts.indptr[:-1][filled])
    counts.data /= np.repeat(np.sqrt(squares), lengths)
    return counts


def _days(dates: pd.Series) -> pd.Series:
    """Days since 1970 as floats, NaN when undated (strings are parsed; unparseable → NaN)."""
    parsed = pd.to_datetime(dates, errors="coerce")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    day = parsed.dt.floor("D")
    out = (day - pd.Timestamp("1970-01-01")).dt.days.astype("float64")
    return out.where(day.notna(), np.nan)
