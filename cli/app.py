"""The `crosscheck` command line (also `python -m cli`, and `python -m flows` as documented).

Commands that only read the warehouse never import Prefect, so they start fast.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console

from cli.render import Format, print_rows
from flows.settings import ExtractorChoice, Settings

app = typer.Typer(
    name="crosscheck",
    help="Extract checkable claims from Chinese and English news, ground them to their "
    "characters, normalize their numbers and flag where sources disagree.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)

EXIT_PARTIAL = 3  # the run finished but some files or chunks failed (see the summary)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="DuckDB warehouse file [default: $CROSSCHECK_DB or warehouse/crosscheck.duckdb]",
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="output format")]
LimitOption = Annotated[int, typer.Option("--limit", "-n", help="at most this many rows")]


def _db(db: Path | None) -> Path:
    return db or Settings().db


@app.command()
def run(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="article files or folders (.txt .md .html .jsonl; a folder's sources.csv"
            " gives metadata)"
        ),
    ] = None,
    extractor: Annotated[
        ExtractorChoice | None,
        typer.Option(
            help="auto = openai when OPENAI_API_KEY or OPENAI_BASE_URL is set, else rules "
            "[default: $CROSSCHECK_EXTRACTOR or auto]"
        ),
    ] = None,
    db: DbOption = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="show Prefect's logs")] = False,
) -> None:
    """Run the pipeline flow on PATHS (default: seeds/) and show what disagrees."""
    if not verbose:
        # Logs still reach the Prefect API (and UI); the terminal shows progress instead.
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
    from cli.runner import Interrupted, exit_now, run_with_progress
    from flows.extractors import ExtractorUnavailable, preflight

    targets = [str(p) for p in (paths or [Path("seeds")])]
    try:
        err.print(f"[dim]{preflight(Settings(), extractor)}[/dim]")
        summary = run_with_progress(targets, extractor, str(_db(db)) if db else None)
    except ExtractorUnavailable as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None
    except Interrupted as exc:  # Ctrl-C / SIGTERM: finished batches are stored
        exit_now(exc.code)  # 130 / 143, Prefect's temporary server stopped
    if summary.status == "partial":
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def serve(
    names: Annotated[
        list[str] | None,
        typer.Argument(help="deployments of prefect.yaml to serve [default: all of them]"),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="flow runs at once in this process")] = 1,
) -> None:
    """Serve the deployments of prefect.yaml (the inbox every 10 minutes, seeds on demand)
    from this process, against the Prefect server at $PREFECT_API_URL. Ctrl-C stops it."""
    from flows.deploy import PREFECT_YAML, ServeError, check_server, read_deployments, select
    from flows.deploy import serve as serve_deployments

    settings = Settings()
    try:
        specs = select(read_deployments(PREFECT_YAML), names)
        url = check_server()
    except ServeError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None
    settings.inbox.mkdir(parents=True, exist_ok=True)
    err.print(
        f"serving {', '.join(s.name for s in specs)} against {url}: inbox "
        f"{settings.inbox.resolve()}, warehouse {settings.db.resolve()}. Ctrl-C stops."
    )
    serve_deployments(specs, limit=limit)


@app.command()
def claims(
    db: DbOption = None,
    fmt: FormatOption = "table",
    limit: LimitOption = 50,
    subject: Annotated[str | None, typer.Option(help="only claims about this subject")] = None,
) -> None:
    """List extracted claims with their sources and quotes."""
    from warehouse import listings
    from warehouse.db import session

    with session(_db(db), read_only=True) as con:
        cols, rows = listings.claims(con, subject, limit)
    print_rows(cols, rows, fmt, title="claims")


@app.command()
def contradictions(
    db: DbOption = None,
    fmt: FormatOption = "table",
    limit: LimitOption = 50,
    min_severity: Annotated[float, typer.Option(help="hide rows below this severity")] = 0.0,
) -> None:
    """List contradictions between sources, most severe first: the table groups them
    by story and by frame (the measure and scope of the figures); json and csv give
    flat rows with story_id and measure."""
    from cli.stories import print_contradictions
    from warehouse.db import session

    with session(_db(db), read_only=True) as con:
        print_contradictions(con, fmt, limit, min_severity)


@app.command()
def updates(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """List update timelines: for each story and frame (measure and scope), the figures
    later reports replaced, in date order (e.g. a death toll 25 → 33 → 56 → 302) with
    their sources. json and csv give one row per figure."""
    from cli.stories import print_updates
    from warehouse.db import session

    with session(_db(db), read_only=True) as con:
        print_updates(con, fmt)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help='e.g. "SELECT * FROM claims_v LIMIT 5"')],
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Run a read-only SQL query on the warehouse (views: articles_v, claims_v,
    quantities_v, claim_dates_v, claim_sets_v, contradictions_v, claim_relations_v,
    stories_v, runs_v, failed_chunks_v)."""
    from warehouse import listings
    from warehouse.db import WarehouseBusy, session

    try:
        refused = listings.refused_statement(query)
    except duckdb.Error as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if refused:
        err.print(
            f"[red]refused:[/red] `crosscheck sql` is read-only and this query has a "
            f"{refused} statement. Only SELECT, EXPLAIN and PRAGMA are allowed."
        )
        raise typer.Exit(2)
    try:
        with session(_db(db), read_only=True) as con:
            cols, rows = listings.query(con, query)
    except (duckdb.Error, FileNotFoundError, WarehouseBusy) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None
    print_rows(cols, rows, fmt)


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write")] = Path(
        "reports/index.html"
    ),
    db: DbOption = None,
) -> None:
    """Write one self-contained HTML file: disagreements side by side, and every article
    with its claims highlighted."""
    from reporting.html import write_report
    from warehouse.db import session
    from warehouse.report_data import report_data

    with session(_db(db), read_only=True) as con:
        data = report_data(con)
    path = write_report(data, out)
    err.print(
        f"wrote {path} ({len(data['contradictions'])} disagreements, "
        f"{len(data['articles'])} articles)"
    )


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="csv | json | parquet (claims and contradictions), or "
            "claimreview (schema.org JSON-LD of the claims you reviewed)",
        ),
    ] = "csv",
    out: Annotated[Path, typer.Option("--out", "-o", help="folder to write into")] = Path(
        "exports"
    ),
    db: DbOption = None,
) -> None:
    """Export claims and contradictions, or your reviews as ClaimReview JSON-LD."""
    import json

    from warehouse.db import session
    from warehouse.exports import claim_reviews, export_views

    if fmt not in ("csv", "json", "parquet", "claimreview"):
        err.print(f"[red]error:[/red] unknown format {fmt!r}: csv, json, parquet or claimreview")
        raise typer.Exit(2)
    with session(_db(db), read_only=True) as con:
        if fmt == "claimreview":
            out.mkdir(parents=True, exist_ok=True)
            path = out / "claimreview.jsonld"
            reviews = claim_reviews(con)
            path.write_text(
                json.dumps(reviews, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            err.print(f"wrote {path} ({len(reviews)} reviews)")
            return
        for path in export_views(con, out, fmt):  # type: ignore[arg-type]
            err.print(f"wrote {path}")


@app.command()
def review(
    claim_id: Annotated[str, typer.Argument(help="a claim_id from `crosscheck claims`")],
    rating: Annotated[
        str, typer.Option(help="true | mostly-true | mixed | mostly-false | false | unverifiable")
    ],
    note: Annotated[str | None, typer.Option(help="why: the review's text")] = None,
    reviewer: Annotated[str | None, typer.Option(help="who reviewed it (person or desk)")] = None,
    db: DbOption = None,
) -> None:
    """Record your verdict on a claim (exported with `export --format claimreview`)."""
    from warehouse.db import session
    from warehouse.exports import UnknownClaim, save_review

    try:
        with session(_db(db)) as con:
            save_review(con, claim_id, rating, note, reviewer)
    except (UnknownClaim, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc.args[0]}")
        raise typer.Exit(2) from None
    err.print(f"recorded: {claim_id} is {rating}")
