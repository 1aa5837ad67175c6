"""The LLM's side of the warehouse: the reply cache and the log of calls.

Plain rows in and out, so this module knows nothing of prompts/ (the flow converts).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import duckdb

from warehouse.store import insert_rows

CALL_COLUMNS = (
    "call_id",
    "run_id",
    "article_id",
    "chunk_idx",
    "part",
    "chunk_hash",
    "model",
    "prompt_id",
    "mode",
    "started_at",
    "latency_ms",
    "status",
    "attempts",
    "prompt_tokens",
    "completion_tokens",
    "cost_usd",
    "error",
)


def cached_replies(
    con: duckdb.DuckDBPyConnection, model: str, prompt_id: str, chunk_hashes: Sequence[str]
) -> dict[str, str]:
    """chunk_hash → stored reply, for the hashes this model and prompt already answered."""
    if not chunk_hashes:
        return {}
    rows = con.execute(
        "SELECT chunk_hash, response FROM llm_cache WHERE model = ? AND prompt_id = ?"
        " AND list_contains(?, chunk_hash)",
        [model, prompt_id, list(chunk_hashes)],
    ).fetchall()
    return dict(rows)


def save(
    con: duckdb.DuckDBPyConnection,
    model: str,
    prompt_id: str,
    replies: dict[str, str],
    calls: Sequence[dict[str, Any]],
    run_id: str,
) -> None:
    """Store new replies (chunk_hash → JSON) and the call rows, in one transaction."""
    now = datetime.now()
    con.execute("BEGIN TRANSACTION")
    try:
        insert_rows(
            con,
            "llm_cache",
            ["model", "prompt_id", "chunk_hash", "response", "created_at", "run_id"],
            [(model, prompt_id, h, r, now, run_id) for h, r in replies.items()],
            on_conflict="replace",
        )
        insert_rows(
            con,
            "llm_calls",
            list(CALL_COLUMNS),
            [tuple(run_id if c == "run_id" else call[c] for c in CALL_COLUMNS) for call in calls],
            on_conflict="replace",
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
