"""Printing rows for people (rich tables) and for programs (JSON, CSV)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Literal

from rich.console import Console
from rich.table import Table
from rich.text import Text

Format = Literal["table", "json", "csv"]


def _plain(v: Any) -> Any:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


def print_rows(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: Format = "table",
    title: str | None = None,
    console: Console | None = None,
) -> None:
    if fmt == "json":
        out = [{c: _plain(v) for c, v in zip(columns, r, strict=True)} for r in rows]
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in r] for r in rows])
        return
    console = console or Console()
    table = Table(title=title, show_lines=False, header_style="bold")
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*["" if v is None else _fmt_cell(v) for v in r])
    console.print(table)


def _fmt_cell(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.2f}" if abs(v) < 1000 else f"{v:,.0f}"
    return str(_plain(v))


Group = tuple[str, Sequence[tuple[str, Sequence[Sequence[Any]]]]]


def print_grouped(
    columns: Sequence[str],
    groups: Sequence[Group],
    title: str | None = None,
    console: Console | None = None,
    empty: str = "nothing to show",
) -> None:
    """One rich table per group (its heading as the table title), a section per label
    inside it: the label is the first column, written on its first row only."""
    console = console or Console()
    if title:
        console.print(f"[bold]{title}[/bold]")
    if not groups:
        console.print(f"[dim]{empty}[/dim]")
        return
    for heading, sections in groups:
        table = Table(title=Text(heading), title_justify="left", header_style="bold")
        widest = max((len(label) for label, _ in sections), default=0)
        for k, c in enumerate(columns):
            table.add_column(c, overflow="fold", min_width=min(widest, 18) if k == 0 else None)
        for i, (label, rows) in enumerate(sections):
            if i:
                table.add_section()
            for j, r in enumerate(rows):
                # Text, not markup: a quote or an outlet may hold "[…]".
                cells = [Text("" if v is None else _fmt_cell(v)) for v in r]
                table.add_row(Text(label, style="bold") if j == 0 else "", *cells)
        console.print(table)
