"""The analyst's fixes to the grouping: reading and writing ``stories.csv`` and applying it.

Analyst overrides (``stories.csv`` beside the corpus)
    One row per decision, applied in file order after ``group``: ``move`` (article_id → story
    ``target``), ``merge`` (story → ``target``), ``split`` (article_id into a story of its own),
    ``rename`` (story → ``name``). Deleting a row undoes it, since ``group`` never sees the file.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from lib.frames import require as _require
from lib.store.atomic import require_writable, save_if_unchanged
from lib.stories.grouping import _new_id

STORIES_FILE = "stories.csv"
ACTIONS = ("move", "merge", "split", "rename")
OVERRIDE_COLUMNS = ["action", "article_id", "story", "target", "name"]
# What each action needs filled in (the other fields are ignored).
_NEEDS = {"move": ("article_id", "target"), "merge": ("story", "target"), "split": ("article_id",),
          "rename": ("story", "name")}


def read_overrides(folder: Path) -> pd.DataFrame:
    """The analyst's ``stories.csv`` in ``folder``: action, article_id, story, target, name (str,
    '' when empty), in file order. A missing file gives an empty frame. A file that cannot be read
    gives an empty frame too, and rows that are not valid (unknown action, a needed field empty)
    are left out; either way ``frame.attrs["problem"]`` says what was wrong (None when nothing was).
    """
    path = Path(folder) / STORIES_FILE
    empty = pd.DataFrame({c: pd.Series(dtype="str") for c in OVERRIDE_COLUMNS})
    empty.attrs["problem"] = None
    if not path.is_file():
        return empty
    try:
        raw = path.read_bytes().decode("utf-8-sig")
        frame = pd.read_csv(io.StringIO(raw), dtype="str", keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        empty.attrs["problem"] = f"{STORIES_FILE} could not be read ({type(exc).__name__}): it is ignored"
        return empty
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if "action" not in frame.columns:
        empty.attrs["problem"] = f"{STORIES_FILE} has no 'action' column: it is ignored"
        return empty
    for column in OVERRIDE_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame[OVERRIDE_COLUMNS].fillna("").astype("str").apply(lambda col: col.str.strip())
    frame["action"] = frame["action"].str.lower()
    bad = [i for i, row in enumerate(frame.itertuples(index=False)) if _row_problem(row._asdict())]
    out = frame.drop(index=frame.index[bad]).reset_index(drop=True)
    out.attrs["problem"] = (f"{STORIES_FILE}: line(s) {', '.join(str(i + 2) for i in bad)} are not valid "
                            f"overrides and are ignored") if bad else None
    return out


def save_overrides(folder: Path, overrides: pd.DataFrame, *, expected: str | None) -> Path:
    """Write ``overrides`` (columns as ``read_overrides`` returns; missing optional ones are left
    empty) to ``folder/stories.csv`` atomically, keeping the previous version as
    ``.stories.csv.previous``. Raises ValueError, writing nothing, when a row has an unknown
    action or lacks a field its action needs. ``expected`` is the file's
    ``lib.store.atomic.version`` when the editor read it (None: there was none): when someone
    saved it since, ``ChangedSinceLoaded`` is raised and nothing is written (``merge_overrides``
    combines the two). Read-only mode raises ``ReadOnlyError``. Returns the path written."""
    require_writable()
    frame = _tidy(overrides)
    for i, row in enumerate(frame.itertuples(index=False)):
        if problem := _row_problem(row._asdict()):
            raise ValueError(f"override {i + 1}: {problem}")
    path = Path(folder) / STORIES_FILE
    save_if_unchanged(path, frame.to_csv(index=False, lineterminator="\n").encode("utf-8"), expected=expected)
    return path


def merge_overrides(base: pd.DataFrame, mine: pd.DataFrame, theirs: pd.DataFrame) -> pd.DataFrame:
    """Two analysts' edits of ``stories.csv``, a log of fixes applied in order: ``theirs`` (the
    file as saved since) without the rows ``mine`` deleted from ``base``, then the rows ``mine``
    added, in my order. A row is its whole content (editing one is deleting it and adding the
    new one, which then comes last); a fix listed twice counts twice. Columns OVERRIDE_COLUMNS.
    """
    before, after, now = (list(_tidy(frame).itertuples(index=False, name=None)) for frame in (base, mine, theirs))
    deleted = Counter(before) - Counter(after)
    unmatched = Counter(before)
    added = []
    for row in after:
        if unmatched[row]:
            unmatched[row] -= 1
        else:
            added.append(row)
    kept = []
    for row in now:
        if deleted[row]:
            deleted[row] -= 1
        else:
            kept.append(row)
    return pd.DataFrame(kept + added, columns=OVERRIDE_COLUMNS, dtype="str")


def _tidy(overrides: pd.DataFrame) -> pd.DataFrame:
    _require(overrides, {"action"}, "overrides")
    frame = overrides.copy()
    for column in OVERRIDE_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame[OVERRIDE_COLUMNS].fillna("").astype("str").apply(lambda col: col.str.strip())
    frame["action"] = frame["action"].str.lower()
    return frame


def _row_problem(row: dict[str, str]) -> str | None:
    action = row.get("action", "")
    if action not in _NEEDS:
        return f"unknown action {action!r} (expected one of {', '.join(ACTIONS)})"
    missing = [f for f in _NEEDS[action] if not row.get(f, "")]
    return f"'{action}' needs {' and '.join(missing)}" if missing else None


def apply_overrides(assignments: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """``assignments`` (from ``group``) with the analyst's overrides applied in order.

    move: article_id → story ``target`` (created when new); merge: every article of ``story`` →
    ``target`` (an existing story); split: article_id into a story of its own (id from the
    article, as ``group`` makes them); rename: ``story`` gets ``name``. An override whose article
    or story is not there (any more) is skipped. Returns the assignment columns plus name (the
    analyst's label or None) and manual (True for articles an override moved; their similarity
    is NaN, as it was not measured), sorted like ``group``'s. ``attrs["skipped"]`` counts the
    skipped overrides; ``override_status`` says which and why.
    """
    out, _ = _apply(assignments, overrides)
    return out


def override_status(assignments: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """The overrides with a status column: 'applied' or 'skipped: <why>' (for the analyst to tidy up
    ``stories.csv``)."""
    _, status = _apply(assignments, overrides)
    return overrides.reset_index(drop=True).assign(status=status)


def _apply(assignments: pd.DataFrame, overrides: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    _require(assignments, {"article_id", "story"}, "assignments")
    out = assignments.copy().reset_index(drop=True).astype({"article_id": "str", "story": "str"})
    story = dict(zip(out["article_id"], out["story"]))
    manual: set[str] = set()
    names: dict[str, str] = {}
    status: list[str] = []
    rows = overrides.fillna("").astype("str").to_dict("records") if overrides is not None else []
    for row in rows:
        row = {k: str(row.get(k, "")).strip() for k in OVERRIDE_COLUMNS}
        action = row["action"].lower()
        if problem := _row_problem({**row, "action": action}):
            status.append(f"skipped: {problem}")
            continue
        present = set(story.values())
        if action in ("move", "split") and row["article_id"] not in story:
            status.append(f"skipped: article {row['article_id']} is not in the corpus")
            continue
        if action in ("merge", "rename") and row["story"] not in present:
            status.append(f"skipped: story {row['story']} does not exist")
            continue
        if action == "merge" and row["target"] not in present:
            status.append(f"skipped: target story {row['target']} does not exist")
            continue
        if action == "move":
            story[row["article_id"]] = row["target"]
            manual.add(row["article_id"])
        elif action == "merge":
            for article_id, s in story.items():
                if s == row["story"]:
                    story[article_id] = row["target"]
                    manual.add(article_id)
        elif action == "split":
            taken = present | set(names) | set(assignments["story"].astype("str"))
            story[row["article_id"]] = _new_id(row["article_id"], taken)
            manual.add(row["article_id"])
        else:
            names[row["story"]] = row["name"]
        status.append("applied")
    out["story"] = out["article_id"].map(story)
    out["manual"] = out["article_id"].isin(manual)
    if "similarity" in out.columns:
        out["similarity"] = out["similarity"].astype("float64").where(~out["manual"], np.nan)
    out["name"] = out["story"].map(names).astype("object").where(out["story"].isin(names), None)
    out = out.sort_values(["story", "article_id"], ignore_index=True)
    out.attrs["skipped"] = sum(s.startswith("skipped") for s in status)
    return out, status
