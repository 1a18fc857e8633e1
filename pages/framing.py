"""Framing: which words each outlet chooses for the same thing, in its own voice or in quotes: the
analyst's lexicon sets, and sets suggested from the corpus itself."""
import functools

import streamlit as st

from lib.present import charts
from lib import framing
from lib.framing import suggest
from ui import cache, editing, figures, sidebar, view, widgets

# Below this many lexicon matches in the selection the page opens with the suggestions.
FEW_MATCHES = 20

st.title("Framing")
st.write("For each contested thing (naming an issue, labelling a leader, naming an event …), which alternative "
         "words each outlet uses, and whether in its own voice or inside a quotation.")

current = view.current()
root = current.corpus.root
lexicon, problem = framing.read_lexicon(root)
if problem:
    st.warning(f"Your framing.csv could not be used: {widgets.plain(problem)}")
found = cache.framing_matches(current.corpus, lexicon)
articles = view.as_groups(current.articles)  # by group when the sidebar says so
articles = articles.assign(outlet=articles["outlet"].fillna("(unknown outlet)"))
found = found[found["article_id"].isin(articles["id"])]
voice = st.radio("Voice", ["own", "quoted"], horizontal=True, key="voice", bind="query-params",
                 captions=["the outlet's narrative and its scare quotes", "inside quotations of others"])
voices = ("narrative", "scare") if voice == "own" else ("quoted",)
shown = widgets.outlet_limit(articles, key="framing_outlets")
chosen = articles[articles["outlet"].isin(shown)]


def lexicon_sets() -> None:
    st.header("Your lexicon")
    if found.empty:
        st.info("No term of the framing lexicon occurs in the selected articles. See the suggestions, or edit "
                "the lexicon below.")
        return
    groups = list(dict.fromkeys(lexicon["group"]))
    present = [g for g in groups if g in set(found["group"])]
    group = st.selectbox("Contested-term set", present, key="group", bind="query-params")
    table = framing.shares(found, chosen, voices=voices)
    terms = lexicon.loc[lexicon["group"] == group, "term"].tolist()
    if table[table["group"] == group].empty:
        st.info(f"No {sidebar.unit()} uses a term of this set in the {voice} voice.")
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
    # a table of zeros says nothing: only the outlets that use the set, in any voice
    usage = usage[usage.groupby("outlet")["matches"].transform("sum") > 0]
    if usage.empty:
        st.caption(f"No {sidebar.unit()} charted here uses a term of this set, in any voice.")
    else:
        widgets.table(usage, key="usage")
        figures.table_downloads(usage, key="usage", title=f"{group} usage per 1000 words",
                                card=figures.card("framing", current, chosen, set=group))
    st.page_link("pages/concordance.py", label="Read every occurrence in context", icon=":material/format_list_bulleted:",
                 query_params={"q": terms[0] if terms else ""})


