"""Running the pipeline flow from a terminal: a progress bar, then the summary.

Ctrl-C and SIGTERM stop a run cleanly: both raise KeyboardInterrupt in the main thread
(Prefect turns SIGTERM into its TerminationSignal while the flow runs), the flow stores
the batches already finished and marks its runs row `interrupted`, and `exit_now` then
stops Prefect's temporary server and ends the process (130 for SIGINT, 143 for SIGTERM)
without joining the threads still waiting on abandoned LLM requests.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from flows import progress
from flows.pipeline import pipeline
from flows.settings import ExtractorChoice
from models.errors import CrosscheckError
from models.run_summary import RunSummary
from warehouse.db import session

console = Console()

# What each bar counts: chunks for extraction (an LLM call each), one step for compare.
STAGES = {"extract": "extract (chunks)", "compare": "compare"}


class Interrupted(CrosscheckError):
    """The run was stopped by a signal; `code` is the process's exit code."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so the same cleanup runs."""


@contextmanager
def signals_interrupt() -> Iterator[list[int]]:
    """SIGINT and SIGTERM raise KeyboardInterrupt (Terminated) in the main thread while
    the block runs; the list gets the signals received."""
    received: list[int] = []

    def on_signal(signum: int, frame: FrameType | None) -> None:
        received.append(int(signum))
        raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()

    saved: dict[signal.Signals, object] = {}
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            saved[sig] = signal.signal(sig, on_signal)
    except ValueError:  # not the main thread
        pass
    try:
        yield received
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]


def _exit_code(exc: BaseException, received: list[int]) -> int:
    from prefect.exceptions import TerminationSignal

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, Terminated | TerminationSignal):
            return 128 + signal.SIGTERM
        seen = seen.__context__
    return 128 + (received[0] if received else signal.SIGINT)


def stop_prefect_server() -> None:
    """Stop the temporary Prefect server this process started (none when
    PREFECT_API_URL is set): Prefect stops it at exit, which exit_now skips."""
    from prefect.server.api.server import SubprocessASGIServer

    for server in list(SubprocessASGIServer._instances.values()):
        server.stop()


def exit_now(code: int) -> NoReturn:
    """End an interrupted run's process: the threads still waiting on abandoned LLM
    requests are not joined (they would hold it up to an LLM timeout)."""
    with _ignoring_signals():
        try:
            stop_prefect_server()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)


@contextmanager
def _ignoring_signals() -> Iterator[None]:
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)
    except ValueError:
        pass
    yield


def run_with_progress(
    paths: list[str], extractor: ExtractorChoice | None, db: str | None
) -> RunSummary:
    """Run the flow with a progress bar and print its summary. Raises Interrupted after
    SIGINT or SIGTERM, once the flow has saved what it finished."""
    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )
    tasks: dict[str, TaskID] = {}

    def listen(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=total)
        bar.update(tasks[stage], completed=done, total=total)

    from prefect.exceptions import TerminationSignal

    stopped: str | None = None
    with signals_interrupt() as received:
        try:
            console.print("[dim]starting Prefect (the temporary server takes a few seconds)…[/dim]")
            progress.set_listener(listen)
            try:
                with bar:
                    summary = pipeline(paths=paths, extractor=extractor, db=db)
            finally:
                stopped = progress.take_stopped()
                progress.set_listener(None)
            print_summary(summary)
        except (KeyboardInterrupt, TerminationSignal) as exc:  # Terminated too
            nothing = "interrupted before any article was stored"
            console.print(f"[yellow]{stopped or nothing}[/]")
            raise Interrupted(_exit_code(exc, received)) from None
    return summary


def _files(s: RunSummary) -> str:
    """'10 files (1 duplicate of another)': why 10 files can make 9 articles (files_v)."""
    if not s.n_duplicate_files:
        return f"{s.n_files} files"
    dup = "duplicate" if s.n_duplicate_files == 1 else "duplicates"
    return f"{s.n_files} files ({s.n_duplicate_files} {dup} of another: files_v)"


def print_summary(s: RunSummary) -> None:
    from cli.stories import print_contradictions

    colour = "green" if s.status == "completed" else "yellow"
    console.print(
        f"\n[bold {colour}]{s.status}[/] run [bold]{s.run_id}[/] with the [bold]{s.extractor}[/] "
        f"extractor: {_files(s)}, {s.n_articles} articles ({s.n_skipped} already done), "
        f"{s.n_chunks} chunks, "
        f"{s.n_claims} claims, {s.n_contradictions} contradictions "
        f"({s.n_new_contradictions} new). Warehouse: {s.db}"
    )
    if s.llm_calls or s.llm_cached_chunks or s.llm_skipped_chunks:
        cost = f", ~${s.llm_cost_usd:.4f}" if s.llm_cost_usd is not None else ""
        console.print(
            f"LLM: {s.llm_calls} calls, {s.prompt_tokens} prompt + "
            f"{s.completion_tokens} completion tokens{cost}; {s.llm_cached_chunks} chunks "
            f"from cache, {s.llm_skipped_chunks} skipped"
        )
    if s.judge_pairs:
        console.print(
            f"LLM judge: {s.judge_pairs} text-claim pairs ({s.judge_cached} from cache), "
            f"{s.judge_calls} calls, {s.judge_tokens} tokens, {s.judge_failed} failed"
            + (f" [yellow](first: {s.judge_errors[0]})[/]" if s.judge_errors else "")
        )
    for path, why in s.file_errors:
        console.print(f"[yellow]not ingested[/]: {path}: {why}")
    for why, where in failure_lines(s.chunk_errors)[:20]:
        shown = ", ".join(where[:3]) + (f" and {len(where) - 3} more" if len(where) > 3 else "")
        console.print(f"[yellow]failed chunks[/] ({len(where)}): {why} [dim]{shown}[/dim]")
    with session(s.db, read_only=True) as con:
        print_contradictions(con, console=console)


def _reason(why: str) -> str:
    """A chunk's failure as said once: the halves of a split chunk that both failed, or
    were both skipped, for one reason give that reason once, and a skipped chunk is
    grouped with the failure that stopped the calls ("skipped: X" is X)."""
    parts: list[str] = []
    for part in why.split("; "):
        part = part.removeprefix("skipped: ")
        if part not in parts:
            parts.append(part)
    return "; ".join(parts)


def failure_lines(chunk_errors: list[tuple[str, int, str]]) -> list[tuple[str, list[str]]]:
    """One line per distinct reason (a dead endpoint is one message, not one per chunk):
    the reason, with how many of its chunks were not sent, and where."""
    reasons: dict[str, list[str]] = {}
    skipped: dict[str, int] = {}
    for article_id, idx, why in chunk_errors:
        key = _reason(why)
        reasons.setdefault(key, []).append(f"{article_id}#{idx}")
        skipped[key] = skipped.get(key, 0) + why.startswith("skipped: ")
    return [
        (
            why
            + (
                f" ({skipped[why]} not sent)"
                if skipped[why] and skipped[why] < len(where)
                else " (not sent)"
                if skipped[why]
                else ""
            ),
            where,
        )
        for why, where in reasons.items()
    ]
