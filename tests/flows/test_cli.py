"""The CLI's read side against a real warehouse file (no Prefect needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from models.article import Article
from warehouse import article_store, run_store
from warehouse.db import connect

runner = CliRunner()


@pytest.fixture
def small_db(db_path: Path) -> Path:
    con = connect(db_path)
    text = "微软正在询问大约七八百名工程师。"
    run_store.start_run(con, "r1", None, "rules", None, [])
    article_store.upsert_articles(
        con,
        [Article(article_id="a1", source_path="s.txt", raw_text=text, text=text, outlet="X")],
        "r1",
    )
    con.close()
    return db_path


def test_sql_prints_rows(small_db: Path) -> None:
    result = runner.invoke(
        app,
        [
            "sql",
            "SELECT article_id, outlet FROM articles_v",
            "--db",
            str(small_db),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"article_id": "a1", "outlet": "X"}]


@pytest.mark.parametrize(
    "query",
    [
        "drop table x",
        "DELETE FROM articles",
        "select 1; insert into runs (run_id) values ('x')",
        "COPY articles TO 'x.csv'",
        "ATTACH 'other.db'",
    ],
)
def test_sql_refuses_writes_with_a_clear_message(small_db: Path, query: str) -> None:
    result = runner.invoke(app, ["sql", query, "--db", str(small_db)])
    assert result.exit_code == 2
    assert "read-only" in result.output


def test_sql_on_a_missing_warehouse_says_what_to_do(tmp_path: Path) -> None:
    result = runner.invoke(app, ["sql", "select 1", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "crosscheck run" in result.output


def test_contradictions_formats(small_db: Path) -> None:
    for fmt in ("table", "json", "csv"):
        result = runner.invoke(app, ["contradictions", "--db", str(small_db), "--format", fmt])
        assert result.exit_code == 0, result.output


def test_updates_formats_on_a_warehouse_without_updates(small_db: Path) -> None:
    for fmt in ("table", "json", "csv"):
        result = runner.invoke(app, ["updates", "--db", str(small_db), "--format", fmt])
        assert result.exit_code == 0, result.output
    assert (
        json.loads(runner.invoke(app, ["updates", "--db", str(small_db), "-f", "json"]).stdout)
        == []
    )
    assert "no updates" in runner.invoke(app, ["updates", "--db", str(small_db)]).output


def test_every_command_has_help() -> None:
    for cmd in ("run", "claims", "contradictions", "updates", "sql"):
        result = runner.invoke(app, [cmd, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output
