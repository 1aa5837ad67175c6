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


def write_result(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(
        json.dumps({"machine": machine(), **data}, ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    return path
