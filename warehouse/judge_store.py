"""The LLM judge's side of the warehouse: its input claims and its cached verdicts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import duckdb

from models.compare.judge_pairs import TextClaim
from warehouse.bulk import insert_rows
from warehouse.compare_store import JUDGE_DETECTORS
from warehouse.extraction_store import GROUNDED_CLAIMS, fill_compare_inputs


def load_text_claims(con: duckdb.DuckDBPyConnection) -> list[TextClaim]:
    """Grounded claims with a subject and predicate from each article's latest
    extraction, in blocks (subject, predicate) that more than one source speaks to;
    `typed` says whether the rules have a quantity, date or list of it to compare (its
    lists as normalize stored them: fill_compare_inputs reads those of older claims)."""
    fill_compare_inputs(con)
    rows = con.execute(
        GROUNDED_CLAIMS
        + """
        , base AS (
            SELECT g.claim_id, g.article_id,
                   coalesce(g.attributed_to, g.outlet, g.source_path) AS source,
                   g.subject_key, g.predicate, g.quote, g.claim_text, g.dup_group,
                   g.event_date IS NOT NULL
                     OR EXISTS (SELECT 1 FROM quantities q WHERE q.claim_id = g.claim_id)
                     OR EXISTS (SELECT 1 FROM claim_sets t WHERE t.claim_id = g.claim_id)
                     AS typed
            FROM grounded g
            WHERE g.subject_key IS NOT NULL AND g.predicate IS NOT NULL
        )
        SELECT claim_id, article_id, source, subject_key, predicate, quote, claim_text,
               typed, dup_group
        FROM base
        WHERE (subject_key, predicate) IN (
            SELECT (subject_key, predicate) FROM base GROUP BY ALL
            HAVING count(DISTINCT source) > 1 AND NOT bool_and(typed))
        ORDER BY claim_id
        """
    ).fetchall()
    return [
        TextClaim(
            claim_id=r[0],
            article_id=r[1],
            source=r[2],
            subject_key=r[3],
            predicate=r[4],
            quote=r[5],
            claim_text=r[6],
            typed=bool(r[7]),
            report=r[8],
        )
        for r in rows
    ]


def cached_judgements(
    con: duckdb.DuckDBPyConnection, model: str, prompt_id: str
) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(claim_a, claim_b) → (verdict, explanation) already answered by this model and prompt."""
    rows = con.execute(
        "SELECT claim_a, claim_b, verdict, explanation FROM llm_judgements"
        " WHERE model = ? AND prompt_id = ?",
        [model, prompt_id],
    ).fetchall()
    return {(a, b): (v, e) for a, b, v, e in rows}


def save_judgements(
    con: duckdb.DuckDBPyConnection,
    model: str,
    prompt_id: str,
    judged: Iterable[tuple[str, str, str, str | None, int, int]],
    run_id: str,
) -> None:
    """Store answered pairs: (claim_a, claim_b, verdict, explanation, prompt_tokens,
    completion_tokens). A pair already stored keeps its first answer."""
    now = datetime.now()
    rows = [(model, prompt_id, *j, run_id, now) for j in judged]
    columns = [
        "model",
        "prompt_id",
        "claim_a",
        "claim_b",
        "verdict",
        "explanation",
        "prompt_tokens",
        "completion_tokens",
        "run_id",
        "judged_at",
    ]
    insert_rows(con, "llm_judgements", columns, rows, on_conflict="nothing")


def count_judge_contradictions(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute(f"SELECT count(*) FROM contradictions WHERE {JUDGE_DETECTORS}").fetchone()
    return int(row[0]) if row else 0
