"""Suggested contested-term sets, found in the corpus alone: groups of alternative wordings that
name the same thing and that outlets use at different rates ("global warming" / "climate change",
"illegal immigrants" / "undocumented immigrants", "invasion" / "military intervention").

Two steps, so that a story filter or a new outlet choice costs little:

    candidates = suggest.candidate_sets(articles)         # corpus-level: the sets, no outlet counts
    lexicon = suggest.as_lexicon(candidates)               # group, term, variants: lib.framing.matches
    found = framing.matches(articles, lexicon)             # each occurrence, with its voice
    ranked = suggest.rank(found, articles, candidates)     # per set: how strongly outlets differ

``candidate_sets`` is the reduce of a per-article map (``lib.framing.suggest_map``): each article's
token stream is found from its own text alone (``lib.framing.tokens.article_tokens``) and stored; the corpus-level
steps below run on the stored streams of the corpus's articles (``_candidates_from``).

How a set is found (``candidate_sets``). Every phrase of one to three words that does not start
or end with a function word and occurs often enough is a candidate. Each is described by the
words around its occurrences: the two before and the two after, by position, weighted by positive
pointwise mutual information (so that "the … of" says little and "combat …", "… deniers" a lot).
Two phrases are alternatives when

* they fill the same slots: the cosine of their context vectors is high (distributional
  substitutes; synonyms and co-hyponyms alike), and
* they are not two things mentioned together: alternatives for one referent are seldom joined by
  "and"/"or" ("Russia and China" are two things) and seldom share a sentence, and
* their words do not overlap, except a phrase that differs from the other in one word only
  ("illegal immigrants" / "undocumented immigrants", "climate change" / "climate crisis").

A phrase that names nothing is no candidate (``_namings``, from ``lib.framing.phrase_kinds``):
one that mostly stops inside a name ("Representative Kevin" before "McCarthy",
``NAME_FRAGMENT``), nearly always follows a number (a unit: "40 tons", "12-year-old", ``UNIT``),
reads as a verb or a clause ("warned", "promised", "Trump told reporters", ``VERB``), is a
word that mostly follows "is" or "very" (a quality or an ongoing act: "important", "running",
``PREDICATE``), is nearly
always followed by another content word or preceded by one same word (a modifier or a tail cut
out of a longer phrase: "former", "long-range", ``MODIFIER``; "warming" of "global warming",
``TAIL``), dates or counts ("last week", "Tuesday afternoon") or joins two
things ("Trump and Macron").

Singular and plural (or a trailing "'s") are variants of one term, never alternatives. Pairs are
then joined into sets of at most ``MAX_TERMS`` terms, every pair in a set being alternatives.

Sets of another kind are added (``lib.framing.targets``): the heads of phrases about one named
target that someone acts on ("invasion of Ukraine", "Russia's military intervention in Ukraine"),
which need not recur.

How sets are ranked (``rank``). Per set, an outlets × terms table of matches (the outlet's own
voice by default); the statistic is Cramér's V of that table (0..1: 0 = every outlet splits the
set the same way, 1 = each term belongs to one outlet), with its N and a chi-square p-value; the
score is V shrunk towards 0 for small N (V·N/(N+50)) times the pair's context similarity. A set
with fewer than ``MIN_MATCHES`` matches in the selection is not ranked: so few uses cannot show
outlets differing, and on a small story they were the chance sets ranked first.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from lib.frames import require as _require
from lib.framing import phrase_kinds
from lib.framing import phrases as _phrase_list
from lib.framing.phrases import MAX_WORDS
from lib.framing.tokens import Tokens as _Tokens

MAX_TERMS = 4            # the most alternatives in one set
MIN_SIMILARITY = 0.05    # cosine of PPMI context vectors below which two phrases are not substitutes
WINDOW = 5               # topic context: content words this many tokens either side
ONE_WORD_SIMILARITY = 0.0  # phrases one word apart need only this (their shared words tie them)
NEIGHBOURS = 3           # a phrase's alternatives are among its this many most similar phrases
MAX_COORDINATION = 0.05  # share of the rarer phrase's uses joined to the other by and/or
MAX_SAME_SENTENCE = 0.15 # share of the rarer phrase's sentences that also hold the other
PROPER_NAME = 0.5        # a phrase capitalised in this share of its mid-sentence uses is a name
PROPER_WORD = phrase_kinds.NAME_WORD  # a word capitalised so often is a name ("president" is not)
NAME_FRAGMENT = 0.5      # a phrase stopping inside a name in this share of its uses is left out
UNIT = 0.8               # a phrase right after a number in this share of its uses is a unit: left out
VERB = phrase_kinds.VERB_WORD  # a phrase reading as a verb this much (phrase_kinds.verb_shares) is left out
PREDICATE = 0.12         # a word alone after "is"/"very" this often is a quality or an act: left out
TAIL = 0.8               # a common phrase after one same word in this share of its uses is left out
MODIFIER = 0.8           # a phrase followed by a content word in this share of its uses is left out
MIN_MATCHES = 5          # fewer matches cannot show outlets differing (chi-square's rule of five)
SHRINK_N = 50            # V·N/(N+SHRINK_N): a set needs N ≳ 20 matches before its V counts fully
CANDIDATE_COLUMNS = ["group", "term", "variants", "count", "similarity"]
RANK_COLUMNS = ["group", "terms", "score", "cramers_v", "n", "p_value", "outlets", "similarity"]




def candidate_sets(articles: pd.DataFrame, *, min_count: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus's suggested contested-term sets, and how often each article uses each term.

    ``articles`` has columns id and text. ``min_count`` is how often a phrase must occur in the
    corpus to be a candidate (default: 3, plus one per 2,000 articles). Returns one row per term:
    group (the set's name, its terms joined by " / "), term, variants (the term's surface forms
    joined by "; ", as in framing.csv), count (occurrences in the corpus) and similarity (the
    set's lowest pairwise context cosine, 0..1). Sets are in no particular order: ``rank`` orders
    them by outlet differences. The second frame (article_id, group, term, count) holds the
    per-article counts, in any voice, that ``prerank`` ranks any selection of articles with.

    The same as ``suggest_map.reduce(suggest_map.map_articles(articles), articles.id)``: each
    article is tokenised on its own (the map), the corpus-level steps run on the stored tokens.
    """
    from lib.framing import suggest_map

    _require(articles, {"id", "text"}, "articles")
    # rows by number, so that two rows with one id stay two articles, as they always were
    rows = pd.DataFrame({"id": [str(k) for k in range(len(articles))], "text": articles["text"].to_numpy()})
    candidates, counts = suggest_map.reduce(suggest_map.map_articles(rows), rows["id"], min_count=min_count)
    ids = articles["id"].astype("str").to_numpy()
    counts["article_id"] = ids[counts["article_id"].astype("int64").to_numpy()] if len(counts) else counts["article_id"]
    return candidates, counts


