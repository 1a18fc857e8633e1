"""The article × term matrix as map + reduce (lib.distinctive.mapped) against article_terms.

Protocol (dev corpus: ``bench.corpus_builder.build(4000)``, loaded with ``lib.load.corpus.load``,
``lib.pipeline.analysable`` + texts; cross-check: narrative_frames, not used for anything else,
its JSONL read with pandas):

* today: ``article_terms`` of all the articles (the baseline every ratio is against).
* map: ``map_articles`` on chunks of 8 articles, as lib.analyse.chunk runs it (one process here;
  the pool runs it in parallel): seconds, ms per article, rows per article.
* store: the map rows written as Parquet batches of 500 articles (zstd, dictionary-encoded
  strings, as the analysis store writes its tables): MB on disk per 1,000 articles.
* reduce, in a fresh child process each (peak memory is the child's own, less its RSS after
  imports): (a) pandas: the batches read with pyarrow (strings as dictionaries, read back as
  categoricals), concatenated in shuffled row order, then ``reduce``; (b) DuckDB:
  ``reduce_parquet`` over the same files. Both compared with today's matrix for equality.
* 100k extrapolation (full runs only): the 4k map rows copied 25 times under new ids, with every
  term used once in the 4k corpus renamed per copy (hapaxes grow with the corpus; shared terms do
  not), so the 100k figures over-state the vocabulary rather than under-state it; both reduces.

Run: ``python -m bench.terms_map [--limit N]``.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from bench.common import ROOT, Row, corpus_path, print_table, timer
from lib.distinctive import article_terms
from lib.distinctive import mapped

CHUNK = 8          # articles per map call, as lib.analyse.chunk
BATCH = 500        # articles per Parquet file
COPIES = 25        # 4k × 25 = the 100k extrapolation

CHILD = r"""
import json, sys, time
from pathlib import Path
import numpy as np, pandas as pd, pyarrow as pa, pyarrow.parquet as pq
from lib.distinctive import mapped
folder, ids_file, how, check = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ids = pd.read_parquet(ids_file)["id"].to_numpy(dtype=object)
def status(field):
    with open("/proc/self/status") as handle:
        return next(int(l.split()[1]) for l in handle if l.startswith(field + ":")) / 1024
def rss():
    return status("VmHWM")
base = status("VmRSS")
with open("/proc/self/clear_refs", "w") as handle:   # peak RSS from here on (Linux: "5" resets VmHWM)
    handle.write("5")
files = sorted(folder.glob("*.parquet"))
t0 = time.perf_counter()
if how == "pandas":
    table = pa.concat_tables([pq.read_table(f, read_dictionary=["article_id", "term"])
                              for f in files]).unify_dictionaries()
    frame = table.combine_chunks().to_pandas()
    del table
    if check != "-":   # rows in any order (not for the 100k copies: a shuffled copy would double the peak)
        frame = frame.sample(frac=1.0, random_state=0).reset_index(drop=True)
    read = time.perf_counter() - t0
    t1 = time.perf_counter()
    matrix = mapped.reduce({"article_terms": frame}, ids)
    reduce_s = time.perf_counter() - t1
else:
    read = 0.0
    t1 = time.perf_counter()
    matrix = mapped.reduce_parquet(files, ids)
    reduce_s = time.perf_counter() - t1
out = {"read": read, "reduce": reduce_s, "peak": rss(), "base": base, "nnz": int(matrix.counts.nnz),
       "terms": int(len(matrix.terms))}
if check != "-":
    import scipy.sparse as sp
    want = np.load(check, allow_pickle=True)
    same = (np.array_equal(want["terms"], matrix.terms) and np.array_equal(want["ids"], matrix.ids)
            and np.array_equal(want["indptr"], matrix.counts.indptr)
            and np.array_equal(want["indices"], matrix.counts.indices)
            and np.array_equal(want["data"], matrix.counts.data) and matrix.counts.data.dtype == np.int32)
    out["same"] = bool(same)
