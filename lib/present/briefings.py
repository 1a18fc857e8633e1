"""Saved briefings: ``briefings/NAME.json`` in the corpus folder, read back chart for chart.

A file holds the briefing's title and its items in order, each with its title, note, plotly
figure (plotly's own JSON), method card (its fields) and data (columns, dtypes and rows as JSON,
so numbers, dates and missing values come back as they were; the index is not kept, as no export
shows it). ``FORMAT_VERSION`` names the layout; a file of another version is refused, not guessed.
Saving goes through ``lib.store.atomic.save_if_unchanged``: whole or not at all, the previous
version kept as ``.NAME.json.previous``, and never over a save someone else made since this
editor read the file.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.io as pio

from lib.load.files import BRIEFINGS_FOLDER
from lib.present.briefing import Item
from lib.present.methods import Card, Method
from lib.store import atomic

FOLDER = BRIEFINGS_FOLDER      # in the corpus folder; the loader leaves it alone
SUFFIX = ".json"
FORMAT = "framescope-briefing"
FORMAT_VERSION = 1
NAME_CHARS = 80               # a name is cut to this many characters
_UNSAFE = re.compile(r"[^\w .,()-]+")   # anything but letters, digits, _, space, . , ( ) -
_EDGES = " .-"                # never at either end: no hidden names, no "..", no trailing dot


class Unreadable(ValueError):
    """A briefing file that is not a Framescope briefing of a version this code reads."""


@dataclass(frozen=True)
class Saved:
    """A briefing read from disk. ``version``: the file's version when read, for the next save."""

    name: str
    title: str
    items: list[Item]
    version: str | None


def safe_name(typed: str) -> str:
    """The briefing name for what the analyst typed: letters, digits, spaces and ``_ . , ( ) -``
    kept, any other run of characters (path separators included) made one ``-``, no leading or
    trailing dot, dash or space (so never a hidden name), a typed ``.json`` dropped, at most
    ``NAME_CHARS`` characters. Raises ``ValueError`` when no letter or digit is left."""
    name = unicodedata.normalize("NFC", str(typed)).strip()
    if name.lower().endswith(SUFFIX):
        name = name[:-len(SUFFIX)]
    name = re.sub(r"\s+", " ", _UNSAFE.sub("-", name))
    name = re.sub(r"-{2,}", "-", name).strip(_EDGES)
    name = name[:NAME_CHARS].strip(_EDGES)
    if not any(ch.isalnum() for ch in name):
        raise ValueError("A briefing name needs at least one letter or digit.")
    return name


def path(root: Path, name: str) -> Path:
    """Where the briefing ``name`` lives in the corpus folder ``root``. ``name`` must already be
    a safe name (``safe_name(name) == name``): anything else raises ``ValueError``, so a name from
    a link can never reach outside ``briefings/``."""
    try:
        safe = safe_name(name)
    except ValueError:
        safe = None
    if safe != name:
        raise ValueError(f"{name!r} is not a briefing name")
    return Path(root) / FOLDER / f"{name}{SUFFIX}"


def names(root: Path) -> list[str]:
    """The saved briefings in ``root``, alphabetically (case ignored). Hidden files (the previous
    versions, temporary files) and files whose name is not a briefing name are left out."""
    folder = Path(root) / FOLDER
    if not folder.is_dir():
        return []
    found = [p.name[:-len(SUFFIX)] for p in folder.iterdir()
             if p.name.endswith(SUFFIX) and not p.name.startswith(".") and p.is_file()]
    return sorted((n for n in found if _is_safe(n)), key=lambda n: (n.casefold(), n))


def _is_safe(name: str) -> bool:
    try:
        return safe_name(name) == name
    except ValueError:
        return False


def load(root: Path, name: str) -> Saved:
    """Read the briefing ``name``. Raises ``FileNotFoundError`` when there is none, ``Unreadable``
    when the file is not a briefing this version reads."""
    target = path(root, name)
    # The version is taken before the content: a save landing in between makes our next save a
    # refusal (safe), never an overwrite of a save we did not see.
    version = atomic.version(target)
    if version is None:
        raise FileNotFoundError(target)
    title, items = from_json(target.read_bytes())
    return Saved(name=name, title=title, items=items, version=version)


def save(root: Path, name: str, items: list[Item], *, title: str, expected: str | None) -> str:
    """Write the briefing ``name`` unless someone saved it since it was read: ``expected`` is the
    version read then (None for a new briefing). Returns the new version. Raises
    ``lib.store.atomic.ChangedSinceLoaded`` (nothing written) or ``ReadOnlyError``."""
    return atomic.save_if_unchanged(path(root, name), to_json(items, title=title), expected=expected)


