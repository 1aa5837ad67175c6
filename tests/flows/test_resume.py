"""A run killed with SIGKILL halfway is resumed by the next run: the articles it
finished are not redone, nothing is duplicated, and the warehouse ends up exactly as
after one clean run.

To kill the run at a known point without racing it, the test polls the warehouse
read-only; once some articles are stored it keeps its read connection open (so the
run cannot write anything more) and kills the run while it waits for the file."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path
from typing import Any

from tests.flows.conftest import (
    N_ARTICLES,
    WAIT_S,
    holding_the_file,
    run_command,
    snapshot,
    stored_articles,
)
from warehouse.db import session


def test_a_killed_run_is_resumed_without_redoing_or_duplicating(
    corpus: Path,
    clean_run: dict[str, Any],
    flow_env: dict[str, str],
    prefect_api: str,
    tmp_path: Path,
) -> None:
    from flows.pipeline import pipeline

    db = tmp_path / "w.duckdb"
    run = subprocess.Popen(
        run_command(corpus, db),
        env=flow_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with holding_the_file(db, lambda con: stored_articles(con) > 0, run) as con:
        stored = stored_articles(con)
        run.send_signal(signal.SIGKILL)
        run.wait(WAIT_S)
    assert run.returncode == -signal.SIGKILL
    assert 0 < stored < N_ARTICLES

    with session(db, read_only=True) as con:
        (killed_run,) = con.execute("SELECT run_id FROM runs WHERE status = 'running'").fetchone()  # type: ignore[misc]
        finished = dict(con.execute("SELECT article_id, run_id FROM extractions").fetchall())
    assert set(finished.values()) == {killed_run}

    summary = pipeline(paths=[str(corpus)], extractor="rules", db=str(db))
    assert summary.status == "completed"
    assert summary.n_articles == N_ARTICLES and summary.n_skipped == stored

    assert snapshot(db) == clean_run
    with session(db, read_only=True) as con:
        after = dict(con.execute("SELECT article_id, run_id FROM extractions").fetchall())
    assert {a: after[a] for a in finished} == finished  # finished articles not redone
    assert set(after.values()) == {killed_run, summary.run_id}
