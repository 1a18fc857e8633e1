"""Find the files of a corpus folder and read them safely.

Safe means: no symbolic link is followed out of the folder, special files (FIFOs, devices, sockets)
are never opened, nothing blocks, and a file's size is checked before it is read.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from lib.frames import plural
from lib.load.formats import FORMATS, supported

# Limits in decimal megabytes, as messages print sizes (bytes / 1e6) and the README states them
# (in binary units the export limit was shown as "537 MB"). One article per file: anything larger
# is not a news article.
MAX_ARTICLE_BYTES = 5_000_000
# Exports holding many articles (CSV, JSON, JSON Lines). At most 500 MB: Streamlit's upload box
# prints a limit above 500 MB rounded to gigabytes ("1GB per file" for 512 MB).
MAX_EXPORT_BYTES = 500_000_000

# From the one registry of formats (lib.load.formats.FORMATS).
SUPPORTED_SUFFIXES = frozenset(FORMATS)
EXPORT_SUFFIXES = frozenset(suffix for suffix, fmt in FORMATS.items() if fmt.export)
ARTICLE_SUFFIXES = SUPPORTED_SUFFIXES - EXPORT_SUFFIXES
# Files Framescope itself keeps in the corpus folder: metadata, not articles.
_DOCUMENTATION = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE"})
RESERVED_NAMES = frozenset({"sources.csv", "outlets.csv", "framing.csv", "actors.csv", "stories.csv"})
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
    return MAX_EXPORT_BYTES if FORMATS[suffix].export else MAX_ARTICLE_BYTES


@dataclass(frozen=True)
class Entry:
    """One file found in the corpus folder."""

    path: Path            # absolute path (for a link inside the folder: its target)
    rel: str              # path relative to the corpus folder, with forward slashes
    size: int             # bytes, from lstat/stat
    mtime_ns: int
    problem: str | None   # why it cannot be read, or None
    status: str           # 'candidate' | 'skipped' | 'error'


def walk(root: Path) -> list[Entry]:
    """Every file under ``root`` (recursively, sorted by relative path), each judged readable or not.

    A hidden file (its name starts with a dot) is ``skipped`` with the reason "hidden file", and a
    hidden folder is one ``skipped`` entry (its files are not read). Operating-system litter
    (``.DS_Store``, ``._*``, ``Thumbs.db``, ``.Trashes``, ``__MACOSX`` ...) is counted in one entry,
    ``(operating-system files)``, not listed one by one. Framescope's own files are left out:
    the ``.previous`` copies it keeps of the analyst's files, its temporary files, and the saved
    briefings in ``briefings/``.
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
                entries.append(_judge(root, here / name))
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
    if Path(rel).stem.upper() in _DOCUMENTATION:
        return entry("documentation (README/LICENSE), not an article", "skipped")
    if is_metadata(rel):
        return entry(METADATA_NOTE, "skipped")
    suffix = _printable(path.suffix.lower())  # path may be a link's target, named in any bytes
    if suffix not in SUPPORTED_SUFFIXES:
        what = f"'{suffix}' files are" if suffix else "files without an extension are"
        return entry(f"{what} not supported (use {supported()})", "skipped")
    limit = size_limit(suffix)
    if size > limit:
        return entry(f"too large: {size / 1e6:.1f} MB (the limit for {suffix} files is {limit / 1e6:.0f} MB)", "error")
    if size == 0:
        return entry("empty file", "error")
    return Entry(path, rel, size, mtime, None, "candidate")


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
    read (a FIFO swapped in, a file grown past the limit) between walking and reading.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    # entry.path is a link's checked target already; O_NOFOLLOW refuses a link swapped in since.
    fd = os.open(entry.path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"not a regular file ({_kind(info.st_mode)})")
        limit = size_limit(entry.path.suffix.lower())
        if info.st_size > limit:
            raise OSError(f"too large: {info.st_size / 1e6:.1f} MB")
        # Ask for the size fstat gave (one byte more sees a file still growing), never the limit:
        # read(n) reserves n bytes up front, 512 MB for every small CSV otherwise.
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(min(info.st_size, limit) + 1)[:limit]
    finally:
        os.close(fd)
