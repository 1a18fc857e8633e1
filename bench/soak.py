"""Soak: does the dashboard stay correct and bounded through minutes of use while files come and go?

For ``DURATION`` seconds (``limit`` given: that many seconds, e.g. ``python -m bench --limit 90
soak``) against a real ``python -m streamlit run dashboard.py`` on a temporary copy of
``tests/fixtures/seeds`` (with a temporary analysis store, so it needs nothing outside the repo):
- ``SESSIONS`` browser sessions (one Chromium, a context each) cycle through every page routed in
  dashboard.py: each cycle opens its first page by URL (a new Streamlit session), then follows the
  sidebar links (the same session), waiting for each run to finish; sessions start on different
  pages;
- meanwhile a writer adds an article every ``WRITE_EVERY`` seconds (a seed's text with a sentence
  naming a counter appended, so its content id is new) and, once more than ``KEEP_ADDED`` are
  there, removes one added earlier.
Reported: errors (exception boxes on any page, error messages, page loads that fail or time out,
tracebacks in the server log; want 0), the server's memory after the first full page cycle and at
the end (growth; want <= 20%), and, after the writer stops and the analysis has caught up, that
every session's Overview shows as many articles as ``python -m lib scan`` loads from the folder.
"""
from __future__ import annotations

import asyncio
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import ROOT, Row, print_table
from bench.interactive import PAGE_QUERY, _one_line, _wait_healthy, pages

DURATION = 600          # seconds of page cycles and file churn (``limit`` replaces it)
SESSIONS = 8
WRITE_EVERY = 3.0       # seconds between the writer's steps (one file added, one removed)
KEEP_ADDED = 4          # added files left in the folder; the writer removes one beyond that
PAGE_TIMEOUT = 120      # seconds a page visit may take ($FRAMESCOPE_BENCH_PAGE_TIMEOUT): over it is an error
CATCH_UP_TIMEOUT = 300  # seconds for the analysis to finish after the writer stops
SAMPLE_EVERY = 5.0      # seconds between memory samples
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
LOG_COPY = ROOT / "bench" / "out" / "soak-server.log"   # the server log is kept here (git-ignored)
# The app's script-run state, as Streamlit's own end-to-end tests read it. (The running icon is no
# signal: it shows only after a run has taken 500 ms.)
DONE = "[data-testid='stApp'][data-test-script-state='notRunning']"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu"]


@dataclass
class State:
    """What the sessions, the writer and the sampler share (one event loop: no locks)."""

    stop: asyncio.Event = field(default_factory=asyncio.Event)
    started: float = field(default_factory=time.monotonic)
    visits: list[tuple[int, int, str, float]] = field(default_factory=list)  # session, cycle, page, seconds
    errors: list[tuple[str, str, str]] = field(default_factory=list)         # kind, where, message
    cycles: list[int] = field(default_factory=lambda: [0] * SESSIONS)
    added: int = 0
    removed: int = 0
    rss: list[tuple[float, float]] = field(default_factory=list)             # seconds in, MB
    pid: int = 0                                                             # the server's
    seen: set[str] = field(default_factory=set)                              # pages drawn without error
    baseline: tuple[float, float] | None = None   # (seconds in, MB) once every page has been drawn
    all_cycled: tuple[float, float] | None = None  # once every session has done a full cycle

    def now(self) -> float:
        return time.monotonic() - self.started

    def error(self, kind: str, where: str, message: str) -> None:
        self.errors.append((kind, where, message))
        print(f"  [{time.monotonic() - self.started:6.0f} s] {kind} at {where}: {_one_line(message)}", flush=True)


