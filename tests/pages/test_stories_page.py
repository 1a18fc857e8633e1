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


BRIDGE = ("The harbour bridge in Porthaven closed for repairs after engineers found cracks in its steel cables. "
          "The council said traffic would be diverted through the old town for several months.")
FESTIVAL = ("The lantern festival opened in Millbrook with a parade of paper boats on the river. Organisers said "
            "thousands of visitors lined the banks to watch the lanterns drift past the mill.")
BAKERY = ("A family bakery in Millbrook won the national sourdough prize for a rye loaf. The judges praised its "
          "crust, and the owners said the starter had been kept alive for forty years.")


def two_periods(folder):
    """Old Gazette publishes in March 2013 only, New Herald and Daily Post in June 2018: Daily Post's
    bakery story (4 June) is a blindspot of New Herald (it published on 1 June), not of Old Gazette."""
    import json

    rows = [("og-1", "Old Gazette", "2013-03-01", BRIDGE), ("og-2", "Old Gazette", "2013-03-02", BRIDGE + " Ferries were added."),
            ("nh-1", "New Herald", "2018-06-01", FESTIVAL), ("dp-1", "Daily Post", "2018-06-02", FESTIVAL + " Rain held off."),
            ("dp-2", "Daily Post", "2018-06-04", BAKERY)]
    with open(folder / "two-periods.jsonl", "w", encoding="utf-8") as out:
        for id_, outlet, date, text in rows:
            out.write(json.dumps({"id": id_, "outlet": outlet, "date": date, "title": text.split(".")[0],
                                  "text": text}) + "\n")


def coverage_chart(at):
    import json

    return next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if "Who covered" in c.proto.spec)


def test_a_blindspot_is_an_outlet_that_published_in_the_storys_days_not_one_from_another_period(app, seed_dir):
    two_periods(seed_dir)
    at = app("stories")
    caption = next(c.value for c in at.caption if "blindspot" in c.value)
    assert "blindspot" in caption and "not counted" in caption
    crosses = next(t for t in coverage_chart(at)["data"] if t.get("mode") == "markers" and t.get("x") != [None])
    ours = [(x, y[:10]) for x, y in zip(crosses["x"], crosses["y"]) if y[:4] in ("2013", "2018")]
    assert ours == [("New Herald", "2018-06-04")]       # never Old Gazette, which published only in 2013


def test_the_story_picker_shows_date_first_names_and_keeps_the_story_id_in_the_link(app, seed_dir):
    from lib import stories

    two_periods(seed_dir)
    at = app()
    options = at.selectbox(key="story").options[1:]
    assert all(o[:4].isdigit() or o.startswith("undated") for o in options)
    assert options == sorted(options, key=lambda o: "9999" if o.startswith("undated") else o[:10])   # by date
    assert all(len(o) <= stories.OPTION_CHARS for o in options)
    bakery = next(o for o in options if o.startswith("2018-06-04"))
    at.selectbox(key="story").select(bakery).run()
    story = at.selectbox(key="story").value
    assert story.startswith("s-") and at.query_params["story"] in (story, [story])
    at.switch_page("pages/stories.py").run()
    bars = coverage_chart(at)                       # one story: bars per outlet, not a one-colour block
    assert bars["data"][0]["type"] == "bar" and set(bars["data"][0]["y"]) == {"Daily Post", "New Herald"}


def test_a_link_with_a_story_id_opens_that_story(app, seed_dir):
    from lib.load import corpus
    from lib import stories

    two_periods(seed_dir)
    loaded = corpus.load(seed_dir)
    grouped = stories.group(loaded.with_text(loaded.articles))
    story = grouped.loc[grouped["article_id"].isin(loaded.articles.loc[loaded.articles["outlet"] == "Old Gazette", "id"]),
                        "story"].iloc[0]
    at = app("stories", story=story)
    assert at.selectbox(key="story").value == story
    assert table(at, "story", "label")["story"].tolist() == [story]