def suggested_sets() -> None:
    st.header("Suggested for this corpus")
    st.caption("Alternative wordings for one thing, found in these articles with no word list, which outlets "
               "choose at different rates. Add one to your lexicon to keep it, or dismiss it.")
    ranked, sets = cache.suggestions(current.corpus, chosen, own_voice=voice == "own")
    if ranked.empty:
        st.info("No contested wording stands out in the selected articles"
                + (": suggestions need a few dozen articles from two or more outlets." if len(chosen) < 50 else "."))
        return
    options = list(ranked["group"])
    if st.session_state.get("suggestion") not in options:
        st.session_state["suggestion"] = options[0]
    stats = ranked.set_index("group")
    picked = st.selectbox("Suggested set", options, key="suggestion",
                          format_func=lambda g: f"{options.index(g) + 1}. {g}  (" + (
                              f"V = {stats.at[g, 'cramers_v']:.2f}, " if stats.at[g, "score"] > 0
                              else "too few uses to compare outlets, ") + f"N = {int(stats.at[g, 'n']):,})")
    rows = sets[sets["group"] == picked]
    terms = rows["term"].tolist()
    hits = cache.framing_matches(current.corpus, rows[["group", "term", "variants"]].reset_index(drop=True))
    hits = hits[hits["article_id"].isin(chosen["id"])]
    table = framing.shares(hits, chosen, voices=voices)
    if table.empty:
        st.info(f"No {sidebar.unit()} uses a term of this set in the {voice} voice.")
    else:
        figures.show(charts.term_shares(table, group=picked, terms=terms, voice=voice), key="chart_suggested",
                     data=table, card=figures.card("framing", current, chosen, set=picked, voice=voice))
    if not table.empty:  # the chart's own counts (matched with the full voice rules), so its n add up to N
        cells = table[table["matches"] > 0].rename(columns={"matches": "o"})
        shown_stats = suggest.association(cells).iloc[0]
        st.caption(f"How strongly outlets differ: Cramér's V = {shown_stats['cramers_v']:.2f} (0 = all split it "
                   f"alike, 1 = each outlet keeps to one term), N = {int(shown_stats['n']):,} matches in "
                   f"{int(shown_stats['outlets'])} outlets, chi-square p = {shown_stats['p_value']:.2g}.")
        if stats.at[picked, "score"] == 0:
            st.caption("These words name what was done to one target, so they are alternatives, but they are "
                       "used too rarely here to say that outlets choose among them differently.")
    add, dismiss = st.columns(2)
    if editing.read_only():
        editing.read_only_note("suggestions cannot be added or dismissed here")
    else:
        if add.button("Add to lexicon", key="add_suggestion", icon=":material/add:"):
            framing.add_to_lexicon(root, sets, picked)
            st.toast(f"Added “{picked}” to {framing.LEXICON_FILE}.")
            st.rerun()
        if dismiss.button("Dismiss", key="dismiss_suggestion", icon=":material/close:"):
            framing.dismiss(root, picked)
            st.toast(f"Dismissed “{picked}”.")
            st.rerun()
    st.subheader("Evidence")
    cited = current.corpus.with_text(chosen[chosen["id"].isin(hits["article_id"])])
    for row in framing.evidence(hits, cited, per_term=2, voices=voices).itertuples():
        before, match, after = row.sentence[:row.start], row.sentence[row.start:row.end], row.sentence[row.end:]
        st.markdown(f"**{widgets.plain(row.outlet)}** · {widgets.plain(before)}**{widgets.plain(match)}**"
                    f"{widgets.plain(after)}")
    with st.expander("All suggestions"):
        listing = ranked.assign(terms=ranked["terms"].map(" / ".join))[
            ["group", "terms", "cramers_v", "n", "outlets", "p_value", "score"]]
        widgets.table(listing, key="suggestions_table")
    with st.expander("How suggestions are found"):
        st.markdown(
            "Every phrase of one to three words (not starting or ending with a function word) that recurs and "
            "can name a thing is a candidate: not a verb or clause (*warned*, *Trump told reporters*), a quality "
            "(*important*), a modifier or tail cut out of a longer phrase (*former*, *warming*), a date or count "
            "(*last week*) or two things joined by *and* — told by the corpus's own statistics, such as how often "
            "a word follows *he*, *will* or *is*. Each is "
            "described by the words around it: the two words before and after (which slot it fills) and the "
            "content words within five (what it is talked about with). Two phrases are **alternatives** when "
            "each is among the other's most similar phrases on both counts, they are seldom joined by *and*/*or* "
            "or in one sentence (two things mentioned together are not two names for one), and they are not two "
            "different names (two people). Phrases one word apart (*illegal immigrants* / *undocumented "
            "immigrants*) need less context in common. Sentences repeated across three or more articles "
            "(boilerplate, wire copy) are left out. Sets are ranked by how strongly outlets differ in choosing "
            "among the terms — Cramér's V of outlets × terms, corrected for small counts, shrunk for small N — "
            "times the terms' context similarity (in the list, from the stored counts; under the chart, from its "
            "own matches, so the two can differ slightly). Singular and plural, and hyphenated spellings, are one term.")


if len(found) < FEW_MATCHES:
    suggested_sets()
    lexicon_sets()
else:
    lexicon_sets()
    suggested_sets()

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
