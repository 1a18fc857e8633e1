"""Noticing, every few seconds, that files were added to, changed in or removed from a corpus folder.

A full look at the folder (``files.walk``: one stat per file) costs ~25 ms per 1,000 files, 2.5 s
at 100,000: too much to repeat every two seconds. So a ``FolderWatch`` stats only the folders on
every check (a file added, removed or renamed changes its folder's modification time), and walks
the whole folder (which also catches a file rewritten in place) at most every ``interval``
seconds: never more often than ``min_seconds``, and rarely enough that walking takes at most
``budget`` of the time (a tenth of one core by default).
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lib.load import files
from lib.load.corpus import fingerprint as folder_fingerprint


@dataclass(frozen=True)
class Changes:
    """How a folder differs from the files a corpus was read from (counts of files)."""

    added: int = 0
    changed: int = 0
    removed: int = 0

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def describe(self) -> str:
        """``"2 new files, 1 changed file"``; ``"metadata files changed"`` when no article file did
        (sources.csv or outlets.csv were edited)."""
        parts = [_count(self.added, "new file"), _count(self.changed, "changed file"),
                 _count(self.removed, "removed file")]
        return ", ".join(p for p in parts if p) or "metadata files changed"


@dataclass(frozen=True)
class Pending:
    """A change of the folder that a page has seen but not shown yet."""

    fingerprint: str   # the folder's fingerprint at the last check
    first_seen: float  # when the first change not shown yet was seen (clock seconds)


def reread(pending: Pending | None, *, shown: str, seen: str, now: float,
           max_wait: float = 10.0) -> tuple[bool, Pending | None]:
    """Whether a page showing the folder at fingerprint ``shown`` should read it again, now that a
    check found it at ``seen``: once the folder is the same on two checks in a row (a copy of many
    files has finished), or ``max_wait`` seconds after the first change seen if files keep coming.
    Rereading after every file of a long copy would keep every open page busy and never drawn.

    Returns (read it again now, what to remember for the next check).
    """
    if seen == shown:
        return False, None
    if pending is None:
        return False, Pending(seen, now)
    if seen == pending.fingerprint or now - pending.first_seen >= max_wait:
        return True, None
    return False, Pending(seen, pending.first_seen)


def changes(before: Mapping[str, files.Entry], now: list[files.Entry]) -> Changes:
    """Files added, changed (size or modification time) and removed between ``before`` (entries by
    relative path, as ``Corpus.sources`` keeps them) and the entries of a walk ``now``."""
    current = {entry.rel: entry for entry in now}
    added = sum(rel not in before for rel in current)
    removed = sum(rel not in current for rel in before)
    changed = sum(rel in before and (before[rel].size, before[rel].mtime_ns) != (entry.size, entry.mtime_ns)
                  for rel, entry in current.items())
    return Changes(added=added, changed=changed, removed=removed)


class FolderWatch:
    """The newest fingerprint of one corpus folder (``corpus.fingerprint``), kept cheap to ask for.

    Thread-safe: one watch serves every session of a server.
    """

    def __init__(self, root: Path, *, min_seconds: float = 2.0, budget: float = 0.1,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.root = Path(root).resolve()
        self.min_seconds, self.budget, self._clock = min_seconds, budget, clock
        self._lock = threading.Lock()
        self._fingerprint: str | None = None
        self._entries: list[files.Entry] = []
        self._folders: dict[Path, int] = {}
        self._walked_at = float("-inf")
        self._walk_seconds = 0.0

    @property
    def interval(self) -> float:
        """Seconds between full walks: at least ``min_seconds``, and ``1 / budget`` times as long
        as the last walk took."""
        return max(self.min_seconds, self._walk_seconds / self.budget)

    def fingerprint(self) -> str:
        """The folder's fingerprint now: walked again when a folder changed or ``interval`` has
        passed since the last walk, else the last one."""
        with self._lock:
            if self._fingerprint is None or self._folders_changed() or \
                    self._clock() - self._walked_at >= self.interval:
                self._walk()
            return self._fingerprint

    def look(self) -> str:
        """Walk the folder now, whatever the interval, and return its fingerprint: what a full run
        of the dashboard reads the corpus by, so the watch is never older than what a page shows."""
        with self._lock:
            self._walk()
            return self._fingerprint

    def entries(self) -> list[files.Entry]:
        """The entries of the last walk (``files.walk``)."""
        with self._lock:
            return list(self._entries)

    def _walk(self) -> None:
        started = self._clock()
        entries = files.walk(self.root)
        self._fingerprint = folder_fingerprint(self.root, entries)
        self._entries = entries
        self._folders = _folder_times({self.root, *(e.path.parent for e in entries)})
        self._walked_at = self._clock()
        self._walk_seconds = self._walked_at - started

    def _folders_changed(self) -> bool:
        return _folder_times(self._folders) != self._folders


def _folder_times(folders) -> dict[Path, int]:
    times = {}
    for folder in folders:
        try:
            times[folder] = os.stat(folder).st_mtime_ns
        except OSError:  # removed: differs from any time it had
            times[folder] = -1
    return times


def _count(number: int, noun: str) -> str:
    return "" if not number else f"{number:,} {noun}" + ("" if number == 1 else "s")
