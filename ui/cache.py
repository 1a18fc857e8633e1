"""The one module that owns Streamlit caching.

Keys are small values (the corpus path and its fingerprint), never frames. The corpus is kept with
``st.cache_resource``, not ``st.cache_data``: it is shared read-only by every session, and
cache_data would unpickle a copy of every article's text on each rerun.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import streamlit as st

from lib import corpus

PROJECT = Path(__file__).resolve().parent.parent


def corpus_root() -> Path:
    """The corpus folder: ``$FRAMESCOPE_DATA`` when set, else the project's ``data/``."""
    return Path(os.environ.get("FRAMESCOPE_DATA") or PROJECT / "data").resolve()


@st.cache_resource
def _loaded() -> dict:
    # Shared by all sessions: {"lock": Lock, (root, fingerprint): Corpus}. Keeps the newest two.
    return {"lock": threading.Lock()}


def current_corpus() -> corpus.Corpus:
    """The corpus as it is on disk now. New, changed or removed files show up on the next rerun:
    the fingerprint (one stat per file) changes, and only changed files are parsed again."""
    root = corpus_root()
    if not root.is_dir():
        st.error(f"The corpus folder {root} does not exist. Create it or set FRAMESCOPE_DATA.")
        st.stop()
    key = (str(root), corpus.fingerprint(root))
    held = _loaded()
    if key in held:
        return held[key]
    with held["lock"]:  # two sessions arriving together read the folder once
        if key not in held:
            bar = st.progress(0.0, text="Reading the corpus…")
            loaded = corpus.load(root, progress=lambda done, total: bar.progress(
                done / max(total, 1), text=f"Reading the corpus: file {done} of {total}"))
            bar.empty()
            for old in [k for k in held if k != "lock" and k[0] == key[0]]:
                del held[old]
            held[key] = loaded
    return held[key]


def clear() -> None:
    """Forget every cached corpus (tests use this between runs)."""
    _loaded.clear()
