"""Interactive at scale: is every page usable on the largest corpus with its analysis stored?

On the 100k corpus (``limit`` picks a smaller one) with the store that ``bench.growth`` left warm:
(a) server-side run time of every page under ``streamlit.testing`` AppTest, in one process as a
    server would keep it: the app's first run (corpus and results read), each page's first visit
    (derived data such as framing matches computed), its second visit, and a filter change (the
    three largest outlets chosen in the sidebar);
(b) memory: this process's peak after (a), and a real dashboard server's after Chromium has
    visited every page;
(c) in Chromium via Playwright against ``python -m streamlit run``: server start to the Overview's
    first chart, each page's load to its first chart (or table), and the same page opened with an
    outlet filter in the URL (``?outlet=...``).
Ratios are against the Overview's warm figure of the same run. Pages are read from dashboard.py,
so new pages are measured without editing this file.
"""
from __future__ import annotations

import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench.common import ROOT, Row, print_table, timer
from bench.corpus_builder import build
from bench.growth import SIZES, store_dir

PAGE_TIMEOUT = 300         # seconds a page step may take ($FRAMESCOPE_BENCH_PAGE_TIMEOUT): over it is a finding
APP_LOAD_TIMEOUT = 900     # seconds for the app's first run (corpus and results read)
# Query parameters a page needs to draw anything (the concordance needs a word to look for).
PAGE_QUERY = {"concordance": {"q": "president"}}
READY = ('[data-testid="stPlotlyChart"] .main-svg, [data-testid="stDataFrame"], '
         '[data-testid="stAlert"], [data-testid="stException"]')


def pages() -> list[tuple[str, str]]:
    """(script stem, url path) of every page routed in dashboard.py, in menu order."""
    found = []
    for match in re.finditer(r'st\.Page\("pages/(\w+)\.py"(.*?)\)', (ROOT / "dashboard.py").read_text()):
        url = re.search(r'url_path="([^"]*)"', match.group(2))
        found.append((match.group(1), url.group(1) if url else ""))
    return found


def run(limit: int | None = None) -> list[Row]:
    size = min(limit or SIZES[-1], SIZES[-1])
    folder = build(size)
    if folder is None:
        return []
    cache = store_dir(size)
    if not cache.is_dir():
        print(f"no store at {cache}: run `python -m bench growth` first (or this run analyses {size:,} articles)")
    os.environ["FRAMESCOPE_DATA"], os.environ["FRAMESCOPE_CACHE"] = str(folder), str(cache)
    print(f"interactive: {size:,} articles, store {cache}", flush=True)
    timeout = float(os.environ.get("FRAMESCOPE_BENCH_PAGE_TIMEOUT") or PAGE_TIMEOUT)
    rows, slow = server_side(size, timeout)
    rows += in_browser(folder, cache, skip=slow, timeout=timeout)
    return rows


# --- (a) and (b): AppTest, in a child process that is replaced when a page takes too long ----------

# A page run cannot be stopped inside a long lib call (Streamlit checks for a stop only at its own
# calls), so a page over the time limit would go on computing beside the next ones: the child is
# killed instead, and a new one carries on with the remaining pages.
CHILD = r"""
import json, os, sys, time
from pathlib import Path
from streamlit.testing.v1 import AppTest
from bench.interactive import PAGE_QUERY, _status_mb

stems, outlets = sys.argv[1].split(","), json.loads(sys.argv[2])

def say(**item):
    print(json.dumps(item), flush=True)

def timed(action):
    start = time.perf_counter()
    try:
        result = action()
        shown = result.exception
        error = f"exception: {str(shown[0].value)[:120]}" if shown else None
    except Exception as exc:
        error = f"{type(exc).__name__}: {str(exc)[:120]}"
    return time.perf_counter() - start, error

at = AppTest.from_file("dashboard.py", default_timeout=24 * 3600)
for step in ("first", "again"):
    say(page="_app", step=step, start=True)
    seconds, error = timed(at.run)
    say(page="_app", step=step, seconds=seconds, error=error)
for stem in stems:
    for name, value in PAGE_QUERY.get(stem, {}).items():
        at.query_params[name] = value
    steps = (("visit", lambda: at.switch_page(f"pages/{stem}.py").run()), ("again", at.run),
             ("filtered", lambda: at.multiselect(key="outlet").set_value(outlets).run()),
             ("unfiltered", lambda: at.multiselect(key="outlet").set_value([]).run()))
    for step, action in steps:
        say(page=stem, step=step, start=True)
        seconds, error = timed(action)
        say(page=stem, step=step, seconds=seconds, error=error)
        if error:
            break
say(page="_memory", hwm=_status_mb("self", "VmHWM"), rss=_status_mb("self", "VmRSS"))
"""


