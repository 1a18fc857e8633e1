"""Find the files of a corpus folder and read them safely.

Safe means: no symbolic link is followed out of the folder, special files (FIFOs, devices, sockets)
are never opened, nothing blocks, and a file's size is checked before it is read.
"""
from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from lib.frames import plural
from lib.load import archives
from lib.load.formats import FORMATS, supported

# Limits in decimal megabytes, as messages print sizes (bytes / 1e6) and the README states them
# (in binary units the export limit was shown as "537 MB"). One article per file: anything larger
# is not a news article.
MAX_ARTICLE_BYTES = 5_000_000
# Exports holding many articles (CSV, JSON, JSON Lines). At most 500 MB: Streamlit's upload box
# prints a limit above 500 MB rounded to gigabytes ("1GB per file" for 512 MB).
MAX_EXPORT_BYTES = 500_000_000
# Word, RTF and PDF files hold one article too, but also its pictures and fonts.
MAX_DOCUMENT_BYTES = 50_000_000

# A news database's export is one file holding many articles (lib.load.exports): a .txt, .rtf or
# .html file over its one-article limit is read up to the export limit when its opening is one.
_EXPORT_HOSTS = frozenset({".txt", ".rtf", ".html", ".htm"})
_PEEK_BYTES = 200_000  # as much as lib.load.exports.detect reads

# From the one registry of formats (lib.load.formats.FORMATS).
SUPPORTED_SUFFIXES = frozenset(FORMATS)
EXPORT_SUFFIXES = frozenset(suffix for suffix, fmt in FORMATS.items() if fmt.export)
ARCHIVE_SUFFIXES = frozenset(suffix for suffix, fmt in FORMATS.items() if fmt.kind == "archive")
ARTICLE_SUFFIXES = SUPPORTED_SUFFIXES - EXPORT_SUFFIXES
# Files Framescope itself keeps in the corpus folder: metadata, not articles.
_DOCUMENTATION = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE"})
RESERVED_NAMES = frozenset({"sources.csv", "outlets.csv", "framing.csv", "actors.csv", "stories.csv",
                            "boilerplate.csv"})
METADATA_NOTE = "Framescope metadata (read as settings), not an article"
BRIEFINGS_FOLDER = "briefings"  # the analyst's saved briefings (Briefing page), at the corpus root
LITTER = "(operating-system files)"  # the one entry counting them
# What operating systems and archivers leave in folders: never articles, and never worth a line each.
_LITTER_FILES = frozenset({".DS_Store", ".localized", "Thumbs.db", "ehthumbs.db", "desktop.ini", "Desktop.ini",
                           "Icon\r", ".directory"})
_LITTER_FOLDERS = frozenset({".Spotlight-V100", ".Trashes", ".fseventsd", ".TemporaryItems", ".DocumentRevisions-V100",
                             "__MACOSX", "$RECYCLE.BIN", "System Volume Information", ".AppleDouble"})


def size_limit(suffix: str) -> int:
    """The largest file of this (supported, lower-case) suffix that is read, in bytes."""
    fmt = FORMATS[suffix]
    if fmt.export or fmt.kind == "archive":
        return MAX_EXPORT_BYTES
    return MAX_DOCUMENT_BYTES if fmt.document else MAX_ARTICLE_BYTES


@dataclass(frozen=True)
class Entry:
    """One file found in the corpus folder."""

    path: Path            # absolute path (for a link inside the folder: its target)
    rel: str              # path relative to the corpus folder, with forward slashes
    size: int             # bytes, from lstat/stat
    mtime_ns: int
    problem: str | None   # why it cannot be read, or None
    status: str           # 'candidate' | 'skipped' | 'error'
    member: tuple[str, ...] = ()  # inside the archive ``path``: its member name, one per nesting level
    export: bool = False  # a text, RTF or HTML file that is a news database's export: MAX_EXPORT_BYTES

    @property
    def limit(self) -> int:
        """The most bytes read of this file, by its suffix (or as an export)."""
        return MAX_EXPORT_BYTES if self.export else size_limit(self.suffix)

    @property
    def suffix(self) -> str:
        """The lower-case suffix of the file itself (of the member, inside an archive)."""
        return (PurePosixPath(self.member[-1]).suffix if self.member else self.path.suffix).lower()