def run(limit: int | None = None) -> list[Row]:
    if not Path("/usr/bin/chromium").exists():
        return [Row("soak", float("nan"), "", note="skipped: no /usr/bin/chromium")]
    duration = float(limit) if limit else DURATION
    timeout = float(os.environ.get("FRAMESCOPE_BENCH_PAGE_TIMEOUT") or PAGE_TIMEOUT)
    with tempfile.TemporaryDirectory(prefix="framescope-soak-") as tmp:
        folder, cache, log_path = Path(tmp) / "corpus", Path(tmp) / "cache", Path(tmp) / "server.log"
        shutil.copytree(SEEDS, folder)  # the writer only ever touches this copy
        cache.mkdir()
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "FRAMESCOPE_DATA": str(folder), "FRAMESCOPE_CACHE": str(cache)}
        print(f"soak: {duration:.0f} s, {SESSIONS} sessions, a file added/removed every {WRITE_EVERY:.0f} s, "
              f"{len(list(folder.iterdir()))} seed files, server on {base}", flush=True)
        server = None
        with open(log_path, "w") as log:
            try:
                server = subprocess.Popen(
                    [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
                     "--server.address", "127.0.0.1", "--server.headless", "true",
                     "--browser.gatherUsageStats", "false"],
                    cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
                _wait_healthy(base)
                state = State()
                final = asyncio.run(_soak(base, server.pid, folder, cache, env, state, duration, timeout))
            finally:
                if server is not None:
                    server.terminate()
                    try:
                        server.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        server.kill()
                        server.wait()
        LOG_COPY.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(log_path, LOG_COPY)
        tracebacks = _tracebacks(log_path.read_text(errors="replace"))
        return _rows(state, final, tracebacks, cache, duration)


# --- the soak: sessions, writer and memory sampler in one event loop ------------------------------

async def _soak(base: str, pid: int, folder: Path, cache: Path, env: dict, state: State,
                duration: float, timeout: float) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS)
        try:
            tabs = []
            for _ in range(SESSIONS):
                context = await browser.new_context(viewport={"width": 1400, "height": 1000})
                tabs.append(await context.new_page())
            state.started, state.pid = time.monotonic(), pid
            sampler = asyncio.create_task(_sample(pid, state))
            workers = [asyncio.create_task(_session(n, tab, base, state, timeout)) for n, tab in enumerate(tabs)]
            workers.append(asyncio.create_task(_writer(folder, state)))
            await asyncio.sleep(duration)
            state.stop.set()
            print(f"  [{time.monotonic() - state.started:6.0f} s] stopping: sessions finish their page, "
                  "the writer stops", flush=True)
            await asyncio.gather(*workers)
            sampler.cancel()
            end_rss = (time.monotonic() - state.started, _rss_mb(pid))
            final = await _final_check(tabs, base, folder, env, state, timeout)
            final["end_rss"] = end_rss
            final["hwm"] = _status_mb(pid, "VmHWM")
            return final
        finally:
            await browser.close()


async def _session(n: int, tab, base: str, state: State, timeout: float) -> None:
    order = pages()
    titles = _titles()
    shift = n * len(order) // SESSIONS
    order = order[shift:] + order[:shift]
    cycle = 0
    while not state.stop.is_set():
        fresh = True  # each cycle starts with a page load (a new Streamlit session), then follows links
        for stem, url in order:
            if state.stop.is_set():
                return
            seconds, error = await _visit(tab, base, stem, url, titles[stem], timeout, by_url=fresh)
            where = f"session {n} {stem} (cycle {cycle + 1}, {'page load' if fresh else 'link'})"
            if error:
                kind, message = error
                state.error(kind, where, message)
            else:
                state.visits.append((n, cycle, stem, seconds))
                state.seen.add(stem)
                if state.baseline is None and len(state.seen) == len(order):
                    state.baseline = (state.now(), _rss_mb(state.pid))
                    print(f"  [{state.now():6.0f} s] every page drawn once: server RSS {state.baseline[1]:,.0f} MB "
                          "(the baseline)", flush=True)
            fresh = error is not None and error[0] != "exception"  # after a failed load, load by URL again
        cycle += 1
        state.cycles[n] = cycle
        if state.all_cycled is None and min(state.cycles) >= 1:
            state.all_cycled = (state.now(), _rss_mb(state.pid))
            print(f"  [{state.now():6.0f} s] every session has done a full cycle: server RSS "
                  f"{state.all_cycled[1]:,.0f} MB", flush=True)


