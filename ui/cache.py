"""The one module that owns Streamlit caching, and the background analysis job.

Keys are small values (the corpus path, its fingerprint, the store version), never frames. The
corpus and the analysis results are held with ``st.cache_resource``, not ``st.cache_data``: they
are shared read-only by every session, and cache_data would unpickle a copy of every article on
each rerun.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from lib import analyse, memory, pipeline
from lib.load import corpus, watch

PROJECT = Path(__file__).resolve().parent.parent


def corpus_root() -> Path:
    """The corpus folder: ``$FRAMESCOPE_DATA`` when set, else the project's ``data/``."""
    return Path(os.environ.get("FRAMESCOPE_DATA") or PROJECT / "data").resolve()


@st.cache_resource
def _held() -> dict:
    # Shared by all sessions and guarded by its lock: the newest corpus per folder, the newest
    # results per (store, corpus), the running analysis job per store, and per store the
    # (store version, corpus) last found completely analysed.
    return {"lock": threading.Lock(), "corpus": {}, "results": {}, "derived": {}, "jobs": {}, "complete": {}}


def current_corpus() -> corpus.Corpus:
    """The corpus as it is on disk now. New, changed or removed files show up on the next rerun:
    the fingerprint (one stat per file) changes, and only changed files are parsed again."""
    root = corpus_root()
    if not root.is_dir():
        st.error(f"The corpus folder {root} does not exist. Create it or set FRAMESCOPE_DATA.")
        st.stop()
    fingerprint = folder_watch(root).look()
    held = _held()
    loaded = held["corpus"].get(str(root))
    if loaded is not None and loaded.fingerprint == fingerprint:
        return loaded
    with held["lock"]:  # two sessions arriving together read the folder once
        loaded = held["corpus"].get(str(root))
        if loaded is None or loaded.fingerprint != fingerprint:
            bar = st.progress(0.0, text="Reading the corpus…")
            loaded = pipeline.load(root, progress=lambda done, total: bar.progress(
                done / max(total, 1), text=f"Reading the corpus: file {done} of {total}"))
            bar.empty()
            held["corpus"][str(root)] = loaded
    return loaded


@st.cache_resource
def folder_watch(root: Path) -> watch.FolderWatch:
    """The one watch of a corpus folder, shared by every session (lib.load.watch)."""
    return watch.FolderWatch(root)


@dataclass
class Job:
    """An analysis running in a background thread; read by every session's progress bar."""

    total: int = 0
    done: int = 0
    error: str | None = None
    finished: threading.Event = field(default_factory=threading.Event)


def analysis_results(loaded: corpus.Corpus) -> tuple[analyse.Results, Job | None]:
    """Stored results for the corpus, and the job analysing what is missing (None when nothing is).

    Pages draw with what is already analysed while the job runs; the job is started once per store
    however many sessions ask, and the store's lock keeps the CLI from doing the same work.
    """
    store = analyse.open_store()
    held = _held()
    job = _ensure_job(held, store, loaded)
    key = (store.path, store.version(), loaded.fingerprint)
    found = held["results"].get(key)
    if found is None:
        with held["lock"]:
            found = held["results"].get(key)
            if found is None:
                held["results"] = {}  # the older results go first: two at once is twice the memory
                found = pipeline.results(loaded, store)
                held["results"] = {key: found}
                memory.release()
    return found, job


def _ensure_job(held: dict, store, loaded: corpus.Corpus) -> Job | None:
    with held["lock"]:
        job = held["jobs"].get(store.path)
        if job is not None and not job.finished.is_set():
            return job
        complete = (store.version(), loaded.fingerprint)
        if held["complete"].get(store.path) == complete:  # checked already: skip 100k-id lookups
            return None
        wanted = pipeline.analysable(loaded)
        if not len(wanted) or wanted["id"].isin(store.done_ids()).all():
            held["complete"][store.path] = complete
            return None
        job = Job(total=len(wanted))
        held["jobs"][store.path] = job
    thread = threading.Thread(target=_run_job, args=(job, store, loaded), name="framescope-analysis",
                              daemon=True)
    thread.start()
    return job


