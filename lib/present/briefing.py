"""A briefing: charts with their data, method cards and notes, out as one HTML, PDF or ZIP file.

The HTML is self-contained (plotly.js inlined once; a Content-Security-Policy forbids any network
fetch), so it opens on a laptop with no connection. The PDF is the same report with static SVG
charts, printed by Chromium; the ZIP holds every chart as PNG and SVG, its data as CSV, its method
card as text, and the HTML report. Every piece of text from the corpus or the analyst is escaped.
"""
from __future__ import annotations

import base64
import datetime as dt
import html
import io
import uuid
import zipfile
from dataclasses import dataclass, field, replace

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from lib.frames import plural
from lib.present import export
from lib.present.methods import Card

TABLE_ROWS = 15   # data rows shown under a chart in the report; the ZIP has every row
_CSP_INTERACTIVE = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
_CSP_STATIC = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #222; max-width: 1200px; margin: 2em auto; padding: 0 1em; }
header { border-bottom: 2px solid #0072B2; margin-bottom: 1.5em; }
h1 { margin-bottom: 0.2em; } h2 { margin: 0 0 0.3em; font-size: 1.3em; }
.meta, .card, .note { font-size: 0.9em; }
.meta { color: #555; }
section { margin-bottom: 2.5em; break-inside: avoid; }
.note { background: #FFF8E1; border-left: 4px solid #E69F00; padding: 0.5em 0.8em; white-space: pre-wrap; }
.card { background: #F4F6F8; padding: 0.5em 0.8em; margin-top: 0.5em; }
.card p { margin: 0.15em 0; }
img.chart { width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 0.8em; margin-top: 0.5em; }
th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; }
@page { size: A4 landscape; margin: 10mm 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  header { margin-bottom: 0.6em; } h1 { font-size: 16pt; margin: 0; } h2 { font-size: 12pt; }
  section { break-before: page; break-inside: auto; margin: 0; }
  header + section { break-before: auto; }
  img.chart { display: block; width: auto; max-width: 100%; max-height: 118mm; margin: 0 auto; }
  header + section img.chart { max-height: 104mm; }
  .card { font-size: 7.5pt; columns: 2; column-gap: 2em; margin-top: 0.3em; }
  .note { font-size: 9pt; margin-bottom: 0.3em; }
}
"""


@dataclass(frozen=True)
class Item:
    """One chart of a briefing. ``data``: the numbers behind it (None when it has no table)."""

    title: str
    figure: go.Figure
    card: Card
    data: pd.DataFrame | None = None
    note: str = ""
    uid: str = field(default_factory=lambda: uuid.uuid4().hex[:12])   # names the item's widgets

    def with_note(self, note: str) -> "Item":
        return replace(self, note=note)


def report_html(items: list[Item], *, title: str = "Framescope briefing", static: bool = False,
                images: list[bytes] | None = None, today: dt.date | None = None) -> str:
    """The report as one HTML page. ``static`` (for print): charts as the SVG ``images`` (one per
    item, made by ``export.figure_bytes``), no script and no data tables; else interactive plotly
    charts, each with the first rows of its data."""
    if static and (images is None or len(images) != len(items)):
        raise ValueError("A static report needs one SVG image per item.")
    sections = [_section(i, item, image=images[i - 1] if static else None) for i, item in enumerate(items, 1)]
    script = "" if static else f"<script>{_plotly_js()}</script>"
    csp = _CSP_STATIC if static else _CSP_INTERACTIVE
    corpora = sorted({item.card.corpus for item in items})
    meta = (f"{plural(len(items), 'chart')} · corpus {', '.join(corpora) or 'none'} · "
            f"generated {today or dt.date.today():%Y-%m-%d} with Framescope")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            f"<title>{_e(title)}</title><style>{_STYLE}</style>{script}</head><body>"
            f'<header><h1>{_e(title)}</h1><p class="meta">{_e(meta)}</p></header>'
            + ("".join(sections) or "<p>This briefing is empty.</p>") + "</body></html>")


def _section(number: int, item: Item, *, image: bytes | None) -> str:
    if image is not None:
        chart = f'<img class="chart" alt="{_e(item.title)}" src="data:image/svg+xml;base64,{base64.b64encode(image).decode()}">'
    else:
        chart = pio.to_html(_titled(item), full_html=False, include_plotlyjs=False,
                            config={"displaylogo": False, "responsive": True})
    note = f'<div class="note">{_e(item.note)}</div>' if item.note.strip() else ""
    card = "".join(f"<p>{_e(line)}</p>" for line in item.card.lines())
    table = ""
    if image is None and item.data is not None and not item.data.empty:  # print: a chart a page, data in the ZIP
        shown = item.data.head(TABLE_ROWS)
        more = f"<p class=\"meta\">First {TABLE_ROWS} of {len(item.data):,} rows; the ZIP has them all.</p>" \
            if len(item.data) > TABLE_ROWS else ""
        table = shown.to_html(index=False, escape=True, na_rep="", float_format=lambda v: f"{v:.4g}") + more
    return (f"<section><h2>{number}. {_e(item.title)}</h2>{note}{chart}"
            f'<div class="card">{card}</div>{table}</section>')


def _titled(item: Item) -> go.Figure:
    # The subtitle (filters, N per outlet) and source line ride inside the figure, as in the exports.
    return export.annotated(item.figure, subtitle=item.card.subtitle(), source=item.card.source())


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs
    return get_plotlyjs()


def _e(text: object) -> str:
    return html.escape(str(text))


def svg_images(items: list[Item]) -> list[bytes]:
    """Each item's chart as SVG with its subtitle and source line (needs Chromium)."""
    return [image(item, "svg") for item in items]


def image(item: Item, fmt: str) -> bytes:
    return export.figure_bytes(item.figure, fmt, subtitle=item.card.subtitle(), source=item.card.source())


def report_pdf(items: list[Item], *, title: str = "Framescope briefing", today: dt.date | None = None) -> bytes:
    """The report as a PDF: the static HTML printed by Chromium (A4 landscape, a chart a page)."""
    page = report_html(items, title=title, static=True, images=svg_images(items), today=today)
    return export.html_to_pdf(page)


def report_zip(items: list[Item], *, title: str = "Framescope briefing", today: dt.date | None = None) -> bytes:
    """A ZIP: ``briefing.html`` and, per chart, ``NN-name.png/.svg/.csv`` and ``NN-name-method.txt``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("briefing.html", report_html(items, title=title, today=today))
        for number, item in enumerate(items, 1):
            stem = f"{number:02d}-{export.filename(item.title, 'csv')[:-4]}"
            for fmt in ("png", "svg"):
                archive.writestr(f"{stem}.{fmt}", image(item, fmt))
            if item.data is not None:
                archive.writestr(f"{stem}.csv", export.frame_csv(item.data))
            archive.writestr(f"{stem}-method.txt", item.card.text() + (f"\nNote: {item.note}\n" if item.note else ""))
    return buffer.getvalue()


def move(items: list[Item], index: int, step: int) -> list[Item]:
    """The list with item ``index`` moved ``step`` places (-1 up, +1 down), clamped to the ends."""
    target = min(max(index + step, 0), len(items) - 1)
    out = list(items)
    out.insert(target, out.pop(index))
    return out
