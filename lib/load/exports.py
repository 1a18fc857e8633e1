"""News-database exports split into articles: LexisNexis / Nexis Uni and Factiva.

One export file (plain text, or the text of a Word, RTF or PDF export, or a Factiva HTML page)
holds many articles, each with a header block. ``split`` recognises the layout and returns one
RawRecord per article (``row`` = its 1-based number in the export), with title, outlet, date,
byline, section and the stated word count as metadata (source ``export``) and only the body as
text: header, footer, copyright and separator lines are left out. A broken record becomes a
problem record and the others still load. A text that is not an export gives None, and is read
exactly as before.

Layouts (as LexisNexisTools and tm.plugin.lexisnexis/factiva describe them):
- Nexis Uni: optional cover page (Date and Time, Job Number, Documents (N), index), then per
  article title, outlet, date line, Copyright, ``Section:``, ``Length: N words``, ``Byline:``,
  ``Body``, the text, ``Load-Date:`` ... footer, ``End of Document``.
- Old Nexis text: ``1 of 25 DOCUMENTS``, outlet, date line, title, ``BYLINE:``, ``SECTION:``,
  ``LENGTH:``, text, ``LOAD-DATE:``, ``LANGUAGE:`` ... footer.
- Factiva: headline, ``By ...``, ``N words``, date, source, language, copyright, text,
  ``Document ID``; or the same with two-letter codes (HD, BY, WC, PD, SN, LA, CY, LP, TD, AN).
"""
from __future__ import annotations

import re

from lib.load.formats import RawRecord
from lib.load.metadata import parse_date

SOURCE = "export"  # the meta_source of every field taken from an export's header
MAX_RECORDS = 10_000  # per export file; Nexis Uni and Factiva download at most a few hundred

_NEXIS_UNI_END = re.compile(r"^\s*End of Document\s*$", re.M | re.I)
_OLD_NEXIS_SEP = re.compile(r"^\s*(\d+)\s+of\s+(\d+)\s+DOCUMENTS?\s*$", re.M | re.I)
_FACTIVA_ID = re.compile(r"^\s*(?:AN\s+)?Document\s+[A-Za-z0-9_]{12,}\s*$", re.M)
_WORDS = re.compile(r"^\s*(?:WC\s+)?([\d,.]+)\s+words\s*$", re.I)
_KEYED = re.compile(r"^\s*([A-Za-z][A-Za-z\- ]{1,24}?)\s*:\s*(.*)$")
_HEADER_KEYS = {"byline", "section", "length", "dateline", "highlight", "edition", "headline",
                "copyright", "author", "series", "type"}
_FOOTER_KEYS = {"load-date", "language", "publication-type", "document-type", "subject", "geographic",
                "company", "industry", "person", "organization", "ticker", "journal-code", "country",
                "city", "state", "graphic", "notes", "correction-date", "url", "classification"}
_FOOTER_WORDS = {"classification", "graphic", "notes"}
_COVER = re.compile(r"^\s*(Date and Time|Job Number|Documents \(\d+\)|Client/Matter|Search Terms|"
                    r"Search Type|Narrowed by|Content Type|User Name|Print Date|\d+\.\s)", re.I)
_PAGE = re.compile(r"^\s*Page\s+\d+\s+of\s+\d+\s*$", re.I)
_COPYRIGHT = re.compile(r"^\s*(Copyright|©|\(c\)|\(C\))", re.I)
_LANGUAGES = {"english", "french", "german", "spanish", "italian", "dutch", "portuguese", "swedish",
              "danish", "norwegian", "finnish", "polish", "russian", "chinese", "japanese", "arabic"}
_TIME = re.compile(r"^\s*\d{1,2}:\d{2}(?:\s*[AP]M)?(?:\s+\w{2,4})?\s*$", re.I)
_CODE = re.compile(r"^\s*([A-Z]{2,3})(?:\t|\s{1,})(.*)$")
_CODES = {"HD", "BY", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "LA", "CY", "LP", "TD", "CO", "IN",
          "NS", "RE", "IPC", "IPD", "PUB", "AN", "SE", "CR", "ART", "RF", "VOL", "CX"}


def detect(text: str) -> str | None:
    """The export layout of ``text``: 'nexis-uni', 'nexis' (old "N of M DOCUMENTS"), 'factiva',
    or None for anything else (an ordinary article)."""
    head = text[:200_000]
    if _NEXIS_UNI_END.search(head) and re.search(r"^\s*Body\s*$", head, re.M):
        return "nexis-uni"
    if len(_OLD_NEXIS_SEP.findall(head)) >= 1 and re.search(r"^\s*(LENGTH|BYLINE|LOAD-DATE)\s*:", head, re.M):
        return "nexis"
    if _FACTIVA_ID.search(head) and any(_WORDS.match(line) for line in head.split("\n")):
        return "factiva"
    return None


