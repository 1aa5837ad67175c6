"""Bulk, idempotent writes and the reads the pipeline needs.

Rows go in as column lists through `INSERT … SELECT unnest($1), unnest($2), …` (about
100x faster than executemany). Keys are natural (content hashes), so writing the same
input twice leaves the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Literal

import duckdb

from models.article import Article, Chunk
from models.claims import Claim
from models.compare.contradictions import ClaimRelation, Comparison, Contradiction
from models.compare.facts import (
    ClaimDate,
    ClaimRow,
    ClaimSet,
    CompareInputs,
    QuantityRow,
    QuantityWords,
    compare_inputs,
)
from models.compare.frames import Frame
from models.compare.stories import StoryArticle
from models.gcpause import paused_gc
from models.ids import stable_id

OnConflict = Literal["nothing", "replace", "error"]
FRAME_COLUMNS = tuple(Frame.model_fields)  # quantities' frame columns, named as the model
# What normalize read of a claim's quote for compare (models.compare.facts.CompareInputs):
# the words around each quantity (quantities.quote_scope, …), dates and lists in their
# own tables (claim_dates, claim_sets: one row per item, by claim_id and ordinal), and
# per claim its quote key and years.
WORD_COLUMNS = tuple(f"quote_{name}" for name in QuantityWords.model_fields)
DATE_COLUMNS = tuple(ClaimDate.model_fields)
SET_COLUMNS = tuple(ClaimSet.model_fields)
CLAIM_INPUT_COLUMNS = ("quote_key", "years")
CLAIM_COLUMNS = (
    "claim_id",
    "article_id",
    "chunk_idx",
    "quote",
    "claim_text",
    "subject",
    "subject_key",
    "object_keys",
    "predicate",
    "attributed_to",
    "hedged",
    "start_char",
    "end_char",
    "alignment",
    "event_date",
    "extractor",
    "prompt_id",
)
QUANTITY_COLUMNS = (
    "surface",
    "start_char",
    "end_char",
    "low",
    "high",
    "typical_low",
    "typical_high",
    "unit",
    "approx",
    "measure_word",
)
_types_cache: dict[str, dict[str, str]] = {}


def _column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    if table not in _types_cache:
        rows = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        _types_cache[table] = dict(rows)
    return _types_cache[table]


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
    types = _column_types(con, table)
    select = ", ".join(f"unnest(${i + 1}::{types[c]}[])" for i, c in enumerate(columns))
    verb = {"nothing": "INSERT OR IGNORE", "replace": "INSERT OR REPLACE", "error": "INSERT"}[
        on_conflict
    ]
    params = [list(col) for col in zip(*rows, strict=True)]
    con.execute(f"{verb} INTO {table} ({', '.join(columns)}) SELECT {select}", params)
    return len(rows)


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
    batches it had finished; the next run over the same files does the rest)."""
    allowed = {
        "n_articles",
        "n_chunks",
        "n_claims",
        "n_contradictions",
        "n_failed_chunks",
        "llm_calls",
        "prompt_tokens",
        "completion_tokens",
    }
    sets = ", ".join(f"{k} = ?" for k in counts if k in allowed)
    values = [v for k, v in counts.items() if k in allowed]
    con.execute(
        f"UPDATE runs SET finished_at = ?, status = ?{', ' if sets else ''}{sets} WHERE run_id = ?",
        [datetime.now(), status, *values, run_id],
    )


ARTICLE_COLUMNS = [
    "article_id",
    "source_path",
    "outlet",
    "title",
    "url",
    "published_at",
    "language",
    "encoding",
    "raw_text",
    "text",
    "run_id",
]


def article_row(a: Article, run_id: str) -> tuple[Any, ...]:
    """`a` in ARTICLE_COLUMNS order."""
    return (
        a.article_id,
        a.source_path,
        a.outlet,
        a.title,
        a.url,
        a.published_at,
        a.language,
        a.encoding,
        a.raw_text,
        a.text,
        run_id,
    )


