"""Benchmarks: ``python -m bench`` (``make bench``) runs them all and prints their tables."""
