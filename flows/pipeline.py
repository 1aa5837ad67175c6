"""The pipeline flow: ingest → chunk → extract → ground → normalize → store → compare →
report, over the tasks of flows/tasks.py.

Batches are submitted to the flow's task runner a few at a time (chunk → extract →
ground → normalize chained by futures), so they overlap on a Dask or Ray runner, and
stored one by one in order (DuckDB has one writer). Large task inputs are wrapped in
`opaque`: Prefect then resolves them without walking every article and claim inside,
which otherwise costs more than the work itself.
"""

from __future__ import annotations

import itertools
import signal
import time
import uuid
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, runtime
from prefect.context import FlowRunContext
from prefect.exceptions import TerminationSignal
from prefect.futures import PrefectFuture
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import opaque

from flows import progress, workers
from flows.extractors import make_extractor
from flows.run_labels import describe_paths, extractor_tags, label_current_run
from flows.settings import ExtractorChoice, Settings
from flows.sources import discover
from flows.tasks import (
    batched,
    chunk,
    compare,
    estimated_chunks,
    extract,
    ground,
    ingest,
    judge,
    normalize,
    publish_report,
    report,
    store_batch,
)
from models.article import Article, Chunk
from models.claims import Claim
from models.run_summary import RunSummary
from models.text.input_files import unread
from prompts.base import ChunkExtraction, Extractor
from warehouse import extraction_store, ingest_store, run_store
from warehouse.db import session

# A batch in flight: its articles, and futures of its chunks, extractions and claims
# (normalized, with each article's story terms).
_Batch = tuple[
    list[Article],
    PrefectFuture[list[Chunk]],
    PrefectFuture[list[ChunkExtraction]],
    PrefectFuture[tuple[list[Claim], dict[str, list[str]]]],
]


def _whole(value: object) -> Any:
    """`value` as a task input Prefect resolves but does not walk into (typed Any: the
    task signatures do not admit Prefect's annotations). Only on the in-process thread
    runner: a distributed runner (Dask, Ray) ships inputs itself, and the annotation
    would not survive its serialization."""
    context = FlowRunContext.get()
    if context is not None and isinstance(context.task_runner, ThreadPoolTaskRunner):
        return opaque(value)
    return value


def _submit_batch(
    batch: list[Article], ext: Extractor, settings: Settings, db: str, run_id: str
) -> _Batch:
    articles = _whole(batch)
    chunks = chunk.submit(articles, settings.chunk_chars)
    extractions = extract.submit(articles, _whole(chunks), ext, db, run_id)
    grounded = ground.submit(articles, _whole(chunks), _whole(extractions), ext.name, ext.prompt_id)
    normalized = normalize.submit(articles, _whole(grounded), settings.entities, settings.measures)
    return batch, chunks, extractions, normalized


def _store_oldest(window: deque[_Batch], db: str, ext: Extractor, summary: RunSummary) -> None:
    """Wait for the oldest batch in flight, store it, and count it in the summary. It
    leaves the window once stored: an interrupted run still knows it (`_interrupted`)."""
    _store(window[0], db, ext, summary, store_batch)
    window.popleft()


def _store(batch_f: _Batch, db: str, ext: Extractor, summary: RunSummary, save: Any) -> None:
    batch, chunks_f, extractions_f, claims_f = batch_f
    chunks, extractions = chunks_f.result(), extractions_f.result()
    claims, terms = claims_f.result()
    failures = [f for x in extractions if (f := x.failure())]
    save(
        db,
        [a.article_id for a in batch],
        _whole(chunks),
        _whole(claims),
        _whole(terms),
        failures,
        ext.name,
        ext.prompt_id,
        summary.run_id,
    )
    summary.n_chunks += len(chunks)
    summary.n_claims += len(claims)
    summary.n_failed_chunks += len(failures)
    summary.chunk_errors += failures
    for x in extractions:
        summary.llm_calls += x.llm_calls
        summary.prompt_tokens += x.prompt_tokens
        summary.completion_tokens += x.completion_tokens
        summary.llm_cached_chunks += x.cached
        summary.llm_skipped_chunks += x.skipped
        if (cost := x.cost_usd()) is not None:
            summary.llm_cost_usd = (summary.llm_cost_usd or 0.0) + cost
    summary.n_stored += len(batch)


