"""Run the per-article analysis on a Dask distributed cluster instead of the local process pool.

``lib.analyse`` and the command line import this module only when a scheduler is asked for:
without one, nothing Dask-related is imported or needed (``requirements-dask.txt`` is optional).
Dask itself is imported only inside the functions, so a missing install becomes a ``ClusterError``.

Workers only compute: each chunk's results come back to this process, which writes the store. The
store therefore stays with the client and need not be on storage the workers can see. Workers do
need the same Python packages and an importable ``lib`` (the project folder on their path), and
they build their VADER analyzer and YAKE extractor once per process (``sentiment.analyzer`` and
``keywords.extractor`` are cached per process).
"""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

CONNECT_TIMEOUT = 5.0    # seconds to reach a scheduler before giving up
WORKERS_TIMEOUT = 60.0   # seconds to wait for a scheduler's first worker
IN_FLIGHT_PER_THREAD = 4  # chunks submitted per worker thread: keeps workers busy, memory bounded
MIN_IN_FLIGHT = 8        # chunks submitted at least, whatever the cluster's size
RESIZE_EVERY = 32        # results between looks at the cluster's size (workers may come and go)

Chunk = Sequence[tuple[str, str]]  # (article id, clean text) pairs


class ClusterError(RuntimeError):
    """Dask is not installed, the scheduler cannot be reached, or its workers cannot run the analysis."""


def require() -> None:
    """Raise ``ClusterError`` (with the install command) unless dask.distributed can be imported."""
    _distributed()


def run_chunks(chunks: Sequence[Chunk], scheduler: str, *, workers: int | None = None) -> Iterator[dict]:
    """``analysis.analyse_chunk`` of every chunk on the cluster, each result yielded as it finishes
    (not in input order), so the caller can store batches as it goes and keep them after a crash.

    ``scheduler``: an address such as ``tcp://host:8786``, or ``"local"`` for a cluster of worker
    processes on this machine (``workers`` of them, default one per core; ignored for an address).
    At most a few chunks per worker thread are in flight, so a large corpus is never sent at once.
    """
    if not chunks:
        return  # nothing to compute: don't connect at all
    distributed = _distributed()
    from lib.analyse.chunk import analyse_chunk

    with _client(distributed, scheduler, workers) as client:
        _check_cluster(client)
        pending = iter(chunks)
        finished = distributed.as_completed(loop=client.loop)  # this client, not a global default

        def top_up(limit: int) -> None:
            for chunk in _take(pending, limit - finished.count()):
                finished.add(client.submit(analyse_chunk, chunk, pure=False))  # not pure: no hashing of texts

        limit = _in_flight(client)
        top_up(limit)
        for count, future in enumerate(finished, start=1):
            result = future.result()  # a task's exception is raised here; stored batches are kept
            future.release()
            if count % RESIZE_EVERY == 0:
                limit = _in_flight(client)
            top_up(limit)
            yield result


def _distributed():
    try:
        import distributed
    except ImportError as error:
        raise ClusterError("Dask is not installed: pip install -r requirements-dask.txt") from error
    return distributed


@contextmanager
def _client(distributed, scheduler: str, workers: int | None) -> Iterator[Any]:
    """A client for the scheduler, closed (with the local cluster, if any) when the ``with`` ends."""
    if scheduler == "local":
        # processes: YAKE and VADER hold the GIL. No dashboard: no fixed port to collide on.
        with distributed.LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                      processes=True, dashboard_address=None) as cluster, \
                distributed.Client(cluster, set_as_default=False) as client:
            yield client
        return
    try:
        if "://" not in scheduler or scheduler.startswith(("tcp://", "tls://")):
            # a malformed address checked first: a Client that fails on one lingers and prints a
            # traceback on exit (other protocols, such as ucx://, are left to the Client)
            distributed.comm.get_address_host_port(scheduler)
        client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, ValueError) as error:  # OSError: refused or timed out; ValueError: a malformed address
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
    with client:
        yield client


def _check_cluster(client) -> None:
    """Fail early, with a hint, when the scheduler or workers cannot import the project (the
    scheduler unpickles every task, so it needs ``lib`` too) or run another analyser version,
    whose results would be stored under this version's key. Workers joining later are not checked."""
    from lib.analyse.chunk import SETTINGS

    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except TimeoutError as error:
        raise ClusterError(f"the Dask scheduler has no workers after {WORKERS_TIMEOUT:.0f} s") from error
    try:
        found = {"scheduler": client.run_on_scheduler(_settings), **client.run(_settings)}
    except Exception as error:  # whatever they raised while unpickling or importing lib
        raise ClusterError("the Dask scheduler or workers cannot import Framescope's lib: start them from the "
                           f"project folder with PYTHONPATH=. and the same requirements ({error})") from error
    different = sorted(name for name, settings in found.items() if settings != SETTINGS)
    if different:
        raise ClusterError(f"the Dask {', '.join(different)} run another analyser version: "
                           "update their copy of the project")


def _settings() -> dict:
    """Runs on the scheduler and each worker: the analyser settings of its copy of the project."""
    from lib.analyse.chunk import SETTINGS

    return SETTINGS


def _in_flight(client) -> int:
    """How many chunks to keep submitted (about 8 articles each): a few per worker thread."""
    threads = sum(client.nthreads().values())
    return max(IN_FLIGHT_PER_THREAD * threads, MIN_IN_FLIGHT)


def _take(items: Iterator[Chunk], n: int) -> list[Chunk]:
    return [chunk for _, chunk in zip(range(max(n, 0)), items)]
