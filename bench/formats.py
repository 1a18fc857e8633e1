"""Scan speed per file format: milliseconds per article to read, decode, split, clean and infer
metadata (``lib.load.corpus.load`` with no parse cache), against plain ``.txt`` files in the
same run (ratio = .txt time / the format's time: below 1 is slower than text).

The same N articles (real ones from the shared corpora when present, via
``bench.corpus_builder.copies``; else invented sentences) are written in every format: one file
per article for .txt/.md/.html/.docx/.odt/.rtf/.pdf, one file for .csv/.jsonl/RSS and for the
Nexis Uni (text and Word), old Nexis and Factiva HTML exports, and the .txt files zipped and
tarred. Each is loaded twice, the second time from a copy of the folder (nothing of it in memory),
and the faster run counts (the first
pays the imports). Every article must load; a format that loses one prints it in the note.
"""
from __future__ import annotations

import csv
import gzip
import html
import io
import json
import shutil
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

from bench.common import Row, timer
from tests.fixtures.documents import docx_bytes, odt_bytes, pdf_of, tar_bytes, zip_bytes

ARTICLES = 200
RUNS = 2  # the best of two, each without the parse cache


def run(limit: int | None = None) -> list[Row]:
    from lib.load import corpus

    articles = _articles(min(limit or ARTICLES, ARTICLES))
    rows, baseline = [], None
    for name, write in WRITERS.items():
        with tempfile.TemporaryDirectory(prefix="framescope-bench-formats-") as folder:
            (Path(folder) / "run0").mkdir()
            write(Path(folder) / "run0", articles)
            times = []
            for run in range(RUNS):  # the first run pays the format's imports (trafilatura, python-docx)
                here = Path(folder) / f"run{run}"  # a fresh path: nothing of it is in memory yet
                if run:
                    shutil.copytree(Path(folder) / "run0", here)
                with timer() as elapsed:
                    loaded = corpus.load(here)
                times.append(elapsed())
            per_article = min(times) * 1000 / len(articles)
        baseline = baseline or per_article
        got = int((loaded.records["status"].isin(["loaded", "duplicate"])).sum())
        note = f"{got} of {len(articles)} loaded" + ("" if got == len(articles) else "  <- articles lost")
        rows.append(Row(f"scan {name}", per_article, "ms/article", baseline / per_article, note))
    return rows


def _articles(n: int) -> list[dict]:
    """N articles with title, outlet, date (ISO) and text, all different."""
    try:
        from bench.corpus_builder import copies

        real = list(copies(n))
    except Exception:  # no shared corpora here: invented ones
        real = []
    if len(real) >= n:
        return [{"title": a.get("title") or f"Story {i}", "outlet": a.get("outlet") or "Invented Post",
                 "date": (a.get("date") or "2021-05-03")[:10], "text": a["text"]} for i, a in enumerate(real)]
    sentence = "The council met on {day} to argue about story {i}, and the mayor said the budget would hold. "
    return [{"title": f"Council story {i}", "outlet": "Invented Post", "date": "2021-05-03",
             "text": "".join(sentence.format(day=day, i=i) for day in ("Monday", "Tuesday", "Friday") * 8)}
            for i in range(n)]


def _each(suffix: str, content: Callable[[dict], bytes]) -> Callable[[Path, list[dict]], None]:
    def write(folder: Path, articles: list[dict]) -> None:
        for i, article in enumerate(articles):
            (folder / f"a{i:05d}{suffix}").write_bytes(content(article))
    return write


def _txt(a: dict) -> bytes:
    return f"title: {a['title']}\nsource: {a['outlet']}\ndate {a['date']}\n\n{a['text']}".encode()


def _html(a: dict) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in a["text"].split("\n") if p.strip())
    return (f"<html><head><title>{html.escape(a['title'])}</title><meta property='og:site_name' "
            f"content='{html.escape(a['outlet'])}'></head><body><article><h1>{html.escape(a['title'])}</h1>"
            f"{paragraphs}</article></body></html>").encode()


def _rtf(a: dict) -> bytes:
    body = (a["title"] + "\n\n" + a["text"]).replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
    return ("{\\rtf1\\ansi{\\fonttbl\\f0 Times;}\\f0 " + body.replace("\n", "\\par\n") + "}").encode("utf-8")