def _finished(batch: _Batch) -> bool:
    """Whether every task of the batch is done (without waiting)."""
    futures: list[Any] = list(batch[1:])
    return all(getattr(f, "wrapped_future", None) is not None for f in futures) and all(
        f.wrapped_future.done() for f in futures
    )


@contextmanager
def _shielded() -> Iterator[None]:
    """Further Ctrl-C / SIGTERM ignored while an interrupted run saves what it has."""
    saved: dict[signal.Signals, Any] = {}
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            saved[sig] = signal.signal(sig, signal.SIG_IGN)
    except ValueError:  # not the main thread: nothing to shield
        pass
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def _abandon_in_flight(ext: Extractor) -> None:
    """Send no more LLM requests (those waiting come back skipped), and let the flow
    end without waiting for the requests still out: Prefect's thread pool would
    otherwise join them, up to an LLM timeout each."""
    ext.halt("the run was interrupted")
    context = FlowRunContext.get()
    runner = context.task_runner if context is not None else None
    executor = getattr(runner, "_executor", None)
    if isinstance(runner, ThreadPoolTaskRunner) and executor is not None:
        executor.shutdown(wait=False, cancel_futures=True)
        runner._executor = None


def _interrupted(
    window: deque[_Batch], db: str, ext: Extractor, summary: RunSummary, started: float
) -> None:
    """Ctrl-C or SIGTERM: store every batch already finished, abandon the rest, and mark
    the run `interrupted`; the next run over the same files does what is left."""
    logger = get_run_logger()
    with _shielded():
        finished = [b for b in window if _finished(b)]
        _abandon_in_flight(ext)
        for batch in finished:
            try:  # directly, not as a task run: the run is stopping
                _store(batch, db, ext, summary, store_batch.fn)
            except Exception as exc:  # a failed batch is redone next run, like the rest
                logger.warning("interrupted run %s: a batch not stored: %s", summary.run_id, exc)
        summary.status = "interrupted"
        summary.duration_s = round(time.monotonic() - started, 2)
        try:
            with session(db) as con:
                run_store.finish_run(con, summary.run_id, summary.status, summary.counts())
        except Exception as exc:
            logger.warning("interrupted run %s: runs row not updated: %s", summary.run_id, exc)
        left = summary.n_articles - summary.n_skipped - summary.n_stored
        rest = f"the other {left} articles" if left > 0 else "the rest"
        message = (
            f"interrupted: run {summary.run_id} stored {summary.n_stored} articles "
            f"({summary.n_chunks} chunks, {summary.n_claims} claims); the next run over the "
            f"same files does {rest}"
        )
        logger.info(message)  # the CLI prints it (progress.take_stopped)
        progress.stopped(message)


def _run_name() -> str:
    params = runtime.flow_run.parameters
    extractor = params.get("extractor") or "auto"
    return f"crosscheck {describe_paths(params.get('paths') or [])} · {extractor}"


@flow(
    name="crosscheck-pipeline",
    flow_run_name=_run_name,
    # Bounded: 4 chained tasks (chunk, extract, ground, normalize) for each of up to 4
    # batches in flight; a task waiting on its upstream future holds a thread.
    task_runner=ThreadPoolTaskRunner(max_workers=16),  # type: ignore[arg-type]
    log_prints=False,
)
def pipeline(
    paths: list[str], extractor: ExtractorChoice | None = None, db: str | None = None
) -> RunSummary:
    """Extract, ground and normalize the claims of the articles under `paths`, store them
    in the DuckDB warehouse and flag contradictions across sources."""
    started = time.monotonic()
    logger = get_run_logger()
    settings = Settings()
    db = str(db or settings.db)
    ext = make_extractor(settings, extractor)
    flow_run_id = runtime.flow_run.id
    summary = RunSummary(
        run_id=uuid.uuid4().hex[:12],
        flow_run_id=str(flow_run_id or "") or None,
        extractor=ext.name,
        model=ext.model,
        db=db,
    )
    label_current_run(
        f"crosscheck {describe_paths(paths)} · {ext.name}{f' {ext.model}' if ext.model else ''}",
        extractor_tags(ext.name, ext.model),
    )
    with session(db) as con:
        run_store.start_run(con, summary.run_id, summary.flow_run_id, ext.name, ext.model, paths)
    logger.info("run %s: extractor %s, warehouse %s", summary.run_id, ext.name, db)
    window: deque[_Batch] = deque()
    try:
        _run(paths, ext, settings, db, summary, window, started)
    except (KeyboardInterrupt, TerminationSignal):
        _interrupted(window, db, ext, summary, started)
        raise
    report(summary)
    publish_report(db, settings.report)
    logger.info(
        "run %s %s: %d articles, %d claims, %d contradictions (%d new)",
        summary.run_id,
        summary.status,
        summary.n_articles,
        summary.n_claims,
        summary.n_contradictions,
        summary.n_new_contradictions,
    )
    return summary


