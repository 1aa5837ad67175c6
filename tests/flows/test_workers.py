"""Worker processes for the CPU-bound offline steps: same results, other processes, and
a dead worker costs time, not results."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from flows import workers
from tests.flows.conftest import BATCH_SIZE, snapshot


def _pid(_: int) -> int:
    return os.getpid()


def _die_in_a_worker(item: tuple[int, int]) -> int:
    parent, x = item
    if os.getpid() != parent:
        os._exit(1)
    return x * 2


def test_map_runs_in_worker_processes_only_while_a_pool_runs() -> None:
    assert set(workers.map(_pid, range(4))) == {os.getpid()}
    with workers.running(2):
        pids = set(workers.map(_pid, range(40)))
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    assert set(workers.map(_pid, range(4))) == {os.getpid()}


def test_two_runs_in_one_process_share_the_pool_until_the_last_ends() -> None:
    with workers.running(2):
        with workers.running(2):
            pass
        assert os.getpid() not in set(workers.map(_pid, range(4)))  # still running
    assert set(workers.map(_pid, range(4))) == {os.getpid()}


def test_one_worker_means_no_pool() -> None:
    with workers.running(1):
        assert set(workers.map(_pid, range(4))) == {os.getpid()}


def test_a_dead_worker_costs_time_not_results() -> None:
    items = [(os.getpid(), x) for x in range(6)]
    with workers.running(2):
        assert workers.map(_die_in_a_worker, items) == [0, 2, 4, 6, 8, 10]
        # The broken pool is given up for the rest of the block: work runs in place.
        assert set(workers.map(_pid, range(3))) == {os.getpid()}


def test_small_runs_do_not_start_workers() -> None:
    assert not workers.worth_it(2, 2 * workers.MIN_ITEMS_PER_WORKER - 1)
    assert workers.worth_it(2, 2 * workers.MIN_ITEMS_PER_WORKER)
    assert not workers.worth_it(1, 10_000)


def test_a_run_in_worker_processes_stores_what_a_run_in_one_process_does(
    corpus: Path,
    clean_run: dict[str, Any],
    prefect_api: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flows.pipeline import pipeline

    in_pool: list[bool] = []
    real_map = workers.map

    def watched_map(*args: Any, **kwargs: Any) -> Any:
        in_pool.append(workers._pool is not None and not workers._broken)
        return real_map(*args, **kwargs)

    monkeypatch.setattr(workers, "map", watched_map)
    monkeypatch.setattr(workers, "MIN_ITEMS_PER_WORKER", 1)  # the corpus is small
    monkeypatch.setenv("CROSSCHECK_WORKERS", "2")
    monkeypatch.setenv("CROSSCHECK_BATCH_SIZE", str(BATCH_SIZE))
    db = tmp_path / "pool.duckdb"
    summary = pipeline(paths=[str(corpus)], extractor="rules", db=str(db))
    assert summary.status == "completed"
    assert in_pool and all(in_pool)  # files were read and claims extracted in the pool
    assert snapshot(db) == clean_run
