"""Every page on an empty corpus folder, and on one holding only files Framescope cannot read:
a plain message saying what was found and what to do, never a traceback."""
import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import ROOT

PAGES = ["overview", "stories", "keywords", "sentiment", "framing", "actors", "compare", "distinctive",
         "concordance", "reader", "briefing", "corpus"]


def _messages(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in (at.info, at.warning, at.error, at.markdown, at.caption) for e in kind)


@pytest.fixture(params=["empty", "unusable"])
def folder(request, tmp_path):
    root = tmp_path / request.param
    root.mkdir()
    if request.param == "unusable":
        (root / "scan.txt").write_bytes(b"\x00\x01\x02\xff binary")
        (root / "blank.md").write_bytes(b"")
        (root / "report.docx").write_bytes(b"PK\x03\x04")
    return root


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_what_was_found_and_what_to_do_on_a_folder_without_articles(page, folder, monkeypatch):
    monkeypatch.setenv("FRAMESCOPE_DATA", str(folder))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    said = _messages(at)
    assert "no article" in said.lower() or "no files" in said.lower() or "holds no" in said.lower(), said[:500]
