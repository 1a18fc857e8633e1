"""Analyse articles once: sentences and voice, VADER per sentence, YAKE per article, into the store.

``analyze`` computes only what the store lacks, spreads the work over a process pool (each worker
builds its VADER analyzer and YAKE extractor once) and writes results in small atomic batches, so
an interrupted run keeps everything it finished. ``results`` reads them back for a corpus.
"""
from __future__ import annotations

import concurrent.futures as futures
import functools
import multiprocessing
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from lib import keywords, sentiment, text
from lib.frames import plain_ids
from lib.store import Store
from lib.texts import Texts, attach

ANALYSER_VERSION = 1  # bump when the per-article computation changes
SETTINGS = {"analyser": ANALYSER_VERSION, "vader": sentiment.VADER_VERSION, "yake": keywords.YAKE_VERSION,
            "keywords": keywords.SETTINGS, "quoted_share": text.QUOTED_SHARE}
BATCH_ARTICLES = 250    # articles per stored batch: what a crash can cost at most
CHUNK_ARTICLES = 8      # articles per task sent to a worker
PROJECT = Path(__file__).resolve().parent.parent


def cache_folder() -> Path:
    """``$FRAMESCOPE_CACHE``, else ``.framescope-cache/`` in the project (git-ignored)."""
    return Path(os.environ.get("FRAMESCOPE_CACHE") or PROJECT / ".framescope-cache")


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
    (``lib.cluster``; raises ``lib.cluster.ClusterError``); this process still writes the store.
    """
    with store.writing():
        done = store.done_ids()
        todo = attach(articles[~articles["id"].isin(done)].drop_duplicates("id"), texts)
        reused = int(articles["id"].isin(done).sum())
        total = len(todo)
        if progress:
            progress(0, total)
        pending: list[dict[str, list]] = []
        finished = 0
        for chunk_result in _run(todo, workers, scheduler):
            pending.append(chunk_result)
            finished += len(chunk_result["articles"]["article_id"])
            if sum(len(p["articles"]["article_id"]) for p in pending) >= BATCH_ARTICLES:
                store.write(_tables(pending))
                pending = []
            if progress:
                progress(finished, total)
        if pending:
            store.write(_tables(pending))
    return RunStats(analyzed=total, reused=reused)


def _run(todo: pd.DataFrame, workers: int | None,
         scheduler: str | None = None) -> Iterator[dict[str, dict[str, list]]]:
    pairs = list(zip(todo["id"], todo["text"]))
    chunks = [pairs[i:i + CHUNK_ARTICLES] for i in range(0, len(pairs), CHUNK_ARTICLES)]
    if scheduler:  # imported here so that without a scheduler nothing Dask-related is needed
        from lib import cluster

        yield from cluster.run_chunks(chunks, scheduler, workers=workers)
        return
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(chunks) <= 2:  # a pool costs ~1 s to start: not worth it for a few
        yield from map(analyse_chunk, chunks)
        return
    # forkserver, not fork: the dashboard process has threads, and forking them is unsafe.
    context = multiprocessing.get_context("forkserver")
    with futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(analyse_chunk, chunks)


def analyse_chunk(pairs: list[tuple[str, str]]) -> dict[str, dict[str, list]]:
    """Analyse a few articles (id, clean text) in this process; plain lists, cheap to pickle."""
    frame = pd.DataFrame(pairs, columns=["id", "text"])
    sentences = sentiment.score_sentences(text.sentences(frame))
    per_article = sentiment.by_article(sentences).set_index("article_id")
    out_articles: dict[str, list] = {"article_id": [], "sentences": [], "compound": [], "positive": [],
                                     "negative": [], "keywords": []}
    out_keywords: dict[str, list] = {"article_id": [], "rank": [], "keyphrase": [], "score": []}
    for article_id, body in pairs:
        found = keywords.extract(body)
        for rank, (phrase, score) in enumerate(found, start=1):
            out_keywords["article_id"].append(article_id)
            out_keywords["rank"].append(rank)
            out_keywords["keyphrase"].append(phrase)
            out_keywords["score"].append(score)
        row = per_article.loc[article_id] if article_id in per_article.index else None
        out_articles["article_id"].append(article_id)
        out_articles["sentences"].append(int(row["sentences"]) if row is not None else 0)
        for name in ("compound", "positive", "negative"):
            out_articles[name].append(float(row[name]) if row is not None else None)
        out_articles["keywords"].append(len(found))
    kept = ["article_id", "sentence", "start", "end", "voice", "quoted_chars", *sentiment.SCORE_COLUMNS]
    return {"articles": out_articles, "keywords": out_keywords,
            "sentences": {name: sentences[name].tolist() for name in kept}}


_SCHEMAS = {
    "articles": pa.schema([("article_id", pa.string()), ("sentences", pa.int32()), ("compound", pa.float64()),
                           ("positive", pa.float64()), ("negative", pa.float64()), ("keywords", pa.int32())]),
    "sentences": pa.schema([("article_id", pa.string()), ("sentence", pa.int32()), ("start", pa.int32()),
                            ("end", pa.int32()), ("voice", pa.string()), ("quoted_chars", pa.float32()),
                            ("neg", pa.float64()), ("neu", pa.float64()), ("pos", pa.float64()),
                            ("compound", pa.float64())]),
    "keywords": pa.schema([("article_id", pa.string()), ("rank", pa.int16()), ("keyphrase", pa.string()),
                           ("score", pa.float64())]),
}


def _tables(parts: list[dict[str, dict[str, list]]]) -> dict[str, pa.Table]:
    tables = {}
    for name, schema in _SCHEMAS.items():
        columns = {field.name: [v for part in parts for v in part[name][field.name]] for field in schema}
        tables[name] = pa.table(columns, schema=schema)
    return tables


# What the pages read of each stored sentence: neg/neu/pos and quoted_chars stay in the store
# (~130 MB at 100k articles). Ids and voices are categories: 4 M repeated strings otherwise.
SENTENCE_COLUMNS = ("article_id", "sentence", "start", "end", "voice", "compound")


def _compact(sentences: pd.DataFrame) -> pd.DataFrame:
    return sentences.reindex(columns=list(SENTENCE_COLUMNS)).astype({"article_id": "category", "voice": "category"})


def _plain_ids(sentences: pd.DataFrame) -> pd.DataFrame:
    # A few articles' sentences: ids as pandas strings again, the dtype a frame built from Python
    # lists gets (the concordance's lines), which merge_asof insists on; frames.plain_ids'
    # objects would not do.
    return sentences.astype({"article_id": "str"})


@dataclass(frozen=True)
class Results:
    """Stored analysis joined to a corpus: what the pages and the CLI read."""

    articles: pd.DataFrame    # corpus articles (id, file, outlet, date, title, words, ...) + sentences, compound, positive, negative
    sentences: pd.DataFrame   # SENTENCE_COLUMNS: article_id, sentence, start, end, voice, compound
    keywords: pd.DataFrame    # article_id, rank, keyphrase, score
    pending: int              # analysable articles without stored results yet
    voices: pd.DataFrame      # article_id, voice, compound: sentiment.voice_means, computed once on load

    def where(self, articles: pd.DataFrame) -> "Results":
        """The results restricted to these articles (e.g. the sidebar selection); the same object
        when they include every analysed article (no filter: nothing to copy)."""
        if len(articles) >= len(self.articles) and self.articles["id"].isin(articles["id"]).all():
            return self
        ids = set(articles["id"])
        return Results(articles=self.articles[self.articles["id"].isin(ids)],
                       sentences=self.sentences[self.sentences["article_id"].isin(ids)],
                       keywords=self.keywords[self.keywords["article_id"].isin(ids)], pending=self.pending,
                       voices=self.voices[self.voices["article_id"].isin(ids)])

    def sentences_of(self, article_ids) -> pd.DataFrame:
        """The stored sentences of these articles, in article then sentence order, found by
        position (each article's sentences are consecutive rows) instead of testing every row:
        a 100k corpus has 4 M."""
        wanted = pd.unique(pd.Series(list(article_ids), dtype=object))
        located = self._sentence_rows
        if located is None:
            return _plain_ids(self.sentences[self.sentences["article_id"].isin(wanted)])
        first, count = located
        at = first.reindex(wanted).dropna()
        if at.empty:
            return _plain_ids(self.sentences.iloc[0:0])
        starts = at.to_numpy(dtype="int64")
        lengths = count.loc[at.index].to_numpy(dtype="int64")
        offsets = np.cumsum(lengths) - lengths
        return _plain_ids(self.sentences.iloc[np.arange(lengths.sum()) + np.repeat(starts - offsets, lengths)])

    def compound_of(self, article_ids, sentence_numbers) -> np.ndarray:
        """The stored VADER compound (−1 … +1) of each (article, sentence index) pair; NaN where
        the sentence is not stored. Found by position, for the 100k-row mention lists of actors."""
        ids = np.asarray(list(article_ids), dtype=object)
        numbers = np.asarray(sentence_numbers, dtype="int64")
        rows = self._rows_of(ids, numbers)
        if rows is None:  # sentences not numbered by position: join by value
            keys = pd.DataFrame({"article_id": ids, "sentence": numbers})
            stored = self.sentences[["article_id", "sentence", "compound"]].astype({"sentence": "int64"})
            return keys.merge(stored, how="left")["compound"].to_numpy(dtype="float64")
        compound = self.sentences["compound"].to_numpy(dtype="float64")
        return np.where(rows >= 0, compound[np.maximum(rows, 0)] if len(compound) else np.nan, np.nan)

    def _rows_of(self, ids: np.ndarray, numbers: np.ndarray) -> np.ndarray | None:
        # Row of each (article, sentence) pair, -1 where it is not stored; None when an article's
        # rows are not its sentences 0, 1, 2, ... in order.
        located = self._sentence_rows
        if located is None:
            return None
        first, count = located
        at = first.index.get_indexer(ids)
        if not len(first):
            return np.full(len(ids), -1, dtype="int64")
        stored = (at >= 0) & (numbers >= 0) & (numbers < count.to_numpy()[at])
        rows = np.where(stored, first.to_numpy()[at] + numbers, -1)
        if not (self.sentences["sentence"].to_numpy()[rows[stored]] == numbers[stored]).all():
            return None
        return rows

    @functools.cached_property
    def _sentence_rows(self) -> tuple[pd.Series, pd.Series] | None:
        # First row and number of rows of each article's sentences; None if an article's rows
        # are not consecutive (never written so, but then the slow way is still exact).
        # cached_property writes the instance's __dict__ directly: fine on a frozen dataclass.
        column = self.sentences["article_id"]
        if not len(column):
            return pd.Series(dtype="int64"), pd.Series(dtype="int64")
        codes = column.cat.codes.to_numpy() if isinstance(column.dtype, pd.CategoricalDtype) else pd.factorize(column)[0]
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
        index = pd.Index(column.iloc[starts].to_numpy(dtype=object))
        if not index.is_unique:
            return None
        return pd.Series(starts, index=index), pd.Series(np.diff(np.r_[starts, len(column)]), index=index)


def results(corpus_articles: pd.DataFrame, store: Store) -> Results:
    """The stored results for these corpus articles; articles not analysed yet are counted in
    ``pending`` and left out of the frames. Outlets are named, unknown ones ``(unknown outlet)``."""
    from lib.coverage import outlet_names

    wanted = analyzable(corpus_articles)
    stored = store.load(set(wanted["id"]), columns={"sentences": list(SENTENCE_COLUMNS)})
    base = corpus_articles[corpus_articles["id"].isin(stored["articles"]["article_id"])]
    base = base.drop_duplicates("id").drop(columns=["raw_text", "removed"], errors="ignore")
    joined = base.merge(stored["articles"], left_on="id", right_on="article_id", how="inner")
    joined = joined.assign(outlet=outlet_names(joined)).drop(columns=["article_id"])
    sentences = _compact(stored["sentences"].reset_index(drop=True))
    keywords = stored["keywords"].reset_index(drop=True).astype({"article_id": "category"})
    return Results(articles=plain_ids(joined), sentences=sentences, keywords=keywords,
                   pending=len(wanted) - len(joined), voices=plain_ids(sentiment.voice_means(sentences)))
