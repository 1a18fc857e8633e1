"""Suggested contested-term sets split into a per-article map and a corpus-level reduce
(``lib.framing.suggest_map``, issue 18): what the reduce costs against computing the sets whole.

Protocol
    Per corpus, in one run: today's time (``suggest.candidate_sets`` of every article in one
    process: tokenising and the corpus-level steps together); the map in chunks of 8 articles,
    as ``lib.analyse.chunk`` runs it in the worker pool (ms per article, one process); the
    reduce of the chunks' tables concatenated in shuffled row order; whether the reduce gives
    exactly the sets and per-article counts of candidate_sets (rows that differ); the stored map
    rows and Parquet MB per 1,000 articles, and the tables' memory in pandas.

    Dev corpus: ``bench.corpus_builder.build(4000)`` read as the dashboard reads it (set
    FRAMESCOPE_BENCH_DIR to reuse a built one). Cross-check (not tuned on): narrative_frames.

Run: ``python -m bench suggest_map`` (``--limit N``: the first N articles of each corpus).
"""
from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from bench.common import Row, corpus_path, peak_rss_mb, timer
from lib.framing import suggest, suggest_map

CHUNK = 8  # articles per map call, as lib.analyse.chunk batches them


def run(limit: int | None = None) -> list[Row]:
    rows: list[Row] = []
    for name, articles in (("dev 4,000", _dev), ("narrative_frames", _narrative_frames)):
        found = articles(limit)
        if found is not None and len(found):
            rows += _measure(name, found)
    return rows


def _measure(name: str, articles: pd.DataFrame) -> list[Row]:
    n = len(articles)
    with timer() as whole:
        expected = suggest.candidate_sets(articles)
    with timer() as mapping:
        parts = [suggest_map.map_articles(articles.iloc[k:k + CHUNK]) for k in range(0, n, CHUNK)]
    tables = {t: pd.concat([p[t] for p in parts], ignore_index=True) for t in suggest_map.SCHEMAS}
    shuffled = {t: f.sample(frac=1, random_state=1) for t, f in tables.items()}
    with timer() as reducing:
        got = suggest_map.reduce(shuffled, articles["id"])
    sets_differ, counts_differ = _differ(expected, got)
    stored = sum(len(f) for f in tables.values())
    size = sum(_parquet_bytes(f, suggest_map.SCHEMAS[t]) for t, f in tables.items())
    memory = sum(f.memory_usage(deep=True).sum() for f in tables.values())
    today = whole()
    per_k = 1000 / n
    return [
        Row(f"{name} ({n} articles): today, candidate_sets whole", today, "s", 1.0),
        Row(f"{name}: map, per article (chunks of {CHUNK}, one process)", mapping() / n * 1000, "ms",
            today / mapping() if mapping() else None, "ratio: today / whole map"),
        Row(f"{name}: reduce of the stored rows (shuffled)", reducing(), "s",
            today / reducing() if reducing() else None, f"{reducing() / today:.0%} of today"),
        Row(f"{name}: sets / count rows differing from candidate_sets", sets_differ + counts_differ, "rows", None,
            f"{sets_differ} set rows of {len(expected[0])}, {counts_differ} count rows of {len(expected[1])}"),
        Row(f"{name}: stored map rows per 1,000 articles", stored * per_k, "rows", None,
            ", ".join(f"{t.split('_')[1]} {len(f) * per_k:,.0f}" for t, f in tables.items())),
        Row(f"{name}: Parquet per 1,000 articles", size * per_k / 1e6, "MB"),
        Row(f"{name}: map tables in pandas per 1,000 articles", memory * per_k / 1e6, "MB",
            None, f"peak RSS so far {peak_rss_mb()[0]:,.0f} MB"),
    ]


def _differ(expected, got) -> tuple[int, int]:
    """Rows of the sets (group, term, variants, count; similarity to 1e-9) and of the counts that
    are in one result and not the other."""
    def rows(frame: pd.DataFrame, rounded: str | None = None) -> pd.DataFrame:
        return frame.assign(**{rounded: frame[rounded].round(9)}) if rounded else frame

    sets = rows(expected[0], "similarity").merge(rows(got[0], "similarity"), how="outer", indicator=True)
    counts = expected[1].merge(got[1], how="outer", indicator=True)
    return int((sets["_merge"] != "both").sum()), int((counts["_merge"] != "both").sum())


def _parquet_bytes(frame: pd.DataFrame, schema: pa.Schema) -> int:
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False), buffer)
    return buffer.tell()


def _dev(limit: int | None) -> pd.DataFrame:
    from bench.corpus_builder import build
    from lib import pipeline
    from lib.load import corpus
    from lib.store.texts import attach

    folder = build(4000)
    with tempfile.TemporaryDirectory() as cache:
        loaded = corpus.load(folder, cache=Path(cache))
        articles = attach(pipeline.analysable(loaded), loaded.texts)[["id", "text"]]
    return articles.head(limit).reset_index(drop=True) if limit else articles.reset_index(drop=True)


def _narrative_frames(limit: int | None) -> pd.DataFrame | None:
    folder = corpus_path("narrative_frames")
    if folder is None:
        return None
    raw = pd.read_json(folder / "articles.jsonl", lines=True, nrows=limit)
    return pd.DataFrame({"id": raw["id"].astype("str"), "text": raw["text"].fillna("").astype("str")})
