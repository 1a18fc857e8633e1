"""AppTest fixtures: the app pointed at a temporary copy of the seeds, caches cleared."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_caches():
    import streamlit as st

    from ui import cache

    st.cache_data.clear()
    cache.clear()
    yield


@pytest.fixture
def app(seed_dir, monkeypatch):
    """A function opening the dashboard (optionally on one page, with secrets) on the seed corpus."""
    monkeypatch.setenv("FRAMESCOPE_DATA", str(seed_dir))

    def open_page(page: str | None = None, *, secrets: dict | None = None, **query: str | list[str]) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.secrets.update(secrets or {})  # as if in .streamlit/secrets.toml
        for name, value in query.items():
            at.query_params[name] = value
        at.run()
        # AppTest reruns a pages/ file without the router (see ui/view.py); one more run now
        # makes every later interaction address widgets drawn the same way.
        at.run()
        if page:
            at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, at.exception
        return at

    return open_page


def table(at: AppTest, *columns: str):
    """The first table on the page having all these columns (st.dataframe keys are not exposed)."""
    for frame in at.dataframe:
        if set(columns) <= set(frame.value.columns):
            return frame.value
    raise LookupError(f"no table with columns {columns}")


def edit(at: AppTest, editor: str, *, edited: dict | None = None, added: list | None = None,
         deleted: list | None = None) -> AppTest:
    """Make edits in the data editor named ``editor`` (its key is ``editor_<n>``, see ui/editing.py),
    as the browser sends them: cells by row number and column, new rows, deleted row numbers."""
    [key] = [e.key for e in at.data_editor if e.key.rpartition("_")[0] == editor]
    at.session_state[key] = {"edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": deleted or []}
    return at
