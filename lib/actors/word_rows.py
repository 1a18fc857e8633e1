"""The actor map's ``actor_words`` rows as the corpus-level reduce asks them, without holding them.

Nine in ten of the actor map's rows are these words (~37 M at 100,000 articles: 5 GB as a pandas
frame), yet the reduce needs three small answers from them: how many of the corpus's articles use
each word in lower case (``lower_counts``), which articles hold a few hundred aliases
(``alias_articles``), and, after an edit of actors.csv, which hold a capitalised token starting
with some letters (``token_articles``). ``FrameWords`` answers from rows in memory (a few
articles, or a store DuckDB cannot read whole); ``ParquetWords`` asks DuckDB over the store's
Parquet files, so only the answers come into memory. Both give the same answers.

Articles are numbered by their position in the corpus (``corpus``, a pandas Index of unique ids);
rows of articles outside it are ignored.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd

from lib.store import sql

LOWER, TOKEN, PHRASE = 0, 1, 2   # actor_words kinds (lib.actors.mapped)
_LEAD = r"^([^\W\d_]+)"          # a token's leading letters, as the alias matcher starts a name


class Words(Protocol):
    def lower_counts(self) -> dict[str, int]:
        """Word → how many of the corpus's articles use it in lower case."""

    def alias_articles(self, aliases: set[str]) -> dict[tuple[int, str], set[int]]:
        """(kind TOKEN or PHRASE, word) → the articles (corpus positions) holding it, for these words."""

    def token_articles(self, leads: set[str]) -> set[str]:
        """The ids of the corpus's articles with a capitalised token whose leading letters are one of ``leads``."""


class FrameWords:
    """Answers from ``actor_words`` rows in memory (columns article_id, word, kind)."""

    def __init__(self, rows: pd.DataFrame, corpus: pd.Index):
        codes = corpus.get_indexer(rows["article_id"].astype(str))
        keep = codes >= 0
        self._rows, self._corpus = rows.loc[keep].assign(code=codes[keep]), corpus

    def lower_counts(self) -> dict[str, int]:
        words = self._rows
        return {w: int(n) for w, n in words.loc[words["kind"] == LOWER, "word"].value_counts(sort=False).items()}

    def alias_articles(self, aliases: set[str]) -> dict[tuple[int, str], set[int]]:
        words = self._rows
        hits = words[words["word"].isin(aliases) & (words["kind"] != LOWER)]
        return _sets(zip(hits["kind"].astype(int).tolist(), hits["word"].astype(str).tolist()), hits["code"].tolist())

    def token_articles(self, leads: set[str]) -> set[str]:
        words = self._rows
        tokens = words.loc[words["kind"] == TOKEN, ["code", "word"]]
        lead = tokens["word"].astype(str).str.extract(_LEAD, expand=False)
        return set(self._corpus[np.unique(tokens.loc[lead.isin(leads), "code"].to_numpy())].astype(str))


class ParquetWords:
    """Answers by DuckDB from the store's ``actor_words.parquet`` files, which must hold each of
    the corpus's articles once (``Store.files``)."""

    def __init__(self, files: Sequence[Path | str], corpus: pd.Index, *, memory_limit: str = "512MB"):
        self._files, self._corpus, self._memory = [str(f) for f in files], corpus, memory_limit

    def _query(self, sql_text: str, params: list | None = None, tables: dict | None = None) -> pd.DataFrame:
        with sql.connection(memory_limit=self._memory) as con:
            con.register("wanted", pd.DataFrame({"id": pd.array(self._corpus.astype(str), dtype="str"),
                                                 "code": np.arange(len(self._corpus), dtype="int64")}))
            for name, frame in (tables or {}).items():
                con.register(name, frame)
            return con.execute(sql_text, [self._files, *(params or [])]).df()

    _ROWS = "read_parquet(?) t JOIN wanted w ON t.article_id = w.id"

    def lower_counts(self) -> dict[str, int]:
        found = self._query(f"SELECT t.word, count(*) AS n FROM {self._ROWS} WHERE t.kind = {LOWER} GROUP BY t.word")
        return dict(zip(found["word"].astype(str).tolist(), found["n"].astype(int).tolist()))

    def alias_articles(self, aliases: set[str]) -> dict[tuple[int, str], set[int]]:
        if not aliases:
            return {}
        asked = {"asked": pd.DataFrame({"word": pd.array(sorted(aliases), dtype="str")})}
        found = self._query(f"SELECT t.kind, t.word, w.code FROM {self._ROWS} JOIN asked a ON t.word = a.word "
                            f"WHERE t.kind <> {LOWER}", tables=asked)
        return _sets(zip(found["kind"].astype(int).tolist(), found["word"].astype(str).tolist()),
                     found["code"].astype(int).tolist())

    def token_articles(self, leads: set[str]) -> set[str]:
        if not leads:
            return set()
        # DuckDB narrows to tokens starting with a lead; the exact leading-letters test is Python's
        asked = {"leads": pd.DataFrame({"lead": pd.array(sorted(leads), dtype="str")})}
        found = self._query(f"SELECT DISTINCT w.code, t.word FROM {self._ROWS} JOIN leads l "
                            f"ON starts_with(t.word, l.lead) WHERE t.kind = {TOKEN}", tables=asked)
        lead = found["word"].astype(str).str.extract(_LEAD, expand=False)
        return set(self._corpus[np.unique(found.loc[lead.isin(leads), "code"].to_numpy())].astype(str))


def _sets(keys: Iterable, codes: Iterable[int]) -> dict:
    out: dict = defaultdict(set)
    for key, code in zip(keys, codes):
        out[key].add(code)
    return out

