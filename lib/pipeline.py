"""The one orchestration path: corpus folder -> corpus -> per-article results -> corpus-level
tables -> stories.

The dashboard (``ui/cache.py``), the command line and ``lib.present.report`` call these functions
and nothing else to get from a folder of files to what the pages draw:

    loaded = pipeline.load(root)                       # lib.load: files -> articles, problems
    pipeline.analyse_corpus(loaded)                    # lib.analyse: the map, only what is new
    found = pipeline.results(loaded)                   # the stored per-article results
    pipeline.precompute(loaded)                        # the corpus-level tables, kept on disk
    matches = pipeline.framing_of(loaded)                 # lib.framing matches of the lexicon
    sets, counts = pipeline.suggestion_sets_of(loaded)    # lib.framing.suggest: sets found in the corpus
    actors, labels, mentions = pipeline.actors_of(loaded) # lib.actors
    matrix = pipeline.terms_of(loaded)                    # lib.distinctive's article × term matrix
    assigned, described = pipeline.stories_of(loaded, found.keywords)

Each corpus-level table is computed from the corpus's analysable articles (English, one per
content id) and kept in the cache folder by ``lib.store.derived``, keyed by those articles, the
analyst's input and the source of the code that computes it. The functions taking ``articles``
frames (``framing_matches``, ``term_matrix``, ``actor_tables``, ``stories_for``) are the same steps
for any subset of articles, with the cache folder given.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from lib import actors as actorlib
from lib import analyse, distinctive, framing, memory, text
from lib.actors import table as actorlist
from lib.actors.word_rows import ParquetWords
from lib.frames import among, plain_ids
from lib.load import corpus
from lib.load.corpus import Corpus
from lib.store import Store, cache_folder, derived
from lib.store import stories as storystate
from lib.store.texts import Texts, attach

# Below this many articles, story labels come from the stories' own distinctive words (sharper,
# and the cost is small); above it from the stored YAKE keyphrases (describe without them counts
# every word of the corpus: ~10 s on 3,915 articles).
TFIDF_LABELS_UP_TO = 1000
T = TypeVar("T")
_DUCKDB_ERRORS = (duckdb.Error, OSError)  # a query over a damaged batch file
STORY_IDS = ("article_id", "story")  # as Python strings: pages test them with isin (lib.frames.plain_ids)


# --- the corpus and its per-article results --------------------------------------------------

def load(root: Path, *, cache: Path | None = None,
         progress: Callable[[int, int], None] | None = None) -> Corpus:
    """The corpus in folder ``root`` (``lib.load.corpus.load``), parsed files kept in the cache."""
    loaded = corpus.load(root, cache=cache or cache_folder(), progress=progress)
    memory.release()  # parsing 100,000 files frees hundreds of MB the next steps need not find taken
    return loaded


def analysable(loaded: Corpus) -> pd.DataFrame:
    """The corpus's analysable articles: loaded, English, one row per content id (column id)."""
    return analyse.analyzable(loaded.articles)


def analyse_corpus(loaded: Corpus, *, store: Store | None = None, workers: int | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   scheduler: str | None = None) -> analyse.RunStats:
    """Analyse the corpus's articles that the store lacks (``lib.analyse.analyze``)."""
    return analyse.analyze(analysable(loaded), store or analyse.open_store(), texts=loaded.texts,
                           workers=workers, progress=progress, scheduler=scheduler)


def results(loaded: Corpus, store: Store | None = None) -> analyse.Results:
    """The stored per-article results joined to the corpus's articles."""
    return analyse.results(loaded.articles, store or analyse.open_store())


# --- corpus-level tables, for a corpus -------------------------------------------------------

def framing_of(loaded: Corpus, lexicon: pd.DataFrame | None = None, *, cache: Path | None = None) -> pd.DataFrame:
    """Matches of ``lexicon`` (default: the corpus folder's framing.csv, else the shipped one) in
    the corpus's analysable articles."""
    if lexicon is None:
        lexicon, _ = framing.read_lexicon(loaded.root)
    return framing_matches(analysable(loaded), lexicon, cache or cache_folder(), loaded.texts)