def upsert_articles(
    con: duckdb.DuckDBPyConnection, articles: Iterable[Article], run_id: str
) -> int:
    """New articles are inserted; one already stored (same content hash) is kept as is."""
    rows = [article_row(a, run_id) for a in articles]
    return insert_rows(con, "articles", ARTICLE_COLUMNS, rows, on_conflict="nothing")


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
    con.execute("BEGIN TRANSACTION")
    try:
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
            ["article_id", "idx", "start_char", "end_char", "run_id"],
            [(c.article_id, c.idx, c.start, c.end, run_id) for c in chunks],
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
                    *_quantity_values(q),
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
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _frames(c: Claim) -> list[Frame]:
    """The claim's frames, one per quantity (a claim built without them: unknown)."""
    return c.frames if len(c.frames) == len(c.quantities) else [Frame() for _ in c.quantities]


def _quantity_values(q: Any) -> tuple[Any, ...]:
    """A quantity (models.values.quantities.Quantity) in QUANTITY_COLUMNS order."""
    return (q.surface, q.start, q.end, *(getattr(q, k) for k in QUANTITY_COLUMNS[3:]))


_NO_WORDS = QuantityWords()


def _words(c: Claim) -> list[QuantityWords]:
    """The words around each quantity, as normalize read them (a claim built without
    them: none; the claim's quote_key stays NULL and fill_compare_inputs reads them)."""
    words = c.compare.words if c.compare is not None else []
    return words if len(words) == len(c.quantities) else [_NO_WORDS for _ in c.quantities]


def _claim_inputs(inputs: CompareInputs | None) -> tuple[Any, ...]:
    """A claim's CLAIM_INPUT_COLUMNS; NULL when normalize did not read them."""
    if inputs is None:
        return (None, None)
    return (inputs.quote_key, inputs.years)


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
    (models.compare.facts.compare_inputs), and store them. Returns how many claims."""
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
    con.execute("BEGIN TRANSACTION")
    try:
        for table, key, columns, values in (
            ("claims", "claim_id", CLAIM_INPUT_COLUMNS, claims),
            ("quantities", "quantity_id", WORD_COLUMNS, quantities),
        ):
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE _filled AS SELECT {key}, {', '.join(columns)}"
                f" FROM {table} LIMIT 0"
            )
            _types_cache.pop("_filled", None)
            insert_rows(con, "_filled", [key, *columns], values)
            sets = ", ".join(f"{c} = f.{c}" for c in columns)
            con.execute(f"UPDATE {table} SET {sets} FROM _filled f WHERE {table}.{key} = f.{key}")
            con.execute("DROP TABLE _filled")
        for table in ("claim_dates", "claim_sets"):
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, claim_id)", [list(spans)])
        _insert_inputs(con, [(c, f) for c, f, _ in inputs], [r for _, _, r in inputs])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(rows)


_LATEST = """
    WITH latest AS (
        SELECT e.article_id, e.extractor FROM extractions e JOIN runs r USING (run_id)
        QUALIFY row_number() OVER (PARTITION BY e.article_id ORDER BY r.started_at DESC) = 1
    )
