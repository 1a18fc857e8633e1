"""``suggest.candidate_sets`` split into a per-article MAP and a corpus-level REDUCE (issue 18), so
that adding or removing a file re-tokenises only that file's articles.

    tables = suggest_map.map_articles(articles)              # per article, in the worker pool
    candidates, counts = suggest_map.reduce(tables, ids)     # == suggest.candidate_sets(articles)

What one article alone can know is its token stream: the words (lower case), numbers and
punctuation of each sentence, which are capitalised and which are inside someone's quoted words,
and the keys of its sentences. Everything else is corpus-level and is decided in the reduce from
the stored rows, with no text read again: which sentences are repeated in three or more articles
(left out as boilerplate or syndicated copy), the phrase counts against ``min_count``, the
context vectors, the substitutes and their togetherness, the sets and the per-article counts.

Why the token stream and not per-article phrase and context counts: every token starts up to
three phrases and each occurrence has four slot and up to ten topic context words, so per-article
(phrase, slot, context) counts are ~10 rows per token against one; and which sentences count
(repeated ones do not) and which phrases are candidates (the 6,000 most frequent) are only known
for the whole corpus. From the stream the reduce finds exactly today's phrases, contexts and
pairs with vectorised numpy, only for the candidates.

Tables (flat columns; ``article_id`` first):

* ``suggest_tokens``: one row per token of the article, a piece of text (sentence or line) opened
  by a break token: position (0.. within the article), word (64-bit hash of the lower-cased word;
  0 = a break or punctuation, 1 = a number), capital, quoted.
* ``suggest_words``: the article's distinct words: word (the hash), text (the word itself), so
  the reduce can name phrases and tell function words without any text.
* ``suggest_sentences``: per piece of four tokens or more: start, stop (its token range), key
  (hash of the sentence key it is counted under, 0 = too short to count) and match (the key it
  is looked up by; equal to key except where lower-casing changes the tokens).

Hashes are ``pandas.util.hash_array`` (SipHash, fixed key: the same in every process). Two
different words share a 64-bit hash with probability ~n²/2⁶⁵: about 3·10⁻⁸ for a million
distinct words, so the reduce treats the hash as the word.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from lib.framing import suggest
from lib.framing import tokens as tokens_of
from lib.frames import require as _require

MAP_VERSION = 1
BREAK, NUMBER = 0, 1  # the word hash of a break (punctuation, a piece's start) and of any number
REPEATED_IN = 3       # a sentence in this many articles or more is left out (suggest: boilerplate)

SCHEMAS: dict[str, pa.Schema] = {
    "suggest_tokens": pa.schema([("article_id", pa.string()), ("position", pa.int32()), ("word", pa.int64()),
                                 ("capital", pa.bool_()), ("quoted", pa.bool_())]),
    "suggest_words": pa.schema([("article_id", pa.string()), ("word", pa.int64()), ("text", pa.string())]),
    "suggest_sentences": pa.schema([("article_id", pa.string()), ("start", pa.int32()), ("stop", pa.int32()),
                                    ("key", pa.int64()), ("match", pa.int64())]),
}


def map_articles(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The per-article tables (``SCHEMAS``) of these articles (columns id, text). Each article's
    rows depend on its own text only: the map of A ∪ B is the rows of A's then B's."""
    _require(articles, {"id", "text"}, "articles")
    ids = articles["id"].astype("str").tolist()
    texts = articles["text"].fillna("").astype("str").tolist()
    words: list[str] = []
    capital: list[bool] = []
    quoted: list[bool] = []
    token_article: list[int] = []
    positions: list[np.ndarray] = []
    piece_rows: list[tuple[int, int, int, str, str]] = []
    for row, body in enumerate(texts):
        found = tokens_of.article_tokens(body)
        words.extend(found.words)
        capital.extend(found.capital)
        quoted.extend(found.quoted)
        token_article.extend([row] * len(found.words))
        positions.append(np.arange(len(found.words), dtype="int32"))
        piece_rows.extend((row, *piece) for piece in found.pieces)
    article_of = np.asarray(ids, dtype="object")
    token_article = np.asarray(token_article, dtype="int64")
    codes, uniques = pd.factorize(pd.Series(words, dtype="object"))
    hashes = _hash(np.asarray(uniques, dtype="object"))
    hashes[[u == tokens_of.BREAK for u in uniques]] = BREAK
    hashes[[u == tokens_of.NUMBER for u in uniques]] = NUMBER
    tokens = pd.DataFrame({"article_id": article_of[token_article],
                           "position": np.concatenate(positions) if positions else np.zeros(0, dtype="int32"),
                           "word": hashes[codes], "capital": np.asarray(capital, dtype="bool"),
                           "quoted": np.asarray(quoted, dtype="bool")})
    # the article's distinct words, in order of first use (breaks and numbers need no text)
    pairs = pd.DataFrame({"article": token_article, "code": codes}).drop_duplicates()
    pairs = pairs[~np.isin(hashes[pairs["code"].to_numpy()], [BREAK, NUMBER])]
    vocabulary = pd.DataFrame({"article_id": article_of[pairs["article"].to_numpy()],
                               "word": hashes[pairs["code"].to_numpy()],
                               "text": np.asarray(uniques, dtype="object")[pairs["code"].to_numpy()]})
    pieces = pd.DataFrame(piece_rows, columns=["article", "start", "stop", "key", "match"])
    pieces = pieces.astype({"article": "int64", "start": "int64", "stop": "int64"})
    sentences = pd.DataFrame({"article_id": article_of[pieces["article"].to_numpy()],
                              "start": pieces["start"].to_numpy(), "stop": pieces["stop"].to_numpy(),
                              "key": _hash_keys(pieces["key"]), "match": _hash_keys(pieces["match"])})
    return {"suggest_tokens": _typed(tokens, "suggest_tokens"), "suggest_words": _typed(vocabulary, "suggest_words"),
            "suggest_sentences": _typed(sentences, "suggest_sentences")}


