"""The analyst's files edited on a page (sources.csv, framing.csv, actors.csv, stories.csv): no
save replaces a colleague's newer one, and read-only mode.

An ``Editor`` keeps in the session's state the file's ``lib.store.atomic.version`` and what the
editor was drawn from. While the analyst has unsaved edits both stay as they were, so the edits
apply to what was on the screen; otherwise they follow the file on every run. A save hands the
version to the lib writer (``expected=``), which refuses with ``ChangedSinceLoaded`` when someone
saved since; the page then says so and offers to reload (drop my edits, show theirs) or to merge
(their file with my edits on top) and save that.

Read-only mode (``read_only``) is ``FRAMESCOPE_READONLY`` or ``readonly = true`` in
``.streamlit/secrets.toml``; pages hide their editors and upload box, and lib's writers refuse.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from lib.store import atomic
from ui import widgets

_STATE = "_editing"  # session state: file path -> _Held
_EDITS = ("edited_rows", "added_rows", "deleted_rows")  # st.data_editor's state


def read_only() -> bool:
    """Whether the dashboard is served read-only: ``FRAMESCOPE_READONLY`` set (see
    ``lib.store.atomic.read_only``) or ``readonly = true`` in ``.streamlit/secrets.toml``."""
    if atomic.read_only():
        return True
    if _secret_read_only():
        # lib cannot read Streamlit's secrets: the setting goes into the environment, so every
        # writer's require_writable() refuses too, whatever a forged request asks for.
        os.environ[atomic.READONLY_VARIABLE] = "1"
        return True
    return False


def _secret_read_only() -> bool:
    try:
        value = st.secrets.get("readonly", False)
    except FileNotFoundError as exc:  # StreamlitSecretNotFoundError
        if getattr(exc, "error_id", None) not in (None, "no-secrets-found"):
            raise  # a secrets.toml that cannot be parsed: say so rather than serve writable
        return False
    return value is True or str(value).strip().lower() in ("1", "true", "yes", "on")


def read_only_note(what: str) -> None:
    """The line a page shows where an editor would be: ``what`` cannot be changed here."""
    st.info(f"This dashboard is read-only: {what}.", icon=":material/lock:")


@dataclass
class _Held:
    version: str | None     # lib.store.atomic.version when the editor read the file
    data: Any               # what the editor was drawn from
    view: object = None     # which rows the page chose to show (a new choice reads the file again)
    generation: int = 0     # a new editor widget after each save or reload
    refused: Any = None     # what the analyst tried to save when someone else had saved first
    notice: str | None = None  # "Saved ...", shown on the run after the save


class Editor:
    """The session's editor of one file: ``data`` to draw, ``key`` for the widget, ``save`` and
    ``settle``.

    ``read()`` returns what the editor shows (the file's rows, or a table made from them); it is
    called each run while the analyst has no unsaved edits in the widget ``name`` (drawn with
    ``key``) and no refused save, and once more for a merge. ``view`` names the rows the page
    chose to show: a new one reads again.
    """

    def __init__(self, path: Path, read: Callable[[], Any], *, name: str, view: object = None):
        self.path, self.read, self.name = Path(path), read, name
        states = st.session_state.setdefault(_STATE, {})
        held = states.get(str(self.path))
        if held is None or held.view != view or not self._pending(held):
            generation = 0 if held is None else held.generation + (held.view != view)
            held = _Held(*self._read(), view=view, generation=generation,
                         notice=None if held is None else held.notice)
            states[str(self.path)] = held
        self._held = held

    @property
    def data(self) -> Any:
        return self._held.data

    @property
    def key(self) -> str:
        """The editor widget's key: a new one after a save or a reload, so that Streamlit draws a
        fresh widget instead of replaying the old edits on other rows."""
        return f"{self.name}_{self._held.generation}"

    def save(self, mine: Any, write: Callable[..., object], *, done: str) -> None:
        """``write(mine, expected=version when read)``. Saved: ``done`` is shown and the page runs
        again with the file as saved. Refused because someone saved since: ``settle`` offers the
        choice. Invalid, read-only or a disk error: says that nothing was saved."""
        self._write(mine, write, expected=self._held.version, done=done, refused=mine)

    def settle(self, write: Callable[..., object], *, merge: Callable[[Any, Any, Any], Any] | None = None,
               mine: Any = None) -> None:
        """Show the last save's notice, and after a refused save the choice: **Reload** (drop my
        edits, show theirs) or **Merge** (``merge(base, mine, theirs)``, saved with ``write`` if
        nobody saved in the meantime). ``mine``: my edits now (default: what was refused). Without
        ``merge`` mine is written as it is: for a writer that applies the edits onto the file as it
        is now itself (sources.csv)."""
        held = self._held
        self.announce()
        if held.refused is None:
            return
        st.warning(f"{self.path.name} was changed by someone else since you opened it, so nothing was saved. "
                   "**Reload** shows their version and drops your edits; **Merge** keeps their changes and "
                   "applies yours on top.", icon=":material/sync_problem:")
        row = st.container(horizontal=True)
        reload = row.button("Reload (drop my edits)", key=f"{self.name}_reload", icon=":material/refresh:")
        merged = row.button("Merge (theirs + mine)", key=f"{self.name}_merge", type="primary",
                            icon=":material/merge:")
        if reload:
            self._start_again(notice=f"Reloaded {self.path.name}: your edits were dropped.")
            st.rerun()
        if merged:
            version, theirs = self._read()
            mine = held.refused if mine is None else mine
            self._write(mine if merge is None else merge(held.data, mine, theirs), write, expected=version,
                        done=f"Merged your edits into {self.path.name} and saved it.", refused=mine)

    def announce(self) -> None:
        """Show the last save's notice ("Saved ..."), once, here and as a toast: seen wherever the
        page is scrolled. ``settle`` does it too, for pages that do not call this first."""
        held = self._held
        if held.notice:
            st.success(held.notice, icon=":material/check_circle:")
            st.toast(held.notice, icon=":material/check_circle:")
            held.notice = None

    def _read(self) -> tuple[str | None, Any]:
        # The version first: a save landing between the two makes ours refused, never lost.
        version = atomic.version(self.path)
        return version, self.read()

    def _pending(self, held: _Held) -> bool:
        state = st.session_state.get(f"{self.name}_{held.generation}")
        edited = isinstance(state, Mapping) and any(state.get(part) for part in _EDITS)
        return edited or held.refused is not None

    def _write(self, data: Any, write: Callable[..., object], *, expected: str | None, done: str,
               refused: Any) -> None:
        try:
            write(data, expected=expected)
        except atomic.ChangedSinceLoaded:
            self._held.refused = refused  # my edits, to merge (again) with the file as it is then
            return
        except (ValueError, OSError) as exc:  # invalid, read-only (ReadOnlyError), disk full ...
            st.error(f"Nothing was saved: {widgets.plain(exc)}")
            return
        self._start_again(notice=done)
        st.rerun()  # every chart reads the saved file

    def _start_again(self, *, notice: str) -> None:
        # A new widget key and no refused save: the next run reads the file and draws it afresh.
        held = self._held
        held.generation, held.refused, held.notice = held.generation + 1, None, notice
