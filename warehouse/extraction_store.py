"""What an extractor said about articles: chunks, claims with their quantities and
frames, the compare inputs normalize read from each quote, failed chunks and story
terms; and which stored claims count (GROUNDED_CLAIMS).

Columns are the records' fields (models.claims.Claim, the quantity's stored fields
models.compare.facts.QUANTITY_FIELDS, models.compare.frames.Frame, and
models.compare.inputs' records), less the few listed as not stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from models.article import Chunk
from models.claims import Claim
from models.compare.facts import QUANTITY_FIELDS
from models.compare.frames import Frame
from models.compare.inputs import (
    ClaimDate,
    ClaimSet,
    CompareInputs,
    QuantityWords,
    compare_inputs,
)
from models.ids import stable_id
from warehouse.bulk import create_like, insert_rows, model_columns, transaction

OFFSETS = {"start": "start_char", "end": "end_char"}  # field → column, where they differ
CHUNK_FIELDS = model_columns(Chunk, exclude=("text",))
CHUNK_COLUMNS = tuple(OFFSETS.get(f, f) for f in CHUNK_FIELDS)
# A claim's quantities, frames and compare inputs have tables or columns of their own;
# its LLM figures are input to the frames, not stored.
CLAIM_COLUMNS = model_columns(Claim, exclude=("quantities", "frames", "compare", "llm_figures"))
QUANTITY_COLUMNS = tuple(OFFSETS.get(f, f) for f in QUANTITY_FIELDS)
FRAME_COLUMNS = model_columns(Frame)  # quantities' frame columns, named as the model
# What normalize read of a claim's quote for compare (CompareInputs): the words around
# each quantity (quantities.quote_scope, …), dates and lists in their own tables
# (claim_dates, claim_sets: one row per item, by claim_id and ordinal), and per claim
# its quote key and years.
WORD_COLUMNS = tuple(f"quote_{name}" for name in QuantityWords.model_fields)
DATE_COLUMNS = model_columns(ClaimDate)
SET_COLUMNS = model_columns(ClaimSet)
CLAIM_INPUT_COLUMNS = model_columns(CompareInputs, exclude=("dates", "sets", "words"))

# Each article's grounded claims from its latest extraction (an article read by two
# extractors is compared once), with the article columns their readers use: the one
# query behind compare's and the LLM judge's inputs. A WITH clause defining `grounded`.
GROUNDED_CLAIMS = """
    WITH latest AS (
        SELECT e.article_id, e.extractor FROM extractions e JOIN runs r USING (run_id)
        QUALIFY row_number() OVER (PARTITION BY e.article_id ORDER BY r.started_at DESC) = 1
    ), grounded AS (
        SELECT c.claim_id, c.article_id, c.attributed_to, c.subject_key, c.predicate,
               c.quote, c.claim_text, c.start_char, c.object_keys, c.event_date,
               c.quote_key, c.years, a.outlet, a.source_path, a.published_at, a.dup_group,
               substr(a.text, c.start_char + 1, c.end_char - c.start_char) AS span
        FROM claims c
        JOIN articles a ON a.article_id = c.article_id
        JOIN latest l ON l.article_id = c.article_id AND l.extractor = c.extractor
        WHERE c.alignment <> 'unaligned' AND c.start_char IS NOT NULL
    )
