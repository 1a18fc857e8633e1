"""News-database exports (Nexis Uni, old Nexis, Factiva) split into articles with their header as
metadata and only the body as text. Every fixture is invented here; none is a real article."""
from pathlib import Path

import pandas as pd
import pytest

from lib.load import corpus, exports, files, formats, uploads
from tests.fixtures.documents import docx_bytes, pdf_of

BODIES = [
    "The river authority said on Monday that the new weir would open in the autumn, after two "
    "years of delays caused by flooding upstream.",
    "Teachers in the valley towns voted to accept the pay offer, ending a dispute that had closed "
    "schools for four days in the spring term.",
    "A small bakery cooperative reported its best year yet, and its members plan to open a second "
    "shop near the old market square next year.",
]


ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()


def body(i: int) -> str:
    """Ten different bodies: the same body twice would be one article (duplicates are merged)."""
    return f"{BODIES[i % 3]} The {ORDINALS[i]} story of this export adds its own detail."


def nexis_uni(n: int = 3, *, cover: bool = True, bodies=None) -> str:
    parts = ["Date and Time: Monday, March 2, 2020 9:00:00 AM EST\nJob Number: 1234\n"
             "Documents (3)\n1. Weir to open\nClient/Matter: -none-\nSearch Terms: weir\n"] if cover else []
    for i in range(n):
        parts.append(
            f"Headline number {i + 1}\nThe Riverside Courier\nMarch {i + 2}, 2020 Monday\n"
            "Copyright 2020 Invented Media Ltd All Rights Reserved\n\nSection: NEWS; Pg. 4\n"
            f"Length: {100 + i} words\nByline: Ann Writer {i + 1}\n\nBody\n\n{(bodies or BODIES)[i % 3 if bodies is None else i]}\n\n"
            "Second paragraph of the story.\n\nLoad-Date: March 5, 2020\n\nEnd of Document\n")
    return "\n".join(parts)


OLD_NEXIS = "".join(
    f"""
                              {i + 1} of 3 DOCUMENTS

                              The Hill Gazette

                              April {i + 1}, 2015 Wednesday
                              Final Edition

Copyright 2015 Invented Gazette Co.

Old headline {i + 1}

BYLINE: Bob Reporter

SECTION: LOCAL; Pg. A3

LENGTH: {200 + i} words


{BODIES[i]}

LOAD-DATE: April 9, 2015

LANGUAGE: ENGLISH

PUBLICATION-TYPE: Newspaper
""" for i in range(3))

def factiva(n: int, bodies: list[str] | None = None) -> str:
    """A Factiva text export of ``n`` articles (bodies: ``body(i)`` unless given)."""
    return "".join(f"""
Factiva headline {i + 1}
By Cara Columnist
{300 + i} words
{i + 10} June 2019
The Daily Invented
DINV
English
(c) 2019 Invented Daily Ltd

{bodies[i] if bodies else body(i)}

Document DINV000020190610ef6a0000{i}

""" for i in range(n))


FACTIVA = factiva(3, BODIES)


def bodies_clean(records):
    for record in records:
        for furniture in ("End of Document", "Load-Date", "LOAD-DATE", "Copyright", "Document DINV",
                          "words", "Byline", "BYLINE", "(c) 2019", "Job Number", "Document WEBINV", "(c) 2021"):
            assert furniture not in record.text, (furniture, record.text)


def test_a_nexis_uni_text_export_splits_into_articles_with_its_header_as_metadata():
    records = formats.read_plain(nexis_uni())
    assert [r.row for r in records] == [1, 2, 3]
    first = records[0]
    assert first.problem is None
    assert first.meta == {"title": "Headline number 1", "outlet": "The Riverside Courier", "date": "2020-03-02",
                          "byline": "Ann Writer 1", "section": "NEWS; Pg. 4", "stated_words": "100"}
    assert set(first.meta_source.values()) == {"export"}
    assert first.text.startswith("The river authority") and first.text.endswith("Second paragraph of the story.")
    bodies_clean(records)


def test_an_old_nexis_export_with_n_of_m_documents_separators():
    records = formats.read_plain(OLD_NEXIS)
    assert len(records) == 3 and all(r.problem is None for r in records)
    assert records[1].meta["title"] == "Old headline 2"
    assert records[1].meta["outlet"] == "The Hill Gazette"
    assert records[1].meta["date"] == "2015-04-02"
    assert records[1].meta["stated_words"] == "201"
    assert records[1].text == BODIES[1]
    bodies_clean(records)


def test_a_factiva_text_export():
    records = formats.read_plain(FACTIVA)
    assert len(records) == 3
    third = records[2]
    assert (third.meta["title"], third.meta["outlet"], third.meta["date"], third.meta["byline"]) == (
        "Factiva headline 3", "The Daily Invented", "2019-06-12", "Cara Columnist")
    assert third.text == BODIES[2]
    bodies_clean(records)


