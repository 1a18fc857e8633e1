"""Method cards: what a chart measured, on which articles, traceable from a memo."""
import datetime as dt

import pandas as pd

from lib.analyse import keywords, sentiment
from lib.present import methods
from lib.coverage import Selection


def articles(*rows):
    return pd.DataFrame(rows, columns=["id", "outlet", "date"]).astype({"date": "datetime64[us]"})


SAMPLE = articles(("a1", "AP", "2025-01-02"), ("a2", "AP", "2025-01-05"), ("a3", "UPI", None),
                  ("a4", None, "2025-02-01"))


def test_a_card_counts_articles_per_outlet_largest_first_and_names_the_unknown():
    card = methods.card("sentiment", SAMPLE, corpus="seeds", today=dt.date(2026, 1, 1))
    assert card.counts == (("AP", 2), ("(unknown outlet)", 1), ("UPI", 1))
    assert card.articles == 4
    assert card.dates == "2025-01-02 to 2025-02-01"


def test_the_card_reads_its_parameters_from_the_modules_that_do_the_work():
    sentiment_card = methods.card("sentiment", SAMPLE, corpus="c")
    assert f"vaderSentiment {sentiment.VADER_VERSION}" in sentiment_card.text()
    keyword_card = methods.card("keywords", SAMPLE, corpus="c", top_k=7)
    text = keyword_card.text()
    assert f"yake {keywords.YAKE_VERSION}" in text and f"n: {keywords.SETTINGS['n']}" in text
    assert "top k: 7" in text  # the chart's own setting, named in words


def test_the_fingerprint_names_the_exact_articles_whatever_their_order():
    same = methods.fingerprint(["b", "a", "c"])
    assert same == methods.fingerprint(["c", "b", "a", "a"])
    assert same != methods.fingerprint(["a", "b"])
    assert len(same) == 10 and int(same, 16) >= 0


def test_filters_are_told_in_words():
    assert methods.filters_text(Selection()) == "Filters: all outlets · all dates · undated included"
    chosen = Selection(outlets=("AP", "UPI"), start=dt.date(2025, 1, 1), include_undated=False, story="s1")
    assert methods.filters_text(chosen, story="Summit in Moscow") == (
        "Filters: AP, UPI · from 2025-01-01 · undated left out · story: Summit in Moscow")
    assert methods.filters_text(Selection(end=dt.date(2013, 4, 30))) == (
        "Filters: all outlets · up to 2013-04-30 · undated included")
    assert methods.filters_text(Selection(start=dt.date(2013, 4, 1), end=dt.date(2013, 4, 30))) == (
        "Filters: all outlets · 2013-04-01 to 2013-04-30 · undated included")


def test_a_subtitle_names_the_largest_outlets_and_sums_the_rest():
    counts = tuple((f"Outlet {i}", 20 - i) for i in range(11))
    line = methods.n_per_outlet(counts, shown=3)
    assert line.startswith("N articles: Outlet 0 20, Outlet 1 19, Outlet 2 18, 8 more outlets ")
    assert line.endswith(str(sum(n for _, n in counts[3:])))
    assert methods.n_per_outlet(counts[:4], shown=3).endswith(", 1 more outlet 17")


def test_the_source_line_carries_method_corpus_fingerprint_and_date():
    card = methods.card("distinctive", SAMPLE, corpus="seeds", today=dt.date(2026, 3, 4))
    method, where = card.source().splitlines()
    assert method.startswith("Method: Fightin' Words log-odds (") and not method.endswith("…")
    assert "marked |z| > 1.96, not corrected for multiple tests" in method  # the last setting: never cut
    assert where == f"Framescope · corpus seeds · 2025-01-02 to 2025-02-01 · fingerprint {card.fingerprint} · generated 2026-03-04"


def test_every_kind_of_chart_has_a_card():
    for kind in [*methods.METHODS, "stories"]:
        card = methods.card(kind, SAMPLE, corpus="c")
        assert card.method.name and card.method.description and card.lines()[0] == f"Method: {card.method.name}"
