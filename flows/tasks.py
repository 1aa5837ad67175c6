"""The pipeline's tasks: thin wrappers over models/, prompts/ and warehouse/, one per
batch of articles (a Prefect task run has a cost of its own, so never one per
sentence). The flow that chains them is flows/pipeline.py."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import State

from flows import progress, workers
from flows.extractors import load_gazetteer, load_vocabulary
from flows.judge import JudgeStats, run_judge
from flows.settings import Settings
from flows.sources import read_inputs
from models.article import Article, Chunk
from models.claims import Claim
from models.compare.contradictions import DETECTOR, facts_of_rows, iter_comparisons, party_keys
from models.compare.stories import group_stories
from models.gcpause import paused_gc
from models.normalize.grounding import ground_claims, unique_claims
from models.normalize.normalizer import normalize_claims
from models.run_summary import RunSummary
from models.text.chunking import chunk_article
from models.text.ingest import FileError
from models.text.input_files import InputFile
from prompts.base import ChunkExtraction, Extractor
from reporting.html import write_report
from reporting.markdown import summary_markdown, top_disagreements_markdown
from warehouse import compare_store, extraction_store, listings
from warehouse.db import WarehouseBusy, session
from warehouse.llm_log import ReplyStore
from warehouse.report_data import report_data

T = TypeVar("T")


def _warehouse_busy(task: object, task_run: object, state: State) -> bool:
    """Retry a warehouse task only when another process held the file too long; its
    writes are idempotent, so a retry redoes nothing twice."""
    return isinstance(state.data, WarehouseBusy)


# Warehouse writes are retried only while another process holds the file (idempotent).
WAREHOUSE_RETRIES: dict[str, Any] = {
    "cache_policy": NO_CACHE,
    "retries": 3,
    "retry_delay_seconds": [5, 15, 30],
    "retry_condition_fn": _warehouse_busy,
}


def batched(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


@task(name="ingest", cache_policy=NO_CACHE)
def ingest(files: list[Path]) -> tuple[list[Article], list[FileError], list[InputFile]]:
    return read_inputs(files)


def estimated_chunks(articles: Sequence[Article], max_chars: int) -> int:
    """About how many chunks `articles` make, for the progress bar's total until their
    batch is chunked (the chunk task then corrects it)."""
    return sum(max(1, math.ceil(len(a.text) / max(1, max_chars))) for a in articles)


@task(name="chunk", cache_policy=NO_CACHE)
def chunk(articles: list[Article], max_chars: int) -> list[Chunk]:
    chunks = [c for a in articles for c in chunk_article(a, max_chars)]
    progress.advance("extract", total=len(chunks) - estimated_chunks(articles, max_chars))
    return chunks


def _tick(chunks_done: int) -> None:
    progress.advance("extract", chunks_done)


# No task timeout: submitted tasks run in worker threads, where Prefect cannot interrupt
# them; each LLM request has its own timeout and bounded retries (CROSSCHECK_LLM_*).
@task(name="extract", cache_policy=NO_CACHE)
def extract(
    articles: list[Article], chunks: list[Chunk], extractor: Extractor, db: str, run_id: str
) -> list[ChunkExtraction]:
    """The extractor's batch: LLM replies cached in the warehouse, CPU-bound work in the
    worker processes when they are running, each chunk counted on the progress bar."""
    return extractor.extract_batch(
        articles,
        chunks,
        ReplyStore(db, run_id),
        done=_tick,
        cpu_map=partial(workers.map, chunksize=5),
    )


@task(name="ground", cache_policy=NO_CACHE)
def ground(
    articles: list[Article],
    chunks: list[Chunk],
    extractions: list[ChunkExtraction],
    extractor: str,
    prompt_id: str,
) -> list[Claim]:
    by_article = {a.article_id: a for a in articles}
    by_chunk = {(c.article_id, c.idx): c for c in chunks}
    # A claim drawn from a low-quality span (unrepaired mojibake) is dropped; a span
    # two chunks both gave (one quoting the other's context) is one claim.
    grounded = [
        claim
        for x in extractions
        for claim in ground_claims(
            by_article[x.article_id],
            by_chunk[(x.article_id, x.chunk_idx)],
            x.claims,
            extractor,
            prompt_id,
        )
        if not by_article[x.article_id].is_low_quality(claim.start_char, claim.end_char)
    ]
    return unique_claims(grounded, chunks)


@task(name="normalize", cache_policy=NO_CACHE)
def normalize(
    articles: list[Article], claims: list[Claim], entities: Path, measures: Path
) -> tuple[list[Claim], dict[str, list[str]]]:
    """The claims normalized, and each article's story terms (articles with claims)."""
    gazetteer, _ = load_gazetteer(entities)
    vocabulary = load_vocabulary(measures)
    by_article: dict[str, list[Claim]] = {a.article_id: [] for a in articles}
    for c in claims:
        by_article[c.article_id].append(c)
    work = [(a, by_article[a.article_id]) for a in articles if by_article[a.article_id]]
    done = workers.map(partial(normalize_claims, gazetteer, vocabulary), work, chunksize=5)
    terms = {a.article_id: t for (a, _), (_, t) in zip(work, done, strict=True)}
    return [c for cs, _ in done for c in cs], terms


