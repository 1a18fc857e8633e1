"""Analysis on a Dask cluster vs the local process pool, on Article-Bias-Prediction articles.

(a) baseline: ``analyze`` with the local process pool (every core), into an empty store;
(b) ``--scheduler local``: a LocalCluster of 2 worker processes started for the run (start included);
(c) the same kind of cluster already running, reached by its address (start excluded);
each into a fresh store. (b) and (c) must store exactly what (a) stores.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

from bench.common import Row, corpus_path, print_table, timer
from lib import analyse
from lib.load import corpus
from lib.store import Store

DEFAULT_LIMIT = 1000   # articles: enough for the cluster's start-up to be a fraction of the run
CLUSTER_WORKERS = 2    # worker processes of the Dask cluster, one thread each
SORT_KEYS = {"articles": ["article_id"], "sentences": ["article_id", "sentence"], "keywords": ["article_id", "rank"]}


def run(limit: int | None = None) -> list[Row]:
    source = corpus_path("article_bias_prediction")
    if source is None:
        return []
    try:
        import distributed
    except ImportError:
        print("skipped: Dask is not installed (pip install -r requirements-dask.txt)")
        return []
    work = Path(tempfile.mkdtemp(prefix="framescope-bench-dask-"))
    try:
        return _run(source, work, limit or DEFAULT_LIMIT, distributed)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def same_results(one: Store, other: Store) -> bool:
    """Whether two stores hold identical tables (batches and their order may differ)."""
    from lib.analyse import chunk

    tables = chunk.stored_tables()   # the map steps' tables too: the whole map runs on the cluster
    first, second = one.load(tables=tables), other.load(tables=tables)
    return all(_sorted(first[name], name).equals(_sorted(second[name], name)) for name in tables)


def _sorted(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    return frame.sort_values(SORT_KEYS.get(name, ["article_id"]), kind="stable").reset_index(drop=True)


def _run(source: Path, work: Path, limit: int, distributed) -> list[Row]:
    folder, cache = work / "corpus", work / "cache"
    folder.mkdir()
    lines = (source / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:limit]
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = corpus.load(folder, cache=cache)
    wanted = loaded.with_text(analyse.analyzable(loaded.records))
    n = len(wanted)
    print(f"Dask benchmark on {n:,} articles ({os.cpu_count()} cores, {CLUSTER_WORKERS} Dask workers)", flush=True)

    pool_store = analyse.open_store(work / "pool")
    with timer() as pool_time:
        analyse.analyze(wanted, pool_store)
    started_store = analyse.open_store(work / "started")
    with timer() as started_time:
        analyse.analyze(wanted, started_store, scheduler="local", workers=CLUSTER_WORKERS)
    with distributed.LocalCluster(n_workers=CLUSTER_WORKERS, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as running:
        running_store = analyse.open_store(work / "running")
        with timer() as running_time:
            analyse.analyze(wanted, running_store, scheduler=running.scheduler_address)

    pool_s, started_s, running_s = pool_time(), started_time(), running_time()
    same = {store: "identical to (a)" if same_results(pool_store, store) else "DIFFERENT from (a)"
            for store in (started_store, running_store)}
    return [
        Row(f"(a) local process pool ({os.cpu_count()} processes)", n / pool_s, "articles/s", 1.0,
            f"{n:,} articles in {pool_s:.1f} s"),
        Row("(b) --scheduler local: LocalCluster started for the run", n / started_s, "articles/s",
            pool_s / started_s, f"{started_s:.1f} s; {same[started_store]}"),
        Row("(c) a running LocalCluster by its address", n / running_s, "articles/s", pool_s / running_s,
            f"{running_s:.1f} s; {same[running_store]}"),
    ]


if __name__ == "__main__":
    print_table("Dask vs local pool", run(int(sys.argv[1]) if len(sys.argv) > 1 else None))