def _candidates_from(tokens: _Tokens, ids: np.ndarray, min_count: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``candidate_sets`` from the corpus's token stream (``_assemble``); ``ids``: the article id
    of each article number in ``tokens.article``."""
    phrases = _phrase_list.frequent(tokens, min_count) if len(tokens.codes) else pd.DataFrame()
    if phrases.empty:
        candidates, counts = _empty_candidates(), _empty_counts()
    else:
        phrases = _phrase_list.merge_inflections(phrases)
        phrases["proper"] = phrase_kinds.proper_shares(tokens, phrases)
        phrases = phrases[_namings(tokens, phrases)].reset_index(drop=True)
        vectors = _context_vectors(tokens, phrases)
        pairs = _substitute_pairs(tokens, phrases, vectors)
        candidates, members = _sets(pairs, phrases)
        candidates = _one_word_sets_as_typical(candidates, phrases, members)
        counts = _article_counts(tokens, phrases, candidates, members, ids)
    return _with_target_sets(tokens, ids, candidates, counts)


def _one_word_sets_as_typical(candidates: pd.DataFrame, phrases: pd.DataFrame,
                              members: list[list[int]]) -> pd.DataFrame:
    """The candidates with each set whose terms differ from one another in one word before a
    shared last word ("president trump" / "donald trump", "illegal immigrants" / "undocumented
    immigrants") given at least the corpus's median set similarity: their shared words already
    say they name one thing, and modifiers that differ in meaning have contexts that differ too
    (a low cosine is no sign they are not alternatives)."""
    if candidates.empty:
        return candidates
    words = phrases["words"].tolist()
    one_word = {phrases.at[ms[0], "phrase"] for ms in members
                if all(_shared_head(words[a], words[b]) for k, a in enumerate(ms) for b in ms[k + 1:])}
    typical = float(candidates.drop_duplicates("group")["similarity"].median())
    lifted = candidates["term"].isin(one_word).groupby(candidates["group"]).transform("any")
    return candidates.assign(similarity=np.where(lifted, np.maximum(candidates["similarity"], typical),
                                                 candidates["similarity"]))


def _differ_in_one(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return len(a) == len(b) > 1 and sum(x != y for x, y in zip(a, b)) == 1


def _shared_head(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether two phrases differ in one word before a shared last word ("illegal immigrants" /
    "undocumented immigrants")."""
    return _differ_in_one(a, b) and a[-1] == b[-1]


def _namings(tokens: _Tokens, phrases: pd.DataFrame) -> np.ndarray:
    """Per phrase (columns as ``phrases.frequent`` and proper): whether it can name a thing
    (``phrase_kinds``): not a piece of a name, a unit, a verb or clause, a quality, a modifier
    or tail cut out of a longer phrase, a date or count, or two things joined by "and"."""
    texts = phrases["phrase"]
    capitalised = np.nan_to_num(phrases["proper"].to_numpy(), nan=1.0) >= PROPER_NAME
    # a name's uses follow its titles ("Senator Jane Roe"): only a common phrase is a tail
    tail = (phrase_kinds.preceded_shares(tokens, phrases) >= TAIL) & ~capitalised & (phrases["n"] < MAX_WORDS).to_numpy()
    return (~tail & (phrase_kinds.name_fragment_shares(tokens, phrases) < NAME_FRAGMENT)
            & (phrase_kinds.after_number_shares(tokens, phrases) < UNIT)
            & (phrase_kinds.verb_shares(tokens, phrases) < VERB)
            & (phrase_kinds.predicate_shares(tokens, phrases) < PREDICATE)
            & (phrase_kinds.modifier_shares(tokens, phrases) < MODIFIER)
            & ~np.fromiter(map(phrase_kinds.is_time_or_count, texts, capitalised), dtype=bool, count=len(texts))
            & ~texts.map(phrase_kinds.is_coordination).to_numpy(dtype=bool))


def _with_target_sets(tokens: _Tokens, ids: np.ndarray, candidates: pd.DataFrame,
                      counts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The candidates and counts with the names of one event's target added
    (``lib.framing.targets``), counted as a new article's terms are (``suggest_map.count_terms``)."""
    from lib.framing import suggest_map, targets

    # a term belongs to one set only (counts are kept by term)
    found = targets.target_sets(tokens, taken=set(candidates["term"])) if len(tokens.codes) else pd.DataFrame()
    if found.empty:
        return candidates, counts
    # ranked as a typical substitute set of this corpus is: they are not context substitutes
    if len(candidates):
        found = found.assign(similarity=float(candidates.drop_duplicates("group")["similarity"].median()))
    extra = suggest_map.count_terms(tokens, ids, found)
    return (pd.concat([candidates, found], ignore_index=True).astype(candidates.dtypes.to_dict()),
            pd.concat([counts, extra], ignore_index=True) if len(counts) else extra)


def prerank(counts: pd.DataFrame, articles: pd.DataFrame, candidates: pd.DataFrame, *,
            voices=("narrative", "scare"), min_outlets: int = 2) -> pd.DataFrame:
    """``rank`` from the per-article counts of ``candidate_sets``, no matching: cheap enough for
    every set on every filter change. ``voices``: the outlet's own ("narrative", "scare": counts
    outside someone's quoted words) and/or "quoted"."""
    return _ranked(_cells(counts, articles, voices), candidates, min_outlets)


def _cells(counts: pd.DataFrame, articles: pd.DataFrame, voices) -> pd.DataFrame:
    """Per (group, outlet, term): o, the uses in ``voices`` of the per-article ``counts``."""
    _require(articles, {"id", "outlet"}, "articles")
    outlet_of = _outlet_of(articles)
    voices = tuple(voices)
    if "quoted" not in voices:
        counts = counts[~counts["quoted"]]
    elif not set(voices) - {"quoted"}:
        counts = counts[counts["quoted"]]
    hits = counts.assign(outlet=counts["article_id"].astype("str").map(outlet_of)).dropna(subset=["outlet"])
    return hits.groupby(["group", "outlet", "term"], observed=True)["count"].sum().rename("o").reset_index()


def as_lexicon(candidates: pd.DataFrame) -> pd.DataFrame:
    """The candidates as a framing lexicon (group, term, variants), for ``lib.framing.matches``."""
    return candidates[["group", "term", "variants"]].reset_index(drop=True)


def rank(found: pd.DataFrame, articles: pd.DataFrame, candidates: pd.DataFrame, *,
         voices=("narrative", "scare"), min_outlets: int = 2) -> pd.DataFrame:
    """The candidate sets ordered by how strongly outlets differ in choosing among their terms.

    ``found`` is lib.framing.matches of ``as_lexicon(candidates)`` (any articles; only those in
    ``articles`` count); ``articles`` has id, outlet; ``voices`` as in lib.framing.shares. Sets
    used by fewer than ``min_outlets`` known outlets, or using fewer than two of their terms, are
    left out. Returns one row per set, best first: group, terms (list of str), score (0..1),
    cramers_v (0..1), n (matches counted), p_value (chi-square test of outlets × terms), outlets
    (outlets using the set), similarity (from ``candidates``).
    """
    _require(articles, {"id", "outlet"}, "articles")
    _require(found, {"article_id", "group", "term", "voice"}, "found")
    outlet_of = _outlet_of(articles)
    own = found[found["voice"].isin(tuple(voices))]
    own = own.assign(outlet=own["article_id"].astype("str").map(outlet_of)).dropna(subset=["outlet"])
    cells = own.groupby(["group", "outlet", "term"], observed=True).size().rename("o").reset_index()
    return _ranked(cells, candidates, min_outlets)


def suggestions(articles: pd.DataFrame, candidates: pd.DataFrame, counts: pd.DataFrame, *, top: int = 10,
                voices=("narrative", "scare")) -> pd.DataFrame:
    """The ``top`` suggestions for these articles (id, outlet), best first, as ``prerank`` gives
    them from the stored counts in ``voices``, without the sets whose terms differ only in words
    of a better set's terms (``_drop_echoes``). After them, score 0, up to
    ``targets.FEW_USES_SHOWN`` names of one target (``lib.framing.targets``) that two outlets use
    too rarely for their difference to count: their terms are alternatives by what they name, not
    by chance, so an analyst of a small corpus still sees them; other sets need the evidence."""
    from lib.framing import targets

    keep = set(articles["id"].astype("str"))
    counts = counts[counts["group"].isin(set(candidates["group"])) & counts["article_id"].astype("str").isin(keep)]
    cells = _cells(counts, articles, voices)   # not the sets taken out of the candidates (dismissed, known)
    ranked = _drop_echoes(_ranked(cells, candidates, 2)).head(top)
    # names of one target too rarely used to rank (targets.FEW_USES_SHOWN), after the ranked sets
    rare = _ranked(cells[targets.target_groups(cells["group"])], candidates, 2, unproven=True)
    rare = rare[~rare["group"].isin(set(ranked["group"]))].sort_values(["n", "group"], ascending=[False, True])
    return pd.concat([ranked, rare.head(targets.FEW_USES_SHOWN)], ignore_index=True)


def evidence(found: pd.DataFrame, articles: pd.DataFrame, *, per_term: int = 2,
             voices=("narrative", "scare")) -> pd.DataFrame:
    """A few sentences showing each term of a set in use: up to ``per_term`` per term, from
    different outlets where there are several. ``found`` is lib.framing.matches of the set;
    ``articles`` has id, outlet, text. Returns article_id, outlet, term, sentence (plain text,
    as written: escape it before rendering), start, end (the match's offsets within the sentence)."""
    from lib.text import sentence_spans

    columns = ["article_id", "outlet", "term", "sentence", "start", "end"]
    if found.empty:
        return pd.DataFrame(columns=columns)
    by_id = articles.assign(id=articles["id"].astype("str")).drop_duplicates("id").set_index("id")
    hits = found[found["voice"].isin(tuple(voices)) & found["article_id"].astype("str").isin(by_id.index)]
    rows = []
    for term, uses in hits.groupby("term", sort=False):
        uses = uses.assign(outlet=uses["article_id"].astype("str").map(by_id["outlet"]))
        picked = uses.drop_duplicates("outlet").head(per_term)
        for use in picked.itertuples():
            body = str(by_id.at[str(use.article_id), "text"])
            start, end = next(((a, b) for a, b in sentence_spans(body) if a <= use.start < b), (use.start, use.end))
            rows.append({"article_id": str(use.article_id), "outlet": use.outlet, "term": term,
                         "sentence": body[start:end], "start": use.start - start, "end": use.end - start})
    return pd.DataFrame(rows, columns=columns)


def _drop_echoes(ranked: pd.DataFrame) -> pd.DataFrame:
    """Without the sets that only echo a better one: those whose terms differ only in words of
    the better set's terms ("change" / "warming", "immigrants were detained" / "aliens were
    detained" after "undocumented immigrants" / "illegal aliens")."""
    seen: set[str] = set()
    keep = []
    for terms in ranked["terms"]:
        words = [set(t.replace("-", " ").split()) for t in terms]
        varying = set().union(*words) - set.intersection(*words)
        keep.append(not varying <= seen)
        seen |= set().union(*words)
    return ranked[np.asarray(keep, dtype=bool)]  # a plain empty list would select no columns


def _outlet_of(articles: pd.DataFrame) -> pd.Series:
    # an article nobody knows the outlet of counts under "(unknown outlet)", as on every page
    from lib.coverage import outlet_names

    return (articles.assign(id=articles["id"].astype("str"), outlet=outlet_names(articles))
            .drop_duplicates("id").set_index("id")["outlet"])


def _ranked(cells: pd.DataFrame, candidates: pd.DataFrame, min_outlets: int, *, unproven: bool = False) -> pd.DataFrame:
    """The sets of ``cells`` that ``min_outlets`` outlets use with two or more terms, best first:
    those whose Cramér's V is above 0 on MIN_MATCHES matches or more, or (``unproven``) the
    others (V corrected to 0, or too few matches), which score 0."""
    if cells.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in RANK_COLUMNS})
    stats = association(cells)
    proven = (stats["cramers_v"] > 0) & (stats["n"] >= MIN_MATCHES)
    differ = ~proven if unproven else proven
    stats = stats[(stats["outlets"] >= min_outlets) & (stats["terms_used"] >= 2) & differ]
    if stats.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in RANK_COLUMNS})
    similarity = candidates.drop_duplicates("group").set_index("group")["similarity"]
    terms = cells.groupby("group")["term"].agg(lambda t: sorted(set(t)))
    stats = stats.assign(terms=stats.index.map(terms), similarity=stats.index.map(similarity).astype("float64"))
    stats["score"] = 0.0 if unproven else stats["cramers_v"] * stats["n"] / (stats["n"] + SHRINK_N) * stats["similarity"]
    out = stats.reset_index().sort_values(["score", "n"], ascending=False, ignore_index=True)
    return out[RANK_COLUMNS]


