"""What only a browser shows: pages render without an exception, filters survive navigation."""
from playwright.sync_api import expect

TIMEOUT = 45_000
PAGES = {"": "Overview", "stories": "Stories", "keywords": "Keywords", "sentiment": "Sentiment", "framing": "Framing", "frames": "Frames", "actors": "Actors",
         "compare": "Compare outlets", "distinctive": "Distinctive terms", "concordance": "Concordance",
         "reader": "Article reader", "corpus": "Corpus"}  # url path -> heading


def wait_ready(page):
    page.wait_for_selector('[data-testid="stApp"]', timeout=TIMEOUT)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT)


def test_every_page_opens_on_the_sample_corpus_without_an_exception(serve, seed_copy, page):
    url = serve(seed_copy)
    for path, heading in PAGES.items():
        page.goto(f"{url}/{path}")
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=TIMEOUT)
        wait_ready(page)
        assert page.get_by_test_id("stException").count() == 0, path
    page.goto(url)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=TIMEOUT)
    assert not page.errors


def test_no_page_requests_anything_outside_the_machine(serve, seed_copy, page):
    url = serve(seed_copy)
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith((url, "data:", "blob:")) else None)
    for path, heading in PAGES.items():
        page.goto(f"{url}/{path}")
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=TIMEOUT)
        wait_ready(page)
    page.wait_for_timeout(1000)  # the favicon and late assets
    assert outside == []


def test_a_filtered_link_reproduces_the_view_and_survives_a_page_switch(serve, seed_copy, page):
    url = serve(seed_copy)
    page.goto(f"{url}/corpus?outlet=UPI")  # a fresh server's first run goes through the router too
    expect(page.get_by_role("heading", name="Corpus", exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stSidebarNav")).to_contain_text("Overview")
    page.goto(f"{url}/?outlet=UPI")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("1", timeout=TIMEOUT)
    page.get_by_test_id("stSidebarNav").get_by_text("Corpus").click()
    expect(page.get_by_role("heading", name="Corpus", exact=True)).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stSidebarNav").get_by_text("Overview").click()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("1", timeout=TIMEOUT)
    assert "outlet=UPI" in page.url


def test_uploading_a_file_adds_it_to_the_corpus_without_touching_existing_files(serve, seed_copy, page, tmp_path):
    url = serve(seed_copy)
    before = {p.name: p.read_bytes() for p in seed_copy.iterdir()}
    upload = tmp_path / "late news.txt"
    upload.write_text("A late article: the two presidents met again in Beijing on Tuesday for more talks.")
    page.goto(f"{url}/corpus")
    expect(page.get_by_role("heading", name="Add files")).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(upload))
    page.get_by_role("button", name="Add 1 file to the corpus").click()
    expect(page.get_by_text("saved as uploads/late news.txt")).to_be_visible(timeout=TIMEOUT)
    assert (seed_copy / "uploads" / "late news.txt").read_text() == upload.read_text()
    assert {n: (seed_copy / n).read_bytes() for n in before} == before
    page.get_by_role("button", name="Add 1 file to the corpus").click()  # the same file again
    expect(page.get_by_text("renamed").first).to_be_visible(timeout=TIMEOUT)
    assert (seed_copy / "uploads" / "late news (2).txt").exists()


def test_a_date_range_and_story_in_the_link_reproduce_the_view(serve, seed_copy, page):
    url = serve(seed_copy)
    page.goto(f"{url}/?dates=2025-05-08&dates=2025-05-31&undated=false")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("2", timeout=TIMEOUT)
    page.get_by_test_id("stSidebarNav").get_by_text("Stories").click()
    expect(page.get_by_role("heading", name="Stories", exact=True)).to_be_visible(timeout=TIMEOUT)
    assert "undated=false" in page.url and "dates=2025-05-08" in page.url


def test_a_chart_downloads_as_png_svg_and_its_data_as_csv(serve, seed_copy, page):
    import csv
    import io
    import xml.etree.ElementTree as ET

    url = serve(seed_copy)
    page.goto(url)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=TIMEOUT)
    files = {}
    for label in ("PNG", "SVG", "CSV (the data)"):
        page.get_by_test_id("stPopover").first.click()
        with page.expect_download(timeout=TIMEOUT) as download:
            page.get_by_test_id("stDownloadButton").filter(has_text=label).first.click()
        files[label] = open(download.value.path(), "rb").read()
        page.keyboard.press("Escape")
    assert files["PNG"].startswith(b"\x89PNG\r\n\x1a\n") and len(files["PNG"]) > 5000
    assert "Articles per outlet" in "".join(ET.fromstring(files["SVG"]).itertext())
    rows = list(csv.DictReader(io.StringIO(files["CSV (the data)"].decode("utf-8-sig"))))
    assert {r["outlet"]: int(r["articles"]) for r in rows} == {
        "(unknown outlet)": 3, "UPI": 1, "Best Reviews By Consumers": 1}


def _briefing_with_a_note(page, url: str) -> None:
    """Add the Sentiment page's first chart to the briefing, open the Briefing page, write a note."""
    page.goto(f"{url}/sentiment")
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=TIMEOUT)
    page.get_by_role("button", name="Add to briefing").first.click()
    expect(page.get_by_text("Added to the briefing (1 chart)")).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stSidebarNav").get_by_text("Briefing").click()
    expect(page.get_by_text("1. Tone by outlet")).to_be_visible(timeout=TIMEOUT)
    page.get_by_label("Note").fill("UPI reads warmest.")
    page.get_by_label("Note").press("Control+Enter")
    page.wait_for_timeout(300)   # the note's rerun starts
    wait_ready(page)


