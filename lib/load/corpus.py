"""The loading layer: a corpus folder in, one tidy frame of records out.

Every file becomes one record (a CSV/JSON export one per row), whatever happens to it: ``loaded``,
``duplicate`` (same text as an earlier record), ``skipped`` (not an article file) or ``error``
(could not be read; ``message`` says why). Nothing in the folder is ever modified.

Metadata precedence, highest first: ``sources.csv`` (``sidecar``), the file's own metadata
(``header``, ``front-matter``, ``html``, ``record``), inference from the text (``dateline``,
``title-suffix``, ``first-line``; for dates ``scraper-header``, ``published-line``, ``url``,
``dateline``, ``text``), else unknown. Each field has a ``<field>_source``
column saying which one it came from.
"""
from __future__ import annotations

import hashlib
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

import pandas as pd

from lib.load import cleaning, files, formats, inference, language, outlets, repeats
from lib.store import learnt as learntstore
from lib.store import parsed as parsecache
from lib.store import texts as textstore
from lib.load.decoding import DecodeError, decode, repair_mojibake
from lib.frames import plain_ids
from lib.load.metadata import Overrides, parse_date, read_aliases, read_groups, read_kept_lines, read_overrides

COLUMNS = (
    "file", "row", "status", "message", "id", "format", "encoding",
    "title", "title_source", "outlet", "outlet_source", "outlet_as_found",
    "date", "date_source", "url", "url_source", "language", "english", "words",
    "duplicate_of", "byline", "section", "stated_words", "group",
)
# byline, section, stated_words: what a news database's export header says (lib.load.exports),
# else empty; stated_words is the export's "Length: N words", not our count (``words``).
# Kept out of memory (they double a corpus's size) and read back one record at a time: details().
DETAIL_FIELDS = ("raw_text", "removed")
# The clean text is kept out of the frames too: in Corpus.texts (lib.store.texts), looked up by id.
STATUSES = ("loaded", "duplicate", "skipped", "error")
TEXT_DATE_CHARS = 1000  # how far into an article a written date still counts as its date


