"""Corpus-wide derived tables kept on disk, so a restart reads them instead of recomputing them.

At 100,000 articles finding actors and their labels takes tens of minutes and the framing scan
minutes; reading them back takes well under a second. An entry is keyed by everything it was
computed from: the analysable articles (their content ids, which hash their text), the analyst's
input (the lexicon, actors.csv) and the source of the modules that compute it, so editing the code
or the input can never serve a stale table. A new entry replaces the older one of the same kind.
What the entries hold is decided by the caller (``lib.pipeline``); this module only keeps them.

Layout: ``<cache>/derived/<kind>-<key>/<table>.parquet`` (or whatever ``write`` puts there); a
folder appears by renaming its finished temporary folder, so a reader never sees half an entry.
Everything here is ours to delete.
"""
from __future__ import annotations

import hashlib
import shutil
import threading
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TypeVar

import pandas as pd

from lib.store.atomic import TMP_SUFFIX, publish_folder, remove_stale

T = TypeVar("T")
# A corpus-level decision found in some articles (the suggested sets, the actor list found in the
# corpus) is kept while the corpus changes little: finding it again costs the most, and one file
# more or less seldom changes it. Meanwhile new articles are only counted against it.
REFRESH_SHARE = 0.10  # found again once this share of the articles it was found in was added or removed
ALWAYS_REFRESH = 200  # in a corpus smaller than this it is found again on every change (it is cheap)
_LOCKS: defaultdict[tuple[str, str], threading.Lock] = defaultdict(threading.Lock)


def folder(cache: Path) -> Path:
    return Path(cache) / "derived"


def digest(*parts: str | bytes) -> str:
    """A 16-hex key for these parts, in order."""
    # One update of the parts joined, each followed by a NUL: the same key as feeding them one by
    # one, in a third of the time for the 100k ids of a corpus.
    joined = b"".join((part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape")) + b"\0"
                      for part in parts)
    return hashlib.sha1(joined).hexdigest()[:16]


def articles_key(articles: pd.DataFrame) -> str:
    """Key of an articles frame by its content ids, in any order (ids hash the text)."""
    return digest(*sorted(map(str, articles["id"].to_numpy(dtype=object))))


def still_fresh(found_in: frozenset[str], ids) -> bool:
    """Whether a corpus-level decision found in the articles ``found_in`` still holds for the
    corpus ``ids``: ``found_in`` had ``ALWAYS_REFRESH`` articles or more, and at most
    ``REFRESH_SHARE`` of that many were added or removed since."""
    if len(found_in) < ALWAYS_REFRESH:
        return False
    now = set(map(str, ids))
    return len(now - found_in) + len(found_in - now) <= REFRESH_SHARE * len(found_in)


def source_key(*modules: ModuleType) -> str:
    """Key of the source code of these modules; a package counts with every module in it.
    The computing code is part of an entry's key: a changed rule recomputes rather than serves
    old rows."""
    files: list[Path] = []
    for module in modules:
        path = Path(module.__file__)
        files += sorted(path.parent.rglob("*.py")) if path.name == "__init__.py" else [path]
    return digest(*(f.read_bytes() for f in files))


def read_tables(entry: Path) -> dict[str, pd.DataFrame] | None:
    """Every ``<table>.parquet`` of an entry as a frame by name; None when one cannot be read."""
    try:
        return {path.stem: pd.read_parquet(path) for path in sorted(entry.glob("*.parquet"))}
    except (OSError, ValueError):
        return None


def write_tables(into: Path, tables: dict[str, pd.DataFrame]) -> None:
    for name, frame in tables.items():
        frame.to_parquet(into / f"{name}.parquet", index=False)


def cached(cache: Path | None, kind: str, key: str, compute: Callable[[], T], *,
           read: Callable[[Path], T | None] = read_tables, write: Callable[[Path, T], None] = write_tables) -> T:
    """The entry stored for (kind, key), else ``compute()``'s, stored. ``read(folder)`` gives it
    back (None when it cannot), ``write(folder, value)`` puts it in a folder (default: a dict of
    frames as Parquet files). Storing fails quietly (a full or read-only disk): the entry is only
    a shortcut. ``cache`` None: compute."""
    if cache is None:
        return compute()
    entry = folder(cache) / f"{kind}-{key}"
    with _LOCKS[(str(cache), kind)]:  # a page and the background job asking together compute once
        found = read(entry) if entry.is_dir() else None
        if found is None:
            found = compute()
            _publish(entry, lambda tmp: write(tmp, found))
    return found


def latest(cache: Path | None, kind: str, *, read: Callable[[Path], T | None] = read_tables) -> T | None:
    """The newest stored entry of ``kind``, whatever its key, as ``read(folder)`` gives it back
    (default: its tables): what an incremental step starts from (None when there is none or it
    cannot be read)."""
    if cache is None:
        return None
    entries = [p for p in folder(cache).glob(f"{kind}-*") if p.is_dir() and not p.name.endswith(TMP_SUFFIX)]
    for entry in sorted(entries, key=_mtime, reverse=True):
        found = read(entry)
        if found is not None:
            return found
    return None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _publish(entry: Path, write: Callable[[Path], None]) -> None:
    # Older entries of the kind go, and what a writer killed over an hour ago left.
    try:
        publish_folder(entry, write)
    except (OSError, ValueError):
        return
    kind = entry.name.split("-", 1)[0]
    for stale in entry.parent.glob(f"{kind}-*"):
        if stale != entry and not stale.name.endswith(TMP_SUFFIX):
            shutil.rmtree(stale, ignore_errors=True)
    remove_stale(entry.parent, f"{kind}-*{TMP_SUFFIX}")
