"""The per-article analysis (the map): sentences and voice, VADER tone per sentence, YAKE
keyphrases per article; run once per article on a local process pool or a Dask cluster, stored,
and read back joined to a corpus.

    analyse.analyze(analyse.analyzable(corpus.records), analyse.open_store(), texts=corpus.texts)
    found = analyse.results(corpus.articles, store)    # Results: articles, sentences, keywords

``chunk`` analyses a few articles (what a worker runs), ``run`` schedules it and writes the store,
``cluster`` runs it on Dask, ``results`` reads it back; ``sentiment`` and ``keywords`` (with
``yake_fast``) hold the measures and their aggregates per article and outlet.
"""
from lib.analyse.chunk import ANALYSER_VERSION, SETTINGS, analyse_chunk
from lib.analyse.results import SENTENCE_COLUMNS, Results, results
from lib.analyse.run import BATCH_ARTICLES, CHUNK_ARTICLES, RunStats, analyzable, analyze, in_pool, open_store

__all__ = ["ANALYSER_VERSION", "BATCH_ARTICLES", "CHUNK_ARTICLES", "SENTENCE_COLUMNS", "SETTINGS", "Results",
           "RunStats", "analyse_chunk", "analyzable", "analyze", "in_pool", "open_store", "results"]
