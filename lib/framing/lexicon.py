"""The framing lexicon: reading, validating and saving ``framing.csv``.

The framing lexicon
    A CSV with columns ``group,term,variants``, one row per alternative. ``group`` is the contested
    thing ("Naming the war in Ukraine"), ``term`` the alternative's canonical name ("invasion"),
    ``variants`` its surface forms separated by ``;`` ("invasion of Ukraine; Russia's invasion").
    The shipped default is ``lib/framing/data/framing.csv``; an analyst's own copy is ``framing.csv`` in
    the corpus folder, and ``save_lexicon`` keeps the version before it as ``.framing.csv.previous``.

    A variant is plain words, not a regular expression:

    * matched case-insensitively, as whole words: ``war`` never matches "warm" or "warning";
    * words may be separated by spaces or hyphens, interchangeably: ``full-scale invasion`` also
      matches "full scale invasion", and ``China-Russia alliance`` matches "China–Russia alliance"
      (an en dash between two words counts as a hyphen); a variant never spans a line break;
    * ``'`` and ``’`` are the same apostrophe (``Russia's`` matches "Russia’s");
    * a trailing ``*`` on a word matches any ending: ``autocrat*`` matches autocrat, autocrats,
      autocratic. It needs at least three letters before it, and is allowed only at a word's end.

    Within a group, overlapping matches keep the longest ("full-scale invasion of Ukraine" counts
    once, as "full-scale invasion", not also as "invasion of Ukraine"); equal lengths keep the
    earlier one. Across groups overlaps are allowed: one phrase may be counted in two groups.

The default lexicon
    Five groups for international-affairs news about China, Russia, Ukraine and Taiwan. A word
    that is itself the framing choice and seldom means anything else is matched bare (autocrat*,
    dictator, strongman, hegemony, unilateralism, strategic partnership, special military
    operation). A word with common other senses is matched only tied to its subject, because bare
    it would mostly count something else: "war" is counted as "war in Ukraine", "Russia's war",
    "Ukraine war" (bare, it would count every "World War II" in the anniversary coverage);
    "president" and "leader" as "Chinese president", "President Putin", "Kremlin leader" (bare:
    "vice president", "Senate majority leader"); "chief" only as "Chinese chief" and "Kremlin
    chief" (bare: "chief executive"); "alliance", "bloc", "axis" and "partnership" only as
    "China-Russia alliance", "Sino-Russian partnership", "alliance between Beijing and Moscow"
    (bare: NATO, "the 27-nation bloc", "the Axis powers"); Taiwan's terms only with Taiwan or a
    phrase of cross-strait politics ("national reunification"). This trades recall for
    precision: "their alliance" or "the war" on their own are not counted. Bare words still count
    whoever they are aimed at: "hegemony" counts Chinese hegemony as well as American.

"""
from __future__ import annotations

import csv
import io
import math
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib.load.decoding import DecodeError, decode
from lib.frames import merge_rows
from lib.store.atomic import require_writable, save_if_unchanged
from lib.text.stopwords import FUNCTION_WORDS

LEXICON_FILE = "framing.csv"
COLUMNS = ("group", "term", "variants")
DEFAULT_FILE = Path(__file__).resolve().parent / "data" / LEXICON_FILE
PREVIOUS_FILE = f".{LEXICON_FILE}.previous"  # what lib.store.atomic.save_if_unchanged keeps beside it
_MAX_PROBLEMS = 20  # more than this is one broken file, not twenty separate mistakes
# Function words (lib.text.stopwords) can never be a framing choice on their own: a one-word
# variant from that list would match almost every sentence and drown the group.
# Characters that only make sense in a regular expression or would be silently ignored by the
# matcher: better to say so than to match nothing.
_REJECTED_CHARS = frozenset('()[]{}|\\^$?+"<>=~`“”')
_APOSTROPHES = "'’ʼ"
_WORD_SPLIT = re.compile(r"[\s\-‐‑–]+")


# ---------------------------------------------------------------------------------------------
# Lexicon files
# ---------------------------------------------------------------------------------------------

def default_lexicon() -> pd.DataFrame:
    """The shipped lexicon (lib/framing/data/framing.csv): columns group, term, variants (str)."""
    return _frame(_default_rows())


