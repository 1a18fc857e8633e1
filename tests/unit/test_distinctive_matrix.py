"""article_terms + counts_from_terms: term_counts of any selection from one article × term matrix."""
import math
import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.distinctive import TermMatrix, article_terms, counts_from_terms, term_counts

FUZZ_EXAMPLES = int(os.environ.get("FRAMESCOPE_FUZZ_EXAMPLES", 100))


def frame(*rows: tuple[str, str | None, str | None]) -> pd.DataFrame:
    """(id, outlet, text) triples as an articles frame."""
    return pd.DataFrame({"id": [i for i, _, _ in rows], "outlet": [o for _, o, _ in rows],
                         "text": [t for _, _, t in rows]})


def repeats(everything: pd.DataFrame, selection: pd.DataFrame) -> int:
    """At most how many times the selection holds an article, relative to the whole frame."""
    chosen = selection[selection["outlet"].notna() & selection["id"].isin(everything["id"])]
    held = everything["id"].value_counts()
    return max((math.ceil(n / held[i]) for i, n in chosen["id"].value_counts().items()), default=1)


def assert_same(everything: pd.DataFrame, selection: pd.DataFrame, *, ngrams=(1, 2), min_count=3,
                matrix_min_count=None, stopwords=None) -> pd.DataFrame | None:
    """counts_from_terms(article_terms(everything), selection) is term_counts(selection), or
    refuses when the selection repeats articles so often that it could not be exact."""
    matrix_min_count = matrix_min_count or min_count
    matrix = article_terms(everything, ngrams=ngrams, min_count=matrix_min_count, stopwords=stopwords)
    expected = term_counts(selection, ngrams=ngrams, min_count=min_count, stopwords=stopwords)
    times = repeats(everything, selection)
    if times > 1 and matrix_min_count > 1 and min_count <= times * (matrix_min_count - 1):
        with pytest.raises(ValueError, match="repeats an article"):
            counts_from_terms(matrix, selection[["id", "outlet"]], min_count=min_count)
        matrix = article_terms(everything, ngrams=ngrams, min_count=1, stopwords=stopwords)
    got = counts_from_terms(matrix, selection[["id", "outlet"]], min_count=min_count)
    pd.testing.assert_frame_equal(got, expected)
    return got


NEWS = frame(
    ("a0", "Left", "The climate crisis hits coastal towns. The climate crisis worsens.\nTax the rich."),
    ("a1", "Left", "Voters fear the climate crisis; renewable energy jobs grow. Tax cuts for the rich."),
    ("a2", "Right", "Illegal immigration surges at the border. Border security now. Tax cuts work."),
    ("a3", "Right", "Border wall funding stalls; illegal immigration continues. The rule of law, the rule of law."),
    ("a4", "Centre", "Congress debates tax policy and border funding. Energy prices rise. Rule of law matters."),
    ("a5", "Centre", ""),
    ("a6", "Centre", None),
    ("a7", None, "Climate crisis climate crisis climate crisis border wall border wall"),
    ("a8", "Right", "Border wall funding stalls; illegal immigration continues. The rule of law, the rule of law."),
    ("a8", "Right", "Border wall funding stalls; illegal immigration continues. The rule of law, the rule of law."),
    ("a9", "Über Nachrichten", "Über die Grenze: Ökonomen warnen vor Zöllen. Zölle schaden der Wirtschaft; "
                               "Ökonomen warnen erneut. O’Rourke’s F.B.I. café café café — naïve naïve naïve."),
    ("a10", "Left", math.nan),
    ("a11", "Right", "Donald J. Trump’s border wall. Donald Trump's border wall! Donald Trump border wall"),
)


@pytest.mark.parametrize("ngrams", [(1, 1), (1, 2), (2, 2), (1, 3), (3, 3)])
@pytest.mark.parametrize("min_count", [1, 2, 3])
def test_the_whole_frame_gives_term_counts(ngrams, min_count):
    got = assert_same(NEWS, NEWS, ngrams=ngrams, min_count=min_count)
    if min_count == 1 and ngrams[0] == 1:
        assert not got.empty


@pytest.mark.parametrize("rows", [
    [0], [1], [5], [6], [7], [10], [0, 1], [2, 3, 8], [8, 9], [3, 8, 9], [9, 9, 9], [11, 0, 2],
    [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], [4, 5, 6, 10], [10, 11], [0, 0, 1, 1, 2],
    list(range(0, 13, 2)), list(range(1, 13, 2))])
@pytest.mark.parametrize("ngrams,min_count", [((1, 2), 3), ((1, 2), 1), ((1, 3), 1), ((1, 3), 2), ((2, 3), 1)])
def test_any_selection_gives_term_counts_of_that_selection(rows, ngrams, min_count):
    assert_same(NEWS, NEWS.iloc[rows], ngrams=ngrams, min_count=min_count)


