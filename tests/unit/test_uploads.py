import os
import threading

import pandas as pd
import pytest

from lib.actors import table as actorlist
from lib.load import corpus, metadata, uploads
from lib import framing, stories
from lib.store.atomic import ChangedSinceLoaded, ReadOnlyError, version


def test_path_traversal_and_hidden_names_are_neutralised():
    assert str(uploads.safe_relative_path("../../etc/passwd.txt")) == "etc/passwd.txt"
    assert str(uploads.safe_relative_path("/abs/.hidden.txt")) == "abs/hidden.txt"
    assert str(uploads.safe_relative_path("folder\\sub\\a b [1].txt")) == "folder/sub/a b [1].txt"
    assert uploads.safe_relative_path("../..") is None


def test_an_upload_never_overwrites_an_existing_file(tmp_path):
    first = uploads.save(tmp_path, "story.txt", b"first")
    second = uploads.save(tmp_path, "story.txt", b"second")
    assert first.path.read_bytes() == b"first"
    assert second.path.name == "story (2).txt" and second.path.read_bytes() == b"second"
    assert "renamed" in second.message


def test_unsupported_empty_and_oversized_uploads_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(uploads.files, "MAX_ARTICLE_BYTES", 10)
    assert uploads.save(tmp_path, "x.exe", b"MZ").path is None
    assert "empty" in uploads.save(tmp_path, "x.txt", b"  \n").message
    assert "limit" in uploads.save(tmp_path, "x.txt", b"x" * 11).message
    assert not any(tmp_path.rglob("*.txt"))


def test_folder_uploads_keep_their_structure_under_uploads(tmp_path):
    saved = uploads.save(tmp_path, "batch/may/a.txt", b"text")
    assert saved.path == tmp_path / "uploads" / "batch" / "may" / "a.txt"


# --- hardening: names, limits, atomic writes, duplicates --------------------------------------

ARTICLE = b"The ferry operators said on Monday that the new timetable would start in the autumn."


@pytest.mark.parametrize("name, expected", [
    ("..\\..\\windows\\evil.txt", "windows/evil.txt"),
    ("C:\\Users\\me\\story.txt", "C_/Users/me/story.txt"),
    ("a/./b/../c.txt", "a/b/c.txt"),
    ("folder/.git/config.txt", "folder/git/config.txt"),
    ("...hidden.txt", "hidden.txt"),
    ("line\nbreak\ttab\x00nul.txt", "linebreaktabnul.txt"),
    ("<img src=x onerror=alert(1)>.txt", "_img src_x onerror_alert(1)_.txt"),
    ("  spaced out  .txt ", "spaced out  .txt"),
])
def test_uploaded_names_never_climb_out_hide_or_carry_control_characters(name, expected):
    rel = uploads.safe_relative_path(name)
    assert str(rel) == expected
    assert not rel.is_absolute() and ".." not in rel.parts
    assert not any(part.startswith(".") for part in rel.parts)


def test_every_supported_extension_is_accepted_in_any_case_and_others_are_refused(tmp_path):
    for suffix in sorted(uploads.files.SUPPORTED_SUFFIXES):
        assert uploads.save(tmp_path, f"a{suffix.upper()}", ARTICLE).path is not None, suffix
    for name in ("a.7z", "a.rar", "a.exe", "a"):
        saved = uploads.save(tmp_path, name, ARTICLE)
        assert saved.path is None and "not supported" in saved.message, name
    assert len(list((tmp_path / "uploads").iterdir())) == len(uploads.files.SUPPORTED_SUFFIXES)


def test_the_size_limit_message_gives_the_size_and_the_limit(tmp_path):
    over = b"x" * (uploads.files.MAX_ARTICLE_BYTES + 1)
    assert uploads.save(tmp_path, "big.txt", over).message == "refused: 5.0 MB is over the 5 MB limit"
    assert uploads.save(tmp_path, "fine.txt", over[:-1]).path is not None  # the limit itself is allowed
    assert uploads.save(tmp_path, "big.csv", over).path is not None  # exports have the larger limit


