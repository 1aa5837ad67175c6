"""The pipeline with the openai extractor against the stub server on 127.0.0.1: end to
end through the CLI, zero calls on a re-run, failed chunks retried (only they), a new
prompt version re-extracting, a budget that stops cleanly, a dead endpoint in one line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from prompts.registry import Prompt
from tests.conftest import SEEDS
from tests.stub_openai import Fault, StubOpenAI, closed_port_url
from warehouse.db import session

pytestmark = pytest.mark.usefixtures("prefect_harness")
runner = CliRunner()


def _seed_chunks() -> int:
    """How many chunks the seeds make at the default chunk size (one LLM call each)."""
    from flows.settings import Settings
    from flows.sources import discover, load_articles
    from models.text.chunking import chunk_article

    files, _ = discover([SEEDS])
    articles, _ = load_articles(files)
    return sum(len(chunk_article(a, Settings().chunk_chars)) for a in articles)


N_CHUNKS = _seed_chunks()


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> Iterator[StubOpenAI]:
    with StubOpenAI() as s:
        monkeypatch.setenv("OPENAI_BASE_URL", s.base_url)
        monkeypatch.setenv("CROSSCHECK_MODEL", "stub-model")
        monkeypatch.setenv("CROSSCHECK_MAX_CONCURRENCY", "4")
        monkeypatch.setenv("CROSSCHECK_LLM_BACKOFF_INITIAL", "0.01")
        monkeypatch.setenv("CROSSCHECK_LLM_BACKOFF_MAX", "0.05")
        monkeypatch.setenv("CROSSCHECK_LLM_TIMEOUT", "30")
        monkeypatch.setenv("CROSSCHECK_JUDGE", "off")  # these count extractor calls
        yield s


def _one(db: Path, sql: str) -> object:
    with session(db, read_only=True) as con:
        return con.execute(sql).fetchone()[0]  # type: ignore[index]


def test_cli_run_with_the_openai_extractor_fills_the_views(
    stub: StubOpenAI, tmp_path: Path
) -> None:
    db = tmp_path / "llm.duckdb"
    result = runner.invoke(app, ["run", str(SEEDS), "--extractor", "openai", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"model stub-model at {stub.base_url}" in result.output
    assert f"LLM: {N_CHUNKS} calls" in result.output
    assert len(stub.requests) == N_CHUNKS
    with session(db, read_only=True) as con:
        run = con.execute(
            "SELECT extractor, model, status, llm_calls, prompt_tokens, completion_tokens,"
            " n_claims FROM runs_v"
        ).fetchone()
        claims = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE alignment = 'exact'),"
            " min(prompt_id), count(DISTINCT extractor) FROM claims_v"
        ).fetchone()
        calls = con.execute(
            "SELECT count(*), sum(attempts), count(*) FILTER (WHERE status = 'ok'),"
            " sum(prompt_tokens) FROM llm_calls_v"
        ).fetchone()
        headcount = con.execute(
            "SELECT count(*) FROM contradictions_v WHERE value_a LIKE '%七八百%'"
            " OR value_b LIKE '%七八百%'"
        ).fetchone()[0]
    assert run is not None and claims is not None and calls is not None
    extractor, model, status, llm_calls, prompt_tokens, completion_tokens, n_claims = run
    assert (extractor, model, status, llm_calls) == ("openai", "stub-model", "completed", N_CHUNKS)
    assert prompt_tokens > 0 and completion_tokens > 0 and n_claims == claims[0] > 0
    assert claims[1] == claims[0]  # every quote the stub gave is found verbatim
    assert claims[2].startswith("extract_claims.v2#") and claims[3] == 1
    assert calls == (N_CHUNKS, N_CHUNKS, N_CHUNKS, prompt_tokens)
    assert headcount > 0  # the seeds' disagreement, found through the LLM path too

    # The same input again: articles are done, and nothing is asked.
    again = runner.invoke(app, ["run", str(SEEDS), "--extractor", "openai", "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert len(stub.requests) == N_CHUNKS
    assert _one(db, "SELECT llm_calls FROM runs_v ORDER BY started_at DESC LIMIT 1") == 0


def test_failed_chunks_are_recorded_and_only_they_are_retried(
    stub: StubOpenAI, tmp_path: Path
) -> None:
    from flows.pipeline import pipeline

    db = str(tmp_path / "faults.duckdb")
    # Markers that start one chunk each, in three different articles.
    stub.on("报道援引另一位人士的消息说", *[Fault.status(500)] * 4)  # exhausts 4 attempts
    stub.on("就在本月初,谷歌也挖走了", Fault.refusal("no"))
    stub.on("华人工程师不愿意回国", Fault.status(429, retry_after="0"), Fault.drop())  # recovers
    first = pipeline(paths=[str(SEEDS)], extractor="openai", db=db)
    assert first.status == "partial"
    reasons = sorted(why for _, _, why in first.chunk_errors)
    assert len(reasons) == 2 == first.n_failed_chunks
    assert reasons[0].startswith("HTTP 500") and reasons[1] == "refused: no"
    with session(db, read_only=True) as con:
        failed = con.execute("SELECT count(*) FROM failed_chunks_v").fetchone()[0]  # type: ignore[index]
        statuses = dict(
            con.execute("SELECT status, count(*) FROM llm_calls_v GROUP BY status").fetchall()
        )
    assert failed == 2 and statuses == {"ok": N_CHUNKS - 2, "failed": 1, "refused": 1}
    n_claims = first.n_claims
    assert n_claims > 0  # the other chunks' claims are kept

    # Next run: the two articles with a failed chunk are redone; their good chunks come
    # from the cache, so only the two failed chunks are sent.
    before = len(stub.requests)
    second = pipeline(paths=[str(SEEDS)], extractor="openai", db=db)
    assert second.status == "completed" and second.llm_calls == 2
    assert len(stub.requests) - before == 2 and second.llm_cached_chunks > 0
    assert _one(Path(db), "SELECT count(*) FROM failed_chunks_v") == 0

    third = pipeline(paths=[str(SEEDS)], extractor="openai", db=db)
    assert third.llm_calls == 0 and len(stub.requests) - before == 2


def test_a_new_prompt_version_re_extracts(
    stub: StubOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.pipeline import pipeline
    from prompts import llm_extractor
    from prompts.registry import load_prompt

    db = str(tmp_path / "prompt.duckdb")
    pipeline(paths=[str(SEEDS)], extractor="openai", db=db)
    v1 = load_prompt("extract_claims")
    v2 = Prompt(v1.name, 2, v1.text.replace("Work in three steps", "Work in 3 steps"))
    monkeypatch.setattr(llm_extractor, "load_prompt", lambda _name: v2)
    second = pipeline(paths=[str(SEEDS)], extractor="openai", db=db)
    assert second.llm_calls == N_CHUNKS and len(stub.requests) == 2 * N_CHUNKS
    assert _one(Path(db), "SELECT string_agg(DISTINCT prompt_id) FROM claims_v") == v2.prompt_id


def test_a_token_budget_stops_cleanly_and_the_next_run_finishes(
    stub: StubOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.pipeline import pipeline

    db = str(tmp_path / "budget.duckdb")
    monkeypatch.setenv("CROSSCHECK_MAX_CONCURRENCY", "1")
    monkeypatch.setenv("CROSSCHECK_LLM_BUDGET_TOKENS", "3000")
    first = pipeline(paths=[str(SEEDS)], extractor="openai", db=db)
    assert first.status == "partial"
    assert 0 < first.llm_calls < N_CHUNKS and first.n_claims > 0
    assert first.llm_skipped_chunks == N_CHUNKS - first.llm_calls == first.n_failed_chunks
    assert all(
        why.startswith("skipped: run budget of 3000 tokens") for _, _, why in first.chunk_errors
    )
    assert first.prompt_tokens + first.completion_tokens >= 3000

    monkeypatch.delenv("CROSSCHECK_LLM_BUDGET_TOKENS")
    second = pipeline(paths=[str(SEEDS)], extractor="openai", db=db)
    assert second.status == "completed"
    assert second.llm_calls == first.llm_skipped_chunks  # finished chunks were kept
    assert len(stub.requests) == N_CHUNKS


def test_an_endpoint_that_refuses_the_key_mid_run_is_one_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cli.runner import print_summary
    from flows.pipeline import pipeline

    with StubOpenAI(api_key="right") as stub:
        monkeypatch.setenv("OPENAI_BASE_URL", stub.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "wrong")
        monkeypatch.setenv("CROSSCHECK_MAX_CONCURRENCY", "2")
        db = str(tmp_path / "key.duckdb")
        summary = pipeline(paths=[str(SEEDS)], extractor="openai", db=db)
    assert summary.status == "partial" and summary.n_failed_chunks == N_CHUNKS
    assert summary.llm_calls <= 2  # only the requests already in flight
    assert summary.llm_skipped_chunks >= N_CHUNKS - 2
    assert len({why.removeprefix("skipped: ") for _, _, why in summary.chunk_errors}) == 1
    from cli import runner as runner_module

    with runner_module.console.capture() as captured:
        print_summary(summary)
    lines = [ln for ln in captured.get().splitlines() if "failed chunks" in ln]
    assert 1 <= len(lines) <= 2 and "refused the API key" in lines[-1]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "needs OPENAI_API_KEY"),
        ({"OPENAI_BASE_URL": "closed"}, "cannot reach the LLM endpoint"),
    ],
)
def test_cli_says_in_one_line_when_the_endpoint_cannot_be_used(
    env: dict[str, str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, closed_port_url() if v == "closed" else v)
    result = runner.invoke(
        app, ["run", str(SEEDS), "--extractor", "openai", "--db", str(tmp_path / "x.duckdb")]
    )
    assert result.exit_code == 1
    text = " ".join(result.output.split())  # rich wraps long lines
    assert message in text and "Traceback" not in text and text.count("error:") == 1
    assert not (tmp_path / "x.duckdb").exists()  # nothing started


def test_cli_refused_key_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with StubOpenAI(api_key="right") as stub:
        monkeypatch.setenv("OPENAI_BASE_URL", stub.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "wrong")
        result = runner.invoke(app, ["run", str(SEEDS), "--extractor", "openai"])
    assert result.exit_code == 1 and "refused the API key" in result.output
    assert stub.requests == []


def test_auto_says_which_extractor_it_used(tmp_path: Path) -> None:
    from flows.extractors import preflight
    from flows.settings import Settings

    assert preflight(Settings(), "auto") == (
        "extractor: rules, offline (no OPENAI_API_KEY or OPENAI_BASE_URL set)"
    )
