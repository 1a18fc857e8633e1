"""Figures and frames out as files: PNG/SVG/PDF (kaleido + Chromium), self-contained HTML, CSV.

Static images need a Chromium. Starting one per image costs ~3 s, so the app keeps one browser
alive with ``start_image_server()`` (kaleido's sync server; images after the first take ~0.2 s).
Nothing here downloads a browser: when none is found, image formats raise a plain RuntimeError.
"""
from __future__ import annotations

import html
import io
import math
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
import threading
import unicodedata
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

FORMATS = ("png", "svg", "pdf", "html", "csv")
FILE_TYPES = (*FORMATS, "xlsx", "zip", "txt")   # what filename() names
IMAGE_FORMATS = ("png", "svg", "pdf")
SCALE = 2
DEFAULT_WIDTH = 1200   # layout px; a PNG is SCALE times wider
DEFAULT_HEIGHT = 500   # plotly's own default, used when the figure sets no height
DEBIAN_CHROMIUM = "/usr/bin/chromium"
RENDER_TIMEOUT = 120   # seconds; kaleido's own per-figure timeout is 90
NOTE_FONT = {"size": 12, "color": "#555"}
NOTE_LINE = 18         # px per line of subtitle / source text

NO_BROWSER = ("Images (PNG, SVG, PDF) need Chromium, and none was found. Install it "
              "(Debian: apt-get install chromium) or set BROWSER_PATH; HTML and CSV exports still work.")

_server_lock = threading.Lock()   # start/stop
_render_lock = threading.Lock()   # kaleido's server shares one task and one result queue: one caller at a time
_server_started = False
_server_broken = False


def _browser() -> str | None:
    """The Chromium kaleido will use, or None. Sets BROWSER_PATH to Debian's chromium when unset."""
    if "BROWSER_PATH" not in os.environ and os.path.isfile(DEBIAN_CHROMIUM):
        os.environ["BROWSER_PATH"] = DEBIAN_CHROMIUM
    path = os.environ.get("BROWSER_PATH")
    if path:  # kaleido uses it as given and fails when it is wrong, so check it the same way
        return path if os.path.isfile(path) and os.access(path, os.X_OK) else None
    try:
        from choreographer.browsers.chromium import Chromium
        return Chromium.find_browser(skip_local=False)
    except Exception:  # noqa: BLE001 -- an internal API; fall back to a PATH search
        return next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)


def start_image_server() -> bool:
    """Keep one Chromium alive for image exports (once per process; safe to call again and from
    several threads). Returns False, never raises, when no working Chromium is available."""
    global _server_started, _server_broken
    with _server_lock:
        if _server_started:
            return True
        if _server_broken:
            return False
        if _browser() is None:
            return False
        import kaleido
        try:
            # mathjax=False: the default loads MathJax from a CDN on every page; charts use no LaTeX.
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            _server_started, _server_broken = True, False
            # Render once: a browser that is found but will not start only shows up here, and
            # kaleido's server would otherwise wait forever on the first real export.
            _render(go.Figure(go.Bar(x=[1], y=[1])), "svg", width=100, height=100)
        except Exception:  # noqa: BLE001 -- the contract is "False, never raises"
            _stop()
            return False
        return True


def stop_image_server() -> None:
    """Close the browser started by start_image_server (no-op when none is running)."""
    with _server_lock:
        _stop()


def _stop() -> None:
    global _server_started
    if not _server_started:
        return
    import kaleido
    with _render_lock:
        if not _server_broken:  # a stuck server thread would make stop wait forever
            kaleido.stop_sync_server(silence_warnings=True)
        _server_started = False


def _render(fig: go.Figure, fmt: str, *, width: int, height: int) -> bytes:
    """Image bytes from kaleido: through the running server, or a one-off browser (~3 s)."""
    global _server_broken
    import kaleido
    if _server_broken:
        raise RuntimeError("The image exporter stopped responding; restart the app to export images.")
    opts = {"format": fmt, "width": width, "height": height, "scale": SCALE}
    result: list = []

    def call(kwargs: dict) -> None:
        try:
            result.append(kaleido.calc_fig_sync(fig, opts=opts, **kwargs))
        except BaseException as error:  # noqa: BLE001 -- handed back to the caller below
            result.append(error)

    with _render_lock:
        # Calling kaleido directly rather than plotly's to_image: plotly passes kopts on every call,
        # which the server ignores with a UserWarning, and cannot turn MathJax (a CDN fetch) off.
        kwargs = {} if _server_started else {"kopts": {"mathjax": False}}
        # If kaleido's server thread dies (browser crash), its queue waits forever: never block the app on it.
        worker = threading.Thread(target=call, args=(kwargs,), daemon=True)
        worker.start()
        worker.join(RENDER_TIMEOUT)
        if worker.is_alive():
            _server_broken = _server_started
            raise RuntimeError(f"Making the image took longer than {RENDER_TIMEOUT} s; try HTML or CSV instead.")
    [outcome] = result
    if isinstance(outcome, BaseException):
        if type(outcome).__name__ == "ChromeNotFoundError":
            raise RuntimeError(NO_BROWSER) from outcome
        raise outcome
    return bytes(outcome)


