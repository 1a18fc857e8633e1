"""Analyse articles once, into the store.

``analyze`` computes only what the store lacks, spreads the work over a process pool (each worker
builds its VADER analyzer and YAKE extractor once) or a Dask cluster (``lib.analyse.cluster``)
and writes results in small atomic batches, so an interrupted run keeps everything it finished."""
from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TypeVar

import pandas as pd

from lib.analyse.chunk import SETTINGS, analyse_chunk, arrow_tables
from lib.store.batches import Store, cache_folder
from lib.store.texts import Texts, attach

BATCH_ARTICLES = 250    # articles per stored batch: what a crash can cost at most
CHUNK_ARTICLES = 8      # articles per task sent to a worker
AHEAD_PER_WORKER = 4    # tasks made ahead of the results per worker: workers kept busy, texts bounded
FEW_TASKS = 2           # a pool costs ~1 s to start: not worth it for this many tasks or fewer
Task, Result = TypeVar("Task"), TypeVar("Result")

def open_store(cache: Path | None = None) -> Store:
    return Store(cache or cache_folder(), SETTINGS)


@dataclass(frozen=True)
class RunStats:
    analyzed: int   # articles computed in this run
    reused: int     # articles whose results were already stored


def analyzable(articles: pd.DataFrame) -> pd.DataFrame:
    """The loaded English articles, one row per content id: VADER and YAKE are English-only.
    Columns id, and text when ``articles`` has it (a corpus's records keep it in Corpus.texts)."""
    english = articles[(articles["status"] == "loaded") & articles["english"].fillna(True).astype(bool)]
    return english.drop_duplicates("id")[[c for c in ("id", "text") if c in articles.columns]]


def analyze(articles: pd.DataFrame, store: Store, *, texts: Texts | None = None, workers: int | None = None,
            progress: Callable[[int, int], None] | None = None, scheduler: str | None = None) -> RunStats:
    """Analyse the articles (columns id, and text unless ``texts`` holds it) the store does not
    have yet.

    ``workers``: processes to use (default: every core; 1 = in this process). ``progress(done,
    total)`` is called as articles finish. Holds the store's write lock, so two callers never
    analyse the same article twice: the second finds the first one's results.

    ``scheduler``: a Dask scheduler address, or ``"local"``, to compute on a Dask cluster instead
    (``lib.analyse.cluster``; raises ``lib.analyse.cluster.ClusterError``); this process still writes the store.
    """
    with store.writing():
        done = store.done_ids()
        todo = articles[~articles["id"].isin(done)].drop_duplicates("id")
        reused = int(articles["id"].isin(done).sum())
        total = len(todo)
        if progress:
            progress(0, total)
        pending: list[dict[str, list]] = []
        finished = 0
        for chunk_result in _run(todo, workers, scheduler, texts):
            pending.append(chunk_result)
            finished += len(chunk_result["articles"]["article_id"])
            if sum(len(p["articles"]["article_id"]) for p in pending) >= BATCH_ARTICLES:
                store.write(arrow_tables(pending))
                pending = []
            if progress:
                progress(finished, total)
        if pending:
            store.write(arrow_tables(pending))
    return RunStats(analyzed=total, reused=reused)


def _run(todo: pd.DataFrame, workers: int | None, scheduler: str | None = None,
         texts: Texts | None = None) -> Iterator[dict[str, dict[str, list]]]:
    ids = todo["id"].tolist()
    if scheduler:  # imported here so that without a scheduler nothing Dask-related is needed
        from lib.analyse import cluster

        pairs = list(zip(ids, attach(todo, texts)["text"]))
        chunks = [pairs[i:i + CHUNK_ARTICLES] for i in range(0, len(pairs), CHUNK_ARTICLES)]
        yield from cluster.run_chunks(chunks, scheduler, workers=workers)
        return
    # each chunk's texts are read as it is sent: 100,000 texts at once are ~1 GB of Python strings
    chunks = (list(zip(some, attach(todo.iloc[at:at + CHUNK_ARTICLES], texts)["text"]))
              for at in range(0, len(ids), CHUNK_ARTICLES) for some in [ids[at:at + CHUNK_ARTICLES]])
    yield from in_pool(analyse_chunk, chunks, workers=workers)


def in_pool(function: Callable[[Task], Result], tasks: Iterable[Task], *,
            workers: int | None = None) -> Iterator[Result]:
    """``function(task)`` of each task, in task order, on a pool of ``workers`` processes (default:
    every core); in this process with one worker or ``FEW_TASKS`` tasks or fewer. ``function``
    must be importable (a module's function). At most ``AHEAD_PER_WORKER`` tasks per worker are
    taken from ``tasks`` ahead of the results, so tasks made as they are asked for (texts read
    chunk by chunk) never hold the whole corpus."""
    workers = workers or os.cpu_count() or 1
    tasks = iter(tasks)
    first = list(islice(tasks, FEW_TASKS + 1))
    if workers == 1 or len(first) <= FEW_TASKS:
        yield from map(function, first)
        yield from map(function, tasks)
        return
    # forkserver, not fork: the dashboard process has threads, and forking them is unsafe.
    context = multiprocessing.get_context("forkserver")
    with futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = deque(pool.submit(function, task) for task in first)
        ahead = workers * AHEAD_PER_WORKER
        pending.extend(pool.submit(function, task) for task in islice(tasks, max(ahead - len(pending), 0)))
        while pending:
            result = pending.popleft().result()
            pending.extend(pool.submit(function, task) for task in islice(tasks, 1))
            yield result
