"""Actors: how each outlet labels the people in the news, and its tone when it mentions them."""
import functools

import pandas as pd
import streamlit as st

from lib.actors import table as actorlist
from lib.actors import tone as actortone
from lib.present import charts
from lib import actors as actorlib
from ui import cache, editing, figures, view, widgets

st.title("Actors")
st.write("The labels each outlet attaches to the people in its coverage (“Chinese President Xi Jinping”, "
         "“the Chinese autocrat”, a quoted “dear friend”), and how its sentences about them read.")

current = view.current()
found = view.analysis(current)
actors, labels, mentions = cache.actor_data(current.corpus)
articles = found.articles
labels = view.in_selection(labels, current, found)
if actors is None or actors.empty or labels.empty:
    st.info("No actor with labels in the selected articles. Add actors below.")
else:
    counts = labels["actor"].value_counts()
    actor = st.selectbox("Actor", counts.index.tolist(), key="actor", bind="query-params",
                         format_func=lambda a: f"{a} ({counts[a]} labels)")
    voices = st.pills("Voice", ["narrative", "scare", "quoted"], selection_mode="multi",
                      default=["narrative", "scare", "quoted"], key="actor_voice", bind="query-params")
    chosen = labels[(labels["actor"] == actor) & labels["voice"].isin(voices or [])]
    table = actorlib.by_outlet(chosen, articles)
    top = table.groupby("label")["count"].sum().sort_values(ascending=False).head(20).index.tolist()
    if top:
        figures.show(charts.label_heatmap(table, actor=actor, labels=top), key="chart_labels", data=table,
                     card=figures.card("labels", current, articles[articles["id"].isin(chosen["article_id"])], actor=actor))
    widgets.table(table, key="actor_labels")
    figures.table_downloads(table, key="actor_labels", title=f"Labels of {actor} per outlet",
                            card=figures.card("labels", current, articles[articles["id"].isin(chosen["article_id"])], actor=actor))
    if top:
        picked = st.selectbox("Read a label in context", top, key="actor_label_term")
        st.page_link("pages/concordance.py", label=f"Every occurrence of “{widgets.plain(picked)}”",
                     icon=":material/format_list_bulleted:", query_params={"q": picked})

    st.subheader(f"Tone of the sentences that mention {actor}")
    about = view.in_selection(mentions[mentions["actor"] == actor], current, found)
    per_article = actortone.by_article(about, found.compound_of(about["article_id"], about["sentence"]), articles)
    if per_article.empty:
        st.info("No analysed sentence mentions this actor.")
    else:
        per_outlet = actortone.by_outlet(per_article).drop(columns="actor")
        figures.show(charts.sentiment_by_outlet(per_outlet, corpus_outlets=current.outlets), key="chart_actor_tone",
                     data=per_outlet, card=figures.card(
                         "sentiment", current, articles[articles["id"].isin(per_article["article_id"])], actor=actor))
    with st.expander("How this is measured"):
        st.markdown(
            "Actors are frequent person names found in the corpus (or your `actors.csv`), with aliases. Labels: "
            "titles and modifiers before the name (“Chinese President”), appositives (“Xi Jinping, China's "
            "leader,”), descriptions that refer to the actor without the name when the article makes the referent "
            "clear (“the Chinese autocrat”), and epithets (“called him a “dear friend””). Voice as elsewhere: "
            "narrative, scare quotes, quoted speech. Tone: mean VADER compound of the sentences mentioning the "
            "actor in each article, then per outlet (each article once).")

st.subheader("The actor list")
st.caption(f"Found in the corpus unless `{actorlist.ACTORS_FILE}` exists in the corpus folder. One row per alias.")
root = current.corpus.root


def listed() -> pd.DataFrame:
    """The list as actors.csv has it now, else the actors found in the corpus."""
    saved = actorlist.read_actors(root)
    return saved if saved is not None else actorlist.clean(pd.DataFrame(actors, columns=actorlist.COLUMNS))


if editing.read_only():
    editing.read_only_note("the actor list cannot be edited here")
    widgets.table(listed(), key="actors_table")
else:
    editor = editing.Editor(root / actorlist.ACTORS_FILE, listed, name="actors_editor")
    edited = st.data_editor(editor.data, num_rows="dynamic", hide_index=True, key=editor.key, width="stretch")
    save = functools.partial(actorlist.save_actors, root)  # save(actors, expected=version)
    if st.button("Save the actor list", key="save_actors"):
        editor.save(edited, save, done=f"Saved {actorlist.ACTORS_FILE}.")
    editor.settle(save, merge=actorlist.merge_actors, mine=edited)