def annotated(fig: go.Figure, *, source: str, subtitle: str) -> go.Figure:
    """A copy of ``fig`` with the subtitle under the title and the source at the bottom left.

    Margins and height grow by the space the notes take, so the plot area keeps its size and no
    note covers the title, the axes or the legend: the source goes below the bottom margin, or
    below the x axis's slanted tick labels when those hang deeper (``tick_depth``). Lines too
    long for the figure's width are wrapped at words, never cut. Both notes are HTML-escaped:
    plotly renders a subset of HTML in annotation text, and filters/corpus names come from the user.
    """
    out = go.Figure(fig)  # a deep copy: the caller's figure (maybe cached) is never changed
    if not subtitle and not source:
        return out
    layout = out.layout
    top = layout.margin.t if layout.margin.t is not None else 100
    bottom = layout.margin.b if layout.margin.b is not None else 80
    height = layout.height or DEFAULT_HEIGHT
    width = (layout.width or DEFAULT_WIDTH) - (layout.margin.l if layout.margin.l is not None else 80)
    if subtitle:
        text, lines = _note(subtitle, width=width)
        out.add_annotation(text=text, xref="paper", yref="paper", x=0, y=1, xanchor="left", yanchor="bottom",
                           yshift=6, align="left", showarrow=False, font=NOTE_FONT)
        layout.margin.t, height = top + NOTE_LINE * lines, height + NOTE_LINE * lines
    if source:
        text, lines = _note(source, width=width)
        below = max(bottom, tick_depth(out) + 8)   # under tick labels, axis title and legend
        height += below - bottom
        # Anchored to the plot area's foot, like the tick labels it must clear.
        out.add_annotation(text=text, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
                           yshift=-below, align="left", showarrow=False, font=NOTE_FONT)
        layout.margin.b, height = below + NOTE_LINE * lines + 8, height + NOTE_LINE * lines + 8
    layout.height = height
    return out


CHAR_EM = 0.62   # a generous mean character width in em: tick fonts vary, and a wrong guess must err wide


def tick_depth(fig: go.Figure) -> int:
    """Pixels below the plot area that the x axes' tick labels and titles take, estimated from
    the labels themselves: category labels (the traces' x values, or ``ticktext``) slanted by
    ``tickangle`` hang ``length × sin(angle)`` deep. Numbers and dates are short and level."""
    layout = fig.layout
    font = (layout.font.size if layout.font and layout.font.size else 12)
    deepest = 0
    for axis_name in [k for k in layout if k.startswith("xaxis")] or ["xaxis"]:
        axis = layout[axis_name]
        if axis.side == "top" or axis.visible is False:
            continue
        ref = "x" + axis_name[5:]
        size = axis.tickfont.size if axis.tickfont and axis.tickfont.size else font
        ticktext = () if axis.ticktext is None else axis.ticktext  # a tuple, or a numpy array
        labels = list(ticktext) or [v for t in fig.data if (getattr(t, "xaxis", None) or "x") == ref
                                    for v in _values(getattr(t, "x", None)) if isinstance(v, str)]
        longest = max((len(re.sub(r"<[^>]+>", "", str(v))) for v in labels), default=4)
        angle = abs(float(axis.tickangle)) if isinstance(axis.tickangle, (int, float)) else 0.0
        radians = math.radians(min(angle, 90.0))
        depth = longest * CHAR_EM * size * math.sin(radians) + size * math.cos(radians) + size
        if axis.title and axis.title.text:
            depth += (axis.title.font.size if axis.title.font and axis.title.font.size else font) * 1.4 + 10
        deepest = max(deepest, int(depth))
    return deepest


def _note(text: str, *, width: int = DEFAULT_WIDTH) -> tuple[str, int]:
    # NOTE_FONT is 12 px: about 12 × 0.55 px a character; wrap at words to the figure's width.
    chars = max(40, int(width / (NOTE_FONT["size"] * 0.55)))
    lines = [html.escape(part) for line in str(text).strip().splitlines() if line.strip()
             for part in textwrap.wrap(line, chars, break_long_words=False, break_on_hyphens=False)] or [""]
    return "<br>".join(lines), len(lines)