@lru_cache(maxsize=1)
def _default_rows() -> tuple[tuple[str, str, str], ...]:
    lexicon, problem = _read_file(DEFAULT_FILE)
    if problem:  # a packaging mistake, not the analyst's: fail loudly
        raise RuntimeError(f"the shipped {DEFAULT_FILE.name} {problem}")
    return _rows(lexicon)


def read_lexicon(folder: Path | None) -> tuple[pd.DataFrame, str | None]:
    """The lexicon to use for the corpus in ``folder``, and a problem message or None.

    The analyst's ``framing.csv`` in the folder when it exists and is valid; else the last version
    saved before it (``.framing.csv.previous``) when that is valid; else the shipped default. The
    message says what was wrong with the analyst's file and which lexicon is used instead; it is
    None when the analyst's file was used or there is none. Columns group, term, variants (str).
    """
    if folder is None:
        return default_lexicon(), None
    path = Path(folder) / LEXICON_FILE
    if not path.is_file():
        return default_lexicon(), None
    lexicon, problem = _read_file(path)
    if problem is None:
        return lexicon, None
    previous = path.with_name(PREVIOUS_FILE)
    if previous.is_file():
        earlier, earlier_problem = _read_file(previous)
        if earlier_problem is None:
            return earlier, f"{LEXICON_FILE} {problem}. Using the last version that worked ({PREVIOUS_FILE})."
    return default_lexicon(), f"{LEXICON_FILE} {problem}. Using the built-in framing lexicon."


def save_lexicon(folder: Path, lexicon: pd.DataFrame, *, expected: str | None) -> Path:
    """Write ``lexicon`` as the corpus folder's ``framing.csv`` and return its path.

    ``expected`` is the file's ``lib.store.atomic.version`` when the editor read it (None: there
    was none): when someone saved it since, ``ChangedSinceLoaded`` is raised and nothing is
    written (``merge_lexicons`` combines the two). Validated first: any problem raises ValueError
    (the problems, one per line). Only the columns group, term and variants are written, each
    cell trimmed. The write is atomic and keeps the file it replaces as ``.framing.csv.previous``.
    Read-only mode raises ``ReadOnlyError``.
    """
    require_writable()
    problems = validate(lexicon)
    if problems:
        raise ValueError("\n".join(problems))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_rows(lexicon))
    path = Path(folder) / LEXICON_FILE
    save_if_unchanged(path, buffer.getvalue().encode("utf-8"), expected=expected)
    return path


def merge_lexicons(base: pd.DataFrame, mine: pd.DataFrame, theirs: pd.DataFrame) -> pd.DataFrame:
    """Two analysts' edits of one lexicon: ``theirs`` (``framing.csv`` as saved since) with the
    rows ``mine`` added, changed or deleted since ``base`` on top, by (group, term). A term both
    changed gets my variants; renaming a term is deleting it and adding another. Columns group,
    term, variants (str); validate before saving, as ever.
    """
    return merge_rows(base[list(COLUMNS)], mine[list(COLUMNS)], theirs[list(COLUMNS)], key=["group", "term"])


def _read_file(path: Path) -> tuple[pd.DataFrame, str | None]:
    """(lexicon, None), or (empty lexicon, what is wrong as the rest of a sentence: 'could not be
    read (...)', 'has problems: ...')."""
    try:
        content = decode(path.read_bytes()).text
        records = list(csv.reader(io.StringIO(content, newline="")))
    except (OSError, DecodeError, csv.Error) as exc:
        return _frame(()), f"could not be read ({exc})"
    if not records:
        return _frame(()), "is empty"
    header = [cell.strip().lower() for cell in records[0]]
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        return _frame(()), f"has the column {', '.join(repeated)} more than once"
    data = {name: [] for name in header if name}
    for record in records[1:]:
        if not any(cell.strip() for cell in record):
            continue  # blank lines in a hand-edited file are not mistakes
        for i, name in enumerate(header):
            if name:
                data[name].append(record[i].strip() if i < len(record) else "")
    lexicon = pd.DataFrame({name: pd.Series(values, dtype="str") for name, values in data.items()})
    problems = validate(lexicon)
    if problems:
        # A message for a banner: the first few problems; the editor shows them all (validate()).
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        return _frame(()), "has problems: " + "; ".join(problems[:3]) + more
    return lexicon[list(COLUMNS)].reset_index(drop=True), None


def _frame(rows) -> pd.DataFrame:
    rows = list(rows)
    return pd.DataFrame({name: pd.Series([r[i] for r in rows], dtype="str") for i, name in enumerate(COLUMNS)})


