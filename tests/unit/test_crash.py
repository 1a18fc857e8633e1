"""An analysis killed midway keeps every batch it finished; the next run does only the rest, never
reads a half-written batch, and ends with exactly what a clean run on a fresh cache gives."""
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from lib import analyse
from lib.load import corpus
from lib.store.batches import KEYS  # every stored table and its row key

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 600  # with BATCH_ARTICLES = 250: two full batches and a partial one
WORDS = ("the council harbour budget minister talks trade river market school winter fishermen bridge mayor "
         "said would hold spring port catch review quota farmers rain road station train village teachers "
         "hospital nurses doctors strike wages prices bread fuel tax plan vote election party").split()


def write_corpus(folder: Path, count: int) -> Path:
    """``count`` invented articles of eight random sentences each, one file per article."""
    folder.mkdir()
    picker = random.Random(20)
    for number in range(count):
        sentences = []
        for _ in range(8):
            words = " ".join(picker.choice(WORDS) for _ in range(picker.randint(8, 16)))
            sentences.append(words[0].upper() + words[1:] + ".")
        (folder / f"article-{number:04d}.txt").write_text(" ".join(sentences))
    return folder


def start_analyze(folder: Path, cache: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lib", "analyze", str(folder), "--workers", "1"],
                            cwd=ROOT, env={**os.environ, "FRAMESCOPE_CACHE": str(cache)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def kill_after_first_batch(run: subprocess.Popen, store) -> None:
    hang_guard = time.monotonic() + 600
    try:
        while not store.batches() and run.poll() is None and time.monotonic() < hang_guard:
            time.sleep(0.02)
    finally:
        run.kill()
        run.communicate()
    assert run.returncode == -signal.SIGKILL, "the run ended before a batch was on disk and it could be killed"


def tables(store) -> dict[str, pd.DataFrame]:
    frames = store.load()
    return {name: frames[name].sort_values(keys).reset_index(drop=True) for name, keys in KEYS.items()}


def test_a_killed_run_keeps_its_batches_and_the_next_run_ends_like_a_clean_run(tmp_path):
    folder = write_corpus(tmp_path / "corpus", ARTICLES)
    cache = tmp_path / "killed-cache"
    store = analyse.open_store(cache)  # the same settings key the CLI uses

    kill_after_first_batch(start_analyze(folder, cache), store)
    kept = store.done_ids()
    assert analyse.BATCH_ARTICLES <= len(kept) < ARTICLES

    # What a kill during a write leaves: a batch folder still named .tmp, its files cut short.
    half = store.path / "batch-cut-short.tmp"
    shutil.copytree(store.batches()[0], half)
    (half / "sentences.parquet").write_bytes((half / "sentences.parquet").read_bytes()[:100])
    found = analyse.results(corpus.load(folder).articles, store)
    assert found.pending == ARTICLES - len(kept) and len(found.articles) == len(kept)
    assert half.is_dir(), "a half-written batch was read (and moved aside as damaged)"

    rerun = start_analyze(folder, cache)
    _, log = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, log
    analysed, reused = map(int, re.search(r"analysed (\d+) article\(s\), reused (\d+)", log).groups())
    assert (analysed, reused) == (ARTICLES - len(kept), len(kept))
    assert not list(store.path.glob("*.tmp")), "the half-written batch was left behind"

    clean = analyse.open_store(tmp_path / "clean-cache")
    loaded = corpus.load(folder)
    analyse.analyze(analyse.analyzable(loaded.records), clean, texts=loaded.texts, workers=1)
    after_kill, fresh = tables(store), tables(clean)
    assert len(fresh["articles"]) == ARTICLES
    for name in KEYS:
        pd.testing.assert_frame_equal(after_kill[name], fresh[name], check_like=True)


@pytest.mark.parametrize("leftover", ["batch-abc.tmp", "batch-abc.damaged.tmp"])
def test_a_leftover_temporary_batch_is_never_listed_as_finished(tmp_path, leftover):
    store = analyse.open_store(tmp_path)
    (store.path / leftover).mkdir()
    (store.path / leftover / "articles.parquet").write_bytes(b"PAR1 cut short")
    assert store.batches() == [] and store.done_ids() == set()
    with store.writing():
        pass
    assert not (store.path / leftover).exists()