def test_an_upload_into_a_link_that_leads_outside_the_corpus_is_refused(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "uploads").symlink_to(outside)
    saved = uploads.save(root, "story.txt", ARTICLE)
    assert saved.path is None and "outside the corpus folder" in saved.message
    assert not any(outside.iterdir())


def test_many_uploads_of_one_name_at_once_each_get_their_own_file(tmp_path):
    results = []
    threads = [threading.Thread(target=lambda n=n: results.append(
        uploads.save(tmp_path, "story.txt", ARTICLE + b" Copy %d." % n))) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    written = sorted(p.name for p in (tmp_path / "uploads").iterdir())
    assert written == ["story (2).txt", "story (3).txt", "story (4).txt", "story (5).txt", "story (6).txt",
                       "story (7).txt", "story (8).txt", "story.txt"]
    assert sorted(r.path.read_bytes() for r in results) == sorted(ARTICLE + b" Copy %d." % n for n in range(8))


def test_an_upload_that_fails_midway_leaves_no_file_and_no_temporary_file(tmp_path, monkeypatch):
    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("lib.store.atomic.os.link", full_disk)
    with pytest.raises(OSError):
        uploads.save(tmp_path, "story.txt", ARTICLE)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_an_upload_with_the_text_of_an_existing_article_is_reported_as_a_duplicate(tmp_path):
    (tmp_path / "original.txt").write_bytes(ARTICLE)
    saved = uploads.save(tmp_path, "copy of original.txt", ARTICLE.upper().replace(b".", b"!"))
    records = corpus.load(tmp_path).records.set_index("file")
    row = records.loc[saved.path.relative_to(tmp_path).as_posix()]
    assert row["status"] == "duplicate" and row["message"] == "same text as original.txt"
    assert records.loc["original.txt", "status"] == "loaded"


# --- hardening: every editor validates, writes atomically and keeps the previous version -------

# Each saves as an editor that has just read the file does, or one that read it at ``expected``.
NOW = object()


def _expected(path, expected):
    return version(path) if expected is NOW else expected


def _sources(root, value, expected=NOW):
    return _sources_values(root, {("a.txt", None): {"outlet": value}}, expected)


def _sources_values(root, values, expected=NOW):
    return metadata.write_overrides(root, values, expected=_expected(root / "sources.csv", expected))


def _lexicon(root, value, expected=NOW):
    return framing.save_lexicon(root, pd.DataFrame([["naming", value, value]], columns=list(framing.COLUMNS)),
                                expected=_expected(root / "framing.csv", expected))


def _actors(root, value, expected=NOW):
    return _actor_rows(root, pd.DataFrame({"actor": [value], "alias": [value]}), expected)


def _actor_rows(root, rows, expected=NOW):
    return actorlist.save_actors(root, rows, expected=_expected(root / "actors.csv", expected))


def _stories(root, value, expected=NOW):
    return _story_rows(root, pd.DataFrame({"action": ["rename"], "story": ["s-1"], "name": [value]}), expected)


def _story_rows(root, rows, expected=NOW):
    return stories.save_overrides(root, rows, expected=_expected(root / "stories.csv", expected))


EDITORS = {
    "sources.csv": (_sources, lambda root: _sources_values(root, {("a.txt", None): {"date": "soon"}})),
    "framing.csv": (_lexicon, lambda root: _lexicon(root, "the")),
    "actors.csv": (_actors, lambda root: _actor_rows(
        root, pd.DataFrame({"actor": ["Ann Lee", "Bo Lee"], "alias": ["Lee", "Lee"]}))),
    "stories.csv": (_stories, lambda root: _story_rows(root, pd.DataFrame({"action": ["explode"]}))),
}


@pytest.mark.parametrize("name", EDITORS)
def test_an_edit_keeps_the_previous_version_and_leaves_no_temporary_file(tmp_path, name):
    save, _ = EDITORS[name]
    save(tmp_path, "Harbourmaster")
    save(tmp_path, "Lighthouse")
    assert "Lighthouse" in (tmp_path / name).read_text() and "Harbourmaster" not in (tmp_path / name).read_text()
    assert "Harbourmaster" in (tmp_path / f".{name}.previous").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".{name}.previous", name]


