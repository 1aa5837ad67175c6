"""compare's side of the warehouse: its input claims (blocking starts here, in SQL),
the articles stories are grouped from, and its writes: stories, contradictions and
claim relations, each replaced idempotently (warehouse.bulk.merge_staged)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import duckdb

from models.compare.contradictions import ClaimRelation, Comparison, Contradiction
from models.compare.facts import QUANTITY_FIELDS, ClaimRow, QuantityRow
from models.compare.frames import Frame
from models.compare.inputs import ClaimDate, ClaimSet, QuantityWords
from models.compare.stories import StoryArticle
from models.gcpause import paused_gc
from warehouse.bulk import (
    create_like,
    create_staged,
    insert_rows,
    merge_staged,
    model_columns,
    replace_rows,
    stage_rows,
    staged,
    transaction,
)
from warehouse.extraction_store import (
    FRAME_COLUMNS,
    GROUNDED_CLAIMS,
    QUANTITY_COLUMNS,
    WORD_COLUMNS,
    fill_compare_inputs,
)


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
        GROUNDED_CLAIMS
        + """
        , base AS (
            SELECT g.claim_id, g.article_id,
                   coalesce(g.attributed_to, g.outlet, g.source_path) AS source,
                   g.attributed_to IS NOT NULL AS attributed, g.subject_key, g.predicate,
                   g.span, g.start_char, g.object_keys, g.event_date, g.published_at,
                   coalesce(g.quote_key, '') AS qk, g.years,
                   g.dup_group, s.story_id,
                   g.subject_key IS NOT NULL AND g.predicate IS NOT NULL AS aligned
            FROM grounded g
            LEFT JOIN stories s ON s.article_id = g.article_id
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
    create_like(con, "_compare_claims", "claims", ["claim_id"])
    stage_rows(con, "_compare_claims", ["claim_id"], [(c,) for c in claims])
    columns = ", ".join(f"q.{c}" for c in (*QUANTITY_COLUMNS, *WORD_COLUMNS, *FRAME_COLUMNS))
    rows = con.execute(
        f"SELECT q.claim_id, {columns}"
        " FROM quantities q SEMI JOIN _compare_claims k ON k.claim_id = q.claim_id"
        " ORDER BY q.claim_id, q.start_char"
    ).fetchall()
    n_values, n_words = len(QUANTITY_COLUMNS), len(WORD_COLUMNS)
    words: dict[tuple[Any, ...], QuantityWords] = {}
    for cid, *values in rows:
        at = starts[cid]
        stored = values[n_values + n_words :]
        frame = (
            Frame.model_construct(**dict(zip(FRAME_COLUMNS, stored, strict=True)))
            if stored[0] is not None
            else None
        )
        said = tuple(v or "" for v in values[n_values : n_values + n_words])
        if said not in words:
            words[said] = QuantityWords(**dict(zip(QuantityWords.model_fields, said, strict=True)))
        value = dict(zip(QUANTITY_FIELDS, values[:n_values], strict=True))
        value["start"] -= at  # offsets into the quote, not the article
        value["end"] -= at
        claims[cid].quantities.append(QuantityRow(**value, frame=frame, words=words[said]))
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
    with transaction(con):
        con.execute("DELETE FROM stories")
        insert_rows(
            con,
            "stories",
            ["article_id", "story_id", "run_id"],
            [(a, s, run_id) for a, s in sorted(stories.items())],
        )


JUDGE_DETECTORS = "starts_with(detector, 'judge_')"  # the LLM judge's prompt_ids
_CONTRADICTION_FIELDS = model_columns(Contradiction)
_CONTRADICTIONS = [*_CONTRADICTION_FIELDS, "run_id"]
_RELATION_FIELDS = model_columns(ClaimRelation)
_RELATIONS = [*_RELATION_FIELDS, "detector", "run_id"]  # the detector is the comparison's


def _contradiction_rows(found: Iterable[Contradiction], run_id: str) -> list[tuple[Any, ...]]:
    return [(*(getattr(c, k) for k in _CONTRADICTION_FIELDS), run_id) for c in found]


def _relation_rows(
    found: Iterable[ClaimRelation], detector: str, run_id: str
) -> list[tuple[Any, ...]]:
    return [(*(getattr(r, k) for k in _RELATION_FIELDS), detector, run_id) for r in found]


def replace_contradictions(
    con: duckdb.DuckDBPyConnection,
    found: list[Contradiction],
    run_id: str,
    by: Literal["rules", "judge"] = "rules",
    prune: bool = True,
) -> int:
    """Make the table hold exactly `found` among the rows of one detector family (see
    merge_staged): the typed rules' run leaves the LLM judge's rows alone and the other
    way round. With `prune` off, rows not found again stay (a partial run says nothing
    about them). Returns how many are new."""
    scope = JUDGE_DETECTORS if by == "judge" else f"NOT ({JUDGE_DETECTORS})"
    if not prune:
        scope = "false"
    rows = _contradiction_rows(found, run_id)
    return replace_rows(con, "contradictions", "contradiction_id", _CONTRADICTIONS, rows, scope)


def replace_relations(
    con: duckdb.DuckDBPyConnection, found: list[ClaimRelation], detector: str, run_id: str
) -> int:
    """Make claim_relations hold exactly `found` (updates and syndicated copies)."""
    rows = _relation_rows(found, detector, run_id)
    return replace_rows(con, "claim_relations", "relation_id", _RELATIONS, rows)


def replace_comparison(
    con: duckdb.DuckDBPyConnection, parts: Iterable[Comparison], detector: str, run_id: str
) -> tuple[int, int]:
    """replace_contradictions (the typed rules' rows) and replace_relations for a
    comparison that comes in parts (models.compare.contradictions.iter_comparisons): each part
    is staged as it comes and then dropped, so the whole is never held in Python.
    Returns (contradictions, new ones)."""
    create_staged(con, "contradictions", _CONTRADICTIONS)
    create_staged(con, "claim_relations", _RELATIONS)
    for part in parts:
        rows = _contradiction_rows(part.contradictions, run_id)
        stage_rows(con, staged("contradictions"), _CONTRADICTIONS, rows)
        rows = _relation_rows(part.relations, detector, run_id)
        stage_rows(con, staged("claim_relations"), _RELATIONS, rows)
    scope = f"NOT ({JUDGE_DETECTORS})"
    found = merge_staged(con, "contradictions", "contradiction_id", _CONTRADICTIONS, scope)
    merge_staged(con, "claim_relations", "relation_id", _RELATIONS)
    return found
