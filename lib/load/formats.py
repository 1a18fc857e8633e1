"""One reader per file format: text (or, for binary documents, bytes) in, a list of raw records out.

A raw record is what the file itself says: the body text and whatever metadata the format carries
(header lines, YAML front matter, HTML meta tags, CSV/JSON columns). Inference from the text and
cleaning happen later, in ``lib.load.corpus``.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from lib.load.decoding import repair_mojibake

FIELDS = ("title", "outlet", "date", "url", "group")

# Column names per field, best first; matched case-insensitively with spaces/hyphens as underscores.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "article_text", "full_text", "fulltext",
             "content_original", "maintext", "story", "description"),
    "title": ("title", "headline", "head", "heading", "article_title"),
    "outlet": ("outlet", "source", "publisher", "site", "site_name", "sitename", "publication",
               "source_name", "media", "media_outlet", "newspaper", "outlet_name"),
    "date": ("date", "published", "publish_date", "published_date", "published_at", "pub_date",
             "publication_date", "date_published", "datetime", "pubdate", "created_at", "timestamp"),
    "url": ("url", "link", "href", "article_url", "permalink", "uri"),
    # the side an outlet is on, for "left vs right" or per-country comparisons (outlets.csv overrides)
    "group": ("group", "bias", "leaning", "side", "country"),
}


@dataclass
class RawRecord:
    """One article as a file gives it, before inference and cleaning."""

    text: str
    row: int | None = None                     # 1-based row/line for exports, None for one-article files
    meta: dict[str, str] = field(default_factory=dict)         # field -> value
    meta_source: dict[str, str] = field(default_factory=dict)  # field -> 'header', 'front-matter', 'html', 'record'
    problem: str | None = None                 # set when this row cannot be an article
    note: str | None = None                    # what the analyst should know of a loaded row
    markdown: bool = False


class FormatError(ValueError):
    """The whole file cannot be read in its format; the message is for the analyst."""


@dataclass(frozen=True)
class Format:
    """What Framescope knows of one file format: the one place to add a format."""

    name: str                                    # as the Corpus page and ``scan`` name it: 'txt', 'html', ...
    suffixes: tuple[str, ...]                    # lower-case, the usual one first
    read: Callable[..., list[RawRecord]] | None  # decoded text (kind 'text') or bytes ('bytes') -> records
    export: bool                                 # many articles per file (its size limit is
    #   lib.load.files.MAX_EXPORT_BYTES, else MAX_ARTICLE_BYTES); exports are not mojibake-repaired whole
    label: str                                   # in the upload box's help: 'CSV'
    kind: str = "text"                           # 'text': decoded first; 'bytes': read as they are (Word,
    #   PDF); 'archive': no reader, lib.load.files.walk lists its members as files (lib.load.archives)
    document: bool = False                       # one article that may carry pictures: the larger
    #   lib.load.files.MAX_DOCUMENT_BYTES limit


def read(data: str | bytes, suffix: str) -> list[RawRecord]:
    """Records from a file, dispatched on its lower-case suffix ('.txt', '.csv', '.docx', ...):
    ``data`` is the decoded text for a format of kind 'text', the file's bytes for kind 'bytes'."""
    fmt = FORMATS[suffix]
    if fmt.read is None:
        raise FormatError(f"{fmt.label} files are read as folders, not as articles")
    return fmt.read(data)


def supported() -> str:
    """The supported suffixes for a message: '.txt, .md, .html, .csv, .json or .jsonl'."""
    usual = [f.suffixes[0] for f in _REGISTRY]
    return ", ".join(usual[:-1]) + " or " + usual[-1]


def export_labels() -> str:
    """The export formats for a message: 'CSV, JSON, JSON Lines'."""
    return ", ".join(f.label for f in _REGISTRY if f.export)


# --- plain text and Markdown -------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# Scraper header lines at the very top: ` date 2025-05-08 `, `Title: ...`, `source: UPI`.
_HEADER_LINE = re.compile(
    r"^[ \t]*(?P<key>date|published|title|headline|outlet|source|publisher|url|link)"
    r"(?:[ \t]*[:=][ \t]*|[ \t]+(?=\d))(?P<value>\S.*?)[ \t]*$", re.I)


def read_plain(text: str) -> list[RawRecord]:
    """A text file: optional YAML front matter, then optional header lines, then the body; a news
    database's export (Nexis, Factiva) is split into its articles (lib.load.exports)."""
    from lib.load import exports

    if (split := exports.split(text)) is not None:
        return split
    record = RawRecord(text=text)
    body = _take_front_matter(text, record)
    record.text = _take_header_lines(body, record)
    return [record]