def split(text: str) -> list[RawRecord] | None:
    """One record per article of an export, or None when ``text`` is not an export."""
    layout = detect(text)
    if layout is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if layout == "nexis-uni":
        blocks, tail = _blocks_ending(text, _NEXIS_UNI_END)
        parse = _nexis_uni
    elif layout == "nexis":
        blocks, tail = _blocks_starting(text), ""
        parse = _old_nexis
    else:
        blocks, tail = _blocks_ending(text, _FACTIVA_ID)
        parse = _factiva
    if tail.strip() and not re.match(r"\s*Search Summary", tail):
        blocks.append((tail, False))  # no closing separator: a truncated last record, tried as it is
    records = []
    for number, (block, closed) in enumerate(blocks[:MAX_RECORDS], start=1):
        record = parse(_lines(block), number)
        if record.problem is None and not closed and not record.text.strip():
            record.problem = f"record {number} is incomplete (the export ends inside it)"
        records.append(record)
    if len(blocks) > MAX_RECORDS:
        records.append(RawRecord(text="", row=MAX_RECORDS + 1,
                                 problem=f"more than {MAX_RECORDS:,} articles in one export: the rest not read"))
    return records


def is_html_export(html: str) -> bool:
    """Whether a page (or its opening) looks like a Factiva HTML export: article divs and
    Factiva document ids."""
    return "article" in html and bool(_FACTIVA_ID.search(re.sub(r"<[^>]+>", "\n", html[:500_000])))


def split_html(html: str) -> list[RawRecord] | None:
    """A Factiva HTML export: one record per ``<div class="article ...">``; None when the page
    is not one (it is then read as a web page)."""
    if not is_html_export(html):
        return None
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml raises ParserError, ValueError on broken markup: read it as a web page
        return None
    divs = tree.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' article ')]")
    if not divs:
        return None
    records = []
    for number, div in enumerate(divs[:MAX_RECORDS], start=1):
        lines = []
        for element in div.iter("p", "div", "tr", "b"):
            if element.tag != "tr" and element.xpath(".//p|.//div|.//tr"):
                continue  # a container: its inner blocks give the lines
            if element.tag == "b" and element.getparent() is not None and element.getparent().tag in ("p", "div", "td"):
                continue
            cells = element.xpath("./td") if element.tag == "tr" else []
            line = "\t".join(c.text_content().strip() for c in cells) if cells else element.text_content().strip()
            if line:
                lines.append(line)
        records.append(_factiva(lines, number))
    return records


# --- splitting -----------------------------------------------------------------------------------

def _blocks_ending(text: str, separator: re.Pattern) -> tuple[list[tuple[str, bool]], str]:
    blocks, start = [], 0
    for match in separator.finditer(text):
        blocks.append((text[start:match.start()], True))
        start = match.end()
    return blocks, text[start:]


def _blocks_starting(text: str) -> list[tuple[str, bool]]:
    starts = [m.end() for m in _OLD_NEXIS_SEP.finditer(text)]
    ends = [m.start() for m in _OLD_NEXIS_SEP.finditer(text)][1:] + [len(text)]
    return [(text[s:e], True) for s, e in zip(starts, ends)]


def _lines(block: str) -> list[str]:
    # PDF exports repeat a page footer; it is never part of an article.
    return [line.rstrip() for line in block.split("\n") if not _PAGE.match(line)]


def _key(line: str) -> tuple[str, str] | None:
    match = _KEYED.match(line)
    if not match:
        return None
    return match.group(1).strip().lower().replace(" ", "-"), match.group(2).strip()


def _date(line: str) -> str | None:
    if len(line.strip()) > 60:
        return None
    date = parse_date(line.strip())
    return date.isoformat() if date else None


def _record(number: int, body: list[str], meta: dict[str, str]) -> RawRecord:
    record = RawRecord(text=_paragraphs(body), row=number)
    for name, value in meta.items():
        if value and value.strip():
            record.meta[name] = value.strip()
            record.meta_source[name] = SOURCE
    if not record.text.strip():
        record.problem = f"record {number} has no article text"
    return record


def _paragraphs(lines: list[str]) -> str:
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _words(value: str) -> str | None:
    match = re.search(r"([\d,.]+)\s+words", value, re.I)
    return match.group(1).replace(",", "").replace(".", "") if match else None


# --- Nexis Uni -------------------------------------------------------------------------------------

def _nexis_uni(lines: list[str], number: int) -> RawRecord:
    try:
        at = next(i for i, line in enumerate(lines) if line.strip().lower() == "body")
    except StopIteration:
        return RawRecord(text="", row=number, problem=f"record {number} has no 'Body' line: not read")
    header, rest = lines[:at], lines[at + 1:]
    meta: dict[str, str] = {}
    free = []
    for line in header:
        if not line.strip() or _COVER.match(line) or _COPYRIGHT.match(line):
            continue
        key = _key(line)
        if key and key[0] in _HEADER_KEYS | _FOOTER_KEYS:
            meta.setdefault(key[0], key[1])
        else:
            free.append(line.strip())
    _title_outlet_date(free, meta, outlet_first=False)
    body = []
    for line in rest:
        key = _key(line)
        if (key and key[0] in _FOOTER_KEYS) or line.strip().lower() in _FOOTER_WORDS:
            break
        body.append(line)
    return _record(number, body, _fields(meta))