"""


def load_compare_rows(con: duckdb.DuckDBPyConnection) -> list[ClaimRow]:
    """See _load_compare_rows; the cyclic garbage collector is paused while hundreds of
    thousands of small acyclic rows are built (it would walk them again and again).
    Claims stored without their compare inputs get them first (fill_compare_inputs)."""
    fill_compare_inputs(con)
    with paused_gc():
        return _load_compare_rows(con)


def _load_compare_rows(con: duckdb.DuckDBPyConnection) -> list[ClaimRow]:
    """compare's input: grounded claims from each article's latest extraction (an article
    read by two extractors is compared once), with their quantities and frames, and the
    dates, lists and quote key normalize read from their quotes.

    Blocking starts here, in SQL, so Python sees only claims that can disagree or
    change: a figure (a quantity whose frame names its measure) only if another claim of
    its story gives a different value in the same unit, measure family, scope and
    statistic; a quantity without a measure, a date or a list only inside a claim with a
    gazetteer subject and predicate, and only if another source says something of the
    same kind about them. The same sentence in two articles (the same stored
    quote_key) keeps its quote_key (syndication) and is read, so the copy is marked even
    where nobody disagrees; other claims' quote_key is ''."""
    con.execute(
        _LATEST
        + """
        , base AS (
            SELECT c.claim_id, c.article_id,
                   coalesce(c.attributed_to, a.outlet, a.source_path) AS source,
                   c.attributed_to IS NOT NULL AS attributed, c.subject_key, c.predicate,
                   substr(a.text, c.start_char + 1, c.end_char - c.start_char) AS span,
                   c.start_char, c.object_keys, c.event_date, a.published_at,
                   coalesce(c.quote_key, '') AS qk, c.years,
                   a.dup_group, s.story_id,
                   c.subject_key IS NOT NULL AND c.predicate IS NOT NULL AS aligned
            FROM claims c
            JOIN articles a ON a.article_id = c.article_id
            JOIN latest l ON l.article_id = c.article_id AND l.extractor = c.extractor
            LEFT JOIN stories s ON s.article_id = c.article_id
            WHERE c.alignment <> 'unaligned' AND c.start_char IS NOT NULL
        ), qty AS (
            SELECT q.claim_id, b.source, b.subject_key, b.predicate, b.aligned, b.story_id,
                   q.figure IS NOT false AND coalesce(q.measure, '') <> ''
                       AND b.story_id IS NOT NULL AS framed,
                   CASE WHEN q.unit IN ('person', 'count') THEN 'count' ELSE q.unit END AS unit,
                   split_part(q.measure, '_', 1) AS family, q.scope, q.statistic,
                   hash(q.low, q.high, q.as_of) AS value, q.unit AS own_unit,
                   hash(q.low, q.high, q.typical_low, q.typical_high, q.approx) AS reading
            FROM quantities q JOIN base b USING (claim_id)
        ), figure_claims AS (
            SELECT claim_id FROM qty WHERE framed
              AND (story_id, unit, family, scope, statistic) IN (
                SELECT (story_id, unit, family, scope, statistic) FROM qty WHERE framed
                GROUP BY ALL HAVING count(DISTINCT claim_id) > 1 AND count(DISTINCT value) > 1)
        ), qty_claims AS (
            SELECT claim_id FROM qty WHERE aligned AND NOT framed
              AND (subject_key, predicate, own_unit) IN (
                SELECT (subject_key, predicate, own_unit) FROM qty WHERE aligned AND NOT framed
                GROUP BY ALL HAVING count(DISTINCT source) > 1 AND count(DISTINCT reading) > 1)
        ), valued AS (
            SELECT claim_id, subject_key, predicate, source FROM base
            WHERE aligned AND (event_date IS NOT NULL
               OR claim_id IN (SELECT claim_id FROM claim_sets))
        ), other_claims AS (
            SELECT claim_id FROM valued WHERE (subject_key, predicate) IN (
                SELECT (subject_key, predicate) FROM valued GROUP BY ALL
                HAVING count(DISTINCT source) > 1)
        ), marked AS (
            SELECT claim_id, article_id, source, attributed, subject_key, predicate, span,
                   start_char, object_keys, event_date, published_at, dup_group, story_id,
                   CASE WHEN qk <> '' AND min(article_id) OVER w <> max(article_id) OVER w
                        THEN qk ELSE '' END AS quote_key,
                   years
            FROM base
            WINDOW w AS (PARTITION BY qk)
        )
        SELECT * FROM marked
        WHERE quote_key <> ''
           OR claim_id IN (SELECT claim_id FROM figure_claims UNION SELECT claim_id FROM qty_claims
                           UNION SELECT claim_id FROM other_claims)
        ORDER BY claim_id  -- ties in compare (two equally close pairs) settle the same way
        """
    )
    claims: dict[str, ClaimRow] = {}
    starts: dict[str, int] = {}
    for r in con.fetchall():
        claims[r[0]] = ClaimRow(
            claim_id=r[0],
            article_id=r[1],
            source=r[2],
            attributed=r[3],
            subject_key=r[4] or "",
            predicate=r[5] or "",
            quote=r[6],
            object_keys=r[8] or [],
            event_date=r[9],
            published_at=r[10],
            report=r[11],
            story_id=r[12] or "",
            quote_key=r[13],
            years=tuple(r[14] or ()),
        )
        starts[r[0]] = r[7]
    if not claims:
        return []
    con.execute("CREATE OR REPLACE TEMP TABLE _compare_claims (claim_id VARCHAR)")
    _types_cache.pop("_compare_claims", None)
    _stage(con, "_compare_claims", ["claim_id"], [(c,) for c in claims])
    columns = ", ".join(f"q.{c}" for c in (*QUANTITY_COLUMNS, *WORD_COLUMNS, *FRAME_COLUMNS))
    rows = con.execute(
        f"SELECT q.claim_id, {columns}"
        " FROM quantities q SEMI JOIN _compare_claims k ON k.claim_id = q.claim_id"
        " ORDER BY q.claim_id, q.start_char"
    ).fetchall()
    n_values, n_words = len(QUANTITY_COLUMNS), len(WORD_COLUMNS)
    words: dict[tuple[Any, ...], QuantityWords] = {}
    for cid, surface, start, end, *values in rows:
        at = starts[cid]
        stored = values[n_values - 3 + n_words :]
        frame = (
            Frame.model_construct(**dict(zip(FRAME_COLUMNS, stored, strict=True)))
            if stored[0] is not None
            else None
        )
        said = tuple(v or "" for v in values[n_values - 3 : n_values - 3 + n_words])
        if said not in words:
            words[said] = QuantityWords(**dict(zip(QuantityWords.model_fields, said, strict=True)))
        claims[cid].quantities.append(
            QuantityRow(
                surface,
                start - at,
                end - at,
                *values[: n_values - 3],  # type: ignore[misc]
                frame=frame,
                words=words[said],
            )
        )
    for table, model, attr in (
        ("claim_dates", ClaimDate, "dates"),
        ("claim_sets", ClaimSet, "sets"),
    ):
        fields = tuple(model.model_fields)
        for cid, *item in con.execute(
            f"SELECT t.claim_id, {', '.join(f't.{f}' for f in fields)} FROM {table} t"
            " SEMI JOIN _compare_claims k ON k.claim_id = t.claim_id"
            " ORDER BY t.claim_id, t.ordinal"
        ).fetchall():
            getattr(claims[cid], attr).append(
                model.model_construct(**dict(zip(fields, item, strict=True)))
            )
    con.execute("DROP TABLE _compare_claims")
    return list(claims.values())