def association(cells: pd.DataFrame) -> pd.DataFrame:
    """Per group, from its non-zero cells (group, outlet, term, o = count): n, outlets, terms_used,
    cramers_v (bias-corrected, Bergsma 2013: uncorrected, 12 matches over 6 outlets give V near 1
    by chance) and p_value (chi-square test of independence), all groups at once.

    chi² = N·(Σ O²/(R·C) − 1), summed over non-zero cells only (R, C: row and column totals)."""
    from scipy.stats import chi2 as chi2_distribution

    by_group = cells.groupby("group")["o"]
    rows = cells.groupby(["group", "outlet"])["o"].transform("sum")
    cols = cells.groupby(["group", "term"])["o"].transform("sum")
    cells = cells.assign(part=cells["o"] ** 2 / (rows * cols))
    stats = pd.DataFrame({"n": by_group.sum(), "outlets": cells.groupby("group")["outlet"].nunique(),
                          "terms_used": cells.groupby("group")["term"].nunique(),
                          "sum": cells.groupby("group")["part"].sum()})
    total = stats["n"].astype("float64")
    chi2 = (total * (stats["sum"] - 1)).clip(lower=0)
    r, c = stats["outlets"].astype("float64"), stats["terms_used"].astype("float64")
    ok = (total >= 2) & (r >= 2) & (c >= 2)
    safe = total.where(ok, 2.0)
    phi2 = (chi2 / safe - (r - 1) * (c - 1) / (safe - 1)).clip(lower=0)
    scale = np.minimum(r - (r - 1) ** 2 / (safe - 1), c - (c - 1) ** 2 / (safe - 1)) - 1
    v = np.sqrt(phi2 / scale.where(scale > 0)).fillna(0).clip(upper=1)
    p = pd.Series(chi2_distribution.sf(chi2, ((r - 1) * (c - 1)).clip(lower=1)), index=stats.index)
    return stats.assign(n=stats["n"].astype("int64"), cramers_v=v.where(ok, 0.0), p_value=p.where(ok, 1.0),
                        outlets=stats["outlets"].astype("int64"))


