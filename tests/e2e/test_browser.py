"""What only a browser shows: pages render without an exception, filters survive navigation."""
from playwright.sync_api import expect

TIMEOUT = 45_000
PAGES = {"": "Overview", "corpus": "Corpus"}  # url path -> heading


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
