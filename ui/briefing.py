"""The briefing being put together in this browser session, and the saved briefing it came from.

The session holds a list of ``lib.present.briefing.Item`` and, once the briefing is saved or
opened, its name and the file's version then (``lib.present.briefings``): the next save passes
that version on, so it is refused when someone else saved the same briefing in between. The
open briefing's name is kept in the URL (``?briefing=NAME``), so a link reopens it in any session.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from lib.frames import plural
from lib.present import briefings
from lib.present.briefing import Item
from lib.store import atomic
from ui import editing, widgets

PARAM = "briefing"              # the query parameter naming the open briefing
TITLE_KEY = "briefing_title"    # the title widget's key
SAVE_NAME_KEY = "briefing_save_name"
PICK_KEY = "briefing_pick"
DEFAULT_TITLE = "Framescope briefing"
_KEY = "briefing_items"
_SAVED = "_briefing_saved"
_CONFLICT = "_briefing_conflict"
_NOTICE = "_briefing_notice"
_TITLE = "_briefing_title"


@dataclass(frozen=True)
class _Saved:
    name: str
    version: str | None
    signature: tuple   # the briefing as saved: title, then (uid, note) per item in order


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
    st.toast(f"Added to the briefing ({plural(len(current), 'chart')}): {item.title}", icon=":material/playlist_add:")


def title() -> str:
    """The briefing's title: what the title box last said, else the default."""
    return st.session_state.get(_TITLE, DEFAULT_TITLE)


def seed_title() -> None:
    """Before the title box is drawn: give it the briefing's title. (Streamlit forgets a widget's
    value when another page runs, so the title is kept under a key of its own.)"""
    if TITLE_KEY not in st.session_state:
        st.session_state[TITLE_KEY] = title()


def title_changed() -> None:
    """The title box's callback."""
    st.session_state[_TITLE] = st.session_state[TITLE_KEY]


# --- saved briefings -----------------------------------------------------------------------------

def writable() -> bool:
    """Whether briefings can be saved (not when the dashboard is served read-only, by the
    environment or by secrets.toml: ``ui.editing.read_only``)."""
    return not editing.read_only()


def opened() -> str | None:
    """The name of the saved briefing this session opened or last saved, if any."""
    saved = st.session_state.get(_SAVED)
    return saved.name if saved else None


def unsaved() -> bool:
    """Whether the briefing differs from what was last opened or saved (or was never saved)."""
    saved = st.session_state.get(_SAVED)
    return saved is None or saved.signature != _signature()


def conflict() -> str | None:
    """The briefing whose save was refused because someone else saved it since it was opened."""
    return st.session_state.get(_CONFLICT)


def notice(place: str) -> tuple[str, str] | None:
    """``(kind, markdown)`` to show once at ``place`` ("open": the top of the page, "save": by the
    save buttons), then forgotten; kind is error or warning."""
    found = st.session_state.get(_NOTICE)
    if found is None or found[0] != place:
        return None
    del st.session_state[_NOTICE]
    return found[1], found[2]


def follow_link(root: Path) -> None:
    """Open the briefing the URL names (a new session, a shared link); else put the open
    briefing's name in the URL. Called at the top of the Briefing page."""
    wanted = st.query_params.get(PARAM)
    if wanted and wanted != opened():
        if not open_saved(root, wanted):
            del st.query_params[PARAM]
    elif opened():
        st.query_params[PARAM] = opened()


def open_saved(root: Path, name: str) -> bool:
    """Replace the session's briefing with the saved one (its charts, order, notes and title).
    Returns False, with a notice, when it cannot be read."""
    try:
        saved = briefings.load(root, name)
    except briefings.Unreadable as error:
        _notify("open", "error", f"The briefing “{widgets.plain(name)}” cannot be opened: {widgets.plain(error)}")
        return False
    except (FileNotFoundError, ValueError):
        _notify("open", "warning", f"There is no saved briefing called “{widgets.plain(name)}”.")
        return False
    except OSError as error:
        _notify("open", "error", f"The briefing “{widgets.plain(name)}” cannot be read: "
                                 f"{widgets.plain(error.strerror or error)}")
        return False
    replace(saved.items)
    st.session_state[_TITLE] = st.session_state[TITLE_KEY] = saved.title or DEFAULT_TITLE
    _remember(name, saved.version)
    return True


def open_picked(root: Path) -> None:
    """Callback of the Open button: open the briefing picked in the list."""
    name = st.session_state.get(PICK_KEY)
    if name:
        open_saved(root, name)


def reload(root: Path) -> None:
    """Callback after a refused save: open the other session's version, dropping this one's changes."""
    name = conflict()
    if name and open_saved(root, name):
        st.toast(f"Reopened {name} as it was last saved", icon=":material/refresh:")


def save_changes(root: Path) -> None:
    """Callback: save over the open briefing, unless someone else saved it since."""
    saved = st.session_state.get(_SAVED)
    if saved:
        _save(root, saved.name, expected=saved.version, new=False)


def save_as(root: Path) -> None:
    """Callback: save under the name typed in the Save-as box (made a safe file name)."""
    typed = st.session_state.get(SAVE_NAME_KEY, "")
    try:
        name = briefings.safe_name(typed)
    except ValueError as error:
        _notify("save", "error", widgets.plain(error))
        return
    saved = st.session_state.get(_SAVED)
    if saved and saved.name == name:
        _save(root, name, expected=saved.version, new=False)
    else:
        _save(root, name, expected=None, new=True)


def clear() -> None:
    """Empty the session's briefing and start a new, unsaved one (saved briefings stay saved)."""
    replace([])
    st.session_state.pop(_SAVED, None)
    st.session_state.pop(_CONFLICT, None)
    if PARAM in st.query_params:
        del st.query_params[PARAM]


def _save(root: Path, name: str, *, expected: str | None, new: bool) -> None:
    try:
        version = briefings.save(root, name, items(), title=title(), expected=expected)
    except atomic.ReadOnlyError:
        _notify("open", "error", "This dashboard is read-only: briefings cannot be saved.")
        return
    except atomic.ChangedSinceLoaded:
        if new:
            _notify("save", "error", f"A saved briefing is already called “{widgets.plain(name)}”: open it "
                                     "from the list, or save under another name.")
        else:
            st.session_state[_CONFLICT] = name
        return
    except OSError as error:
        _notify("save", "error", f"The briefing could not be saved: {widgets.plain(error.strerror or error)}")
        return
    _remember(name, version)
    st.toast(f"Saved as {name}: reopen it from the list or with this page's link.", icon=":material/save:")


def _remember(name: str, version: str | None) -> None:
    st.session_state[_SAVED] = _Saved(name=name, version=version, signature=_signature())
    st.session_state.pop(_CONFLICT, None)
    st.query_params[PARAM] = name


def _signature() -> tuple:
    return (title(), tuple((item.uid, item.note) for item in items()))


def _notify(place: str, kind: str, text: str) -> None:
    st.session_state[_NOTICE] = (place, kind, text)
