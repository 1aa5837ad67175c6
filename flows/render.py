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
