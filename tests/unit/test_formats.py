import json

import pytest

from lib.load import formats


def test_a_scraper_date_header_becomes_metadata_and_leaves_the_body():
    [record] = formats.read(" date 2025-05-08 \n\n\n\nThe body starts here.", ".txt")
    assert record.meta == {"date": "2025-05-08"}
    assert record.meta_source == {"date": "header"}
    assert record.text.strip() == "The body starts here."


def test_a_headline_that_starts_with_the_word_date_is_not_a_header():
    [record] = formats.read("Date night ideas for busy parents\n\nBody.", ".txt")
    assert record.meta == {}
    assert record.text.startswith("Date night")


def test_yaml_front_matter_gives_title_outlet_date_and_url():
    text = "---\ntitle: Xi meets Putin\nsource: The Daily Planet\ndate: 2025-05-08\nlink: https://x.test/a\n---\nBody text."
    [record] = formats.read(text, ".md")
    assert record.meta == {"title": "Xi meets Putin", "outlet": "The Daily Planet", "date": "2025-05-08",
                           "url": "https://x.test/a"}
    assert set(record.meta_source.values()) == {"front-matter"}
    assert record.text.strip() == "Body text."


def test_markdown_heading_becomes_the_title_and_markup_is_removed():
    [record] = formats.read("# The headline\n\nSome **bold** and a [link](https://x.test).\n\n![img](a.png)", ".md")
    assert record.meta["title"] == "The headline"
    assert "Some bold and a link." in record.text
    assert "**" not in record.text and "https" not in record.text


def test_html_main_text_title_site_and_date_come_from_the_page():
    page = """<html><head><title>Xi meets Putin | The Daily Planet</title>
    <meta property="og:site_name" content="The Daily Planet"><meta name="date" content="2025-05-08"></head>
    <body><nav>Home | World | Sport</nav><article><h1>Xi meets Putin</h1>
    <p>Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Thursday.</p>
    <p>The two leaders signed a joint statement on their strategic partnership, officials said.</p>
    </article><footer>Cookie settings</footer></body></html>"""
    [record] = formats.read(page, ".html")
    assert record.meta["title"] == "Xi meets Putin"
    assert record.meta["outlet"] == "The Daily Planet"
    assert record.meta["date"] == "2025-05-08"
    assert "joint statement" in record.text and "Cookie" not in record.text


def test_html_without_article_text_is_a_format_error():
    with pytest.raises(formats.FormatError, match="no article text"):
        formats.read("<html><body></body></html>", ".html")


def test_csv_columns_are_matched_case_insensitively_and_by_synonym():
    text = "Headline,Publisher,Published,Link,Body\nA title,UPI,2025-05-08,https://x.test,First article.\n"
    [record] = formats.read(text, ".csv")
    assert record.meta == {"title": "A title", "outlet": "UPI", "date": "2025-05-08", "url": "https://x.test"}
    assert record.text == "First article." and record.row == 2


def test_csv_without_a_text_column_says_which_columns_it_found():
    with pytest.raises(formats.FormatError, match="found: a, b"):
        formats.read("a,b\n1,2\n", ".csv")


def test_json_list_object_wrapper_and_nested_source_name_are_read():
    data = {"articles": [{"content": "One.", "source": {"id": None, "name": "Reuters"}}, {"body": "Two."}]}
    records = formats.read(json.dumps(data), ".json")
    assert [r.text for r in records] == ["One.", "Two."]
    assert records[0].meta["outlet"] == "Reuters"


def test_malformed_json_reports_where():
    with pytest.raises(formats.FormatError, match="line 1"):
        formats.read('[{"text": "a"', ".json")


def test_jsonl_bad_lines_become_problems_and_good_lines_load():
    text = '{"text": "good one"}\n{not json}\n\n{"text": "good two"}\n[1, 2]\n'
    records = formats.read(text, ".jsonl")
    assert [(r.row, r.text, bool(r.problem)) for r in records] == [
        (1, "good one", False), (2, "", True), (4, "good two", False), (5, "", True)]
    assert "not valid JSON" in records[1].problem


def test_a_row_without_text_is_a_problem_row():
    [record] = formats.read('[{"title": "no body"}]', ".json")
    assert record.problem == "row 1 has no text"
