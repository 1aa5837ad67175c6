"""Opening the warehouse: one file, migrations applied once, views re-created.

DuckDB lets one process write a file at a time, and a second process cannot even open
it read-only while a writer holds it. So connections are short-lived, and opening
retries on the lock for a bounded time before failing with a message that says who
to wait for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from tenacity import retry, retry_if_exception, stop_after_delay, wait_exponential

HERE = Path(__file__).parent
SCHEMA_DIR = HERE / "schema"
VIEWS_DIR = HERE / "views"
_MIGRATION = re.compile(r"^(\d{3})_[\w-]+\.sql$")
LOCK_WAIT_SECONDS = 30.0


class WarehouseBusy(RuntimeError):
    """The database file is held by another process for longer than we wait."""


def _is_lock_error(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def _open(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    @retry(
        retry=retry_if_exception(_is_lock_error),
        stop=stop_after_delay(wait),
        wait=wait_exponential(multiplier=0.05, max=1.0),
        reraise=True,
    )
    def attempt() -> duckdb.DuckDBPyConnection:
        return duckdb.connect(path, read_only=read_only)

    try:
        return attempt()
    except duckdb.IOException as exc:
        if _is_lock_error(exc):
            raise WarehouseBusy(
                f"{path} is in use by another process (a running pipeline or an open SQL "
                f"session); waited {wait:.0f}s. Close it or try again when it finishes."
            ) from exc
        raise


def connect(
    path: str | Path, read_only: bool = False, wait: float = LOCK_WAIT_SECONDS
) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse at `path` (":memory:" for a throwaway one),
    migrated to the current schema unless read-only."""
    path = str(path)
    if path != ":memory:":
        if read_only and not Path(path).exists():
            raise FileNotFoundError(f"no warehouse at {path}: run `crosscheck run` first")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only, wait)
    if not read_only:
        migrate(con)
    return con


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