def suggestion_sets_of(loaded: Corpus, *, cache: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus's suggested contested-term sets and their per-article counts."""
    return suggestion_sets(analysable(loaded), cache or cache_folder(), loaded.texts)


def suggestions_of(loaded: Corpus, articles: pd.DataFrame | None = None, *, top: int = 10,
                   voices=("narrative", "scare"), cache: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ranked, candidates): the best ``top`` suggestions for ``articles`` (id, outlet; default:
    every analysable article), ranked by lib.framing.suggest.suggestions, without the sets the
    analyst dismissed or already has in the lexicon."""
    sets, counts = suggestion_sets_of(loaded, cache=cache)
    sets = framing.without_known(sets, framing.read_lexicon(loaded.root)[0], framing.read_dismissed(loaded.root))
    chosen = loaded.articles if articles is None else articles
    ids = set(analysable(loaded)["id"])
    chosen = chosen[chosen["id"].isin(ids)].drop_duplicates("id")
    return framing.suggestions(chosen, sets, counts, top=top, voices=voices), sets


def terms_of(loaded: Corpus, *, cache: Path | None = None) -> distinctive.TermMatrix:
    """The article × term matrix of the corpus's analysable articles."""
    return term_matrix(analysable(loaded), cache or cache_folder(), loaded.texts)


def actors_of(loaded: Corpus, *, cache: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(actors, labels, mention sentences) of the corpus's analysable articles."""
    return actor_tables(loaded.root, analysable(loaded), cache or cache_folder(), loaded.texts)


def stories_of(loaded: Corpus, keywords: pd.DataFrame | None = None, *, fingerprint: str | None = None,
            cache: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus's stories (``stories_for``)."""
    return stories_for(loaded.root, loaded.articles, cache or cache_folder(), keywords,
                       fingerprint=fingerprint, texts=loaded.texts)


def stories_fingerprint(loaded: Corpus, pending: int = 0) -> str:
    """What the stories depend on: the articles (id, outlet, date, title, status), stories.csv and
    how many articles are still being analysed; not the lexicon or actors.csv, so editing those
    does not group the stories again."""
    from lib.stories.overrides import STORIES_FILE

    columns = [c for c in ("id", "outlet", "date", "title", "status") if c in loaded.articles.columns]
    rows = pd.util.hash_pandas_object(loaded.articles[columns].astype(str), index=False).to_numpy()
    overrides = loaded.root / STORIES_FILE
    return derived.digest(rows.tobytes(), overrides.read_bytes() if overrides.is_file() else b"", str(pending))


def precompute(loaded: Corpus, *, cache: Path | None = None,
               progress: Callable[[str], None] | None = None) -> None:
    """Compute and store every corpus-level table that is missing, so the dashboard's first visit
    to a page reads it instead of computing. ``progress(step)`` names each step as it starts."""
    articles, cache = analysable(loaded), cache or cache_folder()
    steps = (("finding framing terms", lambda: framing_matches(articles, framing.read_lexicon(loaded.root)[0], cache,
                                                                loaded.texts)),
             ("finding contested wordings", lambda: suggestion_sets(articles, cache, loaded.texts)),
             ("counting terms per article", lambda: term_matrix(articles, cache, loaded.texts)),
             ("finding actors and their labels", lambda: actor_tables(loaded.root, articles, cache, loaded.texts)))
    for step, compute in steps:
        (progress or (lambda step: None))(step)
        compute()
        memory.release()  # each step's working memory back to the system before the next one


# --- the same steps for any articles ---------------------------------------------------------

def mapped(step: str, articles: pd.DataFrame, cache: Path | None, texts: Texts | None = None, *,
           only: tuple[str, ...] | None = None) -> dict[str, pd.DataFrame]:
    """The rows map step ``step`` (``lib.analyse.chunk.MAP_STEPS``) stored for these articles (id),
    by table (``only`` these of the step's tables, default all). An article the store lacks (not
    analysed yet, or no cache) is mapped here and not stored: the reduce always sees every article."""
    from lib.analyse import chunk

    module, unique = chunk.map_step(step), articles.drop_duplicates("id")
    names = [table for table in module.SCHEMAS if only is None or table in only]
    if cache is None:
        fresh = module.map_articles(attach(unique, texts))
        return {table: fresh[table] for table in names}
    store = analyse.open_store(cache)
    done = among(unique["id"], store.done_ids())
    stored = store.load(set(unique.loc[done, "id"].astype(str)), tables=names, categorical_ids=True)
    tables = {table: stored[table] for table in names}
    if not done.all():
        fresh = module.map_articles(attach(unique[~done], texts))
        tables = {table: pd.concat([frame.astype({"article_id": str}), fresh[table]], ignore_index=True)
                  if len(frame) else fresh[table] for table, frame in tables.items()}
    return {table: frame if len(frame.columns) > 1 else module.SCHEMAS[table].empty_table().to_pandas()
            for table, frame in tables.items()}


def framing_matches(articles: pd.DataFrame, lexicon: pd.DataFrame, cache: Path | None,
                    texts: Texts | None = None) -> pd.DataFrame:
    """``lib.framing.matches`` of the lexicon in these articles (id, and text unless ``texts``
    holds it), stored. Incremental (``lib.framing.rematch``): from the last stored matches, a new
    article is read for every group, an old one only for the groups the analyst changed."""
    key = derived.digest(derived.articles_key(articles), lexicon.to_csv(index=False),
                         derived.source_key(framing, text))

    def compute() -> dict[str, pd.DataFrame]:
        previous = _previous_matches(cache, derived.source_key(framing, text))
        found = framing.rematch(articles["id"].astype(str).drop_duplicates().tolist(), lexicon,
                                _texts_of(articles, texts), previous)
        return {"matches": found, "lexicon": lexicon,
                "ids": pd.DataFrame({"id": articles["id"].astype(str).drop_duplicates().to_numpy()}),
                "code": pd.DataFrame({"source": [derived.source_key(framing, text)]})}

    found = derived.cached(cache, "framing", key, compute)
    return plain_ids(found["matches"])


def _texts_of(articles: pd.DataFrame, texts: Texts | None) -> Callable[[list[str]], pd.DataFrame]:
    """What an incremental step reads text through: the id and text of some of ``articles``."""
    return lambda ids: attach(articles[among(articles["id"], ids)].drop_duplicates("id"), texts)


def _latest_by(cache: Path | None, kind: str, code: str) -> dict[str, pd.DataFrame] | None:
    # Only what this very code stored is reused: a changed rule computes everything again.
    found = derived.latest(cache, kind)
    return found if found and "code" in found and found["code"]["source"].tolist() == [code] else None


def _previous_matches(cache: Path | None, code: str) -> framing.PreviousMatches | None:
    found = _latest_by(cache, "framing", code)
    if found is None:
        return None
    return framing.PreviousMatches(plain_ids(found["matches"]), found["lexicon"], frozenset(found["ids"]["id"].astype(str)))


def suggestion_sets(articles: pd.DataFrame, cache: Path | None,
                    texts: Texts | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``lib.framing.candidate_sets`` of these articles (id, text or ``texts``), stored: reduced
    from each article's stored token stream (``lib.framing.suggest_map``), no text read again.
    Incremental (``suggest_map.suggested``): the last sets are kept, and only new articles counted,
    while ``derived.still_fresh`` (until a tenth of the corpus has changed)."""
    from lib.framing import suggest_map

    code = derived.source_key(framing, text)
    key = derived.digest(derived.articles_key(articles), code)

    def compute() -> dict[str, pd.DataFrame]:
        ids = articles["id"].astype(str).drop_duplicates()
        by_id = articles.assign(id=articles["id"].astype(str))

        def read(some, tables):
            return mapped("suggest", by_id[among(by_id["id"], some)], cache, texts, only=tables)

        read_back = suggest_map.key_counter(read, ids)

        def count_keys(keys):
            files = analyse.open_store(cache).files("suggest_sentences", set(ids)) if cache is not None else None
            if not files:
                return read_back(keys)
            return _by_duckdb(lambda: suggest_map.key_articles_parquet(files, ids, keys), lambda: read_back(keys))

        found = suggest_map.suggested(ids, read, _previous_sets(cache, code, ids), count_keys=count_keys)
        return {"sets": found.sets, "counts": found.counts, "found_in": pd.DataFrame({"id": found.found_in}),
                "ids": pd.DataFrame({"id": ids.to_numpy()}), "code": pd.DataFrame({"source": [code]})}

    found = derived.cached(cache, "suggestions", key, compute)
    return found["sets"], plain_ids(found["counts"])


def _previous_sets(cache: Path | None, code: str, ids: pd.Series):
    """The last stored sets while they still hold for the corpus ``ids`` (``derived.still_fresh``)."""
    from lib.framing import suggest_map

    found = _latest_by(cache, "suggestions", code)
    if found is None or "found_in" not in found:
        return None
    found_in = frozenset(found["found_in"]["id"].astype(str))
    if not derived.still_fresh(found_in, ids):
        return None
    return suggest_map.PreviousSets(found["sets"], plain_ids(found["counts"]), found_in,
                                    frozenset(found["ids"]["id"].astype(str)))


def term_matrix(articles: pd.DataFrame, cache: Path | None, texts: Texts | None = None) -> distinctive.TermMatrix:
    """``lib.distinctive.article_terms`` of these articles (id, text or ``texts``), stored and read
    back memory-mapped (``lib.distinctive.save_matrix``/``load_matrix``). Reduced from each
    article's stored term counts (``lib.distinctive.mapped``): from the last stored matrix when the
    corpus gained at most a tenth (``mapped.updated``: the new articles' rows, and the corpus's rows
    of the terms they bring), else by DuckDB over the store's Parquet files when they hold every
    article once (at 100k articles 12 s and under 1 GB, where pandas needs 43 s and 4.9 GB to read
    the 48 M rows), else from the rows read back."""
    from lib.distinctive import mapped as terms

    code = derived.source_key(distinctive)
    key = derived.digest(derived.articles_key(articles), code)

    def compute() -> distinctive.TermMatrix:
        ids = articles["id"].astype(str).drop_duplicates()
        files = analyse.open_store(cache).files(terms.TABLE, set(ids)) if cache is not None else None
        previous = derived.latest(cache, "terms", read=lambda entry: _matrix_by(entry, code))
        found = _updated_matrix(previous, ids, articles, cache, texts, files) if previous is not None else None
        if found is not None:
            return found

        def read_back() -> distinctive.TermMatrix:
            return terms.reduce(mapped("terms", articles, cache, texts), ids)

        return _by_duckdb(lambda: terms.reduce_parquet(files, ids), read_back) if files else read_back()

    def write(into: Path, matrix: distinctive.TermMatrix) -> None:
        distinctive.save_matrix(into, matrix)
        (into / "code.txt").write_text(code)

    return derived.cached(cache, "terms", key, compute, read=distinctive.load_matrix, write=write)


def _updated_matrix(previous: distinctive.TermMatrix, ids: pd.Series, articles: pd.DataFrame, cache: Path | None,
                    texts: Texts | None, files: list[Path] | None) -> distinctive.TermMatrix | None:
    """``mapped.updated`` of the last matrix when the corpus gained at most a tenth, else None."""
    from lib.distinctive import mapped as terms

    listed = ids.to_numpy(dtype=object)
    new = listed[pd.Index(previous.ids).get_indexer(listed) < 0]
    if len(new) > max(50, len(ids) // 10):
        return None

    def rows_with(wanted):
        def read_back() -> pd.DataFrame:
            every = mapped("terms", articles, cache, texts)[terms.TABLE]
            return every[among(every["term"], wanted)]

        return _by_duckdb(lambda: terms.rows_with_parquet(files, ids, wanted), read_back) if files else read_back()

    added = mapped("terms", articles[among(articles["id"], new)], cache, texts)[terms.TABLE]
    return terms.updated(previous, ids, added, rows_with)


def _by_duckdb(query: Callable[[], T], read_back: Callable[[], T]) -> T:
    """``query()``, a DuckDB query over the store's Parquet files; ``read_back()`` instead when a
    batch is damaged (the store reads the rows back and sets the batch aside)."""
    try:
        return query()
    except _DUCKDB_ERRORS:
        return read_back()


def _matrix_by(entry: Path, code: str) -> distinctive.TermMatrix | None:
    # Only a matrix this very code stored is updated: a changed rule computes it afresh.
    try:
        same = (entry / "code.txt").read_text() == code
    except OSError:
        return None
    return distinctive.load_matrix(entry) if same else None


def actor_tables(root: Path, articles: pd.DataFrame, cache: Path | None,
                 texts: Texts | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(actors, labels, mention sentences) in these articles (id, text or ``texts``), stored: the
    analyst's actors.csv in ``root`` when present, else the frequent person names ``lib.actors``
    finds. Reduced from each article's stored name rows (``lib.actors.mapped``); the label rows
    are kept with the result, so the next corpus reads only its new articles and those a changed
    actor list can affect (``mapped.relabel``). The list found in the corpus is kept, like the
    suggested sets, while ``derived.still_fresh``."""
    from lib.actors import mapped as actors_mapped

    listed = actorlist.read_actors(root)
    chosen = "auto" if listed is None else listed.to_csv(index=False)
    code = derived.source_key(actorlib, text)
    key = derived.digest(derived.articles_key(articles), chosen, code)

    def compute() -> dict[str, pd.DataFrame]:
        ids = articles["id"].astype(str).drop_duplicates().tolist()
        previous = _previous_labels(cache, code)
        files = analyse.open_store(cache).files("actor_words", set(ids)) if cache is not None else None
        try:
            return tables(ids, previous, files)
        except _DUCKDB_ERRORS:   # a damaged batch: the store reads the rows back and sets it aside
            return tables(ids, previous, None)

    def tables(ids: list[str], previous, files: list[Path] | None) -> dict[str, pd.DataFrame]:
        # With the store's files, the words (nine in ten of the name rows) stay on disk for DuckDB.
        only = tuple(t for t in actors_mapped.SCHEMAS if t != "actor_words") if files else None
        read: dict[str, dict[str, pd.DataFrame]] = {}

        def names() -> dict[str, pd.DataFrame]:  # every article's name rows: read only when needed
            if "names" not in read:
                read["names"] = mapped("actors", articles, cache, texts, only=only)
            return read["names"]

        words = (lambda corpus: ParquetWords(files, corpus)) if files else None
        people, found_in = listed, []
        if listed is None and previous is not None and previous.found_in is not None \
                and derived.still_fresh(previous.found_in, ids):
            people, found_in = previous.actors, sorted(previous.found_in)  # the list found earlier still holds
        elif listed is None:
            people, found_in = actors_mapped.reduce(names(), ids, words=words), ids
        rows = actors_mapped.relabel(ids, people, None if words else names, _texts_of(articles, texts), previous,
                                     words=words(pd.Index(ids)) if words else None, mapper=analyse.in_pool)
        labels, mentions = actors_mapped.reduce_labels(rows, ids, people, previous)
        return {"actors": people, "labels": labels, "mentions": mentions, **rows,
                "ids": pd.DataFrame({"id": ids}), "found_in": pd.DataFrame({"id": pd.Series(found_in, dtype="str")}),
                "code": pd.DataFrame({"source": [code]})}

    found = derived.cached(cache, "actors", key, compute)
    return found["actors"], plain_ids(found["labels"]), plain_ids(found["mentions"])


def _previous_labels(cache: Path | None, code: str):
    from lib.actors import mapped as actors_mapped

    found = _latest_by(cache, "actors", code)
    if found is None or any(name not in found for name in actors_mapped.LABEL_SCHEMAS):
        return None
    # the list found in the corpus, not the analyst's (an entry of actors.csv keeps no found_in rows)
    found_in = frozenset(found["found_in"]["id"].astype(str)) if len(found.get("found_in", ())) else None
    return actors_mapped.PreviousLabels({name: found[name] for name in actors_mapped.LABEL_SCHEMAS},
                                        found["actors"], frozenset(found["ids"]["id"].astype(str)), found_in,
                                        found.get("labels"), found.get("mentions"))


def stories_for(root: Path, articles: pd.DataFrame, cache: Path,
                keywords: pd.DataFrame | None = None, *, fingerprint: str | None = None,
                texts: Texts | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus's stories: earlier assignments kept, new articles joined, the analyst's
    stories.csv applied. Returns (assignments: article_id, story, undated, similarity, manual,
    name; described: one row per story from lib.stories.describe, plus name (the analyst's, or
    missing), shown (that name, else the automatic label) and short (the date-first name pickers
    show, lib.stories.option_names)). With the corpus ``fingerprint``
    the result is also kept on disk, so a restart with nothing changed skips the grouping. The
    articles' text comes from their ``text`` column, else from ``texts``."""
    kept = storystate.load_result(cache, root, fingerprint) if fingerprint else None
    if kept is not None and "short" in kept[1].columns:  # a result saved before 'short' existed is redone
        return plain_ids(kept[0], STORY_IDS), plain_ids(kept[1], STORY_IDS)
    from lib import stories as storylib  # scikit-learn takes ~1 s to import: only when grouping

    unique = attach(articles.drop_duplicates("id"), texts)
    previous = storystate.load(cache, root)
    if previous is not None:
        previous = previous[among(previous["article_id"], unique["id"])]
    # the vectors from each article's stored word counts (lib.stories.vectors): no text hashed again
    def counts(ids: list[str]) -> pd.DataFrame:
        return mapped("stories", unique[among(unique["id"], ids)], cache, texts)["story_counts"]

    assigned = storylib.group(unique, previous=previous, counts=counts)
    storystate.save(cache, root, assigned)
    final = storylib.apply_overrides(assigned, storylib.read_overrides(root))
    use_keywords = keywords is not None and len(unique) > TFIDF_LABELS_UP_TO
    described = storylib.describe(final, unique, keywords if use_keywords else None)
    names = final.dropna(subset=["name"]).drop_duplicates("story").set_index("story")["name"] \
        if "name" in final else pd.Series(dtype=str)
    named = described["story"].map(names)
    shown = [n if isinstance(n, str) and n else label for n, label in zip(named, described["label"])]
    result = final, described.assign(name=named.astype("str"), shown=shown,
                                     short=storylib.option_names(described).to_numpy())
    if fingerprint:
        storystate.save_result(cache, root, fingerprint, result)
    return plain_ids(result[0], STORY_IDS), plain_ids(result[1], STORY_IDS)
