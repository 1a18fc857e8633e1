"""Compare: two outlets (or two groups of outlets) side by side on the current filters."""
import pandas as pd
import streamlit as st

from lib import actors as actorlib
from lib.actors import tone as actortone
from lib.present import charts
from lib import coverage, distinctive, framing
from lib.frames import UNKNOWN
from ui import cache, figures, sidebar, view, widgets

st.title("Compare outlets")
st.write("Two outlets, or two groups of outlets, side by side: the words they choose, how they label "
         "each actor, the terms that set them apart, and their tone about each actor.")

current = view.current()
found = view.analysis(current)
articles = found.articles
outlets = coverage.top_outlets(articles, articles["outlet"].nunique())  # most articles first, unknown last
if len(outlets) < 2:
    st.info(f"Comparing needs at least two {sidebar.unit()}s among the analysed articles in the selection.")
    st.stop()
left, right = st.columns(2)
known = [o for o in outlets if o != UNKNOWN]  # "(unknown outlet)" can be chosen, never a default side
side_a = left.multiselect("Side A", outlets, default=known[:1], key="side_a", bind="query-params")
side_b = right.multiselect("Side B", [o for o in outlets if o not in side_a], default=[o for o in known if o not in side_a][:1],
                           key="side_b", bind="query-params")
if not side_a or not side_b or set(side_a) & set(side_b):
    st.info(f"Choose at least one {sidebar.unit()} on each side, none on both.")
    st.stop()
name_a, name_b = f"A: {', '.join(side_a)}"[:60], f"B: {', '.join(side_b)}"[:60]
sides = {**{o: name_a for o in side_a}, **{o: name_b for o in side_b}}
paired = articles[articles["outlet"].isin(sides)].assign(outlet=lambda f: f["outlet"].map(sides))
st.caption(f"{(paired['outlet'] == name_a).sum()} articles on side A, {(paired['outlet'] == name_b).sum()} on side B.")

st.subheader("Word choice in the contested-term sets")
lexicon, _ = framing.read_lexicon(current.corpus.root)
terms = cache.framing_matches(current.corpus, lexicon)
terms = terms[terms["article_id"].isin(paired["id"])]
shares = framing.shares(terms, paired)
groups = [g for g in dict.fromkeys(lexicon["group"]) if g in set(shares["group"])]
if not groups:
    st.info("Neither side uses a term of the framing lexicon (in its own voice).")
for group in groups:
    order = lexicon.loc[lexicon["group"] == group, "term"].tolist()
    figures.show(charts.term_shares(shares, group=group, terms=order, voice="own"), key=f"compare_{group}",
                 data=shares[shares["group"] == group], card=figures.card("framing", current, paired, set=group, voice="own"))

st.subheader("How each side labels the actors")
actors, labels, mentions = cache.actor_data(current.corpus)
labels = labels[labels["article_id"].isin(paired["id"])]
if labels.empty:
    st.info("No actor labels were found in these articles.")
else:
    per_side = actorlib.by_outlet(labels, paired)
    table = (per_side.groupby(["actor", "outlet", "label"], as_index=False)["count"].sum()
             .sort_values(["actor", "outlet", "count"], ascending=[True, True, False]))
    wide = table.assign(entry=table["label"] + " (" + table["count"].astype(str) + ")") \
        .groupby(["actor", "outlet"])["entry"].agg(", ".join).unstack("outlet").fillna("")
    widgets.table(wide, key="compare_labels", headers=False, hide_index=False)

st.subheader("Terms that set the sides apart")
scored = distinctive.log_odds(cache.term_counts(current.corpus, paired.drop_duplicates("id")), group=name_a, rest=name_b)
if scored.empty:
    st.info("Not enough words to compare.")
else:
    figures.show(charts.distinctive_scatter(scored, title="Up: typical of side A · down: of side B",
                                             group="side A", rest="side B"),
                 key="compare_distinctive", data=scored, card=figures.card("distinctive", current, paired, side_a=name_a, side_b=name_b))
    tops = pd.DataFrame({"side A": scored.head(15)["term"].tolist(),
                         "side B": scored.tail(15)["term"].iloc[::-1].tolist()})
    widgets.table(tops, key="compare_terms")

st.subheader("Tone about each actor")
mentioned = mentions[mentions["article_id"].isin(paired["id"])]
if mentioned.empty:
    st.info("No actor is mentioned.")
else:
    per_article = actortone.by_article(
        mentioned, found.compound_of(mentioned["article_id"], mentioned["sentence"]), paired)
    summary = actortone.by_outlet(per_article)
    top_actors = mentioned["actor"].value_counts().head(8).index
    widgets.table(summary[summary["actor"].isin(top_actors)][["actor", "outlet", "articles", "compound", "ci_low", "ci_high"]],
                  key="compare_tone", config={c: st.column_config.NumberColumn(label, format="%+.3f") for c, label in
                                              (("compound", "tone"), ("ci_low", "95% CI low"), ("ci_high", "95% CI high"))})
with st.expander("How this is measured"):
    st.markdown("Each side's articles are pooled. **Word choice**: share of each alternative among the side's matches "
                "of a set, in its own voice. **Labels**: descriptors attached to an actor's name (titles, modifiers, "
                "appositives) or referring to the actor without it, with counts. **Terms**: log-odds with an "
                "informative Dirichlet prior, side A against side B. **Tone**: mean VADER compound of the sentences "
                "mentioning the actor, per article, then per side (each article once), with 95% intervals.")
