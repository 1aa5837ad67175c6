"""Writes for ingestion: what became of each input file and the per-file errors of a run,
what cleaning knows about each article (folded text, raw-offset map, low-quality
spans), and near-duplicate links.

The base article rows are warehouse.article_store'; the cleaning columns are written here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb

from models.article import Article
from models.text import dedup
from models.text.ingest import FileError
from models.text.input_files import InputFile
from warehouse.article_store import ARTICLE_COLUMNS, DETAIL_COLUMNS, article_row
from warehouse.bulk import insert_rows

METHOD = f"minhash-oph-{dedup.BINS}"
BATCH = 500  # articles per statement in save_articles


def save_ingest_errors(con: duckdb.DuckDBPyConnection, errors: list[FileError], run_id: str) -> int:
    """One ingest_errors row per problem input of this run."""
    now = datetime.now()
    return insert_rows(
        con,
        "ingest_errors",
        ["run_id", "path", "kind", "message", "size_bytes", "recorded_at"],
        [(run_id, e.path, e.kind, e.message, e.size_bytes, now) for e in errors],
        on_conflict="replace",
    )


FILE_COLUMNS = [
    "run_id",
    "path",
    "size",
    "sha256",
    "article_id",
    "n_articles",
    "status",
    "reason",
    "recorded_at",
]


def save_input_files(con: duckdb.DuckDBPyConnection, files: list[InputFile], run_id: str) -> int:
    """One input_files row per path of this run (files_v); a path given twice is one
    row, its first reading."""
    now = datetime.now()
    first = {f.path: f for f in reversed(files)}  # reversed: the first reading wins
    rows = [
        (run_id, f.path, f.size, f.sha256, f.article_id, len(f.article_ids), f.status, f.reason)
        for f in first.values()
    ]
    return insert_rows(con, "input_files", FILE_COLUMNS, [(*r, now) for r in rows], "replace")


def _details(a: Article) -> tuple[Any, ...]:
    """What cleaning knows about `a`, in DETAIL_COLUMNS order."""
    return (
        a.folded_text,
        [list(p) for p in a.raw_offsets],
        [list(p) for p in a.low_quality],
        a.n_repairs,
        a.file_format,
        # Articles built by hand (tests, benchmarks) carry no signature.
        a.minhash or dedup.signature(a.folded_text or a.text),
    )


def save_articles(
    con: duckdb.DuckDBPyConnection, articles: list[Article], run_id: str, batch: int = BATCH
) -> int:
    """Store new `articles` with their cleaning details and fill in the details of
    those already stored, `batch` articles per statement, then link near-duplicates
    once. Returns the number of near-duplicate links. (The 10 000 articles of the
    generated corpus in one statement took the process from 0.4 to 2.7 GB; 500 at a
    time, to 1.0 GB.)"""
    stored = {
        r[0]
        for r in con.execute(
            "SELECT article_id FROM articles WHERE list_contains($1, article_id)",
            [[a.article_id for a in articles]],
        ).fetchall()
    }
    new = [a for a in articles if a.article_id not in stored]
    old = [a for a in articles if a.article_id in stored]
    for i in range(0, len(new), batch):
        rows = [article_row(a, run_id) + _details(a) for a in new[i : i + batch]]
        insert_rows(con, "articles", (*ARTICLE_COLUMNS, *DETAIL_COLUMNS), rows, "nothing")
    for i in range(0, len(old), batch):
        _save_details(con, old[i : i + batch])
    return link_near_duplicates(con, run_id)


def _save_details(con: duckdb.DuckDBPyConnection, articles: list[Article]) -> None:
    """Fill the cleaning columns of stored articles. Only rows whose stored text is
    this cleaning's text are updated: an article first stored by an older cleaner keeps
    offsets that match its text. (An UPDATE is slow at any size, benchmarks/README.md,
    so new articles get their details as they are inserted.)"""
    columns = ", ".join(f"{c} = n.{c}" for c in DETAIL_COLUMNS)
    con.execute(
        f"""
        UPDATE articles SET {columns}
        FROM (SELECT unnest($1::VARCHAR[]) AS article_id, unnest($2::VARCHAR[]) AS text,
                     unnest($3::VARCHAR[]) AS folded_text,
                     unnest($4::INTEGER[][][]) AS raw_offsets,
                     unnest($5::INTEGER[][][]) AS low_quality,
                     unnest($6::INTEGER[]) AS n_repairs,
                     unnest($7::VARCHAR[]) AS file_format,
                     unnest($8::UBIGINT[][]) AS minhash) n
        WHERE articles.article_id = n.article_id AND articles.text = n.text
        """,
        [[a.article_id for a in articles], [a.text for a in articles]]
        + [list(col) for col in zip(*map(_details, articles), strict=True)],
    )


def link_near_duplicates(con: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """Recompute near-duplicate links and groups over every stored signature; links
    already stored keep the run that found them. Returns the number of links."""
    rows = con.execute("SELECT article_id, minhash FROM articles WHERE minhash IS NOT NULL")
    signatures = {a: list(sig) for a, sig in rows.fetchall()}
    links = dedup.near_duplicates(signatures)
    new = insert_rows(
        con,
        "article_links",
        ["article_a", "article_b", "similarity", "method", "run_id"],
        [(a, b, sim, METHOD, run_id) for a, b, sim in links],
        on_conflict="nothing",
    )
    group = dedup.groups(list(signatures), links)
    grouped = {a: g for a, g in group.items() if a != g}
    con.execute("UPDATE articles SET dup_group = NULL WHERE dup_group IS NOT NULL")
    if grouped:
        con.execute(
            "UPDATE articles SET dup_group = n.g FROM (SELECT unnest($1::VARCHAR[]) AS a,"
            " unnest($2::VARCHAR[]) AS g) n WHERE articles.article_id = n.a",
            [list(grouped), list(grouped.values())],
        )
        con.execute(
            "UPDATE articles SET dup_group = article_id WHERE list_contains($1, article_id)",
            [sorted(set(grouped.values()))],
        )
    return new
