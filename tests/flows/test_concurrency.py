"""Concurrent use of the warehouse file. DuckDB lets no second process open a file
that a writer holds (not even read-only), and no writer open one that readers hold.
So a run must wait for a user's query and go on, a user's query must wait for a run,
two runs at once must both finish, and whoever gives up says who holds the file."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.app import app
from tests.flows.conftest import WAIT_S, holding_the_file, run_command, snapshot, stored_articles
from warehouse.db import WarehouseBusy, connect, session

BATCH_SIZE = "8"

HOLD_AS_WRITER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
sys.stdin.read()  # until the test closes our stdin
"""

# A user querying the warehouse over and over, the way `crosscheck sql` does: open
# read-only (waiting while a run writes), query, look at the result a while, close. The
# file is held three quarters of the time, so the run's ten or so openings cannot all
# fall in the gaps (each waiter backs off with jitter, so a shorter hold let them); the
# hold and the gap vary, so the run's openings cannot fall into step with them.
QUERY_IN_A_LOOP = """
import random, sys, time
from pathlib import Path
from warehouse.db import session
db, counter = sys.argv[1], Path(sys.argv[2])
n = 0
while True:
    with session(db, read_only=True) as con:
        con.execute("SELECT count(*) FROM claims_v JOIN articles_v USING (article_id)").fetchall()
        time.sleep(random.uniform(0.2, 0.4))
    n += 1
    counter.write_text(str(n))
    time.sleep(random.uniform(0.05, 0.15))
"""


def _wait_until(what: str, check: Any) -> None:
    deadline = time.monotonic() + WAIT_S
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def test_a_held_file_makes_the_waiting_side_name_the_holder(
    db_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    connect(db_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_AS_WRITER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"holding\n"
        with (
            caplog.at_level(logging.WARNING, logger="crosscheck.warehouse"),
            pytest.raises(WarehouseBusy, match=rf"in use by another process, PID {holder.pid}"),
        ):
            connect(db_path, read_only=True, wait=0.5)
        assert f"PID {holder.pid}" in caplog.text and "waiting up to" in caplog.text

        monkeypatch.setenv("CROSSCHECK_LOCK_WAIT", "0.5")
        result = CliRunner().invoke(app, ["sql", "SELECT 1", "--db", str(db_path)])
        assert result.exit_code == 1
        assert f"PID {holder.pid}" in " ".join(result.output.split())
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(WAIT_S)
    connect(db_path, read_only=True, wait=0).close()  # released: no wait needed


def test_a_run_completes_while_a_user_queries_in_a_loop(
    corpus: Path,
    clean_run: dict[str, Any],
    prefect_api: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flows.pipeline import pipeline

    db, counter = tmp_path / "w.duckdb", tmp_path / "reads"
    connect(db).close()
    reader = subprocess.Popen([sys.executable, "-c", QUERY_IN_A_LOOP, str(db), str(counter)])
    try:
        _wait_until("the first query", counter.exists)
        monkeypatch.setenv("CROSSCHECK_BATCH_SIZE", BATCH_SIZE)
        # caplog's handler on the logger itself: Prefect's logging setup, run by whichever
        # test first starts a flow, can leave the root logger without it.
        warehouse_log = logging.getLogger("crosscheck.warehouse")
        warehouse_log.addHandler(caplog.handler)
        try:
            with caplog.at_level(logging.INFO, logger="crosscheck.warehouse"):
                reads_before = int(counter.read_text())
                summary = pipeline(paths=[str(corpus)], extractor="rules", db=str(db))
                reads_after = int(counter.read_text())
        finally:
            warehouse_log.removeHandler(caplog.handler)
        assert reader.poll() is None, "the user's query loop crashed"
    finally:
        reader.kill()
        reader.wait(WAIT_S)
    assert summary.status == "completed"
    assert reads_after > reads_before  # the user kept querying while the run wrote
    assert "waiting up to" in caplog.text  # and the run really had to wait for them
    assert snapshot(db) == clean_run


def test_two_runs_at_once_both_complete_and_store_everything_once(
    corpus: Path, clean_run: dict[str, Any], flow_env: dict[str, str], tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    env = flow_env | {"CROSSCHECK_BATCH_SIZE": BATCH_SIZE}
    logs = [tmp_path / "first.log", tmp_path / "second.log"]

    def start(log: Path) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            return subprocess.Popen(
                run_command(corpus, db),
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    first = start(logs[0])
    # Freeze the first run after its first batch, start the second, and let both go
    # once the second is waiting for the file too: they cannot help but overlap.
    with holding_the_file(db, lambda con: stored_articles(con) > 0, first):
        second = start(logs[1])
        _wait_until(
            "the second run to wait for the file",
            lambda: "in use by another process" in " ".join(logs[1].read_text().split()),
        )
    for run, log in zip((first, second), logs, strict=True):
        assert run.wait(WAIT_S) == 0, log.read_text()[-3000:]
    assert snapshot(db) == clean_run
    with session(db, read_only=True) as con:
        statuses = [r[0] for r in con.execute("SELECT status FROM runs").fetchall()]
    assert statuses == ["completed", "completed"]
