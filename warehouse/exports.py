"""Exports of the public views (DuckDB's own COPY writes CSV, JSON and Parquet) and the
reviews table behind `crosscheck review`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import duckdb

from models.errors import TerminalError
from models.review import RATINGS, claim_review

ExportFormat = Literal["csv", "json", "parquet"]
EXPORTED_VIEWS = ("claims_v", "contradictions_v")
_COPY_OPTIONS = {
    "csv": "FORMAT csv, HEADER true",
    "json": "FORMAT json, ARRAY true",
    "parquet": "FORMAT parquet",
}


def export_views(con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: ExportFormat) -> list[Path]:
    """One file per exported view in `out_dir` (claims.csv, contradictions.csv, …)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for view in EXPORTED_VIEWS:
        path = out_dir / f"{view.removesuffix('_v')}.{fmt}"
        # COPY takes no parameters for its target; the path is quoted as a SQL literal.
        target = str(path).replace("'", "''")
        con.execute(f"COPY (SELECT * FROM {view}) TO '{target}' ({_COPY_OPTIONS[fmt]})")
        written.append(path)
    return written


class UnknownClaim(TerminalError, LookupError):
    """No claim with this id in the warehouse."""


def save_review(
    con: duckdb.DuckDBPyConnection,
    claim_id: str,
    rating: str,
    note: str | None,
    reviewer: str | None,
) -> None:
    if rating not in RATINGS:
        raise ValueError(f"unknown rating {rating!r}: one of {', '.join(RATINGS)}")
    found = con.execute("SELECT 1 FROM claims WHERE claim_id = ?", [claim_id]).fetchone()
    if not found:
        raise UnknownClaim(f"no claim {claim_id!r} in the warehouse (see `crosscheck claims`)")
    con.execute(
        "INSERT OR REPLACE INTO reviews (claim_id, rating, rating_value, note, reviewer,"
        " reviewed_at) VALUES (?, ?, ?, ?, ?, ?)",
        [claim_id, rating, RATINGS[rating], note, reviewer, datetime.now()],
    )


def claim_reviews(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """ClaimReview JSON-LD objects for every reviewed claim."""
    rows = con.execute(
        "SELECT claim_id, claim_text, rating, reviewer, reviewed_at, note, source,"
        " coalesce(url, source_path), published_at FROM reviews_v ORDER BY reviewed_at"
    ).fetchall()
    return [
        claim_review(
            claim_id=r[0],
            claim_text=r[1],
            rating=r[2],
            reviewer=r[3],
            reviewed_at=r[4],
            note=r[5],
            source=r[6],
            appearance=r[7],
            published_at=r[8],
        )
        for r in rows
    ]
