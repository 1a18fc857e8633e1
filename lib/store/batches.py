"""The analysis store: per-article results on disk, computed once and reused.

Layout: ``<cache>/<key>/batch-<id>/<table>.parquet`` for each of ``TABLES`` and the map's tables
(``lib.analyse.chunk.SCHEMAS``), where ``key`` hashes
the analyser versions and settings (a change of either starts a fresh store) and each batch holds
the results of a few hundred articles, keyed by the article's content id.

Why Parquet batches rather than one DuckDB file: a batch appears by renaming its finished
temporary folder (``lib.store.atomic.publish_folder``), so a reader never sees half a batch, a process killed mid-write leaves only a
``.tmp`` folder that the next writer removes, and readers never take a lock. A batch that cannot be
read (a damaged disk, a truncated file) is moved aside and its articles are analysed again.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from lib.store.atomic import TMP_SUFFIX as _TMP
from lib.store.atomic import atomic_write, publish_folder, set_aside

PROJECT = Path(__file__).resolve().parents[2]


def cache_folder() -> Path:
    """``$FRAMESCOPE_CACHE``, else ``.framescope-cache/`` in the project (git-ignored): everything
    Framescope derives from a corpus, never the corpus itself."""
    return Path(os.environ.get("FRAMESCOPE_CACHE") or PROJECT / ".framescope-cache")


# The tables every batch has and the columns that identify one of their rows. A batch may hold more
# tables (the per-article map's, named by lib.analyse.chunk); their rows are identified by article.
KEYS = {"articles": ["article_id"], "sentences": ["article_id", "sentence"], "keywords": ["article_id", "rank"],
        "frame_sentences": ["article_id", "frame", "sentence"]}
TABLES = tuple(KEYS)
# store path -> (version, ids, any stored twice, the ids of each readable batch in ``batches()`` order)
_DONE: dict[Path, tuple[str, set[str], bool, list[tuple[Path, frozenset[str]]]]] = {}


class Store:
    """The results of one analyser configuration inside a cache folder."""

    def __init__(self, cache: Path, settings: dict):
        self.settings = settings
        self.key = hashlib.sha1(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:12]
        self.path = Path(cache) / self.key
        self.path.mkdir(parents=True, exist_ok=True)
        settings_file = self.path / "settings.json"
        if not settings_file.exists():  # for a human looking at the cache folder
            atomic_write(settings_file, json.dumps(settings, indent=1, sort_keys=True).encode(), keep_previous=False)

    def batches(self) -> list[Path]:
        """Finished batch folders, oldest name first (names are random; order is only stable)."""
        return sorted(p for p in self.path.glob("batch-*") if p.is_dir() and not p.name.endswith(_TMP))

    def version(self) -> str:
        """Changes whenever a batch is added or removed: a cheap cache key for readers."""
        return hashlib.sha1("\n".join(p.name for p in self.batches()).encode()).hexdigest()[:12]

    def done_ids(self) -> set[str]:
        """Content ids of every article with stored results (remembered per store version)."""
        return self._ids()[0]

    def files(self, table: str, ids: set[str]) -> list[Path] | None:
        """The batch files of ``table`` when they hold exactly ``ids`` once each, for a reader of
        the files themselves (DuckDB); None when an id is missing or some article is stored
        twice (then ``load``, which keeps one copy)."""
        done, repeated = self._ids()
        if repeated or not ids <= done:
            return None
        return [batch / f"{table}.parquet" for batch in self.batches()]

    def _ids(self) -> tuple[set[str], bool]:
        return self._index()[:2]

    def _index(self) -> tuple[set[str], bool, list[tuple[Path, frozenset[str]]]]:
        """(every stored id, whether one is stored twice, each batch with its ids), remembered
        per store version: reading a few articles back then opens only the batches holding them."""
        version = self.version()
        remembered = _DONE.get(self.path)
        if remembered and remembered[0] == version:
            return remembered[1:]
        ids: set[str] = set()
        rows, by_batch = 0, []
        for batch in self.batches():
            table = self._read(batch, "articles", columns=["article_id"])
            if table is not None:
                held = frozenset(table.column("article_id").to_pylist())
                by_batch.append((batch, held))
                ids |= held
                rows += len(table)
        _DONE[self.path] = (version, ids, rows != len(ids), by_batch)
        return ids, rows != len(ids), by_batch

    def load(self, ids: set[str] | None = None, *, columns: dict[str, list[str]] | None = None,
             tables: tuple[str, ...] = TABLES, categorical_ids: bool = False) -> dict[str, pd.DataFrame]:
        """The ``tables`` (default: the core ones) as one frame each, restricted to ``ids`` when
        given and to ``columns`` (by table; the key columns are always read). An article stored
        twice (two writers raced) keeps the rows of the first batch that has it.
        ``categorical_ids``: article_id as a pandas Categorical (a map's one row per token: 4
        bytes a row, not a string object each)."""
        parts: dict[str, list[pa.Table]] = {name: [] for name in tables}
        wanted = {name: _with_keys(name, (columns or {}).get(name)) for name in tables}
        seen: set[str] = set()
        for batch, batch_ids in self._index()[2]:
            keep = batch_ids - seen if ids is None else (batch_ids & ids) - seen
            if not keep:
                seen |= batch_ids
                continue
            read = {name: self._read(batch, name, wanted[name]) for name in tables}
            if any(t is None for t in read.values()):  # damaged since: set aside, its articles redone
                continue
            seen |= batch_ids
            if keep != batch_ids:
                mask = pa.array(sorted(keep), type=pa.string())
                read = {name: table.filter(pc.is_in(table.column("article_id"), value_set=mask))
                        for name, table in read.items()}
            for name, table in read.items():
                parts[name].append(table)
        categories = ["article_id"] if categorical_ids else None
        return {name: (pa.concat_tables(parts[name]).to_pandas(categories=categories) if parts[name]
                       else pd.DataFrame(columns=["article_id"])) for name in tables}

    def write(self, tables: dict[str, pa.Table]) -> Path:
        """Add one batch atomically: written into a temporary folder, then renamed into place."""
        batch = self.path / f"batch-{uuid.uuid4().hex[:16]}"

        def write(into: Path) -> None:
            for table_name, table in tables.items():
                pq.write_table(table, into / f"{table_name}.parquet", compression="zstd")

        publish_folder(batch, write)
        return batch

    @contextlib.contextmanager
    def writing(self):
        """Exclusive right to analyse into this store, across processes (CLI and dashboard).
        Leftovers of a writer that was killed are removed once the lock is held."""
        with open(self.path / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                for stale in self.path.glob(f"batch-*{_TMP}"):
                    shutil.rmtree(stale, ignore_errors=True)
                yield self
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _read(self, batch: Path, name: str, columns: list[str] | None = None) -> pa.Table | None:
        try:
            return pq.read_table(batch / f"{name}.parquet", columns=columns)
        except (OSError, pa.ArrowException):
            self._quarantine(batch)
            return None

    def _quarantine(self, batch: Path) -> None:
        # A damaged batch is ours, not the analyst's: move it aside so its articles are redone.
        set_aside(batch, ".damaged")


def _with_keys(name: str, columns: list[str] | None) -> list[str] | None:
    if columns is None:
        return None
    return list(dict.fromkeys([*KEYS.get(name, ["article_id"]), *columns]))
