"""Suggested contested-term sets (``lib.framing.suggest``) against NewsWCL50's coded mentions.

Protocol
    NewsWCL50 events 0–4 (``../shared/corpora/newswcl50``: 5 outlets each) code, per concept
    (an actor, country, group, event…), every outlet's phrasing of it. The 25 articles are read
    through ``lib.load.corpus`` as the dashboard reads them; suggestions are computed on the whole
    folder (contexts need more text than 5 articles give) and ranked per event on the event's
    5 articles, as a story filter does in the dashboard.

    A suggestion is **right** when two or more of its terms are coded mentions of one concept of
    that event (a term matches a mention when one of its variants equals the mention, case and
    punctuation aside, with a leading "the"/"a" dropped). **Precision@10**: right suggestions
    among each event's top 10. **Recall**: of the concepts that two outlets phrase differently (two
    distinct non-pronoun mentions, written by different sets of outlets, each used at least twice
    in the event), the share with a right suggestion in the top 10.

    Baseline, in the same run: the event's bigrams (no function word at either end) grouped by
    their last word (head) — "illegal immigrants" / "undocumented immigrants" — each group of two
    or more bigrams ranked by the same statistic (bias-corrected Cramér's V of outlets × terms).

    Then the top 10 suggestions on the climate corpus (``narrative_frames``) and on BASIL are
    printed, to be read: would an analyst call each a contested wording?

Run: ``python -m bench framing_suggest``.
"""
from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from pathlib import Path

import pandas as pd

from bench.common import Row, corpus_path, timer
from lib.framing import suggest
from lib.load import corpus as corpus_module
from lib.text.stopwords import FUNCTION_WORDS, STOPWORDS

TOP = 10
_PRONOUNS = FUNCTION_WORDS | {"one", "who"}


def run(limit: int | None = None) -> list[Row]:
    folder = corpus_path("newswcl50")
    if folder is None:
        return []
    articles = _load(folder, limit)
    annotations = [json.loads(line) for line in (folder / "annotations.jsonl").open(encoding="utf-8")]
    with timer() as took:
        candidates, counts = suggest.candidate_sets(articles)
    rows: list[Row] = []
    global LENIENT
    for LENIENT in (False, True):
        rows += _score(articles, annotations, candidates, counts, "lenient" if LENIENT else "strict")
    rows.append(Row("suggestions on NewsWCL50 (25 articles), candidate sets", took(), "s"))
    for name in ("narrative_frames", "basil"):
        rows += _read_top(name, limit)
    return rows


def _score(articles, annotations, candidates, counts, label: str) -> list[Row]:
    rows: list[Row] = []
    ours, base, wanted = [], [], 0
    covered_ours, covered_base = 0, 0
    for event, members in articles.groupby("event_id"):
        concepts = _concepts([a for a in annotations if a["event_id"] == event])
        contested = _contested(concepts)
        wanted += len(contested)
        ranked = suggest.suggestions(members, candidates, counts, top=TOP).head(TOP)
        top = [[_variants(candidates, g)[t] for t in terms] for g, terms in zip(ranked["group"], ranked["terms"])]
        baseline = _baseline(members).head(TOP)
        top_base = [[[t] for t in terms] for terms in baseline["terms"]]
        ours += [_right(s, concepts) is not None for s in top]
        base += [_right(s, concepts) is not None for s in top_base]
        covered_ours += len(contested & {_right(s, concepts) for s in top})
        covered_base += len(contested & {_right(s, concepts) for s in top_base})
    p_ours, p_base = _share(ours), _share(base)
    rows.append(Row(f"{label}: precision@10, suggestions (events 0-4)", p_ours, "share",
                    p_ours / p_base if p_base else None, f"{sum(ours)} of {len(ours)} right; ratio vs baseline"))
    rows.append(Row(f"{label}: precision@10, baseline: bigrams by head word", p_base, "share", 1.0,
                    f"{sum(base)} of {len(base)}"))
    rows.append(Row(f"{label}: recall of contested concepts, suggestions", covered_ours / max(wanted, 1), "share",
                    (covered_ours / covered_base) if covered_base else None, f"{covered_ours} of {wanted} concepts"))
    rows.append(Row(f"{label}: recall of contested concepts, baseline", covered_base / max(wanted, 1), "share", 1.0,
                    f"{covered_base} of {wanted}"))
    return rows


