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

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from lib.framing import suggest
from lib.framing import tokens as tokens_of
from lib.frames import among
from lib.frames import require as _require
from lib.store import sql

MAP_VERSION = 1
BREAK, NUMBER = 0, 1  # the word hash of a break (punctuation, a piece's start) and of any number
REPEATED_IN = 3       # a sentence in this many articles or more is left out (suggest: boilerplate)
SAMPLE_CAP = 5_000    # the most articles the sets are found in (memory grows with it: ~1 GB at 5,000)
COUNT_CHUNK = 2_000   # articles whose token streams are read at a time to count the sets' terms

# What the corpus-level step reads the stored rows through: (article ids, tables or None for all).
Reader = Callable[[Sequence[str], "tuple[str, ...] | None"], dict[str, pd.DataFrame]]
# How many of the corpus's articles hold each sentence key (of these keys; None: of every key).
KeyCounter = Callable[["np.ndarray | None"], pd.Series]

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


@dataclass(frozen=True)
class Suggested:
    """The corpus's suggested sets (``suggest.CANDIDATE_COLUMNS``), their per-article counts (as
    ``suggest.candidate_sets`` gives them) and the article ids of the corpus the sets were found
    in (``found_in``: equal to the corpus when they were found just now)."""

    sets: pd.DataFrame
    counts: pd.DataFrame
    found_in: list[str]


@dataclass(frozen=True)
class PreviousSets:
    """What the last ``suggested`` of this corpus stored: its sets and counts, the articles the
    sets were found in and the articles counted."""

    sets: pd.DataFrame
    counts: pd.DataFrame
    found_in: frozenset[str]
    counted: frozenset[str]


