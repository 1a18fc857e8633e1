"""Articles are untrusted: script and event-handler payloads in titles, outlet names, text, quotations
and file names must show up as text on every page and never run."""
import csv
import io
import json
import re
from pathlib import Path

from playwright.sync_api import expect

from lib.load import corpus

TIMEOUT = 45_000
DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard.py"
SCRIPT = "<script>window.__pwned=1</script>"
IMG = "<img src=x onerror=window.__pwned=1>"
SVG = "<svg onload=window.__pwned=1>"
LINK = "[click](javascript:window.__pwned=1)"
JS = "javascript:window.__pwned=1"
ALERT = '<img src=y onerror="alert(1)">'

# Invented reporting, long and English enough to be analysed, with framing terms, a leader's title
# and quotations for every layer of the reader to mark.
BODY = ("The talks on the war in Ukraine resumed in Geneva on Tuesday, and Chinese President Xi Jinping "
        "sent an envoy. “{quote} we will not accept a partition,” the envoy told reporters. Officials "
        "called the full-scale invasion a disaster for the region, and the envoy said the ceasefire plan "
        "was a good start. President Xi Jinping later praised the “{scare}” talks. {inline} Markets rose "
        "slightly in Europe after the announcement, and analysts said the mood was hopeful but fragile.")


def _article(quote: str, scare: str, inline: str) -> str:
    return BODY.format(quote=quote, scare=scare, inline=inline)


def hostile_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / f"{IMG}.txt").write_text(
        f"---\ntitle: '{SCRIPT} Envoy in Geneva'\noutlet: '{IMG} Coast Post'\ndate: 2025-03-01\n"
        f"url: '{JS}'\n---\n" + _article(SCRIPT, IMG, LINK))
    (folder / f"{LINK}.txt").write_text(
        f"title: {SVG} {LINK}\nsource: {LINK}\ndate: 2025-03-02\n\n" + _article(SVG, LINK, ALERT))
    (folder / f"{SVG} quoted ’n’ \"double\".md").write_text(
        f"# {ALERT} **Envoy** meets ministers\n\n" + _article(IMG, JS, SCRIPT))
    rows = [{"title": f'<a href="{JS}">Valley News report</a>', "outlet": f'<a href="{JS}">Valley News</a>',
             "date": "2025-03-03", "url": JS, "text": _article(LINK, SVG, IMG) + " Valley edition."},
            {"title": f"{IMG}{SCRIPT}", "outlet": f"{SCRIPT}Harbour Times", "date": "2025-03-04",
             "url": f"https://example.test/{IMG}", "text": _article(ALERT, SCRIPT, SVG) + " Harbour edition."}]
    (folder / f"feed {ALERT}.jsonl").write_text("\n".join(json.dumps(row) for row in rows))
    (folder / "page.html").write_text(
        f"<html><head><title>{IMG} Saved page</title><meta property='og:site_name' content='{SVG}Hill Gazette'>"
        f"<script>window.__pwned=1</script></head><body onload='window.__pwned=1'><article><h1>{SCRIPT}</h1>"
        f"<p>{_article('&lt;script&gt;window.__pwned=1&lt;/script&gt;', 'warm', 'Hill edition.')}</p>"
        f"<p>{_article('Again', 'frank', 'A second paragraph from the hill edition.')}</p></article></body></html>")
    (folder / f"{IMG}.exe").write_bytes(b"MZ not an article")  # a problem row with a hostile name
    other_stories = [  # more stories than the Stories page's smallest view, each with payloads too
        {"headline": f"{SVG} Harbour dredging", "publisher": f"{LINK} Port Weekly", "published": "2025-02-10",
         "body": f"The harbour authority said on Monday that dredging of the northern channel would begin in "
                 f"the spring. “{SCRIPT} The channel is silting up faster than expected,” the harbour master told "
                 f"the board. Fishermen welcomed the plan, although some worried about the noise. {IMG}"},
        {"headline": f"{IMG} School budget vote", "publisher": f"{ALERT} County Ledger", "published": "2025-01-20",
         "body": f"The county school board voted on Thursday to cut the transport budget by a tenth. Parents "
                 f"called the decision “{LINK} short-sighted” at a crowded meeting, and teachers said class "
                 f"sizes would grow next year if the cuts went ahead. {SVG}"},
    ]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(other_stories[0]))
    writer.writeheader()
    writer.writerows(other_stories)
    (folder / f"export {SVG}.csv").write_text(buffer.getvalue())
    return folder


