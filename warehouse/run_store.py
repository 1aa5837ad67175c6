"""The runs table: one row per pipeline run, opened as `running` and closed with counts."""

from __future__ import annotations

from datetime import datetime

import duckdb

COUNT_COLUMNS = frozenset(
    {
        "n_articles",
        "n_chunks",
        "n_claims",
        "n_contradictions",
        "n_failed_chunks",
        "llm_calls",
        "prompt_tokens",
        "completion_tokens",
    }
)


def start_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    flow_run_id: str | None,
    extractor: str,
    model: str | None,
    paths: list[str],
) -> None:
    con.execute(
        "INSERT OR REPLACE INTO runs (run_id, flow_run_id, started_at, status, extractor, model,"
        " paths) VALUES (?, ?, ?, 'running', ?, ?, ?)",
        [run_id, flow_run_id, datetime.now(), extractor, model, paths],
    )


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: str, status: str, counts: dict[str, int]
) -> None:
    """A run's final status in runs_v: `completed`, `partial` (some files or chunks
    failed), `failed`, or `interrupted` (stopped by Ctrl-C or SIGTERM after storing the
    batches it had finished; the next run over the same files does the rest). Counts
    not in COUNT_COLUMNS are ignored."""
    sets = ", ".join(f"{k} = ?" for k in counts if k in COUNT_COLUMNS)
    values = [v for k, v in counts.items() if k in COUNT_COLUMNS]
    con.execute(
        f"UPDATE runs SET finished_at = ?, status = ?{', ' if sets else ''}{sets} WHERE run_id = ?",
        [datetime.now(), status, *values, run_id],
    )
