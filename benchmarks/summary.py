"""Rewrite the results table in benchmarks/README.md from benchmarks/results/*.json."""

from __future__ import annotations

import json

from benchmarks.common import RESULTS, ROOT

README = ROOT / "benchmarks" / "README.md"
BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"


def _rows() -> list[str]:
    rows = []
    for path in sorted(RESULTS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        m = data.pop("machine", {})
        where = f"{m.get('cpus')} CPUs, {m.get('machine')}, Python {m.get('python')}"
        for key, value in _flatten(data):
            rows.append(f"| {path.stem} | {key} | {_fmt(value)} | {where} |")
    return rows


def _flatten(data: object, prefix: str = "") -> list[tuple[str, object]]:
    if isinstance(data, dict):
        out = []
        for k, v in data.items():
            out += _flatten(v, f"{prefix}.{k}" if prefix else str(k))
        return out
    if isinstance(data, list):
        return [(prefix, ", ".join(_fmt(x) for x in data))]
    return [(prefix, data)]


def _fmt(v: object) -> str:
    if isinstance(v, float):
        return f"{v:,.2f}" if abs(v) < 1000 else f"{v:,.0f}"
    return str(v)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    table = "\n".join(
        [BEGIN, "| benchmark | figure | value | machine |", "|---|---|---|---|", *_rows(), END]
    )
    if BEGIN in text:
        text = text.split(BEGIN)[0] + table + text.split(END)[1]
    else:
        text = text.rstrip() + "\n\n## Latest results\n\n" + table + "\n"
    README.write_text(text, encoding="utf-8")
    print(f"updated {README}")


if __name__ == "__main__":
    main()
