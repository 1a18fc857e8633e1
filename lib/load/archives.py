"""ZIP archives read as folders, safely: list the members with a verdict each, read one member.

Nothing is ever extracted to disk, so a member's name cannot write anywhere; it still has to be a
plain relative path, because it becomes the member's name on the Corpus page and in ``scan``
(``archive.zip/inner/a.txt``). Limits, checked on the archive's directory before any member is
decompressed: at most MAX_MEMBERS members, MAX_TOTAL_BYTES uncompressed in all, no member
compressed more than MAX_RATIO times (text compresses 3-10 times; a zip bomb thousands of times),
archives inside archives opened to MAX_DEPTH levels. A member is read with a cap, so an archive
that lies about its sizes still cannot fill memory.

Office documents (.docx) are ZIP archives too: ``check`` guards them before a reader unpacks them.
"""
from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

MAX_MEMBERS = 10_000           # a folder of articles zipped whole; more is not an analyst's corpus
MAX_TOTAL_BYTES = 500_000_000  # uncompressed, the whole archive (as lib.load.files.MAX_EXPORT_BYTES)
MAX_RATIO = 100                # uncompressed / compressed size of one member
RATIO_FLOOR = 1_000_000        # members smaller than this uncompress to little whatever their ratio
MAX_DEPTH = 2                  # an archive, and archives inside it; deeper ones are reported
SUFFIXES = (".zip",)


class ArchiveError(ValueError):
    """The archive (or a member) cannot be read safely; the message is for the analyst."""


@dataclass(frozen=True)
class Member:
    """One file inside an archive, as its directory describes it."""

    name: str            # the path inside the archive, forward slashes
    size: int            # uncompressed bytes, as declared
    problem: str | None  # why it is not read (unsafe name, a link, encrypted, a bomb), or None


def open_zip(source: BinaryIO | bytes) -> zipfile.ZipFile:
    """The archive, opened for reading; ArchiveError when it is not a readable ZIP."""
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ArchiveError(f"not a readable ZIP archive ({exc})") from exc


def check(archive: zipfile.ZipFile, *, max_total: int = MAX_TOTAL_BYTES) -> None:
    """Raise ArchiveError when the whole archive is over a limit: too many members, too large
    uncompressed, or a member compressed past MAX_RATIO (a zip bomb)."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ArchiveError(f"too many files in the archive: {len(infos):,} (the limit is {MAX_MEMBERS:,})")
    total = sum(info.file_size for info in infos)
    if total > max_total:
        raise ArchiveError(f"too large uncompressed: {total / 1e6:.1f} MB (the limit is {max_total / 1e6:.0f} MB)")
    for info in infos:
        if _bomb(info):
            raise ArchiveError(f"a zip bomb? {info.filename} would uncompress "
                               f"{info.file_size / max(info.compress_size, 1):,.0f} times its size "
                               f"(the limit is {MAX_RATIO} times); not opened")


def members(archive: zipfile.ZipFile) -> Iterator[Member]:
    """Every file member (folders left out), each with its problem or None; ``check`` first."""
    for info in archive.infolist():
        if info.is_dir():
            continue
        yield Member(info.filename.replace("\\", "/"), info.file_size, _problem(info))


def read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """The member's bytes, never more than ``limit``: ArchiveError when it holds more, whatever
    its directory entry says, or cannot be decompressed."""
    info = archive.getinfo(_stored_name(archive, name))
    if (problem := _problem(info)) is not None:
        raise ArchiveError(problem)
    try:
        with archive.open(info) as handle:
            data = handle.read(limit + 1)
    except Exception as exc:  # BadZipFile, OSError, and zlib.error / lzma.LZMAError, which are neither
        raise ArchiveError(f"cannot be decompressed ({type(exc).__name__})") from exc
    if len(data) > limit:
        raise ArchiveError(f"uncompresses to more than {limit / 1e6:.0f} MB (its archive said "
                           f"{info.file_size / 1e6:.1f} MB)")
    return data


def _stored_name(archive: zipfile.ZipFile, name: str) -> str:
    # members() shows backslashes as slashes; find the name as the archive stores it.
    if name in archive.NameToInfo:
        return name
    for info in archive.infolist():
        if info.filename.replace("\\", "/") == name:
            return info.filename
    raise ArchiveError("no longer in the archive")


def _bomb(info: zipfile.ZipInfo) -> bool:
    return info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)


def _problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename.replace("\\", "/")
    parts = name.split("/")
    if name.startswith("/") or (parts and parts[0].endswith(":")) or ".." in parts:
        return "an unsafe path inside the archive (absolute, or climbing out with '..'): not read"
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):  # 3: Unix, where links are kept as members
        return "a link inside the archive (not followed)"
    if info.create_system == 3 and stat.S_IFMT(mode) and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return "not a regular file inside the archive; not read"
    if info.flag_bits & 0x1:
        return "encrypted (password-protected) inside the archive: not read"
    if _bomb(info):
        return (f"a zip bomb? it would uncompress {info.file_size / max(info.compress_size, 1):,.0f} times "
                f"its size (the limit is {MAX_RATIO} times); not read")
    return None