def _pdf(a: dict) -> bytes:
    lines = [a["title"], ""] + [line for p in a["text"].split("\n") for line in textwrap.wrap(p, 90) or [""]]
    return pdf_of(lines)


def _odt(a: dict) -> bytes:
    return odt_bytes("".join(f"<text:p>{html.escape(p)}</text:p>" for p in [a["title"], *a["text"].split("\n")]))


def _csv(folder: Path, articles: list[dict]) -> None:
    with open(folder / "export.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["title", "outlet", "date", "text"])
        writer.writeheader()
        writer.writerows(articles)


def _jsonl(folder: Path, articles: list[dict]) -> None:
    (folder / "export.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")


def _nexis_uni(articles: list[dict]) -> str:
    return "\n".join(f"{a['title']}\n{a['outlet']}\n{a['date']}\nCopyright 2021 Invented Media\n\n"
                     f"Section: NEWS\nLength: {len(a['text'].split())} words\nByline: Ann Writer\n\nBody\n\n"
                     f"{a['text']}\n\nLoad-Date: {a['date']}\n\nEnd of Document\n" for a in articles)


def _factiva_html(folder: Path, articles: list[dict]) -> None:
    divs = "".join(
        f'<div class="article enArticle"><div id="hd"><span>{html.escape(a["title"])}</span></div>'
        f"<div>By Eve Editor</div><div>{len(a['text'].split())} words</div><div>{a['date']}</div>"
        f"<div>{html.escape(a['outlet'])}</div><div>English</div><div>(c) 2021 Invented</div>"
        + "".join(f'<p class="articleParagraph">{html.escape(p)}</p>' for p in a["text"].split("\n") if p.strip())
        + f"<div>Document INVENT0020210501eh51{i:06d}</div></div>" for i, a in enumerate(articles))
    (folder / "factiva.html").write_text(f"<html><body>{divs}</body></html>", encoding="utf-8")


def _rss(folder: Path, articles: list[dict]) -> None:
    items = "".join(
        f"<item><title>{html.escape(a['title'])}</title><link>https://post.example/{i}</link>"
        f"<pubDate>{a['date']}T09:00:00Z</pubDate><content:encoded><![CDATA["
        + "".join(f"<p>{html.escape(p)}</p>" for p in a["text"].split("\n") if p.strip())
        + "]]></content:encoded></item>" for i, a in enumerate(articles))
    (folder / "feed.rss").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
        f'content/"><channel><title>Invented Post</title>{items}</channel></rss>', encoding="utf-8")


def _archive(kind: str) -> Callable[[Path, list[dict]], None]:
    def write(folder: Path, articles: list[dict]) -> None:
        members = {f"articles/a{i:05d}.txt": _txt(a) for i, a in enumerate(articles)}
        data = zip_bytes(members) if kind == "zip" else tar_bytes(members)
        (folder / f"articles.{kind}").write_bytes(data)
    return write


def _gzipped_jsonl(folder: Path, articles: list[dict]) -> None:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb") as handle:
        handle.write("".join(json.dumps(a) + "\n" for a in articles).encode())
    (folder / "export.jsonl.gz").write_bytes(buffer.getvalue())


WRITERS: dict[str, Callable[[Path, list[dict]], None]] = {
    ".txt (baseline)": _each(".txt", _txt),
    ".md": _each(".md", lambda a: f"# {a['title']}\n\n{a['text']}".encode()),
    ".html (trafilatura)": _each(".html", _html),
    ".csv": _csv,
    ".jsonl": _jsonl,
    ".jsonl.gz": _gzipped_jsonl,
    ".docx": _each(".docx", lambda a: docx_bytes(a["title"], *a["text"].split("\n"))),
    ".odt": _each(".odt", _odt),
    ".rtf": _each(".rtf", _rtf),
    ".pdf": _each(".pdf", _pdf),
    "RSS feed": _rss,
    "Nexis Uni text export": lambda folder, articles: (folder / "nexis.txt").write_text(_nexis_uni(articles)),
    "Nexis Uni Word export": lambda folder, articles: (folder / "nexis.docx").write_bytes(
        docx_bytes(*(line for line in _nexis_uni(articles).split("\n") if line.strip()))),
    "Factiva HTML export": _factiva_html,
    ".zip of .txt": _archive("zip"),
    ".tar.gz of .txt": _archive("tar.gz"),
}
