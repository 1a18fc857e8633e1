"""Article metadata kept beside the corpus: ``sources.csv`` (per-file overrides) and ``outlets.csv``
(outlet aliases), plus date parsing shared by every source of metadata."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.load.decoding import DecodeError, decode
from lib.store.atomic import require_writable, save_if_unchanged, save_onto_latest

SOURCES_FILE = "sources.csv"
ALIASES_FILE = "outlets.csv"
SOURCES_COLUMNS = ("file", "row", "outlet", "date", "title", "url")
KEPT_LINES_FILE = "boilerplate.csv"  # learnt boilerplate lines the analyst keeps in the text

_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for m in names}
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]|\s*$)")
_SLASHED = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*$")  # US order: 7/23/17
_MONTH_FIRST = re.compile(r"^\s*(?:\w+day,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DAY_FIRST = re.compile(r"^\s*(?:\w+day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")


def parse_date(value: object) -> dt.date | None:
    """A calendar date from the common ways files write one, else None.

    Accepts ISO dates and timestamps (``2025-05-08``, ``2025-05-08T10:00:00Z``), US ``7/23/17``,
    ``May 8, 2025``, ``8 May 2025``. Years before 1900 or after next year are placeholders (e.g.
    ``0001-11-30``), not dates.
    """
    if isinstance(value, dt.datetime):
        return _plausible(value.date())
    if isinstance(value, dt.date):
        return _plausible(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if m := _ISO.match(text):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _SLASHED.match(text):
        year = int(m[3]) + (2000 if len(m[3]) == 2 and int(m[3]) < 70 else 1900 if len(m[3]) == 2 else 0)
        return _make(year, int(m[1]), int(m[2]))
    if (m := _MONTH_FIRST.match(text)) and m[1].lower() in _MONTHS:
        return _make(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    if (m := _DAY_FIRST.match(text)) and m[2].lower() in _MONTHS:
        return _make(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    return None


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return _plausible(dt.date(year, month, day))
    except ValueError:
        return None


def _plausible(date: dt.date) -> dt.date | None:
    return date if 1900 <= date.year <= dt.date.today().year + 1 else None


# --- sources.csv --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Overrides:
    """Metadata the analyst set by hand, keyed by (file, row); row is None for one-article files."""

    values: dict[tuple[str, int | None], dict[str, str]]
    problem: str | None = None


def read_overrides(root: Path) -> Overrides:
    """``sources.csv`` in the corpus folder; a missing file is no overrides, a broken one a problem."""
    path = Path(root) / SOURCES_FILE
    if not path.is_file():
        return Overrides({})
    try:
        text = decode(path.read_bytes()).text
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except (OSError, DecodeError, csv.Error) as exc:
        return Overrides({}, f"{SOURCES_FILE} could not be read: {exc}")
    values: dict[tuple[str, int | None], dict[str, str]] = {}
    for row in rows:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        if not row.get("file"):
            continue
        key = (row["file"], int(row["row"]) if row.get("row", "").isdigit() else None)
        fields = {k: row[k] for k in ("outlet", "date", "title", "url") if row.get(k)}
        if fields:
            values[key] = fields
    return Overrides(values)


def write_overrides(root: Path, values: dict[tuple[str, int | None], dict[str, str]], *,
                    expected: str | None) -> Path:
    """Save overrides as ``sources.csv`` atomically, keeping the previous version beside it.

    ``expected`` is the file's ``lib.store.atomic.version`` when the editor read it (None: there
    was none); a save made since raises ``ChangedSinceLoaded`` and nothing is written (merge with
    ``merge_edits`` onto the file as it is now, then save again). Dates are validated first: a
    value ``parse_date`` cannot read raises ValueError. Read-only mode raises ``ReadOnlyError``.
    """
    require_writable()
    for (file, row), fields in values.items():
        if fields.get("date") and parse_date(fields["date"]) is None:
            raise ValueError(f"{file}: '{fields['date']}' is not a date (use YYYY-MM-DD)")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SOURCES_COLUMNS)
    for (file, row), fields in sorted(values.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        if any(fields.get(k) for k in SOURCES_COLUMNS[2:]):
            writer.writerow([file, "" if row is None else row, *(fields.get(k, "") for k in SOURCES_COLUMNS[2:])])
    path = Path(root) / SOURCES_FILE
    save_if_unchanged(path, buffer.getvalue().encode("utf-8"), expected=expected)
    return path


# --- outlets.csv --------------------------------------------------------------------------------

def _outlet_rows(root: Path) -> list[dict[str, str]]:
    """``outlets.csv``'s rows, column names lower case and cells trimmed; no file or an unreadable
    one: []."""
    try:
        return _outlet_rows_to_write(Path(root) / ALIASES_FILE)
    except ValueError:
        return []


def read_aliases(root: Path) -> dict[str, str]:
    """``outlets.csv`` (columns ``alias``, ``outlet``): case-folded alias -> canonical outlet name."""
    pairs = _outlet_rows(root)
    return {p["alias"].casefold(): p["outlet"] for p in pairs if p.get("alias") and p.get("outlet")}


def read_groups(root: Path) -> dict[str, str]:
    """``outlets.csv``'s optional ``group`` column: case-folded outlet name (and alias) -> group
    label ("left", "state media", a country). Rows without a group are skipped; no file, no column
    or an unreadable file: {}."""
    pairs = _outlet_rows(root)
    found: dict[str, str] = {}
    for p in pairs:
        if not p.get("group"):
            continue
        for name in (p.get("outlet"), p.get("alias")):
            if name:
                found.setdefault(name.casefold(), p["group"])
    return found


def groups_to_edit(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet of ``articles`` (records with outlet and group columns), most articles
    first: outlet, articles (count), group (its current group: outlets.csv's, else the export's;
    "" when it has none). What the Corpus page's group editor shows."""
    known = articles.dropna(subset=["outlet"])
    if known.empty:
        return pd.DataFrame({"outlet": pd.Series(dtype="str"), "articles": pd.Series(dtype="int64"),
                             "group": pd.Series(dtype="str")})
    groups = known["group"] if "group" in known else pd.Series("", index=known.index)
    table = (known.assign(group=groups.fillna("").astype("str"))
             .groupby("outlet").agg(articles=("outlet", "size"),
                                    group=("group", lambda g: g[g != ""].mode().iloc[0] if (g != "").any() else "")))
    return table.reset_index().sort_values(["articles", "outlet"], ascending=[False, True], ignore_index=True)


