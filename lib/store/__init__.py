"""Everything Framescope keeps on disk, and the one way it writes a file.

``atomic`` is the only temp-file-then-rename in the code base: whole files (``atomic_write``,
``create_new``) and whole folders (``publish_folder``). On top of it: ``batches`` (the analysis
store of per-article results, and where the cache folder is), ``derived`` (corpus-level tables
keyed by what they were computed from), ``parsed`` (parsed files, so a restart does not read
every file again), ``texts`` (article texts by id, out of the Python heap) and ``stories``
(story assignments kept between runs). Nothing here analyses text: callers pass what to store.
"""
from lib.store.atomic import (ChangedSinceLoaded, ReadOnlyError, atomic_write, create_new, publish_folder, read_only,
                              require_writable, save_if_unchanged, version)
from lib.store.batches import Store, cache_folder

__all__ = ["ChangedSinceLoaded", "ReadOnlyError", "Store", "atomic_write", "cache_folder", "create_new", "publish_folder",
           "read_only", "require_writable", "save_if_unchanged", "version"]
