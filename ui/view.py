"""What every page starts from: the corpus and the sidebar selection of this run.

``dashboard.py`` builds the view (reads the corpus, draws the shared sidebar filters) before the
page runs, and the page takes it. A page can also run without the router: Streamlit runs a
``pages/`` file on its own on the first run after the server starts (its legacy pages-folder mode,
see ``ui/__init__.py``), and AppTest does so on every rerun. In the server the page then asks for
one more run, which goes through the router; under AppTest it builds the view itself, so the
sidebar is drawn exactly once per run either way.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit import config

from lib.load import corpus, watch
from lib import coverage
from lib.present import summary
from ui import cache, editing, sidebar, widgets

_KEY = "_view"
WATCH_SECONDS = 2.0  # how often an open page looks for new, changed and removed files


@dataclass(frozen=True)
class View:
    corpus: corpus.Corpus
    selection: coverage.Selection
    stories: pd.DataFrame | None = None    # article_id, story (+ undated, similarity, name)
    described: pd.DataFrame | None = None  # one row per story: story, label, first, last, ...
    outlets: tuple[str, ...] = ()          # every outlet of the corpus, most articles first (chart colours)

    @property
    def articles(self) -> pd.DataFrame:
        """Loaded articles matching the sidebar filters, the story filter included."""
        chosen = coverage.select(self.corpus.articles, self.selection)
        if self.selection.story and self.stories is not None:
            members = self.stories.loc[self.stories["story"] == self.selection.story, "article_id"]
            chosen = chosen[chosen["id"].isin(members)]
        return chosen


def build() -> View:
    """Read the corpus (only what changed), group it into stories and draw the shared filters."""
    loaded = cache.current_corpus()
    st.sidebar.caption(f"Corpus: {widgets.plain(loaded.root.name)}/ · {len(loaded.articles):,} articles")
    if editing.read_only():  # before the page runs: a secrets.toml setting stops lib's writers too
        st.sidebar.caption("Read-only: nothing in the corpus folder can be changed from this dashboard.")
    assignments, described = cache.stories(loaded) if len(loaded.articles) else (None, None)
    selection = sidebar.filters(loaded.articles, stories=described)
    with st.sidebar:
        _watch_folder(loaded)
    return View(corpus=loaded, selection=selection, stories=assignments, described=described,
                outlets=cache.ranked_outlets(loaded))


@st.fragment(run_every=WATCH_SECONDS)
def _watch_folder(loaded: corpus.Corpus) -> None:
    # Every open page, idle or not, looks at the folder every few seconds (lib.load.watch keeps
    # that cheap at 100k files) and reruns itself once files came, changed or went and the folder
    # is still: the new run reads only those files and analyses only the new articles.
    folder = cache.folder_watch(loaded.root)
    again, st.session_state["_folder_pending"] = watch.reread(
        st.session_state.get("_folder_pending"), shown=loaded.fingerprint, seen=folder.fingerprint(),
        now=time.monotonic())
    if again:
        found = watch.changes(loaded.sources, folder.entries())
        st.toast(f"{found.describe()} in {widgets.plain(loaded.root.name)}/: reading and analysing…")
        st.rerun(scope="app")


def publish(view: View) -> None:
    """Called by dashboard.py before the page runs."""
    st.session_state[_KEY] = view


def current(*, needs_articles: bool = True) -> View:
    """The view the router built for this run, or a new one when the page runs alone. A page that
    ``needs_articles`` stops with a plain message when the corpus folder has none to analyse
    (empty, or only files that cannot be read): what was found and what to do."""
    view = st.session_state.pop(_KEY, None)
    if view is None:
        if not config.get_option("global.appTest"):  # st.get_option hides this option
            st.rerun()  # legacy first run: go through dashboard.py's navigation and sidebar
        view = build()
    if needs_articles:
        _stop_without_articles(view)
    return view


def _stop_without_articles(view: View) -> None:
    nothing = summary.nothing_to_analyse(view.corpus, f"{view.corpus.root.name}/", scan_hint=False)
    if nothing is not None:
        st.info(f"No articles to analyse. {widgets.plain(nothing)} The **Corpus** page lists every file with "
                "the reason it was not read, and takes uploads.")
        st.stop()


def as_groups(articles: pd.DataFrame) -> pd.DataFrame:
    """``articles`` with ``outlet`` holding each article's group when the sidebar compares by
    group (articles without one: "(no group)"), else unchanged. Every lib function that
    aggregates by outlet then aggregates by group, with the same CIs and N."""
    if not sidebar.by_group() or "group" not in articles:
        return articles
    label = articles["group"].where(articles["group"].notna() & (articles["group"] != ""), sidebar.NO_GROUP)
    return articles.assign(outlet=label)


def _grouped(found):
    # A new Results (its derived lookups rebuilt), so nothing cached per outlet is served for groups.
    return dataclasses.replace(found, articles=as_groups(found.articles)) if sidebar.by_group() else found


def analysis(current: View):
    """The analysis results for the view's selection, with a progress bar while new articles are
    being analysed in the background (the page draws with what is already done)."""
    found, job = cache.analysis_results(current.corpus)
    if current.selection != coverage.Selection():  # no filter set: every result stands (no 100k-id lookups)
        found = found.where(current.articles)
    if job is not None and not job.finished.is_set():
        _progress(job)
    elif job is not None and job.error:
        st.error(f"The analysis stopped: {job.error}. Finished articles are kept; reload to retry.")
    return _grouped(found)


def analysed(current: View):
    """``analysis(current)`` with its pending note, for a page that shows analysed articles: it
    stops with a plain message when none match the filters yet."""
    found = analysis(current)
    widgets.pending_note(found.pending)
    if found.articles.empty:
        stop_unanalysed()
    return found


def stop_unanalysed() -> None:
    st.info("No analysed articles match the filters yet.")
    st.stop()


@st.fragment(run_every=1.0)
def _progress(job) -> None:
    if job.finished.is_set():
        st.rerun(scope="app")  # draw everything again with the complete results
    noun = "new article" if job.total == 1 else "new articles"
    st.progress(job.done / max(job.total, 1),
                text=f"Analysing {job.total:,} {noun}: {job.done:,} done. The charts show what is done so far.")


def in_selection(frame: pd.DataFrame, current: View, found, column: str = "article_id") -> pd.DataFrame:
    """The rows of a per-article frame (labels, mentions, matches) whose article is in ``found``
    (``analysis(current)``). With no filter and nothing pending that is every row: then no row is
    tested (1 M mention rows at 100k articles)."""
    if current.selection == coverage.Selection() and found.pending == 0:
        return frame
    return frame[frame[column].isin(found.articles["id"])]


def any_outlet(current: View) -> tuple[pd.DataFrame, pd.DataFrame]:
    """For a chart that picks its own outlets: (every analysed article of the corpus, those within
    the sidebar's dates and story whatever outlets the sidebar chose). No progress bar: the page's
    ``analysis`` call draws it."""
    found, _ = cache.analysis_results(current.corpus)
    everything = as_groups(found.articles)
    lifted = dataclasses.replace(current.selection, outlets=())
    if lifted == coverage.Selection():  # only outlets chosen, or nothing: no 100k-id lookup
        return everything, everything
    within = dataclasses.replace(current, selection=lifted).articles
    return everything, everything[everything["id"].isin(within["id"])]