@pytest.mark.parametrize("matrix_min_count", [1, 2, 3])
def test_a_selection_may_ask_for_a_higher_min_count_than_the_matrix(matrix_min_count):
    for rows in ([0, 1, 2], [2, 3, 8, 11], list(range(13))):
        assert_same(NEWS, NEWS.iloc[rows], min_count=4, matrix_min_count=matrix_min_count)
        assert_same(NEWS, NEWS.iloc[rows], ngrams=(1, 3), min_count=3, matrix_min_count=matrix_min_count)


def test_repeated_articles_count_every_time_and_are_refused_when_that_could_be_inexact():
    rows = frame(("a", "A", "rich rich tax"), ("b", "B", "tax tax"), ("b", "B", "tax tax"))
    matrix = article_terms(rows, ngrams=(1, 1), min_count=3)
    assert matrix.terms.tolist() == ["tax"]                  # "rich": 2 in all
    # "b" twice is what the matrix holds: exact
    assert counts_from_terms(matrix, rows, min_count=3).to_dict("list") == \
        {"outlet": ["A", "B"], "term": ["tax", "tax"], "count": [1, 4]}
    twice = rows.iloc[[0, 0]]                                # "rich" 4 times, but the matrix dropped it
    assert set(term_counts(twice, ngrams=(1, 1), min_count=3)["term"]) == {"rich"}
    with pytest.raises(ValueError, match="repeats an article 2 times"):
        counts_from_terms(matrix, twice, min_count=3)
    assert counts_from_terms(matrix, twice, min_count=5).empty   # > 2 × (3 − 1): exact again
    assert_same(rows, twice, ngrams=(1, 1), min_count=5, matrix_min_count=3)
    got = assert_same(rows, twice, ngrams=(1, 1), min_count=3, matrix_min_count=1)
    assert got.to_dict("list") == {"outlet": ["A"], "term": ["rich"], "count": [4]}


def test_a_lower_min_count_than_the_matrix_is_refused():
    matrix = article_terms(NEWS, min_count=3)
    with pytest.raises(ValueError, match="min_count"):
        counts_from_terms(matrix, NEWS, min_count=2)
    with pytest.raises(ValueError, match="min_count"):
        article_terms(NEWS, min_count=0)


def test_custom_stopwords():
    assert_same(NEWS, NEWS.iloc[[0, 1, 4]], min_count=1, stopwords=frozenset({"climate", "border"}))
    assert_same(NEWS, NEWS, ngrams=(1, 3), min_count=1, stopwords=frozenset())


def test_one_article():
    one = frame(("x", "A", "Senate Democrats passed the budget. Senate Democrats cheered."))
    got = assert_same(one, one, min_count=1)
    assert got.iloc[0].tolist() == ["A", "democrats", 2]
    assert_same(one, one, min_count=2)


def test_empty_and_textless_frames_give_the_empty_term_counts_frame():
    empty = frame()
    matrix = article_terms(empty)
    assert matrix.counts.shape == (0, 0) and len(matrix.ids) == 0 and len(matrix.terms) == 0
    assert_same(empty, empty)
    textless = frame(("a", "A", ""), ("b", "B", None), ("c", "C", "the of and 2020"), ("d", None, math.nan))
    matrix = article_terms(textless, min_count=1)
    assert matrix.counts.shape == (4, 0)
    assert_same(textless, textless, min_count=1)
    assert counts_from_terms(matrix, textless[["id", "outlet"]], min_count=1).empty
    # a frame of terms, but a selection without any
    assert_same(NEWS, NEWS.iloc[[5, 6, 10]], min_count=1)
    assert_same(NEWS, NEWS.iloc[[]], min_count=1)


def test_rows_without_an_outlet_are_ignored_but_still_count_towards_the_matrix():
    rows = frame(("a", "A", "budget budget"), ("b", None, "budget budget budget"), ("c", "B", "deficit"))
    matrix = article_terms(rows, ngrams=(1, 1), min_count=3)
    assert matrix.terms.tolist() == ["budget"]            # 5 in all, "deficit" 1
    got = counts_from_terms(matrix, rows, min_count=3)
    assert got.empty                                       # 2 with an outlet: below 3
    assert counts_from_terms(matrix, rows.assign(outlet="A"), min_count=3).to_dict("list") == \
        {"outlet": ["A"], "term": ["budget"], "count": [5]}


def test_ids_missing_from_the_matrix_count_as_articles_without_text():
    matrix = article_terms(NEWS, min_count=1)
    selection = pd.concat([NEWS.iloc[[0, 2]], frame(("new", "Left", None), ("also new", "Zed", None))])
    assert_same(NEWS, selection, min_count=1)
    assert counts_from_terms(matrix, selection, min_count=1)["outlet"].unique().tolist() == ["Left", "Right"]
    assert matrix.rows_of(pd.Series(["a2", "nope", "a8", "a0"])).tolist() == [2, -1, 8, 0]