def test_a_factiva_export_with_paragraph_codes():
    text = ("HD\tCoded headline\nBY\tBy Dan Desk\nWC\t150 words\nPD\t4 July 2018\nSN\tThe Coded Times\n"
            "LA\tEnglish\nCY\t(c) 2018 Coded Times\nLP\t" + BODIES[0] + "\nTD\t" + BODIES[1] +
            "\nAN\tDocument CODED00020180704ee7400001\n")
    [record] = formats.read_plain(text)
    assert record.meta["title"] == "Coded headline" and record.meta["outlet"] == "The Coded Times"
    assert record.meta["date"] == "2018-07-04" and record.meta["byline"] == "Dan Desk"
    assert record.text == BODIES[0] + "\n\n" + BODIES[1]


def test_a_factiva_html_export_reads_each_article_div():
    articles = "".join(
        f'<div class="article enArticle"><div id="hd"><span>HTML headline {i + 1}</span></div>'
        f"<div>By Eve Editor</div><div>{120 + i} words</div><div>{i + 1} May 2021</div>"
        f"<div>The Web Invented</div><div>English</div><div>(c) 2021 Web Invented</div>"
        f'<p class="articleParagraph enarticleParagraph">{BODIES[i]}</p>'
        f"<div>Document WEBINV0020210501eh5100001</div></div>" for i in range(2))
    records = formats.read_html(f"<html><body>{articles}</body></html>")
    assert [r.meta["title"] for r in records] == ["HTML headline 1", "HTML headline 2"]
    assert records[1].meta["outlet"] == "The Web Invented" and records[1].meta["date"] == "2021-05-02"
    assert records[0].text == BODIES[0]


def test_a_nexis_uni_word_export_is_split_like_its_text():
    records = formats.read_docx(docx_of(nexis_uni()))
    assert len(records) == 3
    assert records[2].meta["title"] == "Headline number 3" and records[2].meta["date"] == "2020-03-04"
    bodies_clean(records)


def test_a_text_that_is_no_export_is_read_as_before():
    text = "Title: A plain story\n\nThe council met. It ended the document of the day with a vote.\n"
    assert exports.split(text) is None
    [record] = formats.read_plain(text)
    assert record.meta == {"title": "A plain story"} and record.row is None


def test_a_broken_record_is_a_problem_and_the_others_still_load():
    broken = nexis_uni(2, cover=False) + "\nA headline\nThe Riverside Courier\nMarch 9, 2020\nEnd of Document\n"
    truncated = nexis_uni(1, cover=False) + "\nCut headline\nThe Riverside Courier\nMarch 9, 2020\nLength: 90"
    records = formats.read_plain(broken)
    assert [r.problem is None for r in records] == [True, True, False]
    assert "no 'Body' line" in records[2].problem
    records = formats.read_plain(truncated)
    assert records[0].problem is None and records[1].problem


def test_the_folder_loader_yields_one_article_per_record_with_outlet_and_date(tmp_path: Path):
    (tmp_path / "nexis.txt").write_text(nexis_uni(bodies=[body(i) for i in range(3)]), encoding="utf-8")
    (tmp_path / "factiva.txt").write_text(FACTIVA, encoding="utf-8")
    loaded = corpus.load(tmp_path)
    articles = loaded.with_text(loaded.articles).set_index(["file", "row"])
    assert len(articles) == 6
    row = articles.loc[("nexis.txt", 2)]
    assert row["outlet"] == "The Riverside Courier" and row["outlet_source"] == "export"
    assert row["date"] == pd.Timestamp("2020-03-03") and row["date_source"] == "export"
    assert row["title"] == "Headline number 2" and row["byline"] == "Ann Writer 2"
    assert row["stated_words"] == 101 and row["section"] == "NEWS; Pg. 4"
    assert "End of Document" not in row["text"] and "Load-Date" not in row["text"]
    assert articles.loc[("factiva.txt", 1), "outlet"] == "The Daily Invented"


def test_a_nexis_uni_rtf_export_is_split_like_its_text():
    body = nexis_uni(2).replace("\n", "\\par\n")
    records = formats.read_rtf("{\\rtf1\\ansi{\\fonttbl\\f0 Times;}\\f0 " + body + "}")
    assert [r.meta["title"] for r in records] == ["Headline number 1", "Headline number 2"]
    bodies_clean(records)


def docx_of(text: str) -> bytes:
    """The text as a Word document, one paragraph per non-blank line (as Nexis Uni writes one)."""
    return docx_bytes(*(line for line in text.split("\n") if line.strip()))


def rtf_of(text: str) -> bytes:
    return ("{\\rtf1\\ansi{\\fonttbl\\f0 Times;}\\f0 " + text.replace("\n", "\\par\n") + "}").encode()


