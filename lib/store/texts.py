"""Article texts kept out of the Python heap, looked up by content id.

As Python strings the cleaned texts of 100,000 articles take ~1 GB, as much as everything else the
dashboard holds, and most pages never read them. With a cache folder they are written once per
corpus version to ``<cache>/texts/`` (the UTF-8 texts one after another, and an index of where
each starts) and each text is read back with one ``pread`` when a page needs it: the Reader's
article, the concordance's search, a story's articles. Not memory-mapped on purpose: a page fault
on a mapped file maps up to 2 MB around it, so reading 300 scattered texts added 300 MB to the
process. Frames carry ids; a function that needs the text gets it with ``attach``.
"""
from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from lib.store import atomic

_TMP_PREFIX = ".texts-"
_BATCH = 256  # texts turned into Python strings at a time by iter()


class Texts:
    """Texts by article id (the first text wins when an id repeats); "" for an id it lacks."""

    def __init__(self, ids: list[str], starts: np.ndarray, lengths: np.ndarray, read: Callable[[int, int], bytes]):
        located = pd.DataFrame({"start": np.asarray(starts, dtype="int64"), "length": np.asarray(lengths, dtype="int64")},
                               index=pd.Index(list(ids), dtype=object))
        self._located = located[~located.index.duplicated()]
        self._read = read  # (start, length) -> the UTF-8 bytes

    @classmethod
    def from_pairs(cls, ids: Iterable[str], texts: Iterable[str]) -> Texts:
        """Texts held in memory (no cache folder)."""
        writer = Writer(None)
        writer.add(list(ids), list(texts))
        return writer.finish()

    def __len__(self) -> int:
        return len(self._located)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._located.index

    def get(self, article_id: str) -> str:
        """The text of one article ("" when unknown)."""
        return self.of([article_id])[0]

    def of(self, ids: Iterable[str]) -> list[str]:
        """The texts of these ids as Python strings, in order ("" when unknown)."""
        found = self._located.reindex(pd.Index(list(ids), dtype=object))
        return [self._read(int(start), int(length)).decode("utf-8", "surrogatepass") if start == start else ""
                for start, length in zip(found["start"].to_numpy(), found["length"].to_numpy())]

    def iter(self, ids: Iterable[str]) -> Iterator[str]:
        """The texts of these ids one at a time, read ``_BATCH`` at once: scanning a whole corpus
        never holds all of it as Python strings."""
        ids = list(ids)
        for at in range(0, len(ids), _BATCH):
            yield from self.of(ids[at:at + _BATCH])

    def attach(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` (with an ``id`` column) with a ``text`` column: its own when it has one."""
        if "text" in frame.columns:
            return frame
        return frame.assign(text=pd.Series(self.of(frame["id"]), index=frame.index, dtype=object))

    def overlaid(self, extra: dict[str, str]) -> Texts:
        """These texts and ``extra`` ({id: text}, held in memory) together; ``extra`` wins."""
        return _Overlaid(self, extra) if extra else self


class _Overlaid(Texts):
    """Texts on disk (or in memory) with a few more held as Python strings: the texts cleaning
    changed after the files were read (learnt boilerplate, lib.load.repeats)."""

    def __init__(self, base: Texts, extra: dict[str, str]):
        self._base, self._extra = base, extra
        self._located = base._located  # never read here: of() asks the base for what it lacks

    def __len__(self) -> int:
        return len(self._base) + sum(1 for article_id in self._extra if article_id not in self._base)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._extra or article_id in self._base

    def of(self, ids: Iterable[str]) -> list[str]:
        ids = list(ids)
        from_base = iter(self._base.of([i for i in ids if i not in self._extra]))
        return [self._extra[i] if i in self._extra else next(from_base) for i in ids]


def attach(frame: pd.DataFrame, texts: Texts | None) -> pd.DataFrame:
    """``frame`` with its text column, looked up in ``texts`` when it has none."""
    if "text" in frame.columns:
        return frame
    if texts is None:
        raise ValueError("these articles carry no text and no Texts were given to look it up")
    return texts.attach(frame)


# --- on disk -----------------------------------------------------------------------------------

def path(cache: Path, root: Path, version: str) -> Path:
    """Where the texts of corpus folder ``root`` at ``version`` (its fingerprint) are kept: this
    file holds the texts, ``<path>.index`` where each one is."""
    return Path(cache) / "texts" / f"{_root_key(root)}-{version}.txt"


def open_file(file: Path) -> Texts | None:
    """The texts written at ``file``; None when it (or its index) is missing or unreadable."""
    file = Path(file)
    try:
        index = pd.read_parquet(_index_of(file))
        handle = open(file, "rb")  # noqa: SIM115 - held for the Texts' life, closed with it
    except (OSError, ValueError):
        return None
    fd = handle.fileno()

    def read(start: int, length: int) -> bytes:
        _ = handle  # keeps the file open as long as the Texts reads it
        return os.pread(fd, length, start)

    return Texts(index["id"].tolist(), index["start"].to_numpy(), index["length"].to_numpy(), read)


def latest(cache: Path, root: Path, *, besides: Path | None = None) -> Texts | None:
    """The newest texts kept for corpus folder ``root`` at another version than ``besides``
    (a corpus that changed reads its unchanged articles' texts from there): None when none."""
    folder = Path(cache) / "texts"
    try:
        found = [(f.stat().st_mtime_ns, f) for f in folder.glob(f"{_root_key(root)}-*.txt")
                 if f != besides and _index_of(f).exists()]
    except OSError:
        return None
    for _, file in sorted(found, reverse=True):
        if (texts := open_file(file)) is not None:
            return texts
    return None


class Writer:
    """Collects (id, text) pairs into a ``file`` (None: in memory), written atomically: texts
    first, then the index, each renamed into place; a reader finds both or no index."""

    def __init__(self, file: Path | None):
        self._file, self._ids, self._starts, self._lengths, self._at = file, [], [], [], 0
        self._sink, self._tmp = io.BytesIO(), None
        if file is not None:
            try:
                self._sink, self._tmp = atomic.open_temporary(Path(file).parent, prefix=_TMP_PREFIX)
            except OSError:  # an unwritable cache: keep them in memory
                self._file = None

    def add(self, ids: list[str], texts: list[str]) -> None:
        for article_id, body in zip(ids, texts):
            data = (body or "").encode("utf-8", "surrogatepass")
            self._sink.write(data)
            self._ids.append(article_id)
            self._starts.append(self._at)
            self._lengths.append(len(data))
            self._at += len(data)

    def finish(self) -> Texts:
        index = pd.DataFrame({"id": pd.Series(self._ids, dtype=object), "start": np.array(self._starts, dtype="int64"),
                              "length": np.array(self._lengths, dtype="int64")})
        if self._file is not None and (kept := self._publish(index)) is not None:
            return kept
        data = self._memory()
        return Texts(self._ids, index["start"].to_numpy(), index["length"].to_numpy(),
                     lambda start, length: data[start:start + length])

    def _publish(self, index: pd.DataFrame) -> Texts | None:
        file = Path(self._file)
        try:
            self._sink.close()
            atomic.publish_file(self._tmp, file)
            atomic.write_file(_index_of(file), lambda tmp: index.to_parquet(tmp, index=False), prefix=_TMP_PREFIX)
        except (OSError, ValueError):
            return None
        prefix = file.name.split("-", 1)[0]
        for older in file.parent.glob(f"{prefix}-*"):
            if older.name not in (file.name, _index_of(file).name):
                older.unlink(missing_ok=True)  # a process still reading it keeps its open file
        atomic.remove_stale(file.parent, f"{_TMP_PREFIX}*{atomic.TMP_SUFFIX}")  # left by writers killed midway
        return open_file(file)

    def _memory(self) -> bytes:
        if isinstance(self._sink, io.BytesIO):
            return self._sink.getvalue()
        self._sink.close()  # written to disk but not published: read it back whole
        data = Path(self._tmp).read_bytes()
        Path(self._tmp).unlink(missing_ok=True)
        return data


def _index_of(file: Path) -> Path:
    return Path(file).with_name(Path(file).name + ".index")


def _root_key(root: Path) -> str:
    return hashlib.sha1(str(Path(root).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:12]