def load_story_articles(con: duckdb.DuckDBPyConnection) -> list[StoryArticle]:
    """Every article with story terms, for grouping into stories."""
    rows = con.execute(
        "SELECT t.article_id, a.published_at, t.terms FROM article_terms t"
        " JOIN articles a USING (article_id) ORDER BY t.article_id"
    ).fetchall()
    return [StoryArticle(aid, published, terms) for aid, published, terms in rows]


def replace_stories(con: duckdb.DuckDBPyConnection, stories: dict[str, str], run_id: str) -> None:
    """The story of each article, as the latest grouping found it."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM stories")
        insert_rows(
            con,
            "stories",
            ["article_id", "story_id", "run_id"],
            [(a, s, run_id) for a, s in sorted(stories.items())],
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _replace(
    con: duckdb.DuckDBPyConnection,
    table: str,
    key: str,
    columns: list[str],
    rows: list[tuple[Any, ...]],
    scope: str = "true",
) -> int:
    """Make `table` hold exactly `rows` among those matching the SQL condition `scope`
    (see _merge_staged). Returns how many are new."""
    _create_staged(con, table, columns)
    _stage(con, _staged(table), columns, rows)
    return _merge_staged(con, table, key, columns, scope)[1]


def _staged(table: str) -> str:
    return f"_staged_{table}"


def _create_staged(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> None:
    """An empty temporary table for rows on their way into `table` (see _merge_staged)."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {_staged(table)} AS"
        f" SELECT {', '.join(columns)} FROM {table} LIMIT 0"
    )
    _types_cache.pop(_staged(table), None)


def _merge_staged(
    con: duckdb.DuckDBPyConnection, table: str, key: str, columns: list[str], scope: str = "true"
) -> tuple[int, int]:
    """Make `table` hold exactly the staged rows among those matching the SQL condition
    `scope`: rows already there keep the run that first found them; rows no longer found
    are removed (only inside `scope`: another detector's rows stay). Drops the staged
    table. Returns (staged rows, new ones). Removing the stale rows is a hash anti-join
    against the staged keys, not a scan of the new keys for every stored row."""
    staged = _staged(table)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            f"DELETE FROM {table} WHERE ({scope}) AND {key} NOT IN (SELECT {key} FROM {staged})"
        )
        n, before = con.execute(  # rows found again (another detector's rows are not)
            f"SELECT (SELECT count(*) FROM {staged}),"
            f" (SELECT count(*) FROM {table} WHERE {key} IN (SELECT {key} FROM {staged}))"
        ).fetchone()  # type: ignore[misc]
        con.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) SELECT * FROM {staged}")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        con.execute(f"DROP TABLE IF EXISTS {staged}")
    return n, n - before


