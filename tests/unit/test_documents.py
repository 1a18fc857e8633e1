"""Word, RTF and PDF documents and ZIP archives: read like the text files beside them, and every
hostile one reported in plain words while the good file still loads. Fixtures are built here."""
import gzip
import io
import json
import stat
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from lib.load import archives, corpus, files, uploads
from lib.store import atomic
from tests.fixtures.documents import docx_bytes, odt_bytes, pdf_bytes, tar_bytes, zip_bytes

GOOD = ("The harbour council met on Tuesday to argue about the new bridge, and the mayor said the "
        "budget would hold until the spring.")
ARTICLE = ("Fishermen in the northern port said on Friday that the winter catch was the smallest in a "
           "decade, and the regional minister promised a review of the quotas.")


def load(folder: Path) -> pd.DataFrame:
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    loaded = corpus.load(folder)
    records = loaded.with_text(loaded.records).set_index("file")
    assert records.loc["good.txt", "status"] == "loaded"
    return records


def test_a_word_document_loads_with_its_first_line_as_title(tmp_path):
    (tmp_path / "bridge.docx").write_bytes(docx_bytes("Harbour catch falls", ARTICLE))
    row = load(tmp_path).loc["bridge.docx"]
    assert (row["status"], row["format"], row["title"]) == ("loaded", "docx", "Harbour catch falls")
    assert row["text"].startswith("Fishermen in the northern port")


def test_an_rtf_file_loads_without_its_pictures_or_embedded_objects(tmp_path):
    rtf = (r"{\rtf1\ansi{\fonttbl{\f0 Arial;}}Caf\'e9 owners protest\par " + ARTICLE +
           r"{\pict\pngblip 89504e470d0a1a0a0000000d49484452}{\object\objemb{\*\objdata 01050000020000000b}"
           r"{\result hidden}}\par}")
    (tmp_path / "protest.rtf").write_text(rtf, encoding="ascii")
    row = load(tmp_path).loc["protest.rtf"]
    assert row["status"] == "loaded" and row["title"] == "Café owners protest"
    assert "Fishermen" in row["text"] and "8950" not in row["text"] and "0105" not in row["text"]


def test_a_pdf_loads_its_text_layer_and_a_scan_is_reported_not_guessed(tmp_path):
    (tmp_path / "catch.pdf").write_bytes(pdf_bytes(ARTICLE))
    (tmp_path / "scan.pdf").write_bytes(pdf_bytes(None))
    records = load(tmp_path)
    assert records.loc["catch.pdf", "status"] == "loaded" and "winter catch" in records.loc["catch.pdf", "text"]
    assert records.loc["scan.pdf", "status"] == "error"
    assert records.loc["scan.pdf", "message"].startswith("no text layer (a scan?): 1 page")


