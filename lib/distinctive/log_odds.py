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

import numpy as np
import pandas as pd

from lib.distinctive.terms import COUNT_COLUMNS, _empty
from lib.frames import require as _require

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
    term_codes, terms, outlet_codes, outlets, values, corpus = table

    in_group = np.isin(outlets, list(group_set))[outlet_codes]
    in_rest = ~in_group if rest_set is None else np.isin(outlets, list(rest_set))[outlet_codes]
    y_group = np.bincount(term_codes[in_group], weights=values[in_group], minlength=len(terms))
    y_rest = np.bincount(term_codes[in_rest], weights=values[in_rest], minlength=len(terms))
    n_group, n_rest = y_group.sum(), y_rest.sum()
    if n_group == 0 or n_rest == 0:
        return _empty(LOG_ODDS_COLUMNS)

    alpha = alpha0 * corpus / corpus.sum()
    delta, z = _fightin(y_group, y_rest, n_group, n_rest, alpha, alpha0)
    used = np.flatnonzero((y_group + y_rest) > 0)
    at = used[np.lexsort((used, -z[used]))]   # z descending, then term: codes are in text order
    return pd.DataFrame({"term": terms.take(at),
                         "count_group": y_group[at].astype("int64"), "count_rest": y_rest[at].astype("int64"),
                         "freq_group": 1000.0 * y_group[at] / n_group, "freq_rest": 1000.0 * y_rest[at] / n_rest,
                         "delta": delta[at], "z": z[at]})


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
    term_codes, terms, outlet_codes, outlet_names, values, corpus = table

    # One row per (outlet, term) used: its own count is y_group, the corpus count minus it y_rest.
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
    keep = np.flatnonzero((n_rest > 0) & (z >= min_z))
    if not len(keep):
        return _empty(ONE_VS_REST_COLUMNS)

    at = keep[np.lexsort((t[keep], -z[keep], o[keep]))]   # outlet, z descending, term (in text order)
    first = np.flatnonzero(np.r_[True, o[at][1:] != o[at][:-1]])   # where each outlet's rows begin
    rank = np.arange(len(at)) - np.repeat(first, np.diff(np.r_[first, len(at)])) + 1
    at, rank = at[rank <= top], rank[rank <= top]
    return pd.DataFrame({"outlet": pd.array(outlet_names, dtype="str").take(o[at]), "term": terms.take(t[at]),
                         "z": z[at], "delta": delta[at], "count_group": y_group[at].astype("int64"),
                         "count_rest": y_rest[at].astype("int64"), "rank": rank.astype("int64")})


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
    """(term code per row, terms (str array, code-point order, so codes sort as the text),
    outlet code per row, outlets (object array, sorted), count per row, corpus count per term
    code) of the rows with an outlet, a term and a positive count, or None when there are none."""
    values = pd.to_numeric(counts["count"]).to_numpy(dtype="float64")
    keep = counts["outlet"].notna().to_numpy() & counts["term"].notna().to_numpy() & (values > 0)
    if not keep.any():
        return None
    # codes of every row, then the rows kept: cheaper than copying a filtered 600k-row frame
    term_codes, terms = _term_codes(counts["term"])
    outlet_codes, outlets = pd.factorize(counts["outlet"].astype("str"), sort=True)   # few outlets: Arrow is quick
    term_codes, outlet_codes, values = term_codes[keep], outlet_codes[keep], values[keep]
    corpus = np.bincount(term_codes, weights=values, minlength=len(terms))
    return term_codes, terms, outlet_codes, np.asarray(outlets, dtype=object), values, corpus


def _term_codes(terms: pd.Series) -> tuple[np.ndarray, pd.api.extensions.ExtensionArray]:
    """(code per row, the distinct terms in code-point order as a str array). A ``term_counts``
    frame's categorical column is read as it is (0.1 s saved per 600k rows); other terms,
    categories in another order included, are factorised."""
    if isinstance(terms.dtype, pd.CategoricalDtype) and terms.cat.categories.is_monotonic_increasing:
        return terms.cat.codes.to_numpy().astype("int64"), pd.array(terms.cat.categories, dtype="str")
    codes, distinct = pd.factorize(terms.astype("str").to_numpy(dtype=object), sort=True)   # NaN: code -1
    return codes, pd.array(distinct, dtype="str")


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
