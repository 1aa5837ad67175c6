"""The progress bar counts chunks (done/total, with the time left) for the rules
extractor and the LLM, and the run summary says each chunk failure reason once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from cli.runner import failure_lines
from flows import progress
from tests.conftest import SEEDS
from tests.stub_openai import StubOpenAI

pytestmark = pytest.mark.usefixtures("prefect_harness")


@pytest.fixture
def events() -> Iterator[list[tuple[str, int, int]]]:
    seen: list[tuple[str, int, int]] = []
    progress.set_listener(lambda stage, done, total: seen.append((stage, done, total)))
    try:
        yield seen
    finally:
        progress.set_listener(None)


def _check_chunk_counts(seen: list[tuple[str, int, int]], n_chunks: int, ticks: int) -> None:
    extract = [(d, t) for s, d, t in seen if s == "extract"]
    done = [d for d, _ in extract]
    assert done == sorted(done), "chunks done never goes back"
    assert all(d <= t for d, t in extract)
    assert extract[-1] == (n_chunks, n_chunks)
    assert len({d for d in done if d}) >= ticks  # this many distinct steps at least


def test_rules_run_counts_chunks(
    events: list[tuple[str, int, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.pipeline import pipeline

    monkeypatch.setenv("CROSSCHECK_BATCH_SIZE", "3")
    summary = pipeline(paths=[str(SEEDS)], extractor="rules", db=str(tmp_path / "r.duckdb"))
    assert summary.n_chunks > summary.n_articles  # chunks, not articles, are counted
    _check_chunk_counts(events, summary.n_chunks, ticks=2)


def test_llm_run_counts_each_chunk_as_it_is_answered(
    events: list[tuple[str, int, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.pipeline import pipeline

    with StubOpenAI() as stub:
        monkeypatch.setenv("OPENAI_BASE_URL", stub.base_url)
        monkeypatch.setenv("CROSSCHECK_MODEL", "stub-model")
        monkeypatch.setenv("CROSSCHECK_JUDGE", "off")
        db = str(tmp_path / "l.duckdb")
        summary = pipeline(paths=[str(SEEDS)], extractor="openai", db=db)
        assert summary.llm_calls == summary.n_chunks
        _check_chunk_counts(events, summary.n_chunks, ticks=summary.n_chunks)
        events.clear()
        again = pipeline(paths=[str(SEEDS)], extractor="openai", db=db)  # nothing to do
    assert again.n_stored == 0
    assert [e for e in events if e[0] == "extract"][-1] == ("extract", 0, 0)


def test_cli_bar_shows_chunks_and_time_left(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["run", str(SEEDS), "--extractor", "rules", "--db", str(tmp_path / "c.duckdb")]
    )
    assert result.exit_code == 0, result.output
    assert "extract (chunks)" in result.output and " left " in result.output


def test_a_reason_is_said_once_per_line() -> None:
    stop = "the endpoint refused the API key (401)"
    errors = [
        ("a1", 0, stop),  # the request that met it
        ("a1", 1, f"skipped: {stop}"),  # the chunks not sent after it
        ("a2", 0, f"skipped: {stop}"),
        ("a3", 0, f"skipped: {stop}; skipped: {stop}"),  # both halves of a split chunk
        ("a4", 0, "finish_reason=length; finish_reason=length"),
    ]
    lines = failure_lines(errors)
    assert lines == [
        (f"{stop} (3 not sent)", ["a1#0", "a1#1", "a2#0", "a3#0"]),
        ("finish_reason=length", ["a4#0"]),
    ]
    assert all(why.count(stop) <= 1 for why, _ in lines)
    only_skipped = failure_lines([("a1", 0, f"skipped: {stop}; skipped: {stop}")])
    assert only_skipped == [(f"{stop} (not sent)", ["a1#0"])]
