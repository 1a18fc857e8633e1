"""lib.frames: helpers every package shares."""
import pandas as pd

from lib.frames import plural


def test_counts_are_written_with_the_right_number_of_their_noun():
    assert [plural(n, "chart") for n in (0, 1, 2, 1497)] == ["0 charts", "1 chart", "2 charts", "1,497 charts"]
    assert plural(1, "entry", "entries") == "1 entry" and plural(3, "entry", "entries") == "3 entries"


def test_among_is_pandas_isin_for_every_kind_of_id_column():
    import numpy as np

    from lib.frames import among

    values = ["a", "b", None, "c", "a"]
    wanted = {"a", "c", "zz"}
    for column in (pd.Series(values, dtype="str"), pd.Series(values, dtype=object),
                   pd.Series(values).astype("category"), pd.Index(values, dtype=object)):
        found = among(column, wanted)
        assert isinstance(found, np.ndarray) and found.dtype == bool
        assert found.tolist() == [True, False, False, True, True]
    assert among(pd.Series(values, dtype="str"), ["b"]).tolist() == [False, True, False, False, False]
    assert among(pd.Series([1, 2, 3]), {1, 3}).tolist() == [True, False, True]   # not text: pandas does it
    assert among(pd.Series([], dtype=object), {"a"}).tolist() == []
    assert not among(pd.Series(["a"]), set()).any()