# --- the file's content ------------------------------------------------------------------------

def to_json(items: list[Item], *, title: str) -> bytes:
    """The briefing as UTF-8 JSON: format, version, title and the items in order."""
    document = {"format": FORMAT, "version": FORMAT_VERSION, "title": str(title),
                "items": [_item_json(item) for item in items]}
    return json.dumps(document, ensure_ascii=False, allow_nan=False).encode("utf-8")


def from_json(data: bytes) -> tuple[str, list[Item]]:
    """``(title, items)`` from ``to_json``'s bytes; each item gets a new ``uid``. Raises
    ``Unreadable`` for anything else."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise Unreadable(f"not a briefing file: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Unreadable("not a Framescope briefing file")
    if document.get("version") != FORMAT_VERSION:
        raise Unreadable(f"a briefing of format version {document.get('version')!r}; "
                         f"this Framescope reads version {FORMAT_VERSION}")
    try:
        return str(document.get("title") or ""), [_item(entry) for entry in document["items"]]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise Unreadable(f"a damaged briefing file: {error}") from None


def _item_json(item: Item) -> dict:
    return {"title": item.title, "note": item.note, "figure": json.loads(item.figure.to_json()),
            "card": _card_json(item.card), "data": None if item.data is None else _frame_json(item.data)}


def _item(entry: dict) -> Item:
    figure = pio.from_json(json.dumps(entry["figure"]))
    data = None if entry.get("data") is None else _frame(entry["data"])
    return Item(title=str(entry["title"]), figure=figure, card=_card(entry["card"]), data=data,
                note=str(entry.get("note") or ""))


def _card_json(card: Card) -> dict:
    method = card.method
    return {"method": {"name": method.name, "description": method.description,
                       "parameters": [list(p) for p in method.parameters], "terms": method.terms},
            "counts": [[outlet, n] for outlet, n in card.counts], "filters": card.filters, "corpus": card.corpus,
            "fingerprint": card.fingerprint, "dates": card.dates, "generated": card.generated,
            "extra": [list(p) for p in card.extra]}


def _card(entry: dict) -> Card:
    method = entry["method"]
    return Card(
        method=Method(str(method["name"]), str(method["description"]), _pairs(method.get("parameters", [])),
                      str(method.get("terms", ""))),
        counts=tuple((str(outlet), int(n)) for outlet, n in entry["counts"]), filters=str(entry["filters"]),
        corpus=str(entry["corpus"]), fingerprint=str(entry["fingerprint"]), dates=str(entry["dates"]),
        generated=str(entry["generated"]), extra=_pairs(entry.get("extra", [])))


def _pairs(values: list) -> tuple[tuple[str, str], ...]:
    return tuple((str(name), str(value)) for name, value in values)


def _frame_json(frame: pd.DataFrame) -> dict:
    # Python's json writes floats exactly (repr), which pandas' to_json (15 digits) does not.
    return {"columns": [str(c) for c in frame.columns], "dtypes": [str(t) for t in frame.dtypes],
            "rows": [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]}


def _cell(value: object) -> object:
    if isinstance(value, (str, bool)):
        return value
    if value is None or (np.ndim(value) == 0 and pd.isna(value)):
        return None
    if isinstance(value, (pd.Timestamp, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else str(float(value))   # inf: JSON has none
    return str(value)


def _frame(entry: dict) -> pd.DataFrame:
    columns, dtypes = entry["columns"], entry["dtypes"]
    if len(columns) != len(dtypes):
        raise ValueError("a data table whose columns and types do not match")
    frame = pd.DataFrame(entry["rows"], columns=columns, dtype=object)
    for position, dtype in enumerate(dtypes):
        frame.isetitem(position, _typed(frame.iloc[:, position], dtype))
    return frame


def _typed(column: pd.Series, dtype: str) -> pd.Series:
    """A column back in its saved dtype; left as read when this pandas cannot make that dtype."""
    try:
        if dtype.startswith("datetime64"):
            return pd.to_datetime(column, format="ISO8601").astype(dtype)
        if dtype.startswith("timedelta64"):
            return pd.to_timedelta(column).astype(dtype)
        if dtype.startswith(("float", "Float")):
            return pd.to_numeric(column).astype(dtype)   # "inf" and "-inf" as written
        return column.astype(dtype)
    except (TypeError, ValueError):
        return column.infer_objects()
