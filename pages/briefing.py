"""Briefing: the charts added from every page, in order, with notes; out as HTML, PDF or ZIP."""
import streamlit as st

from lib.present import briefing, export, report
from ui import briefing as chosen
from ui import cache, view, widgets

st.title("Briefing")
st.write("Charts you added with **Add to briefing** on any page, in the order they will print. Add a note "
         "to each, reorder, remove, then download one file for your memo.")

current = view.current()
items = chosen.items()   # the live list: downloads below read it when clicked


def _start_default() -> None:
    found, _ = cache.analysis_results(current.corpus)
    chosen.replace(report.default_items(current.corpus, found, current.selection, current.articles))


if not items:
    st.info("The briefing is empty. Use **Add to briefing** under any chart, or start from the default "
            "briefing for the current filters: corpus overview, tone, keyphrases, framing sets and actor labels.")
    st.button("Start from the default briefing", key="default_briefing", icon=":material/auto_awesome:",
              on_click=_start_default)
    st.stop()


def _move(index: int, step: int) -> None:
    chosen.replace(briefing.move(chosen.items(), index, step))


def _remove(index: int) -> None:
    chosen.replace([item for i, item in enumerate(chosen.items()) if i != index])


def _note(index: int, uid: str) -> None:
    live = chosen.items()
    live[index] = live[index].with_note(st.session_state[f"note_{uid}"])


for index, item in enumerate(items):
    with st.container(border=True):
        head, buttons = st.columns([4, 1])
        head.markdown(f"**{index + 1}. {widgets.plain(item.title)}**")
        row = buttons.container(horizontal=True, horizontal_alignment="right")
        row.button("", key=f"up_{item.uid}", icon=":material/arrow_upward:", help="Move up",
                   on_click=_move, args=(index, -1), disabled=index == 0)
        row.button("", key=f"down_{item.uid}", icon=":material/arrow_downward:", help="Move down",
                   on_click=_move, args=(index, 1), disabled=index == len(items) - 1)
        row.button("", key=f"remove_{item.uid}", icon=":material/delete:", help="Remove from the briefing",
                   on_click=_remove, args=(index,))
        st.plotly_chart(item.figure, key=f"chart_{item.uid}")
        st.caption("  \n".join(widgets.plain(line) for line in item.card.subtitle().splitlines()))
        st.text_area("Note", value=item.note, key=f"note_{item.uid}", on_change=_note, args=(index, item.uid),
                     placeholder="What this chart shows, for the reader of the memo", height=80)

st.subheader("Download the briefing")
title = st.text_input("Title", value="Framescope briefing", key="briefing_title")
left, middle, right = st.columns(3)
left.download_button("HTML (interactive, works offline)", data=lambda: briefing.report_html(items, title=title),
                     mime="text/html", file_name=export.filename(title, "html"), key="briefing_html",
                     icon=":material/download:", on_click="ignore")


def _pdf() -> bytes:
    cache.image_server()
    return briefing.report_pdf(items, title=title)


def _zip() -> bytes:
    cache.image_server()
    return briefing.report_zip(items, title=title)


middle.download_button("PDF (a chart a page)", data=_pdf, mime="application/pdf", key="briefing_pdf",
                       file_name=export.filename(title, "pdf"), icon=":material/download:", on_click="ignore")
right.download_button("ZIP (PNG, SVG, CSV, method cards)", data=_zip, mime="application/zip", key="briefing_zip",
                      file_name=export.filename(title, "zip"), icon=":material/download:", on_click="ignore")
st.caption(f"{len(items)} chart(s). The PDF and ZIP take about a second per chart. Every file carries each "
           f"chart's filters, N per outlet, method card and corpus fingerprint. From the command line: "
           f"`python -m lib report DIR --out briefing.pdf`.")
if st.button("Clear the briefing", key="clear_briefing", icon=":material/delete_sweep:"):
    chosen.replace([])
    st.rerun()
