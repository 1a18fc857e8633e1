"""lib.timeline: the dates a timeline shows, its bins, and breaks where nothing was published."""
import pandas as pd
import pytest

from lib import timeline


def days(*values: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values)))


def spring_2019(n: int) -> list[str]:
    """n dates, one every two days from 1 March 2019."""
    return [f"{d:%Y-%m-%d}" for d in pd.date_range("2019-03-01", periods=n, freq="2D")]


def test_one_article_years_away_is_left_off_the_range_shown():
    dates = days("2005-03-01", *spring_2019(30))
    assert timeline.core_range(dates) == (pd.Timestamp("2019-03-01"), pd.Timestamp("2019-04-28"))


def test_a_stray_date_on_either_side_is_left_off_whatever_the_years():
    dates = days(*spring_2019(40), "1999-12-31", "2031-06-01")
    first, last = timeline.core_range(dates)
    assert first.year == last.year == 2019


def test_dates_within_a_month_of_the_rest_are_never_left_off():
    # every article on one day, one three weeks later: a month's margin keeps the straggler on
    dates = days(*["2025-05-08"] * 20, "2025-05-29")
    assert timeline.core_range(dates) == (pd.Timestamp("2025-05-08"), pd.Timestamp("2025-05-29"))


def test_a_small_corpus_is_always_shown_whole():
    # 5% of 19 articles is no article: with so few, every one of them is on the chart
    dates = days("2005-03-01", *spring_2019(18))
    assert timeline.core_range(dates)[0] == pd.Timestamp("2005-03-01")


def test_a_stray_date_that_stretches_the_range_little_stays_on_it():
    # ten years of articles and one two years before: the axis is 20% longer, not squeezed
    dates = pd.Series(pd.date_range("2010-01-01", "2019-12-31", periods=40)).pipe(
        lambda s: pd.concat([pd.Series([pd.Timestamp("2008-01-01")]), s], ignore_index=True))
    assert timeline.core_range(dates)[0] == pd.Timestamp("2008-01-01")


def test_the_articles_of_one_day_are_all_shown_or_all_left_off():
    # two articles on one far day, but 5% of 30 allows one: the day stays rather than half of it
    dates = days(*["2005-03-01"] * 2, *spring_2019(28))
    assert timeline.core_range(dates)[0] == pd.Timestamp("2005-03-01")


def test_a_real_part_of_the_corpus_is_never_hidden():
    # 10% of the articles from 2005: more than a few stray dates, so all stay
    dates = days(*["2005-03-01"] * 4, *spring_2019(36))
    assert timeline.core_range(dates) == (pd.Timestamp("2005-03-01"), pd.Timestamp("2019-05-10"))


def test_two_clusters_years_apart_both_stay_on_the_range():
    dates = days(*["2017-04-01"] * 10, *["2022-09-01"] * 10)
    assert timeline.core_range(dates) == (pd.Timestamp("2017-04-01"), pd.Timestamp("2022-09-01"))


def test_no_dates_have_no_range_and_missing_dates_are_ignored():
    assert timeline.core_range(pd.Series([pd.NaT, pd.NaT])) is None
    assert timeline.core_range(days("2025-05-08", None, "2025-05-09")) == (
        pd.Timestamp("2025-05-08"), pd.Timestamp("2025-05-09"))


def test_articles_outside_the_range_are_named_with_their_file_and_row():
    articles = pd.DataFrame({"date": pd.to_datetime(["2019-03-01", "2031-01-01", None, "2001-09-11", "2019-03-02"]),
                             "file": ["a.txt", "export.csv", "b.txt", "old.txt", "c.txt"],
                             "row": pd.array([None, 3, None, None, None], dtype="Int64")})
    away = timeline.outside(articles, (pd.Timestamp("2019-03-01"), pd.Timestamp("2019-03-02")))
    assert list(away["file"]) == ["old.txt", "export.csv"]  # earliest first; undated are never outside
    assert timeline.outside_note(away) == \
        "2 articles outside the range shown: 2001-09-11 (old.txt), 2031-01-01 (export.csv, row 3)."