# ---------------------------------------------------------------------------------------------
# Contexts and substitutes
# ---------------------------------------------------------------------------------------------

def _context_vectors(tokens: _Tokens, phrases: pd.DataFrame):
    """Two descriptions of each phrase's uses, as (slot, topic) PPMI matrices with rows of unit
    length (scipy CSR): ``slot`` counts the words in the positions two and one before and one and
    two after (which grammatical slot the phrase fills: "combat …", "… deniers", "the … of");
    ``topic`` counts the content words within WINDOW tokens either side (what it is talked about
    with). Substitutes share both; co-occurring topic words share only the second, words of one
    syntactic kind (any noun after "the") only the first."""
    codes, size = tokens.codes, len(tokens.vocabulary)
    total = len(codes)
    rows, starts, lengths = _uses(phrases)
    ends = starts + lengths
    slot_rows, slot_cols, topic_rows, topic_cols = [], [], [], []
    content = tokens.is_edge_word
    for slot, positions in enumerate((starts - 2, starts - 1, ends, ends + 1)):
        inside = (positions >= 0) & (positions < total)
        slot_cols.append(slot * size + codes[positions[inside]])
        slot_rows.append(rows[inside])
    for offset in range(1, WINDOW + 1):
        for positions in (starts - offset, ends - 1 + offset):
            inside = (positions >= 0) & (positions < total)
            near = codes[positions[inside]]
            keep = content[near]
            topic_cols.append(near[keep])
            topic_rows.append(rows[inside][keep])
    slot = _ppmi(np.concatenate(slot_rows), np.concatenate(slot_cols), (len(phrases), 4 * size))
    topic = _ppmi(np.concatenate(topic_rows), np.concatenate(topic_cols), (len(phrases), size))
    return slot, topic


