"""Parsed files kept on disk, so a restart does not read and clean every file again.

One Parquet file per parsed corpus file, named by a hash of the file's absolute path, size,
modification time and the loader version: a changed file simply misses. Written atomically; a file
that cannot be read is ignored (and the source parsed again).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from lib.store.atomic import write_file

LOADER_VERSION = 10  # bump when parsing, cleaning or inference changes what a record holds
_FIELDS = ("file", "row", "status", "message", "id", "format", "encoding", "title", "title_source",
           "outlet", "outlet_source", "group", "date", "date_source", "url", "url_source", "language", "english",
           "words", "text", "raw_text", "removed", "lines")
_SCHEMA = pa.schema([(name, pa.string()) for name in _FIELDS])


def _path(folder: Path, source: Path, size: int, mtime_ns: int) -> Path:
    key = hashlib.sha1(f"{source}\0{size}\0{mtime_ns}\0{LOADER_VERSION}".encode("utf-8", "surrogateescape"))
    return folder / f"{key.hexdigest()[:24]}.parquet"


def get(folder: Path, source: Path, size: int, mtime_ns: int, *, without: tuple[str, ...] = ()) -> list[dict] | None:
    """The records saved for this version of ``source``, or None. Fields in ``without`` are not
    read (the texts are most of a file's size)."""
    try:
        table = pq.read_table(_path(folder, source, size, mtime_ns),
                              columns=[name for name in _FIELDS if name not in without] if without else None)
    except (OSError, pa.ArrowException):
        return None
    return [_decode(row) for row in table.to_pylist()]


def put(folder: Path, source: Path, size: int, mtime_ns: int, records: list[dict]) -> None:
    """Save the records; failures are ignored (the cache is an optimisation, never a requirement)."""
    try:
        table = pa.Table.from_pylist([_encode(r) for r in records], schema=_SCHEMA)
        write_file(_path(folder, source, size, mtime_ns), lambda tmp: pq.write_table(table, tmp, compression="zstd"))
    except (OSError, pa.ArrowException, ValueError):
        return


def _encode(record: dict) -> dict:
    out = {}
    for name in _FIELDS:
        value = record.get(name)
        if name in ("row", "words", "english", "removed") and value is not None:
            value = json.dumps(value)
        elif isinstance(value, bytes):  # lines: lib.load.repeats.line_keys
            value = value.hex()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        out[name] = value
    return out


def _decode(row: dict) -> dict:
    out = dict(row)
    for name in ("row", "words", "english", "removed"):
        if out.get(name) is not None:
            out[name] = json.loads(out[name])
    if out.get("date"):
        out["date"] = dt.date.fromisoformat(out["date"])
    if out.get("lines") is not None:
        out["lines"] = bytes.fromhex(out["lines"])
    return {k: v for k, v in out.items() if v is not None or k in ("row",)}
