"""The default briefing: what an analyst would put in a first memo about a corpus.

Corpus overview (articles per outlet and over time), tone by outlet, keyphrases per outlet, one
chart per framing set in the outlets' own voice, and how outlets label the most-labelled actor.
Each chart comes with its data and method card (``lib.present.briefing.Item``). Used by
``python -m lib report``; the dashboard's Briefing page builds its own list from "Add to briefing".
"""
from __future__ import annotations

import html

import pandas as pd

from lib import actors as actorlib
from lib import analyse, coverage, framing, pipeline, timeline
from lib.analyse import keywords, sentiment
from lib.coverage import Selection
from lib.load.corpus import Corpus
from lib.present import charts, methods
from lib.present.briefing import Item

OUTLETS = 12        # outlets per chart, the largest first (as the pages' default)
LABELS = 15         # labels in the actor chart
TOP_K = 10          # a keyphrase counts when in an article's top 10


def default_items(loaded: Corpus, found: analyse.Results, selection: Selection = Selection(),
                  articles: pd.DataFrame | None = None) -> list[Item]:
    """The default briefing's charts for ``articles`` (default: the corpus's articles matching
    ``selection``); charts with nothing to show (no dates, no analysed article, no framing match)
    are left out."""
    ranked = charts.rank_outlets(coverage.outlet_names(loaded.articles))  # colours as in the dashboard
    if articles is None:
        articles = coverage.select(loaded.articles, selection)
    if articles.empty:
        return []
    shown = coverage.top_outlets(articles, OUTLETS)
    kept = articles[coverage.outlet_names(articles).isin(shown)]
    extra = {"outlets shown": f"the {len(shown)} largest of {coverage.outlet_names(articles).nunique()}"} \
        if len(shown) < coverage.outlet_names(articles).nunique() else {}

    def card(kind: str, behind: pd.DataFrame, **more: object):
        return methods.card(kind, behind, corpus=loaded.root.name, selection=selection, **extra, **more)

    items = _overview(articles, card, ranked)
    analysed = found.where(kept).articles
    if not analysed.empty:
        items.append(_item(charts.sentiment_by_outlet(sentiment.by_outlet(analysed), corpus_outlets=ranked),
                           card("sentiment", analysed), sentiment.by_outlet(analysed)))
        top_phrases = keywords.by_outlet(found.keywords, analysed, top_k=TOP_K)
        if not top_phrases.empty:
            items.append(_item(charts.keywords_side_by_side(top_phrases, per_outlet=10, corpus_outlets=ranked),
                               card("keywords", analysed, top_k=TOP_K), top_phrases))
    english = analyse.analyzable(kept).merge(kept[["id", "outlet", "date"]].drop_duplicates("id"), on="id")
    english = english.assign(outlet=coverage.outlet_names(english))
    items += _framing(loaded, english, card)
    items += _labels(loaded, english, card)
    return items


def _overview(articles: pd.DataFrame, card, ranked: tuple[str, ...]) -> list[Item]:
    per_outlet = coverage.by_outlet(articles)
    top = per_outlet.sort_values(["articles", "outlet"], ascending=[False, True]).head(30)
    items = [_item(charts.articles_per_outlet(top, corpus_outlets=ranked), card("coverage", articles), per_outlet)]
    counts, period = coverage.over_time(articles, top=coverage.TIMELINE_OUTLETS)
    if not counts.empty:
        shown = timeline.core_range(articles["date"])
        items.append(_item(charts.articles_over_time(counts, period=period, shown=shown, corpus_outlets=ranked),
                           card("coverage", articles), counts))
    return items


def _framing(loaded: Corpus, english: pd.DataFrame, card) -> list[Item]:
    lexicon, _ = framing.read_lexicon(loaded.root)
    found = pipeline.framing_of(loaded, lexicon)
    found = found[found["article_id"].isin(english["id"])]
    own = found[found["voice"].isin(("narrative", "scare"))]
    if own.empty:
        return []
    table = framing.shares(found, english)
    items = []
    for group in dict.fromkeys(lexicon["group"]):
        if own["group"].eq(group).any():
            terms = lexicon.loc[lexicon["group"] == group, "term"].tolist()
            users = english[english["id"].isin(own.loc[own["group"] == group, "article_id"])]
            items.append(_item(charts.term_shares(table, group=group, terms=terms, voice="own"),
                               card("framing", users, set=group, voice="own"), table[table["group"] == group]))
    return items


def _labels(loaded: Corpus, english: pd.DataFrame, card) -> list[Item]:
    # actors as the dashboard finds them, in the whole corpus; their labels in these articles
    people, found, _ = pipeline.actors_of(loaded)
    if people.empty:
        return []
    found = found[found["article_id"].isin(english["id"])]
    if found.empty:
        return []
    actor = found["actor"].value_counts().index[0]
    table = actorlib.by_outlet(found[found["actor"] == actor], english)
    top = table.groupby("label")["count"].sum().sort_values(ascending=False).head(LABELS).index.tolist()
    users = english[english["id"].isin(found.loc[found["actor"] == actor, "article_id"])]
    return [_item(charts.label_heatmap(table, actor=actor, labels=top), card("labels", users, actor=actor), table)]


def _item(figure, card: methods.Card, data: pd.DataFrame | None) -> Item:
    return Item(title=_plain_title(figure), figure=figure, card=card, data=data)


def _plain_title(figure) -> str:
    return html.unescape(figure.layout.title.text or "Chart")
