"""Contradictions and update timelines for the terminal, grouped by story and by frame
(the measure and scope of the figures); json and csv give flat rows."""

from __future__ import annotations

import duckdb
from rich.console import Console

from cli.render import Format, print_grouped, print_rows
from warehouse.queries_stories import (
    contradiction_frames,
    group_rows,
    no_story,
    span_label,
    stories,
    update_timelines,
)


def print_contradictions(
    con: duckdb.DuckDBPyConnection,
    fmt: Format = "table",
    limit: int = 50,
    min_severity: float = 0.0,
    console: Console | None = None,
) -> None:
    rows = contradiction_frames(con, min_severity, limit)
    cols = ["kind", "severity", "subject", "source_a", "value_a", "source_b", "value_b"]
    if fmt != "table":
        cols += ["explanation", "quote_a", "quote_b", "contradiction_id", "claim_a", "claim_b"]
        cols += ["story_id", "measure"]
        print_rows(cols, [[r[c] for c in cols] for r in rows], fmt, console=console)
        return
    cols.remove("subject")
    groups = [
        (
            _story_heading(g["story"]),
            [(f["label"], [[r[c] for c in cols] for r in f["rows"]]) for f in g["frames"]],
        )
        for g in group_rows(rows, stories(con))
    ]
    print_grouped(
        ["frame", *cols],
        groups,
        title="contradictions between sources, by story and frame",
        console=console,
        empty="no contradictions",
    )


def _story_heading(story: dict) -> str:
    outlets = ", ".join(story["outlets"][:6]) + (" …" if len(story["outlets"]) > 6 else "")
    parts = [story["title"] or story["id"], span_label(story)]
    if outlets:
        parts.append(outlets)
    return " · ".join(p for p in parts if p)


def print_updates(con: duckdb.DuckDBPyConnection, fmt: Format = "table") -> None:
    timelines = update_timelines(con)
    story_meta = stories(con)
    if fmt != "table":
        cols = ["story_id", "story", "measure", "scope", "frame", "step", "as_of", "value"]
        cols += ["source", "outlet", "published", "claim_id", "quote"]
        rows = [
            [
                t["story_id"],
                story_meta.get(t["story_id"], {}).get("title"),
                t["measure"],
                t["scope"],
                t["label"],
                i,
                p["as_of"],
                p["value"],
                p["source"],
                p["outlet"],
                p["published"],
                p["claim"],
                p["quote"],
            ]
            for t in timelines
            for i, step in enumerate(t["steps"], 1)
            for p in step["figures"]
        ]
        print_rows(cols, rows, fmt)
        return
    by_story: dict[str, list[tuple[str, list[list[str]]]]] = {}
    for t in timelines:
        steps = [
            [
                s["as_of"] or "undated",
                s["value"],
                ", ".join(dict.fromkeys(p["source"] or p["outlet"] or "?" for p in s["figures"])),
            ]
            for s in t["steps"]
        ]
        by_story.setdefault(t["story_id"], []).append((t["label"], steps))
    groups = [
        (_story_heading(story_meta.get(sid) or no_story()), sections)
        for sid, sections in by_story.items()
    ]
    print_grouped(
        ["frame", "as_of", "value", "source"],
        groups,
        title="updates: later figures for the same thing, by story and frame",
        empty="no updates",
    )
