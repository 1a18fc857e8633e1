"""Distinctive terms: the words and two-word phrases that set one outlet apart from the others."""
import streamlit as st

from lib.present import charts
from lib import distinctive
from ui import cache, figures, sidebar, view, widgets

st.title("Distinctive terms")
st.write("Which words and two-word phrases each outlet uses markedly more than the others: "
         "its vocabulary, beyond what every outlet says.")

current = view.current()
articles = view.as_groups(current.articles)  # by group when the sidebar says so
articles = articles.assign(outlet=articles["outlet"].fillna("(unknown outlet)"))
articles = articles[articles["english"].fillna(True).astype(bool)]
if articles["outlet"].nunique() < 2:
    st.info(f"Distinctive terms need at least two {sidebar.unit()}s in the selection.")
    st.stop()
shown = widgets.outlet_limit(articles, key="distinctive_outlets")
chosen = articles[articles["outlet"].isin(shown)]
counts = cache.term_counts(current.corpus, chosen.drop_duplicates("id"))
outlet = st.selectbox(sidebar.unit().capitalize(), shown, key="distinctive_outlet", bind="query-params")
scored = distinctive.log_odds(counts, group=outlet)
if scored.empty:
    st.info("Not enough words to compare.")
    st.stop()
figures.show(charts.distinctive_scatter(scored, title=f"What sets {outlet} apart from the other {sidebar.unit()}s",
                                         group=outlet, rest=f"the other {sidebar.unit()}s"),
             key="chart_distinctive", data=scored, card=figures.card("distinctive", current, chosen, outlet=outlet))
with st.expander("How this is measured"):
    st.markdown(
        "Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, “Fightin’ Words”): "
        "for each term, how much more likely the outlet is to use it than the other outlets together, shrunk "
        "towards the corpus-wide rate so rare terms do not dominate, divided by its standard error (z). "
        "|z| > 1.96 is marked (not corrected for testing thousands of terms). Words and two-word phrases, "
        "lower-cased; stopwords, numbers and terms used fewer than 3 times are left out.")
    widgets.table(chosen.groupby("outlet").agg(articles=("id", "size"), words=("words", "sum")).reset_index())

st.subheader(f"Top terms of every {sidebar.unit()}, side by side")
top = distinctive.one_vs_rest(counts, top=15)
if top.empty:
    st.info("No term is distinctive at |z| > 1.96: the selection is too small or its outlets write alike.")
else:
    side = top.pivot_table(index="rank", columns="outlet", values="term", aggfunc="first")
    widgets.table(side, key="distinctive_side", headers=False, hide_index=False)
term = st.selectbox("Read a term in context", scored.head(40)["term"].tolist(), key="distinctive_term")
st.page_link("pages/concordance.py", label=f"Every occurrence of “{widgets.plain(term)}”", icon=":material/format_list_bulleted:",
             query_params={"q": term})
