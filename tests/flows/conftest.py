"""Fixtures for flows against a REAL Prefect server: one `prefect server start` on
127.0.0.1 for the whole session (it costs 10-20 s), a generated corpus, and the
counts of one clean run over it that interrupted and concurrent runs must match.

In-process flows reach the server through `prefect_api` (a temporary PREFECT_API_URL);
subprocesses get it through `flow_env`. Both skip Prefect's temporary server.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.conftest import ROOT
from warehouse.db import WarehouseBusy, connect, session

WAIT_S = 240  # guards against a hang (a server, a run, a file); nothing asserts durations
TABLES = (
    "articles",
    "chunks",
    "extractions",
    "failed_chunks",
    "claims",
    "quantities",
    "contradictions",
)
OUTLETS = ["新华社", "路透社", "第一财经", "凤凰网", "华尔街日报", "澎湃新闻"]
HEADCOUNTS = ["数百名", "七八百名", "上百名", "约300名", "1000多名", "两千名"]
N_ARTICLES = 24
BATCH_SIZE = 2  # many small batches, so a run can be caught between two of them


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def _flush_logs_to(url: str) -> None:
    """Send the run logs still queued for `url` before it stops, so the session does
    not end with Prefect failing to reach a server that is gone."""
    from prefect.logging.handlers import APILogHandler
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: url}):
        APILogHandler().flush()


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The API URL of a `prefect server start` subprocess, stopped (SIGTERM) at the end."""
    home = tmp_path_factory.mktemp("prefect-server")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env |= {"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    log = (home / "server.log").open("wb")
    command = [sys.executable, "-m", "prefect", "server", "start", "--no-ui"]
    proc = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + WAIT_S
    try:
        while not _healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"prefect server did not start: {(home / 'server.log').read_text()[-2000:]}"
                )
            time.sleep(0.3)
        yield url
    finally:
        try:
            _flush_logs_to(url)
        finally:  # whatever happens, never leave a server behind
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            log.close()


@pytest.fixture
def prefect_api(prefect_server: str) -> Iterator[str]:
    """Flows run in this process report to the real server while the test runs."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: prefect_server}):
        yield prefect_server


@pytest.fixture(scope="session")
def flow_env(prefect_server: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for a subprocess that runs flows against the real server."""
    return {
        **os.environ,
        "PREFECT_API_URL": prefect_server,
        "PREFECT_HOME": str(tmp_path_factory.mktemp("prefect-client")),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "CROSSCHECK_BATCH_SIZE": str(BATCH_SIZE),
        "PYTHONPATH": str(ROOT),
    }


def run_command(corpus: Path, db: Path) -> list[str]:
    """`crosscheck run` over the corpus, offline, for a subprocess."""
    return [sys.executable, "-m", "flows", "run", str(corpus), "--db", str(db), "--extractor=rules"]


def write_corpus(folder: Path, n: int = N_ARTICLES) -> Path:
    """`n` short news items that disagree on one headcount, each with its own text."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        outlet, count = OUTLETS[i % len(OUTLETS)], HEADCOUNTS[(i // len(OUTLETS)) % 6]
        (folder / f"item{i:03d}.txt").write_text(
            f"微软将迁移中国AI团队员工\n\n{outlet}5月{1 + i % 28}日报道，微软已要求中国区"
            f"云计算和人工智能团队的{count}员工考虑迁往美国、爱尔兰等地。\n"
            "微软相关人士表示，这是给部分员工的一个可选的内部调动机会。\n"
            f"据{outlet}报道，微软在中国约有7000名工程师。\n（稿件编号 {i}）\n",
            encoding="utf-8",
        )
    return folder


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news")


def snapshot(db: Path) -> dict[str, Any]:
    """Row counts of every content table, and the keys of claims and contradictions."""
    with session(db, read_only=True) as con:
        out: dict[str, Any] = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
            for t in TABLES
        }
        for table, key in (("claims", "claim_id"), ("contradictions", "contradiction_id")):
            out[f"{table} keys"] = {
                r[0] for r in con.execute(f"SELECT {key} FROM {table}").fetchall()
            }
    return out


@pytest.fixture(scope="session")
def clean_run(
    corpus: Path, prefect_server: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """What one uninterrupted run over the corpus stores."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.pipeline import pipeline

    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    with (
        temporary_settings(updates={PREFECT_API_URL: prefect_server}),
        pytest.MonkeyPatch.context() as mp,
    ):
        mp.setenv("CROSSCHECK_BATCH_SIZE", str(BATCH_SIZE))
        summary = pipeline(paths=[str(corpus)], extractor="rules", db=str(db))
    assert summary.status == "completed"
    shot = snapshot(db)
    assert shot["articles"] == N_ARTICLES and shot["contradictions"] > 0
    return shot


def stored_articles(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT count(*) FROM extractions").fetchone()[0])  # type: ignore[index]


@contextmanager
def holding_the_file(
    db: Path, ready: Callable[[duckdb.DuckDBPyConnection], bool], run: subprocess.Popen[bytes]
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Poll `db` read-only until `ready(con)`, then keep that connection open for the
    with-block: while it is open no process can write the file, so a run being watched
    is frozen between two writes, wherever it is."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if run.poll() is not None:
            raise AssertionError(
                f"the run ended (exit {run.returncode}) before the test could hold it"
            )
        try:
            con = connect(db, read_only=True, wait=0.05)
        except (FileNotFoundError, WarehouseBusy, duckdb.IOException):
            time.sleep(0.02)  # not there yet, half-created, or being written
            continue
        try:
            if ready(con):
                yield con
                return
        finally:
            con.close()
        time.sleep(0.02)
    raise AssertionError("the run never reached the point the test waits for")
