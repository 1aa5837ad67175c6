"""Worker processes for the CPU-bound offline steps: reading files and the rules
extractor.

Python threads share one interpreter lock, so on the thread task runner the offline
steps used one core however many tasks ran at once. A process pool gets the others.
Processes are spawned, not forked: forking a process that runs Prefect's threads can
copy a held lock into the child. The LLM extractor waits on the network, not the CPU,
and stays on threads.

The flow starts the pool (`running`) only when there is enough work to pay for it:
each worker takes a second or two to start and load jieba's dictionary. Tasks call
`map`, which runs in the pool when one is running in this process and in place
otherwise (a Dask or Ray worker, a small run, CROSSCHECK_WORKERS=1). Nothing here
imports Prefect, so a worker starts with only what the work needs.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items per worker, starting the workers costs more than they save.
MIN_ITEMS_PER_WORKER = 25

log = logging.getLogger("crosscheck.workers")
_pool: ProcessPoolExecutor | None = None


def worth_it(workers: int, items: int) -> bool:
    return workers > 1 and items >= workers * MIN_ITEMS_PER_WORKER


@contextmanager
def running(workers: int) -> Iterator[None]:
    """A pool of `workers` processes for `map` in this process until the block ends
    (none when `workers` is 1)."""
    global _pool
    if workers <= 1 or _pool is not None:  # a nested run shares its caller's pool
        yield
        return
    pool = _pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield
    finally:
        _pool = None
        pool.shutdown(cancel_futures=True)


def map(fn: Callable[[T], R], items: Iterable[T], chunksize: int = 1) -> list[R]:
    """[fn(x) for x in items], in worker processes when a pool is running. `fn` and the
    items must pickle. A pool whose worker died is given up for the rest of the run and
    its work is done here, so a crashed worker costs time, not results."""
    global _pool
    items = list(items)
    pool = _pool
    if pool is not None:
        try:
            return list(pool.map(fn, items, chunksize=chunksize))
        except BrokenProcessPool as exc:
            log.warning("a worker process died (%s); continuing in this process", exc)
            if _pool is pool:
                _pool = None
    return [fn(x) for x in items]
