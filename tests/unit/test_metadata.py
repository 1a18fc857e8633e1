import datetime as dt

import pandas as pd
import pytest

from lib.load import metadata
from lib.store.atomic import version


def save(folder, values):
    """Save as an editor that has just read the file does."""
    return metadata.write_overrides(folder, values, expected=version(folder / metadata.SOURCES_FILE))


@pytest.mark.parametrize("value, expected", [
    ("2025-05-08", dt.date(2025, 5, 8)),
    ("2025-05-08T10:00:00Z", dt.date(2025, 5, 8)),
    ("7/23/17", dt.date(2017, 7, 23)),
    ("May 8, 2025", dt.date(2025, 5, 8)),
    ("8 May 2025", dt.date(2025, 5, 8)),
    ("Sept. 2, 2025", dt.date(2025, 9, 2)),
    ("0001-11-30", None),
    ("2025-02-30", None),
    ("yesterday", None),
    ("", None),
    (None, None),
])
def test_dates_are_read_from_common_forms_and_placeholders_are_rejected(value, expected):
    assert metadata.parse_date(value) == expected


def test_overrides_round_trip_through_sources_csv(tmp_path):
    values = {("a.txt", None): {"outlet": "UPI", "date": "2025-05-08"}, ("x.jsonl", 3): {"title": "T"}}
    save(tmp_path, values)
    assert metadata.read_overrides(tmp_path).values == values


def test_saving_keeps_the_previous_version_and_leaves_no_temporary_files(tmp_path):
    save(tmp_path, {("a.txt", None): {"outlet": "First"}})
    save(tmp_path, {("a.txt", None): {"outlet": "Second"}})
    assert "Second" in (tmp_path / "sources.csv").read_text()
    assert "First" in (tmp_path / ".sources.csv.previous").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".sources.csv.previous", "sources.csv"]


def test_an_invalid_date_is_refused_and_nothing_is_written(tmp_path):
    save(tmp_path, {("a.txt", None): {"outlet": "Kept"}})
    with pytest.raises(ValueError, match="not a date"):
        save(tmp_path, {("a.txt", None): {"date": "soon"}})
    assert "Kept" in (tmp_path / "sources.csv").read_text()


def test_aliases_map_case_insensitively_to_the_canonical_outlet(tmp_path):
    (tmp_path / "outlets.csv").write_text("alias,outlet\nFox Online News,Fox News\n")
    assert metadata.read_aliases(tmp_path) == {"fox online news": "Fox News"}


def test_edits_become_overrides_only_where_the_analyst_changed_something():
    original = pd.DataFrame({"file": ["a.txt", "b.txt"], "row": [None, None],
                             "outlet": [None, "UPI"], "date": ["2025-05-08", None], "title": ["T", None]})
    edited = original.copy()
    edited.loc[0, "outlet"] = "New York Post"
    merged = metadata.merge_edits(metadata.Overrides({}), original, edited)
    assert merged == {("a.txt", None): {"outlet": "New York Post"}}


def test_clearing_an_override_removes_it():
    current = metadata.Overrides({("a.txt", None): {"outlet": "Old"}})
    original = pd.DataFrame({"file": ["a.txt"], "row": [None], "outlet": ["Old"], "date": [None], "title": [None]})
    edited = original.assign(outlet=[""])
    assert metadata.merge_edits(current, original, edited) == {}


def test_edits_merged_onto_a_colleagues_newer_save_keep_their_fields_and_add_mine():
    original = pd.DataFrame({"file": ["a.txt", "b.txt"], "row": [None, None],
                             "outlet": [None, None], "date": [None, None], "title": ["T", None]})
    theirs = metadata.Overrides({("a.txt", None): {"outlet": "Harbour Post"}, ("b.txt", None): {"title": "Tide"}})
    edited = original.copy()
    edited.loc[1, "outlet"] = "Lighthouse News"
    merged = metadata.merge_edits(theirs, original, edited)
    assert merged == {("a.txt", None): {"outlet": "Harbour Post"},
                      ("b.txt", None): {"title": "Tide", "outlet": "Lighthouse News"}}


def test_the_rows_to_fill_in_are_those_missing_the_chosen_field_and_a_save_counts_its_changes():
    import pandas as pd

    from lib.load import metadata

    articles = pd.DataFrame({"file": ["b.txt", "a.txt", "c.txt"], "row": [None, None, None],
                             "outlet": [None, "AP", None], "title": ["B", None, "C"],
                             "date": pd.to_datetime(["2025-01-02", None, "2025-01-03"])})
    assert metadata.missing(articles) == {"outlet": 2, "date": 1, "title": 1}
    lacking = metadata.to_edit(articles, lacking="outlet")
    assert list(lacking["file"]) == ["b.txt", "c.txt"] and list(lacking["date"]) == ["2025-01-02", "2025-01-03"]
    assert list(metadata.to_edit(articles, lacking=None)["file"]) == ["a.txt", "b.txt", "c.txt"]
    edited = lacking.assign(outlet=["UPI", None], title=["B", "New title"])
    assert metadata.changed(lacking, edited) == 2
