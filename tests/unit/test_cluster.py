"""Analysis on a Dask cluster: the same store as the local pool, and no Dask without a scheduler."""
import json
import socket
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lib import analyse
from lib.analyse import cluster
from lib.analyse import run as analysis_run
from lib.__main__ import main

ROOT = Path(__file__).resolve().parents[2]

SPEAKERS = ["the mayor", "a union leader", "the health minister", "an opposition senator"]
PLACES = ["the harbour district", "the northern valley", "the old mill town"]
EVENTS = ["flooding closed two bridges", "the new clinic opened its doors", "talks over the budget collapsed",
          "a long strike ended quietly"]


def invented_articles(n: int = 12) -> pd.DataFrame:
    """A dozen short made-up news articles: narrative, quotations, good and bad news."""
    rows = []
    for i in range(n):
        speaker, place, event = SPEAKERS[i % 4], PLACES[i % 3], EVENTS[(i * 3) % 4]
        body = (f"In {place}, {event} on Tuesday, and residents were left counting the cost. "
                f'"This is a disgrace and people are angry," said {speaker}, who visited on day {i + 1}. '
                f"Officials praised volunteers for their wonderful, tireless help. "
                f'Critics called the response "slow" and "chaotic". '
                f"Nobody expects the problems of {place} to be solved quickly, but many remain hopeful. "
                f'"We will rebuild, and we will be stronger than ever before, whatever it costs us." '
                f"That was the message {speaker} gave to a crowd of {20 * (i + 1)} people.")
        rows.append({"id": f"invented-{i:02d}", "text": body})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def scheduler():
    """One local Dask cluster (two worker processes) for the whole module: it takes seconds to start."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local.scheduler_address


def stored(store) -> dict[str, pd.DataFrame]:
    """The store's tables in a fixed order: the cluster returns chunks as they finish."""
    from lib.analyse import chunk
    from lib.store.batches import KEYS

    tables = store.load(tables=chunk.stored_tables())
    # a map step's rows have no key but the whole row; within an article their order is the map's
    return {name: frame.sort_values(KEYS.get(name, ["article_id"]), kind="stable").reset_index(drop=True)
            for name, frame in tables.items()}


def test_a_cluster_run_stores_exactly_what_a_local_run_stores(scheduler, tmp_path, monkeypatch):
    monkeypatch.setattr(analysis_run, "CHUNK_ARTICLES", 2)   # six tasks ...
    monkeypatch.setattr(cluster, "MIN_IN_FLIGHT", 1)     # ... at most two in flight: the window slides
    articles = invented_articles()
    on_cluster, local = analyse.open_store(tmp_path / "cluster"), analyse.open_store(tmp_path / "local")
    stats = analyse.analyze(articles, on_cluster, scheduler=scheduler)
    analyse.analyze(articles, local, workers=1)
    assert (stats.analyzed, stats.reused) == (12, 0)
    expected, found = stored(local), stored(on_cluster)
    assert len(found["sentences"]) > 12 * 5 and set(found["sentences"]["voice"]) >= {"quoted", "narrative", "mixed"}
    assert set(found) == set(expected) and set(found) >= {"articles", "sentences", "keywords", "frame_sentences"}
    for name in expected:   # the map steps' tables too: the whole map runs on the cluster
        pd.testing.assert_frame_equal(found[name], expected[name])


def test_a_second_cluster_run_reuses_the_store_without_connecting(tmp_path):
    store = analyse.open_store(tmp_path / "cache")
    analyse.analyze(invented_articles(3), store, workers=1)
    stats = analyse.analyze(invented_articles(3), store, scheduler="tcp://127.0.0.1:9")  # nothing listens
    assert (stats.analyzed, stats.reused) == (0, 3)


def test_the_analyze_command_computes_on_the_given_scheduler(scheduler, seed_dir, capsys):
    assert main(["analyze", str(seed_dir), "--scheduler", scheduler]) == 0
    assert "analysed 5 article(s), reused 0" in capsys.readouterr().err


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:{port}", "no-port-here"])
def test_an_unreachable_scheduler_exits_2_with_a_message(address, seed_dir, capsys, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    address = address.format(port=free_port())
    assert main(["analyze", str(seed_dir), "--scheduler", address]) == 2
    err = capsys.readouterr().err
    assert f"cannot reach the Dask scheduler at {address}" in err and "Traceback" not in err


NO_DASK_SCRIPT = """
import contextlib, io, json, sys
from lib.__main__ import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    status = main(["analyze", sys.argv[1], "--workers", "1"])
print(json.dumps({"status": status, "dask": sorted(m for m in sys.modules if m == "lib.analyse.cluster"
                                                   or m.split(".")[0] in ("dask", "distributed"))}))
"""


def test_without_a_scheduler_nothing_dask_related_is_imported(seed_dir):
    result = subprocess.run([sys.executable, "-c", NO_DASK_SCRIPT, str(seed_dir)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert json.loads(result.stdout) == {"status": 0, "dask": []}
