"""The LLM judge of text claims against the stub server on 127.0.0.1: two sources that
say the relocation is optional and forced give a 'text' conflict; a re-run asks
nothing; a judge that fails (500s) records nothing and the run completes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.app import app
from flows.settings import Settings
from tests.stub_openai import Fault, StubOpenAI
from warehouse.db import session

pytestmark = pytest.mark.usefixtures("prefect_harness")
runner = CliRunner()

OPTIONAL = "微软表示，这是面向员工的可选的内部调动机会，员工可以自愿决定是否前往。"
FORCED = "知情人士称，微软要求员工接受调动，否则可能面临裁员，实为变相裁员。"
ARTICLES = {"a.md": ("凤凰网", OPTIONAL), "b.md": ("华尔街日报", FORCED)}


def _answer(text: str) -> list[dict[str, Any]]:
    """The extractor's reply: the article's sentence as one claim about 微软 relocating."""
    quote = text.strip()
    return [
        {
            "quote": quote,
            "claim_text": quote,
            "subject": "微软",
            "predicate": "relocate",
            "attributed_to": None,
            "hedged": False,
        }
    ]


def _judge(user: str) -> dict[str, str]:
    if "可选" in user and "裁员" in user:
        return {
            "verdict": "contradiction",
            "explanation": "凤凰网称调动可选，华尔街日报称拒绝者可能被裁：两者不能同时成立。",
        }
    return {"verdict": "compatible", "explanation": "Both can be true."}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, (outlet, text) in ARTICLES.items():
        (folder / name).write_text(f"---\noutlet: {outlet}\n---\n{text}\n", encoding="utf-8")
    return folder


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> Iterator[StubOpenAI]:
    with StubOpenAI(answer=_answer, judge=_judge) as s:
        monkeypatch.setenv("OPENAI_BASE_URL", s.base_url)
        monkeypatch.setenv("CROSSCHECK_MODEL", "stub-model")
        monkeypatch.setenv("CROSSCHECK_LLM_BACKOFF_INITIAL", "0.01")
        monkeypatch.setenv("CROSSCHECK_LLM_BACKOFF_MAX", "0.05")
        yield s


def _run(corpus: Path, db: Path) -> dict[str, Any]:
    result = runner.invoke(app, ["run", str(corpus), "--extractor", "openai", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with session(db, read_only=True) as con:
        rows = con.execute(
            "SELECT kind, aspect, value_a, value_b, explanation, detector FROM contradictions_v"
        ).fetchall()
        judged = con.execute("SELECT verdict FROM llm_judgements").fetchall()
        status = con.execute("SELECT status FROM runs_v ORDER BY started_at DESC").fetchone()
    return {
        "rows": rows,
        "judged": judged,
        "status": status[0] if status else None,
        "output": result.output,
    }


def test_judge_flags_optional_vs_forced_relocation_and_a_rerun_asks_nothing(
    stub: StubOpenAI, corpus: Path, tmp_path: Path
) -> None:
    db = tmp_path / "judge.duckdb"
    first = _run(corpus, db)
    assert stub.judge_calls() == 1
    [(kind, aspect, value_a, value_b, explanation, detector)] = first["rows"]
    assert (kind, aspect) == ("conflict", "text")
    assert detector.startswith("judge_contradiction.v1#")
    assert {value_a, value_b} == {OPTIONAL, FORCED}
    assert "不能同时成立" in explanation
    assert first["judged"] == [("contradiction",)]
    # Both quotes went to the judge between its markers, as untrusted data.
    judge_request = next(
        r for r in stub.requests if "<<<CLAIM A " in json.dumps(r, ensure_ascii=False)
    )
    assert judge_request["response_format"]["type"] == "json_schema"

    second = _run(corpus, db)
    assert stub.judge_calls() == 1  # answered from llm_judgements
    assert second["rows"] == first["rows"]  # the rules' replace left the judge's row


def test_a_failing_judge_records_nothing_and_the_run_completes(
    stub: StubOpenAI, corpus: Path, tmp_path: Path
) -> None:
    stub.on("<<<CLAIM A ", *[Fault.status(500)] * 4)
    db = tmp_path / "failing.duckdb"
    run = _run(corpus, db)
    assert stub.judge_calls() == 4  # every attempt, then the pair is given up
    assert run["rows"] == [] and run["judged"] == []
    assert run["status"] == "completed"
    assert "1 failed" in run["output"] and "HTTP 500" in run["output"]

    again = _run(corpus, db)  # not cached: asked again, and this time answered
    assert stub.judge_calls() == 5
    assert [r[1] for r in again["rows"]] == ["text"]


def test_judge_off_makes_no_judge_call(
    stub: StubOpenAI, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CROSSCHECK_JUDGE", "off")
    run = _run(corpus, tmp_path / "off.duckdb")
    assert stub.judge_calls() == 0 and run["rows"] == []


def test_the_judge_runs_only_with_an_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CROSSCHECK_JUDGE"):
        monkeypatch.delenv(name, raising=False)
    assert not Settings().judge_enabled("rules")
    assert not Settings(judge="on").judge_enabled("rules")  # nothing to call
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert Settings().judge_enabled("openai")
    assert not Settings().judge_enabled("rules")  # auto follows the run's extractor
    assert Settings(judge="on").judge_enabled("rules")
    assert not Settings(judge="off").judge_enabled("openai")
