"""The per-article analysis (the map): sentences and voice, VADER tone per sentence, YAKE
keyphrases per article; run once per article on a local process pool or a Dask cluster, stored,
and read back joined to a corpus.

    analysis.analyze(analysis.analyzable(corpus.records), analysis.open_store(), texts=corpus.texts)
    found = analysis.results(corpus.articles, store)   # Results: articles, sentences, keywords

``chunk`` analyses a few articles (what a worker runs), ``run`` schedules it and writes the store,
``cluster`` runs it on Dask, ``results`` reads it back; ``sentiment`` and ``keywords`` (with
``yake_fast``) hold the measures and their aggregates per article and outlet.
"""
from lib.analysis.chunk import ANALYSER_VERSION, SETTINGS, analyse_chunk
from lib.analysis.results import SENTENCE_COLUMNS, Results, results
from lib.analysis.run import BATCH_ARTICLES, CHUNK_ARTICLES, RunStats, analyzable, analyze, open_store

__all__ = ["ANALYSER_VERSION", "BATCH_ARTICLES", "CHUNK_ARTICLES", "SENTENCE_COLUMNS", "SETTINGS", "Results",
           "RunStats", "analyse_chunk", "analyzable", "analyze", "open_store", "results"]