def test_the_pruning_is_exact():
    rows = frame(("a", "A", "twice thrice"), ("b", "B", "twice thrice"), ("c", "B", "thrice plenty plenty plenty"),
                 ("d", "C", "plenty"))
    matrix = article_terms(rows, ngrams=(1, 1), min_count=3)
    assert matrix.terms.tolist() == ["plenty", "thrice"]    # "twice" is used twice in the whole corpus
    assert matrix.counts.toarray().tolist() == [[0, 1], [0, 1], [3, 1], [1, 0]]
    whole = counts_from_terms(matrix, rows, min_count=3)
    assert whole.to_dict("list") == {"outlet": ["A", "B", "B", "C"], "term": ["thrice", "plenty", "thrice", "plenty"],
                                     "count": [1, 3, 2, 1]}
    assert "twice" not in set(term_counts(rows, ngrams=(1, 1), min_count=3)["term"])
    assert counts_from_terms(matrix, rows.iloc[[0, 1]], min_count=3).empty   # "thrice": 2 there
    assert_same(rows, rows.iloc[[0, 1]], ngrams=(1, 1), min_count=3)
    assert_same(rows, rows.iloc[[1, 2, 3]], ngrams=(1, 1), min_count=3)


def test_the_matrix_layout():
    matrix = article_terms(NEWS, ngrams=(1, 3), min_count=2)
    assert isinstance(matrix, TermMatrix)
    assert matrix.ids.dtype == object and matrix.ids.tolist() == NEWS["id"].tolist()
    assert matrix.terms.dtype == object and matrix.terms.tolist() == sorted(matrix.terms.tolist())
    assert matrix.counts.format == "csr" and matrix.counts.dtype == np.int32
    assert matrix.counts.shape == (len(NEWS), len(matrix.terms))
    assert matrix.counts.has_canonical_format and (matrix.counts.data > 0).all()
    assert (np.asarray(matrix.counts.sum(axis=0)).ravel() >= 2).all()
    assert (matrix.ngrams, matrix.min_count) == ((1, 3), 2)
    column = {t: i for i, t in enumerate(matrix.terms)}
    assert matrix.counts[3, column["rule of law"]] == 2 and matrix.counts[4, column["rule of law"]] == 1
    assert matrix.counts[12, column["donald trump"]] == 3 and matrix.counts[12, column["border wall"]] == 3


def test_ties_are_broken_by_term_whatever_the_order_of_the_rows():
    rows = frame(("a", "A", "zebra mango apple"), ("b", "A", "Über apple zebra mango"), ("c", "B", "mango"))
    got = term_counts(rows, ngrams=(1, 1), min_count=1)
    assert got["term"].tolist() == ["apple", "mango", "zebra", "über", "mango"]
    pd.testing.assert_frame_equal(term_counts(rows.iloc[::-1], ngrams=(1, 1), min_count=1), got)
    assert_same(rows, rows, ngrams=(1, 1), min_count=1)
    assert_same(rows, rows.iloc[::-1], ngrams=(1, 1), min_count=1)


def test_more_articles_than_one_tokenising_block(monkeypatch):
    from lib.distinctive import terms

    monkeypatch.setattr(terms, "_ENCODE_CHARS", 150)   # the vocabulary must carry across blocks
    assert len(list(terms._blocks(NEWS["text"], 150))) >= 5
    for rows in (list(range(13)), [12, 3, 4, 0, 9], [9, 1]):
        assert_same(NEWS, NEWS.iloc[rows], ngrams=(1, 3), min_count=1)
        assert_same(NEWS, NEWS.iloc[rows], min_count=2)


# --- fuzz ---------------------------------------------------------------------------------------

WORDS = ["war", "peace", "tax", "border", "climate", "the", "of", "said", "mr", "2020", "9-11", "U.S.",
         "O’Rourke's", "anti-abortion", "J.", "a", "crisis", "Senate", "é", "_", "über", "F.B.I.", "Café"]
GLUE = [" ", " ", " ", ", ", ". ", "\n", "\n\n", " — ", "'", "-", "’", "  ", "\u00a0"]
texts = st.one_of(
    st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GLUE)), max_size=30).map(
        lambda pairs: "".join(w + g for w, g in pairs)),
    st.none(), st.just(math.nan), st.text(max_size=40))
corpora = st.lists(st.tuples(st.sampled_from(["A", "B", "C", None]), texts), max_size=10)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(corpora, st.data(), st.integers(1, 3), st.integers(0, 2), st.integers(1, 3))
def test_fuzz_any_selection_of_any_corpus(rows, data, matrix_min_count, extra, longest):
    everything = frame(*[(f"a{i}", o, t) for i, (o, t) in enumerate(rows)])
    picked = data.draw(st.lists(st.integers(0, len(rows) - 1), max_size=12) if rows else st.just([]))
    low = data.draw(st.integers(1, longest))
    assert_same(everything, everything.iloc[picked], ngrams=(low, longest), min_count=matrix_min_count + extra,
                matrix_min_count=matrix_min_count)
