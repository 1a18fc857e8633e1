"""Stories: articles grouped by the event they cover, who covered what, and how outlets differ within one story."""
import functools

import pandas as pd
import streamlit as st

from lib.present import charts
from lib import coverage, framing
from lib.analyse import keywords, sentiment
from lib import stories as storylib
from ui import cache, editing, figures, sidebar, view, widgets

st.title("Stories")
st.write("Articles grouped into stories by what they say and when, so outlets are compared on the same "
         "event: who covered what, what each outlet left out, and how they differ within one story.")

current = view.current()
assignments, described = current.stories, current.described
if assignments is None or described is None or described.empty:
    st.info("No articles to group yet.")
    st.stop()
names = dict(zip(described["story"], described["shown"]))
in_view = assignments[assignments["article_id"].isin(current.articles["id"])]
listed = described[described["story"].isin(in_view["story"])].sort_values(["outlets", "articles"], ascending=False)
widgets.table(listed[["story", "shown", "first", "last", "articles", "outlets", "undated"]].rename(columns={"shown": "label"}), key="story_list",
              config={"first": st.column_config.DateColumn("first"), "last": st.column_config.DateColumn("last")})

st.subheader("Coverage")
# Whether an outlet was publishing in a story's days is read from every article in the filters, so
# with one story picked the outlets that published then and skipped it still show.
published = view.as_groups(coverage.select(current.corpus.articles, current.selection))
cover = storylib.coverage(in_view, view.as_groups(current.articles), published=published)  # groups, when chosen
shown_stories = listed["story"]
if len(listed) > 2:  # a slider needs a range: with one or two stories, show them all
    shown_stories = shown_stories.head(st.slider("Stories to show (most outlets first)", 2, min(60, len(listed)),
                                                 min(15, len(listed)), key="stories_shown", bind="query-params"))
# In the slider's order (most outlets first), top row first.
drawn = cover[cover["story"].isin(shown_stories)].assign(_order=lambda f: f["story"].map({s: i for i, s in enumerate(shown_stories)}))
drawn = drawn.sort_values(["_order", "outlet"]).drop(columns="_order")
counts = drawn["status"].value_counts()
blind, quiet = int(counts.get(storylib.BLINDSPOT, 0)), int(counts.get(storylib.QUIET, 0))
st.caption(f"{blind} blindspot{'s' * (blind != 1)}: an outlet published within ±{storylib.WINDOW_DAYS} days of a "
           f"story but nothing on it. {quiet} story–outlet pair{'s are' if quiet != 1 else ' is'} not counted: the "
           "outlet has no articles in the corpus from those days.")
figures.show(charts.coverage_matrix(drawn, names=storylib.option_names(described, chars=64).to_dict(),
                                    window_days=storylib.WINDOW_DAYS), key="chart_coverage",
             data=storylib.with_labels(drawn, described), card=figures.card("stories", current, current.articles))
with st.expander("How this is measured"):
    st.markdown("Articles are grouped by TF-IDF cosine similarity of their clean text, combined with how close their "
                "dates are: the same words months apart are different stories. Undated articles join by text alone "
                "(flagged). Earlier groupings are kept when files are added; your merges, splits, renames and moves "
                "are kept in `stories.csv` in the corpus folder. A **blindspot** (×) is an outlet that published "
                f"articles within {storylib.WINDOW_DAYS} days of a story's first and last article (the grouping's own "
                "window) but none on the story. An outlet with no article at all in those days is grey: the corpus "
                "does not show whether it was publishing then, so that zero is not counted as a blindspot. A story "
                "with no dated article is compared with the outlets' undated articles.")

st.subheader(f"One story, {sidebar.unit()} by {sidebar.unit()}")
options = listed["story"].tolist()
default = current.selection.story if current.selection.story in options else options[0]
story = st.selectbox("Story", options, index=options.index(default), format_func=lambda s: names[s], key="story_view")
members = in_view.loc[in_view["story"] == story, "article_id"]
found = view.analysis(current)
analysed = found.articles[found.articles["id"].isin(members)]
if analysed.empty:
    st.info("The articles of this story are not analysed yet.")
