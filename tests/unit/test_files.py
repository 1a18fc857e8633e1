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
