"""Briefing reports: self-contained HTML, PDF with pages, ZIP with every file; nothing unescaped."""
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from lib.present import briefing, export, methods

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
CHROMIUM = Path("/usr/bin/chromium")


def item(title="Tone by outlet", note="", outlet="AP"):
    frame = pd.DataFrame({"id": ["a1", "a2"], "outlet": [outlet, "UPI"], "date": pd.to_datetime(["2025-01-01", None])})
    card = methods.card("sentiment", frame, corpus="seeds")
    figure = go.Figure(go.Bar(x=[outlet, "UPI"], y=[0.2, -0.1])).update_layout(title=title)
    return briefing.Item(title=title, figure=figure, card=card, data=pd.DataFrame({"outlet": [outlet], "v": [1]}), note=note)


def test_the_html_report_opens_without_a_network():
    page = briefing.report_html([item(), item("Second chart")])
    assert page.count("Plotly.newPlot") == 2
    assert page.count("function(") > 1000   # plotly.js itself is inside, once
    ours = re.sub(r"<script>.*?</script>", "", page, count=1, flags=re.S)  # plotly.js names its own links
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", ours)  # nothing fetched from elsewhere
    assert "default-src 'none'" in page   # and the browser is told to fetch nothing


def test_notes_titles_outlets_and_data_from_the_corpus_are_escaped():
    page = briefing.report_html([item(title=HOSTILE, note=HOSTILE, outlet=HOSTILE)], title=HOSTILE)
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


def test_each_chart_carries_its_method_card_and_note():
    page = briefing.report_html([item(note="Fox reads darker than AP.")])
    assert "Method: VADER sentence sentiment" in page and "Fox reads darker than AP." in page
    assert "fingerprint" in page and "N articles per outlet: AP 1, UPI 1" in page


def test_a_static_report_needs_an_image_per_chart_and_has_no_script():
    with pytest.raises(ValueError):
        briefing.report_html([item()], static=True, images=[])
    page = briefing.report_html([item()], static=True, images=[b"<svg xmlns='http://www.w3.org/2000/svg'/>"])
    assert "<script" not in page and "data:image/svg+xml;base64," in page


def test_moving_an_item_keeps_every_item_and_stops_at_the_ends():
    items = [item("a"), item("b"), item("c")]
    assert [i.title for i in briefing.move(items, 0, -1)] == ["a", "b", "c"]
    assert [i.title for i in briefing.move(items, 0, 1)] == ["b", "a", "c"]
    assert [i.title for i in briefing.move(items, 2, 5)] == ["a", "b", "c"]
    assert [i.title for i in briefing.move(items, 2, -1)] == ["a", "c", "b"]


def test_an_excel_download_has_the_data_and_the_method_and_runs_no_formula():
    frame = pd.DataFrame({"keyphrase": ["=HYPERLINK(\"http://x\")", "plain"], "share": [0.5, 0.25]})
    book = export.frame_xlsx(frame, method=["Method: YAKE keyphrases"])
    sheets = pd.read_excel(io.BytesIO(book), sheet_name=None)
    assert list(sheets) == ["data", "method"]
    assert sheets["data"]["share"].tolist() == [0.5, 0.25]
    assert sheets["data"]["keyphrase"][0].startswith("'=")   # text, not a formula
    assert sheets["method"].iloc[0, 0] == "Method: YAKE keyphrases"


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make test installs it)")
def test_the_pdf_report_has_a_page_per_chart_and_the_zip_every_file():
    from pypdf import PdfReader

    items = [item("First chart"), item("Second chart", note="a note")]
    export.start_image_server()
    try:
        pdf = briefing.report_pdf(items)
        archive = zipfile.ZipFile(io.BytesIO(briefing.report_zip(items)))
    finally:
        export.stop_image_server()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert "First chart" in reader.pages[0].extract_text() and "a note" in reader.pages[1].extract_text()
    names = set(archive.namelist())
    assert {"briefing.html", "01-first-chart.png", "01-first-chart.svg", "01-first-chart.csv",
            "02-second-chart-method.txt"} <= names
    assert archive.read("01-first-chart.png")[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"Note: a note" in archive.read("02-second-chart-method.txt")
