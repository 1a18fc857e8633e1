"""Keyphrases with YAKE, extracted per article and aggregated per outlet by rank.

Extraction runs ``lib.analyse.yake_fast``, a lean implementation of yake 0.7.3's algorithm that returns the
same keyphrases and scores about ten times faster (tests/unit/test_yake_fast.py compares both);
yake itself stays the reference and is pinned.

YAKE scores compare only within one document (lower = more relevant), so outlets are compared by
rank: in how many of an outlet's articles a keyphrase makes the top k, and its mean rank there.
YAKE is never run on an outlet's articles glued together: its position feature favours the start.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from lib.analyse import yake_fast

YAKE_VERSION = "0.7.3"
# The one configuration Framescope uses; part of the analysis store's key.
SETTINGS = {"lan": "en", "n": 3, "top": 20, "dedup_func": "levs", "dedup_lim": 0.9, "window_size": 1}


@lru_cache(maxsize=1)
def extractor():
    """One YAKE extractor per process. Only snake_case options take effect in yake 0.7.3; the
    README's camelCase names are silently ignored."""
    import yake

    return yake.KeywordExtractor(**SETTINGS)


def extract(text: str) -> list[tuple[str, float]]:
    """Top keyphrases of one article, best first: (lower-cased phrase, YAKE score ≥ 0, lower is
    better). Returns [] for empty text (yake swallows errors and also returns [] then). Case is
    lowered here because yake's depends on its dedup settings."""
    if not isinstance(text, str) or not text.strip():
        return []
    found = yake_fast.extract(text, top=SETTINGS["top"], n=SETTINGS["n"])
    return [(phrase.lower(), float(score)) for phrase, score in found]


def extract_with_yake(text: str) -> list[tuple[str, float]]:
    """The same through yake itself: the reference (tests and benchmarks)."""
    if not isinstance(text, str) or not text.strip():
        return []
    return [(phrase.lower(), float(score)) for phrase, score in extractor().extract_keywords(text)]


def by_outlet(keywords: pd.DataFrame, articles: pd.DataFrame, *, top_k: int = 10) -> pd.DataFrame:
    """Rank-aggregated keyphrases per outlet.

    ``keywords`` has article_id, rank (1 = best), keyphrase; ``articles`` has id, outlet.
    Returns outlet, keyphrase, articles (how many of the outlet's articles have it in their top
    ``top_k``), share (articles / the outlet's articles, 0..1), mean_rank (1..top_k, over those
    articles), outlet_articles. Sorted per outlet by articles (desc), then mean_rank.
    """
    columns = ["outlet", "keyphrase", "articles", "share", "mean_rank", "outlet_articles"]
    sizes = articles.groupby("outlet").size().rename("outlet_articles")
    # Each keyphrase row's outlet by lookup, not a merge: at 100k articles the top keyphrases
    # are 1 M rows, and a categorical article_id maps its 100k categories only.
    outlet_of = articles.drop_duplicates("id").set_index("id")["outlet"]
    top = keywords[(keywords["rank"] <= top_k) & keywords["article_id"].isin(outlet_of.index)]
    top = top[["article_id", "keyphrase", "rank"]].assign(outlet=top["article_id"].map(outlet_of).astype(object))
    top = top[top["outlet"].notna()]
    if top.empty:
        return pd.DataFrame(columns=columns)
    out = (top.groupby(["outlet", "keyphrase"], observed=True)
           .agg(articles=("article_id", "nunique"), mean_rank=("rank", "mean")).reset_index()
           .join(sizes, on="outlet"))
    out["share"] = out["articles"] / out["outlet_articles"]
    return (out.sort_values(["outlet", "articles", "mean_rank", "keyphrase"], ascending=[True, False, True, True])
            [columns].reset_index(drop=True))


def overall(keywords: pd.DataFrame, *, top_k: int = 10) -> pd.DataFrame:
    """Keyphrases across the whole selection: keyphrase, articles (in the top k of), mean_rank."""
    top = keywords[keywords["rank"] <= top_k]
    return (top.groupby("keyphrase").agg(articles=("article_id", "nunique"), mean_rank=("rank", "mean"))
            .reset_index().sort_values(["articles", "mean_rank", "keyphrase"], ascending=[False, True, True],
                                       ignore_index=True))



