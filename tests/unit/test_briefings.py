"""Saved briefings: what is saved comes back chart for chart, names stay inside briefings/, and a
save never overwrites someone else's newer save."""
import json
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from lib.present import briefing, briefings, methods
from lib.store import atomic


def item(title="Tone by outlet", note="", outlet="AP"):
    frame = pd.DataFrame({"id": ["a1", "a2"], "outlet": [outlet, "UPI"], "date": pd.to_datetime(["2025-01-01", None])})
    card = methods.card("sentiment", frame, corpus="seeds", top_k=10)
    figure = go.Figure(go.Bar(x=[outlet, "UPI"], y=np.array([0.2, -0.1]))).update_layout(title=title)
    data = pd.DataFrame({"outlet": [outlet, "UPI", None], "compound": [0.1 + 0.2, np.nan, -1 / 3],
                         "articles": [3, 1, 2], "first": pd.to_datetime(["2025-05-08", None, "2025-06-01"]),
                         "significant": [True, False, True]})
    return briefing.Item(title=title, figure=figure, card=card, data=data, note=note)


def drawn(figure: go.Figure) -> str:
    """The figure's JSON as plotly reads it back (it drops empty settings such as ``title: {}``)."""
    return pio.from_json(figure.to_json()).to_json()


def test_a_saved_briefing_comes_back_with_its_titles_notes_order_figures_cards_and_data(tmp_path):
    mine = [item("Articles per outlet", note="Three outlets."), item("Tone by outlet", note="Fox reads darker."),
            briefing.Item(title="No table", figure=go.Figure(), card=item().card)]
    briefings.save(tmp_path, "Week 19", mine, title="Ukraine, week 19", expected=None)
    back = briefings.load(tmp_path, "Week 19")
    assert back.title == "Ukraine, week 19" and back.name == "Week 19"
    assert [i.title for i in back.items] == [i.title for i in mine]
    assert [i.note for i in back.items] == [i.note for i in mine]
    assert [i.card for i in back.items] == [i.card for i in mine]
    assert [i.figure.to_json() for i in back.items] == [drawn(i.figure) for i in mine]
    for saved, original in zip(back.items[:2], mine[:2]):
        pd.testing.assert_frame_equal(saved.data, original.data)   # numbers exact, dates, gaps and types kept
    assert back.items[2].data is None


def test_a_reopened_briefing_exports_like_the_original(tmp_path):
    mine = [item(note="A note for the memo.")]
    briefings.save(tmp_path, "memo", mine, title="Memo", expected=None)
    reopened = briefings.load(tmp_path, "memo").items

    def page(items):   # each chart's element id is random
        return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID",
                      briefing.report_html(items, title="Memo"))
    assert page(reopened) == page(mine) and "A note for the memo." in page(reopened)


def test_the_file_says_what_it_is_and_which_version_of_the_format(tmp_path):
    briefings.save(tmp_path, "memo", [item()], title="Memo", expected=None)
    document = json.loads((tmp_path / "briefings" / "memo.json").read_text(encoding="utf-8"))
    assert document["format"] == briefings.FORMAT and document["version"] == briefings.FORMAT_VERSION
    assert document["items"][0]["card"]["method"]["name"] == "VADER sentence sentiment"


def test_a_file_of_another_format_version_or_not_a_briefing_is_refused_not_guessed():
    newer = json.dumps({"format": briefings.FORMAT, "version": briefings.FORMAT_VERSION + 1, "items": []})
    with pytest.raises(briefings.Unreadable, match="version"):
        briefings.from_json(newer.encode())
    for other in (b'{"articles": []}', b"not json", b"\xff\xfe", b'{"format": "framescope-briefing", "version": 1}'):
        with pytest.raises(briefings.Unreadable):
            briefings.from_json(other)


@pytest.mark.parametrize("typed, name", [
    ("Week 19", "Week 19"),
    ("  Ukraine, week 19 (draft)  ", "Ukraine, week 19 (draft)"),
    ("../../etc/passwd", "etc-passwd"),
    ("a/b\\c", "a-b-c"),
    (".hidden", "hidden"),
    ("memo.json", "memo"),
    ("Україна: тиждень\x00", "Україна- тиждень"),
])
def test_a_name_keeps_what_the_analyst_typed_but_never_a_path_or_a_hidden_name(typed, name):
    assert briefings.safe_name(typed) == name


@pytest.mark.parametrize("typed", ["", "   ", "...", "///", "._-"])
def test_a_name_with_no_letter_or_digit_is_refused(typed):
    with pytest.raises(ValueError):
        briefings.safe_name(typed)


def test_long_names_are_cut_and_a_name_from_a_link_cannot_leave_the_briefings_folder(tmp_path):
    assert len(briefings.safe_name("x" * 500)) == briefings.NAME_CHARS
    for forged in ("../sources", "/etc/passwd", ".memo", "a/b"):
        with pytest.raises(ValueError):
            briefings.path(tmp_path, forged)
    assert briefings.path(tmp_path, "memo").parent == tmp_path / "briefings"


def test_the_list_shows_saved_briefings_but_not_previous_versions_or_stray_files(tmp_path):
    assert briefings.names(tmp_path) == []
    version = briefings.save(tmp_path, "beta", [item()], title="B", expected=None)
    briefings.save(tmp_path, "beta", [item(note="again")], title="B", expected=version)   # keeps .beta.json.previous
    briefings.save(tmp_path, "Alpha", [item()], title="A", expected=None)
    (tmp_path / "briefings" / "notes.txt").write_text("mine")
    assert (tmp_path / "briefings" / ".beta.json.previous").exists()
    assert briefings.names(tmp_path) == ["Alpha", "beta"]


def test_a_save_over_someone_elses_newer_save_is_refused_and_theirs_is_kept(tmp_path):
    briefings.save(tmp_path, "memo", [item()], title="Memo", expected=None)
    mine = briefings.load(tmp_path, "memo")
    theirs = briefings.load(tmp_path, "memo")
    briefings.save(tmp_path, "memo", [item(note="Their note.")], title="Memo", expected=theirs.version)
    with pytest.raises(atomic.ChangedSinceLoaded):
        briefings.save(tmp_path, "memo", [item(note="My note.")], title="Memo", expected=mine.version)
    assert [i.note for i in briefings.load(tmp_path, "memo").items] == ["Their note."]


def test_saving_a_new_briefing_under_a_name_already_taken_is_refused(tmp_path):
    briefings.save(tmp_path, "memo", [item(note="First.")], title="Memo", expected=None)
    with pytest.raises(atomic.ChangedSinceLoaded):
        briefings.save(tmp_path, "memo", [item(note="Second.")], title="Memo", expected=None)
    assert briefings.load(tmp_path, "memo").items[0].note == "First."


def test_nothing_is_saved_when_the_dashboard_is_read_only_but_saved_briefings_still_open(tmp_path, monkeypatch):
    briefings.save(tmp_path, "memo", [item()], title="Memo", expected=None)
    monkeypatch.setenv("FRAMESCOPE_READONLY", "1")
    with pytest.raises(atomic.ReadOnlyError):
        briefings.save(tmp_path, "other", [item()], title="Other", expected=None)
    assert briefings.names(tmp_path) == ["memo"] and len(briefings.load(tmp_path, "memo").items) == 1


def test_opening_a_briefing_that_does_not_exist_says_so(tmp_path):
    with pytest.raises(FileNotFoundError):
        briefings.load(tmp_path, "nothing here")