else:
    left, right = st.columns(2)
    figures.show(charts.sentiment_by_outlet(sentiment.by_outlet(analysed), corpus_outlets=current.outlets), key="story_tone", where=left,
                 data=sentiment.by_outlet(analysed), card=figures.card("sentiment", current, analysed, chosen_story=names[story]))
    ranked = keywords.by_outlet(found.keywords, analysed, top_k=10)
    right.markdown("**Keyphrases per outlet**")
    widgets.table(ranked.groupby("outlet").head(6).groupby("outlet")["keyphrase"].agg(", ".join).reset_index(),
                  key="story_keyphrases", where=right)
    lexicon, _ = framing.read_lexicon(current.corpus.root)
    terms = cache.framing_matches(current.corpus, lexicon)
    shares = framing.shares(terms[terms["article_id"].isin(members)], analysed)
    for group in [g for g in dict.fromkeys(lexicon["group"]) if g in set(shares["group"])]:
        order = lexicon.loc[lexicon["group"] == group, "term"].tolist()
        figures.show(charts.term_shares(shares, group=group, terms=order, voice="own"), key=f"story_{group}",
                     data=shares[shares["group"] == group],
                     card=figures.card("framing", current, analysed, chosen_story=names[story], set=group, voice="own"))
    actors, labels, _ = cache.actor_data(current.corpus)
    story_labels = labels[labels["article_id"].isin(members)].merge(analysed[["id", "outlet"]], left_on="article_id", right_on="id")
    if not story_labels.empty:
        st.markdown(f"**Actor labels per {sidebar.unit()}**")
        widgets.table(story_labels.groupby(["actor", "outlet"])["label"].agg(lambda s: ", ".join(pd.Series(s).value_counts().index[:6]))
                      .unstack("outlet").fillna(""), key="story_labels", headers=False, hide_index=False)

    st.subheader(f"What some {sidebar.unit()}s mention and others never do")
    missing = cache.story_omissions(current.corpus, current.articles[current.articles["id"].isin(members)])
    if missing.empty:
        st.info(f"Omissions need at least two {sidebar.unit()}s in the story.")
    else:
        widgets.table(missing, key="omissions")

st.subheader("Fix the grouping")
root = current.corpus.root
if editing.read_only():
    editing.read_only_note("the grouping cannot be fixed here")
    widgets.table(storylib.read_overrides(root), key="story_overrides_table")
    st.stop()
st.caption("Changes are saved to `stories.csv` in the corpus folder and kept when files are added. "
           "Delete a row there (or below) to undo it.")
editor = editing.Editor(root / storylib.STORIES_FILE, lambda: storylib.read_overrides(root), name="story_overrides")
save = functools.partial(storylib.save_overrides, root)  # save(overrides, expected=version)
action = st.radio("Change", ["rename", "move", "merge", "split"], horizontal=True, key="story_action")
row = {"action": action, "article_id": "", "story": story, "target": "", "name": ""}
titles = current.articles.set_index("id")
if action == "rename":
    row["name"] = st.text_input("New name", value=names[story], key="story_name")
elif action in ("move", "split"):
    row["article_id"] = st.selectbox("Article", members.tolist(), key="story_article",
                                     format_func=lambda i: str(titles.at[i, "title"]) if pd.notna(titles.at[i, "title"]) else str(titles.at[i, "file"]))
    if action == "move":
        row["target"] = st.selectbox("To story", [s for s in options if s != story], format_func=lambda s: names[s], key="story_target")
else:
    row["target"] = st.selectbox("Into story", [s for s in options if s != story], format_func=lambda s: names[s], key="story_merge")
if st.button("Save this change", key="save_story"):
    editor.save(pd.concat([editor.data, pd.DataFrame([row])], ignore_index=True), save, done="Saved to stories.csv.")

with st.expander("Changes saved in stories.csv (delete a row to undo it)"):
    if editor.data.attrs.get("problem"):
        st.warning(widgets.plain(editor.data.attrs["problem"]))
    kept = st.data_editor(editor.data, num_rows="dynamic", hide_index=True, key=editor.key, width="stretch")
    if st.button("Save the list of changes", key="save_story_overrides"):
        editor.save(kept, save, done="Saved; the previous version is kept as .stories.csv.previous.")
editor.settle(save, merge=storylib.merge_overrides)
