"""DuckDB over the store's Parquet files: the one way the reduces open a connection."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def connection(*, memory_limit: str = "512MB", threads: int = 2) -> Iterator:
    """A DuckDB connection whose own buffers stay under ``memory_limit``, closed after use."""
    import duckdb

    con = duckdb.connect(config={"memory_limit": memory_limit, "threads": threads})
    try:
        con.execute("SET enable_progress_bar = false")   # it writes to stdout
        yield con
    finally:
        con.close()
