"""The base article rows: the columns of models.article.Article every later stage
points into (cleaning's details are written by warehouse.ingest_store)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import duckdb

from models.article import Article
from warehouse.bulk import insert_rows, model_columns

# Article fields written by warehouse.ingest_store.save_articles, not here.
DETAIL_COLUMNS = (
    "folded_text",
    "raw_offsets",
    "low_quality",
    "n_repairs",
    "file_format",
    "minhash",
)
ARTICLE_FIELDS = model_columns(Article, exclude=DETAIL_COLUMNS)
ARTICLE_COLUMNS = (*ARTICLE_FIELDS, "run_id")


def article_row(a: Article, run_id: str) -> tuple[Any, ...]:
    """`a` in ARTICLE_COLUMNS order."""
    return (*(getattr(a, k) for k in ARTICLE_FIELDS), run_id)


def upsert_articles(
    con: duckdb.DuckDBPyConnection, articles: Iterable[Article], run_id: str
) -> int:
    """New articles are inserted; one already stored (same content hash) is kept as is."""
    rows = [article_row(a, run_id) for a in articles]
    return insert_rows(con, "articles", ARTICLE_COLUMNS, rows, on_conflict="nothing")
