"""Exports: time per chart image (first, with the image server starting, and later) and per
briefing report, against making each image with a browser of its own (plotly's default path).

Runs on the sample corpus in ``data/`` (no shared corpora needed): the figures of the default
briefing are the charts an analyst exports.
"""
from __future__ import annotations

import os
import statistics
import tempfile
from pathlib import Path

from bench.common import ROOT, Row, timer

REPEATS = 5


def run(limit: int | None = None) -> list[Row]:
    os.environ.setdefault("FRAMESCOPE_CACHE", tempfile.mkdtemp(prefix="framescope-bench-exports-"))
    from lib import analyse
    from lib.present import briefing, export, report
    from lib import pipeline

    if export._browser() is None:
        print("skipped: no Chromium for image exports")
        return []
    loaded = pipeline.load(ROOT / "data")
    store = analyse.open_store()
    analyse.analyze(analyse.analyzable(loaded.records), store, texts=loaded.texts, workers=1)
    items = report.default_items(loaded, analyse.results(loaded.articles, store))[: limit or None]
    figure = items[0]

    with timer() as alone:   # baseline: no server, a browser started for this one image
        briefing.image(figure, "png")
    with timer() as first:   # the dashboard's first export: the server starts, then the image
        export.start_image_server()
        briefing.image(figure, "png")
    later = {fmt: _median(lambda: briefing.image(figure, fmt)) for fmt in ("png", "svg", "pdf")}
    with timer() as html_report:
        briefing.report_html(items)
    with timer() as pdf_report:
        pdf = briefing.report_pdf(items)
    with timer() as zip_report:
        briefing.report_zip(items)
    export.stop_image_server()
    Path(tempfile.gettempdir(), "framescope-bench-briefing.pdf").write_bytes(pdf)
    base = alone()
    rows = [Row("PNG without the image server (baseline)", base, "s", 1.0, "a browser per image"),
            Row("first PNG: server start + image", first(), "s", base / first())]
    rows += [Row(f"later {fmt.upper()} (median of {REPEATS})", seconds, "s", base / seconds)
             for fmt, seconds in later.items()]
    rows += [Row(f"briefing HTML, {len(items)} charts", html_report(), "s", None, "interactive, self-contained"),
             Row(f"briefing PDF, {len(items)} charts", pdf_report(), "s", None, "SVG charts + Chromium print"),
             Row(f"briefing ZIP, {len(items)} charts", zip_report(), "s", None, "PNG + SVG + CSV + cards + HTML")]
    return rows


def _median(make) -> float:
    times = []
    for _ in range(REPEATS):
        with timer() as took:
            make()
        times.append(took())
    return statistics.median(times)
