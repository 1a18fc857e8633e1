"""Growth: does the cost per article stay flat from 1,000 to 100,000 articles?

For corpora of 1k, 10k and 100k articles (bench.corpus_builder; ``limit`` caps the largest), each
step in a fresh process as an analyst would meet it:
(a) first run on an empty cache: scan (parse + clean every file), analysis on every core, the
    derived tables the pages read (as ``python -m lib analyze`` makes them), reading the results
    back for the dashboard, grouping into stories; peak memory; cache size on disk;
(b) a restart with nothing changed: the same steps again (0 analysed);
(c) the analyst's changes, each to every page's data up to date: one new file, that file removed,
    one lexicon term added, actors.csv saved and then edited (``_changes``); and one new file met
    by a process that was already up to date (the running dashboard: no restart in the figure).
Per-article times are printed as ratios against the 1k run (1.00× = linear growth; above 1 = the
step grows faster than the corpus). The stores are kept next to the corpora (``store-<size>``), so
``bench.interactive`` can use the 100k one warm.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

from bench.common import ROOT, Row, print_table
from bench.corpus_builder import bench_dir, build
from lib import framing

SIZES = (1_000, 10_000, 100_000)
NEW_FILE = ROOT / "tests" / "fixtures" / "seeds" / "001_40796bbd28b51353.txt"
WARM_FILE = ROOT / "tests" / "fixtures" / "seeds" / "002_6c5f8113befbf15f.txt"  # another article: not analysed yet
STEP_TIMEOUT = 3 * 3600  # seconds for one child run before it is stopped (its finished steps still count)

# One fresh process: each step prints one JSON line as soon as it is done, so a step that is cut
# off by the timeout still leaves the earlier figures.
CHILD = r"""
import json, resource, sys, time
from pathlib import Path

folder, cache = Path(sys.argv[1]), Path(sys.argv[2])
begun = time.perf_counter()  # a fresh process's total counts its imports
from lib import analyse
from lib.load import corpus
from lib import pipeline

import os, threading
peak = {"workers": 0.0, "tree": 0.0}

def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as handle:
            return next(int(l.split()[1]) for l in handle if l.startswith("VmRSS:")) / 1024
    except (OSError, StopIteration, ValueError):
        return 0.0

def sample():
    # Worker processes belong to a forkserver, not to us, so getrusage never sees them: poll /proc.
    me = os.getpid()
    while True:
        parents = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    with open(f"/proc/{name}/stat") as handle:
                        parents[int(name)] = int(handle.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    pass
        family, grew = {me}, True
        while grew:
            more = {p for p, pp in parents.items() if pp in family} - family
            family |= more
            grew = bool(more)
        sizes = {p: rss_mb(p) for p in family}
        peak["tree"] = max(peak["tree"], sum(sizes.values()))
        peak["workers"] = max([peak["workers"], *(v for p, v in sizes.items() if p != me)])
        time.sleep(0.5)

threading.Thread(target=sample, daemon=True).start()

def report(step, seconds, **extra):
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"step": step, "seconds": seconds, "own_mb": own, "workers_mb": peak["workers"],
                      "all_mb": peak["tree"], **extra}), flush=True)

def up_to_date(prefix=""):
    # every page's data, as the dashboard gets it: scan, analysis of what is new, derived, results, stories
    started = time.perf_counter() if prefix else begun
    t = time.perf_counter()
    loaded = corpus.load(folder, cache=cache)
    status = loaded.records["status"].value_counts()
    report(prefix + "scan", time.perf_counter() - t, loaded=int(status.get("loaded", 0)),
           duplicates=int(status.get("duplicate", 0)), problems=int(len(loaded.problems)))
    store = analyse.open_store(cache)
    t = time.perf_counter()
    stats = analyse.analyze(analyse.analyzable(loaded.records), store, texts=loaded.texts)
    report(prefix + "analyze", time.perf_counter() - t, analyzed=stats.analyzed, reused=stats.reused)
    t = time.perf_counter()
    pipeline.precompute(loaded, cache=cache)
    report(prefix + "derived", time.perf_counter() - t)
    t = time.perf_counter()
    found = analyse.results(loaded.articles, store)
    report(prefix + "results", time.perf_counter() - t, articles=len(found.articles), sentences=len(found.sentences),
           keywords=len(found.keywords), pending=found.pending)
    t = time.perf_counter()
    assigned, described = pipeline.stories_of(loaded, found.keywords,
                                              fingerprint=pipeline.stories_fingerprint(loaded, found.pending), cache=cache)
    report(prefix + "stories", time.perf_counter() - t, stories=len(described))
    report(prefix + "total", time.perf_counter() - started)