def merge_variants(keywords: pd.DataFrame, *, part_share: float = 0.8) -> tuple[pd.DataFrame, pd.Series]:
    """Keyphrases that are variants of one name or term counted as one: ``president barack
    obama``, ``barack obama``, ``president obama``, ``president barack`` and ``obama`` become one.

    ``keywords`` has article_id, rank, keyphrase (each article's YAKE results, lower-cased). A
    phrase is a variant of a longer phrase that has its words in the same order and

    - ends with the same word, the head of a name or noun phrase (``obama`` and ``president
      obama`` of ``president barack obama``: a title or first name left out), or
    - is listed with it in at least ``part_share`` (0..1) of the articles that list the shorter
      one, and in 3 or more: a fragment YAKE also keeps (``president barack``, ``protection agency``).

    The variants of a phrase are grouped under the longest phrase they belong to. When they
    belong to several that do not contain each other (``clinton`` in ``president bill clinton``
    and ``hillary rodham clinton``), the phrase joins the one whose own variants are in the most
    articles if that is at least twice the next, and otherwise stays on its own; it also stays
    on its own when it is in over four times as many articles as any form of that longer phrase
    (a common word, not a shortened name). A group is shown as its member listed in the most
    articles (then the longer, then alphabetically first).

    Returns (keywords with each keyphrase replaced by its group's form, one row per article and
    form, at the best rank of its variants; ``also``: for each form with variants, the other
    variants, most articles first, joined by ", "). A corpus-level step: YAKE's per-article
    results stay as stored.
    """
    columns = list(keywords.columns)
    if keywords.empty:
        return keywords, pd.Series(dtype="str", name="also")
    pairs = keywords[["article_id", "keyphrase"]].astype({"article_id": "str", "keyphrase": "str"}).drop_duplicates()
    articles = pairs.groupby("keyphrase").size()
    group = _groups(pairs, articles, part_share=part_share)
    if not group:
        return keywords, pd.Series(dtype="str", name="also")
    members = pd.DataFrame({"keyphrase": [*group, *set(group.values())],
                            "group": [*group.values(), *set(group.values())]}).drop_duplicates("keyphrase")
    members = members.assign(articles=members["keyphrase"].map(articles), words=members["keyphrase"].str.count(" "))
    members = members.sort_values(["group", "articles", "words", "keyphrase"], ascending=[True, False, False, True])
    members["shown"] = members["group"].map(members.groupby("group")["keyphrase"].first())
    rename = dict(zip(members["keyphrase"], members["shown"]))
    also = (members[members["keyphrase"] != members["shown"]].groupby("shown", sort=False)["keyphrase"]
            .agg(", ".join).rename("also").rename_axis("keyphrase"))
    merged = keywords.assign(keyphrase=keywords["keyphrase"].astype(object).map(lambda p: rename.get(p, p)))
    merged = merged.sort_values("rank", kind="stable").drop_duplicates(["article_id", "keyphrase"]).sort_index()
    return merged[columns].reset_index(drop=True), also


_PART_MIN = 3  # articles listing both, at least: in one or two articles any two phrases go together


def _groups(pairs: pd.DataFrame, articles: pd.Series, *, part_share: float) -> dict[str, str]:
    # Each phrase -> the longest phrase it is a variant of. Candidates come from each longer
    # phrase's own sub-phrases (at most 6 for YAKE's 3 words), so the work grows with the
    # vocabulary, not with its square.
    known = set(articles.index)
    subs = [(longer, shorter) for longer in articles.index if " " in longer
            for shorter in _subphrases(longer) if shorter in known]
    if not subs:
        return {}
    candidates = pd.DataFrame(subs, columns=["longer", "shorter"])
    with_longer = pairs.rename(columns={"keyphrase": "longer"}).merge(candidates, on="longer")
    shared = (with_longer.merge(pairs.rename(columns={"keyphrase": "shorter"}), on=["article_id", "shorter"])
              .groupby(["shorter", "longer"]).size().rename("shared"))
    candidates = candidates.join(shared, on=["shorter", "longer"]).fillna({"shared": 0})
    same_head = candidates["shorter"].str.rsplit(" ", n=1).str[-1] == candidates["longer"].str.rsplit(" ", n=1).str[-1]
    part = (candidates["shared"] >= part_share * candidates["shorter"].map(articles)) & (candidates["shared"] >= _PART_MIN)
    variants = candidates[same_head | part]
    longer_of = variants.groupby("shorter")["longer"].agg(set)
    group: dict[str, str] = {}
    for shorter, longer in longer_of.items():
        tops = [p for p in longer if not any(p != q and p in _subphrase_set(q) for q in longer)]
        weight = {top: _weight(top, tops, longer, articles) for top in tops}
        tops = sorted(tops, key=lambda t: (-weight[t], t))
        if len(tops) > 1 and weight[tops[0]] < 2 * weight[tops[1]]:
            continue  # several names share the words (bill / hillary clinton): only a clear majority decides
        if weight[tops[0]] * 4 < articles[shorter]:
            continue  # a common word in one rare phrase ("state" in "jersey republican state") is not its variant
        group[shorter] = tops[0]
    return group


def _weight(top: str, tops: list[str], longer: set[str], articles: pd.Series) -> int:
    # How much a longest phrase stands for its name: the most articles of a variant that belongs
    # to it alone (president barack obama's "barack obama"), not one shared with another name.
    own = [p for p in longer if p == top or (p in _subphrase_set(top) and
                                             not any(t != top and p in _subphrase_set(t) for t in tops))]
    return int(max(articles[p] for p in own))


@lru_cache(maxsize=65536)
def _subphrase_set(phrase: str) -> frozenset[str]:
    return frozenset(_subphrases(phrase))


def _subphrases(phrase: str) -> list[str]:
    """The phrases made of some of ``phrase``'s words, in order (not the phrase itself)."""
    from itertools import combinations

    words = phrase.split()
    return [" ".join(kept) for size in range(1, len(words)) for kept in combinations(words, size)]
