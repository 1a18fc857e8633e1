"""The stored analysis read back for a corpus: ``results`` joins it to the corpus's articles."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from lib.analyse import sentiment
from lib.analyse.chunk import SCHEMAS
from lib.analyse.run import analyzable
from lib.frames import plain_ids
from lib.store.batches import Store

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

    articles: pd.DataFrame    # corpus articles (id, file, outlet, date, title, words, ...) + sentences, compound,
                              # positive, negative, frame_<name>_score (0..1) and frame_<name> (bool) per generic frame
    sentences: pd.DataFrame   # SENTENCE_COLUMNS: article_id, sentence, start, end, voice, compound
    keywords: pd.DataFrame    # article_id, rank, keyphrase, score
    pending: int              # analysable articles without stored results yet
    voices: pd.DataFrame      # article_id, voice, compound: sentiment.voice_means, computed once on load
    frame_sentences: pd.DataFrame  # article_id, frame, sentence, hits: what drove each generic frame's score

    def where(self, articles: pd.DataFrame) -> "Results":
        """The results restricted to these articles (e.g. the sidebar selection); the same object
        when they include every analysed article (no filter: nothing to copy)."""
        if len(articles) >= len(self.articles) and self.articles["id"].isin(articles["id"]).all():
            return self
        ids = set(articles["id"])
        return Results(articles=self.articles[self.articles["id"].isin(ids)],
                       sentences=self.sentences[self.sentences["article_id"].isin(ids)],
                       keywords=self.keywords[self.keywords["article_id"].isin(ids)], pending=self.pending,
                       voices=self.voices[self.voices["article_id"].isin(ids)],
                       frame_sentences=self.frame_sentences[self.frame_sentences["article_id"].isin(ids)])

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
    stored = {name: frame if len(frame) else _empty_table(name) for name, frame in stored.items()}
    base = corpus_articles[corpus_articles["id"].isin(stored["articles"]["article_id"])]
    base = base.drop_duplicates("id").drop(columns=["raw_text", "removed"], errors="ignore")
    joined = base.merge(stored["articles"], left_on="id", right_on="article_id", how="inner")
    joined = joined.assign(outlet=outlet_names(joined)).drop(columns=["article_id"])
    sentences = _compact(stored["sentences"].reset_index(drop=True))
    keywords = stored["keywords"].reset_index(drop=True).astype({"article_id": "category"})
    evidence = plain_ids(stored["frame_sentences"].reset_index(drop=True))
    return Results(articles=plain_ids(joined), sentences=sentences, keywords=keywords,
                   pending=len(wanted) - len(joined), voices=plain_ids(sentiment.voice_means(sentences)),
                   frame_sentences=evidence)


def _empty_table(name: str) -> pd.DataFrame:
    # A store with no batch yet (an empty or unusable corpus folder) gives frames with only an
    # article_id column; every reader expects the columns read (all, or SENTENCE_COLUMNS), typed.
    fields = [f for f in SCHEMAS[name] if name != "sentences" or f.name in SENTENCE_COLUMNS]
    return pa.schema(fields).empty_table().to_pandas()
