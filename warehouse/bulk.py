"""The bulk-write engine every store module uses.

Rows go in as column lists through `INSERT … SELECT unnest($1), unnest($2), …` (far
faster than executemany: benchmarks/README.md). Keys are natural (content hashes), so writing the same
input twice leaves the same rows. Column lists are derived from the pydantic records
(model_columns), so each record's fields are written once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

import duckdb
from pydantic import BaseModel

OnConflict = Literal["nothing", "replace", "error"]
_types_cache: dict[str, dict[str, str]] = {}


def model_columns(model: type[BaseModel], exclude: Sequence[str] = ()) -> tuple[str, ...]:
    """The fields of `model` a table stores, in order: all but `exclude`."""
    return tuple(f for f in model.model_fields if f not in exclude)


def column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Column name → DuckDB type of `table` (cached: tables do not change in a process,
    temporary ones are re-read when made again by create_like)."""
    if table not in _types_cache:
        rows = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        _types_cache[table] = dict(rows)
    return _types_cache[table]


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN … COMMIT, rolled back if the block raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    on_conflict: OnConflict = "error",
) -> int:
    """Insert `rows` (tuples in `columns` order) in one statement."""
    if not rows:
        return 0
    types = column_types(con, table)
    select = ", ".join(f"unnest(${i + 1}::{types[c]}[])" for i, c in enumerate(columns))
    verb = {"nothing": "INSERT OR IGNORE", "replace": "INSERT OR REPLACE", "error": "INSERT"}[
        on_conflict
    ]
    params = [list(col) for col in zip(*rows, strict=True)]
    con.execute(f"{verb} INTO {table} ({', '.join(columns)}) SELECT {select}", params)
    return len(rows)


def create_like(
    con: duckdb.DuckDBPyConnection, name: str, table: str, columns: Sequence[str]
) -> None:
    """An empty temporary table `name` with these columns of `table`."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {', '.join(columns)} FROM {table} LIMIT 0"
    )
    _types_cache.pop(name, None)


_ROW, _ITEM = "\x1f", "\x1e"


def stage_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
) -> None:
    """insert_rows for many rows of text, numbers and text lists: each column goes in as
    one string split in SQL, which DuckDB takes several times faster than a Python list
    of values. Falls back to insert_rows when a value is NULL or holds a separator."""
    if not rows:
        return
    types = column_types(con, table)
    params, select = [], []
    for i, (col, values) in enumerate(zip(columns, zip(*rows, strict=True), strict=True)):
        if any(v is None for v in values):
            insert_rows(con, table, columns, rows)
            return
        if types[col].endswith("[]"):
            text = _ROW.join(_ITEM.join(v) for v in values)
            n_items = sum(max(len(v) - 1, 0) for v in values)
            ok = text.count(_ITEM) == n_items and all(x for v in values for x in v)
            expr = (
                f"list_filter(string_split(unnest(string_split(${i + 1}, chr(31))), chr(30)),"
                " lambda x: x <> '')"
            )
        else:
            text = _ROW.join(repr(v) if isinstance(v, float) else str(v) for v in values)
            ok = _ITEM not in text
            expr = f"CAST(unnest(string_split(${i + 1}, chr(31))) AS {types[col]})"
        if not ok or text.count(_ROW) != len(values) - 1:
            insert_rows(con, table, columns, rows)
            return
        params.append(text)
        select.append(expr)
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(select)}", params)


def staged(table: str) -> str:
    """The temporary table holding rows on their way into `table` (see merge_staged)."""
    return f"_staged_{table}"


def create_staged(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str]) -> None:
    """An empty staged(table), for stage_rows and then merge_staged."""
    create_like(con, staged(table), table, columns)


def merge_staged(
    con: duckdb.DuckDBPyConnection,
    table: str,
    key: str,
    columns: Sequence[str],
    scope: str = "true",
) -> tuple[int, int]:
    """Make `table` hold exactly the staged rows among those matching the SQL condition
    `scope`: rows already there keep the run that first found them; rows no longer found
    are removed (only inside `scope`: another detector's rows stay). Drops the staged
    table. Returns (staged rows, new ones). Removing the stale rows is a hash anti-join
    against the staged keys, not a scan of the new keys for every stored row."""
    name = staged(table)
    try:
        with transaction(con):
            con.execute(
                f"DELETE FROM {table} WHERE ({scope}) AND {key} NOT IN (SELECT {key} FROM {name})"
            )
            n, before = con.execute(  # rows found again (another detector's rows are not)
                f"SELECT (SELECT count(*) FROM {name}),"
                f" (SELECT count(*) FROM {table} WHERE {key} IN (SELECT {key} FROM {name}))"
            ).fetchone()  # type: ignore[misc]
            con.execute(
                f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) SELECT * FROM {name}"
            )
    finally:
        con.execute(f"DROP TABLE IF EXISTS {name}")
    return n, n - before


def replace_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    key: str,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    scope: str = "true",
) -> int:
    """Make `table` hold exactly `rows` among those matching the SQL condition `scope`
    (see merge_staged). Returns how many are new."""
    create_staged(con, table, columns)
    stage_rows(con, staged(table), columns, rows)
    return merge_staged(con, table, key, columns, scope)[1]