def walk(root: Path) -> list[Entry]:
    """Every file under ``root`` (recursively, sorted by relative path), each judged readable or not.

    A hidden file (its name starts with a dot) is ``skipped`` with the reason "hidden file", and a
    hidden folder is one ``skipped`` entry (its files are not read). Operating-system litter
    (``.DS_Store``, ``._*``, ``Thumbs.db``, ``.Trashes``, ``__MACOSX`` ...) is counted in one entry,
    ``(operating-system files)``, not listed one by one. Framescope's own files are left out:
    the ``.previous`` copies it keeps of the analyst's files, its temporary files, and the saved
    briefings in ``briefings/``.

    A ZIP archive is read as a folder (``lib.load.archives``): each member is an entry of its own,
    ``rel`` ``news.zip/inner/a.txt``, judged like a file; an archive over a limit is one error entry.
    """
    root = root.resolve()
    entries: list[Entry] = []
    litter = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=None):
        here = Path(dirpath)
        if here == root and BRIEFINGS_FOLDER in dirnames:
            dirnames.remove(BRIEFINGS_FOLDER)
        for name in sorted(dirnames):
            if name in _LITTER_FOLDERS:
                litter += 1
            elif name.startswith(".") and not (here / name).is_symlink():
                entries.append(_hidden(root, here / name, "hidden folder: its files are not read"))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _LITTER_FOLDERS)
        for name in filenames:
            if _ours(here == root, name):
                continue
            if _is_litter(name):
                litter += 1
            elif name.startswith("."):
                entries.append(_hidden(root, here / name, "hidden file (its name starts with a dot): "
                                                         "rename it to read it"))
            else:
                entry = _judge(root, here / name)
                if entry.status == "candidate" and entry.suffix in ARCHIVE_SUFFIXES:
                    found, litter_inside = _members(entry)
                    entries.extend(found)
                    litter += litter_inside
                else:
                    entries.append(entry)
        for name in list(dirnames):
            link = here / name
            if link.is_symlink():
                entries.append(_judge(root, link))
    if litter:
        entries.append(Entry(root, LITTER, litter, 0, f"{plural(litter, 'operating-system file')} such as .DS_Store, "
                                                      "._* or Thumbs.db: not articles", "skipped"))
    entries.sort(key=lambda e: e.rel)
    return entries


def is_metadata(rel: str) -> bool:
    """Whether the relative path names one of the files Framescope reads as settings (sources.csv,
    outlets.csv, framing.csv, actors.csv, stories.csv at the corpus root): listed, never a problem."""
    return "/" not in rel and rel.lower() in RESERVED_NAMES


def _hidden(root: Path, path: Path, problem: str) -> Entry:
    try:
        info = os.lstat(path)
    except OSError:
        return Entry(path, _printable(path.relative_to(root).as_posix()), 0, 0, problem, "skipped")
    return Entry(path, _printable(path.relative_to(root).as_posix()), info.st_size, info.st_mtime_ns, problem, "skipped")


def _ours(at_root: bool, name: str) -> bool:
    # Framescope's own files in the analyst's folder: the copy kept at each save, and temporaries.
    if name.startswith(".framescope-") and name.endswith(".tmp"):
        return True
    return at_root and name.startswith(".") and name.endswith(".previous") and name[1:-9].lower() in RESERVED_NAMES


def _is_litter(name: str) -> bool:
    return name in _LITTER_FILES or name.startswith("._")


def _judge(root: Path, path: Path) -> Entry:
    rel = _printable(path.relative_to(root).as_posix())
    try:
        info = os.lstat(path)
    except OSError as exc:
        return Entry(path, rel, 0, 0, f"cannot be read: {exc.strerror}", "error")
    size, mtime = info.st_size, info.st_mtime_ns

    def entry(problem: str | None, status: str) -> Entry:
        return Entry(path, rel, size, mtime, problem, status)

    if rel != path.relative_to(root).as_posix():
        return entry("the file name is not valid UTF-8; rename the file to read it", "error")
    if stat.S_ISLNK(info.st_mode):
        target = _inside(root, path)
        if target is None:
            return entry("a link pointing outside the corpus folder (not followed)", "skipped")
        try:
            info = os.stat(target)
        except OSError:
            return entry("a broken link", "skipped")
        size, mtime, path = info.st_size, info.st_mtime_ns, target
        if stat.S_ISDIR(info.st_mode):
            return entry("a link to a folder inside the corpus (its files are read from there)", "skipped")
    if not stat.S_ISREG(info.st_mode):
        return entry(f"not a regular file ({_kind(info.st_mode)}); not opened", "skipped")
    suffix = _printable(path.suffix.lower())
    problem, status = _verdict(rel, suffix, size)  # path may be a link's target
    if status == "error" and suffix in _EXPORT_HOSTS and size_limit(suffix) < size <= MAX_EXPORT_BYTES:
        export = Entry(path, rel, size, mtime, None, "candidate", export=True)
        if _is_export(export):
            return export
    return Entry(path, rel, size, mtime, problem, status)