def _uses(phrases: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every use of every phrase at once: (row of ``phrases``, start token, length in tokens)."""
    sizes = np.fromiter((len(s) for s in phrases["starts"]), dtype="int64", count=len(phrases))
    rows = np.repeat(np.arange(len(phrases), dtype="int32"), sizes)
    if not sizes.sum():
        return rows, np.zeros(0, dtype="int64"), np.zeros(0, dtype="int64")
    return (rows, np.concatenate(list(phrases["starts"])).astype("int64"),
            np.concatenate(list(phrases["lengths"])).astype("int64"))


def _ppmi(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]):
    """Positive PMI of co-occurrence counts, rows scaled to unit length. Context counts are
    smoothed (power 0.75, Levy et al. 2015): rare contexts otherwise get the highest weights."""
    import scipy.sparse as sp

    counts = sp.csr_matrix((np.ones(len(rows), dtype="float64"), (rows, cols)), shape=shape)
    counts.sum_duplicates()
    grand = counts.sum()
    if grand == 0:
        return counts
    row_sum = np.asarray(counts.sum(axis=1)).ravel()
    col_sum = np.asarray(counts.sum(axis=0)).ravel() ** 0.75
    col_p = col_sum / col_sum.sum()
    coo = counts.tocoo()  # canonical after sum_duplicates: by row, columns ascending
    pmi = np.log((coo.data / grand) / ((row_sum[coo.row] / grand) * col_p[coo.col]))
    keep = pmi > 0
    # built straight as CSR in that order: sorted column indices, so that every dot product
    # sums in column order (``_similarity`` relies on it)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(coo.row[keep], minlength=shape[0]))])
    weights = sp.csr_matrix((pmi[keep], coo.col[keep], indptr), shape=shape)
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    out = sp.csr_matrix((weights.data * (1 / norms)[np.repeat(np.arange(shape[0]), np.diff(indptr))],
                         weights.indices, weights.indptr), shape=shape)
    out.has_sorted_indices = True
    return out


def _substitute_pairs(tokens: _Tokens, phrases: pd.DataFrame, vectors) -> pd.DataFrame:
    """Pairs of phrases that fill the same slots and are not mentioned together: i, j (rows of
    ``phrases``, i < j), similarity. Each phrase's NEIGHBOURS most similar alternatives are
    found; a pair is kept when each is among the other's (mutual nearest neighbours: similarity
    is relative, as a small corpus gives every cosine a low ceiling)."""
    slot, topic = vectors
    # geometric mean: a pair must fill the same slots *and* be talked about with the same words
    similarity = _similarity(slot, topic)
    np.fill_diagonal(similarity, 0)
    words = phrases["words"].tolist()
    texts = phrases["phrase"].tolist()
    proper = np.nan_to_num(phrases["proper"].to_numpy(), nan=0.0) >= PROPER_NAME
    name_word = phrase_kinds.word_capital_shares(tokens) >= PROPER_WORD
    nearest: list[set[int]] = []
    look = min(len(phrases) - 1, 40)
    for first in range(0, len(phrases) if look > 0 else 0, 512):  # a block of rows at a time
        block = -similarity[first:first + 512]
        order = np.argpartition(block, look - 1, axis=1)[:, :look]
        order = np.take_along_axis(order, np.argsort(np.take_along_axis(block, order, axis=1), axis=1), axis=1)
        close = np.take_along_axis(block, order, axis=1) <= -MIN_SIMILARITY
        for i, row, ok in zip(range(first, first + len(block)), order.tolist(), close.tolist()):
            kept = [j for j, near in zip(row, ok) if near
                    and _may_alternate(words[i], words[j], proper[i], proper[j], name_word)
                    and not _abbreviation(texts[i], texts[j])]
            nearest.append(set(kept[:NEIGHBOURS]))
    if look <= 0:
        nearest = [set() for _ in range(len(phrases))]
    pairs = {(min(i, j), max(i, j)) for i, near in enumerate(nearest) for j in near if i in nearest[j]}
    # phrases differing in one word ("illegal immigrants" / "undocumented immigrants") need only
    # some shared context: the shared words already say they are about one thing
    # phrases differing in their last word ("climate change" / "climate crisis", "sea ice" / "sea
    # levels") name two things as often as one: they need the context support of any pair
    pairs |= {(i, j) for i, j in _one_word_apart(words)
              if similarity[i, j] >= (MIN_SIMILARITY if words[i][-1] != words[j][-1] else ONE_WORD_SIMILARITY)
              and _may_alternate(words[i], words[j], proper[i], proper[j], name_word)}
    # a word and its negation ("legal" / "illegal", "favorable" / "unfavorable") are opposites
    pairs = {(i, j) for i, j in pairs if not phrase_kinds.negates(texts[i], texts[j])}
    pairs = sorted(pairs)
    if not pairs:
        return pd.DataFrame(columns=["i", "j", "similarity"])
    pairs = pd.DataFrame(pairs, columns=["i", "j"])
    pairs["similarity"] = similarity[pairs["i"], pairs["j"]]
    joined, together = _togetherness(tokens, phrases, pairs)
    rarer = np.minimum(phrases["count"].to_numpy()[pairs["i"]], phrases["count"].to_numpy()[pairs["j"]])
    pairs = pairs.assign(coordinated=joined / rarer, same_sentence=together / rarer)
    return pairs[(pairs["coordinated"] <= MAX_COORDINATION) & (pairs["same_sentence"] <= MAX_SAME_SENTENCE)]


def _similarity(slot, topic, *, block: int = 512, threads: int = 2) -> np.ndarray:
    """The K × K geometric mean of the slot and topic cosines (rows of unit length, so the dot
    products), float64. Computed a block of rows at a time against the rows from the block's
    first on, and mirrored: with sorted column indices (``_ppmi``) the dot product of rows i
    and j sums the same products in the same order as that of j and i, so half the work is
    enough; two blocks at a time
    (scipy's sparse product runs outside the GIL) and without two dense K × K products in memory."""
    from concurrent.futures import ThreadPoolExecutor

    size = slot.shape[0]
    out = np.empty((size, size), dtype="float64")
    slot, topic = slot.tocsr(), topic.tocsr()

    def one(first: int) -> None:
        last = min(first + block, size)
        near = np.sqrt((slot[first:last] @ slot[first:].T).toarray() * (topic[first:last] @ topic[first:].T).toarray())
        out[first:last, first:] = near
        out[first:, first:last] = near.T

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(0, size, block)))
    return out


