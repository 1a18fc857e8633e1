"""What every benchmark shares: where the corpora are, timing, memory, and the printed table.

Figures are printed as ratios against a baseline measured in the same run: these machines are
noisy, so absolute numbers are context, never a pass/fail threshold.
"""
from __future__ import annotations

import resource
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"


def corpus_path(name: str) -> Path | None:
    """The folder of a shared corpus, or None (with a message) when this checkout has none."""
    path = CORPORA / name
    if not path.is_dir():
        print(f"skipped: {path} is not here (the shared corpora are only on development machines)")
        return None
    return path


@dataclass
class Row:
    name: str
    value: float
    unit: str
    ratio: float | None = None   # against the benchmark's baseline (higher = better for speed)
    note: str = ""


@contextmanager
def timer():
    """``with timer() as t: ...`` then ``t()`` gives the elapsed seconds."""
    start = time.perf_counter()
    end: list[float] = []
    yield lambda: (end[0] if end else time.perf_counter()) - start
    end.append(time.perf_counter())


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory so far, in MB: (this process, its finished child processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def print_table(title: str, rows: list[Row]) -> None:
    print(f"\n{title}")
    print(f"{'measure':<58} {'value':>12} {'unit':<12} {'ratio':>8}  note")
    for row in rows:
        ratio = "" if row.ratio is None else f"{row.ratio:.2f}×"
        value = f"{row.value:,.3f}" if abs(row.value) < 100 else f"{row.value:,.0f}"
        print(f"{row.name:<58} {value:>12} {row.unit:<12} {ratio:>8}  {row.note}")