up_to_date()
if len(sys.argv) > 3:  # then a file appears while this process (the dashboard's) is running
    import shutil
    added = folder / "zz-new-article.txt"
    shutil.copy(sys.argv[3], added)
    try:
        up_to_date("warm ")
    finally:
        added.unlink()
"""


def store_dir(size: int) -> Path:
    """The cache folder (parse cache + analysis store + stories) kept for a corpus size."""
    return bench_dir() / f"store-{size}"


def child_run(folder: Path, cache: Path, *, timeout: float = STEP_TIMEOUT, add: Path | None = None) -> dict[str, dict]:
    """Scan, analyse, read results and group stories in a fresh process: {step: figures}. With
    ``add``, that file is then copied into the folder and every step run again in the same
    process (steps named ``warm <step>``), as the running dashboard meets a new file."""
    env = {**os.environ, "FRAMESCOPE_CACHE": str(cache), "FRAMESCOPE_DATA": str(folder)}
    extra = [str(add)] if add is not None else []
    process = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), str(cache), *extra], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    steps: dict[str, dict] = {}
    failure = None
    try:
        out, err = process.communicate(timeout=timeout)
        if process.returncode:
            failure = (err.strip().splitlines() or [f"exit status {process.returncode}"])[-1][:120]
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
        failure = f"stopped after {timeout:,.0f} s"
    if failure:
        print(f"  failed: {failure}", flush=True)
    for line in out.splitlines():
        if line.startswith("{"):
            item = json.loads(line)
            steps[item.pop("step")] = item
    for step, item in steps.items():
        print(f"  {step:<8} {item['seconds']:9.1f} s  " + ", ".join(
            f"{k}={v:,.0f}" if isinstance(v, (int, float)) else f"{k}={v}" for k, v in item.items() if k != "seconds"),
            flush=True)
    if failure:
        steps["failure"] = {"message": failure}
    return steps


def disk_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6 if path.exists() else 0.0


def run(limit: int | None = None) -> list[Row]:
    sizes = [s for s in SIZES if limit is None or s <= limit]
    if limit is not None and limit not in sizes and (not sizes or limit > sizes[-1]):
        sizes.append(limit)
    if not sizes:
        sizes = [limit]
    rows: list[Row] = []
    base: dict[str, float] = {}
    for size in sizes:
        folder = build(size)
        if folder is None:
            return []
        cache = store_dir(size)
        shutil.rmtree(cache, ignore_errors=True)  # cold: nothing parsed, nothing analysed
        print(f"growth: {size:,} articles, first run (empty cache), {os.cpu_count()} cores", flush=True)
        first = child_run(folder, cache)
        stores = [p for p in cache.iterdir() if p.is_dir() and p.name not in ("parsed", "stories")]
        print(f"growth: {size:,} articles, restart with nothing changed", flush=True)
        again = child_run(folder, cache)
        rows += _rows(size, first, again, base, cache, stores)
        rows += _changes(folder, cache, first, again)
    return rows


def _rows(size: int, first: dict, again: dict, base: dict, cache: Path, stores: list[Path]) -> list[Row]:
    n = first.get("scan", {}).get("loaded") or size
    rows = []
    for step, what in (("scan", "cold scan"), ("analyze", "analysis, all cores"),
                       ("derived", "derived tables (framing, terms, actors)"),
                       ("results", "results read for the dashboard"), ("stories", "stories grouped")):
        if step not in first:
            why = first.get("failure", {}).get("message", "not reached")
            rows.append(Row(f"{size:,}: {what}", float("nan"), "s", note=f"did not finish: {why}"))
            continue
        seconds = first[step]["seconds"]
        per = seconds / n * 1000
        base.setdefault(step, per)
        rows.append(Row(f"{size:,}: {what}", seconds, "s", per / base[step],
                        f"{per:.2f} ms/article" + (f"; {first[step]['analyzed']:,} analysed" if step == "analyze" else "")))
    peak = max((s.get("own_mb", 0) for s in first.values() if "own_mb" in s), default=0)
    workers = max((s.get("workers_mb", 0) for s in first.values() if "workers_mb" in s), default=0)
    # Ratios of memory against 1k include the interpreter and libraries (~250 MB) in the base.
    base.setdefault("rss", peak / n)
    together = max((s.get("all_mb", 0) for s in first.values() if "all_mb" in s), default=0)
    rows.append(Row(f"{size:,}: peak memory, main process", peak, "MB", (peak / n) / base["rss"],
                    f"largest worker {workers:,.0f} MB; all processes {together:,.0f} MB (0.5 s samples)"))
    parsed, store = disk_mb(cache / "parsed"), sum(disk_mb(p) for p in stores)
    base.setdefault("disk", (parsed + store) / n)
    rows.append(Row(f"{size:,}: cache on disk (parse cache + store)", parsed + store, "MB",
                    ((parsed + store) / n) / base["disk"] if base["disk"] else None, f"parsed {parsed:,.0f} MB, store {store:,.0f} MB"))
    if "total" not in again and "scan" in again:
        detail = ", ".join(f"{s} {again[s]['seconds']:.1f}" for s in ("scan", "analyze", "results") if s in again)
        rows.append(Row(f"{size:,}: restart, nothing changed", float("nan"), "s", None,
                        f"did not finish: {again.get('failure', {}).get('message', '')}; s: {detail}"))
    if "total" in again:
        base.setdefault("restart", again["total"]["seconds"] / n)
        detail = ", ".join(f"{s} {again[s]['seconds']:.1f}" for s in ("scan", "analyze", "derived", "results", "stories") if s in again)
        rows.append(Row(f"{size:,}: restart, nothing changed", again["total"]["seconds"], "s",
                        (again["total"]["seconds"] / n) / base["restart"],
                        f"{again['analyze']['analyzed']} analysed; s: {detail}"))
    return rows


def _changes(folder: Path, cache: Path, first: dict, again: dict) -> list[Row]:
    """The analyst's everyday changes, each timed in a fresh process to every page's data up to
    date (scan, analysis of what is new, derived tables, results, stories), as a share of the cold
    run and as a multiple of a restart with nothing changed. The corpus folder is ours (built by
    bench.corpus_builder): what is added here is removed again."""
    size = folder.name.split("-")[-1]
    cold, idle = first.get("total", {}).get("seconds"), again.get("total", {}).get("seconds")
    added, lexicon, actors = folder / "zz-new-article.txt", folder / "framing.csv", folder / "actors.csv"
    rows = []

    def timed(what: str) -> dict:
        print(f"growth: {what} in {folder.name}", flush=True)
        steps = child_run(folder, cache)
        if "total" not in steps:
            rows.append(Row(f"{size}: {what}", float("nan"), "s", note="did not finish"))
            return steps
        total = steps["total"]["seconds"]
        detail = ", ".join(f"{s} {steps[s]['seconds']:.1f}" for s in ("scan", "analyze", "derived", "results", "stories"))
        versus = (f"{total / cold:.1%} of the cold run, " if cold else "") + (f"{total / idle:.1f}x a restart; " if idle else "")
        rows.append(Row(f"{size}: {what} (fresh process)", total, "s", total / idle if idle else None,
                        f"{versus}{steps['analyze']['analyzed']} analysed; s: {detail}"))
        return steps

    try:
        shutil.copy(NEW_FILE, added)
        timed("one new file added")
        added.unlink()
        timed("one file removed")
        shipped = pd.read_csv(framing.DEFAULT_FILE, dtype=str, keep_default_na=False)
        extra = pd.DataFrame({"group": [shipped["group"].iloc[0]], "term": ["growth bench term"],
                              "variants": ["decisive action; bold step"]})
        pd.concat([shipped, extra], ignore_index=True).to_csv(lexicon, index=False)
        timed("one lexicon term added")
        found = _auto_actors(folder, cache)
        if found is not None and len(found):
            found.to_csv(actors, index=False)
            timed("actors.csv saved")
            edited = pd.concat([found, pd.DataFrame({"actor": [found["actor"].iloc[0]], "alias": ["the growth bench alias"]})])
            edited.to_csv(actors, index=False)
            timed("actors.csv edited (one alias added)")
    finally:
        for path in (added, lexicon, actors):
            path.unlink(missing_ok=True)
    # last: its first pass leaves the derived tables of the folder with the file
    print(f"growth: one new file while the dashboard runs, in {folder.name}", flush=True)
    warm = child_run(folder, cache, add=WARM_FILE)
    if "warm total" in warm:
        total = warm["warm total"]["seconds"]
        detail = ", ".join(f"{s} {warm['warm ' + s]['seconds']:.1f}" for s in ("scan", "analyze", "derived", "results", "stories"))
        rows.append(Row(f"{size}: one new file added (running process)", total, "s", total / idle if idle else None,
                        (f"{total / cold:.1%} of the cold run; " if cold else "") + f"s: {detail}"))
    return rows


def _auto_actors(folder: Path, cache: Path) -> pd.DataFrame | None:
    """The actors the pipeline found in the corpus (from the cache the last run left)."""
    from lib import pipeline

    try:
        loaded = pipeline.load(folder, cache=cache)
        return pipeline.actors_of(loaded, cache=cache)[0][["actor", "alias"]]
    except (OSError, ValueError):
        return None


if __name__ == "__main__":
    print_table("Growth", run(int(sys.argv[1]) if len(sys.argv) > 1 else None))
