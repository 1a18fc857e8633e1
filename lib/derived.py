"""Corpus-wide derived tables kept on disk, so a restart reads them instead of recomputing them:
the actors with their labels and mention sentences, and the framing-lexicon matches.

At 100,000 articles finding actors and their labels takes tens of minutes and the framing scan
minutes; reading them back takes well under a second. An entry is keyed by everything it was
computed from: the analysable articles (their content ids, which hash their text), the analyst's
input (the lexicon, actors.csv) and the source of the modules that compute it, so editing the code
or the input can never serve a stale table. A new entry replaces the older one of the same kind.

Layout: ``<cache>/derived/<kind>-<key>/<table>.parquet``; a folder appears by renaming its finished
temporary folder, so a reader never sees half an entry. Everything here is ours to delete.
"""
from __future__ import annotations

import hashlib
import shutil
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from lib import actorlist, framing, text
from lib import actors as actorlib

_TMP = ".tmp"
_LOCKS: defaultdict[tuple[str, str], threading.Lock] = defaultdict(threading.Lock)


def folder(cache: Path) -> Path:
    return Path(cache) / "derived"


def digest(*parts: str | bytes) -> str:
    """A 16-hex key for these parts, in order."""
    h = hashlib.sha1()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
    return h.hexdigest()[:16]


def articles_key(articles: pd.DataFrame) -> str:
    """Key of an (id, text) frame by its content ids, in any order (ids hash the text)."""
    return digest(*sorted(articles["id"].astype(str)))


def _source_key(*modules) -> str:
    # The computing code is part of the key: a changed rule recomputes rather than serves old rows.
    return digest(*(Path(m.__file__).read_bytes() for m in modules))


def load(cache: Path, kind: str, key: str) -> dict[str, pd.DataFrame] | None:
    """The tables stored for (kind, key), or None when there are none or they cannot be read."""
    entry = folder(cache) / f"{kind}-{key}"
    if not entry.is_dir():
        return None
    try:
        return {path.stem: pd.read_parquet(path) for path in sorted(entry.glob("*.parquet"))}
    except (OSError, ValueError):
        return None


def save(cache: Path, kind: str, key: str, tables: dict[str, pd.DataFrame]) -> None:
    """Store the tables atomically and drop older entries of this kind. Failures (a full or
    read-only disk) are ignored: the tables are only a shortcut."""
    base = folder(cache)
    entry = base / f"{kind}-{key}"
    tmp = base / f"{kind}-{key}-{uuid.uuid4().hex[:8]}{_TMP}"
    try:
        tmp.mkdir(parents=True)
        for name, frame in tables.items():
            frame.to_parquet(tmp / f"{name}.parquet", index=False)
        if entry.exists():
            shutil.rmtree(entry, ignore_errors=True)
        tmp.rename(entry)
    except (OSError, ValueError):
        shutil.rmtree(tmp, ignore_errors=True)
        return
    for stale in base.glob(f"{kind}-*"):
        # older entries, and what a writer killed over an hour ago left (a live one is younger)
        if stale != entry and (not stale.name.endswith(_TMP) or _age(stale) > 3600):
            shutil.rmtree(stale, ignore_errors=True)


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def cached(cache: Path | None, kind: str, key: str,
           compute: Callable[[], dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """The stored tables for (kind, key), else ``compute()``'s, stored. ``cache`` None: compute."""
    if cache is None:
        return compute()
    with _LOCKS[(str(cache), kind)]:  # a page and the background job asking together compute once
        found = load(cache, kind, key)
        if found is None:
            found = compute()
            save(cache, kind, key, found)
    return found


def framing_matches(articles: pd.DataFrame, lexicon: pd.DataFrame, cache: Path | None) -> pd.DataFrame:
    """``lib.framing.matches`` of the lexicon in these (id, text) articles, stored."""
    key = digest(articles_key(articles), lexicon.to_csv(index=False), _source_key(framing, text))
    found = cached(cache, "framing", key, lambda: {"matches": framing.matches(articles, lexicon)})
    return found["matches"]


def actor_tables(root: Path, articles: pd.DataFrame,
                 cache: Path | None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(actors, labels, mention sentences) in these (id, text) articles, stored: the analyst's
    actors.csv in ``root`` when present, else the frequent person names ``lib.actors`` finds."""
    listed = actorlist.read_actors(root)
    chosen = "auto" if listed is None else listed.to_csv(index=False)
    key = digest(articles_key(articles), chosen, _source_key(actorlib, actorlist, text))

    def compute() -> dict[str, pd.DataFrame]:
        people = listed if listed is not None else actorlib.find_actors(articles)
        labels, mentions = actorlib.analyse(articles, people)
        return {"actors": people, "labels": labels, "mentions": mentions}

    found = cached(cache, "actors", key, compute)
    return found["actors"], found["labels"], found["mentions"]


def precompute(root: Path, articles: pd.DataFrame, cache: Path,
               progress: Callable[[str], None] | None = None) -> None:
    """Compute and store every derived table of these (id, text) articles that is missing, so the
    dashboard's first visit to a page reads it instead of computing. ``progress(step)`` names each
    step as it starts."""
    lexicon, _ = framing.read_lexicon(root)
    if progress:
        progress("finding framing terms")
    framing_matches(articles, lexicon, cache)
    if progress:
        progress("finding actors and their labels")
    actor_tables(root, articles, cache)
