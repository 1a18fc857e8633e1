"""Sentiment: how positive or negative each outlet's coverage reads, in its own voice and in quotes."""
import pandas as pd
import streamlit as st

from lib.present import charts
from lib import coverage
from lib.analyse import sentiment
from ui import figures, view, widgets

st.title("Sentiment")
st.write("How positive or negative each outlet's articles read, scored sentence by sentence with VADER.")

current = view.current()
found = view.analysis(current)
widgets.pending_note(found.pending)
if found.articles.empty:
    st.info("No analysed articles match the filters yet.")
    st.stop()

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

_, period = coverage.over_time(articles)  # the bin that suits the date span
freq = {"day": "D", "week": "W", "month": "M"}[period]
series = sentiment.over_time(articles, freq=freq)
if series.empty:
    st.info("None of these articles has a date, so there is no timeline.")
else:
    figures.show(charts.sentiment_over_time(series, period=period, corpus_outlets=current.outlets), key="chart_tone_time", data=series,
                 card=figures.card("sentiment", current, articles, period=period))

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
