"""The Briefing page: start from the default briefing, reorder, remove, annotate."""
from lib.present import briefing as briefinglib


def titles(at):
    return [item.title for item in at.session_state["briefing_items"]] if "briefing_items" in at.session_state else []


def test_an_empty_briefing_says_how_to_fill_it_and_offers_the_default(app):
    at = app("briefing")
    assert any("The briefing is empty" in info.value for info in at.info)
    at.button(key="default_briefing").click().run()
    names = titles(at)
    assert names[0] == "Articles per outlet" and "How each outlet labels Xi Jinping" in names
    assert len(at.get("plotly_chart")) == len(names)


def test_items_move_and_go_and_notes_stick(app):
    at = app("briefing")
    at.button(key="default_briefing").click().run()
    first, second = titles(at)[:2]
    uid = at.session_state["briefing_items"][0].uid
    at.button(key=f"down_{uid}").click().run()
    assert titles(at)[:2] == [second, first]
    at.text_area(key=f"note_{uid}").input("Three outlets, one unknown.").run()
    moved = next(i for i in at.session_state["briefing_items"] if i.uid == uid)
    assert moved.note == "Three outlets, one unknown."
    count = len(titles(at))
    at.button(key=f"remove_{uid}").click().run()
    assert len(titles(at)) == count - 1 and first not in titles(at)


def test_add_to_briefing_on_a_chart_puts_it_on_the_briefing_page(app):
    at = app("sentiment")
    at.button(key="chart_tone_brief").click().run()
    at.button(key="chart_tone_brief").click().run()   # the same chart twice is kept once
    items = at.session_state["briefing_items"]
    assert [i.title for i in items] == ["Tone by outlet: mean sentence sentiment per article"]
    assert isinstance(items[0], briefinglib.Item) and items[0].card.method.name == "VADER sentence sentiment"
    at.switch_page("pages/briefing.py").run()
    assert not at.exception
    assert any("Tone by outlet" in md.value for md in at.markdown)



def test_page_choices_in_the_link_reproduce_the_view_and_reach_the_method_card(app):
    at = app("keywords", top_k="5", per_outlet="7")
    assert at.slider(key="top_k").value == 5 and at.slider(key="per_outlet").value == 7
    at.button(key="chart_keywords_brief").click().run()
    assert "top k: 5" in at.session_state["briefing_items"][0].card.text()
