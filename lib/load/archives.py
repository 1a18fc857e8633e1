"""ZIP, tar and gzip archives read as folders, safely: list the members with a verdict each, read one.

Nothing is ever extracted to disk, so a member's name cannot write anywhere; it still has to be a
plain relative path, because it becomes the member's name on the Corpus page and in ``scan``
(``archive.zip/inner/a.txt``). Limits, checked on the archive's directory before any member is
decompressed: at most MAX_MEMBERS members, MAX_TOTAL_BYTES uncompressed in all, no member
compressed more than MAX_RATIO times (text compresses 3-10 times; a zip bomb thousands of times),
archives inside archives opened to MAX_DEPTH levels. A member is read with a cap, so an archive
that lies about its sizes still cannot fill memory.

A gzip file (``.gz``, ``.tgz``, ``.tar.gz``) has no directory: it is decompressed into memory with
the same caps (MAX_TOTAL_BYTES, and MAX_RATIO on the whole file, checked while decompressing), and
then it is a tar archive or, when it is not, one member named without ``.gz`` (``news.jsonl.gz``
holds ``news.jsonl``). The last one decompressed is kept, so reading its members one by one does
not decompress it again for each; a plain ``.tar`` is read into memory the same way. In a tar
archive only regular files are read: links, devices and climbing names are listed with the reason.

Office documents (.docx) are ZIP archives too: ``check`` guards them before a reader unpacks them.
"""
from __future__ import annotations

import gzip
import io
import stat
import tarfile
import threading
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

MAX_MEMBERS = 10_000           # a folder of articles zipped whole; more is not an analyst's corpus
MAX_TOTAL_BYTES = 500_000_000  # uncompressed, the whole archive (as lib.load.files.MAX_EXPORT_BYTES)
MAX_RATIO = 100                # uncompressed / compressed size of one member
RATIO_FLOOR = 1_000_000        # members smaller than this uncompress to little whatever their ratio
MAX_DEPTH = 2                  # an archive, and archives inside it; deeper ones are reported
SUFFIXES = (".zip", ".tar", ".tgz", ".gz")
_CHUNK = 1 << 20


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


@dataclass(frozen=True)
class Tarball:
    """A tar archive, or the one member of a plain .gz file, held in memory: its members' headers
    by name and the bytes they sit in. Members are read by slicing ``data``, so any number of
    threads can read one Tarball."""

    infos: dict[str, tarfile.TarInfo]  # empty for a plain .gz
    data: bytes
    single: str | None = None          # a plain .gz: its one member's name


Archive = zipfile.ZipFile | Tarball

_LAST: dict[object, Tarball] = {}  # the last tar or gzip opened, by its caller's key
_LAST_LOCK = threading.Lock()


def open_archive(source: BinaryIO | bytes, name: str, *, key: object = None) -> Archive:
    """The archive ``name`` (its file name: the suffix says which kind), opened for reading;
    ArchiveError when it is not readable or over a limit. ``key`` (the file's path, size and
    time) keeps a tar or gzip in memory for the next call with the same key."""
    lower = name.lower()
    if lower.endswith(".zip"):
        return open_zip(source)
    with _LAST_LOCK:
        if key is not None and key in _LAST:
            return _LAST[key]
    data = _read_all(source) if lower.endswith(".tar") else gunzip(source)
    if lower.endswith((".tar", ".tgz", ".tar.gz")) or _is_tar(data):
        opened = Tarball(_tar_headers(data), data)
    else:
        opened = Tarball({}, data, single=name.rsplit("/", 1)[-1][: -len(".gz")] or "member")
    if key is not None:
        with _LAST_LOCK:
            _LAST.clear()
            _LAST[key] = opened
    return opened


def gunzip(source: BinaryIO | bytes) -> bytes:
    """A gzip stream decompressed, stopped at MAX_TOTAL_BYTES or past MAX_RATIO times its size."""
    packed = len(source) if isinstance(source, bytes) else _size(source)
    stream = gzip.GzipFile(fileobj=io.BytesIO(source) if isinstance(source, bytes) else source)
    out, total = io.BytesIO(), 0
    try:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > MAX_TOTAL_BYTES:
                raise ArchiveError(f"too large uncompressed: over {MAX_TOTAL_BYTES / 1e6:.0f} MB (the limit)")
            if total > RATIO_FLOOR and total > MAX_RATIO * max(packed, 1):
                raise ArchiveError(f"a gzip bomb? it uncompresses more than {MAX_RATIO} times its size; not opened")
            out.write(chunk)
    except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
        raise ArchiveError(f"not a readable gzip file ({exc})") from exc
    return out.getvalue()