def factiva_html(n: int) -> bytes:
    return ("<html><body>" + "".join(
        f'<div class="article enArticle"><div id="hd"><span>HTML headline {i + 1}</span></div>'
        f"<div>By Eve Editor</div><div>{120 + i} words</div><div>{i + 1} May 2021</div>"
        f"<div>The Web Invented</div><div>English</div><div>(c) 2021 Web Invented</div>"
        f'<p class="articleParagraph enarticleParagraph">{body(i)}</p>'
        f"<div>Document WEBINV0020210501eh51000{i:02d}</div></div>" for i in range(n)) + "</body></html>").encode()


TEN = {
    "nexis.txt": lambda: nexis_uni(10, bodies=[body(i) for i in range(10)]).encode(),
    "nexis.docx": lambda: docx_of(nexis_uni(10, bodies=[body(i) for i in range(10)])),
    "old-nexis.txt": lambda: OLD_NEXIS.replace("of 3 DOCUMENTS", "of 10 DOCUMENTS").encode() + "".join(
        f"\n{i + 1} of 10 DOCUMENTS\n\nThe Hill Gazette\n\nApril {i + 1}, 2015 Wednesday\n\n"
        f"Old headline {i + 1}\n\nBYLINE: Bob Reporter\n\nLENGTH: {200 + i} words\n\n{body(i)}\n\n"
        "LOAD-DATE: April 9, 2015\n" for i in range(3, 10)).encode(),
    "factiva.rtf": lambda: rtf_of(factiva(10)),
    "factiva.html": lambda: factiva_html(10),
}


@pytest.mark.parametrize("name", TEN)
def test_an_export_of_ten_articles_loads_as_ten_with_outlet_date_title_and_byline_and_no_furniture(tmp_path, name):
    (tmp_path / name).write_bytes(TEN[name]())
    loaded = corpus.load(tmp_path)
    articles = loaded.with_text(loaded.articles)
    assert len(articles) == 10 and list(articles["row"]) == list(range(1, 11))
    for column in ("outlet", "date", "title", "byline"):
        assert articles[column].notna().all(), column
    assert (articles["outlet_source"] == "export").all() and articles["title"].is_unique
    bodies_clean(articles.itertuples())


def test_a_text_export_over_the_one_article_limit_is_read_up_to_the_export_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_ARTICLE_BYTES", 3_000)
    monkeypatch.setattr(files, "MAX_DOCUMENT_BYTES", 3_000)
    export = nexis_uni(10, bodies=[body(i) for i in range(10)]).encode()
    story = ("The council met on Tuesday. " * 200).encode()
    assert len(export) > 3_000 and len(story) > 3_000
    (tmp_path / "big-export.txt").write_bytes(export)
    (tmp_path / "big-export.rtf").write_bytes(rtf_of(factiva(10)))
    (tmp_path / "big-story.txt").write_bytes(story)
    records = corpus.load(tmp_path).records
    read = records["status"].isin(["loaded", "duplicate"])  # the two exports hold the same ten bodies
    assert (read & (records["file"] == "big-export.txt")).sum() == 10
    assert (read & (records["file"] == "big-export.rtf")).sum() == 10
    [story_row] = records[records["file"] == "big-story.txt"].itertuples()
    assert story_row.status == "error" and "too large" in story_row.message
    assert uploads.save(tmp_path, "upload-export.txt", export).path is not None
    assert uploads.save(tmp_path, "upload-story.txt", story).path is None


def test_a_nexis_uni_pdf_export_is_split_like_its_text(tmp_path):
    lines = [line for line in nexis_uni(3, bodies=[body(i) for i in range(3)]).split("\n")]
    (tmp_path / "nexis.pdf").write_bytes(pdf_of(lines))
    loaded = corpus.load(tmp_path)
    articles = loaded.with_text(loaded.articles)
    assert list(articles["title"]) == ["Headline number 1", "Headline number 2", "Headline number 3"]
    assert list(articles["byline"]) == ["Ann Writer 1", "Ann Writer 2", "Ann Writer 3"]
    assert (articles["outlet"] == "The Riverside Courier").all()
    bodies_clean(articles.itertuples())


def test_the_same_article_from_an_export_and_a_saved_web_page_is_one_article(tmp_path):
    (tmp_path / "nexis.txt").write_text(nexis_uni(3, bodies=[body(i) for i in range(3)]), encoding="utf-8")
    page = (f"<html><head><title>Headline number 2</title></head><body><article><h1>Headline number 2</h1>"
            f"<p>{body(1)}</p><p>Second paragraph of the story.</p></article></body></html>")
    (tmp_path / "saved.html").write_text(page, encoding="utf-8")
    records = corpus.load(tmp_path).records.set_index("file")
    saved = records.loc["saved.html"]
    assert saved["status"] == "duplicate", saved["message"]
    assert "nexis.txt" in saved["duplicate_of"] or "nexis.txt" in saved["message"]
