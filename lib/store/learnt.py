"""What taking the learnt boilerplate out of each article did, kept between runs.

Every load learns the corpus's boilerplate lines again (``lib.load.repeats``: an aggregation of
stored line keys, cheap) and takes them out of the articles that have them. Taking them out reads
and keys every line of those articles: at 10,000 articles, 3,000 of them and about 3 s of each
load, restart or new file alike. What it gives depends only on the article and on the lines
learnt for its outlet, so it is kept here under (the article's id, a digest of those lines) and
a later load with the same lines reads it back: the new id and word count, and the lines taken
out (the text without them is rebuilt from the article's text, no line keyed again).

One Parquet file per corpus folder, ``<cache>/texts/learnt-<folder key>.parquet`` (not
``<folder key>-…``: those are the texts of one corpus version, and a new version removes the
others), written atomically (a cache: losing it only costs the stripping again).
"""
from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.store import atomic
from lib.store.texts import _root_key

_SEPARATOR = "\n"  # joins the removed lines (a line never holds one)


@dataclass(frozen=True)
class Stripped:
    """One article's text without its learnt lines: its content id and word count, and the lines
    taken out (stripped of white space, as ``repeats.strip`` gives them)."""

    id: str
    words: int
    removed: tuple[str, ...]


def path(cache: Path, root: Path) -> Path:
    """Where the stripping of corpus folder ``root``'s articles is kept."""
    return Path(cache) / "texts" / f"learnt-{_root_key(root)}.parquet"


def lines_key(learnt: Collection[bytes]) -> str:
    """A digest of one outlet's learnt line keys, in any order (16 hex digits)."""
    return hashlib.blake2b(b"".join(sorted(learnt)), digest_size=8).hexdigest()


def read(file: Path | None) -> dict[tuple[str, str], Stripped]:
    """The kept stripping by (article id, ``lines_key``); empty when there is none or it cannot be read."""
    if file is None:
        return {}
    try:
        frame = pd.read_parquet(file)
    except (OSError, ValueError):
        return {}
    return {(article, key): Stripped(new, int(words), tuple(removed.split(_SEPARATOR)) if removed else ())
            for article, key, new, words, removed in zip(frame["article_id"], frame["lines_key"], frame["id"],
                                                         frame["words"], frame["removed"])}


def write(file: Path | None, kept: dict[tuple[str, str], Stripped]) -> None:
    """Keep ``kept`` (all of it, replacing what was there). Fails quietly: it is only a shortcut."""
    if file is None or atomic.read_only():
        return
    frame = pd.DataFrame({"article_id": [a for a, _ in kept], "lines_key": [k for _, k in kept],
                          "id": [s.id for s in kept.values()], "words": [s.words for s in kept.values()],
                          "removed": [_SEPARATOR.join(s.removed) for s in kept.values()]})
    try:
        atomic.write_file(file, lambda tmp: frame.to_parquet(tmp, index=False))
    except OSError:
        pass
