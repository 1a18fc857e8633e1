"""lib.frames: helpers every package shares."""
from lib.frames import plural


def test_counts_are_written_with_the_right_number_of_their_noun():
    assert [plural(n, "chart") for n in (0, 1, 2, 1497)] == ["0 charts", "1 chart", "2 charts", "1,497 charts"]
    assert plural(1, "entry", "entries") == "1 entry" and plural(3, "entry", "entries") == "3 entries"
