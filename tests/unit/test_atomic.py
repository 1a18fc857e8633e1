"""lib.store.atomic: saves that never lose someone else's newer save, and a read-only mode."""
import pytest

from lib.store import atomic


def test_a_save_goes_through_when_nobody_changed_the_file_since_it_was_read(tmp_path):
    path = tmp_path / "framing.csv"
    path.write_bytes(b"group,term,variants\n")
    seen = atomic.version(path)
    atomic.save_if_unchanged(path, b"group,term,variants\nwar,war,war\n", expected=seen)
    assert path.read_bytes().endswith(b"war,war,war\n")
    assert (tmp_path / ".framing.csv.previous").read_bytes() == b"group,term,variants\n"


def test_a_save_over_a_newer_save_is_refused_and_writes_nothing(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_bytes(b"file,outlet\na.txt,AP\n")
    mine = atomic.version(path)
    path.write_bytes(b"file,outlet\na.txt,Reuters\n")    # the other analyst saved first
    with pytest.raises(atomic.ChangedSinceLoaded):
        atomic.save_if_unchanged(path, b"file,outlet\na.txt,UPI\n", expected=mine)
    assert path.read_bytes() == b"file,outlet\na.txt,Reuters\n"


def test_a_file_created_by_someone_else_after_the_editor_opened_is_not_overwritten(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_bytes(b"actor,alias\nXi Jinping,Xi\n")
    with pytest.raises(atomic.ChangedSinceLoaded):
        atomic.save_if_unchanged(path, b"actor,alias\n", expected=None)


def test_read_only_mode_refuses_every_save(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMESCOPE_READONLY", "1")
    path = tmp_path / "stories.csv"
    with pytest.raises(atomic.ReadOnlyError):
        atomic.save_if_unchanged(path, b"action\n", expected=None)
    assert not path.exists()


def test_a_save_hands_back_the_version_the_next_save_expects(tmp_path):
    path = tmp_path / "briefing.json"
    mine = atomic.save_if_unchanged(path, b"{}", expected=None)
    assert mine == atomic.version(path)
    atomic.save_if_unchanged(path, b"{\"items\": []}", expected=mine)   # my second save goes through
    with pytest.raises(atomic.ChangedSinceLoaded):
        atomic.save_if_unchanged(path, b"{}", expected=mine)            # a stale version does not


def _mode(path) -> int:
    return path.stat().st_mode & 0o777


def test_a_saved_file_is_readable_by_others_like_any_file_created_by_hand(tmp_path):
    by_hand = tmp_path / "by_hand.csv"
    by_hand.write_bytes(b"x\n")                                   # what open() gives under this umask
    atomic.save_if_unchanged(tmp_path / "sources.csv", b"file,outlet\n", expected=None)
    atomic.atomic_write(tmp_path / "briefing.json", b"{}")
    made = atomic.create_new(tmp_path, "upload.txt", b"text")
    atomic.write_file(tmp_path / "cache.parquet", lambda tmp: open(tmp, "wb").write(b"x"))
    handle, tmp = atomic.open_temporary(tmp_path)
    with handle:
        handle.write(b"x")
    atomic.publish_file(tmp, tmp_path / "texts.txt")
    for path in ("sources.csv", "briefing.json", made.name, "cache.parquet", "texts.txt"):
        assert _mode(tmp_path / path) == _mode(by_hand) == 0o666 & ~_current_umask(), path


def test_a_replaced_file_keeps_its_permissions_and_so_does_its_previous_copy(tmp_path):
    path = tmp_path / "framing.csv"
    path.write_bytes(b"group,term,variants\n")
    path.chmod(0o640)
    atomic.save_if_unchanged(path, b"group,term,variants\nwar,war,war\n", expected=atomic.version(path))
    assert _mode(path) == 0o640
    assert _mode(tmp_path / ".framing.csv.previous") == 0o640


def test_the_umask_is_respected(tmp_path):
    import os

    old = os.umask(0o027)
    try:
        atomic.atomic_write(tmp_path / "stories.csv", b"action\n")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "stories.csv") == 0o640


def _current_umask() -> int:
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    return mask