def _run_job(job: Job, store, loaded: corpus.Corpus) -> None:
    def progress(done: int, total: int) -> None:
        job.done, job.total = done, total

    try:
        pipeline.analyse_corpus(loaded, store=store, progress=progress)
    except Exception as exc:  # shown on the page; the store keeps every finished batch
        job.error = f"{type(exc).__name__}: {exc}"
        return
    finally:
        job.finished.set()
    try:  # then what the framing and actor pages read, so that their first visit is quick
        pipeline.precompute(loaded)
    except Exception:  # noqa: BLE001 - a page computing it later reports the problem itself
        pass


def ranked_outlets(loaded: corpus.Corpus) -> tuple[str, ...]:
    """The corpus's outlets, most articles first (``lib.present.charts.rank_outlets``): what every
    chart settles its outlet colours over, so an outlet keeps its colour on every page."""
    from lib import coverage
    from lib.present import charts

    key = ("outlets", loaded.fingerprint)
    found = _held()["derived"].get(key)
    if found is None:
        found = charts.rank_outlets(coverage.outlet_names(loaded.articles))
        _remember(key, found)
    return found


def clear() -> None:
    """Forget every cached corpus and result (tests use this between runs)."""
    _held.clear()
    folder_watch.clear()


def framing_matches(loaded: corpus.Corpus, lexicon: pd.DataFrame) -> pd.DataFrame:
    """Matches of the framing lexicon in the corpus's analysable articles (lib.pipeline: computed
    once per corpus version and lexicon, kept on disk), shared by every session."""
    import hashlib

    digest = hashlib.sha1(lexicon.to_csv(index=False).encode("utf-8")).hexdigest()[:12]
    key = ("framing", loaded.fingerprint, digest)
    held = _held()
    found = held["derived"].get(key)
    if found is None:
        with st.spinner("Finding framing terms…"):
            found = pipeline.framing_of(loaded, lexicon)
        _remember(key, found)
    return found


def suggestions(loaded: corpus.Corpus, articles: pd.DataFrame, *, own_voice: bool = True,
                top: int = 10) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ranked, sets): contested-term sets found in the corpus itself (lib.pipeline.suggestions_of),
    the best ``top`` for these articles; the corpus-level sets are computed once per corpus
    version and kept on disk, the ranking once per selection, voice and lexicon/dismissals."""
    import hashlib

    from lib import framing

    # the outlet is part of the key: compare-by-group relabels outlets as groups
    ids = hashlib.sha1("\n".join(sorted(articles["id"].astype(str) + "\t" + articles["outlet"].astype(str)))
                       .encode("utf-8")).hexdigest()[:12]
    state = "|".join([framing.read_lexicon(loaded.root)[0].to_csv(index=False),
                      ",".join(sorted(framing.read_dismissed(loaded.root)))])
    key = ("suggestions", loaded.fingerprint, ids, own_voice, top, hashlib.sha1(state.encode("utf-8")).hexdigest()[:12])
    held = _held()
    found = held["derived"].get(key)
    if found is None:
        with st.spinner("Looking for contested wordings in the articles…"):
            voices = ("narrative", "scare") if own_voice else ("quoted",)
            found = pipeline.suggestions_of(loaded, articles, top=top, voices=voices)
        _remember(key, found)
    return found


def term_counts(loaded: corpus.Corpus, articles: pd.DataFrame) -> pd.DataFrame:
    """Word and two-word phrase counts per outlet for these articles (lib.distinctive): the rows
    of the corpus's article × term matrix summed per outlet, once per selection."""
    import hashlib

    from lib import distinctive

    # the outlet is part of the key: Compare renames outlets to its sides
    pairs = sorted(articles["id"].astype(str) + "\t" + articles["outlet"].astype(str))
    key = ("counts", loaded.fingerprint, hashlib.sha1("\n".join(pairs).encode()).hexdigest()[:12])
    held = _held()
    counts = held["derived"].get(key)
    if counts is None:
        matrix = term_matrix(loaded)
        counts = distinctive.counts_from_terms(matrix, articles)
        distinctive.release_matrix(matrix)
        _remember(key, counts)
    return counts