def reduce(tables: dict[str, pd.DataFrame], ids, *, min_count: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``suggest.candidate_sets`` of the articles ``ids`` (in corpus order) from their stored map
    ``tables`` (rows in any order; rows of other articles are ignored): (candidates, per-article
    counts), as candidate_sets documents them. ``min_count`` as there (default 3 + one per 2,000
    articles of ``ids``)."""
    ids = _ids(ids)
    if min_count is None:
        min_count = 3 + len(ids) // 2000
    return suggest._candidates_from(tokens(tables, ids), ids.to_numpy(), min_count)


def tokens(tables: dict[str, pd.DataFrame], ids) -> tokens_of.Tokens:
    """The corpus's token stream (``tokens_of.Tokens``) from the map tables: the articles of
    ``ids`` one after another in that order, their sentences repeated in ``REPEATED_IN`` or more
    of these articles left out, article numbers as positions in ``ids``."""
    ids = _ids(ids)
    stream = tables["suggest_tokens"]
    rank = _rank(stream["article_id"], ids)
    inside = rank >= 0
    rank = rank[inside]
    position = stream["position"].to_numpy()[inside].astype("int64")
    order_key = (rank << 32) | position
    order = None if len(order_key) < 2 or bool(np.all(order_key[1:] > order_key[:-1])) else np.argsort(order_key, kind="stable")

    def column(name: str) -> np.ndarray:
        values = stream[name].to_numpy()[inside]
        return values if order is None else values[order]

    if order is not None:
        rank, position = rank[order], position[order]
    word, capital, quoted = column("word"), column("capital"), column("quoted")
    kept = ~_repeated(tables["suggest_sentences"], ids, rank, len(ids))
    codes, uniques = pd.factorize(word[kept])
    texts = tables["suggest_words"].drop_duplicates("word").set_index("word")["text"]
    vocabulary = pd.Series(uniques).map(texts).to_numpy(dtype="object")
    vocabulary[uniques == BREAK] = tokens_of.BREAK
    vocabulary[uniques == NUMBER] = tokens_of.NUMBER
    return tokens_of.assemble(codes, vocabulary, rank[kept], capital[kept], quoted[kept])


def _repeated(sentences: pd.DataFrame, ids: pd.Index, rank: np.ndarray, articles: int) -> np.ndarray:
    """Per token of the ordered stream (``rank``: its article number, sorted): whether it is in
    a sentence found in ``REPEATED_IN`` or more of the articles (each article counted once)."""
    out = np.zeros(len(rank), dtype="bool")
    if sentences.empty or not len(rank):
        return out
    at = _rank(sentences["article_id"], ids)
    inside = at >= 0
    at = at[inside]
    key, match = sentences["key"].to_numpy()[inside], sentences["match"].to_numpy()[inside]
    counted = pd.DataFrame({"article": at, "key": key})
    counted = counted[counted["key"] != 0].drop_duplicates()
    seen = counted["key"].value_counts()
    repeated = seen.index[seen >= REPEATED_IN].to_numpy()
    drop = (match != 0) & np.isin(match, repeated)
    if not drop.any():
        return out
    # positions are 0.. within an article, and the stream holds each article's tokens in order
    first = np.searchsorted(rank, np.arange(articles + 1))
    start = first[at[drop]] + sentences["start"].to_numpy()[inside][drop]
    stop = first[at[drop]] + sentences["stop"].to_numpy()[inside][drop]
    marks = np.zeros(len(rank) + 1, dtype="int64")
    np.add.at(marks, start, 1)
    np.add.at(marks, stop, -1)
    return np.cumsum(marks[:-1]) > 0


def _ids(ids) -> pd.Index:
    """The corpus's article ids as strings, in order, each once (an article is stored once)."""
    return pd.Index(pd.Series(list(ids), dtype="object").astype("str")).drop_duplicates()


def _rank(column: pd.Series, ids: pd.Index) -> np.ndarray:
    """Each row's article number (its position in ``ids``), -1 for articles not in ``ids``."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, categories = column.cat.codes.to_numpy(), column.cat.categories.astype("str")
    else:
        codes, categories = pd.factorize(column.astype("str"))
        categories = pd.Index(categories)
    found = np.append(ids.get_indexer(categories), -1).astype("int64")
    return found[np.where(codes >= 0, codes, len(categories))]


def _hash(values: np.ndarray) -> np.ndarray:
    """64-bit hashes of strings, the same in every process (int64)."""
    if not len(values):
        return np.zeros(0, dtype="int64")
    return pd.util.hash_array(values, categorize=False).view("int64").copy()


def _hash_keys(keys: pd.Series) -> np.ndarray:
    """Sentence keys as hashes; "" (too short to count) as 0."""
    values = keys.to_numpy(dtype="object")
    out = _hash(values)
    out[values == ""] = 0
    return out


def _typed(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    schema = SCHEMAS[table]
    dtypes = {pa.string(): "str", pa.int32(): "int32", pa.int64(): "int64", pa.bool_(): "bool"}
    out = frame[schema.names] if len(frame.columns) else pd.DataFrame(columns=schema.names)
    return out.astype({f.name: dtypes[f.type] for f in schema}).reset_index(drop=True)
