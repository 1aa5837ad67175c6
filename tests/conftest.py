"""Shared fixtures: a guard that fails any test reaching beyond this machine, a fresh
DuckDB per test, and one Prefect test harness for the whole session."""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
# Never pick up a developer's endpoint or key; only `live` tests get them back (LIVE_ENV).
LIVE_ENV = {v: os.environ[v] for v in ("OPENAI_API_KEY", "OPENAI_BASE_URL") if v in os.environ}
for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CROSSCHECK_EXTRACTOR", "CROSSCHECK_DB"):
    os.environ.pop(var, None)
# Pipeline runs in tests write their HTML report here, not into the work tree.
os.environ["CROSSCHECK_REPORT"] = str(Path(tempfile.mkdtemp(prefix="crosscheck-")) / "index.html")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_real_connect = socket.socket.connect


def _is_local(address: object) -> bool:
    if not isinstance(address, tuple):
        return True  # unix sockets
    host = str(address[0])
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_local(address):
        raise RuntimeError(f"test tried to reach {address}: tests never leave this machine")
    return _real_connect(self, address)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    if "live" not in request.keywords:
        monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> Path:
    """A warehouse filled by one offline pipeline run on seeds/ (shared: read, don't write)."""
    from flows.pipeline import pipeline

    db = tmp_path_factory.mktemp("wh") / "seeds.duckdb"
    summary = pipeline(paths=[str(SEEDS)], extractor="rules", db=str(db))
    assert summary.status == "completed"
    return db


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for the session (starting one costs 15-18 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield
