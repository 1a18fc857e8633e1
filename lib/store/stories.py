"""Story assignments remembered between runs, so new files join stories without reshuffling, and
the last grouping of each corpus version, so a restart with nothing changed skips it.

Kept in the cache folder (one Parquet file per corpus folder), not with the corpus: it is derived
data. The analyst's own decisions (merge, split, rename, move) live in the corpus's stories.csv.
Grouping itself is ``lib.stories``; ``lib.pipeline.stories_for`` ties the two together.
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd

from lib.store.atomic import atomic_write

COLUMNS = ["article_id", "story"]
# Kept too when known: each article's mean similarity to its story, so a story no new article
# joins keeps it without its members' vectors being built again (at 10,000 articles that was every
# article's vector and every story's similarities, 2.6 s of the 3.5 s a new file cost the grouping).
SIMILARITY = "similarity"
# Bump when lib.stories' grouping rules change: earlier assignments are kept across runs, so
# without a new version old results would outlive the rule (2: undated-only stories placed).
GROUPING_VERSION = 2


def _path(cache: Path, root: Path) -> Path:
    key = hashlib.sha1(f"{Path(root).resolve()}\0{GROUPING_VERSION}".encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return Path(cache) / "stories" / f"{key}.parquet"


def load(cache: Path, root: Path) -> pd.DataFrame | None:
    """The last saved assignments for this corpus folder (COLUMNS, and SIMILARITY when saved), or
    None (first run, or unreadable)."""
    try:
        frame = pd.read_parquet(_path(cache, root))
    except (OSError, ValueError):
        return None
    return frame[_saved(frame)] if set(COLUMNS) <= set(frame.columns) else None


def save(cache: Path, root: Path, assignments: pd.DataFrame) -> None:
    """Remember assignments atomically; failures are ignored (this only preserves stability)."""
    _write(_path(cache, root), assignments[_saved(assignments)])


def _saved(frame: pd.DataFrame) -> list[str]:
    return COLUMNS + ([SIMILARITY] if SIMILARITY in frame.columns else [])


def load_result(cache: Path, root: Path, fingerprint: str) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The (assignments, described) saved for this corpus version, or None."""
    try:
        return tuple(pd.read_parquet(p) for p in _result_paths(cache, root, fingerprint))
    except (OSError, ValueError):
        return None


def save_result(cache: Path, root: Path, fingerprint: str, result: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    """Keep (assignments, described) for this corpus version; older versions' files go."""
    paths = _result_paths(cache, root, fingerprint)
    for stale in paths[0].parent.glob(f"{_path(cache, root).stem}-*-*.parquet"):
        if stale not in paths:
            stale.unlink(missing_ok=True)  # our own derived files for older corpus versions
    for frame, path in zip(result, paths):
        if not _write(path, frame):
            return


def _result_paths(cache: Path, root: Path, fingerprint: str) -> tuple[Path, Path]:
    base = _path(cache, root)
    return (base.with_name(f"{base.stem}-{fingerprint}-assignments.parquet"),
            base.with_name(f"{base.stem}-{fingerprint}-described.parquet"))


def _write(path: Path, frame: pd.DataFrame) -> bool:
    buffer = io.BytesIO()
    try:
        frame.to_parquet(buffer, index=False)
        atomic_write(path, buffer.getvalue(), keep_previous=False)
    except (OSError, ValueError):
        return False
    return True
