"""Terms that distinguish one outlet from the others: Monroe, Colaresi & Quinn's "Fightin' Words".

Monroe, Colaresi & Quinn (2008), *Fightin' Words: Lexical Feature Selection and Evaluation for
Identifying the Content of Political Conflict*, Political Analysis 16(4). For a term w, a group i
(one outlet or several) and the rest j, with counts y_w, totals n and an informative Dirichlet prior
α_w = α0 · (corpus count of w / corpus total), so that α0 = Σ α_w:

    δ_w = log((y_w^i + α_w) / (n^i + α0 − y_w^i − α_w)) − log((y_w^j + α_w) / (n^j + α0 − y_w^j − α_w))
    var(δ_w) ≈ 1 / (y_w^i + α_w) + 1 / (y_w^j + α_w)
    z_w = δ_w / √var(δ_w)

δ > 0 means the term is more typical of the group; z weighs that difference by the evidence, so a
term said 50 times by one outlet and never by the others outranks one said once. Raw frequency
ratios do the opposite: they put every one-off term at the top.

Two simplifications, both the common practice:
* n is the number of *counted* term occurrences (the sum of the ``count`` column, unigrams and
  bigrams together, after stopwords and ``min_count``), not the raw number of words. Unigrams and
  bigrams are treated as one multinomial although they overlap.
* The prior comes from the frame you pass (every outlet in it), also for a pairwise comparison, so
  filter the frame to change the reference corpus.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from lib.frames import require as _require

__all__ = ["DEFAULT_PRIOR_SIZE", "STOPWORDS", "TOKEN_PATTERN", "log_odds", "one_vs_rest", "term_counts"]

COUNT_COLUMNS = ["outlet", "term", "count"]
LOG_ODDS_COLUMNS = ["term", "count_group", "count_rest", "freq_group", "freq_rest", "delta", "z"]
ONE_VS_REST_COLUMNS = ["outlet", "term", "z", "delta", "count_group", "count_rest", "rank"]

# α0 when ``prior_size`` is None: a fixed 10,000 pseudo-occurrences rather than the corpus size.
# * Fixed, so an outlet's result does not change strength as the dashboard's filters change.
# * Not the corpus size (α_w = the corpus count, ConvoKit's FightingWords default): then an outlet
#   with 1 % of the tokens is pulled ~99 % of the way to the corpus rates; on the AllSides sample
#   (185 outlets, 2.3 M counted terms) 36 outlets got no term with z ≥ 1.96 at all.
# * Not much smaller: the rest side of a term only one outlet uses is pure prior (α_w), and with
#   α0 = 1,000 its variance 1/α_w is so large that house words used 20-40 times by one outlet and
#   never by the others (BASIL: "huffpost", "president donald", "asylum") drop out of the top 10.
# Between 1,000 and 100,000 the order of shared terms barely moves for outlets with 20,000+
# counted terms; what the choice moves is the terms one outlet uses exclusively.
DEFAULT_PRIOR_SIZE = 10_000.0

# --- tokens -------------------------------------------------------------------------------------
# A token is a dotted acronym ("u.s.", "f.b.i.") or a run of letters and digits with internal
# hyphens or apostrophes ("anti-abortion", "o'rourke", "trump's"). What lies between two tokens
# decides whether they can form a bigram: only spaces may, so "Washington, Republicans" or
# "... on Tuesday. Democrats" never make one, and neither do words across a line break.
# Underscores separate tokens.
TOKEN_PATTERN = r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['\-][^\W_]+)*"
_SPLIT = re.compile(f"({TOKEN_PATTERN})")   # one capturing group: re.split keeps the tokens
_JOINING = r"[^\S\r\n]+"      # spaces only (incl. no-break spaces), no line break
# Middle initials ("Donald J. Trump") are dropped before tokenising so that "donald trump" is one
# bigram wherever an outlet uses the initial; "U.S." is untouched (its "S." follows a dot).
_INITIAL = re.compile(r"(?<![\w.])[A-Z]\.(?=[ \t]+[A-Z])")
# Curly apostrophes and Unicode hyphens would split the same word into two terms across outlets.
_FOLD = (("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u2010", "-"), ("\u2011", "-"))

# --- stopwords ----------------------------------------------------------------------------------
# English function words, contractions (with a straight apostrophe; "it's", "he's", "let's" lose
# their "'s" and meet "it", "he", "let"), and four kinds of news-speak that differ between outlets
# by house style rather than by framing: the neutral reporting verbs (said, says, say, told,
# according), courtesy titles (the New York Times writes "Mr. Biden" on second reference, most
# outlets do not), "a.m."/"p.m.", and "also". Loaded reporting verbs ("claimed", "insisted",
# "admitted") are deliberately *not* stopwords: choosing them is framing. Nor are "new" (New York),
# "first" (first lady), "white", "house" or number words other than "one": they head useful bigrams.
STOPWORDS: frozenset[str] = frozenset("""
a about above across after again against all almost along already also although always am among
an and another any anyone anything are around as at be because been before being below between
both but by can cannot could did do does doing done down during each either else even ever every
everyone everything few for from further had has have having he her here hers herself him himself
his how however i if in into is it its itself just least less let many may me might more most much
must my myself neither no nobody none nor not nothing now of off often on once one only onto or
other others otherwise ought our ours ourselves out over own per perhaps quite rather same shall
she should since so some someone something still such than that the their theirs them themselves
then there these they this those though through thus to too toward towards under unless until up
upon us very via was we well were what whatever when whenever where whether which while who whoever
whom whose why will with within without would yet you your yours yourself yourselves
aren't can't couldn't didn't doesn't don't hadn't hasn't haven't isn't mustn't shan't shouldn't
wasn't weren't won't wouldn't i'm i've i'll i'd you're you've you'll you'd we're we've we'll we'd
they're they've they'll they'd he'd he'll she'd she'll it'll that'll there'll who'd who'll
said says say saying told according mr mrs ms a.m p.m
""".split())


def term_counts(articles: pd.DataFrame, *, ngrams: tuple[int, int] = (1, 2), min_count: int = 3,
                stopwords: frozenset[str] | None = None) -> pd.DataFrame:
    """How often each outlet uses each term (a unigram or an n-gram).

    ``articles`` has columns outlet and text (id is not needed); rows without an outlet are
    ignored, missing text counts as empty. Feed it cleaned text (``lib.cleaning``): boilerplate
    such as "Hide caption" or "Sign up for Daily Newsletters" is very distinctive of its outlet.

    Text is lower-cased and tokenised with ``TOKEN_PATTERN``: letters and digits with internal
    hyphens/apostrophes, or a dotted acronym. Curly apostrophes and Unicode hyphens become ASCII,
    a trailing possessive "'s" is removed ("trump's" → "trump"), middle initials are dropped
    ("Donald J. Trump" → "donald trump"), and dotted acronyms of three letters or more lose their
    dots ("F.B.I." → "fbi"; "u.s", "a.m" keep theirs). ``ngrams`` = (shortest, longest) n, inclusive, like
    scikit-learn's ``ngram_range``. ``stopwords`` defaults to ``STOPWORDS``; pass ``frozenset()``
    to keep every word. Tokens of one character and tokens without a letter ("2020", "9-11") are
    treated as stopwords.

    * A unigram is any token that is not a stopword.
    * An n-gram is n tokens separated only by spaces (never across punctuation or a line break)
      whose first and last tokens are not stopwords. A bigram therefore has no stopword at all;
      from trigrams on, stopwords *inside* are kept ("rule of law", "secretary of state").

    Returns columns outlet (str), term (str; n-gram tokens joined by one space), count (int ≥ 1,
    occurrences of the term in the outlet's articles), one row per outlet and term used by it,
    sorted by outlet then count descending. Terms used fewer than ``min_count`` times in the
    whole frame are dropped.
    """
    _require(articles, ("outlet", "text"), "articles")
    low, high = _check_ngrams(ngrams)
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, got {min_count}")
    stop = STOPWORDS if stopwords is None else frozenset(stopwords)
    rows = articles[articles["outlet"].notna()]
    if rows.empty:
        return _empty(COUNT_COLUMNS)

    outlet_codes, outlets = pd.factorize(rows["outlet"].astype(str), sort=True)
    tokens, separators, lengths = _tokenise(rows["text"])
    if len(tokens) == 0:
        return _empty(COUNT_COLUMNS)
    token_outlet = np.repeat(outlet_codes, lengths)
    codes, vocabulary, is_stop = _vocabulary(tokens, stop)
    joins = _joins(separators, lengths)

    parts = []
    for n in range(low, high + 1):
        starts = _ngram_starts(codes, is_stop, joins, n)
        if len(starts) == 0:
            continue
        term_ids, first = _ngram_ids(codes, starts, n, len(vocabulary))
        parts.append(_count(token_outlet[starts], term_ids, first, codes, vocabulary, n, min_count))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return _empty(COUNT_COLUMNS)
    counts = pd.concat(parts, ignore_index=True)
    counts = counts.sort_values(["outlet_code", "count"], ascending=[True, False], kind="stable")
    return pd.DataFrame({"outlet": pd.array(outlets[counts["outlet_code"].to_numpy()], dtype="str"),
                         "term": pd.array(counts["term"].to_numpy(), dtype="str"),
                         "count": counts["count"].to_numpy(dtype="int64")})


def log_odds(counts: pd.DataFrame, *, group: set[str] | str, rest: set[str] | str | None = None,
             prior_size: float | None = None) -> pd.DataFrame:
    """Fightin' Words log-odds of every term, ``group`` against ``rest``.

    ``counts`` is a ``term_counts`` frame (outlet, term, count). ``group`` is one outlet or a set;
    ``rest`` defaults to every other outlet in the frame (one-vs-rest) or names another set of
    outlets (pairwise; it must not overlap ``group``). Outlets named but absent from the frame count
    as having used no term. The prior is α_w = α0 · (count of w in the whole frame / frame total)
    with α0 = ``prior_size`` (default ``DEFAULT_PRIOR_SIZE``, 10,000 pseudo-occurrences).

    Returns columns term, count_group and count_rest (occurrences, int ≥ 0), freq_group and
    freq_rest (occurrences per 1,000 counted term occurrences of that side), delta (log-odds ratio,
    unbounded, > 0 = more typical of the group), z (delta over its standard error; |z| > 1.96 is
    the usual 5 % threshold, not corrected for testing thousands of terms), one row per term used
    by either side, sorted by z descending. Empty when either side has no counted terms, e.g. a
    frame with a single outlet has no rest to compare with.
    """
    _require(counts, COUNT_COLUMNS, "counts")
    group_set = _outlet_set(group, "group")
    rest_set = None if rest is None else _outlet_set(rest, "rest")
    if rest_set is not None and group_set & rest_set:
        raise ValueError(f"group and rest overlap: {sorted(group_set & rest_set)}")
    alpha0 = _prior_size(prior_size)
    table = _table(counts)
    if table is None:
        return _empty(LOG_ODDS_COLUMNS)
    term_codes, terms, outlets, values, corpus = table

    in_group = outlets.isin(group_set)
    in_rest = ~in_group if rest_set is None else outlets.isin(rest_set)
    y_group = np.bincount(term_codes[in_group], weights=values[in_group], minlength=len(terms))
    y_rest = np.bincount(term_codes[in_rest], weights=values[in_rest], minlength=len(terms))
    n_group, n_rest = y_group.sum(), y_rest.sum()
    if n_group == 0 or n_rest == 0:
        return _empty(LOG_ODDS_COLUMNS)

    used = (y_group + y_rest) > 0
    alpha = alpha0 * corpus / corpus.sum()
    delta, z = _fightin(y_group, y_rest, n_group, n_rest, alpha, alpha0)
    out = pd.DataFrame({"term": pd.array(terms, dtype="str"),
                        "count_group": y_group.astype("int64"), "count_rest": y_rest.astype("int64"),
                        "freq_group": 1000.0 * y_group / n_group, "freq_rest": 1000.0 * y_rest / n_rest,
                        "delta": delta, "z": z})[used]
    return out.sort_values(["z", "term"], ascending=[False, True], kind="stable", ignore_index=True)


def one_vs_rest(counts: pd.DataFrame, *, top: int = 20, min_z: float = 1.96, **kw) -> pd.DataFrame:
    """The most distinctive terms of every outlet against all the others, in one vectorised pass.

    Equivalent to ``log_odds(counts, group=outlet, **kw)`` for each outlet, keeping its ``top``
    terms with z ≥ ``min_z``; ``kw`` may only be ``prior_size``. Only terms the outlet uses are
    candidates: a term it never uses always has delta < 0, so this changes nothing for min_z ≥ 0.

    Returns columns outlet, term, z, delta (as in ``log_odds``), count_group (the outlet's
    occurrences), count_rest (all other outlets' occurrences), rank (1 = most distinctive, up to
    ``top``), sorted by outlet then rank. An outlet may have fewer than ``top`` rows, or none; the
    frame is empty when ``counts`` holds fewer than two outlets.
    """
    _require(counts, COUNT_COLUMNS, "counts")
    unknown = set(kw) - {"prior_size"}
    if unknown:
        raise TypeError(f"one_vs_rest() got unexpected keyword arguments {sorted(unknown)}")
    if top < 1:
        raise ValueError(f"top must be at least 1, got {top}")
    alpha0 = _prior_size(kw.get("prior_size"))
    table = _table(counts)
    if table is None:
        return _empty(ONE_VS_REST_COLUMNS)
    term_codes, terms, outlets, values, corpus = table

    # One row per (outlet, term) used: its own count is y_group, the corpus count minus it y_rest.
    outlet_codes, outlet_names = pd.factorize(outlets, sort=True)
    pairs = pd.DataFrame({"o": outlet_codes, "t": term_codes, "y": values})
    pairs = pairs.groupby(["o", "t"], sort=False, as_index=False)["y"].sum()
    o, t, y_group = pairs["o"].to_numpy(), pairs["t"].to_numpy(), pairs["y"].to_numpy(dtype="float64")
    sizes = np.bincount(o, weights=y_group, minlength=len(outlet_names))
    total = corpus.sum()
    n_group = sizes[o]
    n_rest = total - n_group
    y_rest = corpus[t] - y_group
    alpha = alpha0 * corpus[t] / total
    delta, z = _fightin(y_group, y_rest, n_group, n_rest, alpha, alpha0)
    keep = (n_rest > 0) & (z >= min_z)
    if not keep.any():
        return _empty(ONE_VS_REST_COLUMNS)

    out = pd.DataFrame({"outlet_code": o[keep], "outlet": pd.array(outlet_names[o[keep]], dtype="str"),
                        "term": pd.array(terms[t[keep]], dtype="str"), "z": z[keep], "delta": delta[keep],
                        "count_group": y_group[keep].astype("int64"),
                        "count_rest": y_rest[keep].astype("int64")})
    out = out.sort_values(["outlet_code", "z", "term"], ascending=[True, False, True], kind="stable")
    out["rank"] = out.groupby("outlet_code", sort=False).cumcount() + 1
    return out[out["rank"] <= top][ONE_VS_REST_COLUMNS].reset_index(drop=True)


# --- the statistic ------------------------------------------------------------------------------

def _fightin(y_i, y_j, n_i, n_j, alpha, alpha0) -> tuple[np.ndarray, np.ndarray]:
    """δ and z of Monroe et al. (2008), section 3.5, elementwise.

    α_w > 0 for every term of the frame (its corpus count is ≥ 1), and n − y ≥ 0, α0 − α_w > 0
    unless the frame holds a single term: then that term is everything both sides said, its odds
    are infinite on both sides, and δ = z = 0 (no difference) instead of inf − inf.
    """
    rest_i = n_i - y_i + (alpha0 - alpha)
    rest_j = n_j - y_j + (alpha0 - alpha)
    defined = (rest_i > 0) & (rest_j > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log(y_i + alpha) - np.log(rest_i) - np.log(y_j + alpha) + np.log(rest_j)
        z = delta / np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
    return np.where(defined, delta, 0.0), np.where(defined, z, 0.0)


def _table(counts: pd.DataFrame):
    """(term code per row, term names, outlet per row, count per row, corpus count per term code),
    or None when no row has a positive count."""
    rows = counts[counts["outlet"].notna() & counts["term"].notna()]
    values = pd.to_numeric(rows["count"]).to_numpy(dtype="float64")
    positive = values > 0
    if not positive.any():
        return None
    rows, values = rows[positive], values[positive]
    term_codes, terms = pd.factorize(rows["term"].astype(str))
    outlets = pd.Index(rows["outlet"].astype(str))
    corpus = np.bincount(term_codes, weights=values, minlength=len(terms))
    return term_codes, np.asarray(terms, dtype=object), outlets, values, corpus


# --- tokenising ---------------------------------------------------------------------------------

def _tokenise(texts: pd.Series) -> tuple[list[str], list[str], np.ndarray]:
    """All tokens of all texts in order, the separator after each, and the token count per text.

    ``re.split`` with one capturing group alternates [text before, token, separator, token, ...,
    separator], so both lists are C-level slices: ~4x faster than ``findall`` with two groups.
    """
    tokens: list[str] = []
    separators: list[str] = []
    lengths = np.zeros(len(texts), dtype="int64")
    for i, text in enumerate(texts):
        if not isinstance(text, str) or not text:
            continue
        parts = _SPLIT.split(_fold(text))
        tokens.extend(parts[1::2])
        separators.extend(parts[2::2])
        lengths[i] = len(parts) // 2
    return tokens, separators, lengths


def _fold(text: str) -> str:
    """Lower-cased text without middle initials, with curly apostrophes and Unicode hyphens made
    ASCII (chained ``str.replace`` is ~10x faster than ``str.translate`` with a dict)."""
    text = _INITIAL.sub("", text)
    for before, after in _FOLD:
        if before in text:
            text = text.replace(before, after)
    return text.lower()


def _vocabulary(tokens: list[str], stop: frozenset[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Normalised token codes, the distinct normalised tokens, and whether each is a stopword.
    Normalising works on the distinct raw tokens (tens of thousands), never on every token."""
    raw_codes, raw = pd.factorize(np.asarray(tokens, dtype=object))
    normal = pd.Series(raw, dtype=object).str.replace(r"'s$", "", regex=True)
    # "F.B.I." and "FBI" are one term (house style, not framing); "U.S." keeps its dot because
    # "us" is a pronoun, and so do "a.m."/"p.m.".
    dotted = normal.str.endswith(".")
    normal = normal.where(~dotted, normal.str.rstrip("."))
    long_acronym = dotted & (normal.str.len() >= 5)
    normal = normal.where(~long_acronym, normal.str.replace(".", "", regex=False))
    norm_codes, vocabulary = pd.factorize(normal)
    words = pd.Series(vocabulary, dtype=object)
    # str.isalpha, not a regex: re's [^\W\d] also takes "¹" or "½" (numbers outside Nd) for letters.
    has_letter = words.map(lambda w: any(ch.isalpha() for ch in w)).to_numpy(dtype=bool)
    is_stop = (words.isin(stop) | (words.str.len() <= 1)).to_numpy(dtype=bool) | ~has_letter
    return norm_codes[raw_codes].astype("int64"), np.asarray(vocabulary, dtype=object), is_stop


def _joins(separators: list[str], lengths: np.ndarray) -> np.ndarray:
    """joins[k]: token k and token k + 1 stand in one phrase (spaces only between them, same text)."""
    sep_codes, distinct = pd.factorize(np.asarray(separators, dtype=object))
    joining = pd.Series(distinct, dtype=object).str.fullmatch(_JOINING).to_numpy(dtype=bool)
    joins = joining[sep_codes]
    ends = np.cumsum(lengths)[lengths > 0] - 1
    joins[ends] = False   # the last token of a text never joins the next text's first
    return joins


def _ngram_starts(codes: np.ndarray, is_stop: np.ndarray, joins: np.ndarray, n: int) -> np.ndarray:
    """Positions where a valid n-gram starts: edges not stopwords, n − 1 joins in a row."""
    size = len(codes) - n + 1
    if size <= 0:
        return np.empty(0, dtype="int64")
    stop = is_stop[codes]
    ok = ~stop[:size] & ~stop[n - 1:]
    for k in range(n - 1):
        ok &= joins[k:k + size]
    return np.flatnonzero(ok)


def _ngram_ids(codes: np.ndarray, starts: np.ndarray, n: int, vocabulary_size: int):
    """A dense id per distinct n-gram for each start, and one start position per id. Ids are
    re-factorised after each extra token so the combined key stays far below 2**63."""
    key = codes[starts]
    for k in range(1, n):
        key, _ = pd.factorize(key * vocabulary_size + codes[starts + k])
        key = key.astype("int64")
    ids, first_index, inverse = np.unique(key, return_index=True, return_inverse=True)
    return inverse.astype("int64"), starts[first_index]


def _count(outlet_codes, term_ids, first, codes, vocabulary, n, min_count) -> pd.DataFrame:
    """outlet_code, term, count for the n-grams whose total reaches min_count."""
    totals = np.bincount(term_ids)
    kept = totals >= min_count
    if not kept.any():
        return pd.DataFrame({"outlet_code": [], "term": [], "count": []})
    mask = kept[term_ids]
    width = int(term_ids.max()) + 1
    pair, count = np.unique(outlet_codes[mask].astype("int64") * width + term_ids[mask], return_counts=True)
    outlet, term = np.divmod(pair, width)
    names = _names(codes, vocabulary, first, n)
    return pd.DataFrame({"outlet_code": outlet, "term": names[term], "count": count})


def _names(codes, vocabulary, first, n) -> np.ndarray:
    """The text of each n-gram id: its tokens at its first occurrence, joined by spaces."""
    text = pd.Series(vocabulary[codes[first]], dtype=object)
    for k in range(1, n):
        text = text + " " + pd.Series(vocabulary[codes[first + k]], dtype=object)
    return text.to_numpy(dtype=object)


# --- validation ---------------------------------------------------------------------------------



def _check_ngrams(ngrams) -> tuple[int, int]:
    if isinstance(ngrams, (str, bytes)):   # "12" would unpack into two digits
        raise ValueError(f"ngrams must be (shortest, longest), got {ngrams!r}")
    try:
        low, high = (int(v) for v in ngrams)
    except (TypeError, ValueError):
        raise ValueError(f"ngrams must be (shortest, longest), got {ngrams!r}") from None
    if not 1 <= low <= high:
        raise ValueError(f"ngrams must satisfy 1 <= shortest <= longest, got {ngrams!r}")
    return low, high


def _outlet_set(value: set[str] | str, name: str) -> frozenset[str]:
    outlets = frozenset([value] if isinstance(value, str) else (str(v) for v in value))
    if not outlets:
        raise ValueError(f"{name} names no outlet")
    return outlets


def _prior_size(prior_size: float | None) -> float:
    alpha0 = DEFAULT_PRIOR_SIZE if prior_size is None else float(prior_size)
    if not math.isfinite(alpha0) or alpha0 <= 0:
        raise ValueError(f"prior_size must be a positive number, got {prior_size!r}")
    return alpha0


def _empty(columns: list[str]) -> pd.DataFrame:
    dtypes = {"outlet": "str", "term": "str", "count": "int64", "count_group": "int64",
              "count_rest": "int64", "rank": "int64"}
    return pd.DataFrame({c: pd.Series([], dtype=dtypes.get(c, "float64")) for c in columns})
