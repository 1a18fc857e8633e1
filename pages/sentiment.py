"""Sentiment: how positive or negative each outlet's coverage reads, in its own voice and in quotes."""
import pandas as pd
import streamlit as st

from lib.present import charts
from lib import coverage, timeline
from lib.frames import UNKNOWN
from lib.analyse import sentiment
from ui import figures, sidebar, view, widgets

st.title("Sentiment")
st.write("How positive or negative each outlet's articles read, scored sentence by sentence with VADER.")

COMPARED = 3                 # outlets compared over time by default: the largest known ones
TONE_MIN_ARTICLES = 3        # auto's bin: at least this many articles a point, on median
SMOOTHING = (1, 3, 5, 7)     # bins in the rolling mean; 1 = off

current = view.current()
found = view.analysed(current)

shown = widgets.outlet_limit(found.articles, key="sentiment_outlets")
articles = found.articles[found.articles["outlet"].isin(shown)]
# every analysed article shown (the default): no filtering of 4 M sentences at 100k articles
sentences = found.sentences if len(articles) == len(found.articles) else \
    found.sentences[found.sentences["article_id"].isin(articles["id"])]
summary = sentiment.by_outlet(articles)
figures.show(charts.sentiment_by_outlet(summary, corpus_outlets=current.outlets), key="chart_tone", data=summary,
             card=figures.card("sentiment", current, articles))
with st.expander("How this is measured"):
    st.markdown(
        "Each sentence gets VADER's **compound** score (−1 … +1; vaderSentiment 3.3.2). An article's tone "
        "is the **mean of its sentence compounds** (VADER saturates on whole articles, so it is never run on "
        "one); an outlet's tone is the mean over its articles, each weighted once, with a 95% Student-t "
        "interval (none for a single article). Within ±0.05 is conventionally neutral. Articles not in "
        "English are left out.")
    widgets.table(summary)

left, right = st.columns(2)
with left:
    figures.show(charts.sentiment_distribution(articles, corpus_outlets=current.outlets), key="chart_spread", card=figures.card("sentiment", current, articles),
                 data=articles[["outlet", "id", "title", "compound"]])
with right:
    voices = sentiment.by_voice_means(found.voices, articles)
    if voices.empty:
        st.info("No sentence could be attributed to a voice.")
    else:
        figures.show(charts.sentiment_by_voice(voices), key="chart_voice", data=voices,
                     card=figures.card("voice", current, articles))
        st.caption("Narrative: the outlet's own sentences (scare-quoted words count as its own). Quoted: "
                   "sentences mostly inside quotation marks. Sentences that mix both are left out.")

st.subheader("Tone over time")
everything, pool = view.any_outlet(current)
options = coverage.top_outlets(everything, everything["outlet"].nunique())  # most articles first, unknown last
largest = [o for o in options if o != UNKNOWN][:COMPARED]  # "(unknown outlet)" can be chosen, never a default
pick, bin_col, smooth_col = st.columns([3, 2, 1])
compared = pick.multiselect(f"{sidebar.unit().capitalize()}s to compare", options, default=largest, key="tone_outlets", bind="query-params",
                            help="Independent of the sidebar's outlet filter; its dates and story apply.")
chosen = bin_col.radio("Bin by", timeline.CHOICES, horizontal=True, key="tone_bin", bind="query-params",
                       help=f"Auto: the finest bin giving at most {timeline.AUTO_BINS} points and, on median, at least "
                            f"{TONE_MIN_ARTICLES} articles a point per outlet.")
smooth = smooth_col.selectbox("Smoothing", SMOOTHING, key="tone_smooth", bind="query-params",
                              format_func=lambda k: "off" if k == 1 else f"{k} bins")
band = st.checkbox("Show the 95% interval of each point", value=False, key="tone_band", bind="query-params")
drawn = pool[pool["outlet"].isin(compared)]
dated = drawn.dropna(subset=["date"])
if not compared:
    st.info(f"Choose one or more {sidebar.unit()}s to compare.")
elif dated.empty:
    st.info(f"None of these {sidebar.unit()}s' articles in the selection has a date, so there is no timeline.")
else:
    period = timeline.resolve(chosen, dated["date"], groups=dated["outlet"], min_articles=TONE_MIN_ARTICLES)
    series = sentiment.over_time(dated, period=period, smooth=smooth)
    window = timeline.core_range(dated["date"])
    figures.show(charts.sentiment_over_time(series, period=period, shown=window, band=band, smooth=smooth,
                                            corpus_outlets=current.outlets),
                 key="chart_tone_time", data=series, note=timeline.outside_note(timeline.outside(dated, window)),
                 card=figures.card("sentiment", current, dated, period=period,
                                   smoothing=f"mean of {smooth} bins" if smooth > 1 else "off",
                                   range_shown=f"{window[0]:%Y-%m-%d} to {window[1]:%Y-%m-%d}"))
    missing = [o for o in compared if o not in set(dated["outlet"])]
    if missing:
        st.caption("No dated article in the selection: " + widgets.plain(", ".join(missing)) + ".")
    with st.expander("How tone over time is measured"):
        st.markdown(
            f"A point is the mean tone of an outlet's articles in one {period} (each article weighted once; "
            "the hover gives the articles in it), with its 95% Student-t interval as the band (none for a "
            "single article). A period without articles has no tone: the line breaks there instead of "
            "running across it. **Smoothing** replaces each point by the mean of the articles in the "
            "bins centred on it (3 bins: the one before, this one and the one after; empty bins count as "
            "bins, so it never reaches across a long gap), and the interval by that mean's; the faint dots "
            "are the bins' own means. **Auto** picks the finest bin (day, week, month) that gives at most "
            f"{timeline.AUTO_BINS} points and, on median, at least {TONE_MIN_ARTICLES} articles a point per outlet: tone from "
            "one or two articles a day is mostly noise. The range is where most of these articles fall "
            "(articles far outside it are named under the chart; autoscale shows them).")
        st.dataframe(series, hide_index=True)

st.subheader("The most positive and most negative sentences")
lookup = articles.set_index("id")
extremes = pd.concat([sentences.nlargest(8, "compound"), sentences.nsmallest(8, "compound")])
table = pd.DataFrame({
    "compound": extremes["compound"].round(3),
    "sentence": [body[s:e] for body, s, e in zip(current.corpus.texts.of(extremes["article_id"]),
                                                  extremes["start"], extremes["end"])],
    "voice": extremes["voice"],
    "outlet": [lookup.at[a, "outlet"] for a in extremes["article_id"]],
    "file": [lookup.at[a, "file"] for a in extremes["article_id"]],
})
widgets.table(table, key="extremes")