def _one_word_apart(words: list[tuple[int, ...]]) -> list[tuple[int, int]]:
    """Pairs (i < j) of phrases of two or more words, of equal length, that differ in one position."""
    out: set[tuple[int, int]] = set()
    for n in range(2, MAX_WORDS + 1):
        rows = [i for i, w in enumerate(words) if len(w) == n]
        for k in range(n):
            groups: dict[tuple[int, ...], list[int]] = {}
            for i in rows:
                groups.setdefault(words[i][:k] + words[i][k + 1:], []).append(i)
            for members in groups.values():
                if 1 < len(members) <= 12:  # a word shared by dozens of phrases ("said …") is no head
                    out.update((min(a, b), max(a, b)) for x, a in enumerate(members) for b in members[x + 1:])
    return sorted(out)


def _abbreviation(a: str, b: str) -> bool:
    """Whether one word is the other's start ("sen" / "senator", "gov" / "governor"): a house
    style of abbreviating, not a choice of words."""
    if " " in a or " " in b:
        return False
    short, long = sorted((a, b), key=len)
    return len(short) >= 2 and long.startswith(short)


def _may_alternate(a: tuple[int, ...], b: tuple[int, ...], a_proper: bool, b_proper: bool,
                   name_word: np.ndarray) -> bool:
    """Disjoint words, or equal length differing in exactly one position ("president trump" /
    "donald trump"); but two different names ("scott pruitt" / "eric schneiderman", "bbc" /
    "daily caller") are two people or bodies, not two wordings for one, and so are two names
    that differ in a word that is a name on both sides ("john kasich" / "john mccain", "donald
    trump" / "melania trump"; ``name_word``: per vocabulary code), unlike "president trump" /
    "donald trump"."""
    if not set(a) & set(b):
        return not (a_proper and b_proper)
    differ = [(x, y) for x, y in zip(a, b) if x != y]
    return len(a) == len(b) and len(differ) == 1 and not (
        a_proper and b_proper and name_word[differ[0][0]] and name_word[differ[0][1]])


