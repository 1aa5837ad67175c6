"""Stopping a run: `crosscheck run` in a subprocess, against a stub LLM on 127.0.0.1
that stops answering once the first batch is stored, gets SIGINT or SIGTERM while a
request is out. The run
must store what it finished, mark its runs row `interrupted`, leave no child process
(Prefect's temporary server: no PREFECT_API_URL here) and exit 130 / 143; the next run
finishes the rest. No durations are asserted: conditions are polled with a bound."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil
import pytest

from tests.conftest import ROOT
from tests.flows.conftest import WAIT_S, stored_articles, write_corpus
from tests.stub_openai import StubOpenAI, rules_answer
from warehouse.db import session

N = 12  # articles, one chunk each; batches of 2


class Gate:
    """Answers like the stub's default the first `open_for` times; then holds each
    request until released (a model that has become very slow), and says one came."""

    def __init__(self, open_for: int) -> None:
        self.open_for = open_for
        self.held = threading.Event()
        self.released = threading.Event()
        self._lock = threading.Lock()

    def answer(self, text: str) -> list[dict[str, Any]]:
        with self._lock:
            self.open_for -= 1
            closed = self.open_for < 0
        if closed and not self.released.is_set():
            self.held.set()
            self.released.wait(WAIT_S)
        return rules_answer(text)


def _env(stub: StubOpenAI, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    return env | {
        "PREFECT_HOME": str(home),  # its own temporary server, started by Prefect
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": str(WAIT_S),
        "PYTHONPATH": str(ROOT),
        "OPENAI_BASE_URL": stub.base_url,
        "CROSSCHECK_MODEL": "stub-model",
        "CROSSCHECK_MAX_CONCURRENCY": "1",
        "CROSSCHECK_BATCH_SIZE": "2",
        # One batch at a time: the second's request comes once the first is stored.
        "CROSSCHECK_BATCHES_IN_FLIGHT": "1",
        "CROSSCHECK_JUDGE": "off",
        "CROSSCHECK_LLM_TIMEOUT": str(WAIT_S),
        "CROSSCHECK_WORKERS": "1",
        "COLUMNS": "200",
    }


def _command(corpus: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "flows",
        "run",
        str(corpus),
        "--db",
        str(db),
        "--extractor=openai",
    ]


def _gone(pids: list[int]) -> bool:
    return not any(
        psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE for p in pids
    )


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stores_the_finished_batches_and_the_next_run_does_the_rest(
    sig: signal.Signals, code: int, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "news", N)
    db = tmp_path / "run.duckdb"
    gate = Gate(open_for=2)  # the first batch: 2 articles, one chunk (one request) each
    with StubOpenAI(answer=gate.answer) as stub:
        env = _env(stub, tmp_path / "prefect")
        out = (tmp_path / "out.txt").open("w+b")
        run = subprocess.Popen(_command(corpus, db), env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            while not gate.held.wait(0.1):  # the first batch is stored, a request is out
                assert run.poll() is None, "the run ended before a request was held"
            children = [p.pid for p in psutil.Process(run.pid).children(recursive=True)]
            assert children, "Prefect's temporary server should be a child of the run"
            run.send_signal(sig)
            assert run.wait(WAIT_S) == code
        finally:
            gate.released.set()
            if run.poll() is None:
                run.kill()
                run.wait()
        out.seek(0)
        text = " ".join(out.read().decode("utf-8", "replace").split())
        assert "Traceback" not in text, text
        assert "interrupted: run" in text and "the next run over the same files does" in text

        deadline = time.monotonic() + WAIT_S
        while not _gone(children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _gone(children), "a child process of the run outlived it"

        with session(db, read_only=True) as con:
            status, n_claims = con.execute("SELECT status, n_claims FROM runs_v").fetchone()  # type: ignore[misc]
            stored = stored_articles(con)
            claims = con.execute(
                "SELECT count(*) FROM claims WHERE article_id IN"
                " (SELECT article_id FROM extractions)"
            ).fetchone()[0]  # type: ignore[index]
        assert status == "interrupted"
        assert stored == 2
        assert claims > 0 and n_claims == claims  # the finished batches' claims are stored

        again = subprocess.run(
            _command(corpus, db), env=env, capture_output=True, timeout=WAIT_S, check=False
        )
        assert again.returncode == 0, again.stdout.decode()[-3000:]
    with session(db, read_only=True) as con:
        rows = con.execute("SELECT status FROM runs_v ORDER BY started_at").fetchall()
        statuses = [r[0] for r in rows]
        assert stored_articles(con) == N
    assert statuses == ["interrupted", "completed"]
