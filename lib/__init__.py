"""Framescope's library: loading, text analysis, charts. Pure Python and pandas; never Streamlit."""
from lib import memory as _memory

_memory.use_system_allocator()  # see lib.memory: for every entry point (dashboard, CLI, benchmarks)
