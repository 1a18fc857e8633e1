"""Actors as map + reduce (lib.actors.mapped) against today's find_actors + analyse.

On the 4,000-article dev corpus (``bench.corpus_builder.build(4000)``; point
FRAMESCOPE_BENCH_DIR at a folder holding one already built to reuse it) and, as a cross-check not
tuned on, BASIL and NewsWCL50 (raw texts): today's time (find_actors then analyse, one process),
the map's time (ms per article; it runs in the worker pool), the reduce's time, the ratio of
today's time to each (higher = cheaper), rows stored per article and MB per 1,000 articles
(Parquet, snappy), and how many rows of the actors table, labels and mention sentences differ
from today's (rows in one and not the other, counted as multisets; "same order" when the frames
are equal). The reduce is extrapolated to 100,000 articles linearly (it aggregates rows).

Actor-list stability: the label map holds for one actor list; how often adding one article
changes the automatic list (reduce over the first n - 1 then n articles, for the last ten n).

``--against REF`` also times find_actors + analyse of ``lib/`` as of git REF in a child process
on the same articles and counts the rows that differ from it (the code before a change).

Run: ``python -m bench.actors_map [--limit N] [--against REF]``.
"""
from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from bench.common import ROOT, Row, corpus_path, print_table, timer
from lib import actors
from lib.actors import mapped


def dev_articles(limit: int | None) -> pd.DataFrame:
    from bench.corpus_builder import build
    from lib import pipeline
    from lib.load.corpus import load
    from lib.store.texts import attach

    folder = build(4000)
    loaded = load(folder, cache=Path(tempfile.gettempdir()) / "actors-map-bench-cache")
    arts = attach(pipeline.analysable(loaded), loaded.texts)[["id", "text"]].reset_index(drop=True)
    return arts.head(limit) if limit else arts


def jsonl_articles(name: str, limit: int | None) -> pd.DataFrame | None:
    folder = corpus_path(name)
    if folder is None:
        return None
    arts = pd.read_json(folder / "articles.jsonl", lines=True, dtype={"id": str})[["id", "text"]]
    return arts.head(limit) if limit else arts


def differing(a: pd.DataFrame, b: pd.DataFrame) -> int:
    """Rows in one frame and not the other, as multisets of rows."""
    key = list(a.columns)
    ca = a.astype(str).value_counts(key).rename("n_a")
    cb = b.astype(str).value_counts(key).rename("n_b")
    both = pd.concat([ca, cb], axis=1).fillna(0)
    return int((both["n_a"] - both["n_b"]).abs().sum())


def parquet_mb(tables: dict[str, pd.DataFrame], schemas: dict[str, pa.Schema]) -> float:
    size = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, frame in tables.items():
            path = Path(tmp) / f"{name}.parquet"
            pq.write_table(pa.Table.from_pandas(frame, schema=schemas[name], preserve_index=False), path)
            size += path.stat().st_size
    return size / 1e6


def measure(name: str, arts: pd.DataFrame, against: str | None) -> list[Row]:
    n = len(arts)
    per_k = 1000 / n
    with timer() as t_today:
        people = actors.find_actors(arts)
        labels, mentions = actors.analyse(arts, people)
    today = t_today()
    rows = [Row(f"{name} ({n:,} articles): today find_actors + analyse", today, "s", 1.0)]
    with timer() as t_map:
        tables = mapped.map_articles(arts)
    with timer() as t_lmap:
        ltables = mapped.map_labels(arts, people)
    ids = arts["id"]
    shuffled = {k: v.sample(frac=1, random_state=0) for k, v in tables.items()}
    lshuffled = {k: v.sample(frac=1, random_state=0) for k, v in ltables.items()}
    with timer() as t_red:
        got_people = mapped.reduce(shuffled, ids)
    with timer() as t_lred:
        got_labels, got_mentions = mapped.reduce_labels(lshuffled, ids, got_people)
    reduce_s = t_red() + t_lred()
    stored = {**tables, **ltables}
    mb = parquet_mb(tables, mapped.SCHEMAS) + parquet_mb(ltables, mapped.LABEL_SCHEMAS)
    in_memory = sum(f.memory_usage(deep=True).sum() for f in stored.values()) / 1e6
    categorical = sum(f.astype({c: "category" for c in f.columns if f[c].dtype == object or str(f[c].dtype) == "str"})
                      .memory_usage(deep=True).sum() for f in stored.values()) / 1e6
    rows += [
        Row(f"{name}: map, actors tables", 1000 * t_map() / n, "ms/article", today / t_map()),
        Row(f"{name}: map, label tables (for one actor list)", 1000 * t_lmap() / n, "ms/article", today / t_lmap()),
        Row(f"{name}: reduce, actors", t_red(), "s", today / t_red()),
        Row(f"{name}: reduce, labels + mention sentences", t_lred(), "s", today / t_lred()),
        Row(f"{name}: reduce, both, extrapolated to 100k articles", reduce_s * 100_000 / n, "s", None, "linear"),
        Row(f"{name}: rows stored per article, actors tables", sum(map(len, tables.values())) / n, "rows",
            note=", ".join(f"{k} {len(v) / n:.1f}" for k, v in tables.items())),
        Row(f"{name}: rows stored per article, label tables", sum(map(len, ltables.values())) / n, "rows",
            note=", ".join(f"{k} {len(v) / n:.1f}" for k, v in ltables.items())),
        Row(f"{name}: stored per 1,000 articles (Parquet)", mb * per_k, "MB"),
        Row(f"{name}: map rows in memory per 1,000 articles (pandas, str)", in_memory * per_k, "MB"),
        Row(f"{name}: map rows in memory per 1,000 articles (categorical strings)", categorical * per_k, "MB",
            note="a corpus's categories are shared: less per article as it grows"),
        Row(f"{name}: actors table rows differing", differing(got_people, people), "rows",
            note=f"of {len(people)}; same order: {got_people.equals(people)}"),
        Row(f"{name}: label rows differing", differing(got_labels, labels), "rows",
            note=f"of {len(labels)}; same order: {got_labels.equals(labels)}"),
        Row(f"{name}: mention-sentence rows differing", differing(got_mentions, mentions), "rows",
            note=f"of {len(mentions)}; same order: {got_mentions.equals(mentions)}"),
    ]
    if against:
        rows += _against(name, arts, against, people, labels, mentions, got_people, got_labels, got_mentions)
    return rows


