"""Markdown for Prefect artifacts: a run's summary and the report's top disagreements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from models.run_summary import RunSummary


def summary_markdown(s: RunSummary) -> str:
    lines = [
        f"# crosscheck run `{s.run_id}` — {s.status}",
        "",
        "| | |",
        "|---|---|",
        f"| extractor | {s.extractor}{f' ({s.model})' if s.model else ''} |",
        f"| files | {s.n_files} ({s.n_duplicate_files} duplicates of another, "
        f"{len(s.file_errors)} failed) |",
        f"| articles | {s.n_articles} ({s.n_skipped} already done) |",
        f"| chunks | {s.n_chunks} ({s.n_failed_chunks} failed) |",
        f"| claims | {s.n_claims} |",
        f"| contradictions | {s.n_contradictions} ({s.n_new_contradictions} new) |",
        f"| LLM calls | {s.llm_calls} ({s.prompt_tokens} prompt + {s.completion_tokens} "
        f"completion tokens; {s.llm_cached_chunks} chunks from cache, "
        f"{s.llm_skipped_chunks} skipped) |",
        f"| estimated cost | {_cost(s)} |",
        f"| LLM judge | {s.judge_pairs} text pairs ({s.judge_cached} cached, {s.judge_calls} "
        f"calls, {s.judge_failed} failed, {s.judge_tokens} tokens) |",
        f"| duration | {s.duration_s:.1f} s |",
        f"| warehouse | `{s.db}` |",
    ]
    if s.file_errors:
        lines += ["", "## Files not ingested", ""]
        lines += [f"- `{path}`: {why}" for path, why in s.file_errors]
    if s.chunk_errors:
        lines += ["", "## Failed chunks", ""]
        lines += [f"- article `{a}` chunk {i}: {why}" for a, i, why in s.chunk_errors[:50]]
    return "\n".join(lines)


def _cost(s: RunSummary) -> str:
    if s.llm_cost_usd is not None:
        return f"~${s.llm_cost_usd:.4f}"
    if s.llm_calls == 0:
        return "$0 (no LLM calls)"
    return f"unknown: no price for {s.model}; set CROSSCHECK_LLM_PRICE_IN and _OUT"


def top_disagreements_markdown(data: dict[str, Any], path: Path, limit: int = 10) -> str:
    """The report's top rows as markdown, for a Prefect artifact."""
    rows = data["contradictions"][:limit]
    lines = [
        f"# Top disagreements ({data['n_contradictions']} in all)",
        "",
        f"Full report: `{path.resolve()}`",
        "",
    ]
    if not rows:
        return "\n".join([*lines, "No contradictions found."])
    lines += [
        "| kind | severity | topic | source A | value A | source B | value B |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in rows:
        a, b = c["sides"]
        cells = [
            c["kind"],
            f"{c['severity']:.2f}",
            c["topic"],
            a["source"],
            a["value"],
            b["source"],
            b["value"],
        ]
        lines.append("| " + " | ".join(str(x or "").replace("|", "\\|") for x in cells) + " |")
    return "\n".join(lines)
