"""Story assignments remembered between runs, so new files join stories without reshuffling.

Kept in the cache folder (one Parquet file per corpus folder), not with the corpus: it is derived
data. The analyst's own decisions (merge, split, rename, move) live in the corpus's stories.csv.
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd

from lib.frames import plain_ids
from lib.fsutil import atomic_write
from lib.texts import Texts, attach

COLUMNS = ["article_id", "story"]
STORY_IDS = ("article_id", "story")  # as Python strings: pages test them with isin (lib.frames.plain_ids)


def _path(cache: Path, root: Path) -> Path:
    key = hashlib.sha1(str(Path(root).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return Path(cache) / "stories" / f"{key}.parquet"


def load(cache: Path, root: Path) -> pd.DataFrame | None:
    """The last saved assignments for this corpus folder, or None (first run, or unreadable)."""
    try:
        frame = pd.read_parquet(_path(cache, root))
    except (OSError, ValueError):
        return None
    return frame[COLUMNS] if set(COLUMNS) <= set(frame.columns) else None


def save(cache: Path, root: Path, assignments: pd.DataFrame) -> None:
    """Remember assignments atomically; failures are ignored (this only preserves stability)."""
    buffer = io.BytesIO()
    try:
        assignments[COLUMNS].to_parquet(buffer, index=False)
        atomic_write(_path(cache, root), buffer.getvalue(), keep_previous=False)
    except (OSError, ValueError):
        return


# Below this many articles, labels come from the stories' own distinctive words (sharper, and the
# cost is small); above it from the stored YAKE keyphrases (describe without them counts every
# word of the corpus: ~10 s on 3,915 articles).
TFIDF_LABELS_UP_TO = 1000


def stories_for(root: Path, articles: pd.DataFrame, cache: Path,
                keywords: pd.DataFrame | None = None, *, fingerprint: str | None = None,
                texts: Texts | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus's stories: earlier assignments kept, new articles joined, the analyst's
    stories.csv applied. Returns (assignments: article_id, story, undated, similarity, manual,
    name; described: one row per story from lib.stories.describe, plus name (the analyst's, or
    missing) and shown (that name, else the automatic label)). With the corpus ``fingerprint``
    the result is also kept on disk, so a restart with nothing changed skips the grouping. The
    articles' text comes from their ``text`` column, else from ``texts``."""
    if fingerprint and (kept := _load_result(cache, root, fingerprint)) is not None:
        return plain_ids(kept[0], STORY_IDS), plain_ids(kept[1], STORY_IDS)
    from lib import stories  # scikit-learn takes ~1 s to import: only when grouping


    unique = attach(articles.drop_duplicates("id"), texts)
    previous = load(cache, root)
    if previous is not None:
        previous = previous[previous["article_id"].isin(unique["id"])]
    assigned = stories.group(unique, previous=previous)
    save(cache, root, assigned)
    final = stories.apply_overrides(assigned, stories.read_overrides(root))
    use_keywords = keywords is not None and len(unique) > TFIDF_LABELS_UP_TO
    described = stories.describe(final, unique, keywords if use_keywords else None)
    names = final.dropna(subset=["name"]).drop_duplicates("story").set_index("story")["name"] \
        if "name" in final else pd.Series(dtype=str)
    named = described["story"].map(names)
    shown = [n if isinstance(n, str) and n else label for n, label in zip(named, described["label"])]
    result = final, described.assign(name=named.astype("str"), shown=shown)
    if fingerprint:
        _save_result(cache, root, fingerprint, result)
    return plain_ids(result[0], STORY_IDS), plain_ids(result[1], STORY_IDS)


def _result_paths(cache: Path, root: Path, fingerprint: str) -> tuple[Path, Path]:
    base = _path(cache, root)
    return (base.with_name(f"{base.stem}-{fingerprint}-assignments.parquet"),
            base.with_name(f"{base.stem}-{fingerprint}-described.parquet"))


def _load_result(cache: Path, root: Path, fingerprint: str) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    try:
        return tuple(pd.read_parquet(p) for p in _result_paths(cache, root, fingerprint))
    except (OSError, ValueError):
        return None


def _save_result(cache: Path, root: Path, fingerprint: str, result: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    paths = _result_paths(cache, root, fingerprint)
    for stale in paths[0].parent.glob(f"{_path(cache, root).stem}-*-*.parquet"):
        if stale not in paths:
            stale.unlink(missing_ok=True)  # our own derived files for older corpus versions
    for frame, path in zip(result, paths):
        buffer = io.BytesIO()
        try:
            frame.to_parquet(buffer, index=False)
            atomic_write(path, buffer.getvalue(), keep_previous=False)
        except (OSError, ValueError):
            return
