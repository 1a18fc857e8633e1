"""Writing files safely: whole or not at all, never over someone else's file.

The one place in Framescope that writes a temporary file or folder and renames it into place.
A reader sees the old version or the new one, never half of either; a writer killed midway
leaves only a temporary name (``.framescope-*.tmp`` or ``<name>-<random>.tmp``) that
``remove_stale`` clears once it is old enough that no live writer can own it. A published file
gets the permissions of a file created the ordinary way (0666 less the umask, e.g. 0644), or
keeps those of the file it replaces: ``tempfile.mkstemp`` alone would leave it 0600, unreadable
to the colleagues and tools that share the folder.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

READONLY_VARIABLE = "FRAMESCOPE_READONLY"
T = TypeVar("T")
TMP_SUFFIX = ".tmp"
TMP_PREFIX = ".framescope-"
STALE_SECONDS = 3600  # a temporary name older than this was left by a writer that died
_SAVING = threading.Lock()
_UMASK = threading.Lock()


class ReadOnlyError(PermissionError):
    """The dashboard is served read-only (``FRAMESCOPE_READONLY``): the analyst's files stay as they are."""


class ChangedSinceLoaded(RuntimeError):
    """Someone else saved the file after this editor read it; saving would lose their changes."""

    def __init__(self, path: Path):
        super().__init__(f"{Path(path).name} was changed by someone else since you opened it")
        self.path = Path(path)


def read_only() -> bool:
    """Whether the corpus folder must not be written (``FRAMESCOPE_READONLY`` set to 1/true/yes)."""
    return os.environ.get(READONLY_VARIABLE, "").strip().lower() in ("1", "true", "yes", "on")


def require_writable() -> None:
    """Raise ``ReadOnlyError`` in read-only mode. Every writer of a file in the analyst's corpus
    folder calls it, so a forged request from a browser cannot write either."""
    if read_only():
        raise ReadOnlyError("this dashboard is read-only: nothing in the corpus folder can be changed")


def version(path: Path) -> str | None:
    """A token for the file's current content (None when it does not exist): what an editor keeps
    when it reads the file, and gives back to ``save_if_unchanged``."""
    try:
        return _token(Path(path).read_bytes())
    except FileNotFoundError:
        return None


def save_if_unchanged(path: Path, data: bytes, *, expected: str | None, keep_previous: bool = True) -> str:
    """``atomic_write`` the analyst's file unless it changed since the editor read it: ``expected``
    is the ``version`` taken then (None: the file did not exist). Raises ``ChangedSinceLoaded``
    (nothing written) when another save came in between, ``ReadOnlyError`` in read-only mode.
    Writers of one process are serialised, so two sessions saving at once cannot both pass.
    Returns the version of what was written: the editor's next ``expected`` (asking ``version``
    afterwards could pick up a save made in the meantime, and then overwrite it unseen)."""
    require_writable()
    with _SAVING:
        if version(path) != expected:
            raise ChangedSinceLoaded(path)
        atomic_write(path, data, keep_previous=keep_previous)
    return _token(data)


def save_onto_latest(path: Path, write: Callable[[str | None], T], *, attempts: int = 3) -> T:
    """``write(expected)`` with the file's current version: ``write`` reads the file as it is
    now, changes it and saves it with ``save_if_unchanged(..., expected=expected)``. When another
    save lands between its reading and its writing, it is run again on that save (``attempts``
    times in all, then ``ChangedSinceLoaded``): for one-click changes (add a row, keep a line)
    that apply to whatever the file holds, never to what a page showed earlier."""
    for _ in range(attempts - 1):
        try:
            return write(version(path))
        except ChangedSinceLoaded:
            continue
    return write(version(path))