def write_groups(root: Path, groups: pd.DataFrame, *, expected: str | None) -> Path:
    """Save each outlet's group (``groups``: outlet, group; "" clears it) in ``outlets.csv``,
    atomically, keeping the previous version beside it. Alias rows are kept as they are; an
    outlet's group goes on its own row (alias empty), made when it has none. ``expected`` as in
    ``write_overrides``: a save made since raises ``ChangedSinceLoaded``."""
    require_writable()
    path = Path(root) / ALIASES_FILE
    rows = _outlet_rows_to_write(path)
    wanted = {str(o): ("" if pd.isna(g) else " ".join(str(g).split())) for o, g in zip(groups["outlet"], groups["group"])}
    own = {r.get("outlet", "").casefold(): r for r in rows if not r.get("alias")}
    for outlet, group in wanted.items():
        for row in rows:  # an alias row naming the outlet keeps no group of its own
            if row.get("alias") and row.get("outlet", "").casefold() == outlet.casefold():
                row["group"] = ""
        if outlet.casefold() in own:
            own[outlet.casefold()]["group"] = group
        elif group:
            rows.append({"alias": "", "outlet": outlet, "group": group})
    _write_outlet_rows(path, rows, expected=expected)
    return path


def keep_apart(root: Path, spelling: str) -> Path:
    """Undo the automatic merge of one outlet spelling (``lib.load.outlets``): ``outlets.csv``
    gains the row alias = outlet = ``spelling``, so that articles written so keep that name. The
    row is added to the file as it is now, atomically (``save_onto_latest``)."""
    require_writable()
    path = Path(root) / ALIASES_FILE

    def write(expected: str | None) -> None:
        rows = [r for r in _outlet_rows_to_write(path) if r.get("alias", "").casefold() != spelling.casefold()]
        _write_outlet_rows(path, [*rows, {"alias": spelling, "outlet": spelling, "group": ""}], expected=expected)

    save_onto_latest(path, write)
    return path


def _outlet_rows_to_write(path: Path) -> list[dict[str, str]]:
    # As _outlet_rows, but an unreadable file is an error: writing would lose what it holds.
    if not path.is_file():
        return []
    try:
        reader = csv.DictReader(io.StringIO(decode(path.read_bytes()).text, newline=""))
        return [{(k or "").strip().lower(): (v or "").strip() for k, v in r.items() if k} for r in reader]
    except (OSError, DecodeError, csv.Error) as error:
        raise ValueError(f"{ALIASES_FILE} could not be read ({error}); fix or remove it first") from None


