"""Every page on an empty corpus folder, and on one holding only files Framescope cannot read:
a plain message saying what was found and what to do, never a traceback."""
import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import ROOT

PAGES = ["overview", "stories", "keywords", "sentiment", "framing", "frames", "actors", "compare", "distinctive",
         "concordance", "reader", "briefing", "corpus"]


def _messages(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in (at.info, at.warning, at.error, at.markdown, at.caption) for e in kind)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_what_was_found_and_what_to_do_on_a_folder_without_articles(page, articleless, monkeypatch):
    monkeypatch.setenv("FRAMESCOPE_DATA", str(articleless))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    said = _messages(at)
    assert "no article" in said.lower() or "no files" in said.lower() or "holds no" in said.lower(), said[:500]
