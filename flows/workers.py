"""Worker processes for the CPU-bound offline steps: reading files, the rules
extractor and normalization.

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
import threading
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
_users = 0  # blocks of `running` using _pool: two runs in one process share it
_broken = False  # a worker died: the rest of the work runs in place
_lock = threading.Lock()


def worth_it(workers: int, items: int) -> bool:
    return workers > 1 and items >= workers * MIN_ITEMS_PER_WORKER


@contextmanager
def running(workers: int) -> Iterator[None]:
    """A pool of `workers` processes for `map` in this process until the block ends
    (none when `workers` is 1). A run that starts while another's pool is running uses
    that one; the last to finish shuts it down."""
    global _pool, _users, _broken
    if workers <= 1:
        yield
        return
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            pool = _pool if _users == 0 else None
            if pool is not None:
                _pool, _broken = None, False
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def map(fn: Callable[[T], R], items: Iterable[T], chunksize: int = 1) -> list[R]:
    """[fn(x) for x in items], in worker processes when a pool is running. `fn` and the
    items must pickle. A pool whose worker died is given up for the rest of the run and
    its work is done here, so a crashed worker costs time, not results."""
    global _broken
    items = list(items)
    pool = _pool
    if pool is not None and not _broken:
        try:
            return list(pool.map(fn, items, chunksize=chunksize))
        except BrokenProcessPool as exc:
            log.warning("a worker process died (%s); continuing in this process", exc)
            _broken = True
    return [fn(x) for x in items]
