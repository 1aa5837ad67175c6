from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest

from models.article import Article, Chunk
from models.claims import Claim
from models.compare.facts import QUANTITY_FIELDS, QuantityRow
from models.errors import TerminalError, TransientError
from models.values.quantities import Quantity
from warehouse import article_store, extraction_store, run_store
from warehouse.db import WarehouseBusy, WarehouseLocked, connect, migrate
from warehouse.exports import UnknownClaim

# The public SQL contract of DESIGN.md: these columns must exist (more are fine).
CONTRACT = {
    "articles_v": "article_id source_path outlet title published_at language text n_chars run_id",
    "claims_v": "claim_id article_id outlet attributed_to claim_text quote start_char end_char "
    "alignment subject predicate event_date extractor prompt_id run_id",
    "quantities_v": "quantity_id claim_id article_id surface start_char end_char low high unit "
    "approx",
    "contradictions_v": "contradiction_id kind aspect severity claim_a claim_b article_a "
    "article_b source_a source_b value_a value_b explanation detector run_id",
    "runs_v": "run_id flow_run_id started_at finished_at status extractor model n_articles "
    "n_chunks n_claims n_contradictions n_failed_chunks llm_calls prompt_tokens "
    "completion_tokens",
}


@pytest.mark.parametrize("view", sorted(CONTRACT))
def test_views_have_the_contract_columns(view: str) -> None:
    con = connect(":memory:")
    cols = [d[0] for d in con.execute(f"SELECT * FROM {view} LIMIT 0").description]
    assert set(CONTRACT[view].split()) <= set(cols)


def test_published_at_is_a_date_and_bounds_are_doubles() -> None:
    con = connect(":memory:")
    types = dict(
        con.execute(
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_name IN ('articles_v', 'quantities_v')"
        ).fetchall()
    )
    assert types["published_at"] == "DATE"
    assert types["low"] == types["high"] == "DOUBLE"


def test_migrations_apply_once(db_path: Path) -> None:
    con = connect(db_path)
    assert migrate(con) == []  # already applied by connect
    n = con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
    con.close()
    con = connect(db_path)
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == n


def _sample() -> tuple[Article, list[Chunk], list[Claim]]:
    text = "微软正在询问大约七八百名工程师。"
    article = Article(article_id="a1", source_path="s.txt", raw_text=text, text=text, outlet="X")
    chunk = Chunk(article_id="a1", idx=0, start=0, end=len(text), text=text)
    q = Quantity(
        surface="大约七八百名", start=8, end=14, low=700, high=800, unit="person", approx=True
    )
    claim = Claim(
        claim_id="c1",
        article_id="a1",
        chunk_idx=0,
        quote=text,
        claim_text=text,
        subject="微软",
        subject_key="microsoft",
        predicate="relocate",
        attributed_to="华尔街日报",
        hedged=False,
        start_char=0,
        end_char=len(text),
        alignment="exact",
        extractor="rules",
        prompt_id="rules.v1",
        quantities=[q],
    )
    return article, [chunk], [claim]


def test_writes_are_idempotent() -> None:
    con = connect(":memory:")
    article, chunks, claims = _sample()
    for run in ("r1", "r2"):
        run_store.start_run(con, run, None, "rules", None, ["seeds"])
        article_store.upsert_articles(con, [article], run)
        extraction_store.save_extraction(con, ["a1"], chunks, claims, [], "rules", "rules.v1", run)
    counts = [
        con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("articles_v", "claims_v", "quantities_v")
    ]
    assert counts == [1, 1, 1]
    assert con.execute("SELECT run_id FROM articles").fetchone()[0] == "r1"  # first seen
    assert extraction_store.done_articles(con, ["a1", "a2"], "rules", "rules.v1") == {"a1"}
    assert extraction_store.done_articles(con, ["a1"], "rules", "rules.v2") == set()


def test_new_rules_version_replaces_the_old_claims() -> None:
    con = connect(":memory:")
    article, chunks, claims = _sample()
    run_store.start_run(con, "r1", None, "rules", None, [])
    article_store.upsert_articles(con, [article], "r1")
    extraction_store.save_extraction(con, ["a1"], chunks, claims, [], "rules", "rules.v1", "r1")
    v2 = [claims[0].model_copy(update={"claim_id": "c2", "prompt_id": "rules.v2"})]
    extraction_store.save_extraction(con, ["a1"], chunks, v2, [], "rules", "rules.v2", "r1")
    assert con.execute("SELECT claim_id FROM claims").fetchall() == [("c2",)]


def test_failed_chunks_are_recorded_and_block_done() -> None:
    con = connect(":memory:")
    article, chunks, _ = _sample()
    run_store.start_run(con, "r1", None, "openai", "m", [])
    article_store.upsert_articles(con, [article], "r1")
    extraction_store.save_extraction(
        con, ["a1"], chunks, [], [("a1", 0, "timeout")], "openai", "p", "r1"
    )
    assert con.execute("SELECT reason FROM failed_chunks_v").fetchall() == [("timeout",)]
    assert extraction_store.done_articles(con, ["a1"], "openai", "p") == set()


def test_a_held_lock_gives_a_clear_message(db_path: Path) -> None:
    import multiprocessing as mp

    connect(db_path).close()
    ctx = mp.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold, args=(str(db_path), ready, release))
    holder.start()
    try:
        assert ready.wait(30)
        with pytest.raises(WarehouseBusy, match="in use by another process"):
            connect(db_path, wait=0.5)
    finally:
        release.set()
        holder.join(30)


def _hold(path: str, ready: object, release: object) -> None:
    con = duckdb.connect(path)
    ready.set()  # type: ignore[attr-defined]
    release.wait(30)  # type: ignore[attr-defined]
    con.close()


def test_duckdb_memory_is_bounded_and_configurable(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def limit(con: duckdb.DuckDBPyConnection) -> str:
        (value,) = con.execute("SELECT current_setting('memory_limit')").fetchone()  # type: ignore[misc]
        return str(value)

    con = connect(db_path)
    assert limit(con) == "488.2 MiB"  # 512MB, shown in MiB
    con.close()
    monkeypatch.setenv("CROSSCHECK_DUCKDB_MEMORY", "2GB")
    con = connect(db_path, read_only=True)
    assert limit(con) == "1.8 GiB"  # 2GB
    con.close()
    monkeypatch.setenv("CROSSCHECK_DUCKDB_MEMORY", "lots")
    with pytest.raises(ValueError, match="CROSSCHECK_DUCKDB_MEMORY"):
        connect(db_path)


def test_stored_columns_are_the_records_fields() -> None:
    con = connect(":memory:")

    def columns(table: str) -> set[str]:
        rows = con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall()
        return {r[0] for r in rows}

    assert set(extraction_store.CLAIM_COLUMNS) <= columns("claims")
    assert set(extraction_store.QUANTITY_COLUMNS) <= columns("quantities")
    assert set(article_store.ARTICLE_COLUMNS) <= columns("articles")
    # compare's row of a stored quantity holds the Quantity's stored fields, in order.
    row_fields = [f.name for f in dataclasses.fields(QuantityRow)]
    assert row_fields == [*QUANTITY_FIELDS, "frame", "words"]
    assert set(QUANTITY_FIELDS) == set(Quantity.model_fields) - {"kind"}


def test_errors_are_in_their_branch() -> None:
    assert issubclass(WarehouseBusy, TransientError) and issubclass(WarehouseBusy, RuntimeError)
    assert issubclass(WarehouseLocked, TransientError)
    assert issubclass(UnknownClaim, TerminalError) and issubclass(UnknownClaim, LookupError)
