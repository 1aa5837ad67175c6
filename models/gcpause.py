"""Pausing the cyclic garbage collector while many small acyclic objects are built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic collector off inside the block, as it was on leaving it. Hundreds of
    thousands of claims, facts and results are acyclic: refcounting frees them, and
    the collector would walk them again and again (superlinear at 1M claims) and find
    nothing to free."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
