"""The LLM's side of the warehouse: the reply cache and the log of calls.

`ReplyStore` is the reply cache prompts.base.ReplyCache describes, matched by shape:
plain rows in and out, so this module knows nothing of prompts/.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from warehouse.bulk import insert_rows, transaction
from warehouse.db import session

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


class ReplyStore:
    """The reply cache and call log of the warehouse at `db`, for run `run_id`. Opens a
    session per call, so it can travel to the task that uses it."""

    def __init__(self, db: str, run_id: str):
        self.db, self.run_id = db, run_id

    def lookup(self, model: str, prompt_id: str, chunk_hashes: Sequence[str]) -> dict[str, str]:
        """chunk_hash → stored reply, for the hashes this model and prompt already answered."""
        with session(self.db) as con:
            if not chunk_hashes:
                return {}
            rows = con.execute(
                "SELECT chunk_hash, response FROM llm_cache WHERE model = ? AND prompt_id = ?"
                " AND list_contains(?, chunk_hash)",
                [model, prompt_id, list(chunk_hashes)],
            ).fetchall()
        return dict(rows)

    def save(
        self,
        model: str,
        prompt_id: str,
        replies: Mapping[str, str],
        calls: Sequence[Mapping[str, Any]],
    ) -> None:
        """Store new replies (chunk_hash → JSON) and the call rows, in one transaction."""
        run_id = self.run_id
        with session(self.db) as con:
            now = datetime.now()
            with transaction(con):
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
                    [
                        tuple(run_id if c == "run_id" else call[c] for c in CALL_COLUMNS)
                        for call in calls
                    ],
                    on_conflict="replace",
                )