@task(name="store", **WAREHOUSE_RETRIES)
def store_batch(
    db: str,
    article_ids: list[str],
    chunks: list[Chunk],
    claims: list[Claim],
    terms: dict[str, list[str]],
    failures: list[tuple[str, int, str]],
    extractor: str,
    prompt_id: str,
    run_id: str,
) -> None:
    with session(db) as con:
        extraction_store.save_extraction(
            con, article_ids, chunks, claims, failures, extractor, prompt_id, run_id, terms
        )


@task(name="compare", **WAREHOUSE_RETRIES)
def compare(db: str, run_id: str, entities: Path) -> tuple[int, int]:
    """(all contradictions, new in this run), over every claim in the warehouse; claim
    relations (updates, syndicated copies) are stored beside them. The results are
    written part by part as they are found (the session stays open meanwhile): a large
    corpus has too many to hold at once."""
    gazetteer, text = load_gazetteer(entities)
    with session(db) as con, paused_gc():
        stories = group_stories(compare_store.load_story_articles(con))
        compare_store.replace_stories(con, stories, run_id)
        # The stored rows are dropped once their facts are read: no name holds them.
        facts = facts_of_rows(
            compare_store.load_compare_rows(con), gazetteer.key_of, party_keys(text)
        )
        return compare_store.replace_comparison(con, iter_comparisons(facts), DETECTOR, run_id)


@task(name="judge", cache_policy=NO_CACHE)
def judge(db: str, run_id: str) -> JudgeStats:
    """The LLM judge of text claims (flows.judge), after the typed rules. Reads its
    settings itself so the API key is never a task parameter."""
    return run_judge(Settings(), db, run_id, get_run_logger())


@task(name="report", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=5)
def report(summary: RunSummary) -> None:
    """The run's summary and its new contradictions as Prefect artifacts."""
    with session(summary.db, read_only=True) as con:
        cols, rows = listings.new_contradictions(con, summary.run_id)
    create_table_artifact(
        key="new-contradictions",
        table=[dict(zip(cols, r, strict=True)) for r in rows],
        description=f"Contradictions first found in run {summary.run_id}",
    )
    create_markdown_artifact(
        key="run-summary", markdown=summary_markdown(summary), description="crosscheck run summary"
    )


@task(name="publish report", cache_policy=NO_CACHE)
def publish_report(db: str, out: Path) -> Path:
    """Write the HTML report and its top rows as a markdown artifact."""
    with session(db, read_only=True) as con:
        data = report_data(con)
    path = write_report(data, out)
    create_markdown_artifact(
        key="report",
        markdown=top_disagreements_markdown(data, path),
        description="Top disagreements; the HTML report has them all",
    )
    return path
