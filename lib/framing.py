"""Contested terms: which word each outlet chooses for the same thing, and in whose voice.

The framing lexicon
    A CSV with columns ``group,term,variants``, one row per alternative. ``group`` is the contested
    thing ("Naming the war in Ukraine"), ``term`` the alternative's canonical name ("invasion"),
    ``variants`` its surface forms separated by ``;`` ("invasion of Ukraine; Russia's invasion").
    The shipped default is ``lib/data/framing.csv``; an analyst's own copy is ``framing.csv`` in
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

Voice
    Each match takes the voice of lib.text: ``'quoted'`` (inside someone's quoted words),
    ``'scare'`` (the outlet's own distancing quotes: a “strategic partnership”) or
    ``'narrative'``. ``shares`` counts the outlet's own voice (narrative + scare) by default.
"""
from __future__ import annotations

import csv
import io
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib import text
from lib.decoding import DecodeError, decode
from lib.frames import require as _require
from lib.fsutil import atomic_write

__all__ = ["COLUMNS", "LEXICON_FILE", "default_lexicon", "matches", "read_lexicon", "save_lexicon", "shares",
           "usage", "validate", "wilson"]

LEXICON_FILE = "framing.csv"
COLUMNS = ("group", "term", "variants")
DEFAULT_FILE = Path(__file__).resolve().parent / "data" / LEXICON_FILE
PREVIOUS_FILE = f".{LEXICON_FILE}.previous"  # what lib.fsutil.atomic_write keeps beside it
VOICES = ("narrative", "quoted", "scare")
_Z95 = 1.959963984540054
_MAX_PROBLEMS = 20  # more than this is one broken file, not twenty separate mistakes

_MATCH_COLUMNS = {"article_id": "str", "group": "str", "term": "str", "text": "str", "start": "int64",
                  "end": "int64", "voice": "str", "sentence": "int64"}
_USAGE_COLUMNS = ["outlet", "group", "term", "matches", "articles_using", "per_1000_words", "outlet_articles"]
_SHARE_COLUMNS = ["outlet", "group", "term", "matches", "group_matches", "share", "ci_low", "ci_high",
                  "articles_using"]

