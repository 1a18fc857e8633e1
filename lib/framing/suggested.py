"""What the analyst did with suggestions: **Add to lexicon** appends a suggested set to the corpus
folder's ``framing.csv`` (then it is an ordinary, editable set), **Dismiss** records it in
``framing-dismissed.csv`` beside it; both are written atomically and never over a newer save
(``lib.store.atomic.save_if_unchanged``: another save in between is read and appended to).
``without_known`` hides both kinds from the suggestions.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from lib.framing.lexicon import COLUMNS, LEXICON_FILE, read_lexicon, save_lexicon
from lib.store.atomic import save_if_unchanged, save_onto_latest

DISMISSED_FILE = "framing-dismissed.csv"
_ATTEMPTS = 3  # a save that keeps losing the race to others' saves gives up with their error


def read_dismissed(folder: Path | None) -> set[str]:
    """The set names (groups) the analyst dismissed for the corpus in ``folder``; an unreadable
    file counts as none dismissed."""
    path = Path(folder) / DISMISSED_FILE if folder is not None else None
    if path is None or not path.is_file():
        return set()
    try:
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    except (OSError, UnicodeDecodeError, csv.Error):
        return set()
    return {row["group"].strip() for row in rows if (row.get("group") or "").strip()}


def dismiss(folder: Path, group: str) -> Path:
    """Remember that the set ``group`` is not wanted; returns the file's path."""
    path = Path(folder) / DISMISSED_FILE

    def write(expected: str | None) -> None:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["group"])
        writer.writerows([name] for name in sorted(read_dismissed(folder) | {group}))
        save_if_unchanged(path, buffer.getvalue().encode("utf-8"), expected=expected, keep_previous=False)

    save_onto_latest(path, write, attempts=_ATTEMPTS)
    return path


def add_to_lexicon(folder: Path, sets: pd.DataFrame, group: str) -> Path:
    """Append the suggested set ``group`` (its rows of ``sets``: group, term, variants) to the
    corpus folder's lexicon (the one ``read_lexicon`` uses: the shipped default when the folder
    has none yet) and save it as ``framing.csv``. A group already in the lexicon is not added
    twice. Raises ValueError for an unknown group or an invalid result."""
    rows = sets.loc[sets["group"] == group, list(COLUMNS)]
    if rows.empty:
        raise ValueError(f"no suggested set is called {group!r}")
    path = Path(folder) / LEXICON_FILE

    def write(expected: str | None) -> Path:
        lexicon, _ = read_lexicon(folder)
        if group in set(lexicon["group"]):
            return path
        return save_lexicon(folder, pd.concat([lexicon, rows], ignore_index=True), expected=expected)

    return save_onto_latest(path, write, attempts=_ATTEMPTS)


def without_known(sets: pd.DataFrame, lexicon: pd.DataFrame, dismissed: set[str]) -> pd.DataFrame:
    """``sets`` without the dismissed ones and those the lexicon already holds (by name, or a set
    whose every term is already a term of the lexicon)."""
    known_terms = set(lexicon["term"].str.casefold())
    covered = sets.groupby("group")["term"].agg(lambda t: all(x.casefold() in known_terms for x in t))
    drop = set(dismissed) | set(lexicon["group"]) | set(covered[covered].index)
    return sets[~sets["group"].isin(drop)]
