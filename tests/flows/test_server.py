"""The Prefect side against a REAL local server (`prefect server start`): what a run
shows in the UI (name, tags, two artifacts), and `crosscheck serve` registering the
scheduled inbox deployment from prefect.yaml, running it, and stopping cleanly."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from uuid import UUID

from flows.deploy import read_deployments
from tests.conftest import ROOT, SEEDS
from warehouse.db import session

WAIT_S = 240  # guards against a hang; no test asserts how long anything takes


def _artifacts(flow_run_id: UUID) -> dict[str, Any]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
        )
    return {a.key: a for a in found}


def test_a_run_shows_what_it_processed_its_tags_and_two_artifacts(
    prefect_api: str, tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client

    from flows.pipeline import pipeline

    summary = pipeline(paths=[str(SEEDS)], extractor="rules", db=str(tmp_path / "w.duckdb"))
    assert summary.flow_run_id
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(UUID(summary.flow_run_id))
    assert run.state is not None and run.state.is_completed()
    assert "seeds/" in run.name and "rules" in run.name
    assert {"extractor:rules", "model:none"} <= set(run.tags)

    artifacts = _artifacts(run.id)
    assert {"new-contradictions", "run-summary"} <= set(artifacts)
    table = artifacts["new-contradictions"]
    rows = json.loads(table.data) if isinstance(table.data, str) else table.data
    assert table.type == "table" and len(rows) == summary.n_new_contradictions > 0
    assert any("七八百" in f"{r['value_a']}{r['value_b']}" for r in rows)
    text = artifacts["run-summary"].data
    assert artifacts["run-summary"].type == "markdown"
    for expected in (
        "| articles | 5 ",
        f"| claims | {summary.n_claims} |",
        "| chunks |",
        "| LLM calls | 0 ",
        "| estimated cost | $0 (no LLM calls) |",
        "| duration |",
    ):
        assert expected in text


def _serve(tmp_path: Path, flow_env: dict[str, str]) -> tuple[subprocess.Popen[bytes], Path]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("000_8c6d62a41cd7b5ba.txt", "001_f8e6f11c06b9a20a.txt", "sources.csv"):
        shutil.copy(SEEDS / name, inbox / name)
    (inbox / "empty.txt").write_text("")
    env = flow_env | {
        "CROSSCHECK_INBOX": str(inbox),
        "CROSSCHECK_DB": str(tmp_path / "w.duckdb"),
        "CROSSCHECK_EXTRACTOR": "rules",
        "PREFECT_RUNNER_POLL_FREQUENCY": "1",
    }
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows", "serve", "--limit", "1"],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return proc, tmp_path / "serve.log"


def _wait_for(what: str, check: Any, log: Path) -> Any:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"gave up waiting for {what}; serve log:\n{log.read_text()[-3000:]}")


def _run_and_wait(name: str, log: Path) -> Any:
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    started = run_deployment(name, timeout=0)

    def final() -> Any:
        with get_client(sync_client=True) as client:
            run = client.read_flow_run(started.id)
        return run if run.state is not None and run.state.is_final() else None

    return _wait_for(f"flow run {started.id} of {name}", final, log)


def test_serve_registers_the_scheduled_inbox_deployment_and_runs_only_new_files(
    prefect_api: str, flow_env: dict[str, str], tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client

    spec = {s.name: s for s in read_deployments(ROOT / "prefect.yaml")}["inbox"]
    proc, log = _serve(tmp_path, flow_env)
    try:

        def registered() -> Any:
            with get_client(sync_client=True) as client:
                try:
                    return client.read_deployment_by_name("crosscheck-inbox/inbox")
                except Exception:
                    return None

        deployment = _wait_for("the inbox deployment", registered, log)
        [schedule] = deployment.schedules
        assert schedule.active and spec.schedules[0].cron
        assert schedule.schedule.cron == spec.schedules[0].cron
        assert schedule.schedule.timezone == "UTC"
        assert set(spec.tags) <= set(deployment.tags)

        first = _run_and_wait("crosscheck-inbox/inbox", log)
        assert first.state.is_completed(), log.read_text()[-3000:]
        assert "3 files" in first.name
        assert "inbox-files" in _artifacts(first.id)
        with session(tmp_path / "w.duckdb", read_only=True) as con:
            ledger = dict(con.execute("SELECT path, status FROM inbox_v").fetchall())
            n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
        inbox = (tmp_path / "inbox").resolve()
        assert ledger == {
            str(inbox / "000_8c6d62a41cd7b5ba.txt"): "done",
            str(inbox / "001_f8e6f11c06b9a20a.txt"): "done",
            str(inbox / "empty.txt"): "failed",
        }
        assert n_articles == 2
        assert sorted(p.name for p in inbox.iterdir()) == [
            "000_8c6d62a41cd7b5ba.txt",
            "001_f8e6f11c06b9a20a.txt",
            "empty.txt",
            "sources.csv",
        ]

        second = _run_and_wait("crosscheck-inbox/inbox", log)
        assert second.state.is_completed() and "nothing new" in second.name
    finally:
        proc.send_signal(signal.SIGINT)  # what Ctrl-C sends
        try:
            code = proc.wait(WAIT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code == 0, log.read_text()[-3000:]
    with get_client(sync_client=True) as client:
        assert client.read_deployment_by_name("crosscheck-inbox/inbox").paused


def test_serve_refuses_clearly_without_a_server_or_with_an_unknown_deployment() -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings
    from typer.testing import CliRunner

    from cli.app import app

    unknown = CliRunner().invoke(app, ["serve", "nope"])
    assert unknown.exit_code == 1
    assert "no deployment named nope" in unknown.output and "inbox, seeds" in unknown.output
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}):
        down = CliRunner().invoke(app, ["serve"])
    assert down.exit_code == 1
    assert "http://127.0.0.1:9/api does not answer" in " ".join(down.output.split())
