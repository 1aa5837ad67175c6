"""Where the public benchmark data lives and how results are written."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def shared_benchmarks() -> Path:
    """../shared/benchmarks beside the repo, or $CROSSCHECK_BENCHMARKS."""
    path = Path(os.environ.get("CROSSCHECK_BENCHMARKS", ROOT.parent / "shared" / "benchmarks"))
    if not path.is_dir():
        raise SystemExit(f"benchmark data not found at {path}: set CROSSCHECK_BENCHMARKS")
    return path


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "system": platform.system(),
    }


def finish_accuracy_report(
    name: str,
    n: int,
    ok: int,
    per_source: Any,
    per_category: Any,
    excluded: dict[str, int],
    reasons: dict[str, str],
    failures: dict[tuple[str, str], list[str]],
) -> Path:
    """Print the excluded rows with their reasons and some failures, then write the
    result file of an accuracy benchmark (quantities, dates)."""
    print("\nexcluded (rows: reason)")
    for key, count in sorted(excluded.items()):
        print(f"  {key:30} {count:4}  {reasons[key]}")
    print("\nsome failures")
    for (src, cat), fails in sorted(failures.items()):
        for f in fails:
            print(f"  {src}/{cat}: {f}")
    path = write_result(
        name,
        {
            "overall": {"n": n, "ok": ok, "accuracy": round(ok / n, 4)},
            "per_source": per_source,
            "per_category": per_category,
            "excluded": {k: {"rows": c, "reason": reasons[k]} for k, c in excluded.items()},
        },
    )
    print(f"\nwritten {path}")
    return path


def write_result(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(
        json.dumps({"machine": machine(), **data}, ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    return path
