import os

from lib.load import corpus, files, watch


class Clock:
    """A clock that moves only when told to, plus ``step`` seconds each time it is read."""

    def __init__(self, step: float = 0.0):
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def folder_with(tmp_path, *names):
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"An article called {name}.")
    for folder in {tmp_path, *(p.parent for p in tmp_path.rglob("*"))}:
        os.utime(folder, ns=(0, 0))  # a later change of the folder is then always a new time
    return tmp_path


def test_the_fingerprint_is_the_corpus_fingerprint(tmp_path):
    folder_with(tmp_path, "a.txt", "sub/b.txt")
    assert watch.FolderWatch(tmp_path).fingerprint() == corpus.fingerprint(tmp_path)


def test_a_new_or_removed_file_is_seen_at_once_even_between_walks(tmp_path):
    folder_with(tmp_path, "a.txt", "sub/b.txt")
    clock = Clock()
    watched = watch.FolderWatch(tmp_path, min_seconds=60, clock=clock)
    first = watched.fingerprint()
    (tmp_path / "sub" / "c.txt").write_text("A new article.")
    added = watched.fingerprint()
    assert added != first and added == corpus.fingerprint(tmp_path)
    (tmp_path / "a.txt").unlink()
    assert watched.fingerprint() == corpus.fingerprint(tmp_path) != added


def test_a_file_rewritten_in_place_is_seen_at_the_next_walk(tmp_path):
    folder_with(tmp_path, "a.txt")
    clock = Clock()
    watched = watch.FolderWatch(tmp_path, min_seconds=5, clock=clock)
    before = watched.fingerprint()
    (tmp_path / "a.txt").write_text("The same file, now a longer article than it was.")
    assert watched.fingerprint() == before  # its folder did not change: not walked yet
    clock.now += 5
    assert watched.fingerprint() == corpus.fingerprint(tmp_path) != before


def test_look_walks_now_whatever_the_interval(tmp_path):
    folder_with(tmp_path, "a.txt")
    watched = watch.FolderWatch(tmp_path, min_seconds=60, clock=Clock())
    watched.fingerprint()
    (tmp_path / "a.txt").write_text("Rewritten in place, and longer than before.")
    assert watched.look() == corpus.fingerprint(tmp_path)


def test_a_slow_walk_makes_walks_rarer(tmp_path):
    folder_with(tmp_path, "a.txt")
    watched = watch.FolderWatch(tmp_path, min_seconds=2, budget=0.1, clock=Clock(step=0.5))
    watched.fingerprint()  # the walk took 0.5 s on this clock
    assert watched.interval == 5.0  # walking takes at most a tenth of the time


def test_changes_count_new_changed_and_removed_files(tmp_path):
    folder_with(tmp_path, "a.txt", "b.txt", "c.txt")
    before = {e.rel: e for e in files.walk(tmp_path)}
    (tmp_path / "a.txt").write_text("Rewritten with more words than the first version had.")
    (tmp_path / "c.txt").unlink()
    (tmp_path / "d.txt").write_text("New.")
    (tmp_path / "e.txt").write_text("New too.")
    found = watch.changes(before, files.walk(tmp_path))
    assert (found.added, found.changed, found.removed) == (2, 1, 1)
    assert found.describe() == "2 new files, 1 changed file, 1 removed file"


def test_no_file_changes_is_false_and_says_the_metadata_changed():
    assert not watch.Changes()
    assert watch.Changes().describe() == "metadata files changed"


def test_a_page_rereads_once_the_folder_is_still_on_two_checks():
    again, pending = watch.reread(None, shown="A", seen="B", now=0.0)
    assert not again and pending == watch.Pending("B", 0.0)
    again, pending = watch.reread(pending, shown="A", seen="B", now=2.0)
    assert again and pending is None


def test_while_files_keep_coming_a_page_rereads_after_the_longest_wait():
    pending, seen_at = None, []
    for tick, seen in enumerate(["B", "C", "D", "E", "F", "G", "H"]):
        again, pending = watch.reread(pending, shown="A", seen=seen, now=2.0 * tick, max_wait=10)
        if again:
            seen_at.append(2.0 * tick)
            pending = None
    assert seen_at == [10.0]


def test_a_page_showing_the_folder_as_it_is_does_nothing():
    assert watch.reread(watch.Pending("B", 0.0), shown="B", seen="B", now=5.0) == (False, None)