def test_a_long_list_of_outside_articles_names_five_and_counts_the_rest():
    away = pd.DataFrame({"date": pd.date_range("2001-01-01", periods=7, freq="D"), "file": [f"f{i}" for i in range(7)]})
    note = timeline.outside_note(away)
    assert note.startswith("7 articles outside the range shown: 2001-01-01 (f0)") and note.endswith(", and 2 more.")
    assert timeline.outside_note(away.iloc[:0]) == ""


def test_the_last_day_of_the_range_is_inside_it_whatever_the_time_of_day():
    articles = pd.DataFrame({"date": pd.to_datetime(["2019-03-02 18:30"]), "file": ["late.txt"]})
    assert timeline.outside(articles, (pd.Timestamp("2019-03-01"), pd.Timestamp("2019-03-02"))).empty


def test_weeks_start_on_monday_and_months_on_the_first():
    dates = days("2025-05-08", "2025-05-11", "2025-05-12")  # Thursday, Sunday, Monday
    assert list(timeline.bins(dates, "week")) == list(pd.to_datetime(["2025-05-05", "2025-05-05", "2025-05-12"]))
    assert set(timeline.bins(dates, "month")) == {pd.Timestamp("2025-05-01")}


@pytest.mark.parametrize(("span_days", "expected"), [(20, "day"), (62, "day"), (200, "week"), (900, "month")])
def test_auto_picks_the_finest_bin_with_at_most_62_bins(span_days, expected):
    dates = pd.Series(pd.date_range("2020-01-01", periods=span_days, freq="D"))
    assert timeline.choose_period(dates) == expected


def test_auto_ignores_a_stray_date_when_choosing_the_bin():
    # six weeks of articles and one from 2005: daily bins suit the range shown, not months
    assert timeline.choose_period(days("2005-03-01", *spring_2019(20))) == "day"


def test_auto_for_a_tone_line_wants_a_few_articles_a_point():
    # two outlets, one article each a day for a month: daily points would be single articles
    dates = pd.Series(pd.date_range("2025-05-01", periods=31, freq="D").repeat(2))
    outlets = pd.Series(["A", "B"] * 31)
    assert timeline.choose_period(dates, groups=outlets) == "day"
    assert timeline.choose_period(dates, groups=outlets, min_articles=3) == "week"


def test_resolve_passes_a_chosen_bin_through_and_refuses_an_unknown_one():
    dates = days("2025-05-08")
    assert timeline.resolve("month", dates) == "month"
    assert timeline.resolve("auto", dates) == "day"
    with pytest.raises(ValueError, match="fortnight"):
        timeline.resolve("fortnight", dates)


def test_a_line_breaks_after_each_run_of_bins_with_articles():
    series = pd.DataFrame({"outlet": ["A", "A", "A", "B"],
                           "period": pd.to_datetime(["2017-01-01", "2017-02-01", "2022-06-01", "2017-01-01"]),
                           "compound": [0.1, 0.2, 0.3, 0.4]})
    drawn = timeline.with_gaps(series, period="month")
    a = drawn[drawn["outlet"] == "A"]
    assert list(a["period"]) == list(pd.to_datetime(["2017-01-01", "2017-02-01", "2017-03-01", "2022-06-01"]))
    assert a["compound"].isna().tolist() == [False, False, True, False]  # nothing drawn across five years
    assert len(drawn[drawn["outlet"] == "B"]) == 1  # one bin: nothing to break


def test_consecutive_days_and_weeks_are_not_broken():
    daily = pd.DataFrame({"outlet": "A", "period": pd.date_range("2025-05-01", periods=5, freq="D"), "v": 1.0})
    weekly = pd.DataFrame({"outlet": "A", "period": pd.date_range("2025-05-05", periods=3, freq="W-MON"), "v": 1.0})
    assert timeline.with_gaps(daily, period="day")["v"].notna().all()
    assert timeline.with_gaps(weekly, period="week")["v"].notna().all()


def test_complete_lists_every_bin_between_the_first_and_the_last():
    series = pd.DataFrame({"n": [1, 2]}, index=pd.DatetimeIndex(pd.to_datetime(["2025-05-05", "2025-05-26"]), name="period"))
    full = timeline.complete(series, period="week")
    assert len(full) == 4 and full.index.name == "period" and full["n"].isna().sum() == 2