@pytest.mark.parametrize("name", EDITORS)
def test_an_invalid_edit_is_refused_and_the_saved_file_is_untouched(tmp_path, name):
    save, bad = EDITORS[name]
    save(tmp_path, "Harbourmaster")
    before = (tmp_path / name).read_bytes()
    with pytest.raises(ValueError):
        bad(tmp_path)
    assert (tmp_path / name).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize("name", EDITORS)
def test_an_edit_interrupted_at_the_last_step_leaves_the_old_file_whole(tmp_path, monkeypatch, name):
    save, _ = EDITORS[name]
    save(tmp_path, "Harbourmaster")
    before = (tmp_path / name).read_bytes()
    real_replace = os.replace

    def crash_on_the_final_rename(src, dst):
        if os.path.basename(dst) == name:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr("lib.store.atomic.os.replace", crash_on_the_final_rename)
    with pytest.raises(OSError):
        save(tmp_path, "Lighthouse")
    assert (tmp_path / name).read_bytes() == before
    assert not list(tmp_path.glob(".framescope-*.tmp"))


@pytest.mark.parametrize("name", EDITORS)
def test_a_save_over_a_colleagues_newer_save_is_refused_and_writes_nothing(tmp_path, name):
    save, _ = EDITORS[name]
    save(tmp_path, "Harbourmaster")
    opened = version(tmp_path / name)          # this analyst's editor reads the file
    save(tmp_path, "Lighthouse")               # a colleague saves first
    theirs = (tmp_path / name).read_bytes()
    with pytest.raises(ChangedSinceLoaded, match=f"{name} was changed by someone else"):
        save(tmp_path, "Breakwater", expected=opened)
    assert (tmp_path / name).read_bytes() == theirs
    save(tmp_path, "Breakwater", expected=version(tmp_path / name))  # after a reload or a merge it goes through
    assert "Breakwater" in (tmp_path / name).read_text()


@pytest.mark.parametrize("name", EDITORS)
def test_a_file_a_colleague_created_after_the_editor_opened_is_not_replaced(tmp_path, name):
    save, _ = EDITORS[name]
    save(tmp_path, "Lighthouse")
    with pytest.raises(ChangedSinceLoaded):
        save(tmp_path, "Breakwater", expected=None)  # the editor saw no file
    assert "Lighthouse" in (tmp_path / name).read_text()


@pytest.mark.parametrize("name", EDITORS)
def test_read_only_mode_refuses_every_editor_and_writes_nothing(tmp_path, monkeypatch, name):
    save, _ = EDITORS[name]
    save(tmp_path, "Harbourmaster")
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())
    monkeypatch.setenv("FRAMESCOPE_READONLY", "1")
    with pytest.raises(ReadOnlyError):
        save(tmp_path, "Lighthouse")
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir()) == before


def test_read_only_mode_refuses_uploads_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMESCOPE_READONLY", "1")
    with pytest.raises(ReadOnlyError):
        uploads.save(tmp_path, "story.txt", ARTICLE)
    assert list(tmp_path.iterdir()) == []


def test_the_servers_upload_limit_is_the_loaders_and_prints_as_megabytes():
    import tomllib
    from pathlib import Path

    from lib.load import files

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 1_000_000 == files.MAX_EXPORT_BYTES
    # Streamlit's upload box shows a limit above 500 MB in whole gigabytes: 512 MB read "1GB per file"
    assert files.MAX_EXPORT_BYTES <= 500_000_000
