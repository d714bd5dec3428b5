"""Python's cyclic garbage collector, asked to run less often while reportkit makes a document.

A report makes a few hundred thousand objects and keeps most of them until its files are written; with
Python's defaults the collector walks them again and again. Where and why each caller raises the thresholds
is said at the call; the thresholds are always put back after.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def fewer_collections(*, young: int = 0, full: int = 0) -> Iterator[None]:
    """At least ``young`` allocations between collections of the young objects, at least ``full`` of those
    between full collections (0: as they are), for the ``with`` block; young objects are still collected, so
    memory does not grow."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], young), thresholds[1], max(thresholds[2], full))
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
