"""RSS and Atom feeds: each item an article with its title, link, date and source, its full
content as text, or its summary flagged as only a summary. Every feed here is invented."""
from pathlib import Path

import pandas as pd

from lib.load import corpus, feeds, formats

STORY = ("The river authority said on Monday that the new weir would open in the autumn, after two "
         "years of delays caused by flooding upstream.")
OTHER = ("A small bakery cooperative reported its best year yet, and its members plan a second shop "
         "near the old market square.")


def rss(*items: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            "<title>The Valley Post</title><link>https://valleypost.example/</link>"
            + "".join(items) + "</channel></rss>").encode()


FULL = ("<item><title>Weir to open in autumn</title><link>https://valleypost.example/2021/05/weir</link>"
        "<pubDate>Mon, 03 May 2021 09:00:00 GMT</pubDate>"
        "<author>ann@valleypost.example (Ann Writer)</author><description>Weir opens.</description>"
        f"<content:encoded><![CDATA[<p>{STORY}</p><p>Work starts <b>in June</b>.</p>]]></content:encoded></item>")
SUMMARY = ("<item><title>Bakery opens second shop</title><link>https://valleypost.example/bakery</link>"
           "<pubDate>Tue, 04 May 2021 23:30:00 -0300</pubDate>"
           f"<description>{OTHER}</description>"
           '<source url="https://wire.example/rss">Invented Wire</source></item>')


def test_an_rss_item_with_full_content_gives_its_text_title_link_date_and_feed_as_outlet():
    first, _ = feeds.read_feed(rss(FULL, SUMMARY))
    assert first.text == f"{STORY}\n\nWork starts in June."
    assert first.meta == {"title": "Weir to open in autumn", "outlet": "The Valley Post", "date": "2021-05-03",
                          "url": "https://valleypost.example/2021/05/weir", "byline": "Ann Writer"}
    assert set(first.meta_source.values()) == {"feed"} and first.note is None


def test_an_item_with_only_a_summary_is_flagged_and_its_own_source_is_its_outlet():
    _, second = feeds.read_feed(rss(FULL, SUMMARY))
    assert second.text == OTHER and second.note == feeds.SUMMARY_NOTE
    assert second.meta["outlet"] == "Invented Wire"
    assert second.meta["date"] == "2021-05-05"  # 23:30 at -03:00 is the next day in UTC


def test_an_atom_feed_reads_entries_with_their_content():
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Hill Gazette</title><id>urn:x</id><updated>2022-01-02T00:00:00Z</updated>"
            "<entry><title>Teachers accept pay offer</title><id>urn:1</id>"
            '<link href="https://hill.example/teachers"/><updated>2022-01-02T08:00:00Z</updated>'
            f'<author><name>Bob Reporter</name></author><content type="html">&lt;p&gt;{STORY}&lt;/p&gt;</content>'
            "</entry></feed>").encode()
    [entry] = feeds.read_feed(atom)
    assert entry.text == STORY and entry.meta["outlet"] == "Hill Gazette"
    assert entry.meta["date"] == "2022-01-02" and entry.meta["byline"] == "Bob Reporter"
    assert entry.meta["url"] == "https://hill.example/teachers"


def test_a_feed_is_read_from_its_bytes_and_never_fetched_or_opened_as_a_path(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not to be read")
    for data in (b"https://example.invalid/feed.xml", str(secret).encode()):
        try:
            feeds.read_feed(data)
        except formats.FormatError as exc:
            assert "not an RSS or Atom feed" in str(exc)
        else:
            raise AssertionError("a URL or a path was taken for a feed")


def test_an_xml_file_that_is_no_feed_and_a_feed_declaring_entities_are_reported(tmp_path: Path):
    (tmp_path / "sitemap.xml").write_bytes(b'<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    bomb = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            b"<rss><channel><title>&b;</title><item><title>t</title><description>&b;</description></item>"
            b"</channel></rss>")
    (tmp_path / "bomb.rss").write_bytes(bomb)
    (tmp_path / "news.rss").write_bytes(rss(FULL, SUMMARY))
    records = corpus.load(tmp_path).records.set_index("file")
    assert records.loc["sitemap.xml", "status"] == "error"
    assert "not an RSS or Atom feed" in records.loc["sitemap.xml", "message"]
    assert records.loc["bomb.rss", "status"] == "error" and "entities" in records.loc["bomb.rss", "message"]
    assert list(records.loc[["news.rss"], "status"]) == ["loaded", "loaded"]


def test_the_folder_loader_gives_one_article_per_item_with_the_summary_flag_in_its_message(tmp_path: Path):
    (tmp_path / "news.rss").write_bytes(rss(FULL, SUMMARY))
    loaded = corpus.load(tmp_path)
    articles = loaded.articles.set_index("row")
    assert list(articles.index) == [1, 2]
    assert articles.loc[1, "outlet_source"] == "feed" and articles.loc[1, "date"] == pd.Timestamp("2021-05-03")
    assert articles.loc[1, "title"] == "Weir to open in autumn" and articles.loc[1, "byline"] == "Ann Writer"
    assert "summary" not in articles.loc[1, "message"]
    assert "only the feed's summary" in articles.loc[2, "message"]


def test_an_item_without_any_text_is_a_problem_row_and_the_others_load():
    empty = "<item><title>Photo gallery</title><link>https://valleypost.example/gallery</link></item>"
    records = feeds.read_feed(rss(empty, FULL))
    assert records[0].problem and "no text" in records[0].problem
    assert records[1].problem is None and records[1].text.startswith("The river authority")
