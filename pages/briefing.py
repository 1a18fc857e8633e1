"""Briefing: the charts added from every page, in order, with notes; saved in the corpus folder
and reopened by name or link; out as HTML, PDF or ZIP."""
import streamlit as st

from lib.frames import plural
from lib.present import briefing, briefings, export, report
from ui import briefing as chosen
from ui import cache, view, widgets

st.title("Briefing")
st.write("Charts you added with **Add to briefing** on any page, in the order they will print. Add a note "
         "to each, reorder, remove, save it to reopen later, then download one file for your memo.")

current = view.current()
root = current.corpus.root
chosen.follow_link(root)   # ?briefing=NAME opens a saved briefing
items = chosen.items()     # the live list: downloads below read it when clicked
if (notice := chosen.notice("open")) is not None:
    getattr(st, notice[0])(notice[1])

saved = briefings.names(root)
if saved:
    pick, open_one = st.columns([4, 1], vertical_alignment="bottom")
    pick.selectbox("Saved briefings", saved, key=chosen.PICK_KEY, index=None, placeholder="Pick one to open",
                   help="Opening one replaces the charts on this page.")
    open_one.button("Open", key="briefing_open", icon=":material/folder_open:", on_click=chosen.open_picked,
                    args=(root,), disabled=not st.session_state.get(chosen.PICK_KEY))
if chosen.opened():
    state = "unsaved changes" if chosen.unsaved() else "all changes saved"
    st.caption(f"Open: **{widgets.plain(chosen.opened())}** ({state}) · in `briefings/` of the corpus folder; "
               f"this page's link reopens it.")
if not chosen.writable():
    st.info("This dashboard is read-only: briefings cannot be saved here. Saved briefings can still be opened "
            "and downloaded.")


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

if chosen.writable():
    st.subheader("Save the briefing")
    if (refused := chosen.conflict()) is not None:
        st.warning(f"Someone else saved “{widgets.plain(refused)}” after you opened it, so it was not saved: "
                   f"saving would lose their changes. Reload their version (your unsaved changes here are "
                   f"lost), or save yours under another name below.", icon=":material/sync_problem:")
        st.button(f"Reload “{widgets.plain(refused)}”", key="briefing_reload", icon=":material/refresh:",
                  on_click=chosen.reload, args=(root,))
    elif chosen.opened():
        st.button(f"Save changes to “{widgets.plain(chosen.opened())}”", key="briefing_save", icon=":material/save:",
                  on_click=chosen.save_changes, args=(root,), disabled=not chosen.unsaved())
    name, save = st.columns([4, 1], vertical_alignment="bottom")
    name.text_input("Briefing name", key=chosen.SAVE_NAME_KEY, placeholder="e.g. Ukraine, week 19",
                    help="Saved as briefings/NAME.json in the corpus folder, the previous version kept beside it.")
    save.button("Save as", key="briefing_save_as", icon=":material/save_as:", on_click=chosen.save_as, args=(root,))
    if (notice := chosen.notice("save")) is not None:
        getattr(st, notice[0])(notice[1])

st.subheader("Download the briefing")
chosen.seed_title()
title = st.text_input("Title", key=chosen.TITLE_KEY, on_change=chosen.title_changed)
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
st.caption(f"{plural(len(items), 'chart')}. The PDF and ZIP take about a second per chart. Every file carries each "
           f"chart's filters, N per outlet, method card and corpus fingerprint. From the command line: "
           f"`python -m lib report DIR --out briefing.pdf`.")
st.button("Clear the briefing", key="clear_briefing", icon=":material/delete_sweep:", on_click=chosen.clear,
          help="Start a new, empty briefing here; saved briefings stay saved.")
