"""Memory the process hands back to the system: Arrow's allocator and the C heap.

pandas keeps strings in Arrow buffers, and Arrow's default allocator (mimalloc) keeps what is
freed for reuse: after the analysis results of 100k articles were read, the process held 1.35 GB
of which 0.5 GB was free. With the C library's allocator, reading them was faster (3.7 s against
5.2 s) and peaked lower (1.31 GB against 1.59 GB), and ``release`` returns the free part (22 ms).
"""
from __future__ import annotations

import pyarrow as pa


def use_system_allocator() -> None:
    """Make Arrow allocate with the C library (set once, before large frames are built)."""
    if pa.default_memory_pool().backend_name != "system":
        pa.set_memory_pool(pa.system_memory_pool())


def release() -> None:
    """Give freed heap memory back to the system (malloc_trim through Arrow's system pool)."""
    pa.default_memory_pool().release_unused()