print(json.dumps(out))
"""


def dev_articles(limit: int | None) -> pd.DataFrame | None:
    """id, text of the dev corpus's analysable articles (as lib.pipeline.term_matrix sees them)."""
    from bench.corpus_builder import build
    from lib import pipeline
    from lib.load import corpus
    from lib.store.texts import attach

    folder = build(4000)
    if folder is None:
        return None
    loaded = corpus.load(folder, cache=Path("/tmp/terms-map-cache"))
    arts = attach(pipeline.analysable(loaded), loaded.texts)[["id", "text"]]
    return (arts.head(limit) if limit else arts).reset_index(drop=True)


def cross_articles(limit: int | None) -> pd.DataFrame | None:
    path = corpus_path("narrative_frames")
    if path is None:
        return None
    frame = pd.read_json(path / "articles.jsonl", lines=True, dtype={"id": str})
    frame = frame.head(limit) if limit else frame
    return pd.DataFrame({"id": frame["id"].astype(str), "text": frame["text"]})


def map_all(articles: pd.DataFrame) -> pd.DataFrame:
    parts = [mapped.map_articles(articles.iloc[i:i + CHUNK])[mapped.TABLE] for i in range(0, len(articles), CHUNK)]
    return pd.concat(parts, ignore_index=True)


def write_batches(rows: pd.DataFrame, folder: Path, ids: np.ndarray) -> float:
    """The map rows as Parquet files of BATCH articles each; MB on disk."""
    folder.mkdir(parents=True, exist_ok=True)
    batch_of = pd.Series(np.arange(len(ids)) // BATCH, index=pd.Index(ids))
    batch = batch_of.reindex(rows["article_id"].astype(object)).to_numpy()
    for b, part in rows.groupby(batch, sort=True):
        table = pa.Table.from_pandas(part, schema=mapped.SCHEMAS[mapped.TABLE], preserve_index=False)
        pq.write_table(table, folder / f"batch-{int(b):05d}.parquet", compression="zstd", use_dictionary=True)
    return sum(f.stat().st_size for f in folder.glob("*.parquet")) / 1e6


def child(folder: Path, ids: np.ndarray, how: str, check: Path | None) -> dict:
    ids_file = folder.parent / f"{folder.name}-ids.parquet"
    pd.DataFrame({"id": pd.array(ids.astype(str), dtype="str")}).to_parquet(ids_file)
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(ids_file), how, str(check or "-")],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads([line for line in done.stdout.splitlines() if line.startswith("{")][-1])


def save_check(matrix, path: Path) -> None:
    np.savez(path, terms=matrix.terms, ids=matrix.ids, indptr=matrix.counts.indptr,
             indices=matrix.counts.indices, data=matrix.counts.data)


def corpus_rows(name: str, articles: pd.DataFrame, tmp: Path, *, extrapolate: bool) -> list[Row]:
    n = len(articles)
    with timer() as t:
        today = article_terms(articles)
    base = t()
    with timer() as t:
        rows = map_all(articles)
    map_s = t()
    shuffled = rows.sample(frac=1.0, random_state=1)
    with timer() as t:
        reduced = mapped.reduce({mapped.TABLE: shuffled}, articles["id"])
    mem_reduce = t()
    same = mapped.same_matrix(today, reduced)
    ids = articles["id"].to_numpy(dtype=object)
    folder = tmp / name
    mb = write_batches(rows, folder, ids)
    check = tmp / f"{name}-check.npz"
    save_check(today, check)
    pan, duck = child(folder, ids, "pandas", check), child(folder, ids, "duckdb", check)
    out = [
        Row(f"{name}: article_terms today ({n:,} articles)", base, "s", 1.0, f"{len(today.terms):,} terms, "
            f"{today.counts.nnz:,} non-zeros"),
        Row(f"{name}: map, chunks of {CHUNK} (one process)", 1000 * map_s / n, "ms/article", base / map_s,
            f"{map_s:.2f} s in all"),
        Row(f"{name}: map rows stored per article", len(rows) / n, "rows", None,
            f"{len(rows):,} rows, {rows['term'].nunique():,} distinct terms"),
        Row(f"{name}: Parquet (zstd, dictionary) per 1,000 articles", 1000 * mb / n, "MB", None,
            f"{mb:.1f} MB in {len(list(folder.glob('*.parquet')))} files of {BATCH}"),
        Row(f"{name}: reduce (pandas, frame in memory, shuffled)", mem_reduce, "s", base / mem_reduce,
            f"identical: {same}"),
        Row(f"{name}: reduce pandas from Parquet: read + reduce", pan["read"] + pan["reduce"], "s",
            base / (pan["read"] + pan["reduce"]), f"read {pan['read']:.2f} s, reduce {pan['reduce']:.2f} s; "
            f"identical: {pan['same']}"),
        Row(f"{name}: reduce pandas from Parquet: peak memory over imports", pan["peak"] - pan["base"], "MB", None,
            f"peak RSS {pan['peak']:.0f} MB"),
        Row(f"{name}: reduce DuckDB over Parquet", duck["reduce"], "s", base / duck["reduce"],
            f"identical: {duck['same']}"),
        Row(f"{name}: reduce DuckDB: peak memory over imports", duck["peak"] - duck["base"], "MB", None,
            f"peak RSS {duck['peak']:.0f} MB"),
    ]
    if extrapolate:
        out += scaled(rows, ids, tmp, base)
    return out


