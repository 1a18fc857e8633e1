"""Writing files safely: whole or not at all, never over someone else's file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes, *, keep_previous: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically (temporary file in the same folder, fsync, rename).

    A reader sees the old file or the new one, never half of either. With ``keep_previous`` the
    old content is kept beside it as ``.<name>.previous`` so a bad save can be undone.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_temp(path.parent, data)
    try:
        if keep_previous and path.exists():
            previous = path.with_name(f".{path.name}.previous")
            os.replace(_write_temp(path.parent, path.read_bytes()), previous)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


def _write_temp(folder: Path, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".framescope-", suffix=".tmp")
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
