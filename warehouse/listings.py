"""The rows the CLI and the run's artifacts list, as (columns, rows): SQL over the
public views, kept here so no caller writes SQL of its own."""

from __future__ import annotations

from typing import Any

import duckdb

Rows = tuple[list[str], list[tuple[Any, ...]]]
READ_ONLY = {"SELECT", "EXPLAIN", "PRAGMA"}


def _rows(cur: duckdb.DuckDBPyConnection) -> Rows:
    cols = [d[0] for d in cur.description] if cur.description else []
    return cols, cur.fetchall()


def claims(con: duckdb.DuckDBPyConnection, subject: str | None, limit: int) -> Rows:
    """Claims with their sources and quotes, about `subject` (name or key) when given."""
    return _rows(
        con.execute(
            "SELECT claim_id, outlet, attributed_to, subject, predicate, quote, alignment"
            " FROM claims_v WHERE ($subject IS NULL OR subject = $subject"
            " OR subject_key = $subject) ORDER BY article_id, start_char LIMIT $limit",
            {"subject": subject, "limit": limit},
        )
    )


def new_contradictions(con: duckdb.DuckDBPyConnection, run_id: str, limit: int = 200) -> Rows:
    """The contradictions first found in run `run_id`, most severe first."""
    return _rows(
        con.execute(
            "SELECT kind, aspect, severity, source_a, value_a, source_b, value_b, explanation"
            " FROM contradictions_v WHERE run_id = ? ORDER BY severity DESC LIMIT ?",
            [run_id, limit],
        )
    )


def refused_statement(query: str) -> str | None:
    """The first statement of `query` a read-only session refuses (its type), else None.
    Raises duckdb.Error when the query does not parse."""
    types = [s.type.name for s in duckdb.extract_statements(query)]
    return next((t for t in types if t not in READ_ONLY), None)


def query(con: duckdb.DuckDBPyConnection, sql: str) -> Rows:
    """A user's read-only query (check it with refused_statement first)."""
    return _rows(con.execute(sql))