def _token(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def atomic_write(path: Path, data: bytes, *, keep_previous: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically (temporary file in the same folder, fsync, rename).

    With ``keep_previous`` the old content is kept beside it as ``.<name>.previous`` so a bad save
    can be undone.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_temp(path.parent, data, like=path)
    try:
        if keep_previous and path.exists():
            previous = path.with_name(f".{path.name}.previous")
            os.replace(_write_temp(path.parent, path.read_bytes(), like=path), previous)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_file(path: Path, write: Callable[[str], None], *, prefix: str = TMP_PREFIX) -> None:
    """Make ``path`` atomically with ``write(temporary_path)`` (e.g. a Parquet writer), then rename.
    Not fsynced: for caches, where a file lost to a power cut is only computed again."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temporary(path.parent, prefix=prefix, like=path)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def open_temporary(folder: Path, *, prefix: str = TMP_PREFIX):
    """``(binary handle, temporary path)`` in ``folder``, for a file written over time and then
    published with ``publish_file``."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    fd, tmp = _temporary(Path(folder), prefix=prefix)
    return os.fdopen(fd, "wb"), tmp


def publish_file(tmp: str, path: Path) -> None:
    """Rename a finished temporary file (from ``open_temporary``) into place."""
    os.replace(tmp, path)


def publish_folder(target: Path, write: Callable[[Path], None]) -> None:
    """Make the folder ``target`` atomically: ``write(temporary_folder)`` fills a temporary folder
    beside it, whose files are fsynced before it is renamed into place (an older ``target`` is
    replaced). On any error the temporary folder is removed and the error raised."""
    target = Path(target)
    tmp = target.with_name(f"{target.name}-{uuid.uuid4().hex[:8]}{TMP_SUFFIX}")
    try:
        tmp.mkdir(parents=True)
        write(tmp)
        for child in tmp.iterdir():
            with open(child, "rb") as handle:
                os.fsync(handle.fileno())
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def set_aside(path: Path, suffix: str) -> None:
    """Rename ``path`` to ``<name><suffix>.tmp`` (ours, damaged: out of readers' way, and removed
    like any temporary name); quietly does nothing when it cannot."""
    with contextlib.suppress(OSError):
        os.replace(path, Path(path).with_name(Path(path).name + suffix + TMP_SUFFIX))


def remove_stale(folder: Path, pattern: str, *, older_than: float = STALE_SECONDS) -> None:
    """Remove files or folders matching ``pattern`` in ``folder`` that are older than
    ``older_than`` seconds: what writers killed midway left (a live writer's are younger)."""
    for stale in Path(folder).glob(pattern):
        with contextlib.suppress(OSError):
            if time.time() - stale.stat().st_mtime > older_than:
                if stale.is_dir():
                    shutil.rmtree(stale, ignore_errors=True)
                else:
                    stale.unlink()


def create_new(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` as ``folder/name`` without ever overwriting: ``name (2).ext`` and so on when
    the name is taken. Atomic: the file appears complete or not at all. Returns the path written."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = _write_temp(folder, data)
    stem, suffix = _split(name)
    try:
        for n in range(1, 10_000):
            candidate = folder / (name if n == 1 else f"{stem} ({n}){suffix}")
            try:
                os.link(tmp, candidate)  # fails if the name exists: no race with another writer
            except FileExistsError:
                continue
            return candidate
        raise FileExistsError(f"no free name for {name} in {folder}")
    finally:
        Path(tmp).unlink(missing_ok=True)


def file_mode(like: Path | None = None) -> int:
    """The permission bits a published file gets: those of ``like`` when it exists (a replaced
    file keeps its mode), else what ``open()`` would give a new file (0666 less the umask)."""
    if like is not None:
        try:
            return stat.S_IMODE(os.stat(like).st_mode)
        except OSError:
            pass
    return 0o666 & ~_umask()


def _umask() -> int:
    # The umask can only be read by setting it, which races with other threads creating files:
    # read Linux's /proc instead where it is there.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _UMASK:  # elsewhere: set it to the strictest for a moment, then back
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def _temporary(folder: Path, *, prefix: str = TMP_PREFIX, like: Path | None = None) -> tuple[int, str]:
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=TMP_SUFFIX)
    try:
        os.fchmod(fd, file_mode(like))  # mkstemp makes it 0600: private, unlike any file saved by hand
    except BaseException:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise
    return fd, tmp


def _write_temp(folder: Path, data: bytes, *, like: Path | None = None) -> str:
    fd, tmp = _temporary(folder, like=like)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _split(name: str) -> tuple[str, str]:
    dot = name.rfind(".")
    return (name[:dot], name[dot:]) if dot > 0 else (name, "")