# Function words that can never be a framing choice on their own. A one-word variant from this list
# would match almost every sentence and drown the group.
_STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be been before being below between
both but by can could did do does doing down during each few for from further had has have having he her
here hers herself him himself his how i if in into is it its itself just me more most my myself no nor
not now of off on once only or other our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up
us very was we were what when where which while who whom why will with would you your yours yourself
""".split())
# Characters that only make sense in a regular expression or would be silently ignored by the
# matcher: better to say so than to match nothing.
_REJECTED_CHARS = frozenset('()[]{}|\\^$?+"<>=~`“”')
_APOSTROPHES = "'’ʼ"
# Between the words of a variant: spaces, or a hyphen with optional spaces ("hard -won"), or an
# unspaced en dash (typographers write "China–Russia"). Never a line break: lib.text ends a sentence
# at every line break, and a headline is not the first half of the next line's phrase.
_SPACE = r"[^\S\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]"
_JOIN = rf"(?:{_SPACE}*[-‐‑]{_SPACE}*|{_SPACE}+|–)"
_WORD_SPLIT = re.compile(r"[\s\-‐‑–]+")


# ---------------------------------------------------------------------------------------------
# Lexicon files
# ---------------------------------------------------------------------------------------------

def default_lexicon() -> pd.DataFrame:
    """The shipped lexicon (lib/data/framing.csv): columns group, term, variants (str)."""
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


def save_lexicon(folder: Path, lexicon: pd.DataFrame) -> Path:
    """Write ``lexicon`` as the corpus folder's ``framing.csv`` and return its path.

    Validated first: any problem raises ValueError (the problems, one per line) and nothing is
    written. Only the columns group, term and variants are written, each cell trimmed. The write
    is atomic and keeps the file it replaces as ``.framing.csv.previous``.
    """
    problems = validate(lexicon)
    if problems:
        raise ValueError("\n".join(problems))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_rows(lexicon))
    path = Path(folder) / LEXICON_FILE
    atomic_write(path, buffer.getvalue().encode("utf-8"))
    return path


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
            if sum(ch.isalnum() for ch in stem) < 3 or stem.casefold() in _STOPWORDS:
                return "would match too many words: give at least three letters before the *"
    if len(words) == 1 and not words[0].endswith("*"):
        if words[0].casefold() in _STOPWORDS:
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


# ---------------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Variants:
    """The variants of one group that start with one character, as one anchored alternation."""

    group: str
    pattern: re.Pattern  # use with .match(text, pos); capturing group k is terms[k - 1]
    terms: tuple[str, ...]


@dataclass(frozen=True)
class _Matcher:
    # On the lower-cased text, case-sensitive: each alternative starts with a literal character,
    # which lets the regex engine jump between candidate characters in C (an IGNORECASE pattern, or
    # one starting with a lookbehind, is tried at every position: 2.5x slower).
    lower_scanner: re.Pattern
    scanner: re.Pattern  # IGNORECASE, for text whose lower() changes length (e.g. 'İ')
    buckets: dict[str, tuple[_Variants, ...]]  # by the lower-cased first character


def matches(articles: pd.DataFrame, lexicon: pd.DataFrame) -> pd.DataFrame:
    """Every place a lexicon variant occurs in the articles, with its voice and sentence.

    ``articles`` has columns id and text (clean text; missing text gives no rows). ``lexicon`` is
    validated first (ValueError with the problems). Returns one row per match: article_id, group,
    term, text (as found), start, end (char offsets into the article's text, end exclusive, so
    ``text[start:end]`` gives the match back), voice ('narrative' | 'quoted' | 'scare', from
    lib.text.quotes and lib.text.voice) and sentence (0-based index of the sentence containing the
    match's start, from lib.text.sentence_spans). In article order, then by start. Within a group,
    overlapping matches keep the longest; across groups overlaps are kept.
    """
    missing = {"id", "text"} - set(articles.columns)
    if missing:
        raise ValueError(f"articles is missing column(s): {', '.join(sorted(missing))}")
    problems = validate(lexicon)
    if problems:
        raise ValueError("the framing lexicon has problems:\n" + "\n".join(problems))
    matcher = _compile(_rows(lexicon))
    cols: dict[str, list] = {name: [] for name in _MATCH_COLUMNS}
    for article_id, body in zip(articles["id"].tolist(), articles["text"].tolist()):
        if not isinstance(body, str):
            if body is None or body is pd.NA or (isinstance(body, float) and math.isnan(body)):
                continue
            body = str(body)
        found = _find(body, matcher)
        if found:
            _add_rows(str(article_id), body, found, cols)
    return pd.DataFrame(cols).astype(_MATCH_COLUMNS)


def _find(body: str, matcher: _Matcher) -> list[tuple[int, int, str, str]]:
    """(start, end, group, term) of the kept matches, sorted by start."""
    lowered = body.lower()
    if len(lowered) == len(body):  # lower() never shrinks a character: same length, same offsets
        hits, first = matcher.lower_scanner.finditer(lowered), lowered
    else:
        hits, first = matcher.scanner.finditer(body), None
    by_group: dict[str, list[tuple[int, int, str]]] = {}
    for hit in hits:
        p = hit.start()
        key = first[p] if first is not None else body[p].lower()
        for variants in matcher.buckets.get(key, ()):
            m = variants.pattern.match(body, p)
            if m:
                k = m.lastindex  # the first alternative that matched: the longest, by ordering
                by_group.setdefault(variants.group, []).append((p, m.end(k), variants.terms[k - 1]))
    kept: list[tuple[int, int, str, str]] = []
    for group, candidates in by_group.items():
        # At one start the alternation prefers the longest variant; a longer match can still start
        # a word later ("Russia's invasion" vs "invasion of Ukraine by Russia"), so resolve
        # overlaps longest first, earlier first on ties.
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        starts: list[int] = []
        ends: list[int] = []
        for start, end, term in candidates:
            i = bisect_left(starts, start)
            if (i > 0 and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
                continue
            starts.insert(i, start)
            ends.insert(i, end)
            kept.append((start, end, group, term))
    kept.sort(key=lambda m: m[0])
    return kept


def _add_rows(article_id: str, body: str, found: list, cols: dict[str, list]) -> None:
    # Quotes and sentences cost far more than the regexes: only for articles with a match.
    quote_list = text.quotes(body)
    sentence_starts = [s for s, _ in text.sentence_spans(body)]
    for start, end, group, term in found:
        cols["article_id"].append(article_id)
        cols["group"].append(group)
        cols["term"].append(term)
        cols["text"].append(body[start:end])
        cols["start"].append(start)
        cols["end"].append(end)
        cols["voice"].append(text.voice(quote_list, start, end))
        cols["sentence"].append(max(bisect_right(sentence_starts, start) - 1, 0))


@lru_cache(maxsize=8)
def _compile(rows: tuple[tuple[str, str, str], ...]) -> _Matcher:
    """A scanner for the variants' first words and, per first character, one anchored alternation
    per group.

    Trying every group's whole alternation at every word start costs ~8 ms per article; the
    scanner finds the few word starts where some variant's first word begins (~0.2 ms), and only
    the variants sharing that first character are tried there. A scanner hit consumes one
    character, so a match overlapping an earlier one (a word later) is still seen; ``_find``
    resolves overlaps.
    """
    by_char: dict[str, dict[str, dict[str, str]]] = {}
    for group, term, cells in rows:
        for variant in _split_variants(cells):
            key = _variant_key(variant)
            # The first term listed wins a repeated variant (validate() rejects it across terms).
            by_char.setdefault(key[0], {}).setdefault(group, {}).setdefault(key, term)
    lower_parts, parts = [], []
    buckets: dict[str, tuple[_Variants, ...]] = {}
    for char in sorted(by_char):
        groups = by_char[char]
        rests = sorted({_first_word_rest(key) for keys in groups.values() for key in keys}, key=lambda w: (-len(w), w))
        head = _word_regex(char)
        lower_parts.append(rf"{head}(?<!\w.)(?=(?:{'|'.join(rests)}))")
        parts.append(rf"(?<!\w){head}(?=(?:{'|'.join(rests)}))")
        bucket = []
        for group, keys in groups.items():
            # More words first: at one start, a variant with more words ends later. Then longer
            # first, so "hegemonism" is tried before "hegemon".
            ordered = sorted(keys.items(), key=lambda kv: (-len(kv[0].split()), -len(kv[0]), kv[0]))
            pattern = re.compile("|".join(f"({_variant_regex(key)})" for key, _ in ordered), re.IGNORECASE)
            bucket.append(_Variants(group, pattern, tuple(term for _, term in ordered)))
        for alias in (_APOSTROPHES if char == "'" else char):
            buckets[alias] = tuple(bucket)
    return _Matcher(re.compile("|".join(lower_parts)), re.compile("|".join(parts), re.IGNORECASE), buckets)


def _first_word_rest(key: str) -> str:
    """The scanner's pattern for a variant's first word after its first character: whole word, or
    a prefix for a word ending in *."""
    word = key.split()[0]
    return _word_regex(word[1:]) if word.endswith("*") else _word_regex(word[1:]) + r"(?!\w)"


def _variant_regex(key: str) -> str:
    return _JOIN.join(_word_regex(word) for word in key.split()) + r"(?!\w)"


def _word_regex(word: str) -> str:
    star = word.endswith("*")
    core = word[:-1] if star else word
    out = "".join(f"[{_APOSTROPHES}]" if ch == "'" else re.escape(ch) for ch in core)
    return out + (r"\w*" if star else "")


# ---------------------------------------------------------------------------------------------
# Aggregates
# ---------------------------------------------------------------------------------------------

def usage(found: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """How often each outlet uses each alternative, in any voice.

    ``found`` is matches()'s frame; ``articles`` has id, outlet, words (the article's word count).
    Returns one row per outlet × (group, term) for every outlet in ``articles`` and every
    (group, term) in ``found`` (zero when the outlet never uses it): outlet, group, term, matches,
    articles_using (articles with at least one match), per_1000_words (matches per 1,000 words of
    all the outlet's articles; NaN when they have no words), outlet_articles. Sorted by outlet,
    group, term.
    """
    _require(articles, {"id", "outlet", "words"}, "articles")
    _require(found, {"article_id", "group", "term", "voice"}, "found")
    outlets = _outlets(articles)
    if found.empty or outlets.empty:
        return _empty(_USAGE_COLUMNS)
    joined = _with_outlet(found, articles)
    counts = (joined.groupby(["outlet", "group", "term"])
              .agg(matches=("article_id", "size"), articles_using=("article_id", "nunique")))
    grid = _grid(outlets.index, found)
    out = grid.join(counts).fillna({"matches": 0, "articles_using": 0}).reset_index()
    out = out.merge(outlets, left_on="outlet", right_index=True)
    words = out["outlet_words"].where(out["outlet_words"] > 0)
    out["per_1000_words"] = out["matches"] * 1000 / words
    out = out.astype({"matches": "int64", "articles_using": "int64", "outlet_articles": "int64",
                      "per_1000_words": "float64"})
    return out[_USAGE_COLUMNS].sort_values(["outlet", "group", "term"], ignore_index=True)


def shares(found: pd.DataFrame, articles: pd.DataFrame, *, voices=("narrative", "scare")) -> pd.DataFrame:
    """Each alternative's share of its group's matches, per outlet, counting only ``voices``.

    The default voices are the outlet's own (narrative text and its scare quotes); pass
    ``("quoted",)`` for the words of the people it quotes. ``found`` is matches()'s frame;
    ``articles`` has id, outlet. Returns outlet, group, term, matches, group_matches (the outlet's
    matches of any term of the group), share (matches / group_matches, 0..1; the shares of an
    outlet × group sum to 1), ci_low, ci_high (95% Wilson score interval for the share, 0..1) and
    articles_using. Every (group, term) found for any outlet is listed with zero for the outlets
    that use another term of the group; an outlet × group without matches is left out (no share).
    Sorted by outlet, group, term.
    """
    if isinstance(voices, str):
        voices = (voices,)
    voices = tuple(voices)
    unknown = sorted(set(voices) - set(VOICES))
    if unknown or not voices:
        raise ValueError(f"voices must be some of {', '.join(VOICES)}; got {', '.join(unknown) or 'none'}")
    _require(articles, {"id", "outlet"}, "articles")
    _require(found, {"article_id", "group", "term", "voice"}, "found")
    joined = _with_outlet(found[found["voice"].isin(voices)], articles)
    if joined.empty:
        return _empty(_SHARE_COLUMNS)
    counts = (joined.groupby(["outlet", "group", "term"])
              .agg(matches=("article_id", "size"), articles_using=("article_id", "nunique")))
    grid = _grid(sorted(joined["outlet"].unique()), found)
    out = grid.join(counts).fillna({"matches": 0, "articles_using": 0}).reset_index()
    out["group_matches"] = out.groupby(["outlet", "group"])["matches"].transform("sum")
    out = out[out["group_matches"] > 0].astype({"matches": "int64", "articles_using": "int64",
                                                "group_matches": "int64"})
    out["share"] = out["matches"] / out["group_matches"]
    bounds = [wilson(k, n) for k, n in zip(out["matches"], out["group_matches"])]
    out["ci_low"] = [low for low, _ in bounds]
    out["ci_high"] = [high for _, high in bounds]
    return out[_SHARE_COLUMNS].sort_values(["outlet", "group", "term"], ignore_index=True)


def wilson(successes: int, n: int, *, z: float = _Z95) -> tuple[float, float]:
    """Wilson score interval (low, high) for a proportion successes/n, within 0..1; (NaN, NaN)
    for n = 0. Unlike the normal approximation it stays inside 0..1 and is not zero-width at 0 or n."""
    if n <= 0:
        return math.nan, math.nan
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # At 0 and n the bounds are exactly 0 and 1; the formula gives them with rounding noise (5e-17).
    low = 0.0 if successes <= 0 else max(0.0, centre - half)
    high = 1.0 if successes >= n else min(1.0, centre + half)
    return low, high




def _outlets(articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: outlet_articles, outlet_words (missing word counts count as 0)."""
    known = articles.dropna(subset=["outlet"])
    return (known.assign(words=pd.to_numeric(known["words"], errors="coerce").fillna(0))
            .groupby("outlet").agg(outlet_articles=("id", "size"), outlet_words=("words", "sum")))


def _with_outlet(found: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    # Ids are compared as text: matches() writes article_id as str whatever the id's dtype was.
    ids = articles[["id", "outlet"]].dropna().assign(id=lambda f: f["id"].astype("str")).drop_duplicates("id")
    return found.assign(article_id=found["article_id"].astype("str")).merge(
        ids, left_on="article_id", right_on="id", how="inner")


def _grid(outlets, found: pd.DataFrame) -> pd.DataFrame:
    """An empty frame indexed by every outlet × (group, term) pair seen in ``found``."""
    pairs = found[["group", "term"]].drop_duplicates().sort_values(["group", "term"])
    index = pd.MultiIndex.from_tuples(
        [(outlet, group, term) for outlet in outlets for group, term in pairs.itertuples(index=False)],
        names=["outlet", "group", "term"])
    return pd.DataFrame(index=index)


def _empty(columns: list[str]) -> pd.DataFrame:
    dtypes = {"outlet": "str", "group": "str", "term": "str", "per_1000_words": "float64", "share": "float64",
              "ci_low": "float64", "ci_high": "float64"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "int64")) for c in columns})
