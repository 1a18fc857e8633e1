"""Framing: which words each outlet chooses for the same thing, in its own voice or in quotes."""
import functools

import streamlit as st

from lib.present import charts
from lib import framing
from ui import cache, editing, figures, view, widgets

st.title("Framing")
st.write("For each contested thing (naming the war, labelling a leader, the China–Russia relationship …), "
         "which alternative words each outlet uses, and whether in its own voice or inside a quotation.")

current = view.current()
root = current.corpus.root
lexicon, problem = framing.read_lexicon(root)
if problem:
    st.warning(f"Your framing.csv could not be used: {widgets.plain(problem)}")
found = cache.framing_matches(current.corpus, lexicon)
articles = current.articles.assign(outlet=current.articles["outlet"].fillna("(unknown outlet)"))
found = found[found["article_id"].isin(articles["id"])]
if found.empty:
    st.info("No term of the framing lexicon occurs in the selected articles. Edit the lexicon below.")
else:
    groups = list(dict.fromkeys(lexicon["group"]))
    present = [g for g in groups if g in set(found["group"])]
    left, right = st.columns([3, 2])
    group = left.selectbox("Contested-term set", present, key="group", bind="query-params")
    voice = right.radio("Voice", ["own", "quoted"], horizontal=True, key="voice", bind="query-params",
                        captions=["the outlet's narrative and its scare quotes", "inside quotations of others"])
    shown = widgets.outlet_limit(articles, key="framing_outlets")
    chosen = articles[articles["outlet"].isin(shown)]
    voices = ("narrative", "scare") if voice == "own" else ("quoted",)
    table = framing.shares(found, chosen, voices=voices)
    terms = lexicon.loc[lexicon["group"] == group, "term"].tolist()
    if table[table["group"] == group].empty:
        st.info(f"No outlet uses a term of this set in the {voice} voice.")
    else:
        figures.show(charts.term_shares(table, group=group, terms=terms, voice=voice), key="chart_shares",
                     data=table[table["group"] == group], card=figures.card("framing", current, chosen, set=group, voice=voice))
    with st.expander("How this is measured"):
        st.markdown(
            "Each set lists alternative wordings for one thing; every variant is matched case-insensitively at "
            "word boundaries (`*` allows any ending; hyphens and spaces are interchangeable), the longest match "
            "winning within a set. A match is in the outlet's **own voice** when it is outside quotation marks "
            "or inside short scare quotes with no speaker, and **quoted** when it is inside someone's quoted "
            "words. A bar shows each alternative's share of the set's matches in that voice; hover for the 95% "
            "Wilson interval. n = the outlet's matches of the set.")
    st.subheader("Usage per 1,000 words")
    usage = framing.usage(found, chosen).query("group == @group")
    widgets.table(usage, key="usage")
    figures.table_downloads(usage, key="usage", title=f"{group} usage per 1000 words",
                            card=figures.card("framing", current, chosen, set=group))
    st.page_link("pages/concordance.py", label="Read every occurrence in context", icon=":material/format_list_bulleted:",
                 query_params={"q": terms[0] if terms else ""})

st.subheader("The lexicon")
if editing.read_only():
    editing.read_only_note("the lexicon cannot be edited here")
    widgets.table(lexicon, key="lexicon_table")
else:
    st.caption(f"Edit the sets here or in `{framing.LEXICON_FILE}` in the corpus folder. Variants are separated by "
               "`;`. Saving validates first; the previous version is kept.")
    editor = editing.Editor(root / framing.LEXICON_FILE, lambda: framing.read_lexicon(root)[0], name="lexicon_editor")
    edited = st.data_editor(editor.data, num_rows="dynamic", hide_index=True, key=editor.key, width="stretch")
    save = functools.partial(framing.save_lexicon, root)  # save(lexicon, expected=version)
    if st.button("Save the lexicon", key="save_lexicon"):
        editor.save(edited, save, done=f"Saved {framing.LEXICON_FILE}.")
    editor.settle(save, merge=framing.merge_lexicons, mine=edited)