def page_paths() -> list[str]:
    """Every page's URL path, read from the router so a new page is visited too."""
    return [""] + re.findall(r'url_path="([^"]+)"', DASHBOARD.read_text())


NOTHING_RAN = """() => {
    const inert = (win) => win.__pwned === undefined;
    const frames = [...document.querySelectorAll('iframe')].map(f => { try { return f.contentWindow; } catch (e) { return null; } });
    const live = [...document.querySelectorAll('a[href^="javascript:" i], [onerror], [onload], [onmouseover], script:not([src])')]
        .filter(el => /__pwned|alert\\(/.test(el.outerHTML));
    return {ran: !inert(window) || frames.some(w => w && !inert(w)), live: live.map(el => el.outerHTML)};
}"""


# The script run has finished (Streamlit marks the app element), nothing is left over from an
# earlier run, the page's heading is drawn and plotly has drawn every chart.
READY = """() => !!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    && !document.querySelector('[data-testid="stElementContainer"][data-stale="true"]')
    && !!document.querySelector('h1')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(chart => chart.querySelector('.main-svg'))"""


def wait_ready(page):
    # Twice, a moment apart: the first run after a server start reruns itself through the router.
    for _ in range(2):
        page.wait_for_function(READY, timeout=TIMEOUT)
        page.wait_for_timeout(300)
    page.wait_for_function(READY, timeout=TIMEOUT)


def assert_inert(page, dialogs, where):
    found = page.evaluate(NOTHING_RAN)
    assert not found["ran"], f"a payload ran on {where}"
    assert not found["live"], f"live payload elements on {where}: {found['live']}"
    assert not dialogs, f"a dialog opened on {where}: {dialogs}"
    assert page.get_by_test_id("stException").count() == 0, where


def hover_every_chart(page, dialogs, where) -> int:
    """Hover the marks of every chart; returns how many hover labels showed a payload as text."""
    shown = 0
    for chart in page.locator('[data-testid="stPlotlyChart"]').all():
        chart.scroll_into_view_if_needed()
        for point in chart.locator("g.point").all()[:8]:
            box = point.bounding_box()
            if not box:
                continue
            # The mouse, not Locator.hover: plotly's drag layer lies over the marks and takes the event.
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            try:
                chart.locator(".hoverlayer .hovertext").first.wait_for(timeout=1_500)
            except Exception:  # no label for this mark (hidden behind another): nothing to check
                continue
            shown += "__pwned" in (chart.locator(".hoverlayer").text_content() or "")
            assert_inert(page, dialogs, f"a hover label on {where}")
    return shown


def test_payloads_in_every_field_stay_text_on_every_page_and_in_the_reader(serve, page, tmp_path):
    folder = hostile_corpus(tmp_path / "corpus")
    loaded = corpus.load(folder)
    assert loaded.articles["outlet"].str.contains("__pwned").sum() >= 4  # the payloads reach the app
    url = serve(folder)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(url)
    wait_ready(page)
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible(timeout=TIMEOUT)
    # The analysis runs in the background; the page redraws when it is done.
    expect(page.get_by_text("still being analysed")).to_have_count(0, timeout=TIMEOUT)
    hover_labels = 0
    for path in page_paths():
        page.goto(f"{url}/{path}")
        wait_ready(page)
        assert_inert(page, dialogs, f"/{path}")
        hover_labels += hover_every_chart(page, dialogs, f"/{path}")
    assert hover_labels > 0  # the hover labels carrying outlet names were really shown

    for article_id in loaded.articles["id"]:
        page.goto(f"{url}/reader?article={article_id}")
        wait_ready(page)
        article = page.locator(".fs-article")
        expect(article).to_be_visible(timeout=TIMEOUT)
        assert "__pwned" in article.inner_text() or "alert(1)" in article.inner_text()  # shown as text
        for marked in article.locator("span[title]").all()[:6]:
            marked.hover()
        page.get_by_text("Raw text as in the file").click()
        assert_inert(page, dialogs, f"the reader on {article_id}")
    assert not page.errors


def test_a_corpus_of_a_single_story_opens_the_stories_page_without_an_exception(serve, page, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "one.txt").write_text(_article("Yes,", "warm", "One edition."))
    page.goto(f"{serve(folder)}/stories")
    wait_ready(page)
    expect(page.get_by_role("heading", name="Stories", exact=True)).to_be_visible(timeout=TIMEOUT)
    assert page.get_by_test_id("stException").count() == 0
