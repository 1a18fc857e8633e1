"""The analyst's list of actors and their aliases, kept with the corpus as ``actors.csv``."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from lib.load.decoding import DecodeError, decode
from lib.frames import merge_rows
from lib.store.atomic import require_writable, save_if_unchanged

ACTORS_FILE = "actors.csv"
COLUMNS = ["actor", "alias"]


def read_actors(folder: Path) -> pd.DataFrame | None:
    """``actors.csv`` (columns actor, alias; one row per alias) from the corpus folder, or None
    when there is none or it cannot be read (the actors found in the corpus are used then)."""
    path = Path(folder) / ACTORS_FILE
    if not path.is_file():
        return None
    try:
        frame = pd.read_csv(io.StringIO(decode(path.read_bytes()).text), dtype=str, keep_default_na=False)
    except (OSError, DecodeError, ValueError, pd.errors.ParserError):
        return None
    frame.columns = [c.strip().lower() for c in frame.columns]
    if validate(frame):
        return None
    return clean(frame)


def validate(actors: pd.DataFrame) -> list[str]:
    """Plain-language problems: missing columns, empty names, an alias given to two actors."""
    missing = [c for c in COLUMNS if c not in actors.columns]
    if missing:
        return [f"missing column(s): {', '.join(missing)}"]
    problems = []
    data = clean(actors)
    if (data["actor"] == "").any() or (data["alias"] == "").any():
        problems.append("every row needs an actor and an alias")
    owners = data.assign(key=data["alias"].str.casefold()).groupby("key")["actor"].nunique()
    for alias in owners[owners > 1].index:
        problems.append(f"the alias '{alias}' belongs to two actors")
    return problems


def save_actors(folder: Path, actors: pd.DataFrame, *, expected: str | None) -> Path:
    """Validate (ValueError), then write ``actors.csv`` atomically (the previous version is kept).

    ``expected`` is the file's ``lib.store.atomic.version`` when the editor read it (None: there
    was none); when someone saved it since, ``ChangedSinceLoaded`` is raised and nothing is
    written (``merge_actors`` combines the two). Read-only mode raises ``ReadOnlyError``.
    """
    require_writable()
    problems = validate(actors)
    if problems:
        raise ValueError("; ".join(problems))
    path = Path(folder) / ACTORS_FILE
    save_if_unchanged(path, clean(actors).to_csv(index=False).encode("utf-8"), expected=expected)
    return path


def merge_actors(base: pd.DataFrame, mine: pd.DataFrame, theirs: pd.DataFrame) -> pd.DataFrame:
    """Two analysts' edits of one actor list: ``theirs`` (``actors.csv`` as saved since) with the
    (actor, alias) rows ``mine`` added or deleted since ``base``. Columns actor, alias; validate
    before saving (both may have given one alias to different actors)."""
    return clean(merge_rows(clean(base), clean(mine), clean(theirs), key=COLUMNS))


def clean(actors: pd.DataFrame) -> pd.DataFrame:
    data = actors[COLUMNS].fillna("").astype(str)
    data = data.apply(lambda column: column.str.strip())
    return data[(data["actor"] != "") | (data["alias"] != "")].drop_duplicates().reset_index(drop=True)
