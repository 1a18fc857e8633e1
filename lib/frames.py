"""Small frame helpers shared by every package: the names of unknown and grouped outlets, input
checks and typed empty results."""
from __future__ import annotations

import functools
from collections.abc import Iterable

import pandas as pd

UNKNOWN = "(unknown outlet)"  # the outlet of an article whose outlet nobody knows
OTHER = "(other outlets)"     # the smaller outlets counted together (lib.coverage.over_time)


def require(frame: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    """Raise a readable error when ``frame`` is not a DataFrame or lacks some of ``columns``."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a DataFrame, got {type(frame).__name__}")
    missing = sorted(set(columns) - set(frame.columns))
    if missing:
        raise ValueError(f"{name} is missing column(s): {', '.join(missing)}")


def empty(columns: dict[str, str]) -> pd.DataFrame:
    """A frame with no rows and these columns ({name: dtype}): a fresh copy each call."""
    return _empty_template(tuple(columns.items())).copy()


@functools.lru_cache(maxsize=256)
def _empty_template(columns: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    # Building one takes 2.5 ms (a Series and a dtype lookup per column), copying it 0.09 ms;
    # measures return typed empty frames for every empty selection, many times per page.
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns})


def plain_ids(frame: pd.DataFrame, columns: Iterable[str] = ("id", "article_id")) -> pd.DataFrame:
    """``frame`` with its id columns as Python strings (object dtype). pandas' ``isin`` on
    Arrow-backed strings makes an Arrow scalar of every value it looks for: testing 100k ids
    against 60k takes 0.27 s that way, 0.02 s on objects, and pages filter by id many times."""
    present = {c: object for c in columns if c in frame.columns and frame[c].dtype != object}
    return frame.astype(present) if present else frame