def _write_outlet_rows(path: Path, rows: list[dict[str, str]], *, expected: str | None) -> None:
    columns = ["alias", "outlet", "group", *sorted({k for r in rows for k in r} - {"alias", "outlet", "group"})]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        if row.get("alias") or row.get("group") or any(row.get(c) for c in columns[3:]):
            writer.writerow([row.get(c, "") for c in columns])
    save_if_unchanged(path, buffer.getvalue().encode("utf-8"), expected=expected)


EDITABLE = ("outlet", "date", "title")


def missing(articles: pd.DataFrame) -> dict[str, int]:
    """How many of ``articles`` (records with EDITABLE columns) lack each EDITABLE field, in
    EDITABLE order: {"outlet": 12, "date": 10, "title": 222}."""
    return {name: int(articles[name].isna().sum()) for name in EDITABLE}


def to_edit(articles: pd.DataFrame, *, lacking: str | None) -> pd.DataFrame:
    """The rows an analyst fills in: the articles lacking the field ``lacking`` (one of EDITABLE;
    None: every article), sorted by file and row. Columns file, row, outlet, date (YYYY-MM-DD
    text), title."""
    chosen = articles if lacking is None else articles[articles[lacking].isna()]
    chosen = chosen.sort_values(["file", "row"], na_position="first", kind="stable")
    return chosen[["file", "row", *EDITABLE]].assign(
        date=chosen["date"].dt.strftime("%Y-%m-%d")).reset_index(drop=True)


def changed(original: pd.DataFrame, edited: pd.DataFrame) -> int:
    """How many cells of the EDITABLE columns differ between two tables of ``to_edit``'s shape
    (row for row): what a save changes."""
    return sum(_cell(before.get(name)) != _cell(after.get(name))
               for (_, before), (_, after) in zip(original.iterrows(), edited.iterrows()) for name in EDITABLE)


def merge_edits(current: Overrides, original: pd.DataFrame, edited: pd.DataFrame) -> dict:
    """Overrides after the analyst edited metadata in a table: ``current`` (``sources.csv`` as
    it is now) with the analyst's changes on top, field by field of each (file, row).

    ``original`` and ``edited`` have columns file, row and EDITABLE (dates as YYYY-MM-DD text),
    row for row. A field becomes an override when the analyst changed it; an override the analyst
    cleared is dropped. Untouched fields keep following the file and the text, and keep what
    someone else saved since the table was drawn: this is the three-way merge of two editors.
    """
    values = {key: dict(fields) for key, fields in current.values.items()}
    for (_, before), (_, after) in zip(original.iterrows(), edited.iterrows()):
        row = None if _blank(after.get("row")) else int(after["row"])
        key = (str(after["file"]), row)
        fields = values.setdefault(key, {})
        for name in EDITABLE:
            old, new = _cell(before.get(name)), _cell(after.get(name))
            if new == old:
                continue
            if new:
                fields[name] = new
            else:
                fields.pop(name, None)
        if not fields:
            values.pop(key)
    return values


def _cell(value: object) -> str:
    if _blank(value):
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def _blank(value: object) -> bool:
    try:
        return value is None or bool(value != value) or value == ""  # None, NaN, NaT, NA, ""
    except (TypeError, ValueError):  # pd.NA in a boolean context
        return True


# --- boilerplate.csv ------------------------------------------------------------------------------

def read_kept_lines(root: Path) -> list[str]:
    """The lines ``boilerplate.csv`` (column ``line``) keeps in the text, as written there; no
    file or an unreadable one: []."""
    path = Path(root) / KEPT_LINES_FILE
    if not path.is_file():
        return []
    try:
        rows = csv.DictReader(io.StringIO(decode(path.read_bytes()).text, newline=""))
        return [(r.get("line") or "").strip() for r in rows if (r.get("line") or "").strip()]
    except (OSError, DecodeError, csv.Error):
        return []


def keep_line(root: Path, line: str) -> Path:
    """Keep one learnt boilerplate line in the articles' text: ``boilerplate.csv`` gains it (made
    when missing), atomically, on the file as it is now (``save_onto_latest``)."""
    require_writable()
    path = Path(root) / KEPT_LINES_FILE

    def write(expected: str | None) -> None:
        lines = [kept for kept in read_kept_lines(root) if kept != line] + [line]
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\n").writerows([["line"], *([kept] for kept in lines)])
        save_if_unchanged(path, buffer.getvalue().encode("utf-8"), expected=expected)

    save_onto_latest(path, write)
    return path
