"""Scale-out: the same pipeline flow on a Dask task runner (prefect-dask, a LocalCluster
of worker processes) gives the same warehouse as the default thread runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS
from warehouse.db import session

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _counts(db: Path) -> tuple[int, int, int]:
    with session(db, read_only=True) as con:
        row = con.execute(
            "SELECT (SELECT count(*) FROM claims_v), (SELECT count(*) FROM quantities_v),"
            " (SELECT count(*) FROM contradictions_v)"
        ).fetchone()
    assert row is not None
    return row


def test_pipeline_on_a_dask_local_cluster(seeded_db: Path, tmp_path: Path) -> None:
    from distributed import Client, LocalCluster
    from prefect_dask import DaskTaskRunner

    from flows.pipeline import pipeline

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        runner = DaskTaskRunner(address=cluster.scheduler_address)
        db = tmp_path / "dask.duckdb"
        summary = pipeline.with_options(task_runner=runner)(
            paths=[str(SEEDS)], extractor="rules", db=str(db)
        )
        with Client(cluster) as client:
            ran = client.run_on_scheduler(lambda dask_scheduler: set(dask_scheduler.task_prefixes))
    assert summary.status == "completed"
    assert {"chunk", "extract", "ground", "normalize"} <= ran
    assert _counts(db) == _counts(seeded_db)