def keyword_variants(loaded: corpus.Corpus, keywords: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """lib.analyse.keywords.merge_variants of these keyphrase rows (a selection's), once per
    selection and corpus version: (merged keyphrase rows, the variants of each merged form)."""
    import hashlib

    from lib.analyse import keywords as keyphrases

    ids = sorted(pd.unique(keywords["article_id"].astype(str)))
    key = ("variants", loaded.fingerprint, len(keywords), hashlib.sha1("\n".join(ids).encode()).hexdigest()[:12])
    found = _held()["derived"].get(key)
    if found is None:
        found = keyphrases.merge_variants(keywords)
        _remember(key, found)
    return found


def term_matrix(loaded: corpus.Corpus):
    """How often each analysable article uses each term (lib.pipeline: once per corpus version,
    kept on disk)."""

    key = ("terms", loaded.fingerprint)
    held = _held()
    matrix = held["derived"].get(key)
    if matrix is None:
        with st.spinner("Counting words in every article…"):
            matrix = pipeline.terms_of(loaded)
        _remember(key, matrix)
    return matrix


def actor_labels(loaded: corpus.Corpus) -> pd.DataFrame | None:
    """Actor labels in the analysable articles (lib.actors), once per corpus; None when the
    corpus has no actors."""
    actors, found, _ = actor_data(loaded)
    return found if actors is not None and len(actors) else None


def actor_data(loaded: corpus.Corpus):
    """(actors, labels, mention sentences) for the corpus (lib.pipeline: computed once per corpus
    version and actor list, kept on disk): the analyst's actors.csv in the corpus folder when
    present, else the frequent person names found in the corpus."""

    key = ("actors", loaded.fingerprint)
    held = _held()
    data = held["derived"].get(key)
    if data is None:
        with st.spinner("Finding actors and their labels…"):
            data = pipeline.actors_of(loaded)
        _remember(key, data)
    return data


def story_omissions(loaded: corpus.Corpus, articles: pd.DataFrame) -> pd.DataFrame:
    """lib.stories.omissions of one story's articles (id, outlet), with the corpus's actor labels:
    once per story and corpus version, so a rerun does not read and split its texts again (1 s
    for a story of 400 articles)."""
    from lib.store import derived
    from lib import stories as storylib

    key = ("omissions", loaded.fingerprint, derived.articles_key(articles))
    held = _held()
    found = held["derived"].get(key)
    if found is None:
        _, labels, _ = actor_data(loaded)
        story = loaded.with_text(articles).assign(outlet=lambda f: f["outlet"].fillna("(unknown outlet)"))
        found = storylib.omissions(story, labels=labels[labels["article_id"].isin(story["id"])])
        _remember(key, found)
    return found


def _remember(key: tuple, value) -> None:
    # One entry per kind ("framing", "counts", "actors", "omissions"...): the newest corpus/selection replaces it.
    held = _held()
    with held["lock"]:
        held["derived"] = {k: v for k, v in held["derived"].items() if k[0] != key[0]} | {key: value}


def stories(loaded: corpus.Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(assignments, described stories) for the corpus (lib.pipeline.stories_of), once per
    corpus version; stories.csv is in the corpus folder, so editing it changes the version."""

    key = ("stories", loaded.fingerprint)
    data = _held()["derived"].get(key)
    if data is None:
        with st.spinner("Grouping articles into stories…"):
            found, _ = analysis_results(loaded)
            data = pipeline.stories_of(loaded, found.keywords, fingerprint=pipeline.stories_fingerprint(loaded, found.pending))
        _remember(key, data)
    return data


@st.cache_resource
def warm_up() -> threading.Thread:
    """Import, once per server and in the background, what only some pages need: scikit-learn
    for the Stories page takes ~0.7 s, which would otherwise land on that page's first visit."""
    def imports() -> None:
        from lib import actors, distinctive, stories  # noqa: F401

    thread = threading.Thread(target=imports, name="framescope-imports", daemon=True)
    thread.start()
    return thread


@st.cache_resource
def image_server() -> bool:
    """One kaleido browser for the whole app: the first image takes ~2 s, later ones ~0.2 s."""
    from lib.present import export

    return export.start_image_server()
