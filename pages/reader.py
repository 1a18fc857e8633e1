"""Reader: one article with its framing terms, quotations, sentence tone and actor labels marked."""
import pandas as pd
import streamlit as st

from lib.load import corpus
from lib import framing, text
from lib.present import reader
from ui import cache, view, widgets

st.title("Article reader")
st.write("One article as the analysis sees it: framing terms highlighted, quotations in italics, each "
         "sentence shaded by its tone, actor labels underlined.")

current = view.current()
found = view.analysis(current)
articles = found.articles.sort_values(["outlet", "date", "file"], na_position="last")
if articles.empty:
    st.info("No analysed article matches the filters.")
    st.stop()
labels = pd.Series((articles["outlet"].astype(str) + " · " + articles["title"].where(
    articles["title"].notna(), articles["file"]).astype(str)).to_numpy(), index=articles["id"].to_numpy())
picked = widgets.pick_article(labels, key="reader_article", search_label="Find an article by outlet or title",
                              wanted=st.query_params.get("article"))
if picked is None:
    st.stop()
st.query_params["article"] = picked
article = articles.set_index("id").loc[picked]
body = current.corpus.texts.get(picked)

lexicon, _ = framing.read_lexicon(current.corpus.root)
terms = cache.framing_matches(current.corpus, lexicon)
terms = terms[terms["article_id"] == picked]
groups = list(dict.fromkeys(lexicon["group"]))
colours = {g: reader.GROUP_COLOURS[i % len(reader.GROUP_COLOURS)] for i, g in enumerate(groups)}
sentences = found.sentences_of([picked])
actor_labels = cache.actor_labels(current.corpus)
actor_labels = actor_labels[actor_labels["article_id"] == picked] if actor_labels is not None else None

widgets.metadata_table(article, key="reader_meta")
st.caption(f"File: {widgets.plain(article['file'])} · {article['words']} words · {article['sentences']} sentences · "
           f"tone {article['compound']:+.2f}")
st.html(reader.legend({g: colours[g] for g in dict.fromkeys(terms["group"])}))
st.html(reader.render(body, sentences=sentences, quotes=text.quotes(body), terms=terms,
                      labels=actor_labels, group_colours=colours))
with st.expander("Raw text as in the file"):
    st.code(corpus.details(current.corpus, article["file"], article["row"])["raw_text"], language=None,
            wrap_lines=True)