def _title_outlet_date(free: list[str], meta: dict[str, str], *, outlet_first: bool) -> None:
    """Title, outlet and date from the header's unlabelled lines: the date line is the anchor.
    Nexis Uni: title, outlet, date; old Nexis: outlet, date, [edition], title."""
    dated = next((i for i, line in enumerate(free) if _date(line)), None)
    if dated is None:
        if free:
            meta.setdefault("headline", free[0 if not outlet_first else -1])
        return
    meta["date"] = _date(free[dated]) or ""
    if outlet_first:
        if dated >= 1:
            meta["outlet"] = free[dated - 1]
        after = free[dated + 1:]
        if after:
            meta.setdefault("headline", after[-1])
    else:
        if dated >= 1:
            meta["outlet"] = free[dated - 1]
        if dated >= 2:
            meta.setdefault("headline", free[dated - 2])


def _fields(meta: dict[str, str]) -> dict[str, str]:
    return {"title": meta.get("headline", ""), "outlet": meta.get("outlet", ""), "date": meta.get("date", ""),
            "byline": meta.get("byline") or meta.get("author", ""), "section": meta.get("section", ""),
            "stated_words": _words(meta.get("length", "")) or ""}


# --- old Nexis "N of M DOCUMENTS" ------------------------------------------------------------------

def _old_nexis(lines: list[str], number: int) -> RawRecord:
    keyed = [i for i, line in enumerate(lines) if (k := _key(line)) and k[0] in _HEADER_KEYS and line.lstrip()[:1].isupper()]
    footer = next((i for i, line in enumerate(lines) if (k := _key(line)) and k[0] in _FOOTER_KEYS
                   and line.split(":")[0].strip().isupper()), len(lines))
    keyed = [i for i in keyed if i < footer]
    if not keyed:
        return RawRecord(text="", row=number, problem=f"record {number} has no BYLINE/SECTION/LENGTH header: not read")
    meta: dict[str, str] = {}
    for i in keyed:
        name, value = _key(lines[i]) or ("", "")
        meta.setdefault(name, value)
    free = [line.strip() for line in lines[:keyed[0]] if line.strip() and not _COPYRIGHT.match(line)]
    _title_outlet_date(free, meta, outlet_first=True)
    body = [line for line in lines[keyed[-1] + 1:footer] if not _COPYRIGHT.match(line)]
    return _record(number, body, _fields(meta))


# --- Factiva ---------------------------------------------------------------------------------------

def _factiva(lines: list[str], number: int) -> RawRecord:
    lines = [line for line in lines if not _FACTIVA_ID.match(line)]
    if sum(1 for line in lines if (m := _CODE.match(line)) and m.group(1) in _CODES) >= 3:
        return _factiva_coded(lines, number)
    words_at = next((i for i, line in enumerate(lines) if _WORDS.match(line)), None)
    if words_at is None:
        return RawRecord(text="", row=number, problem=f"record {number} has no 'N words' line: not read")
    meta: dict[str, str] = {"length": lines[words_at].strip()}
    before = [line.strip() for line in lines[:words_at] if line.strip()]
    bylines = [line for line in before if line.startswith("By ")]
    if bylines:
        meta["byline"] = bylines[0][3:]
    titles = [line for line in before if not line.startswith("By ")]
    if titles:
        meta["headline"] = titles[-1]
        if len(titles) >= 2:
            meta["section"] = titles[-2]
    after = lines[words_at + 1:]
    start, seen = 0, []
    for i, line in enumerate(after[:12]):
        text = line.strip()
        if not text:
            continue
        if _COPYRIGHT.match(text):
            start = i + 1
            break
        if text.lower() in _LANGUAGES:
            start = i + 1
            continue
        if "date" not in meta and _date(text):
            meta["date"] = _date(text) or ""
            start = i + 1
            continue
        if _TIME.match(text):
            start = i + 1
            continue
        if "date" in meta and not seen:
            meta["outlet"] = text
            start = i + 1
        seen.append(text)
        if start < i:  # a body paragraph before any language/copyright line: the header is over
            break
    return _record(number, after[start:], _fields(meta))


def _factiva_coded(lines: list[str], number: int) -> RawRecord:
    fields: dict[str, list[str]] = {}
    current = None
    for line in lines:
        match = _CODE.match(line)
        if match and match.group(1) in _CODES:
            current = match.group(1)
            fields.setdefault(current, [])
            if match.group(2).strip():
                fields[current].append(match.group(2).strip())
        elif current is not None:
            fields[current].append(line)
    body = [*fields.get("LP", []), "", *fields.get("TD", [])]
    if not any(line.strip() for line in body):
        return RawRecord(text="", row=number, problem=f"record {number} has no LP/TD text: not read")
    first = lambda code: next((v.strip() for v in fields.get(code, []) if v.strip()), "")  # noqa: E731
    byline = first("BY")
    meta = {"headline": first("HD"), "outlet": first("SN"), "date": _date(first("PD")) or "",
            "byline": byline[3:] if byline.startswith("By ") else byline, "section": first("SE"),
            "length": first("WC")}
    return _record(number, body, _fields(meta))
