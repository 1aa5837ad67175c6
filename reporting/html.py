"""The self-contained HTML report: disagreements side by side, grouped by story and by
frame (warehouse.queries_stories) with each frame's update timeline, and every article with
its claims highlighted. One file, no network fetches: data is embedded as JSON and
drawn by a small script that only ever sets textContent (article text is untrusted)."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

_TEMPLATE = (Path(__file__).parent / "template.html").read_text(encoding="utf-8")


def render_report(data: dict[str, Any], title: str = "crosscheck report") -> str:
    payload = json.dumps(data, ensure_ascii=False, default=str)
    # Inside <script>, "</" could close the element early; "<\/" is the same JSON string.
    payload = payload.replace("</", "<\\/").replace("<!--", "<\\!--")
    return _TEMPLATE.replace("{{title}}", escape(title)).replace("{{data}}", payload)


def write_report(data: dict[str, Any], out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(data), encoding="utf-8")
    return out