@pytest.mark.parametrize("name, data, message", [
    ("broken.docx", b"PK\x03\x04" + b"\x00" * 200, "not a readable Word document"),
    ("notword.docx", zip_bytes({"hello.txt": ARTICLE}), "could not be read"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "the PDF could not be read"),
    ("fake.rtf", ARTICLE.encode(), "not an RTF document"),
], ids=["corrupt-docx", "zip-not-docx", "corrupt-pdf", "text-as-rtf"])
def test_a_corrupt_document_is_reported_and_the_rest_loads(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    row = load(tmp_path).loc[name]
    assert row["status"] == "error" and message in row["message"]


def test_an_external_entity_in_a_word_document_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PASSWORD")
    source = zipfile.ZipFile(io.BytesIO(docx_bytes("Harbour news", ARTICLE)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as hostile:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", f'?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'.encode(), 1)
                data = data.replace(b"Harbour news", b"Harbour news &x;")
            hostile.writestr(info, data)
    (tmp_path / "entity.docx").write_bytes(buffer.getvalue())
    row = load(tmp_path).loc["entity.docx"]
    assert "TOP-SECRET" not in str(row["text"]) and "TOP-SECRET" not in str(row["title"])


def test_a_zip_is_read_as_a_folder_with_nested_archives_to_a_fixed_depth(tmp_path):
    deepest = zip_bytes({"lost.txt": GOOD.replace("bridge", "tunnel")})
    inner = zip_bytes({"deep.txt": ARTICLE.replace("Friday", "Monday"), "deeper.zip": deepest})
    (tmp_path / "news.zip").write_bytes(zip_bytes({
        "inner/a.txt": ARTICLE, "b.docx": docx_bytes("Bridge vote", GOOD.replace("Tuesday", "Sunday")),
        "in.zip": inner, "__MACOSX/._a.txt": "litter", "notes.exe": "x"}))
    records = load(tmp_path)
    assert records.loc["news.zip/inner/a.txt", "status"] == "loaded"
    assert records.loc["news.zip/b.docx", "status"] == "loaded", records.loc["news.zip/b.docx", "message"]
    assert records.loc["news.zip/in.zip/deep.txt", "status"] == "loaded"
    assert "2 levels deep" in records.loc["news.zip/in.zip/deeper.zip", "message"]
    assert "not supported" in records.loc["news.zip/notes.exe", "message"]
    assert "news.zip" not in records.index and "news.zip/__MACOSX/._a.txt" not in records.index
    again = corpus.load(tmp_path, cache=tmp_path / ".cache")  # the parse cache keeps members apart
    assert (again.records.set_index("file").loc["news.zip/in.zip/deep.txt", "status"]) == "loaded"


def test_a_zip_bomb_is_refused_before_anything_is_decompressed(tmp_path):
    (tmp_path / "bomb.zip").write_bytes(zip_bytes({"zeros.txt": b"0" * 20_000_000}))
    row = load(tmp_path).loc["bomb.zip"]
    assert row["status"] == "error" and "zip bomb" in row["message"]


def test_a_zip_with_climbing_paths_and_links_reads_only_its_plain_members(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ok.txt", ARTICLE)
        archive.writestr("../escape.txt", GOOD.replace("bridge", "ferry"))
        archive.writestr("/etc/absolute.txt", GOOD.replace("bridge", "road"))
        link = zipfile.ZipInfo("link.txt")
        link.create_system, link.external_attr = 3, (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    (tmp_path / "odd.zip").write_bytes(buffer.getvalue())
    records = load(tmp_path)
    assert records.loc["odd.zip/ok.txt", "status"] == "loaded"
    assert "unsafe path" in records.loc["odd.zip/../escape.txt", "message"]
    assert "unsafe path" in records.loc["odd.zip//etc/absolute.txt", "message"]
    assert "link inside the archive" in records.loc["odd.zip/link.txt", "message"]
    assert not records["text"].fillna("").str.contains("ferry|road|root:").any()


def test_an_archive_with_more_members_than_the_limit_is_one_problem(tmp_path, monkeypatch):
    monkeypatch.setattr(archives, "MAX_MEMBERS", 400)
    (tmp_path / "many.zip").write_bytes(zip_bytes({f"a{i}.txt": f"{ARTICLE} {i}" for i in range(500)}))
    row = load(tmp_path).loc["many.zip"]
    assert row["status"] == "error" and row["message"] == "too many files in the archive: 500 (the limit is 400)"


def test_uploads_accept_documents_and_archives(tmp_path):
    atomic.read_only = getattr(atomic, "read_only", False)
    for name, data in [("a.docx", docx_bytes(ARTICLE)), ("a.pdf", pdf_bytes(ARTICLE)), ("a.zip", zip_bytes({"x.txt": ARTICLE}))]:
        assert uploads.save(tmp_path, name, data).path is not None, name
    assert files.size_limit(".pdf") == files.MAX_DOCUMENT_BYTES


def test_an_opendocument_text_loads_its_headings_and_paragraphs_without_notes_or_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-PASSWORD")
    (tmp_path / "story.odt").write_bytes(odt_bytes(
        "<text:h>Harbour bridge vote</text:h><text:p>Fishermen in the<text:s/>northern port said on "
        "<text:span>Friday</text:span> that the winter catch was small.<text:note><text:note-body>"
        "<text:p>A footnote</text:p></text:note-body></text:note> &x;</text:p>",
        f'<!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'))
    (tmp_path / "broken.odt").write_bytes(zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text"}))
    records = load(tmp_path)
    row = records.loc["story.odt"]
    assert row["status"] == "loaded" and row["title"] == "Harbour bridge vote"
    assert row["text"].startswith("Fishermen in the northern port said on Friday that the winter catch")
    assert "footnote" not in row["text"] and "TOP-SECRET" not in row["text"]
    assert records.loc["broken.odt", "status"] == "error"
    assert "not a readable OpenDocument file" in records.loc["broken.odt", "message"]


def test_a_tar_gz_and_a_gzipped_export_are_read_as_folders(tmp_path):
    (tmp_path / "news.tar.gz").write_bytes(tar_bytes({"inner/a.txt": ARTICLE, "b.txt": GOOD.replace("bridge", "tunnel")}))
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(
        (json.dumps({"text": GOOD.replace("bridge", "ferry"), "outlet": "Coast Post"}) + "\n").encode()))
    (tmp_path / "plain.tar").write_bytes(tar_bytes({"c.txt": GOOD.replace("bridge", "road")}, gz=False))
    records = load(tmp_path)
    assert records.loc["news.tar.gz/inner/a.txt", "status"] == "loaded"
    assert "tunnel" in records.loc["news.tar.gz/b.txt", "text"]
    assert records.loc["feed.jsonl.gz/feed.jsonl", "outlet"] == "Coast Post"
    assert "road" in records.loc["plain.tar/c.txt", "text"]


def test_a_tar_with_links_climbing_names_and_a_gzip_bomb_read_nothing_unsafe(tmp_path):
    (tmp_path / "odd.tgz").write_bytes(tar_bytes({"ok.txt": ARTICLE, "../escape.txt": GOOD.replace("bridge", "ferry")},
                                                 links={"link.txt": "/etc/passwd"}))
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"0" * 20_000_000))
    (tmp_path / "cut.tar.gz").write_bytes(tar_bytes({"a.txt": ARTICLE * 50})[:200])
    records = load(tmp_path)
    assert records.loc["odd.tgz/ok.txt", "status"] == "loaded"
    assert "unsafe path" in records.loc["odd.tgz/../escape.txt", "message"]
    assert "link inside the archive" in records.loc["odd.tgz/link.txt", "message"]
    assert records.loc["bomb.txt.gz", "status"] == "error" and "gzip bomb" in records.loc["bomb.txt.gz", "message"]
    assert records.loc["cut.tar.gz", "status"] == "error"
    assert not records["text"].fillna("").str.contains("ferry|root:").any()
