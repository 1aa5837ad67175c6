"""Opening the warehouse: one file, migrations applied once, views re-created.

DuckDB lets one process write a file at a time, and a second process cannot even open
it read-only while a writer holds it (readers can share it with each other). So
connections are short-lived, and opening retries on the lock for a bounded time
(CROSSCHECK_LOCK_WAIT seconds, default 60): the waiting side logs once who holds the
file, and fails with WarehouseBusy naming the holder if it never gets it.

DuckDB may use CROSSCHECK_DUCKDB_MEMORY (default 512MB) and spills past it to a
temporary folder beside the file; under its own default (80 % of the machine) compare
on the 10 000-article corpus peaked at 1.9 GB, with 512MB at 1.2 GB, in the same time.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from tenacity import (
    RetryCallState,
    retry,
    retry_if_exception_type,
    stop_after_delay,
    wait_exponential,
    wait_random,
)

from models.errors import TransientError

HERE = Path(__file__).parent
SCHEMA_DIR = HERE / "schema"
VIEWS_DIR = HERE / "views"
_MIGRATION = re.compile(r"^(\d{3})_[\w-]+\.sql$")
LOCK_WAIT_SECONDS = 60.0
MEMORY_LIMIT = "512MB"
_SIZE = re.compile(r"^\d+(\.\d+)?\s*[KMGT]i?B$", re.IGNORECASE)
_HOLDER = re.compile(r"Conflicting lock is held in (?P<exe>.+?) \(PID (?P<pid>\d+)\)")
log = logging.getLogger("crosscheck.warehouse")


class WarehouseLocked(TransientError):
    """One attempt to open the file found it locked by another process (retried)."""


class WarehouseBusy(TransientError, RuntimeError):
    """The database file is held by another process for longer than we wait."""


def lock_wait_seconds() -> float:
    """How long to wait for a locked file: $CROSSCHECK_LOCK_WAIT, else 60 s."""
    raw = os.environ.get("CROSSCHECK_LOCK_WAIT", "").strip()
    if not raw:
        return LOCK_WAIT_SECONDS
    try:
        return max(0.0, float(raw))
    except ValueError:
        raise ValueError(f"CROSSCHECK_LOCK_WAIT must be a number of seconds, not {raw!r}") from None


def memory_limit() -> str:
    """DuckDB's memory limit: $CROSSCHECK_DUCKDB_MEMORY (e.g. 2GB), else 512MB."""
    raw = os.environ.get("CROSSCHECK_DUCKDB_MEMORY", "").strip()
    if not raw:
        return MEMORY_LIMIT
    if not _SIZE.match(raw):
        raise ValueError(f"CROSSCHECK_DUCKDB_MEMORY must be a size such as 2GB, not {raw!r}")
    return raw


def _is_lock_error(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def lock_holder(exc: BaseException) -> str:
    """Who holds the file, from DuckDB's lock error: "PID 123 (python3.11)"."""
    m = _HOLDER.search(str(exc))
    if not m:
        return "holder unknown"
    return f"PID {m['pid']} ({Path(m['exe']).name})"


def _open(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    started = time.monotonic()

    def say_waiting(state: RetryCallState) -> None:
        if state.attempt_number == 1 and state.outcome is not None:
            holder = lock_holder(state.outcome.exception() or RuntimeError())
            log.warning(
                "%s is in use by another process, %s; waiting up to %.0fs for it",
                path,
                holder,
                wait,
            )

    @retry(
        retry=retry_if_exception_type(WarehouseLocked),
        stop=stop_after_delay(wait),
        # jitter, so a writer and a reader polling in step do not keep missing each other
        wait=wait_exponential(multiplier=0.05, max=1.0) + wait_random(0, 0.1),
        before_sleep=say_waiting,
        reraise=True,
    )
    def attempt() -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if _is_lock_error(exc):
                raise WarehouseLocked(str(exc)) from exc
            raise

    try:
        con = attempt()
    except WarehouseLocked as exc:
        raise WarehouseBusy(
            f"{path} is in use by another process, {lock_holder(exc)} (a running "
            f"pipeline, `crosscheck sql` or another DuckDB session); waited {wait:.0f}s. "
            "Close that session or try again when it finishes; CROSSCHECK_LOCK_WAIT "
            "sets how long to wait."
        ) from exc.__cause__
    waited = time.monotonic() - started
    if waited > 1.0:
        log.info("%s: got the warehouse file after waiting %.1fs", path, waited)
    return con


def connect(
    path: str | Path, read_only: bool = False, wait: float | None = None
) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse at `path` (":memory:" for a throwaway one),
    migrated to the current schema unless read-only. Waits up to `wait` seconds
    (default: lock_wait_seconds()) while another process holds the file."""
    path = str(path)
    if path != ":memory:":
        if read_only and not Path(path).exists():
            raise FileNotFoundError(f"no warehouse at {path}: run `crosscheck run` first")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only, lock_wait_seconds() if wait is None else wait)
    con.execute(f"SET memory_limit = '{memory_limit()}'")
    if not read_only:
        _migrate_once(con, path)
    return con


# Connections to one file in one process share its catalog: two threads re-creating
# the views at once conflict. So each process migrates each file once, under a lock.
_migrated: set[tuple[str, int]] = set()
_migrate_lock = threading.Lock()


def _migrate_once(con: duckdb.DuckDBPyConnection, path: str) -> None:
    if path == ":memory:":  # a new database every time
        migrate(con)
        return
    key = (str(Path(path).resolve()), Path(path).stat().st_ino)
    with _migrate_lock:
        if key not in _migrated:
            migrate(con)
            _migrated.add(key)


@contextmanager
def session(path: str | Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection closed on exit, so the file lock is held as briefly as possible."""
    con = connect(path, read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the schema/NNN_*.sql files not yet recorded, in order, each in its own
    transaction; then re-create every view. Returns the names applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    done = {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for path in sorted(SCHEMA_DIR.glob("*.sql")):
        m = _MIGRATION.match(path.name)
        if not m or int(m.group(1)) in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                [int(m.group(1)), path.name],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(path.name)
    for path in sorted(VIEWS_DIR.glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))
    return applied
