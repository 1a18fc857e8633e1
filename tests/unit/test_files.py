import os

import pytest

from lib.load import files


def by_rel(root):
    return {e.rel: e for e in files.walk(root)}


def test_supported_files_are_found_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("x")
    (tmp_path / "one.md").write_text("x")
    assert [e.rel for e in files.walk(tmp_path)] == ["b/two.txt", "one.md"]


def test_unsupported_hidden_and_metadata_files_are_not_articles(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / ".DS_Store").write_bytes(b"x")
    (tmp_path / "sources.csv").write_text("file,outlet\n")
    (tmp_path / "README.md").write_text("about this folder")
    found = by_rel(tmp_path)
    assert ".DS_Store" not in found
    assert found["photo.jpg"].status == "skipped" and "not supported" in found["photo.jpg"].problem
    assert found["sources.csv"].status == "skipped"
    assert found["README.md"].status == "skipped"


def test_empty_and_oversized_files_are_errors(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_ARTICLE_BYTES", 100)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_bytes(b"x" * 101)
    found = by_rel(tmp_path)
    assert found["empty.txt"].problem == "empty file"
    assert "too large" in found["big.txt"].problem


def test_a_fifo_is_listed_and_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    entry = by_rel(tmp_path)["pipe.txt"]
    assert entry.status == "skipped" and "named pipe" in entry.problem


def test_a_link_pointing_outside_the_folder_is_not_followed(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("private")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "link.txt").symlink_to(outside)
    entry = by_rel(corpus)["link.txt"]
    assert entry.status == "skipped" and "outside" in entry.problem


def test_a_link_inside_the_folder_is_read(tmp_path):
    (tmp_path / "real.txt").write_text("an article")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "real.txt")
    entry = by_rel(tmp_path)["alias.txt"]
    assert entry.status == "candidate"
    assert files.read_bytes(entry) == b"an article"


def test_a_file_swapped_for_a_fifo_after_walking_is_refused_without_blocking(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("text")
    entry = by_rel(tmp_path)["a.txt"]
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(OSError, match="not a regular file"):
        files.read_bytes(entry)


def test_a_hidden_file_is_listed_as_skipped_with_the_reason(tmp_path):
    (tmp_path / ".draft.txt").write_text("An article someone saved with a leading dot.")
    found = by_rel(tmp_path)
    assert found[".draft.txt"].status == "skipped" and "hidden file" in found[".draft.txt"].problem


def test_a_hidden_folder_is_one_entry_and_its_files_are_not_read(tmp_path):
    (tmp_path / ".git" / "objects").mkdir(parents=True)
    (tmp_path / ".git" / "config").write_text("[core]")
    (tmp_path / ".git" / "objects" / "ab").write_text("x")
    found = by_rel(tmp_path)
    assert list(found) == [".git"] and "hidden folder" in found[".git"].problem


def test_operating_system_litter_is_counted_in_one_entry_not_listed(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in (".DS_Store", "._story.txt", "sub/Thumbs.db", "sub/.DS_Store"):
        (tmp_path / name).write_bytes(b"\x00\x05")
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "._story.txt").write_bytes(b"\x00")
    found = by_rel(tmp_path)
    assert list(found) == [files.LITTER]
    assert found[files.LITTER].status == "skipped" and found[files.LITTER].problem.startswith("5 operating-system")


def test_framescope_own_copies_temporaries_and_saved_briefings_are_not_listed(tmp_path):
    (tmp_path / ".framing.csv.previous").write_text("group,term,variants\n")
    (tmp_path / ".framescope-abc123.tmp").write_bytes(b"half a save")
    (tmp_path / "briefings").mkdir()
    (tmp_path / "briefings" / "monday.json").write_text("{}")
    (tmp_path / "story.txt").write_text("An article.")
    assert list(by_rel(tmp_path)) == ["story.txt"]
