import math

import pandas as pd
import pytest

from lib.analyse import sentiment


def test_vader_output_is_pinned_on_fixed_sentences():
    # Golden values for vaderSentiment 3.3.2: an upgrade that changes them must fail loudly.
    assert sentiment.score("Putin called him a dear friend and greeted the talks as warm and substantial.") == \
        (0.0, 0.437, 0.563, 0.8625)
    assert sentiment.score("The invasion killed thousands and destroyed cities.") == (0.606, 0.394, 0.0, -0.8271)
    assert sentiment.score("The meeting took place in Moscow.") == (0.0, 1.0, 0.0, 0.0)


@pytest.mark.parametrize("value", ["", "   ", None, float("nan")])
def test_empty_or_missing_sentences_score_zero_instead_of_raising(value):
    assert sentiment.score(value) == (0.0, 0.0, 0.0, 0.0)


def test_an_articles_score_is_the_mean_of_its_sentence_compounds():
    scored = sentiment.score_sentences(pd.DataFrame({
        "article_id": ["a", "a", "a", "b"],
        "text": ["A wonderful, happy day.", "Terrible losses.", "It rained.", "Great news!"]}))
    per_article = sentiment.by_article(scored).set_index("article_id")
    expected = scored[scored["article_id"] == "a"]["compound"].mean()
    assert per_article.loc["a", "compound"] == pytest.approx(expected)
    assert per_article.loc["a", "sentences"] == 3
    assert per_article.loc["a", "positive"] == pytest.approx(1 / 3)
    assert per_article.loc["a", "negative"] == pytest.approx(1 / 3)


def test_long_articles_do_not_saturate_like_whole_text_scoring_does():
    sentences = ["The talks were good and friendly."] * 30 + ["The war was terrible."] * 10
    whole = sentiment.score(" ".join(sentences))[3]
    per_sentence = sentiment.by_article(sentiment.score_sentences(
        pd.DataFrame({"article_id": "a", "text": sentences})))["compound"].iloc[0]
    assert whole > 0.99  # VADER on the whole text saturates
    assert 0 < per_sentence < 0.5


def test_outlet_tone_weights_each_article_once_with_a_t_interval():
    articles = pd.DataFrame({"outlet": ["A", "A", "A", "B"], "compound": [0.1, 0.2, 0.3, -0.5]})
    out = sentiment.by_outlet(articles).set_index("outlet")
    assert out.loc["A", "compound"] == pytest.approx(0.2)
    assert out.loc["A", "articles"] == 3
    half = 4.303 * 0.1 / math.sqrt(3)  # t(0.975, df=2) * sd / sqrt(n)
    assert (out.loc["A", "ci_low"], out.loc["A", "ci_high"]) == pytest.approx((0.2 - half, 0.2 + half))
    assert math.isnan(out.loc["B", "ci_low"])  # one article: no interval
    assert list(out.index) == ["B", "A"]  # most negative first


def test_tone_is_split_between_the_outlets_voice_and_quoted_voices():
    scored = pd.DataFrame({"article_id": ["a", "a", "a", "a"], "voice": ["narrative", "scare", "quoted", "mixed"],
                           "compound": [0.2, 0.4, -0.6, 0.9]})
    out = sentiment.by_voice(scored, pd.DataFrame({"id": ["a"], "outlet": ["X"]})).set_index("voice")
    assert out.loc["narrative", "compound"] == pytest.approx(0.3)  # scare quotes are the outlet's own
    assert out.loc["quoted", "compound"] == pytest.approx(-0.6)


