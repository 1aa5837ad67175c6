"""The self-contained HTML report: disagreements side by side, grouped by story and by
frame (warehouse.queries_stories) with each frame's update timeline, and every article with
its claims highlighted. One file, no network fetches: data is embedded as JSON and
drawn by a small script that only ever sets textContent (article text is untrusted)."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

_TEMPLATE = (Path(__file__).parent / "report_template.html").read_text(encoding="utf-8")


def render_report(data: dict[str, Any], title: str = "crosscheck report") -> str:
    payload = json.dumps(data, ensure_ascii=False, default=str)
    # Inside <script>, "</" could close the element early; "<\/" is the same JSON string.
    payload = payload.replace("</", "<\\/").replace("<!--", "<\\!--")
    return _TEMPLATE.replace("{{title}}", escape(title)).replace("{{data}}", payload)


def write_report(data: dict[str, Any], out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(data), encoding="utf-8")
    return out


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
