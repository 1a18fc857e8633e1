"""Overview: who is in the corpus, when, and what is unknown."""
import streamlit as st

from lib.present import charts
from lib import coverage, timeline
from lib.analyse import keywords, sentiment
from ui import figures, sidebar, view, widgets

st.title("Overview")
st.write("Which outlets are in the corpus, how much each published and when, and which metadata is missing.")

current = view.current()
articles = view.as_groups(current.articles)  # by group when the sidebar says so
if articles.empty:
    st.info("No articles match the filters. Widen the sidebar filters, or add files on the **Corpus** page.")
    st.stop()

per_outlet = coverage.by_outlet(articles)
dated = int(articles["date"].notna().sum())
cols = st.columns(4)
cols[0].metric("Articles", f"{len(articles):,}")
cols[1].metric("Outlets", f"{(per_outlet['outlet'] != charts.UNKNOWN).sum():,}")
cols[2].metric("Words", f"{int(articles['words'].sum()):,}")
cols[3].metric("Dated articles", f"{dated:,} of {len(articles):,}")

left, right = st.columns([2, 3])  # the timeline needs the width: a date axis and its legend
with left:
    figures.show(charts.articles_per_outlet(per_outlet, corpus_outlets=current.outlets), key="chart_outlets", data=per_outlet,
                 card=figures.card("coverage", current, articles))
with right:
    chosen = st.radio("Bin by", timeline.CHOICES, horizontal=True, key="time_bin", bind="query-params",
                      help=f"Auto: the finest bin giving at most {timeline.AUTO_BINS} bars over the dates most articles fall in.")
    counts, period = coverage.over_time(articles, top=coverage.TIMELINE_OUTLETS, period=chosen)
    shown = timeline.core_range(articles["date"])
    if counts.empty:
        st.info("None of these articles has a date, so there is no timeline.")
    else:
        away = timeline.outside(articles, shown)
        figures.show(charts.articles_over_time(counts, period=period, shown=shown, corpus_outlets=current.outlets),
                     key="chart_time", data=counts, note=timeline.outside_note(away),
                     card=figures.card("coverage", current, articles, period=period,
                                       range_shown=f"{shown[0]:%Y-%m-%d} to {shown[1]:%Y-%m-%d}"))

st.subheader("Tone and topics at a glance")
found = view.analysis(current)
widgets.pending_note(found.pending)
if found.articles.empty:
    st.info("No analysed articles yet: the Sentiment and Keywords pages fill in as analysis finishes.")
else:
    shown = coverage.top_outlets(found.articles, 12)
    analysed = found.articles[found.articles["outlet"].isin(shown)]
    tone, topics = st.columns(2)
    figures.show(charts.sentiment_by_outlet(sentiment.by_outlet(analysed), corpus_outlets=current.outlets), key="chart_overview_tone", where=tone,
                 card=figures.card("sentiment", current, analysed), data=sentiment.by_outlet(analysed))
    ranked = keywords.by_outlet(found.keywords, analysed)
    top = ranked.groupby("outlet", sort=False).head(5).groupby("outlet")["keyphrase"].agg(", ".join)
    topics.markdown("**Top keyphrases per outlet**")
    widgets.table(top.rename("keyphrases").reset_index(), key="overview_keywords", where=topics)
    topics.caption("Details and methods on the **Sentiment** and **Keywords** pages.")

st.subheader("What is unknown")
missing = coverage.unknown_fields(articles)
widgets.table(missing, config={
    "share": st.column_config.ProgressColumn("share of articles", format="percent", min_value=0, max_value=1)})
if missing["missing"].any():
    st.caption("Set missing outlets, dates and titles on the **Corpus** page; they are saved to `sources.csv`.")

with st.expander("How this is measured"):
    st.markdown(
        "- **Articles** are the loaded records: duplicates and problem files are not counted "
        "(see the Corpus page).\n"
        "- **Outlet and date** come, in order of precedence, from `sources.csv`, the file's own "
        "metadata, or clues in the text (a dateline such as `(Reuters) -`, a site name after the "
        "headline, a full date in the text). With no clue they stay unknown; nothing is guessed.\n"
        f"- The timeline bins by {period} (weeks run Monday to Sunday); undated articles are not on it. "
        "A period without articles has no bar: zero.\n"
        "- Its range is where most articles fall: the shortest range holding all but at most 5% of the "
        "dated articles, used when the few left off would stretch the axis to three times its length or "
        "more and each lies over a month beyond it (with fewer than 20 dated articles, all are shown). "
        "Those left off are named under the chart and counted in every other number; the chart's "
        "autoscale button shows them.")

st.subheader(f"Per {sidebar.unit()}")
widgets.table(per_outlet, config={
    "first": st.column_config.DateColumn("first article"), "last": st.column_config.DateColumn("last article")})
figures.table_downloads(per_outlet, key="outlets_table", title="Articles per outlet",
                        card=figures.card("coverage", current, articles))
