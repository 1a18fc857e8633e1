"""Concordance: every occurrence of a word or phrase, in context, with its outlet, voice and tone."""
import streamlit as st

from lib import concordance, coverage
from ui import view, widgets

st.title("Concordance")
st.write("Every occurrence of a word or phrase in the selected articles, with the words around it, "
         "whose voice it is in, and the tone of its sentence.")

current = view.current()
query = st.text_input("Word or phrase (`*` for any ending, e.g. `autocrat*`)", key="q", bind="query-params",
                      placeholder="invasion")
if not query.strip():
    st.info("Type a word or phrase, or follow a link from the Framing or Keywords page.")
    st.stop()
found = view.analysis(current)
articles = found.articles
lines = concordance.kwic(articles, query, sentence_index=False, texts=current.corpus.texts)
lines = concordance.with_sentiment(lines, found.sentences_of(lines["article_id"]))
if lines.empty:
    st.info(f"“{widgets.plain(query)}” does not occur in the selected articles.")
    st.stop()

cols = st.columns(3)
cols[0].metric("Occurrences", f"{len(lines):,}")
cols[1].metric("Articles", f"{lines['article_id'].nunique():,}")
cols[2].metric("Outlets", f"{coverage.known_outlets(lines['outlet']):,}")
voices = st.pills("Voice", ["narrative", "scare", "quoted"], selection_mode="multi",
                  default=["narrative", "scare", "quoted"], key="kwic_voice", bind="query-params")
shown = lines[lines["voice"].isin(voices or [])]
# Voice and tone before the context: after two 400 px text columns they were off-screen.
table = shown[["outlet", "date", "voice", "compound", "left", "match", "right", "file", "article_id"]]
widgets.table(table, key="kwic", labels={"article_id": "article id"}, config={
    "date": st.column_config.DateColumn("date", width="small"),
    "voice": st.column_config.TextColumn("voice", width="small"),
    "compound": st.column_config.NumberColumn("tone", format="%+.2f", width="small",
                                              help="VADER's compound for the sentence, −1 to +1"),
    # right-aligned, so that a long left context shows the words next to the match
    "left": st.column_config.TextColumn("left", width="large", alignment="right"),
    "match": st.column_config.TextColumn("match", width="small"),
    "right": st.column_config.TextColumn("right", width="large")})
st.download_button("Download these lines (CSV)", table.to_csv(index=False).encode("utf-8"),
                   file_name="concordance.csv", mime="text/csv", key="kwic_csv")
with st.expander("How this is measured"):
    st.markdown("Matches are case-insensitive and word-bounded; hyphens and spaces are interchangeable. **Voice**: "
                "narrative (the outlet's own words), scare (1–3 quoted words with no speaker), quoted (someone's "
                "quoted words). **Sentence tone** is VADER's compound for the sentence the occurrence is in. Only "
                "analysed (English) articles are searched; at most 5,000 lines are shown.")
