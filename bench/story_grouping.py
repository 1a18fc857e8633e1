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

    Baseline, same run: text-only grouping, the same similarity and threshold with every date
    removed (``group`` on undated copies with the threshold × ``UNDATED_WEIGHT``, which undoes the
    undated discount). The ratio column of an ARI row is ours / baseline.

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
    return stories.group(articles.assign(date=pd.NaT), threshold=stories.THRESHOLD * stories.UNDATED_WEIGHT)


def accuracy_rows(name: str, articles: pd.DataFrame) -> list[Row]:
    with timer() as elapsed:
        ours = stories.group(articles)
    seconds = elapsed()
    baseline = text_only(articles)
    ours_ari, base_ari = ari(articles, ours), ari(articles, baseline)
    ratio = ours_ari / base_ari if base_ari > 0 else None
    found, gold = ours["story"].nunique(), articles["gold"].nunique()
    return [
        Row(f"{name}: adjusted Rand index", ours_ari, "ARI", ratio, f"text-only baseline {base_ari:.3f}"),
        Row(f"{name}: stories found (gold)", found, "stories", None,
            f"gold {gold}; text-only finds {baseline['story'].nunique()}"),
        Row(f"{name}: group() time", seconds * 1000, "ms", None, f"{len(articles)} articles"),
    ]


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
    rows += accuracy_rows("Seeds (3 events)", seeds())
    abp = load("article_bias_prediction", "topic", limit)
    if abp is not None:
        rows += speed_rows(abp)
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.story_grouping")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles of each corpus")
    args = parser.parse_args()
    print_table("Story grouping: ARI against the corpora's same-story keys, and speed", run(args.limit))