def _run(
    paths: list[str],
    ext: Extractor,
    settings: Settings,
    db: str,
    summary: RunSummary,
    window: deque[_Batch],
    started: float,
) -> None:
    """The run up to its runs row's final status; batches in flight are in `window`."""
    logger = get_run_logger()

    files, file_errors = discover([Path(p) for p in paths])
    summary.n_files = len(files)
    with workers.running(settings.workers if workers.worth_it(settings.workers, len(files)) else 1):
        articles, read_errors, inputs = ingest(files)
        inputs = [unread(e.path, e.message) for e in file_errors] + inputs
        summary.n_duplicate_files = sum(f.status == "duplicate" for f in inputs)
        file_errors += read_errors
        summary.file_errors = [(e.path, e.message) for e in file_errors]
        for path, why in summary.file_errors:
            logger.warning("not ingested: %s: %s", path, why)
        with session(db) as con:
            done = extraction_store.done_articles(
                con, [a.article_id for a in articles], ext.name, ext.prompt_id
            )
        todo = [a for a in articles if a.article_id not in done]
        summary.n_articles, summary.n_skipped = len(articles), len(done)

        progress.report("extract", 0, estimated_chunks(todo, settings.chunk_chars))
        # Batches overlap (the LLM extractor bounds its requests across all of them, the
        # rules extractor's go to the worker processes), so one batch's slow tail does
        # not leave the others' slots idle. The first ones are under way while the
        # articles are written; their claims are stored after.
        batches = batched(todo, settings.batch_size)
        window.extend(
            _submit_batch(list(b), ext, settings, db, summary.run_id)
            for b in itertools.islice(batches, settings.batches_in_flight)
        )
        with session(db) as con:
            ingest_store.save_articles(con, articles, summary.run_id)
            ingest_store.save_ingest_errors(con, file_errors, summary.run_id)
            ingest_store.save_input_files(con, inputs, summary.run_id)
        for batch in batches:
            _store_oldest(window, db, ext, summary)
            window.append(_submit_batch(list(batch), ext, settings, db, summary.run_id))
        while window:
            _store_oldest(window, db, ext, summary)
    # Compare reads the warehouse: let every article's text go (330 MB at 10 000).
    del articles, todo

    progress.report("compare", 0, 1)
    summary.n_contradictions, summary.n_new_contradictions = compare(
        db, summary.run_id, settings.entities
    )
    if settings.judge_enabled(ext.name):
        j = judge(db, summary.run_id)
        summary.n_contradictions += j.contradictions
        summary.n_new_contradictions += j.new_contradictions
        summary.judge_pairs, summary.judge_cached = j.pairs, j.cached
        summary.judge_calls, summary.judge_failed = j.calls, j.failed
        summary.judge_tokens = j.prompt_tokens + j.completion_tokens
        summary.judge_errors = j.errors[:20]
    progress.report("compare", 1, 1)
    partial = summary.file_errors or summary.n_failed_chunks
    summary.status = "partial" if partial else "completed"
    summary.duration_s = round(time.monotonic() - started, 2)
    with session(db) as con:
        run_store.finish_run(con, summary.run_id, summary.status, summary.counts())
