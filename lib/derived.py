"""Corpus-wide derived tables kept on disk, so a restart reads them instead of recomputing them:
the actors with their labels and mention sentences, the framing-lexicon matches, and how often
each article uses each term (for distinctive terms).

At 100,000 articles finding actors and their labels takes tens of minutes and the framing scan
minutes; reading them back takes well under a second. An entry is keyed by everything it was
computed from: the analysable articles (their content ids, which hash their text), the analyst's
input (the lexicon, actors.csv) and the source of the modules that compute it, so editing the code
or the input can never serve a stale table. A new entry replaces the older one of the same kind.

Layout: ``<cache>/derived/<kind>-<key>/<table>.parquet`` (the term matrix: ``.npy`` arrays); a
folder appears by renaming its finished temporary folder, so a reader never sees half an entry.
Everything here is ours to delete.
"""
from __future__ import annotations

import hashlib
import mmap
import shutil
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

from lib import actorlist, distinctive, framing, text
from lib import actors as actorlib
from lib.frames import plain_ids
from lib.texts import Texts, attach

_TMP = ".tmp"
T = TypeVar("T")
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


def _source_key(*modules) -> str:
    # The computing code is part of the key: a changed rule recomputes rather than serves old rows.
    return digest(*(Path(m.__file__).read_bytes() for m in modules))


def _read_tables(entry: Path) -> dict[str, pd.DataFrame] | None:
    try:
        return {path.stem: pd.read_parquet(path) for path in sorted(entry.glob("*.parquet"))}
    except (OSError, ValueError):
        return None


def _write_tables(into: Path, tables: dict[str, pd.DataFrame]) -> None:
    for name, frame in tables.items():
        frame.to_parquet(into / f"{name}.parquet", index=False)


def _publish(base: Path, entry: Path, write: Callable[[Path], None]) -> None:
    # Written into a temporary folder, then renamed into place; older entries of the kind go.
    kind = entry.name.split("-", 1)[0]
    tmp = base / f"{entry.name}-{uuid.uuid4().hex[:8]}{_TMP}"
    try:
        tmp.mkdir(parents=True)
        write(tmp)
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


def cached(cache: Path | None, kind: str, key: str, compute: Callable[[], T], *,
           read: Callable[[Path], T | None] = _read_tables, write: Callable[[Path, T], None] = _write_tables) -> T:
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
            _publish(folder(cache), entry, lambda tmp: write(tmp, found))
    return found


def framing_matches(articles: pd.DataFrame, lexicon: pd.DataFrame, cache: Path | None,
                    texts: Texts | None = None) -> pd.DataFrame:
    """``lib.framing.matches`` of the lexicon in these articles (id, and text unless ``texts``
    holds it: looked up only when the entry is computed), stored."""
    key = digest(articles_key(articles), lexicon.to_csv(index=False), _source_key(framing, text))
    found = cached(cache, "framing", key, lambda: {"matches": framing.matches(attach(articles, texts), lexicon)})
    return plain_ids(found["matches"])


def term_matrix(articles: pd.DataFrame, cache: Path | None, texts: Texts | None = None) -> distinctive.TermMatrix:
    """``lib.distinctive.article_terms`` of these articles (id, text or ``texts``), stored: three
    NumPy arrays read back memory-mapped (the matrix is ~350 MB at 100k articles), ids and terms
    as Parquet."""
    key = digest(articles_key(articles), _source_key(distinctive))
    return cached(cache, "terms", key, lambda: distinctive.article_terms(attach(articles, texts)),
                  read=_read_matrix, write=_write_matrix)


def _write_matrix(tmp: Path, matrix: distinctive.TermMatrix) -> None:
    counts = matrix.counts
    for name, values in (("data", counts.data), ("indices", counts.indices), ("indptr", counts.indptr)):
        np.save(tmp / f"{name}.npy", values, allow_pickle=False)
    pd.DataFrame({"id": matrix.ids}).to_parquet(tmp / "ids.parquet", index=False)
    pd.DataFrame({"term": matrix.terms}).to_parquet(tmp / "terms.parquet", index=False)
    (tmp / "shape.txt").write_text(f"{counts.shape[0]} {counts.shape[1]} {matrix.ngrams[0]} "
                                  f"{matrix.ngrams[1]} {matrix.min_count}")


def _read_matrix(entry: Path) -> distinctive.TermMatrix | None:
    import scipy.sparse as sp

    try:
        rows, columns, low, high, min_count = (int(v) for v in (entry / "shape.txt").read_text().split())
        data, indices, indptr = (np.load(entry / f"{name}.npy", mmap_mode="r", allow_pickle=False)
                                 for name in ("data", "indices", "indptr"))
        counts = sp.csr_matrix((data, indices, indptr), shape=(rows, columns), copy=False)
        ids = pd.read_parquet(entry / "ids.parquet")["id"].to_numpy(dtype=object)
        terms = pd.read_parquet(entry / "terms.parquet")["term"].to_numpy(dtype=object)
    except (OSError, ValueError):
        return None
    return distinctive.TermMatrix(ids, terms, counts, (low, high), min_count)


def release(matrix: distinctive.TermMatrix) -> None:
    """Hand back the pages of a memory-mapped matrix that a sum has read (up to ~350 MB at 100k
    articles): they stay in the page cache for the next sum, but stop counting in this process's
    memory."""
    for values in (matrix.counts.data, matrix.counts.indices, matrix.counts.indptr):
        while values is not None and not isinstance(values, np.memmap):
            values = getattr(values, "base", None)
        mapped = getattr(values, "_mmap", None)
        if mapped is not None:
            mapped.madvise(mmap.MADV_DONTNEED)


def actor_tables(root: Path, articles: pd.DataFrame, cache: Path | None,
                 texts: Texts | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(actors, labels, mention sentences) in these articles (id, text or ``texts``), stored: the
    analyst's actors.csv in ``root`` when present, else the frequent person names ``lib.actors``
    finds."""
    listed = actorlist.read_actors(root)
    chosen = "auto" if listed is None else listed.to_csv(index=False)
    key = digest(articles_key(articles), chosen, _source_key(actorlib, actorlist, text))

    def compute() -> dict[str, pd.DataFrame]:
        nonlocal articles
        articles = attach(articles, texts)
        people = listed if listed is not None else actorlib.find_actors(articles)
        labels, mentions = actorlib.analyse(articles, people)
        return {"actors": people, "labels": labels, "mentions": mentions}

    found = cached(cache, "actors", key, compute)
    return found["actors"], plain_ids(found["labels"]), plain_ids(found["mentions"])


def precompute(root: Path, articles: pd.DataFrame, cache: Path,
               progress: Callable[[str], None] | None = None, texts: Texts | None = None) -> None:
    """Compute and store every derived table of these articles (id, text or ``texts``) that is
    missing, so the dashboard's first visit to a page reads it instead of computing.
    ``progress(step)`` names each step as it starts."""
    lexicon, _ = framing.read_lexicon(root)
    if progress:
        progress("finding framing terms")
    framing_matches(articles, lexicon, cache, texts)
    if progress:
        progress("counting terms per article")
    term_matrix(articles, cache, texts)
    if progress:
        progress("finding actors and their labels")
    actor_tables(root, articles, cache, texts)
