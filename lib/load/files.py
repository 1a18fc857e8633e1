"""Find the files of a corpus folder and read them safely.

Safe means: no symbolic link is followed out of the folder, special files (FIFOs, devices, sockets)
are never opened, nothing blocks, and a file's size is checked before it is read.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from lib.load.formats import FORMATS, supported

# Limits in decimal megabytes, as messages print sizes (bytes / 1e6) and the README states them
# (in binary units the export limit was shown as "537 MB"). One article per file: anything larger
# is not a news article.
MAX_ARTICLE_BYTES = 5_000_000
# Exports holding many articles (CSV, JSON, JSON Lines).
MAX_EXPORT_BYTES = 512_000_000

# From the one registry of formats (lib.load.formats.FORMATS).
SUPPORTED_SUFFIXES = frozenset(FORMATS)
EXPORT_SUFFIXES = frozenset(suffix for suffix, fmt in FORMATS.items() if fmt.export)
ARTICLE_SUFFIXES = SUPPORTED_SUFFIXES - EXPORT_SUFFIXES
# Files Framescope itself keeps in the corpus folder: metadata, not articles.
_DOCUMENTATION = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE"})
RESERVED_NAMES = frozenset({"sources.csv", "outlets.csv", "framing.csv", "actors.csv", "stories.csv"})


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

    Hidden folders and files (``.git``, ``.DS_Store``, Framescope's own ``.sources.csv.previous``
    and temporary files) are ignored: they are never articles.
    """
    root = root.resolve()
    entries: list[Entry] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        for name in filenames:
            if not name.startswith("."):
                entries.append(_judge(root, here / name))
        for name in list(dirnames):
            link = here / name
            if link.is_symlink():
                entries.append(_judge(root, link))
    entries.sort(key=lambda e: e.rel)
    return entries


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
    if "/" not in rel and rel.lower() in RESERVED_NAMES:
        return entry("Framescope metadata, not an article", "skipped")
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
