"""The briefing being put together in this browser session: a list of ``lib.briefing.Item``."""
from __future__ import annotations

import streamlit as st

from lib.briefing import Item

_KEY = "briefing_items"


def items() -> list[Item]:
    return list(st.session_state.get(_KEY, []))


def replace(new_items: list[Item]) -> None:
    st.session_state[_KEY] = list(new_items)


def add(item: Item) -> None:
    """Add a chart (a button callback); the same chart with the same filters is not added twice."""
    current = items()
    if any(i.title == item.title and i.card == item.card for i in current):
        st.toast(f"Already in the briefing: {item.title}", icon=":material/info:")
        return
    replace([*current, item])
    st.toast(f"Added to the briefing ({len(current) + 1} charts): {item.title}", icon=":material/playlist_add:")