_ROW, _ITEM = "\x1f", "\x1e"


def _stage(
    con: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[tuple[Any, ...]]
) -> None:
    """insert_rows for many rows of text, numbers and text lists: each column goes in as
    one string split in SQL, which DuckDB takes several times faster than a Python list
    of values (the 1M-claim benchmark writes ~250k rows). Falls back to insert_rows when
    a value is NULL or holds a separator."""
    if not rows:
        return
    types = _column_types(con, table)
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


JUDGE_DETECTORS = "starts_with(detector, 'judge_')"  # the LLM judge's prompt_ids
_CONTRADICTIONS = [
    "contradiction_id",
    "kind",
    "aspect",
    "severity",
    "claim_a",
    "claim_b",
    "value_a",
    "value_b",
    "explanation",
    "detector",
    "copies_a",
    "copies_b",
    "run_id",
]
_RELATIONS = [
    "relation_id",
    "relation",
    "aspect",
    "claim_a",
    "claim_b",
    "value_a",
    "value_b",
    "explanation",
    "detector",
    "run_id",
]


def _contradiction_rows(found: Iterable[Contradiction], run_id: str) -> list[tuple[Any, ...]]:
    return [(*(getattr(c, k) for k in _CONTRADICTIONS[:-1]), run_id) for c in found]


def _relation_rows(
    found: Iterable[ClaimRelation], detector: str, run_id: str
) -> list[tuple[Any, ...]]:
    return [(*(getattr(r, k) for k in _RELATIONS[:-2]), detector, run_id) for r in found]


def replace_contradictions(
    con: duckdb.DuckDBPyConnection,
    found: list[Contradiction],
    run_id: str,
    by: Literal["rules", "judge"] = "rules",
    prune: bool = True,
) -> int:
    """Make the table hold exactly `found` among the rows of one detector family (see
    _merge_staged): the typed rules' run leaves the LLM judge's rows alone and the other
    way round. With `prune` off, rows not found again stay (a partial run says nothing
    about them). Returns how many are new."""
    scope = JUDGE_DETECTORS if by == "judge" else f"NOT ({JUDGE_DETECTORS})"
    if not prune:
        scope = "false"
    rows = _contradiction_rows(found, run_id)
    return _replace(con, "contradictions", "contradiction_id", _CONTRADICTIONS, rows, scope)


def replace_relations(
    con: duckdb.DuckDBPyConnection, found: list[ClaimRelation], detector: str, run_id: str
) -> int:
    """Make claim_relations hold exactly `found` (updates and syndicated copies)."""
    rows = _relation_rows(found, detector, run_id)
    return _replace(con, "claim_relations", "relation_id", _RELATIONS, rows)


def replace_comparison(
    con: duckdb.DuckDBPyConnection, parts: Iterable[Comparison], detector: str, run_id: str
) -> tuple[int, int]:
    """replace_contradictions (the typed rules' rows) and replace_relations for a
    comparison that comes in parts (models.compare.contradictions.iter_comparisons): each part
    is staged as it comes and then dropped, so the whole is never held in Python.
    Returns (contradictions, new ones)."""
    _create_staged(con, "contradictions", _CONTRADICTIONS)
    _create_staged(con, "claim_relations", _RELATIONS)
    for part in parts:
        rows = _contradiction_rows(part.contradictions, run_id)
        _stage(con, _staged("contradictions"), _CONTRADICTIONS, rows)
        rows = _relation_rows(part.relations, detector, run_id)
        _stage(con, _staged("claim_relations"), _RELATIONS, rows)
    scope = f"NOT ({JUDGE_DETECTORS})"
    found = _merge_staged(con, "contradictions", "contradiction_id", _CONTRADICTIONS, scope)
    _merge_staged(con, "claim_relations", "relation_id", _RELATIONS)
    return found
