"""Keywords: which keyphrases each outlet's articles are about, side by side."""
import streamlit as st

from lib.present import charts
from lib.analyse import keywords
from ui import cache, figures, sidebar, view, widgets

st.title("Keywords")
st.write("The keyphrases YAKE finds in each article, counted per outlet: what each outlet's coverage is about.")

current = view.current()
found = view.analysed(current)
if found.keywords.empty:
    view.stop_unanalysed()

shown = widgets.outlet_limit(found.articles, key="keyword_outlets", default=9)
articles = found.articles[found.articles["outlet"].isin(shown)]
left, right = st.columns(2)
top_k = left.slider("Count a keyphrase when it is in an article's top …", 3, 20, 10, key="top_k", bind="query-params")
per_outlet = right.slider("Keyphrases per outlet", 5, 20, 10, key="per_outlet", bind="query-params")
# Variants of one name ("barack obama", "president obama", "obama") count as one keyphrase.
merged, also = cache.keyword_variants(current.corpus, found.keywords[found.keywords["article_id"].isin(articles["id"])])
ranked = keywords.by_outlet(merged, articles, top_k=top_k)
ranked = ranked.assign(also=ranked["keyphrase"].map(also).fillna(""))
figures.show(charts.keywords_side_by_side(ranked, per_outlet=per_outlet, corpus_outlets=current.outlets), key="chart_keywords", data=ranked,
             card=figures.card("keywords", current, articles, top_k=top_k))

with st.expander("How this is measured"):
    sizes = articles.groupby("outlet").size().rename("articles").reset_index()
    st.markdown(
        f"YAKE 0.7.3 runs on each article's clean text on its own (English, phrases of up to 3 words, top 20, "
        f"Levenshtein de-duplication; phrases lower-cased). YAKE scores only compare within one article, so "
        f"outlets are compared by **rank**: a bar is the share of the outlet's articles that have the phrase "
        f"in their top {top_k}. Words with digits (\"2024\", \"COVID-19\") never become keyphrases in YAKE. "
        f"Articles not in English are left out. Variants of one name count as one keyphrase, shown as the "
        f"form most articles use (\"obama\" for \"president barack obama\", \"barack obama\", \"president obama\"): "
        f"a phrase whose words appear in the same order in a longer one and end with the same word, or which "
        f"is listed with it in 80% of its articles; the table's *also* column lists what was merged. N per outlet:")
    widgets.table(sizes)

st.subheader(f"{sidebar.unit().capitalize()} × keyphrase")
common = keywords.overall(merged, top_k=top_k)
phrases = common["keyphrase"].head(25).tolist()
figures.show(charts.keyword_heatmap(ranked, phrases=phrases), key="chart_heatmap", data=ranked[ranked["keyphrase"].isin(phrases)],
             card=figures.card("keywords", current, articles, top_k=top_k))

st.subheader("Articles with a keyphrase")
options = common["keyphrase"].head(200).tolist()
phrase = st.selectbox("Keyphrase", options, key="keyphrase", index=0 if options else None)
if phrase:
    hits = merged[(merged["keyphrase"] == phrase) & (merged["rank"] <= top_k)]
    table = articles.merge(hits[["article_id", "rank"]], left_on="id", right_on="article_id")
    widgets.table(table[["outlet", "date", "title", "file", "rank"]].sort_values(["outlet", "rank"]),
                  key="keyphrase_articles", labels={"rank": "rank in article"},
                  config={"date": st.column_config.DateColumn("date")})
    st.page_link("pages/concordance.py", label=f"Every occurrence of “{widgets.plain(phrase)}” in context",
                 icon=":material/format_list_bulleted:", query_params={"q": phrase})
st.subheader(f"Per {sidebar.unit()}")
widgets.table(ranked, labels={"articles": "articles with it", "outlet_articles": "outlet's articles",
                             "also": "also (variants counted with it)"}, config={
    "share": st.column_config.ProgressColumn("share", format="percent", min_value=0, max_value=1),
    "mean_rank": st.column_config.NumberColumn("mean rank", format="%.1f")})
figures.table_downloads(ranked, key="keywords_table", title="Keyphrases per outlet",
                        card=figures.card("keywords", current, articles, top_k=top_k))
