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