def scaled(rows: pd.DataFrame, ids: np.ndarray, tmp: Path, base: float) -> list[Row]:
    """Both reduces over the map rows copied COPIES times (see the module docstring)."""
    totals = rows.groupby("term", sort=False)["count"].sum()
    once = rows["term"].map(totals).to_numpy() == 1
    folder = tmp / "scaled"
    folder.mkdir()
    all_ids, k = [], 0
    for copy in range(COPIES):
        part = rows.assign(article_id=rows["article_id"] + f"~{copy}")
        if copy:
            part.loc[once, "term"] = part.loc[once, "term"] + f"~{copy}"
        copy_ids = np.array([f"{i}~{copy}" for i in ids], dtype=object)
        all_ids.append(copy_ids)
        batch_of = pd.Series(np.arange(len(copy_ids)) // BATCH, index=pd.Index(copy_ids))
        for _, piece in part.groupby(batch_of.reindex(part["article_id"].astype(object)).to_numpy(), sort=True):
            table = pa.Table.from_pandas(piece, schema=mapped.SCHEMAS[mapped.TABLE], preserve_index=False)
            pq.write_table(table, folder / f"batch-{k:05d}.parquet", compression="zstd", use_dictionary=True)
            k += 1
    ids_all = np.concatenate(all_ids)
    mb = sum(f.stat().st_size for f in folder.glob("*.parquet")) / 1e6
    n = len(ids_all)
    pan, duck = child(folder, ids_all, "pandas", None), child(folder, ids_all, "duckdb", None)
    note = f"{n:,} articles, {len(rows) * COPIES:,} rows, {pan['terms']:,} terms kept"
    return [
        Row(f"scaled ×{COPIES}: Parquet on disk", mb, "MB", None, note),
        Row(f"scaled ×{COPIES}: reduce pandas from Parquet: read + reduce", pan["read"] + pan["reduce"], "s",
            base / (pan["read"] + pan["reduce"]), f"read {pan['read']:.1f} s, reduce {pan['reduce']:.1f} s"),
        Row(f"scaled ×{COPIES}: reduce pandas: peak memory over imports", pan["peak"] - pan["base"], "MB", None,
            f"peak RSS {pan['peak']:.0f} MB"),
        Row(f"scaled ×{COPIES}: reduce DuckDB over Parquet (memory_limit 1GB)", duck["reduce"], "s",
            base / duck["reduce"], f"non-zeros {duck['nnz']:,} (pandas {pan['nnz']:,})"),
        Row(f"scaled ×{COPIES}: reduce DuckDB: peak memory over imports", duck["peak"] - duck["base"], "MB", None,
            f"peak RSS {duck['peak']:.0f} MB"),
    ]


def run(limit: int | None = None) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        dev = dev_articles(limit)
        if dev is not None:
            rows += corpus_rows("dev 4k", dev, Path(tmp), extrapolate=limit is None)
        cross = cross_articles(limit)
        if cross is not None:
            rows += corpus_rows("narrative_frames", cross, Path(tmp), extrapolate=False)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    print_table("Article × term matrix: map + reduce against article_terms (ratio: today's seconds / these)",
                run(args.limit))


if __name__ == "__main__":
    main()