def stability(arts: pd.DataFrame, steps: int = 10) -> list[Row]:
    """How many of the last ``steps`` single-article additions change the automatic actor list,
    and how many articles' label maps each change makes stale (``mapped.stale_articles``); and
    the same from three quarters of the corpus to all of it."""
    tables = mapped.map_articles(arts)
    ids = arts["id"].tolist()
    lists = [mapped.reduce(tables, ids[:len(ids) - k]) for k in range(steps, -1, -1)]
    changed = sum(not a[["actor", "alias"]].equals(b[["actor", "alias"]]) for a, b in zip(lists, lists[1:]))
    stale = sum(len(mapped.stale_articles(tables, ids, a, b)) for a, b in zip(lists, lists[1:]))
    quarter = mapped.reduce(tables, ids[:len(ids) * 3 // 4])
    big = len(mapped.stale_articles(tables, ids, quarter, lists[-1]))
    return [Row(f"actor list changed by adding one article (last {steps} articles)", changed, "times"),
            Row(f"label maps made stale by those {steps} additions", stale, "articles", note=f"of {len(ids)}"),
            Row("label maps made stale from 3/4 of the corpus to all of it", big, "articles", note=f"of {len(ids)}")]


def _against(name: str, arts: pd.DataFrame, ref: str, *ours: pd.DataFrame) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "lib"], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        arts.to_pickle(Path(tmp) / "arts.pkl")
        code = ("import sys, time, pickle, pandas as pd; sys.path.insert(0, sys.argv[1])\n"
                "from lib import actors\narts = pd.read_pickle(sys.argv[1] + '/arts.pkl')\n"
                "t = time.perf_counter(); p = actors.find_actors(arts); l, m = actors.analyse(arts, p)\n"
                "pickle.dump((time.perf_counter() - t, p, l, m), open(sys.argv[1] + '/out.pkl', 'wb'))\n")
        subprocess.run([sys.executable, "-c", code, tmp], cwd=tmp, check=True)
        seconds, *before = pickle.load(open(Path(tmp) / "out.pkl", "rb"))
    today_people, today_labels, today_mentions, got_people, got_labels, got_mentions = ours
    rows = [Row(f"{name}: find_actors + analyse as of {ref}", seconds, "s", None)]
    for what, old, now, reduced in zip(("actors", "labels", "mention sentences"), before,
                                       (today_people, today_labels, today_mentions),
                                       (got_people, got_labels, got_mentions)):
        rows.append(Row(f"{name}: {what} rows differing from {ref} (today / reduce)", differing(now, old), "rows",
                        note=f"reduce: {differing(reduced, old)}; of {len(old)}"))
    return rows


def run(limit: int | None = None, against: str | None = None) -> list[Row]:
    os.environ.setdefault("FRAMESCOPE_BENCH_DIR", str(ROOT / ".bench-corpora"))
    arts = dev_articles(limit)
    rows = measure("dev", arts, against)
    rows += stability(arts)
    for name in ("basil", "newswcl50"):
        other = jsonl_articles(name, limit)
        if other is not None:
            rows += measure(name, other, against)
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.actors_map")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--against", default=None, metavar="GIT_REF")
    args = parser.parse_args()
    print_table("Actors: map + reduce vs find_actors + analyse", run(args.limit, args.against))