@dataclass(frozen=True)
class Corpus:
    """A corpus folder read at one moment."""

    root: Path
    records: pd.DataFrame   # one row per file or export row; columns COLUMNS
    fingerprint: str        # changes whenever any file, sources.csv or outlets.csv changes
    cache: Path | None = None                       # the parse cache folder load() was given
    sources: dict[str, files.Entry] = field(default_factory=dict, compare=False, repr=False)  # by rel path
    texts: textstore.Texts = field(default_factory=lambda: textstore.Texts.from_pairs([], []), compare=False,
                                   repr=False)      # the clean text of every loaded record, by id
    # Boilerplate learnt from repetition (lib.load.repeats): outlet, line (as first written),
    # normal (what boilerplate.csv keeps), articles; and the lines taken out per (file, row).
    boilerplate: pd.DataFrame = field(default_factory=lambda: _boilerplate_frame([]), compare=False, repr=False)
    learnt_removed: dict[tuple[str, int | None], list[str]] = field(default_factory=dict, compare=False, repr=False)

    def with_text(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` (records or a selection of them, with ``id``) with their ``text`` column."""
        return self.texts.attach(frame)

    @cached_property
    def articles(self) -> pd.DataFrame:
        """The records that are analysed: loaded, not duplicates, not problems. Made once per
        corpus: every page asks for it on every run."""
        return self.records[self.records["status"] == "loaded"]

    @property
    def problems(self) -> pd.DataFrame:
        """The records skipped or in error, less Framescope's own settings files (sources.csv and
        the like are skipped as articles, which is what they are meant for; a broken one is an
        error and stays a problem)."""
        records = self.records
        ours = (records["status"] == "skipped") & records["file"].astype(str).map(files.is_metadata).astype(bool)
        return records[records["status"].isin(["skipped", "error"]) & ~ours]


def fingerprint(root: Path, entries: list[files.Entry] | None = None) -> str:
    """A short hash of every file's name, size and modification time: cheap (one stat per file),
    and different as soon as a file is added, changed or removed. ``entries`` is the folder's
    ``files.walk`` when the caller has it already."""
    return _fingerprint(Path(root), files.walk(Path(root)) if entries is None else entries)


def load(root: Path, *, cache: Path | None = None,
         progress: Callable[[int, int], None] | None = None) -> Corpus:
    """Read the corpus folder ``root``. Files unchanged since the last call in this process, or
    since they were saved in the ``cache`` folder (when given), are not parsed again.
    ``progress(done, total)`` is called as files are read."""
    root = Path(root).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {root}")
    entries = files.walk(root)
    version = _fingerprint(root, entries)
    file = textstore.path(cache, root, version) if cache is not None else None
    kept = textstore.open_file(file) if file is not None else None
    # The texts of this version are written as the files are read, unless they are kept already.
    writer = textstore.Writer(file) if kept is None else None
    # An unchanged article's text comes from the previous version's texts (this process's, else
    # the newest on disk), not from the parse cache, whose texts are most of what it reads.
    previous = _TEXTS.get(str(root)) if writer is not None else None
    if writer is not None and previous is None and cache is not None:
        previous = textstore.latest(cache, root, besides=file)
    rows: list[dict] = []
    for done, entry in enumerate(entries, start=1):
        records, fresh = _cached_records(entry, cache, texts=writer is not None and previous is None)
        rows.extend(records)
        if writer is not None:
            writer.add(*_texts_of(records, fresh, entry, cache, previous))
        if progress:
            progress(done, len(entries))
    _forget_missing(entries)
    texts = kept if writer is None else writer.finish()
    _TEXTS[str(root)] = texts
    texts, boilerplate, learnt_removed = _strip_learnt(rows, texts, read_kept_lines(root),
                                                       learntstore.path(cache, root) if cache is not None else None)
    overrides = read_overrides(root)
    frame = _assemble(rows, overrides, read_aliases(root), read_groups(root))
    if overrides.problem:
        frame = pd.concat([frame, _problem_frame(overrides.problem)], ignore_index=True)
    return Corpus(root=root, records=frame, fingerprint=version, cache=cache,
                  sources={entry.rel: entry for entry in entries}, texts=texts,
                  boilerplate=boilerplate, learnt_removed=learnt_removed)


def details(loaded: Corpus, file: str, row: int | None = None) -> dict:
    """What load() keeps out of memory for one record: ``raw_text`` (the text as in the file, line
    ends normalised) and ``removed`` (what cleaning took out: dicts with reason, text). Read from
    the parse cache, or by reading the file again; empty when the file has changed or gone."""
    entry = loaded.sources.get(file)
    if entry is None:
        return {"raw_text": "", "removed": []}
    records = _from_disk_or_parse(entry, loaded.cache)
    wanted = None if row is None or pd.isna(row) else int(row)
    learnt = [{"reason": LEARNT_REASON, "text": line} for line in loaded.learnt_removed.get((file, wanted), [])]
    for record in records:
        if record.get("row") == wanted and "raw_text" in record:
            return {"raw_text": record["raw_text"], "removed": (record.get("removed") or []) + learnt}
    return {"raw_text": "", "removed": []}


# --- boilerplate learnt from the corpus (lib.load.repeats) -------------------------------------

LEARNT_REASON = "repeated in many articles of this outlet (learnt boilerplate)"


def _strip_learnt(rows: list[dict], texts: textstore.Texts, kept: list[str], memo: Path | None = None
                  ) -> tuple[textstore.Texts, pd.DataFrame, dict[tuple[str, int | None], list[str]]]:
    """Take the learnt boilerplate lines out of the loaded rows' texts: each changed row gets the
    id and word count of its new text, and the texts gain the new ones (in memory). Returns the
    texts, the learnt lines (``Corpus.boilerplate``) and the lines removed per (file, row).
    ``memo``: where what was stripped is kept between runs (``lib.store.learnt``), so an article
    whose outlet's learnt lines are unchanged is not keyed line by line again."""
    loaded = [row for row in rows if row["status"] == "loaded" and row.get("id")]
    first = list({row["id"]: row for row in loaded}.values())  # an article counts once, however often copied
    kept_keys = [k for line in kept for k in repeats.keys_of(line)]
    learnt = repeats.learn([_line_group(row) for row in first], [row.get("lines") for row in first], kept=kept_keys)
    if not learnt:
        return texts, _boilerplate_frame([]), {}
    affected = [row for row in loaded
                if learnt.get(_line_group(row), {}).keys() & set(repeats.split_keys(row.get("lines")))]
    lines_key = {group: learntstore.lines_key(found) for group, found in learnt.items()}
    before = learntstore.read(memo)
    after: dict[tuple[str, str], learntstore.Stripped] = {}
    extra: dict[str, str] = {}
    removed_of: dict[tuple[str, int | None], list[str]] = {}
    samples: dict[tuple[str, bytes], str] = {}
    outlet_of: dict[str, Counter] = {}
    for row, text in zip(affected, texts.of(row["id"] for row in affected)):
        group = _line_group(row)
        done = after.get((row["id"], lines_key[group])) or before.get((row["id"], lines_key[group]))
        if done is None:
            stripped, removed = repeats.strip(text, learnt[group])
            done = learntstore.Stripped(content_id(stripped), len(stripped.split()), tuple(removed))
        else:
            stripped, removed = (repeats.without(text, done.removed) if done.removed else text), list(done.removed)
        after[(row["id"], lines_key[group])] = done
        if not removed:
            continue
        for line in removed:
            samples.setdefault((group, repeats.matched(line, learnt[group])), line)
        outlet_of.setdefault(group, Counter())[row.get("outlet") or "(no outlet)"] += 1
        row["id"], row["words"] = done.id, done.words
        extra.setdefault(row["id"], stripped)
        removed_of[(row["file"], row.get("row"))] = removed
    if after.keys() != before.keys():
        learntstore.write(memo, after)
    lines = [{"outlet": outlet_of[group].most_common(1)[0][0], "line": line, "normal": repeats.normal(line),
              "articles": learnt[group][found]} for (group, found), line in samples.items()]
    return texts.overlaid(extra), _boilerplate_frame(lines), removed_of


def _line_group(row: dict) -> str:
    # Whose furniture a line is: the outlet as the file names it (spellings joined), else the folder.
    outlet = outlets.name_key(row.get("outlet") or "")
    return outlet or "folder:" + str(PurePosixPath(row["file"]).parent)


def _boilerplate_frame(lines: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(lines, columns=["outlet", "line", "normal", "articles"])
    frame["articles"] = frame["articles"].astype("int64")
    return frame.sort_values(["articles", "outlet", "line"], ascending=[False, True, True], ignore_index=True)


# --- per file, cached by (path, size, mtime) ---------------------------------------------------

# A file's records as tuples of values in _KEPT order (_ABSENT for a missing field): as dicts
# they took 180 MB at 100k articles, as tuples a third of that.
_CACHE: dict[tuple[str, int, int, str | None], list[tuple]] = {}
_CACHE_LOCK = threading.Lock()
_KEPT = (*(name for name in COLUMNS if name != "file"), "lines")  # every field a record can have but its texts
_ABSENT = object()
_TEXTS: dict[str, textstore.Texts] = {}  # the newest texts per corpus folder, to build the next from


def _cached_records(entry: files.Entry, cache: Path | None, *,
                    texts: bool = True) -> tuple[list[dict], dict[str, str] | None]:
    """The file's records without their texts, and {id: text} when the file was read just now
    (None when the records came from this process's memory; empty when ``texts`` is False, and
    the parse cache's texts were not read)."""
    # The verdict is part of the key: a link and its target share a path but can be judged apart
    # (a link named article.txt to README.txt, or to a file whose name is not UTF-8).
    key = (_source(entry), entry.size, entry.mtime_ns, entry.problem)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
    fresh = None
    if hit is None:
        full = _from_disk_or_parse(entry, cache, without=() if texts else ("text", *DETAIL_FIELDS))
        fresh = {record["id"]: record["text"] for record in full if record.get("text") is not None}
        hit = [_packed(record) for record in full]
        with _CACHE_LOCK:
            _CACHE[key] = hit
    # The rel path can differ for the same target (a link): stamp it on each record.
    return [_unpacked(values, entry.rel) for values in hit], fresh


def _packed(record: dict) -> tuple:
    return tuple(record.get(name, _ABSENT) for name in _KEPT)


def _unpacked(values: tuple, file: str) -> dict:
    record = {name: value for name, value in zip(_KEPT, values) if value is not _ABSENT}
    record["file"] = file
    return record


def _texts_of(records: list[dict], fresh: dict[str, str] | None, entry: files.Entry, cache: Path | None,
              previous: textstore.Texts | None) -> tuple[list[str], list[str]]:
    """One file's (ids, texts): read just now, else from the previous version's texts, else (a
    file this process read under another folder, or one the previous texts lack) read again."""
    ids = list(dict.fromkeys(r["id"] for r in records if r.get("id") and r["status"] != "error"))
    known = fresh or {}
    rest = [i for i in ids if i not in known]
    if rest and (previous is None or not all(i in previous for i in rest)):
        known = {r["id"]: r["text"] for r in _from_disk_or_parse(entry, cache) if r.get("text") is not None}
        rest = [i for i in ids if i not in known]
    found = dict(zip(rest, previous.of(rest))) if rest and previous is not None else {}
    return ids, [known[i] if i in known else found.get(i, "") for i in ids]


def _from_disk_or_parse(entry: files.Entry, cache: Path | None, *, without: tuple[str, ...] = ()) -> list[dict]:
    if cache is None or entry.status != "candidate":
        return records_of_file(entry)
    folder, version = cache / "parsed", (Path(_source(entry)), entry.size, entry.mtime_ns)
    hit = parsecache.get(folder, *version, without=without)
    if hit is None:
        hit = records_of_file(entry)
        parsecache.put(folder, *version, hit)
    return hit


def _source(entry: files.Entry) -> str:
    """What a file's records are cached under, with its size and mtime: its path; an archive
    member's is the archive's path and the member's name (the archive's mtime is the member's)."""
    return "\0".join((str(entry.path), *entry.member))


def _forget_missing(entries: list[files.Entry]) -> None:
    alive = {(_source(e), e.size, e.mtime_ns, e.problem) for e in entries}
    roots = {str(e.path.parent) for e in entries}
    with _CACHE_LOCK:
        for key in [k for k in _CACHE if k not in alive and str(Path(k[0]).parent) in roots]:
            del _CACHE[key]


def records_of_file(entry: files.Entry) -> list[dict]:
    """The records of one file: articles, or a single problem record saying what went wrong."""
    if entry.problem:
        return [_problem(entry, entry.problem, entry.status)]
    try:
        raw = files.read_bytes(entry)
    except OSError as exc:
        return [_problem(entry, f"cannot be read: {exc.strerror or exc}", "error")]
    suffix = entry.suffix
    fmt = formats.FORMATS[suffix]
    if fmt.kind == "bytes":  # Word, PDF: the reader takes the bytes; the text inside is Unicode
        data, encoding, notes = raw, None, ()
    else:
        try:
            decoded = decode(raw, repair=not fmt.export)
        except DecodeError as exc:
            return [_problem(entry, str(exc), "error")]
        if not decoded.text.strip():
            return [_problem(entry, "the file holds only whitespace", "error")]
        data, encoding, notes = decoded.text, decoded.encoding, decoded.notes
    try:
        raws = formats.read(data, suffix)
    except formats.FormatError as exc:
        return [_problem(entry, str(exc), "error")]
    except RecursionError:
        return [_problem(entry, "the file is nested too deeply to read", "error")]
    if not raws:
        return [_problem(entry, "the file holds no articles", "error")]
    return [_article(entry, raw_record, fmt.name, encoding, notes) for raw_record in raws]


def _problem(entry: files.Entry, message: str, status: str, row: int | None = None) -> dict:
    # The suffix of rel, not of path: a name that is not UTF-8 is printable only in rel.
    return {"file": entry.rel, "row": row, "status": status, "message": message,
            "format": Path(entry.rel).suffix.lower().lstrip(".") or None}


_NEWLINES = re.compile(r"\r\n?")


def _article(entry: files.Entry, raw: formats.RawRecord, fmt: str, encoding: str | None,
             notes: tuple[str, ...]) -> dict:
    if raw.problem:
        return _problem(entry, raw.problem, "error", raw.row)
    text = _NEWLINES.sub("\n", raw.text)
    if fmt in ("csv", "json", "jsonl", "ndjson"):
        repaired = repair_mojibake(text)
        if repaired != text:
            text, notes = repaired, (*notes, "repaired double-encoded UTF-8 (mojibake)")
    meta, source = dict(raw.meta), dict(raw.meta_source)
    # A document's first line is its headline as in a text file (none of them mark a title reliably).
    headline = inference.first_line_headline(text) if fmt in ("txt", "md", "docx", "odt", "rtf", "pdf") else None
    if headline and "title" not in meta:
        meta["title"], source["title"] = headline.title, "first-line"
    if headline and headline.site and "outlet" not in meta:
        meta["outlet"], source["outlet"] = headline.site, "title-suffix"
    cleaned = cleaning.clean_article(text, title=meta.get("title"),
                                     headline_line=headline.line if headline else None)
    if not cleaned.text.strip():
        return _problem(entry, "no article text is left after removing boilerplate", "error", raw.row)
    if "outlet" not in meta and (outlet := inference.dateline_outlet(cleaned.text)):
        meta["outlet"], source["outlet"] = outlet, "dateline"
    date = parse_date(meta.get("date"))
    if date is None:
        source.pop("date", None)
        # Only strong clues (a dateline, a "Published" line, a URL's date path, an opening line's
        # date outside captions, quotations and history): a wrong date is worse than none. The raw
        # text is read too, since cleaning drops "Published …" lines and captions.
        guess = (inference.strong_text_date(text[:TEXT_DATE_CHARS * 2], meta.get("url"))
                 or inference.strong_text_date(cleaned.text[:TEXT_DATE_CHARS * 2]))
        if guess is not None:
            date, source["date"] = guess.date, guess.source
    lang = language.detect(cleaned.text)
    messages = list(notes) + ([raw.note] if raw.note else [])
    if lang != "en":
        messages.append(f"not English (detected '{lang}'): left out of sentiment and keywords")
    return {
        "file": entry.rel, "row": raw.row, "status": "loaded", "message": "; ".join(messages),
        "id": content_id(cleaned.text), "format": fmt, "encoding": encoding,
        "title": meta.get("title"), "title_source": source.get("title") if meta.get("title") else None,
        "outlet": meta.get("outlet"), "outlet_source": source.get("outlet") if meta.get("outlet") else None,
        "date": date, "date_source": source.get("date") if date else None,
        "url": meta.get("url"), "url_source": source.get("url") if meta.get("url") else None,
        "language": lang, "english": lang == "en", "words": len(cleaned.text.split()),
        "text": cleaned.text, "raw_text": text,
        "removed": [{"reason": r.reason, "text": r.text} for r in cleaned.removed],
        "group": meta.get("group"),
        "byline": meta.get("byline"), "section": meta.get("section"), "lines": repeats.line_keys(cleaned.text),
        "stated_words": int(meta["stated_words"]) if str(meta.get("stated_words") or "").isdigit() else None,
    }


_NOT_WORD = re.compile(r"[\W_]+")


def content_id(text: str) -> str:
    """Stable 16-hex-digit id of an article's content: the same words in the same order give the
    same id, whatever the case, punctuation, whitespace or file they came from."""
    normal = _NOT_WORD.sub(" ", text.casefold()).strip()
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:16]


# --- the whole corpus ---------------------------------------------------------------------------

def _assemble(rows: list[dict], overrides: Overrides, aliases: dict[str, str],
              groups: dict[str, str] | None = None) -> pd.DataFrame:
    first_of: dict[str, str] = {}
    url_of: dict[str, str] = {}
    for row in rows:
        if row["status"] != "loaded":
            continue
        _apply_overrides(row, overrides.values.get((row["file"], row["row"])))
        found = row.get("outlet")
        row["outlet_as_found"] = found
        if found and found.casefold() in aliases:
            row["outlet"] = aliases[found.casefold()]
        where = row["file"] + (f", row {row['row']}" if row["row"] is not None else "")
        if row["id"] in first_of:
            row.update(status="duplicate", duplicate_of=first_of[row["id"]],
                       message=f"same text as {first_of[row['id']]}")
        else:
            first_of[row["id"]] = where
            _note_same_url(row, url_of, where)
    _merge_spellings([row for row in rows if row["status"] in ("loaded", "duplicate")], aliases)
    _apply_groups(rows, groups or {})
    frame = plain_ids(pd.DataFrame(rows, columns=list(COLUMNS)))
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    frame["row"] = frame["row"].astype("Int64")
    frame["words"] = frame["words"].astype("Int64")
    frame["stated_words"] = pd.to_numeric(frame["stated_words"], errors="coerce").astype("Int64")
    frame["english"] = frame["english"].astype("boolean")
    return frame


def _apply_groups(rows: list[dict], groups: dict[str, str]) -> None:
    # outlets.csv's group overrides the export's: the analyst's file is the later word
    for row in rows:
        outlet = row.get("outlet")
        if outlet and outlet.casefold() in groups:
            row["group"] = groups[outlet.casefold()]
        elif not (row.get("group") or "").strip():
            row["group"] = None


def _merge_spellings(rows: list[dict], aliases: dict[str, str]) -> None:
    # "breitbart" and "Breitbart" are one outlet on every chart (lib.load.outlets); the spelling
    # found stays in outlet_as_found and outlet_source says it was merged. outlets.csv is the
    # analyst's word: a spelling it names is never changed, and one it maps to itself (the Corpus
    # page's "Keep apart") is left out of the merging altogether.
    apart = {alias for alias, outlet in aliases.items() if alias == outlet.casefold()}
    shown = outlets.canonical_names(row.get("outlet") for row in rows
                                    if (row.get("outlet") or "").casefold() not in apart)
    for row in rows:
        written, found = row.get("outlet"), (row.get("outlet_as_found") or "").casefold()
        if written in shown and shown[written] != written and found not in aliases:
            row["outlet"] = shown[written]
            row["outlet_source"] = f"{row.get('outlet_source') or 'found'}{outlets.MERGED}"


def _note_same_url(row: dict, url_of: dict[str, str], where: str) -> None:
    # Two texts under one URL are usually an updated story: both load, the analyst is told.
    url = (row.get("url") or "").strip()
    if not url:
        return
    if url in url_of:
        note = f"same URL as {url_of[url]} (an updated version?)"
        row["message"] = f"{row['message']}; {note}" if row["message"] else note
    else:
        url_of[url] = where


def _apply_overrides(row: dict, fields: dict[str, str] | None) -> None:
    for name, value in (fields or {}).items():
        if name == "date":
            if (date := parse_date(value)) is not None:
                row["date"], row["date_source"] = date, "sidecar"
        else:
            row[name], row[f"{name}_source"] = value, "sidecar"


def _problem_frame(message: str) -> pd.DataFrame:
    return pd.DataFrame([{"file": "sources.csv", "status": "error", "message": message}],
                        columns=list(COLUMNS))


def _fingerprint(root: Path, entries: list[files.Entry]) -> str:
    digest = hashlib.sha1()
    for entry in entries:
        digest.update(f"{entry.rel}\0{entry.size}\0{entry.mtime_ns}\n".encode("utf-8", "surrogateescape"))
    for name in ("sources.csv", "outlets.csv"):
        path = root / name
        if path.is_file():
            stat = path.stat()
            digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]
