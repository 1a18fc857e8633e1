"""Eight analysts on one server while files come and go: no session shows an exception, each shows
an article count the folder really had at some moment, and all agree once the changes stop."""
import os
import random
import threading
from pathlib import Path

from playwright.sync_api import expect

TIMEOUT = 60_000
SESSIONS = 8
CHANGES = 24  # files added or removed while the sessions run, 0.3 s apart
ROUNDS = 2    # each session opens the Overview this often while the folder changes
TOPICS = ["the harbour", "the new bridge", "the school budget", "the river floods", "the rail strike",
          "the winter market", "the fishing quotas", "the hospital wing", "the bus timetable", "the port tax"]


def article(number: int, *, date: str | None = None) -> str:
    """An invented article, different for every number (so none is a duplicate of another)."""
    picker = random.Random(number)
    topic, other = picker.sample(TOPICS, 2)
    header = f"source: Outlet {number % 3}\n" + (f"date: {date}\n" if date else "") + "\n"
    return (f"{header}Article {number}: the council debated {topic} on Monday evening, and residents asked "
            f"about {other}. The mayor said a decision on {topic} would come within {number + 2} weeks, and "
            f"the opposition called the delay number {number} a mistake that the town could not afford.")


def put(folder: Path, number: int, *, date: str | None = None) -> None:
    # Written beside the folder's files under a hidden name, then renamed: a reader sees the whole
    # file or none of it, so the folder's article count is well defined at every moment.
    temporary = folder / f".writing-{number}"
    temporary.write_text(article(number, date=date))
    os.replace(temporary, folder / f"article {number}.txt")


def present(folder: Path) -> int:
    return len(list(folder.glob("*.txt")))


def wait_ready(page):
    page.wait_for_selector('[data-testid="stApp"]', timeout=TIMEOUT)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT)


def shown_count(page) -> int:
    """The Overview's article count, checked against the sidebar's count drawn in the same run."""
    snapshot = page.wait_for_function(SNAPSHOT, timeout=TIMEOUT).json_value()
    metric, caption = (int(number.replace(",", "")) for number in snapshot)
    assert metric == caption, f"the Overview shows {metric} articles, the sidebar {caption}"
    return metric


# Read once the run has finished (Streamlit marks the app element): while Streamlit reruns,
# elements the new run has not reached yet are still on the page from the previous run (marked
# data-stale), e.g. the sidebar already new and the metric still old.
SNAPSHOT = """() => {
    if (!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')) return null;
    if (document.querySelector('[data-testid="stElementContainer"][data-stale="true"]')) return null;
    const metric = [...document.querySelectorAll('[data-testid="stMetric"]')]
        .find(m => m.querySelector('[data-testid="stMetricLabel"]')?.innerText.trim() === 'Articles');
    const caption = [...document.querySelectorAll('[data-testid="stSidebar"] [data-testid="stCaptionContainer"]')]
        .map(c => c.innerText).find(text => text.startsWith('Corpus:'));
    if (!metric || !caption) return null;
    return [metric.querySelector('[data-testid="stMetricValue"]').innerText, caption.match(/([\\d,]+) articles/)[1]];
}"""


def test_eight_sessions_while_files_come_and_go_see_no_exception_and_a_real_count(serve, browser, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number in range(6):
        put(folder, number)
    url = serve(folder)
    counts_on_disk = {present(folder)}
    stop = threading.Event()

    def change_the_folder():
        number = 6
        while number < CHANGES + 6 and not stop.wait(0.3):
            if number % 3 == 2:  # two added, one removed: the count drifts up through many values
                (folder / f"article {number - 5}.txt").unlink()
            else:
                put(folder, number)
            counts_on_disk.add(present(folder))
            number += 1

    contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in range(SESSIONS)]
    pages = [context.new_page() for context in contexts]
    errors: list[str] = []
    for tab in pages:
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
    changer = threading.Thread(target=change_the_folder, daemon=True)
    shown: list[int] = []
    try:
        changer.start()
        for _ in range(ROUNDS):
            for tab in pages:  # every session starts its run before any is read: they overlap
                tab.goto(url, wait_until="commit")
            for tab in pages:
                shown.append(shown_count(tab))
                assert tab.get_by_test_id("stException").count() == 0
        stop.set()
        changer.join()
        final = present(folder)
        for tab in pages:
            tab.goto(url, wait_until="commit")
        settled = [shown_count(tab) for tab in pages]
        for tab in pages:
            assert tab.get_by_test_id("stException").count() == 0
    finally:
        stop.set()
        for context in contexts:
            context.close()
    assert len(counts_on_disk) > 3, "the folder hardly changed while the sessions ran"
    assert set(shown) <= counts_on_disk, (shown, sorted(counts_on_disk))
    assert settled == [final] * SESSIONS
    assert not errors


def open_on_three_articles(serve, page, tmp_path) -> Path:
    """A corpus of three articles (two dated), served and open on the Overview; returns its folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number, day in enumerate(["2025-04-01", "2025-04-03", None]):
        put(folder, number, date=day)
    page.goto(serve(folder))
    assert shown_count(page) == 3
    return folder


def test_an_article_added_while_a_page_is_open_is_counted_once_the_page_reruns(serve, page, tmp_path):
    folder = open_on_three_articles(serve, page, tmp_path)
    put(folder, 3, date="2025-04-20")
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_text("Corpus").click()  # moving to another page and back reruns in the same session
    expect(page.get_by_role("heading", name="Corpus", exact=True)).to_be_visible(timeout=TIMEOUT)
    nav.get_by_text("Overview").click()
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible(timeout=TIMEOUT)
    assert shown_count(page) == 4


def test_an_idle_page_shows_a_dropped_file_and_a_removed_one_without_a_click(serve, page, tmp_path):
    folder = open_on_three_articles(serve, page, tmp_path)
    put(folder, 3, date="2025-04-20")  # nobody touches the page from here on
    wait_count(page, 4)
    (folder / "article 0.txt").unlink()
    wait_count(page, 3)
    assert not page.errors


def wait_count(page, wanted: int) -> None:
    """Wait (no click, no reload) until the Overview and the sidebar agree on ``wanted`` articles."""
    page.wait_for_function(f"() => {{ const shown = ({SNAPSHOT})(); return shown && shown[0] === '{wanted}' "
                           f"&& shown[1] === '{wanted}'; }}", timeout=TIMEOUT)
