"""The scheduled inbox flow: run the pipeline on the files in the inbox folder
(CROSSCHECK_INBOX, default inbox/) that are new or changed since they were last
processed, by content hash, and record each file's outcome in the warehouse (inbox_v).

Files are left where they are: nothing is moved or deleted, so nothing can be lost
between a move and a crash. A tick with nothing new costs a stat and a SHA-256 per
file and one query. A run killed halfway records nothing for its files, so the next
tick sends them again and the pipeline skips the articles already extracted.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from prefect import flow, get_run_logger, runtime, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE

from flows.pipeline import pipeline
from flows.run_labels import describe_paths, label_current_run
from flows.settings import ExtractorChoice, Settings
from flows.sources import discover, load_articles
from models.errors import TerminalError
from models.run_summary import RunSummary
from warehouse import inbox as ledger
from warehouse.db import session
from warehouse.inbox import FileOutcome, InboxFile, Status


class InboxMissing(TerminalError, FileNotFoundError):
    """The inbox folder does not exist."""


@task(name="scan-inbox", cache_policy=NO_CACHE)
def scan(folder: Path) -> tuple[list[InboxFile], dict[str, str]]:
    """Every regular file under `folder` with the SHA-256 of its bytes, and why the
    pipeline cannot read some of them (unsupported type), by path. Hidden files and
    .csv/.tsv companions (sources.csv) are not articles and are passed over."""
    files, problems = discover([folder])
    rejected = {str(Path(e.path).resolve()): e.message for e in problems if e.kind == "unsupported"}
    found = []
    for f in [*files, *(Path(p) for p in rejected)]:
        try:
            with f.open("rb") as fh:
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
            found.append(InboxFile(path=str(f.resolve()), sha256=digest, size=f.stat().st_size))
        except OSError:
            continue  # vanished or unreadable between listing and reading: seen next tick
    return found, rejected


@task(name="identify", cache_policy=NO_CACHE)
def identify(
    files: list[InboxFile], rejected: dict[str, str]
) -> tuple[list[InboxFile], list[FileOutcome], dict[str, list[str]]]:
    """Split pending files into those the pipeline can ingest (with their article ids;
    a .jsonl file holds several) and those it cannot (failed, with the reason)."""
    ok: list[InboxFile] = []
    failed: list[FileOutcome] = []
    articles_of: dict[str, list[str]] = {}
    for f in files:
        if f.path in rejected:
            failed.append(FileOutcome(file=f, status="failed", reason=rejected[f.path]))
            continue
        articles, errors = load_articles([Path(f.path)])
        if articles:
            ok.append(f)
            articles_of[f.path] = [a.article_id for a in articles]
        else:
            reasons = [e.message for e in errors if e.path == f.path] or [e.message for e in errors]
            why = "; ".join(reasons) or "no article in the file"
            failed.append(FileOutcome(file=f, status="failed", reason=why))
    return ok, failed, articles_of


def outcomes_after(
    files: list[InboxFile], articles_of: dict[str, list[str]], summary: RunSummary
) -> list[FileOutcome]:
    """Each ingested file's outcome: partial when a chunk of one of its articles failed."""
    failed_chunks: dict[str, list[str]] = {}
    for article_id, idx, why in summary.chunk_errors:
        failed_chunks.setdefault(article_id, []).append(f"chunk {idx}: {why}")
    file_errors = dict(summary.file_errors)
    out = []
    for f in files:
        ids = articles_of[f.path]
        one = ids[0] if len(ids) == 1 else None
        failures = [w for a in ids for w in failed_chunks.get(a, [])]
        if f.path in file_errors:  # changed or vanished since identify()
            out.append(FileOutcome(file=f, status="failed", reason=file_errors[f.path]))
        else:
            reason = "; ".join(failures[:5]) or None
            status: Status = "partial" if failures else "done"
            out.append(
                FileOutcome(
                    file=f, status=status, article_id=one, n_articles=len(ids), reason=reason
                )
            )
    return out


def _inbox_run_name() -> str:
    folder = runtime.flow_run.parameters.get("inbox") or Settings().inbox
    return f"inbox {Path(folder).name}/"


@flow(name="crosscheck-inbox", flow_run_name=_inbox_run_name, log_prints=False)
def process_inbox(
    inbox: str | None = None, extractor: ExtractorChoice | None = None, db: str | None = None
) -> RunSummary | None:
    """Run the pipeline on the inbox files that are new or changed since the last run.
    Returns the pipeline's summary, or None when there was nothing new."""
    logger = get_run_logger()
    settings = Settings()
    folder = Path(inbox or settings.inbox).resolve()
    db = str(db or settings.db)
    if not folder.is_dir():
        raise InboxMissing(
            f"inbox folder {folder} does not exist: create it or set CROSSCHECK_INBOX"
        )
    seen, rejected = scan(folder)
    with session(db) as con:
        todo = ledger.pending(con, seen)
    what = f"{describe_paths([f.path for f in todo])} new" if todo else "nothing new"
    label_current_run(f"inbox {folder.name}/: {what}")
    if not todo:
        logger.info("nothing new in %s (%d files already processed)", folder, len(seen))
        return None
    logger.info("%d of %d files in %s are new or changed", len(todo), len(seen), folder)

    ok, failed, articles_of = identify(todo, rejected)
    for o in failed:
        logger.warning("not ingested: %s: %s", o.file.path, o.reason)
    summary = None
    if ok:
        summary = pipeline(paths=[f.path for f in ok], extractor=extractor, db=db)
    outcomes = failed + (outcomes_after(ok, articles_of, summary) if summary else [])
    with session(db) as con:
        ledger.record(con, outcomes, summary.run_id if summary else None)
    create_table_artifact(
        key="inbox-files",
        table=[
            {"file": o.file.path, "status": o.status, "reason": o.reason or ""} for o in outcomes
        ],
        description=f"What this run did with each new or changed file in {folder}",
    )
    return summary
