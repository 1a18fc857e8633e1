"""lib.distinctive.mapped: the article × term matrix from per-article map rows, never the texts."""
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lib.distinctive import article_terms
from lib.distinctive import mapped

ARTICLES = pd.DataFrame({
    "id": ["a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7"],
    "text": [
        "The climate crisis hits coastal towns. The climate crisis worsens.\nTax the rich.",
        "Voters fear the climate crisis; renewable energy jobs grow. Tax cuts for the rich.",
        "Illegal immigration surges at the border. Border security now. Tax cuts work.",
        "Border wall funding stalls; illegal immigration continues. The rule of law, the rule of law.",
        "",
        None,
        "Über die Grenze: Ökonomen warnen. O’Rourke’s F.B.I. café café café — naïve naïve naïve.",
        "Donald J. Trump’s border wall. Donald Trump's border wall! Tax cuts, tax cuts.",
    ],
})


def assert_same(got, want) -> None:
    assert list(got.ids) == list(want.ids)
    assert list(got.terms) == list(want.terms)
    assert got.counts.dtype == want.counts.dtype == np.int32
    assert (got.counts != want.counts).nnz == 0
    assert mapped.same_matrix(got, want)


def rows(articles: pd.DataFrame) -> pd.DataFrame:
    return mapped.map_articles(articles)[mapped.TABLE]


def test_map_has_the_schema_and_every_term_of_each_article():
    table = rows(ARTICLES)
    assert list(table.columns) == mapped.SCHEMAS[mapped.TABLE].names
    pa.Table.from_pandas(table, schema=mapped.SCHEMAS[mapped.TABLE], preserve_index=False)   # fits the schema
    a0 = table[table["article_id"] == "a0"].set_index("term")["count"]
    # every term, even one used once in the whole corpus ("coastal towns"), with its count
    assert a0["climate crisis"] == 2 and a0["coastal towns"] == 1 and "rich" in a0
    assert set(table["article_id"]) == {"a0", "a1", "a2", "a3", "a6", "a7"}   # no text: no rows


def test_map_is_per_article_independent():
    whole = rows(ARTICLES)
    halves = pd.concat([rows(ARTICLES.iloc[:3]), rows(ARTICLES.iloc[3:])], ignore_index=True)
    pd.testing.assert_frame_equal(whole, halves)
    one_by_one = pd.concat([rows(ARTICLES.iloc[[i]]) for i in range(len(ARTICLES))], ignore_index=True)
    pd.testing.assert_frame_equal(whole, one_by_one)


def test_reduce_equals_article_terms():
    want = article_terms(ARTICLES)
    assert len(want.terms) > 5   # the fixture does keep terms (≥ 3 uses) and drop others
    assert_same(mapped.reduce(mapped.map_articles(ARTICLES), ARTICLES["id"]), want)


def test_reduce_of_two_halves_in_shuffled_order_equals_the_union():
    first, second = ARTICLES.iloc[:4], ARTICLES.iloc[4:]
    stored = pd.concat([rows(second), rows(first)], ignore_index=True).sample(frac=1.0, random_state=3)
    assert_same(mapped.reduce({mapped.TABLE: stored}, ARTICLES["id"]), article_terms(ARTICLES))


def test_rows_of_articles_not_in_ids_are_ignored():
    corpus = ARTICLES.iloc[[7, 0, 2, 4]]   # corpus order is not the store's order
    stored = rows(ARTICLES)   # every article's rows, the others too
    got = mapped.reduce({mapped.TABLE: stored}, corpus["id"])
    assert_same(got, article_terms(corpus))
    # a0 says "climate crisis" twice, a1 once: over the whole store a term, over this corpus not
    assert "climate crisis" in list(article_terms(ARTICLES).terms)
    assert "climate crisis" not in list(got.terms)


def test_an_id_without_stored_rows_is_a_row_of_zeros():
    corpus = pd.DataFrame({"id": ["a0", "new", "a1"], "text": [ARTICLES.text[0], None, ARTICLES.text[1]]})
    got = mapped.reduce(mapped.map_articles(ARTICLES), corpus["id"])
    assert_same(got, article_terms(corpus))
    assert got.counts[1].nnz == 0


def test_an_id_given_twice_counts_twice_as_article_terms_does():
    corpus = ARTICLES.iloc[[3, 0, 3]]   # "law" twice in a3 only: kept only when a3 counts twice
    got = mapped.reduce(mapped.map_articles(ARTICLES), corpus["id"])
    assert_same(got, article_terms(corpus))
    assert "law" in list(got.terms)
    assert got.counts[0].toarray().tolist() == got.counts[2].toarray().tolist()
    assert "law" not in list(mapped.reduce(mapped.map_articles(ARTICLES), ["a3", "a0"]).terms)


