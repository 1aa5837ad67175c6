"""Running the pipeline flow from a terminal: a progress bar, then the summary."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from flows import progress
from flows.pipeline import RunSummary, pipeline
from flows.settings import ExtractorChoice
from warehouse.db import session

console = Console()


def run_with_progress(
    paths: list[str], extractor: ExtractorChoice | None, db: str | None
) -> RunSummary:
    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )
    tasks: dict[str, TaskID] = {}

    def listen(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    console.print("[dim]starting Prefect (the temporary server takes a few seconds)…[/dim]")
    progress.set_listener(listen)
    try:
        with bar:
            summary = pipeline(paths=paths, extractor=extractor, db=db)
    finally:
        progress.set_listener(None)
    print_summary(summary)
    return summary


def _files(s: RunSummary) -> str:
    """'10 files (1 duplicate of another)': why 10 files can make 9 articles (files_v)."""
    if not s.n_duplicate_files:
        return f"{s.n_files} files"
    dup = "duplicate" if s.n_duplicate_files == 1 else "duplicates"
    return f"{s.n_files} files ({s.n_duplicate_files} {dup} of another: files_v)"


def print_summary(s: RunSummary) -> None:
    from flows.cli import show_contradictions

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
    # One line per distinct reason: a dead endpoint is one message, not one per chunk.
    reasons: dict[str, list[str]] = {}
    for article_id, idx, why in s.chunk_errors:
        reasons.setdefault(why, []).append(f"{article_id}#{idx}")
    for why, where in list(reasons.items())[:20]:
        shown = ", ".join(where[:3]) + (f" and {len(where) - 3} more" if len(where) > 3 else "")
        console.print(f"[yellow]failed chunks[/] ({len(where)}): {why} [dim]{shown}[/dim]")
    with session(s.db, read_only=True) as con:
        show_contradictions(con, console=console)