def server_side(size: int, timeout: float) -> tuple[list[Row], set[str]]:
    """Rows for (a) and (b), and the pages that went over ``timeout`` seconds."""
    outlets = _top_outlets(Path(os.environ["FRAMESCOPE_DATA"]), 3)
    results: dict[tuple[str, str], tuple[float, str | None]] = {}
    memory: list[float] = []
    todo = [stem for stem, _ in pages()]
    slow: set[str] = set()
    children = 0
    while True:
        children += 1
        running = _child_pages(todo, outlets, timeout, results, memory)
        if running is None:
            break
        slow.add(running)
        todo = todo[todo.index(running) + 1:] if running in todo else todo
        if not todo:
            break
    warm = results.get(("_app", "again"), (float("nan"), None))[0]
    first = results.get(("_app", "first"), (float("nan"), None))
    rows = [Row(f"{size:,}: app's first run (corpus, results, stories read)", first[0], "s", None,
                _one_line(first[1]) if first[1] else "Overview, in a fresh process"),
            Row(f"{size:,}: Overview rerun, nothing changed", warm, "s", 1.0)]
    for stem, _ in pages():
        visit = results.get((stem, "visit"))
        if visit is None:
            rows.append(Row(f"page {stem}: first visit (server side)", float("nan"), "s", None, "not measured"))
            continue
        again = results.get((stem, "again"), (float("nan"), None))
        changed = results.get((stem, "filtered"), (float("nan"), None))
        error = visit[1] or again[1] or changed[1]
        note = _one_line(error) if error else f"then {again[0]:.2f} s again; {changed[0]:.2f} s with the {len(outlets)} largest outlets chosen"
        rows.append(Row(f"page {stem}: first visit (server side)", visit[0], "s", visit[0] / warm if warm else None, note))
    rows.append(Row("peak memory: AppTest process after every page", max(memory, default=float("nan")), "MB", None,
                    f"{children} process(es): a new one after each page over {timeout:.0f} s"))
    return rows, slow


def _child_pages(stems: list[str], outlets: list[str], timeout: float, results: dict, memory: list) -> str | None:
    """Run the pages in one AppTest child; the page it was on when a step went over the limit."""
    process = subprocess.Popen([sys.executable, "-c", CHILD, ",".join(stems), json.dumps(outlets)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=os.environ.copy())
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout] + [lines.put("")], daemon=True).start()
    current, started = None, time.monotonic()
    try:
        while True:
            limit = APP_LOAD_TIMEOUT if current is None or current[0] == "_app" else timeout
            try:
                line = lines.get(timeout=max(0.0, started + limit - time.monotonic()))
            except queue.Empty:
                page, step = current or ("_app", "first")
                results[(page, step)] = (time.monotonic() - started, f"over {limit:.0f} s: stopped")
                print(f"  {page:<12} {step:<10} over {limit:.0f} s: stopped", flush=True)
                return page
            if not line:
                return None
            item = json.loads(line)
            if item["page"] == "_memory":
                memory.append(item["hwm"])
            elif item.get("start"):
                current, started = (item["page"], item["step"]), time.monotonic()
            else:  # "_app" steps repeat in every child: keep the first child's figures
                key = (item["page"], item["step"])
                if item["page"] != "_app" or key not in results:
                    results[key] = (item["seconds"], item["error"])
                print(f"  {item['page']:<12} {item['step']:<10} {item['seconds']:8.2f} s  {item['error'] or ''}", flush=True)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