async def _visit(tab, base: str, stem: str, url: str, title: str, timeout: float, *,
                 by_url: bool) -> tuple[float, tuple[str, str] | None]:
    """Seconds from opening the page (by URL or the sidebar link) to its run finished, and the
    error seen: ("load", ...) when it did not load in time, ("exception", ...) for an exception box,
    ("error message", ...) for an st.error box."""
    ms = timeout * 1000
    start = time.perf_counter()
    try:
        if by_url:
            query = "&".join(f"{k}={v}" for k, v in PAGE_QUERY.get(stem, {}).items())
            await tab.goto(f"{base}/{url}" + (f"?{query}" if query else ""), timeout=ms)
        else:
            await tab.locator(f"[data-testid='stSidebarNavLink'][href='{base}/{url}']").click(timeout=ms)
        # the page's title is drawn once its run has begun (before, the last page's is there)
        await tab.locator("[data-testid='stMain'] h1", has_text=title).first.wait_for(timeout=ms)
        await tab.locator(DONE).wait_for(timeout=ms)
        if stem in PAGE_QUERY:  # arrived by the link: the page asks for its input (the concordance's word)
            for value in PAGE_QUERY[stem].values():
                box = tab.locator("[data-testid='stMain'] [data-testid='stTextInput'] input").first
                if await box.input_value(timeout=ms) != value:
                    await box.fill(value, timeout=ms)
                    await box.press("Enter", timeout=ms)
                    # its run is over when it shows what it found (the state may read "not running"
                    # before the rerun has begun)
                    await tab.locator("[data-testid='stMain'] [data-testid='stMetricLabel']",
                                      has_text="Occurrences").or_(tab.get_by_text("does not occur")).first.wait_for(timeout=ms)
                    await tab.locator(DONE).wait_for(timeout=ms)
    except Exception as exc:  # noqa: BLE001 - a page that does not load is a finding, not a crash
        return time.perf_counter() - start, ("load", f"{type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - start
    try:
        shown = tab.locator("[data-testid='stException']")
        if await shown.count():
            return seconds, ("exception", await shown.first.inner_text())
        alert = tab.locator("[data-testid='stAlertContentError']")
        if await alert.count():
            return seconds, ("error message", await alert.first.inner_text())
    except Exception as exc:  # noqa: BLE001 - the page went away while being read
        return seconds, ("load", f"{type(exc).__name__}: {exc}")
    return seconds, None


async def _writer(folder: Path, state: State) -> None:
    """Adds a new article every WRITE_EVERY seconds; beyond KEEP_ADDED added ones, removes an earlier
    one (chosen at random, never the one just written, never a seed)."""
    seeds = sorted(p for p in folder.iterdir() if p.is_file())
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    rng = random.Random(21)
    live: list[Path] = []
    n = 0
    while not state.stop.is_set():
        n += 1
        path = folder / f"soak_{n:05d}.txt"
        path.write_text(texts[n % len(texts)].rstrip() + f"\n\nThis is soak addition number {n}, written for the test.\n",
                        encoding="utf-8")
        live.append(path)
        state.added += 1
        if len(live) > KEEP_ADDED:
            victim = live.pop(rng.randrange(len(live) - 1))
            assert victim.parent == folder and victim.name.startswith("soak_")
            victim.unlink()
            state.removed += 1
        try:
            await asyncio.wait_for(state.stop.wait(), WRITE_EVERY)
        except TimeoutError:
            pass


async def _sample(pid: int, state: State) -> None:
    """The server's RSS every SAMPLE_EVERY seconds, and a progress line a minute."""
    last_report = 0.0
    while True:
        now = state.now()
        mb = _rss_mb(pid)
        state.rss.append((now, mb))
        if now - last_report >= 60:
            last_report = now
            print(f"  [{now:6.0f} s] visits {len(state.visits)}, cycles {sum(state.cycles)}, errors {len(state.errors)}, "
                  f"files +{state.added}/-{state.removed}, server RSS {mb:,.0f} MB", flush=True)
        await asyncio.sleep(SAMPLE_EVERY)


async def _final_check(tabs, base: str, folder: Path, env: dict, state: State, timeout: float) -> dict:
    """After the writer stopped: wait for the analysis to finish (no progress bar on the Overview),
    then read every session's Articles metric after a reload and compare with the folder."""
    scan = await asyncio.to_thread(subprocess.run, [sys.executable, "-m", "lib", "scan", str(folder), "--json"],
                                   cwd=ROOT, env=env, capture_output=True, text=True)
    records = json.loads(scan.stdout) if scan.returncode == 0 else []
    loaded = sum(1 for record in records if record["status"] == "loaded")
    files = sum(1 for p in folder.iterdir() if p.is_file() and p.suffix == ".txt")
    start = time.monotonic()
    deadline = start + CATCH_UP_TIMEOUT
    caught_up = False
    while time.monotonic() < deadline:
        try:
            await tabs[0].goto(f"{base}/", timeout=timeout * 1000)
            await tabs[0].locator("[data-testid='stMain'] h1", has_text="Overview").first.wait_for(timeout=timeout * 1000)
            await tabs[0].locator(DONE).wait_for(timeout=timeout * 1000)
            if not await tabs[0].locator("[data-testid='stProgress']").count():
                caught_up = True
                break
        except Exception as exc:  # noqa: BLE001
            state.error("load", "final check: Overview", f"{type(exc).__name__}: {exc}")
        await asyncio.sleep(2)
    waited = time.monotonic() - start
    counts = await asyncio.gather(*(_articles_shown(tab, base, timeout) for tab in tabs))
    return {"loaded": loaded, "files": files, "scan_ok": scan.returncode == 0, "caught_up": caught_up,
            "waited": waited, "counts": counts}


async def _articles_shown(tab, base: str, timeout: float) -> int | str:
    """The Overview's Articles metric after a reload (or what went wrong)."""
    label = tab.locator("[data-testid='stMetricLabel']", has_text=re.compile(r"^\s*Articles\s*$"))
    value = tab.locator("[data-testid='stMain'] [data-testid='stMetric']", has=label).locator("[data-testid='stMetricValue']")
    try:
        await tab.goto(f"{base}/", timeout=timeout * 1000)
        await tab.locator("[data-testid='stMain'] h1", has_text="Overview").first.wait_for(timeout=timeout * 1000)
        await tab.locator(DONE).wait_for(timeout=timeout * 1000)
        await value.first.wait_for(timeout=timeout * 1000)
        return int((await value.first.inner_text()).strip().replace(",", ""))
    except Exception as exc:  # noqa: BLE001
        try:
            shown = _one_line(await tab.locator("[data-testid='stMain']").first.inner_text())
        except Exception:  # noqa: BLE001
            shown = "?"
        return f"{type(exc).__name__} (the page showed: {shown[:60]})"


# --- figures ---------------------------------------------------------------------------------------

def _rss_mb(pid: int) -> float:
    try:
        import psutil
    except ImportError:
        return _status_mb(pid, "VmRSS")
    try:
        return psutil.Process(pid).memory_info().rss / 2**20
    except psutil.Error:
        return float("nan")


def _status_mb(pid: int, field_name: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _titles() -> dict[str, str]:
    """Each page's st.title, which the sessions wait for to know the page they asked for is drawing."""
    found = {}
    for stem, _ in pages():
        match = re.search(r'st\.title\("([^"]+)"', (ROOT / "pages" / f"{stem}.py").read_text())
        found[stem] = match.group(1) if match else ""
    return found


def _tracebacks(log: str) -> Counter:
    """The exception line of every traceback in the server log, counted."""
    found: Counter = Counter()
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.strip().startswith("Traceback (most recent call last)"):
            j = i + 1
            while j < len(lines) and (lines[j].startswith(" ") or not lines[j].strip()):
                j += 1
            found[lines[j].strip() if j < len(lines) else "(traceback cut off)"] += 1
    return found


def _du_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _rows(state: State, final: dict, tracebacks: Counter, cache: Path, duration: float) -> list[Row]:
    kinds = Counter(kind for kind, _, _ in state.errors)
    by_message = Counter((kind, _one_line(message)) for kind, _, message in state.errors)
    if by_message or tracebacks:
        print("\nerrors seen (count, kind, message):")
        for (kind, message), count in by_message.most_common():
            print(f"  {count:4d}  {kind}: {message}")
        for message, count in tracebacks.most_common():
            print(f"  {count:4d}  server log traceback: {message}")

    def first(kind: str) -> str:
        return next((_one_line(f"{where}: {message}") for k, where, message in state.errors if k == kind), "")

    logged = sum(tracebacks.values())
    total = sum(kinds.values()) + logged
    rows = [
        Row("errors seen, in all (want 0)", total, "errors", None,
            f"{len(state.visits) + len(state.errors)} page visits by {SESSIONS} sessions in {duration:.0f} s"),
        Row("  exception boxes on a page", kinds["exception"], "errors", None, first("exception")),
        Row("  error messages (st.error) on a page", kinds["error message"], "errors", None, first("error message")),
        Row("  page loads failed or timed out", kinds["load"], "errors", None, first("load")),
        Row("  tracebacks in the server log", logged, "errors", None,
            _one_line(tracebacks.most_common(1)[0][0]) if tracebacks else ""),
    ]
    end_at, end_mb = final["end_rss"]
    if state.baseline is not None:
        base_at, base_mb = state.baseline
        base_note = f"at {base_at:.0f} s, when every page had been drawn once (the sessions start on different pages)"
    else:
        base_at, base_mb = state.rss[-1] if state.rss else (float("nan"), float("nan"))
        base_note = "not every page was drawn in time: the last sample before the end"
    growth = (end_mb / base_mb - 1) * 100
    rows += [
        Row("server RSS after the first full page cycle", base_mb, "MB", 1.0, base_note),
        Row("server RSS at the end", end_mb, "MB", end_mb / base_mb,
            f"at {end_at:.0f} s: the writer stopped, the sessions done with their last page"),
        Row("server RSS growth (want <= 20%)", growth, "%", None,
            f"samples every {SAMPLE_EVERY:.0f} s: min {min(mb for _, mb in state.rss):,.0f} MB, "
            f"max {max(mb for _, mb in state.rss):,.0f} MB" if state.rss else ""),
        Row("server peak RSS (VmHWM)", final["hwm"], "MB", final["hwm"] / base_mb),
    ]
    if state.all_cycled is not None:
        rows.insert(6, Row("server RSS once every session had done a full cycle", state.all_cycled[1], "MB",
                                       state.all_cycled[1] / base_mb, f"at {state.all_cycled[0]:.0f} s"))
    first_cycle = [s for n, c, _, s in state.visits if c == 0]
    last_cycle = [s for n, c, _, s in state.visits if state.cycles[n] >= 2 and c == state.cycles[n] - 1]
    if first_cycle:
        rows.append(Row("page visit to run finished: median in the first cycle", statistics.median(first_cycle), "s", 1.0,
                        f"max {max(first_cycle):.1f} s; the first visit includes the app's start"))
    if last_cycle and first_cycle:
        rows.append(Row("page visit to run finished: median in the last full cycle", statistics.median(last_cycle), "s",
                        statistics.median(last_cycle) / statistics.median(first_cycle),
                        f"max {max(last_cycle):.1f} s (ratio: against the first cycle)"))
    per_page = {stem: statistics.median(times) for stem in {v[2] for v in state.visits}
                for times in [[v[3] for v in state.visits if v[2] == stem]]}
    if per_page:
        slowest = max(per_page, key=per_page.get)
        rows.append(Row("page visit to run finished: the slowest page's median", per_page[slowest], "s",
                        per_page[slowest] / statistics.median(first_cycle) if first_cycle else None,
                        f"{slowest}; fastest {min(per_page, key=per_page.get)} {min(per_page.values()):.1f} s"))
    rows += [
        Row("page cycles done (all sessions)", sum(state.cycles), "cycles", None,
            f"per session {min(state.cycles)}-{max(state.cycles)}, of {len(pages())} pages each"),
        Row("page visits finished", len(state.visits), "visits"),
        Row("files added", state.added, "files", None, f"one every {WRITE_EVERY:.0f} s"),
        Row("files removed", state.removed, "files", None, f"keeping {KEEP_ADDED} added ones at most"),
    ]
    expected = final["loaded"] if final["scan_ok"] else final["files"]
    wrong = [c for c in final["counts"] if c != expected]
    rows += [
        Row("sessions whose Articles metric != the folder's (want 0)", len(wrong), "sessions", None,
            f"folder: {final['files']} files, scan loads {final['loaded']}; sessions show "
            f"{', '.join(str(c) for c in final['counts'])}"),
        Row("after the writer stopped: until the analysis caught up", final["waited"], "s", None,
            "caught up" if final["caught_up"] else f"still analysing after {CATCH_UP_TIMEOUT} s"),
        Row("analysis store on disk at the end", _du_mb(cache), "MB", None,
            f"{sum(1 for p in cache.glob('*/batch-*') if p.is_dir())} result batches; "
            f"{sum(1 for _ in cache.glob('texts/*.txt'))} corpus versions kept in texts/"),
    ]
    return rows


if __name__ == "__main__":
    print_table("Soak", run(int(sys.argv[1]) if len(sys.argv) > 1 else None))
