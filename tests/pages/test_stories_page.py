"""Stories page and the story filter shared by every page."""
from tests.pages.conftest import table


def test_the_seeds_form_three_stories_with_who_covered_what(app):
    at = app("stories")
    stories = table(at, "story", "label", "first", "last", "articles", "outlets")
    assert sorted(stories["articles"]) == [1, 1, 3]
    assert at.get("plotly_chart")  # the coverage matrix


def test_the_story_filter_narrows_every_page(app):
    at = app()
    options = at.selectbox(key="story").options
    assert options[0] == "All stories" and len(options) == 4
    big = next(o for o in options[1:] if "2025-05-08" in o)
    at.selectbox(key="story").select(big).run()
    assert {m.label: m.value for m in at.metric}["Articles"] == "3"
    at.switch_page("pages/corpus.py").run()
    at.switch_page("pages/overview.py").run()
    assert {m.label: m.value for m in at.metric}["Articles"] == "3"


def test_a_rename_saved_in_stories_csv_is_shown_and_kept(app, seed_dir):
    from lib.load import corpus
    from lib import stories

    loaded = corpus.load(seed_dir)
    story = stories.group(loaded.with_text(loaded.articles))["story"].iloc[0]
    stories.save_overrides(seed_dir, stories.read_overrides(seed_dir).iloc[0:0].__class__(
        [{"action": "rename", "article_id": "", "story": story, "target": "", "name": "Xi in Moscow"}]),
        expected=None)
    at = app("stories")
    assert any("Xi in Moscow" in o for o in at.selectbox(key="story").options)