def _rows(lexicon: pd.DataFrame) -> tuple[tuple[str, str, str], ...]:
    return tuple(zip(*(map(_cell, lexicon[name].tolist()) for name in COLUMNS)))


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------

def validate(lexicon: pd.DataFrame) -> list[str]:
    """Plain-language problems with a lexicon; an empty list means it can be used and saved.

    Checks: the columns group, term and variants; no empty group, term or variants; every variant
    a usable pattern (letters or digits, no regular-expression characters, ``*`` only at the end of
    a word after three letters, not a bare function word like 'the'); no term listed twice in a
    group; no variant listed under two terms of the same group. Rows are numbered from 1.
    """
    if not isinstance(lexicon, pd.DataFrame):
        return ["the framing lexicon must be a table with the columns group, term and variants"]
    missing = [name for name in COLUMNS if name not in lexicon.columns]
    if missing:
        return [f"the columns group, term and variants are needed; missing: {', '.join(missing)}"]
    rows = _rows(lexicon)
    if not rows:
        return ["there are no terms: add at least one row with a group, a term and its variants"]
    problems: list[str] = []
    terms: dict[tuple[str, str], int] = {}
    variants: dict[tuple[str, str], tuple[str, int]] = {}
    for n, (group, term, cells) in enumerate(rows, start=1):
        where = f"row {n} ({group or '?'} / {term or '?'})"
        if not group:
            problems.append(f"row {n}: the group is empty")
        if not term:
            problems.append(f"row {n}: the term is empty")
        pieces = _split_variants(cells)
        if not pieces:
            problems.append(f"{where}: no variants; list the words to match, separated by ';'")
        if group and term:
            key = (group.casefold(), term.casefold())
            if key in terms:
                problems.append(f"rows {terms[key]} and {n}: the term '{term}' is listed twice in the group '{group}'")
            else:
                terms[key] = n
        for variant in pieces:
            problem = _variant_problem(variant)
            if problem:
                problems.append(f"{where}: the variant '{variant}' {problem}")
                continue
            if not (group and term):
                continue
            key = (group.casefold(), _variant_key(variant))
            other = variants.setdefault(key, (term, n))
            if other[0].casefold() != term.casefold():
                problems.append(f"rows {other[1]} and {n}: the variant '{variant}' is listed under both "
                                f"'{other[0]}' and '{term}' in the group '{group}'")
    if len(problems) > _MAX_PROBLEMS:
        problems = problems[:_MAX_PROBLEMS] + [f"... and {len(problems) - _MAX_PROBLEMS} more problems"]
    return problems


def _split_variants(cell: str) -> list[str]:
    # Empty pieces ("a; b;") are a trailing separator, not a mistake.
    return [piece.strip() for piece in cell.split(";") if piece.strip()]


def _variant_problem(variant: str) -> str | None:
    if not any(ch.isalnum() for ch in variant):
        return "has no letters or digits"
    bad = sorted({ch for ch in variant if ch in _REJECTED_CHARS})
    if bad:
        return (f"contains {' '.join(bad)}: variants are plain words, not regular expressions "
                "(only a * at the end of a word is special)")
    words = _words(variant)
    for word in words:
        if "*" in word[:-1] or word == "*":
            return "has a * that is not at the end of a word (write autocrat* to match autocrats, autocratic)"
        if word.endswith("*"):
            stem = word[:-1]
            if sum(ch.isalnum() for ch in stem) < 3 or stem.casefold() in FUNCTION_WORDS:
                return "would match too many words: give at least three letters before the *"
    if len(words) == 1 and not words[0].endswith("*"):
        if words[0].casefold() in FUNCTION_WORDS:
            return "is too common a word to be a framing choice on its own"
        if sum(ch.isalnum() for ch in words[0]) < 2:
            return "is too short: a single letter or digit matches too much"
    return None


def _words(variant: str) -> list[str]:
    return [word for word in _WORD_SPLIT.split(variant.strip()) if word]


def _variant_key(variant: str) -> str:
    """What the matcher sees: case, apostrophes and space/hyphen choices do not matter."""
    # lower(), not casefold(): the regex's IGNORECASE compares characters one by one (ß is not ss).
    words = (word.lower().translate(_APOSTROPHE_FOLD) for word in _words(variant))
    return " ".join(words)


_APOSTROPHE_FOLD = str.maketrans({ch: "'" for ch in _APOSTROPHES})


