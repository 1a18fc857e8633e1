"""The briefing being put together in this browser session: a list of ``lib.present.briefing.Item``."""
from __future__ import annotations

import streamlit as st

from lib.present.briefing import Item

_KEY = "briefing_items"


def items() -> list[Item]:
    """The session's briefing, the live list: a download made from it sees every later change
    (download callables run outside the script, after a note's rerun may have started)."""
    return st.session_state.setdefault(_KEY, [])


def replace(new_items: list[Item]) -> None:
    live = items()
    live[:] = list(new_items)   # in place, for the reason above


def add(item: Item) -> None:
    """Add a chart (a button callback); the same chart with the same filters is not added twice."""
    current = items()
    if any(i.title == item.title and i.card == item.card for i in current):
        st.toast(f"Already in the briefing: {item.title}", icon=":material/info:")
        return
    current.append(item)
    st.toast(f"Added to the briefing ({len(current)} charts): {item.title}", icon=":material/playlist_add:")