def _is_export(entry: Entry) -> bool:
    try:
        with _open_checked(entry) as handle:
            return opens_an_export(entry.suffix, handle.read(_PEEK_BYTES))
    except OSError:
        return False


def opens_an_export(suffix: str, head: bytes) -> bool:
    """Whether a .txt, .rtf or .html file whose first bytes are ``head`` is a news database's
    export (lib.load.exports): then its limit is MAX_EXPORT_BYTES, not the one-article limit."""
    from lib.load import exports
    from lib.load.formats import FormatError, rtf_text

    if suffix not in _EXPORT_HOSTS:
        return False
    text = head[:_PEEK_BYTES].decode("utf-8", "replace")
    if suffix == ".rtf":
        try:
            text = rtf_text(text)
        except FormatError:
            return False
    elif suffix != ".txt":
        return exports.is_html_export(text)
    return exports.detect(text) is not None


def upload_limit(suffix: str, data: bytes) -> int:
    """The size limit of an uploaded file of this (supported) suffix, in bytes."""
    return MAX_EXPORT_BYTES if opens_an_export(suffix, data) else size_limit(suffix)


def _verdict(rel: str, suffix: str, size: int) -> tuple[str | None, str]:
    """(problem, status) of a file by its name and size: the same for a file and an archive member."""
    if PurePosixPath(rel).stem.upper() in _DOCUMENTATION:
        return "documentation (README/LICENSE), not an article", "skipped"
    if is_metadata(rel):
        return METADATA_NOTE, "skipped"
    if suffix not in SUPPORTED_SUFFIXES:
        what = f"'{suffix}' files are" if suffix else "files without an extension are"
        return f"{what} not supported (use {supported()})", "skipped"
    limit = size_limit(suffix)
    if size > limit:
        return f"too large: {size / 1e6:.1f} MB (the limit for {suffix} files is {limit / 1e6:.0f} MB)", "error"
    if size == 0:
        return "empty file", "error"
    return None, "candidate"


# --- archives read as folders ------------------------------------------------------------------

# Member lists by (archive path, size, mtime): the folder is walked every few seconds.
_LISTINGS: dict[tuple[str, int, int], tuple[list[Entry], int]] = {}
_LISTINGS_LOCK = threading.Lock()


def _members(archive: Entry) -> tuple[list[Entry], int]:
    """The archive's members as entries (or one error entry for the archive), and how many were
    operating-system litter."""
    key = (str(archive.path), archive.size, archive.mtime_ns)
    with _LISTINGS_LOCK:
        if key in _LISTINGS:
            return _LISTINGS[key]
    try:
        with _open_checked(archive) as handle:
            opened = archives.open_archive(handle, archive.path.name, key=key)
            found = _list(archive, opened, (), archives.MAX_TOTAL_BYTES)
    except (OSError, archives.ArchiveError) as exc:
        found = ([Entry(archive.path, archive.rel, archive.size, archive.mtime_ns,
                        str(exc) if isinstance(exc, archives.ArchiveError) else f"cannot be read: {exc.strerror or exc}",
                        "error")], 0)
    with _LISTINGS_LOCK:
        if len(_LISTINGS) > 256:
            _LISTINGS.clear()
        _LISTINGS[key] = found
    return found


