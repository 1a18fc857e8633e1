"""The per-article map: one chunk of articles (id, clean text) in, their sentences with voice
and VADER scores, per-article tone, generic news frames (with the sentences that drove them) and
YAKE keyphrases out, as plain lists (cheap to pickle to and from a worker process or a Dask
worker); and the map steps of the corpus-level tables (``MAP_STEPS``), whose rows the pipeline's
reduce aggregates instead of reading every article again.

A map step is a module with ``MAP_VERSION`` (int), ``SCHEMAS`` (table name -> pyarrow schema,
first field article_id; names unique across steps, stored as they are) and
``map_articles(articles: id, text) -> {table: frame}``, whose rows each come from one article alone.
"""
from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

import pandas as pd
import pyarrow as pa

from lib import text
from lib.analyse import keywords, sentiment
from lib.framing import generic

ANALYSER_VERSION = 3  # bump when the per-article computation changes (2: generic news frames, 3: map steps)
# Each map step: the module whose map_articles fills its tables (imported when first used).
MAP_STEPS: dict[str, str] = {"terms": "lib.distinctive.mapped", "suggest": "lib.framing.suggest_map",
                             "stories": "lib.stories.vectors", "actors": "lib.actors.mapped"}


@cache
def map_step(name: str) -> ModuleType:
    return importlib.import_module(MAP_STEPS[name])


def map_tables(step: str) -> tuple[str, ...]:
    """The stored names of a map step's tables."""
    return tuple(map_step(step).SCHEMAS)


def stored_tables() -> tuple[str, ...]:
    """Every table a batch holds: the core ones, then each map step's."""
    from lib.store.batches import TABLES

    return (*TABLES, *(name for step in MAP_STEPS for name in map_tables(step)))


# The store's key hashes these: a change to any starts a fresh store, whose articles are analysed
# again (a store written before the frames existed has no frame columns to read).
SETTINGS = {"analyser": ANALYSER_VERSION, "vader": sentiment.VADER_VERSION, "yake": keywords.YAKE_VERSION,
            "keywords": keywords.SETTINGS, "quoted_share": text.QUOTED_SHARE, "generic_frames": generic.VERSION,
            "maps": {name: map_step(name).MAP_VERSION for name in MAP_STEPS}}
FRAME_COLUMNS = (*generic.SCORE_COLUMNS, *generic.PRESENT_COLUMNS)

def analyse_chunk(pairs: list[tuple[str, str]]) -> dict[str, dict[str, list]]:
    """Analyse a few articles (id, clean text) in this process; plain lists, cheap to pickle."""
    frame = pd.DataFrame(pairs, columns=["id", "text"])
    sentences = sentiment.score_sentences(text.sentences(frame))
    per_article = sentiment.by_article(sentences).set_index("article_id")
    framed, evidence = generic.score_frames(sentences)
    framed = framed.set_index("article_id")
    out_articles: dict[str, list] = {"article_id": [], "sentences": [], "compound": [], "positive": [],
                                     "negative": [], "keywords": [], **{name: [] for name in FRAME_COLUMNS}}
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
        frames = framed.loc[article_id] if article_id in framed.index else None  # no sentence: no frame
        for name in FRAME_COLUMNS:
            out_articles[name].append((float(frames[name]) if name.endswith("_score") else bool(frames[name]))
                                      if frames is not None else (0.0 if name.endswith("_score") else False))
    kept = ["article_id", "sentence", "start", "end", "voice", "quoted_chars", *sentiment.SCORE_COLUMNS]
    return {"articles": out_articles, "keywords": out_keywords,
            "sentences": {name: sentences[name].tolist() for name in kept},
            "frame_sentences": {name: evidence[name].tolist() for name in ("article_id", "frame", "sentence", "hits")},
            **map_chunk(frame)}


def map_chunk(frame: pd.DataFrame) -> dict[str, pa.Table]:
    """Every map step's tables for these articles (id, text), as Arrow tables of their schemas."""
    out = {}
    for step in MAP_STEPS:
        module = map_step(step)
        found = module.map_articles(frame)
        for table, schema in module.SCHEMAS.items():
            out[table] = pa.Table.from_pandas(found[table][schema.names], schema=schema, preserve_index=False)
    return out


SCHEMAS = {  # the stored tables' columns and types (lib.store keeps them as given)
    "articles": pa.schema([("article_id", pa.string()), ("sentences", pa.int32()), ("compound", pa.float64()),
                           ("positive", pa.float64()), ("negative", pa.float64()), ("keywords", pa.int32()),
                           *[(name, pa.float32()) for name in generic.SCORE_COLUMNS],
                           *[(name, pa.bool_()) for name in generic.PRESENT_COLUMNS]]),
    "sentences": pa.schema([("article_id", pa.string()), ("sentence", pa.int32()), ("start", pa.int32()),
                            ("end", pa.int32()), ("voice", pa.string()), ("quoted_chars", pa.float32()),
                            ("neg", pa.float64()), ("neu", pa.float64()), ("pos", pa.float64()),
                            ("compound", pa.float64())]),
    "keywords": pa.schema([("article_id", pa.string()), ("rank", pa.int16()), ("keyphrase", pa.string()),
                           ("score", pa.float64())]),
    # the sentences that drove each generic frame's score (lib.framing.generic.score_frames)
    "frame_sentences": pa.schema([("article_id", pa.string()), ("frame", pa.string()), ("sentence", pa.int32()),
                                  ("hits", pa.int16())]),
}


def arrow_tables(parts: list[dict[str, dict[str, list] | pa.Table]]) -> dict[str, pa.Table]:
    """One batch's tables from the results of a few chunks (``analyse_chunk``)."""
    tables = {}
    for name, schema in SCHEMAS.items():
        columns = {field.name: [v for part in parts for v in part[name][field.name]] for field in schema}
        tables[name] = pa.table(columns, schema=schema)
    for step in MAP_STEPS:
        for name in map_tables(step):
            tables[name] = pa.concat_tables([part[name] for part in parts])
    return tables


