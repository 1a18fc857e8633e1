"""Saved briefings on the Briefing page: save as a name, reopen by link or from the list in a new
session, a refused save when someone else saved first, and read-only mode."""
import re

import pytest


def headings(at):
    """The charts' headings as the analyst sees them: '**1. Articles per outlet**' ..."""
    return [md.value for md in at.markdown if re.match(r"\*\*\d+\. ", md.value)]


def notes(at):
    return [area.value for area in at.text_area]


def saved_as(at, name):
    at.text_input(key="briefing_save_name").input(name).run()
    at.button(key="briefing_save_as").click().run()
    assert not at.exception, at.exception
    return at


def note_first(at, text):
    at.text_area[0].input(text).run()
    return at


def restart():
    """What a server restart forgets: every cache (a new AppTest is already a new session)."""
    import streamlit as st

    from ui import cache

    st.cache_data.clear()
    st.cache_resource.clear()
    cache.clear()


@pytest.fixture
def saved(app):
    """A default briefing saved as 'Week 19', its second chart moved first and noted."""
    at = app("briefing")
    at.button(key="default_briefing").click().run()
    uid = at.session_state["briefing_items"][1].uid
    at.button(key=f"up_{uid}").click().run()
    note_first(at, "Tone first: the memo is about tone.")
    at.text_input(key="briefing_title").input("Ukraine, week 19").run()
    return saved_as(at, "Week 19")


def test_a_saved_briefing_reopens_from_its_link_after_a_restart_with_its_charts_order_and_notes(app, saved):
    assert any("Open: **Week 19** (all changes saved)" in c.value for c in saved.caption)
    assert saved.query_params["briefing"] in ("Week 19", ["Week 19"])   # the page's link names it
    restart()
    reopened = app("briefing", briefing="Week 19")
    assert headings(reopened) == headings(saved) and len(headings(reopened)) > 2
    assert notes(reopened) == notes(saved) and notes(reopened)[0] == "Tone first: the memo is about tone."
    assert len(reopened.get("plotly_chart")) == len(headings(saved))
    assert reopened.text_input(key="briefing_title").value == "Ukraine, week 19"
    assert len(reopened.get("download_button")) == 3   # HTML, PDF and ZIP from the reopened briefing


def test_a_saved_briefing_is_listed_on_the_page_and_opens_from_the_list(app, saved):
    fresh = app("briefing")
    assert any("The briefing is empty" in info.value for info in fresh.info)
    assert fresh.selectbox(key="briefing_pick").options == ["Week 19"]
    fresh.selectbox(key="briefing_pick").select("Week 19").run()
    fresh.button(key="briefing_open").click().run()
    assert headings(fresh) == headings(saved) and notes(fresh) == notes(saved)


def test_a_link_to_a_briefing_that_does_not_exist_says_so(app):
    at = app("briefing", briefing="Nobody saved this")
    assert any("There is no saved briefing called" in w.value for w in at.warning)
    assert any("The briefing is empty" in info.value for info in at.info)


def test_changes_saved_to_an_open_briefing_reach_the_next_session(app, saved):
    note_first(saved, "Second thoughts.")
    assert any("(unsaved changes)" in c.value for c in saved.caption)
    saved.button(key="briefing_save").click().run()
    assert any("(all changes saved)" in c.value for c in saved.caption)
    assert notes(app("briefing", briefing="Week 19"))[0] == "Second thoughts."


def test_a_second_session_saving_over_a_newer_save_is_told_and_can_reload_it(app, saved):
    mine, theirs = app("briefing", briefing="Week 19"), app("briefing", briefing="Week 19")
    note_first(theirs, "Their version.").button(key="briefing_save").click().run()
    note_first(mine, "My version.").button(key="briefing_save").click().run()
    assert any("Someone else saved" in w.value and "Week 19" in w.value for w in mine.warning)
    assert notes(app("briefing", briefing="Week 19"))[0] == "Their version."   # theirs was not overwritten
    mine.button(key="briefing_reload").click().run()
    assert notes(mine)[0] == "Their version." and not mine.warning


def test_a_refused_save_can_go_under_another_name_and_a_taken_name_is_refused(app, saved):
    mine, theirs = app("briefing", briefing="Week 19"), app("briefing", briefing="Week 19")
    note_first(theirs, "Their version.").button(key="briefing_save").click().run()
    note_first(mine, "My version.").button(key="briefing_save").click().run()
    assert mine.warning
    saved_as(mine, "Week 19")                      # still theirs: refused again, nothing written
    assert notes(app("briefing", briefing="Week 19"))[0] == "Their version."
    saved_as(mine, "Week 19 (mine)")
    assert any("Open: **Week 19 \\(mine\\)** (all changes saved)" in c.value for c in mine.caption)
    assert notes(app("briefing", briefing="Week 19 (mine)"))[0] == "My version."
    other = app("briefing")
    other.button(key="default_briefing").click().run()
    saved_as(other, "Week 19 (mine)/")   # a new briefing under a taken name (the slash is dropped)
    assert any("already called" in e.value for e in other.error)


def test_a_name_with_no_letter_or_digit_is_refused_with_a_reason(app):
    at = app("briefing")
    at.button(key="default_briefing").click().run()
    saved_as(at, "../..")
    assert any("needs at least one letter or digit" in e.value for e in at.error)
    assert not any("Open:" in c.value for c in at.caption)   # nothing was saved


def test_read_only_hides_saving_but_saved_briefings_still_open_and_download(app, saved, monkeypatch):
    monkeypatch.setenv("FRAMESCOPE_READONLY", "1")
    at = app("briefing", briefing="Week 19")
    assert any("read-only" in info.value for info in at.info)
    assert headings(at) == headings(saved) and notes(at) == notes(saved)
    keys = {button.key for button in at.button}
    assert not keys & {"briefing_save", "briefing_save_as"} and "briefing_open" in keys
    assert len(at.get("download_button")) == 3