def figure_bytes(fig: go.Figure, fmt: str, *, source: str = "", subtitle: str = "") -> bytes:
    """The figure as a file's bytes, ready for a download button.

    png (scale 2, 1200 layout px wide unless the figure sets a width), svg and pdf come from kaleido
    (through the image server when it is started); html is a self-contained page with plotly.js
    inlined, so it opens with no network. ``subtitle`` (filters, N per outlet) goes under the
    title and ``source`` (corpus, date range, generated date) at the bottom left, on a copy.
    Raises ValueError for an unknown format (csv is frame_csv's) and RuntimeError when images
    cannot be made (no Chromium).
    """
    if fmt not in FORMATS or fmt == "csv":
        raise ValueError(f"Unknown figure format {fmt!r}; use one of png, svg, pdf, html (csv: frame_csv).")
    out = annotated(fig, source=source, subtitle=subtitle)
    if fmt == "html":
        return out.to_html(full_html=True, include_plotlyjs=True).encode("utf-8")
    if _browser() is None:
        raise RuntimeError(NO_BROWSER)
    width = out.layout.width or DEFAULT_WIDTH
    height = out.layout.height or DEFAULT_HEIGHT
    return _render(out, fmt, width=int(width), height=int(height))


def frame_csv(frame: pd.DataFrame) -> bytes:
    """The frame as CSV bytes: UTF-8 with a BOM (so Excel reads accents right), no index column.
    Text cells starting with = + - @ get a leading apostrophe, so a spreadsheet never runs them."""
    return _defused(frame).to_csv(index=False).encode("utf-8-sig")


def filename(title: str, fmt: str) -> str:
    """A safe file name from a chart title: 'Tone by outlet' -> 'tone-by-outlet.png'.

    ASCII letters, digits and hyphens only (no path separators, no dots but the extension's),
    never empty, at most 80 characters.
    """
    if fmt not in FILE_TYPES:
        raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FILE_TYPES)}.")
    ascii_title = unicodedata.normalize("NFKD", str(title)).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    slug = slug[: 80 - len(fmt) - 1].rstrip("-") or "framescope-export"
    return f"{slug}.{fmt}"


def html_to_pdf(page: str, *, timeout: float = RENDER_TIMEOUT) -> bytes:
    """A PDF of an HTML page, printed by headless Chromium (page size from the page's CSS).

    The page must be self-contained: it is opened from a temporary file with the network unused.
    Raises RuntimeError when no Chromium is found or printing fails.
    """
    browser = _browser()
    if browser is None:
        raise RuntimeError(NO_BROWSER.replace("Images (PNG, SVG, PDF)", "PDF reports"))
    with tempfile.TemporaryDirectory(prefix="framescope-pdf-") as folder:
        source, target = Path(folder) / "report.html", Path(folder) / "report.pdf"
        source.write_text(page, encoding="utf-8")
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                   "--no-first-run", "--disable-background-networking", "--no-pdf-header-footer",
                   f"--user-data-dir={Path(folder) / 'profile'}", f"--print-to-pdf={target}", source.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as error:
            raise RuntimeError(f"Printing the PDF took longer than {timeout:.0f} s.") from error
        if not target.is_file() or target.stat().st_size == 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise RuntimeError(f"Chromium could not print the PDF ({detail[0]}).")
        return target.read_bytes()


def frame_xlsx(frame: pd.DataFrame, *, method: list[str] | None = None) -> bytes:
    """The frame as an Excel workbook: sheet "data", and sheet "method" with the method card's
    lines when given. Text that Excel would read as a formula (=, +, -, @) is kept as text."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _defused(frame).to_excel(writer, sheet_name="data", index=False)
        if method:
            _defused(pd.DataFrame({"method card": method})).to_excel(writer, sheet_name="method", index=False)
    return buffer.getvalue()


def _defused(frame: pd.DataFrame) -> pd.DataFrame:
    # Spreadsheet formula injection: a keyphrase or title starting with "=" must not run as a formula.
    def cell(value: object) -> object:
        return "'" + value if isinstance(value, str) and value[:1] in "=+-@\t\r" else value
    text = frame.select_dtypes(include=["object", "string"]).columns
    return frame.assign(**{c: frame[c].map(cell) for c in text}) if len(text) else frame


def _values(values) -> list:
    # a trace's x is None, a tuple or a numpy array (whose truth value raises): never "x or ()"
    return [] if values is None else list(values)
