"""dashboard.py as the analysis pool's worker processes see it."""
import runpy
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[2]


def test_a_worker_process_importing_the_dashboard_as_its_main_module_draws_nothing(monkeypatch):
    # multiprocessing's forkserver imports the parent's main module as __mp_main__: that import
    # must not draw the app (it read the corpus and logged "missing ScriptRunContext" per call).
    calls = []
    for name in ("set_page_config", "navigation", "Page"):
        monkeypatch.setattr(st, name, lambda *a, _name=name, **k: calls.append(_name))
    namespace = runpy.run_path(str(ROOT / "dashboard.py"), run_name="__mp_main__")
    assert calls == [] and callable(namespace["main"])
