"""lib.coverage: the outlets a chart shows, and how many outlets there are."""
import pandas as pd

from lib import coverage
from lib.frames import UNKNOWN


def test_the_unknown_outlet_comes_last_among_the_largest_even_with_the_most_articles():
    articles = pd.DataFrame({"outlet": [None, None, None, "AP", "AP", "UPI"], "date": pd.NaT})
    assert coverage.top_outlets(articles, 3) == ["AP", "UPI", UNKNOWN]
    assert coverage.top_outlets(articles, 2) == ["AP", UNKNOWN]   # still shown when among the largest


def test_the_unknown_outlet_is_not_counted_as_an_outlet():
    assert coverage.known_outlets(pd.Series([UNKNOWN, "AP", "AP", "UPI", UNKNOWN])) == 2


def test_the_timeline_bins_by_the_period_asked_for():
    articles = pd.DataFrame({"outlet": ["AP", "AP", "UPI", "AP"],
                             "date": pd.to_datetime(["2025-05-08", "2025-05-09", "2025-05-20", None])})
    weekly, period = coverage.over_time(articles, period="week")
    assert period == "week" and list(weekly["articles"]) == [2, 1]
    daily, period = coverage.over_time(articles, period="day")
    assert period == "day" and len(daily) == 3 and daily["articles"].sum() == 3  # undated left out


def test_auto_bins_by_the_range_most_articles_fall_in_not_a_stray_date():
    dates = pd.to_datetime(["2005-03-01"] + [f"2025-05-{d:02d}" for d in range(1, 21)])
    counts, period = coverage.over_time(pd.DataFrame({"outlet": "AP", "date": dates}))
    assert period == "day"  # twenty days of articles, not twenty years
    assert counts["articles"].sum() == 21  # the stray article is still counted