def read_markdown(text: str) -> list[RawRecord]:
    """A Markdown file: as plain text, with a leading ``# Heading`` as title and markup removed."""
    [record] = read_plain(text)
    record.text = _strip_markdown(record.text, record)
    record.markdown = True
    return [record]


def _take_front_matter(text: str, record: RawRecord) -> str:
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        return text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return text  # not front matter after all; leave it in the body for the analyst to see
    if not isinstance(data, dict):
        return text
    _put_meta(record, {str(k): v for k, v in data.items()}, "front-matter")
    return text.lstrip("\ufeff")[match.end():]


def _take_header_lines(text: str, record: RawRecord) -> str:
    lines = text.split("\n")
    taken = 0
    for line in lines[:8]:
        if not line.strip():
            if taken:
                taken += 1
                continue
            break
        match = _HEADER_LINE.match(line)
        if not match:
            break
        key = _field_of(match.group("key")) or ""
        if key == "date" and not re.search(r"\d{4}|\d{1,2}/\d{1,2}/\d{2}", match.group("value")):
            break
        record.meta.setdefault(key, match.group("value").strip())
        record.meta_source.setdefault(key, "header")
        taken += 1
    return "\n".join(lines[taken:]) if taken else text


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.M)
_MD_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.M)


def _strip_markdown(text: str, record: RawRecord) -> str:
    first = _MD_HEADING.search(text)
    if first and not text[: first.start()].strip() and "title" not in record.meta:
        record.meta["title"] = first.group(1).strip()
        record.meta_source["title"] = "header"
        text = text[first.end():]
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_RULE.sub("", text)
    text = _MD_QUOTE.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)


# --- HTML ----------------------------------------------------------------------------------------

def read_html(text: str) -> list[RawRecord]:
    """A saved web page: main text, title, date and site name via trafilatura."""
    import trafilatura  # 0.2 s import: only when the corpus has HTML

    from lib.load import exports

    if (split := exports.split_html(text)) is not None:  # a Factiva HTML export
        return split
    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                          include_tables=False, deduplicate=True)
    except Exception as exc:  # trafilatura raises many lxml types on broken markup
        raise FormatError(f"the HTML could not be parsed ({type(exc).__name__})") from exc
    if doc is None or not (doc.text or "").strip():
        raise FormatError("no article text found in this HTML page")
    record = RawRecord(text=doc.text)
    _put_meta(record, {"title": doc.title, "outlet": doc.sitename, "date": doc.date,
                       "url": doc.url}, "html")
    return [record]


# --- documents: Word, RTF, PDF -----------------------------------------------------------------
# Each reader is one small text function and a wrapper, so that a document holding many articles
# (a news database's export saved as Word or PDF) can be split like a text export.

def read_docx(data: bytes) -> list[RawRecord]:
    """A Word document (.docx): its paragraphs and tables as plain text, one article."""
    return _document_records(docx_text(data), "Word document")


def read_rtf(text: str) -> list[RawRecord]:
    """A Rich Text file: its text without control words, pictures or embedded objects."""
    return _document_records(rtf_text(text), "RTF file")


def read_pdf(data: bytes) -> list[RawRecord]:
    """A PDF: its text layer, page after page. A scan without one is a problem, never guessed."""
    return _document_records(pdf_text(data), "PDF")


def read_odt(data: bytes) -> list[RawRecord]:
    """An OpenDocument text (.odt, LibreOffice): its paragraphs and headings, one article."""
    return _document_records(odt_text(data), "OpenDocument file")


_ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def odt_text(data: bytes) -> str:
    """The text of an .odt: paragraphs and headings of ``content.xml`` in order (notes left out).

    Parsed with lxml without entities, DTDs or the network; the ZIP container is checked against
    the archive limits first, as for Word documents.
    """
    from lxml import etree

    from lib.load import archives

    try:
        container = archives.open_zip(data)
        archives.check(container, max_total=200_000_000)
        content = archives.read_member(container, "content.xml", 200_000_000)
    except (archives.ArchiveError, KeyError) as exc:
        raise FormatError(f"not a readable OpenDocument file: {exc}") from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"the OpenDocument file could not be read ({exc})") from exc
    paragraphs: list[str] = []
    _odt_paragraphs(root, paragraphs)
    return "\n\n".join(p for p in paragraphs if p.strip())


def _odt_paragraphs(element, out: list[str]) -> None:
    for child in element:
        if child.tag in (_ODF_TEXT + "p", _ODF_TEXT + "h"):
            out.append(_odt_inline(child).strip())
        elif child.tag != _ODF_TEXT + "note" and isinstance(child.tag, str):
            _odt_paragraphs(child, out)


