"""The inbox ledger (table inbox_files, view inbox_v): which inbox files, by path and
content hash, the scheduled inbox flow has processed, and how that went.

A file is pending when its (path, sha256) pair is not in the ledger, or is there as
`partial` (some chunks failed) with attempts left. `done` and `failed` (could not be
ingested) files wait for their content to change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal

import duckdb
from pydantic import BaseModel

Status = Literal["done", "partial", "failed"]
MAX_ATTEMPTS = 3  # a file whose chunks keep failing is retried this often, then left partial


class InboxFile(BaseModel):
    path: str
    sha256: str
    size: int


class FileOutcome(BaseModel):
    file: InboxFile
    status: Status
    article_id: str | None = None  # None when the file holds no article, or several
    n_articles: int = 0
    reason: str | None = None


def pending(
    con: duckdb.DuckDBPyConnection, files: Sequence[InboxFile], max_attempts: int = MAX_ATTEMPTS
) -> list[InboxFile]:
    """The files among `files` that are new, changed, or partial with attempts left."""
    if not files:
        return []
    rows = con.execute(
        "SELECT path, sha256, status, attempts FROM inbox_files WHERE list_contains(?, path)",
        [[f.path for f in files]],
    ).fetchall()
    settled = {
        (path, sha)
        for path, sha, status, attempts in rows
        if status != "partial" or attempts >= max_attempts
    }
    return [f for f in files if (f.path, f.sha256) not in settled]


def record(
    con: duckdb.DuckDBPyConnection, outcomes: Sequence[FileOutcome], run_id: str | None
) -> None:
    """Write what happened to each file, in one statement; a file seen again counts one
    more attempt and keeps its first_seen_at."""
    if not outcomes:
        return
    now = datetime.now()
    cols = list(
        zip(
            *[
                (
                    o.file.path,
                    o.file.sha256,
                    o.file.size,
                    o.article_id,
                    o.n_articles,
                    o.status,
                    o.reason,
                )
                for o in outcomes
            ],
            strict=True,
        )
    )
    con.execute(
        """
        INSERT INTO inbox_files (path, sha256, size, article_id, n_articles, status, reason,
                                 attempts, first_seen_at, processed_at, run_id)
        SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::BIGINT[]),
               unnest($4::VARCHAR[]), unnest($5::INTEGER[]), unnest($6::VARCHAR[]),
               unnest($7::VARCHAR[]), 1, $8, $8, $9
        ON CONFLICT (path, sha256) DO UPDATE SET
            article_id = excluded.article_id, n_articles = excluded.n_articles,
            status = excluded.status,
            reason = excluded.reason, attempts = inbox_files.attempts + 1,
            processed_at = excluded.processed_at, run_id = excluded.run_id
        """,
        [*[list(c) for c in cols], now, run_id],
    )
