"""Frames: does each outlet cover the issue as a conflict, by its costs, through a person's story,
in moral terms, or by what should be done?"""
import pandas as pd
import streamlit as st

from lib import framing
from lib.framing import generic
from lib.present import charts
from ui import figures, view, widgets

st.title("Frames")
st.write("The generic news frames of each outlet's articles: **conflict** between sides, **economic** "
         "consequences, **human interest** (a person's story, emotions), **moral** terms, and **resolution** "
         "(solutions, who should act). Does outlet A cover this as a fight and outlet B as a cost?")

current = view.current()
found = view.analysed(current)

shown = widgets.outlet_limit(found.articles, key="frames_outlets")
articles = found.articles[found.articles["outlet"].isin(shown)]
shares = framing.frame_shares(articles, by="outlet")
table = shares.rename(columns={"group": "outlet"})
figures.show(charts.generic_frames_by_outlet(shares, corpus_outlets=current.outlets), key="chart_frames",
             data=table, card=figures.card("generic_frames", current, articles))

with st.expander("How this is measured"):
    st.markdown(
        "Each sentence is searched for **indicator words** written from the questions of Semetko & Valkenburg's "
        "(2000) codebook, the one the coders of the validation corpus answered; they name no topic. "
        "First-person words (I, my, we) inside someone's quoted words count as a personal testimony for "
        "human interest. Per article and frame, a small logistic model (fitted offline, stored as numbers) "
        "turns how often each codebook question is answered, the share of sentences with a match, the matches "
        "in the headline and first two sentences, and the article's length into a **0..1 score**: a long "
        "article mentions money somewhere almost always, so length is weighed against it. The frame is "
        "**present** when the score "
        "reaches the frame's threshold. An outlet's dot is the share of its articles with the frame, the bar "
        "its 95% Wilson interval; N = the outlet's articles (open circles: fewer than 5).")
    st.markdown(widgets.plain(generic.validation_text()))
    st.dataframe(pd.DataFrame({
        "frame": [generic.LABELS[f] for f in generic.FRAMES for _ in generic.INDICATORS[f]],
        "codebook question": [q for f in generic.FRAMES for q, _ in generic.INDICATORS[f]],
        "indicator words (examples)": [", ".join(w.replace("*", "…") for w in words[:12]) + ", …"
                                       for f in generic.FRAMES for _, words in generic.INDICATORS[f]],
        "threshold": [round(generic.MODEL[f][2], 3) for f in generic.FRAMES for _ in generic.INDICATORS[f]],
    }), hide_index=True, key="frame_indicators")
    st.dataframe(table, hide_index=True, key="frame_shares")

if current.stories is not None and not current.selection.story:
    by_story = framing.frame_shares(articles.merge(current.stories[["article_id", "story"]], left_on="id",
                                                   right_on="article_id"), by="story")
    if by_story["group"].nunique() > 1:
        names = current.described.set_index("story")["shown"] if current.described is not None else pd.Series()
        wide = (100 * by_story.pivot_table(index="group", columns="frame", values="share")).reindex(
            columns=list(generic.FRAMES))
        wide = wide.assign(articles=by_story.groupby("group")["articles"].first()).sort_values("articles", ascending=False)
        wide.index = [str(names.get(s, s)) for s in wide.index]
        st.subheader("By story")
        st.caption("Share of each story's articles with each frame (the interval and N are in the CSV).")
        st.dataframe(wide.rename(columns=generic.LABELS).head(30), key="frames_by_story",
                     column_config={generic.LABELS[f]: st.column_config.NumberColumn(format="%.0f%%")
                                    for f in generic.FRAMES})
        figures.table_downloads(by_story, key="frames_by_story", title="Generic frames by story",
                                card=figures.card("generic_frames", current, articles))

st.subheader("Evidence: the sentences behind a frame")
frame = st.selectbox("Frame", generic.FRAMES, format_func=generic.LABELS.get, key="frames_frame",
                     bind="query-params")
with_frame = articles[articles[f"frame_{frame}"]].sort_values(f"frame_{frame}_score", ascending=False)
if with_frame.empty:
    st.info(f"No selected article has the {generic.LABELS[frame].lower()} frame.")
    st.stop()
evidence = found.frame_sentences
evidence = evidence[(evidence["frame"] == frame) & evidence["article_id"].isin(with_frame["id"].head(60))]
located = evidence.merge(found.sentences_of(evidence["article_id"])[["article_id", "sentence", "start", "end"]],
                         on=["article_id", "sentence"]).sort_values(["article_id", "hits"], ascending=[True, False])
lookup = with_frame.set_index("id")
bodies = dict(zip(located["article_id"].unique(), current.corpus.texts.of(located["article_id"].unique())))
table = pd.DataFrame({  # st.dataframe shows cells as text: article sentences never become HTML
    "outlet": [lookup.at[a, "outlet"] for a in located["article_id"]],
    "score": [round(float(lookup.at[a, f"frame_{frame}_score"]), 2) for a in located["article_id"]],
    "indicator matches": located["hits"].to_numpy(),
    "sentence": [bodies[a][s:e] for a, s, e in zip(located["article_id"], located["start"], located["end"])],
    "file": [lookup.at[a, "file"] for a in located["article_id"]],
}).sort_values(["score", "indicator matches"], ascending=False)
st.caption(f"{len(with_frame):,} of {len(articles):,} selected articles have the frame; the strongest 60 are "
           "listed, with up to three sentences each (most indicator matches first).")
st.dataframe(table, hide_index=True, key="frame_evidence")
