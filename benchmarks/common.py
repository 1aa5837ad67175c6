"""Where the public benchmark data sets come from and how results are written."""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from benchmarks import datasets

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def benchmark_sets(names: Iterable[str]) -> tuple[dict[str, Path], dict[str, str]]:
    """The folder of each named public data set that can be had (benchmarks/datasets.py:
    cache, local copy or mirror, hashes checked), and why each other one is skipped (a
    line is printed for each)."""
    found, skipped = {}, {}
    for name in names:
        folder = datasets.dataset_dir(name)
        if folder is None:
            skipped[name] = datasets.SKIPPED[name]
        else:
            found[name] = folder
    return found, skipped


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
    skipped: dict[str, str] | None = None,
) -> Path:
    """Print the excluded rows with their reasons and some failures, then write the
    result file of an accuracy benchmark (quantities, dates), with the data sets it
    skipped and why."""
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
            **({"skipped": skipped} if skipped else {}),
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
