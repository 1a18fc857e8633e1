"""Analysis speed on the Article-Bias-Prediction dev sample (3,915 real articles).

(a) baseline: the naive single-process way, pandas ``apply`` of yake 0.7.3 per article and VADER per
    sentence (the same sentences Framescope uses, so results can be compared);
(b) Framescope's full analysis into an empty store (sentences, quotations, VADER, YAKE, Parquet),
    on every core;
(c) a second run with nothing changed, and a fresh process made ready for the dashboard
    (corpus read from the parse cache, results from the store);
(d) one new file added to the corpus.
(b) must give the same per-article keyphrases and tone as (a).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from bench.common import ROOT, Row, corpus_path, peak_rss_mb, print_table, timer
from lib import analyse, text
from lib.load import corpus
from lib.analyse import keywords, sentiment

READY_SCRIPT = """
import json, sys, time
start = time.perf_counter()
from lib import analyse
from lib import pipeline
loaded = pipeline.load(sys.argv[1])
found = analyse.results(loaded.articles, analyse.open_store())
print(json.dumps({"seconds": time.perf_counter() - start, "articles": len(found.articles), "pending": found.pending}))
"""


def baseline(articles: pd.DataFrame) -> pd.DataFrame:
    """(a): YAKE per article and VADER per sentence with pandas apply, one process."""
    vader = sentiment.analyzer()

    def tone(body: str) -> float:
        scores = [vader.polarity_scores(body[s:e])["compound"] for s, e in text.sentence_spans(body)]
        return sum(scores) / len(scores) if scores else float("nan")

    return pd.DataFrame({
        "id": articles["id"],
        "keywords": articles["text"].apply(lambda body: [p for p, _ in keywords.extract_with_yake(body)]),
        "compound": articles["text"].apply(tone),
    })


def differences(expected: pd.DataFrame, store) -> int:
    """Articles whose stored keyphrases or tone differ from the baseline's."""
    stored = store.load(set(expected["id"]))
    phrases = stored["keywords"].sort_values(["article_id", "rank"]).groupby("article_id")["keyphrase"].agg(list)
    tone = stored["articles"].set_index("article_id")["compound"]
    bad = 0
    for row in expected.itertuples():
        same_tone = (pd.isna(row.compound) and pd.isna(tone.get(row.id))) or abs(row.compound - tone.get(row.id, 9)) < 1e-9
        if phrases.get(row.id, []) != row.keywords or not same_tone:
            bad += 1
    return bad


def dashboard_ready(folder: Path, cache: Path) -> float | None:
    """Seconds from launching a fresh dashboard process on a warm store to the Overview's tone
    chart drawn in Chromium: what an analyst waits for after a restart."""
    if not Path("/usr/bin/chromium").exists():
        return None
    import socket
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "FRAMESCOPE_DATA": str(folder), "FRAMESCOPE_CACHE": str(cache)}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        with timer() as elapsed:
            server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
                                       "--server.headless", "true"], cwd=ROOT, env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                while True:
                    try:
                        urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                        break
                    except OSError:
                        pass
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/")
                page.get_by_text("Tone by outlet").first.wait_for(timeout=120_000)
                seconds = elapsed()
            finally:
                server.terminate()
                server.wait(timeout=15)
        browser.close()
    return seconds


def run(limit: int | None = None) -> list[Row]:
    source = corpus_path("article_bias_prediction")
    if source is None:
        return []
    work = Path(tempfile.mkdtemp(prefix="framescope-bench-"))
    try:
        return _run(source, work, limit)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(source: Path, work: Path, limit: int | None) -> list[Row]:
    folder, cache = work / "corpus", work / "cache"
    folder.mkdir()
    lines = (source / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:limit]
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.environ["FRAMESCOPE_CACHE"] = str(cache)
    with timer() as scan_time:
        loaded = corpus.load(folder, cache=cache)
    wanted = loaded.with_text(analyse.analyzable(loaded.records))
    n = len(wanted)
    print(f"analysis benchmark on {n:,} articles ({os.cpu_count()} cores)", flush=True)

    with timer() as base_time:
        expected = baseline(wanted)
    store = analyse.open_store(cache)
    with timer() as full_time:
        first = analyse.analyze(wanted, store)
    mismatches = differences(expected, store)
    with timer() as again_time:
        again = analyse.analyze(wanted, store)
    ready = json.loads(subprocess.run([sys.executable, "-c", READY_SCRIPT, str(folder)], cwd=ROOT,
                                      env={**os.environ, "FRAMESCOPE_CACHE": str(cache)},
                                      capture_output=True, text=True, check=True).stdout)
    first_start = dashboard_ready(folder, cache)  # also groups stories and keeps them on disk
    browser_ready = dashboard_ready(folder, cache)
    shutil.copy(ROOT / "tests" / "fixtures" / "seeds" / "001_40796bbd28b51353.txt", folder / "new.txt")
    with timer() as one_time:
        grown = corpus.load(folder, cache=cache)
        added = analyse.analyze(analyse.analyzable(grown.records), store, texts=grown.texts)
    own_mb, children_mb = peak_rss_mb()

    base_s, full_s = base_time(), full_time()
    return [
        Row("corpus scan (first read, parse cache empty)", scan_time(), "s", note=f"{n:,} articles"),
        Row("(a) baseline: pandas apply, YAKE + VADER per sentence, 1 process", n / base_s, "articles/s", 1.0),
        Row("(b) Framescope: full analysis into an empty store", n / full_s, "articles/s", base_s / full_s,
            f"{first.analyzed:,} analysed; {mismatches} differ from (a)"),
        Row("(c) second run, nothing changed", again_time(), "s", None,
            f"{again.analyzed} analysed, {again.reused:,} reused"),
        Row("(c) fresh process ready for the dashboard (corpus + results)", ready["seconds"], "s", None,
            f"{ready['articles']:,} articles, {ready['pending']} pending"),
        Row("(c) first dashboard start after analysis: to first chart drawn", first_start or float("nan"), "s", None,
            "groups the corpus into stories once" if first_start else "skipped: no /usr/bin/chromium"),
        Row("(c) restarted dashboard: server start to first chart drawn", browser_ready or float("nan"), "s", None,
            "Chromium via Playwright" if browser_ready else "skipped: no /usr/bin/chromium"),
        Row("(d) one new file added: scan + analyse", one_time(), "s", None, f"{added.analyzed} analysed"),
        Row("peak memory: benchmark process", own_mb, "MB"),
        Row("peak memory: largest worker process", children_mb, "MB"),
    ]


if __name__ == "__main__":
    print_table("Analysis speed", run(int(sys.argv[1]) if len(sys.argv) > 1 else None))