def test_categorical_columns_read_as_the_store_gives_them():
    stored = rows(ARTICLES).astype({"article_id": "category", "term": "category"})
    assert_same(mapped.reduce({mapped.TABLE: stored}, ARTICLES["id"]), article_terms(ARTICLES))


def test_nothing_reaches_min_count():
    few = pd.DataFrame({"id": ["x", "y"], "text": ["Lonely words here.", "Other lonely tokens."]})
    got = mapped.reduce(mapped.map_articles(few), few["id"])
    assert_same(got, article_terms(few))
    assert got.counts.shape == (2, 0)


def test_duckdb_reduce_over_parquet_equals_article_terms(tmp_path):
    schema = mapped.SCHEMAS[mapped.TABLE]
    for k, part in enumerate((ARTICLES.iloc[4:], ARTICLES.iloc[:4])):
        table = pa.Table.from_pandas(rows(part), schema=schema, preserve_index=False)
        pq.write_table(table, tmp_path / f"b{k}.parquet", compression="zstd")
    files = sorted(tmp_path.glob("*.parquet"))
    for corpus in (ARTICLES.iloc[[7, 0, 1, 2, 3, 5]], ARTICLES.iloc[[3, 0, 3]], ARTICLES.iloc[[4, 5]]):
        assert_same(mapped.reduce_parquet(files, corpus["id"]), article_terms(corpus))


def test_min_count_below_one_is_refused():
    with pytest.raises(ValueError, match="min_count"):
        mapped.reduce(mapped.map_articles(ARTICLES), ARTICLES["id"], min_count=0)



def rows_with(table: pd.DataFrame):
    asked: list[set[str]] = []

    def read(terms):
        asked.append(set(terms))
        return table[table["term"].isin(set(terms))]

    return read, asked


@pytest.mark.parametrize("before, after", [
    (["a0", "a1", "a2", "a3"], ["a0", "a1", "a2", "a3", "a7"]),        # a new file: "border wall" reaches 3
    (["a0", "a1", "a2", "a3", "a7"], ["a0", "a1", "a2", "a3"]),        # removed: it falls back under 3
    (["a0", "a1", "a2", "a3", "a7"], ["a7", "a2", "a6", "a0", "a4"]),  # both, in another order
    (["a4"], ["a0", "a1"]),                                            # from an empty vocabulary
    (["a0", "a1", "a2", "a4"], ["a0", "a4", "a2"]),                    # an empty article last
])
def test_an_earlier_matrix_updated_with_the_new_articles_rows_equals_the_reduce(before, after):
    table = rows(ARTICLES)
    earlier = mapped.reduce({mapped.TABLE: table}, before)
    new = [i for i in after if i not in before]
    read, asked = rows_with(table)
    got = mapped.updated(earlier, after, table[table["article_id"].isin(new)], read)
    assert_same(got, mapped.reduce({mapped.TABLE: table}, after))
    # only terms the new articles bring and the earlier matrix lacked were looked up
    brought = set(table.loc[table["article_id"].isin(new), "term"]) - set(earlier.terms)
    assert asked == [brought]


def test_the_update_brings_in_a_term_the_new_article_lifts_over_min_count_and_drops_one_a_removal_sinks():
    table = rows(ARTICLES)
    four = mapped.reduce({mapped.TABLE: table}, ["a0", "a1", "a2", "a3"])
    assert "border wall" not in set(four.terms)                   # once in a3; a7 writes it twice
    read, _ = rows_with(table)
    grown = mapped.updated(four, ["a0", "a1", "a2", "a3", "a7"], table[table["article_id"] == "a7"], read)
    assert "border wall" in set(grown.terms)
    shrunk = mapped.updated(grown, ["a0", "a1", "a2", "a3"], table.iloc[:0], read)
    assert "border wall" not in set(shrunk.terms)
    assert mapped.updated(four, ["a0", "a0"], table.iloc[:0], read) is None   # an id twice: reduce instead


def test_duckdb_finds_the_rows_of_a_few_terms_in_the_corpus_articles(tmp_path):
    table = rows(ARTICLES)
    path = tmp_path / "terms.parquet"
    pq.write_table(pa.Table.from_pandas(table, schema=mapped.SCHEMAS[mapped.TABLE], preserve_index=False), path)
    found = mapped.rows_with_parquet([path], ["a2", "a3", "a7"], np.array(["border wall", "tax cuts"], dtype=object))
    want = table[table["article_id"].isin({"a2", "a3", "a7"}) & table["term"].isin({"border wall", "tax cuts"})]
    key = ["article_id", "term"]
    pd.testing.assert_frame_equal(found.sort_values(key).reset_index(drop=True).astype({"count": "int32"}),
                                  want.sort_values(key).reset_index(drop=True), check_dtype=False)