def _odt_inline(element) -> str:
    """A paragraph's text: spans read through, ``text:s`` spaces, tabs and line breaks kept."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == _ODF_TEXT + "s":
            count = child.get(_ODF_TEXT + "c", "1")
            parts.append(" " * (min(int(count), 100) if count.isdigit() else 1))
        elif tag == _ODF_TEXT + "tab":
            parts.append("\t")
        elif tag == _ODF_TEXT + "line-break":
            parts.append("\n")
        elif tag and tag != _ODF_TEXT + "note":  # an unresolved entity has no tag: never its text
            parts.append(_odt_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def docx_text(data: bytes) -> str:
    """The text of a .docx: body paragraphs and table rows (cells tab-separated), in order.

    python-docx parses with lxml and ``resolve_entities=False`` (lxml also never fetches from the
    network by default), so an external entity in a hostile document is neither read nor followed.
    The ZIP container is checked against the archive limits first: python-docx unpacks every part
    into memory, and a document bomb would fill it.
    """
    from docx import Document  # lxml-based; imported only when the corpus has Word files
    from docx.table import Table

    from lib.load import archives

    try:
        archives.check(archives.open_zip(data), max_total=200_000_000)
    except archives.ArchiveError as exc:
        raise FormatError(f"not a readable Word document: {exc}") from exc
    try:
        document = Document(io.BytesIO(data))
        blocks = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                blocks.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
            else:
                blocks.append(block.text)
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors on broken parts
        raise FormatError(f"the Word document could not be read ({type(exc).__name__})") from exc
    return "\n\n".join(b for b in blocks if b.strip())


def rtf_text(text: str) -> str:
    """The text of an RTF document (control words removed, escapes decoded) via striprtf.

    striprtf drops the destinations that are no text, pictures and embedded objects among them
    (``\\pict``, ``\\object``, ``\\*\\objdata``): their hex never reaches the article.
    """
    from striprtf.striprtf import rtf_to_text

    if not text.lstrip("\ufeff").lstrip().startswith("{\\rtf"):
        raise FormatError("not an RTF document: it does not start with {\\rtf")
    try:
        return rtf_to_text(text, errors="ignore")
    except Exception as exc:  # striprtf is a regex scanner: a malformed file raises anything
        raise FormatError(f"the RTF file could not be read ({type(exc).__name__})") from exc


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF via pypdf, pages separated by blank lines.

    pypdf is pure Python: a hostile PDF can make it slow or raise, never crash the process.
    Raises FormatError for a broken or password-protected PDF, and for one without any text layer
    (a scan: it needs OCR, which Framescope does not guess at).
    """
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # it warns on every odd but readable file
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FormatError("the PDF is password-protected: save it without a password to read it")
        pages = [page.extract_text() or "" for page in reader.pages]
    except FormatError:
        raise
    except Exception as exc:  # pypdf raises PdfReadError, KeyError, ValueError ... on broken files
        raise FormatError(f"the PDF could not be read ({type(exc).__name__})") from exc
    if not any(page.strip() for page in pages):
        count = f"{len(pages)} page{'s' if len(pages) != 1 else ''}"
        raise FormatError(f"no text layer (a scan?): {count} without any text; run OCR on it and add the result")
    return "\n\n".join(page.strip() for page in pages if page.strip())


def _document_record(text: str, what: str) -> RawRecord:
    if not text.strip():
        raise FormatError(f"no text in this {what}")
    return RawRecord(text=text)


def _document_records(text: str, what: str) -> list[RawRecord]:
    """A document's one article, or the articles of a news database's export saved as one."""
    from lib.load import exports

    if text.strip() and (split := exports.split(text)) is not None:
        return split
    return [_document_record(text, what)]


def read_feed(data: bytes) -> list[RawRecord]:
    """An RSS or Atom feed: one article per item (lib.load.feeds)."""
    from lib.load import feeds

    return feeds.read_feed(data)


# --- exports: CSV, JSON, JSON Lines ------------------------------------------------------------

def read_csv(text: str) -> list[RawRecord]:
    """One article per row; the header row names the columns (see SYNONYMS)."""
    csv.field_size_limit(16 * 1024 * 1024)
    sample = text[:65536]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise FormatError("the CSV file has no header row") from exc
    columns = _match_columns(header)
    if "text" not in columns:
        raise FormatError(_no_text_column(header))
    records = []
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            row = {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}
            records.append(_record_from_mapping(row, number))
    except csv.Error as exc:
        raise FormatError(f"the CSV file is malformed near line {reader.line_num}: {exc}") from exc
    return records