"""


def done_articles(
    con: duckdb.DuckDBPyConnection, article_ids: list[str], extractor: str, prompt_id: str
) -> set[str]:
    """Articles already extracted by this extractor and prompt with no failed chunk."""
    rows = con.execute(
        "SELECT article_id FROM extractions WHERE extractor = ? AND prompt_id = ?"
        " AND n_failed = 0 AND list_contains(?, article_id)",
        [extractor, prompt_id, article_ids],
    ).fetchall()
    return {r[0] for r in rows}


def save_extraction(
    con: duckdb.DuckDBPyConnection,
    article_ids: list[str],
    chunks: list[Chunk],
    claims: list[Claim],
    failures: list[tuple[str, int, str]],
    extractor: str,
    prompt_id: str,
    run_id: str,
    terms: dict[str, list[str]] | None = None,
) -> None:
    """Replace, in one transaction, what this extractor said about these articles
    (under any earlier prompt or rules version): chunks, claims, quantities, failed
    chunks, the extraction record, and the articles' story terms."""
    with transaction(con):
        scope = [extractor, article_ids]
        in_scope = "extractor = ? AND list_contains(?, article_id)"
        for table in ("quantities", "claim_dates", "claim_sets"):
            con.execute(
                f"DELETE FROM {table} WHERE claim_id IN"
                f" (SELECT claim_id FROM claims WHERE {in_scope})",
                scope,
            )
        for table in ("claims", "failed_chunks", "extractions"):
            con.execute(f"DELETE FROM {table} WHERE {in_scope}", scope)
        insert_rows(
            con,
            "chunks",
            [*CHUNK_COLUMNS, "run_id"],
            [(*(getattr(c, k) for k in CHUNK_FIELDS), run_id) for c in chunks],
            on_conflict="replace",
        )
        insert_rows(
            con,
            "claims",
            [*CLAIM_COLUMNS, *CLAIM_INPUT_COLUMNS, "run_id"],
            [
                (*(getattr(c, k) for k in CLAIM_COLUMNS), *_claim_inputs(c.compare), run_id)
                for c in claims
            ],
            on_conflict="replace",
        )
        insert_rows(
            con,
            "quantities",
            [
                "quantity_id",
                "claim_id",
                "article_id",
                *QUANTITY_COLUMNS,
                *WORD_COLUMNS,
                *FRAME_COLUMNS,
                "run_id",
            ],
            [
                (
                    stable_id(c.claim_id, q.start, q.end),
                    c.claim_id,
                    c.article_id,
                    *(getattr(q, k) for k in QUANTITY_FIELDS),
                    *(getattr(w, name) for name in QuantityWords.model_fields),
                    *(getattr(f, name) for name in FRAME_COLUMNS),
                    run_id,
                )
                for c in claims
                for q, f, w in zip(c.quantities, _frames(c), _words(c), strict=True)
            ],
            on_conflict="replace",
        )
        _insert_inputs(con, [(c.claim_id, c.compare) for c in claims], run_id)
        insert_rows(
            con,
            "failed_chunks",
            ["article_id", "chunk_idx", "extractor", "prompt_id", "reason", "run_id"],
            [(a, i, extractor, prompt_id, reason, run_id) for a, i, reason in failures],
            on_conflict="replace",
        )
        insert_rows(
            con,
            "article_terms",
            ["article_id", "terms", "run_id"],
            [(a, t, run_id) for a, t in (terms or {}).items()],
            on_conflict="replace",
        )
        n_chunks: dict[str, int] = {}
        for c in chunks:
            n_chunks[c.article_id] = n_chunks.get(c.article_id, 0) + 1
        n_failed: dict[str, int] = {}
        for a, _, _ in failures:
            n_failed[a] = n_failed.get(a, 0) + 1
        insert_rows(
            con,
            "extractions",
            ["article_id", "extractor", "prompt_id", "n_chunks", "n_failed", "run_id"],
            [
                (a, extractor, prompt_id, n_chunks.get(a, 0), n_failed.get(a, 0), run_id)
                for a in article_ids
            ],
            on_conflict="replace",
        )


def _frames(c: Claim) -> list[Frame]:
    """The claim's frames, one per quantity (a claim built without them: unknown)."""
    return c.frames if len(c.frames) == len(c.quantities) else [Frame() for _ in c.quantities]


_NO_WORDS = QuantityWords()


def _words(c: Claim) -> list[QuantityWords]:
    """The words around each quantity, as normalize read them (a claim built without
    them: none; the claim's quote_key stays NULL and fill_compare_inputs reads them)."""
    words = c.compare.words if c.compare is not None else []
    return words if len(words) == len(c.quantities) else [_NO_WORDS for _ in c.quantities]


