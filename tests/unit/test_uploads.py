from lib import uploads


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
