"""Saving uploaded files into the corpus folder: safe names, never overwriting, atomic."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lib.load import files
from lib.store.atomic import create_new, require_writable

MAX_UPLOAD_BYTES = files.MAX_EXPORT_BYTES
_UNSAFE = re.compile(r"[^\w .,()\[\]+@&'-]+")


@dataclass(frozen=True)
class Saved:
    name: str            # as uploaded
    path: Path | None    # where it was written, None when refused
    message: str         # what happened, for the analyst


def safe_relative_path(name: str) -> PurePosixPath | None:
    """A harmless relative path for an uploaded name: no ``..``, no absolute paths, no hidden or
    empty parts, no control characters; None when nothing usable is left."""
    parts = []
    for part in re.split(r"[\\/]+", unicodedata.normalize("NFC", name)):
        part = _UNSAFE.sub("_", "".join(ch for ch in part if ch.isprintable())).strip(" .")
        if part and part not in (".", ".."):
            parts.append(part[:120])
    return PurePosixPath(*parts) if parts else None


def save(root: Path, name: str, data: bytes, *, subfolder: str = "uploads") -> Saved:
    """Write one uploaded file under ``root/subfolder``, keeping the uploaded folder structure.

    Refuses unsupported extensions and files over the size limit; never overwrites (a file of the
    same name gets `` (2)``); the file appears complete or not at all. Read-only mode raises
    ``lib.store.atomic.ReadOnlyError``.
    """
    require_writable()
    rel = safe_relative_path(name)
    if rel is None:
        return Saved(name, None, "refused: the file name has no usable characters")
    suffix = rel.suffix.lower()
    if suffix not in files.SUPPORTED_SUFFIXES:
        return Saved(name, None, f"refused: '{suffix or 'no extension'}' files are not supported")
    limit = min(files.upload_limit(suffix, data), MAX_UPLOAD_BYTES)
    if len(data) > limit:
        return Saved(name, None, f"refused: {len(data) / 1e6:.1f} MB is over the {limit / 1e6:.0f} MB limit")
    if not data.strip():
        return Saved(name, None, "refused: the file is empty")
    folder = Path(root) / subfolder / rel.parent
    if not _inside(Path(root), folder):
        return Saved(name, None, "refused: the upload folder leads outside the corpus folder")
    path = create_new(folder, rel.name, data)
    renamed = "" if path.name == rel.name else f" (renamed: {rel.name} already exists)"
    return Saved(name, path, f"saved as {path.relative_to(root).as_posix()}{renamed}")


def _inside(root: Path, folder: Path) -> bool:
    # A link planted in the corpus folder must not carry an upload elsewhere.
    root, target = root.resolve(), folder.resolve()
    return target == root or root in target.parents