def read_json(text: str) -> list[RawRecord]:
    """A JSON array of articles, an object holding one (``{"articles": [...]}``), or one article."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from exc
    except RecursionError as exc:
        raise FormatError("not readable JSON: nested too deeply") from exc
    items = _json_items(data)
    if items is None:
        raise FormatError("the JSON holds no articles: expected a list of objects with a text field")
    return [_record_from_json(item, number) for number, item in enumerate(items, start=1)]


def read_jsonl(text: str) -> list[RawRecord]:
    """One JSON object per line; a bad line becomes a problem row and the good lines still load."""
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            message = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            records.append(RawRecord(text="", row=number, problem=f"line {number} is not valid JSON: {message}"))
            continue
        records.append(_record_from_json(item, number))
    return records


def _json_items(data: object) -> list | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("articles", "data", "items", "records", "results", "documents", "docs"):
            if isinstance(data.get(key), list):
                return data[key]
        if _lookup(data, "text") is not None:
            return [data]
    return None


def _record_from_json(item: object, number: int) -> RawRecord:
    if not isinstance(item, dict):
        return RawRecord(text="", row=number, problem=f"item {number} is not an object")
    return _record_from_mapping({str(k): v for k, v in item.items()}, number)


def _record_from_mapping(mapping: dict[str, object], number: int) -> RawRecord:
    text = _as_text(_lookup(mapping, "text"))
    record = RawRecord(text=text or "", row=number)
    _put_meta(record, {name: _lookup(mapping, name) for name in FIELDS}, "record")
    if not text or not text.strip():
        record.problem = f"row {number} has no text"
    return record


def _lookup(mapping: dict[str, object], name: str) -> object:
    keys = {_normal_key(k): k for k in mapping}
    for synonym in SYNONYMS[name]:
        if synonym in keys:
            return mapping[keys[synonym]]
    return None


def _match_columns(header: list[str]) -> dict[str, int]:
    normal = [_normal_key(h) for h in header]
    found = {}
    for name, synonyms in SYNONYMS.items():
        for synonym in synonyms:
            if synonym in normal:
                found[name] = normal.index(synonym)
                break
    return found


def _no_text_column(header: list[str]) -> str:
    shown = ", ".join(h.strip() for h in header[:12]) or "none"
    return f"no text column: expected one of text, content, body (found: {shown})"


def _normal_key(key: str) -> str:
    return re.sub(r"[\s\-]+", "_", key.strip().lstrip("\ufeff").lower())


def _field_of(key: str) -> str | None:
    key = _normal_key(key)
    for name, synonyms in SYNONYMS.items():
        if key in synonyms and name != "text":
            return name
    return None


def _put_meta(record: RawRecord, values: dict[str, object], source: str) -> None:
    for key, value in values.items():
        name = key if key in FIELDS else _field_of(key)
        text = _as_text(value)
        if name and text and text.strip() and name not in record.meta:
            record.meta[name] = repair_mojibake(text.strip())
            record.meta_source[name] = source


def _as_text(value: object) -> str | None:
    """A cell as text: strings as they are, numbers and dates printed, ``{"name": ...}`` objects
    (NewsAPI-style ``source``) by their name; lists and other objects are not metadata."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return None if value != value else str(value)  # NaN
    if isinstance(value, dict):
        for key in ("name", "title", "text", "value"):
            if isinstance(value.get(key), str):
                return value[key]
        return None
    return str(value) if hasattr(value, "isoformat") else None


# --- the registry ------------------------------------------------------------------------------

_REGISTRY = (
    Format("txt", (".txt",), read_plain, export=False, label="plain text"),
    Format("md", (".md", ".markdown"), read_markdown, export=False, label="Markdown"),
    Format("html", (".html", ".htm"), read_html, export=False, label="HTML"),
    Format("csv", (".csv",), read_csv, export=True, label="CSV"),
    Format("json", (".json",), read_json, export=True, label="JSON"),
    Format("jsonl", (".jsonl", ".ndjson"), read_jsonl, export=True, label="JSON Lines"),
    Format("docx", (".docx",), read_docx, export=False, label="Word", kind="bytes", document=True),
    Format("rtf", (".rtf",), read_rtf, export=False, label="RTF", document=True),
    Format("odt", (".odt",), read_odt, export=False, label="OpenDocument", kind="bytes", document=True),
    Format("pdf", (".pdf",), read_pdf, export=False, label="PDF", kind="bytes", document=True),
    Format("feed", (".rss", ".atom", ".xml"), read_feed, export=True, label="RSS/Atom", kind="bytes"),
    Format("zip", (".zip",), None, export=False, label="ZIP", kind="archive"),
    Format("tar", (".tar", ".tgz", ".gz"), None, export=False, label="tar/gzip", kind="archive"),
)
FORMATS: dict[str, Format] = {suffix: fmt for fmt in _REGISTRY for suffix in fmt.suffixes}
