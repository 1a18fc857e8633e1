"""lib.export: figures and frames out as PNG/SVG/PDF/HTML/CSV files."""
from __future__ import annotations

import io
import os
import struct
import xml.etree.ElementTree as ET

import pandas as pd
import plotly.graph_objects as go
import pytest

from lib.present import export

HOSTILE = "<script>alert(1)</script>"
needs_chromium = pytest.mark.skipif(not os.path.isfile("/usr/bin/chromium"),
                                    reason="image export needs Chromium at /usr/bin/chromium (apt-get install chromium)")


def a_figure(title: str = "Tone by outlet") -> go.Figure:
    fig = go.Figure(go.Bar(x=["The Guardian", "BBC News"], y=[0.12, -0.05], name="mean tone"))
    return fig.update_layout(title={"text": title}, height=400, showlegend=True)


@pytest.fixture(scope="module")
def image_server():
    if not export.start_image_server():
        pytest.skip("no working Chromium: the image server did not start")
    yield
    export.stop_image_server()


@needs_chromium
def test_png_is_a_real_png_at_twice_the_layout_width(image_server):
    png = export.figure_bytes(a_figure(), "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 5_000
    width, height = struct.unpack(">II", png[16:24])  # IHDR follows the 8-byte signature and chunk header
    assert (width, height) == (2 * export.DEFAULT_WIDTH, 2 * 400)


@needs_chromium
def test_png_keeps_a_width_the_figure_sets(image_server):
    png = export.figure_bytes(a_figure().update_layout(width=640), "png")
    assert struct.unpack(">I", png[16:20])[0] == 2 * 640


@needs_chromium
def test_svg_parses_as_xml_and_contains_the_title(image_server):
    svg = export.figure_bytes(a_figure(), "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert "Tone by outlet" in "".join(root.itertext())


@needs_chromium
def test_svg_shows_subtitle_and_source_as_literal_text(image_server):
    svg = export.figure_bytes(a_figure(), "svg", subtitle="N = 12 <b>articles</b>", source="Corpus: seeds")
    text = "".join(ET.fromstring(svg).itertext())
    assert "N = 12 <b>articles</b>" in text  # shown as typed, not rendered as bold markup
    assert "Corpus: seeds" in text


@needs_chromium
def test_pdf_starts_with_the_pdf_header_and_has_a_page(image_server):
    pdf = export.figure_bytes(a_figure(), "pdf")
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 1


def test_html_inlines_plotly_js_and_contains_the_title():
    page = export.figure_bytes(a_figure(), "html").decode("utf-8")
    assert "Plotly" in page and len(page) > 1_000_000  # the bundle itself, not a link to it
    assert '<script src="http' not in page
    assert "Tone by outlet" in page


def test_html_never_contains_hostile_markup_unescaped():
    fig = a_figure(title=HOSTILE).update_layout(xaxis_title=HOSTILE)
    page = export.figure_bytes(fig, "html", subtitle=f"Filter: {HOSTILE}", source=f"Corpus {HOSTILE}").decode("utf-8")
    assert HOSTILE not in page
    in_json = page.replace("\\u0026", "&").replace("\\u002f", "/")  # plotly's JSON escapes these for <script>
    assert in_json.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2  # subtitle and source, HTML-escaped


def test_notes_go_on_a_copy_and_leave_the_figure_alone():
    fig = a_figure()
    export.figure_bytes(fig, "html", subtitle="N = 12", source="Corpus: seeds")
    assert fig.layout.annotations == () and fig.layout.height == 400


def test_notes_add_room_so_the_plot_area_keeps_its_size():
    fig = a_figure().update_layout(margin={"t": 60, "b": 80})
    out = export.annotated(fig, subtitle="line one\nline two", source="Corpus: seeds")
    grown_t, grown_b = out.layout.margin.t - 60, out.layout.margin.b - 80
    assert grown_t > 0 and grown_b > 0
    assert out.layout.height == 400 + grown_t + grown_b
    assert [a.text for a in out.layout.annotations] == ["line one<br>line two", "Corpus: seeds"]



def slanted_heatmap() -> go.Figure:
    stories = [f"2018-03-0{i} · a story label of some length ({i})" for i in range(1, 4)]
    fig = go.Figure(go.Heatmap(z=[[1, 2, 3]], x=stories, y=["AP"]))
    return fig.update_layout(height=300, margin={"t": 60, "b": 40}, font={"size": 14}).update_xaxes(tickangle=-35)


def test_the_source_line_goes_below_slanted_tick_labels_not_across_them():
    out = export.annotated(slanted_heatmap(), subtitle="", source="Method: Story grouping")
    [footer] = out.layout.annotations
    label = len("2018-03-01 · a story label of some length (1)")
    hang = label * 14 * 0.5 * 0.57              # the labels' depth: at least half an em a character, × sin 35°
    assert -footer.yshift > hang and out.layout.margin.b > -footer.yshift
    assert out.layout.height - out.layout.margin.t - out.layout.margin.b == 300 - 60 - 40   # the plot keeps its size


def test_slanted_labels_given_as_numpy_arrays_get_their_footer_below_too():
    import numpy as np

    labels = np.array(["a story label of some length, given as an array"] * 2 + ["short"])
    fig = go.Figure(go.Bar(x=labels, y=np.array([1, 2, 3]))).update_xaxes(tickangle=-35)
    [footer] = export.annotated(fig, subtitle="", source="Corpus: seeds").layout.annotations
    assert -footer.yshift > len(labels[0]) * 12 * 0.5 * 0.57


def test_a_figure_that_already_has_room_below_keeps_its_footer_there():
    fig = a_figure().update_layout(margin={"b": 150})
    [footer] = export.annotated(fig, subtitle="", source="Corpus: seeds").layout.annotations
    assert footer.yshift == -150


def test_a_long_method_line_is_wrapped_at_words_never_cut():
    method = "Method: Story grouping (" + "; ".join(f"setting {i} value {i}" for i in range(40)) + ")"
    out = export.annotated(a_figure().update_layout(width=600), subtitle="", source=method)
    [footer] = out.layout.annotations
    lines = footer.text.split("<br>")
    assert len(lines) > 1 and "…" not in footer.text and " ".join(lines) == method
    assert out.layout.margin.b >= 18 * len(lines)


def test_an_unknown_format_is_a_value_error():
    with pytest.raises(ValueError):
        export.figure_bytes(a_figure(), "gif")
    with pytest.raises(ValueError):
        export.figure_bytes(a_figure(), "csv")
    with pytest.raises(ValueError):
        export.filename("Tone", "exe")


def test_images_without_chromium_raise_a_plain_runtime_error(monkeypatch):
    monkeypatch.setattr(export, "_server_started", False)
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(RuntimeError, match="need Chromium"):
        export.figure_bytes(a_figure(), "png")
    assert export.start_image_server() is False


def test_csv_round_trips_through_pandas_and_starts_with_the_bom():
    frame = pd.DataFrame({"outlet": ["Le Monde", "Süddeutsche Zeitung"], "compound": [0.125, -0.5],
                          "headline": ["“Quotes”, commas", "line\nbreak"]})
    data = export.frame_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    pd.testing.assert_frame_equal(back, frame, check_dtype=False)


@pytest.mark.parametrize(("title", "fmt", "expected"), [
    ("Tone by outlet", "png", "tone-by-outlet.png"),
    ("Tone by outlet: mean sentence sentiment per article", "svg", "tone-by-outlet-mean-sentence-sentiment-per-article.svg"),
    ("Süddeutsche Zeitung — Ton", "pdf", "suddeutsche-zeitung-ton.pdf"),
    ("../../etc/passwd <x>", "csv", "etc-passwd-x.csv"),
    ("", "html", "framescope-export.html"),
    ("<>/\\..", "png", "framescope-export.png"),
])
def test_filename_slugs_titles_into_safe_names(title, fmt, expected):
    assert export.filename(title, fmt) == expected


def test_filename_is_never_longer_than_80_characters():
    name = export.filename("word " * 100, "html")
    assert len(name) <= 80 and name.endswith(".html") and "/" not in name and not name.startswith("-")
