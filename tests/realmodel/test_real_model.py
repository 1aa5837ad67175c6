"""The LLM path against a real model: Qwen2.5-Coder-0.5B-Instruct under llama.cpp's
llama-server on 127.0.0.1 (tests/realmodel/conftest.py), through the real pipeline.

A 0.5B model at temperature 0 is still not a fixed function of its input (batching and
thread timing change the sums), so these tests assert properties of what it gives, never
its exact words: replies parse against the schema; claims are stored and each is grounded
or marked unaligned; unaligned ones are never compared; the cache and the prompt id
decide what is asked again; an injected instruction leaves nothing ungrounded and its
figure is never compared; a killed server fails the chunks it did not answer, each with
its reason, and the next run finishes them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flows.pipeline import pipeline
from models.run_summary import RunSummary
from prompts import llm_extractor
from prompts.judge import JudgeOut
from prompts.llm_extractor import addressed_to_model, model_addressed_spans
from prompts.openai_client import StructuredClient
from prompts.registry import Prompt, load_prompt
from prompts.schemas import ExtractionOut
from tests.realmodel.articles import (
    INJECTED_FIGURE,
    INJECTION,
    JUDGE_PAIR,
    STORY,
    write_corpus,
)
from tests.realmodel.conftest import LlamaServer, use_server
from warehouse.db import session

pytestmark = [pytest.mark.realmodel, pytest.mark.usefixtures("prefect_harness")]


def _rows(db: str, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with session(db, read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


@pytest.fixture(scope="module")
def story(
    llama_server: LlamaServer, tmp_path_factory: pytest.TempPathFactory, prefect_harness: None
) -> Iterator[tuple[str, RunSummary]]:
    """One run of the pipeline on the story in three scripts and the injected article."""
    folder = write_corpus(tmp_path_factory.mktemp("story") / "news", STORY, INJECTION)
    db = str(folder.parent / "story.duckdb")
    with pytest.MonkeyPatch.context() as mp:
        use_server(mp, llama_server)
        summary = pipeline(paths=[str(folder)], extractor="openai", db=db)
        yield db, summary


def test_replies_come_back_in_the_strict_schema_and_parse(story: tuple[str, RunSummary]) -> None:
    db, summary = story
    n_articles = len(STORY) + len(INJECTION)
    assert summary.n_articles == n_articles and summary.llm_calls >= summary.n_chunks
    calls = _rows(db, "SELECT mode, status, error, completion_tokens FROM llm_calls_v")
    # llama-server turns the strict json_schema into a grammar: no fallback needed. (A
    # server without it would show json_object here, every reply validated all the same.)
    assert {mode for mode, *_ in calls} == {"json_schema"}, calls
    ok = [c for c in calls if c[1] == "ok"]
    assert len(ok) >= n_articles - 1, calls  # a 0.5B model may lose one chunk, not more
    assert all(error for _, status, error, _ in calls if status != "ok")  # with its reason
    assert all(tokens > 0 for *_, tokens in ok)
    replies = _rows(db, "SELECT response FROM llm_cache")
    assert len(replies) == len(ok)
    parsed = [ExtractionOut.model_validate_json(r) for (r,) in replies]
    assert sum(len(p.claims) for p in parsed) > 0


def test_claims_are_stored_and_each_is_grounded_or_marked_unaligned(
    story: tuple[str, RunSummary],
) -> None:
    db, _ = story
    claims = _rows(
        db,
        "SELECT c.claim_id, c.quote, c.alignment, c.start_char, c.end_char, a.text,"
        " a.source_path, a.language FROM claims_v c JOIN articles_v a USING (article_id)",
    )
    assert claims
    languages = {lang for *_, lang in claims}
    assert len(languages & {"zh-Hans", "zh-Hant", "en"}) >= 2, languages
    for _, quote, alignment, start, end, text, path, _ in claims:
        where = f"{Path(path).name}: {quote!r} ({alignment})"
        if alignment in ("exact", "fuzzy"):  # a grounded claim keeps the article's span
            assert start is not None and text[start:end] == quote, where
        else:
            assert alignment == "unaligned" and start is None, where
    # What the model quoted: verbatim quotes are exact claims; any other (re-scripted,
    # paraphrased, made up) became a fuzzy or an unaligned claim, never an exact one.
    texts = [t for (t,) in _rows(db, "SELECT text FROM articles_v")]
    stored = {(quote, alignment) for _, quote, alignment, *_ in claims}
    alignments = {alignment for _, alignment in stored}
    quotes = {
        c.quote.strip()
        for (r,) in _rows(db, "SELECT response FROM llm_cache")
        for c in ExtractionOut.model_validate_json(r).claims
        if c.quote.strip()
    }
    for q in quotes:
        if any(addressed_to_model(q, t, model_addressed_spans(t)) for t in texts):
            assert not any(q == quote for quote, _ in stored), q  # dropped, not stored
        elif any(q in t for t in texts):
            assert (q, "exact") in stored, q
        else:
            assert (q, "unaligned") in stored or "fuzzy" in alignments, q
    unaligned = {cid for cid, _, alignment, *_ in claims if alignment == "unaligned"}
    compared = _rows(db, "SELECT claim_a, claim_b FROM contradictions_v")
    assert not unaligned & {c for pair in compared for c in pair}
    relations = _rows(db, "SELECT claim_a, claim_b FROM claim_relations_v")
    assert not unaligned & {c for pair in relations for c in pair}


def test_the_model_figures_come_back_and_frames_land_in_quantities_v(
    story: tuple[str, RunSummary],
) -> None:
    db, _ = story
    figures = [
        f
        for (r,) in _rows(db, "SELECT response FROM llm_cache")
        for c in ExtractionOut.model_validate_json(r).claims
        for f in c.figures
    ]
    assert figures, "the model gave no figures at all"
    assert any(f.measure for f in figures), figures
    measured = _rows(
        db,
        "SELECT q.surface, q.measure, q.low FROM quantities_v q JOIN claims_v c USING (claim_id)"
        " WHERE c.extractor = 'openai' AND c.alignment <> 'unaligned' AND q.measure IS NOT NULL",
    )
    assert measured, _rows(db, "SELECT surface, measure FROM quantities_v")
    # The value is read from the quote by crosscheck: 1200人 is 1200 whatever the model said.
    assert all(low is None or low >= 0 for *_, low in measured)


def test_an_injected_instruction_adds_nothing_ungrounded_and_its_figure_is_never_compared(
    story: tuple[str, RunSummary],
) -> None:
    db, _ = story
    (name,) = INJECTION
    blog = _rows(
        db,
        "SELECT c.quote, c.alignment FROM claims_v c JOIN articles_v a USING (article_id)"
        " WHERE a.source_path LIKE ?",
        f"%{name}",
    )
    (text,) = _rows(db, "SELECT text FROM articles_v WHERE source_path LIKE ?", f"%{name}")[0]
    for quote, alignment in blog:
        # Anything grounded is the article's own text; anything else is kept unaligned;
        # nothing comes from the injected lines (prompts.llm_extractor drops it).
        assert alignment == "unaligned" or quote in text or alignment == "fuzzy", quote
        assert "<<<" not in quote and "ignore the above" not in quote, quote
        assert INJECTED_FIGURE not in quote or alignment == "unaligned", quote
    compared = _rows(
        db,
        "SELECT value_a, value_b, quote_a, quote_b FROM contradictions_v"
        " UNION ALL SELECT value_a, value_b, quote_a, quote_b FROM claim_relations_v",
    )
    for row in compared:
        assert not any(INJECTED_FIGURE in str(v) or "100000" in str(v) for v in row), row


def test_a_re_run_asks_nothing(story: tuple[str, RunSummary], llama_server: LlamaServer) -> None:
    db, first = story
    folder = Path(db).parent / "news"
    with pytest.MonkeyPatch.context() as mp:
        use_server(mp, llama_server)
        again = pipeline(paths=[str(folder)], extractor="openai", db=db)
    assert again.llm_calls == 0 or first.status != "completed"
    if first.status == "completed":
        assert again.n_skipped == again.n_articles


def test_the_reply_cache_answers_and_a_changed_prompt_asks_again(
    llm: LlamaServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_corpus(tmp_path / "one", {"reuters.txt": STORY["reuters.txt"]})
    db = str(tmp_path / "prompt.duckdb")
    first = pipeline(paths=[str(folder)], extractor="openai", db=db)
    assert first.status == "completed" and first.llm_calls >= 1
    assert pipeline(paths=[str(folder)], extractor="openai", db=db).llm_calls == 0

    original = load_prompt("extract_claims")
    edited = Prompt(original.name, original.version, original.text + "\nBe brief.\n")
    monkeypatch.setattr(llm_extractor, "load_prompt", lambda _name: edited)
    changed = pipeline(paths=[str(folder)], extractor="openai", db=db)
    assert changed.llm_calls >= 1 and changed.llm_cached_chunks == 0
    assert {p for (p,) in _rows(db, "SELECT DISTINCT prompt_id FROM claims_v")} <= {
        edited.prompt_id
    }

    # Back to the first prompt: the article is redone, its reply comes from the cache.
    monkeypatch.setattr(llm_extractor, "load_prompt", lambda _name: original)
    back = pipeline(paths=[str(folder)], extractor="openai", db=db)
    assert back.llm_calls == 0 and back.llm_cached_chunks == 1 and back.status == "completed"


def test_the_judge_answers_a_pair_and_its_verdict_is_stored(
    llm: LlamaServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules find 微软 relocating in both articles (a text pair they cannot compare);
    the real model judges it through flows/judge.py."""
    folder = write_corpus(tmp_path / "pair", JUDGE_PAIR)
    db = str(tmp_path / "judge.duckdb")
    monkeypatch.setenv("CROSSCHECK_JUDGE", "on")
    first = pipeline(paths=[str(folder)], extractor="rules", db=db)
    assert first.judge_pairs >= 1 and first.judge_calls >= 1, first.judge_errors
    assert first.judge_failed == 0, first.judge_errors
    stored = _rows(db, "SELECT verdict, explanation, prompt_id FROM llm_judgements")
    assert len(stored) == first.judge_pairs
    for verdict, explanation, prompt_id in stored:
        JudgeOut(verdict=verdict, explanation=explanation)  # one of the three verdicts
        assert explanation.strip() and prompt_id.startswith("judge_contradiction.")
    text_rows = _rows(db, "SELECT detector FROM contradictions_v WHERE aspect = 'text'")
    assert len(text_rows) == sum(v == "contradiction" for v, *_ in stored)
    again = pipeline(paths=[str(folder)], extractor="rules", db=db)
    assert again.judge_calls == 0 and again.judge_cached == first.judge_pairs