def test_tone_by_voice_from_precomputed_means_equals_computing_it_from_the_sentences():
    scored = pd.DataFrame({"article_id": ["a", "a", "a", "b", "b", "c"],
                           "voice": ["narrative", "scare", "quoted", "quoted", "mixed", "narrative"],
                           "compound": [0.5, -0.1, -0.8, 0.3, 0.9, -0.2]})
    articles = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"]})  # c is outside the selection
    means = sentiment.voice_means(scored)
    assert len(means) == 4  # a: narrative + quoted, b: quoted, c: narrative; the mixed sentence is out
    pd.testing.assert_frame_equal(sentiment.by_voice_means(means, articles), sentiment.by_voice(scored, articles))
    narrative = sentiment.by_voice_means(means, articles).query("voice == 'narrative'")
    assert narrative["compound"].tolist() == [0.2]  # a: mean of 0.5 and the scare-quoted -0.1


def test_an_interval_on_two_articles_stays_within_the_measures_range():
    articles = pd.DataFrame({"outlet": ["A", "A", "B", "B", "B", "B", "B", "B"],
                             "compound": [-0.9, 0.95, 0.1, 0.2, 0.15, 0.12, 0.18, 0.11]})
    out = sentiment.by_outlet(articles).set_index("outlet")
    assert out.loc["A", "ci_low"] == -1.0 and out.loc["A", "ci_high"] == 1.0   # t on 1 df: ±11
    assert -1 < out.loc["B", "ci_low"] < out.loc["B", "ci_high"] < 1          # a real interval is kept


def tone_series(dates, compounds, outlets=None):
    return pd.DataFrame({"outlet": outlets or ["A"] * len(dates), "date": pd.to_datetime(dates), "compound": compounds})


def test_tone_over_time_is_the_mean_per_bin_with_its_n_and_interval():
    articles = tone_series(["2025-05-05", "2025-05-07", "2025-05-09", "2025-05-20", None],
                           [0.1, 0.2, 0.3, -0.5, 0.9])
    out = sentiment.over_time(articles, period="week").set_index("period")
    first = out.loc[pd.Timestamp("2025-05-05")]
    assert first["articles"] == 3 and first["compound"] == pytest.approx(0.2)
    half = 4.303 * 0.1 / math.sqrt(3)
    assert (first["ci_low"], first["ci_high"]) == pytest.approx((0.2 - half, 0.2 + half))
    assert math.isnan(out.loc[pd.Timestamp("2025-05-19"), "ci_low"])  # one article: no interval
    assert out["articles"].sum() == 4  # the undated article is on no timeline
    assert pd.Timestamp("2025-05-12") not in out.index  # an empty week has no row, so no tone


def test_smoothing_is_the_mean_of_the_articles_in_the_bins_centred_on_each():
    articles = tone_series(["2025-01-10", "2025-02-10", "2025-02-11", "2025-03-10"], [0.3, 0.0, 0.0, -0.3])
    out = sentiment.over_time(articles, period="month", smooth=3).set_index("period")
    february = out.loc[pd.Timestamp("2025-02-01")]
    assert february["window_articles"] == 4 and february["compound"] == pytest.approx(0.0)
    assert february["bin_compound"] == pytest.approx(0.0) and february["articles"] == 2
    january = out.loc[pd.Timestamp("2025-01-01")]  # the window is cut at the ends
    assert january["window_articles"] == 3 and january["compound"] == pytest.approx(0.1)


def test_smoothing_never_reaches_across_a_long_gap():
    articles = tone_series(["2019-01-10", "2019-02-10", "2024-06-10"], [0.5, 0.5, -0.9])
    out = sentiment.over_time(articles, period="month", smooth=5).set_index("period")
    assert out.loc[pd.Timestamp("2024-06-01"), "compound"] == pytest.approx(-0.9)
    assert len(out) == 3  # and the empty months between stay empty


def test_smoothing_keeps_outlets_apart_and_wants_an_odd_window():
    articles = tone_series(["2025-01-10", "2025-02-10"], [0.5, -0.5], outlets=["A", "B"])
    out = sentiment.over_time(articles, period="month", smooth=3).set_index("outlet")
    assert out.loc["A", "compound"] == pytest.approx(0.5) and out.loc["B", "compound"] == pytest.approx(-0.5)
    with pytest.raises(ValueError, match="odd"):
        sentiment.over_time(articles, period="month", smooth=2)