def suggested(ids, read: Reader, previous: PreviousSets | None = None, *,
              min_count: int | None = None, count_keys: KeyCounter | None = None) -> Suggested:
    """The suggested sets of the articles ``ids`` (corpus order) and their per-article counts,
    from the map rows ``read(ids, tables)`` gives back.

    Given the ``previous`` sets (the caller decides when they still hold:
    ``lib.store.derived.still_fresh``), they are kept: only the articles not counted before are
    counted, the counts of removed ones dropped. Otherwise the sets are found again, in at most
    ``SAMPLE_CAP`` articles (``sample``), and counted in all, a chunk of articles at a time, so
    memory stays bounded at any corpus size. Up to ``SAMPLE_CAP`` articles and without
    ``previous``, the result is exactly ``reduce(read(ids, None), ids)``. ``count_keys`` says which sentences are repeated
    (default: from every article's sentence rows, ``read``; ``key_articles_parquet`` is faster)."""
    ids = _ids(ids)
    count_keys = count_keys or key_counter(read, ids)
    if previous is not None:
        return _recounted(ids, read, previous, count_keys)
    chosen = sample(ids)
    if len(chosen) == len(ids):
        sets, counts = reduce(read(list(ids), None), ids, min_count=min_count)
        return Suggested(sets, counts, list(ids))
    repeated = _repeated_in(count_keys(None))
    stream = tokens(read(list(chosen), None), chosen, repeated=repeated)
    sets, _ = suggest._candidates_from(stream, chosen.to_numpy(), min_count or 3 + len(chosen) // 2000)
    counts = _counted(ids, read, sets, repeated)
    return Suggested(_with_counts(sets, counts), counts, list(ids))


def sample(ids) -> pd.Index:
    """The articles the sets are found in: all of ``ids`` up to ``SAMPLE_CAP``, else the
    ``SAMPLE_CAP`` with the lowest hash of their id (a spread over the corpus that a new article
    rarely changes), in corpus order."""
    ids = _ids(ids)
    if len(ids) <= SAMPLE_CAP:
        return ids
    hashes = _hash(ids.to_numpy(dtype="object"))
    return ids[np.sort(np.argpartition(hashes, SAMPLE_CAP - 1)[:SAMPLE_CAP])]


def count_terms(stream: tokens_of.Tokens, ids: np.ndarray, sets: pd.DataFrame) -> pd.DataFrame:
    """Each term's uses per article in ``stream`` (``tokens``; ``ids``: the article id of each
    article number), as ``candidate_sets``'s counts (article_id, group, term, quoted, count): every
    occurrence of one of the term's variants, by the voice of its first word; terms in ``sets``
    order, then article number, then voice."""
    code_of = {word: code for code, word in enumerate(stream.vocabulary.tolist())}
    size = np.int64(max(len(code_of), 1))
    wanted: dict[int, dict[int, int]] = {}  # phrase length -> phrase key -> row of sets
    for row, variants in enumerate(sets["variants"].astype("str")):
        for variant in variants.split("; "):
            words = variant.split(" ")
            if len(words) <= suggest.MAX_WORDS and all(word in code_of for word in words):
                key = 0
                for word in words:
                    key = key * int(size) + code_of[word]
                wanted.setdefault(len(words), {})[key] = row
    found_rows, found_starts = [], []
    codes = stream.codes.astype("int64")
    for n, keys in wanted.items():
        last = len(codes) - n + 1
        if last <= 0:
            continue
        key = codes[:last].copy()
        for k in range(1, n):
            key = key * size + codes[k:k + last]
        starts = np.flatnonzero(np.isin(key, np.fromiter(keys, dtype="int64", count=len(keys))))
        found_rows.append(pd.Series(key[starts]).map(keys).to_numpy(dtype="int64"))
        found_starts.append(starts)
    if not found_rows or not sum(len(s) for s in found_starts):
        return suggest._empty_counts()
    starts = np.concatenate(found_starts)
    uses = pd.DataFrame({"term": np.concatenate(found_rows), "article": stream.article[starts],
                         "quoted": stream.quoted[starts]})
    counted = uses.groupby(["term", "article", "quoted"]).size().rename("count").reset_index()
    term = counted["term"].to_numpy()
    return pd.DataFrame({"article_id": np.asarray(ids, dtype="object")[counted["article"].to_numpy()],
                         "group": sets["group"].to_numpy()[term], "term": sets["term"].to_numpy()[term],
                         "quoted": counted["quoted"].to_numpy(), "count": counted["count"].to_numpy()}
                        ).astype({"count": "int64", "quoted": "bool"})


def repeated_keys(sentences: pd.DataFrame, ids) -> np.ndarray:
    """The sentence keys found in ``REPEATED_IN`` or more of the articles ``ids`` (each article
    counted once): the sentences left out as boilerplate or syndicated copy."""
    return _repeated_in(key_articles(sentences, ids))


def _repeated_in(seen: pd.Series) -> np.ndarray:
    """The keys of ``seen`` (articles per sentence key) found in ``REPEATED_IN`` articles or more."""
    return seen.index[seen >= REPEATED_IN].to_numpy(dtype="int64")


def key_articles(sentences: pd.DataFrame, ids) -> pd.Series:
    """Per sentence key (not 0) of these ``suggest_sentences`` rows: in how many of the articles
    ``ids`` it is found (int64, indexed by key)."""
    ids = _ids(ids)
    at = _rank(sentences["article_id"], ids) if len(sentences) else np.zeros(0, dtype="int64")
    counted = pd.DataFrame({"article": at, "key": sentences["key"].to_numpy(dtype="int64")})
    counted = counted[(counted["article"] >= 0) & (counted["key"] != 0)].drop_duplicates()
    return counted["key"].value_counts().rename("articles").astype("int64")


def key_articles_parquet(paths: Sequence, ids, keys: np.ndarray | None = None) -> pd.Series:
    """``key_articles`` run in DuckDB over Parquet files of ``suggest_sentences`` rows (each
    article's rows once), for ``keys`` only when given: at 10,000 articles 0.03 s for one
    article's keys, where reading the rows back takes a second."""
    with sql.connection() as con:
        con.register("wanted_ids", pd.DataFrame({"article_id": pd.array(_ids(ids).to_numpy(dtype="str"), dtype="str")}))
        where = "s.key != 0"
        if keys is not None:
            con.register("wanted_keys", pd.DataFrame({"key": np.unique(np.asarray(keys, dtype="int64"))}))
            where += " AND s.key IN (SELECT key FROM wanted_keys)"
        found = con.execute(f"SELECT s.key, count(DISTINCT s.article_id) AS articles FROM read_parquet(?) s "
                            f"SEMI JOIN wanted_ids USING (article_id) WHERE {where} GROUP BY s.key",
                            [[str(p) for p in paths]]).fetchnumpy()
    return pd.Series(np.asarray(found["articles"], dtype="int64"), index=np.asarray(found["key"], dtype="int64"),
                     name="articles")


def key_counter(read: Reader, ids: pd.Index) -> KeyCounter:
    """``KeyCounter`` from every article's sentence rows, read back."""
    def count(keys: np.ndarray | None) -> pd.Series:
        seen = key_articles(read(list(ids), ("suggest_sentences",))["suggest_sentences"], ids)
        return seen if keys is None else seen[seen.index.isin(keys)]
    return count


def _recounted(ids: pd.Index, read: Reader, previous: PreviousSets, count_keys: KeyCounter) -> Suggested:
    """The previous sets, counted in the articles of ``ids`` not counted before; the counts of
    articles no longer in ``ids`` dropped. The new articles' rows come after the others (sorting a
    million rows again would cost more than the rest)."""
    present = set(ids)
    counts = previous.counts[among(previous.counts["article_id"], present)]
    new = ids[~among(ids, previous.counted)]
    if len(new):
        keys = read(list(new), ("suggest_sentences",))["suggest_sentences"]["key"].to_numpy(dtype="int64")
        repeated = _repeated_in(count_keys(keys[keys != 0]))
        counts = pd.concat([counts, _counted(new, read, previous.sets, repeated)], ignore_index=True)
    return Suggested(_with_counts(previous.sets, counts), counts, sorted(previous.found_in))


def _counted(ids: pd.Index, read: Reader, sets: pd.DataFrame, repeated: np.ndarray) -> pd.DataFrame:
    """``count_terms`` of the articles ``ids``, ``COUNT_CHUNK`` articles at a time."""
    parts = [suggest._empty_counts()]
    for first in range(0, len(ids), COUNT_CHUNK):
        chunk = ids[first:first + COUNT_CHUNK]
        parts.append(count_terms(tokens(read(list(chunk), None), chunk, repeated=repeated), chunk.to_numpy(), sets))
    return _in_order(pd.concat(parts, ignore_index=True), sets, ids)


def _in_order(counts: pd.DataFrame, sets: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    """Counts in ``candidate_sets``'s order: by term (as in ``sets``), article (as in ``ids``), voice."""
    # object arrays throughout: Arrow-backed strings look each value up as a scalar (seconds at 10k)
    row = pd.Index(sets["term"].to_numpy(dtype="object")).get_indexer(counts["term"].to_numpy(dtype="object"))
    article = pd.Index(ids.to_numpy(dtype="object")).get_indexer(counts["article_id"].to_numpy(dtype="object"))
    order = np.lexsort((counts["quoted"].to_numpy(), article, row))  # a phrase is a term of one set only
    return counts.iloc[order].reset_index(drop=True).astype({"article_id": "object", "count": "int64", "quoted": "bool"})


def _with_counts(sets: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """``sets`` with each term's count as the sum of its per-article counts."""
    total = counts.groupby(["group", "term"])["count"].sum()
    index = pd.MultiIndex.from_arrays([sets["group"], sets["term"]])
    return sets.assign(count=total.reindex(index, fill_value=0).to_numpy().astype("int64"))


def tokens(tables: dict[str, pd.DataFrame], ids, *, repeated: np.ndarray | None = None) -> tokens_of.Tokens:
    """The corpus's token stream (``tokens_of.Tokens``) from the map tables: the articles of
    ``ids`` one after another in that order, their sentences repeated in ``REPEATED_IN`` or more
    of these articles left out (or, given ``repeated``, the sentences of those keys), article
    numbers as positions in ``ids``."""
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
    kept = ~_repeated(tables["suggest_sentences"], ids, rank, len(ids), repeated)
    codes, uniques = pd.factorize(word[kept])
    texts = tables["suggest_words"].drop_duplicates("word").set_index("word")["text"]
    vocabulary = pd.Series(uniques).map(texts).to_numpy(dtype="object")
    vocabulary[uniques == BREAK] = tokens_of.BREAK
    vocabulary[uniques == NUMBER] = tokens_of.NUMBER
    return tokens_of.assemble(codes, vocabulary, rank[kept], capital[kept], quoted[kept])


def _repeated(sentences: pd.DataFrame, ids: pd.Index, rank: np.ndarray, articles: int,
              repeated: np.ndarray | None = None) -> np.ndarray:
    """Per token of the ordered stream (``rank``: its article number, sorted): whether it is in
    a sentence whose key is ``repeated`` (default ``repeated_keys`` of these articles)."""
    out = np.zeros(len(rank), dtype="bool")
    if sentences.empty or not len(rank):
        return out
    at = _rank(sentences["article_id"], ids)
    inside = at >= 0
    at = at[inside]
    match = sentences["match"].to_numpy()[inside]
    if repeated is None:
        repeated = repeated_keys(sentences, ids)
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
