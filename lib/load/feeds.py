"""RSS and Atom feeds: one article per item, via feedparser.

An item gives its title, link, date, author and the feed's (or the item's own ``<source>``) name
as outlet, all with source ``feed``. Its text is the item's full content when the feed carries it
(``content:encoded``, Atom ``<content>``), else its summary, and then the record says so: a
summary is a sentence or two, and an analyst comparing outlets must know which texts are whole.

Safety: the bytes are handed to feedparser as a stream, never as a string (feedparser fetches a
string that looks like a URL, or opens it as a path). It parses with external entities off and
sanitises HTML; a feed that declares entities of its own is refused before parsing (entity
expansion is how an XML bomb fills memory).
"""
from __future__ import annotations

import calendar
import io
import re
from datetime import datetime, timezone

from lib.load.formats import FormatError, RawRecord

SOURCE = "feed"  # the meta_source of every field taken from a feed
SUMMARY_NOTE = "only the feed's summary of the article, not its full text"
_ENTITY = re.compile(rb"<!ENTITY", re.I)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_EMAIL_NAME = re.compile(r"^\S+@\S+\s*\((.+)\)$")
_BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|blockquote|tr)\s*>|<br\s*/?>", re.I)


def read_feed(data: bytes) -> list[RawRecord]:
    """The items of an RSS (0.9x, 1.0, 2.0) or Atom feed, in feed order (``row`` 1, 2, ...)."""
    import feedparser  # imported only when the corpus has feeds

    if not _FEED_ROOT.search(data[:65536]):
        raise FormatError("not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)")
    if _ENTITY.search(data[:65536]):  # the DOCTYPE comes before the root element
        raise FormatError("the feed declares XML entities of its own: not read (an XML bomb can hide there)")
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise FormatError(f"the feed could not be parsed ({type(parsed.get('bozo_exception')).__name__})")
        raise FormatError("the feed holds no items")
    outlet = _plain(parsed.feed.get("title", ""))
    return [_item(entry, number, outlet) for number, entry in enumerate(parsed.entries, start=1)]


def _item(entry: dict, number: int, outlet: str) -> RawRecord:
    content = max((_text(part.get("value", "")) for part in entry.get("content", [])), key=len, default="")
    summary = _text(entry.get("summary", ""))
    text, whole = (content, True) if len(content) >= len(summary) and content else (summary, False)
    if not text.strip():
        return RawRecord(text="", row=number, problem=f"item {number} has no text (no content or summary)")
    source = entry.get("source") or {}
    meta = {
        "title": _plain(entry.get("title", "")),
        "outlet": _plain(source.get("title", "")) or outlet,
        "date": _date(entry.get("published_parsed") or entry.get("updated_parsed")),
        "url": entry.get("link", ""),
        "byline": _author(entry),
    }
    meta = {key: value for key, value in meta.items() if value}
    return RawRecord(text=text, row=number, meta=meta, meta_source={key: SOURCE for key in meta},
                     note=None if whole else SUMMARY_NOTE)


def _author(entry: dict) -> str:
    """The item's author by name: RSS writes ``ann@post.example (Ann Writer)``, Atom a <name>."""
    written = _plain(entry.get("author", ""))
    if match := _EMAIL_NAME.match(written):  # feedparser's own split cuts long domain endings
        return match.group(1).strip()
    return _plain((entry.get("author_detail") or {}).get("name") or "") or written


def _date(parsed) -> str:
    """feedparser's UTC struct_time as an ISO date ('' when the item has none)."""
    if not parsed:
        return ""
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).date().isoformat()
    except (OverflowError, ValueError, OSError):
        return ""


def _text(html: str) -> str:
    """An item's (sanitised) HTML as plain text, one paragraph per line."""
    if "<" not in html:
        return _plain(html, keep_lines=True)
    import lxml.html

    try:
        root = lxml.html.fromstring(_BLOCK_END.sub(lambda m: m.group(0) + "\n\n", html))
    except Exception:  # lxml raises ParserError on an empty or broken fragment
        return ""
    return _plain(root.text_content(), keep_lines=True)


def _plain(value: str, *, keep_lines: bool = False) -> str:
    value = value.replace("\xa0", " ")
    if not keep_lines:
        return " ".join(value.split())
    lines = (" ".join(line.split()) for line in value.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