def _togetherness(tokens: _Tokens, phrases: pd.DataFrame, pairs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per pair: how often the two are joined by a coordinating word ("A and B", "B or A"), and
    in how many sentences both occur."""
    codes = tokens.codes
    joiner = np.isin(tokens.vocabulary, list(phrase_kinds.JOINERS))
    rows, starts, lengths = _uses(phrases)
    uses = pd.DataFrame({"row": rows, "start": starts, "end": starts + lengths})  # end: the token after
    # A ends right before a joiner and B starts right after it
    before = uses.loc[uses["end"] < len(codes), ["row", "end"]].drop_duplicates()
    before = before[joiner[codes[before["end"].to_numpy()]]]
    after = uses[["row", "start"]].drop_duplicates()
    met = before.assign(start=before["end"] + 1).merge(after, on="start", suffixes=("", "_other"))
    low = np.minimum(met["row"].to_numpy(), met["row_other"].to_numpy())
    high = np.maximum(met["row"].to_numpy(), met["row_other"].to_numpy())
    width = np.int64(len(phrases))
    adjacent = pd.Series(low.astype("int64") * width + high).value_counts()
    i, j = pairs["i"].to_numpy().astype("int64"), pairs["j"].to_numpy().astype("int64")
    joined = adjacent.reindex(i * width + j, fill_value=0).to_numpy().astype("float64")
    # sentences holding both: each pair's sentences of its member with fewer, looked up in the other's
    held = pd.DataFrame({"row": rows, "sentence": tokens.sentence[starts].astype("int64")}).drop_duplicates()
    held = held[held["row"].isin(np.concatenate([i, j]))]
    sentences = np.int64(len(codes) + 1)
    known = np.sort(held["row"].to_numpy().astype("int64") * sentences + held["sentence"].to_numpy())
    many = held["row"].value_counts()
    fewer_i = many.reindex(i, fill_value=0).to_numpy() <= many.reindex(j, fill_value=0).to_numpy()
    side = pd.DataFrame({"pair": np.arange(len(i)), "row": np.where(fewer_i, i, j), "other": np.where(fewer_i, j, i)})
    spread = side.merge(held, on="row")
    look = spread["other"].to_numpy().astype("int64") * sentences + spread["sentence"].to_numpy()
    found = np.searchsorted(known, look)
    hit = known[np.minimum(found, len(known) - 1)] == look if len(known) else np.zeros(len(look), dtype="bool")
    together = np.bincount(spread["pair"].to_numpy()[hit], minlength=len(i)).astype("float64")
    return joined, together


def _sets(pairs: pd.DataFrame, phrases: pd.DataFrame) -> pd.DataFrame:
    """Greedy complete-link grouping of the pairs, most similar first: a phrase joins a set only
    when it is an alternative of every member; a set holds at most MAX_TERMS terms."""
    if pairs.empty:
        return _empty_candidates(), []
    similar = {(a, b): s for a, b, s in zip(pairs["i"], pairs["j"], pairs["similarity"])}

    def sim(a: int, b: int) -> float | None:
        return similar.get((min(a, b), max(a, b)))

    member_of: dict[int, int] = {}
    sets: list[list[int]] = []
    for (a, b), _ in sorted(similar.items(), key=lambda item: -item[1]):
        in_a, in_b = member_of.get(a), member_of.get(b)
        if in_a is None and in_b is None:
            member_of[a] = member_of[b] = len(sets)
            sets.append([a, b])
        elif in_a is not None and in_b is None:
            group = sets[in_a]
            if len(group) < MAX_TERMS and all(sim(b, m) is not None for m in group):
                group.append(b)
                member_of[b] = in_a
        elif in_b is not None and in_a is None:
            group = sets[in_b]
            if len(group) < MAX_TERMS and all(sim(a, m) is not None for m in group):
                group.append(a)
                member_of[a] = in_b
    rows, ordered = [], []
    for members in sets:
        members = sorted(members, key=lambda m: -phrases.at[m, "count"])
        ordered.append(members)
        lowest = min(sim(a, b) for k, a in enumerate(members) for b in members[k + 1:])
        name = " / ".join(phrases.at[m, "phrase"] for m in members)
        for m in members:
            rows.append({"group": name, "term": phrases.at[m, "phrase"],
                         "variants": "; ".join(phrases.at[m, "variants"]),
                         "count": int(phrases.at[m, "count"]), "similarity": float(lowest)})
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS), ordered


def _article_counts(tokens: _Tokens, phrases: pd.DataFrame, candidates: pd.DataFrame,
                    members: list[list[int]], ids: np.ndarray) -> pd.DataFrame:
    """article_id, group, term, quoted, count: each set term's uses per article, inside someone's
    quoted words (quoted True) or in the outlet's own voice; terms in ``candidates`` order, then
    by article and voice."""
    order = [m for ms in members for m in ms]  # the phrase row of each candidates row
    if not order:
        return _empty_counts()
    rows, starts, _ = _uses(phrases.loc[order])
    uses = pd.DataFrame({"term": rows, "article": tokens.article[starts], "quoted": tokens.quoted[starts]})
    counted = uses.groupby(["term", "article", "quoted"]).size().rename("count").reset_index()
    term = counted["term"].to_numpy()
    return pd.DataFrame({"article_id": ids[counted["article"].to_numpy()], "group": candidates["group"].to_numpy()[term],
                         "term": candidates["term"].to_numpy()[term], "quoted": counted["quoted"].to_numpy(),
                         "count": counted["count"].to_numpy()}).astype({"count": "int64", "quoted": "bool"})


def _empty_counts() -> pd.DataFrame:
    return pd.DataFrame({"article_id": pd.Series(dtype="str"), "group": pd.Series(dtype="str"),
                         "term": pd.Series(dtype="str"), "quoted": pd.Series(dtype="bool"),
                         "count": pd.Series(dtype="int64")})


def _empty_candidates() -> pd.DataFrame:
    return pd.DataFrame({"group": pd.Series(dtype="str"), "term": pd.Series(dtype="str"),
                         "variants": pd.Series(dtype="str"), "count": pd.Series(dtype="int64"),
                         "similarity": pd.Series(dtype="float64")})