def _list(archive: Entry, opened: archives.Archive, inside: tuple[str, ...], budget: int) -> tuple[list[Entry], int]:
    archives.check(opened, max_total=budget)
    entries, litter = [], 0
    prefix = "/".join((archive.rel, *inside))
    for member in archives.members(opened):
        parts = member.name.split("/")
        rel = _printable(f"{prefix}/{member.name}")

        def entry(problem: str | None, status: str, size: int = member.size) -> Entry:
            return Entry(archive.path, rel, size, archive.mtime_ns, problem, status, (*inside, member.name))

        if any(part in _LITTER_FOLDERS for part in parts[:-1]) or _is_litter(parts[-1]):
            litter += 1
        elif member.problem:
            entries.append(entry(member.problem, "skipped" if "link" in member.problem else "error"))
        elif any(part.startswith(".") for part in parts):
            entries.append(entry("hidden file (its name starts with a dot): rename it to read it", "skipped"))
        else:
            suffix = PurePosixPath(member.name).suffix.lower()
            problem, status = _verdict(rel, suffix, member.size)  # rel has a '/': never our settings
            if status == "candidate" and suffix in ARCHIVE_SUFFIXES:
                if len(inside) + 1 >= archives.MAX_DEPTH:
                    entries.append(entry(f"an archive {archives.MAX_DEPTH} levels deep: not opened "
                                         "(unpack it to read it)", "skipped"))
                    continue
                try:
                    nested = archives.open_archive(archives.read_member(opened, member.name, size_limit(suffix)),
                                                   member.name)
                    found, more = _list(archive, nested, (*inside, member.name), budget - member.size)
                except archives.ArchiveError as exc:
                    entries.append(entry(str(exc), "error"))
                    continue
                entries.extend(found)
                litter += more
            else:
                entries.append(entry(problem, status))
    return entries, litter


def _printable(rel: str) -> str:
    """The relative path with undecodable name bytes shown as U+FFFD.

    Python hands such bytes over as lone surrogates, which pandas' Arrow strings, JSON and the
    browser all refuse: one badly named file would otherwise stop the whole corpus from loading.
    """
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _inside(root: Path, link: Path) -> Path | None:
    """The link's target when it stays inside root, else None."""
    try:
        target = link.resolve(strict=False)
    except (OSError, RuntimeError):  # RuntimeError: symlink loop on older Pythons
        return None
    return target if target == root or root in target.parents else None


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def read_bytes(entry: Entry) -> bytes:
    """The file's bytes, opened without blocking and re-checked after opening.

    Raises OSError with an analyst-readable message when the file changed into something we do not
    read (a FIFO swapped in, a file grown past the limit) between walking and reading. An archive
    member's bytes are read from its archive (nested ones through each level), with its own limit.
    """
    if not entry.member:
        with _open_checked(entry) as handle:
            info = os.fstat(handle.fileno())
            limit = entry.limit
            # Ask for the size fstat gave (one byte more sees a file still growing), never the limit:
            # read(n) reserves n bytes up front, 512 MB for every small CSV otherwise.
            return handle.read(min(info.st_size, limit) + 1)[:limit]
    try:
        with _open_checked(entry) as handle:
            # The key _members listed the archive under: a gzip decompressed then is not decompressed again.
            key = (str(entry.path), os.fstat(handle.fileno()).st_size, entry.mtime_ns)
            opened = archives.open_archive(handle, entry.path.name, key=key)
            for depth, level in enumerate(entry.member[:-1], start=1):
                opened = archives.open_archive(archives.read_member(opened, level, MAX_EXPORT_BYTES), level,
                                               key=(*key, *entry.member[:depth]))
            return archives.read_member(opened, entry.member[-1], size_limit(entry.suffix))
    except archives.ArchiveError as exc:
        raise OSError(str(exc)) from exc


@contextmanager
def _open_checked(entry: Entry) -> Iterator[BinaryIO]:
    """The file at ``entry.path`` opened for binary reading without blocking, and re-checked after
    opening: a regular file, within the limit of its suffix."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    # entry.path is a link's checked target already; O_NOFOLLOW refuses a link swapped in since.
    fd = os.open(entry.path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"not a regular file ({_kind(info.st_mode)})")
        limit = entry.limit if not entry.member else size_limit(entry.path.suffix.lower())
        if info.st_size > limit:
            raise OSError(f"too large: {info.st_size / 1e6:.1f} MB")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            yield handle
    finally:
        os.close(fd)