def _load(folder: Path, limit: int | None) -> pd.DataFrame:
    """The corpus read as the dashboard reads it, with the raw record's fields beside it."""
    records = [json.loads(line) for line in (folder / "articles.jsonl").open(encoding="utf-8")][:limit]
    with tempfile.TemporaryDirectory() as tmp:
        with open(Path(tmp) / "articles.jsonl", "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps({k: record.get(k) for k in ("id", "outlet", "date", "title", "text")}) + "\n")
        loaded = corpus_module.load(Path(tmp), cache=Path(tmp) / "cache")
        articles = loaded.articles[loaded.articles["status"] == "loaded"].drop_duplicates("id").copy()
        articles["text"] = loaded.texts.of(articles["id"])
    raw = [records[int(row) - 1] for row in articles["row"]]
    for field in ("event_id", "mbfc"):
        articles[field] = [r.get(field) for r in raw]
    return articles.reset_index(drop=True)


def _norm(phrase: str) -> str:
    words = re.findall(r"[^\W_]+(?:['’\-][^\W_]+)*", phrase.lower().replace("’", "'"))
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words).replace("-", " ")


def _concepts(annotations: list[dict]) -> dict[str, dict[str, set[str]]]:
    """concept -> normalised mention -> the outlets writing it (coded mentions, not properties)."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for a in annotations:
        if a["code_type"] == "PROPERTY":
            continue
        mention = _norm(a["mention_plain"] or "")
        if not mention or mention in _PRONOUNS:
            continue
        out[a["code_name"]][mention].add(a["outlet"])
        counts[(a["code_name"], mention)] += 1
    for concept, mentions in out.items():
        for mention in mentions:
            mentions[mention] = set(mentions[mention]) | ({"__twice__"} if counts[(concept, mention)] >= 2 else set())
    return out


def _contested(concepts) -> set[str]:
    """Concepts with two distinct mentions, each used twice, written by different outlet sets."""
    found = set()
    for concept, mentions in concepts.items():
        used = {m: o - {"__twice__"} for m, o in mentions.items() if "__twice__" in o}
        names = list(used)
        if any(used[a] != used[b] for i, a in enumerate(names) for b in names[i + 1:]):
            found.add(concept)
    return found


LENIENT = False  # set per pass by run(): a term may also be part of a mention


def _right(terms: list[list[str]], concepts) -> str | None:
    """The concept two or more of the terms (each a list of variants) are coded mentions of:
    equal to a mention (strict), or in the lenient pass also contained in one as whole words
    ("dictator" in "North Korean dictator Kim Jong Un")."""
    for concept, mentions in concepts.items():
        hits = sum(any(_is_mention(_norm(v), mentions) for v in variants) for variants in terms)
        if hits >= 2:
            return concept
    return None


def _is_mention(term: str, mentions) -> bool:
    if term in mentions:
        return True
    return LENIENT and any(f" {term} " in f" {m} " for m in mentions)


def _variants(candidates: pd.DataFrame, group: str) -> dict[str, list[str]]:
    rows = candidates[candidates["group"] == group]
    return {t: [v.strip() for v in vs.split(";")] for t, vs in zip(rows["term"], rows["variants"])}


def _baseline(members: pd.DataFrame) -> pd.DataFrame:
    """Bigrams grouped by head word, ranked by the same statistic."""
    rows = []
    for article_id, outlet, body in zip(members["id"], members["outlet"], members["text"]):
        words = re.findall(r"[^\W\d_]+(?:['\-][^\W\d_]+)*", str(body).lower().replace("’", "'"))
        for first, second in zip(words, words[1:]):
            if first not in STOPWORDS and second not in STOPWORDS:
                rows.append((article_id, outlet, f"{first} {second}", second))
    pairs = pd.DataFrame(rows, columns=["article_id", "outlet", "term", "head"])
    counts = pairs.groupby("term").size()
    pairs = pairs[pairs["term"].map(counts) >= 2]
    cells = pairs.groupby(["head", "outlet", "term"]).size().rename("o").reset_index().rename(columns={"head": "group"})
    stats = suggest.association(cells)
    stats = stats[(stats["terms_used"] >= 2) & (stats["outlets"] >= 2)]
    terms = cells.groupby("group")["term"].agg(lambda t: sorted(set(t)))
    score = stats["cramers_v"] * stats["n"] / (stats["n"] + suggest.SHRINK_N)
    return pd.DataFrame({"head": stats.index, "terms": stats.index.map(terms), "score": score.to_numpy()}).sort_values(
        "score", ascending=False, ignore_index=True)


def _read_top(name: str, limit: int | None) -> list[Row]:
    folder = corpus_path(name)
    if folder is None:
        return []
    articles = _load(folder, limit)
    with timer() as took:
        candidates, counts = suggest.candidate_sets(articles)
        ranked = suggest.suggestions(articles, candidates, counts, top=TOP)
    print(f"\nTop {TOP} suggestions on {name} ({len(articles)} articles, {took():.1f} s):")
    for k, row in enumerate(ranked.itertuples(), start=1):
        print(f"  {k:>2}. {row.group:<60} V={row.cramers_v:.2f} N={row.n} outlets={row.outlets}")
    return [Row(f"suggestions on {name} ({len(articles)} articles)", took(), "s")]


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0
