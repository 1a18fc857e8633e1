"""Outlet groups: outlets.csv's group column and an export's group field (and its synonyms)."""
from __future__ import annotations

import json

import pytest

from lib.load import corpus
from lib.load.metadata import read_groups


def _write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_read_groups_by_outlet_and_alias(tmp_path):
    _write(tmp_path, "outlets.csv", "alias,outlet,group\nthe daily owl,Daily Owl,left\nbugle,Bugle,\n")
    assert read_groups(tmp_path) == {"daily owl": "left", "the daily owl": "left"}


def test_no_group_column(tmp_path):
    _write(tmp_path, "outlets.csv", "alias,outlet\nowl,Daily Owl\n")
    assert read_groups(tmp_path) == {}
    assert read_groups(tmp_path / "missing") == {}


@pytest.mark.parametrize("column", ["group", "Bias", "LEANING", "side", "country"])
def test_export_group_synonyms(tmp_path, column):
    rows = [{"text": "The council met on Tuesday to discuss the new park. " * 5, "outlet": "Daily Owl",
             column: "right"}]
    _write(tmp_path, "a.jsonl", "\n".join(json.dumps(r) for r in rows))
    articles = corpus.load(tmp_path).articles
    assert list(articles["group"]) == ["right"]


def test_outlets_csv_overrides_export_and_unknown_is_missing(tmp_path):
    _write(tmp_path, "a.csv", "text,outlet,bias\n" + "\n".join(
        [f'"Story {i} about the bridge repairs and the town budget, told at length.",{o},{b}'
         for i, (o, b) in enumerate([("Daily Owl", "right"), ("Bugle", "left"), ("Herald", "")])]))
    _write(tmp_path, "outlets.csv", "alias,outlet,group\nowl,Daily Owl,centre\n")
    articles = corpus.load(tmp_path).articles.set_index("outlet")
    assert articles.loc["Daily Owl", "group"] == "centre"
    assert articles.loc["Bugle", "group"] == "left"
    assert articles["group"].isna()["Herald"]


def test_write_groups_keeps_aliases_and_puts_each_group_on_the_outlets_own_row(tmp_path):
    import pandas as pd

    from lib.load import metadata
    from lib.store.atomic import version

    (tmp_path / "outlets.csv").write_text("alias,outlet\nThe Herald Daily,The Herald\n", encoding="utf-8")
    edited = pd.DataFrame({"outlet": ["The Herald", "Courier"], "articles": [3, 1], "group": ["left", ""]})
    metadata.write_groups(tmp_path, edited, expected=version(tmp_path / "outlets.csv"))
    assert metadata.read_aliases(tmp_path) == {"the herald daily": "The Herald"}
    assert metadata.read_groups(tmp_path)["the herald"] == "left"
    assert "courier" not in metadata.read_groups(tmp_path)
    cleared = edited.assign(group=["", ""])
    metadata.write_groups(tmp_path, cleared, expected=version(tmp_path / "outlets.csv"))
    assert metadata.read_groups(tmp_path) == {} and metadata.read_aliases(tmp_path) == {"the herald daily": "The Herald"}


def test_groups_to_edit_lists_each_outlet_with_its_current_group():
    import pandas as pd

    from lib.load import metadata

    articles = pd.DataFrame({"outlet": ["A", "A", "B", None], "group": ["left", None, None, "x"]})
    shown = metadata.groups_to_edit(articles)
    assert shown.to_dict("records") == [{"outlet": "A", "articles": 2, "group": "left"},
                                        {"outlet": "B", "articles": 1, "group": ""}]