def _read_all(source: BinaryIO | bytes) -> bytes:
    data = source if isinstance(source, bytes) else source.read(MAX_TOTAL_BYTES + 1)
    if len(data) > MAX_TOTAL_BYTES:
        raise ArchiveError(f"too large: over {MAX_TOTAL_BYTES / 1e6:.0f} MB (the limit)")
    return data


def _size(handle: BinaryIO) -> int:
    here = handle.tell()
    size = handle.seek(0, io.SEEK_END)
    handle.seek(here)
    return size


def _is_tar(data: bytes) -> bool:
    return len(data) >= 512 and data[257:262] == b"ustar"


def _tar_headers(data: bytes) -> dict[str, tarfile.TarInfo]:
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
            return {info.name: info for info in tar.getmembers()}
    except (tarfile.TarError, OSError, EOFError) as exc:  # a truncated or corrupt tar
        raise ArchiveError(f"not a readable tar archive ({exc})") from exc


def check(archive: Archive, *, max_total: int = MAX_TOTAL_BYTES) -> None:
    """Raise ArchiveError when the whole archive is over a limit: too many members, too large
    uncompressed, or a member compressed past MAX_RATIO (a zip bomb)."""
    if isinstance(archive, Tarball):  # decompressed already, within MAX_RATIO and MAX_TOTAL_BYTES
        sizes = [len(archive.data)] if archive.single else [i.size for i in archive.infos.values() if i.isfile()]
        _check_size(len(archive.infos) or 1, sum(sizes), max_total)
        return
    infos = archive.infolist()
    _check_size(len(infos), sum(info.file_size for info in infos), max_total)
    for info in infos:
        if _bomb(info):
            raise ArchiveError(f"a zip bomb? {info.filename} would uncompress "
                               f"{info.file_size / max(info.compress_size, 1):,.0f} times its size "
                               f"(the limit is {MAX_RATIO} times); not opened")


def _check_size(members: int, total: int, max_total: int) -> None:
    if members > MAX_MEMBERS:
        raise ArchiveError(f"too many files in the archive: {members:,} (the limit is {MAX_MEMBERS:,})")
    if total > max_total:
        raise ArchiveError(f"too large uncompressed: {total / 1e6:.1f} MB (the limit is {max_total / 1e6:.0f} MB)")


def members(archive: Archive) -> Iterator[Member]:
    """Every file member (folders left out), each with its problem or None; ``check`` first."""
    if isinstance(archive, Tarball):
        if archive.single:
            yield Member(archive.single, len(archive.data), None)
        for info in archive.infos.values():
            if not info.isdir():
                yield Member(info.name, info.size, _tar_problem(info))
        return
    for info in archive.infolist():
        if info.is_dir():
            continue
        yield Member(info.filename.replace("\\", "/"), info.file_size, _problem(info))


def read_member(archive: Archive, name: str, limit: int) -> bytes:
    """The member's bytes, never more than ``limit``: ArchiveError when it holds more, whatever
    its directory entry says, or cannot be decompressed."""
    if isinstance(archive, Tarball):
        return _read_tar_member(archive, name, limit)
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


def _read_tar_member(archive: Tarball, name: str, limit: int) -> bytes:
    if name == archive.single:
        data = archive.data
    elif (info := archive.infos.get(name)) is None:
        raise ArchiveError("no longer in the archive")
    elif (problem := _tar_problem(info)) is not None:
        raise ArchiveError(problem)
    else:
        data = archive.data[info.offset_data:info.offset_data + info.size]
    if len(data) > limit:
        raise ArchiveError(f"more than {limit / 1e6:.0f} MB (the limit for this kind of file)")
    return data


def _tar_problem(info: tarfile.TarInfo) -> str | None:
    parts = info.name.split("/")
    if info.name.startswith("/") or ".." in parts:
        return "an unsafe path inside the archive (absolute, or climbing out with '..'): not read"
    if info.issym() or info.islnk():
        return "a link inside the archive (not followed)"
    if not info.isfile() or info.issparse():  # a sparse file's bytes are not where its header says
        return "not a regular file inside the archive; not read"
    return None


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