def _claim_inputs(inputs: CompareInputs | None) -> tuple[Any, ...]:
    """A claim's CLAIM_INPUT_COLUMNS; NULL when normalize did not read them."""
    if inputs is None:
        return tuple(None for _ in CLAIM_INPUT_COLUMNS)
    return tuple(getattr(inputs, k) for k in CLAIM_INPUT_COLUMNS)


def _insert_inputs(
    con: duckdb.DuckDBPyConnection,
    inputs: Sequence[tuple[str, CompareInputs | None]],
    run_id: str | Sequence[str],
) -> None:
    """The dates and lists of these claims, into claim_dates and claim_sets (`run_id`:
    one for all, or one per claim)."""
    runs = [run_id] * len(inputs) if isinstance(run_id, str) else run_id
    for table, columns, attr in (
        ("claim_dates", DATE_COLUMNS, "dates"),
        ("claim_sets", SET_COLUMNS, "sets"),
    ):
        insert_rows(
            con,
            table,
            ["claim_id", "ordinal", *columns, "run_id"],
            [
                (claim_id, i, *(getattr(item, k) for k in columns), run)
                for (claim_id, found), run in zip(inputs, runs, strict=True)
                if found is not None
                for i, item in enumerate(getattr(found, attr))
            ],
            on_conflict="replace",
        )


def fill_compare_inputs(con: duckdb.DuckDBPyConnection) -> int:
    """Read, once, the compare inputs of grounded claims stored without them (before
    schema 013, or written without normalize), with the one reading normalize uses
    (models.compare.inputs.compare_inputs), and store them. Returns how many claims."""
    missing = (
        "SELECT claim_id FROM claims WHERE quote_key IS NULL"
        " AND start_char IS NOT NULL AND end_char IS NOT NULL"
    )
    rows = con.execute(
        "SELECT c.claim_id, c.quote, substr(a.text, c.start_char + 1, c.end_char - c.start_char),"
        " c.start_char, a.published_at, c.run_id"
        f" FROM claims c JOIN articles a USING (article_id) WHERE c.claim_id IN ({missing})"
        " ORDER BY c.claim_id"
    ).fetchall()
    if not rows:
        return 0
    spans: dict[str, list[tuple[str, int, int]]] = {r[0]: [] for r in rows}
    for qid, cid, start, end in con.execute(
        "SELECT quantity_id, claim_id, start_char, end_char FROM quantities"
        f" WHERE claim_id IN ({missing}) ORDER BY claim_id, start_char, quantity_id"
    ).fetchall():
        spans[cid].append((qid, start, end))
    claims, quantities, inputs = [], [], []
    for cid, quote, span, at, published_at, run in rows:
        found = compare_inputs(
            span or "", published_at, [(s - at, e - at) for _, s, e in spans[cid]], quote
        )
        claims.append((cid, *_claim_inputs(found)))
        quantities += [
            (qid, *(getattr(w, k) for k in QuantityWords.model_fields))
            for (qid, _, _), w in zip(spans[cid], found.words, strict=True)
        ]
        inputs.append((cid, found, run))
    with transaction(con):
        for table, key, columns, values in (
            ("claims", "claim_id", CLAIM_INPUT_COLUMNS, claims),
            ("quantities", "quantity_id", WORD_COLUMNS, quantities),
        ):
            create_like(con, "_filled", table, [key, *columns])
            insert_rows(con, "_filled", [key, *columns], values)
            sets = ", ".join(f"{c} = f.{c}" for c in columns)
            con.execute(f"UPDATE {table} SET {sets} FROM _filled f WHERE {table}.{key} = f.{key}")
            con.execute("DROP TABLE _filled")
        for table in ("claim_dates", "claim_sets"):
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, claim_id)", [list(spans)])
        _insert_inputs(con, [(c, f) for c, f, _ in inputs], [r for _, _, r in inputs])
    return len(rows)
