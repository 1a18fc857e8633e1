"""Read-only mode for sharing: no upload box and no editor on any page, and lib refuses writes."""
import pandas as pd
import pytest

from lib.load import uploads
from lib.store.atomic import ReadOnlyError


@pytest.fixture
def read_only(monkeypatch):
    monkeypatch.setenv("FRAMESCOPE_READONLY", "1")


def says_read_only(at) -> bool:
    return any("This dashboard is read-only" in i.value for i in at.info)


def test_a_read_only_corpus_page_has_no_upload_box_and_no_metadata_editor(app, read_only):
    at = app("corpus")
    assert not at.get("file_uploader") and not at.data_editor
    assert says_read_only(at) and not at.exception
    assert any("Read-only" in c.value for c in at.sidebar.caption)


@pytest.mark.parametrize("page", ["framing", "actors", "stories"])
def test_a_read_only_page_shows_its_list_but_no_editor_and_no_save_button(app, read_only, page):
    at = app(page)
    assert not at.data_editor and says_read_only(at) and not at.exception
    assert not [b for b in at.button if b.key and b.key.startswith("save_")]


def test_readonly_in_secrets_toml_hides_the_editors_and_stops_lib_writing_too(app, seed_dir, monkeypatch):
    monkeypatch.setenv("FRAMESCOPE_READONLY", "")  # put back after the test: the app sets it from the secret
    at = app("corpus", secrets={"readonly": True})
    assert not at.get("file_uploader") and not at.data_editor and says_read_only(at)
    with pytest.raises(ReadOnlyError):
        uploads.save(seed_dir, "forged.txt", b"An article a forged request tries to add.")
    assert not (seed_dir / "uploads").exists()


def test_without_read_only_mode_every_editor_is_there(app):
    at = app("corpus")
    assert at.get("file_uploader") and at.data_editor and not says_read_only(at)
    assert isinstance(at.data_editor[0].value, pd.DataFrame)