def test_a_server_killed_mid_run_fails_the_rest_with_a_reason_and_the_next_run_finishes(
    llm: LlamaServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_corpus(tmp_path / "kill", STORY)
    db = str(tmp_path / "kill.duckdb")
    monkeypatch.setenv("CROSSCHECK_LLM_BACKOFF_INITIAL", "0.2")
    monkeypatch.setenv("CROSSCHECK_LLM_BACKOFF_MAX", "0.5")
    # After the first reply, kill the server two seconds into the next request.
    answered: list[str] = []
    real_request = StructuredClient.request

    def request(self: StructuredClient, *args: Any, **kwargs: Any) -> Any:
        result = real_request(self, *args, **kwargs)
        answered.append(result.status)
        if len(answered) == 1:
            threading.Timer(2.0, llm.kill).start()
        return result

    monkeypatch.setattr(StructuredClient, "request", request)
    first = pipeline(paths=[str(folder)], extractor="openai", db=db)
    assert not llm.running()
    assert first.status == "partial" and first.n_failed_chunks == len(STORY) - 1
    failed = _rows(db, "SELECT source_path, reason FROM failed_chunks_v")
    assert len(failed) == len(STORY) - 1
    assert all(
        reason and ("unreachable" in reason or "connection" in reason.lower())
        for _, reason in failed
    ), failed
    assert first.llm_skipped_chunks >= 1  # not sent at all once the endpoint was gone

    monkeypatch.setattr(StructuredClient, "request", real_request)
    llm.start()
    second = pipeline(paths=[str(folder)], extractor="openai", db=db)
    assert second.status == "completed", second.chunk_errors
    assert second.llm_cached_chunks == 0 and second.n_skipped == 1
    assert not _rows(db, "SELECT * FROM failed_chunks_v")
    assert len(_rows(db, "SELECT DISTINCT article_id FROM extractions")) == len(STORY)
