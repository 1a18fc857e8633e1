"""Story grouping against the corpora's own same-story keys, and its speed.

Protocol
    Each corpus's records are written to a temporary folder as one JSON Lines file (id, outlet,
    date, title, url, text) and read back with ``lib.load.corpus.load``, so the texts are cleaned and
    undated articles get the dates the loader infers from their text, as in the dashboard. Gold
    keys are mapped back through the loader's ``row`` column. ``lib.stories.group`` runs with its
    defaults; nothing here is tuned on the gold keys at run time (the defaults were chosen on
    these corpora: see ``lib/stories/grouping.py``).

    * NewsWCL50, gold ``event_id`` (5 events × 5 outlets). Two rows: dates as the loader gives
      them, and the corpus's own dates (URL dates, null for the 13 undated), which shows what
      dates wrongly inferred from article bodies cost.
    * BASIL, gold ``triplet_uuid`` (83 events × 3 outlets).
    * The five seeds, gold = the three events (README of the corpora).

    * BASIL with one article per event made undated (a different outlet's from event to event),
      as when one outlet's export has no dates: the case where undated articles used to be left
      alone (issue 17).

    Baselines, same run: "before", the grouping without the placement of undated articles left
    alone (``undated_margin=None``, the code before issue 17); and text-only grouping, the same
    similarity and threshold with every date removed (``group`` on undated copies with the
    threshold × ``UNDATED_WEIGHT``, which undoes the undated discount). The ratio column of an ARI
    row is ours / before.

Cross-check
    ``undated_margin`` is chosen from ``MARGINS`` on one half of the events (NewsWCL50 events 0–2
    with its own dates; the first half of the masked BASIL events) and reported on the other half
    (NewsWCL50 3–4, the second half of BASIL), beside the default margin and "before".

Undated articles on Article-Bias-Prediction (no story key)
    The share of undated articles left in a story of their own against the share of dated ones,
    now and before; and, with the dates of one dated article in ten removed, the share of those
    that had story-mates (grouped with their dates) that land with one of them again, and how many
    land in a story with none of them.

Speed (Article-Bias-Prediction dev sample, 3,915 articles)
    The first build, an incremental run adding one article to the stories of the other 3,914
    (ratio: first build / incremental), and the largest connected component the clustering had
    to handle densely.

Run: ``python -m bench.story_grouping [--limit N]`` (``--limit``: the first N articles of each corpus).
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from bench.common import ROOT, Row, corpus_path, print_table, timer
from lib.load import corpus as corpus_module
from lib import stories

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
SEED_EVENTS = {"000": "2025-05 Moscow", "001": "2025-05 Moscow", "002": "2025-05 Moscow",
               "003": "2024-05 Beijing", "004": "2025-09 Beijing"}


def load(name: str, key: str, limit: int | None) -> pd.DataFrame | None:
    """The corpus as lib.load.corpus reads it, with ``gold`` (the same-story key) and ``own_date`` (the
    corpus's date field) joined back by row."""
    folder = corpus_path(name)
    if folder is None:
        return None
    records = [json.loads(line) for line in (folder / "articles.jsonl").open(encoding="utf-8")]
    records = records[:limit] if limit else records
    with tempfile.TemporaryDirectory() as tmp:
        fields = ("id", "outlet", "date", "title", "url", "text")
        lines = (json.dumps({f: r.get(f) for f in fields}, ensure_ascii=False) + "\n" for r in records)
        (Path(tmp) / f"{name}.jsonl").write_text("".join(lines), encoding="utf-8")
        loaded = corpus_module.load(Path(tmp))
        articles = loaded.with_text(loaded.articles)
    source = [records[int(row) - 1] for row in articles["row"]]
    articles["gold"] = [str(r.get(key)) for r in source]
    articles["own_date"] = pd.to_datetime([r.get("date") for r in source])
    return articles.reset_index(drop=True)


def seeds() -> pd.DataFrame:
    with tempfile.TemporaryDirectory() as tmp:
        for path in SEEDS.glob("*.txt"):
            (Path(tmp) / path.name).write_bytes(path.read_bytes())
        loaded = corpus_module.load(Path(tmp))
        articles = loaded.with_text(loaded.articles)
    return articles.assign(gold=articles["file"].str[:3].map(SEED_EVENTS)).reset_index(drop=True)


def ari(articles: pd.DataFrame, assignments: pd.DataFrame) -> float:
    merged = articles[["id", "gold"]].merge(assignments, left_on="id", right_on="article_id")
    return float(adjusted_rand_score(merged["gold"], merged["story"]))


def text_only(articles: pd.DataFrame) -> pd.DataFrame:
    return stories.group(articles.assign(date=pd.NaT), threshold=stories.THRESHOLD * stories.UNDATED_WEIGHT,
                         undated_margin=None)


def before(articles: pd.DataFrame) -> pd.DataFrame:
    """The grouping before undated articles left alone were placed (issue 17): ``undated_margin=None``."""
    return stories.group(articles, undated_margin=None)


def accuracy_rows(name: str, articles: pd.DataFrame) -> list[Row]:
    with timer() as elapsed:
        ours = stories.group(articles)
    seconds = elapsed()
    baseline, old = text_only(articles), before(articles)
    ours_ari, base_ari, old_ari = ari(articles, ours), ari(articles, baseline), ari(articles, old)
    ratio = ours_ari / old_ari if old_ari > 0 else None
    found, gold = ours["story"].nunique(), articles["gold"].nunique()
    undated = int(articles["date"].isna().sum())
    return [
        Row(f"{name}: adjusted Rand index", ours_ari, "ARI", ratio,
            f"before {old_ari:.3f}; text-only {base_ari:.3f}; {undated} of {len(articles)} undated"),
        Row(f"{name}: stories found (gold)", found, "stories", None,
            f"gold {gold}; before {old['story'].nunique()}; text-only {baseline['story'].nunique()}"),
        Row(f"{name}: group() time", seconds * 1000, "ms", None, f"{len(articles)} articles"),
    ]


def mask_one_per_event(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles with one article of each gold event made undated (the n-th event, ids sorted,
    loses its n-th article modulo its size), as when one outlet's export has no dates."""
    out = articles.copy()
    for n, (_, part) in enumerate(out.sort_values("id").groupby("gold", sort=True)):
        out.loc[part.index[n % len(part)], "date"] = pd.NaT
    return out


def halves(articles: pd.DataFrame, first_events: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(tuning half, held-back half) by gold event: the first ``first_events`` events in sorted
    order (default: half of them) and the rest."""
    events = sorted(articles["gold"].unique())
    cut = len(events) // 2 if first_events is None else first_events
    inside = articles["gold"].isin(events[:cut])
    return articles[inside].reset_index(drop=True), articles[~inside].reset_index(drop=True)


MARGINS = (0.0, 0.02, 0.05, 0.08, 0.12, 0.16)


def cross_check_rows(sets: dict[str, tuple[pd.DataFrame, pd.DataFrame]]) -> list[Row]:
    """Choose undated_margin on the tuning halves (mean ARI over them, ties: the larger margin),
    then report the held-back halves at that margin, at the default and before the change."""
    def score(frames: list[pd.DataFrame], margin: float | None) -> list[float]:
        return [ari(f, stories.group(f, undated_margin=margin)) for f in frames]

    tune = [t for t, _ in sets.values()]
    means = {m: float(np.mean(score(tune, m))) for m in MARGINS}
    chosen = max(MARGINS, key=lambda m: (round(means[m], 6), m))
    rows = [Row("Cross-check: undated_margin chosen on the tuning halves", chosen, "margin", None,
                "mean ARI " + ", ".join(f"{m:g}: {v:.3f}" for m, v in means.items()))]
    for name, (tuning, held) in sets.items():
        ours, default, old = (score([held], m)[0] for m in (chosen, stories.UNDATED_MARGIN, None))
        rows.append(Row(f"Cross-check, {name}, held-back half: ARI", ours, "ARI", ours / old if old > 0 else None,
                        f"default margin {default:.3f}; before {old:.3f}; tuning half at the chosen margin "
                        f"{score([tuning], chosen)[0]:.3f}; {int(held['date'].isna().sum())} of {len(held)} undated"))
    return rows


def alone_rows(articles: pd.DataFrame) -> list[Row]:
    """ABP: the share of undated and of dated articles left in a story of their own, now and before;
    and, with the dates of one dated article in ten removed, how many of those that had story-mates
    find one of them again (and how many land with none of them, in another story)."""
    def shares(assigned: pd.DataFrame) -> tuple[float, float]:
        size = assigned.groupby("story")["article_id"].transform("size")
        alone = assigned.assign(alone=size == 1)
        return float(alone.loc[alone["undated"], "alone"].mean()), float(alone.loc[~alone["undated"], "alone"].mean())

    ours, old = stories.group(articles), before(articles)
    (u, d), (ou, od) = shares(ours), shares(old)
    rows = [Row("ABP: undated articles left alone", u * 100, "%", None,
                f"dated left alone {d * 100:.1f}%; before: undated {ou * 100:.1f}%, dated {od * 100:.1f}%")]
    dated = articles[articles["date"].notna()]
    rng = np.random.default_rng(0)
    masked = set(rng.choice(dated["id"].to_numpy(dtype=object), size=len(dated) // 10, replace=False))
    story = ours.set_index("article_id")["story"]
    mates = {a: set(ours.loc[(ours["story"] == story[a]) & (ours["article_id"] != a), "article_id"])
             for a in masked}
    with_mates = [a for a in masked if mates[a]]
    hidden = articles.assign(date=articles["date"].where(~articles["id"].isin(masked)))
    for label, assigned in (("now", stories.group(hidden)), ("before", before(hidden))):
        found = assigned.set_index("article_id")["story"]
        again = sum(any(found[m] == found[a] for m in mates[a]) for a in with_mates)
        elsewhere = sum(not any(found[m] == found[a] for m in mates[a]) and
                        (found == found[a]).sum() > 1 for a in with_mates)
        rows.append(Row(f"ABP, 1 in 10 dates removed: rejoin a story-mate ({label})", again / len(with_mates) * 100,
                        "%", None, f"{len(with_mates)} of {len(masked)} had story-mates; "
                                   f"{elsewhere} joined a story with none of them"))
    return rows


def speed_rows(articles: pd.DataFrame) -> list[Row]:
    with timer() as elapsed:
        full = stories.group(articles)
    first = elapsed()
    # One article added to a folder already grouped: the median over a few different articles.
    rng = np.random.default_rng(0)
    times = []
    for k in rng.choice(len(articles), size=min(5, len(articles)), replace=False):
        previous = stories.group(articles.drop(index=articles.index[k]))
        with timer() as elapsed:
            stories.group(articles, previous=previous)
        times.append(elapsed())
    incremental = float(np.median(times))
    undated = int(articles["date"].isna().sum())
    return [
        Row("ABP: first build", first, "s", None, f"{len(articles)} articles ({undated} undated), "
                                                  f"{full['story'].nunique()} stories"),
        Row("ABP: incremental run, one new article", incremental * 1000, "ms", first / incremental,
            "ratio = first build / incremental"),
        Row("ABP: largest component clustered densely", _largest_component(articles), "articles"),
    ]


def _largest_component(articles: pd.DataFrame) -> int:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    texts = articles["text"].to_numpy(dtype=object)
    days = stories._days(articles["date"]).to_numpy()
    space = stories._Space(stories._vectors(texts, list(range(len(texts)))), days, stories.MAX_DAYS)
    everyone = np.arange(len(texts))
    pairs = list(space.pairs(everyone, everyone, stories.THRESHOLD))
    rows = np.concatenate([p[0] for p in pairs]) if pairs else np.zeros(0, int)
    cols = np.concatenate([p[1] for p in pairs]) if pairs else np.zeros(0, int)
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(texts)))
    _, component = connected_components(graph, directed=False)
    return int(np.bincount(component).max()) if len(component) else 0


def run(limit: int | None = None) -> list[Row]:
    rows: list[Row] = []
    newswcl50 = load("newswcl50", "event_id", limit)
    if newswcl50 is not None:
        rows += accuracy_rows("NewsWCL50, dates as loaded", newswcl50)
        rows += accuracy_rows("NewsWCL50, the corpus's own dates", newswcl50.assign(date=newswcl50["own_date"]))
        wrong = newswcl50[newswcl50["date"].notna() & newswcl50["own_date"].isna()]
        far = wrong[(wrong["date"] < pd.Timestamp("2018-04-01")) | (wrong["date"] > pd.Timestamp("2018-05-31"))]
        if len(far):
            rows.append(Row("NewsWCL50: dates inferred from the body, off by months", len(far), "articles", None,
                            "; ".join(f"{r.date:%Y-%m-%d}" for r in far.itertuples())))
    basil = load("basil", "triplet_uuid", limit)
    if basil is not None:
        rows += accuracy_rows("BASIL", basil)
        rows += accuracy_rows("BASIL, one article per event undated", mask_one_per_event(basil))
    rows += accuracy_rows("Seeds (3 events)", seeds())
    sets = {}
    if newswcl50 is not None:
        sets["NewsWCL50 own dates (tune events 0-2, report 3-4)"] = halves(
            newswcl50.assign(date=newswcl50["own_date"]), first_events=3)
    if basil is not None:
        sets["BASIL one undated per event (tune first half of events)"] = halves(mask_one_per_event(basil))
    if sets:
        rows += cross_check_rows(sets)
    abp = load("article_bias_prediction", "topic", limit)
    if abp is not None:
        rows += alone_rows(abp)
        rows += speed_rows(abp)
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.story_grouping")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles of each corpus")
    args = parser.parse_args()
    print_table("Story grouping: ARI against the corpora's same-story keys, and speed", run(args.limit))