def _status_mb(pid: int | str, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- (b) and (c): a real server and Chromium -----------------------------------------------------

def in_browser(folder: Path, cache: Path, *, skip: set[str], timeout: float) -> list[Row]:
    """Rows for (b) and (c). Pages in ``skip`` (over the limit server side) are not opened: the
    server would go on computing them while the next pages are timed."""
    if not Path("/usr/bin/chromium").exists():
        return [Row("Chromium timings", float("nan"), "s", note="skipped: no /usr/bin/chromium")]
    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "FRAMESCOPE_DATA": str(folder), "FRAMESCOPE_CACHE": str(cache)}
    log = open(cache / "interactive-server.log", "w")
    rows: list[Row] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        server = None
        try:
            with timer() as elapsed:
                server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port",
                                           str(port), "--server.headless", "true"], cwd=ROOT, env=env,
                                          stdout=log, stderr=subprocess.STDOUT)
                _wait_healthy(base)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(base + "/")
                page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=APP_LOAD_TIMEOUT * 1000)
                start = elapsed()
            rows.append(Row("Chromium: server start to the Overview's first chart", start, "s", None,
                            f"server RSS {_status_mb(server.pid, 'VmRSS'):,.0f} MB then"))
            print(f"  browser start {start:8.2f} s", flush=True)
            outlet = next(iter(_top_outlets(folder, 1)), None)
            warm = None
            stuck = None
            for stem, url in pages():
                if stem in skip or stuck:
                    why = f"not opened: over {timeout:.0f} s server side" if stem in skip else \
                        f"not opened: {stuck} went over {timeout:.0f} s and the server is still on it"
                    rows.append(Row(f"Chromium: {stem} opened to first chart/table", float("nan"), "s", None, why))
                    continue
                query = dict(PAGE_QUERY.get(stem, {}))
                plain, done, plain_error = _load(page, f"{base}/{url}", query, timeout)
                warm = warm or plain
                filtered, filtered_done, filtered_error = \
                    _load(page, f"{base}/{url}", {**query, "outlet": outlet}, timeout) \
                    if outlet and not plain_error else (float("nan"), float("nan"), plain_error or "no outlet")
                if (plain_error or filtered_error or "").startswith("TimeoutError"):
                    stuck = stem
                note = plain_error or filtered_error or \
                    f"run done {done:.1f} s; ?outlet=<largest>: chart {filtered:.1f} s, done {filtered_done:.1f} s"
                rows.append(Row(f"Chromium: {stem} opened to first chart/table", plain, "s",
                                plain / warm if warm else None, note))
                print(f"  browser {stem:<12} {plain:8.2f} s (done {done:.2f}), filtered {filtered:8.2f} s "
                      f"(done {filtered_done:.2f})  {plain_error or filtered_error or ''}", flush=True)
            rows.append(Row("peak memory: dashboard server after every page in Chromium",
                            _status_mb(server.pid, "VmHWM"), "MB", None,
                            f"now {_status_mb(server.pid, 'VmRSS'):,.0f} MB"))
        finally:
            if server is not None:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:  # busy in a page run: do not leave it behind
                    server.kill()
                    server.wait()
            browser.close()
            log.close()
    return rows


def _wait_healthy(base: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the dashboard server did not start")


def _load(page, url: str, query: dict[str, str], timeout: float) -> tuple[float, float, str | None]:
    """Seconds from opening the URL to the page's first chart, table or message drawn, and to its
    run finished (Streamlit's running icon gone: the rest of the page drawn)."""
    target = url + ("?" + urllib.parse.urlencode(query) if query else "")
    start = time.perf_counter()
    first = float("nan")
    try:
        page.goto(target)
        page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=timeout * 1000)
        page.locator(f"[data-testid='stMain'] :is({READY})").first.wait_for(timeout=timeout * 1000)
        first = time.perf_counter() - start
        page.locator("[data-testid='stStatusWidgetRunningIcon']").wait_for(state="detached", timeout=timeout * 1000)
    except Exception as exc:
        return first, time.perf_counter() - start, f"{type(exc).__name__}: {_one_line(str(exc))}"
    finished = time.perf_counter() - start
    if page.locator("[data-testid='stException']").count():
        return first, finished, "exception shown: " + _one_line(page.locator("[data-testid='stException']").first.inner_text())
    return first, finished, None


def _one_line(message: str) -> str:
    return " ".join(message.split())[:100]


def _top_outlets(folder: Path, n: int) -> list[str]:
    """The n outlets with most articles, read in a child process (the parse cache makes it quick)
    so this process does not keep a second copy of the corpus while the dashboard is measured."""
    script = ("import json, sys; from lib import pipeline; "
              "from lib.coverage import outlet_names; "
              "loaded = pipeline.load(sys.argv[1]); "
              "print(json.dumps(outlet_names(loaded.articles).value_counts().index[:int(sys.argv[2])].astype(str).tolist()))")
    out = subprocess.run([sys.executable, "-c", script, str(folder), str(n)], cwd=ROOT, env=os.environ.copy(),
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


if __name__ == "__main__":
    print_table("Interactive", run(int(sys.argv[1]) if len(sys.argv) > 1 else None))