def test_a_chart_added_to_the_briefing_downloads_as_html_and_pdf(serve, seed_copy, page):
    import io
    import re

    from pypdf import PdfReader

    url = serve(seed_copy)
    _briefing_with_a_note(page, url)
    files = {}
    for label in ("HTML", "PDF"):
        # The PDF starts Chromium twice (charts, then print): allow for a busy machine.
        with page.expect_download(timeout=4 * TIMEOUT) as download:
            page.get_by_test_id("stDownloadButton").filter(has_text=label).first.click()
        files[label] = open(download.value.path(), "rb").read()
    html = files["HTML"].decode("utf-8")
    assert "Tone by outlet" in html and "UPI reads warmest." in html and "Plotly.newPlot" in html
    assert not re.search(r"""<(?:script|link|img)[^>]+(?:src|href)=["']?https?:""", html)
    pdf = PdfReader(io.BytesIO(files["PDF"]))
    text = pdf.pages[0].extract_text()
    assert len(pdf.pages) == 1 and "Tone by outlet" in text and "UPI reads warmest." in text


def test_a_saved_briefing_reopens_from_its_link_on_a_restarted_server(serve, seed_copy, page):
    url = serve(seed_copy)
    _briefing_with_a_note(page, url)
    page.get_by_role("textbox", name="Briefing name").fill("Week 19")
    page.get_by_role("textbox", name="Briefing name").press("Enter")
    wait_ready(page)
    page.get_by_role("button", name="Save as").click()
    expect(page.get_by_text("all changes saved")).to_be_visible(timeout=TIMEOUT)
    assert "briefing=Week" in page.url
    page.get_by_test_id("stSidebarNav").get_by_text("Overview").click()
    page.get_by_test_id("stSidebarNav").get_by_text("Briefing").click()
    expect(page.get_by_text("all changes saved")).to_be_visible(timeout=TIMEOUT)
    assert "briefing=Week" in page.url   # back on the page, its link names the briefing again

    restarted = serve(seed_copy)   # a new server process: nothing of the first one's memory
    page.goto(f"{restarted}/briefing?briefing=Week%2019")
    expect(page.get_by_text("1. Tone by outlet")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_label("Note")).to_have_value("UPI reads warmest.", timeout=TIMEOUT)
    wait_ready(page)
    with page.expect_download(timeout=TIMEOUT) as download:
        page.get_by_test_id("stDownloadButton").filter(has_text="HTML").first.click()
    html = open(download.value.path(), encoding="utf-8").read()
    assert "Tone by outlet" in html and "UPI reads warmest." in html
    assert page.get_by_test_id("stException").count() == 0 and not page.errors


def _slanted_figures():
    import pandas as pd
    import plotly.graph_objects as go

    from lib.present import charts

    outlets = ["AP", "The Very Long Name Of A Regional Outlet", "UPI", "Daily Post"]
    rows = [(f"s{i}", o, (i + j) % 3, 1, "covered" if (i + j) % 3 else "blindspot")
            for i in range(6) for j, o in enumerate(outlets)]
    cover = pd.DataFrame(rows, columns=["story", "outlet", "articles", "in_window", "status"])
    matrix = charts.coverage_matrix(cover.assign(blindspot=cover["status"] == "blindspot"),
                                    names={f"s{i}": f"2018-03-0{i + 1} · a story about something ({i})" for i in range(6)})
    # Any chart with slanted category labels and a small bottom margin (a keyword heatmap, say).
    phrases = [f"a rather long keyphrase number {i}" for i in range(8)]
    generic = go.Figure(go.Heatmap(z=[list(range(8))], x=phrases, y=["AP"]))
    generic.update_layout(height=300, margin={"b": 40}, font={"size": 14}).update_xaxes(tickangle=-40)
    return {"coverage": matrix, "generic": generic}


def test_an_exported_charts_source_line_sits_below_its_slanted_axis_labels(browser, tmp_path):
    """The exported HTML, laid out by plotly.js in Chromium (kaleido draws PNG and PDF with the same
    plotly.js): the footer's box starts below every x tick label and the legend, inside the image."""
    from lib.present import export

    method = "Method: Story grouping (" + "; ".join(f"setting {i} value {i}" for i in range(30)) + ")"
    for name, fig in _slanted_figures().items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(export.figure_bytes(fig, "html", subtitle="Filters: all outlets",
                                             source=f"{method}\nFramescope · corpus test"))
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            tab.goto(path.as_uri())
            tab.wait_for_selector(".main-svg .xtick text", timeout=TIMEOUT)
            boxes = tab.evaluate("""() => {
                const box = e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; };
                const notes = [...document.querySelectorAll('.annotation')].map(box).sort((a, b) => a[0] - b[0]);
                return {ticks: [...document.querySelectorAll('.xtick text')].map(box),
                        legend: [...document.querySelectorAll('.legend .traces')].map(box),
                        footer: notes[notes.length - 1],
                        image: box(document.querySelector('.main-svg'))};
            }""")
        finally:
            tab.close()
        footer_top, footer_bottom = boxes["footer"][0], boxes["footer"][1]
        lowest = max(b[1] for b in boxes["ticks"] + boxes["legend"])
        assert footer_top >= lowest, (name, footer_top, lowest)
        assert footer_bottom <= boxes["image"][1], name                  # the wrapped method line is not clipped
        assert footer_bottom - footer_top > 2 * 12, name                 # and it is wrapped, not cut to one line
