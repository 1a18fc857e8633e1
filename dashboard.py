"""Framescope: how did each outlet frame this story? The router and the shared sidebar."""
import gc
from pathlib import Path

import streamlit as st

from lib import memory
from ui import cache, view


def main() -> None:
    # The favicon is a file of ours: a :material/...: page icon is fetched from Google's font host on
    # every page, which an offline or firewalled machine cannot reach (and which learns the tool is open).
    st.set_page_config(page_title="Framescope", page_icon=str(Path(__file__).parent / "ui" / "favicon.png"),
                       layout="wide")
    pages = [
        st.Page("pages/overview.py", title="Overview", icon=":material/bar_chart:", default=True),
        st.Page("pages/stories.py", title="Stories", icon=":material/newspaper:", url_path="stories"),
        st.Page("pages/keywords.py", title="Keywords", icon=":material/key:", url_path="keywords"),
        st.Page("pages/sentiment.py", title="Sentiment", icon=":material/sentiment_satisfied:", url_path="sentiment"),
        st.Page("pages/framing.py", title="Framing", icon=":material/format_quote:", url_path="framing"),
        st.Page("pages/frames.py", title="Frames", icon=":material/view_quilt:", url_path="frames"),
        st.Page("pages/actors.py", title="Actors", icon=":material/groups:", url_path="actors"),
        st.Page("pages/compare.py", title="Compare", icon=":material/balance:", url_path="compare"),
        st.Page("pages/distinctive.py", title="Distinctive terms", icon=":material/compare_arrows:", url_path="distinctive"),
        st.Page("pages/concordance.py", title="Concordance", icon=":material/format_list_bulleted:", url_path="concordance"),
        st.Page("pages/reader.py", title="Article reader", icon=":material/article:", url_path="reader"),
        st.Page("pages/briefing.py", title="Briefing", icon=":material/summarize:", url_path="briefing"),
        st.Page("pages/corpus.py", title="Corpus", icon=":material/folder_open:", url_path="corpus"),
    ]
    navigation = st.navigation(pages, expanded=True)  # every page listed: 13 would collapse to 10
    cache.warm_up()  # modules some pages need, imported while the first page draws
    try:
        view.publish(view.build())  # the corpus and the sidebar filters shared by every page
        navigation.run()
    finally:
        gc.collect()  # after full runs only (postScriptGC is off: the 2 s folder checks would pay it too)
        memory.release()  # what the run freed goes back to the system (~20 ms), not kept for the next


# Streamlit runs this file as ``__main__``. The analysis pool's worker processes (multiprocessing's
# forkserver) import the main module again as ``__mp_main__``: without this guard each import
# drew the whole dashboard in bare mode, reading the corpus and logging "missing ScriptRunContext"
# once per Streamlit call (1,497 lines for one first analysis), for nothing.
if __name__ == "__main__":
    main()
